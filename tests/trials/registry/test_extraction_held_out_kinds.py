"""Kinds of error the second held-out split (h001-h175) showed, each read on both sides of its boundary (issue 20,
third round). Every wording here is written for these tests, with other numbers and words than the records."""

from decimal import Decimal

from trials.registry.extraction import extract, split_clauses

from .extraction_readings import found, kinds

D = Decimal


def bounds(text, variable, kind="inclusion"):
    return [(p.lower, p.lower_inclusive, p.upper, p.upper_inclusive) for p in found(text, kind, variable)]


def windows(text, kind="exclusion"):
    return [(p.upper, p.upper_inclusive, p.unit) for p in found(text, kind, "window")]


def durations(text, kind="inclusion"):
    return [(p.lower, p.lower_inclusive, p.unit) for p in found(text, kind, "duration")]


# Lists ----------------------------------------------------------------------------------------------------------


def test_a_chinese_exclusion_heading_glued_to_the_end_of_a_paragraph_starts_the_exclusion_list():
    text = "入选标准\n年龄≥40岁;自愿签署知情同意书。排除标准\n妊娠期妇女;\n筛选前8周内接受过全身激素治疗的受试者;\n"
    assert kinds(text)[1:] == [
        ("exclusion", "妊娠期妇女;"),
        ("exclusion", "筛选前8周内接受过全身激素治疗的受试者;"),
    ]
    found_windows = [p for p in extract(text) if p.variable == "window"]
    assert [(p.kind, p.upper) for p in found_windows] == [("exclusion", D(8))]


def test_the_heading_words_inside_a_sentence_are_no_heading():
    text = "入选标准\n年龄≥40岁;不符合本研究排除标准者。\n筛选前8周内未接受过全身激素治疗;\n"
    assert {kind for kind, _text in kinds(text)} == {"inclusion"}


HEADLESS_WITH_SUB_ITEMS = (
    "1\n|\n基线前10周内使用过以下系统治疗:\n口服免疫抑制剂;\n光照疗法;\n中成药;\n其他系统治疗的药物。\n|\n"
    "2\n|\n基线前3周内使用过以下局部治疗:\n外用激素;\n外用中药制剂;\n其他局部用药。\n|\n"
    "3\n|\n基线前5个月内接受过脱敏治疗;\n|\n4\n|\n经研究者评估存在其他皮肤病;\n|\n"
)


def test_things_an_item_lists_after_its_colon_do_not_outvote_the_items_of_a_headless_exclusion_list():
    assert {kind for kind, _text in kinds(HEADLESS_WITH_SUB_ITEMS)} == {"exclusion"}


def test_a_headless_list_whose_items_read_as_inclusions_stays_the_inclusion_list_with_sub_items():
    text = (
        "1\n|\n年龄18~60岁,男女不限;\n|\n2\n|\n符合以下诊断标准:\n病程≥6个月;\n皮损面积≥10%;\n|\n"
        "3\n|\n自愿签署知情同意书;\n|\n"
    )
    assert {kind for kind, _text in kinds(text)} == {"inclusion"}


def test_a_line_that_starts_with_the_value_of_a_wrapped_bound_carries_on_its_clause():
    text = "- Liver function: ALT or AST <\n  3.5 X ULN\n- Platelets > 90 x 10^9/L"
    assert [c.text for c in split_clauses(text)][0] == "Liver function: ALT or AST < 3.5 X ULN"
    assert bounds(text, "alt_x_uln") == [(None, None, D("3.5"), False)]
    wrapped = "5.1) 总胆红素≤1.5×ULN,Gilbert 综合征受试者应\n≤2.5×ULN;\n5.2) 血小板≥90×10^9/L"
    assert [p.upper for p in extract(wrapped) if p.variable == "bilirubin_x_uln"] == [D("1.5"), D("2.5")]


def test_a_numbered_item_after_a_line_without_an_operator_is_still_its_own_item():
    text = "Inclusion Criteria:\n2.1 Adults with asthma\n2.2 Prebronchodilator FEV1 < 75% predicted"
    assert len(split_clauses(text)) == 2


