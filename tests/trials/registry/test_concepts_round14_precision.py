"""Yes/no drafts keep the exception, the reason, the group and the time the clause says (issue 21, decision record 0134).
Families of wrong drafts named by the twelfth held-out judgement (92 of 100 right, strict 68), each read by wording
family and each with its near miss, which keeps its draft, in English and in Chinese where the family exists in both:
an exception that opens the clause; the illness an operation was for; "other" before one cancer of a clause; one
group's criterion (beside a control group, or after "for patients with …:"); a condition on earlier cancers in an
inclusion; a tumour's bleeding; a past treatment's examples. The words are our own."""

import pytest

from tests.trials.registry.concept_readings import not_ascii_ids, rules
from trials.registry.concepts import matching

EVERY_CANCER = ["within_5y", "minor_within_5y", "over_5y"]


# 1. An exception that opens the clause leaves the item it may be to the study team


@pytest.mark.parametrize(
    "words",
    ["除外本次手术，既往接受过腹部手术", "除外本次手术，既往接受过腹部手术的患者"],
    ids=not_ascii_ids,
)
def test_an_exception_opening_the_clause_leaves_the_item_to_the_study_team(words):
    assert rules(words) == [("lung_procedures", [], ["abdominal_surgery"], False)]


@pytest.mark.parametrize("words", ["既往接受过腹部手术", "既往接受过腹部手术的患者"], ids=not_ascii_ids)
def test_without_an_exception_the_operation_stays_definite(words):
    assert rules(words) == [("lung_procedures", ["abdominal_surgery"], [], False)]


# 2. The illness an operation was for is not asked of the patient


@pytest.mark.parametrize(
    "words",
    [
        "Previous abdominal surgery for Crohn's disease",
        "Prior abdominal surgery for ulcerative colitis or Crohn's disease",
        "既往针对炎性肠病接受过腹部手术",
        "既往因炎性肠病行腹部手术，包括克罗恩病",
    ],
    ids=not_ascii_ids,
)
def test_the_illness_an_operation_was_for_gives_no_rule_the_operation_keeps_its_own(words):
    assert rules(words) == [("lung_procedures", ["abdominal_surgery"], [], False)]


@pytest.mark.parametrize(
    "words",
    ["Crohn's disease, or previous abdominal surgery", "炎性肠病或既往腹部手术"],
    ids=not_ascii_ids,
)
def test_an_illness_named_beside_an_operation_is_still_a_rule(words):
    assert {question for question, *_ in rules(words)} == {"other_conditions", "lung_procedures"}


# 3. "Other" before one cancer of a clause makes every cancer it names another


def test_other_before_the_first_cancer_spares_the_trials_own_cancer_for_each_cancer_named():
    words = "Other coexisting malignancies or malignancies diagnosed within the past 5 years"
    assert rules(words) == [("cancer_history", [], ["within_5y", "minor_within_5y"], False)]
    assert rules("Other malignancy within 5 years", own=frozenset({"lung_cancer"})) == [
        ("cancer_history", [], ["within_5y", "minor_within_5y"], False)
    ]


def test_without_other_or_in_a_trial_of_another_illness_a_cancer_stays_definite():
    words = "Malignancies diagnosed within the past 5 years"
    assert rules(words) == [("cancer_history", ["within_5y", "minor_within_5y"], [], False)]
    words = "Other coexisting malignancies or malignancies diagnosed within the past 5 years"
    assert rules(words, own=frozenset({"copd"})) == [("cancer_history", ["within_5y", "minor_within_5y"], [], False)]


@pytest.mark.parametrize("name", ["NSCLC", "Stage IV SCLC", "Non-small cell lung cancer", "肺癌"], ids=not_ascii_ids)
def test_a_lung_cancer_trial_named_by_its_short_name_is_a_lung_cancer_trial(name):
    assert "lung_cancer" in matching.concepts_named([name])


def test_the_short_name_is_read_in_the_trials_conditions_only_not_in_a_clause():
    assert matching.concepts_named(["COPD"]) == {"copd"}
    assert [question for question, *_ in rules("Histologically confirmed NSCLC", "inclusion")] == []


# 4. One group's criterion is not the whole trial's


@pytest.mark.parametrize(
    "words",
    [
        "Moderate obstructive sleep apnoea (AHI 15-30/h); age- and sex-matched control subjects",
        "Asthma diagnosed by a doctor, or healthy controls",
        "For patients with asthma: no oral steroids in the last month",
        "哮喘患者或健康对照",
    ],
    ids=not_ascii_ids,
)
def test_an_inclusion_naming_a_control_group_or_one_subgroup_gives_no_draft(words):
    assert rules(words, "inclusion") == []


