from django.core.management.base import BaseCommand

from screener.referrals.tasks import retry_due_emails


class Command(BaseCommand):
    help = "Queue every email that is waiting and due (a safety net beside the worker's own retries)."

    def handle(self, *args, **options):
        self.stdout.write(f"Queued {retry_due_emails()} email(s).")