def test_a_line_wrapped_inside_brackets_carries_on_its_clause():
    text = "5.2) ALT、AST≤2.5×ULN(在扩展\n研究中,肝转移受试者可≤4×ULN);\n5.3) 血小板≥90×10^9/L"
    assert len(split_clauses(text)) == 2
    assert sorted(p.upper for p in extract(text) if p.variable == "alt_x_uln") == [D("2.5"), D(4)]


# Ages -----------------------------------------------------------------------------------------------------------


def test_a_record_maximum_age_of_99_years_or_more_is_no_limit():
    for placeholder in ("99 Years", "100 Years", "120 Years", "150 Years"):
        ages = [
            p
            for p in extract("Adults with COPD", minimum_age="35 Years", maximum_age=placeholder)
            if p.variable == "age"
        ]
        assert [(p.lower, p.upper) for p in ages] == [(D(35), None)], placeholder
    ages = [
        p for p in extract("Adults with COPD", minimum_age="35 Years", maximum_age="98 Years") if p.variable == "age"
    ]
    assert [(p.lower, p.upper) for p in ages] == [(D(35), D(98))]


def test_a_text_age_up_to_99_years_is_kept_as_stated():
    assert bounds("Aged 21 to 99 years", "age") == [(D(21), True, D(99), True)]


def test_an_age_that_is_the_condition_of_another_rule_bounds_no_age():
    assert bounds("如果受试者的年龄<19岁,则其监护人须签署知情同意书", "age") == []
    assert bounds("对于在韩国入选的年龄<19岁的受试者,应获得其监护人签署的知情同意", "age") == []
    assert bounds("Consent signed by the guardian (if the participant's age is under 16 years)", "age") == []
    assert bounds("年龄<19岁", "age", "exclusion") == [(None, None, D(19), False)]
    assert bounds("Participant's age is under 16 years", "age", "exclusion") == [(None, None, D(16), False)]


def test_older_or_younger_than_age_n_is_an_age_bound():
    assert bounds("Older than age 72 years", "age", "exclusion") == [(D(72), False, None, None)]
    assert bounds("Younger than age of 11 years old", "age", "exclusion") == [(None, None, D(11), False)]
    assert bounds("Older than 72 years", "age", "exclusion") == [(D(72), False, None, None)]


def test_aged_n_and_m_years_is_a_range_without_between():
    assert bounds("Men aged 25 and 70 years", "age") == [(D(25), True, D(70), True)]
    assert bounds("Men aged 25 and over", "age") == [(D(25), True, None, None)]


def test_one_bound_is_shared_only_by_variables_asked_in_the_same_unit():
    assert bounds("Women > 21 and < 58 years of age, Body Mass Index (BMI) <37", "age") == [
        (D(21), False, D(58), False)
    ]
    assert bounds("Women > 21 and < 58 years of age, Body Mass Index (BMI) <37", "bmi") == [(None, None, D(37), False)]
    text = "ALT, AST and total bilirubin ≤ 2.2 x ULN"
    assert [p.variable for p in found(text) if p.upper == D("2.2")] == ["alt_x_uln", "ast_x_uln", "bilirubin_x_uln"]


def test_a_number_with_no_unit_is_an_age_only_next_to_the_age_it_bounds():
    text = "Hypermobility score ≥ 6 for women up to the age of 45 years and ≥ 3 for those above 45 years"
    assert bounds(text, "age") == []
    assert bounds("≥35 and ≤72 years of age", "age") == [(D(35), True, D(72), True)]
    assert bounds("Age < 16 or > 66", "age", "exclusion") == [(None, None, D(16), False), (D(66), False, None, None)]


def test_the_age_of_someone_the_patient_cares_for_is_no_age_of_the_patient():
    assert bounds("Parent caring for a child between the ages of three and eight", "age") == []
    assert bounds("Mothers with a child aged 2 to 6 years", "age") == []
    assert bounds("Children between the ages of three and eight", "age") == [(D(3), True, D(8), True)]
    assert bounds("Children aged 2 to 6 years", "age") == [(D(2), True, D(6), True)]


