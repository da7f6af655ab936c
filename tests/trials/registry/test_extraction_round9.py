"""Kinds of wording of the ninth round (issue 20, decision 0093): which list a clause of a headingless Chinese record
is in, Chinese and English look-back windows, and named bounds that are not the patient's. Every text here is
written for the test, with other words and numbers than the dev records."""

from decimal import Decimal

from tests.trials.registry.extraction_readings import bounds, durations, kinds, proposals, windows

D = Decimal


# --- a registry's two cells, inclusion then exclusion, with no headings and numbers glued to the items --------------

GLUED_CELLS = (
    "1自愿签署知情同意书；2年龄为30~60周岁的男性或女性；3体重指数在18~30kg/m2范围内。\n"
    "1有严重心血管疾病者；2筛选前8周内使用过任何处方药者；3对研究药物过敏者。"
)


def test_a_second_paragraph_whose_glued_numbers_start_at_1_again_is_the_exclusion_list():
    assert ("inclusion", "年龄为30~60周岁的男性或女性；") in kinds(GLUED_CELLS)
    assert ("exclusion", "有严重心血管疾病者；") in kinds(GLUED_CELLS)
    assert windows(GLUED_CELLS) == [("exclusion", D(8), True, "weeks")]


def test_the_first_paragraph_stays_inclusion_although_the_exclusion_list_after_it_reads_as_exclusions():
    assert ("inclusion", "自愿签署知情同意书；") in kinds(GLUED_CELLS)
    assert ("inclusion", "体重指数在18~30kg/m2范围内。") in kinds(GLUED_CELLS)


def test_a_paragraph_that_carries_on_the_count_is_no_new_list():
    text = "1自愿签署知情同意书；2年龄为30~60周岁的男性或女性；\n3筛选前8周内使用过任何处方药者；4对研究药物过敏者。"
    assert windows(text) == [("inclusion", D(8), True, "weeks")]


def test_items_glued_with_no_mark_between_count_too_so_a_paragraph_at_1_again_is_the_exclusion_list():
    text = "1自愿签署知情同意书2年龄≥35周岁3能够完成肺功能检查\n1筛选前6周内发生过肺炎2妊娠期女性"
    assert windows(text) == [("exclusion", D(6), True, "weeks")]


def test_a_later_item_glued_after_a_full_stop_counts_too():
    text = "1自愿签署知情同意书并理解研究内容。2能够完成肺功能检查\n1筛选前6周内发生过肺炎2妊娠期女性"
    assert windows(text) == [("exclusion", D(6), True, "weeks")]


def test_a_number_glued_to_its_count_word_is_no_item():
    text = "1近期第2次因慢阻肺住院的患者\n1筛选前6周内发生过肺炎"
    assert windows(text) == [("inclusion", D(6), True, "weeks")]


def test_a_paragraph_at_1_again_after_one_with_no_second_item_stays_inclusion():
    text = "1自愿签署知情同意书并能够完成肺功能检查\n1筛选前6周内发生过肺炎者"
    assert windows(text) == [("inclusion", D(6), True, "weeks")]


def test_a_first_paragraph_of_one_item_starts_no_count_so_the_next_one_at_1_is_no_second_list():
    text = "1自愿签署知情同意书。\n1筛选前8周内使用过任何处方药；2能够遵守研究要求。"
    assert all(kind == "inclusion" for kind, _text in kinds(text))


# --- Chinese look-backs: a comma after the span, a planned point counted back from, time since the last one ---------


def test_a_past_event_after_the_spans_comma_is_the_windows_event():
    assert windows("筛选前10天内，双眼佩戴过隐形眼镜者") == [("inclusion", D(10), True, "days")]


def test_words_after_the_comma_that_name_no_past_event_make_no_window():
    assert windows("筛选前10天内，受试者需完成胸部CT") == []


def test_a_planned_point_counted_back_from_is_no_plan():
    assert windows("在计划的首次给药前5个月内，发生过脑卒中") == [("inclusion", D(5), True, "months")]


