"""Data is kept only as long as it is needed: time-travel through the retention rules."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from screener.questionnaire.models import Screening
from screener.referrals.models import Referral

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
        assert f"erased contact details of {int(erased)} closed referral(s)" in purge()
        referral_a.refresh_from_db()
        assert (referral_a.name == "") is erased and (referral_a.phone == "") is erased
        assert "erased contact details of 0" in purge()
    assert referral_a.status == status and len(referral_a.answers_snapshot) > 0


def test_a_withdrawn_referral_is_already_erased(referral_a):
    referral_a.withdraw()
    with time_machine.travel(timezone.now() + timedelta(days=365)):
        assert "erased contact details of 0" in purge()
    assert Referral.objects.get().name == ""
