"""Trials, their sites, the question vocabulary and the structured eligibility criteria.

Only these models know how to turn themselves into the eligibility engine's plain rules.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import get_language, gettext, gettext_noop, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from trials import eligibility, screens, wording
from trials.number_input import NotANumber, plain, read_as_none, readings, written_in_words
from trials.wording import PHASE_WORDS

NCT_ID_PATTERN = r"^NCT\d{8}$"
validate_nct_id = RegexValidator(NCT_ID_PATTERN, _("An NCT number is “NCT” followed by eight digits."))

# The languages admins write in besides English, as modeltranslation names its fields ("zh_hans").
OTHER_LANGUAGES = [code.replace("-", "_") for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def language_suffix(language: str | None = None) -> str:
    """The active language as a field suffix: "zh-hans" → "zh_hans"."""
    return (language or get_language() or settings.LANGUAGE_CODE).lower().replace("-", "_")


def fallback_language(instance, field: str) -> str:
    """ "en" when `field` shows its English text on a page in another language (its translation is missing),
    so the element can say so (`lang="en"`); "" when it is in the page's language."""
    suffix = language_suffix()
    if suffix == language_suffix(settings.LANGUAGE_CODE) or getattr(instance, f"{field}_{suffix}", None):
        return ""
    return settings.LANGUAGE_CODE


def per_language(*names: str) -> list[str]:
    """The fields modeltranslation adds for these (`prompt_en`, `prompt_zh_hans`): history keeps the original
    column, which holds the English text, and leaves these out (simple-history builds its tables first)."""
    return [f"{name}_{suffix}" for name in names for suffix in [settings.LANGUAGE_CODE, *OTHER_LANGUAGES]]


def missing_translations(instance, fields, verbose=None, languages=None) -> list[str]:
    """Names of the fields that have English text but none in another language (for admin's warnings); `languages`
    (field suffixes, "zh_hans") asks about those alone, one at a time for a list per language."""
    missing = []
    for name in fields:
        english = getattr(instance, f"{name}_en", "") or ""
        for suffix in languages or OTHER_LANGUAGES:
            if english.strip() and not (getattr(instance, f"{name}_{suffix}", "") or "").strip():
                missing.append(str(instance._meta.get_field(name).verbose_name))
                break
    return missing


PER_LANGUAGE = [language_suffix(settings.LANGUAGE_CODE), *OTHER_LANGUAGES]  # "en", "zh_hans"


class TrialQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def search(self, words: str = "", place: str = ""):
        """Trials whose titles or conditions hold `words` or a synonym of it, in either language
        (`trials.search_terms`), and that have a site in `place`, named in either script (`places`).
        The synonyms were matched when each trial was saved (`Trial.search_groups`, see `trials.search_terms`):
        the words are looked for in one short column, and each group they name is one more LIKE."""
        from trials import places, search_terms

        found = self
        typed = " ".join(str(words).split())
        if typed:
            matches = models.Q(search_text__contains=search_terms.typed_key(typed))
            keys = search_terms.group_keys()
            for number in search_terms.groups_named(typed):
                matches |= models.Q(search_groups__contains=f" {keys[number]} ")
            found = found.filter(matches)
        if place:
            where = models.Q()
            for name in places.names_in_both_scripts(place):
                for field in ("city", "state", "country"):
                    for suffix in PER_LANGUAGE:
                        where |= models.Q(**{f"{field}_{suffix}__icontains": name})
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
    patient_title = models.CharField(
        _("title for patients"),
        max_length=300,
        blank=True,
        help_text=_("A short title in plain words; the registry's brief title is shown where this is empty."),
    )
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
    criteria_version = models.PositiveIntegerField(
        _("criteria version"),
        default=1,
        editable=False,
        help_text=_("Goes up whenever an approved criterion is added, edited, removed or approved."),
    )
    source_hash = models.CharField(
        _("hash of the imported record"), max_length=64, blank=True, editable=False
    )  # lets a bulk re-import skip studies whose registry record has not changed
    needs_drafting = models.BooleanField(
        _("criteria drafts pending"),
        default=False,
        db_index=True,
        editable=False,
        help_text=_(
            "A bulk import stored this study; the background worker has yet to draft criteria from its registry text."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # The search index (trials.search_terms.search_index), kept by save(): never edited by hand.
    search_text = models.TextField(_("search text"), blank=True, default="", editable=False)
    search_groups = models.TextField(_("search groups"), blank=True, default="", editable=False)

    objects = TrialQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=[
            "search_text",
            "search_groups",
            "source_record",
            "updated_at",
            "source_hash",
            "needs_drafting",
            *per_language("patient_title", "plain_summary"),
        ]
    )

    class Meta:
        ordering = ["nct_id"]
        indexes = [models.Index(fields=["brief_title", "id"], name="trial_title_order")]
        verbose_name = _("trial")
        verbose_name_plural = _("trials")

    def __str__(self) -> str:
        return f"{self.nct_id}: {self.brief_title}"

    @property
    def title_for_patients(self) -> str:
        return self.patient_title or self.brief_title

    def missing_translations(self, languages=None) -> list[str]:
        """What a patient reading another language meets in English: the title for patients (or, without
        one, the registry's title they see instead) and the plain summary."""
        missing = missing_translations(self, ["patient_title", "plain_summary"], languages=languages)
        title = str(self._meta.get_field("patient_title").verbose_name)
        if title not in missing and self.brief_title and not (self.patient_title_en or "").strip():
            suffixes = languages or OTHER_LANGUAGES
            if any(not (getattr(self, f"patient_title_{suffix}", "") or "").strip() for suffix in suffixes):
                missing.insert(0, title)
        return missing

    @property
    def registry_url(self) -> str:
        return f"https://clinicaltrials.gov/study/{self.nct_id}"

    def phase_in_words(self) -> str:
        """The registry's phase codes as words: "EARLY_PHASE1" → "Early phase 1", "PHASE2, PHASE3" → "Phase 2/Phase 3"."""
        codes = [code.strip() for code in self.phase.replace("/", ",").split(",") if code.strip()]
        return "/".join(str(PHASE_WORDS.get(code.upper(), code.replace("_", " ").capitalize())) for code in codes)

    @property
    def stopped_recruiting(self) -> bool:
        """The registry says it no longer takes patients (completed, terminated, suspended, …)."""
        return self.overall_status not in RECRUITING_STATUSES and self.overall_status != Trial.Status.UNKNOWN

    def criteria_to_review(self):
        return self.criteria.filter(status=Criterion.Status.DRAFT)

    def publishing_problem(self, on_review_page: bool = False) -> str | None:
        """Why this trial cannot be published now, or None. Checked whenever a trial becomes published.
        `on_review_page`: said on the page where the criteria are reviewed, which it need not send the admin to."""
        if not self.is_published or self.pk is None:
            return None
        if Trial.objects.filter(pk=self.pk, is_published=True).exists():
            return None  # already published: a re-import's new drafts wait, unused, for review
        waiting = self.criteria_to_review().count()
        if waiting and on_review_page:
            return ngettext(
                "This trial cannot be published while %(count)s criterion is still to review: approve, edit or "
                "reject it below.",
                "This trial cannot be published while %(count)s criteria are still to review: approve, edit or "
                "reject each of them below.",
                waiting,
            ) % {"count": waiting}
        if waiting:
            return ngettext(
                "This trial cannot be published while %(count)s criterion is still to review: approve, edit or "
                "reject it on the trial's review page first.",
                "This trial cannot be published while %(count)s criteria are still to review: approve, edit or "
                "reject each of them on the trial's review page first.",
                waiting,
            ) % {"count": waiting}
        return None

    def clean(self):
        problem = self.publishing_problem()
        if problem:
            raise ValidationError({"is_published": problem})

    def save(self, *args, **kwargs):
        problem = self.publishing_problem()
        if problem:
            raise ValidationError({"is_published": problem})
        self.index_search()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & set(SEARCH_SOURCES):
            kwargs["update_fields"] = {*update_fields, "search_text", "search_groups"}
        super().save(*args, **kwargs)

    def index_search(self) -> None:
        """Fill `search_text` and `search_groups` from the titles and conditions (before a bulk_create too)."""
        from trials import search_terms

        self.search_text, self.search_groups = search_terms.search_index(
            self.brief_title,
            {suffix: getattr(self, f"patient_title_{suffix}", "") or "" for suffix in PER_LANGUAGE},
            self.conditions,
            language_suffix(settings.LANGUAGE_CODE),
        )

    def coverage(self) -> Coverage:
        criteria = getattr(self, "coverage_criteria", None)
        if criteria is None:
            criteria = self.criteria.only("clause_start", "clause_end", "status", "question_id", "proposal")
        return Coverage.of(criteria)

    def to_rules(self) -> eligibility.TrialRules:
        """The engine's view of this trial: its approved criteria only."""
        criteria = getattr(self, "approved_criteria", None)
        if criteria is None:
            criteria = self.criteria.approved().select_related("question").order_by("order", "pk")
        return eligibility.TrialRules(id=self.nct_id, criteria=tuple(c.to_rule() for c in criteria))

    def bump_criteria_version(self) -> int:
        """A new version of the approved criteria: referrals judged on an older one are judged again."""
        Trial.objects.filter(pk=self.pk).update(criteria_version=models.F("criteria_version") + 1)
        self.criteria_version = Trial.objects.filter(pk=self.pk).values_list("criteria_version", flat=True).get()
        return self.criteria_version


# The fields the search index is made from: a save that writes one of them writes the index too.
SEARCH_SOURCES = ("brief_title", "conditions", "patient_title", *(f"patient_title_{suffix}" for suffix in PER_LANGUAGE))

# The registry statuses of a study that takes patients now or soon; any other is a study that stopped.
RECRUITING_STATUSES = (Trial.Status.RECRUITING, Trial.Status.NOT_YET_RECRUITING, Trial.Status.ENROLLING_BY_INVITATION)


class SiteQuerySet(models.QuerySet):
    def recruiting(self):
        """Sites that take patients now or soon (a site with no status of its own follows its trial)."""
        open_statuses = RECRUITING_STATUSES
        return self.filter(
            models.Q(recruitment_status__in=open_statuses)
            | models.Q(recruitment_status="", trial__overall_status__in=open_statuses)
        )

    def unstaffed(self):
        """Sites where no active member has an email address: nobody would hear of a patient's request."""
        heard = StaffMembership.objects.filter(site=models.OuterRef("pk"), user__is_active=True).exclude(user__email="")
        return self.exclude(models.Exists(heard))


@dataclass(frozen=True)
class Coverage:
    """How a trial's clauses stand: each clause counts once, by its criteria's review state.

    A clause is still to review while any of its criteria is; otherwise it has a patient-answerable rule when
    an approved criterion of it has a question, and is for the study team when not (every proposal rejected,
    or only the study team can judge it).
    """

    answerable: int = 0
    study_team: int = 0
    to_review: int = 0
    procedural: int = 0  # consent, willingness, headings…: never checks, so not among the clauses counted

    @property
    def clauses(self) -> int:
        return self.answerable + self.study_team + self.to_review

    @property
    def reviewed(self) -> int:
        return self.answerable + self.study_team

    @classmethod
    def of(cls, criteria) -> Coverage:
        clauses: dict[tuple[int, int], list] = {}
        for criterion in criteria:
            if criterion.clause_start is not None:
                clauses.setdefault((criterion.clause_start, criterion.clause_end), []).append(criterion)
        counts = {"answerable": 0, "study_team": 0, "to_review": 0, "procedural": 0}
        for members in clauses.values():
            counts[Criterion.clause_state(members)] += 1
        return cls(**counts)

    def __str__(self) -> str:
        return _("%(answerable)s answerable, %(study_team)s for the study team, %(to_review)s to review") % {
            "answerable": self.answerable,
            "study_team": self.study_team,
            "to_review": self.to_review,
        }


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
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        help_text=_(
            "As the IANA database names it, e.g. Asia/Shanghai. Empty: the zone of the site's country when it has"
            " one (Asia/Shanghai for China), otherwise the server's."
        ),
    )
    history = HistoricalRecords(excluded_fields=per_language("facility", "city", "state", "country"))

    objects = SiteQuerySet.as_manager()

    class Meta:
        ordering = ["trial", "country", "city", "facility"]
        constraints = [models.UniqueConstraint(fields=["trial", "facility", "city"], name="unique_site_per_trial")]
        verbose_name = _("site")
        verbose_name_plural = _("sites")

    def __str__(self) -> str:
        return gettext(", ").join(part for part in (self.facility, self.city, self.country) if part)

    def missing_translations(self, languages=None) -> list[str]:
        return missing_translations(self, ["facility", "city", "state", "country"], languages=languages)

    def country_code(self) -> str | None:
        """ISO 3166 alpha-2 code of the site's country ("China" → "CN"), for reading phone numbers."""
        import pycountry

        try:
            country = self.country_en or self.country  # the registry's English name, whatever the page's language
            return pycountry.countries.lookup(country).alpha_2 if country else None
        except LookupError:
            return None

    def zone(self):
        """The time zone staff at this site read times in: its own, its country's, or the server's."""
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        for name in (self.time_zone, _country_time_zones().get(self.country_code() or "")):
            if name:
                try:
                    return ZoneInfo(name)
                except (ZoneInfoNotFoundError, ValueError):
                    continue
        return ZoneInfo(settings.TIME_ZONE)

    def clean(self):
        if self.time_zone:
            from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

            try:
                ZoneInfo(self.time_zone)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValidationError(
                    {"time_zone": _("Give a time zone as the IANA database names it, e.g. Asia/Shanghai.")}
                ) from None
        if not isinstance(self.contacts, list) or not all(isinstance(c, dict) for c in self.contacts):
            raise ValidationError(
                {"contacts": _("Contacts must be a list of objects with name, role, phone and email.")}
            )


