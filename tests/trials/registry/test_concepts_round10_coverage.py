"""Round ten's coverage (issue 21, decision record 0105): things a patient knows about themselves, asked as items of
lists the questionnaire already shows, so no new screen.

- Poor circulation in the legs (peripheral vascular or arterial disease) and osteoporosis are items of the
  other-illnesses list; "cognitively impaired" and a neurocognitive disorder are its dementia item.
- A medicine prescribed by a doctor, herbal (traditional Chinese) medicines and dietary supplements are items of the
  medicines-taken-now list. "Any prescription medicine" stands for every item that is one (aspirin, an NSAID and a cancer
  treatment may not be prescribed: for the study team). A use within a month ("within 14 days before dosing",
  "14天内使用过") is the item taken now; a longer time, or a past use with no time, gives no draft. A medicine bought
  without a prescription (非处方药) is not a prescription medicine. One named supplement (probiotics, vitamin D, iron)
  or one way of using herbs (on the skin, by injection) is the item for the study team.
- A blood transfusion and giving blood (or losing a lot of it) in the last 3 months are items of the operations and
  treatments list, read only with a time up to 3 months; the amount and the exact time are for the study team.
- A learning (intellectual) disability or a developmental delay is an item of the other-illnesses list ("mental
  retardation", "精神发育迟滞"); a "learning disability", which may be a specific one such as dyslexia, is for the study
  team.
- An allergy to methacholine (the drug of a bronchial challenge test) and an "allergic history to" a medicine are the
  medicine-allergy question.
- A fever is the infection-now question for the study team; hay fever, rheumatic fever, a fever with neutropenia and a
  fever some time ago are not a fever now.

The words are our own, in the registry's manner."""

import pytest

from tests.trials.registry.concept_readings import (
    assert_items_labelled_and_in_the_glossary,
    drafted_exclusions,
    not_ascii_ids,
    rules,
    study_excluding,
)
from trials import eligibility
from trials.eligibility import Verdict
from trials.registry.importing import ensure_questions

NEW_ITEMS = {
    "other_conditions": {"peripheral_vascular_disease", "osteoporosis", "intellectual_disability"},
    "medicines_now": {"prescription_medicine", "herbal_medicine", "dietary_supplement"},
    "lung_procedures": {"blood_transfusion", "blood_donation"},
}
PRESCRIBED = {"prescription_medicine", "inhaled_steroid", "oral_steroid", "beta_blocker", "insulin", "antidepressant"}


def named(words, kind="exclusion"):
    return {code for _q, values, uncertain, _n in rules(words, kind) for code in [*values, *uncertain]}


# 1. Two illnesses on the other-illnesses list, and more names of its dementia item


@pytest.mark.parametrize(
    "words, item",
    [
        ("Peripheral vascular disease.", "peripheral_vascular_disease"),
        ("Presence of peripheral arterial disease", "peripheral_vascular_disease"),
        ("合并外周血管疾病", "peripheral_vascular_disease"),
        ("Osteoporosis", "osteoporosis"),
        ("患有骨质疏松症", "osteoporosis"),
        ("Cognitively impaired", "dementia"),
        ("Neurocognitive disorder (current)", "dementia"),
        ("Mental retardation.", "intellectual_disability"),
        ("Subjects who are developmentally delayed.", "intellectual_disability"),
        ("精神发育迟滞", "intellectual_disability"),
    ],
    ids=not_ascii_ids,
)
def test_an_illness_the_patient_was_told_of_is_its_item(words, item):
    assert rules(words) == [("other_conditions", [item], [], False)]


@pytest.mark.parametrize(
    "words, item",
    [
        ("Severe peripheral vascular disease;", "peripheral_vascular_disease"),
        ("Peripheral artery disease within 6 months", "peripheral_vascular_disease"),
        ("Secondary osteoporosis", "osteoporosis"),
        ("Learning disability.", "intellectual_disability"),
        ("Significant developmental disability", "intellectual_disability"),
    ],
)
def test_a_severity_a_kind_or_a_time_leaves_the_item_to_the_study_team(words, item):
    assert rules(words) == [("other_conditions", [], [item], False)]


@pytest.mark.parametrize("words", ["Men or women without osteoporosis", "无骨质疏松症"], ids=not_ascii_ids)
def test_without_osteoporosis_is_negated(words):
    assert rules(words, "inclusion") == [("other_conditions", ["osteoporosis"], [], True)]


