"""Lab values and measures a patient can read off a report or knows (fifth round): haemoglobin, platelets, absolute
neutrophil count, HbA1c, blood pressure, left ventricular ejection fraction and ECOG performance status, each one row
of the variables table. A unit the row accepts or converts exactly is read; any other unit is never guessed (the study
team reads it); a value outside the plausible range is nonsense and gives nothing. The wordings are written for these
tests after the kinds of the dev clauses the coverage meter left uncovered."""

import pytest

from .extraction_readings import D, found, quotes_are_exact


def bounds(text, variable, kind="inclusion"):
    return [(p.lower, p.lower_inclusive, p.upper, p.upper_inclusive, p.unit) for p in found(text, kind, variable)]


# Haemoglobin: g/L is the question's unit; g/dL converts by ten ------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Haemoglobin ≥ 90 g/L", [(D(90), True, None, None, "g/L")]),
        ("Haemoglobin > 90 g/L", [(D(90), False, None, None, "g/L")]),
        ("Hemoglobin ≥ 9 g/dL", [(D(90), True, None, None, "g/L")]),
        ("Hemoglobin level < 9.5 g/dl", [(None, None, D(95), False, "g/L")]),
        ("hemoglobin <8 gm/dL", [(None, None, D(80), False, "g/L")]),
        ("Hb ≤ 80g / L", [(None, None, D(80), True, "g/L")]),
        ("血红蛋白(Hb)≥90g/L", [(D(90), True, None, None, "g/L")]),
        ("血红蛋白浓度≥ 9.0 g/dL", [(D(90), True, None, None, "g/L")]),
    ],
)
def test_haemoglobin_is_read_in_grams_per_litre(text, expected):
    assert bounds(text, "haemoglobin_g_l") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Haemoglobin (Hb) ≥10mg/dL",  # milligrams: a slip the study team reads, never a guessed conversion
        "Hemoglobin ≥ 9",  # no unit: g/dL or g/L cannot be told apart
        "Hemoglobin ≥ 6 mmol/L",
        "Hemoglobin ≥ 900 g/L",  # no blood holds that
        "HbA1c ≥ 6.5%",  # glycated haemoglobin is its own question
        "DLCO (corrected for haemoglobin) ≥ 40%",
    ],
)
def test_haemoglobin_in_a_unit_the_table_does_not_convert_or_out_of_range_gives_nothing(text):
    assert bounds(text, "haemoglobin_g_l") == []


# Platelets and neutrophils: ×10⁹/L; ×10³/µL is the same number; per mm³ or per µL is a thousand times it -----------


@pytest.mark.parametrize(
    "text, variable, expected",
    [
        ("Platelets ≥ 100 x 10^9/L", "platelets_10e9_l", (D(100), True, None, None)),
        ("Platelets > 100 × 10⁹/L", "platelets_10e9_l", (D(100), False, None, None)),
        ("血小板计数<100×109/L", "platelets_10e9_l", (None, None, D(100), False)),
        ("Platelet count > 140 x103/uL", "platelets_10e9_l", (D(140), False, None, None)),
        ("Platelets ≥ 50,000 cells/mm3", "platelets_10e9_l", (D(50), True, None, None)),
        ("A platelet count of < 50,000/mm3", "platelets_10e9_l", (None, None, D(50), False)),
        ("Thrombocytopenia (platelets < 100000/µL)", "platelets_10e9_l", (None, None, D(100), False)),
        ("Absolute neutrophil count (ANC) ≥ 1500 cells/mm3", "anc_10e9_l", (D("1.5"), True, None, None)),
        ("Absolute neutrophil count <1500 cells/mm3", "anc_10e9_l", (None, None, D("1.5"), False)),
        ("An absolute neutrophil count of <1000 cells/µL", "anc_10e9_l", (None, None, D(1), False)),
        ("Absolute neutrophil count > 1.5 x103/uL", "anc_10e9_l", (D("1.5"), False, None, None)),
        ("中性粒细胞绝对值(ANC)≥1.5×109/L", "anc_10e9_l", (D("1.5"), True, None, None)),
        ("ANC>1.5*109/L", "anc_10e9_l", (D("1.5"), False, None, None)),
    ],
)
def test_blood_counts_are_read_in_billions_per_litre(text, variable, expected):
    assert bounds(text, variable) == [(*expected, "x10^9/L")]


