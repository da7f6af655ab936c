"""Words a pattern cannot match without: a fast, exact test that skips a regular expression on text that lacks them.

`required_words(pattern)` reads a compiled pattern's syntax and returns a tuple of literal strings such that every match
of the pattern contains at least one of them, or None when no such set is known (a pattern may start with a number or a
character class). `may_match(words, text)` is then `any(word in text for word in words)`: substring tests in C, far
cheaper than trying the pattern at every position of the text (which a pattern starting with a lookbehind or an
optional group forces). It never changes what a pattern finds: it only skips a pattern that cannot match.
"""

from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_MIN_WORD = 2  # a single letter is found nearly everywhere: it filters nothing (a single "前" in English text does)
_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}


def _sequence(items, folded: bool = False) -> frozenset[str] | None:
    """The best set of required words of a sequence of parsed items: a run of literal characters (zero-width
    assertions do not break it) or a required group's own set, whichever has the longest shortest word."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def close_run() -> None:
        word = "".join(run)
        if len(word) >= _MIN_WORD or (word and not word.isascii()):
            candidates.append(frozenset([word]))
        run.clear()

    for op, arg in items:
        if op is _c.LITERAL:
            run.append(chr(arg).lower() if folded else chr(arg))
            continue
        if op in _ZERO_WIDTH:
            if folded and op is _c.ASSERT:  # what a lookahead or a lookbehind needs is in the text too
                found = _sequence(arg[1], folded)
                if found is not None:
                    candidates.append(found)
            continue
        close_run()
        found = _item(op, arg, folded)
        if found is not None:
            candidates.append(found)
    close_run()
    if not candidates:
        return None
    return max(candidates, key=lambda words: (min(len(w) for w in words), -len(words)))


def _item(op, arg, folded: bool) -> frozenset[str] | None:
    if op is _c.SUBPATTERN:
        if arg[1] & re.IGNORECASE and not folded:
            return None  # "(?i:…)": its letters match in either case, the words it needs are not literal
        return _sequence(arg[-1], folded)
    if op is _c.BRANCH:
        union: set[str] = set()
        for alternative in arg[1]:
            found = _sequence(alternative, folded)
            if found is None:
                return None  # one alternative needs no word: the pattern may match without any
            union |= found
        return frozenset(union)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, body = arg
        return _sequence(body, folded) if low >= 1 else None
    return None


def required_words(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Literal strings one of which every match of `pattern` contains, or None when none is known."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        parsed = _p.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - a pattern this reader cannot parse is simply never skipped
        return None
    found = _sequence(list(parsed))
    return tuple(sorted(found)) if found else None


def required_words_folded(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Lower-case words one of which `text.lower()` holds wherever `pattern` matches an ASCII `text` (its letters in
    either case, in a "(?i:…)" group too; the words a lookahead or a lookbehind needs as well), or None when none is
    known. On other text (where "ſ" may match "s" in either case) it tells nothing."""
    try:
        parsed = _p.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - a pattern this reader cannot parse is simply never skipped
        return None
    found = _sequence(list(parsed), folded=True)
    return tuple(sorted(found)) if found else None


def may_match(words: tuple[str, ...] | None, text: str) -> bool:
    """False only when the pattern whose required words these are cannot match `text`."""
    return words is None or any(word in text for word in words)


class WordScan:
    """Which patterns of a list may match a text, from one scan of the text for all their required words at once
    (`words` holds each pattern's `required_words`, None for a pattern that is always tried): the same patterns as
    `may_match` on each, in the list's order, without a substring test per pattern and text."""

    def __init__(self, words: list[tuple[str, ...] | None]) -> None:
        self._always = frozenset(index for index, needed in enumerate(words) if needed is None)
        owners: dict[str, set[int]] = {}
        for index, needed in enumerate(words):
            for word in needed or ():
                owners.setdefault(word, set()).add(index)
        # a match is the longest word that starts where it starts (the pattern is a trie, each step greedy): the
        # shorter words starting there are its prefixes, and their patterns are counted with it
        self._found_with = {
            word: frozenset(index for other in owners if word.startswith(other) for index in owners[other])
            for word in owners
        }
        self._pattern = re.compile(_trie(sorted(owners))) if owners else None

    def which(self, text: str) -> list[int]:
        """The indices, in order, of the patterns that may match `text`."""
        found = set(self._always)
        if self._pattern is not None:
            search, at = self._pattern.search, 0
            while match := search(text, at):
                found |= self._found_with[match.group()]
                at = match.start() + 1  # a word may start inside the one just found
        return sorted(found)


def _trie(words: list[str]) -> str:
    """A pattern matching any of `words` (none empty), written as a trie: at each step one branch per next character,
    so a match is found without trying the words one by one, and the longest word that starts there is the match."""
    children: dict[str, list[str]] = {}
    ends = False
    for word in words:
        if word:
            children.setdefault(word[0], []).append(word[1:])
        else:
            ends = True
    if not children:
        return ""
    branches = [re.escape(char) + _trie(rests) for char, rests in sorted(children.items())]
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body
