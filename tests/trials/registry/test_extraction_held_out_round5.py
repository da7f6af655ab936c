"""Kinds of error the fifth held-out split showed, each read on both sides of its boundary (fifth round). Every
wording here is written for these tests, with other numbers and words than the records."""

from decimal import Decimal

from trials.registry.extraction import split_clauses

from .extraction_readings import bounds, durations, proposals, windows

D = Decimal


def kinds(text):
    return [c.kind for c in split_clauses(text)]


# List headings ----------------------------------------------------------------------------------------------------


def test_a_singular_exclusion_criterion_heading_inside_one_line_opens_the_exclusion_list():
    text = (
        "Inclusion Criterion: 1. Age 40-70 2. Able to consent Exclusion Criterion: 1. Surgery within the last 60 days "
        "2. Active cancer"
    )
    assert kinds(text) == ["inclusion", "inclusion", "exclusion", "exclusion"]
    assert windows(text) == [("exclusion", D(60), True, "days")]


def test_the_word_criterion_in_an_item_sentence_opens_no_list():
    text = "Inclusion Criterion: 1. Age 40-70 2. Meets the exclusion criterion for prior surgery 3. Able to consent"
    assert set(kinds(text)) == {"inclusion"}


def test_a_chinese_list_numbered_with_bare_numbers_then_a_restarting_list_reads_as_inclusion_then_exclusion():
    text = (
        "1 自愿签署知情同意书; 2 年龄20~60周岁; 3 COPD病史≥2年;\n"
        "1. 合并其他严重肺部疾病; 2. 入组前3个月内参加过其他临床试验; 3. 妊娠或哺乳期女性。"
    )
    assert kinds(text) == ["inclusion"] * 3 + ["exclusion"] * 3
    assert bounds(text, "age") == [("inclusion", D(20), True, D(60), True)]
    assert durations(text) == [("inclusion", D(2), True, "years")]
    assert windows(text) == [("exclusion", D(3), True, "months")]


def test_a_bare_number_before_a_unit_or_a_type_is_no_item_number():
    text = "入选标准: 1. 确诊2 型糖尿病; 2. 治疗 3 个月以上;\n3 个月内未使用胰岛素"
    assert kinds(text) == ["inclusion", "inclusion", "inclusion"]
    assert "3 个月内未使用胰岛素" in [c.text for c in split_clauses(text)]


# Spellings of a unit ---------------------------------------------------------------------------------------------


def test_unl_is_read_as_a_spelling_of_the_upper_limit_of_normal():
    text = "Inclusion Criteria: ALT \\< 2.5 x UNL"
    assert bounds(text, "alt_x_uln") == [("inclusion", None, None, D("2.5"), False)]


def test_a_word_merely_starting_with_unl_is_no_upper_limit_of_normal():
    assert bounds("Inclusion Criteria: ALT \\< 2.5 x unlimited", "alt_x_uln") == []


def test_pred_with_a_full_stop_is_percent_predicted_in_a_band():
    assert bounds("Inclusion Criteria: FEV1 40-70% pred.", "fev1_pct_pred") == [("inclusion", D(40), True, D(70), True)]


# Bronchodilator state ---------------------------------------------------------------------------------------------


def test_spirometry_after_withholding_beta_agonists_is_a_pre_bronchodilator_value():
    text = "Inclusion Criteria: FEV1 > 55% of predicted after withholding β2-agonists for 6 hours"
    assert [p.bronchodilator for p in proposals(text, "fev1_pct_pred")] == ["pre"]


def test_withholding_some_other_drug_says_nothing_about_the_bronchodilator():
    text = "Inclusion Criteria: FEV1 > 55% of predicted; withholding of anticoagulants before surgery"
    assert [p.bronchodilator for p in proposals(text, "fev1_pct_pred")] == [None]


# Ages -------------------------------------------------------------------------------------------------------------


def test_an_age_followed_by_onwards_is_a_lower_bound_that_counts():
    assert bounds("Inclusion Criteria: Aged 45 years onwards", "age") == [("inclusion", D(45), True, None, None)]


def test_onwards_after_a_study_day_is_no_age():
    assert bounds("Inclusion Criteria: diary completed from day 4 onwards", "age") == []


def test_a_range_with_a_strict_lower_operator_and_to_leaves_the_lower_end_out_and_keeps_the_upper_end():
    assert bounds("Inclusion Criteria: age >21 to 70 years old", "age") == [("inclusion", D(21), False, D(70), True)]
    assert bounds("Inclusion Criteria: age ≥21 to 70 years", "age") == [("inclusion", D(21), True, D(70), True)]


def test_an_upper_operator_before_to_is_still_its_own_bound_not_a_range():
    assert bounds("Inclusion Criteria: age <21 to be included", "age") == [("inclusion", None, None, D(21), False)]


def test_between_with_hyphens_left_after_each_number_is_one_age_range():
    text = "Inclusion Criteria: Adults aged between 25- and 70-years"
    assert bounds(text, "age") == [("inclusion", D(25), True, D(70), True)]


