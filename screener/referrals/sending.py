"""Sending a referral: the patient's request, judged once more and kept as it was sent, then the site told."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from screener.referrals.models import ConsentText, OutgoingEmail, Referral, ReferralEvent, new_reference
from trials import eligibility
from trials.models import Site, Trial


class NotReferable(Exception):
    """The patient cannot send this request (the study rules them out, or the site is not the study's)."""


def send_referral(screening, site: Site, contact: dict, loaded, language: str = "") -> tuple[Referral, bool]:
    """Create the referral with its consent record and snapshots, or return the one already sent.

    Returns (referral, created). The snapshot keeps the answers and every criterion's outcome as they
    are now, so later edits to the criteria never change what the site received.
    """
    existing = Referral.objects.active().filter(screening=screening, site=site).first()
    if existing:
        return existing, False
    trial = site.trial
    if not trial.is_published or trial.nct_id not in loaded.trial_ids:
        raise NotReferable("This study is not open to requests.")
    walk = loaded.walk(screening.answers)
    if walk.next_key is not None:
        raise NotReferable("The questionnaire is not finished.")
    answers = {key: screening.answers[key] for key in walk.path}
    result = loaded.evaluate(trial.nct_id, answers)
    if result.verdict is eligibility.Verdict.NO_MATCH:
        raise NotReferable("The answers rule this study out.")

    consent = ConsentText.current()
    now = timezone.now()
    referral = Referral(
        screening=screening,
        trial=trial,
        site=site,
        name=contact["name"],
        phone=contact["phone"],
        email=contact["email"],
        contact_by=contact["contact_by"],
        contact_time=contact["contact_time"],
        message=contact["message"],
        consent=consent,
        consent_wording=consent.render(site),
        consent_given_at=now,
        verdict=str(result.verdict),
        criteria_version=trial.criteria_version,
        language=language,
        answers_snapshot=[
            {
                "key": key,
                "question": loaded.questions[key].prompt,
                "short_label": loaded.questions[key].short_label,
                "answer": loaded.questions[key].display_answer(value),
                "stored": value,
            }
            for key, value in answers.items()
        ],
        outcomes_snapshot=outcome_rows(trial, result),
    )
    for _attempt in range(5):
        try:
            with transaction.atomic():
                referral.reference = new_reference()
                referral.save(force_insert=True)
                referral.events.create(kind=ReferralEvent.Kind.CREATED, at=now)
                email = notify_site(referral)
            break
        except IntegrityError:
            existing = Referral.objects.active().filter(screening=screening, site=site).first()
            if existing:  # the same request sent twice at once: the first one wins
                return existing, False
    else:
        raise IntegrityError("Could not allocate a reference code.")
    if email is not None:
        transaction.on_commit(lambda: enqueue_delivery(email))
    transaction.on_commit(lambda: rejudge_if_criteria_moved_meanwhile(referral))
    return referral, True


def rejudge_if_criteria_moved_meanwhile(referral: Referral) -> None:
    """An admin's change committed while this referral was being sent would miss it: catch that here."""
    from screener.referrals.tasks import rejudge_referrals

    version = Trial.objects.filter(pk=referral.trial_id).values_list("criteria_version", flat=True).first()
    if version is not None and version > referral.criteria_version:
        rejudge_referrals.enqueue(referral.trial_id, version)


def outcome_rows(trial: Trial, result: eligibility.TrialResult) -> list[dict]:
    """Each criterion's outcome with its rule in words, as a site reads it (a snapshot row each)."""
    criteria = {
        c.pk: c
        for c in trial.criteria.select_related("question").filter(pk__in=[r.criterion.id for r in result.results])
    }
    return [
        {
            "criterion": r.criterion.id,
            "kind": str(r.criterion.polarity),
            "question": r.criterion.question_key,
            "outcome": str(r.outcome),
            "rule": criteria[r.criterion.id].rule_in_words() if r.criterion.id in criteria else "",
            "words": r.criterion.text,
            "explanation": r.criterion.explanation,
        }
        for r in result.results
    ]


def notify_site(referral: Referral) -> OutgoingEmail | None:
    """Queue an email telling the site's staff that a referral arrived: a link only, no health data, no name,
    no reference code (it is the patient's key to their request: it withdraws it).

    The email is recorded in the same transaction as the referral and sent by a background task, so a slow
    or failing mail server never slows or breaks the patient's request, and a failure waits for a retry.
    """
    recipients = notifiable_emails(referral.site)
    if not recipients:
        return None
    link = settings.SITE_URL.rstrip("/") + reverse("staff:detail", args=[referral.id])
    return OutgoingEmail.objects.create(
        subject=f"New referral for {referral.trial.nct_id}",
        body=(
            f"A new referral has arrived for {referral.trial.nct_id} at {referral.site.facility}.\n\n"
            f"Open it here (you will be asked to log in):\n{link}\n"
        ),
        recipients=recipients,
    )


def notifiable_emails(site: Site) -> list[str]:
    """The addresses of the site's active members: who hears of a new referral."""
    return sorted({m.user.email for m in site.memberships.select_related("user") if m.user.email and m.user.is_active})


def enqueue_delivery(email: OutgoingEmail) -> None:
    from screener.referrals.tasks import deliver_email

    deliver_email.enqueue(email.pk)
