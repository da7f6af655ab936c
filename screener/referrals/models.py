"""Referrals: a patient's request to one study's team at one site, and what staff do with it."""

from __future__ import annotations

import secrets
import unicodedata
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from screener.client import current_client_ip
from trials.models import Site, Trial

# What replaces a note once the patient's data is erased (who wrote it and when stay).
# Stored in English, translated when shown (`screener_tags.staff_note`).
ERASED_ON_WITHDRAWAL = gettext_noop("Erased on withdrawal.")
ERASED_AFTER_RETENTION = gettext_noop("Erased at the end of the retention period.")
SYSTEM_NOTES = frozenset({ERASED_ON_WITHDRAWAL, ERASED_AFTER_RETENTION})

# No 0/O, 1/I/L, 5/S or 2/Z pairs to confuse when read aloud or typed.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRTUVWXY346789"
REFERENCE_LENGTH = 8


def new_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def display_reference(code: str) -> str:
    """ABCD-3467: easier to read aloud than ABCD3467."""
    return f"{code[:4]}-{code[4:]}"


def normalise_reference(text: str) -> str:
    """What a person typed ("abcd 2345", "ABCD-2345", full-width "ＡＢＣＤ－２３４５" from a Chinese input
    method) as a stored reference, or "" if it cannot be one."""
    cleaned = "".join(ch for ch in unicodedata.normalize("NFKC", str(text)[:100]).upper() if ch.isalnum())
    if len(cleaned) != REFERENCE_LENGTH or any(ch not in REFERENCE_ALPHABET for ch in cleaned):
        return ""
    return cleaned


