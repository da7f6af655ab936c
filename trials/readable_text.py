"""The registry's words as people read them: a CommonMark escape undone, each run of white space one space.

Pure (re only), so that every layer may show registry text the same way: the extractor's clause splitter, the admin's
review page and the patients' and staff's pages.
"""

from __future__ import annotations

import re

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
