"""Trials, their sites, the question vocabulary and the structured eligibility criteria.

Only these models know how to turn themselves into the eligibility engine's plain rules.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from trials import eligibility
from trials.answers import NotANumber, parse_number, plain

NCT_ID_PATTERN = r"^NCT\d{8}$"
validate_nct_id = RegexValidator(NCT_ID_PATTERN, _("An NCT number is “NCT” followed by eight digits."))


class TrialQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def search(self, words: str = "", place: str = ""):
        """Trials whose title or conditions hold `words` and that have a site in `place` (either may be empty)."""
        found = self
        if words:
            found = found.filter(models.Q(brief_title__icontains=words) | models.Q(conditions__icontains=words))
        if place:
            where = (
                models.Q(city__icontains=place) | models.Q(state__icontains=place) | models.Q(country__icontains=place)
            )
            found = found.filter(models.Exists(Site.objects.filter(where, trial=models.OuterRef("pk"))))
        return found

    def with_approved_criteria(self):
        approved = Criterion.objects.approved().select_related("question").order_by("order", "pk")
        return self.prefetch_related(models.Prefetch("criteria", queryset=approved, to_attr="approved_criteria"))


class Trial(models.Model):
    class Status(models.TextChoices):
        NOT_YET_RECRUITING = "NOT_YET_RECRUITING", _("Not yet recruiting")
        RECRUITING = "RECRUITING", _("Recruiting")
        ENROLLING_BY_INVITATION = "ENROLLING_BY_INVITATION", _("Enrolling by invitation")
        ACTIVE_NOT_RECRUITING = "ACTIVE_NOT_RECRUITING", _("Active, not recruiting")
        SUSPENDED = "SUSPENDED", _("Suspended")
        TERMINATED = "TERMINATED", _("Terminated")
        COMPLETED = "COMPLETED", _("Completed")
        WITHDRAWN = "WITHDRAWN", _("Withdrawn")
        UNKNOWN = "UNKNOWN", _("Unknown")

    nct_id = models.CharField(_("NCT number"), max_length=11, unique=True, validators=[validate_nct_id])
    brief_title = models.CharField(_("brief title"), max_length=500)
    official_title = models.TextField(_("official title"), blank=True)
    registry_summary = models.TextField(_("registry summary"), blank=True)
    plain_summary = models.TextField(
        _("plain summary"), blank=True, help_text=_("What the study is about, in words a patient understands.")
    )
    conditions = models.JSONField(_("conditions"), default=list, blank=True)
    phase = models.CharField(_("phase"), max_length=100, blank=True, help_text=_("Empty when the registry gives none."))
    overall_status = models.CharField(_("overall status"), max_length=32, choices=Status, default=Status.UNKNOWN)
    sponsor = models.CharField(_("sponsor"), max_length=300, blank=True)
    enrollment_target = models.PositiveIntegerField(_("enrolment target"), null=True, blank=True)
    start_date = models.CharField(
        _("start date"), max_length=10, blank=True, help_text=_("As the registry gives it: YYYY-MM or YYYY-MM-DD.")
    )
    primary_completion_date = models.CharField(_("primary completion date"), max_length=10, blank=True)
    completion_date = models.CharField(_("completion date"), max_length=10, blank=True)
    first_posted = models.CharField(_("first posted"), max_length=10, blank=True)
    last_updated = models.CharField(_("last updated"), max_length=10, blank=True)
    eligibility_text = models.TextField(_("eligibility criteria (verbatim)"), blank=True)
    source_record = models.JSONField(_("source record"), default=dict, blank=True, editable=False)
    is_published = models.BooleanField(_("published"), default=False)
    source_hash = models.CharField(
        _("hash of the imported record"), max_length=64, blank=True, editable=False
    )  # lets a bulk re-import skip studies whose registry record has not changed
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TrialQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["source_record", "updated_at", "source_hash"])

    class Meta:
        ordering = ["nct_id"]
        indexes = [models.Index(fields=["brief_title", "id"], name="trial_title_order")]
        verbose_name = _("trial")
        verbose_name_plural = _("trials")

    def __str__(self) -> str:
        return f"{self.nct_id}: {self.brief_title}"

    @property
    def registry_url(self) -> str:
        return f"https://clinicaltrials.gov/study/{self.nct_id}"

    def to_rules(self) -> eligibility.TrialRules:
        """The engine's view of this trial: its approved criteria only."""
        criteria = getattr(self, "approved_criteria", None)
        if criteria is None:
            criteria = self.criteria.approved().select_related("question").order_by("order", "pk")
        return eligibility.TrialRules(id=self.nct_id, criteria=tuple(c.to_rule() for c in criteria))


