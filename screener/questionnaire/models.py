"""A patient's pass through the questionnaire."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trials.models import CatalogueVersion
from trials.places import SavedPlace


class ScreeningQuerySet(models.QuerySet):
    def with_catalogue_version(self):
        """Read the catalogue's version in the same query, so a question step needs only this one read."""
        number = CatalogueVersion.objects.filter(pk=1).values("number")[:1]
        return self.annotate(catalogue_version=Coalesce(Subquery(number), Value(0)))

    def owned_for_step(self, screening_id: uuid.UUID, owned_ids: list[str]) -> Screening | None:
        """The screening, if this browser owns it, with `catalogue_version`: what every question step reads.

        Only the screenings this browser started (see questionnaire.ownership): an id in a URL alone
        opens nothing.
        """
        if str(screening_id) not in owned_ids:
            return None
        return self.with_catalogue_version().filter(pk=screening_id).first()


class Screening(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    answers = models.JSONField(
        _("answers"), default=dict, blank=True, help_text=_("{question key: stored answer}; null means “I don’t know”.")
    )
    answer_sources = models.JSONField(
        _("where computed answers came from"),
        default=dict,
        blank=True,
        help_text=_("{question key: {computed, method, inputs, equation}} for answers the screener worked out."),
    )
    place = models.JSONField(
        _("where the patient is"),
        default=dict,
        blank=True,
        help_text=_("{label, latitude, longitude, source}: a city they chose, or their browser's location rounded."),
        # A chosen city also keeps its names (name, english_name, country, region): its label is written again in
        # the language of each page that shows it (`places.SavedPlace`).
    )
    travel_km = models.PositiveIntegerField(
        _("how far they can travel (km)"), null=True, blank=True, help_text=_("Empty: anywhere.")
    )
    language = models.CharField(_("language"), max_length=16, blank=True)
    results_seen_at = models.DateTimeField(
        _("results first seen"), null=True, blank=True, help_text=_("When the patient first saw their results.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScreeningQuerySet.as_manager()

    class Meta:
        db_table = "screener_screening"
        ordering = ["-created_at"]
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")

    def __str__(self) -> str:
        return str(self.id)

    @classmethod
    def from_db(cls, db, field_names, values):
        screening = super().from_db(db, field_names, values)
        if isinstance(screening.__dict__.get("place"), dict):  # not deferred: its label follows the page's language
            screening.place = SavedPlace(screening.place)
        return screening

    @classmethod
    def start(cls, language: str = "") -> Screening:
        return cls.objects.create(language=language)

    def trials_in_reach(self, loaded) -> frozenset[str] | None:
        """The trials with a site this patient can reach; None when they can travel anywhere."""
        place = self.place or {}
        if self.travel_km is None or "latitude" not in place:
            return None
        return loaded.in_reach(place["latitude"], place["longitude"], self.travel_km)

    def walk(self, loaded):
        """This patient's path through the catalogue, asking only about trials they can reach."""
        return loaded.walk(self.answers, in_reach=self.trials_in_reach(loaded), sources=self.answer_sources)

    def set_place(self, place: dict, travel_km: int | None) -> None:
        self.place, self.travel_km = SavedPlace(place), travel_km
        Screening.objects.filter(pk=self.pk).update(place=place, travel_km=travel_km, updated_at=timezone.now())

    def record_answers(self, answers: dict) -> None:
        """Store a screen's answers together, in one UPDATE; each replaces any computed answer's source."""
        self.answers = {**self.answers, **answers}
        self.answer_sources = {k: v for k, v in (self.answer_sources or {}).items() if k not in answers}
        self.updated_at = timezone.now()
        Screening.objects.filter(pk=self.pk).update(
            answers=self.answers, answer_sources=self.answer_sources, updated_at=self.updated_at
        )

    def record_answer(self, key: str, stored, source: dict | None = None) -> None:
        """Store one answer (None is "I don't know") in a single UPDATE of this row.

        `source` says how the screener computed it (from litres, a lab range, a date); an answer typed
        directly has none, and replaces any earlier computed one's.
        """
        self.answers = {**self.answers, key: stored}
        sources = {k: v for k, v in (self.answer_sources or {}).items() if k != key}
        if source is not None:
            sources[key] = source
        self.answer_sources = sources
        self.updated_at = timezone.now()
        Screening.objects.filter(pk=self.pk).update(
            answers=self.answers, answer_sources=self.answer_sources, updated_at=self.updated_at
        )
