"""Draft criteria from a trial's registry text: every clause ends up with at least one criterion to review.

The pure extractor (`trials.registry.extraction`) proposes rules clause by clause; this module turns each
proposal into a draft `Criterion` on the question it names, with the quoted span and the extractor's
confidence. A clause with no usable proposal becomes one draft "for the study team" carrying its words, so no
clause is ever lost. Nothing here approves anything: an admin does, on the trial's review page.

Time windows ("within 4 weeks before screening") become rules on event questions that ask how many days ago
the event last happened (`days_since_*`): one answer serves every trial that asks about the same event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext
from simple_history.utils import bulk_create_with_history

from trials import eligibility
from trials.models import Criterion, Question, TimeUnit, Trial
from trials.registry import ctgov, extraction
from trials.registry.concepts.drafts import concept_drafts, procedural_proposal
from trials.registry.concepts.matching import concepts_named
from trials.time_units import DAYS_PER

# Events named by the extractor (a few free words) → the event question that answers them: the extractor's events
# table (trials/registry/extraction/tables/events.json, "window_questions"; the first row that matches wins).
EVENT_KEYS = extraction.EVENT_QUESTION_KEYS  # the events table's window questions
# A duration ("diagnosed at least 6 months before", "on a stable dose for 8 weeks") is a lower bound on the time
# since what it names began, stopped or changed: the same table's "durations".
DURATION_KEYS = extraction.DURATION_QUESTION_KEYS
# Values measured before or after a bronchodilator. The plain question asks the value before one (or from a test
# without one); a value the text says is after one has its own question, and is never drafted on the plain one.
POST_BRONCHODILATOR = {
    "fev1_fvc_ratio": "fev1_fvc_ratio_post",
    "fev1_pct_pred": "fev1_pct_pred_post",
    "fvc_pct_pred": "fvc_pct_pred_post",
}
QUESTION_KEYS = list(
    dict.fromkeys([*extraction.QUESTION_UNITS, *POST_BRONCHODILATOR.values(), *EVENT_KEYS, *DURATION_KEYS])
)
# Times still to come ("transplant likely in the next year", "expected survival < 12 months") are for the study
# team: no question asks how long ago they were.
FUTURE = re.compile(
    r"\b(?:in|within|during|over) the (?:next|coming|following)\b|\bnext \d|life expectancy|\bexpected\b|"
    r"\bsurviv|\blikely to\b|\bplanned\b|\bscheduled\b|未来|今后|预期|预计|生存期"
)
# How much less sure a draft is when the admin has a choice to make.
UNSURE = 0.7
LONGEST_WINDOW_DAYS = Decimal(3650)  # the event questions' answer for "more than 10 years ago, or never"
# "No exacerbation within 4 weeks" describes being free of the event: the rule is the window's complement.
NEGATED = re.compile(r"(?:\bno\b|\bnot\b|\bwithout\b|\bfree (?:of|from)\b|\babsence of\b|\bnone\b|无|未)[^.;:]{0,40}$")
# Chinese says the time first and the negation after it, inside the window's own words: "1个月内无重大手术"
NEGATED_AFTER_THE_TIME = re.compile(r"(?:内|以内|之内|期间|以来)\s*(?:无|未|没有|不曾|从未)")


def event_question(event: str) -> str | None:
    return extraction.event_question(event)


def duration_question(event: str) -> str | None:
    """The question a duration's event words name ("asthma diagnosed", "stable dose"), or None."""
    return extraction.event_question(event, "duration")


@dataclass
class Proposals:
    """What the extractor makes of one eligibility text: its clauses and each clause's proposals. The slow part of
    drafting, and pure: computed outside any transaction (`propose_all`), then written in a short one."""

    text: str
    clauses: list[extraction.Clause]
    by_clause: dict[tuple[int, int], list[extraction.Proposal]]


def propose_all(text: str) -> Proposals:
    """Split the text and ask the extractor about every clause. No database: hold no lock while this runs."""
    clauses = extraction.split_clauses(text)
    return Proposals(text, clauses, {(c.start, c.end): extraction.propose(c, text) for c in clauses})


