"""Named thresholds (age, BMI, spirometry, labs against the upper limit of normal, eGFR, pack-years) in wordings the
extractor misread on texts it had not been tuned on (issue 20, third round), and the lists they stand in. Each kind
of error is read on both sides of its boundary. Every wording here is written for these tests, with other numbers
and words than the evaluation records."""

from decimal import Decimal

import pytest

from trials.registry.extraction import extract, split_clauses

from .extraction_readings import found, named

D = Decimal


def bounds(p):
    return (p.lower, p.lower_inclusive, p.upper, p.upper_inclusive)


# Lists --------------------------------------------------------------------------------------------------------------


def test_a_decimal_after_an_operator_is_a_value_not_the_number_of_an_item():
    text = "Labs: A. bilirubin < 1.75 times normal upper limit (ULN); B. AST and ALT < 2.25 ULN"
    assert sorted(named(text)) == [
        ("inclusion", "alt_x_uln", None, None, D("2.25"), False),
        ("inclusion", "ast_x_uln", None, None, D("2.25"), False),
        ("inclusion", "bilirubin_x_uln", None, None, D("1.75"), False),
    ]
    # numbered items in one line are still cut where they start
    clauses = split_clauses("Criteria: 1. aged 45 to 70 years 2. BMI below 31 3. signed consent")
    assert [c.text for c in clauses][1:] == ["aged 45 to 70 years", "BMI below 31", "signed consent"]


def test_items_numbered_under_an_item_that_ends_with_a_colon_stay_in_its_list():
    nested = (
        "1. 年龄45~75周岁;\n2. 签署知情同意书;\n3. 病历记录显示:\n1)规律使用吸入药物≥3个月;\n"
        "2)筛选前12个月内≥3次中度急性加重;\n4. 能完成肺功能检查;\n"
    )
    assert {p.kind for p in extract(nested)} == {"inclusion"}
    restarted = (
        "1. 年龄45~75周岁;\n2. 签署知情同意书;\n3. 能完成肺功能检查;\n1)筛选前12个月内≥3次中度急性加重;\n"
        "2)妊娠或哺乳期妇女;\n"
    )
    assert {p.kind for p in extract(restarted) if p.variable == "exacerbations_12m"} == {"exclusion"}


def test_a_chinese_list_without_heading_of_histories_and_abnormal_results_is_the_exclusion_list():
    exclusions = (
        "1. 合并其他自身免疫病(如硬皮病、干燥综合征等)\n2. 恶性肿瘤病史\n3. 乙肝表面抗原阳性\n"
        "4. 肝功能异常:谷丙转氨酶>2.5×ULN\n5. 控制不佳的高血压\n"
    )
    assert named(exclusions) == [("exclusion", "alt_x_uln", D("2.5"), False, None, None)]
    # the same items after an age item open an inclusion list (an exclusion list without heading may follow)
    inclusions = "1. 年龄30~70周岁\n" + exclusions
    assert {kind for kind, *_ in named(inclusions)} == {"inclusion"}


# Operators and characters -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Body mass index equal or greater than 32 kg/m2", (D(32), True, None, None)),
        ("Body mass index greater than 32 kg/m2", (D(32), False, None, None)),
        ("BMI greater or equal to 32", (D(32), True, None, None)),
        ("BMI equal or less than 27", (None, None, D(27), True)),
        ("BMI less than 27", (None, None, D(27), False)),
        ("BMI less or equal 27", (None, None, D(27), True)),
    ],
)
def test_equal_or_greater_and_equal_or_less_include_the_bound_and_plain_comparisons_do_not(text, expected):
    [bmi] = found(text, variable="bmi")
    assert bounds(bmi) == expected


def test_the_modifier_letters_for_less_and_greater_than_read_as_the_signs():
    assert bounds(found("Age ˂ 21 years old", "exclusion", "age")[0]) == (None, None, D(21), False)
    assert bounds(found("Age ˃ 21 years old", variable="age")[0]) == (D(21), False, None, None)


def test_an_included_bound_stated_after_a_strict_operator_makes_it_inclusive():
    assert bounds(found("年龄大于20周岁(包含20周岁)", variable="age")[0]) == (D(20), True, None, None)
    assert bounds(found("年龄大于20周岁", variable="age")[0]) == (D(20), False, None, None)
    assert bounds(found("age > 21 (inclusive)", variable="age")[0]) == (D(21), True, None, None)
    # a bracket naming another number leaves the bound as it is
    assert bounds(found("age > 21 (including 25)", variable="age")[0]) == (D(21), False, None, None)


