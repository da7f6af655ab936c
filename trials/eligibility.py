"""The eligibility engine: structured rules and a patient's answers in, outcomes out.

Contract
- Pure Python over plain data: no Django, no database, no clock, no I/O. The models turn themselves into
  these dataclasses (the model `Trial.to_rules()` gives a `TrialRules`, `Criterion.to_rule()` a
  `CriterionRule`, `Question.to_info()` a `QuestionInfo`); the catalogue calls the functions here.
- Answers map a question key to a value: a number (int, Decimal, or its decimal string), a choice code
  (str), a collection of choice codes (multiple choice), or `DONT_KNOW`. A key that is absent has not been
  asked yet. Codes are stable identifiers, never display labels.
- Per criterion the outcome is MET, NOT_MET, UNKNOWN (no answer, "I don't know", an answer the rule marks
  as needing the study team's judgement, or an answer the rule cannot read) or STUDY_TEAM (no question:
  only the study team can judge). An inclusion criterion is met when the answer satisfies its rule; an
  exclusion criterion is not met when the answer satisfies its rule.
- Per trial: NO_MATCH if any criterion is not met; else POSSIBLE if any is unknown; else MATCH.
  STUDY_TEAM criteria never decide the verdict.
- A question may be asked only when another answer allows it (pregnancy only when sex is female). When
  that other answer rules it out, the question takes its implied answer (over any earlier answer) and is
  never asked.
- `next_question` returns the unanswered question used by the most trials that are still open (not
  NO_MATCH), ties broken by priority (lower first) then key; None when no open trial needs anything more.
- `Catalogue.only(trial_ids)` is the same catalogue narrowed to those trials (the ones with a site the
  patient can reach): its walk asks only what they need. Which trials those are is the caller's business.
- Every function returns an explicit value for every input; nothing here raises on odd answers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any


class _DontKnow:
    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "DONT_KNOW"


DONT_KNOW = _DontKnow()
"""The patient said "I don't know": answered, so not asked again, but it decides nothing."""


class Polarity(StrEnum):
    INCLUSION = "inclusion"
    EXCLUSION = "exclusion"


class Outcome(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"
    STUDY_TEAM = "study_team"


class Verdict(StrEnum):
    MATCH = "match"
    POSSIBLE = "possible"
    NO_MATCH = "no_match"


def from_storage(stored: Mapping[str, Any]) -> dict[str, Any]:
    """Answers as they are stored (JSON, where null means "I don't know") as the engine reads them."""
    return {key: DONT_KNOW if value is None else value for key, value in stored.items()}


def to_decimal(value: Any) -> Decimal | None:
    """The exact decimal a number answer stands for, or None when it is not a finite number."""
    if isinstance(value, bool) or value is None or value is DONT_KNOW:
        return None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


@dataclass(frozen=True)
class NumberRule:
    """A range with its own inclusivity at each end; either end may be open."""

    min_value: Decimal | None = None
    min_inclusive: bool = True
    max_value: Decimal | None = None
    max_inclusive: bool = True

    def problems(self) -> list[str]:
        if self.min_value is None and self.max_value is None:
            return ["A number rule needs a minimum, a maximum or both."]
        if self.min_value is not None and self.max_value is not None:
            if self.min_value > self.max_value:
                return ["The minimum is above the maximum."]
            if self.min_value == self.max_value and not (self.min_inclusive and self.max_inclusive):
                return ["Equal minimum and maximum must both be inclusive, or no number could satisfy the rule."]
        return []

    def test(self, answer: Any) -> bool | None:
        """True/False when the answer is a number; None when it cannot be read as one."""
        number = to_decimal(answer)
        if number is None:
            return None
        if self.min_value is not None:
            if number < self.min_value or (number == self.min_value and not self.min_inclusive):
                return False
        if self.max_value is not None:
            if number > self.max_value or (number == self.max_value and not self.max_inclusive):
                return False
        return True


@dataclass(frozen=True)
class ChoiceRule:
    """Satisfied when the answer is (or, for multiple choice, contains) an accepted code.

    `uncertain` codes leave the criterion UNKNOWN: the answer is known, but only the study team can say
    what it means for this trial (a cancer more than five years ago, for example).
    """

    accepted: frozenset[str]
    uncertain: frozenset[str] = frozenset()

    def problems(self) -> list[str]:
        if not self.accepted:
            return ["A choice rule needs at least one accepted answer."]
        if self.accepted & self.uncertain:
            return ["An answer cannot be both accepted and left for the study team."]
        return []

    def test(self, answer: Any) -> bool | None:
        if isinstance(answer, str):
            codes = {answer}
        elif isinstance(answer, Collection) and all(isinstance(code, str) for code in answer):
            codes = set(answer)
        else:
            return None
        if codes & self.accepted:
            return True
        if codes & self.uncertain:
            return None
        return False


Rule = NumberRule | ChoiceRule


@dataclass(frozen=True)
class CriterionRule:
    id: Any
    polarity: Polarity
    question_key: str | None = None
    rule: Rule | None = None
    text: str = ""
    explanation: str = ""


@dataclass(frozen=True)
class TrialRules:
    id: Any
    criteria: tuple[CriterionRule, ...]

    @property
    def question_keys(self) -> frozenset[str]:
        return frozenset(c.question_key for c in self.criteria if c.question_key and c.rule)


@dataclass(frozen=True)
class AskedOnlyIf:
    """Ask a question only when another question's answer is one of `codes`; else imply `otherwise`."""

    question_key: str
    codes: frozenset[str]
    otherwise: Any