def draft_criteria(
    trial: Trial,
    record: ctgov.StudyRecord,
    questions: dict[str, Question],
    created: bool = False,
    proposals: Proposals | None = None,
) -> bool:
    """Draft the criteria of every clause that no criterion covers yet; True when anything changed. `created`
    says the trial is new: it has no criteria to follow to moved clauses, only the registry's limits just made.
    `proposals`, made beforehand by `propose_all` from this very text, spare the extractor's work here."""
    text = trial.eligibility_text
    if proposals is None or proposals.text != text:
        proposals = propose_all(text)
    clauses = proposals.clauses
    changed = False if created else follow_moved_clauses(trial, text, clauses)
    existing = list(trial.criteria.select_related("question"))
    drafts = []
    own = concepts_named(record.conditions + record.mesh_terms)
    for index, clause in enumerate(clauses):
        if _covered(clause, existing):
            continue
        found = proposals.by_clause[(clause.start, clause.end)]
        for criterion in drafts_for(clause, text, questions, existing, found, own):
            criterion.trial = trial
            criterion.order = 100 + index
            drafts.append(criterion)
    changed |= _draft_diagnosis(trial, record, questions, existing + drafts, drafts)
    if drafts:
        # Checked one by one in drafts_for; drafts never take part in matching, so the catalogue need not be
        # rebuilt for them (no save signal), and one INSERT per study keeps a bulk import quick.
        bulk_create_with_history(drafts, Criterion)
        changed = True
    return changed


def follow_moved_clauses(trial: Trial, text: str, split: list[extraction.Clause] | None = None) -> bool:
    """After the registry text changed, move each criterion's clause to where its words now stand. A clause that
    is gone takes its untouched drafts with it; criteria an admin approved, edited or rejected are kept, no
    longer tied to a clause, so the new text's clauses get drafts of their own."""
    changed = False
    clauses: dict[str, list[int]] = {}
    for clause in extraction.split_clauses(text) if split is None else split:
        clauses.setdefault(text[clause.start : clause.end], []).append(clause.start)
    for criterion in trial.criteria.exclude(clause_start=None):
        start, end = criterion.clause_start, criterion.clause_end
        if text[start:end] == criterion.clause_text:
            continue
        if criterion.clause_text in clauses:  # the same clause, elsewhere in the text
            found = min(clauses[criterion.clause_text], key=lambda p: abs(p - start))
        elif criterion.origin == Criterion.Origin.EDITED and criterion.clause_text:
            found = _nearest(text, criterion.clause_text, start)  # hand-written words may span several clauses
        else:
            found = -1
        if found >= 0:
            criterion.clause_start, criterion.clause_end = found, found + len(criterion.clause_text)
            criterion.save(update_fields=["clause_start", "clause_end"])
        elif criterion.status == Criterion.Status.DRAFT and criterion.origin == Criterion.Origin.EXTRACTED:
            criterion.delete()
        else:
            criterion.clause_start = criterion.clause_end = None
            criterion.save(update_fields=["clause_start", "clause_end"])
        changed = True
    return changed


def _nearest(text: str, words: str, near: int) -> int:
    positions, at = [], text.find(words)
    while at >= 0:
        positions.append(at)
        at = text.find(words, at + 1)
    return min(positions, key=lambda p: abs(p - near)) if positions else -1


def _covered(clause: extraction.Clause, criteria: list[Criterion]) -> bool:
    """A clause is covered when a criterion's clause holds (nearly all of) it: hand-written criteria may quote
    the registry without a list's last semicolon, or join several clauses in one."""
    length = max(1, clause.end - clause.start)
    for criterion in criteria:
        if criterion.clause_start is None:
            continue
        overlap = min(clause.end, criterion.clause_end) - max(clause.start, criterion.clause_start)
        if overlap >= 0.8 * length:
            return True
    return False


