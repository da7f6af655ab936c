"""Email to a site goes through an outbox: sent in the background, retried after a failure, sent exactly once."""

from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from screener.referrals.models import OutgoingEmail
from screener.referrals.tasks import RETRY_DELAYS, deliver_email

pytestmark = pytest.mark.django_db


def test_a_referral_queues_its_email_in_the_same_transaction_and_a_task_sends_it(referral_a):
    # The on-commit callback that would enqueue the task never runs: the test transaction never commits.
    [email] = OutgoingEmail.objects.all()
    assert (email.state, email.attempts, email.recipients) == ("pending", 0, ["nurse_a@hospital.example"])
    assert mail.outbox == []
    deliver_email.enqueue(email.pk)
    email.refresh_from_db()
    assert (email.state, email.attempts) == ("sent", 1)
    assert len(mail.outbox) == 1


def test_a_failed_email_is_kept_retried_after_a_wait_then_sent_exactly_once(referral_a):
    email = OutgoingEmail.objects.get()
    with mock.patch("screener.referrals.tasks.send_mail", side_effect=ConnectionRefusedError("mail server down")):
        deliver_email.enqueue(email.pk)
    email.refresh_from_db()
    assert (email.state, email.attempts) == ("pending", 1)
    assert "mail server down" in email.last_error
    assert email.next_attempt_at > timezone.now() + RETRY_DELAYS[0] - timedelta(seconds=5)

    deliver_email.enqueue(email.pk)  # too early: nothing happens
    assert mail.outbox == []

    with time_machine.travel(email.next_attempt_at + timedelta(seconds=1)):
        deliver_email.enqueue(email.pk)
        deliver_email.enqueue(email.pk)  # a duplicate task finds it sent
    email.refresh_from_db()
    assert (email.state, email.attempts) == ("sent", 2)
    assert len(mail.outbox) == 1


def test_an_email_that_keeps_failing_is_marked_failed_not_lost(referral_a):
    email = OutgoingEmail.objects.get()
    with mock.patch("screener.referrals.tasks.send_mail", side_effect=OSError("timed out")):
        for _attempt in range(len(RETRY_DELAYS) + 1):
            with time_machine.travel(OutgoingEmail.objects.get().next_attempt_at + timedelta(seconds=1)):
                deliver_email.enqueue(email.pk)
    email.refresh_from_db()
    assert (email.state, email.attempts) == ("failed", len(RETRY_DELAYS) + 1)


def test_a_slow_mail_server_does_not_slow_the_patients_request(
    patient, site_a, staff_a, django_capture_on_commit_callbacks, settings
):
    """The request only records the email; with the database queue the worker sends it later."""
    from django.urls import reverse

    from tests.conftest import CONTACT

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with mock.patch("screener.referrals.tasks.send_mail") as send:
        with django_capture_on_commit_callbacks(execute=True):
            response = patient.post(reverse("referrals:refer", args=[patient.screening_id, site_a.public_id]), CONTACT)
    assert response.status_code == 302
    send.assert_not_called()
    assert OutgoingEmail.objects.get().state == "pending"


@pytest.mark.parametrize(
    "language, count, message",
    [
        ("en", 1, "1 email queued."),
        ("en", 2, "2 emails queued."),
        ("zh-hans", 1, "已将1封邮件加入发送队列。"),
        ("zh-hans", 2, "已将2封邮件加入发送队列。"),
    ],
)
def test_sending_emails_again_from_admin_says_how_many_in_the_admins_language(admin_client, language, count, message):
    """An already sent email is left alone and not counted; the message counts the others, in the admin's language."""
    from django.urls import reverse

    emails = [
        OutgoingEmail.objects.create(subject=f"s{n}", body="b", recipients=["a@example.org"], state="failed")
        for n in range(count)
    ]
    sent = OutgoingEmail.objects.create(subject="done", body="b", recipients=["a@example.org"], state="sent")
    admin_client.cookies["django_language"] = language
    with mock.patch("screener.referrals.admin.enqueue_delivery"):
        response = admin_client.post(
            reverse("admin:referrals_outgoingemail_changelist"),
            {"action": "retry_now", "_selected_action": [e.pk for e in [*emails, sent]]},
            follow=True,
        )
    assert message in response.content.decode()
    assert OutgoingEmail.objects.filter(state="pending").count() == count
