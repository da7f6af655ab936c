"""A negated clause in an EXCLUSION list (decision 0121).

Read literally, "No insomnia" among the exclusions excludes patients without insomnia: a requirement of the item,
which shuts out nearly every patient of a trial not about insomnia. The literal reading is right only when the item is
the trial's own condition ("No OSA (AHI <5/h)" in an OSA trial's exclusions); otherwise the author wrote "X excludes"
as "no X", and the item is an exclusion left to the study team. A negation that is not of the item (the condition
of a permission, a marker's absence in a tissue, the cue closing an exception bracket) gives no requirement at all.
"""

import pytest

from tests.trials.registry.concept_readings import not_ascii_ids, rules
from trials.registry import extraction
from trials.registry.drafting import drafts_for
from trials.registry.importing import ensure_questions


def drafted(words, kind="exclusion", own=frozenset()):
    heading = "Inclusion Criteria" if kind == "inclusion" else "Exclusion Criteria"
    text = f"{heading}:\n\n* {words}\n"
    [clause] = extraction.split_clauses(text)
    return [d for d in drafts_for(clause, text, ensure_questions(), own_concepts=own) if d.question_id]


# 1. "No X" among the exclusions of a trial about something else: X excludes, for the study team


@pytest.mark.django_db
@pytest.mark.parametrize(
    "words, item",
    [
        ("No antecedent diagnosis of occlusive arterial or venous thrombosis", "blood_clot"),
        ("No neurological (including dementia diagnosis) or severe psychiatric disorders", "dementia"),
        ("Patients must not be taking vitamin A or E supplements", "dietary_supplement"),
        ("patient not on inhaled corticosteroids.", "inhaled_steroid"),
        ("无痴呆病史", "dementia"),
        ("未使用吸入糖皮质激素", "inhaled_steroid"),
    ],
    ids=not_ascii_ids,
)
def test_a_negated_exclusion_of_another_item_never_requires_it(words, item):
    """A patient without the item is never closed out; one with it is for the study team."""
    found = [d for d in drafted(words, own=frozenset({"asthma"})) if item in d.uncertain_values]
    assert found
    for draft in drafted(words, own=frozenset({"asthma"})):
        assert draft.kind == "exclusion" and draft.values == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "words, own, item",
    [
        ("No OSA (AHI <5/h)", "sleep_apnoea", "sleep_apnoea"),
        ("Men or women without osteoporosis", "osteoporosis", "osteoporosis"),
        ("无阻塞性睡眠呼吸暂停", "sleep_apnoea", "sleep_apnoea"),
        ("无骨质疏松症", "osteoporosis", "osteoporosis"),
    ],
    ids=not_ascii_ids,
)
def test_a_negated_exclusion_of_the_trial_s_own_condition_stays_a_requirement(words, own, item):
    """Its patients have the trial's own condition: excluding those without it is what the text says."""
    [draft] = drafted(words, own=frozenset({own}))
    assert draft.kind == "inclusion" and item in draft.values + draft.uncertain_values


@pytest.mark.django_db
@pytest.mark.parametrize("words", ["No history of asthma", "无哮喘病史"], ids=not_ascii_ids)
def test_a_negated_inclusion_is_still_a_firm_exclusion(words):
    """The rule is the exclusion list's: "no asthma" among the inclusions still rules asthma out."""
    [draft] = drafted(words, kind="inclusion", own=frozenset({"copd"}))
    assert draft.kind == "exclusion" and draft.values == ["asthma"]


@pytest.mark.django_db
@pytest.mark.parametrize("words", ["Venous thrombosis", "静脉血栓病史"], ids=not_ascii_ids)
def test_a_plain_exclusion_keeps_its_firm_item(words):
    [draft] = drafted(words)
    assert draft.kind == "exclusion" and draft.values == ["blood_clot"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "words, question",
    [
        ("Not pregnant", "pregnant_or_breastfeeding"),
        ("No history of food allergies", "any_allergy"),
        ("No known drug allergy", "medicine_allergy"),
        ("未怀孕", "pregnant_or_breastfeeding"),
        ("无食物过敏史", "any_allergy"),
        ("无药物过敏史", "medicine_allergy"),
    ],
    ids=not_ascii_ids,
)
def test_a_negated_exclusion_on_a_yes_no_question_never_closes_a_patient_without_the_item(words, question):
    """Read literally, "Not pregnant" among the exclusions excludes every woman who is not pregnant: as for a list
    question, "yes" is for the study team and "no" is settled."""
    [draft] = drafted(words, own=frozenset({"asthma"}))
    assert (draft.kind, draft.question.key, draft.values, draft.uncertain_values) == (
        "exclusion",
        question,
        [],
        ["yes"],
    )


