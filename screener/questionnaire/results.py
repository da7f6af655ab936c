"""The results page's groups: each study with its verdict and its criteria sorted by outcome."""

from __future__ import annotations

import functools
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import get_language, gettext

from trials import eligibility, places
from trials.catalogue import LoadedCatalogue
from trials.models import Criterion, Site, Trial, day_at_sites

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
    judged: list[Fit] = field(default_factory=list)  # answered, but only the study team can say what it means here
    nearest_site: Site | None = None
    nearest_km: float | None = None
    not_asked_for_age: bool = False  # a criterion of this study decided on an answer not asked because of age

    @property
    def team_count(self) -> int:
        return len(self.study_team) + len(self.judged)


def nearest(trial: Trial, place: dict | None, points: dict) -> tuple[Site | None, float | None]:
    """The trial's recruiting site nearest to the patient, with its distance in km (None, None without a
    place or without such a site). `points` are the catalogue's recruiting sites with coordinates, so the
    results page, the ranking and "in reach" all read "recruiting" the same way."""
    if not place or "latitude" not in place:
        return None, None
    found = [
        (places.distance_km(place["latitude"], place["longitude"], p.latitude, p.longitude), p.site_id)
        for p in points.get(trial.nct_id, ())
    ]
    if not found:
        return None, None
    km, site_id = min(found)
    site = next((s for s in trial.sites.all() if s.pk == site_id), None)
    return (site, km) if site is not None else (None, None)


def grouped(
    loaded: LoadedCatalogue,
    stored_answers: dict,
    place: dict | None = None,
    in_reach: frozenset[str] | None = None,
    sources: dict | None = None,
) -> dict:
    """The studies a page shows in full (the best first), and the rest summarised in counted groups.

    Best first means what the patient can act on: studies they may match, then those with the fewest
    things still to find out (and, among equals, the fewest checks left to the study team); with a
    `place`, the nearest first within each verdict. With `in_reach`, open studies out of reach are apart
    as "not near you": their questions were not asked, so they have no verdict.
    """
    answers, assessment = loaded.assess(stored_answers, sources)
    points = loaded.site_points()[0] if place and "latitude" in place else {}
    distance = _distances(loaded, place)
    far = [r for r in assessment.open if in_reach is not None and r.trial.id not in in_reach]
    near = [r for r in assessment.open if in_reach is None or r.trial.id in in_reach]
    ranked = sorted(near, key=lambda r: _rank(r, distance, answers))
    matches = [r for r in ranked if r.verdict is eligibility.Verdict.MATCH]
    possibles = [r for r in ranked if r.verdict is eligibility.Verdict.POSSIBLE]
    far = sorted(far, key=lambda r: (distance(r.trial.id) is None, distance(r.trial.id) or 0, str(r.trial.id)))
    shown_out = [eligibility.evaluate_trial(t, answers) for t in assessment.ruled_out[:NO_MATCH_SHOWN]]
    engine_results = matches[:SHOWN] + possibles[:SHOWN] + far[:SHOWN] + shown_out
    trials = {
        t.nct_id: t
        for t in Trial.objects.filter(nct_id__in=[r.trial.id for r in engine_results]).prefetch_related("sites")
    }
    criteria = _criteria(engine_results, loaded)
    studies = {
        r.trial.id: _study(trials[r.trial.id], r, criteria, loaded.questions, answers, stored_answers)
        for r in engine_results
        if r.trial.id in trials
    }
    for study in studies.values():
        study.nearest_site, study.nearest_km = nearest(study.trial, place, points)

    def shown(results):
        return [studies[r.trial.id] for r in results if r.trial.id in studies]

    return {
        "matches": shown(matches[:SHOWN]),
        "match_count": len(matches),
        "more_matches": max(0, len(matches) - SHOWN),
        "possibles": shown(possibles[:SHOWN]),
        "possible_count": len(possibles),
        "more_possibles": max(0, len(possibles) - SHOWN),
        "still_to_find_out": _still_to_find_out(possibles[SHOWN:], loaded.questions, answers),
        "not_near": shown(far[:SHOWN]),
        "not_near_count": len(far),
        "more_not_near": max(0, len(far) - SHOWN),
        "no_matches": shown(shown_out),
        "no_match_count": len(assessment.ruled_out),
        "more_no_matches": len(assessment.ruled_out) - len(shown_out),
    }


def summary_day(groups: dict):
    """The day the doctor's summary is dated, as the sites of the studies it lists count it (walkthrough 13: one
    asked for at 07:11 in Shanghai was dated the day before, in UTC); the server's day when those sites are in more
    than one zone, or there are none. As the staff's export names its file (`staff.export.export_day`)."""
    studies = [study for name in ("matches", "possibles", "not_near", "no_matches") for study in groups[name]]
    return day_at_sites(site for study in studies for site in study.trial.sites.all())


def _distances(loaded: LoadedCatalogue, place: dict | None):
    """id -> km to the trial's nearest recruiting site with coordinates (None without one, or without a place)."""
    if not place or "latitude" not in place:
        return lambda _nct_id: None
    points, _located = loaded.site_points()
    known: dict = {}

    def distance(nct_id):
        if nct_id not in known:
            found = [
                places.distance_km(place["latitude"], place["longitude"], p.latitude, p.longitude)
                for p in points.get(nct_id, ())
            ]
            known[nct_id] = min(found) if found else None
        return known[nct_id]

    return distance


def _still_unknown(result: eligibility.TrialResult, answers) -> list[eligibility.CriterionResult]:
    """The criteria still to find out: unknown, and not an answer already given that the study team must judge."""
    return [
        r
        for r in result.results
        if r.outcome is Outcome.UNKNOWN and not eligibility.left_to_study_team(r.criterion, answers)
    ]


