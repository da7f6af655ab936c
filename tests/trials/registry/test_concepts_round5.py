"""The fifth round's general rules and vocabulary, read in English and Chinese, each on both sides: a lung disease
named without its exception takes the trial's own conditions as the exception (or none), a severity before a lung
diagnosis leaves it to the study team, and illnesses, medicines and procedures the vocabulary did not know. The
words are our own."""

import pytest

from trials.registry.concepts import matching

LUNG = ["copd", "ild", "ipf", "asthma", "bronchiectasis", "cystic_fibrosis", "pulmonary_hypertension"]
LUNG += ["sarcoidosis", "lung_cancer", "other"]


def rules(words, kind="exclusion", own=frozenset(), before=""):
    return [(p.question, p.values, p.uncertain, p.negated) for p in matching.proposals(words, kind, before, own)]


def not_ascii_ids(value):
    return value if isinstance(value, str) and value.isascii() else None


# 1. A lung disease named without its exception


@pytest.mark.parametrize(
    "words",
    ["Other respiratory diseases", "Any clinically relevant lung disease", "其他呼吸系统疾病", "合并肺部疾病"],
    ids=not_ascii_ids,
)
def test_another_lung_disease_in_a_copd_trial_s_exclusions_leaves_every_other_lung_diagnosis_to_the_study_team(
    words,
):
    others = [code for code in LUNG if code != "copd"]
    assert rules(words, own=frozenset({"copd"})) == [("diagnoses", [], others, False)]


def test_an_ipf_trial_s_other_lung_disease_is_not_ild_either():
    [(question, values, uncertain, negated)] = rules("Other lung diseases", own=frozenset({"ipf"}))
    assert question == "diagnoses" and values == [] and not {"ipf", "ild"} & set(uncertain) and "copd" in uncertain


@pytest.mark.parametrize("words", ["Other respiratory diseases", "其他肺部疾病"], ids=not_ascii_ids)
def test_another_lung_disease_in_a_trial_that_studies_no_lung_disease_is_still_for_the_study_team(words):
    assert rules(words) == []


@pytest.mark.parametrize("words", ["Severe pulmonary disease", "Chronic respiratory disease", "严重的肺部疾病"])
def test_a_lung_disease_without_other_in_a_trial_of_something_else_is_any_lung_disease_for_the_study_team(words):
    assert rules(words) == [("diagnoses", [], LUNG, False)]


@pytest.mark.parametrize(
    "words, negated",
    [("Patients with a chronic lung disease", False), ("No history of lung disease", True), ("无肺部疾病史", True)],
    ids=not_ascii_ids,
)
def test_an_inclusion_of_any_lung_disease_leaves_every_lung_diagnosis_to_the_study_team(words, negated):
    assert rules(words, "inclusion") == [("diagnoses", [], LUNG, negated)]


@pytest.mark.parametrize(
    "words",
    [
        "Asthma or other respiratory diseases",
        "Limiting illnesses other than the primary lung disease",
        "Prescription of an obstructive pulmonary disease drug",
    ],
)
def test_an_inclusion_naming_another_lung_disease_an_exception_or_a_medicine_for_it_gives_no_draft(words):
    assert rules(words, "inclusion") == []


def test_an_illness_other_than_the_trial_s_lung_disease_is_not_the_lung_disease():
    assert rules("Limiting illnesses other than the primary lung disease", own=frozenset({"copd"})) == []


def test_a_named_exception_still_wins_over_the_trial_s_own_conditions():
    [(question, values, uncertain, negated)] = rules("Respiratory disease other than asthma", own=frozenset({"copd"}))
    assert "copd" in values and "asthma" not in values and uncertain == []


def test_examples_after_another_lung_disease_are_still_read_as_named():
    words = "Other lung disease (e.g. asthma, sarcoidosis)"
    assert rules(words, own=frozenset({"copd"})) == [("diagnoses", ["asthma", "sarcoidosis"], [], False)]