def drafts_for(
    clause: extraction.Clause,
    original: str,
    questions: dict[str, Question],
    existing: list[Criterion] = (),
    proposals: list[extraction.Proposal] | None = None,
    own_concepts: frozenset[str] = frozenset(),
) -> list[Criterion]:
    """Unsaved draft criteria for one clause: one per usable proposal, and one for the study team when the
    clause has none or some of its proposals cannot become a rule (an event no question asks about).
    `own_concepts`: what the trial's own conditions name; an exclusion naming one is left to the study team."""
    where = {
        "clause_start": clause.start,
        "clause_end": clause.end,
        "clause_text": original[clause.start : clause.end],
        "source_text": clause.text,
    }
    drafts, unmapped, adopted = [], [], False
    excepted: list[tuple[extraction.Proposal, str]] = []  # bounds inside the clause's exception, with its words
    spans = extraction.exception_spans(where["clause_text"], clause.kind)
    for proposal in extraction.propose(clause, original) if proposals is None else proposals:
        exception = extraction.excepted(proposal.quote, where["clause_text"], spans)
        if exception:  # "antihistamines unless stable ≥ 2 months": who is let in; as the rule it means the opposite
            excepted.append((proposal, exception))
            continue
        criterion = criterion_for(proposal, clause, original, questions)
        if criterion is None:
            unmapped.append(proposal)
            continue
        twin = _approved_twin(criterion, existing)
        if twin is not None:  # the registry's own age limit, already approved: it now covers this clause too
            twin.clause_start, twin.clause_end, twin.clause_text = clause.start, clause.end, where["clause_text"]
            twin.save(update_fields=["clause_start", "clause_end", "clause_text"])
            adopted = True
            continue
        _against_registry_age(criterion, existing)
        for name, value in where.items():
            setattr(criterion, name, value)
        drafts.append(criterion)
    if not (drafts or adopted):  # nothing numeric: the conditions, medicines, procedures and states it names
        # only a concept read with its time
        timed = any(p.variable in ("window", "duration") for p in [*unmapped, *(p for p, _ in excepted)])
        drafts = concept_drafts(
            clause.kind, where["clause_text"], questions, timed, own_concepts, before=original[: clause.start]
        )
        unmapped = [] if drafts else unmapped
        for criterion in drafts:
            for name, value in where.items():
                setattr(criterion, name, value)
    if excepted:
        _without_the_exception(drafts, excepted[0][1])
    dropped = _not_named(drafts, where["clause_text"])
    if dropped:  # "asthma, allergic rhinitis or atopy" read as asthma only: the rest stays with the study team
        drafts.append(_rest_for_the_study_team(clause.kind, dropped, where))
    if unmapped or excepted or not (drafts or adopted):
        team = Criterion(
            kind=clause.kind,
            quote=unmapped[0].quote if unmapped else (excepted[0][0].quote if excepted else ""),
            proposal=({"unmapped": [p.as_json() for p in unmapped]} if unmapped else {})
            | ({"excepted": [p.as_json() | {"exception": words} for p, words in excepted]} if excepted else {})
            | procedural_proposal(where["clause_text"]),
            status=Criterion.Status.DRAFT,
            origin=Criterion.Origin.EXTRACTED,
            **where,
        )
        if excepted:
            team.staff_note = gettext(
                "A bound in this clause's exception (“%(exception)s”) says who is let in, not who the rule is "
                "about: drafted as a rule it would mean the opposite, and one rule cannot say “only when both "
                "hold”. Left to the study team."
            ) % {"exception": excepted[0][1][:200]}
        drafts.append(team)
    if not clause.kind_certain:  # the list was read from the layout alone: the admin checks it
        note = (
            gettext(
                "The registry's text has no heading over this list: it was read as an exclusion from its place. "
                "Check whether it is an inclusion or an exclusion."
            )
            if clause.kind == "exclusion"
            else gettext(
                "The registry's text has no heading over this list: it was read as an inclusion from its place. "
                "Check whether it is an inclusion or an exclusion."
            )
        )
        for criterion in drafts:
            _doubt(criterion, note)
    return drafts


def _not_named(drafts: list[Criterion], words: str) -> list[str]:
    """The items of the clause's list that none of its drafts was read from, when every draft is a choice among
    named answers (conditions, medicines, states); a clause with a bound on a number is no list of names."""
    on_questions = [c for c in drafts if c.question_id]
    if not on_questions or any(not (c.values or c.uncertain_values) for c in on_questions):
        return []
    named = [w for c in on_questions for w in [*(c.proposal or {}).get("words", []), c.quote] if w]
    return extraction.items_not_named(words, named) if named else []


def _rest_for_the_study_team(kind: str, dropped: list[str], where: dict) -> Criterion:
    rest = "; ".join(" ".join(item.split()) for item in dropped)[:300]
    return Criterion(
        kind=kind,
        quote="",
        proposal={"not_read": dropped},
        staff_note=gettext(
            "The drafts on questions cover only part of this clause. Not read, left to the study team: %(rest)s."
        )
        % {"rest": rest},
        status=Criterion.Status.DRAFT,
        origin=Criterion.Origin.EXTRACTED,
        **where,
    )