@pytest.mark.django_db
@pytest.mark.parametrize("words", ["No known drug allergy", "无药物过敏史"], ids=not_ascii_ids)
def test_a_negated_exclusion_on_a_yes_no_question_about_the_trial_s_own_condition_stays_literal(words):
    """A trial of drug allergy ("medicine_allergy" its own) that excludes those without one means what it says."""
    [draft] = drafted(words, own=frozenset({"medicine_allergy"}))
    assert (draft.kind, draft.values) == ("exclusion", ["no"])


@pytest.mark.django_db
@pytest.mark.parametrize("words", ["No history of food allergies", "无食物过敏史"], ids=not_ascii_ids)
def test_a_negated_inclusion_on_a_yes_no_question_still_requires_the_other_answer(words):
    [draft] = drafted(words, kind="inclusion")
    assert (draft.kind, draft.values, draft.uncertain_values) == ("inclusion", ["no"], ["yes"])


# 2. A negation that is not of the item: no rule from it


@pytest.mark.parametrize(
    "words",
    [
        "Adrenal replacement steroid doses ≥ 10 mg per day of prednisone or equivalent are permitted in the absence "
        "of active autoimmune disease",
        "In the absence of active autoimmune disease, replacement steroid doses are permitted",
        "在无活动性自身免疫疾病的情况下，允许使用替代剂量的激素",
        "允许使用替代剂量的激素，前提是无活动性自身免疫疾病",
    ],
    ids=not_ascii_ids,
)
def test_the_condition_of_a_permission_is_no_rule_of_its_item(words):
    assert not [r for r in rules(words) if r[0] == "other_conditions"]


@pytest.mark.parametrize("words", ["No active autoimmune disease", "无活动性自身免疫疾病"], ids=not_ascii_ids)
def test_a_plain_negation_of_the_item_is_still_read(words):
    [(question, _values, uncertain, negated)] = rules(words)
    assert question == "other_conditions" and "autoimmune_disease" in uncertain and negated


@pytest.mark.parametrize(
    "words",
    ["Absence of expression of STAT3 on the reactive astrocytes of brain metastases", "无STAT3表达的脑转移"],
    ids=not_ascii_ids,
)
def test_a_marker_s_absence_in_a_tissue_is_no_rule_of_the_tissue_s_illness(words):
    assert rules(words) == []


@pytest.mark.parametrize("words", ["Absence of brain metastases", "无脑转移"], ids=not_ascii_ids)
def test_the_absence_of_the_illness_itself_is_still_read(words):
    [(question, values, _uncertain, negated)] = rules(words)
    assert question == "other_conditions" and values == ["brain_metastases"] and negated


# 3. A cue that only closes an exception bracket negates nothing after it


def test_an_item_after_an_exception_bracket_is_not_negated_by_its_closing_cue():
    """ "包括癫痫（药物可稳定控制的除外）、痴呆": the exception lets in controlled epilepsy; dementia is plainly excluded."""
    found = rules("既往有明确的神经或精神疾病史，包括癫痫（药物可稳定控制的除外）、痴呆或企图自杀；")
    assert all(not negated for _q, _v, _u, negated in found)
    assert any("dementia" in values for _q, values, _u, _n in found)


def test_a_negation_before_the_bracket_still_reaches_the_items_after_it():
    found = rules("无高血压（控制良好者除外）、糖尿病")
    assert found and all(negated for _q, _v, _u, negated in found)
    # Diabetes, after the bracket, is firmly negated; hypertension, with its exception, is for the study team.
    assert any("diabetes" in values and "hypertension" in uncertain for _q, values, uncertain, _n in found)