@pytest.mark.parametrize(
    "words",
    [
        "Neurogenic claudication",
        "Patients receiving an anti-osteoporotic treatment",
        "Patients with one or more major risk factors for osteoporosis",
        "Use of any other osteoporosis treatment (such as SERMs and denosumab) within the last 6 months",
        "Child of a parent with intellectual disability",
        "Delayed development of the fetus",
    ],
)
def test_a_spinal_claudication_a_treatment_or_a_risk_factor_is_no_new_illness(words):
    assert not named(words) & NEW_ITEMS["other_conditions"]


# 2. Prescription, herbal and supplement medicines, now or within a month


@pytest.mark.parametrize(
    "words, items",
    [
        ("Ongoing use of prescription medication", PRESCRIBED),
        ("在首次服用研究药物前14 天内服用了任何处方药;", PRESCRIBED),
        ("Have used prescription medication within 14 days before dosing", PRESCRIBED),
        ("研究首次服药前14天内,曾服用过任何处方药;", PRESCRIBED),
        ("Currently taking any herbal remedies", {"herbal_medicine"}),
        ("系统性用中草药或中成药;", {"herbal_medicine"}),
        ("Regular use of nutritional supplements", {"dietary_supplement"}),
        ("在注射研究药物前7天内使用了任何非处方药、中草药或保健品;", {"herbal_medicine", "dietary_supplement"}),
    ],
    ids=not_ascii_ids,
)
def test_a_medicine_taken_now_or_within_a_month_is_its_item(words, items):
    [(question, values, _uncertain, negated)] = rules(words)
    assert question == "medicines_now" and not negated and items <= set(values)


def test_a_prescription_medicine_holds_the_items_that_may_be_bought_without_one_for_the_study_team():
    [(_question, values, uncertain, _negated)] = rules("Prescription medications")
    assert {"antiplatelet", "nsaid", "cancer_treatment"} <= set(uncertain)
    assert not {"long_term_oxygen", "home_ventilation", "herbal_medicine", "dietary_supplement"} & set(values)


@pytest.mark.parametrize(
    "words, item",
    [
        ("Current use of probiotics", "dietary_supplement"),
        ("Treatment with vitamin D supplements", "dietary_supplement"),
        ("外用中药制剂或局部中草药泡浴;", "herbal_medicine"),
    ],
    ids=not_ascii_ids,
)
def test_one_named_supplement_or_one_way_of_using_herbs_is_the_item_for_the_study_team(words, item):
    assert rules(words) == [("medicines_now", [], [item], False)]


@pytest.mark.parametrize(
    "words",
    [
        "Use of herbal medicines within 3 months",
        "History of herbal medicine use",
        "既往使用过中草药",
        "Food supplements in the last six months",
        "Over-the-counter medication within 7 days",
        "7天内使用过任何非处方药",
        "Vitamin D deficiency",
        "维生素B12缺乏",
    ],
    ids=not_ascii_ids,
)
def test_a_longer_time_a_past_use_a_medicine_bought_without_prescription_or_a_deficiency_is_no_new_item(words):
    assert not named(words) & NEW_ITEMS["medicines_now"]


def test_a_medicine_that_could_interfere_with_something_is_a_narrower_kind_for_the_study_team():
    """Not every prescription medicine interferes with the study's measures: a patient taking one is for the study
    team, one taking none is settled."""
    for words in (
        "Use of any prescription medication that could interfere with efficacy evaluations in the study",
        "筛选前2周内使用过影响药物吸收、代谢的任何处方药",
    ):
        [(question, values, uncertain, negated)] = rules(words)
        assert (question, values, negated) == ("medicines_now", [], False) and "prescription_medicine" in uncertain


def test_supplemental_oxygen_is_oxygen_not_a_supplement():
    assert rules("Supplemental oxygen requirement") == [("medicines_now", ["long_term_oxygen"], [], False)]


@pytest.mark.parametrize(
    "words, kind, negated",
    [
        ("Allergy to methacholine.", "exclusion", False),
        ("Not allergic to methacholine.", "inclusion", True),
        ("Allergic history to study drugs.", "exclusion", False),
        ("No allergic history of 5-Fu or Platinum drugs;", "exclusion", True),
    ],
)
def test_an_allergy_to_methacholine_or_an_allergic_history_to_a_medicine_is_the_medicine_allergy(words, kind, negated):
    assert rules(words, kind) == [("medicine_allergy", [], ["yes"], negated)]


@pytest.mark.parametrize("words", ["Allergic history", "Allergic history to pollen", "Methacholine challenge positive"])
def test_an_allergic_history_to_nothing_or_to_pollen_or_a_methacholine_test_is_no_medicine_allergy(words):
    assert rules(words) == []


# 3. Blood given or received in the last 3 months