@pytest.mark.parametrize(
    "text, variable",
    [
        ("Platelets ≥ 100", "platelets_10e9_l"),  # no unit: 100 × 10⁹/L or 100 per µL?
        ("Platelets ≥ 100 x 10^6/L", "platelets_10e9_l"),
        ("Neutrophils ≥ 50%", "anc_10e9_l"),  # a share of the white cells, not a count
        ("ANC ≥ 1.5 G/L", "anc_10e9_l"),  # giga per litre: not in the table, left to the study team
        ("Platelets ≥ 5,000,000/mm3", "platelets_10e9_l"),  # 5,000 × 10⁹/L: nonsense
        ("Use of antiplatelet agents within 7 days", "platelets_10e9_l"),
    ],
)
def test_a_blood_count_in_an_unknown_unit_or_out_of_range_gives_nothing(text, variable):
    assert bounds(text, variable) == []


def test_a_blood_count_list_gives_each_count_its_own_bound_and_unit():
    text = "血液系统:中性粒细胞绝对值(ANC)≥1.5×109/L;血小板(PLT)≥100×109/L;血红蛋白(Hb)≥90g/L"
    got = {p.variable: (p.lower, p.unit) for p in found(text)}
    assert got == {
        "anc_10e9_l": (D("1.5"), "x10^9/L"),
        "platelets_10e9_l": (D(100), "x10^9/L"),
        "haemoglobin_g_l": (D(90), "g/L"),
    }
    assert quotes_are_exact("Inclusion Criteria:\n* " + text)


# HbA1c: %, and mmol/mol converted by the IFCC-NGSP master equation (kept to two decimals) -----------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("HbA1c ≥ 6.5%", (D("6.5"), True, None, None)),
        ("HbA1c > 6.5%", (D("6.5"), False, None, None)),
        ("HbA1C < 8.0", (None, None, D("8.0"), False)),  # no unit: within 3-20 it can only be a percentage
        ("Haemoglobin A1c (HbA1c) level between 7% to 11%", (D(7), True, D(11), True)),
        ("Those with a glycated hemoglobin of 7.0% or more", (D("7.0"), True, None, None)),
        ("糖化血红蛋白≤10%", (None, None, D(10), True)),
        ("HbA1c ≥ 48 mmol/mol", (D("6.54"), True, None, None)),
        ("HbA1c < 53 mmol/mol", (None, None, D("7.00"), False)),
    ],
)
def test_hba1c_is_read_as_a_percentage(text, expected):
    assert bounds(text, "hba1c_pct") == [(*expected, "%")]


def test_a_converted_bound_beside_the_same_bound_in_the_questions_unit_gives_way_to_it():
    assert bounds("Hemoglobin A1c (HbA1c) >47mmol/mol (>6.4%)", "hba1c_pct") == [(D("6.4"), False, None, None, "%")]
    assert bounds("Hemoglobin ≥ 9 g/dL (90 g/L)", "haemoglobin_g_l") == [(D(90), True, None, None, "g/L")]


@pytest.mark.parametrize("text", ["HbA1c ≥ 48", "HbA1c ≥ 6.5 mmol/L", "HbA1c ≥ 25%"])
def test_hba1c_in_an_unknown_unit_or_out_of_range_gives_nothing(text):
    assert bounds(text, "hba1c_pct") == []


# Blood pressure: systolic and diastolic; "160/100" gives both ------------------------------------------------------


@pytest.mark.parametrize(
    "text, kind, expected",
    [
        (
            "Blood pressure > 160/100 mmHg",
            "exclusion",
            [("systolic_bp_mmhg", D(160), False, None, None), ("diastolic_bp_mmhg", D(100), False, None, None)],
        ),
        (
            "BP ≤ 140/90 mmHg",
            "inclusion",
            [("systolic_bp_mmhg", None, None, D(140), True), ("diastolic_bp_mmhg", None, None, D(90), True)],
        ),
        (
            "Systolic/diastolic blood pressure < 140/90",
            "inclusion",
            [("systolic_bp_mmhg", None, None, D(140), False), ("diastolic_bp_mmhg", None, None, D(90), False)],
        ),
        (
            "Systolic blood pressure \\>160 mm Hg or diastolic blood pressure \\>100 mm Hg at screening",
            "exclusion",
            [("systolic_bp_mmhg", D(160), False, None, None), ("diastolic_bp_mmhg", D(100), False, None, None)],
        ),
        (
            "收缩压≥180mmHg和/或舒张压≥110mmHg",
            "exclusion",
            [("systolic_bp_mmhg", D(180), True, None, None), ("diastolic_bp_mmhg", D(110), True, None, None)],
        ),
        (
            "SBP 90~150mmHg, DBP 60-95mmHg",
            "inclusion",
            [("systolic_bp_mmhg", D(90), True, D(150), True), ("diastolic_bp_mmhg", D(60), True, D(95), True)],
        ),
        ("Systolic blood pressure < 95 mmHg", "exclusion", [("systolic_bp_mmhg", None, None, D(95), False)]),
    ],
)
def test_blood_pressure_bounds_each_number_of_a_reading(text, kind, expected):
    got = [(p.variable, p.lower, p.lower_inclusive, p.upper, p.upper_inclusive) for p in found(text, kind)]
    assert got == expected
    assert all(p.unit == "mmHg" for p in found(text, kind))


