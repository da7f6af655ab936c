from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from screener.questionnaire.models import Screening
from screener.referrals.models import ERASED_AFTER_RETENTION, Referral, ReferralEvent

CLOSED = [Referral.Status.NOT_ELIGIBLE, Referral.Status.ENROLLED, Referral.Status.WITHDRAWN]


class Command(BaseCommand):
    help = (
        "Erase the personal data of closed referrals after RETENTION_CLOSED_REFERRAL_DAYS and of open referrals "
        "nobody has touched for RETENTION_OPEN_REFERRAL_DAYS, then delete screenings untouched for "
        "SCREENING_RETENTION_DAYS that no referral still needs (never sent, or every referral withdrawn or "
        "erased). Safe to run as often as you like."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        not_erased = Referral.objects.filter(contact_erased_at__isnull=True)
        with transaction.atomic():
            closed = self.erase(
                not_erased.filter(
                    status__in=CLOSED, updated_at__lt=now - timedelta(days=settings.RETENTION_CLOSED_REFERRAL_DAYS)
                ),
                now,
            )
            untouched = self.erase(
                not_erased.exclude(status__in=CLOSED).filter(
                    updated_at__lt=now - timedelta(days=settings.RETENTION_OPEN_REFERRAL_DAYS)
                ),
                now,
            )
            still_needed = Referral.objects.filter(screening=OuterRef("pk"), contact_erased_at__isnull=True)
            stale = Screening.objects.filter(
                updated_at__lt=now - timedelta(days=settings.SCREENING_RETENTION_DAYS)
            ).exclude(Exists(still_needed))
            _total, per_model = stale.delete()
            deleted = per_model.get(Screening._meta.label, 0)
        self.stdout.write(
            f"Deleted {deleted} screening(s) no longer needed; erased the personal data of {closed} closed "
            f"referral(s) and of {untouched} open referral(s) untouched for "
            f"{settings.RETENTION_OPEN_REFERRAL_DAYS} days."
        )

    def erase(self, referrals, now) -> int:
        erased = 0
        for referral in referrals.select_for_update(of=("self",)).select_related("screening"):
            referral.erase_personal_data(ERASED_AFTER_RETENTION, now)
            referral.events.create(kind=ReferralEvent.Kind.ERASED, at=now, note=ERASED_AFTER_RETENTION)
            erased += 1
        return erased
