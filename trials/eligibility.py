"""The eligibility engine: structured rules and a patient's answers in, outcomes out.

Contract
- Pure Python over plain data: no Django, no database, no clock, no I/O. The models turn themselves into
  these dataclasses (the model `Trial.to_rules()` gives a `TrialRules`, `Criterion.to_rule()` a
  `CriterionRule`, `Question.to_info()` a `QuestionInfo`); the catalogue calls the functions here.
- Answers map a question key to a value: a number (int, Decimal, or its decimal string), a choice code
  (str), a collection of choice codes (multiple choice), an `EventDate` (the date an event happened and the
  day the patient said so: it reads as the whole days between them), or `DONT_KNOW`. A key that is absent has not been
  asked yet. Codes are stable identifiers, never display labels.
- A time window counted in calendar months or years (`WindowRule`: "an exacerbation in the previous 12
  months") is judged by the calendar when the answer is an `EventDate`, and on a number of days by
  `window_days`: n months are ceil(n × 365.25 / 12) days, n years ceil(n × 365.25) days, so 12 months or
  a year are 366 days, never shorter than any calendar year (docs/decisions/0041-windows-in-months-and-years-are-calendar-months-and-years.md).
- Per criterion the outcome is MET, NOT_MET, UNKNOWN (no answer, "I don't know", an answer the rule marks
  as needing the study team's judgement, or an answer the rule cannot read) or STUDY_TEAM (no question:
  only the study team can judge). An inclusion criterion is met when the answer satisfies its rule; an
  exclusion criterion is not met when the answer satisfies its rule.
- Per trial: NO_MATCH if any criterion is not met; else POSSIBLE if any is unknown; else MATCH.
  STUDY_TEAM criteria never decide the verdict.
- A question may be asked only when another answer allows it (pregnancy only when sex is female), and
  also only below an age (pregnancy only of women younger than 55), an age that may hold for some of those
  answers only (planning a pregnancy: a woman's own from 55 is not asked, a man's partner's is at any age). When
  those answers rule it out, the question takes its implied answer (over any earlier answer) and is never asked;
  an unknown age asks it.
- `next_question` returns the unanswered question used by the most trials that are still open (not
  NO_MATCH), ties broken by priority (lower first) then key; None when no open trial needs anything more.
- Screens: questions that share a `QuestionInfo.screen` are asked together, as one step. The walk's next
  step is the screen needed by the most open trials (a trial counts once however many of the screen's
  questions it needs), ties broken by the lowest priority among them then the screen's name; it holds every
  question of that screen that open trials still need and that is unanswered, in the screen's order. A
  question without a screen is a screen of its own, so a catalogue without screens walks as it always did.
- Items: a multiple-choice question with `QuestionInfo.items` is shown item by item: a screen offers only
  the items some open trial's rule names, and its answer is an `ItemsAnswer` (the items shown, those
  ticked). An item not shown is not answered: a rule naming one stays unknown, and the question comes back
  with only the items still needed. Ticking none of the shown items ("none of these") answers every rule
  whose items were all shown.
- An item may apply to some sexes only (`QuestionInfo.item_sexes`: carcinoma in situ of the cervix, an enlarged
  prostate). Once the patient has given her sex, an item that cannot apply to it counts as shown and not
  ticked: it is never offered, a rule naming it is decided as for an item she did not tick, and the question
  is not asked for it alone. Without an answer to the sex question (or with "I don't know") every item stays.
- `Catalogue.only(trial_ids)` is the same catalogue narrowed to those trials (the ones with a site the
  patient can reach): its walk asks only what they need. Which trials those are is the caller's business.
- Every function returns an explicit value for every input; nothing here raises on odd answers.
"""

from __future__ import annotations

import copy
import datetime
import math
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from dateutil.relativedelta import relativedelta


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
    return {key: _from_stored(value) for key, value in stored.items()}


def _from_stored(value: Any) -> Any:
    if value is None:
        return DONT_KNOW
    if isinstance(value, Mapping):
        return ItemsAnswer.from_stored(value)
    return value


@dataclass(frozen=True, slots=True)
class ItemsAnswer:
    """A multiple-choice answer given item by item: of the items `shown`, the patient ticked `ticked`.

    Items not shown were not asked: the answer says nothing about them. Stored as JSON
    `{"ticked": [...], "shown": [...]}` (see `stored`)."""

    ticked: frozenset[str]
    shown: frozenset[str]

    @classmethod
    def from_stored(cls, value: Mapping[str, Any]) -> Any:
        """The answer a stored `{"ticked", "shown"}` stands for; DONT_KNOW when it is not one."""
        ticked, shown = value.get("ticked"), value.get("shown")
        if not isinstance(ticked, list | tuple) or not isinstance(shown, list | tuple):
            return DONT_KNOW
        if not all(isinstance(code, str) for code in (*ticked, *shown)):
            return DONT_KNOW
        return cls(frozenset(ticked), frozenset(shown) | frozenset(ticked))

    def stored(self) -> dict[str, list[str]]:
        return {"ticked": sorted(self.ticked), "shown": sorted(self.shown)}


# The stored answer "never" to a question about how long ago an event last happened: the event lies
# beyond any window, so it reads as infinitely many days ago (docs/decisions/0047-never-is-an-answer-to-how-many-days-ago-did-it-last-happen.md).
NEVER = "never"
NEVER_AS_NUMBER = Decimal("Infinity")


