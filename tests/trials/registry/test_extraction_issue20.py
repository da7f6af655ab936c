"""The kinds of error issue 20 lists, each read on both sides of its boundary (wordings written for these tests)."""

from decimal import Decimal

import pytest

from trials.registry.extraction import DURATION_QUESTION_KEYS, event_question, extract

from .extraction_readings import found

D = Decimal


def bounds(p):
    return (p.lower, p.lower_inclusive, p.upper, p.upper_inclusive)


# Several labs under one bound ------------------------------------------------------------------------------------


def test_each_lab_named_before_one_bound_gets_that_bound_with_the_whole_span_quoted():
    text = "ALT, AST and total bilirubin each ≤ 2.5 x ULN"
    got = {p.variable: p for p in found(text, "exclusion")}
    assert set(got) == {"alt_x_uln", "ast_x_uln", "bilirubin_x_uln"}
    assert all(bounds(p) == (None, None, D("2.5"), True) for p in got.values())
    assert all(p.quote == text for p in got.values())


def test_transaminases_named_as_a_group_bound_both_alt_and_ast_but_a_single_lab_bounds_only_itself():
    both = found("Serum transaminases above 3 times the upper limit of normal", "exclusion")
    assert {p.variable for p in both} == {"alt_x_uln", "ast_x_uln"}
    assert all(bounds(p) == (D(3), False, None, None) for p in both)
    one = found("ALT above 3 times the upper limit of normal", "exclusion")
    assert [p.variable for p in one] == ["alt_x_uln"]


def test_a_lab_bound_written_as_times_normal_is_read_but_a_normal_range_is_not():
    assert bounds(found("ALT > 2x normal", "exclusion", "alt_x_uln")[0]) == (D(2), False, None, None)
    assert found("ALT within 2 times the normal range", "exclusion", "alt_x_uln") == []


# Ranges in words -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "variable", "expected"),
    [
        ("FEV1 between 35 and 70 percent of predicted, both included", "fev1_pct_pred", (D(35), True, D(70), True)),
        ("FEV1 % pred 40–65", "fev1_pct_pred", (D(40), True, D(65), True)),
        ("body mass index from 18.5 to 32 kg/m², inclusive", "bmi", (D("18.5"), True, D(32), True)),
        ("aged > 21 – 75 years", "age", (D(21), False, D(75), True)),
    ],
)
def test_ranges_written_in_words_keep_both_ends_and_their_inclusivity(text, variable, expected):
    assert [bounds(p) for p in found(text, variable=variable)] == [expected]


def test_an_age_up_to_eleven_years_eleven_months_is_below_the_twelfth_birthday_but_eleven_years_is_eleven():
    [months] = found("Children 5 years to 11 years 11 months of age", variable="age")
    assert bounds(months) == (D(5), True, D(12), False)
    [years] = found("Children 5 years to 11 years of age", variable="age")
    assert bounds(years) == (D(5), True, D(11), True)


# The ratio named in full -----------------------------------------------------------------------------------------


def test_the_ratio_named_in_full_is_the_ratio_never_fev1_or_fvc_percent_predicted():
    text = (
        "post-bronchodilator forced expiratory volume in 1 second to forced vital capacity ratio (FEV1/FVC) below 0.7"
    )
    [ratio] = found(text)
    assert (ratio.variable, ratio.upper, ratio.upper_inclusive) == ("fev1_fvc_ratio", D("0.7"), False)
    bracketed = found("FEV1/Forced Vital Capacity (FVC) ratio <70 %")
    assert [(p.variable, p.upper) for p in bracketed] == [("fev1_fvc_ratio", D("0.7"))]


def test_fvc_named_on_its_own_is_still_fvc_percent_predicted():
    assert [p.variable for p in found("Forced vital capacity (FVC) ≥ 50% predicted")] == ["fvc_pct_pred"]


# Numbers that are not criteria -----------------------------------------------------------------------------------