class ConsentText(models.Model):
    """The words a patient agrees to. Each wording is its own version; the newest one is shown."""

    version = models.CharField(_("version"), max_length=40, unique=True)
    text = models.TextField(
        _("text"),
        help_text=_(
            "Use {study} and {site} where the study's title and the hospital belong. Write it in every language: "
            "a patient whose language is missing is told and shown the English words."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    DEFAULT_VERSION = "2026-12-v2"
    DEFAULT_TEXT = (
        "I agree that my answers to these questions and the contact details above will be shared with the "
        "team running the study “{study}” at {site}, so that they can contact me to discuss taking part. "
        "I understand that this does not enrol me in the study, and that I can withdraw this request at any "
        "time with my reference code."
    )
    DEFAULT_TEXT_ZH_HANS = (
        "我同意把我对这些问题的回答和上面填写的联系方式提供给负责“{study}”这项研究的{site}团队，"
        "以便他们联系我，商谈参加研究的事宜。我明白，这并不表示我已经加入这项研究；"
        "我也可以随时凭我的查询码撤回这个请求。"
    )

    class Meta:
        db_table = "screener_consenttext"
        ordering = ["-created_at", "-pk"]
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")

    def __str__(self) -> str:
        return self.version

    @classmethod
    def current(cls) -> ConsentText:
        latest = cls.objects.first()
        if latest is None:
            latest, _ = cls.objects.get_or_create(
                version=cls.DEFAULT_VERSION,
                defaults={"text_en": cls.DEFAULT_TEXT, "text_zh_hans": cls.DEFAULT_TEXT_ZH_HANS},
            )
        return latest

    def languages(self) -> list[str]:
        """The languages this version has words in (missing ones are marked in admin)."""
        return [
            code
            for code, _name in settings.LANGUAGES
            if (getattr(self, f"text_{code.replace('-', '_')}") or "").strip()
        ]

    def wording_for(self, site: Site, language: str) -> tuple[str, str]:
        """(the exact words, their language) a patient using `language` agrees to for this site.

        Never a silent fallback: where this version has no words in the patient's language, the English
        ones come back with "en", and the form says so.
        """
        language = language if language in self.languages() else settings.LANGUAGE_CODE
        with translation.override(language):
            text = getattr(self, f"text_{language.replace('-', '_')}") or ""
            named = site_with_place(site)
            return text.replace("{study}", site.trial.title_for_patients).replace("{site}", named), language

    def render(self, site: Site) -> str:
        return self.wording_for(site, translation.get_language() or settings.LANGUAGE_CODE)[0]


def site_with_place(site: Site) -> str:
    """A site named inside a sentence in the active language, its place in brackets after it ("The Fourth Hospital …
    (Yiwu, Zhejiang, China)", "浙江大学医学院附属第四医院（中国浙江义乌）"), not glued to it by commas as
    `Site.__str__` does (walk10). A Chinese place reads from the country down when every part of it is Chinese."""
    from screener.questionnaire.templatetags.registry_words import place_names

    names = place_names(site)
    if (translation.get_language() or "").startswith("zh") and all(map(_is_chinese, names)):
        place = "".join(reversed(names))
    else:
        place = gettext(", ").join(names)
    if not (site.facility and place):
        return site.facility or place
    return gettext("%(site)s (%(place)s)") % {"site": site.facility, "place": place}


def _is_chinese(name: str) -> bool:
    return bool(name) and all("\u4e00" <= ch <= "\u9fff" for ch in name)


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Every staff view starts here: only the referrals of the sites the user works at."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(site__memberships__user=user)

    def active(self):
        return self.exclude(status=Referral.Status.WITHDRAWN)

    def open(self):
        """Still being worked on: a change to the criteria matters to these."""
        return self.filter(status__in=Referral.OPEN_STATUSES)

    def with_criteria_changed(self):
        """Annotate `criteria_changed`: judged again under the trial's current criteria, with another result."""
        changed = ReferralRejudgement.objects.filter(
            referral=models.OuterRef("pk"), version=models.OuterRef("trial__criteria_version"), differs=True
        )
        return self.annotate(criteria_changed=models.Exists(changed))

    def open_for_review(self, user, referral_id) -> Referral:
        """One of the user's referrals, opened to read its details: the access log records the view.

        Raises Referral.DoesNotExist for a referral the user may not see, as for one that does not exist.
        """
        referral = self.visible_to(user).select_related("trial", "site").get(pk=referral_id)
        AccessLog.record(user, AccessLog.Action.VIEW, referral)
        return referral


class Referral(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        PRE_SCREENING = "pre_screening", _("Pre-screening")
        ELIGIBLE = "eligible", _("Eligible")
        NOT_ELIGIBLE = "not_eligible", _("Not eligible")
        ENROLLED = "enrolled", _("Enrolled")
        UNREACHABLE = "unreachable", _("Unreachable")
        WITHDRAWN = "withdrawn", _("Withdrawn by the patient")

    # Where staff can move a referral from each status; "withdrawn" is the patient's alone.
    TRANSITIONS = {
        Status.NEW: {Status.CONTACTED, Status.UNREACHABLE, Status.NOT_ELIGIBLE},
        Status.CONTACTED: {Status.PRE_SCREENING, Status.NOT_ELIGIBLE, Status.UNREACHABLE},
        Status.UNREACHABLE: {Status.CONTACTED, Status.NOT_ELIGIBLE},
        Status.PRE_SCREENING: {Status.ELIGIBLE, Status.NOT_ELIGIBLE},
        Status.ELIGIBLE: {Status.ENROLLED, Status.NOT_ELIGIBLE},
        Status.NOT_ELIGIBLE: set(),
        Status.ENROLLED: set(),
        Status.WITHDRAWN: set(),
    }

    OPEN_STATUSES = (Status.NEW, Status.CONTACTED, Status.UNREACHABLE, Status.PRE_SCREENING, Status.ELIGIBLE)

    class ContactBy(models.TextChoices):
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("Email")
        EITHER = "either", _("Either")

    class ContactTime(models.TextChoices):
        ANY = "any", _("Any time")
        MORNING = "morning", _("Morning")
        AFTERNOON = "afternoon", _("Afternoon")
        EVENING = "evening", _("Evening")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(
        _("reference"), max_length=REFERENCE_LENGTH, unique=True, default=new_reference, editable=False
    )
    screening = models.ForeignKey(
        "questionnaire.Screening", on_delete=models.SET_NULL, null=True, blank=True, related_name="referrals"
    )
    trial = models.ForeignKey(Trial, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("trial"))
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("site"))
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    contact_by = models.CharField(
        _("preferred way to be contacted"), max_length=10, choices=ContactBy, default=ContactBy.EITHER
    )
    contact_time = models.CharField(_("preferred time"), max_length=10, choices=ContactTime, default=ContactTime.ANY)
    message = models.TextField(_("message"), blank=True, max_length=2000)
    consent = models.ForeignKey(
        ConsentText, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("consent text")
    )
    consent_wording = models.TextField(_("words agreed to"))
    consent_language = models.CharField(_("language of the words agreed to"), max_length=16, blank=True)
    consent_given_at = models.DateTimeField(_("consent given at"))
    verdict = models.CharField(_("result when sent"), max_length=16)
    criteria_version = models.PositiveIntegerField(_("criteria version when sent"), default=1)
    answers_snapshot = models.JSONField(_("answers when sent"), default=list)
    outcomes_snapshot = models.JSONField(_("criteria when sent"), default=list)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.NEW)
    language = models.CharField(_("language"), max_length=16, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    contact_erased_at = models.DateTimeField(_("contact erased at"), null=True, blank=True)
    # Sent while nobody at the site would hear of it: the site's first member with an email address is told,
    # whether added with one or given one (or made active) later (`sending.tell_members_of_waiting_referrals`),
    # and the patient's status page says it waits meanwhile.
    waits_for_staff = models.BooleanField(_("waits for the site's team"), default=False)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        db_table = "screener_referral"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["screening", "site"],
                condition=~models.Q(status="withdrawn"),
                name="one_open_referral_per_screening_and_site",
            )
        ]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")

    def __str__(self) -> str:
        return self.display_reference

    @property
    def display_reference(self) -> str:
        return display_reference(self.reference)

    @property
    def display_phone(self) -> str:
        """The stored number grouped as people read it (+86 579 8997 9999), so a patient can spot a typo."""
        import phonenumbers

        if not self.phone:
            return ""
        try:
            number = phonenumbers.parse(self.phone, None)
        except phonenumbers.NumberParseException:
            return self.phone
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)

    def allowed_statuses(self) -> list[str]:
        return sorted(self.TRANSITIONS[self.Status(self.status)], key=list(self.Status).index)

    @transaction.atomic
    def move_to(self, status: str, by, note: str = "") -> None:
        if status not in self.allowed_statuses():
            raise ValidationError(
                _("A referral that is “%(current)s” cannot move to “%(new)s”.")
                % {
                    "current": self.get_status_display(),
                    "new": self.Status(status).label if status in self.Status.values else status,
                },
                code="transition",
            )
        previous = self.status
        self.status = status
        self.save(update_fields=["status", "updated_at"])
        self.events.create(kind=ReferralEvent.Kind.STATUS, by=by, from_status=previous, to_status=status, note=note)
        AccessLog.record(by, AccessLog.Action.STATUS, self, detail=status)

    def touch(self) -> None:
        """Staff worked on it: the retention of open referrals counts from here."""
        self.save(update_fields=["updated_at"])

    @property
    def accepts_notes(self) -> bool:
        """Once withdrawn or erased, a note could only hold what the patient asked to have deleted."""
        return self.status != self.Status.WITHDRAWN and self.contact_erased_at is None

    @transaction.atomic
    def add_note(self, note: str, by) -> None:
        if not self.accepts_notes:
            raise ValidationError(
                _("This referral was withdrawn or its personal data erased: no notes can be added to it."),
                code="erased",
            )
        self.events.create(kind=ReferralEvent.Kind.NOTE, by=by, note=note)
        self.touch()
        AccessLog.record(by, AccessLog.Action.NOTE, self)

    def stored_answers(self) -> dict:
        """The answers to judge again: the screening's own, or the sent snapshot's once the screening is gone."""
        if self.screening_id and self.screening is not None:
            return dict(self.screening.answers)
        return {row["key"]: row.get("stored") for row in self.answers_snapshot}

    def stored_sources(self) -> dict:
        """How the answers to judge again were computed (a date for an event), from the same place."""
        if self.screening_id and self.screening is not None:
            return dict(self.screening.answer_sources or {})
        return {row["key"]: row["source"] for row in self.answers_snapshot if isinstance(row.get("source"), dict)}

    def latest_rejudgement(self) -> ReferralRejudgement | None:
        return self.rejudgements.order_by("-version").first()

    def change_for_patient(self) -> ReferralRejudgement | None:
        """The re-judgement under the trial's current criteria, if it gives the patient another result."""
        latest = self.latest_rejudgement()
        if latest and latest.version == self.trial.criteria_version and latest.verdict != self.verdict:
            return latest
        return None

    def answer_keys(self) -> set[str]:
        return {row["key"] for row in self.answers_snapshot}

    @transaction.atomic
    def check_answer(self, key: str, state: str, note: str, by) -> AnswerCheck:
        """Staff mark one of the patient's answers as verified, contradicted or measured (a measured value, say)."""
        if key not in self.answer_keys():
            raise ValidationError(_("This referral has no answer to that question."), code="no_answer")
        check, _created = AnswerCheck.objects.update_or_create(
            referral=self, question_key=key, defaults={"state": state, "note": note, "by": by, "at": timezone.now()}
        )
        # which answer and how, as data: each reader's page words it in their own language
        self.events.create(kind=ReferralEvent.Kind.VERIFICATION, by=by, question_key=key, check_state=state, note=note)
        self.touch()
        AccessLog.record(by, AccessLog.Action.CHECK, self, detail=key)
        return check

    @transaction.atomic
    def withdraw(self) -> None:
        """The patient's withdrawal: everything that could identify them is erased at once; the site sees it."""
        if self.status == self.Status.WITHDRAWN:
            return
        previous = self.status
        now = timezone.now()
        self.status = self.Status.WITHDRAWN
        self.withdrawn_at = now
        self.erase_personal_data(ERASED_ON_WITHDRAWAL, now)
        self.events.create(
            kind=ReferralEvent.Kind.STATUS,
            by=None,
            at=now,
            from_status=previous,
            to_status=self.status,
            note=gettext_noop(
                "Withdrawn by the patient; contact details, message, answers and notes erased."
            ),  # translated when shown
        )

    @transaction.atomic
    def erase_personal_data(self, reason: str, when=None) -> None:
        """Erase what could identify the patient; the skeleton of the history (who moved it where, when) stays.

        Gone: name, phone, email, message, the answers as sent, the text of every note and answer check
        (each becomes `reason`, keeping who wrote it and when), and the screening's own answers, how the
        screener worked any of them out (litres, height, dates, lab values) and where the patient said they
        are, unless another of its requests still holds the patient's details. The criteria's outcomes
        stay, without any of the patient's values. No note can be added afterwards (see `accepts_notes`).
        """
        when = when or timezone.now()
        self.name = self.phone = self.email = self.message = ""
        self.answers_snapshot = []
        self.contact_erased_at = when
        self.save()
        self.events.exclude(note="").update(note=reason)
        self.answer_checks.exclude(note="").update(note=reason)
        screening = self.screening
        if screening is not None and not self.others_still_holding_data().exists():
            screening.answers, screening.answer_sources, screening.place, screening.travel_km = {}, {}, {}, None
            # Not a patient's change: the screening's retention keeps counting from their last answer.
            type(screening).objects.filter(pk=screening.pk).update(
                answers={}, answer_sources={}, place={}, travel_km=None
            )

    def others_still_holding_data(self):
        return Referral.objects.filter(screening_id=self.screening_id, contact_erased_at__isnull=True).exclude(
            pk=self.pk
        )

    @property
    def screening_answers_kept(self) -> bool:
        """After an erasure: did the patient's answers stay because another of their requests is open?"""
        return self.screening is not None and bool(self.screening.answers)


