"""Sending a referral: the patient's request, judged once more and kept as it was sent, then the site told."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from screener.preferences.models import LanguagePreference
from screener.referrals.models import ConsentText, OutgoingEmail, Referral, ReferralEvent, new_reference
from screener.referrals.outcomes import outcome_rows
from screener.referrals.tasks import deliver_email, rejudge_referrals
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
    if not trial.is_published or not loaded.has_trial(trial.nct_id):
        raise NotReferable("This study is not open to requests.")
    walk = screening.walk(loaded)
    if walk.next_key is not None:
        raise NotReferable("The questionnaire is not finished.")
    answers = {key: screening.answers[key] for key in walk.path}
    sources = screening.answer_sources or {}
    result = loaded.evaluate(trial.nct_id, answers)
    if result.verdict is eligibility.Verdict.NO_MATCH:
        raise NotReferable("The answers rule this study out.")

    consent = ConsentText.current()
    consent_wording, consent_language = consent.wording_for(site, language or settings.LANGUAGE_CODE)
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
        consent_wording=consent_wording,
        consent_language=consent_language,
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
                **({"source": sources[key]} if key in sources else {}),
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
                emails = notify_site(referral)
            break
        except IntegrityError:
            existing = Referral.objects.active().filter(screening=screening, site=site).first()
            if existing:  # the same request sent twice at once: the first one wins
                return existing, False
    else:
        raise IntegrityError("Could not allocate a reference code.")
    for email in emails:
        transaction.on_commit(lambda email=email: enqueue_delivery(email))
    transaction.on_commit(lambda: rejudge_if_criteria_moved_meanwhile(referral))
    return referral, True


def rejudge_if_criteria_moved_meanwhile(referral: Referral) -> None:
    """An admin's change committed while this referral was being sent would miss it: catch that here."""
    version = Trial.objects.filter(pk=referral.trial_id).values_list("criteria_version", flat=True).first()
    if version is not None and version > referral.criteria_version:
        rejudge_referrals.enqueue(referral.trial_id, version)


def notify_site(referral: Referral) -> list[OutgoingEmail]:
    """Queue the emails telling the site's staff that a referral arrived: a link only, no health data, no
    name, no reference code (it is the patient's key to their request: it withdraws it).

    Each member gets the email in their own language (their preference, else the site's default). The
    emails are recorded in the same transaction as the referral and sent by a background task, so a slow
    or failing mail server never slows or breaks the patient's request, and a failure waits for a retry.
    """
    members = notifiable_members(referral.site)
    if not members:
        return []
    languages = LanguagePreference.of_users(members)
    link = settings.SITE_URL.rstrip("/") + reverse("staff:detail", args=[referral.id])
    by_language: dict[str, list[str]] = {}
    for user in members:
        addresses = by_language.setdefault(languages[user.pk], [])
        if user.email not in addresses:
            addresses.append(user.email)
    values = {"nct_id": referral.trial.nct_id, "site": referral.site.facility, "link": link}
    emails = []
    for language, recipients in sorted(by_language.items()):
        with translation.override(language):
            emails.append(
                OutgoingEmail.objects.create(
                    subject=gettext("New referral for %(nct_id)s") % values,
                    body=gettext(
                        "A new referral has arrived for %(nct_id)s at %(site)s.\n\n"
                        "Open it here (you will be asked to log in):\n%(link)s\n"
                    )
                    % values,
                    recipients=sorted(recipients),
                )
            )
    return emails


def notifiable_members(site: Site) -> list:
    """The site's active members with an email address: who hears of a new referral."""
    return [
        m.user
        for m in site.memberships.select_related("user").order_by("user__email")
        if m.user.email and m.user.is_active
    ]


def notifiable_emails(site: Site) -> list[str]:
    """The addresses of the site's active members: who hears of a new referral."""
    return sorted({user.email for user in notifiable_members(site)})


def enqueue_delivery(email: OutgoingEmail) -> None:
    deliver_email.enqueue(email.pk)
