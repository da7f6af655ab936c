"""The fifth round's general rules and vocabulary, read in English and Chinese, each on both sides: a lung disease
named without its exception takes the trial's own conditions as the exception (or none), a severity before a lung
diagnosis leaves it to the study team, and illnesses, medicines and procedures the vocabulary did not know. The
words are our own."""

import pytest

from tests.trials.registry.concept_readings import not_ascii_ids, rules
from trials.registry.concepts import matching

LUNG = ["copd", "ild", "ipf", "asthma", "bronchiectasis", "cystic_fibrosis", "pulmonary_hypertension"]
LUNG += ["sarcoidosis", "lung_cancer", "other"]


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


# 2. A severity before a lung diagnosis in an exclusion


@pytest.mark.parametrize(
    "words, code",
    [
        ("Severe asthma", "asthma"),
        ("Post-capillary pulmonary hypertension", "pulmonary_hypertension"),
        ("重度慢阻肺", "copd"),
    ],
    ids=not_ascii_ids,
)
def test_a_severe_or_narrower_lung_diagnosis_leaves_the_diagnosis_to_the_study_team(words, code):
    assert rules(words) == [("diagnoses", [], [code], False)]


def test_a_plain_lung_diagnosis_still_excludes_it():
    assert rules("Asthma") == [("diagnoses", ["asthma"], [], False)]


# 3. Organ words in a list before one head noun

HEART = ["heart_disease", "heart_attack", "heart_failure", "unstable_angina", "arrhythmia"]


@pytest.mark.parametrize(
    "words, values",
    [
        ("History of cardiac, renal or hepatic disease", [*HEART, "kidney_disease", "liver_disease"]),
        ("History of renal, hepatic or psychiatric disorders", ["kidney_disease", "liver_disease", "mental_illness"]),
        ("Hepatic or endocrine disease", ["liver_disease"]),
        ("心、肝、肾疾病", [*HEART, "liver_disease", "kidney_disease"]),
    ],
    ids=not_ascii_ids,
)
def test_each_organ_word_of_a_list_before_one_disease_is_that_organ_s_illness(words, values):
    assert rules(words) == [("other_conditions", values, [], False)]


@pytest.mark.parametrize(
    "words",
    [
        "Clinically significant cardiac, renal or hepatic disease",
        "严重的心、肝、肾疾病",
        "Unstable or deteriorating cardiac or renal disease",
    ],
    ids=not_ascii_ids,
)
def test_a_severity_before_an_organ_list_leaves_every_organ_to_the_study_team(words):
    [(question, values, uncertain, negated)] = rules(words)
    assert values == [] and {"heart_disease", "kidney_disease"} <= set(uncertain)


@pytest.mark.parametrize(
    "words",
    [
        "Abnormal kidney or liver function",
        "Adequate kidney, liver and bone marrow values",
        "Cognitive, neurological or psychiatric condition that prevents participation in the study",
    ],
)
def test_organ_words_before_a_function_a_value_or_what_qualifies_something_else_are_not_illnesses(words):
    assert rules(words) == []


def test_a_negation_before_an_organ_list_negates_every_organ():
    assert rules("No history of cardiac, renal or hepatic disease", "inclusion") == [
        ("other_conditions", [*HEART, "kidney_disease", "liver_disease"], [], True)
    ]


# 4. A time after a list of events dates each of them


@pytest.mark.parametrize(
    "words", ["Stroke or myocardial infarction within 6 months", "6个月内发生过脑卒中或心肌梗死"], ids=not_ascii_ids
)
def test_a_time_after_two_events_bounds_the_days_since_each(words):
    found = {(question, upper) for question, *_rest, upper in _bounds(words)}
    assert found == {("days_since_stroke", 183), ("days_since_heart_attack", 183)}


def test_an_event_without_a_time_after_it_is_still_the_illness_ever():
    assert rules("Stroke or epilepsy") == [("other_conditions", ["stroke", "epilepsy"], [], False)]


def test_a_time_of_a_planned_pregnancy_does_not_date_a_pregnancy_now():
    found = rules("Pregnant, breastfeeding, or planning to become pregnant within one year")
    assert ("pregnant_or_breastfeeding", ["yes"], [], False) in found


def _bounds(words):
    return [(p.question, p.lower, p.upper) for p in matching.proposals(words, "exclusion")]


# 5. An inclusion with an alternative no question asks about


@pytest.mark.parametrize(
    "words",
    [
        "Ischaemic stroke (ICD-10 I63) or TIA",
        "缺血性脑卒中或短暂性脑缺血发作",
        "Diagnosis of PAH or sickle cell disease",
    ],
    ids=not_ascii_ids,
)
def test_an_inclusion_with_an_alternative_no_question_asks_about_gives_no_draft(words):
    assert rules(words, "inclusion") == []


