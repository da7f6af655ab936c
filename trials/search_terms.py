"""What a patient's search words mean, in both languages: the synonyms table and the condition glossary.

The knowledge is data (`trials/data/search_synonyms.json`): a group of words in Chinese and English (the
short forms patients and doctors use, the registry's condition and MeSH terms) that name one condition,
and the name a Chinese page shows for it. Searching any word of a group searches for all of them, so
"慢阻肺" finds a study registered under "COPD" and "asthma" one whose Chinese title says "哮喘". The table
is read once per process; nothing here touches the database (`TrialQuerySet.search` builds the query).

The search index. Widening a search to every synonym at query time cost one LIKE per term per field (about
a second at 80,000 trials), so the matching is done when a trial is written instead: `search_index` gives
a trial's `search_text` (its titles and conditions, casefolded) and `search_groups` (the stable `key` of
every group one of whose terms the trial's text holds, by the rules below), and a search looks for the
typed words in the first and the named groups' keys in the second (docs/decisions/0051-the-start-page-s-search-reads-an-index-written-when-a-trial.md).
The index follows this table: after changing it, run `manage.py reindex_search`, or trials keep the
groups they matched before.
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


def _table() -> tuple[dict[str, tuple[int, ...]], tuple[tuple[str, ...], ...], tuple[str, ...]]:
    """(word → groups it belongs to, each group's words, each group's Chinese name)."""
    return _read()[:3]


def group_keys() -> tuple[str, ...]:
    """Each group's stable key (its name in `Trial.search_groups`)."""
    return _read()[3]


@cache
def _read():
    """The table, read once per process: (as `_table`, each group's key)."""
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
        tuple(_key(group.get("key") or f"group-{number}").replace(" ", "-") for number, group in enumerate(groups)),
    )


def has_han(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def terms_for(words: str) -> list[str]:
    """The words to look for when a patient searches `words`: what they typed, then every synonym of a
    condition it names. A Chinese phrase naming a condition inside it ("我有慢阻肺") counts too."""
    typed = " ".join(str(words).split())
    if not typed:
        return []
    _by_word, groups, _names = _table()
    key = _key(typed)
    numbers = groups_named(typed)
    found = [typed]
    seen = {key}
    for number in dict.fromkeys(numbers):
        for term in groups[number]:
            if _key(term) not in seen:
                seen.add(_key(term))
                found.append(term)
    return _without_longer(found)[:MOST_TERMS]


def groups_named(words: str) -> list[int]:
    """The numbers of the groups `words` names: a whole term of the group, a registry's condition the start page
    counts under the group ("Chronic Obstructive Pulmonary Disease (COPD)", a name with the acronym in brackets:
    `condition_concept`), so its browse link finds every study it counted; or, for Chinese, a term of two
    characters or more inside the phrase ("我有慢阻肺")."""
    by_word, _groups, _names = _table()
    key = _key(words)
    numbers = list(by_word.get(key, ()))
    if not numbers:
        number = _group_of(words)
        numbers = [number] if number is not None else []
    if not numbers and has_han(key):
        numbers = [
            n for word, found in by_word.items() if has_han(word) and len(word) >= 2 and word in key for n in found
        ]
    return list(dict.fromkeys(numbers))


SEPARATOR = " | "  # between fields: typed words never match across two
LATIN_WORD = re.compile(r"[a-z0-9][a-z0-9-]*")
MOST_INDEXED = 20_000  # characters of a trial's text indexed: registry data is hostile, the row stays bounded


def typed_key(words: str) -> str:
    """What `Trial.search_text` is searched for when a patient types `words`: an acronym as a whole word
    (" ild " in the index's list of short words), anything else as it was typed, casefolded."""
    key = _key(words)
    return f" {key} " if is_acronym(key) else key


def search_index(brief_title: str, titles: dict[str, str], conditions, english: str) -> tuple[str, str]:
    """(search_text, search_groups) of a trial: `titles` maps each language suffix to its patient title,
    `english` is the suffix of the registry's language. The groups follow today's rules for a term: a
    Chinese term in the registry's title or a title in another language; another term in the conditions,
    the registry's title or the English title; an acronym as a whole word in any title, or as a whole
    condition or "(ILD)" in one. search_text ends with the text's short Latin words, each between spaces,
    so an acronym typed is found as a whole word (" ild " but never "mild")."""
    brief = _key(brief_title or "")[:MOST_INDEXED]
    by_language = {suffix: _key(text or "")[:MOST_INDEXED] for suffix, text in titles.items()}
    names = [_key(c)[:MOST_INDEXED] for c in (conditions if isinstance(conditions, list) else []) if c][:100]
    all_titles = [brief, *by_language.values()]
    han_titles = [brief, *(text for suffix, text in by_language.items() if suffix != english)]
    latin_fields = [*names, brief, by_language.get(english, "")]
    _by_word, groups, _names = _table()
    matched = []
    for number, terms in enumerate(groups):
        for term in terms:
            key = _key(term)
            if is_acronym(term):
                hit = any(key == name or f"({key})" in name for name in names) or any(
                    f" {key} " in f" {text} " or f"({key})" in text or f" {key}," in f" {text}" for text in all_titles
                )
            else:
                hit = any(key in text for text in (han_titles if has_han(key) else latin_fields))
            if hit:
                matched.append(group_keys()[number])
                break
    texts = [text for text in (brief, *by_language.values(), *names) if text]
    short = dict.fromkeys(w for text in texts for w in LATIN_WORD.findall(text) if len(w) <= 4)
    search_text = SEPARATOR.join(texts)[: MOST_INDEXED * 4]
    return f" {search_text}{SEPARATOR} {' '.join(short)} ", f" {' '.join(matched)} " if matched else ""


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


def _group_of(condition: str) -> int | None:
    """The number of the glossary's group a registry condition names, or None when the glossary has none."""
    by_word, _groups, _names = _table()
    numbers = by_word.get(_key(condition))
    if not numbers:
        # "Chronic Obstructive Pulmonary Disease (COPD)": the name, or the acronym in brackets, is known.
        match = re.match(r"^(.*?)\s*\(([^()]+)\)\s*$", str(condition))
        if match:
            numbers = by_word.get(_key(match[1])) or by_word.get(_key(match[2]))
    return numbers[0] if numbers else None


def chinese_name(condition: str) -> str | None:
    """The glossary's Chinese name for a registry condition ("Pulmonary Disease, Chronic Obstructive" →
    "慢性阻塞性肺疾病（慢阻肺，COPD）"), or None when the glossary has none."""
    number = _group_of(condition)
    return _table()[2][number] if number is not None else None


def condition_concept(condition: str) -> str:
    """What a registry condition names, to count studies by condition and not by spelling: the glossary group's key
    ("COPD", "Pulmonary Disease, Chronic Obstructive" and "Chronic Obstructive Pulmonary Disease (COPD)" are one),
    else the condition itself, casefolded."""
    number = _group_of(condition)
    return f"group:{group_keys()[number]}" if number is not None else _key(condition)
