"""What the concept matcher reads from a clause, in the short forms the concept tests assert on."""

import dataclasses
from pathlib import Path

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


GLOSSARY = Path(__file__).resolve().parents[3] / "docs" / "glossary-zh.md"


def assert_items_labelled_and_in_the_glossary(new_items, glossary_words):
    """Each new list item (`{question: [codes]}`) has an English and a Chinese label, and each new Chinese term a row
    in the glossary the translators keep (needs the database)."""
    questions = ensure_questions()
    for key, codes in new_items.items():
        choices = {choice["code"]: choice for choice in questions[key].choices}
        for code in codes:
            assert choices[code]["label"] and choices[code]["label_zh_hans"], (key, code)
    glossary = GLOSSARY.read_text(encoding="utf-8")
    for words in glossary_words:
        assert words in glossary, words


def drafted(words, kind, own):
    """The drafts on questions an import makes of `words` standing alone in a `kind` list of a trial whose own
    conditions are the concepts `own` (needs the database)."""
    text = f"{kind.capitalize()} Criteria:\n\n* {words}\n"
    [clause] = extraction.split_clauses(text)
    return [d for d in drafts_for(clause, text, ensure_questions(), own_concepts=own) if d.question_id]
