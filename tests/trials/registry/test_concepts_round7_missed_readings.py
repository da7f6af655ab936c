"""Clauses a patient could answer with a question the screener already has, which the reader missed (issue 21, decision
record 0084). Each family is read on both sides of its boundary: schizophrenia's spectrum is the serious mental
illness item and psychotic symptoms are that item for the study team (a relative's is not the patient's); a weakened
immune system in other spellings is the immunodeficiency item; an immune checkpoint inhibitor taken now is the cancer
treatment item for the study team (a biomarker, past use, an allergy to one or a start around the study is not);
using an insulin pump is the insulin item for the study team (a pump named as an implanted device is not); "Patient
is female" is the sex question (a longer clause is not); an allergy "or severe reaction to" a medicine is the
medicine-allergy question (to bee stings it is not), and a medicine named in an allergy clause is never read as a
medicine taken now. The words are our own."""

import pytest

from tests.trials.registry.concept_readings import not_ascii_ids, rules

# 1. Schizophrenia's spectrum: the serious mental illness item; psychotic symptoms: the item for the study team


@pytest.mark.parametrize(
    "words",
    ["Schizophrenia-spectrum disorder", "Schizoaffective disorder", "精神分裂症谱系障碍", "分裂情感性障碍"],
    ids=not_ascii_ids,
)
def test_schizophrenia_s_spectrum_is_the_serious_mental_illness_item(words):
    assert rules(words) == [("other_conditions", ["mental_illness"], [], False)]


@pytest.mark.parametrize(
    "words",
    [
        "Psychotic symptoms",
        "History of a psychotic episode",
        "Actively displaying psychotic symptoms",
        "伴有精神病性症状者",
    ],
    ids=not_ascii_ids,
)
def test_psychotic_symptoms_or_an_episode_are_the_serious_mental_illness_item_for_the_study_team(words):
    """Symptoms or one episode are not always an illness a doctor named: a patient who ticks the item is asked."""
    assert rules(words) == [("other_conditions", [], ["mental_illness"], False)]


@pytest.mark.parametrize(
    "words",
    [
        "First degree relative with a psychotic disorder",
        "Family history of schizophrenia spectrum disorder",
        "一级亲属有精神分裂症谱系障碍",
    ],
    ids=not_ascii_ids,
)
def test_a_relative_s_psychotic_illness_is_not_the_patient_s(words):
    assert rules(words) == []


# 2. A weakened immune system in other spellings: the immunodeficiency item


@pytest.mark.parametrize(
    "words", ["Immunocompromized.", "Immuno-compromised patients", "免疫功能受损者"], ids=not_ascii_ids
)
def test_a_weakened_immune_system_in_other_spellings_is_the_immunodeficiency_item(words):
    assert rules(words) == [("other_conditions", ["immunodeficiency"], [], False)]


def test_not_immunocompromised_in_an_inclusion_takes_the_other_answers():
    assert rules("Not immunocompromized", "inclusion") == [("other_conditions", ["immunodeficiency"], [], True)]


def test_caring_for_someone_immunocompromised_is_not_the_patient_s_immune_system():
    assert rules("Caregivers of immuno-compromised patients") == []


# 3. An immune checkpoint inhibitor taken now: the cancer treatment item, for the study team


@pytest.mark.parametrize(
    "words",
    [
        "Patients receiving immune checkpoint inhibitor treatment",
        "Currently receiving nivolumab",
        "Ongoing therapy with a PD-1 inhibitor",
        "正在接受卡瑞利珠单抗治疗者",
        "正在使用免疫检查点抑制剂",
    ],
    ids=not_ascii_ids,
)
def test_a_checkpoint_inhibitor_taken_now_is_the_cancer_treatment_item_for_the_study_team(words):
    assert rules(words) == [("medicines_now", [], ["cancer_treatment"], False)]


@pytest.mark.parametrize(
    "words",
    [
        "PD-L1 expression ≥ 1%",
        "Prior treatment with an anti-PD-1 antibody",
        "既往接受过PD-1抑制剂治疗",
        "Immune checkpoint inhibitor therapy initiated within +/- 2 weeks of enrolment",
    ],
    ids=not_ascii_ids,
)
def test_a_biomarker_past_use_or_a_start_around_the_study_is_not_a_checkpoint_inhibitor_taken_now(words):
    assert all(question != "medicines_now" for question, *_ in rules(words))


# 4. Using an insulin pump: the insulin item, for the study team


@pytest.mark.parametrize(
    "words", ["Use of an insulin pump", "Patient on insulin pump", "使用胰岛素泵者"], ids=not_ascii_ids
)
def test_using_an_insulin_pump_is_the_insulin_item_for_the_study_team(words):
    assert rules(words) == [("medicines_now", [], ["insulin"], False)]


@pytest.mark.parametrize(
    "words",
    ["Neurostimulator, bladder stimulator, non-removable insulin pump", "Insulin pumps and nerve stimulators"],
)
def test_an_insulin_pump_named_as_an_implanted_device_is_not_a_medicine(words):
    assert rules(words) == []


# 5. "Patient is female": the sex question


@pytest.mark.parametrize(
    "words, sex",
    [
        ("Patient is female", "female"),
        ("Patient must be female", "female"),
        ("The patient is a female", "female"),
        ("Patients are male", "male"),
        ("患者为女性", "female"),
        ("受试者为男性", "male"),
    ],
    ids=not_ascii_ids,
)
def test_a_patient_said_to_be_of_one_sex_is_the_sex_question(words, sex):
    assert rules(words, "inclusion") == [("sex", [sex], [], False)]


@pytest.mark.parametrize("words", ["Patient is female or male", "Patient is female and postmenopausal"])
def test_a_longer_clause_about_the_patient_s_sex_is_not_the_sex_alone(words):
    assert all(question != "sex" for question, *_ in rules(words, "inclusion"))


# 6. An allergy "or severe reaction to" a medicine; a medicine in an allergy clause is not one taken now


@pytest.mark.parametrize(
    "words", ["Known allergy, or severe reaction to penicillin", "Known allergy, or serious reaction to any opioid"]
)
def test_an_allergy_or_a_severe_reaction_to_a_medicine_is_the_medicine_allergy_question(words):
    assert rules(words) == [("medicine_allergy", [], ["yes"], False)]


def test_an_allergy_or_a_severe_reaction_to_bee_stings_is_not_a_medicine_allergy():
    assert rules("Allergy, or severe reaction to bee stings") == []


@pytest.mark.parametrize(
    "words",
    [
        "No hypersensitivity (>= grade 3) to pembrolizumab and/or any of its excipients",
        "History of severe adverse reaction to beta-blockers",
        "已知对信迪利单抗、培美曲塞、顺铂、卡铂其活性成分和或任何辅料有的重度过敏反应(≥3级);",
    ],
    ids=not_ascii_ids,
)
def test_a_medicine_named_in_an_allergy_clause_is_not_a_medicine_taken_now(words):
    assert all(question != "medicines_now" for question, *_ in rules(words))


def test_a_medicine_taken_beside_an_allergy_to_another_is_still_taken():
    assert ("medicines_now", ["immunosuppressant"], [], False) in rules("使用免疫抑制剂者，或对青霉素过敏者")