def test_people_over_n_doing_something_are_over_n_years_old():
    assert bounds("Patients over 65 attending a participating clinic", "age") == [(D(65), False, None, None)]
    assert bounds("Women over 3 drinks per day", "age", "exclusion") == []


# x ULN ----------------------------------------------------------------------------------------------------------


def test_times_the_maximum_normal_value_is_x_uln():
    assert bounds("total bilirubin < 1.8 X maximum normal value", "bilirubin_x_uln") == [(None, None, D("1.8"), False)]
    assert bounds("creatinine > 1.7 times of the upper limit of normal", "creatinine_x_uln", "exclusion") == [
        (D("1.7"), False, None, None)
    ]
    assert bounds("total bilirubin < 1.8 mg/dL maximum", "bilirubin_x_uln") == []


def test_direct_bilirubin_is_not_total_bilirubin():
    text = "total bilirubin (TBIL) ≤ 1.7 × ULN, direct bilirubin (DBIL) ≤ 1.2 × ULN"
    assert bounds(text, "bilirubin_x_uln") == [(None, None, D("1.7"), True)]
    assert bounds("直接胆红素≤1.2×ULN", "bilirubin_x_uln") == []
    assert bounds("总胆红素≤1.7×ULN", "bilirubin_x_uln") == [(None, None, D("1.7"), True)]


def test_a_subgroup_named_before_a_second_bound_gives_the_same_labs_that_bound():
    text = "AST和ALT≤2.2倍ULN,骨转移患者≤4倍ULN"
    assert sorted(bounds(text, "alt_x_uln")) == [(None, None, D("2.2"), True), (None, None, D(4), True)]
    assert sorted(bounds(text, "ast_x_uln")) == [(None, None, D("2.2"), True), (None, None, D(4), True)]
    text = "ALT或AST>2.2XULN[无骨转移受试者];或≥4XULN[骨转移受试者]"
    assert sorted(bounds(text, "alt_x_uln", "exclusion")) == [(D("2.2"), False, None, None), (D(4), True, None, None)]


def test_a_second_lab_named_before_a_second_bound_takes_it_alone():
    text = "ALT≤2.2倍ULN,肌酐≤1.3倍ULN"
    assert bounds(text, "alt_x_uln") == [(None, None, D("2.2"), True)]
    assert bounds(text, "creatinine_x_uln") == [(None, None, D("1.3"), True)]


def test_labs_named_with_abbreviations_in_square_brackets_share_one_bound():
    text = "谷丙转氨酶[ALT]或谷草转氨酶[AST]>2.2XULN"
    assert [p.variable for p in found(text, "exclusion")] == ["alt_x_uln", "ast_x_uln"]


# Windows and durations -----------------------------------------------------------------------------------------


def test_time_since_stopping_bounded_above_is_a_window_and_no_duration():
    assert windows("Former smoker (having stopped smoking <4 months duration)") == [(D(4), False, "months")]
    assert durations("Former smoker (having stopped smoking <4 months duration)", "exclusion") == []
    assert windows("Alcohol abstinence of ≤8 months") == [(D(8), True, "months")]
    assert durations("Former smoker having stopped smoking ≥ 4 months", "inclusion") == [(D(4), True, "months")]
    assert windows("Former smoker having stopped smoking ≥ 4 months", "inclusion") == []


def test_for_the_past_n_is_a_window_in_an_exclusion_list_and_a_duration_in_an_inclusion_list():
    assert windows("Taking fish oil capsules for the past 5 months", "exclusion") == [(D(5), True, "months")]
    assert durations("Taking fish oil capsules for the past 5 months", "exclusion") == []
    assert durations("Smoking 8 cigarettes a day for the past 5 months", "inclusion") == [(D(5), True, "months")]
    assert windows("Smoking 8 cigarettes a day for the past 5 months", "inclusion") == []


def test_a_course_longer_than_a_month_within_a_look_back_is_a_duration_and_days_within_days_are_a_frequency():
    text = "History of steroid treatment for more than 2 months within the last 9 months"
    assert durations(text, "exclusion") == [(D(2), False, "months")]
    assert windows(text) == [(D(9), True, "months")]
    assert durations("Reflux for 3 days or more during the last 10 days", "inclusion") == []