@dataclass(frozen=True, slots=True)
class EventDate:
    """An event-question answer given as a date: the event's day and the day the patient gave it."""

    event: datetime.date
    on: datetime.date

    @property
    def days(self) -> int:
        return (self.on - self.event).days


def to_decimal(value: Any) -> Decimal | None:
    """The exact decimal a number answer stands for (infinity for NEVER), or None when it is not a number."""
    if isinstance(value, bool) or value is None or value is DONT_KNOW:
        return None
    if value == NEVER:
        return NEVER_AS_NUMBER
    if isinstance(value, EventDate):
        return Decimal(value.days) if value.days >= 0 else None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class ChoiceRule:
    """Satisfied when the answer is (or, for multiple choice, contains) an accepted code.

    `uncertain` codes leave the criterion UNKNOWN: the answer is known, but only the study team can say
    what it means for this trial (a cancer more than five years ago, for example). A rule may have only
    uncertain codes ("severe heart failure" in an exclusion list: heart failure is for the study team to
    judge, no heart failure is settled).
    """

    accepted: frozenset[str]
    uncertain: frozenset[str] = frozenset()

    def problems(self) -> list[str]:
        if not self.accepted and not self.uncertain:
            return ["A choice rule needs at least one accepted answer or one left for the study team."]
        if self.accepted & self.uncertain:
            return ["An answer cannot be both accepted and left for the study team."]
        return []

    def test(self, answer: Any) -> bool | None:
        if isinstance(answer, ItemsAnswer):
            return self._test_items(answer)
        codes = _codes(answer)
        if codes is None:
            return None
        if codes & self.accepted:
            return True
        if codes & self.uncertain:
            return None
        return False

    def leaves_to_study_team(self, answer: Any) -> bool:
        """The answer is known and names a code only the study team can judge here (and none accepted): the
        outcome is unknown, yet nothing more the patient can find out would settle it."""
        codes = set(answer.ticked) if isinstance(answer, ItemsAnswer) else _codes(answer)
        return codes is not None and bool(codes & self.uncertain) and not codes & self.accepted

    def _test_items(self, answer: ItemsAnswer) -> bool | None:
        """Ticked an accepted item: True. Otherwise False only when every item the rule names was shown
        (and none left for the study team was ticked); an item not shown leaves it unknown. "None of these"
        (`NONE_CODE`) cannot be judged from some items: an item-by-item answer leaves it unknown unless
        something was ticked."""
        if answer.ticked & self.accepted:
            return True
        if answer.ticked & self.uncertain:
            return None
        named = self.accepted | self.uncertain
        if NONE_CODE in named:
            return False if answer.ticked and NONE_CODE not in self.uncertain else None
        return False if named <= answer.shown else None


def _codes(answer: Any) -> set[str] | None:
    """The codes a choice answer gives (one code, or a list of them); None when it is not a choice answer."""
    if isinstance(answer, str):
        return {answer}
    if isinstance(answer, Collection) and all(isinstance(code, str) for code in answer):
        return set(answer)
    return None


NONE_CODE = "none"  # a multiple-choice question's "None of these"

CALENDAR_UNITS = ("months", "years")
DAYS_IN_YEAR = Decimal("365.25")


def window_days(count: Decimal, unit: str) -> Decimal | None:
    """How many days a window of `count` calendar months or years is when the answer is a number of days:
    ceil(n × 365.25 / 12) for months and ceil(n × 365.25) for years (12 months = 1 year = 366 days)."""
    number = to_decimal(count)
    if number is None or number < 0:
        return None
    if unit == "months":
        return Decimal(math.ceil(number * DAYS_IN_YEAR / 12))
    if unit == "years":
        return Decimal(math.ceil(number * DAYS_IN_YEAR))
    return None


@dataclass(frozen=True, slots=True)
class WindowRule:
    """Time since an event, in calendar months or years: "at most 12 months ago", "at least 6 months ago".

    The bounds count `unit`s. An `EventDate` answer is judged by the calendar (the event is at most 12 months
    ago when it is on or after the day 12 months before the day the patient answered; a month end that the
    earlier month lacks becomes its last day: 12 months before 2025-02-28 is 2024-02-28). A number answer
    is a count of days, judged against `window_days` of each bound.
    """

    min_value: Decimal | None = None
    min_inclusive: bool = True
    max_value: Decimal | None = None
    max_inclusive: bool = True
    unit: str = "months"

    def problems(self) -> list[str]:
        if self.unit not in CALENDAR_UNITS:
            return ["A time window is counted in months or years."]
        for bound in (self.min_value, self.max_value):
            if bound is not None and (to_decimal(bound) is None or bound < 0):
                return ["A time window cannot be negative."]
        return NumberRule(self.min_value, self.min_inclusive, self.max_value, self.max_inclusive).problems()

    def test(self, answer: Any) -> bool | None:
        if isinstance(answer, EventDate):
            if answer.event > answer.on:
                return None
            low = self._calendar(answer, self.min_value, self.min_inclusive, above=True)
            high = self._calendar(answer, self.max_value, self.max_inclusive, above=False)
            if low is not None and high is not None:
                return low and high
        days = NumberRule(
            None if self.min_value is None else window_days(self.min_value, self.unit),
            self.min_inclusive,
            None if self.max_value is None else window_days(self.max_value, self.unit),
            self.max_inclusive,
        )
        return days.test(answer)

    def _calendar(self, answer: EventDate, count, inclusive: bool, above: bool) -> bool | None:
        """Whether the event is on the right side of `count` units before the answer's day; True for no bound;
        None when the count is not a whole number of months (then the days rule judges)."""
        if count is None:
            return True
        months = to_decimal(count) * (12 if self.unit == "years" else 1)
        if months != months.to_integral_value():
            return None
        boundary = answer.on - relativedelta(months=int(months))
        if answer.event == boundary:
            return inclusive
        # An event before the boundary is longer ago than the window (above it); after, shorter.
        return (answer.event < boundary) is above


