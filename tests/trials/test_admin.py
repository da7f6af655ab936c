"""Admins keep each trial's criteria right in Django admin."""

import pytest
from django.urls import reverse

from tests.formdata import form_data
from tests.trials.profiles import COPD
from trials.models import Criterion, Question, Trial

pytestmark = pytest.mark.django_db


def trial_change_url(nct_id=COPD):
    return reverse("admin:trials_trial_change", args=[Trial.objects.get(nct_id=nct_id).pk])


def test_the_trial_list_filters_and_searches(admin_client, seed_trials):
    Trial.objects.filter(nct_id=COPD).update(is_published=False)
    page = admin_client.get(reverse("admin:trials_trial_changelist"), {"is_published__exact": "0"}).content.decode()
    assert COPD in page and "NCT06534528" not in page
    page = admin_client.get(reverse("admin:trials_trial_changelist"), {"q": "interstitial"}).content.decode()
    assert "NCT06534528" in page and COPD not in page
    page = admin_client.get(reverse("admin:trials_trial_changelist"), {"q": "NCT07355868"}).content.decode()
    assert COPD in page


def test_a_trial_shows_its_sites_and_each_rule_in_words(admin_client, seed_trials):
    page = admin_client.get(trial_change_url()).content.decode()
    assert "The Fourth Hospital of Zhejiang University School of Medicine" in page
    assert "150 m ≤ six-minute walk distance &lt; 600 m" in page
    assert "40 years ≤ age ≤ 80 years" in page
    assert "excluded if hospital stays for a lung flare-up in the last 12 months &gt; 4 times" in page


def inline_form(admin_client, criterion):
    """The trial's change form as the browser would post it, and the inline prefix of one criterion."""
    url = trial_change_url()
    data = form_data(admin_client.get(url).content.decode(), "trial_form")
    prefix = next(
        k[: -len("-id")]
        for k, v in data.items()
        if k.startswith("criteria-") and k.endswith("-id") and v == str(criterion.pk)
    )
    return url, data, prefix


def test_an_admin_edits_a_rule_inline_and_it_becomes_theirs(admin_client, seed_trials):
    age = Criterion.objects.get(trial__nct_id=COPD, question__key="age")
    url, data, prefix = inline_form(admin_client, age)
    data[f"{prefix}-max_value"] = "79"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    age.refresh_from_db()
    assert (age.max_value, age.origin) == (79, Criterion.Origin.EDITED)


def test_an_inconsistent_rule_cannot_be_saved_inline(admin_client, seed_trials):
    walk = Criterion.objects.get(trial__nct_id=COPD, question__key="sixmwd_m")
    url, data, prefix = inline_form(admin_client, walk)
    data[f"{prefix}-min_value"] = "700"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "The minimum is above the maximum." in response.content.decode()
    walk.refresh_from_db()
    assert walk.min_value == 150


def test_a_criterion_with_codes_its_question_lacks_cannot_be_added(admin_client, seed_trials):
    data = {
        "trial": Trial.objects.get(nct_id=COPD).pk,
        "kind": "exclusion",
        "status": "approved",
        "order": "99",
        "question": Question.objects.get(key="cancer_history").pk,
        "values": '["lung"]',
        "uncertain_values": "[]",
        "source_text": "words",
        "explanation": "",
    }
    response = admin_client.post(reverse("admin:trials_criterion_add"), data)
    assert response.status_code == 200
    assert "Not answers to this question: lung" in response.content.decode()
    data["values"] = '["within_5y"]'
    assert admin_client.post(reverse("admin:trials_criterion_add"), data).status_code == 302


def test_an_admin_edits_question_wording_but_not_the_key_of_a_question_in_use(admin_client, seed_trials):
    question = Question.objects.get(key="dlco_pct_pred")
    url = reverse("admin:trials_question_change", args=[question.pk])
    page = admin_client.get(url).content.decode()
    data = form_data(page, "question_form")
    assert "key" not in data
    data["prompt_en"] = "What was your DLCO (% predicted)?"  # each language has its own field
    assert admin_client.post(url, data).status_code == 302
    question.refresh_from_db()
    assert (question.key, question.prompt) == ("dlco_pct_pred", "What was your DLCO (% predicted)?")


