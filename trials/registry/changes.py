"""When the registry changes a trial's eligibility text: which clauses changed, and what their criteria become.

The old and new texts are split into clauses and lined up (difflib over the clauses' words). A clause whose words
are still in the new text is unchanged, wherever it now stands (`drafting.follow_moved_clauses` moves it). Of the
rest, an old clause lined up with a new clause whose words are mostly the same is *changed*; one with nothing
like it in the new text is *gone*. Then (docs/decisions/0042-when-the-registry-changes-a-trial-s-eligibility-text.md):

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
from trials.registry.concepts.matching import concepts_named

SAME_CLAUSE_RATIO = 0.5  # words at least this alike (difflib's ratio): the same clause, reworded
LARGEST_BLOCK = 60  # clauses compared pairwise within one changed block at most (beyond: in order)


def line_up(old_text: str, new_text: str) -> tuple[list[extraction.Clause], dict[int, extraction.Clause | None]]:
    """(the old text's clauses, {index of an old clause that changed: the new clause it became, or None if gone})."""
    old_clauses = extraction.split_clauses(old_text)
    old = [old_text[c.start : c.end] for c in old_clauses]
    new_clauses = extraction.split_clauses(new_text)
    new = [new_text[c.start : c.end] for c in new_clauses]
    present, before = set(new), set(old)
    fate: dict[int, extraction.Clause | None] = {}
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        candidates = [j for j in range(j1, j2) if new[j] not in before] if tag == "replace" else []
        for offset, i in enumerate(range(i1, i2)):
            if old[i] in present:
                continue  # moved, not changed
            pool = candidates if len(candidates) <= LARGEST_BLOCK else candidates[offset : offset + 1]
            best, ratio = None, 0.0
            for j in pool:
                alike = SequenceMatcher(None, old[i], new[j], autojunk=False).ratio()
                if alike > ratio:
                    best, ratio = j, alike
            fate[i] = new_clauses[best] if best is not None and ratio >= SAME_CLAUSE_RATIO else None
    return old_clauses, fate


def review_changed_clauses(trial: Trial, old_text: str, questions: dict[str, Question]) -> tuple[int, int]:
    """Mark for review the criteria of the clauses the registry changed, retire those of clauses it removed, and
    draft the changed clauses again. Returns (criteria marked for review, criteria retired)."""
    new_text = trial.eligibility_text
    if not old_text or old_text == new_text:
        return 0, 0
    old_clauses, fate = line_up(old_text, new_text)
    if not fate:
        return 0, 0
    marked = retired = 0
    redraft: dict[tuple[int, int], extraction.Clause] = {}
    criteria = trial.criteria.exclude(clause_start=None).exclude(origin=Criterion.Origin.IMPORT)
    for criterion in criteria.select_related("question"):
        if old_text[criterion.clause_start : criterion.clause_end] != criterion.clause_text:
            continue  # not where it says in the old text: drafting.follow_moved_clauses deals with it
        index = _clause_at(old_clauses, criterion.clause_start, criterion.clause_end)
        if index not in fate:
            continue  # its clause is unchanged (perhaps moved)
        words = old_text[old_clauses[index].start : old_clauses[index].end]
        clause = fate[index]
        untouched_draft = criterion.status == Criterion.Status.DRAFT and criterion.origin == Criterion.Origin.EXTRACTED
        if untouched_draft:
            criterion.delete()
            if clause is not None:
                redraft[(clause.start, clause.end)] = clause
            continue
        criterion.previous_clause_text = words
        if clause is not None and criterion.status != Criterion.Status.REJECTED:
            redraft[(clause.start, clause.end)] = clause
            criterion.clause_start, criterion.clause_end = clause.start, clause.end
            criterion.clause_text = new_text[clause.start : clause.end]
            marked += criterion.status == Criterion.Status.APPROVED
            criterion.status = Criterion.Status.DRAFT  # marked for review: no longer screens until approved
        else:
            criterion.clause_start = criterion.clause_end = None
            if clause is None and criterion.status != Criterion.Status.REJECTED:
                retired += criterion.status == Criterion.Status.APPROVED
                criterion.status = Criterion.Status.REJECTED  # retired: the registry no longer states it
            elif clause is not None:
                redraft[(clause.start, clause.end)] = clause
        criterion.save()
    drafts = []
    index_of = {c.start: i for i, c in enumerate(extraction.split_clauses(new_text))} if redraft else {}
    own = concepts_named([c for c in trial.conditions if isinstance(c, str)])
    for (start, _end), clause in sorted(redraft.items()):
        for criterion in drafting.drafts_for(clause, new_text, questions, own_concepts=own):
            criterion.trial = trial
            criterion.order = 100 + index_of.get(start, 0)
            drafts.append(criterion)
    if drafts:
        bulk_create_with_history(drafts, Criterion)
    return marked, retired


def _clause_at(clauses: list[extraction.Clause], start: int, end: int) -> int | None:
    """The index of the clause that holds most of [start, end), or None."""
    best, most = None, 0
    for index, clause in enumerate(clauses):
        overlap = min(end, clause.end) - max(start, clause.start)
        if overlap > most:
            best, most = index, overlap
    return best