def test_an_exclusion_with_such_an_alternative_still_excludes_what_it_can():
    assert rules("Ischaemic stroke or TIA") == [("other_conditions", ["stroke"], [], False)]


def test_an_inclusion_of_a_diagnosis_with_examples_of_its_kinds_still_requires_it():
    words = "Chronic interstitial lung disease such as UIP, NSIP or hypersensitivity pneumonitis"
    assert rules(words, "inclusion")[0][:2] == ("diagnoses", ["ild"])


# 6. Vocabulary


@pytest.mark.parametrize(
    "words, values",
    [
        ("Neurological diseases", ["neurological_disease", "epilepsy", "stroke", "dementia", "neuromuscular_disease"]),
        ("神经系统疾病", ["neurological_disease", "epilepsy", "stroke", "dementia", "neuromuscular_disease"]),
        ("Prior lung and/or heart transplantation", ["lung_transplant", "organ_transplant"]),
        ("Liver transplantation", ["organ_transplant"]),
        ("Psychiatric history", ["mental_illness"]),
        ("精神类疾病", ["mental_illness"]),
        ("Angina pectoris", ["heart_disease", "heart_attack", "unstable_angina"]),
        ("Cerebrovascular disease", ["stroke"]),
        ("心脑血管疾病", [*HEART, "stroke"]),
        ("Chronic viral hepatitis", ["hepatitis_b", "hepatitis_c"]),
        ("肝炎病毒感染", ["hepatitis_b", "hepatitis_c"]),
    ],
    ids=not_ascii_ids,
)
def test_illnesses_and_procedures_the_vocabulary_now_names(words, values):
    [(question, found, _uncertain, negated)] = rules(words)
    assert found == values and not negated


@pytest.mark.parametrize("words", ["Hepatitis", "肝炎"], ids=not_ascii_ids)
def test_hepatitis_of_no_kind_is_a_liver_disease_and_hepatitis_b_or_c_for_the_study_team(words):
    # decision 0083: hepatitis is a narrower kind of liver disease; a patient with a fatty liver is not excluded by it
    assert rules(words) == [("other_conditions", [], ["liver_disease", "hepatitis_b", "hepatitis_c"], False)]


def test_hepatitis_b_is_still_hepatitis_b_alone():
    assert rules("Active hepatitis B") == [("other_conditions", [], ["hepatitis_b"], False)]


@pytest.mark.parametrize(
    "words", ["Confirmed NTM pulmonary disease", "非结核分枝杆菌肺病", "Adults with NTM-PD"], ids=not_ascii_ids
)
def test_ntm_lung_disease_is_for_the_study_team_on_the_lung_conditions_a_patient_may_list_it_under(words):
    assert rules(words, "inclusion") == [("diagnoses", [], ["other", "bronchiectasis", "copd"], False)]


@pytest.mark.parametrize("words", ["Pulmonary tuberculosis", "肺结核"], ids=not_ascii_ids)
def test_tuberculosis_is_still_tuberculosis_not_ntm(words):
    assert rules(words) == [("other_conditions", ["tuberculosis"], [], False)]


# 7. The trial's own condition under a broader word, and the trial's own lung diagnosis, as drafts


def _drafts(text, conditions):
    from trials.registry import extraction
    from trials.registry.drafting import drafts_for
    from trials.registry.importing import ensure_questions

    [clause] = extraction.split_clauses(text)
    own = matching.concepts_named(conditions)
    return [d for d in drafts_for(clause, text, ensure_questions(), own_concepts=own) if d.question_id]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    ["Exclusion Criteria:\n\n* Any neurological disease\n", "排除标准：\n\n1. 神经系统疾病\n"],
    ids=["en", "zh"],
)
def test_a_parkinson_s_trial_leaves_the_neurological_item_to_the_study_team_and_excludes_its_kin(text):
    [draft] = _drafts(text, ["Parkinson Disease"])
    assert "neurological_disease" in draft.uncertain_values and "neurological_disease" not in draft.values
    assert "epilepsy" in draft.values


@pytest.mark.django_db
def test_a_trial_of_something_else_still_excludes_the_neurological_item():
    [draft] = _drafts("Exclusion Criteria:\n\n* Neurological disease\n", ["Asthma"])
    assert "neurological_disease" in draft.values


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    ["Exclusion Criteria:\n\n* Other respiratory diseases\n", "排除标准：\n\n1. 其他呼吸系统疾病\n"],
    ids=["en", "zh"],
)
def test_a_copd_trial_s_other_respiratory_diseases_leave_the_other_lung_diagnoses_to_the_study_team(text):
    [draft] = _drafts(text, ["Chronic Obstructive Pulmonary Disease"])
    assert draft.question.key == "diagnoses" and draft.values == []
    assert "asthma" in draft.uncertain_values and "copd" not in draft.uncertain_values