@pytest.mark.parametrize("is_staff", [False, True])
def test_people_without_admin_rights_are_kept_out(client, django_user_model, seed_trials, is_staff):
    user = django_user_model.objects.create_user("nurse", password="a-long-test-password", is_staff=is_staff)
    client.force_login(user)
    response = client.get(trial_change_url())
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/admin/login/" in response["Location"]


def test_anonymous_visitors_are_sent_to_the_login_page(client, seed_trials):
    response = client.get(reverse("admin:trials_trial_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_admin_warns_when_no_one_at_a_site_can_be_told_of_new_referrals(admin_client, site_a, django_user_model):
    from django.urls import reverse

    from trials.models import StaffMembership

    warning = "No one will hear of new referrals to this site"
    page = admin_client.get(reverse("admin:trials_site_change", args=[site_a.pk])).content.decode()
    assert warning in page
    assert (
        "No one: no active member has an email address"
        in admin_client.get(reverse("admin:trials_site_changelist")).content.decode()
    )

    no_email = django_user_model.objects.create_user("no_email", "", "pw-long-enough-1")
    StaffMembership.objects.create(user=no_email, site=site_a)
    assert warning in admin_client.get(reverse("admin:trials_site_change", args=[site_a.pk])).content.decode()

    nurse = django_user_model.objects.create_user("nurse", "nurse@hospital.example", "pw-long-enough-1")
    StaffMembership.objects.create(user=nurse, site=site_a)
    assert warning not in admin_client.get(reverse("admin:trials_site_change", args=[site_a.pk])).content.decode()
    assert "1 staff member(s) by email" in admin_client.get(reverse("admin:trials_site_changelist")).content.decode()


def test_a_trials_criteria_are_collapsed_and_linked_to_their_own_list(admin_client, seed_trials):
    from django.urls import reverse

    from trials.models import Trial

    trial = Trial.objects.get(nct_id="NCT07355868")
    page = admin_client.get(reverse("admin:trials_trial_change", args=[trial.pk])).content.decode()
    assert f"/admin/trials/criterion/?trial__id__exact={trial.pk}" in page
    assert "collapse" in page


@pytest.mark.parametrize("page", ["trials_trial_changelist", "trials_criterion_changelist", "trials_site_changelist"])
def test_attack_admin_lists_never_read_a_trial_s_registry_texts(admin_client, seed_trials, page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    Trial.objects.filter(nct_id=COPD).update(
        eligibility_text="Inclusion: age 40. " * 5000, registry_summary="x" * 10**5
    )
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(reverse(f"admin:{page}"))
    assert response.status_code == 200 and COPD in response.content.decode()
    read = " ".join(q["sql"] for q in queries.captured_queries)
    for column in ("eligibility_text", "registry_summary", "source_record", "official_title"):
        assert f'"trials_trial"."{column}"' not in read and f'T3."{column}"' not in read, column


@pytest.mark.parametrize(
    ("language", "header", "title"),
    [
        (
            "en",
            "Lung disease study finder: administration",
            "Trials, referrals and accounts | Lung disease study finder admin",
        ),
        ("zh-hans", "肺病临床研究查找：管理后台", "试验、转介和账户 | 肺病临床研究查找管理"),
    ],
)
def test_admin_is_headed_by_the_product_s_name_in_the_reader_s_language(admin_client, language, header, title):
    page = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert header in page and f"<title>{title}</title>" in page
    assert "Django administration" not in page and "Django 管理" not in page


@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("en", ["Login attempts and lockouts", "Backup codes", "Authenticator apps", "Background tasks"]),
        ("zh-hans", ["登录尝试与锁定", "备用验证码", "身份验证器应用", "后台任务"]),
    ],
)
def test_the_admin_index_names_the_libraries_apps_readably_not_by_their_labels(admin_client, language, names):
    page = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    for name in names:
        assert f">{name}</a>" in page
    for label in ("Otp_Totp", "Otp_Static", "Axes</a>", "Tasks Database Backend"):
        assert label not in page