def test_gold_stage_definitions_quoted_in_a_clause_are_not_bounds_but_a_band_asked_for_is():
    assert found("COPD GOLD stage 3 or 4 (stage 3: 30% ≤ FEV1 < 50%; stage 4: FEV1 < 30% predicted)") == []
    [band] = found("COPD with 30% ≤ FEV1 < 50% predicted")
    assert bounds(band) == (D(30), True, D(50), False)


def test_reversibility_and_a_fall_in_fev1_are_not_thresholds_on_fev1_but_fev1_itself_is():
    assert found("reversibility of ≥ 12% and 200 mL in FEV1 after salbutamol") == []
    assert found("a fall in FEV1 of 20% or more after methacholine") == []
    assert bounds(found("FEV1 of 20% or more of predicted")[0]) == (D(20), True, None, None)


# Subgroups and either/or -----------------------------------------------------------------------------------------


def test_each_subgroup_gets_its_own_age_rule_carrying_its_condition():
    got = found("part A (COPD): 40–75 years; part B (asthma): 18–65 years", variable="age")
    assert [(bounds(p), p.qualifier) for p in got] == [
        ((D(40), True, D(75), True), "part A (COPD)"),
        ((D(18), True, D(65), True), "part B (asthma)"),
    ]
    [plain] = found("Adults aged 18–65 years", variable="age")
    assert plain.qualifier == ""


def test_either_or_bounds_in_one_clause_are_both_proposed_and_marked_as_alternatives():
    got = found("DLCO or FVC below 80% of predicted")
    assert {p.variable for p in got} == {"dlco_pct_pred", "fvc_pct_pred"}
    assert all(p.alternative and p.upper == D(80) for p in got)
    joined = found("DLCO and FVC below 80% of predicted")
    assert {p.variable for p in joined} == {"dlco_pct_pred", "fvc_pct_pred"}
    assert not any(p.alternative for p in joined)
    assert found("FVC below 80% of predicted")[0].alternative is False


# Abilities and states ----------------------------------------------------------------------------------------------


def test_an_ability_with_a_named_walk_test_is_a_six_minute_walk_bound():
    [walk] = found("able to walk 100 metres or more in the 6-minute walk test")
    assert (walk.variable, bounds(walk)) == ("sixmwd_m", (D(100), True, None, None))
    assert found("able to walk 100 metres unaided") == []


def test_a_resting_saturation_is_spo2_but_transferrin_saturation_is_not():
    [spo2] = found("resting oxygen saturation of at least 89%")
    assert (spo2.variable, bounds(spo2)) == ("spo2_pct", (D(89), True, None, None))
    assert bounds(found("saturation < 90 % on ambient air", "exclusion")[0]) == (None, None, D(90), False)
    assert found("transferrin saturation < 20%", "exclusion") == []


# Lists: the heading decides ----------------------------------------------------------------------------------------


def test_a_lab_bound_in_an_exclusion_list_is_an_exclusion_and_in_the_inclusion_list_an_inclusion():
    text = "Inclusion Criteria:\n* FEV1 ≥ 30% predicted\nExclusion Criteria:\n* AST or ALT above 3 times ULN\n"
    kinds = {p.variable: p.kind for p in extract(text) if p.variable.endswith(("_uln", "_pred"))}
    assert kinds == {"fev1_pct_pred": "inclusion", "ast_x_uln": "exclusion", "alt_x_uln": "exclusion"}


@pytest.mark.parametrize(
    ("heading", "kind"),
    [("入选标准", "inclusion"), ("纳入标准", "inclusion"), ("排除标准", "exclusion"), ("不纳入标准", "exclusion")],
)
def test_chinese_headings_put_their_clauses_in_their_list(heading, kind):
    text = f"{heading}：\n1. 吸烟史≥20包年\n2. 总胆红素>2倍ULN\n"
    got = {p.variable: (p.kind, bounds(p)) for p in extract(text)}
    assert got["pack_years"] == (kind, (D(20), True, None, None))
    assert got["bilirubin_x_uln"] == (kind, (D(2), False, None, None))


