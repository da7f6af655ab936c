"""Background work for referrals: judging open referrals again after a protocol change, sending email.

Run by the worker (`python manage.py db_worker`); the tests run them at once (ImmediateBackend).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from screener.referrals.models import OutgoingEmail, Referral, ReferralRejudgement
from screener.referrals.outcomes import outcome_rows, outcomes_differ
from trials import catalogue
from trials.models import Trial

logger = logging.getLogger(__name__)

# Waits before each retry of an email: 1 minute, 5, 30, 2 hours, 6 hours; then it is marked failed.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
)


@task()
def rejudge_referrals(trial_id: int, version: int) -> int:
    """Judge every open referral of the trial again under its current criteria; returns how many."""
    trial = Trial.objects.filter(pk=trial_id).first()
    if trial is None or trial.criteria_version != version:
        return 0  # gone, or changed again since: the task for the newer version does the work
    return rejudge_open_referrals(trial)


def rejudge_open_referrals(trial: Trial) -> int:
    count = 0
    referrals = (
        Referral.objects.open()
        .filter(trial=trial, criteria_version__lt=trial.criteria_version)
        .exclude(rejudgements__version=trial.criteria_version)
        .select_related("screening")
    )
    for referral in referrals.iterator(chunk_size=200):
        result = catalogue.judge_current_criteria(trial, referral.stored_answers(), referral.stored_sources())
        outcomes = outcome_rows(trial, result)
        ReferralRejudgement.objects.update_or_create(
            referral=referral,
            version=trial.criteria_version,
            defaults={
                "verdict": str(result.verdict),
                "outcomes": outcomes,
                "differs": str(result.verdict) != referral.verdict
                or outcomes_differ(referral.outcomes_snapshot, outcomes),
                "at": timezone.now(),
            },
        )
        count += 1
    return count


@task()
def deliver_email(email_id: int) -> str:
    """Send one queued email exactly once; on failure, try again later with a longer wait each time."""
    with transaction.atomic():
        claimed = OutgoingEmail.objects.filter(
            pk=email_id, state=OutgoingEmail.State.PENDING, next_attempt_at__lte=timezone.now()
        ).update(state=OutgoingEmail.State.SENDING)
    email = OutgoingEmail.objects.get(pk=email_id)
    if not claimed:
        return email.state  # sent already, being sent by another worker, or not due yet
    email.attempts += 1
    try:
        send_mail(email.subject, email.body, from_email=None, recipient_list=email.recipients)
    except Exception as error:  # any failure of the mail server: keep the email and try again
        email.last_error = f"{type(error).__name__}: {error}"[:500]
        if email.attempts > len(RETRY_DELAYS):
            email.state = OutgoingEmail.State.FAILED
            logger.error("Email %s failed after %s attempts", email.pk, email.attempts)
        else:
            email.state = OutgoingEmail.State.PENDING
            email.next_attempt_at = timezone.now() + RETRY_DELAYS[email.attempts - 1]
        email.save(update_fields=["state", "attempts", "last_error", "next_attempt_at"])
        if email.state == OutgoingEmail.State.PENDING and default_task_backend.supports_defer:
            deliver_email.using(run_after=email.next_attempt_at).enqueue(email.pk)
        return email.state
    email.state = OutgoingEmail.State.SENT
    email.sent_at = timezone.now()
    email.save(update_fields=["state", "attempts", "sent_at"])
    return email.state


def retry_due_emails() -> int:
    """Queue every pending email whose time has come (a safety net: `manage.py send_pending_emails`)."""
    due = OutgoingEmail.objects.filter(state=OutgoingEmail.State.PENDING, next_attempt_at__lte=timezone.now())
    ids = list(due.values_list("pk", flat=True))
    for pk in ids:
        deliver_email.enqueue(pk)
    return len(ids)
