"""What the concept matcher reads from a clause, in the short forms the concept tests assert on."""

import dataclasses

from trials import eligibility
from trials.registry import extraction
from trials.registry.concepts import matching
from trials.registry.drafting import drafts_for
from trials.registry.importing import ensure_questions


def rules(words, kind="exclusion", own=frozenset(), before=""):
    """Each proposal as (question, values, uncertain values, negated): what a reviewer sees drafted."""
    return [(p.question, p.values, p.uncertain, p.negated) for p in matching.proposals(words, kind, before, own)]


def not_ascii_ids(value):
    """A test id for English words; Chinese words get pytest's own numbered id, which every console can show."""
    return value if isinstance(value, str) and value.isascii() else None


def drafted_exclusions(words):
    """The drafts on questions an import makes of `words` standing alone in an exclusion list (needs the database)."""
    text = f"Exclusion Criteria:\n\n* {words}\n"
    [clause] = extraction.split_clauses(text)
    return [d for d in drafts_for(clause, text, ensure_questions()) if d.question_id]


def study_excluding(name, *clauses):
    """A study whose exclusions are `clauses`, each drafted as an import does and approved, as the engine sees it."""
    rules = [
        dataclasses.replace(draft.to_rule(), id=n)
        for n, words in enumerate(clauses)
        for draft in drafted_exclusions(words)
    ]
    return eligibility.TrialRules(name, tuple(rules))
