"""Round thirteen (issue 21, decision record 0126): earlier treatment of a lung cancer, in a lung-cancer trial.

- A new list question, `lung_cancer_treatment` ("Have you had any of these treatments for this lung cancer yet?":
  chemotherapy, immunotherapy, targeted tablets, radiotherapy, none of these, I don't know), asked only of patients
  whose diagnoses hold lung cancer, on the treatments screen, so a COPD patient never sees it.
- In a trial whose own conditions name lung cancer, cancer treatment had in the past with no time ("Prior EGFR TKI
  therapy", "Prior chemotherapy", "既往接受过免疫检查点抑制剂治疗", "No prior systemic therapy", "treatment-naive",
  "既往未接受过系统治疗") is that question's item its words name; "systemic therapy" and "treatment-naive" mean the
  medicine items (chemotherapy, immunotherapy, targeted tablets), a cancer treatment named in general every item.
- Precision: a time (a wash-out: "Chemotherapy within 4 weeks"), a clause about another illness ("autoimmune disease
  requiring systemic therapy"), "systemic therapy" without a past ("requiring systemic therapy") and a trial that is
  not about lung cancer keep their reading. Narrowing words ("for metastatic disease", a line, adjuvant, an
  exception, a stage) leave the items to the study team; an inclusion that requires a narrowed treatment ("Disease
  progression after prior EGFR-TKI treatment") is not read as any treatment on the new question.
- EGFR, ALK and ROS1 targeted tablets (EGFR-TKI, osimertinib, 奥希替尼 …) and immune checkpoint inhibitors had in the
  past are cancer treatment had (the cancer question, for the study team) outside a lung-cancer trial, as
  chemotherapy had is; taken now they are the cancer-treatment item for the study team.

The words are our own or the registry's standard lines."""

import dataclasses

import pytest

from tests.trials.registry.concept_readings import (
    assert_items_labelled_and_in_the_glossary,
    drafted,
    not_ascii_ids,
    rules,
)
from trials import eligibility, screens
from trials.eligibility import Verdict
from trials.registry.concepts import matching
from trials.registry.importing import IMPORT_QUESTION_KEYS, ensure_questions

LUNG_CANCER = matching.concepts_named(["Non-small Cell Lung Cancer"])
COPD = matching.concepts_named(["COPD"])
MEDICINES = ["chemotherapy", "immunotherapy", "targeted_therapy"]
Q = "lung_cancer_treatment"


def in_lung_cancer_trial(words, kind="exclusion"):
    return [r for r in rules(words, kind, own=LUNG_CANCER) if r[0] == Q]


# 1. Past treatment in a lung-cancer trial is the item the words name


@pytest.mark.parametrize(
    "words, codes",
    [
        ("Prior EGFR TKI therapy.", ["targeted_therapy"]),
        ("Previous treatment with osimertinib", ["targeted_therapy"]),
        ("Prior treatment with an ALK inhibitor", ["targeted_therapy"]),
        ("Prior treatment with anti-PD-1, anti-PD-L1 or anti-CTLA-4 antibody", ["immunotherapy"]),
        ("Has received prior immunotherapy", ["immunotherapy"]),
        ("Prior chemotherapy", ["chemotherapy"]),
        ("Prior radiotherapy", ["radiotherapy"]),
        ("Received prior anticancer therapy", [*MEDICINES, "radiotherapy"]),
        ("既往接受过免疫检查点抑制剂治疗。", ["immunotherapy"]),
        ("既往接受过EGFR-TKI治疗", ["targeted_therapy"]),
        ("既往使用过奥希替尼", ["targeted_therapy"]),
        ("既往接受过化疗", ["chemotherapy"]),
    ],
    ids=not_ascii_ids,
)
def test_a_past_treatment_in_an_exclusion_is_the_item_it_names(words, codes):
    assert in_lung_cancer_trial(words) == [(Q, codes, [], False)]


@pytest.mark.parametrize(
    "words, codes",
    [
        ("No prior systemic therapy", MEDICINES),
        ("No prior systemic anti-cancer therapy", MEDICINES),
        ("既往未接受过系统抗肿瘤治疗", MEDICINES),
        ("Treatment-naive patients", MEDICINES),
        ("Chemotherapy-naive", ["chemotherapy"]),
        ("既往未接受过系统治疗", MEDICINES),
        ("初治患者", MEDICINES),
    ],
    ids=not_ascii_ids,
)
def test_no_treatment_yet_in_an_inclusion_is_the_items_negated(words, codes):
    assert in_lung_cancer_trial(words, "inclusion") == [(Q, codes, [], True)]


