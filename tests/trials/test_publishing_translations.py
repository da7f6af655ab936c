"""Publishing a study whose texts have no Chinese yet: the admin is told what Chinese-reading patients would meet
in English, per language, and publishes only once they confirm (registries are often English only): on the
review page, from the trial list for several at once, and said afterwards when the trial form's box is ticked."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.formdata import form_data
from trials.models import Criterion, Trial

pytestmark = pytest.mark.django_db

RECORDS = Path(__file__).resolve().parent / "registry" / "records"
COPD_STUDY = "NCT03197818"
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


@pytest.fixture
def reviewed(db):
    """An imported study, every draft approved: nothing stops its publishing but the missing Chinese."""
    call_command("import_ctgov", str(RECORDS / f"{COPD_STUDY}.json"), stdout=StringIO())
    trial = Trial.objects.get(nct_id=COPD_STUDY)
    trial.criteria.filter(status=Criterion.Status.DRAFT).update(status=Criterion.Status.APPROVED)
    return trial


def translate_everything(trial):
    trial.patient_title_zh_hans = "吸入治疗与重度慢阻肺的肺功能"
    trial.save()
    for site in trial.sites.all():
        for field in ["facility", "city", "state", "country"]:
            if getattr(site, f"{field}_en"):
                setattr(site, f"{field}_zh_hans", "上海")
        site.save()
    for criterion in trial.criteria.all():
        if criterion.explanation_en or criterion.question_id is None:
            criterion.explanation_zh_hans = "由研究团队核对。"
            criterion.save()


@pytest.mark.parametrize(
    ("headers", "asks", "gap"),
    [
        (
            {},
            "Publish 1 trial without all its translations?",
            "Patients reading Simplified Chinese will see these in English",
        ),
        (ZH, "在翻译尚未齐全时发布这1项试验吗？", "使用简体中文的患者将看到以下内容的英文原文"),
    ],
)
def test_publishing_from_the_review_page_first_says_what_has_no_chinese_and_asks(
    admin_client, reviewed, headers, asks, gap
):
    url = reverse("admin:trials_trial_review_action", args=[reviewed.pk])
    page = admin_client.post(url, {"action": "publish"}, **headers)
    html = page.content.decode()
    assert page.status_code == 200 and asks in html and gap in html
    assert html.count("data-language-gap") == 1  # one line per language besides English
    assert '<input type="hidden" name="confirmed" value="yes">' in html and "csrfmiddlewaretoken" in html
    assert not Trial.objects.get(pk=reviewed.pk).is_published  # nothing happened yet

    done = admin_client.post(url, {"action": "publish", "confirmed": "yes"}, **headers)
    assert done.status_code == 302 and Trial.objects.get(pk=reviewed.pk).is_published


def test_the_question_names_each_missing_text(admin_client, reviewed):
    from trials.admin import untranslated

    [chinese] = untranslated(reviewed)
    assert chinese["language"] == "Simplified Chinese"
    # its criteria for the study team: a clause's own, an antihistamine exception's, the items no draft reads
    assert chinese["missing"] == ["title for patients", "3 criteria"]
    reviewed.sites.create(facility="Shanghai Pulmonary Hospital", city="Shanghai", country="China")
    reviewed.sites.create(facility="Ruijin Hospital", city="Shanghai", country="China")
    [chinese] = untranslated(reviewed)
    assert chinese["missing"] == ["title for patients", "3 criteria", "2 sites"]
    assert chinese["sentence"].endswith(": title for patients, 3 criteria, 2 sites.")


def test_a_study_with_every_translation_is_published_without_a_question(admin_client, reviewed):
    from trials.admin import untranslated

    reviewed.sites.create(facility="Ruijin Hospital", city="Shanghai", country="China")  # a study with a hospital
    translate_everything(reviewed)
    assert untranslated(reviewed) == []
    response = admin_client.post(reverse("admin:trials_trial_review_action", args=[reviewed.pk]), {"action": "publish"})
    assert response.status_code == 302 and Trial.objects.get(pk=reviewed.pk).is_published


def test_a_study_still_to_review_is_refused_as_before_not_asked_about_translations(admin_client, reviewed):
    reviewed.criteria.filter(question__key="age").update(status=Criterion.Status.DRAFT)
    response = admin_client.post(reverse("admin:trials_trial_review_action", args=[reviewed.pk]), {"action": "publish"})
    assert response.status_code == 302 and not Trial.objects.get(pk=reviewed.pk).is_published


def test_publishing_several_from_the_list_asks_the_same_question_once_for_all(admin_client, reviewed, seed_trials):
    changelist = reverse("admin:trials_trial_changelist")
    waiting = Trial.objects.create(nct_id="NCT09999999", brief_title="Still to review")
    Criterion.objects.create(trial=waiting, kind="inclusion", source_text="Adults", status=Criterion.Status.DRAFT)
    chosen = {"action": "publish_selected", "_selected_action": [reviewed.pk, waiting.pk]}
    page = admin_client.post(changelist, chosen)
    html = page.content.decode()
    assert page.status_code == 200 and "Publish 2 trials without all their translations?" in html
    assert "Patients reading Simplified Chinese will see these in English" in html
    assert "cannot be published while 1 criterion is still to review: approve, edit or reject it" in html
    assert f'<input type="hidden" name="_selected_action" value="{reviewed.pk}">' in html
    assert not Trial.objects.filter(pk__in=[reviewed.pk, waiting.pk], is_published=True).exists()

    done = admin_client.post(changelist, {**chosen, "confirmed": "yes"}, follow=True)
    assert Trial.objects.get(pk=reviewed.pk).is_published and not Trial.objects.get(pk=waiting.pk).is_published
    html = done.content.decode()
    assert f"{COPD_STUDY} is published." in html and "NCT09999999: This trial cannot be published" in html


def test_ticking_published_in_the_trial_form_says_afterwards_what_has_no_chinese(admin_client, reviewed):
    url = reverse("admin:trials_trial_change", args=[reviewed.pk])
    data = form_data(admin_client.get(url).content.decode(), "trial_form")
    data["is_published"] = "on"
    page = admin_client.post(url, data, follow=True).content.decode()
    assert Trial.objects.get(pk=reviewed.pk).is_published
    assert "Patients reading Simplified Chinese will see these in English" in page


@pytest.mark.parametrize(
    ("headers", "names"),
    [
        ({}, "Criteria without Simplified Chinese, each opening where it is translated:"),
        (ZH, "以下标准还没有简体中文，点击可打开它的翻译页面："),
    ],
)
def test_the_question_names_each_criterion_without_chinese_and_links_to_where_it_is_translated(
    admin_client, reviewed, headers, names
):
    reviewed.sites.create(facility="Ruijin Hospital", city="Shanghai", country="China", facility_zh_hans="瑞金医院")
    lacking = [c for c in reviewed.criteria.filter(status=Criterion.Status.APPROVED) if c.missing_translations()]
    assert len(lacking) == 3  # the record's criteria for the study team
    approved = reviewed.criteria.filter(status=Criterion.Status.APPROVED)
    translated = approved.exclude(pk__in=[c.pk for c in lacking]).first()
    url = reverse("admin:trials_trial_review_action", args=[reviewed.pk])
    html = admin_client.post(url, {"action": "publish"}, **headers).content.decode()
    assert names in html
    for criterion in lacking:
        assert f'data-untranslated-criterion="{criterion.pk}"' in html
        assert reverse("admin:trials_criterion_change", args=[criterion.pk]) in html
    assert f'data-untranslated-criterion="{translated.pk}"' not in html  # a criterion with its Chinese is not named
    site = reviewed.sites.get()
    assert f'data-untranslated-site="{site.pk}"' in html and reverse("admin:trials_site_change", args=[site.pk]) in html
    translate_everything(reviewed)
    reviewed.sites.update(facility_zh_hans="瑞金医院")  # nothing left to name: no question at all
    done = admin_client.post(url, {"action": "publish"}, **headers)
    assert done.status_code == 302 and Trial.objects.get(pk=reviewed.pk).is_published


@pytest.mark.parametrize(
    ("headers", "reads"), [({}, "Exclusion: for the study team to check, “"), (ZH, "排除标准：由研究团队核对，“")]
)
def test_criteria_for_the_study_team_are_told_apart_by_their_own_words(admin_client, reviewed, headers, reads):
    """The walkthrough's admin read three identical links "Exclusion: for the study team to check"."""
    import re

    reviewed.sites.create(facility="Ruijin Hospital", city="Shanghai", country="China", facility_zh_hans="瑞金医院")
    url = reverse("admin:trials_trial_review_action", args=[reviewed.pk])
    html = admin_client.post(url, {"action": "publish"}, **headers).content.decode()
    links = re.findall(r'data-untranslated-criterion="\d+"><a [^>]*>(.*?)</a>', html)
    assert len(links) == 3 and len(set(links)) == 3
    assert all(link.startswith(reads) and '<span lang="en">' in link for link in links)
