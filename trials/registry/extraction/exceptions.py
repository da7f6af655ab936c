"""Where a clause carves out an exception: "antihistamines unless taken at a stable regimen for at least 2 months",
"恶性肿瘤病史(已治愈5年以上者除外)". A bound read there says who is let in, not who a rule keeps out or requires:
drafted as the clause's own rule it would mean the opposite. The words are the lexicons' `exception_spans` (both
lists) and `let_in_spans` (an exclusion list only). Pure; linear in the text (each pattern's span is bounded)."""

from __future__ import annotations

import re

from .tables import TABLES

_SPANS = re.compile(TABLES.exception_spans or r"(?!x)x", re.IGNORECASE)
_LET_IN = re.compile(TABLES.let_in_spans or r"(?!x)x", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?|[一二两三四五六七八九十百]+(?=个?(?:月|年|周|天|日|小时))")


def exception_spans(words: str, kind: str) -> list[tuple[int, int]]:
    """The (start, end) spans of `words` that are exceptions of a clause of this kind ("inclusion"/"exclusion")."""
    spans = [m.span() for m in _SPANS.finditer(words) if m.end() > m.start()]
    if kind == "exclusion":
        spans += [m.span() for m in _LET_IN.finditer(words) if m.end() > m.start()]
    return sorted(spans)


def excepted(quote: str, words: str, spans: list[tuple[int, int]]) -> str:
    """The exception's words when the bound `quote` states (its last number) sits inside one of `spans` of `words`,
    else "". A quote not found in the words is not excepted."""
    at = words.find(quote) if quote else -1
    if at < 0 or not spans:
        return ""
    numbers = list(_NUMBER.finditer(quote))
    if not numbers:
        return ""
    where = at + numbers[-1].start()
    for start, end in spans:
        if start <= where < end:
            return " ".join(words[start:end].split()).strip(" ,，")
    return ""


_SEPARATORS = re.compile(TABLES.list_item_separators or r"(?!x)x", re.IGNORECASE)
_FILLER = re.compile(
    r"(?<![a-z])(?:" + (TABLES.list_item_filler_words or r"(?!x)x") + r")(?![a-z])|[^\w]+", re.IGNORECASE
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
# examples, brackets and conditions (lexicons' `not_a_plain_list`): the drafts read the head, the list says what it means
_NOT_A_PLAIN_LIST = re.compile(TABLES.not_a_plain_list or r"(?!x)x")


def items_not_named(words: str, named: list[str]) -> list[str]:
    """The items of a clause that is a plain list of names ("Diagnosis of asthma, history of allergic rhinitis or
    atopy") that contain none of the `named` words a draft was read from and still name something once the
    lexicons' filler words are gone: ["history of allergic rhinitis", "atopy"]. Nothing for one item, for a list of
    examples or in brackets (its head is what a draft reads), for an item too long to be a name (a sentence, no
    list), or for a lone word before the last item ("acute or chronic acidosis": the noun comes last)."""
    text = words.strip().rstrip(".;；。")
    if _NOT_A_PLAIN_LIST.search(text):
        return []
    items = [i.strip() for i in _SEPARATORS.split(text)]
    items = [i for i in items if i]
    if len(items) < 2 or any(_too_long(i) for i in items):
        return []
    lowered = [n.lower() for n in named if n]
    left = []
    for index, item in enumerate(items):
        if any(n in item.lower() or item.lower() in n for n in lowered):
            continue
        rest = _FILLER.sub(" ", item).split()
        if index < len(items) - 1 and len(rest) == 1 and not _CJK.search(rest[0]):
            continue  # "acute or chronic acidosis", "unilateral and/or bilateral hearing loss": a modifier
        if len(_CJK.findall("".join(rest))) >= 2 or len(re.sub(r"[^a-z]", "", "".join(rest).lower())) >= 4:
            left.append(item)
    return left


def _too_long(item: str) -> bool:
    cjk = len(_CJK.findall(item))
    return cjk > 12 or len(re.findall(r"[A-Za-z]+", item)) > 6 or (cjk == 0 and len(item) > 60)
