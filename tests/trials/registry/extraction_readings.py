"""What the extraction tests read from the extractor: the named bounds, windows and durations of a text or a clause."""

from decimal import Decimal

from trials.registry.extraction import Clause, extract, propose, split_clauses

D = Decimal
NOT_SCORED = ("sex", "diagnoses")


def found(text, kind="inclusion", variable=None):
    """The proposals of one clause standing in the given list."""
    proposals = propose(Clause(kind=kind, text=text, start=0, end=len(text)), text)
    return [p for p in proposals if p.variable not in NOT_SCORED and (variable is None or p.variable == variable)]


def proposals(text, variable=None):
    """The proposals of a whole text, of one variable or of all."""
    return [p for p in extract(text) if p.variable not in NOT_SCORED and (variable is None or p.variable == variable)]


def bounds(text, variable):
    """(kind, lower, lower inclusive, upper, upper inclusive) of a whole text's bounds on one variable."""
    return [(p.kind, p.lower, p.lower_inclusive, p.upper, p.upper_inclusive) for p in proposals(text, variable)]


def windows(text):
    """(kind, upper, upper inclusive, unit) of a whole text's windows."""
    return [(p.kind, p.upper, p.upper_inclusive, p.unit) for p in proposals(text, "window")]


def durations(text):
    """(kind, lower, lower inclusive, unit) of a whole text's durations."""
    return [(p.kind, p.lower, p.lower_inclusive, p.unit) for p in proposals(text, "duration")]


def named(text):
    """(kind, variable, lower, lower inclusive, upper, upper inclusive) of every named bound of a whole text."""
    return [
        (p.kind, p.variable, p.lower, p.lower_inclusive, p.upper, p.upper_inclusive)
        for p in extract(text)
        if p.variable not in (*NOT_SCORED, "window", "duration")
    ]


def timed(text):
    """(kind, variable, lower, upper, unit) of every window and duration of a whole text."""
    return [
        (p.kind, p.variable, p.lower if p.variable == "duration" else p.upper, p.unit)
        for p in extract(text)
        if p.variable in ("window", "duration")
    ]


def kinds(text):
    """The list (inclusion or exclusion) of each clause of a text, with its words."""
    return [(c.kind, c.text) for c in split_clauses(text)]


def quotes_are_exact(text):
    return all(p.quote in text for p in extract(text) if p.quote)


def inclusion(item):
    """`item` as the one item of a registry text's inclusion list, as the API lays it out."""
    return "Inclusion Criteria:\n\n  -  " + item + "\n"


def exclusion(item):
    """`item` as the one item of a registry text's exclusion list."""
    return "Exclusion Criteria:\n\n  -  " + item + "\n"