def _without_the_exception(drafts: list[Criterion], exception: str) -> None:
    """The clause's other drafts do not carry its exception: each says so, and is too unsure for "approve all"."""
    note = gettext(
        "This clause lets some patients in by an exception (“%(exception)s”) that this rule does not carry: "
        "approve it only if the exception changes nothing for the patients it asks."
    ) % {"exception": exception[:200]}
    for criterion in drafts:
        if criterion.question_id:
            _doubt(criterion, note)


def _against_registry_age(criterion: Criterion, existing) -> None:
    """An age read from the text that the registry's own age limit (approved at import) does not say: "aged > 40"
    beside a minimum age of 40, both ends included. Both approved, the stricter decides; the draft says so and
    is too unsure for "approve all", for the admin to decide which one the study means."""
    if criterion.question_id is None or criterion.question.key != "age":
        return
    registry = [
        c
        for c in existing
        if c.status == Criterion.Status.APPROVED
        and c.origin == Criterion.Origin.IMPORT
        and c.question_id == criterion.question_id
        and c.kind == Criterion.Kind.INCLUSION
    ]
    if not registry or criterion.kind != Criterion.Kind.INCLUSION:
        return
    mine = _bounds(criterion)
    theirs = [_bounds(c) for c in registry]
    # a text's bound that a registry limit also sets, at another value or inclusivity: they disagree
    if not any(_disagree(mine, other) for other in theirs):
        return
    note = gettext(
        "The registry's own age limit, already approved, says %(registry)s; this clause says %(text)s. With both "
        "approved the stricter one decides: keep the one the study means and reject the other."
    ) % {"registry": registry[0].rule_in_words(), "text": criterion.rule_in_words()}
    _doubt(criterion, note)
    criterion.proposal = {**(criterion.proposal or {}), "registry_age_differs": True}


def _doubt(criterion: Criterion, note: str) -> None:
    """A draft an admin must look at twice: too unsure for "approve all", with the reason in its note."""
    criterion.confidence = round(min(criterion.confidence or 0, 1) * UNSURE, 2)
    criterion.staff_note = " ".join(filter(None, [criterion.staff_note, note]))


def _bounds(criterion: Criterion) -> tuple:
    def number(value):
        return None if value is None else Decimal(value).normalize()

    low = None if criterion.min_value is None else (number(criterion.min_value), bool(criterion.min_inclusive))
    high = None if criterion.max_value is None else (number(criterion.max_value), bool(criterion.max_inclusive))
    return low, high


def _disagree(mine: tuple, theirs: tuple) -> bool:
    return any(a is not None and b is not None and a != b for a, b in zip(mine, theirs, strict=True))


def _approved_twin(criterion: Criterion, existing) -> Criterion | None:
    key = _rule_key(criterion)
    return next(
        (
            c
            for c in existing
            if c.status == Criterion.Status.APPROVED and c.clause_start is None and c.pk and _rule_key(c) == key
        ),
        None,
    )


def _rule_key(criterion: Criterion) -> tuple:
    def number(value):
        return None if value is None else Decimal(value).normalize()

    return (
        criterion.kind,
        criterion.question_id,
        number(criterion.min_value),
        criterion.min_inclusive if criterion.min_value is not None else None,
        number(criterion.max_value),
        criterion.max_inclusive if criterion.max_value is not None else None,
        criterion.time_unit,
        tuple(sorted(criterion.values or [])),
    )