class CheckState(models.TextChoices):
    """How staff checked one of the patient's answers (an `AnswerCheck`, and the history line that records it)."""

    VERIFIED = "verified", _("Verified")
    CONTRADICTED = "contradicted", _("Contradicted")
    MEASURED = "measured", _("Measured (the patient did not know)")


class ReferralEvent(models.Model):
    class Kind(models.TextChoices):
        CREATED = "created", _("Sent by the patient")
        STATUS = "status", _("Status changed")
        NOTE = "note", _("Note")
        VERIFICATION = "verification", _("Answer checked")
        ERASED = "erased", _("Personal data erased")

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events", verbose_name=_("referral"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    from_status = models.CharField(_("from status"), max_length=16, choices=Referral.Status, blank=True)
    to_status = models.CharField(_("to status"), max_length=16, choices=Referral.Status, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=4000)
    # an answer check: which answer, and how it was checked (the note is then the staff member's own words)
    question_key = models.SlugField(_("question"), max_length=64, blank=True)
    check_state = models.CharField(_("check"), max_length=16, choices=CheckState, blank=True)

    class Meta:
        db_table = "screener_referralevent"
        ordering = ["at", "pk"]
        verbose_name = _("referral event")
        verbose_name_plural = _("referral events")


class ReferralRejudgement(models.Model):
    """A referral judged again, from its stored answers, after the trial's criteria changed.

    What the site received (the referral's verdict and snapshots) is never altered; this sits beside it.
    """

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="rejudgements")
    version = models.PositiveIntegerField(_("criteria version"))
    verdict = models.CharField(_("result"), max_length=16)
    outcomes = models.JSONField(_("criteria"), default=list)
    differs = models.BooleanField(_("differs from what was sent"), default=False)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["referral", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["referral", "version"], name="one_rejudgement_per_referral_and_version")
        ]
        verbose_name = _("referral judged again")
        verbose_name_plural = _("referrals judged again")