def test_an_exclusion_naming_one_subgroup_leaves_its_items_to_the_study_team():
    assert rules("For patients with COPD: HIV infection") == [("other_conditions", [], ["hiv"], False)]
    assert rules("Control subjects with asthma") == [("diagnoses", [], ["asthma"], False)]


@pytest.mark.parametrize(
    "words", ["Moderate obstructive sleep apnoea (AHI 15-30/h)", "Patients with asthma diagnosed by a doctor"]
)
def test_a_clause_for_every_patient_keeps_its_draft(words):
    assert rules(words, "inclusion") != []
    assert rules("HIV infection") == [("other_conditions", ["hiv"], [], False)]


# 5. A condition on earlier cancers, in an inclusion, is no need of one


@pytest.mark.parametrize(
    "words",
    [
        "the patient has had curative treatment for all prior malignancies, and",
        "low risk of recurrence from any previous malignancy",
        "所有既往恶性肿瘤均已接受根治性治疗",
    ],
    ids=not_ascii_ids,
)
def test_a_condition_on_all_or_any_earlier_cancers_is_no_requirement(words):
    assert rules(words, "inclusion") == []


def test_under_a_heading_that_allows_some_patients_on_conditions_the_items_are_conditions():
    before = (
        "Inclusion Criteria:\n- A patient with an earlier cancer is eligible provided that all of these are met:\n- "
    )
    assert rules("History of malignancy", "inclusion", before=before) == []
    before = "Inclusion Criteria:\n- 既往恶性肿瘤患者可入组，但需满足以下条件：\n- "
    assert rules("恶性肿瘤病史", "inclusion", before=before) == []


def test_a_cancer_the_inclusion_asks_for_is_still_required():
    assert rules("History of malignancy", "inclusion") == [("cancer_history", EVERY_CANCER, [], False)]
    before = "Inclusion Criteria:\n- Patients are eligible if they meet all of the following criteria:\n- "
    assert rules("History of malignancy", "inclusion", before=before) == [("cancer_history", EVERY_CANCER, [], False)]


# 6. A tumour's bleeding is not a bleeding disorder


@pytest.mark.parametrize(
    "words",
    [
        "Significant bleeding tendency of the primary tumour",
        "Bleeding tendency in the target lesion",
        "肿瘤有明显出血倾向",
    ],
    ids=not_ascii_ids,
)
def test_bleeding_of_a_tumour_or_a_lesion_gives_no_bleeding_disorder_rule(words):
    assert rules(words) == []


@pytest.mark.parametrize("words", ["Significant bleeding tendency", "有出血倾向者"], ids=not_ascii_ids)
def test_a_bleeding_tendency_of_the_patient_is_still_a_bleeding_disorder(words):
    assert [question for question, *_ in rules(words)] == ["other_conditions"]


# 7. A past treatment's examples are past use, however far from the cue


def test_examples_of_a_past_treatment_are_past_use_not_a_medicine_taken_now():
    words = "Previous treatment targeting the epidermal growth factor receptor (e.g. gefitinib, erlotinib)"
    assert rules(words) == [("cancer_history", [], EVERY_CANCER, False)]
    lung = frozenset({"lung_cancer"})
    assert rules(words, own=lung) == [("lung_cancer_treatment", [], ["targeted_therapy"], False)]


def test_examples_of_a_current_treatment_stay_on_the_medicines_taken_now():
    words = "Current treatment targeting the epidermal growth factor receptor (e.g. gefitinib, erlotinib)"
    assert rules(words) == [("medicines_now", [], ["cancer_treatment"], False)]


def test_examples_after_a_treatment_read_as_past_use_are_past_use_too():
    words = (
        "Prior treatment with checkpoint blockade therapies, including anti-CTLA-4, anti-PD-1 or anti-PD-L1 antibodies"
    )
    assert [question for question, *_ in rules(words)] == ["cancer_history"]
    words = "Current treatment with checkpoint blockade therapies, including anti-PD-1 antibodies"
    assert [question for question, *_ in rules(words)] == ["medicines_now"]


def test_a_naive_treatment_named_before_naive_is_that_item_alone():
    lung = frozenset({"lung_cancer"})
    assert rules("Tyrosine kinase inhibitor (TKI) treatment naive", "inclusion", own=lung) == [
        ("lung_cancer_treatment", ["targeted_therapy"], [], True)
    ]
    assert rules("Treatment naive", "inclusion", own=lung) == [
        ("lung_cancer_treatment", ["chemotherapy", "immunotherapy", "targeted_therapy"], [], True)
    ]


