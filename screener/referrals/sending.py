"""Sending a referral: the patient's request, judged once more and kept as it was sent, then the site told."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from screener.referrals.models import ConsentText, Referral, ReferralEvent, new_reference
from trials import eligibility
from trials.models import Site


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
    if not trial.is_published or not loaded.has_trial(trial.nct_id):
        raise NotReferable("This study is not open to requests.")
    walk = loaded.walk(screening.answers)
    if walk.next_key is not None:
        raise NotReferable("The questionnaire is not finished.")
    answers = {key: screening.answers[key] for key in walk.path}
    result = loaded.evaluate(trial.nct_id, answers)
    if result.verdict is eligibility.Verdict.NO_MATCH:
        raise NotReferable("The answers rule this study out.")

    criteria = {c.pk: c for c in trial.criteria.filter(pk__in=[r.criterion.id for r in result.results])}
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
        outcomes_snapshot=[
            {
                "kind": str(r.criterion.polarity),
                "question": r.criterion.question_key,
                "outcome": str(r.outcome),
                "rule": criteria[r.criterion.id].rule_in_words() if r.criterion.id in criteria else "",
                "words": r.criterion.text,
                "explanation": r.criterion.explanation,
            }
            for r in result.results
        ],
    )
    for _attempt in range(5):
        try:
            with transaction.atomic():
                referral.reference = new_reference()
                referral.save(force_insert=True)
                referral.events.create(kind=ReferralEvent.Kind.CREATED, at=now)
            break
        except IntegrityError:
            existing = Referral.objects.active().filter(screening=screening, site=site).first()
            if existing:  # the same request sent twice at once: the first one wins
                return existing, False
    else:
        raise IntegrityError("Could not allocate a reference code.")
    transaction.on_commit(lambda: notify_site(referral))
    return referral, True


def notify_site(referral: Referral) -> None:
    """Tell the site's staff that a referral arrived: a link only, no health data, no patient name."""
    from django.core.mail import send_mail
    from django.urls import reverse

    recipients = sorted(
        {m.user.email for m in referral.site.memberships.select_related("user") if m.user.email and m.user.is_active}
    )
    if not recipients:
        return
    link = settings.SITE_URL.rstrip("/") + reverse("staff:detail", args=[referral.id])
    send_mail(
        subject=f"New referral {referral.display_reference} for {referral.trial.nct_id}",
        message=(
            f"A new referral has arrived for {referral.trial.nct_id} at {referral.site.facility}.\n\n"
            f"Open it here (you will be asked to log in):\n{link}\n"
        ),
        from_email=None,
        recipient_list=recipients,
    )
