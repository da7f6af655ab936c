"""`sync_ctgov` against a fake ClinicalTrials.gov on 127.0.0.1: pages and filters, studies that drop out of the
filter and close, changed eligibility texts sent back to review, and a registry that is slow, busy or broken.
No test touches the internet."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from screener.preferences.models import LanguagePreference
from screener.referrals.models import OutgoingEmail
from tests.fake_ctgov import FakeRegistry, study
from trials.models import CatalogueVersion, Criterion, Trial
from trials.registry import api
from trials.registry.importing import draft_pending

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(settings):
    fake = FakeRegistry(slow_seconds=0.6).start()
    settings.CTGOV_API_URL = fake.url
    settings.CTGOV_SYNC_CONDITIONS = ["COPD"]
    settings.CTGOV_TIMEOUT_SECONDS = 0.2
    settings.CTGOV_RETRIES = 3
    settings.CTGOV_BACKOFF_SECONDS = 0.01
    settings.CTGOV_MAX_WAIT_SECONDS = 0.05
    settings.CTGOV_PAGE_SIZE = 5
    # Drafting is the background worker's: the tests that need drafts call draft_pending() themselves.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    yield fake
    fake.stop()


def sync(*args: str) -> tuple[str, str, bool]:
    out, err = StringIO(), StringIO()
    try:
        call_command("sync_ctgov", *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue(), False
    except CommandError as error:
        return out.getvalue(), err.getvalue() + str(error), True


def studies_requests(registry) -> list[dict]:
    return [query for path, query in registry.requests if path.endswith("/studies")]


def test_every_page_of_the_listing_is_imported_and_the_summary_counts_the_requests(registry):
    registry.put(*(study(n) for n in range(1, 13)))
    out, err, failed = sync()
    assert not failed, err
    assert "12 fetched, 12 created, 0 updated, 0 unchanged, 0 closed, 0 refused; 3 requests made" in out
    assert Trial.objects.count() == 12
    tokens = [q.get("pageToken") for q in studies_requests(registry)]
    assert tokens == [None, ["tok5"], ["tok10"]]  # each page asked with the previous page's nextPageToken
    assert studies_requests(registry)[0]["countTotal"] == ["true"]  # the progress bar's total
    assert Trial.objects.filter(needs_drafting=True).count() == 12  # drafting is left to the background
    assert "being drafted in the background" in out


def test_the_listing_asks_for_the_conditions_and_statuses_and_takes_only_what_matches(registry):
    registry.put(
        study(1),
        study(2, status="NOT_YET_RECRUITING"),
        study(3, status="COMPLETED"),
        study(4, conditions=("Asthma",)),
        study(5, conditions=("Bronchiectasis",)),
    )
    out, err, failed = sync("--condition", "COPD", "--condition", "asthma")
    assert not failed, err
    assert sorted(Trial.objects.values_list("nct_id", flat=True)) == ["NCT00000001", "NCT00000002", "NCT00000004"]
    first = studies_requests(registry)[0]
    assert first["query.cond"] == ["COPD"]
    assert first["filter.overallStatus"] == ["RECRUITING,NOT_YET_RECRUITING"]
    assert first["pageSize"] == ["5"]


def test_the_default_conditions_come_from_the_setting_and_an_unknown_status_is_refused_before_any_request(
    registry, settings
):
    settings.CTGOV_SYNC_CONDITIONS = ["Asthma", "Sarcoidosis"]
    registry.put(study(1, conditions=("Sarcoidosis",)))
    out, _err, _failed = sync()
    assert [q["query.cond"] for q in studies_requests(registry)] == [["Asthma"], ["Sarcoidosis"]]
    assert Trial.objects.filter(nct_id="NCT00000001").exists()
    before = len(registry.requests)
    _out, err, failed = sync("--status", "OPEN_SOON")
    assert failed and "Not a registry status: OPEN_SOON" in err
    assert len(registry.requests) == before


def test_a_second_run_with_nothing_changed_writes_nothing(registry):
    registry.put(*(study(n) for n in range(1, 8)))
    sync()
    version = CatalogueVersion.current()
    out, _err, failed = sync()
    assert not failed
    assert "7 fetched, 0 created, 0 updated, 7 unchanged, 0 closed, 0 refused; 2 requests made" in out
    assert CatalogueVersion.current() == version


@pytest.fixture
def copd_registry(registry, seed_trials):
    """The registry holds the seed COPD study (NCT07355868, recruiting) and two more."""
    from tests.fake_ctgov import COPD_RECORD

    registry.put(COPD_RECORD, study(1), study(2))
    return registry


def test_a_study_that_stopped_recruiting_is_closed_its_sites_told_and_its_patients_see_it(
    copd_registry, referral_a, staff_a, patient
):
    LanguagePreference.objects.create(user=staff_a, language="zh-hans")
    sync()
    OutgoingEmail.objects.all().delete()  # the referral's own email
    trial = Trial.objects.get(nct_id="NCT07355868")
    assert trial.is_published

    from tests.fake_ctgov import COPD_RECORD

    completed = study(0)
    completed["protocolSection"] = {**COPD_RECORD["protocolSection"]}
    completed["protocolSection"]["statusModule"] = {**COPD_RECORD["protocolSection"]["statusModule"]}
    completed["protocolSection"]["statusModule"]["overallStatus"] = "COMPLETED"
    copd_registry.put(completed)
    out, err, failed = sync()

    assert not failed, err
    assert "1 closed" in out
    asked = [q for q in studies_requests(copd_registry) if "filter.ids" in q]
    assert "NCT07355868" in asked[-1]["filter.ids"][0]  # the study that dropped out was asked for by id
    trial.refresh_from_db()
    assert (trial.overall_status, trial.is_published) == ("COMPLETED", False)
    # No longer offered: its sites take no requests.
    assert (
        patient.get(reverse("referrals:refer", args=[patient.screening_id, referral_a.site.public_id])).status_code
        == 404
    )
    [email] = OutgoingEmail.objects.all()
    assert email.recipients == ["nurse_a@hospital.example"]
    assert "NCT07355868" in email.subject and "停止招募" in email.subject  # in the member's language
    assert "Li Wei" not in email.body and referral_a.reference not in email.body
    page = patient.post(reverse("referrals:request_status"), {"reference": referral_a.reference}).content.decode()
    assert "The study has stopped recruiting" in page
    chinese = patient.post(
        reverse("referrals:request_status"), {"reference": referral_a.reference}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()
    assert "该研究已停止招募" in chinese

    out, _err, _failed = sync()  # told once, not every day
    assert "0 closed" in out and OutgoingEmail.objects.count() == 1


def test_a_study_that_left_the_listing_but_still_recruits_is_updated_not_closed(copd_registry):
    sync()
    moved = study(2, conditions=("Emphysema",))
    copd_registry.put(moved)
    out, _err, _failed = sync()
    assert "0 closed" in out and "1 updated" in out
    trial = Trial.objects.get(nct_id="NCT00000002")
    assert trial.conditions == ["Emphysema"] and trial.overall_status == "RECRUITING"


def test_a_study_whose_status_the_registry_no_longer_knows_is_named_not_closed(copd_registry):
    sync()
    copd_registry.put(study(1, status="UNKNOWN"))
    out, _err, _failed = sync()
    assert "0 closed" in out and "NCT00000001: the registry now gives its status as UNKNOWN; left as it is" in out
    assert Trial.objects.get(nct_id="NCT00000001").overall_status == "UNKNOWN"


def test_a_study_the_registry_no_longer_has_is_left_as_it_is_and_named(copd_registry):
    sync()
    copd_registry.remove("NCT00000001")
    out, _err, _failed = sync()
    assert "NCT00000001: the registry no longer has this study; left as it is" in out
    assert Trial.objects.get(nct_id="NCT00000001").overall_status == "RECRUITING"


CHANGED = "Subjects diagnosed with pneumonia (including bacterial, fungal, or viral pneumonia) within 8 weeks before screening."
OLD = "Subjects diagnosed with pneumonia (including bacterial, fungal, or viral pneumonia) within 4 weeks before screening."
GONE = "Subjects with severe malnutrition at the time of screening."


def changed_copd_record() -> dict:
    import copy

    from tests.fake_ctgov import COPD_RECORD

    record = copy.deepcopy(COPD_RECORD)
    module = record["protocolSection"]["eligibilityModule"]
    module["eligibilityCriteria"] = module["eligibilityCriteria"].replace(OLD, CHANGED).replace(f"* {GONE}\n", "")
    return record


def test_a_changed_clause_goes_back_to_review_with_old_and_new_words_while_the_rest_keeps_screening(
    copd_registry, admin_client
):
    sync()
    trial = Trial.objects.get(nct_id="NCT07355868")
    approved_before = set(trial.criteria.approved().values_list("pk", flat=True))
    pneumonia = trial.criteria.get(clause_text__contains="pneumonia", question__key="pneumonia_last_month")
    gone = trial.criteria.get(clause_text__contains="severe malnutrition")
    assert pneumonia.status == gone.status == Criterion.Status.APPROVED
    version = trial.criteria_version

    copd_registry.put(changed_copd_record())
    out, _err, failed = sync()
    assert not failed and "1 updated" in out
    draft_pending()  # the background drafting of the changed study

    pneumonia.refresh_from_db()
    gone.refresh_from_db()
    trial.refresh_from_db()
    assert pneumonia.status == Criterion.Status.DRAFT  # marked for review: it no longer screens
    assert pneumonia.previous_clause_text.endswith(OLD) and CHANGED in pneumonia.clause_text
    assert gone.status == Criterion.Status.REJECTED and gone.clause_start is None  # its clause is gone
    assert GONE in gone.previous_clause_text
    # The changed clause is drafted again beside the old criterion: the new window (8 weeks = 56 days).
    redrafted = trial.criteria.filter(clause_start=pneumonia.clause_start, status=Criterion.Status.DRAFT).exclude(
        pk=pneumonia.pk
    )
    assert any(c.question and c.question.key == "days_since_pneumonia" and c.max_value == 56 for c in redrafted)
    # Meanwhile the trial stays published and screens on its other approved criteria.
    assert trial.is_published and trial.criteria_version > version
    still = set(trial.criteria.approved().values_list("pk", flat=True))
    assert still == approved_before - {pneumonia.pk, gone.pk}

    page = admin_client.get(reverse("admin:trials_trial_review", args=[trial.pk])).content.decode()
    assert "data-clause-changed" in page and "Before" in page and "Now" in page
    assert "within 4 weeks before screening" in page and "within 8 weeks before screening" in page
    assert "data-clause-gone" in page and "severe malnutrition" in page


def test_a_patient_who_failed_only_a_changed_clause_is_no_longer_ruled_out_by_it(copd_registry):
    from tests.trials.profiles import MATCHES_COPD
    from trials import catalogue

    sync()
    answers = {**MATCHES_COPD, "pneumonia_last_month": "yes"}  # excluded by the old clause
    assert str(catalogue.judge_current_criteria(Trial.objects.get(nct_id="NCT07355868"), answers).verdict) == "no_match"
    copd_registry.put(changed_copd_record())
    sync()
    result = catalogue.judge_current_criteria(Trial.objects.get(nct_id="NCT07355868"), answers)
    assert str(result.verdict) != "no_match"


def test_the_registry_busy_or_failing_is_asked_again_after_a_wait(registry):
    registry.put(*(study(n) for n in range(1, 4)))
    registry.fail("429", retry_after=0)
    registry.fail("503", times=2)
    out, err, failed = sync()
    assert not failed, err
    assert "3 created" in out and "4 requests made" in out


def test_a_registry_that_answers_too_slowly_is_asked_again(registry):
    registry.put(study(1))
    registry.fail("timeout")
    out, err, failed = sync()
    assert not failed, err
    assert "1 created" in out and "2 requests made" in out


def test_retry_after_is_honoured_up_to_the_cap(registry):
    registry.put(study(1))
    registry.fail("429", retry_after=3600)
    waits = []
    with api.Client(registry.url, max_wait=0.05, sleep=waits.append) as client:
        [page] = list(client.search("COPD", ["RECRUITING"]))
    assert waits == [0.05] and len(page["studies"]) == 1
    assert api.retry_after("12") == 12
    assert api.retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0  # a date in the past: at once
    assert api.retry_after("soon") is None


def test_when_the_registry_cannot_be_reached_the_sync_fails_politely_after_a_few_tries(settings, db):
    settings.CTGOV_API_URL = "http://127.0.0.1:9/api/v2"  # the discard port: nothing listens
    settings.CTGOV_RETRIES = 2
    settings.CTGOV_BACKOFF_SECONDS = 0.01
    settings.CTGOV_TIMEOUT_SECONDS = 0.2
    settings.CTGOV_SYNC_CONDITIONS = ["COPD"]
    out, err, failed = sync()
    assert failed
    assert "Could not reach ClinicalTrials.gov at http://127.0.0.1:9/api/v2" in err
    assert "3 requests made" in out and "Traceback" not in err


def test_a_run_stopped_halfway_leaves_every_study_whole_and_the_next_run_completes_it(registry):
    registry.put(*(study(n) for n in range(1, 13)))
    registry.fail("ok")
    registry.fail("503", times=10)  # the first page comes, then the registry goes away
    out, err, failed = sync()
    assert failed and "Could not reach" in err
    assert Trial.objects.count() == 5
    for trial in Trial.objects.all():  # whole: its sites and the registry's age limits came with it
        assert trial.sites.exists() and trial.criteria.filter(question__key="age").exists() and trial.source_hash
    registry.faults.clear()
    out, err, failed = sync()
    assert not failed, err
    assert "12 fetched, 7 created, 0 updated, 5 unchanged" in out
    assert Trial.objects.count() == 12


def test_a_malformed_page_is_refused_with_a_line_and_the_other_conditions_go_on(registry):
    registry.put(study(1), study(2, conditions=("Asthma",)))
    registry.fail("malformed")
    out, err, failed = sync("--condition", "COPD", "--condition", "Asthma")
    assert failed
    assert "a page of condition 'COPD': not valid JSON" in err
    assert list(Trial.objects.values_list("nct_id", flat=True)) == ["NCT00000002"]
    assert "The listing was not complete" in out  # so nothing is taken for dropped out


def test_a_study_that_fails_validation_is_refused_by_field_and_the_rest_are_imported(registry):
    bad = study(2)
    del bad["protocolSection"]["identificationModule"]["briefTitle"]
    registry.put(study(1), bad, study(3))
    out, err, failed = sync()
    assert failed
    assert "2 created" in out and "1 refused" in out
    assert "condition 'COPD', study 2: study 1 (NCT00000002)" in err and "briefTitle" in err

    bad = study(3)
    del bad["protocolSection"]["identificationModule"]["briefTitle"]
    registry.put(bad)  # a study we hold comes back broken: refused once, not taken for dropped out
    out, err, failed = sync()
    assert failed and "3 fetched, 0 created, 0 updated, 1 unchanged, 0 closed, 2 refused; 1 requests made" in out
    assert not any("filter.ids" in query for _path, query in registry.requests)
    assert Trial.objects.get(nct_id="NCT00000003").brief_title  # left as it was


def test_only_urls_under_the_configured_base_are_requested(registry):
    registry.put(study(1))
    sync()
    assert registry.requests and all(path.startswith("/api/v2/studies") for path, _q in registry.requests)
