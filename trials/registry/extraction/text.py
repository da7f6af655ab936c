"""Normalised text with a map back to the original: NFKC, lower case, escapes and entities undone."""

from __future__ import annotations

import re
import unicodedata

from .tables import TABLES

CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")  # one Chinese character

ESCAPABLE = set("\\`*_{}[]()#+-.!<>=~|&\"'$%^,:;/?@")

# Characters NFKC leaves alone but that mean the same as an ASCII form here.
CHAR_MAP = {
    "≧": "≥",
    "˂": "<",  # modifier letters that registry text uses for "less than" and "greater than"
    "˃": ">",
    "≦": "≤",
    "⩾": "≥",
    "⩽": "≤",
    "–": "-",
    "—": "-",
    "−": "-",
    "‐": "-",
    "‑": "-",
    "〜": "~",
    "∼": "~",
    "～": "~",
    "×": "x",
    "✕": "x",
    "·": " ",
    "\u00a0": " ",
    "’": "'",
    "‘": "'",
    "“": '"',
    "”": '"',
    "。": ". ",
    "；": "; ",
    "，": ", ",
    "、": "、",
    "︰": ":",  # a Hong Kong page's colon (a vertical presentation form that NFKC would make "..")
    "μ": "u",
    "µ": "u",
    **TABLES.traditional_characters,  # pages in traditional characters: 年齡 reads as 年龄, 歲 as 岁
}

HTML_ENTITIES = {
    "&lt;": "<",
    "&gt;": ">",
    "&le;": "≤",
    "&ge;": "≥",
    "&amp;": "&",
    "&nbsp;": " ",
    "&#8804;": "≤",
    "&#8805;": "≥",
    "&#60;": "<",
    "&#62;": ">",
    "&quot;": '"',
    "&#39;": "'",
}
_HTML_ENTITY = re.compile("|".join(re.escape(e) for e in HTML_ENTITIES), re.I)


_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>=~|&\"'$%^,:;/?@])")
# What `readable` undoes: a CommonMark escape (read as the character it escapes) or a run of white space (one space)
_UNREADABLE = re.compile(rf"{_ESCAPE.pattern}|\s+")


def _reads_as(match: re.Match) -> str:
    return match.group(1) if match.group(1) is not None else " "


def readable(text: str) -> str:
    """The registry's words as people read them, on every page that shows them (a clause's words for patients and
    staff, a clause and its quotes on the admin's review page): escapes undone ("aged \\> 40" reads "aged > 40"),
    each run of white space one space."""
    return _UNREADABLE.sub(_reads_as, text).strip()


_clean = readable  # the clause splitter's name for it


def readable_with_map(text: str) -> tuple[str, list[int]]:
    """`readable(text)`, and for each of its characters the position in `text` it comes from (an escaped
    character's own, not its backslash's), so that an exact quote of `text` can be found in what people read."""
    out: list[str] = []
    where: list[int] = []
    at = 0
    for match in _UNREADABLE.finditer(text):
        out.append(text[at : match.start()])
        where.extend(range(at, match.start()))
        out.append(_reads_as(match))
        where.append(match.start(1) if match.group(1) is not None else match.start())
        at = match.end()
    out.append(text[at:])
    where.extend(range(at, len(text)))
    joined = "".join(out)
    lead = len(joined) - len(joined.lstrip())
    kept = len(joined.rstrip())
    return joined[lead:kept], where[lead:kept]


# Pinyin a converter left after characters of a page in traditional characters: "試驗(yàn)前3個(gè)月" reads "試驗前3個月"
_PINYIN_DEBRIS = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)")
_TONE_MARKS = set("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ")


# "Younger than18 years", "Between18 and 80": a number glued to the comparison word before it reads as if spaced
_GLUED_NUMBER = re.compile(r"(?<![a-z])(?:than|between|under|over|least)(?=\d)")


# "within the past 2 yearsN/AN/A": a flattened table's next cell ("N/A", capitals in the original) glued to the word before
_GLUED_CELL = re.compile(r"(?<=[a-z])n/a")


# A registry line break inside a sentence ("2.5 times upper\n                  limit of normal", the record's own wrapping
# of old NIH and NCI texts, with its indentation): when the next line goes on in lower case, the break and its
# indentation read as one space, so a name or a unit cut by the wrapping reads whole
_WRAPPED_LINE = re.compile(r"[ \t\r]*\n\s*(?=[a-z])")


def _unwrap(original: str, text: str, where: list[int]) -> tuple[str, list[int]]:
    pieces: list[str] = []
    kept: list[int] = []
    last = 0
    for m in _WRAPPED_LINE.finditer(text):
        if not original[where[m.end()]].islower():
            continue  # "...\nExclusion": a capital starts a new line of its own
        pieces.append(text[last : m.start()])
        kept.extend(where[last : m.start()])
        pieces.append(" ")
        kept.append(where[m.start()])
        last = m.end()
    if not pieces:
        return text, where
    pieces.append(text[last:])
    kept.extend(where[last:])
    return "".join(pieces), kept


# "=< 6 weeks from last dose", "ANC => 1500": the order NCI records write "<=" and ">=" in; read as those (the same
# two characters, so the map back to the original is unchanged)
_REVERSED_OPERATOR = re.compile(r"=([<>])(?=\s?\d)")


# 'Body Mass Index ranged from "18.5" to "24.9"': a number in quotes reads as the number (each quote a blank, so the map
# back to the original is unchanged)
_QUOTED_NUMBER = re.compile(r'"(\d+(?:[.,]\d+)?)"')


