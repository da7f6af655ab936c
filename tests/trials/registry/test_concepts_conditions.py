"""Other illnesses and medical history a patient can answer (decision 0069), read in English and Chinese, each on
both sides of its boundary: heart rhythm and heart disease wordings, cancer named as a neoplasia or a malignant
disease, depression and other mental illnesses broader than the item, diabetes and its complications, blood clots,
nerve disease, an infection now, an infection's own test result, a kind of stroke or of pulmonary hypertension, any
illness on the list dated by a window, and a "without" that says when a finding excludes. The words are our own."""

import pytest

from tests.trials.registry.concept_readings import not_ascii_ids, rules
from trials import eligibility
from trials.registry import extraction
from trials.registry.drafting import drafts_for
from trials.registry.importing import ensure_questions


def drafted(words, kind="Exclusion"):
    text = f"{kind} Criteria:\n\n* {words}\n"
    [clause] = extraction.split_clauses(text)
    return [d for d in drafts_for(clause, text, ensure_questions()) if d.question_id]


def outcomes(draft, answers):
    draft.pk = draft.id = 1
    rule = draft.to_rule()
    return [str(eligibility.evaluate_criterion(rule, {draft.question.key: answer})) for answer in answers]


HEART = ["heart_disease", "heart_attack", "heart_failure", "unstable_angina", "arrhythmia"]


# 1. Heart rhythm and heart disease in other words


@pytest.mark.parametrize(
    "words",
    [
        "Complete heart block",
        "Third-degree atrioventricular block",
        "Known sick sinus syndrome",
        "Cardiac dysrhythmias",
        "既往有房室传导阻滞",
        "病态窦房结综合征",
    ],
    ids=not_ascii_ids,
)
def test_a_heart_block_or_a_dysrhythmia_is_the_irregular_heartbeat_item(words):
    assert rules(words) == [("other_conditions", ["arrhythmia"], [], False)]


@pytest.mark.parametrize("words", ["Resting heart rate below 45 beats per minute", "心率<50次/分"], ids=not_ascii_ids)
def test_a_slow_heart_rate_as_a_measurement_is_not_drafted_as_an_illness(words):
    assert rules(words) == []


def test_an_irregular_heartbeat_seen_on_an_ecg_is_left_to_the_study_team():
    assert rules("12-lead ECG at screening showing atrial flutter") == [("other_conditions", [], ["arrhythmia"], False)]


@pytest.mark.parametrize("words", ["Known cardiac history", "Cardio-vascular disease", "心脏疾患"], ids=not_ascii_ids)
def test_a_cardiac_history_is_any_heart_disease(words):
    assert rules(words) == [("other_conditions", HEART, [], False)]


def test_no_cardiac_history_in_an_inclusion_is_negated():
    assert rules("No cardiac history", "inclusion") == [("other_conditions", HEART, [], True)]


# 2. Cancer in other words


@pytest.mark.parametrize("words", ["Neoplastic disease", "Known neoplasia", "Oncological diseases", "恶性疾病史"])
def test_a_neoplasia_or_an_oncological_disease_is_a_cancer(words):
    assert rules(words) == [("cancer_history", ["within_5y", "minor_within_5y", "over_5y"], [], False)]


@pytest.mark.parametrize(
    "words", ["Cervical intraepithelial neoplasia grade 2", "Multiple endocrine neoplasia type 2", "宫颈上皮内瘤变"]
)
def test_a_precancer_or_an_inherited_neoplasia_syndrome_is_not_a_cancer(words):
    assert rules(words) == []


# 3. Mental illness broader than the item


@pytest.mark.parametrize("words", ["Clinical depression", "Generalised anxiety disorder", "抑郁症病史", "焦虑障碍"])
def test_depression_or_anxiety_in_an_exclusion_leaves_the_serious_mental_illness_item_to_the_study_team(words):
    assert rules(words) == [("other_conditions", [], ["mental_illness"], False)]


@pytest.mark.django_db
def test_a_patient_never_told_of_a_mental_illness_is_settled_and_one_who_was_is_asked_about():
    [draft] = drafted("Post-traumatic stress disorder")
    assert outcomes(draft, [["none"], ["mental_illness"]]) == ["met", "unknown"]


@pytest.mark.parametrize("words", ["Current depressive episode", "Diagnosis of panic disorder", "符合抑郁症诊断标准"])
def test_depression_a_patient_must_have_gives_no_draft_on_the_serious_mental_illness_item(words):
    """A patient with a mild depression may rightly answer no to a serious mental illness: requiring the item would
    close the trial to the very patients it wants."""
    assert rules(words, "inclusion") == []


