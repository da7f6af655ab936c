"""The sixth round's general rules, read in English and Chinese where the kind exists in both, each on both sides:
a negation that governs a treatment verb phrase negates every illness it lists, a planned or study procedure is not
a history, an ended pregnancy is not a pregnancy now, a state dated by a past event is not a state now, and a stable
or controlled illness in an inclusion is a condition on it if present. The words are our own."""

import pytest

from tests.trials.registry.concept_readings import not_ascii_ids, rules

# 1. A negation that governs a verb phrase before the illnesses


def test_not_being_treated_for_a_list_of_illnesses_negates_every_one_of_them():
    words = "Not be currently receiving treatment for tuberculosis, hepatitis B, or HIV"
    # "currently … tuberculosis" is TB now on the "ever told" item: for the study team (decision record 0101)
    assert rules(words, "inclusion") == [("other_conditions", ["hepatitis_b", "hiv"], ["tuberculosis"], True)]


def test_a_patient_who_must_not_be_receiving_treatment_for_an_illness_has_it_negated():
    words = "Patients must not be receiving treatment for tuberculosis"
    assert rules(words, "inclusion") == [("other_conditions", ["tuberculosis"], [], True)]


def test_treatment_for_an_illness_without_a_negation_still_gives_no_draft():
    assert rules("Currently treated for tuberculosis") == []


def test_a_but_after_the_negated_treatment_still_stops_the_negation():
    words = "Not currently treated for tuberculosis but HIV positive"
    assert rules(words, "inclusion") == [("other_conditions", ["hiv"], [], False)]


def test_not_being_treated_for_an_illness_in_chinese_is_negated_and_being_treated_is_not():
    # TB named as treated now is the "ever told" item for the study team (decision record 0101)
    assert rules("目前未在接受结核病治疗", "inclusion") == [("other_conditions", [], ["tuberculosis"], True)]
    assert rules("正在接受结核病治疗") == [("other_conditions", [], ["tuberculosis"], False)]


# 2. Planned or required future events are not a history or a state now


@pytest.mark.parametrize(
    "words", ["Patients who should undergo tracheostomy", "Patients who will undergo a tracheostomy", "拟行气管切开"]
)
def test_a_procedure_the_patient_should_or_will_undergo_is_not_one_they_had(words):
    assert rules(words) == []


@pytest.mark.parametrize("words", ["Patients with a tracheostomy", "有气管切开"], ids=not_ascii_ids)
def test_a_tracheostomy_the_patient_has_is_still_drafted(words):
    assert rules(words) == [("lung_procedures", ["tracheostomy"], [], False)]


@pytest.mark.parametrize(
    "words",
    [
        "Adults who need endotracheal intubation for elective head and neck surgery",
        "Requiring intubation for the study's surgery",
    ],
)
def test_a_procedure_for_an_operation_is_part_of_that_operation_not_a_history(words):
    assert rules(words, "inclusion") == []


def test_mechanical_ventilation_named_alone_is_still_a_history():
    assert rules("Mechanical ventilation") == [("mechanical_ventilation", ["within_1m", "over_1m"], [], False)]


@pytest.mark.parametrize(
    "words",
    ["People listed for a lung transplant", "Patients on the waiting list for a lung transplant", "等待肺移植"],
    ids=not_ascii_ids,
)
def test_a_patient_listed_for_a_lung_transplant_is_on_the_transplant_list_item(words):
    assert rules(words) == [("lung_procedures", ["transplant_list"], [], False)]


@pytest.mark.parametrize("words", ["Previous lung transplant", "肺移植术后"], ids=not_ascii_ids)
def test_a_lung_transplant_the_patient_had_is_still_the_lung_transplant_item(words):
    assert rules(words) == [("lung_procedures", ["lung_transplant"], [], False)]


@pytest.mark.parametrize(
    "words", ["Medical termination of pregnancy", "Termination of pregnancy in the last 3 months", "终止妊娠"]
)
def test_an_ended_pregnancy_is_not_a_pregnancy_now(words):
    assert rules(words) == []


@pytest.mark.parametrize("words", ["Pregnancy", "妊娠期妇女"], ids=not_ascii_ids)
def test_a_pregnancy_is_still_drafted_as_pregnant_now(words):
    assert rules(words) == [("pregnant_or_breastfeeding", ["yes"], [], False)]


# 3. A state dated by a past event is not a state now


@pytest.mark.parametrize(
    "words",
    [
        "Report being smokers at the time they learned of the current pregnancy",
        "Smoking at the time of diagnosis",
        "得知怀孕时吸烟",
    ],
    ids=not_ascii_ids,
)
def test_smoking_at_the_time_of_a_past_event_is_not_smoking_now(words):
    assert "smoking_status" not in [question for question, *_ in rules(words, "inclusion")]


@pytest.mark.parametrize("words", ["Smokers at the time of screening", "目前吸烟"], ids=not_ascii_ids)
def test_smoking_at_screening_or_now_is_still_smoking_now(words):
    assert rules(words, "inclusion") == [("smoking_status", ["current"], [], False)]


def test_the_pregnancy_learned_of_is_still_a_pregnancy_now():
    words = "Report being smokers at the time they learned of the current pregnancy"
    assert rules(words, "inclusion") == [("pregnant_or_breastfeeding", ["yes"], [], False)]


# 4. A stable or controlled illness in an inclusion is a condition on it if present


@pytest.mark.parametrize(
    "words",
    [
        "Stable controlled arterial hypertension according to current guidelines",
        "Well-controlled diabetes",
        "Hypertension that is controlled",
        "血压控制良好的高血压",
        "高血压控制良好",
    ],
    ids=not_ascii_ids,
)
def test_a_stable_or_controlled_illness_in_an_inclusion_is_not_a_requirement_to_have_it(words):
    assert rules(words, "inclusion") == []


@pytest.mark.parametrize("words", ["Hypertension", "高血压"], ids=not_ascii_ids)
def test_an_illness_required_without_stable_or_controlled_is_still_drafted(words):
    assert rules(words, "inclusion") == [("other_conditions", ["hypertension", "uncontrolled_hypertension"], [], False)]


def test_a_poorly_controlled_illness_in_an_inclusion_is_still_drafted():
    assert rules("Poorly controlled hypertension", "inclusion") == [
        ("other_conditions", ["uncontrolled_hypertension"], [], False)
    ]


def test_the_trial_s_own_controlled_illness_is_still_required():
    words = "Well-controlled type 2 diabetes"
    assert rules(words, "inclusion", own=frozenset({"diabetes"})) == [("other_conditions", [], ["diabetes"], False)]


def test_an_uncontrolled_illness_in_an_exclusion_is_still_drafted():
    assert rules("Uncontrolled hypertension") == [("other_conditions", ["uncontrolled_hypertension"], [], False)]
