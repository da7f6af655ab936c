"""When the registry changes a trial's eligibility text: which clauses changed, and what their criteria become.

The old and new texts are split into clauses and lined up (difflib over the clauses' words). A clause whose words
are still in the new text is unchanged, wherever it now stands (`drafting.follow_moved_clauses` moves it). Of the
rest, an old clause lined up with a new clause whose words are mostly the same is *changed*; one with nothing
like it in the new text is *gone*. Then (docs/decisions/new-changed-texts.md):

- a changed clause's approved (and edited) criteria are marked for review: back to "to review", tied to the new
  clause, keeping the old words (`previous_clause_text`) so the review page shows old and new side by side; the
  extractor drafts the new clause again beside them; its untouched drafts are dropped.
- a gone clause's approved criteria are retired (rejected, kept for the record with the old words): the registry
  no longer states them. Its untouched drafts are dropped.
- rejected criteria stay rejected and are untied from the clause.
- the registry's own age and sex limits are not touched here: the import replaces them from the registry's fields.

Meanwhile the trial screens on its approved criteria of the unchanged clauses (and the registry's limits); the
criteria of changed clauses take part again once an admin approves them. Every status change is saved one by one
so the trial's criteria version moves and open referrals are judged again (`trials.signals`).
"""

from __future__ import annotations

from difflib import SequenceMatcher

from simple_history.utils import bulk_create_with_history

from trials.models import Criterion, Question, Trial
from trials.registry import drafting, extraction

SAME_CLAUSE_RATIO = 0.5  # words at least this alike (difflib's ratio): the same clause, reworded
LARGEST_BLOCK = 60  # clauses compared pairwise within one changed block at most (beyond: in order)


def line_up(old_text: str, new_text: str) -> tuple[dict[str, extraction.Clause], set[str]]:
    """({old clause words: the new clause it became}, {old clause words that are gone})."""
    old = [old_text[c.start : c.end] for c in extraction.split_clauses(old_text)]
    new_clauses = extraction.split_clauses(new_text)
    new = [new_text[c.start : c.end] for c in new_clauses]
    present = set(new)
    changed: dict[str, extraction.Clause] = {}
    gone: set[str] = set()
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        candidates = list(range(j1, j2)) if tag == "replace" else []
        for offset, i in enumerate(range(i1, i2)):
            words = old[i]
            if words in present:
                continue  # moved, not changed
            if len(candidates) > LARGEST_BLOCK:
                pool = [candidates[min(offset, len(candidates) - 1)]]
            else:
                pool = candidates
            best, ratio = None, 0.0
            for j in pool:
                if new[j] in old:
                    continue  # an old clause that moved here, not this one reworded
                alike = SequenceMatcher(None, words, new[j], autojunk=False).ratio()
                if alike > ratio:
                    best, ratio = j, alike
            if best is not None and ratio >= SAME_CLAUSE_RATIO:
                changed[words] = new_clauses[best]
            else:
                gone.add(words)
    return changed, gone


def review_changed_clauses(trial: Trial, old_text: str, questions: dict[str, Question]) -> tuple[int, int]:
    """Mark for review the criteria of the clauses the registry changed, retire those of clauses it removed, and
    draft the changed clauses again. Returns (criteria marked for review, criteria retired)."""
    new_text = trial.eligibility_text
    if not old_text or old_text == new_text:
        return 0, 0
    changed, gone = line_up(old_text, new_text)
    if not changed and not gone:
        return 0, 0
    marked = retired = 0
    redraft: dict[tuple[int, int], extraction.Clause] = {}
    criteria = trial.criteria.exclude(clause_start=None).exclude(origin=Criterion.Origin.IMPORT)
    for criterion in criteria.select_related("question"):
        words = criterion.clause_text
        untouched_draft = criterion.status == Criterion.Status.DRAFT and criterion.origin == Criterion.Origin.EXTRACTED
        if words in changed:
            clause = changed[words]
            redraft[(clause.start, clause.end)] = clause
            if untouched_draft:
                criterion.delete()
                continue
            criterion.previous_clause_text = words
            if criterion.status == Criterion.Status.REJECTED:
                criterion.clause_start = criterion.clause_end = None
            else:
                criterion.clause_start, criterion.clause_end = clause.start, clause.end
                criterion.clause_text = new_text[clause.start : clause.end]
                marked += criterion.status == Criterion.Status.APPROVED
                criterion.status = Criterion.Status.DRAFT
            criterion.save()
        elif words in gone:
            if untouched_draft:
                criterion.delete()
                continue
            criterion.previous_clause_text = words
            criterion.clause_start = criterion.clause_end = None
            if criterion.status != Criterion.Status.REJECTED:
                retired += criterion.status == Criterion.Status.APPROVED
                criterion.status = Criterion.Status.REJECTED
            criterion.save()
    drafts = []
    index_of = {c.start: i for i, c in enumerate(extraction.split_clauses(new_text))} if redraft else {}
    for (start, _end), clause in sorted(redraft.items()):
        for criterion in drafting.drafts_for(clause, new_text, questions):
            criterion.trial = trial
            criterion.order = 100 + index_of.get(start, 0)
            drafts.append(criterion)
    if drafts:
        bulk_create_with_history(drafts, Criterion)
    return marked, retired