@pytest.mark.parametrize(
    "words, code",
    [
        ("Previously received 3rd generation EGFR TKI", "targeted_therapy"),
        ("既往接受过三代EGFR-TKI治疗", "targeted_therapy"),
        (
            "Prior radiotherapy to the region of the study cancer that would result in clinically significant overlap "
            "of radiation therapy fields.",
            "radiotherapy",
        ),
    ],
    ids=not_ascii_ids,
)
def test_one_generation_of_a_medicine_or_one_region_irradiated_is_the_item_for_the_study_team(words, code):
    assert in_lung_cancer_trial(words) == [(Q, [], [code], False)]


def test_a_required_past_treatment_in_an_inclusion_is_the_item():
    assert in_lung_cancer_trial("Must have received prior EGFR TKI", "inclusion") == [
        (Q, ["targeted_therapy"], [], False)
    ]


# 2. Narrowed: the study team judges, or no reading on the new question


@pytest.mark.parametrize(
    "words, codes",
    [
        ("No prior systemic therapy for metastatic NSCLC.", MEDICINES),
        ("Previously untreated stage IV NSCLC", MEDICINES),
        (
            "No prior systemic therapy (patients with prior adjuvant chemotherapy could enter if progression occurred "
            "more than 6 months after the last treatment)",
            MEDICINES,
        ),
        ("既往未接受过针对晚期疾病的系统治疗", MEDICINES),
        ("For advanced disease, no prior systemic therapy", MEDICINES),
    ],
    ids=not_ascii_ids,
)
def test_a_narrowed_no_treatment_leaves_the_items_to_the_study_team(words, codes):
    [(question, values, uncertain, negated)] = in_lung_cancer_trial(words, "inclusion")
    assert (question, values, negated) == (Q, [], True)
    assert set(codes) <= set(uncertain)


@pytest.mark.parametrize(
    "words",
    [
        "Prior platinum-based chemotherapy for advanced disease",
        "既往接受过一线含铂化疗",
        "Participants with malignant pleural effusion underwent intrapleural injection chemotherapy",
        "既往接受过胸腔灌注化疗",
    ],
    ids=not_ascii_ids,
)
def test_a_narrowed_past_treatment_in_an_exclusion_is_the_item_for_the_study_team(words):
    [(question, values, uncertain, negated)] = in_lung_cancer_trial(words)
    assert (question, values, uncertain, negated) == (Q, [], ["chemotherapy"], False)


@pytest.mark.parametrize(
    "words",
    [
        "Disease progression after prior EGFR-TKI treatment",
        "Must have received at least one prior line of chemotherapy",
        "既往接受过一线含铂化疗后进展",
    ],
    ids=not_ascii_ids,
)
def test_a_narrowed_required_treatment_in_an_inclusion_is_not_the_new_question(words):
    assert in_lung_cancer_trial(words, "inclusion") == []


# 3. What keeps its reading


@pytest.mark.parametrize(
    "words",
    [
        "Chemotherapy within 4 weeks before the first dose",
        "化疗结束不足4周",
        "Active autoimmune disease requiring systemic therapy",
        "Autoimmune disease that has received systemic treatment",
        "Interstitial lung disease that has received systemic treatment",
        "间质性肺疾病既往接受过系统治疗",
        "Autoimmune disease that has received systemic treatment in the past",
        "Patients currently receiving osimertinib",
        "Systemic therapy is planned during the study",
    ],
    ids=not_ascii_ids,
)
def test_a_wash_out_another_illness_or_a_treatment_now_is_not_the_new_question(words):
    assert in_lung_cancer_trial(words) == []


def test_outside_a_lung_cancer_trial_the_past_treatment_is_the_cancer_question():
    assert [r for r in rules("Prior EGFR TKI therapy.", own=COPD) if r[0] == Q] == []
    assert rules("Prior chemotherapy", own=COPD) == [
        ("cancer_history", [], ["within_5y", "minor_within_5y", "over_5y"], False)
    ]
    assert rules("Prior EGFR TKI therapy.") == rules("Prior chemotherapy")
    assert rules("既往接受过免疫检查点抑制剂治疗。") == rules("既往接受过化疗")
    # decision 0126 moves this line of test_concepts.py: a checkpoint inhibitor had is cancer treatment had (0071)
    assert rules("3 | 曾接受抗PD-1 或PD-L1、CTLA-4 单抗等治疗的患者; |") == rules("既往接受过化疗")
    assert rules("No prior systemic therapy", "inclusion") == []
    assert rules("Treatment-naive patients", "inclusion") == []


@pytest.mark.parametrize("words", ["Currently taking osimertinib", "正在服用奥希替尼"], ids=not_ascii_ids)
def test_a_targeted_tablet_taken_now_is_the_cancer_treatment_item_for_the_study_team(words):
    assert rules(words) == [("medicines_now", [], ["cancer_treatment"], False)]