Rule = NumberRule | ChoiceRule | WindowRule


@dataclass(frozen=True, slots=True)
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
    """Ask a question only when another question's answer is one of `codes` and, with `under_age`, only of
    people younger than that (the answer to `AGE`; "I don't know" asks); else imply `otherwise`. With
    `under_age_only_for`, the age limit holds only when the answer is one of those codes: a woman's own pregnancy
    plans are not asked from 55, a man's partner's at any age."""

    question_key: str
    codes: frozenset[str]
    otherwise: Any
    under_age: Decimal | None = None
    under_age_only_for: frozenset[str] = frozenset()


AGE = "age"
SEX = "sex"


@dataclass(frozen=True)
class QuestionInfo:
    """What the walk needs of a question. `screen` names the screen it shares with related questions
    (None: a screen of its own) and `screen_order` its place there; `items`, for a multiple-choice question
    shown item by item, are its item codes ("none of these" apart)."""

    key: str
    priority: int = 100
    asked_only_if: AskedOnlyIf | None = None
    screen: str | None = None
    screen_order: int = 0
    items: tuple[str, ...] = ()
    # (item, the answers to the sex question it can apply to), for the items that apply to some sexes only
    item_sexes: tuple[tuple[str, frozenset[str]], ...] = ()


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


def left_to_study_team(criterion: CriterionRule, answers: Mapping[str, Any]) -> bool:
    """An UNKNOWN criterion the patient has already answered, with an answer the study team must judge (a cancer
    more than five years ago, for a study that leaves older cancers to its doctor): not something still to find
    out."""
    if criterion.question_key is None or not isinstance(criterion.rule, ChoiceRule):
        return False
    answer = answers.get(criterion.question_key, DONT_KNOW)
    return answer is not DONT_KNOW and criterion.rule.leaves_to_study_team(answer)


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


def items_not_for(info: QuestionInfo, sex: str) -> frozenset[str]:
    """The items of `info` that cannot apply to a patient who gave `sex` as the answer to the sex question."""
    return frozenset(item for item, sexes in info.item_sexes if sex not in sexes)


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
    sex = effective.get(SEX)
    if isinstance(sex, str):
        for info in questions.values():
            ruled_out = items_not_for(info, sex)
            if not ruled_out or not info.items:
                continue
            given = effective.get(info.key)
            if info.key not in effective:  # items that cannot apply: shown, as it were, and not ticked
                effective[info.key] = ItemsAnswer(frozenset(), ruled_out)
            elif isinstance(given, ItemsAnswer):
                effective[info.key] = ItemsAnswer(given.ticked - ruled_out, given.shown | ruled_out)
    return effective


def _gate_state(gate: AskedOnlyIf, answers: Mapping[str, Any]) -> bool | None:
    """True: the question may be asked; False: it is ruled out; None: the gate itself is unanswered."""
    if gate.question_key not in answers:
        return None
    answer = answers[gate.question_key]
    if answer is not DONT_KNOW and ChoiceRule(gate.codes).test(answer) is False:
        return False
    if gate.under_age is None:
        return True
    if gate.under_age_only_for and (
        answer is DONT_KNOW or ChoiceRule(gate.under_age_only_for).test(answer) is not True
    ):
        return True  # the age limit is not for this answer
    if AGE not in answers:
        return None
    return NumberRule(min_value=gate.under_age).test(answers[AGE]) is not True  # an unknown age asks


def ruled_out_by_age(gate: AskedOnlyIf | None, answers: Mapping[str, Any]) -> bool:
    """Whether a question was not asked only because of the patient's age (the gate's own answer allowed it): the
    results say so, for the patient to tell the study team if that is wrong."""
    if gate is None or gate.under_age is None or gate.question_key not in answers:
        return False
    answer = answers[gate.question_key]
    if answer is DONT_KNOW or ChoiceRule(gate.codes).test(answer) is not True:
        return False
    return _gate_state(gate, answers) is False


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
    """The questions a patient with these answers has been asked, in order, and the screen to ask next.

    `screens` are the steps taken, each the questions asked together; `path` is every question asked, each
    once, in order. `next_screen` holds the next step's questions (`next_key` is its first; None when the
    walk is over). `items` gives, for each question asked item by item, the items its screens offer."""

    path: tuple[str, ...]
    next_key: str | None
    remaining: int = 0  # at most this many steps left, the next one included (see Catalogue._waiting)
    screens: tuple[tuple[str, ...], ...] = ()
    next_screen: tuple[str, ...] = ()
    items: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def screen_of(self, key: str) -> tuple[str, ...] | None:
        """The step (taken, or the next) that asks `key`: the last one when it was asked again for more items."""
        if key in self.next_screen:
            return self.next_screen
        return next((screen for screen in reversed(self.screens) if key in screen), None)


@dataclass(frozen=True)
class Assessment:
    open: tuple[TrialResult, ...]  # every trial not ruled out, fully evaluated
    ruled_out: Sequence[TrialRules]  # evaluate_trial() gives the reasons for those a page shows