# Durations -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount", "inclusive", "unit", "question"),
    [
        ("on a stable dose for at least 8 weeks before screening", 8, True, "weeks", "days_on_current_treatment"),
        ("asthma diagnosed at least 6 months before screening", 6, True, "months", "days_since_diagnosis"),
        ("symptoms for more than 1 year", 1, False, "years", "days_with_symptoms"),
        ("ex-smokers who quit smoking ≥ 6 months ago", 6, True, "months", "days_since_quit_smoking"),
        ("medication unchanged for 30 days", 30, True, "days", "days_on_current_treatment"),
        ("chronic cough for at least 8 weeks", 8, True, "weeks", "days_with_symptoms"),
        ("戒烟≥6个月", 6, True, "months", "days_since_quit_smoking"),
        ("稳定剂量≥4周", 4, True, "weeks", "days_on_current_treatment"),
    ],
)
def test_a_lower_bound_on_time_is_a_duration_with_its_event_and_question(text, amount, inclusive, unit, question):
    [duration] = found(text, variable="duration")
    assert (duration.lower, duration.lower_inclusive, duration.upper, duration.unit) == (
        D(amount),
        inclusive,
        None,
        unit,
    )
    assert event_question(duration.event, "duration") == question
    assert question in DURATION_QUESTION_KEYS
    assert duration.quote in text


@pytest.mark.parametrize(
    "text",
    [
        "no rehabilitation programme in the last 3 months",
        "likely to undergo transplantation in the next year",
        "expected survival < 12 months",
        "willing to take the study drug for at least 12 weeks",
        "contraception during the study and for 90 days after the last dose",
        "at least 10 pack-years (e.g., 1 pack/day for 10 years)",
        "aged at least 40 years",
    ],
)
def test_look_back_windows_future_periods_ages_and_pack_year_arithmetic_are_not_durations(text):
    assert found(text, "exclusion", "duration") == []


def test_a_look_back_window_stays_a_window():
    [window] = found("no rehabilitation programme in the last 3 months", "exclusion")
    assert (window.variable, window.upper, window.unit) == ("window", D(3), "months")


# Bronchodilator ----------------------------------------------------------------------------------------------------


def test_post_bronchodilator_covers_every_spirometry_value_after_it_in_the_sentence():
    got = {p.variable: p.bronchodilator for p in found("post-bronchodilator FEV1/FVC < 0.70 and FEV1 30-80% predicted")}
    assert got == {"fev1_fvc_ratio": "post", "fev1_pct_pred": "post"}
    assert found("支气管舒张剂后FEV1/FVC<0.70")[0].bronchodilator == "post"
    assert found("FEV1 < 80% predicted after salbutamol")[0].bronchodilator == "post"


def test_pre_bronchodilator_is_pre_and_a_text_that_does_not_say_is_left_for_the_admin():
    assert found("pre-bronchodilator FEV1 ≥ 40% predicted")[0].bronchodilator == "pre"
    plain = found("FEV1/FVC < 0.70")[0]
    assert plain.bronchodilator is None
    assert plain.as_json()["bronchodilator"] is None
    assert "bronchodilator" not in found("DLCO ≥ 40% predicted")[0].as_json()


# Windows and ages read on records nobody tuned for -----------------------------------------------------------------


def test_a_bracketed_less_than_window_is_upper_exclusive_and_a_within_window_inclusive():
    [bracketed] = found("Recent exacerbation (<6 weeks)", "exclusion", "window")
    assert (bracketed.upper, bracketed.upper_inclusive, bracketed.unit) == (D(6), False, "weeks")
    [within] = found("Exacerbation within 6 weeks before screening", "exclusion", "window")
    assert (within.upper, within.upper_inclusive) == (D(6), True)