@pytest.mark.django_db
def test_a_trial_studying_no_lung_disease_leaves_another_respiratory_disease_to_the_study_team_without_a_draft():
    assert _drafts("Exclusion Criteria:\n\n* Other respiratory diseases\n", ["Heart Failure"]) == []


# 8. More of the same kinds, found on dev after the samples


def test_a_negation_before_a_long_chinese_organ_list_negates_every_organ_in_it():
    [(question, values, uncertain, negated)] = rules(
        "受试者无心、肝、肾、神经系统、精神及代谢异常等疾病史。", "inclusion"
    )
    assert negated and {"heart_disease", "kidney_disease", "neurological_disease", "mental_illness"} <= set(values)


def test_a_chinese_organ_list_followed_by_a_severity_leaves_each_organ_to_the_study_team():
    [(question, values, uncertain, negated)] = rules("有心血管、肝、肾、消化道、神经系统等严重疾病病史;")
    assert values == [] and {"heart_disease", "liver_disease", "neurological_disease"} <= set(uncertain)


def test_organ_words_without_an_item_do_not_count_against_a_list_that_names_items():
    words = (
        "History of hepatic, renal, endocrine, gastrointestinal, haematological, musculoskeletal or psychiatric disease"
    )
    [(question, values, uncertain, negated)] = rules(words)
    assert values == ["liver_disease", "kidney_disease", "mental_illness"]


@pytest.mark.parametrize("words", ["Stage 1 pulmonary sarcoidosis", "Pulmonary sarcoidosis"])
def test_pulmonary_before_a_lung_diagnosis_is_not_an_exception(words):
    assert rules(words)[0][0] == "diagnoses"


@pytest.mark.parametrize(
    "words", ["Pulmonary (arterial) hypertension", "portal hypertension", "肺动脉高压"], ids=not_ascii_ids
)
def test_a_hypertension_of_the_lungs_or_the_liver_is_not_high_blood_pressure(words):
    assert all(question != "other_conditions" for question, *_ in rules(words))


@pytest.mark.parametrize(
    "words, uncertain",
    [
        ("Allergic bronchopulmonary aspergillosis (ABPA)", ["other", "asthma", "cystic_fibrosis", "bronchiectasis"]),
        ("过敏性支气管肺曲霉病", ["other", "asthma", "cystic_fibrosis", "bronchiectasis"]),
        ("Pulmonary veno-occlusive disease", ["pulmonary_hypertension"]),
    ],
    ids=not_ascii_ids,
)
def test_rarer_lung_diseases_are_for_the_study_team_on_the_lung_conditions_they_are_listed_under(words, uncertain):
    assert rules(words) == [("diagnoses", [], uncertain, False)]


def test_no_pulmonary_comorbidity_to_enter_a_copd_trial_excludes_the_other_lung_diagnoses_for_the_study_team():
    [(question, values, uncertain, negated)] = rules(
        "Absence of pulmonary comorbidity", "inclusion", own=frozenset({"copd"})
    )
    assert negated and values == [] and "copd" not in uncertain and "asthma" in uncertain


@pytest.mark.parametrize(
    "words, question, values",
    [
        ("Currently on targeted PAH therapy", "medicines_now", ["pah_medicine"]),
        ("正在使用肺动脉高压靶向药物", "medicines_now", ["pah_medicine"]),
        ("Diagnosed cognitive dysfunction", "other_conditions", ["dementia"]),
        ("认知功能障碍", "other_conditions", ["dementia"]),
        ("Daytime oxygen", "medicines_now", ["long_term_oxygen"]),
    ],
    ids=not_ascii_ids,
)
def test_more_names_of_medicines_and_illnesses_patients_know(words, question, values):
    assert rules(words) == [(question, values, [], False)]


def test_targeted_therapy_alone_is_still_a_cancer_treatment():
    assert rules("Targeted therapy") == [("medicines_now", ["cancer_treatment"], [], False)]


@pytest.mark.parametrize(
    "words", ["Not available for haematopoietic stem cell transplantation", "Eligible for lung transplantation"]
)
def test_being_eligible_or_available_for_a_procedure_is_not_having_had_it(words):
    assert rules(words, "inclusion") == []


def test_a_lung_transplant_had_is_still_read():
    assert rules("History of lung transplantation") == [("lung_procedures", ["lung_transplant"], [], False)]


@pytest.mark.parametrize(
    "words",
    [
        "cardiac" + " " * 10_000,
        "cardiac, " * 20_000,
        "心、" * 20_000,
        "无心、肝、肾疾病，" * 5_000,
        "renal or " * 20_000,
    ],
    ids=["spaces", "commas", "chinese", "negated lists", "or"],
)
def test_organ_lists_on_hostile_text_never_raise(words):
    """Their time is measured, not judged here: `bench/bench_extraction.py` reads the same inputs."""
    assert isinstance(matching.proposals(words, "exclusion"), list)