class AnswerCheck(models.Model):
    """Staff mark a self-reported answer as verified or contradicted by a measured value, or, where the patient
    did not know it ("I don't know"), as measured by the team: the note holds the value."""

    State = CheckState

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="answer_checks")
    question_key = models.SlugField(max_length=64)
    state = models.CharField(max_length=16, choices=State)
    note = models.CharField(max_length=500, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "screener_answercheck"
        constraints = [models.UniqueConstraint(fields=["referral", "question_key"], name="one_check_per_answer")]


class OutgoingEmail(models.Model):
    """One email to send, kept until it is sent: a failure waits for its next attempt, never lost.

    Created in the same transaction as what it announces; a background task sends it (screener.referrals.tasks).
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed (gave up)")

    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    recipients = models.JSONField(_("recipients"), default=list)
    state = models.CharField(_("state"), max_length=16, choices=State, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")

    def __str__(self) -> str:
        return self.subject


class AccessLog(models.Model):
    """Who looked at or changed what, when, and from which address. Read-only in admin.

    Written where the thing happens (opening a referral, exporting, a change), with the client address of
    the request being handled (screener.client).
    """

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed a referral")
        EXPORT = "export", _("Exported referrals")
        STATUS = "status", _("Changed a status")
        NOTE = "note", _("Added a note")
        CHECK = "check", _("Checked an answer")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    action = models.CharField(_("action"), max_length=16, choices=Action)
    referral = models.ForeignKey(
        Referral, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("referral")
    )
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    address = models.GenericIPAddressField(_("client address"), null=True, blank=True)

    class Meta:
        db_table = "screener_accesslog"
        ordering = ["-at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")

    @classmethod
    def record(cls, user, action: str, referral=None, detail: str = "", address: str | None = None) -> None:
        cls.objects.create(
            user=user, action=action, referral=referral, detail=detail[:500], address=address or current_client_ip()
        )