@pytest.mark.parametrize("words", ["No history of depression", "无抑郁症病史"], ids=not_ascii_ids)
def test_no_depression_in_an_inclusion_is_an_exclusion_of_the_item_for_the_study_team(words):
    assert rules(words, "inclusion") == [("other_conditions", [], ["mental_illness"], True)]


@pytest.mark.parametrize(
    "words", ["Opioid-induced respiratory depression", "ST-segment depression on exercise testing"]
)
def test_a_depression_of_breathing_or_of_the_st_segment_is_not_a_mental_illness(words):
    assert rules(words) == []


# 4. Diabetes, its complications, and not diabetes


@pytest.mark.parametrize("words", ["Diabetic patients", "Diabetics"])
def test_a_diabetic_is_the_diabetes_item(words):
    assert rules(words) == [("other_conditions", ["diabetes"], [], False)]


@pytest.mark.parametrize("words", ["Proliferative diabetic retinopathy", "Diabetic foot ulcer", "糖尿病视网膜病变"])
def test_a_complication_of_diabetes_leaves_diabetes_to_the_study_team(words):
    assert rules(words) == [("other_conditions", [], ["diabetes"], False)]


def test_diabetic_kidney_disease_is_a_kidney_disease_and_diabetes_for_the_study_team():
    assert rules("糖尿病肾病") == [("other_conditions", ["kidney_disease"], ["diabetes"], False)]


@pytest.mark.parametrize("words", ["Non-diabetic adults", "Prediabetes", "糖尿病前期"], ids=not_ascii_ids)
def test_not_diabetic_or_prediabetes_is_not_drafted_as_diabetes(words):
    assert rules(words) == []


# 5. Blood clots, nerves, bleeding


@pytest.mark.parametrize("words", ["Venous thromboembolic disease", "Deep venous thrombosis", "下肢深静脉血栓"])
def test_a_venous_clot_in_other_words_is_the_blood_clot_item(words):
    assert rules(words) == [("other_conditions", ["blood_clot"], [], False)]


@pytest.mark.parametrize("words", ["Peripheral neuropathy", "多发性神经病"], ids=not_ascii_ids)
def test_a_nerve_disease_is_the_neurological_item_alone_not_its_kin(words):
    # decision 0083: a named nerve disease is a narrower kind of the item, which the study team judges
    assert rules(words) == [("other_conditions", [], ["neurological_disease"], False)]


def test_any_neurological_problem_is_the_item_and_its_kin():
    assert rules("Other neurological problems") == [
        (
            "other_conditions",
            ["neurological_disease", "epilepsy", "stroke", "dementia", "neuromuscular_disease"],
            [],
            False,
        )
    ]


# 6. An infection now, and an infection's own test result


@pytest.mark.parametrize("words", ["Ongoing infections", "Active bacterial infection", "活动性病毒感染"])
def test_an_ongoing_or_active_infection_is_an_infection_now(words):
    assert rules(words) == [("infection_now", ["yes"], [], False)]


def test_a_past_serious_infection_is_still_not_an_infection_now():
    assert rules("History of a serious infection") == []


@pytest.mark.parametrize(
    "words, negated",
    [
        ("HIV-negative adults", True),
        ("Known HIV-positive status", False),
        ("HIV检测结果阴性", True),
        ("HIV检测阳性", False),
    ],
    ids=["en-negative", "en-positive", "zh-negative", "zh-positive"],
)
def test_an_infection_s_own_test_result_says_whether_the_patient_has_it(words, negated):
    assert rules(words, "inclusion") == [("other_conditions", ["hiv"], [], negated)]


@pytest.mark.parametrize("words", ["HIV test at screening", "乙肝核心抗体阳性"], ids=not_ascii_ids)
def test_a_test_without_its_result_or_an_antibody_result_is_not_the_illness(words):
    assert rules(words) == []


# 7. A kind of stroke or of pulmonary hypertension, left to the study team


@pytest.mark.parametrize("words", ["Prior intracerebral haemorrhage", "脑出血病史"], ids=not_ascii_ids)
def test_a_bleed_in_the_brain_leaves_the_stroke_item_to_the_study_team(words):
    assert rules(words) == [("other_conditions", [], ["stroke"], False)]


@pytest.mark.django_db
def test_a_patient_who_never_had_a_stroke_is_settled_by_a_haemorrhagic_stroke_exclusion():
    [draft] = drafted("Haemorrhagic stroke at any time")
    assert outcomes(draft, [["none"], ["stroke"]]) == ["met", "unknown"]