class Site(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="sites", verbose_name=_("trial"))
    facility = models.CharField(_("facility"), max_length=300)
    city = models.CharField(_("city"), max_length=200, blank=True)
    state = models.CharField(_("state or province"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=40, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    recruitment_status = models.CharField(_("recruitment status"), max_length=32, choices=Trial.Status, blank=True)
    contacts = models.JSONField(
        _("contacts"), default=list, blank=True, help_text=_("A list of {name, role, phone, email}.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["trial", "country", "city", "facility"]
        constraints = [models.UniqueConstraint(fields=["trial", "facility", "city"], name="unique_site_per_trial")]
        verbose_name = _("site")
        verbose_name_plural = _("sites")

    def __str__(self) -> str:
        return ", ".join(part for part in (self.facility, self.city, self.country) if part)

    def country_code(self) -> str | None:
        """ISO 3166 alpha-2 code of the site's country ("China" → "CN"), for reading phone numbers."""
        import pycountry

        try:
            return pycountry.countries.lookup(self.country).alpha_2 if self.country else None
        except LookupError:
            return None

    def clean(self):
        if not isinstance(self.contacts, list) or not all(isinstance(c, dict) for c in self.contacts):
            raise ValidationError(
                {"contacts": _("Contacts must be a list of objects with name, role, phone and email.")}
            )


class StaffMembership(models.Model):
    """A staff user works at a site and sees that site's referrals, and no others."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="site_memberships")
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="memberships")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "screener_staffmembership"
        constraints = [models.UniqueConstraint(fields=["user", "site"], name="one_membership_per_user_and_site")]
        verbose_name = _("site membership")
        verbose_name_plural = _("site memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.site}"


class Question(models.Model):
    class Kind(models.TextChoices):
        NUMBER = "number", _("Number")
        YES_NO = "yes_no", _("Yes or no")
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")

    YES_NO_CHOICES = [{"code": "yes", "label": "Yes"}, {"code": "no", "label": "No"}]

    key = models.SlugField(
        _("key"), max_length=64, unique=True, help_text=_("Stable identifier; never change it once used.")
    )
    prompt = models.CharField(_("question"), max_length=300)
    short_label = models.CharField(
        _("short label"), max_length=100, help_text=_("Used in rules and summaries, e.g. “six-minute walk distance”.")
    )
    help_text = models.TextField(_("help text"), blank=True, help_text=_("Where the patient can find the answer."))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    unit = models.CharField(_("unit"), max_length=20, blank=True, help_text=_("e.g. m, %, years, h/day, ratio."))
    min_value = models.DecimalField(
        _("lowest plausible answer"), max_digits=12, decimal_places=4, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("highest plausible answer"), max_digits=12, decimal_places=4, null=True, blank=True
    )
    whole_number = models.BooleanField(_("whole numbers only"), default=False)
    choices = models.JSONField(
        _("choices"),
        default=list,
        blank=True,
        help_text=_("A list of {code, label}; codes are stable, labels may change."),
    )
    allow_dont_know = models.BooleanField(_("offer “I don’t know”"), default=True)
    priority = models.PositiveSmallIntegerField(
        _("priority"), default=100, help_text=_("Among equally useful questions, lower numbers are asked first.")
    )
    standard_code = models.CharField(
        _("standard code"), max_length=40, blank=True, help_text=_("LOINC code, where one exists.")
    )
    asked_only_if = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("ask only if")
    )
    asked_only_if_codes = models.JSONField(_("…is answered with one of"), default=list, blank=True)
    implied_answer = models.CharField(
        _("implied answer when not asked"), max_length=64, blank=True, help_text=_("A choice code, e.g. “no”.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["priority", "key"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.short_label or self.key

    @property
    def is_choice(self) -> bool:
        return self.kind != self.Kind.NUMBER

    def choice_list(self) -> list[dict]:
        return self.YES_NO_CHOICES if self.kind == self.Kind.YES_NO else list(self.choices or [])

    def choice_codes(self) -> list[str]:
        return [c["code"] for c in self.choice_list()]

    def label_for(self, code: str) -> str:
        return next((c["label"] for c in self.choice_list() if c["code"] == code), code)

    def clean(self):
        errors = {}
        if self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE):
            choices = self.choices
            if (
                not isinstance(choices, list)
                or len(choices) < 2
                or not all(isinstance(c, dict) and c.get("code") and c.get("label") for c in choices)
            ):
                errors["choices"] = _("A choice question needs at least two choices, each with a code and a label.")
            elif len({c["code"] for c in choices}) != len(choices):
                errors["choices"] = _("Each choice needs its own code.")
        if self.kind == self.Kind.NUMBER and self.min_value is not None and self.max_value is not None:
            if self.min_value > self.max_value:
                errors["max_value"] = _("The highest plausible answer is below the lowest.")
        if self.asked_only_if_id:
            if self.asked_only_if_id == self.pk:
                errors["asked_only_if"] = _("A question cannot depend on itself.")
            elif not self.asked_only_if.is_choice:
                errors["asked_only_if"] = _("Only a choice question can decide whether another is asked.")
            else:
                unknown = set(self.asked_only_if_codes or []) - set(self.asked_only_if.choice_codes())
                if not self.asked_only_if_codes or unknown:
                    errors["asked_only_if_codes"] = _("Choose codes of that question: %(codes)s.") % {
                        "codes": ", ".join(self.asked_only_if.choice_codes())
                    }
            if not self.implied_answer or self.implied_answer not in self.choice_codes():
                errors["implied_answer"] = _("Give the answer to assume when this question is not asked.")
        if errors:
            raise ValidationError(errors)

    def clean_answer(self, value):
        """The stored form of an answer (None for "I don't know"), or a ValidationError saying what is wrong.

        Accepts what a form or a JSON file gives: text or a number for number questions, a code for a
        single choice, a list of codes for multiple choice.
        """
        if value is None:
            if not self.allow_dont_know:
                raise ValidationError(_("“I don’t know” is not an answer to this question."), code="dont_know")
            return None
        if self.kind == self.Kind.NUMBER:
            return self._clean_number(value)
        codes = self.choice_codes()
        if self.kind == self.Kind.MULTIPLE:
            if isinstance(value, str) or not isinstance(value, (list, tuple)) or not value:
                raise ValidationError(_("Choose at least one answer."), code="required")
            chosen = list(dict.fromkeys(value))
        else:
            chosen = [value]
        bad = [code for code in chosen if not isinstance(code, str) or code not in codes]
        if bad:
            raise ValidationError(
                _("Not one of the answers to this question: %(bad)s. Choose from: %(codes)s.")
                % {"bad": ", ".join(map(str, bad)), "codes": ", ".join(codes)},
                code="invalid_choice",
            )
        return sorted(chosen, key=codes.index) if self.kind == self.Kind.MULTIPLE else value

    def _clean_number(self, value) -> str:
        if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
            raise ValidationError(_("Enter a number."), code="invalid")
        try:
            number = parse_number(str(value), self.unit)
        except NotANumber:
            raise ValidationError(
                _("Enter a number, like %(example)s.") % {"example": self.example()}, code="invalid"
            ) from None
        if self.whole_number and number != number.to_integral_value():
            raise ValidationError(_("Enter a whole number."), code="whole_number")
        low, high = self.min_value, self.max_value
        if (low is not None and number < low) or (high is not None and number > high):
            raise ValidationError(
                _("Enter a value from %(low)s to %(high)s.")
                % {
                    "low": self.format_number(low) if low is not None else "…",
                    "high": self.format_number(high) if high is not None else "…",
                },
                code="out_of_range",
            )
        return plain(number)

    def display_answer(self, stored) -> str:
        """A stored answer in the patient's words: "60 years", "No", "I don't know"."""
        if stored is None:
            return str(_("I don’t know"))
        if self.kind == self.Kind.NUMBER:
            return self.format_number(Decimal(stored))
        if isinstance(stored, list):
            return "; ".join(self.label_for(code) for code in stored)
        return self.label_for(stored)

    def example(self) -> str:
        examples = {"%": "65", "ratio": "0.68", "m": "350", "years": "68", "h/day": "12", "times": "2"}
        return examples.get(self.unit, "10")

    def to_info(self) -> eligibility.QuestionInfo:
        gate = None
        if self.asked_only_if_id:
            gate = eligibility.AskedOnlyIf(
                question_key=self.asked_only_if.key,
                codes=frozenset(self.asked_only_if_codes),
                otherwise=self.implied_answer,
            )
        return eligibility.QuestionInfo(key=self.key, priority=self.priority, asked_only_if=gate)

    def format_number(self, value: Decimal) -> str:
        text = plain(value) if isinstance(value, Decimal) else str(value)
        if self.unit in ("", "ratio"):
            return text
        return f"{text}{self.unit}" if self.unit == "%" else f"{text} {self.unit}"


class CriterionQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Criterion.Status.APPROVED)


class Criterion(models.Model):
    class Kind(models.TextChoices):
        INCLUSION = "inclusion", _("Inclusion")
        EXCLUSION = "exclusion", _("Exclusion")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    class Origin(models.TextChoices):
        IMPORT = "import", _("Imported from the registry")
        EDITED = "edited", _("Written or edited by an admin")

    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("trial"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    question = models.ForeignKey(
        Question,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="criteria",
        verbose_name=_("question"),
        help_text=_("Leave empty when only the study team can judge this criterion."),
    )
    min_value = models.DecimalField(_("minimum"), max_digits=12, decimal_places=4, null=True, blank=True)
    min_inclusive = models.BooleanField(_("minimum included"), default=True)
    max_value = models.DecimalField(_("maximum"), max_digits=12, decimal_places=4, null=True, blank=True)
    max_inclusive = models.BooleanField(_("maximum included"), default=True)
    values = models.JSONField(
        _("matching answers"), default=list, blank=True, help_text=_("Choice codes that satisfy the rule.")
    )
    uncertain_values = models.JSONField(
        _("answers for the study team to judge"),
        default=list,
        blank=True,
        help_text=_("Choice codes that leave this criterion open."),
    )
    source_text = models.TextField(_("registry’s words"))
    explanation = models.TextField(_("plain explanation"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.DRAFT)
    origin = models.CharField(_("origin"), max_length=16, choices=Origin, default=Origin.EDITED, editable=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = CriterionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["trial", "order", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.rule_in_words()}"

    def _rule(self) -> eligibility.Rule | None:
        if self.question is None:
            return None
        if self.question.kind == Question.Kind.NUMBER:
            return eligibility.NumberRule(self.min_value, self.min_inclusive, self.max_value, self.max_inclusive)
        return eligibility.ChoiceRule(frozenset(self.values or []), frozenset(self.uncertain_values or []))

    def clean(self):
        question = self.question if self.question_id else None
        if question is None:
            if self.min_value is not None or self.max_value is not None or self.values or self.uncertain_values:
                raise ValidationError(
                    _("A criterion for the study team has no rule: choose a question or clear the rule.")
                )
            return
        for name in ("values", "uncertain_values"):
            value = getattr(self, name)
            if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
                raise ValidationError({name: _("Give a list of choice codes.")})
        if question.kind == Question.Kind.NUMBER:
            if self.values or self.uncertain_values:
                raise ValidationError(_("A number question takes a minimum and/or maximum, not choice codes."))
        else:
            if self.min_value is not None or self.max_value is not None:
                raise ValidationError(_("A choice question takes matching answers, not a minimum or maximum."))
            unknown = (set(self.values) | set(self.uncertain_values)) - set(question.choice_codes())
            if unknown:
                raise ValidationError(
                    {
                        "values": _("Not answers to this question: %(unknown)s. Its codes are: %(codes)s.")
                        % {"unknown": ", ".join(sorted(unknown)), "codes": ", ".join(question.choice_codes())}
                    }
                )
        problems = self._rule().problems()
        if problems:
            raise ValidationError(problems)

    def save(self, *args, **kwargs):
        self.full_clean(exclude=["trial"] if self.trial_id is None else None)
        super().save(*args, **kwargs)

    def to_rule(self) -> eligibility.CriterionRule:
        return eligibility.CriterionRule(
            id=self.pk,
            polarity=eligibility.Polarity(self.kind),
            question_key=self.question.key if self.question_id else None,
            rule=self._rule(),
            text=self.source_text,
            explanation=self.explanation,
        )

    def rule_in_words(self) -> str:
        question = self.question if self.question_id else None
        if question is None:
            return str(_("for the study team to check"))
        if question.kind == Question.Kind.NUMBER:
            low, high = self.min_value, self.max_value
            low_sign = "≤" if self.min_inclusive else "<"
            high_sign = "≤" if self.max_inclusive else "<"
            if low is not None and high is not None:
                rule = f"{question.format_number(low)} {low_sign} {question.short_label} {high_sign} {question.format_number(high)}"
            elif low is not None:
                rule = f"{question.short_label} {'≥' if self.min_inclusive else '>'} {question.format_number(low)}"
            else:
                rule = f"{question.short_label} {high_sign} {question.format_number(high)}"
        else:
            labels = " or ".join(f"“{question.label_for(code)}”" for code in self.values)
            verb = "includes" if question.kind == Question.Kind.MULTIPLE else "is"
            rule = f"{question.short_label} {verb} {labels}"
        return f"{_('excluded if')} {rule}" if self.kind == self.Kind.EXCLUSION else rule


class CatalogueVersion(models.Model):
    """One row whose number goes up whenever a trial, site, question or criterion changes.

    Each worker keeps the engine's indexed catalogue in memory and a thread brings it up to date when
    this number moves (see trials.catalogue), so a questionnaire step costs one small query however
    many trials there are. Saving or deleting through the ORM bumps it (see trials.signals), naming the
    trial that changed so workers can patch that trial alone; a bare QuerySet.update() does not, so
    call `CatalogueVersion.bump()` after one (which makes every worker load the whole catalogue again).
    `epoch` tells one database's versions from another's (a stored snapshot names both).
    """

    number = models.PositiveBigIntegerField(default=0)
    epoch = models.UUIDField(default=uuid.uuid4, editable=False)

    @classmethod
    def current(cls) -> int:
        return cls.objects.filter(pk=1).values_list("number", flat=True).first() or 0

    @classmethod
    def current_with_epoch(cls) -> tuple[int, str]:
        row = cls.objects.filter(pk=1).values_list("number", "epoch").first()
        return (row[0], str(row[1])) if row else (0, "")

    @classmethod
    def bump(cls, nct_ids: Iterable[str] | None = None) -> int:
        """Move the number on; `nct_ids` names the only trials that changed (None: anything may have)."""
        with transaction.atomic():
            if not cls.objects.filter(pk=1).update(number=models.F("number") + 1):
                cls.objects.get_or_create(pk=1, defaults={"number": 1})
            number = cls.current()
            names = sorted(set(nct_ids)) if nct_ids is not None else [None]
            CatalogueChange.objects.bulk_create(CatalogueChange(version=number, nct_id=name) for name in names)
        return number


class CatalogueChange(models.Model):
    """What one version of the catalogue changed: a trial (by NCT id), or anything (nct_id null)."""

    version = models.PositiveBigIntegerField(db_index=True)
    nct_id = models.CharField(max_length=11, null=True, blank=True)

    class Meta:
        ordering = ["version"]
