"""The results page's groups: each study with its verdict and its criteria sorted by outcome."""

from __future__ import annotations

from dataclasses import dataclass, field

from trials import eligibility, places
from trials.catalogue import LoadedCatalogue
from trials.models import Criterion, Site, Trial

NO_MATCH_SHOWN = 20
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
    nearest_site: Site | None = None
    nearest_km: float | None = None


OPEN_SITE_STATUSES = {
    "",
    Trial.Status.RECRUITING,
    Trial.Status.NOT_YET_RECRUITING,
    Trial.Status.ENROLLING_BY_INVITATION,
}


def nearest(trial: Trial, place: dict | None) -> tuple[Site | None, float | None]:
    """The trial's recruiting site nearest to the patient, with its distance in km (None, None without
    a place or without a site that has coordinates)."""
    if not place or "latitude" not in place:
        return None, None
    best = (None, None)
    for site in trial.sites.all():
        if site.latitude is None or site.longitude is None or site.recruitment_status not in OPEN_SITE_STATUSES:
            continue
        km = places.distance_km(place["latitude"], place["longitude"], float(site.latitude), float(site.longitude))
        if best[1] is None or km < best[1]:
            best = (site, km)
    return best


def by_distance(studies: list[StudyResult]) -> list[StudyResult]:
    """Nearest first; studies whose sites have no known place keep their order, after the others."""
    return sorted(studies, key=lambda s: (s.nearest_km is None, s.nearest_km or 0))


def grouped(
    loaded: LoadedCatalogue, stored_answers: dict, place: dict | None = None, in_reach: frozenset[str] | None = None
) -> dict:
    """The studies in groups by verdict; with `in_reach`, the others apart as "not near you" (their
    questions were not asked, so they have no verdict). With a `place`, each study knows its nearest site
    and every group is nearest first."""
    answers, assessment = loaded.assess(stored_answers)
    shown_out = assessment.ruled_out[:NO_MATCH_SHOWN]
    engine_results = list(assessment.open) + [eligibility.evaluate_trial(t, answers) for t in shown_out]
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
    for study in studies:
        study.nearest_site, study.nearest_km = nearest(study.trial, place)
    far = [s for s in studies if in_reach is not None and s.trial.nct_id not in in_reach]
    near = [s for s in studies if s not in far]
    by_verdict = {verdict: by_distance([s for s in near if s.verdict == verdict]) for verdict in eligibility.Verdict}
    return {
        "matches": by_verdict[eligibility.Verdict.MATCH],
        "possibles": by_verdict[eligibility.Verdict.POSSIBLE],
        "no_matches": by_verdict[eligibility.Verdict.NO_MATCH],
        "not_near": by_distance(far),
        "more_no_matches": len(assessment.ruled_out) - len(shown_out),
    }


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
        "uncertain_values",
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


@dataclass
class ValueToAsk:
    """A value the patient can ask their doctor for: it would decide the studies listed."""

    question: object
    studies: list[Trial] = field(default_factory=list)


def values_to_ask(open_studies: list[StudyResult]) -> list[ValueToAsk]:
    """The questions still unknown for studies not ruled out, each with the studies it would decide,
    in the order the studies list them."""
    wanted: dict[str, ValueToAsk] = {}
    for study in open_studies:
        for criterion in study.unknown:
            if criterion.question is None:
                continue
            entry = wanted.setdefault(criterion.question.key, ValueToAsk(criterion.question))
            if study.trial not in entry.studies:
                entry.studies.append(study.trial)
    return list(wanted.values())