def test_cteph_is_pulmonary_hypertension_for_the_study_team():
    assert rules("Inoperable CTEPH") == [("diagnoses", [], ["pulmonary_hypertension"], False)]


# 8. Any illness on the list dated by a window


@pytest.mark.parametrize(
    "words, item",
    [
        ("Uncontrolled hypertension in the last 2 months", "uncontrolled_hypertension"),
        ("Diabetes diagnosed within the past 3 years", "diabetes"),
        ("近3个月内有肝病", "liver_disease"),
    ],
    ids=["hypertension", "diabetes", "zh-liver"],
)
def test_an_illness_dated_by_a_window_leaves_its_item_to_the_study_team(words, item):
    assert rules(words) == [("other_conditions", [], [item], False)]


def test_an_illness_dated_ten_years_or_more_gets_no_draft():
    assert rules("Kidney disease within the past 12 years") == []


# 9. "Without" in an exclusion says when a finding excludes; "with or without" names neither side


def test_a_without_after_a_finding_in_an_exclusion_is_not_a_rule_of_its_own():
    assert rules("Atrioventricular block without a pacemaker") == [("other_conditions", ["arrhythmia"], [], False)]


def test_a_without_in_an_inclusion_still_negates():
    assert rules("Asthma without COPD", "inclusion") == [
        ("diagnoses", ["asthma"], [], False),
        ("diagnoses", ["copd"], [], True),
    ]


@pytest.mark.parametrize(
    "words", ["Stable COPD with or without long-term oxygen therapy", "Heart failure with/without diabetes"]
)
def test_with_or_without_something_gives_no_draft_on_it(words):
    assert all(
        question != "medicines_now" and not (question == "other_conditions" and "diabetes" in values)
        for question, values, _u, _n in rules(words, "inclusion")
    )


def test_a_negation_after_a_subject_at_the_opening_reaches_every_item_of_its_list():
    assert rules("Are not diabetic, hypertensive patients or on dialysis", "inclusion")[0][3] is True
    assert rules("Is not pregnant, breastfeeding", "inclusion") == [("pregnant_or_breastfeeding", ["yes"], [], True)]


@pytest.mark.parametrize("words", ["Known metastatic disease", "转移性肿瘤"], ids=not_ascii_ids)
def test_a_metastatic_disease_is_an_active_cancer_that_never_closes_on_an_old_one(words):
    assert rules(words) == [("cancer_history", [], ["within_5y", "minor_within_5y"], False)]


def test_measurable_disease_is_not_a_cancer_the_patient_is_asked_about():
    assert rules("Measurable disease per RECIST 1.1", "inclusion") == []


def test_an_illness_due_to_causes_other_than_one_named_is_a_narrower_kind_for_the_study_team():
    assert rules("Polyneuropathy due to causes other than diabetes") == [
        ("other_conditions", [], ["neurological_disease"], False)
    ]
    assert rules("Neurological disease of any cause") == [
        (
            "other_conditions",
            ["neurological_disease", "epilepsy", "stroke", "dementia", "neuromuscular_disease"],
            [],
            False,
        )
    ]


def test_a_severity_before_a_head_reaches_every_example_after_it():
    words = (
        "Clinically significant cardiac rhythm disorders, such as long QT syndrome, sick sinus syndrome or heart block"
    )
    assert rules(
        "Serious arrhythmias (for example ventricular tachycardia, sick sinus syndrome or atrial flutter)"
    ) == [("other_conditions", [], ["arrhythmia"], False)]
    assert all(not values for _q, values, _u, _n in rules(words))


def test_a_list_without_a_severity_before_its_head_is_drafted_as_listed():
    assert rules("Diabetes, heart block or peripheral neuropathy") == [
        ("other_conditions", ["diabetes", "arrhythmia"], ["neurological_disease"], False)  # a kind (decision 0083)
    ]


def test_a_cancer_of_one_organ_or_its_precancer_leaves_every_answer_to_the_study_team():
    assert rules("Ovarian premalignant or malignant disease") == [
        ("cancer_history", [], ["within_5y", "minor_within_5y", "over_5y"], False)
    ]


@pytest.mark.parametrize(
    "words",
    [
        "A CT scan that shows no evidence of a blood clot in the lungs",
        "An angiogram showing evidence of pulmonary embolism",
    ],
)
def test_what_an_imaging_test_shows_now_is_not_the_illness_ever(words):
    assert rules(words, "inclusion") == []


def test_no_evidence_of_an_illness_without_an_imaging_test_is_still_negated():
    assert rules("No evidence of venous thromboembolic disease", "inclusion") == [
        ("other_conditions", ["blood_clot"], [], True)
    ]