@pytest.mark.parametrize(
    "words, items",
    [
        ("Blood donation in the last three months", ["blood_donation"]),
        ("近3个月内有献血记录(200ml、400ml);", ["blood_donation"]),
        ("在首次给药前3个月内献血或大量失血(>400 mL)。", ["blood_donation"]),
        ("Blood transfusion within 28 days", ["blood_transfusion"]),
        ("在随机分组前28天内,曾接受过红细胞输血。", ["blood_transfusion"]),
        ("筛选前3个月内献血或失血≥400mL，或接受过输血", ["blood_donation", "blood_transfusion"]),
    ],
    ids=not_ascii_ids,
)
def test_blood_given_or_received_within_3_months_is_the_item_for_the_study_team(words, items):
    assert rules(words) == [("lung_procedures", [], items, False)]


@pytest.mark.parametrize(
    "words",
    [
        "Blood transfusion experience;",
        "Expected to require blood transfusion",
        "Blood donation within 6 months",
        "Agreement not to donate blood or blood products throughout the study.",
        "Twin-to-twin transfusion syndrome",
        "Grafts donated after cardiac arrest",
    ],
)
def test_blood_with_no_time_a_longer_time_a_need_or_a_promise_is_no_new_item(words):
    assert not named(words) & NEW_ITEMS["lung_procedures"]


# 4. A fever now


@pytest.mark.parametrize(
    "words", ["Fever", "Fever (> 37,5°C)", "发热(腋温≥38.0℃)", "现患急性发热性疾病及传染病;"], ids=not_ascii_ids
)
def test_a_fever_is_an_infection_now_for_the_study_team(words):
    assert rules(words) == [("infection_now", [], ["yes"], False)]


@pytest.mark.parametrize(
    "words",
    [
        "Hay fever",
        "History of rheumatic fever",
        "Febrile neutropenia",
        "发热性中性粒细胞减少",
        "Fever symptoms occurred in the past week",
    ],
    ids=not_ascii_ids,
)
def test_an_illness_named_with_fever_or_a_fever_some_time_ago_is_not_an_infection_now(words):
    assert not [question for question, *_rest in rules(words) if question == "infection_now"]


def test_a_febrile_seizure_stays_the_epilepsy_item_for_the_study_team():
    assert rules("Febrile seizures") == [("other_conditions", [], ["epilepsy"], False)]


# 5. Through the engine, and in both languages


@pytest.mark.django_db
def test_ticking_a_new_item_closes_a_study_that_excludes_it_and_none_of_these_opens_it():
    infos = {key: q.to_info() for key, q in ensure_questions().items()}
    legs = study_excluding("legs", "Peripheral vascular disease.")
    pills = study_excluding("pills", "在首次服用研究药物前14 天内服用了任何处方药;")
    assert eligibility.evaluate([legs], {"other_conditions": ["peripheral_vascular_disease"]}, infos)[0].verdict is (
        Verdict.NO_MATCH
    )
    assert eligibility.evaluate([legs], {"other_conditions": ["none"]}, infos)[0].verdict is Verdict.MATCH
    # a COPD patient on an inhaled steroid takes a prescription medicine
    assert eligibility.evaluate([pills], {"medicines_now": ["inhaled_steroid"]}, infos)[0].verdict is Verdict.NO_MATCH
    assert eligibility.evaluate([pills], {"medicines_now": ["none"]}, infos)[0].verdict is Verdict.MATCH


@pytest.mark.django_db
def test_an_item_for_the_study_team_leaves_a_patient_who_ticks_it_possible():
    infos = {key: q.to_info() for key, q in ensure_questions().items()}
    donors = study_excluding("donors", "Blood donation in the last three months")
    fever = study_excluding("fever", "Fever")
    assert eligibility.evaluate([donors], {"lung_procedures": ["blood_donation"]}, infos)[0].verdict is (
        Verdict.POSSIBLE
    )
    assert eligibility.evaluate([donors], {"lung_procedures": ["none"]}, infos)[0].verdict is Verdict.MATCH
    assert eligibility.evaluate([fever], {"infection_now": "yes"}, infos)[0].verdict is Verdict.POSSIBLE
    assert eligibility.evaluate([fever], {"infection_now": "no"}, infos)[0].verdict is Verdict.MATCH


@pytest.mark.django_db
def test_a_drafted_exclusion_lands_on_the_list_question():
    [draft] = drafted_exclusions("Osteoporosis")
    assert (draft.question.key, draft.values, draft.uncertain_values) == ("other_conditions", ["osteoporosis"], [])


@pytest.mark.django_db
def test_every_new_item_has_an_english_and_a_chinese_label_and_a_glossary_row():
    assert_items_labelled_and_in_the_glossary(
        NEW_ITEMS, ("外周血管疾病", "骨质疏松症", "智力障碍", "处方药", "中草药", "膳食补充剂", "输血", "献血", "发热")
    )
