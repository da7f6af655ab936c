"""The concept matcher's proposals as draft criteria, and a clause's class (screening or procedural).

`drafting.drafts_for` calls `concept_drafts` for a clause where the numeric extractor proposed nothing usable:
each concept proposal becomes a draft choice rule (or a days-since bound) with the concept, its polarity and the
words it came from kept in the draft's `proposal`, for an admin to approve or reject like any other draft.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from trials.models import Criterion, Question
from trials.registry.concepts import matching

PROCEDURAL = Criterion.PROCEDURAL


def clause_class(words: str) -> str:
    return matching.clause_class(words)


def procedural_proposal(words: str) -> dict:
    """{"procedural": class} for a procedural clause (consent, willingness, …), else {}."""
    found = matching.clause_class(words)
    return {} if found == "screening" else {PROCEDURAL: found}


def concept_drafts(
    kind: str,
    words: str,
    questions: dict[str, Question],
    timed: bool = False,
    own: frozenset[str] = frozenset(),
    before: str = "",
) -> list[Criterion]:
    """Unsaved draft criteria (without trial or clause) for the concepts a clause's words name. `timed`: the
    numeric extractor read a time window here that no question asks about, so only concepts read with a time
    become drafts ("cancer in the last 5 years"); "treated with beta-blockers in the month before" does not.
    `own`: the concepts the trial's own conditions name (`matching.concepts_named`). `before`: the text before the
    clause, whose group sub-headings and headings of alternatives leave it to the study team."""
    drafts = []
    for proposal in matching.proposals(words, kind, before, own):
        if timed and not proposal.timed:
            continue
        criterion = _criterion(proposal, questions.get(proposal.question), own)
        if criterion is not None:
            drafts.append(criterion)
    return drafts


def _name(concept, language: str) -> str:
    names = getattr(concept, language) or concept.en
    return names[0] if names else concept.key.replace("_", " ")


def _criterion(
    proposal: matching.ConceptProposal, question: Question | None, own: frozenset[str] = frozenset()
) -> Criterion | None:
    if question is None:
        return None
    kind, values = proposal.kind, list(proposal.values)
    data = proposal.as_json()
    concepts = matching.by_key()
    # the concepts' names as people read them, per language, for the admin's review page (never the keys)
    # (a concept with no name in a language, as some have no Chinese synonym, shows its English one there)
    data["names"] = {
        language: [_name(concepts[key], language) for key in proposal.concepts if key in concepts]
        for language in ("en", "zh")
    }
    criterion = Criterion(
        kind=kind,
        question=question,
        quote=proposal.quote,
        confidence=proposal.confidence,
        status=Criterion.Status.DRAFT,
        origin=Criterion.Origin.EXTRACTED,
    )
    if question.kind == Question.Kind.NUMBER:
        if values or (proposal.lower is None and proposal.upper is None):
            return None
        criterion.min_value, criterion.max_value = proposal.lower, proposal.upper
        criterion.min_inclusive = True if proposal.lower_inclusive is None else proposal.lower_inclusive
        criterion.max_inclusive = True if proposal.upper_inclusive is None else proposal.upper_inclusive
    else:
        codes = question.choice_codes()
        values = [code for code in values if code in codes]
        # answers only the study team can judge: "severe heart failure", "active cancer", "cancer within 2 years"
        uncertain = [code for code in proposal.uncertain if code in codes and code not in values]
        if not values and not uncertain:
            return None
        flipped = False  # "No prior diagnosis of lung cancer" in an inclusion: an exclusion of the items
        stated = None  # a negated yes/no or single-choice clause: the answers it names (values, uncertain)
        if proposal.negated:
            if question.kind == Question.Kind.MULTIPLE:
                flipped = True
                # "No history of HIV" in an inclusion list: a multiple-choice answer may hold several items, so
                # "none of HIV" is the other list's rule on the same items (the list the text states is kept).
                kind = "exclusion" if kind == "inclusion" else "inclusion"
            else:  # yes/no and single choice: the other answers
                stated = (values, uncertain)  # the answers the clause names, before its negation
                values = [code for code in codes if code not in values and code not in uncertain]
        if question.kind != Question.Kind.MULTIPLE and set(codes) <= set(values):
            return None  # every answer ("pregnant … negative pregnancy test" read as yes and no): says nothing
        related = matching.lexicon()["other_than"]["related"]  # an IPF trial studies an ILD too
        kin = own.union(*(related.get(key, ()) for key in own))
        # a flipped rule is protected only for an illness: "no prior thoracic radiotherapy" in a trial that gives it
        # is an earlier course, which the trial may well bar
        illness = all(concepts[key].cls == "condition" for key in proposal.concepts if key in concepts)
        excludes = kind == "exclusion" and (not proposal.negated or (flipped and illness))
        if excludes and kin.intersection(proposal.concepts):
            # A trial does not exclude the condition it studies: an exclusion that names it is about a kind or a
            # moment of it ("right hemisphere stroke" in a trial of left-hemisphere stroke, "PAH of group I
            # subgroups" in a PAH trial; "no prior diagnosis of lung cancer" in a lung cancer trial: an earlier one), which
            # only the study team can judge. A "yes" never closes the trial.
            uncertain, values = [*values, *(code for code in uncertain if code not in values)], []
            data["own_condition"] = True
        elif excludes and set(values) & _own_codes(own, question.key):
            # "neurological disease other than PD" in a Parkinson's trial: its patients tick the item PD is
            # part of, which the exclusion names under a broader word; only the study team can judge it
            mine = _own_codes(own, question.key)
            uncertain = [*uncertain, *(code for code in values if code in mine and code not in uncertain)]
            values = [code for code in values if code not in mine]
            data["own_condition"] = True
        elif flipped and kind == "inclusion" and not kin.intersection(proposal.concepts):
            # "No insomnia", "Patients must not be taking vitamin A supplements" in an EXCLUSION list: read literally
            # a requirement of the item, which closes the trial to nearly every patient. Unless the item is the
            # trial's own ("No OSA (AHI <5/h)" in an OSA trial's exclusions: its patients have it), the author wrote
            # the exclusion as "no X" meaning "X excludes"; which of the two only the study team can tell, so the
            # items are an exclusion left to it (decision 0121)
            mine = _own_codes(own, question.key)
            if not set([*values, *uncertain]) & mine:
                kind = "exclusion"
                uncertain, values = [*values, *(code for code in uncertain if code not in values)], []
                data["negated_exclusion"] = True
        elif stated is not None and kind == "exclusion" and not kin.intersection(proposal.concepts):
            # "Not pregnant", "No history of food allergies" in an EXCLUSION list, on a yes/no or single-choice
            # question: read literally the other answers exclude, which closes the trial to every patient without
            # the item. As for a list question above (decision 0121), unless the item is the trial's own the answers
            # the clause names are an exclusion left to the study team, and a patient without them is settled
            named, unsure = stated
            if not set([*named, *unsure]) & _own_codes(own, question.key):
                uncertain, values = [*named, *(code for code in unsure if code not in named)], []
                data["negated_exclusion"] = True
        criterion.uncertain_values = uncertain
        criterion.kind, criterion.values = kind, values
        data["rule_kind"] = kind
    criterion.proposal = data
    return criterion if _valid(criterion) else None


def _own_codes(own: frozenset[str], question: str) -> set[str]:
    """The answer codes of `question` that the trial's own conditions stand for (Parkinson's disease: the
    neurological disease item)."""
    concepts = matching.by_key()
    return {
        code.lstrip("?")
        for key in own
        if key in concepts and concepts[key].question == question
        for code in concepts[key].codes
    }


def _valid(criterion: Criterion) -> bool:
    try:
        criterion.full_clean(exclude=["trial", "source_text", "question"])
    except ValidationError:
        return False
    return True
