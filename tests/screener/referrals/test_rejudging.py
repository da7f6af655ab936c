"""When a trial's criteria change, open referrals are judged again from their stored answers, in the background."""

from decimal import Decimal

import pytest
from django.urls import reverse

from screener.referrals.models import ConsentText, Referral, ReferralRejudgement
from screener.referrals.outcomes import outcome_rows
from tests.trials.profiles import MATCHES_COPD
from trials import catalogue
from trials.models import Criterion

pytestmark = pytest.mark.django_db


def walk_criterion():
    return Criterion.objects.get(trial__nct_id="NCT07355868", question__key="sixmwd_m")


def sent_without_screening(site, stored: dict, verdict: str, status="new") -> Referral:
    """A referral whose screening has been deleted: only the sent snapshot's stored answers remain."""
    consent = ConsentText.current()
    judged = catalogue.judge_current_criteria(site.trial, stored)
    return Referral.objects.create(
        trial=site.trial,
        site=site,
        name="Wang Fang",
        phone="+8613800138000",
        consent=consent,
        consent_wording=consent.render(site),
        consent_given_at="2026-11-20T10:00:00Z",
        verdict=verdict,
        status=status,
        criteria_version=site.trial.criteria_version,
        answers_snapshot=[
            {"key": k, "question": k, "short_label": k, "answer": str(v), "stored": v} for k, v in stored.items()
        ],
        outcomes_snapshot=outcome_rows(site.trial, judged),
    )


def change_criteria(django_capture_on_commit_callbacks, change):
    with django_capture_on_commit_callbacks(execute=True):
        change()


def raise_walk_minimum_to_350():
    criterion = walk_criterion()
    criterion.min_value = Decimal("350")
    criterion.save()


def test_a_referral_that_no_longer_fits_is_judged_not_a_match_and_its_snapshot_is_kept(
    referral_a, django_capture_on_commit_callbacks
):
    sent_verdict, sent_outcomes, sent_answers = (
        referral_a.verdict,
        referral_a.outcomes_snapshot,
        referral_a.answers_snapshot,
    )
    change_criteria(django_capture_on_commit_callbacks, raise_walk_minimum_to_350)

    referral_a.refresh_from_db()
    rejudged = referral_a.latest_rejudgement()
    assert rejudged.version == referral_a.trial.criteria_version == referral_a.criteria_version + 1
    assert (rejudged.verdict, rejudged.differs) == ("no_match", True)
    assert any(row["question"] == "sixmwd_m" and row["outcome"] == "not_met" for row in rejudged.outcomes)
    assert (referral_a.verdict, referral_a.outcomes_snapshot, referral_a.answers_snapshot) == (
        sent_verdict,
        sent_outcomes,
        sent_answers,
    )


def test_a_referral_that_now_fits_is_judged_a_match(site_a, django_capture_on_commit_callbacks):
    unsure_of_walk = {**MATCHES_COPD, "sixmwd_m": None}
    referral = sent_without_screening(site_a, unsure_of_walk, verdict="possible")
    change_criteria(django_capture_on_commit_callbacks, lambda: walk_criterion().delete())
    rejudged = referral.latest_rejudgement()
    assert (rejudged.verdict, rejudged.differs) == ("match", True)


def test_a_referral_the_change_does_not_affect_keeps_its_result(referral_a, django_capture_on_commit_callbacks):
    def reword_the_explanation():
        criterion = walk_criterion()
        criterion.explanation = "Walk at least 150 metres in six minutes, and less than 600."
        criterion.save()

    change_criteria(django_capture_on_commit_callbacks, reword_the_explanation)
    rejudged = referral_a.latest_rejudgement()
    assert (rejudged.verdict, rejudged.differs) == (referral_a.verdict, False)


def test_re_judging_waits_for_the_change_to_be_committed_never_in_the_admins_request(referral_a):
    raise_walk_minimum_to_350()  # on-commit callbacks of the test's transaction never run
    assert not ReferralRejudgement.objects.exists()


def test_closed_referrals_are_not_judged_again(site_a, django_capture_on_commit_callbacks):
    sent_without_screening(site_a, MATCHES_COPD, verdict="match", status="enrolled")
    change_criteria(django_capture_on_commit_callbacks, raise_walk_minimum_to_350)
    assert not ReferralRejudgement.objects.exists()


def test_staff_see_and_can_filter_the_referrals_whose_criteria_changed(
    referral_a, staff_a_client, site_a, django_capture_on_commit_callbacks
):
    unaffected = sent_without_screening(site_a, {**MATCHES_COPD, "sixmwd_m": "500"}, verdict="match")
    unaffected.reference = "ABCD3467"
    unaffected.save()
    change_criteria(django_capture_on_commit_callbacks, raise_walk_minimum_to_350)

    page = staff_a_client.get(reverse("staff:list")).content.decode()
    assert page.count("data-criteria-changed") == 1
    only_changed = staff_a_client.get(reverse("staff:list"), {"changed": "yes"}).content.decode()
    assert referral_a.display_reference in only_changed
    assert unaffected.display_reference not in only_changed

    detail = staff_a_client.get(reverse("staff:detail", args=[referral_a.id])).content.decode()
    version = referral_a.trial.criteria_version
    assert f"Sent under version {version - 1}" in detail
    assert f"under version {version}: not a match, because" in detail


@pytest.mark.parametrize(
    "language, sentence_end",
    [
        ("en", r"under version \d+: not a match, because [^<]+\.</p>"),
        ("zh-hans", r"按第\d+版：不符合，原因：[^<]+。</p>"),  # one Chinese sentence: no ", " and "." glued on
    ],
)
def test_the_criteria_change_and_why_read_as_one_sentence_in_the_page_s_language(
    referral_a, staff_a_client, django_capture_on_commit_callbacks, language, sentence_end
):
    import re

    change_criteria(django_capture_on_commit_callbacks, raise_walk_minimum_to_350)
    detail = staff_a_client.get(reverse("staff:detail", args=[referral_a.id]), HTTP_ACCEPT_LANGUAGE=language)
    change = detail.content.decode().split("data-criteria-change>")[1].split("</div>")[0]
    assert re.search(sentence_end, change), change


def test_the_patient_reads_in_plain_words_that_a_change_affects_their_request(
    referral_a, patient, django_capture_on_commit_callbacks
):
    lookup = {"reference": referral_a.reference}
    before = patient.post(reverse("referrals:request_status"), lookup).content.decode()
    assert "The study has changed" not in before
    change_criteria(django_capture_on_commit_callbacks, raise_walk_minimum_to_350)
    after = patient.post(reverse("referrals:request_status"), lookup).content.decode()
    assert "The study has changed who can take part" in after


def test_a_referral_sent_while_the_criteria_changed_is_judged_again_too(
    patient, site_a, staff_a, django_capture_on_commit_callbacks
):
    from unittest import mock

    from tests.conftest import CONTACT
    from trials.models import Trial

    real_evaluate = catalogue.LoadedCatalogue.evaluate

    def admin_changes_the_criteria_meanwhile(self, nct_id, stored, sources=None):
        result = real_evaluate(self, nct_id, stored, sources)
        Trial.objects.filter(nct_id=nct_id).update(criteria_version=site_a.trial.criteria_version + 1)
        return result

    with mock.patch.object(catalogue.LoadedCatalogue, "evaluate", admin_changes_the_criteria_meanwhile):
        with django_capture_on_commit_callbacks(execute=True):
            patient.post(reverse("referrals:refer", args=[patient.screening_id, site_a.public_id]), CONTACT)
    referral = Referral.objects.get()
    assert referral.latest_rejudgement().version == referral.criteria_version + 1