@dataclass(frozen=True)
class QuestionInfo:
    key: str
    priority: int = 100
    asked_only_if: AskedOnlyIf | None = None


@dataclass(frozen=True)
class CriterionResult:
    criterion: CriterionRule
    outcome: Outcome


@dataclass(frozen=True)
class TrialResult:
    trial: TrialRules
    verdict: Verdict
    results: tuple[CriterionResult, ...] = field(default=())

    def with_outcome(self, outcome: Outcome) -> tuple[CriterionResult, ...]:
        return tuple(r for r in self.results if r.outcome is outcome)


def evaluate_criterion(criterion: CriterionRule, answers: Mapping[str, Any]) -> Outcome:
    if criterion.question_key is None or criterion.rule is None:
        return Outcome.STUDY_TEAM
    answer = answers.get(criterion.question_key, DONT_KNOW)
    if answer is DONT_KNOW:
        return Outcome.UNKNOWN
    satisfied = criterion.rule.test(answer)
    if satisfied is None:
        return Outcome.UNKNOWN
    if criterion.polarity is Polarity.EXCLUSION:
        satisfied = not satisfied
    return Outcome.MET if satisfied else Outcome.NOT_MET


def evaluate_trial(trial: TrialRules, answers: Mapping[str, Any]) -> TrialResult:
    results = tuple(CriterionResult(c, evaluate_criterion(c, answers)) for c in trial.criteria)
    outcomes = {r.outcome for r in results}
    if Outcome.NOT_MET in outcomes:
        verdict = Verdict.NO_MATCH
    elif Outcome.UNKNOWN in outcomes:
        verdict = Verdict.POSSIBLE
    else:
        verdict = Verdict.MATCH
    return TrialResult(trial, verdict, results)


def with_implied_answers(answers: Mapping[str, Any], questions: Mapping[str, QuestionInfo]) -> dict[str, Any]:
    """The answers, with the implied answer for every question that another answer rules out.

    The implied answer replaces one given earlier: a man's answer to the pregnancy question, kept from
    before he corrected his sex, no longer counts.
    """
    effective = dict(answers)
    for info in questions.values():
        gate = info.asked_only_if
        if gate is not None and _gate_state(gate, effective) is False:
            effective[info.key] = gate.otherwise
    return effective


def _gate_state(gate: AskedOnlyIf, answers: Mapping[str, Any]) -> bool | None:
    """True: the question may be asked; False: it is ruled out; None: the gate itself is unanswered."""
    if gate.question_key not in answers:
        return None
    answer = answers[gate.question_key]
    if answer is DONT_KNOW:
        return True
    return ChoiceRule(gate.codes).test(answer) is not False