def test_a_bmi_unit_written_with_a_dot_is_still_kg_per_square_metre():
    assert bounds(found("body mass index <33kg.m2", variable="bmi")[0]) == (None, None, D(33), False)
    assert found("body mass index <33 kg", variable="bmi") == []  # a weight is not a BMI


# Labs against the upper limit of normal ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "variables", "expected"),
    [
        ("BIL < 1.75 times normal upper limit (ULN)", {"bilirubin_x_uln"}, (None, None, D("1.75"), False)),
        ("AST, ALT > reference range 4 times upper limit", {"alt_x_uln", "ast_x_uln"}, (D(4), False, None, None)),
        ("ALT≥正常值上限(ULN) 的3.5倍", {"alt_x_uln"}, (D("3.5"), True, None, None)),
        (
            "aminotransferases more than twice the upper limit of normal",
            {"alt_x_uln", "ast_x_uln"},
            (D(2), False, None, None),
        ),
    ],
)
def test_bounds_against_the_upper_limit_of_normal_in_more_wordings(text, variables, expected):
    got = found(text, "exclusion")
    assert {p.variable for p in got} == variables
    assert all(bounds(p) == expected for p in got)


def test_creatine_phosphokinase_is_not_creatinine():
    assert found("creatinine phosphokinase ≥4 times the upper limit of normal", "exclusion") == []
    [creatinine] = found("serum creatinine ≥4 times the upper limit of normal", "exclusion")
    assert creatinine.variable == "creatinine_x_uln"


def test_an_upper_limit_without_a_multiplier_or_a_number_is_not_a_bound():
    assert found("AST > upper limit of the reference range", "exclusion") == []


# Spirometry ----------------------------------------------------------------------------------------------------------


def test_the_ratio_with_each_measure_spelled_out_in_brackets_is_the_ratio():
    text = "FEV1 [forced expiratory volume in one second] / FVC [forced vital capacity] < 65%"
    [ratio] = found(text)
    assert (ratio.variable, ratio.upper, ratio.upper_inclusive) == ("fev1_fvc_ratio", D("0.65"), False)
    # one measure spelled out in brackets is still that measure
    [fvc] = found("FVC [forced vital capacity] < 65% predicted")
    assert fvc.variable == "fvc_pct_pred"


def test_the_chinese_ratio_named_in_full_is_the_ratio_never_fvc_percent_predicted():
    text = "吸入支气管舒张剂后第 1 秒用力呼气容积(FEV1)/用力肺活量(FVC)<0.68"
    [ratio] = found(text)
    assert (ratio.variable, ratio.upper, ratio.bronchodilator) == ("fev1_fvc_ratio", D("0.68"), "post")
    [fev1] = found("第 1 秒用力呼气容积(FEV1)占预计值≥35%")
    assert (fev1.variable, fev1.lower) == ("fev1_pct_pred", D(35))


def test_predicted_postoperative_values_are_not_the_patients_measured_ones():
    assert found("Both ppo FEV1 and ppo DLCO >45%") == []
    assert found("predicted postoperative DLCO > 45%") == []
    [dlco] = found("DLCO > 45%")
    assert dlco.variable == "dlco_pct_pred"


def test_chinese_reversibility_is_not_a_percent_predicted():
    assert found("FEV1可逆性>15%") == []
    assert [p.variable for p in found("FEV1占预计值>15%")] == ["fev1_pct_pred"]


# Ages ---------------------------------------------------------------------------------------------------------------


def test_an_age_range_from_months_to_years_is_read_in_years():
    [age] = found("Children aged 6 months to 4 years")
    assert bounds(age) == (D("0.5"), True, D(4), True)
    [age] = found("toddlers eighteen months old to twenty two years old")
    assert bounds(age) == (D("1.5"), True, D(22), True)
    # a month count that is no whole hundredth of a year is left out (the guideline annotates no age in months); the
    # upper end in years still bounds the age (round 4)
    [age] = found("Children aged 7 months to 4 years", variable="age")
    assert bounds(age) == (None, None, D(4), True)


def test_not_between_two_ages_is_two_exclusion_bounds_outside_the_range():
    got = sorted(named("Exclusion Criteria:\n  -  Are not between 21 and 55 years of age."), key=str)
    assert got == sorted(
        [("exclusion", "age", None, None, D(21), False), ("exclusion", "age", D(55), False, None, None)], key=str
    )
    assert named("Exclusion Criteria:\n  -  Are between 21 and 55 years of age.") == [
        ("exclusion", "age", D(21), True, D(55), True)
    ]


