"""Both seed trials, encoded exactly: every numeric boundary on both sides and every patient-answerable clause.

Each case starts from a profile that matches the trial on every question and changes one answer.
"""

import pytest

from tests.trials.profiles import COPD, ILD, MATCHES_COPD, MATCHES_ILD, questions, results, rules, verdict
from trials import eligibility
from trials.models import Criterion, Trial

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_trials_for_module")]


def test_the_profiles_match_their_trials_and_not_the_other():
    assert verdict(COPD, MATCHES_COPD) == "match"
    assert verdict(ILD, MATCHES_COPD) == "no_match"
    assert verdict(ILD, MATCHES_ILD) == "match"
    assert verdict(COPD, MATCHES_ILD) == "no_match"


@pytest.mark.parametrize(
    "key, answer, expected",
    [
        # "between 40 and 80 years old (inclusive of the boundary values)"
        ("age", "39", "no_match"),
        ("age", "40", "match"),
        ("age", "80", "match"),
        ("age", "81", "no_match"),
        # "six-minute walk test should be ≥ 150 meters and < 600 meters"
        ("sixmwd_m", "149", "no_match"),
        ("sixmwd_m", "149.9", "no_match"),
        ("sixmwd_m", "150", "match"),
        ("sixmwd_m", "599.9", "match"),
        ("sixmwd_m", "600", "no_match"),
        ("sixmwd_m", None, "possible"),
        # "more than 4 episodes ... required hospitalization within 1 year"
        ("respiratory_hospitalisations_12m", "4", "match"),
        ("respiratory_hospitalisations_12m", "5", "no_match"),
        ("respiratory_hospitalisations_12m", None, "possible"),
        ("diagnoses", ["copd", "asthma"], "match"),
        ("diagnoses", ["ild"], "no_match"),
        ("diagnoses", ["none"], "no_match"),
        ("planning_pregnancy_12m", "yes", "no_match"),
        ("planning_pregnancy_12m", None, "possible"),
        ("cancer_history", "within_5y", "no_match"),
        ("cancer_history", "minor_within_5y", "no_match"),
        ("cancer_history", "over_5y", "possible"),
        ("pneumonia_last_month", "yes", "no_match"),
        ("covid_last_4_weeks", "yes", "no_match"),
        ("mechanical_ventilation", "within_1m", "no_match"),
        ("mechanical_ventilation", "over_1m", "no_match"),
        ("other_trial_recent", "within_4w", "no_match"),
        ("other_trial_recent", "between_4w_3m", "match"),
        # Not asked by this trial: any answer leaves it a match.
        ("dlco_pct_pred", "10", "match"),
        ("oxygen_hours_per_day", "24", "match"),
        ("stem_cell_therapy_ever", "yes", "match"),
    ],
)
def test_copd_trial(key, answer, expected):
    assert verdict(COPD, {**MATCHES_COPD, key: answer}) == expected


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"sex": "female", "age": "50", "pregnant_or_breastfeeding": "yes"}, "no_match"),
        ({"sex": "female", "age": "50", "pregnant_or_breastfeeding": "no"}, "match"),
        ({"sex": "female", "age": "50"}, "possible"),
    ],
)
def test_copd_pregnancy_is_asked_of_women_only(changes, expected):
    assert verdict(COPD, {**MATCHES_COPD, **changes}) == expected


@pytest.mark.parametrize(
    "key, answer, expected",
    [
        # "age ≥ 18 years old (including threshold)"; no upper limit
        ("age", "17", "no_match"),
        ("age", "18", "match"),
        ("age", "100", "match"),
        # "DLCO ... 30% to 80% of the expected value (including 30% and 80%)"
        ("dlco_pct_pred", "29.9", "no_match"),
        ("dlco_pct_pred", "30", "match"),
        ("dlco_pct_pred", "80", "match"),
        ("dlco_pct_pred", "80.1", "no_match"),
        ("dlco_pct_pred", None, "possible"),
        # "FVC is 40% to 70% of the estimated value (including 40% and 70%)"
        ("fvc_pct_pred", "39.9", "no_match"),
        ("fvc_pct_pred", "40", "match"),
        ("fvc_pct_pred", "70", "match"),
        ("fvc_pct_pred", "70.1", "no_match"),
        # "FEV1/FVC < 0.7 before using bronchodilators" excludes
        ("fev1_fvc_ratio", "0.69", "no_match"),
        ("fev1_fvc_ratio", "0.699", "no_match"),
        ("fev1_fvc_ratio", "0.7", "match"),
        ("fev1_fvc_ratio", "0.70", "match"),
        # "oxygen therapy time > 15h/d" excludes
        ("oxygen_hours_per_day", "15", "match"),
        ("oxygen_hours_per_day", "15.5", "no_match"),
        ("oxygen_hours_per_day", "16", "no_match"),
        # "hospitalized for 3 or more times ... within the past year" excludes
        ("respiratory_hospitalisations_12m", "2", "match"),
        ("respiratory_hospitalisations_12m", "3", "no_match"),
        ("diagnoses", ["ipf"], "match"),
        ("diagnoses", ["ild", "asthma"], "no_match"),
        ("diagnoses", ["copd"], "no_match"),
        ("mechanical_ventilation", "within_1m", "no_match"),
        ("mechanical_ventilation", "over_1m", "match"),
        ("pneumonia_last_month", "yes", "no_match"),
        ("cancer_history", "within_5y", "no_match"),
        ("cancer_history", "minor_within_5y", "match"),
        ("cancer_history", "over_5y", "match"),
        ("allergy_albumin_or_anaesthetic", "yes", "no_match"),
        ("other_trial_recent", "between_4w_3m", "no_match"),
        ("other_trial_recent", "within_4w", "no_match"),
        ("stem_cell_therapy_ever", "yes", "no_match"),
        ("stem_cell_therapy_ever", None, "possible"),
        # Not asked by this trial
        ("sixmwd_m", "50", "match"),
        ("covid_last_4_weeks", "yes", "match"),
        ("planning_pregnancy_12m", "yes", "match"),
    ],
)
def test_ild_trial(key, answer, expected):
    assert verdict(ILD, {**MATCHES_ILD, key: answer}) == expected