def criterion_for(
    proposal: extraction.Proposal, clause: extraction.Clause, original: str, questions: dict[str, Question]
) -> Criterion | None:
    """The draft criterion a proposal stands for (unsaved, without its clause), or None when it cannot be a rule."""
    if proposal.variable in ("window", "duration"):
        criterion = _time_criterion(proposal, clause, original, questions)
        return _with_choices(criterion, proposal)
    variable, notes = proposal.variable, []
    plain = next((pre for pre, post in POST_BRONCHODILATOR.items() if post == variable), variable)
    side = "post" if plain != variable else getattr(proposal, "bronchodilator", None)
    if plain in POST_BRONCHODILATOR:
        if side == "post":
            variable = POST_BRONCHODILATOR[plain]
        else:
            variable = plain
            if side != "pre":
                notes.append(
                    gettext(
                        "The text does not say before or after a bronchodilator: this rule asks the value before "
                        "one. If the study means after, put it on the “after a bronchodilator” question."
                    )
                )
    banded = extraction.BANDED.get(variable)  # "Karnofsky ≥ 70": the ECOG answers whose band lies inside it
    question = questions.get(banded[0] if banded else variable)
    if question is None:
        return None
    criterion = Criterion(
        kind=proposal.kind,
        question=question,
        quote=proposal.quote,
        confidence=proposal.confidence,
        proposal=proposal.as_json(),
        status=Criterion.Status.DRAFT,
        origin=Criterion.Origin.EXTRACTED,
    )
    if plain in POST_BRONCHODILATOR:
        criterion.proposal["bronchodilator"] = side
    if notes:
        criterion.confidence = round(criterion.confidence * UNSURE, 2)
        criterion.staff_note = " ".join(notes)
    if banded:
        codes = _banded_codes(question, proposal, banded[1])
        if not codes:
            return None
        criterion.values = codes
        criterion.confidence = round(criterion.confidence * UNSURE, 2)
        criterion.staff_note = gettext(
            "Read from the Karnofsky score by its usual match to ECOG (Karnofsky 90–100 is ECOG 0, 70–80 is 1, "
            "50–60 is 2, 30–40 is 3, 10–20 is 4): check it before approving."
        )
    elif question.is_choice:
        codes = [code for code in proposal.values if code in question.choice_codes()]
        if not codes and proposal.unit == extraction.QUESTION_UNITS.get(variable):
            codes = _scored_codes(question, proposal)  # "ECOG 0-1": the answers scored 0 and 1
        if not codes:
            return None
        criterion.values = codes
    else:
        unit = extraction.QUESTION_UNITS.get(proposal.variable) or extraction.QUESTION_UNITS.get(plain)
        if proposal.unit != unit or (proposal.lower is None and proposal.upper is None):
            return None
        _set_bounds(criterion, proposal.lower, proposal.lower_inclusive, proposal.upper, proposal.upper_inclusive)
    return _with_choices(criterion if _valid(criterion) else None, proposal)


def _scored_codes(question: Question, proposal) -> list[str]:
    """The answers of a question whose codes are the scores of a scale ("0" to "4") that a numeric bound allows; none
    when a code is no whole number."""
    codes = question.choice_codes()
    if not codes or not all(re.fullmatch(r"\d{1,2}", code) for code in codes):
        return []
    if proposal.lower is None and proposal.upper is None:
        return []

    allowed = eligibility.NumberRule(proposal.lower, proposal.lower_inclusive, proposal.upper, proposal.upper_inclusive)
    chosen = [code for code in codes if allowed.test(Decimal(code))]
    return chosen if 0 < len(chosen) < len(codes) else []


def _banded_codes(question: Question, proposal, bands: dict[str, tuple[float, float]]) -> list[str]:
    """The answers whose band of the proposal's scale lies wholly inside its bound ("Karnofsky ≥ 70": ECOG 0 and 1);
    none when the bound cuts a band ("Karnofsky ≥ 60" holds for some ECOG 2 patients and not others), when it allows
    every answer or none."""

    def allowed(value: Decimal) -> bool:
        if proposal.lower is not None and (
            value < proposal.lower or (value == proposal.lower and not proposal.lower_inclusive)
        ):
            return False
        return (
            proposal.upper is None or value < proposal.upper or (value == proposal.upper and proposal.upper_inclusive)
        )

    if proposal.lower is None and proposal.upper is None:
        return []
    chosen = []
    for code in question.choice_codes():
        if code not in bands:
            return []
        low, high = (Decimal(str(v)) for v in bands[code])
        inside = allowed(low), allowed(high)
        cut = any(bound is not None and low < bound < high for bound in (proposal.lower, proposal.upper))
        if inside[0] != inside[1] or cut:
            return []
        if all(inside):
            chosen.append(code)
    return chosen if 0 < len(chosen) < len(question.choice_codes()) else []