def test_an_age_at_diagnosis_is_not_the_patients_age():
    assert found("Parents: less than 32 years old at the diagnosis", variable="age") == []
    assert found("Parents: less than 32 years old at screening", variable="age") != []


def test_years_of_something_else_are_not_an_age():
    assert found("At least 8 years of education") == []
    # how long the graft has lasted is a duration (as dev NCT03861962 annotates it), never an age
    assert [p.variable for p in found("patients having kept their graft > 3 years")] == ["duration"]
    [age] = found("patients who are > 65 years")
    assert bounds(age) == (D(65), False, None, None)
    [age] = found("Adults (≥ 21 years)")
    assert bounds(age) == (D(21), True, None, None)


def test_bounds_that_are_points_of_several_factors_are_not_rules():
    assert found("Meets 3 or more of the following factors: age ≥ 61 years, male sex, BMI > 31 kg/m2") == []
    assert found("at least two of the following: BMI > 31 kg/m2; diabetes; hypertension") == []
    text = "Inclusion Criteria:\n  -  One or more of the following risk factors:\n       -  eGFR 35-55 mL/min/1.73 m2\n"
    assert named(text) == []
    # one of several alternatives is still a bound, as stated
    assert [p.variable for p in found("one of the following: BMI > 31 kg/m2, or FEV1 < 50%")] == [
        "bmi",
        "fev1_pct_pred",
    ]


def test_a_nested_bullet_borrows_its_variable_only_from_a_parent_that_states_no_bound():
    under_age = "Inclusion Criteria:\n- Adults age 20-70, group 1:\n  -  a resting heart rate >45 for athletes\n"
    assert [p for p in named(under_age) if p[4] == D(45) or p[2] == D(45)] == []
    under_heading = "Inclusion Criteria:\n- Body mass index:\n  -  >45\n"
    assert named(under_heading) == [("inclusion", "bmi", D(45), False, None, None)]


def test_number_words_of_tens_and_their_compounds_are_read():
    assert bounds(found("forty years of age or older", variable="age")[0]) == (D(40), True, None, None)
    assert bounds(found("aged between forty-five and seventy-five years", variable="age")[0]) == (
        D(45),
        True,
        D(75),
        True,
    )


# eGFR and pack-years -------------------------------------------------------------------------------------------------


def test_a_gfr_computed_by_cockcroft_gault_is_a_creatinine_clearance_not_an_egfr():
    assert found("GFR ≤ 55 ml/min (estimated by the Cockcroft and Gault formula)", "exclusion") == []
    [egfr] = found("GFR ≤ 55 ml/min", "exclusion")
    assert (egfr.variable, egfr.upper) == ("egfr", D(55))


def test_years_of_smoking_are_not_pack_years():
    got = found("at least 25 pack years of smoking (or at least 15 years duration)")
    assert [(p.variable, p.lower) for p in got if p.variable == "pack_years"] == [("pack_years", D(25))]
    # the years of smoking are a duration of smoking (as dev case 130 annotates), never a second pack-year bound
    assert [(p.variable, p.lower, p.unit) for p in got if p.variable != "pack_years"] == [("duration", D(15), "years")]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Exclusions:", "exclusion"),
        ("Inclusions:", "inclusion"),
        ("You cannot take part if:", "exclusion"),
        ("You can take part if:", "inclusion"),
        ("符合下列任何一项者不能入选：", "exclusion"),
        ("有下列情况之一者排除：", "exclusion"),
        ("符合下列所有条件者可入选：", "inclusion"),
    ],
)
def test_more_headings_put_the_list_under_them_in_their_list(heading, kind):
    text = "Exclusion Criteria:\n- pregnancy\n" if kind == "inclusion" else "Inclusion Criteria:\n- consent\n"
    text += heading + "\n- BMI > 33 kg/m2\n"
    assert named(text) == [(kind, "bmi", D(33), False, None, None)]


def test_a_chinese_item_that_lists_its_own_conditions_is_not_a_heading():
    text = "排除标准：\n1. 存在以下情况：BMI>33 kg/m2\n"
    assert named(text) == [("exclusion", "bmi", D(33), False, None, None)]


def test_two_plain_numbers_right_after_people_are_their_ages_but_not_a_count_of_something_else():
    [age] = found("Adults 19-64")
    assert (age.variable, *bounds(age)) == ("age", D(19), True, D(64), True)
    [age] = found("English-speaking individuals between 16-22")
    assert (age.variable, *bounds(age)) == ("age", D(16), True, D(22), True)
    assert found("Alcohol (> 4 units/day for men, > 3 units/day for women)") == []
    assert found("patients with 2-3 lesions") == []


