"""What a patient's search words mean, in both languages: the synonyms table and the condition glossary.

The knowledge is data (`trials/data/search_synonyms.json`): a group of words in Chinese and English (the
short forms patients and doctors use, the registry's condition and MeSH terms) that name one condition,
and the name a Chinese page shows for it. Searching any word of a group searches for all of them, so
"慢阻肺" finds a study registered under "COPD" and "asthma" one whose Chinese title says "哮喘". The table
is read once per process; nothing here touches the database (`TrialQuerySet.search` builds the query).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

SYNONYMS = Path(__file__).parent / "data" / "search_synonyms.json"
MOST_TERMS = 40  # a query naming several groups still makes a bounded query


def _key(text: str) -> str:
    return " ".join(str(text).casefold().split())


@cache
def _table() -> tuple[dict[str, tuple[int, ...]], tuple[tuple[str, ...], ...], tuple[str, ...]]:
    """(word → groups it belongs to, each group's words, each group's Chinese name)."""
    with SYNONYMS.open(encoding="utf-8") as file:
        groups = json.load(file)["conditions"]
    by_word: dict[str, list[int]] = {}
    for number, group in enumerate(groups):
        for term in group["terms"]:
            by_word.setdefault(_key(term), []).append(number)
    return (
        {word: tuple(numbers) for word, numbers in by_word.items()},
        tuple(tuple(group["terms"]) for group in groups),
        tuple(group["zh"] for group in groups),
    )


def has_han(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def terms_for(words: str) -> list[str]:
    """The words to look for when a patient searches `words`: what they typed, then every synonym of a
    condition it names. A Chinese phrase naming a condition inside it ("我有慢阻肺") counts too."""
    typed = " ".join(str(words).split())
    if not typed:
        return []
    by_word, groups, _names = _table()
    key = _key(typed)
    numbers = list(by_word.get(key, ()))
    if not numbers and has_han(key):
        numbers = [
            n for word, found in by_word.items() if has_han(word) and len(word) >= 2 and word in key for n in found
        ]
    found = [typed]
    seen = {key}
    for number in dict.fromkeys(numbers):
        for term in groups[number]:
            if _key(term) not in seen:
                seen.add(_key(term))
                found.append(term)
    return _without_longer(found)[:MOST_TERMS]


def _without_longer(terms: list[str]) -> list[str]:
    """Drop a term that holds another as a part ("慢阻肺病" once "慢阻肺" is searched for): a substring search
    for the shorter finds it already, and each term is one more comparison per trial. An acronym is only
    matched as a whole word, so it never stands in for a longer term."""
    keys = [_key(term) for term in terms]
    kept = []
    for term, key in zip(terms, keys, strict=True):
        if any(other != key and other in key and not is_acronym(other) for other in keys):
            continue
        kept.append(term)
    return kept


ACRONYM = re.compile(r"^[A-Za-z][A-Za-z0-9-]{1,3}$")


def is_acronym(term: str) -> bool:
    """A short Latin word (ILD, PAH, OSA): matched as a whole word, never inside another ("mild")."""
    return bool(ACRONYM.match(term))


def chinese_name(condition: str) -> str | None:
    """The glossary's Chinese name for a registry condition ("Pulmonary Disease, Chronic Obstructive" →
    "慢性阻塞性肺疾病（慢阻肺，COPD）"), or None when the glossary has none."""
    by_word, _groups, names = _table()
    numbers = by_word.get(_key(condition))
    if not numbers:
        # "Chronic Obstructive Pulmonary Disease (COPD)": the name, or the acronym in brackets, is known.
        match = re.match(r"^(.*?)\s*\(([^()]+)\)\s*$", str(condition))
        if match:
            numbers = by_word.get(_key(match[1])) or by_word.get(_key(match[2]))
    return names[numbers[0]] if numbers else None