def _rank(result: eligibility.TrialResult, distance=lambda _nct_id: None, answers=None) -> tuple:
    unknown = len(_still_unknown(result, answers or {}))
    team = sum(1 for r in result.results if r.outcome is Outcome.STUDY_TEAM) + (
        sum(1 for r in result.results if r.outcome is Outcome.UNKNOWN) - unknown
    )
    km = distance(result.trial.id)
    # With a place, the nearest first (a hospital the patient can reach is what they can act on), then the
    # fewest things still to find out; without one, every distance is unknown and only those count.
    return (result.verdict is not eligibility.Verdict.MATCH, km is None, km or 0, unknown, team, str(result.trial.id))


@dataclass
class Group:
    label: str
    count: int


def _still_to_find_out(results: list[eligibility.TrialResult], questions: dict, answers: dict) -> list[Group]:
    """The studies not shown, counted by each answer still to find out (a study may wait on several):
    the answers that would settle the most studies come first. An answer given that the study team must judge
    is not still to find out."""
    waiting: Counter[str] = Counter()
    for result in results:
        waiting.update({r.criterion.question_key for r in _still_unknown(result, answers)})
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
    for criterion in Criterion.objects.filter(pk__in=wanted).only("id", *Criterion.MEANING_FIELDS):
        criterion.question = questions_by_id.get(criterion.question_id)
        criteria[criterion.pk] = criterion
    return criteria


def _study(
    trial: Trial, result: eligibility.TrialResult, criteria: dict, questions: dict, answers: dict, stored: dict
) -> StudyResult:
    """One study's outcomes for the page. An answer the patient never gave (a question another answer ruled
    out, such as pregnancy for a man) is not listed among the answers that fit (one not asked because of the
    patient's age marks the study, whose page says so); an answer given that only the
    study team can judge for this study is listed with its checks, not as something still to find out."""
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
            if key not in stored and questions[key].asked_only_if_id:
                # implied, never asked; because of the patient's age (pregnancy from 55), the page says so
                if eligibility.ruled_out_by_age(questions[key].to_info().asked_only_if, answers):
                    study.not_asked_for_age = True
                continue
            if key not in stored and questions[key].to_info().item_sexes:
                continue  # implied, never asked: items that cannot apply to the patient's sex (`answers` holds them)
            given = _as_given(questions[key], answers)
            study.met.append(
                Fit(criterion, questions[key].display_answer(None if given is eligibility.DONT_KNOW else given))
            )
        elif outcome.outcome is Outcome.UNKNOWN and eligibility.left_to_study_team(outcome.criterion, answers):
            key = outcome.criterion.question_key
            study.judged.append(Fit(criterion, questions[key].display_answer(_as_given(questions[key], answers))))
        else:
            lists[outcome.outcome].append(criterion)
    return study


def _as_given(question, answers: dict):
    """The patient's answer to `question` as the page lists it: an item list without the items that cannot apply
    to the sex the patient gave (decision 0136: the engine counts them as asked and not ticked, but nobody asked a
    man about the cervix, so "asked about" does not name it)."""
    given = answers.get(question.key)
    sex = answers.get(eligibility.SEX)
    if not isinstance(given, eligibility.ItemsAnswer) or not isinstance(sex, str):
        return given
    ruled_out = eligibility.items_not_for(question.to_info(), sex)
    if not ruled_out & given.shown:
        return given
    return eligibility.ItemsAnswer(given.ticked - ruled_out, given.shown - ruled_out)


@dataclass
class ValueToAsk:
    """A value the patient can ask their doctor for: it would decide the studies listed."""

    question: object
    studies: list[Trial] = field(default_factory=list)

    @property
    def where_to_find(self) -> str:
        """Where a doctor finds the value, in the page's language (doctor_summary.json)."""
        source = doctor_summary()["sources"][doctor_summary()["questions"][self.question.key]]
        return source["zh_hans"] if get_language() == "zh-hans" else source["en"]

    @property
    def study_ids(self) -> str:
        """The studies' NCT numbers, joined with the page language's comma ("，" in Chinese)."""
        return gettext(", ").join(trial.nct_id for trial in self.studies)


@functools.cache
def doctor_summary() -> dict:
    """The questions a doctor or a report can answer, and where each is found; read and checked once."""
    table = json.loads((Path(__file__).parent / "data" / "doctor_summary.json").read_text(encoding="utf-8"))
    unknown = set(table["questions"].values()) - set(table["sources"])
    if unknown:
        raise ValueError(f"doctor_summary.json: no such source {sorted(unknown)}")
    return table


def values_to_ask(open_studies: list[StudyResult]) -> list[ValueToAsk]:
    """The questions still unknown for studies not ruled out that a doctor or a report holds, each with the
    studies it would decide, in the order the studies list them."""
    return _unknown_questions(open_studies, held_by_doctor=True)


def answers_only_the_patient_can_give(open_studies: list[StudyResult]) -> list[ValueToAsk]:
    """The other questions still unknown ("I don't know" to a pregnancy plan, a recent trial, recent COVID
    symptoms) for studies not ruled out: missing all the same, but not the doctor's to give."""
    return _unknown_questions(open_studies, held_by_doctor=False)


def _unknown_questions(open_studies: list[StudyResult], held_by_doctor: bool) -> list[ValueToAsk]:
    held = doctor_summary()["questions"]
    wanted: dict[str, ValueToAsk] = {}
    for study in open_studies:
        for criterion in study.unknown:
            if criterion.question is None or (criterion.question.key in held) is not held_by_doctor:
                continue
            entry = wanted.setdefault(criterion.question.key, ValueToAsk(criterion.question))
            if study.trial not in entry.studies:
                entry.studies.append(study.trial)
    return list(wanted.values())