def test_the_prior_n_months_is_a_look_back():
    assert windows("Antiviral treatment the prior 4 months") == [(D(4), True, "months")]
    assert windows("Antiviral treatment prior 4 months") == []


def test_chinese_time_since_a_start_still_short_of_a_span_is_a_strict_window():
    assert windows("从使用任一种研究药物起,时间少于40天") == [(D(40), False, "days")]
    assert windows("从使用任一种研究药物起,时间超过40天") == []


def test_a_chinese_look_back_with_an_alternative_in_brackets_before_its_event_is_a_window():
    assert windows("基线前6周(或5个半衰期,以时间较长者为准)参加并使用过任何试验用药品") == [(D(6), True, "weeks")]
    assert windows("基线前6周(或5个半衰期)的实验室检查结果") == []


def test_a_wish_still_to_come_is_no_look_back():
    assert windows("一年内有生育要求的女性") == []
    assert windows("一年内有手术史的受试者") == [(D(1), True, "years")]


def test_a_procedure_to_be_done_a_period_left_out_or_the_first_days_of_the_study_are_no_look_back():
    assert windows("Candidates for bilateral knee surgery within 2 months", "inclusion") == []
    assert windows("Had knee surgery within 2 months", "inclusion") == [(D(2), True, "months")]
    assert windows("Three flares a year, without considering the last 4 months", "inclusion") == []
    assert windows("A flare in the last 4 months", "inclusion") == [(D(4), True, "months")]
    assert windows("Within the first 5 days of enrolment, use of oral steroids") == []
    assert windows("Within 5 days before enrolment, use of oral steroids") == [(D(5), True, "days")]


def test_hours_of_a_stay_are_its_length_not_a_count_of_stays():
    assert windows("More than 48 hours of hospital stay in the last 20 days") == [(D(20), True, "days")]
    assert windows("More than 3 hospital admissions in the last 20 days") == []


def test_successive_months_are_a_duration():
    assert durations("Wheeze for at least 4 successive months") == [(D(4), True, "months")]


def test_smoking_a_number_a_day_for_longer_than_a_span_is_a_duration_and_pack_year_arithmetic_is_not():
    assert durations("Smokes at least 8 cigarettes per day for longer than two years") == [(D(2), False, "years")]
    assert durations("≥ 15 pack-years (e.g., 1 pack per day for 15 years)") == []


def test_less_than_a_span_after_a_past_event_is_a_strict_window_and_after_the_study_dose_is_none():
    assert windows("Cough <10 months after onset of symptoms", "inclusion") == [(D(10), False, "months")]
    assert windows("Visit <4 weeks after the last dose", "inclusion") == []


def test_chinese_at_least_n_weeks_free_of_a_treatment_is_a_duration_and_no_window():
    text = "并至少3周内无需激素治疗"
    assert durations(text) == [(D(3), True, "weeks")]
    assert windows(text, "inclusion") == []
    assert windows("近3周内使用过激素治疗", "inclusion") == [(D(3), True, "weeks")]


def test_chinese_span_between_two_times_after_surgery_is_a_duration_and_a_window():
    text = "根治性手术术后 5-11 周进行随机"
    assert durations(text) == [(D(5), True, "weeks")]
    assert windows(text, "inclusion") == [(D(11), True, "weeks")]
    assert windows("首次给药后 2-4 周进行复查", "inclusion") == []
    assert durations("首次给药后 2-4 周进行复查") == []
    assert windows("切除术后 3-5 周可选择接受一次介入治疗", "inclusion") == []


def test_a_chinese_look_back_with_its_inclusion_mark_before_the_event_names_the_event():
    assert windows("筛选前40天内(含)服用过中药") == [(D(40), True, "days")]
    assert windows("筛选前40天内服用过中药") == [(D(40), True, "days")]


def test_a_period_before_or_after_a_date_is_no_look_back():
    assert windows("A drug prescription within 60 days before or after the index visit", "inclusion") == []
    assert windows("A drug prescription within 60 days before the index visit", "inclusion") == [(D(60), True, "days")]