def evaluate(
    trials: Iterable[TrialRules], answers: Mapping[str, Any], questions: Mapping[str, QuestionInfo]
) -> list[TrialResult]:
    effective = with_implied_answers(answers, questions)
    return [evaluate_trial(trial, effective) for trial in trials]


def next_question(
    trials: Iterable[TrialRules], answers: Mapping[str, Any], questions: Mapping[str, QuestionInfo]
) -> str | None:
    return Catalogue(trials, questions).walk(answers).next_key


@dataclass(frozen=True)
class Walk:
    """The questions a patient with these answers has been asked, in order, and the one to ask next."""

    path: tuple[str, ...]
    next_key: str | None
    remaining: int = 0  # questions the open trials still need, the next one included


@dataclass(frozen=True)
class Assessment:
    open: tuple[TrialResult, ...]  # every trial not ruled out, fully evaluated
    ruled_out: tuple[TrialRules, ...]  # evaluate_trial() gives the reasons for those a page shows


@dataclass
class _Step:
    """Where a walk stands after the answers along `path`, in order: the same for every patient who gave
    them. `after` remembers the step each answer to `next_key` leads to, so the walks of a patient who
    comes back, and of patients who answered alike, are looked up instead of worked out again."""

    path: tuple[str, ...]
    given: Mapping[str, Any]
    live: tuple[int, ...]
    checked: frozenset[str]
    next_key: str | None
    remaining: int
    after: dict[Any, _Step] = field(default_factory=dict)