# Misspelt words registry text is known to carry, each read as the word it stands for ("FEVI" is FEV1): whole words
# from the misspellings table, as long as their readings, so the map back to the original is unchanged
# (the words first, then the check of the character before: a scan for the words' first letters, not a lookbehind at
# every character)
_MISSPELT = (
    re.compile(r"(?:" + "|".join(map(re.escape, TABLES.misspellings)) + r")(?![a-z0-9])")
    if TABLES.misspellings
    else None
)
_WORD_CHARACTER = re.compile(r"[a-z0-9]")


def _spelt(match: re.Match) -> str:
    at = match.start()
    if at and _WORD_CHARACTER.match(match.string, at - 1):
        return match.group()  # the end of a longer word ("xfevi"), no misspelling the table holds
    return TABLES.misspellings[match.group()]


def _normalise(original: str, start: int, end: int) -> tuple[str, list[int]]:
    text, where = _normalise_characters(original, start, end)
    if _MISSPELT is not None:
        text = _MISSPELT.sub(_spelt, text)
    if "=" in text:
        text = _REVERSED_OPERATOR.sub(r"\1=", text)
    if '"' in text:
        text = _QUOTED_NUMBER.sub(r" \1 ", text)
    if "\n" in text:
        text, where = _unwrap(original, text, where)
    glued = [m.end() for m in _GLUED_NUMBER.finditer(text)]
    cells = [m.start() for m in _GLUED_CELL.finditer(text) if original[where[m.start()]] == "N"]
    if cells:
        glued = sorted(glued + cells)
    if not glued:
        return text, where
    pieces, spaced, last = [], list(where), 0
    for at in glued:
        pieces += [text[last:at], " "]
        last = at
    pieces.append(text[last:])
    for shift, at in enumerate(glued):  # the space stands for the digit (or the cell's N) after it in the original
        spaced.insert(at + shift, where[at])
    return "".join(pieces), spaced


def _normalise_characters(original: str, start: int, end: int) -> tuple[str, list[int]]:
    segment = original[start:end]
    dropped: set[int] = set()
    if "(" in segment and not _TONE_MARKS.isdisjoint(segment):
        for debris in _PINYIN_DEBRIS.finditer(original, start, end):
            dropped.update(range(debris.start(), debris.end()))
    if "&" not in segment and "\\" not in segment and not dropped:
        # No entity and no escape: every character stands for itself; when each maps to exactly one character
        # (nearly always), the map back to the original is the positions in order.
        text = segment.translate(_TRANSLATION)  # one pass in C; a character not met before is mapped (and kept)
        if _NOT_ONE_FOR_ONE.isdisjoint(segment):
            return text, list(range(start, end))
    out: list[str] = []
    where: list[int] = []
    i = start
    while i < end:
        if i in dropped:
            i += 1
            continue
        char = original[i]
        if char == "\\" and original.startswith("&", i + 1) and _HTML_ENTITY.match(original, i + 1, end):
            i += 1  # "\&lt;6 months": an entity whose ampersand a markdown writer escaped reads as the entity
            char = "&"
        if char == "&":
            entity = _HTML_ENTITY.match(original, i, end)
            if entity:
                out.append(HTML_ENTITIES[entity.group().lower()])
                where.append(i)
                i = entity.end()
                continue
        if char == "\\" and i + 1 < end and original[i + 1] in ESCAPABLE:
            i += 1
            char = original[i]
        for piece in _MAPPED.get(char) or _map_char(char):
            out.append(piece)
            where.append(i)
        i += 1
    return "".join(out), where


_MAPPED: dict[str, str] = {}  # a character -> what it reads as, lower case (filled as characters are met)


class _Translation(dict):
    """`_MAPPED` keyed by code point, for ``str.translate``: a character not in it yet is mapped when first met."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        self[code] = mapped = _MAPPED.get(char) or _map_char(char)
        if len(mapped) != 1:
            _NOT_ONE_FOR_ONE.add(char)  # "。" reads ". ", a combining mark alone may read as nothing
        return mapped


_TRANSLATION = _Translation()
_NOT_ONE_FOR_ONE: set[str] = set()  # the characters met that do not read as exactly one character


def _map_char(char: str) -> str:
    mapped = CHAR_MAP.get(char)
    if mapped is None:
        mapped = unicodedata.normalize("NFKC", char)
        mapped = CHAR_MAP.get(mapped, mapped)
    _MAPPED[char] = mapped = mapped.lower()
    return mapped


class _Span:
    """Turns spans of the normalised text back into exact quotes of the original."""

    def __init__(self, original: str, where: list[int], normalised: str):
        self.original = original
        self.where = where
        self.n = normalised

    def quote(self, a: int, b: int) -> str:
        """The original text behind n[a:b], widened to whole words ("admission" -> "admissions")."""
        if not self.where:
            return ""
        a = max(0, min(a, len(self.where) - 1))
        b = max(a + 1, min(b, len(self.where)))

        def letter(i: int) -> bool:
            return self.n[i].isascii() and self.n[i].isalpha()

        while a > 0 and letter(a - 1) and letter(a):
            a -= 1
        while b < len(self.n) and letter(b) and letter(b - 1):
            b += 1
        return self.original[self.where[a] : self.where[b - 1] + 1].strip()


def _bracket_depths(n: str, start: int, end: int) -> list[int]:
    """How deep in brackets each character of n[start:end] (and the position after it) lies."""
    segment = n[start:end]
    if "(" not in segment and "[" not in segment and "（" not in segment:
        return [0] * (len(segment) + 1)  # no bracket opens: every character lies outside
    depths, depth = [], 0
    for char in segment:
        if char in "([（":
            depth += 1
        depths.append(depth)
        if char in ")]）":
            depth = max(0, depth - 1)
    depths.append(depth)
    return depths