def test_a_hyphen_between_two_numbers_and_a_year_unit_is_still_a_plain_range():
    assert bounds("Inclusion Criteria: aged 30-55-years", "age") == [("inclusion", D(30), True, D(55), True)]


# Windows ----------------------------------------------------------------------------------------------------------


def test_prior_or_planned_use_before_a_named_point_is_a_look_back_window():
    text = "Exclusion Criteria: - Prior or planned use of another trial drug within 45 days before the first dose"
    assert windows(text) == [("exclusion", D(45), True, "days")]


def test_planned_use_alone_is_a_plan_still_to_come_and_no_window():
    assert windows("Exclusion Criteria: - Planned use of another trial drug within 45 days") == []


def test_prior_with_its_to_left_out_before_the_start_of_the_study_anchors_a_window():
    text = "Inclusion Criteria: * Chest CT (must not be older than 9 months prior start of the trial)"
    assert windows(text) == [("inclusion", D(9), True, "months")]


def test_prior_before_a_word_that_names_no_point_in_the_study_anchors_nothing():
    assert windows("Exclusion Criteria: * cured 5 years prior history of cancer") == []


# Counts -----------------------------------------------------------------------------------------------------------


def test_a_second_count_of_exacerbations_leading_to_hospital_counts_hospitalisations_and_the_first_stays_exacerbations():
    text = (
        "Inclusion Criteria: 3 or more moderate exacerbations or ≥ 2 severe asthma exacerbations leading to "
        "hospitalisation in the past 12 months"
    )
    assert bounds(text, "exacerbations_12m") == [("inclusion", D(3), True, None, None)]
    assert bounds(text, "respiratory_hospitalisations_12m") == [("inclusion", D(2), True, None, None)]


def test_a_hospitalisation_count_followed_by_what_it_was_for_stays_a_hospitalisation_count():
    text = "Inclusion Criteria: hospital admissions ≥ 2 for an exacerbation in the past year"
    assert [p.variable for p in proposals(text)] == ["respiratory_hospitalisations_12m"]


def test_chinese_counts_of_exacerbations_and_of_exacerbations_leading_to_hospital_are_told_apart():
    text = "纳入标准: 过去12个月内≥3次中度急性加重或≥1次急性加重导致住院"
    assert bounds(text, "exacerbations_12m") == [("inclusion", D(3), True, None, None)]
    assert bounds(text, "respiratory_hospitalisations_12m") == [("inclusion", D(1), True, None, None)]


def test_weeks_after_a_premature_birth_are_a_gestational_age_not_a_window():
    assert windows("Exclusion Criteria: • Born preterm (\\<33 weeks)") == []
    assert windows("排除标准: 早产(<34周)") == []


def test_weeks_since_giving_birth_are_still_a_look_back_window():
    assert windows("Exclusion Criteria: • Gave birth within the last 8 weeks") == [("exclusion", D(8), True, "weeks")]


# Typos and head counts ----------------------------------------------------------------------------------------------


def test_less_tan_is_read_as_less_than():
    text = "Exclusion Criteria:\n  -  Age less tan 21.\n  -  Active infection."
    assert bounds(text, "age") == [("exclusion", None, None, D(21), False)]


def test_a_word_starting_with_tan_after_less_is_no_operator():
    assert bounds("Exclusion Criteria: skin less tanned 30 days ago", "age") == []


def test_a_head_count_in_brackets_and_the_ages_of_its_quota_are_no_age_limits():
    text = "Inclusion Criteria: * Age ≥ 6 \\< 14 years (12 to 15 children in the age range 6-9 years old)."
    assert bounds(text, "age") == [("inclusion", D(6), True, D(14), False)]
    text = "纳入标准: 年龄6-14岁(其中20例患儿年龄6-9岁)"
    assert bounds(text, "age") == [("inclusion", D(6), True, D(14), True)]


def test_an_age_range_followed_by_a_word_for_people_is_still_their_age():
    assert bounds("Inclusion Criteria: aged 35-70 patients", "age") == [("inclusion", D(35), True, D(70), True)]
    assert bounds("Inclusion Criteria: Age of 45~70 men and women", "age") == [("inclusion", D(45), True, D(70), True)]
    assert bounds("Inclusion Criteria: age 40 to 80 (women aged 55 to 80)", "age") == [
        ("inclusion", D(40), True, D(80), True),
        ("inclusion", D(55), True, D(80), True),
    ]


def test_a_condition_closed_inside_brackets_does_not_reach_the_window_after_them():
    text = "Inclusion Criteria: * Normal chest CT (or DLCO of at least 60% if a smoker) within three years"
    assert windows(text) == [("inclusion", D(3), True, "years")]


def test_a_condition_still_open_before_the_window_makes_it_a_plan():
    assert windows("Exclusion Criteria: * lung surgery if scheduled (elective) within 5 months") == []
