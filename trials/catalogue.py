"""The published trials as the engine sees them, built once per process and rebuilt when anything changes.

This is the one place that turns stored answers into the engine's input: the questionnaire's walk, the
results page and a referral's snapshot all read answers through `LoadedCatalogue`, and a referral judged
again after its trial's criteria changed goes through `judge_current_criteria`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from trials import eligibility
from trials.models import CatalogueVersion, Question, Trial


@dataclass(frozen=True)
class LoadedCatalogue:
    version: int
    engine: eligibility.Catalogue
    questions: dict[str, Question]
    trial_ids: tuple[str, ...]

    def walk(self, stored: dict) -> eligibility.Walk:
        """The path a patient with these stored answers has taken, and their next question."""
        return self.engine.walk(self.engine_answers(stored))

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
    return LoadedCatalogue(version, engine, questions, tuple(t.nct_id for t in trials))
