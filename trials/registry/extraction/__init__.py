"""Criteria drawn from registry text: split eligibility text into clauses and propose thresholds from them.

A small engine (``clauses``: splitting; ``text``: normalising with a map back to the original; ``engine``:
comparisons, windows, durations and proposals; ``choices``: sex and diagnoses) reads its knowledge from the JSON
tables in ``tables/`` (see ``tables.py``). Pure apart from reading those tables once at import; never raises.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .choices import diagnosis_codes
from .clauses import split_clauses
from .engine import QUESTION_UNITS, extract, propose, washout_row
from .exceptions import excepted, exception_spans, items_not_named
from .model import Clause, Proposal
from .tables import TABLES

# rows drafted as another question's answers ("Karnofsky ≥ 70" as ECOG 0 or 1): key -> (question, {code: band})
BANDED = TABLES.banded

__all__ = [
    "BANDED",
    "Clause",
    "Proposal",
    "QUESTION_UNITS",
    "split_clauses",
    "propose",
    "extract",
    "diagnosis_codes",
    "exception_spans",
    "excepted",
    "items_not_named",
    "event_question",
    "EVENT_QUESTION_KEYS",
    "DURATION_QUESTION_KEYS",
    "washout_row",
]


@lru_cache(maxsize=2)
def _event_questions(variable: str) -> tuple[tuple[re.Pattern, str], ...]:
    if variable == "duration":
        return tuple((re.compile(row["pattern"]), row["question"]) for row in TABLES.durations if row["pattern"])
    return tuple((re.compile(pattern), question) for pattern, question in TABLES.window_questions)


def event_question(event: str, variable: str = "window") -> str | None:
    """The question an event is asked with, from the events table: for a window ("COPD exacerbation" ->
    days_since_exacerbation) or, with ``variable="duration"``, for a duration ("stable dose" ->
    days_on_current_treatment, "quit smoking" -> days_since_quit_smoking); None when no row names it, or when the
    first row that names it has no question ("end of treatment"). A duration no durations row names is a lower
    bound on the time since an event, asked with that event's days-since question ("at least 3 months since the
    last exacerbation" -> days_since_exacerbation)."""
    words = (event or "").lower() if isinstance(event, str) else ""
    for pattern, key in _event_questions(variable):
        if pattern.search(words):
            return key
    return event_question(words) if variable == "duration" else None


EVENT_QUESTION_KEYS: list[str] = sorted({question for _pattern, question in TABLES.window_questions})
DURATION_QUESTION_KEYS: list[str] = sorted({row["question"] for row in TABLES.durations if row["question"]})