@functools.cache
def day_at_sites(sites):
    """Today as these sites count it: in their time zone when they share one, else (several zones, or no site) the
    server's. A file a nurse exports at 01:00 in Shanghai, or a summary a patient prints there at 07:00, is dated
    that day, not the day before in UTC."""
    zones = {str(site.zone()): site.zone() for site in sites}
    return timezone.localdate(timezone=zones.popitem()[1]) if len(zones) == 1 else timezone.localdate()


def _country_time_zones() -> dict[str, str]:
    """A country's time zone where it has one (trials/data/country_time_zones.csv), by ISO code."""
    import csv
    from pathlib import Path

    with (Path(__file__).parent / "data" / "country_time_zones.csv").open(encoding="utf-8") as rows:
        return {row["country_code"]: row["time_zone"] for row in csv.DictReader(rows)}


class StaffMembership(models.Model):
    """A staff user works at a site and sees that site's referrals, and no others."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="site_memberships", verbose_name=_("user")
    )
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("site"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

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

    YES_NO_CHOICES = [{"code": "yes", "label": _("Yes")}, {"code": "no", "label": _("No")}]

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
    allow_never = models.BooleanField(
        _("offer “Never”"),
        default=False,
        help_text=_(
            "Only for “how many days ago did it last happen” questions: “Never” then reads as longer ago than "
            "any study’s window. Not for a question where never means something else (days since diagnosis)."
        ),
    )
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
    asked_only_under_age = models.PositiveSmallIntegerField(
        _("…and only of people younger than (years)"),
        null=True,
        blank=True,
        help_text=_("Leave empty to ask at any age. Older people take the implied answer; an unknown age asks."),
    )
    asked_only_under_age_for = models.JSONField(
        _("…the age limit only when it is answered with one of"),
        default=list,
        blank=True,
        help_text=_(
            "Leave empty for the age limit to hold whatever the answer. Planning a pregnancy: “female” (a man’s "
            "partner may be younger)."
        ),
    )
    implied_answer = models.CharField(
        _("implied answer when not asked"),
        max_length=64,
        blank=True,
        help_text=_("A choice code, e.g. “no”; for a number question a number, e.g. “0”."),
    )
    history = HistoricalRecords(excluded_fields=per_language("prompt", "short_label", "help_text"))

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
        """{code, label} in the active language: a choice's `label_zh_hans` (etc.), else its English `label`."""
        if self.kind == self.Kind.YES_NO:
            return [{"code": c["code"], "label": str(c["label"])} for c in self.YES_NO_CHOICES]
        key = f"label_{language_suffix()}"
        return [{"code": c["code"], "label": c.get(key) or c["label"]} for c in self.choices or []]

    def choice_codes(self) -> list[str]:
        if self.kind == self.Kind.YES_NO:
            return [c["code"] for c in self.YES_NO_CHOICES]
        return [c["code"] for c in self.choices or []]

    def missing_translations(self) -> list[str]:
        missing = missing_translations(self, ["prompt", "short_label", "help_text"])
        if self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE) and isinstance(self.choices, list):
            for suffix in OTHER_LANGUAGES:
                if any(isinstance(c, dict) and not c.get(f"label_{suffix}") for c in self.choices):
                    missing.append(str(_("choice labels")))
                    break
        return missing

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
            elif not all(isinstance(c.get(f"label_{suffix}", ""), str) for c in choices for suffix in OTHER_LANGUAGES):
                errors["choices"] = _("A translated label (such as “label_zh_hans”) must be text.")
            elif len({c["code"] for c in choices}) != len(choices):
                errors["choices"] = _("Each choice needs its own code.")
            elif not all(self._sexes_valid(c.get("sexes")) for c in choices):
                errors["choices"] = _(
                    "A choice’s “sexes” lists the answers to the sex question it can apply to, such as [“female”]."
                )
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
            if not self._implied_answer_valid():
                errors["implied_answer"] = _("Give the answer to assume when this question is not asked.")
            if self.asked_only_under_age_for and "asked_only_if_codes" not in errors:
                if not isinstance(self.asked_only_under_age_for, list) or not set(self.asked_only_under_age_for) <= set(
                    self.asked_only_if_codes or []
                ):
                    errors["asked_only_under_age_for"] = _("Choose among the codes above: %(codes)s.") % {
                        "codes": ", ".join(self.asked_only_if_codes or [])
                    }
                elif self.asked_only_under_age is None:
                    errors["asked_only_under_age_for"] = _("Give the age limit these answers have.")
        elif self.asked_only_under_age is not None:
            errors["asked_only_under_age"] = _(
                "An age limit needs the question that decides whether this one is asked."
            )
        if errors:
            raise ValidationError(errors)

    def _implied_answer_valid(self) -> bool:
        """A choice code, or for a number question a number it accepts (or "never" where never is an answer):
        "0 pack-years" for someone who has never smoked."""
        if not self.implied_answer:
            return False
        if self.kind != self.Kind.NUMBER:
            return self.implied_answer in self.choice_codes()
        try:
            self.clean_answer(self.implied_answer)
        except ValidationError:
            return False
        return True

    def clean_answer(self, value):
        """The stored form of an answer (None for "I don't know"), or a ValidationError saying what is wrong.

        Accepts what a form or a JSON file gives: text or a number for number questions, a code for a
        single choice, a list of codes for multiple choice.
        """
        if value is None:
            if not self.allow_dont_know:
                raise ValidationError(_("“I don’t know” is not an answer to this question."), code="dont_know")
            return None
        if value == eligibility.NEVER and self.kind == self.Kind.NUMBER:  # a choice may have a code "never"
            if not self.allow_never and read_as_none(value, self.unit):
                return self._clean_number(value)  # "never" typed for how many times: 0, as "Never" or "none" is
            if not self.allow_never:
                raise ValidationError(_("“Never” is not an answer to this question."), code="never")
            return eligibility.NEVER
        if self.kind == self.Kind.NUMBER:
            return self._clean_number(value)
        codes = self.choice_codes()
        if self.kind == self.Kind.MULTIPLE and isinstance(value, dict):
            return self._clean_items(value, codes)
        if self.kind == self.Kind.MULTIPLE:
            if isinstance(value, str) or not isinstance(value, (list, tuple)) or not value:
                raise ValidationError(_("Choose at least one answer."), code="required")
            if not all(isinstance(code, str) for code in value):  # a list in the list, a number: not codes
                raise ValidationError(_("Give the answers as a list of codes."), code="invalid_choice")
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

    def _clean_items(self, value: dict, codes: list[str]) -> dict:
        """An answer given item by item, `{"ticked": [...], "shown": [...]}` (`eligibility.ItemsAnswer`)."""
        ticked, shown = value.get("ticked"), value.get("shown")
        if set(value) != {"ticked", "shown"} or not isinstance(ticked, list) or not isinstance(shown, list):
            raise ValidationError(_("Give the answers as a list of codes."), code="invalid_choice")
        if not all(isinstance(code, str) for code in (*ticked, *shown)):
            raise ValidationError(_("Give the answers as a list of codes."), code="invalid_choice")
        bad = [code for code in (*ticked, *shown) if code not in codes or code == eligibility.NONE_CODE]
        if bad or not shown:
            raise ValidationError(
                _("Not one of the answers to this question: %(bad)s. Choose from: %(codes)s.")
                % {"bad": ", ".join(bad), "codes": ", ".join(codes)},
                code="invalid_choice",
            )
        return eligibility.ItemsAnswer(frozenset(ticked), frozenset(shown)).stored()

    def _clean_number(self, value) -> str:
        if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
            raise ValidationError(_("Enter a number."), code="invalid")
        try:
            found = readings(str(value), self.unit)
        except NotANumber:
            if written_in_words(str(value)):
                raise ValidationError(
                    _("Please use digits, like %(example)s.") % {"example": self.example()}, code="words"
                ) from None
            raise ValidationError(
                _("Enter a number, like %(example)s.") % {"example": self.example()}, code="invalid"
            ) from None
        if self.whole_number and len(found) > 1:
            found = [n for n in found if n == n.to_integral_value()] or found
        if len(found) > 1:
            raise ValidationError(
                _(
                    "“%(text)s” could mean %(first)s or %(second)s. Type it again without the comma: %(one)s or %(other)s."
                )
                % {
                    "text": str(value).strip(),
                    "first": self.format_number(found[0]),
                    "second": self.format_number(found[1]),
                    "one": plain(found[0]),
                    "other": plain(found[1]),
                },
                code="ambiguous",
            )
        number = found[0]
        low, high = self.min_value, self.max_value
        if number < 0 and (low is None or low >= 0) and (low is None or high is None):  # else the range says it
            raise ValidationError(_("The value must be 0 or more."), code="negative")
        if self.whole_number and number != number.to_integral_value():
            raise ValidationError(_("Enter a whole number."), code="whole_number")
        if (low is not None and number < low) or (high is not None and number > high):
            raise ValidationError(wording.out_of_range(self, low, high), code="out_of_range")
        return plain(number)

    def display_answer(self, stored) -> str:
        return wording.display_answer(self, stored)

    def example(self) -> str:
        examples = {
            "%": "65",
            "ratio": "0.68",
            "m": "350",
            "years": "68",
            "h/day": "12",
            "times": "2",
            "days": "30",
            "x ULN": "1.5",
            "kg/m2": "24.5",
            "pack-years": "20",
            "mL/min/1.73m2": "75",
            "g/L": "130",
            "x10^9/L": "5",
            "mmHg": "130",
            "kg": "70",
            "cells/uL": "300",
            "bpm": "72",
            "cigarettes/day": "10",
        }
        return examples.get(self.unit, "10")

    def to_info(self) -> eligibility.QuestionInfo:
        gate = None
        if self.asked_only_if_id:
            gate = eligibility.AskedOnlyIf(
                question_key=self.asked_only_if.key,
                codes=frozenset(self.asked_only_if_codes),
                otherwise=self.implied_answer,
                under_age=None if self.asked_only_under_age is None else Decimal(self.asked_only_under_age),
                under_age_only_for=frozenset(self.asked_only_under_age_for or ()),
            )
        placed = screens.place(self.key)
        items = ()
        if self.kind == self.Kind.MULTIPLE and screens.items_needed_only(self.key):
            items = tuple(code for code in self.choice_codes() if code != eligibility.NONE_CODE)
        # an item that applies to some sexes only (a column of the choices: "sexes": ["female"])
        item_sexes = tuple(
            (c["code"], frozenset(c["sexes"])) for c in self.choices or [] if c.get("code") in items and c.get("sexes")
        )
        return eligibility.QuestionInfo(
            key=self.key,
            priority=self.priority,
            asked_only_if=gate,
            screen=placed[0] if placed else None,
            screen_order=placed[1] if placed else 0,
            items=items,
            item_sexes=item_sexes,
        )

    @staticmethod
    def _sexes_valid(sexes) -> bool:
        """None, or a list of answers to the sex question (`eligibility.SEX`) as its choices name them."""
        if sexes is None:
            return True
        if not isinstance(sexes, list) or not sexes or not all(isinstance(code, str) for code in sexes):
            return False
        sex = Question.objects.filter(key=eligibility.SEX).only("choices").first()
        return sex is None or set(sexes) <= set(sex.choice_codes())

    def format_number(self, value: Decimal) -> str:
        return wording.format_number(self, value)

    @property
    def unit_shown(self) -> str:
        return wording.unit_shown(self)