@pytest.mark.parametrize(
    "text",
    [
        "Blood pressure < 90 mmHg",  # one number for a pair: systolic or mean? the study team reads it
        "Blood pressure side difference ≥ 10mmHg",
        "Blood Pressure (BP) that does not drop >10/5 mmHg",  # a fall, not a reading: out of range
        "Mean pulmonary arterial pressure (mPAP) > 20 mmHg",
        "Pulmonary capillary wedge pressure (PCWP) ≤ 15 mmHg",
        "Left ventricular end-diastolic pressure ≤ 15 mmHg",
        "PaCO2 > 50 mmHg",
        "sSBP ≥ 20mmHg and sDBP ≥ 10mmHg",  # orthostatic falls: no reading is that low
        "long-term BP goal ≥ 130/80 mmHg according to clinical team",  # a treatment goal, not the patient's reading
    ],
)
def test_pressures_that_are_no_blood_pressure_reading_give_nothing(text):
    assert [p for p in found(text, "exclusion") if p.variable.endswith("_bp_mmhg")] == []


# Left ventricular ejection fraction ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Left ventricular ejection fraction (LVEF) <40%", (None, None, D(40), False)),
        ("LVEF ≤ 40%", (None, None, D(40), True)),
        ("left ventricular ejection fraction >50%.", (D(50), False, None, None)),
        ("左室射血分数(LVEF)≥50%", (D(50), True, None, None)),
        ("Ejection fraction (EF) less than 30%", (None, None, D(30), False)),
    ],
)
def test_lvef_is_read_as_a_percentage(text, expected):
    assert bounds(text, "lvef_pct") == [(*expected, "%")]


@pytest.mark.parametrize(
    "text", ["LVEF < 0.4", "LVEF ≥ 95%", "Right ventricular ejection fraction < 40%", "Heart failure with LVEF < 2"]
)
def test_lvef_without_a_percentage_or_out_of_range_gives_nothing(text):
    assert bounds(text, "lvef_pct") == []


# ECOG performance status: an integer score 0-4 --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ECOG performance status 0-1", (D(0), True, D(1), True)),
        ("ECOG ≤ 2", (None, None, D(2), True)),
        ("Performance Status < 2", (None, None, D(2), False)),
        ("ECOG performance status between 0 and 1", (D(0), True, D(1), True)),
        ("美国东部肿瘤协作组(ECOG)体能状态为0或1", (D(0), True, D(1), True)),
        ("ECOG评分0~2分", (D(0), True, D(2), True)),
        ("ECOG PS评分:0-1分", (D(0), True, D(1), True)),
        ("ECOG score of 0, 1 or 2", (D(0), True, D(2), True)),
    ],
)
def test_ecog_is_read_as_a_score(text, expected):
    assert bounds(text, "ecog_ps") == [(*expected, "score")]


@pytest.mark.parametrize(
    "text",
    [
        "Karnofsky Performance Status 70-100",  # another scale
        "Has Karnofsky Performance Status (KPS) of ≥70%",
        "ECOG ≤ 5",  # no such score
        "ECOG ≤ 1.5",
        "ECOG 0 or 2",  # not a run of scores
    ],
)
def test_a_score_that_is_no_ecog_score_gives_nothing(text):
    assert bounds(text, "ecog_ps") == []


# Hostile input ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "platelets ≥ " + "100,000," * 10_000,  # thousands chained without end
        "BP > " + "160/100 " * 10_000,
        "ECOG " + "0, " * 20_000 + "or 1",
        "血红蛋白" + "≥90g/L;" * 10_000,
    ],
    ids=["thousands", "pairs", "scores", "zh-labs"],
)
def test_long_runs_of_the_new_wordings_never_raise_and_quote_exactly(body):
    """Their time is measured, not judged here: `bench/bench_extraction.py` reads the same inputs."""
    from trials.registry.extraction import extract

    text = "Inclusion Criteria:\n* " + body
    found = extract(text)
    assert all(p.quote in text for p in found)
