"""A nurse sees which study a referral is for by its title, not only by its registry number (walkthrough 11)."""

from django.urls import reverse

from tests.screener.staff.test_staff_language import EN, ZH, detail, sent_in  # noqa: F401  (the fixture)

COPD_TITLE = "Treatment of Chronic Obstructive Pulmonary Disease (COPD) by REGEND007 Cell Therapy"


def listing(client, **headers) -> str:
    return client.get(reverse("staff:list"), **headers).content.decode()


def test_the_referral_list_and_page_name_the_study_and_keep_its_number(sent_in, staff_a_client):  # noqa: F811
    referral = sent_in("en")
    for html in (listing(staff_a_client, **EN), detail(staff_a_client, referral, **EN)):
        assert referral.trial.title_for_patients in html
        assert "NCT07355868" in html


def test_a_chinese_page_shows_the_chinese_title_where_an_admin_wrote_one(sent_in, staff_a_client):  # noqa: F811
    referral = sent_in("zh-hans")
    trial = referral.trial
    assert trial.patient_title_zh_hans  # the seed gives the COPD study a Chinese title
    html = listing(staff_a_client, **ZH)
    assert trial.patient_title_zh_hans in html
    assert "NCT07355868" in html


def test_a_title_with_no_translation_is_marked_as_the_registry_s_english(sent_in, staff_a_client):  # noqa: F811
    referral = sent_in("en")
    trials = type(referral.trial).objects
    trials.filter(pk=referral.trial_id).update(patient_title_zh_hans="")
    english = trials.get(pk=referral.trial_id).patient_title_en or COPD_TITLE
    html = listing(staff_a_client, **ZH)
    assert f'lang="en">{english}' in html
