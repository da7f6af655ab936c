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
from trials.number_input import (
    CHINESE_DIGITS,
    CHINESE_HUNDRED,
    CHINESE_TEN,
    ENGLISH_NUMERAL_WORDS,
    NONE_WORDS,
    NUMBER_WORDS_TABLE,
    RATIO_PERCENT_WORDS,
    UNIT_CONVERSIONS,
    UNIT_WORDS,
    NotANumber,
    numeral_value,
    readings,
)

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _date_marks(part: str) -> str:
    """The marks of a date's `part` ("year", "month", "day") in every language, as one group: 年; 月; 日 or 号
    (`date_marks` in `trials/data/number_words.json`)."""
    marks = [mark for language in NUMBER_WORDS_TABLE["date_marks"].values() for mark in language[part]]
    return "(?:" + "|".join(re.escape(mark) for mark in marks) + ")"


_YEAR, _MONTH, _DAY = _date_marks("year"), _date_marks("month"), _date_marks("day")
DATES = re.compile(
    r"(?<![a-z\d])(?:\d+(?:\s*[-/:]\s*\d+)+)"
    rf"|\d+\s*{_YEAR}(?:\s*\d+\s*{_MONTH}(?:\s*\d+\s*{_DAY})?)?|\d+\s*{_MONTH}\s*\d+\s*{_DAY}"
)
LATIN = re.compile(r"[A-Za-z]")
# A number written in words, as answers read them (`trials/data/number_words.json`): a run of Chinese numerals
# ("五", "三百五十"), or of English number words ("five", "sixty-eight")
_ENGLISH_WORD = "(?:" + "|".join(sorted(map(re.escape, ENGLISH_NUMERAL_WORDS), key=len, reverse=True)) + ")"
NUMBER_IN_WORDS = re.compile(
    "[" + re.escape("".join(CHINESE_DIGITS) + CHINESE_TEN + CHINESE_HUNDRED) + "]+"
    rf"|(?<![a-z]){_ENGLISH_WORD}(?:[\s-]+{_ENGLISH_WORD})*(?![a-z])"
)


@dataclass(frozen=True)
class RecordedValue:
    """What a check's note says the value is: `value`, or None with `candidates` saying why (0: no number that
    could be the value; 2 or more: several, none of them marked by the question's unit)."""

    value: Decimal | None
    candidates: int


def _unit_words(unit: str) -> list[str]:
    words = list(UNIT_WORDS.get(unit, ())) + [w for words, *_ in UNIT_CONVERSIONS.get(unit, ()) for w in words]
    if unit == "ratio":
        words += RATIO_PERCENT_WORDS
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


def _numbers_in_words_as_digits(text: str, words: list[str]) -> str:
    """`text` with each number written in words ("五次", "five times") in digits, as an answer's is read, when the
    question's unit follows it or it is the whole note: "一般" or "one of" stay words. "一次也没有" is none, not one."""

    def digits(found: re.Match) -> str:
        value = numeral_value(found.group().strip())
        rest = text[found.end() :]
        if value is None or any(text.startswith(word, found.start()) for word in NONE_WORDS):
            return found.group()
        if (text[: found.start()] + rest).strip(" ,.;:，。；：") and _unit_after(rest, words) is None:
            return found.group()
        return f" {value} "

    return NUMBER_IN_WORDS.sub(digits, text)


def recorded_value(note: str, unit: str = "") -> RecordedValue:
    """The value a check's note records, in the question's unit (see the module's docstring)."""
    text = unicodedata.normalize("NFKC", note or "").lower()
    words = _unit_words(unit)
    text = _numbers_in_words_as_digits(text, words)
    text = DATES.sub(lambda found: " " * len(found.group()), text)
    with_unit: list[frozenset[Decimal]] = []
    bare: list[frozenset[Decimal]] = []
    for found in NUMBER.finditer(text):
        before, rest = text[: found.start()], text[found.end() :]
        if before[-1:] and LATIN.match(before[-1]) or re.search(r"\d[.,]$", before):
            continue  # FEV1, SpO2: a name; the tail of a number the pattern did not take
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


def checked_questions(checks: dict) -> dict[str, Question]:
    """The questions of the measured or contradicted checks, by key, in one query (none when there is no such check)."""
    keys = [key for key, check in checks.items() if check is not None and check.state in ("measured", "contradicted")]
    return {question.key: question for question in Question.objects.filter(key__in=keys)} if keys else {}


def unclear_value(check, question: Question | None) -> str:
    """Why a measured or contradicted check's note on a number question was not judged: "several" values in it,
    "none" of a measured check, or "remark" for a contradiction's note with no number (it may be only a remark: its
    page says politely that nothing was judged, the list and the export do not flag it); "" when it was judged."""
    if check is None or check.state not in ("measured", "contradicted"):
        return ""
    if question is None or question.kind != Question.Kind.NUMBER:
        return ""
    reading = recorded_value(check.note, question.unit)
    if reading.candidates > 1:
        return "several"
    if reading.candidates == 0:
        return "none" if check.state == "measured" else "remark"
    return ""