def _with_choices(criterion: Criterion | None, proposal) -> Criterion | None:
    """The draft, less sure and with a note for the admin, when the proposal holds for a subgroup only ("part B
    (asthma): 18–65 years") or is one of alternatives in its clause ("DLCO or FVC below 80%")."""
    if criterion is None:
        return None
    notes = []
    qualifier = str(getattr(proposal, "qualifier", "") or "").strip()[:200]
    if qualifier:
        notes.append(
            gettext("For a subgroup only: %(subgroup)s. Decide whether it applies to everyone.")
            % {"subgroup": qualifier}
        )
        criterion.proposal["qualifier"] = qualifier
    if getattr(proposal, "alternative", False) is True:
        notes.append(
            gettext(
                "One of alternatives in this clause: a patient may need to meet only one of them. Decide which "
                "rules to keep."
            )
        )
        criterion.proposal["alternative"] = True
    if notes:
        criterion.confidence = round((criterion.confidence or 0) * UNSURE, 2)
        criterion.staff_note = " ".join(filter(None, [criterion.staff_note, *notes]))
    return criterion


def _time_criterion(proposal, clause, original, questions) -> Criterion | None:
    """A window ("within 4 weeks before screening": how long ago the event last happened) or a duration
    ("diagnosed at least 6 months ago": a lower bound on the time since it began, stopped or changed)."""
    words = f"{proposal.event} {proposal.quote}".lower()
    if FUTURE.search(words):
        return None
    duration = proposal.variable == "duration"
    key = duration_question(proposal.event) if duration else event_question(proposal.event)
    question = questions.get(key) if key else None
    if question is None:
        return None
    # Days and weeks are whole days; months and years stay calendar months and years on the criterion
    # (`time_unit`), so the rule and its words agree: "≤ 12 months" is never 360 days.
    if proposal.unit in TimeUnit.values:
        time_unit, per = proposal.unit, Decimal(1)
    elif proposal.unit in DAYS_PER:
        time_unit, per = "", Decimal(DAYS_PER[proposal.unit])
    else:
        return None
    lower = None if proposal.lower is None else proposal.lower * per
    upper = None if proposal.upper is None else proposal.upper * per
    for bound in (lower, upper):
        days = bound if bound is None or not time_unit else eligibility.window_days(bound, time_unit)
        if days is not None and days >= LONGEST_WINDOW_DAYS:
            return None  # "10 years or more, or never" is one answer: such a window cannot tell them apart
    lower_inclusive, upper_inclusive = proposal.lower_inclusive, proposal.upper_inclusive
    confidence = proposal.confidence
    # Only inclusion lists say "no exacerbation within 4 weeks"; in an exclusion list a "not" nearby belongs to
    # another part of the clause far more often than it negates the window. A duration is never negated.
    if not duration and proposal.kind == "inclusion" and _negated(proposal.quote, clause, original):
        confidence = round(confidence * 0.8, 2)
        if lower is not None and upper is not None:
            return None
        if upper is not None:  # free of the event for the last N days: it was more than N days ago
            lower, lower_inclusive, upper, upper_inclusive = upper, not upper_inclusive, None, None
        else:
            lower, lower_inclusive, upper, upper_inclusive = None, None, lower, not lower_inclusive
    criterion = Criterion(
        kind=proposal.kind,
        question=question,
        quote=proposal.quote,
        confidence=confidence,
        proposal=proposal.as_json(),
        status=Criterion.Status.DRAFT,
        origin=Criterion.Origin.EXTRACTED,
    )
    _set_bounds(criterion, lower, lower_inclusive, upper, upper_inclusive)
    criterion.time_unit = time_unit
    return criterion if _valid(criterion) else None


def _negated(quote: str, clause: extraction.Clause, original: str) -> bool:
    if extraction.washout_row(clause, original):
        return True  # "not using the medications listed below for the specified times:" / "Oral steroids for 4 weeks;"
    span = original[clause.start : clause.end]
    at = span.find(quote) if quote else -1
    if at < 0:
        return False
    if NEGATED_AFTER_THE_TIME.search(span[at : at + len(quote) + 3]):
        return True
    return bool(NEGATED.search(span[max(0, at - 60) : at].lower()))


def _set_bounds(criterion: Criterion, lower, lower_inclusive, upper, upper_inclusive) -> None:
    criterion.min_value = lower
    criterion.min_inclusive = True if lower_inclusive is None else bool(lower_inclusive)
    criterion.max_value = upper
    criterion.max_inclusive = True if upper_inclusive is None else bool(upper_inclusive)