@pytest.mark.parametrize("age, expected", [("54", "no_match"), ("55", "match"), ("68", "match")])
def test_ild_pregnancy_is_asked_only_of_women_younger_than_55(age, expected):
    assert verdict(ILD, {**MATCHES_ILD, "age": age, "pregnant_or_breastfeeding": "yes"}) == expected


def test_ild_pregnancy_question_is_implied_no_for_men():
    answers = {k: v for k, v in MATCHES_ILD.items() if k != "pregnant_or_breastfeeding"}
    assert verdict(ILD, {**answers, "sex": "male"}) == "match"


def test_a_ratio_typed_as_a_percentage_is_judged_as_a_ratio():
    from trials.models import Question

    ratio = Question.objects.get(key="fev1_fvc_ratio")
    assert verdict(ILD, {**MATCHES_ILD, "fev1_fvc_ratio": ratio.clean_answer("68%")}) == "no_match"
    assert verdict(ILD, {**MATCHES_ILD, "fev1_fvc_ratio": ratio.clean_answer("70")}) == "match"


def test_every_registry_clause_is_encoded():
    for trial in Trial.objects.all():
        encoded = " ".join(trial.criteria.values_list("source_text", flat=True))
        clauses = [
            line.lstrip("* ").replace("\\", "").strip()
            for line in trial.eligibility_text.splitlines()
            if line.startswith("* ")
        ]
        assert clauses, trial.nct_id
        missing = [c for c in clauses if c not in encoded and not c.startswith("Gender")]
        assert missing == [], trial.nct_id


def test_study_team_criteria_are_listed_not_judged():
    result = results(MATCHES_COPD)[COPD]
    team = result.with_outcome(eligibility.Outcome.STUDY_TEAM)
    assert len(team) == 11
    assert any("unsuitable for participation" in r.criterion.text for r in team)


def test_only_approved_criteria_take_part():
    trial = Trial.objects.get(nct_id=COPD)
    walk = trial.criteria.get(question__key="sixmwd_m")
    walk.status = Criterion.Status.DRAFT
    walk.save()
    assert verdict(COPD, {**MATCHES_COPD, "sixmwd_m": "700"}) == "match"


def walk_through(answers: dict) -> list[str]:
    """The questions a patient with these answers is asked, in order, answering as the engine asks."""
    return [key for screen in screens_through(answers) for key in screen]


def screens_through(answers: dict) -> list[tuple[str, ...]]:
    """The screens a patient with these answers is asked, in order, answering a screen at a time."""
    catalogue, given, asked = eligibility.Catalogue(rules(), questions()), {}, []
    while screen := catalogue.walk(given).next_screen:
        assert not set(screen) & {key for taken in asked for key in taken}, f"{screen} asked twice"
        asked.append(screen)
        given.update(eligibility.from_storage({key: answers.get(key) for key in screen}))
    return asked


def test_a_copd_patient_is_never_asked_the_ild_trial_s_questions():
    asked = walk_through(MATCHES_COPD)
    assert asked[:3] == ["diagnoses", "age", "sex"]
    assert "sixmwd_m" in asked
    assert not {
        "dlco_pct_pred",
        "fvc_pct_pred",
        "fev1_fvc_ratio",
        "oxygen_hours_per_day",
        "pregnant_or_breastfeeding",
    } & set(asked)


def test_an_ild_patient_is_never_asked_the_copd_trial_s_questions():
    asked = walk_through({**MATCHES_ILD, "age": "50"})
    assert {"dlco_pct_pred", "fvc_pct_pred", "pregnant_or_breastfeeding"} <= set(asked)
    assert not {"sixmwd_m", "covid_last_4_weeks", "planning_pregnancy_12m"} & set(asked)


def test_an_ild_patient_of_60_is_not_asked_about_pregnancy():
    assert "pregnant_or_breastfeeding" not in walk_through(MATCHES_ILD)


def test_a_patient_with_neither_condition_answers_one_question():
    assert walk_through({"diagnoses": ["other"]}) == ["diagnoses"]


def test_screens_both_trials_need_come_before_those_only_one_needs():
    asked = screens_through({**MATCHES_COPD, "diagnoses": ["copd", "ild"], "sex": "male"})
    shared = {
        "diagnoses",
        "age",
        "sex",
        "cancer_history",
        "pneumonia_last_month",
        "respiratory_hospitalisations_12m",
        "mechanical_ventilation",
        "other_trial_recent",
    }
    with_shared = [bool(set(screen) & shared) for screen in asked]
    assert with_shared == sorted(with_shared, reverse=True), asked  # every shared screen first
    assert shared <= {key for screen in asked for key in screen}