def test_windows_written_as_3y_or_the_6_previous_months_are_read():
    assert found("Surgery within 3y prior to baseline", "exclusion", "window")[0].unit == "years"
    [previous] = found("Desensitisation within the 6 previous months", "exclusion", "window")
    assert (previous.upper, previous.unit) == (D(6), "months")


def test_an_age_followed_by_a_word_about_hospital_stays_is_still_an_age():
    [age] = found("Patients over 18 years hospitalized in intensive care", variable="age")
    assert bounds(age) == (D(18), False, None, None)
    assert found("Patients hospitalized over 2 times", variable="age") == []


def test_a_window_said_twice_in_one_clause_is_one_rule_but_two_events_are_two():
    twice = "筛选前 6 周内因下呼吸道感染使用抗生素治疗。注:6 周以内下呼吸道感染病史不能入组"
    assert len(found(twice, "exclusion", "window")) == 1
    two = "Pneumonia within 6 weeks; myocardial infarction within 6 weeks"
    assert {p.event for p in found(two, "exclusion", "window")} == {"pneumonia", "myocardial infarction"}


def test_chinese_steroid_wording_is_a_systemic_steroid_window_with_its_question():
    [window] = found("筛选前 3 个月内接受过口服类固醇治疗", "exclusion", "window")
    assert event_question(window.event) == "days_since_systemic_steroids"


def test_a_chinese_list_with_no_heading_whose_items_read_as_exclusions_is_the_exclusion_list():
    exclusions = (
        "1. 首次用药前3个月内献血或失血≥400mL者;\n2. 妊娠或哺乳期妇女;\n3. 已知对研究药物过敏者;\n"
        "4. 总胆红素>2倍ULN者;\n"
    )
    assert {p.kind for p in extract(exclusions)} == {"exclusion"}
    inclusions = "1. 年龄18~65岁;\n2. 签署知情同意书;\n3. 总胆红素≤1.5倍ULN;\n4. 已知对研究药物过敏者;\n"
    assert {p.kind for p in extract(inclusions)} == {"inclusion"}


@pytest.mark.parametrize(
    ("text", "variables", "expected"),
    [
        ("ALT、AST>1.5 正常值上限(ULN)", {"alt_x_uln", "ast_x_uln"}, (D("1.5"), False, None, None)),
        ("总胆红素>正常值上限的2倍", {"bilirubin_x_uln"}, (D(2), False, None, None)),
        ("天门冬氨酸转氨酶或丙氨酸转氨酶>2×正常值上限(ULN)", {"alt_x_uln", "ast_x_uln"}, (D(2), False, None, None)),
    ],
)
def test_chinese_lab_bounds_against_the_upper_limit_of_normal_are_read(text, variables, expected):
    got = found(text, "exclusion")
    assert {p.variable for p in got} == variables
    assert all(bounds(p) == expected for p in got)


def test_a_chinese_dose_doubled_is_not_a_lab_bound():
    assert found("总胆红素正常,激素剂量加倍2倍剂量", "exclusion") == []


def test_a_period_after_the_last_dose_or_an_age_or_over_is_not_a_duration_but_one_before_screening_is():
    assert found("Treated with azithromycin for 6 months after the last dose", "exclusion", "duration") == []
    assert found("fluticasone for 17 years or over", "exclusion", "duration") == []
    [before] = found("Treated with azithromycin for 6 months before screening", variable="duration")
    assert (before.lower, before.unit) == (D(6), "months")


def test_the_texts_exclusive_age_is_the_one_age_item_whether_the_record_rounds_it_or_not():
    ages = [
        p
        for p in extract("Inclusion Criteria:\n* Adults aged > 40 years\n", minimum_age="40 Years")
        if p.variable == "age"
    ]
    assert [bounds(p) for p in ages] == [(D(40), False, None, None)]
    other = [
        p
        for p in extract("Inclusion Criteria:\n* Adults aged > 40 years\n", minimum_age="45 Years")
        if p.variable == "age"
    ]
    assert [bounds(p) for p in other] == [(D(40), False, None, None)]  # the text's clause, not the record (0109)