def test_an_expected_event_stays_in_the_future_however_long_the_words_before_the_span():
    text = "Expected discharge from the regional rehabilitation and nursing centre to the home within 60 days"
    assert windows(text, "inclusion") == []


def test_for_the_past_year_is_a_one_year_window_in_an_exclusion_list():
    assert windows("Those taking probiotic supplements for the past year", "exclusion") == [(D(1), True, "years")]
    assert windows("Willing to keep a diary for the past year", "exclusion") == []
    assert windows("Those taking probiotic supplements for the past year", "inclusion") == []


def test_two_numbers_joined_by_and_before_years_old_are_an_age_range():
    assert bounds("9 and 60 years old for patients with the disease", "age") == [(D(9), True, D(60), True)]
    assert bounds("21 and 64 years of age", "age") == [(D(21), True, D(64), True)]
    assert bounds("Asthma for 2 and 3 years", "age") == []


def test_chinese_headings_with_a_qualifier_before_them_start_their_lists():
    text = "主要入选标准\n年龄≥40岁\n主要排除标准\n近2个月内使用过抗生素\n妊娠"
    assert kinds(text) == [("inclusion", "年龄≥40岁"), ("exclusion", "近2个月内使用过抗生素"), ("exclusion", "妊娠")]
    text = "关键纳入标准:年龄≥40岁。关键排除标准:近2个月内使用过抗生素"
    assert kinds(text) == [("inclusion", "年龄≥40岁。"), ("exclusion", "近2个月内使用过抗生素")]
    assert kinds("入选标准\n年龄≥40岁\n主要研究者认为合适") == [
        ("inclusion", "年龄≥40岁"),
        ("inclusion", "主要研究者认为合适"),
    ]


def test_a_count_of_moderate_or_severe_exacerbations_is_one_count_and_no_window():
    text = "2 or more moderate or severe exacerbations in the past 12 months"
    assert bounds(text, "exacerbations_12m") == [(D(2), True, None, None)]
    assert windows(text, "inclusion") == []
    assert bounds("过去12个月内至少3次中度或重度急性加重", "exacerbations_12m") == [(D(3), True, None, None)]
    # a different noun after "or" is another item: the count is not the second noun's
    assert bounds("≥ 2 cigarettes or exacerbations in the past 12 months", "exacerbations_12m") == []


def test_fev1_written_with_an_escaped_subscript_is_fev1():
    assert bounds("FEV\\_1 \\< 65% predicted", "fev1_pct_pred") == [(None, None, D(65), False)]
    assert bounds("FEV_1/FVC < 0.65", "fev1_fvc_ratio") == [(None, None, D("0.65"), False)]


def test_percent_predicted_fev1_written_pp_needs_no_percent_sign():
    assert bounds("ppFEV1 ≥ 35", "fev1_pct_pred") == [(D(35), True, None, None)]
    assert bounds("FEV1 ≥ 35", "fev1_pct_pred") == []  # litres or percent: not said


def test_a_chinese_plan_before_a_span_is_no_look_back():
    assert windows("哺乳期妇女,或计划在9个月内怀孕者") == []
    assert windows("预计在2个月内接受手术") == []
    assert windows("计划怀孕,或近9个月内有流产史") == [(D(9), True, "months")]


def test_a_commitment_to_stop_before_the_study_is_no_look_back():
    assert windows("Willing to stop taking nasal steroids 3 weeks before the study", "inclusion") == []
    assert windows("Unwilling to withhold antihistamines for 5 days before the skin test") == []
    assert windows("Took nasal steroids 3 weeks before the study") == [(D(3), True, "weeks")]


def test_a_chinese_heading_glued_to_the_item_before_it_and_followed_by_its_first_item_starts_its_list():
    text = "入选标准:1、年龄≥40岁 2、自愿签署知情同意书排除标准1、妊娠 2、近2个月内使用过激素"
    assert kinds(text) == [
        ("inclusion", "年龄≥40岁"),
        ("inclusion", "自愿签署知情同意书"),
        ("exclusion", "妊娠"),
        ("exclusion", "近2个月内使用过激素"),
    ]
    assert {kind for kind, _text in kinds("入选标准:1、年龄≥40岁 2、不符合排除标准1.5倍者")} == {"inclusion"}


