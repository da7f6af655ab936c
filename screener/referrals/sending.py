"""Sending a referral: the patient's request, judged once more and kept as it was sent, then the site told."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop, ngettext
from django_tasks import task

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
    result = loaded.evaluate(trial.nct_id, answers, sources=sources)
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
                if not emails:  # nobody at the site hears of it: it waits for a member, and admins are told
                    referral.waits_for_staff = True
                    referral.save(update_fields=["waits_for_staff"])
                    emails = alert_admins_of_waiting_referral(referral)
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


def alert_admins_of_waiting_referral(referral: Referral) -> list[OutgoingEmail]:
    """Nobody at the site would hear of this request: the service's admins are told, each in their language,
    with the site's admin page to add a member (no name, no answers, no reference code)."""
    from django.contrib.auth import get_user_model

    admins = list(get_user_model().objects.filter(is_superuser=True, is_active=True).exclude(email="").order_by("pk"))
    if not admins:
        return []
    link = settings.SITE_URL.rstrip("/") + reverse("admin:trials_site_change", args=[referral.site_id])
    values = {"nct_id": referral.trial.nct_id, "site": referral.site.facility, "link": link}
    by_language = addresses_by_language(admins)
    emails = []
    for language, recipients in sorted(by_language.items()):
        with translation.override(language):
            values["site"] = referral.site.facility  # the site's name in the reader's language
            emails.append(
                OutgoingEmail.objects.create(
                    subject=gettext("A referral for %(nct_id)s waits: nobody at the site receives emails") % values,
                    body=gettext(
                        "A patient asked the team at %(site)s (%(nct_id)s) to contact them, but no active member "
                        "of that site has an email address, so nobody has been told.\n\n"
                        "Add a site membership for someone there, on the site's admin page:\n%(link)s\n"
                    )
                    % values,
                    recipients=sorted(set(recipients)),
                )
            )
    return emails


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
    return _tell_members(
        referral,
        subject=gettext_noop("New referral for %(nct_id)s"),
        body=gettext_noop(
            "A new referral has arrived for %(nct_id)s at %(site)s.\n\n"
            "Open it here (you will be asked to log in):\n%(link)s\n"
        ),
    )


def withdraw_and_tell_the_site(referral: Referral) -> bool:
    """The patient withdraws; the site's staff are told by email (each in their language), with a link and
    nothing about the patient. True when this request withdrew it (not already withdrawn)."""
    with transaction.atomic():
        referral = Referral.objects.select_for_update().select_related("trial", "site").get(pk=referral.pk)
        if referral.status == Referral.Status.WITHDRAWN:
            return False
        referral.withdraw()
        emails = _tell_members(
            referral,
            subject=gettext_noop("A referral for %(nct_id)s was withdrawn"),
            body=gettext_noop(
                "A patient withdrew their referral for %(nct_id)s at %(site)s. Their contact details and answers "
                "have been erased: please do not contact them about this study.\n\n"
                "The referral, marked as withdrawn (you will be asked to log in):\n%(link)s\n"
            ),
        )
    for email in emails:
        transaction.on_commit(lambda email=email: enqueue_delivery(email))
    return True


def _tell_members(referral: Referral, subject: str, body: str) -> list[OutgoingEmail]:
    """One queued email per language of the site's notifiable members, the words translated in each."""
    members = notifiable_members(referral.site)
    if not members:
        return []
    link = settings.SITE_URL.rstrip("/") + reverse("staff:detail", args=[referral.id])
    by_language = addresses_by_language(members)
    values = {"nct_id": referral.trial.nct_id, "site": referral.site.facility, "link": link}
    emails = []
    for language, recipients in sorted(by_language.items()):
        with translation.override(language):
            values["site"] = referral.site.facility  # the site's name in the reader's language
            emails.append(
                OutgoingEmail.objects.create(
                    subject=gettext(subject) % values, body=gettext(body) % values, recipients=sorted(recipients)
                )
            )
    return emails


