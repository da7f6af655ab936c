"""Data is kept only as long as it is needed: time-travel through the retention rules."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from screener.questionnaire.models import Screening
from screener.referrals.models import ERASED_AFTER_RETENTION, Referral

pytestmark = pytest.mark.django_db


def purge() -> str:
    out = StringIO()
    call_command("purge_expired", stdout=out)
    return out.getvalue()


def test_screenings_never_sent_go_after_the_retention_period(settings, referral_a):
    settings.SCREENING_RETENTION_DAYS = 30
    sent = referral_a.screening
    with time_machine.travel(timezone.now() - timedelta(days=31)):
        old = Screening.objects.create(answers={"age": "60"})
    with time_machine.travel(timezone.now() - timedelta(days=29)):
        recent = Screening.objects.create(answers={"age": "61"})
    assert "Deleted 1 screening(s)" in purge()
    assert not Screening.objects.filter(pk=old.pk).exists()
    assert Screening.objects.filter(pk__in=[recent.pk, sent.pk]).count() == 2
    assert "Deleted 0 screening(s)" in purge()  # idempotent


@pytest.mark.parametrize(
    "status, erased", [("not_eligible", True), ("enrolled", True), ("contacted", False), ("new", False)]
)
def test_closed_referrals_lose_contact_details_after_their_period(settings, referral_a, staff_a, status, erased):
    settings.RETENTION_CLOSED_REFERRAL_DAYS = 90
    path = {
        "not_eligible": ["not_eligible"],
        "enrolled": ["contacted", "pre_screening", "eligible", "enrolled"],
        "contacted": ["contacted"],
        "new": [],
    }[status]
    for step in path:
        referral_a.move_to(step, by=staff_a)
    with time_machine.travel(timezone.now() + timedelta(days=89)):
        purge()
        referral_a.refresh_from_db()
        assert referral_a.name == "Li Wei"
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        assert f"erased the personal data of {int(erased)} closed referral(s)" in purge()
        referral_a.refresh_from_db()
        assert (referral_a.name == "") is erased and (referral_a.phone == "") is erased
        assert (referral_a.answers_snapshot == []) is erased
        assert "erased the personal data of 0 closed" in purge()
    assert referral_a.status == status and len(referral_a.outcomes_snapshot) > 0


def test_a_withdrawn_referral_is_already_erased(referral_a):
    referral_a.withdraw()
    with time_machine.travel(timezone.now() + timedelta(days=365)):
        assert "erased the personal data of 0 closed referral(s) and of 0 open" in purge()
    assert Referral.objects.get().name == ""


def test_the_retention_purge_erases_notes_answers_and_the_screening_but_keeps_the_status_skeleton(
    settings, referral_a, staff_a
):
    settings.RETENTION_CLOSED_REFERRAL_DAYS = 90
    referral_a.add_note("Called Li Wei on 0579 8997 9999", by=staff_a)
    referral_a.check_answer("sixmwd_m", "contradicted", "measured 280 m", by=staff_a)
    referral_a.move_to("not_eligible", by=staff_a, note="Walk too short for Li Wei")
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        purge()
    referral_a.refresh_from_db()
    assert (referral_a.name, referral_a.phone, referral_a.email, referral_a.message) == ("", "", "", "")
    assert referral_a.answers_snapshot == [] and referral_a.screening is None  # no longer needed: deleted
    notes = set(referral_a.events.exclude(note="").values_list("note", flat=True))
    assert notes == {ERASED_AFTER_RETENTION}
    assert referral_a.answer_checks.get().note == ERASED_AFTER_RETENTION
    assert list(referral_a.events.filter(kind="status").values_list("by__username", "to_status")) == [
        ("nurse_a", "not_eligible")
    ]


@pytest.mark.parametrize(
    "days, erased", [(364, False), (366, True)], ids=["touched within a year", "untouched for over a year"]
)
def test_open_referrals_nobody_touches_for_a_year_are_erased(settings, referral_a, staff_a, days, erased):
    assert settings.RETENTION_OPEN_REFERRAL_DAYS == 365
    referral_a.move_to("contacted", by=staff_a)
    with time_machine.travel(timezone.now() + timedelta(days=days)):
        assert f"and of {int(erased)} open referral(s) untouched for 365 days" in purge()
    referral_a.refresh_from_db()
    assert (referral_a.name == "") is erased and (referral_a.answers_snapshot == []) is erased
    assert referral_a.status == "contacted"
    assert referral_a.events.filter(kind="erased").exists() is erased


def test_a_note_counts_as_touching_an_open_referral(settings, referral_a, staff_a):
    now = timezone.now()
    with time_machine.travel(now + timedelta(days=300)):
        referral_a.add_note("Left a message", by=staff_a)
    with time_machine.travel(now + timedelta(days=400)):
        assert "and of 0 open referral(s)" in purge()
    with time_machine.travel(now + timedelta(days=666)):
        assert "and of 1 open referral(s)" in purge()


@pytest.mark.parametrize(
    "status, days, deleted",
    [
        ("withdrawn", 31, True),
        ("withdrawn", 29, False),
        ("not_eligible", 91, True),
        ("not_eligible", 89, False),
        ("contacted", 91, False),
    ],
    ids=[
        "withdrawn, screening untouched for 31 days",
        "withdrawn, screening touched 29 days ago",
        "closed past retention",
        "closed, not yet past retention",
        "still open",
    ],
)
def test_screenings_whose_referrals_are_all_withdrawn_or_closed_past_retention_are_deleted(
    settings, referral_a, staff_a, status, days, deleted
):
    settings.SCREENING_RETENTION_DAYS, settings.RETENTION_CLOSED_REFERRAL_DAYS = 30, 90
    screening = referral_a.screening
    if status == "withdrawn":
        referral_a.withdraw()
    else:
        referral_a.move_to(status, by=staff_a)
    with time_machine.travel(timezone.now() + timedelta(days=days)):
        assert f"Deleted {int(deleted)} screening(s)" in purge()
    assert Screening.objects.filter(pk=screening.pk).exists() is not deleted
    assert Referral.objects.filter(pk=referral_a.pk).exists()  # the referral's skeleton stays
