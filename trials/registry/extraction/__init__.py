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
from .engine import QUESTION_UNITS, extract, propose
from .model import Clause, Proposal
from .tables import TABLES

__all__ = [
    "Clause",
    "Proposal",
    "QUESTION_UNITS",
    "split_clauses",
    "propose",
    "extract",
    "diagnosis_codes",
    "event_question",
    "EVENT_QUESTION_KEYS",
]


@lru_cache(maxsize=1)
def _event_questions() -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(pattern), question) for pattern, question in TABLES.window_questions)


def event_question(event: str) -> str | None:
    """The days-since question a window's event is asked with ("COPD exacerbation" -> days_since_exacerbation),
    from the events table; None when no row names it."""
    words = (event or "").lower() if isinstance(event, str) else ""
    return next((key for pattern, key in _event_questions() if pattern.search(words)), None)


EVENT_QUESTION_KEYS: list[str] = sorted({question for _pattern, question in TABLES.window_questions})
