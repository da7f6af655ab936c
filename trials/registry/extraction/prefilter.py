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

_MIN_WORD = 2  # a single character is found nearly everywhere: it filters nothing
_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}


def _sequence(items) -> frozenset[str] | None:
    """The best set of required words of a sequence of parsed items: a run of literal characters (zero-width
    assertions do not break it) or a required group's own set, whichever has the longest shortest word."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def close_run() -> None:
        if len(run) >= _MIN_WORD:
            candidates.append(frozenset(["".join(run)]))
        run.clear()

    for op, arg in items:
        if op is _c.LITERAL:
            run.append(chr(arg))
            continue
        if op in _ZERO_WIDTH:
            continue
        close_run()
        found = _item(op, arg)
        if found is not None:
            candidates.append(found)
    close_run()
    if not candidates:
        return None
    return max(candidates, key=lambda words: (min(len(w) for w in words), -len(words)))


def _item(op, arg) -> frozenset[str] | None:
    if op is _c.SUBPATTERN:
        return _sequence(arg[-1])
    if op is _c.BRANCH:
        union: set[str] = set()
        for alternative in arg[1]:
            found = _sequence(alternative)
            if found is None:
                return None  # one alternative needs no word: the pattern may match without any
            union |= found
        return frozenset(union)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, body = arg
        return _sequence(body) if low >= 1 else None
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


def may_match(words: tuple[str, ...] | None, text: str) -> bool:
    """False only when the pattern whose required words these are cannot match `text`."""
    return words is None or any(word in text for word in words)