def criteria_not_met(
    referral, checks: dict, criteria: list[Criterion] | None = None, loaded=None
) -> dict[str, list[Criterion]]:
    """By question key, the trial's approved criteria on that question that its check's recorded value would not
    meet (a measured or contradicted check of a number question with one value read from its note); keys with
    none are left out. One query for the whole page, whatever the number of checks: the criteria are read once and
    every row is judged with them (none when the caller read them already, `criteria`, as the export does)."""
    checked = {
        key: check for key, check in checks.items() if check is not None and check.state in ("measured", "contradicted")
    }
    if not checked:
        return {}
    trial = referral.trial
    if criteria is None:
        criteria = list(trial.criteria.approved().select_related("question").order_by("order", "pk"))
    numeric = {
        c.question.key: c.question for c in criteria if c.question_id and c.question.kind == Question.Kind.NUMBER
    }
    recorded = {
        key: number
        for key in numeric.keys() & checked.keys()
        if (number := recorded_value(checked[key].note, numeric[key].unit).value) is not None
    }
    if not recorded:
        return {}
    trial.approved_criteria = criteria  # `to_rules` judges these, read just now, instead of reading them again
    answers, sources = referral.stored_answers(), referral.stored_sources()
    loaded = loaded or catalogue.current()
    not_met = {}
    for key in sorted(recorded):
        stored = {**answers, key: str(recorded[key])}
        result = catalogue.judge_current_criteria(
            trial, stored, {k: v for k, v in sources.items() if k != key}, loaded=loaded
        )
        ids = {
            r.criterion.id for r in result.with_outcome(eligibility.Outcome.NOT_MET) if r.criterion.question_key == key
        }
        if ids:
            not_met[key] = [criterion for criterion in criteria if criterion.pk in ids]
    return not_met


FLAGGED = ("several", "none")  # what the list and the export flag; a contradiction's remark is not


@dataclass(frozen=True)
class AnswerToCheck:
    """One checked answer the review page flags: the criteria its recorded value would not meet, or why its note
    was not judged ("several" or "none", as `unclear_value` says)."""

    question: Question
    not_met: tuple[Criterion, ...] = ()
    unclear: str = ""


def answers_to_check(referrals) -> dict:
    """By referral id, the checked answers the review page flags (`AnswerToCheck`, in the questions' order), for a
    whole list of referrals in a fixed number of queries, whatever its length: the checks, their questions, and,
    only when some note records a value, the referrals' answers, the criteria of their trials and the catalogue.
    A referral whose answers were erased shows none, as its page shows no answers."""
    from collections import defaultdict

    from screener.referrals.models import AnswerCheck, Referral

    by_referral: dict = defaultdict(dict)
    for check in AnswerCheck.objects.filter(
        referral__in=referrals.values("pk"),
        referral__contact_erased_at__isnull=True,
        state__in=("measured", "contradicted"),
    ).only("referral_id", "question_key", "state", "note"):
        by_referral[check.referral_id][check.question_key] = check
    if not by_referral:
        return {}
    questions = checked_questions({key: check for checks in by_referral.values() for key, check in checks.items()})
    to_judge = {
        referral_id
        for referral_id, checks in by_referral.items()
        for key, check in checks.items()
        if key in questions
        and questions[key].kind == Question.Kind.NUMBER
        and recorded_value(check.note, questions[key].unit).value is not None
    }
    not_met: dict = {}
    if to_judge:
        judged = list(Referral.objects.filter(pk__in=to_judge).select_related("trial", "screening"))
        criteria: dict = defaultdict(list)
        for criterion in (
            Criterion.objects.approved()
            .filter(trial_id__in={referral.trial_id for referral in judged})
            .select_related("question")
            .order_by("order", "pk")
        ):
            criteria[criterion.trial_id].append(criterion)
        loaded = catalogue.current()
        for referral in judged:
            not_met[referral.pk] = criteria_not_met(
                referral, by_referral[referral.pk], criteria[referral.trial_id], loaded=loaded
            )
    flagged = {}
    for referral_id, checks in by_referral.items():
        rows = [
            AnswerToCheck(
                questions[key],
                tuple(not_met.get(referral_id, {}).get(key, ())),
                unclear_value(check, questions.get(key)),
            )
            for key, check in checks.items()
            if key in questions
        ]
        rows = sorted((row for row in rows if row.not_met or row.unclear in FLAGGED), key=_question_order)
        if rows:
            flagged[referral_id] = rows
    return flagged


def _question_order(row: AnswerToCheck):
    return (row.question.priority, row.question.key)  # the vocabulary's own order (`Question.Meta.ordering`)