def test_a_plan_within_a_span_is_still_no_look_back():
    assert windows("计划在5个月内接受择期手术者") == []


def test_time_since_the_last_procedure_short_of_a_span_is_a_strict_window():
    text = "距上一次经皮冠状动脉介入治疗<9个月；"
    assert windows(text) == [("inclusion", D(9), False, "months")]


def test_a_procedure_short_of_a_span_with_no_since_word_is_no_window():
    assert windows("经皮冠状动脉介入治疗<9个月；") == []


# --- a washout table under its lead-in: each row's span after its tab or colon --------------------------------------

WASHOUT_TABLE = (
    "排除标准\n"
    "1 | 首次服用研究药物前接受过以下治疗：\n"
    "治疗种类\t末次治疗距首次服药的时间\n"
    "靶向药物\t＜3周（或5个半衰期）\n"
    "中药制剂：＜10天\n"
    "放疗\t≤5周 |\n"
    "2 | 妊娠期女性 |"
)


def test_each_row_of_a_washout_table_under_its_lead_in_is_a_window_as_written():
    assert windows(WASHOUT_TABLE) == [
        ("exclusion", D(3), False, "weeks"),
        ("exclusion", D(10), False, "days"),
        ("exclusion", D(5), True, "weeks"),
    ]


def test_rows_with_a_span_after_a_tab_but_no_washout_lead_in_are_no_windows():
    text = "入选标准\n1 | 符合以下诊断：\n疾病\t慢性咳嗽\n病程\t8周 |"
    assert windows(text) == []


def test_a_washout_lead_in_far_above_with_other_items_between_does_not_reach_a_row():
    text = (
        "排除标准\n1 | 首次服用研究药物前接受过以下治疗：\n靶向药物\t＜3周\n2 | 妊娠期女性 |\n"
        "3 | 哺乳期女性 |\n术后恢复期\t4周"
    )
    assert windows(text) == [("exclusion", D(3), False, "weeks")]


# --- English look-backs: "immediately prior to", a clause that opens with "if", time since onset bounded above -------


def test_a_span_immediately_before_the_studys_point_is_a_look_back():
    text = "Exacerbation treated with antibiotics during the three weeks immediately prior to the baseline visit"
    assert windows(text) == [("inclusion", D(3), True, "weeks")]


def test_a_span_just_before_a_named_point_is_a_look_back():
    assert windows("Oral steroids 10 days just before enrolment") == [("inclusion", D(10), True, "days")]


def test_an_if_that_opens_the_clause_is_the_criterion_and_its_look_back_is_read():
    text = "if the participant has used inhaled steroids during the last 9 months"
    assert windows(text) == [("inclusion", D(9), True, "months")]


def test_an_if_inside_the_clause_is_still_the_condition_of_another_rule():
    text = "Smokers may take part, if the participant has used inhaled steroids during the last 9 months"
    assert windows(text) == []


def test_an_opening_if_about_a_plan_is_still_no_look_back():
    assert windows("if planning surgery within 9 months") == []


def test_time_since_the_onset_of_symptoms_bounded_above_is_a_strict_window():
    assert windows("Onset of cough < 10 days") == [("inclusion", D(10), False, "days")]
    assert windows("symptom onset ≤ 5 days") == [("inclusion", D(5), True, "days")]


def test_the_age_at_onset_is_no_window():
    assert windows("onset of wheeze at age < 12 years") == []


def test_a_span_bounded_above_with_no_onset_or_duration_named_is_no_window():
    assert windows("cough < 10 days") == []


# --- a thing's own age on record is no person's age -----------------------------------------------------------------


def test_a_biopsy_or_a_scan_older_than_a_span_bounds_no_age():
    assert bounds("Lung biopsy older than 9 months", "age") == []
    assert bounds("Chest CT scan is not older than 4 months", "age") == []
    assert bounds("The birth of the infant must not be older than 18 months", "age") == []