@pytest.mark.parametrize(
    "words",
    [
        "Has acquired resistance to EGFR tyrosine kinase inhibitor (TKI) according to the Jackman criteria",
        "Available to receive lazertinib either orally or by nasogastric tube",
        "Radiological documentation of disease progression while on continuous treatment with gefitinib or erlotinib",
    ],
)
def test_a_targeted_tablet_named_in_an_inclusion_is_no_requirement_to_take_it_now(words):
    assert [r for r in rules(words, "inclusion", own=LUNG_CANCER) if r[0] == "medicines_now"] == []


def test_the_absorption_of_a_targeted_tablet_is_no_use_of_it():
    words = "Refractory nausea and vomiting or previous significant bowel resection that would preclude adequate absorption of afatinib"
    assert [r for r in rules(words) if r[0] == "medicines_now"] == []


@pytest.mark.parametrize(
    "words", ["面部皮肤疾病,需要进行局部或全身治疗的患者", "需要全身治疗的活动性自身免疫性疾病"], ids=not_ascii_ids
)
def test_whole_body_treatment_of_another_illness_is_no_cancer_treatment_name(words):
    assert all(m.concept.key != "systemic_cancer_therapy" for m in matching.find(words))


@pytest.mark.parametrize(
    "words",
    [
        "TRACK II AT REGISTRATION: No prior chemotherapy for NSCLC",
        "TRACK I: No prior chemotherapy for lung cancer",
        "Cohort 2 at randomization: no prior immunotherapy",
    ],
)
def test_a_clause_labelled_for_one_track_or_cohort_is_that_groups(words):
    assert rules(words, "inclusion", own=LUNG_CANCER) == []


@pytest.mark.parametrize("words", ["Fast-track surgery patients with asthma", "No prior chemotherapy for NSCLC"])
def test_a_track_that_is_no_groups_label_leaves_the_clause_to_be_read(words):
    assert rules(words, "inclusion", own=LUNG_CANCER) != []


@pytest.mark.parametrize(
    "words", ["Patients with any concurrent systemic anticancer therapy.", "正在接受系统抗肿瘤治疗"], ids=not_ascii_ids
)
def test_systemic_cancer_treatment_now_stays_the_cancer_treatment_item(words):
    assert rules(words, own=LUNG_CANCER) == [("medicines_now", ["cancer_treatment"], [], False)]


def test_an_untreated_illness_that_is_not_named_so_is_no_treatment_naivety():
    assert in_lung_cancer_trial("Untreated hypertension", "exclusion") == []


# 4. The question, its screen and the engine


@pytest.mark.django_db
def test_the_question_is_asked_only_of_lung_cancer_patients_on_the_treatments_screen():
    questions = ensure_questions()
    question = questions[Q]
    assert Q in IMPORT_QUESTION_KEYS
    assert question.prompt and question.prompt_zh_hans and question.help_text_zh_hans
    assert question.allow_dont_know
    assert (question.asked_only_if.key, question.asked_only_if_codes) == ("diagnoses", ["lung_cancer"])
    assert question.implied_answer == "none"
    assert Q in screens.screen("treatments").questions
    assert screens.items_needed_only(Q)


@pytest.mark.django_db
def test_a_patient_who_had_immunotherapy_is_excluded_one_never_treated_matches_and_a_copd_patient_is_not_asked():
    questions = ensure_questions()
    infos = {key: q.to_info() for key, q in questions.items()}
    parts = [*drafted("Prior immunotherapy", "exclusion", LUNG_CANCER)]
    parts += drafted("No prior systemic therapy", "inclusion", LUNG_CANCER)
    trial = eligibility.TrialRules("nsclc", tuple(dataclasses.replace(d.to_rule(), id=n) for n, d in enumerate(parts)))
    treated = {"diagnoses": ["lung_cancer"], Q: ["immunotherapy"]}
    untreated = {"diagnoses": ["lung_cancer"], Q: ["none"]}
    assert eligibility.evaluate([trial], treated, infos)[0].verdict is Verdict.NO_MATCH
    assert eligibility.evaluate([trial], untreated, infos)[0].verdict is Verdict.MATCH
    radiated = {"diagnoses": ["lung_cancer"], Q: ["radiotherapy"]}
    assert eligibility.evaluate([trial], radiated, infos)[0].verdict is Verdict.MATCH
    walk = eligibility.Catalogue([trial], infos).walk({"diagnoses": ["copd"]})
    assert Q not in walk.path and Q not in (walk.next_screen or ())


@pytest.mark.django_db
def test_every_new_item_has_an_english_and_a_chinese_label_and_a_glossary_row():
    assert_items_labelled_and_in_the_glossary(
        {Q: ["chemotherapy", "immunotherapy", "targeted_therapy", "radiotherapy", "none"]},
        ("化疗", "免疫治疗", "靶向药", "放疗（放射治疗）", "肺癌已接受的治疗"),
    )