def test_a_change_named_between_a_variable_and_its_number_is_not_a_level():
    assert found("eGFR decline of > 4 mL/min/1.73m2 per year", "exclusion") == []
    assert found("FEV1 increase ≥ 13% after albuterol") == []
    [egfr] = found("eGFR < 35 mL/min/1.73m2", "exclusion")
    assert egfr.variable == "egfr"
    # a change word earlier in the clause, in another phrase, leaves the bound alone
    assert [p.variable for p in found("weight gain, BMI > 41", "exclusion")] == ["bmi"]


def test_the_age_of_someone_else_is_not_the_patients_age():
    assert found("mother aged < 19 years at delivery", "exclusion") == []
    assert found("parent's age > 45 years") == []
    assert [p.variable for p in found("aged < 19 years at screening", "exclusion")] == ["age"]


def test_chinese_headings_inside_a_line_whose_breaks_were_lost_start_their_list():
    text = "入组条件：1.年龄45-80岁 2.吸烟≥15包年 排除条件：1.eGFR<35 2.BMI>36"
    assert sorted(named(text), key=str) == sorted(
        [
            ("inclusion", "age", D(45), True, D(80), True),
            ("inclusion", "pack_years", D(15), True, None, None),
            ("exclusion", "egfr", None, None, D(35), False),
            ("exclusion", "bmi", D(36), False, None, None),
        ],
        key=str,
    )
    # words that merely mention the criteria are no heading
    assert {p[0] for p in named("入选标准：1. 年龄45-80岁 2. 符合排除标准者除外，BMI<36")} == {"inclusion"}


def test_labs_named_in_one_list_with_other_short_lab_names_share_the_bound():
    got = found("Abnormal liver tests (ALT, AST, ALP, GGT or bilirubin > 2.5 times ULN)", "exclusion")
    assert {p.variable for p in got} == {"alt_x_uln", "ast_x_uln", "bilirubin_x_uln"}
    assert {bounds(p) for p in got} == {(D("2.5"), False, None, None)}
    # a lab with its own value earlier in the clause is another item
    got = found("ALT 45 U/L, ALP or bilirubin > 2.5 x ULN", "exclusion")
    assert [p.variable for p in got] == ["bilirubin_x_uln"]


def test_a_lab_abbreviation_in_brackets_after_a_name_the_table_does_not_know_joins_the_list():
    got = found("丙氨酸氨基轉(zhuǎn)移酶(ALT)和天門冬氨酸基轉(zhuǎn)移酶(AST)≤3.5×ULN")
    assert {p.variable for p in got} == {"alt_x_uln", "ast_x_uln"}
    # a bracket that holds a value, not a name, does not
    got = found("ALT(45 U/L)和天门冬氨酸基转移酶(AST)≤3.5×ULN")
    assert [p.variable for p in got] == ["ast_x_uln"]


def test_childbearing_age_in_brackets_defines_who_must_use_contraception_and_is_no_age_limit():
    assert found("Women of child-bearing age (15-49) must use contraception", variable="age") == []
    assert found("Women aged 15-49", variable="age") != []


def test_a_persons_years_in_brackets_are_an_age_and_an_events_are_a_window():
    assert [(p.variable, p.upper) for p in found("Minors (<17 years)", "exclusion")] == [("age", D(17))]
    assert [(p.variable, p.lower) for p in found("Elderly (> 86 yrs)", "exclusion")] == [("age", D(86))]
    assert [(p.variable, p.upper) for p in found("smoking cessation (< 2 years)", "exclusion")] == [("window", D(2))]


def test_chinese_pack_years_written_with_a_slash_or_a_dot_are_pack_years():
    assert [(p.variable, p.lower) for p in found("吸烟指数≥12包/年")] == [("pack_years", D(12))]
    assert [(p.variable, p.lower) for p in found("吸烟量≥25包·年")] == [("pack_years", D(25))]
    # a pack a day next to an age is no pack-year bound
    assert [p.variable for p in found("每天吸烟≥1包 年龄≥45岁")] == ["age"]


def test_an_egfr_unit_with_a_caret_is_read_whole():
    [egfr] = found("eGFR >= 35 mL/min/1.73 m^2 (CKD-EPI)", "exclusion")
    assert egfr.quote == "eGFR >= 35 mL/min/1.73 m^2"