# The engine is pure (no Django), so its words for a rule that makes no sense are marked here for translation.
ENGINE_PROBLEMS = [
    gettext_noop("A number rule needs a minimum, a maximum or both."),
    gettext_noop("The minimum is above the maximum."),
    gettext_noop("Equal minimum and maximum must both be inclusive, or no number could satisfy the rule."),
    gettext_noop("A choice rule needs at least one accepted answer or one left for the study team."),
    gettext_noop("An answer cannot be both accepted and left for the study team."),
    gettext_noop("A time window is counted in months or years."),
    gettext_noop("A time window cannot be negative."),
]


class CriterionQuerySet(models.QuerySet):
    def approved(self):
        """Approved checks: a procedural clause's criterion (consent, willingness, "other criteria apply") is
        never a check on the patient, approved or not."""
        return self.filter(status=Criterion.Status.APPROVED).exclude(
            question__isnull=True, proposal__has_key=Criterion.PROCEDURAL
        )


class TimeUnit(models.TextChoices):
    """The unit a time window is counted in, on a question in days since an event (docs/decisions/0041-windows-in-months-and-years-are-calendar-months-and-years.md)."""

    MONTHS = "months", _("calendar months")
    YEARS = "years", _("calendar years")


class Criterion(models.Model):
    class Kind(models.TextChoices):
        INCLUSION = "inclusion", _("Inclusion")
        EXCLUSION = "exclusion", _("Exclusion")

    class Status(models.TextChoices):
        DRAFT = "draft", _("To review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    class Origin(models.TextChoices):
        IMPORT = "import", _("Imported from the registry")
        EXTRACTED = "extracted", _("Proposed from the registry text")
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
    time_unit = models.CharField(
        _("counted in"),
        max_length=8,
        blank=True,
        choices=TimeUnit,
        help_text=_(
            "Only for a question in days since an event: leave empty when the minimum and maximum are days; "
            "months or years are calendar months or years (“within 12 months”)."
        ),
    )
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
    explanation = models.TextField(
        _("note for patients"),
        blank=True,
        help_text=_(
            "Optional, shown after the rule in words. Do not restate the limits here: patients read them from the "
            "rule, so they stay true when the rule changes."
        ),
    )
    staff_note = models.TextField(
        _("note for staff"), blank=True, help_text=_("For admins and study teams only; never shown to patients.")
    )
    quote = models.TextField(
        _("quoted span"), blank=True, help_text=_("The exact words of the eligibility text the rule was read from.")
    )
    confidence = models.FloatField(
        _("extractor’s confidence"), null=True, blank=True, editable=False, help_text=_("From 0 to 1.")
    )
    clause_start = models.PositiveIntegerField(_("clause start"), null=True, blank=True, editable=False)
    clause_end = models.PositiveIntegerField(_("clause end"), null=True, blank=True, editable=False)
    clause_text = models.TextField(
        _("clause"), blank=True, editable=False, help_text=_("The eligibility text's clause this criterion covers.")
    )
    previous_clause_text = models.TextField(
        _("clause before the registry changed it"),
        blank=True,
        editable=False,
        help_text=_("The clause's words when this criterion was written, if the registry has changed them since."),
    )
    proposal = models.JSONField(_("extractor’s proposal"), default=dict, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.DRAFT)
    origin = models.CharField(_("origin"), max_length=16, choices=Origin, default=Origin.EDITED, editable=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = CriterionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=per_language("explanation"))

    class Meta:
        ordering = ["trial", "order", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.rule_in_words()}"

    def _rule(self) -> eligibility.Rule | None:
        question = self.question if self.question_id else None
        return self.rule_from(question, {name: getattr(self, name) for name in self.RULE_FIELDS})

    @staticmethod
    def rule_from(question: Question | None, fields: dict) -> eligibility.Rule | None:
        """The engine's rule from a criterion's RULE_FIELDS (an instance's, or a row of values): the one
        place that knows which field fills which part of the rule."""
        if question is None:
            return None
        if question.kind == Question.Kind.NUMBER:
            if fields.get("time_unit"):
                return eligibility.WindowRule(
                    fields["min_value"],
                    fields["min_inclusive"],
                    fields["max_value"],
                    fields["max_inclusive"],
                    fields["time_unit"],
                )
            return eligibility.NumberRule(
                fields["min_value"], fields["min_inclusive"], fields["max_value"], fields["max_inclusive"]
            )
        return eligibility.ChoiceRule(frozenset(fields["values"] or []), frozenset(fields["uncertain_values"] or []))

    def clean(self):
        question = self.question if self.question_id else None
        if question is None:
            if self.min_value is not None or self.max_value is not None or self.values or self.uncertain_values:
                raise ValidationError(
                    _("A criterion for the study team has no rule: choose a question or clear the rule.")
                )
            return
        if self.time_unit and (question.kind != Question.Kind.NUMBER or question.unit != "days"):
            raise ValidationError(
                {"time_unit": _("Only a question in days since an event takes a window in months or years.")}
            )
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
            raise ValidationError([gettext(problem) for problem in problems])  # the engine speaks English

    def save(self, *args, **kwargs):
        self.full_clean(exclude=["trial"] if self.trial_id is None else None)
        super().save(*args, **kwargs)

    # The fields that make a criterion's rule. The one list: the engine's rule (`rule_from`), the catalogue's
    # value rows and the results page all read it, so a field added to a rule reaches every reader
    # (tests/trials/test_rule_fields.py fails when the engine's rule has a field this list does not carry).
    RULE_FIELDS = (
        "kind",
        "question_id",
        "min_value",
        "min_inclusive",
        "max_value",
        "max_inclusive",
        "time_unit",
        "values",
        "uncertain_values",
    )
    # What an approved criterion means to the engine and to the people reading it: a change to any of
    # these is a new version of the trial's criteria; reordering or the origin flag is not.
    MEANING_FIELDS = (*RULE_FIELDS, "source_text", "explanation")

    def meaning(self) -> tuple:
        return tuple(getattr(self, name) for name in self.MEANING_FIELDS)

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
        return wording.rule_in_words(self)

    def reason(self) -> str:
        return wording.reason(self)

    def range_in_words(self) -> str:
        return wording.range_in_words(self)

    @property
    def short_source_text(self) -> str:
        return wording.words_shortened(self.source_text)

    def unread(self) -> list[tuple[str, str, str]]:
        return wording.unread(self)

    def concept_reading(self) -> str:
        return wording.concept_reading(self)

    def missing_translations(self, languages=None) -> list[str]:
        """A note with no translation, or a criterion for the study team with no note at all in another
        language, which a patient then reads as the registry's English words."""
        missing = missing_translations(self, ["explanation"], languages=languages)
        if not missing and self.question_id is None:  # its registry words are what a patient would read
            suffixes = languages or OTHER_LANGUAGES
            if any(not (getattr(self, f"explanation_{suffix}", "") or "").strip() for suffix in suffixes):
                missing.append(str(self._meta.get_field("explanation").verbose_name))
        return missing

    PROCEDURAL = "procedural"  # the key a procedural clause's criterion carries in its `proposal`

    @property
    def is_procedural(self) -> bool:
        return not self.question_id and self.PROCEDURAL in (self.proposal or {})

    @staticmethod
    def clause_state(members) -> str:
        """ "to_review", "answerable", "study_team" or "procedural" for the criteria drawn from one clause (see
        Coverage). A clause is procedural while every live criterion of it is a procedural one."""
        live = [c for c in members if c.status != Criterion.Status.REJECTED]
        if live and all(c.is_procedural for c in live):
            return "procedural"
        if any(c.status == Criterion.Status.DRAFT for c in members):
            return "to_review"
        if any(c.status == Criterion.Status.APPROVED and c.question_id for c in members):
            return "answerable"
        return "study_team"

    def same_clause(self):
        return Criterion.objects.filter(
            trial_id=self.trial_id, clause_start=self.clause_start, clause_end=self.clause_end
        )

    def approve(self) -> None:
        self.status = self.Status.APPROVED
        self.save()

    def reject(self) -> Criterion | None:
        """Rejected criteria are kept for the record and never used. When the last live criterion of a clause
        is rejected, the clause is left for the study team (approved, in the registry's words), so no clause
        is ever lost; that criterion is returned."""
        self.status = self.Status.REJECTED
        self.save()
        if self.clause_start is None or self.same_clause().exclude(status=self.Status.REJECTED).exists():
            return None
        return Criterion.objects.create(
            trial_id=self.trial_id,
            kind=self.kind,
            source_text=self.source_text,
            status=self.Status.APPROVED,
            origin=self.Origin.EDITED,
            order=self.order,
            clause_start=self.clause_start,
            clause_end=self.clause_end,
        )


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
