"""What an admin's review page shows: a trial's clauses with their criteria, the quoted spans, and a profile tried
against the trial's approved criteria. No request, no response: `trials.admin` renders these."""

from __future__ import annotations

import json
from bisect import bisect_left
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from trials import eligibility
from trials.models import Criterion, Question, Trial
from trials.registry.extraction.text import readable, readable_with_map

# "Approve all" of a clause approves only drafts the extractor was at least this sure of; the rest wait
# for a look of their own (the button says so).
APPROVE_ALL_AT_LEAST = 0.8


def sure_enough(criterion: Criterion) -> bool:
    """A draft left to the study team has no rule to get wrong; a rule needs the extractor's confidence."""
    return criterion.question_id is None or (criterion.confidence or 0.0) >= APPROVE_ALL_AT_LEAST


def doubt(criterion: Criterion) -> float:
    """How sure the page takes a draft to be, to put the least sure first."""
    return 1.0 if criterion.question_id is None else (criterion.confidence or 0.0)


@dataclass
class ClauseReview:
    kind: str
    start: int | None
    end: int | None
    text: str
    criteria: list[Criterion]
    state: str = ""
    number: int = 0  # its place among the trial's clauses in the registry's text, from 1

    @property
    def highlighted(self) -> SafeString:
        return highlight(self.text, [c.quote for c in self.criteria if c.status != Criterion.Status.REJECTED])

    @property
    def previous(self) -> str:
        """The clause's words before the registry changed them, while any of its criteria still awaits review."""
        return readable(next((c.previous_clause_text for c in self.waiting if c.previous_clause_text), ""))

    @property
    def waiting(self) -> list[Criterion]:
        return [c for c in self.criteria if c.status == Criterion.Status.DRAFT]

    @property
    def approvable_together(self) -> list[Criterion]:
        """The drafts "approve all" approves: those the extractor was sure enough of."""
        return [c for c in self.waiting if sure_enough(c)]

    @property
    def approvable_rules(self) -> list[Criterion]:
        """Of those, the drafts with a rule, at the confidence the button names or more."""
        return [c for c in self.approvable_together if c.question_id is not None]

    @property
    def approvable_for_team(self) -> list[Criterion]:
        """Of those, the drafts left to the study team: no rule, so no confidence to show."""
        return [c for c in self.approvable_together if c.question_id is None]

    @property
    def lowest_confidence(self) -> float:
        """The least sure of its drafts (see doubt); 2 with none waiting."""
        return min((doubt(c) for c in self.waiting), default=2.0)

    @property
    def dom_id(self) -> str:
        return f"clause-{self.start}-{self.end}"


CLAUSES_PER_PAGE = 50


@dataclass
class ClausePage:
    """One page of a trial's clauses: a registry text can hold thousands, each with its criteria."""

    clauses: list[ClauseReview]
    number: int  # from 1
    pages: int
    total: int  # clauses in the whole text
    first: int  # the number of the page's first clause (0 when there is none)
    last: int


def clause_keys(trial: Trial) -> list[tuple[int, int]]:
    """Every clause that has a criterion, as (start, end), in text order: two small numbers per clause."""
    return list(
        trial.criteria.exclude(clause_start=None)
        .order_by("clause_start", "clause_end")
        .values_list("clause_start", "clause_end")
        .distinct()
    )


def page_of(trial: Trial, start: int, end: int) -> int:
    """The page a clause is on, so that an action on it returns there."""
    keys = clause_keys(trial)
    at = keys.index((start, end)) if (start, end) in keys else 0
    return at // CLAUSES_PER_PAGE + 1