@dataclass
class _Step:
    """Where a walk stands after the answers along `path`, in order: the same for every patient who gave
    them. `live` is a bitset over the catalogue's trials (bit i set: trial i is still open). `after`
    remembers the step each answer to `next_key` leads to, so the walks of a patient who comes back, and
    of patients who answered alike, are looked up instead of worked out again."""

    path: tuple[tuple[str, ...], ...]  # the screens asked
    given: Mapping[str, Any]
    live: int
    checked: frozenset[str]
    screen: tuple[str, ...]  # the next screen's questions; empty when nothing more is needed
    remaining: int
    items: Mapping[str, frozenset[str]]  # per question asked item by item: the items shown, up to the next screen
    after: dict[Any, _Step] = field(default_factory=dict)

    @property
    def next_key(self) -> str | None:
        return self.screen[0] if self.screen else None


def _compact_ids(values: list) -> Any:
    """Criterion ids as an array of 64-bit integers when they all are (8 bytes each), else a tuple."""
    if all(type(v) is int and -(2**63) <= v < 2**63 for v in values):
        return array("q", values)
    return tuple(values)


class RuleIndex:
    """The published trials' criteria in a compact, picklable form: what a `Catalogue` walks over.

    Criteria are small entries (an id and the index of a shared rule), never objects of their own: the
    distinct rules (polarity, question, rule) are kept once, however many trials share them ("has COPD"
    is one rule for every COPD trial). For each rule, the trials that have it are a bitset (a Python int)
    when many do, or an array of trial numbers when few do; for each question, a bitset of the trials
    that ask it. `patched()` gives a new index with some trials replaced, sharing everything else.
    """

    def __init__(self) -> None:
        self.trial_ids: list = []
        self.position: dict[Any, int] = {}  # trial id -> its number (the newest, after patches)
        self.offsets = array("I", [0])  # trial i's criteria are entries offsets[i]:offsets[i + 1]
        self.criterion_ids: Any = array("q")
        self.criterion_rules = array("I")
        self.rules: list[CriterionRule] = []  # distinct rules; their id is None
        self.rule_number: dict[tuple, int] | None = {}
        self.members: list[Any] = []  # per rule: bitset (int) or array("I") of trial numbers
        self.by_key: dict[str, list[int]] = {}  # per question: its rules
        self.has_key: dict[str, int] = {}  # per question: bitset of the trials that ask it
        self.removed = 0  # bitset of trials replaced or withdrawn by a patch
        self.parent: RuleIndex | None = None  # the index this one patched, and what the patch added
        self.added: dict[int, int] | None = None  # per rule: bitset of the trials the patch gave it

    @classmethod
    def build(cls, trials: Iterable[tuple[Any, Iterable[tuple]]]) -> RuleIndex:
        """`trials`: (trial id, [(criterion id, polarity, question key, rule), ...]) in the catalogue's order."""
        index = cls()
        index._add(trials)
        return index

    def patched(self, trials: Iterable[tuple[Any, Iterable[tuple]]], removed: Iterable[Any] = ()) -> RuleIndex:
        """A new index where `trials` replace (or join) those of the same id and `removed` ids are gone.
        This index is left as it was (patients walking it keep a consistent view)."""
        index = RuleIndex()
        index.trial_ids = list(self.trial_ids)
        index.position = dict(self.position)
        index.offsets = array("I", self.offsets)
        index.criterion_ids = self.criterion_ids[:]
        index.criterion_rules = array("I", self.criterion_rules)
        index.rules = list(self.rules)
        index.rule_number = dict(self.rule_numbers())
        index.members = list(self.members)
        index.by_key = {key: list(numbers) for key, numbers in self.by_key.items()}
        index.has_key = dict(self.has_key)
        index.removed = self.removed
        index.parent, index.added = self, {}
        trials = list(trials)
        for trial_id in [*removed, *(trial_id for trial_id, _ in trials)]:
            if trial_id in index.position:
                index.removed |= 1 << index.position.pop(trial_id)
        index._add(trials)
        return index

    def _add(self, trials, copy_on_write: bool = False) -> None:
        added: dict[int, list[int]] = {}
        ids = []
        for trial_id, criteria in trials:
            number = len(self.trial_ids)
            self.trial_ids.append(trial_id)
            self.position[trial_id] = number
            for criterion_id, polarity, key, rule in criteria:
                shared = (polarity, key, rule)
                r = self.rule_numbers().get(shared)
                if r is None:
                    r = self.rule_number[shared] = len(self.rules)
                    self.rules.append(CriterionRule(None, polarity, key, rule))
                    self.members.append(array("I"))
                    if key and rule:
                        self.by_key.setdefault(key, []).append(r)
                ids.append(criterion_id)
                self.criterion_rules.append(r)
                if key and rule:
                    added.setdefault(r, []).append(number)
            self.offsets.append(len(self.criterion_rules))
        new_ids = _compact_ids(ids)
        if isinstance(self.criterion_ids, array) and isinstance(new_ids, array):
            self.criterion_ids = self.criterion_ids + new_ids
        else:
            self.criterion_ids = tuple(self.criterion_ids) + tuple(new_ids)
        self._store_members(added)

    def _store_members(self, added: dict[int, list[int]]) -> None:
        dense_from = max(1, len(self.trial_ids) // 32)  # from here on a bitset is smaller than an array
        for r, numbers in added.items():
            members = self.members[r]
            bits = 0
            for n in numbers:
                bits |= 1 << n
            if isinstance(members, int):
                members |= bits
            elif len(members) + len(numbers) >= dense_from:
                members = bits
                for n in members_list(self.members[r]):
                    members |= 1 << n
            else:
                members = array("I", [*self.members[r], *numbers])  # a new array: older indexes keep theirs
            self.members[r] = members
            if self.added is not None:
                self.added[r] = self.added.get(r, 0) | bits
            key = self.rules[r].question_key
            self.has_key[key] = self.has_key.get(key, 0) | bits

    def __len__(self) -> int:
        return len(self.trial_ids)

    def criteria_of(self, number: int) -> tuple[CriterionRule, ...]:
        begin, end = self.offsets[number], self.offsets[number + 1]
        rules = self.rules
        return tuple(
            CriterionRule(self.criterion_ids[i], rules[r].polarity, rules[r].question_key, rules[r].rule)
            for i, r in zip(range(begin, end), self.criterion_rules[begin:end], strict=True)
        )

    def trial_at(self, number: int) -> TrialRules:
        return TrialRules(self.trial_ids[number], self.criteria_of(number))

    def question_keys(self) -> frozenset[str]:
        """Every question that some trial still in the index asks."""
        everyone = ((1 << len(self.trial_ids)) - 1) & ~self.removed
        return frozenset(key for key, bits in self.has_key.items() if bits & everyone)

    def rule_numbers(self) -> dict[tuple, int]:
        """Each distinct rule's number (made again after a load, when a patch first needs it)."""
        if self.rule_number is None:
            self.rule_number = {(r.polarity, r.question_key, r.rule): n for n, r in enumerate(self.rules)}
        return self.rule_number

    def __getstate__(self):
        state = dict(self.__dict__)
        for name in ("rule_number", "position", "parent", "added"):  # made again on load, or not needed
            del state[name]
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.rule_number, self.parent, self.added = None, None, None
        self.position = {trial_id: n for n, trial_id in enumerate(self.trial_ids) if not (self.removed >> n) & 1}


class TrialSequence(Sequence):
    """Trials of an index by number, made into `TrialRules` only when read (thousands are never all read)."""

    def __init__(self, index: RuleIndex, numbers: list[int]):
        self._index, self._numbers = index, numbers

    def __len__(self) -> int:
        return len(self._numbers)

    def __getitem__(self, item):
        if isinstance(item, slice):
            return tuple(self._index.trial_at(n) for n in self._numbers[item])
        return self._index.trial_at(self._numbers[item])


def members_list(members: Any) -> list[int]:
    return _numbers(members) if isinstance(members, int) else list(members)


def _numbers(bits: int) -> list[int]:
    """The positions of the set bits, lowest first."""
    found = []
    data = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    for byte_number, byte in enumerate(data):
        while byte:
            low = byte & -byte
            found.append(byte_number * 8 + low.bit_length() - 1)
            byte ^= low
    return found


class Catalogue:
    """Trials and questions indexed once, so a step costs little however many trials there are.

    A trial can only be ruled out by a criterion whose question has an answer, so those are the only
    criteria looked at until a trial is known to be open; answers only grow along a walk, so a trial
    ruled out stays ruled out. Open trials are a bitset; each distinct rule is judged once per answer
    for all the trials that share it (and the trials an answer rules out are remembered per question
    and answer). Walks are remembered as a tree of steps (at most MEMO_STEPS of them; then the tree
    starts again), so a question page and its answer cost one new step between them.
    """

    MEMO_STEPS = 5000
    RULED_OUT_MEMO = 4096

    def __init__(self, trials: Iterable[TrialRules], questions: Mapping[str, QuestionInfo]):
        given = tuple(trials)
        index = RuleIndex.build((t.id, ((c.id, c.polarity, c.question_key, c.rule) for c in t.criteria)) for t in given)
        self._setup(index, questions)
        self._given = given  # the caller's own objects, with their words, by number

    @classmethod
    def from_index(
        cls,
        index: RuleIndex,
        questions: Mapping[str, QuestionInfo],
        previous: Catalogue | None = None,
        prepared: tuple | None = None,
    ) -> Catalogue:
        """A catalogue over `index`. When `index` patched `previous.index`, what `previous` worked out is
        shared and only the patch is added to it; `prepared` is what `prepared()` gave for this index."""
        catalogue = cls.__new__(cls)
        catalogue._setup(index, questions, previous, prepared)
        catalogue._given = ()
        return catalogue

    def prepared(self) -> tuple:
        """What this catalogue worked out from its index (stored beside it in a snapshot)."""
        return (self._number_rules, self._other_rules, self._thresholds, self._added)

    def _setup(self, index: RuleIndex, questions, previous=None, prepared=None) -> None:
        self.index = index
        self.questions = dict(questions)
        self._gated = frozenset(key for key, info in self.questions.items() if info.asked_only_if)
        self._everyone = ((1 << len(index)) - 1) & ~index.removed
        if prepared is not None:
            self._number_rules, self._other_rules, self._thresholds, self._added = prepared
        elif previous is not None and index.parent is previous.index:
            self._add_patch(previous)
        else:
            self._work_out()
        self._ruled_out_memo: dict[tuple, int] = {}
        self._root = self._step((), {}, {}, self._everyone, frozenset())
        self._memo_steps = 0

    def _work_out(self) -> None:
        index = self.index
        self._added: dict[str, list[tuple]] = {}  # rules and trials a patch added to a threshold table
        self._number_rules: dict[str, list[tuple]] = {}
        self._other_rules: dict[str, list[int]] = {}
        for key, numbers in index.by_key.items():
            for r in numbers:
                rule = index.rules[r]
                if isinstance(rule.rule, NumberRule):
                    self._number_rules.setdefault(key, []).append(
                        (*_bounds(rule.rule), rule.polarity is Polarity.EXCLUSION, r)
                    )
                else:
                    self._other_rules.setdefault(key, []).append(r)
        # Inclusion ranges by threshold: the trials a number rules out are those whose minimum lies above
        # it plus those whose maximum lies below it, each one union looked up by bisection.
        self._thresholds: dict[str, tuple] = {}
        for key, rules in self._number_rules.items():
            table = self._threshold_table([rule for rule in rules if not rule[4]])
            if table is not None:
                self._number_rules[key] = [rule for rule in rules if rule[4]]
                self._thresholds[key] = table

    def _add_patch(self, previous: Catalogue) -> None:
        """Share `previous`'s tables; the patch's rules and trials are judged one by one beside them (a
        replaced trial's old entries stay in the tables, harmless: it is never open again)."""
        index = self.index
        self._number_rules, self._other_rules = dict(previous._number_rules), dict(previous._other_rules)
        self._thresholds, self._added = previous._thresholds, dict(previous._added)
        known = len(previous.index.rules)
        for r in range(known, len(index.rules)):
            rule = index.rules[r]
            if rule.question_key and rule.rule:
                self._add_rule(rule.question_key, r, rule, None)
        for r, bits in index.added.items():
            rule = index.rules[r]
            if r < known and rule.question_key in self._thresholds and self._in_table(rule):
                self._add_rule(rule.question_key, r, rule, bits)

    def _in_table(self, rule: CriterionRule) -> bool:
        return isinstance(rule.rule, NumberRule) and rule.polarity is not Polarity.EXCLUSION

    def _add_rule(self, key: str, r: int, rule: CriterionRule, bits: int | None) -> None:
        if key in self._thresholds and self._in_table(rule):
            self._added[key] = [*self._added.get(key, ()), (*_bounds(rule.rule), False, r, bits)]
        elif isinstance(rule.rule, NumberRule):
            entry = (*_bounds(rule.rule), rule.polarity is Polarity.EXCLUSION, r)
            self._number_rules[key] = [*self._number_rules.get(key, ()), entry]
        else:
            self._other_rules[key] = [*self._other_rules.get(key, ()), r]

    THRESHOLDS_AT_MOST = 1024  # distinct ends per question; beyond that each rule is judged on its own

    def _threshold_table(self, rules: list[tuple]) -> tuple | None:
        """(minimum ends, trials failing from each up; maximum ends, trials failing from each down).

        An end is (value, 0 if inclusive else 1) for a minimum and (value, 1 if inclusive else 0) for a
        maximum, so the number x, as (x, 0.5), fails a minimum end above it and a maximum end below it.
        """
        lows: dict[tuple, list[int]] = {}
        highs: dict[tuple, list[int]] = {}
        for low, low_in, high, high_in, _excluding, r in rules:
            if low is not None:
                lows.setdefault((low, 0 if low_in else 1), []).append(r)
            if high is not None:
                highs.setdefault((high, 1 if high_in else 0), []).append(r)
        if len(lows) + len(highs) > self.THRESHOLDS_AT_MOST:
            return None
        low_ends = sorted(lows)
        failing_from = [self._union(lows[end]) for end in low_ends]
        for n in range(len(failing_from) - 2, -1, -1):  # from each minimum end up: that end and all above
            failing_from[n] |= failing_from[n + 1]
        high_ends = sorted(highs)
        failing_to = [self._union(highs[end]) for end in high_ends]
        for n in range(1, len(failing_to)):  # from each maximum end down: that end and all below
            failing_to[n] |= failing_to[n - 1]
        return low_ends, failing_from, high_ends, failing_to

    @property
    def trial_count(self) -> int:
        return self._everyone.bit_count()

    @property
    def trials(self) -> TrialSequence:
        return TrialSequence(self.index, _numbers(self._everyone))

    def trial(self, trial_id: Any) -> TrialRules | None:
        number = self.index.position.get(trial_id)
        return None if number is None else self._trial_at(number)

    def only(self, trial_ids: Collection[Any]) -> Catalogue:
        """The same catalogue narrowed to these trials (in this one's order), with the same questions: every
        table is shared, only the set of trials a walk starts from and the remembered walks are its own."""
        mask = 0
        for trial_id in trial_ids:
            number = self.index.position.get(trial_id)
            if number is not None:
                mask |= 1 << number
        narrowed = copy.copy(self)
        narrowed._everyone = self._everyone & mask
        narrowed._root = narrowed._step((), {}, {}, narrowed._everyone, frozenset())
        narrowed._memo_steps = 0
        return narrowed

    def walk(self, answers: Mapping[str, Any]) -> Walk:
        step = self._root
        while step.screen and self._covered(step, answers):
            given = {key: answers[key] for key in step.screen}
            memo_key = _memo_key(tuple(given[key] for key in step.screen))
            following = step.after.get(memo_key) if memo_key is not None else None
            if following is None:
                following = self._advance(step, given)
                if memo_key is not None:
                    self._remember(step, memo_key, following)
            step = following
        path = tuple(dict.fromkeys(key for screen in step.path for key in screen))
        remaining = step.remaining
        if step.screen and any(key not in step.given for key in answers):
            remaining = self._remaining_after_all(step, answers)
        return Walk(path, step.next_key, remaining, step.path, step.screen, step.items)

    def _remaining_after_all(self, step: _Step, answers: Mapping[str, Any]) -> int:
        """`remaining` for a patient whose answers go beyond the path so far (she came back after a study
        changed, or changed an early answer): the steps of questions the open trials still need that none of
        her answers gives. The walk passes a step whose questions she answered without asking it, so these,
        not the path's, are the steps she will see; still an upper bound, for the same reasons."""
        effective = with_implied_answers(answers, self.questions)
        screens = {self._screen_name(key) for key in self._demand(step.live, effective)}
        screens.add(self._screen_name(step.screen[0]))  # the next step, whatever her other answers say
        return len(screens) + len(self._waiting(step.live, effective))

    @staticmethod
    def _covered(step: _Step, answers: Mapping[str, Any]) -> bool:
        """Whether `answers` answer every question of the step's screen (an item-by-item answer, each item
        the screen shows)."""
        for key in step.screen:
            if key not in answers:
                return False
            answer, shown = answers[key], step.items.get(key)
            if shown and isinstance(answer, ItemsAnswer) and not shown <= answer.shown:
                return False
        return True

    def _advance(self, step: _Step, screen_answers: Mapping[str, Any]) -> _Step:
        given = {**step.given, **screen_answers}
        effective = with_implied_answers(given, self.questions)
        # A question asked again for more items was checked before: its fuller answer is checked again.
        keys = (effective.keys() - step.checked) | screen_answers.keys()
        live = self._still_open(step.live, effective, keys)
        path = (*step.path, step.screen)
        return self._step(path, given, effective, live, step.checked | effective.keys(), step.items)

    def _step(self, path, given, effective, live, checked, items=None) -> _Step:
        demand = self._demand(live, effective)
        by_screen: dict[str, int] = {}
        for key, bits in demand.items():
            name = self._screen_name(key)
            by_screen[name] = by_screen.get(name, 0) | bits
        screen: tuple[str, ...] = ()
        if by_screen:
            counts = {name: bits.bit_count() for name, bits in by_screen.items()}
            lowest = {}
            for key in demand:
                name = self._screen_name(key)
                lowest[name] = min(lowest.get(name, self._priority(key)), self._priority(key))
            best = min(counts, key=lambda name: (-counts[name], lowest[name], name))
            screen = tuple(sorted((k for k in demand if self._screen_name(k) == best), key=self._screen_order))
        shown = dict(items or {})
        for key in screen:
            if self._itemised(key):
                shown[key] = shown.get(key, frozenset()) | self.needed_items(key, live, effective)
        remaining = len(by_screen) + len(self._waiting(live, effective))
        return _Step(path, given, live, frozenset(checked), screen, remaining, shown)

    def _waiting(self, live: int, answers: Mapping[str, Any]) -> set[str]:
        """The questions open trials need that an answer not given yet may still bring ("Are you pregnant?"
        once the patient says she is a woman; a question gated by one that is itself gated, each in turn).
        Each may come as a step of its own, even on a screen already shown: counted in `remaining`, which
        is then an upper bound of the steps left, not an estimate a patient sees exceeded."""
        waiting: set[str] = set()
        for key in self._gated:
            if key in answers or not self.index.has_key.get(key, 0) & live:
                continue
            for _depth in range(len(self.questions) + 1):
                info = self.questions.get(key)
                gate = info.asked_only_if if info is not None else None
                if gate is None or _gate_state(gate, answers) is not None or key in waiting:
                    break
                waiting.add(key)
                key = gate.question_key if gate.question_key not in answers else AGE
        return waiting

    def _screen_name(self, key: str) -> str:
        info = self.questions.get(key)
        return info.screen if info is not None and info.screen else key

    def _screen_order(self, key: str) -> tuple:
        info = self.questions.get(key)
        return (info.screen_order, info.priority, key) if info is not None else (0, 100, key)

    def _itemised(self, key: str) -> bool:
        info = self.questions.get(key)
        return bool(info is not None and info.items)

    def needed_items(self, key: str, live: int, answers: Mapping[str, Any]) -> frozenset[str]:
        """The items of question `key` that a rule of a trial in `live` names and `answers` leave open (all
        of them for a rule on "none of these")."""
        info = self.questions.get(key)
        every = frozenset(info.items) if info is not None else frozenset()
        answer = answers.get(key)
        needed: set[str] = set()
        for r in self.index.by_key.get(key, ()):
            rule = self.index.rules[r].rule
            if not isinstance(rule, ChoiceRule) or not self._union([r]) & live:
                continue
            if isinstance(answer, ItemsAnswer) and rule.test(answer) is not None:
                continue
            named = rule.accepted | rule.uncertain
            needed |= every if NONE_CODE in named else named & every
        if isinstance(answer, ItemsAnswer):
            needed -= answer.shown
        return frozenset(needed)

    def _remember(self, step: _Step, memo_key: Any, following: _Step) -> None:
        if self._memo_steps >= self.MEMO_STEPS:
            # Start a new tree (the old one goes once no walk holds it); a race costs a recomputation only.
            root = self._root
            self._root = _Step(root.path, root.given, root.live, root.checked, root.screen, root.remaining, root.items)
            self._memo_steps = 0
            if step is root:
                step = self._root
        step.after[memo_key] = following
        self._memo_steps += 1

    def assess(self, answers: Mapping[str, Any]) -> Assessment:
        effective = with_implied_answers(answers, self.questions)
        live = self._still_open(self._everyone, effective, effective.keys())
        return Assessment(
            open=tuple(evaluate_trial(self._trial_at(n), effective) for n in _numbers(live)),
            ruled_out=TrialSequence(self.index, _numbers(self._everyone & ~live)),
        )

    def _trial_at(self, number: int) -> TrialRules:
        return self._given[number] if number < len(self._given) else self.index.trial_at(number)

    def question_keys(self) -> frozenset[str]:
        return self.index.question_keys()

    def _still_open(self, live: int, answers: Mapping[str, Any], keys: Iterable[str]) -> int:
        """The trials in `live` that no criterion on one of `keys` rules out."""
        for key in keys:
            if live and key in self.index.by_key:
                live &= ~self._ruled_out(key, answers)
        return live

    def _ruled_out(self, key: str, answers: Mapping[str, Any]) -> int:
        """Bitset of the trials (open or not) that a criterion on `key` rules out, given this answer."""
        answer = answers[key]
        memo_key = (key, _memo_key(answer))
        if memo_key[1] is not None and memo_key in self._ruled_out_memo:
            return self._ruled_out_memo[memo_key]
        failing: list[int] = []
        table_bits = 0
        if answer is not DONT_KNOW:
            number = to_decimal(answer)
            table = self._thresholds.get(key)
            if number is not None and table is not None:
                low_ends, failing_from, high_ends, failing_to = table
                probe = (number, 0.5)
                above = bisect_right(low_ends, probe)
                if above < len(low_ends):
                    table_bits |= failing_from[above]
                below = bisect_left(high_ends, probe)
                if below > 0:
                    table_bits |= failing_to[below - 1]
            if number is not None:
                for low, low_in, high, high_in, excluding, r in self._number_rules.get(key, ()):
                    inside = not (
                        (low is not None and (number < low or (number == low and not low_in)))
                        or (high is not None and (number > high or (number == high and not high_in)))
                    )
                    if inside is excluding:
                        failing.append(r)
                for low, low_in, high, high_in, excluding, r, bits in self._added.get(key, ()):
                    inside = not (
                        (low is not None and (number < low or (number == low and not low_in)))
                        or (high is not None and (number > high or (number == high and not high_in)))
                    )
                    if inside is excluding:
                        if bits is None:
                            failing.append(r)
                        else:
                            table_bits |= bits
            for r in self._other_rules.get(key, ()):
                if evaluate_criterion(self.index.rules[r], answers) is Outcome.NOT_MET:
                    failing.append(r)
        bits = self._union(failing) | table_bits
        if memo_key[1] is not None:
            if len(self._ruled_out_memo) >= self.RULED_OUT_MEMO:
                self._ruled_out_memo = {}
            self._ruled_out_memo[memo_key] = bits
        return bits

    def _union(self, rules: list[int]) -> int:
        bits, sparse = 0, None
        for r in rules:
            members = self.index.members[r]
            if isinstance(members, int):
                bits |= members
            elif members:
                if sparse is None:
                    sparse = bytearray((len(self.index) + 7) // 8)
                for n in members:
                    sparse[n >> 3] |= 1 << (n & 7)
        return bits | int.from_bytes(sparse, "little") if sparse is not None else bits

    def _demand(self, live: int, answers: Mapping[str, Any]) -> dict[str, int]:
        """The open trials (a bitset) that need each unanswered question (one asked on behalf of another
        counts once); a question answered item by item is still needed by the trials whose items it was
        not asked."""
        wanted: dict[str, int] = {}
        for key, bits in self.index.has_key.items():
            if not bits & live:
                continue
            if key in answers:
                if not isinstance(answers[key], ItemsAnswer) or not self._itemised(key):
                    continue
                bits = self._wanting_items(key, live, answers)
                target = key
            else:
                target = _askable(key, answers, self.questions) if key in self._gated else key
                if target is not None and target in answers:
                    continue
            if target is not None:
                wanted[target] = wanted.get(target, 0) | bits
        demand = {key: bits & live for key, bits in wanted.items()}
        return {key: bits for key, bits in demand.items() if bits}

    def _wanting_items(self, key: str, live: int, answers: Mapping[str, Any]) -> int:
        """The trials in `live` with a rule on `key` that its item-by-item answer leaves unknown for want of
        an item it did not show."""
        answer, every = answers[key], frozenset(self.questions[key].items)
        bits = 0
        for r in self.index.by_key.get(key, ()):
            rule = self.index.rules[r].rule
            if not isinstance(rule, ChoiceRule) or rule.test(answer) is not None:
                continue
            named = every if NONE_CODE in rule.accepted | rule.uncertain else (rule.accepted | rule.uncertain) & every
            if named - answer.shown:
                bits |= self._union([r]) & live
        return bits

    def _priority(self, key: str) -> int:
        info = self.questions.get(key)
        return info.priority if info else 100


def _bounds(rule: NumberRule) -> tuple:
    return (rule.min_value, rule.min_inclusive, rule.max_value, rule.max_inclusive)


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
        unanswered = gate.question_key if gate.question_key not in answers else AGE
        return _askable(unanswered, answers, questions, depth + 1)
    return key if state else None