def test_an_english_subgroup_bound_without_its_lab_named_gives_the_same_labs_that_bound():
    uppers = lambda text, variable: sorted(p.upper for p in found(text, "inclusion", variable))  # noqa: E731
    text = "AST/ALT ≤ 2.2 x ULN; ≤ 4 x ULN for subjects with hepatic involvement"
    assert uppers(text, "alt_x_uln") == [D("2.2"), D(4)]
    assert uppers(
        "Bilirubin ≤ 1.3 x ULN, except patients with Gilbert's syndrome (≤ 2.8 x ULN)", "bilirubin_x_uln"
    ) == [
        D("1.3"),
        D("2.8"),
    ]
    assert uppers("AST and ALT ≤ 2.2 × ULN (patients with liver metastases: ≤ 4 × ULN)", "ast_x_uln") == [
        D("2.2"),
        D(4),
    ]
    assert uppers("ALT和AST≤2.2×ULN;如有肝转移,≤4×ULN", "alt_x_uln") == [D("2.2"), D(4)]
    # a lab the tables do not know, or no subgroup at all: the bound is not given to the first lab
    assert uppers(
        "ALT ≤ 3.2 × ULN; alkaline phosphatase ≤ 2.2 × ULN for patients with bone metastases", "alt_x_uln"
    ) == [D("3.2")]
    assert uppers("ALT ≤ 3.2 × ULN; ≤ 2.2 × ULN", "alt_x_uln") == [D("3.2")]


def test_a_disease_duration_bounded_above_is_a_window_however_the_bound_is_written():
    assert windows("Disease duration ≤ 7 years", "inclusion") == [(D(7), True, "years")]
    assert windows("Disease duration of no more than 7 years", "inclusion") == [(D(7), True, "years")]
    assert windows("Disease duration < 7 years", "inclusion") == [(D(7), False, "years")]
    assert windows("Disease duration of at least 7 years", "inclusion") == []
    assert durations("Disease duration of at least 7 years") == [(D(7), True, "years")]


def test_a_chinese_disease_duration_bounded_above_is_a_window_and_stopping_a_drug_for_at_least_a_span_a_duration():
    assert windows("病程<7年", "inclusion") == [(D(7), False, "years")]
    assert windows("病程不超过7年", "inclusion") == [(D(7), True, "years")]
    assert windows("病程≥7个月", "inclusion") == []
    assert durations("病程≥7个月") == [(D(7), True, "months")]
    assert durations("停用抗组胺药至少3周") == [(D(3), True, "weeks")]


def test_a_duration_between_two_spans_is_a_duration_and_a_strict_window():
    text = "Episode duration more than 3 months and less than 6 years"
    assert durations(text) == [(D(3), False, "months")]
    assert windows(text, "inclusion") == [(D(6), False, "years")]


def test_a_chinese_span_that_times_a_pregnancy_test_or_a_progression_after_treatment_is_no_look_back():
    assert windows("女性在研究入组前的5天内血清或尿妊娠试验阴性", "inclusion") == []
    assert windows("女性在治疗前 5 天内的血妊娠结果为阴性", "inclusion") == []
    assert windows("入组前5天内使用过抗生素") == [(D(5), True, "days")]
    assert windows("局部治疗完成9个月内疾病进展") == []
    assert windows("近9个月内疾病进展") == [(D(9), True, "months")]


def test_other_ages_and_years_of_something_are_no_age_of_the_patient():
    for text in (
        "Age-adjusted Charlson comorbidity index ≥ 4",
        "Bone age ≤ 13 years",
        "Menopausal age > 52",
        "Age at menarche ≥ 11 years",
        "Children whose parents are aged 22-41 years",
    ):
        assert bounds(text, "age") == [], text
    assert bounds("At least 19 years old with ≥ 3 years of education", "age") == [(D(19), True, None, None)]
    assert bounds("Parents aged 22-41 years", "age") == [(D(22), True, D(41), True)]
    assert bounds("Age ≥ 52", "age") == [(D(52), True, None, None)]
