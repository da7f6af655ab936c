"""What a nurse's answer check means for the study's criteria: a value recorded in a check (measured, or the
records' figure on a contradiction) that the trial's current criteria would not accept is flagged beside it.

A note is read for one value: the number followed by the question's unit ("6MWT 320 m", "320米"), else the one
number standing on its own. Numbers that are part of a name (6MWT, FEV1, SpO2, 6-minute) or of a date
(2026-12-07, 2026年12月7日) are never values. A note with two candidate values, or a measured check with none, is
not judged: the nurse is asked to give the value plainly (decision 0106)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from trials import catalogue, eligibility
from trials.models import Criterion, Question
from trials.number_input import UNIT_CONVERSIONS, UNIT_WORDS, NotANumber, readings

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
DATES = re.compile(r"\d+(?:\s*[-/:]\s*\d+)+|\d+\s*年(?:\s*\d+\s*月(?:\s*\d+\s*[日号])?)?|\d+\s*月\s*\d+\s*[日号]")
LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class RecordedValue:
    """What a check's note says the value is: `value`, or None with `candidates` saying why (0: no number that
    could be the value; 2 or more: several, none of them marked by the question's unit)."""

    value: Decimal | None
    candidates: int


def _unit_words(unit: str) -> list[str]:
    words = list(UNIT_WORDS.get(unit, ())) + [w for words, *_ in UNIT_CONVERSIONS.get(unit, ()) for w in words]
    if unit == "ratio":
        words += ["%", "percent"]
    return sorted({unicodedata.normalize("NFKC", w).lower() for w in words}, key=len, reverse=True)


def _unit_after(rest: str, words: list[str]) -> str | None:
    """The unit word `rest` starts with (spaces before it allowed), one not running on into more Latin letters."""
    stripped = rest.lstrip()
    for word in words:
        after = stripped[len(word) : len(word) + 1]
        if stripped.startswith(word) and not (LATIN.match(word[-1]) and LATIN.match(after)):
            return word
    return None


def _read(text: str, unit: str) -> frozenset[Decimal]:
    try:
        return frozenset(readings(text, unit))
    except NotANumber:
        return frozenset()


def recorded_value(note: str, unit: str = "") -> RecordedValue:
    """The value a check's note records, in the question's unit (see the module's docstring)."""
    text = unicodedata.normalize("NFKC", note or "").lower()
    text = DATES.sub(lambda found: " " * len(found.group()), text)
    words = _unit_words(unit)
    with_unit: list[frozenset[Decimal]] = []
    bare: list[frozenset[Decimal]] = []
    for found in NUMBER.finditer(text):
        before, rest = text[: found.start()], text[found.end() :]
        if before[-1:] and (LATIN.match(before[-1]) or before[-1] in ".,"):
            continue  # FEV1, SpO2: a name
        word = _unit_after(rest, words)
        if word is not None:
            with_unit.append(_read(f"{found.group()} {word}", unit))
        elif LATIN.match(rest[:1]) or re.match(r"-[a-z]", rest):
            continue  # 6MWT, 6-minute: a name
        else:
            bare.append(_read(found.group(), unit))
    chosen = with_unit or bare
    values = frozenset().union(*chosen)
    if len(values) == 1 and all(chosen):  # "1,500" reads two ways; "1.2.3" none: both unclear
        return RecordedValue(next(iter(values)), 1)
    return RecordedValue(None, max(len(values), len(chosen)) if chosen else 0)


def unclear_value(key: str, check) -> str:
    """Why a measured or contradicted check's note on a number question was not judged: "several" values in it,
    or "none" (said of a measured check only: a contradiction's note may be a remark); "" when it was judged."""
    if check is None or check.state not in ("measured", "contradicted"):
        return ""
    question = Question.objects.filter(key=key).first()
    if question is None or question.kind != Question.Kind.NUMBER:
        return ""
    reading = recorded_value(check.note, question.unit)
    if reading.candidates > 1:
        return "several"
    if reading.candidates == 0 and check.state == "measured":
        return "none"
    return ""


def criteria_not_met(referral, key: str, check) -> list[Criterion]:
    """The trial's approved criteria on this question that the check's recorded value would not meet (for a
    number question, a measured or contradicted check with one value read from its note); empty otherwise."""
    if check is None or check.state not in ("measured", "contradicted"):
        return []
    question = Question.objects.filter(key=key).first()
    if question is None or question.kind != Question.Kind.NUMBER:
        return []
    number = recorded_value(check.note, question.unit).value
    if number is None:
        return []
    stored = {**referral.stored_answers(), key: str(number)}
    sources = {k: v for k, v in referral.stored_sources().items() if k != key}
    result = catalogue.judge_current_criteria(referral.trial, stored, sources)
    ids = [r.criterion.id for r in result.with_outcome(eligibility.Outcome.NOT_MET) if r.criterion.question_key == key]
    return list(Criterion.objects.filter(pk__in=ids).select_related("question").order_by("order", "pk"))