def test_people_older_than_a_span_still_have_an_age():
    assert bounds("Infants older than 9 months", "age") == [("inclusion", D("0.75"), False, None, None)]
    assert bounds("Patients older than 40 years", "age") == [("inclusion", D(40), False, None, None)]


# --- spirometry: levalbuterol is a bronchodilator; a bound that conditions a procedure is no entry bound ------------


def _bronchodilators(text):
    return [(p.variable, p.bronchodilator) for p in proposals(text) if p.variable.startswith("fev1")]


def test_a_value_after_levalbuterol_is_post_bronchodilator():
    text = "post-levalbuterol FEV1 >= 35% and < 75% predicted"
    assert _bronchodilators(text) == [("fev1_pct_pred", "post")]
    assert _bronchodilators("FEV1 >= 35% and < 75% predicted after levosalbutamol") == [("fev1_pct_pred", "post")]


def test_a_value_with_no_bronchodilator_named_says_none():
    assert _bronchodilators("FEV1 >= 35% and < 75% predicted") == [("fev1_pct_pred", None)]


def test_a_bound_that_conditions_a_procedure_bounds_no_entry():
    text = "willingness to undergo bronchoscopy if FEV1 >= 35% of predicted"
    assert bounds(text, "fev1_pct_pred") == []


def test_a_bound_that_an_eligibility_word_introduces_is_still_read():
    text = "Eligible if FEV1 >= 35% of predicted"
    assert bounds(text, "fev1_pct_pred") == [("inclusion", D(35), True, None, None)]


def test_an_opening_if_followed_by_a_main_clause_after_a_comma_is_still_a_condition():
    assert windows("if steroids were needed during the last 9 months, the dose must be stable") == []


# --- a duration named as a period ------------------------------------------------------------------------------------


def test_at_least_a_span_named_as_a_period_is_a_duration():
    assert durations("Wheeze that has been present for at least a 6-week period") == [
        ("inclusion", D(6), True, "weeks")
    ]


def test_at_least_a_span_that_names_an_amount_is_no_duration():
    assert durations("at least a 6-month supply of inhalers") == []


def test_an_increase_in_fev1_named_in_full_is_a_change_not_a_level():
    text = "Increase in forced expiratory volume in one second (FEV1) of ≥ 15% after salbutamol"
    assert bounds(text, "fev1_pct_pred") == []


def test_fev1_named_in_full_with_of_before_its_bound_is_a_level():
    text = "forced expiratory volume in one second (FEV1) of ≥ 45% predicted"
    assert bounds(text, "fev1_pct_pred") == [("inclusion", D(45), True, None, None)]


# --- a range whose upper end is said as "no older than" ------------------------------------------------------------


def test_a_range_to_no_older_than_is_one_age_range_with_both_ends_inclusive():
    assert bounds("Children 9 to no older than 15 years of age", "age") == [("inclusion", D(9), True, D(15), True)]
    assert bounds("Adults 30 to not more than 70 years", "age") == [("inclusion", D(30), True, D(70), True)]


def test_no_older_than_alone_is_an_upper_bound_only():
    assert bounds("Children no older than 15 years of age", "age") == [("inclusion", None, None, D(15), True)]


# --- a habit's rate over a look-back said with past or last --------------------------------------------------------


def test_smoking_or_drinking_at_a_rate_over_the_last_span_is_a_window():
    assert windows("Has smoked more than 10 cigarettes per day in the last 2 years") == [
        ("inclusion", D(2), True, "years")
    ]
    assert windows("More than 3 drinks a day in the past 4 months") == [("inclusion", D(4), True, "months")]


def test_another_rate_over_a_look_back_is_still_its_period():
    assert windows("Walking 30 minutes per day in the last 2 months") == []


def test_a_habits_rate_over_a_span_before_a_point_is_still_its_period():
    assert windows("More than 3 drinks a day in 4 months prior to baseline") == []