def _valid(criterion: Criterion) -> bool:
    try:
        # The question is one of `questions`, read from the database: checking that it exists would cost a query
        # per draft for nothing. Its rule is still checked against it (`Criterion.clean`).
        criterion.full_clean(exclude=["trial", "source_text", "question"])
    except Exception:  # a proposal that makes no sense as a rule is left for the study team
        return False
    return True


def _draft_diagnosis(
    trial: Trial, record: ctgov.StudyRecord, questions, existing: list[Criterion], new: list[Criterion]
) -> bool:
    """The record's conditions and MeSH terms as a draft inclusion on the diagnoses question, unless an admin has
    already decided the diagnoses this trial takes. A new draft is added to `new`, for the caller to write."""
    question = questions.get("diagnoses")
    codes = [
        c
        for c in extraction.diagnosis_codes(record.conditions, record.mesh_terms)
        if question and c in question.choice_codes()
    ]
    if not codes:
        return False
    on_diagnoses = [c for c in existing if c.question_id == question.pk and c.kind == Criterion.Kind.INCLUSION]
    if any(c.origin != Criterion.Origin.EXTRACTED or c.status != Criterion.Status.DRAFT for c in on_diagnoses):
        return False
    words = "; ".join(record.conditions + [t for t in record.mesh_terms if t not in record.conditions])
    source = f"Conditions: {words} (registry conditions)"
    drafted = next((c for c in on_diagnoses if c.clause_start is None), None)
    from_text = [c for c in on_diagnoses if c.clause_start is not None and c.status != Criterion.Status.REJECTED]
    if drafted is None and any(set(codes) <= set(c.values or []) for c in from_text):
        return False  # a clause already drafts these diagnoses: a second draft of them is one more to get wrong
    if drafted is not None:
        if drafted.values == codes and drafted.source_text == source:
            return False
        drafted.values, drafted.source_text, drafted.quote = codes, source, words
        drafted.save()
        return True
    new.append(
        Criterion(
            trial=trial,
            kind=Criterion.Kind.INCLUSION,
            question=question,
            values=codes,
            source_text=source,
            quote=words,
            confidence=0.9,
            proposal={
                "variable": "diagnoses",
                "values": codes,
                "conditions": record.conditions,
                "mesh_terms": record.mesh_terms,
            },
            status=Criterion.Status.DRAFT,
            origin=Criterion.Origin.EXTRACTED,
            order=99,
        )
    )
    return True


_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>=~|&\"'$%^,:;/?@])")


def locate(original: str, words: str) -> tuple[int, int] | None:
    """Where `words` stand in the registry text, ignoring CommonMark escapes and runs of white space, or None."""

    def normalised(text: str) -> tuple[str, list[int]]:
        out, where, i = [], [], 0
        while i < len(text):
            char = text[i]
            if char == "\\" and _ESCAPE.match(text, i):
                i += 1
                char = text[i]
            if char.isspace():
                if out and out[-1] == " ":
                    i += 1
                    continue
                char = " "
            out.append(char)
            where.append(i)
            i += 1
        return "".join(out), where

    text, where = normalised(original)
    wanted = normalised(words.strip())[0].strip().rstrip(";.")
    at = text.find(wanted) if wanted else -1
    if at < 0:
        return None
    return where[at], where[at + len(wanted) - 1] + 1


def adopt_clauses(trial: Trial) -> None:
    """Tie hand-written criteria to the clauses whose words they carry, and drop the untouched drafts of the
    clauses they cover (the seed trials: published with their hand-written criteria, every clause covered)."""
    text = trial.eligibility_text
    for criterion in trial.criteria.filter(clause_start=None).exclude(origin=Criterion.Origin.EXTRACTED):
        span = locate(text, criterion.source_text)
        if span is not None:
            criterion.clause_start, criterion.clause_end = span
            criterion.clause_text = text[span[0] : span[1]]
            criterion.save(update_fields=["clause_start", "clause_end", "clause_text"])
    decided = list(trial.criteria.exclude(status=Criterion.Status.DRAFT))
    for draft in trial.criteria.filter(status=Criterion.Status.DRAFT, origin=Criterion.Origin.EXTRACTED):
        if draft.clause_start is None:
            taken = any(c.question_id == draft.question_id and c.kind == draft.kind for c in decided)
        else:
            taken = _covered(extraction.Clause(draft.kind, "", draft.clause_start, draft.clause_end), decided)
        if taken:
            draft.delete()
