"""What the concept matcher reads from a clause, in the short forms the concept tests assert on."""

from trials.registry.concepts import matching


def rules(words, kind="exclusion", own=frozenset(), before=""):
    """Each proposal as (question, values, uncertain values, negated): what a reviewer sees drafted."""
    return [(p.question, p.values, p.uncertain, p.negated) for p in matching.proposals(words, kind, before, own)]


def not_ascii_ids(value):
    """A test id for English words; Chinese words get pytest's own numbered id, which every console can show."""
    return value if isinstance(value, str) and value.isascii() else None
