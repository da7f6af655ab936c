"""The kinds of wrong concept drafts the fourth held-out sample found, read right in English and Chinese: a
negation over a list, alternatives, a lab abbreviation beside a bound, a note, an event of the study, a relative's
illness and one group's clause of a multi-group trial. Each is tested on both sides: the wrong reading is gone and
the plain clause still drafts. The words are our own, not the sample's."""

import pytest

from tests.trials.registry.concept_readings import rules

# 1. Negation over a list, "without" after a finding, and "no other type"


@pytest.mark.parametrize(
    "words",
    [
        "Free of chronic illnesses including asthma, epilepsy, coronary artery disease or kidney disease",
        "No history of kidney disease, epilepsy or a heart attack, nor any other chronic condition",
        "No epilepsy, or a diagnosis of kidney disease made by a nephrologist",
    ],
)
def test_an_inclusion_opening_with_a_negation_negates_every_illness_it_lists(words):
    found = rules(words, "inclusion")
    assert found and all(negated for *_, negated in found)


def test_a_plain_inclusion_of_an_illness_still_requires_it():
    assert rules("Diagnosis of epilepsy", "inclusion") == [("other_conditions", ["epilepsy"], [], False)]


def test_no_more_than_is_not_a_negation_of_what_follows():
    assert rules("No more than two seizures from epilepsy", "inclusion") != [
        ("other_conditions", ["epilepsy"], [], True)
    ]


@pytest.mark.parametrize(
    "words",
    [
        "Haemoglobin below 9 g/dL without kidney disease",
        "Platelets < 100 without liver cirrhosis or kidney disease",
        "血红蛋白低于90 g/L且无肾脏疾病",
    ],
)
def test_without_after_a_lab_finding_says_what_does_not_explain_it_and_gives_no_draft(words):
    assert rules(words) == []


def test_an_exclusion_without_a_finding_still_reads_its_negation():
    assert rules("Patients without kidney disease", "inclusion") == [("other_conditions", ["kidney_disease"], [], True)]


@pytest.mark.parametrize(
    "words",
    ["无其他类型的糖尿病，例如1型糖尿病", "No other types of diabetes (for example type 1 diabetes)"],
)
def test_no_other_type_of_an_illness_neither_requires_nor_excludes_the_trial_s_own_type(words):
    assert rules(words, "inclusion") == []


def test_plain_chinese_diabetes_is_still_read():
    assert rules("患有糖尿病") == [("other_conditions", ["diabetes"], [], False)]


# 2. Alternatives under a heading


ALTERNATIVES = "Inclusion Criteria:\n- Adults aged 40 or more\n- Has at least one of these conditions:\n"


@pytest.mark.parametrize(
    "before",
    [
        ALTERNATIVES,
        ALTERNATIVES + "- Epilepsy\n",
        "Inclusion Criteria:\n- Meets one or more of the following:\n- Kidney disease\n",
        "纳入标准：\n1. 符合以下任一条件：\n",
    ],
)
def test_an_item_of_alternatives_is_not_a_requirement_of_its_own(before):
    assert rules("Diabetes", "inclusion", before=before) == []


def test_an_inclusion_after_an_ordinary_heading_still_drafts():
    before = "Inclusion Criteria:\n- Adults aged 40 or more\n- Must have all of the following:\n"
    assert rules("Diabetes", "inclusion", before=before) == [("other_conditions", ["diabetes"], [], False)]


def test_an_exclusion_after_a_heading_of_alternatives_still_drafts():
    before = "Exclusion Criteria:\n- Any one of the following:\n"
    assert rules("Diabetes", "exclusion", before=before) == [("other_conditions", ["diabetes"], [], False)]


# 3. A lab abbreviation beside a bound


@pytest.mark.parametrize("words", ["TB ≤ 2.5 × ULN", "TB >2 ULN", "TB < 40 µmol/L", "TB（总胆红素）≤1.5×ULN"])
def test_a_lab_abbreviation_beside_a_bound_is_never_an_illness(words):
    assert rules(words, "inclusion") == []


@pytest.mark.parametrize("words", ["History of TB", "肺结核病史"])
def test_tuberculosis_without_a_bound_is_still_tuberculosis(words):
    assert rules(words) == [("other_conditions", ["tuberculosis"], [], False)]


# 4. Notes and explanations