# 8. Broader-but-right drafts narrowed where the item's words say a narrower kind


@pytest.mark.parametrize(
    "words",
    [
        "Patients with uncontrollable brain metastases",
        "Grade ≥2 pneumonitis on current imaging",
        "Clinically manifest cardiac disease",
    ],
)
def test_uncontrollable_clinically_manifest_and_a_grade_bound_leave_the_item_to_the_study_team(words):
    [(question, values, unsure, negated)] = rules(words)
    assert question == "other_conditions" and values == [] and unsure and not negated


@pytest.mark.parametrize("words", ["Patients with brain metastases", "Pneumonitis", "Cardiac disease"])
def test_the_plain_item_stays_definite(words):
    [(question, values, unsure, negated)] = rules(words)
    assert values and not unsure


@pytest.mark.parametrize("words", ["Current psychiatric diagnosis", "Current diagnosis of major depression"])
def test_a_mental_illness_now_leaves_the_ever_item_to_the_study_team(words):
    assert rules(words) == [("other_conditions", [], ["mental_illness"], False)]


@pytest.mark.parametrize(
    "words", ["Past or present psychiatric disease", "Current or history of psychiatric illness", "Psychiatric disease"]
)
def test_a_mental_illness_past_or_present_is_the_ever_item(words):
    assert rules(words) == [("other_conditions", ["mental_illness"], [], False)]


def test_an_illness_said_to_be_poorly_controlled_after_it_is_for_the_study_team():
    assert rules("Diabetes is poorly controlled") == [("other_conditions", [], ["diabetes"], False)]
    assert rules("Diabetes") == [("other_conditions", ["diabetes"], [], False)]


# 9. What else the dev samples of this round found


def test_a_sign_and_a_time_after_an_event_at_the_clause_s_end_is_a_look_back():
    assert rules("Respiratory infection ≤ 4 weeks") == [("days_since_respiratory_infection", [], [], False)]
    assert rules("Respiratory infection") == [("infection_now", ["yes"], [], False)]
    assert rules("< 25 weeks pregnant", "inclusion") == [("pregnant_or_breastfeeding", ["yes"], [], False)]


@pytest.mark.parametrize(
    "words", ["Previous immunotherapy (5 years) with mites", "Allergen immunotherapy within the last 2 years"]
)
def test_immunotherapy_with_an_allergen_is_no_cancer_treatment_in_any_trial(words):
    assert rules(words) == []


def test_immunotherapy_alone_outside_an_allergy_trial_is_still_a_cancer_treatment():
    assert rules("Previous immunotherapy") == [("cancer_history", [], EVERY_CANCER, False)]


@pytest.mark.parametrize(
    "words", ["Regular consumer of soft drug (cannabis) or hard drug (opioid)", "Use of illicit drugs such as opioids"]
)
def test_a_medicine_named_as_a_recreational_drug_is_no_medicine_taken(words):
    assert "medicines_now" not in [question for question, *_ in rules(words)]


def test_a_medicine_taken_is_still_one():
    assert rules("Regular use of opioids") == [("medicines_now", ["opioid"], [], False)]


def test_an_illness_that_dates_another_is_no_criterion():
    assert rules("Major depressive disorder before onset of stroke") == [
        ("other_conditions", ["mental_illness"], [], False)
    ]
    assert rules("Major depressive disorder or stroke") == [
        ("other_conditions", ["mental_illness", "stroke"], [], False)
    ]


def test_the_illness_of_someone_cared_for_is_not_the_carers():
    assert rules("Any person who has provided care to a cancer patient", "inclusion") == []
    assert rules("Any person who has had cancer", "inclusion") != []


def test_an_illness_a_treatment_word_is_for_gives_no_rule_even_when_the_treatment_gives_none():
    assert "diagnoses" not in [
        q for q, *_ in rules("No prior biologic therapy for non-small cell lung cancer", "inclusion")
    ]
    assert rules("Previous treatment for asthma") == []
    assert rules("Not receiving treatment for tuberculosis", "inclusion") != []
    assert rules("History of asthma") == [("diagnoses", ["asthma"], [], False)]


def test_a_treatment_offered_is_no_use():
    assert rules("Patient has been offered CPAP and has refused or failed to continue it", "inclusion") == []
    assert rules("Patients on CPAP treatment", "inclusion") == [("medicines_now", ["home_ventilation"], [], False)]