def clauses(trial: Trial, page: int = 1) -> tuple[ClausePage, list[Criterion]]:
    """(one page of the trial's clauses in text order with their criteria, the criteria tied to no clause).
    Only the page's criteria are read; a page past the last is the last."""
    keys = clause_keys(trial)
    pages = max(1, -(-len(keys) // CLAUSES_PER_PAGE))
    page = min(max(page, 1), pages)
    offset = (page - 1) * CLAUSES_PER_PAGE
    shown = keys[offset : offset + CLAUSES_PER_PAGE]
    grouped: dict[tuple[int, int], list[Criterion]] = {key: [] for key in shown}
    on_page = trial.criteria.select_related("question").order_by("clause_start", "order", "pk")
    if shown:
        criteria = on_page.filter(clause_start__gte=shown[0][0], clause_start__lte=shown[-1][0])
        for criterion in criteria:
            members = grouped.get((criterion.clause_start, criterion.clause_end))
            if members is not None:
                members.append(criterion)
    reviews = []
    for number, ((start, end), members) in enumerate(grouped.items(), start=offset + 1):
        text = members[0].clause_text or trial.eligibility_text[start:end]
        # within a clause, the drafts the extractor was least sure of first
        members.sort(key=lambda c: (c.status != Criterion.Status.DRAFT, doubt(c)))
        state = Criterion.clause_state(members)
        reviews.append(ClauseReview(members[0].kind, start, end, text, members, state, number))
    # On the page, clauses still to review come first, the least sure first (a wrong draft is likeliest
    # there); the rest keep the registry's order.
    reviews.sort(key=lambda r: (r.lowest_confidence, r.start or 0) if r.waiting else (3.0, r.start or 0))
    loose = list(on_page.filter(clause_start=None))
    first = offset + 1 if reviews else 0
    return ClausePage(reviews, page, pages, len(keys), first, offset + len(reviews)), loose


def highlight(text: str, quotes: list[str]) -> SafeString:
    """The clause as people read it (`readable`, as the patient's and the nurse's pages show it) with every quoted
    span in <mark>, everything else escaped. A quote is an exact span of the registry's text, escapes and all: it
    is found there, then marked where its characters stand in what is shown."""
    spans = []
    for quote in quotes:
        at = text.find(quote) if quote else -1
        if at >= 0:
            spans.append((at, at + len(quote)))
    shown, where = readable_with_map(text)
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        start, end = bisect_left(where, start), bisect_left(where, end)
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    parts, at = [], 0
    for start, end in merged:
        parts.append((shown[at:start], shown[start:end]))
        at = end
    html = format_html_join("", "{}<mark>{}</mark>", parts)
    return format_html("{}{}", html, shown[at:])


@dataclass
class Tried:
    """A profile judged against a trial's approved criteria."""

    answers: dict
    problems: list[str] = field(default_factory=list)
    verdict: str = ""  # the engine's code, kept for the page's class
    verdict_sentence: str = ""
    outcomes: list[tuple[Criterion, str, str]] = field(default_factory=list)  # criterion, engine's code, words


PROFILE_MAX_CHARACTERS = 10_000  # every question answered takes well under 2,000


def try_profile(trial: Trial, answers_json: str) -> Tried:
    """The `screen` command's logic for one trial, published or not: answers are checked like the command checks
    them, then the trial's approved criteria are judged by the engine with every question's gate applied."""
    if len(answers_json or "") > PROFILE_MAX_CHARACTERS:
        return Tried(
            {},
            [
                _("The answers are too long: a profile fits in %(count)s characters.")
                % {"count": PROFILE_MAX_CHARACTERS}
            ],
        )
    try:
        given = json.loads(answers_json or "{}")
        json.dumps(given, ensure_ascii=False).encode()  # a lone surrogate ("\ud800") cannot be shown or stored
    except json.JSONDecodeError as error:
        return Tried({}, [_("The answers are not valid JSON: %(error)s.") % {"error": error.msg}])
    except (RecursionError, UnicodeEncodeError):
        return Tried({}, [_("The answers are not valid JSON: nested too deep, or a character that is not text.")])
    if not isinstance(given, dict):
        return Tried({}, [_("Give the answers as an object of {question key: answer}.")])
    questions = {q.key: q for q in Question.objects.select_related("asked_only_if")}
    tried = Tried(given)
    cleaned = {}
    for key, value in given.items():
        question = questions.get(key)
        if question is None:
            tried.problems.append(_("%(key)s: not a question key.") % {"key": key})
            continue
        try:
            cleaned[key] = question.clean_answer(value)
        except ValidationError as error:
            tried.problems.append(f"{key}: {' '.join(error.messages)}")
    if tried.problems:
        return tried
    criteria = list(trial.criteria.approved().select_related("question").order_by("order", "pk"))
    trial.approved_criteria = criteria
    infos = {key: q.to_info() for key, q in questions.items()}
    answers = eligibility.from_storage(cleaned)
    [result] = eligibility.evaluate([trial.to_rules()], answers, infos)
    by_id = {c.pk: c for c in criteria}
    tried.verdict = str(result.verdict)
    tried.verdict_sentence = verdict_in_words(result.verdict)
    tried.outcomes = [
        (
            by_id[r.criterion.id],
            str(r.outcome),
            outcome_in_words(
                by_id[r.criterion.id],
                r.outcome,
                judged=r.outcome is eligibility.Outcome.UNKNOWN
                and eligibility.left_to_study_team(r.criterion, answers),
            ),
        )
        for r in result.results
    ]
    return tried


def verdict_in_words(verdict: str) -> str:
    """The tried profile's verdict as a whole sentence in the reviewer's language, never the engine's code
    ("no_match"): what it is, and why, as the engine decides it (any criterion not met, else any not known)."""
    return {
        eligibility.Verdict.MATCH: _(
            "Verdict: may match. No approved criterion rules these answers out, and none is left unknown."
        ),
        eligibility.Verdict.POSSIBLE: _(
            "Verdict: might match. No approved criterion rules these answers out, but some are not known yet."
        ),
        eligibility.Verdict.NO_MATCH: _(
            "Verdict: not a match. At least one approved criterion rules these answers out."
        ),
    }[eligibility.Verdict(verdict)]


def outcome_in_words(criterion: Criterion, outcome: str, judged: bool = False) -> str:
    """What a criterion's outcome means for the tried profile, in the reviewer's language. The engine's codes read
    backwards for an exclusion ("met" means the patient is not excluded by it), so each kind has its own labels.
    `judged`: the profile answered, with an answer the rule leaves to the study team; it reads as the patient's
    results say it, not as "not known yet" (walkthrough 13, finding 9)."""
    if judged:
        return _("The study team will judge what this means for this study.")
    if criterion.kind == Criterion.Kind.EXCLUSION:
        words = {
            eligibility.Outcome.MET: _("Not excluded by it"),
            eligibility.Outcome.NOT_MET: _("Excluded by it"),
        }
    else:
        words = {
            eligibility.Outcome.MET: _("Meets it"),
            eligibility.Outcome.NOT_MET: _("Does not meet it"),
        }
    words[eligibility.Outcome.UNKNOWN] = _("Not known yet")
    words[eligibility.Outcome.STUDY_TEAM] = _("For the study team")
    return words[eligibility.Outcome(outcome)]


def profile_template(trial: Trial) -> str:
    """A starting profile: every question the trial's approved criteria ask, unanswered ("I don't know")."""
    keys = sorted({c.question.key for c in trial.criteria.approved().select_related("question") if c.question_id})
    return json.dumps(dict.fromkeys(keys), indent=1)