def addresses_by_language(members) -> dict[str, list[str]]:
    """Each member's email address under the language they read, once each."""
    languages = LanguagePreference.of_users(members)
    by_language: dict[str, list[str]] = {}
    for user in members:
        addresses = by_language.setdefault(languages[user.pk], [])
        if user.email not in addresses:
            addresses.append(user.email)
    return by_language


def notify_trial_closed(trial_id: int) -> list[OutgoingEmail]:
    """Queue an email to the staff of every site with open referrals of a trial that stopped recruiting: the
    study, the site, how many requests are open and a link to the list; no patient's data. Each member gets it in
    their own language. Called in the transaction that closed the trial; sent once that commits."""
    open_referrals = Referral.objects.open().filter(trial_id=trial_id)
    counts: dict[int, int] = {}
    for site_id in open_referrals.values_list("site_id", flat=True):
        counts[site_id] = counts.get(site_id, 0) + 1
    emails = []
    link = settings.SITE_URL.rstrip("/") + reverse("staff:list")
    for site in Site.objects.select_related("trial").filter(pk__in=counts).order_by("pk"):
        by_language = addresses_by_language(notifiable_members(site))
        values = {"nct_id": site.trial.nct_id, "site": site.facility, "count": counts[site.pk], "link": link}
        for language, recipients in sorted(by_language.items()):
            with translation.override(language):
                values["site"] = site.facility  # the site's name in the reader's language
                emails.append(
                    OutgoingEmail.objects.create(
                        subject=gettext("%(nct_id)s has stopped recruiting") % values,
                        body=gettext(
                            "ClinicalTrials.gov now lists %(nct_id)s as no longer recruiting, so patients are no "
                            "longer offered it. Open requests at %(site)s: %(count)s. The patients who sent them "
                            "see on their request page that the study has stopped recruiting.\n\n"
                            "Your referrals (you will be asked to log in):\n%(link)s\n"
                        )
                        % values,
                        recipients=sorted(recipients),
                    )
                )
    for email in emails:
        transaction.on_commit(lambda email=email: enqueue_delivery(email))
    return emails


@task()
def tell_members_of_waiting_referrals(site_id: int) -> int:
    """A site that had nobody to hear of requests has a member with an email address now: its members are told,
    in one email per language, how many open requests wait (no name, no answers, no reference code), with a
    link to their list. Each waiting request is told of once; returns how many were."""
    site = Site.objects.select_related("trial").filter(pk=site_id).first()
    members = notifiable_members(site) if site else []
    if not members:
        return 0
    by_language = addresses_by_language(members)
    link = settings.SITE_URL.rstrip("/") + reverse("staff:list")
    emails = []
    with transaction.atomic():
        waiting = Referral.objects.select_for_update().filter(site=site, waits_for_staff=True)
        ids = list(waiting.values_list("pk", flat=True))
        count = Referral.objects.open().filter(pk__in=ids).count()
        if not Referral.objects.filter(pk__in=ids, waits_for_staff=True).update(waits_for_staff=False):
            count = 0  # another task told of them first
        if count:
            values = {"nct_id": site.trial.nct_id, "site": site.facility, "count": count, "link": link}
            for language, recipients in sorted(by_language.items()):
                with translation.override(language):
                    values["site"] = site.facility  # the site's name in the reader's language
                    emails.append(
                        OutgoingEmail.objects.create(
                            subject=ngettext(
                                "%(count)s request is waiting for you at %(site)s",
                                "%(count)s requests are waiting for you at %(site)s",
                                count,
                            )
                            % values,
                            body=ngettext(
                                "You can now hear of patients' requests for %(nct_id)s at %(site)s. %(count)s "
                                "request arrived while nobody there received emails, and waits for the team.\n\n"
                                "Your referrals (you will be asked to log in):\n%(link)s\n",
                                "You can now hear of patients' requests for %(nct_id)s at %(site)s. %(count)s "
                                "requests arrived while nobody there received emails, and wait for the team.\n\n"
                                "Your referrals (you will be asked to log in):\n%(link)s\n",
                                count,
                            )
                            % values,
                            recipients=sorted(recipients),
                        )
                    )
    for email in emails:  # committed already: the worker may send them now
        enqueue_delivery(email)
    return count if emails else 0


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
