"""The published trials as the engine sees them, built once per process and rebuilt when anything changes.

This is the one place that turns stored answers into the engine's input: the questionnaire's walk, the
results page and a referral's snapshot all read answers through `LoadedCatalogue`, and a referral judged
again after its trial's criteria changed goes through `judge_current_criteria`.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from trials import eligibility, places
from trials.models import CatalogueVersion, Question, Site, Trial

NARROWED_KEPT = 64  # catalogues narrowed to the trials one patient can reach, most recently used
_narrow_lock = threading.Lock()


@dataclass(frozen=True)
class SitePoint:
    site_id: int
    latitude: float
    longitude: float


@dataclass(frozen=True)
class LoadedCatalogue:
    version: int
    engine: eligibility.Catalogue
    questions: dict[str, Question]
    trial_ids: tuple[str, ...]
    site_points: dict[str, tuple[SitePoint, ...]] = field(default_factory=dict)  # recruiting sites only
    located: frozenset[str] = frozenset()  # trials with at least one site that has coordinates
    _narrowed: OrderedDict = field(default_factory=OrderedDict, compare=False, repr=False)
    _reach: OrderedDict = field(default_factory=OrderedDict, compare=False, repr=False)

    def walk(self, stored: dict, in_reach: frozenset[str] | None = None) -> eligibility.Walk:
        """The path a patient with these stored answers has taken, and their next question; with
        `in_reach`, only the questions of those trials are asked."""
        engine = self.engine if in_reach is None else self.narrowed(in_reach)
        return engine.walk(self.engine_answers(stored))

    def narrowed(self, in_reach: frozenset[str]) -> eligibility.Catalogue:
        """The engine narrowed to these trials, kept for the next patient who can reach the same ones."""
        with _narrow_lock:
            engine = self._narrowed.get(in_reach)
            if engine is not None:
                self._narrowed.move_to_end(in_reach)
                return engine
        engine = self.engine.only(in_reach)
        with _narrow_lock:
            self._narrowed[in_reach] = engine
            while len(self._narrowed) > NARROWED_KEPT:
                self._narrowed.popitem(last=False)
        return engine

    def in_reach(self, latitude: float, longitude: float, km: float | None) -> frozenset[str] | None:
        """The published trials with a recruiting site within `km` of the point; None when the patient
        can travel anywhere. A trial none of whose sites has coordinates stays in reach: we cannot tell."""
        if km is None:
            return None
        key = (latitude, longitude, km)
        with _narrow_lock:
            if key in self._reach:
                self._reach.move_to_end(key)
                return self._reach[key]
        reach = frozenset(
            nct_id
            for nct_id in self.trial_ids
            if nct_id not in self.located
            or any(
                places.distance_km(latitude, longitude, p.latitude, p.longitude) <= km
                for p in self.site_points.get(nct_id, ())
            )
        )
        with _narrow_lock:  # every step of a patient's walk asks again: keep the answer for a while
            self._reach[key] = reach
            while len(self._reach) > NARROWED_KEPT * 16:
                self._reach.popitem(last=False)
        return reach

    def engine_answers(self, stored: dict) -> dict:
        """Stored answers (None = "I don't know") as the engine reads them, for known questions only."""
        return eligibility.from_storage({k: v for k, v in stored.items() if k in self.questions})

    def effective_answers(self, stored: dict) -> dict:
        """The engine's answers with every implied answer filled in: what criteria are judged against."""
        return eligibility.with_implied_answers(self.engine_answers(stored), self.engine.questions)

    def assess(self, stored: dict) -> tuple[dict, eligibility.Assessment]:
        """(effective answers, assessment of every published trial) for these stored answers."""
        answers = self.effective_answers(stored)
        return answers, self.engine.assess(answers)

    def evaluate(self, nct_id: str, stored: dict) -> eligibility.TrialResult | None:
        """One published trial judged against these stored answers; None if it is not in the catalogue."""
        rules = self.engine.trial(nct_id)
        return None if rules is None else eligibility.evaluate_trial(rules, self.effective_answers(stored))


def judge_current_criteria(trial: Trial, stored: dict) -> eligibility.TrialResult:
    """One trial's approved criteria as they are in the database now, judged against stored answers.

    Unlike `LoadedCatalogue.evaluate`, the trial need not be published (a referral's trial may have closed).
    """
    loaded = current()
    return eligibility.evaluate_trial(trial.to_rules(), loaded.effective_answers(stored))


_lock = threading.Lock()
_loaded: LoadedCatalogue | None = None


def current(version: int | None = None) -> LoadedCatalogue:
    """The catalogue at `version` (read from the database when not given, e.g. by a query that had it)."""
    global _loaded
    if version is None:
        version = CatalogueVersion.current()
    loaded = _loaded
    if loaded is not None and loaded.version == version:
        return loaded
    with _lock:
        if _loaded is None or _loaded.version != version:
            _loaded = _build(version)
        return _loaded


def forget() -> None:
    global _loaded
    _loaded = None


def _build(version: int) -> LoadedCatalogue:
    trials = list(Trial.objects.published().with_approved_criteria())
    questions = {q.key: q for q in Question.objects.select_related("asked_only_if")}
    engine = eligibility.Catalogue((t.to_rules() for t in trials), {key: q.to_info() for key, q in questions.items()})
    site_points: dict[str, list[SitePoint]] = {}
    located = Site.objects.filter(trial__in=trials, latitude__isnull=False, longitude__isnull=False)
    for site in located.recruiting().select_related("trial"):
        site_points.setdefault(site.trial.nct_id, []).append(
            SitePoint(site.pk, float(site.latitude), float(site.longitude))
        )
    return LoadedCatalogue(
        version,
        engine,
        questions,
        tuple(t.nct_id for t in trials),
        {nct_id: tuple(points) for nct_id, points in site_points.items()},
        frozenset(located.values_list("trial__nct_id", flat=True)),
    )