@pytest.mark.parametrize(
    "words",
    [
        "Note: we aim to enrol 40 patients taking inhaled corticosteroids and 40 who are not",
        "注：计划入组30例使用吸入激素的哮喘患者",
        "Enrollment target of 50 subjects with diabetes",
    ],
)
def test_an_enrolment_note_gives_no_draft(words):
    assert rules(words) == []


def test_a_bracket_explaining_an_exclusion_adds_no_illness_of_its_own():
    words = "Breastfeeding (the study drug may cause kidney disease in infants, which is a known risk)"
    assert rules(words) == [("pregnant_or_breastfeeding", ["yes"], [], False)]


def test_a_bracket_of_examples_still_names_its_examples():
    assert rules("Chronic illness (e.g. diabetes, epilepsy)") == [
        ("other_conditions", ["diabetes", "epilepsy"], [], False)
    ]


# 5. During or after the study


@pytest.mark.parametrize(
    "words",
    [
        "Stroke following the surgery",
        "Heart attack after randomisation",
        "Oxygen use during the 2-week run-in period",
        "术后发生心肌梗死",
        "Postoperative stroke",
    ],
)
def test_something_during_or_after_the_study_is_not_the_patient_s_history(words):
    assert rules(words) == []


def test_a_past_heart_attack_is_still_read():
    assert rules("History of myocardial infarction") == [("other_conditions", ["heart_attack"], [], False)]


def test_planning_a_pregnancy_during_the_study_keeps_the_pregnancy():
    found = rules("Pregnancy or planning to become pregnant during the study")
    assert ("pregnant_or_breastfeeding", ["yes"], [], False) in found


# 6. Someone else's illness


@pytest.mark.parametrize(
    "words",
    [
        "A first-degree relative with epilepsy",
        "Parents or siblings who have had a stroke",
        "父母、兄弟姐妹有癫痫",
        "直系亲属患有精神分裂症",
    ],
)
def test_a_relative_s_illness_is_not_the_patient_s(words):
    assert rules(words) == []


def test_the_patient_s_own_illness_beside_a_relative_s_word_is_still_read():
    assert rules("Epilepsy") == [("other_conditions", ["epilepsy"], [], False)]


# 7. One group's clause in a multi-group trial


@pytest.mark.parametrize(
    "before",
    [
        "Inclusion Criteria:\n- Age 18-65\nCOPD group:\n",
        "Inclusion Criteria:\n- Age 18-65\nGroup 2 (OSA):\n- Age 40-70\n",
        "Inclusion Criteria:\n1. Age 18-65\n2. For asthma subjects only:\n",
        "Inclusion criteria\n1. Age 18-65\n   Specific for Healthy Volunteers\n",
        "Healthy controls:\nInclusion criteria:\n- Age 18-65\n",
        "纳入标准：\n1. 年龄18-65岁\n哮喘组：\n",
    ],
)
def test_a_clause_under_a_group_s_sub_heading_is_left_to_the_study_team(before):
    assert rules("Diagnosis of epilepsy", "inclusion", before=before) == []


@pytest.mark.parametrize(
    "before",
    [
        "Inclusion Criteria:\n- Age 18-65\n",
        "Inclusion Criteria:\n- Age 18-65\n- Treated in the intensive care unit\n",
        "纳入标准：\n1. 年龄18-65岁\n",
    ],
)
def test_a_clause_of_a_single_group_trial_still_drafts(before):
    assert rules("Diagnosis of epilepsy", "inclusion", before=before) == [("other_conditions", ["epilepsy"], [], False)]


def test_an_exclusion_under_a_group_s_sub_heading_leaves_the_illness_to_the_study_team():
    before = "Inclusion Criteria:\n- Age 18-65\nHealthy controls:\nExclusion criteria:\n"
    assert rules("Epilepsy", "exclusion", before=before) == [("other_conditions", [], ["epilepsy"], False)]
    assert rules("Pregnant", "exclusion", before=before) == [("pregnant_or_breastfeeding", [], ["yes"], False)]


def test_healthy_volunteers_as_an_inclusion_item_is_not_a_group_s_sub_heading():
    before = "Inclusion Criteria:\n  -  Healthy volunteers\n  -  Age 18 to 45\nExclusion Criteria:\n"
    assert rules("Epilepsy", "exclusion", before=before) == [("other_conditions", ["epilepsy"], [], False)]