class Catalogue:
    """Trials and questions indexed once, so a step costs little however many trials there are.

    A trial can only be ruled out by a criterion whose question has an answer, so those are the only
    criteria looked at until a trial is known to be open; answers only grow along a walk, so a trial
    ruled out stays ruled out. Walks are remembered as a tree of steps (at most MEMO_STEPS of them; then
    the tree starts again), so a question page and its answer cost one new step between them.
    """

    MEMO_STEPS = 5000

    def __init__(self, trials: Iterable[TrialRules], questions: Mapping[str, QuestionInfo]):
        self.trials = tuple(trials)
        self.questions = dict(questions)
        self._by_key: list[dict[str, list[CriterionRule]]] = []  # per trial: its criteria by question
        for trial in self.trials:
            by_key: dict[str, list[CriterionRule]] = {}
            for criterion in trial.criteria:
                if criterion.question_key and criterion.rule:
                    by_key.setdefault(criterion.question_key, []).append(criterion)
            self._by_key.append(by_key)
        self._keys = [frozenset(by_key) for by_key in self._by_key]
        # Per question, the distinct rules and the trials that share each: "has COPD" is judged once,
        # not once per COPD trial.
        groups: dict[str, dict[tuple, tuple[CriterionRule, set[int]]]] = {}
        for index, by_key in enumerate(self._by_key):
            for key, criteria in by_key.items():
                for criterion in criteria:
                    shared = groups.setdefault(key, {}).setdefault(
                        (criterion.polarity, criterion.rule), (criterion, set())
                    )
                    shared[1].add(index)
        self._groups = {key: list(shared.values()) for key, shared in groups.items()}
        self._gated = frozenset(key for key, info in self.questions.items() if info.asked_only_if)
        self._root = self._step((), {}, {}, tuple(range(len(self.trials))), frozenset())
        self._memo_steps = 0
        self._by_id = {trial.id: trial for trial in self.trials}

    def trial(self, trial_id: Any) -> TrialRules | None:
        return self._by_id.get(trial_id)

    def only(self, trial_ids: Collection[Any]) -> Catalogue:
        """A catalogue of just these trials (in this one's order), with the same questions."""
        wanted = frozenset(trial_ids)
        return Catalogue((t for t in self.trials if t.id in wanted), self.questions)

    def walk(self, answers: Mapping[str, Any]) -> Walk:
        step = self._root
        while step.next_key is not None and step.next_key in answers:
            answer = answers[step.next_key]
            memo_key = _memo_key(answer)
            following = step.after.get(memo_key) if memo_key is not None else None
            if following is None:
                following = self._advance(step, answer)
                if memo_key is not None:
                    self._remember(step, memo_key, following)
            step = following
        return Walk(step.path, step.next_key, step.remaining)

    def _advance(self, step: _Step, answer: Any) -> _Step:
        given = {**step.given, step.next_key: answer}
        effective = with_implied_answers(given, self.questions)
        live = self._still_open(step.live, effective, effective.keys() - step.checked)
        return self._step((*step.path, step.next_key), given, effective, tuple(live), step.checked | effective.keys())

    def _step(self, path, given, effective, live, checked) -> _Step:
        demand = self._demand(live, effective)
        next_key = min(demand, key=lambda k: (-demand[k], self._priority(k), k)) if demand else None
        return _Step(path, given, live, frozenset(checked), next_key, len(demand))

    def _remember(self, step: _Step, memo_key: Any, following: _Step) -> None:
        if self._memo_steps >= self.MEMO_STEPS:
            # Start a new tree (the old one goes once no walk holds it); a race costs a recomputation only.
            root = self._root
            self._root = _Step(root.path, root.given, root.live, root.checked, root.next_key, root.remaining)
            self._memo_steps = 0
            if step is root:
                step = self._root
        step.after[memo_key] = following
        self._memo_steps += 1

    def assess(self, answers: Mapping[str, Any]) -> Assessment:
        effective = with_implied_answers(answers, self.questions)
        live = set(self._still_open(range(len(self.trials)), effective, effective.keys()))
        return Assessment(
            open=tuple(evaluate_trial(t, effective) for i, t in enumerate(self.trials) if i in live),
            ruled_out=tuple(t for i, t in enumerate(self.trials) if i not in live),
        )

    def _still_open(self, live: Iterable[int], answers: Mapping[str, Any], keys: Iterable[str]) -> list[int]:
        """The trials in `live` that no criterion on one of `keys` rules out."""
        live = list(live)
        for key in keys:
            groups = self._groups.get(key, ())
            if len(groups) <= len(live):
                dead: set[int] = set()
                for criterion, indices in groups:
                    if evaluate_criterion(criterion, answers) is Outcome.NOT_MET:
                        dead |= indices
                live = [index for index in live if index not in dead] if dead else live
            else:
                live = [
                    index
                    for index in live
                    if not any(
                        evaluate_criterion(c, answers) is Outcome.NOT_MET for c in self._by_key[index].get(key, ())
                    )
                ]
        return live

    def _demand(self, live: Iterable[int], answers: Mapping[str, Any]) -> Counter[str]:
        """How many open trials need each unanswered question (one asked on behalf of another counts once)."""
        demand: Counter[str] = Counter()
        for index in live:
            keys = self._keys[index]
            if keys & self._gated:
                wanted = {_askable(key, answers, self.questions) for key in keys - answers.keys()}
                wanted.discard(None)
                demand.update(wanted)
            else:
                demand.update(keys)
        for key in answers.keys() & demand.keys():
            del demand[key]
        return demand

    def _priority(self, key: str) -> int:
        info = self.questions.get(key)
        return info.priority if info else 100


def _memo_key(answer: Any) -> Any:
    """A hashable stand-in for an answer that differs whenever the engine could read them differently
    (the type is kept: True and 1 are equal in Python, not to the engine); None when there is none."""
    if isinstance(answer, (list, tuple)):
        parts = tuple(_memo_key(part) for part in answer)
        return None if None in parts else (list, parts)
    try:
        hash(answer)
    except TypeError:
        return None
    return (type(answer), answer)


def _askable(key: str, answers: Mapping[str, Any], questions: Mapping[str, QuestionInfo], depth: int = 0) -> str | None:
    """The question to ask on the way to `key`: itself, the question that gates it, or None if ruled out."""
    info = questions.get(key)
    gate = info.asked_only_if if info else None
    if gate is None or depth > len(questions):
        return key
    state = _gate_state(gate, answers)
    if state is None:
        return _askable(gate.question_key, answers, questions, depth + 1)
    return key if state else None
