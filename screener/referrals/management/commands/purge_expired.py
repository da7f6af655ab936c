from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from screener.questionnaire.models import Screening
from screener.referrals.models import Referral

CLOSED = [Referral.Status.NOT_ELIGIBLE, Referral.Status.ENROLLED, Referral.Status.WITHDRAWN]


class Command(BaseCommand):
    help = (
        "Delete screenings that never became referrals after SCREENING_RETENTION_DAYS, and erase the contact "
        "details of closed referrals after RETENTION_CLOSED_REFERRAL_DAYS. Safe to run as often as you like."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        with transaction.atomic():
            stale = Screening.objects.filter(
                updated_at__lt=now - timedelta(days=settings.SCREENING_RETENTION_DAYS), referrals__isnull=True
            )
            deleted, _ = stale.delete()
            closed = Referral.objects.filter(
                status__in=CLOSED,
                updated_at__lt=now - timedelta(days=settings.RETENTION_CLOSED_REFERRAL_DAYS),
                contact_erased_at__isnull=True,
            )
            erased = 0
            for referral in closed.select_for_update():
                referral.erase_contact_details(now)
                referral.save(update_fields=["name", "phone", "email", "message", "contact_erased_at"])
                erased += 1
        self.stdout.write(
            f"Deleted {deleted} screening(s) never sent; erased contact details of {erased} closed referral(s)."
        )
