"""Lab values and measures (fifth round) drafted on their questions, and the engine's verdict for a patient's answer
on both sides of each bound: a value converted from the registry's unit is judged in the question's unit, "blood
pressure > 160/100" is two rules, and an ECOG range is the answers scored inside it."""

import pytest

from trials import eligibility
from trials.registry import extraction
from trials.registry.drafting import drafts_for
from trials.registry.importing import ensure_questions

pytestmark = pytest.mark.django_db

MET, NOT_MET = eligibility.Outcome.MET, eligibility.Outcome.NOT_MET


def drafted(list_kind, words):
    heading = "Inclusion Criteria" if list_kind == "inclusion" else "Exclusion Criteria"
    text = f"{heading}:\n\n* {words}\n"
    [clause] = extraction.split_clauses(text)
    return [d for d in drafts_for(clause, text, ensure_questions()) if d.question_id]


def outcome(criterion, answer):
    return eligibility.evaluate_criterion(criterion.to_rule(), {criterion.question.key: answer})


@pytest.mark.parametrize(
    "kind, words, key, inside, outside",
    [
        # a value inside the bound meets an inclusion and rules the patient out of an exclusion (not met)
        ("inclusion", "Hemoglobin ≥ 9 g/dL", "haemoglobin_g_l", "90", "89.9"),
        ("inclusion", "Haemoglobin > 90 g/L", "haemoglobin_g_l", "91", "90"),
        ("exclusion", "血红蛋白<100g/L", "haemoglobin_g_l", "99", "100"),
        ("inclusion", "Platelets ≥ 100,000/mm3", "platelets_10e9_l", "100", "99"),
        ("inclusion", "Platelet count > 140 x103/uL", "platelets_10e9_l", "141", "140"),
        ("exclusion", "血小板计数<100×109/L", "platelets_10e9_l", "99.5", "100"),
        ("inclusion", "Absolute neutrophil count (ANC) ≥ 1500 cells/mm3", "anc_10e9_l", "1.5", "1.4"),
        ("exclusion", "Absolute neutrophil count <1000 cells/µL", "anc_10e9_l", "0.9", "1.0"),
        ("inclusion", "HbA1c < 8.5%", "hba1c_pct", "8.4", "8.5"),
        ("exclusion", "HbA1c ≥ 48 mmol/mol", "hba1c_pct", "6.6", "6.5"),
        ("inclusion", "LVEF ≥ 50%", "lvef_pct", "50", "49"),
        ("exclusion", "Left ventricular ejection fraction (LVEF) <40%", "lvef_pct", "39", "40"),
        ("exclusion", "Systolic blood pressure > 160 mmHg", "systolic_bp_mmhg", "161", "160"),
        ("inclusion", "Diastolic blood pressure ≤ 90 mmHg", "diastolic_bp_mmhg", "90", "91"),
    ],
)
def test_a_lab_or_measure_is_judged_in_the_questions_unit_on_both_sides_of_its_bound(kind, words, key, inside, outside):
    [criterion] = [d for d in drafted(kind, words) if d.question.key == key]
    assert criterion.kind == kind
    assert outcome(criterion, inside) is (MET if kind == "inclusion" else NOT_MET)
    assert outcome(criterion, outside) is (NOT_MET if kind == "inclusion" else MET)


def test_a_converted_bound_keeps_the_registry_words_and_the_question_unit_on_the_draft():
    [criterion] = drafted("inclusion", "Platelets ≥ 50,000 cells/mm3")
    assert criterion.question.unit == "x10^9/L"
    assert criterion.min_value == 50 and criterion.quote == "Platelets ≥ 50,000 cells/mm3"


def test_blood_pressure_written_as_a_reading_is_one_rule_on_each_number():
    drafts = {d.question.key: d for d in drafted("exclusion", "Blood pressure > 160/100 mmHg")}
    assert set(drafts) == {"systolic_bp_mmhg", "diastolic_bp_mmhg"}
    systolic, diastolic = drafts["systolic_bp_mmhg"], drafts["diastolic_bp_mmhg"]
    # an exclusion: a reading above the bound rules the patient out (not met), one at it keeps them in
    assert outcome(systolic, "161") is NOT_MET and outcome(systolic, "160") is MET
    assert outcome(diastolic, "101") is NOT_MET and outcome(diastolic, "100") is MET


def test_a_unit_the_table_does_not_know_drafts_only_for_the_study_team():
    assert drafted("inclusion", "Haemoglobin (Hb) ≥10mg/dL") == []
    assert drafted("inclusion", "Platelets ≥ 100") == []


@pytest.mark.parametrize(
    "kind, words, codes",
    [
        ("inclusion", "ECOG performance status 0-1", ["0", "1"]),
        ("inclusion", "美国东部肿瘤协作组(ECOG)体能状态为0或1", ["0", "1"]),
        ("inclusion", "ECOG ≤ 2", ["0", "1", "2"]),
        ("inclusion", "Performance Status < 2", ["0", "1"]),
        ("exclusion", "ECOG performance status ≥ 3", ["3", "4"]),
    ],
)
def test_an_ecog_range_is_the_answers_scored_inside_it(kind, words, codes):
    [criterion] = drafted(kind, words)
    assert criterion.question.key == "ecog_ps" and criterion.values == codes
    inside, outside = codes[-1], str(int(codes[-1]) + 1) if codes[-1] != "4" else str(int(codes[0]) - 1)
    assert outcome(criterion, inside) is (MET if kind == "inclusion" else NOT_MET)
    assert outcome(criterion, outside) is (NOT_MET if kind == "inclusion" else MET)


def test_the_ecog_question_offers_each_score_in_plain_words_in_both_languages():
    question = ensure_questions()["ecog_ps"]
    assert question.choice_codes() == ["0", "1", "2", "3", "4"]
    assert all(c["label"] and c["label_zh_hans"] and c["label"] != c["code"] for c in question.choices)
