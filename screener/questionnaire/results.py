"""The results page's groups: each study with its verdict and its criteria sorted by outcome."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from trials import eligibility
from trials.catalogue import LoadedCatalogue
from trials.models import Criterion, Trial

SHOWN = 10  # studies shown in full in each of the first two groups
NO_MATCH_SHOWN = 5
Outcome = eligibility.Outcome


@dataclass
class Fit:
    criterion: Criterion
    answer: str


@dataclass
class StudyResult:
    trial: Trial
    verdict: str
    met: list[Fit] = field(default_factory=list)
    not_met: list[Criterion] = field(default_factory=list)
    unknown: list[Criterion] = field(default_factory=list)
    study_team: list[Criterion] = field(default_factory=list)


def grouped(loaded: LoadedCatalogue, stored_answers: dict) -> dict:
    """The studies a page shows in full (the best first), and the rest summarised in counted groups.

    Best first means what the patient can act on: studies they may match, then those with the fewest
    things still to find out (and, among equals, the fewest checks left to the study team).
    """
    answers, assessment = loaded.assess(stored_answers)
    ranked = sorted(assessment.open, key=_rank)
    matches = [r for r in ranked if r.verdict is eligibility.Verdict.MATCH]
    possibles = [r for r in ranked if r.verdict is eligibility.Verdict.POSSIBLE]
    shown_out = assessment.ruled_out[:NO_MATCH_SHOWN]
    engine_results = matches[:SHOWN] + possibles[:SHOWN] + [eligibility.evaluate_trial(t, answers) for t in shown_out]
    trials = {
        t.nct_id: t
        for t in Trial.objects.filter(nct_id__in=[r.trial.id for r in engine_results]).prefetch_related("sites")
    }
    criteria = _criteria(engine_results, loaded)
    studies = [
        _study(trials[r.trial.id], r, criteria, loaded.questions, answers)
        for r in engine_results
        if r.trial.id in trials
    ]
    by_verdict = {verdict: [s for s in studies if s.verdict == verdict] for verdict in eligibility.Verdict}
    return {
        "matches": by_verdict[eligibility.Verdict.MATCH],
        "match_count": len(matches),
        "more_matches": max(0, len(matches) - SHOWN),
        "possibles": by_verdict[eligibility.Verdict.POSSIBLE],
        "possible_count": len(possibles),
        "more_possibles": max(0, len(possibles) - SHOWN),
        "still_to_find_out": _still_to_find_out(possibles[SHOWN:], loaded.questions),
        "no_matches": by_verdict[eligibility.Verdict.NO_MATCH],
        "no_match_count": len(assessment.ruled_out),
        "more_no_matches": len(assessment.ruled_out) - len(shown_out),
    }


def _rank(result: eligibility.TrialResult) -> tuple:
    unknown = sum(1 for r in result.results if r.outcome is Outcome.UNKNOWN)
    team = sum(1 for r in result.results if r.outcome is Outcome.STUDY_TEAM)
    return (result.verdict is not eligibility.Verdict.MATCH, unknown, team, str(result.trial.id))


@dataclass
class Group:
    label: str
    count: int


def _still_to_find_out(results: list[eligibility.TrialResult], questions: dict) -> list[Group]:
    """The studies not shown, counted by each answer still to find out (a study may wait on several):
    the answers that would settle the most studies come first."""
    waiting: Counter[str] = Counter()
    for result in results:
        waiting.update({r.criterion.question_key for r in result.results if r.outcome is Outcome.UNKNOWN})
    return [
        Group(questions[key].short_label if key in questions else key, count)
        for key, count in sorted(waiting.items(), key=lambda item: (-item[1], item[0]))
    ]


def _criteria(engine_results, loaded: LoadedCatalogue) -> dict[int, Criterion]:
    """The criteria the page shows (all of an open study's, only the failed ones of a ruled-out study),
    with their questions taken from the catalogue rather than loaded again."""
    wanted = [
        r.criterion.id
        for result in engine_results
        for r in result.results
        if result.verdict is not eligibility.Verdict.NO_MATCH or r.outcome is Outcome.NOT_MET
    ]
    questions_by_id = {q.pk: q for q in loaded.questions.values()}
    criteria = {}
    for criterion in Criterion.objects.filter(pk__in=wanted).only(
        "id",
        "kind",
        "question_id",
        "min_value",
        "min_inclusive",
        "max_value",
        "max_inclusive",
        "values",
        "source_text",
        "explanation",
    ):
        criterion.question = questions_by_id.get(criterion.question_id)
        criteria[criterion.pk] = criterion
    return criteria


def _study(
    trial: Trial, result: eligibility.TrialResult, criteria: dict, questions: dict, answers: dict
) -> StudyResult:
    study = StudyResult(trial=trial, verdict=str(result.verdict))
    lists = {Outcome.NOT_MET: study.not_met, Outcome.UNKNOWN: study.unknown, Outcome.STUDY_TEAM: study.study_team}
    for outcome in result.results:
        criterion = criteria.get(outcome.criterion.id)  # an admin may have changed it since the catalogue was built
        if criterion is None:
            continue
        if outcome.outcome is Outcome.MET:
            key = outcome.criterion.question_key
            if any(fit.criterion.question_id == criterion.question_id for fit in study.met):
                continue  # one line per answer, however many criteria it satisfies
            stored = answers.get(key)
            study.met.append(
                Fit(criterion, questions[key].display_answer(None if stored is eligibility.DONT_KNOW else stored))
            )
        else:
            lists[outcome.outcome].append(criterion)
    return study
