"""Kinds of error the seventh round's unseen dev texts (p001-p140) showed for named variables and for the list a bound
goes in, each read on both sides of its boundary. Every wording here is written for these tests, with other numbers
and words than the records."""

from decimal import Decimal

from .extraction_readings import bounds, kinds, named, proposals, timed

D = Decimal


def lists(text):
    return [kind for kind, _words in kinds(text)]


def form(*items):
    """An eligibility form as medical-data-models.org renders it: per item a label line, 'Item', the criterion,
    'boolean' and a code line; no list headings."""
    return "\n".join(
        f"{label}\nItem\n{words}\nboolean\nC00{i:05d} (UMLS CUI [1])" for i, (label, words) in enumerate(items)
    )


REQUIREMENTS = (
    ("age", "40-75 years of age at screening"),
    ("consent", "consent: the subject must be able to sign informed consent."),
)


# Forms with no headings: requirements first, then what keeps a patient out ----------------------------------------


def test_a_form_item_with_its_topic_before_a_hospitalisation_within_the_last_months_reads_as_an_exclusion():
    text = form(
        *REQUIREMENTS,
        ("instability", "clinical instability: hospitalization for heart failure within the last 3 months."),
        ("allergy", "drug allergy: any hypersensitivity reaction to inhaled corticosteroids"),
        ("lung function", "fev1 < 35% predicted at screening"),
    )
    assert lists(text) == ["inclusion", "inclusion", "exclusion", "exclusion", "exclusion"]
    assert bounds(text, "fev1_pct_pred") == [("exclusion", None, None, D(35), False)]
    assert timed(text) == [("exclusion", "window", D(3), "months")]


def test_a_single_exclusion_like_item_after_the_requirements_turns_no_item_of_a_form_into_an_exclusion():
    text = form(
        *REQUIREMENTS,
        ("allergy", "drug allergy: any hypersensitivity reaction to inhaled corticosteroids"),
        ("lung function", "fev1 < 35% predicted at screening"),
    )
    assert bounds(text, "fev1_pct_pred") == [("inclusion", None, None, D(35), False)]


def test_an_infection_some_weeks_prior_to_a_visit_and_a_myocardial_infarction_within_the_last_months_read_as_exclusions():
    text = form(
        *REQUIREMENTS,
        ("spirometry", "post bronchodilator fev1 less than 65% predicted at visit 1"),
        ("infection", "respiratory infection or exacerbation 4 weeks prior to visit 1 or during run-in."),
        ("heart", "myocardial infarction within the last 9 months"),
        ("bmi", "body mass index > 36 kg/m2"),
    )
    assert lists(text)[2:] == ["inclusion", "exclusion", "exclusion", "exclusion"]
    assert bounds(text, "fev1_pct_pred") == [("inclusion", None, None, D(65), False)]
    assert bounds(text, "bmi") == [("exclusion", D(36), False, None, None)]


def test_a_patient_who_is_hospitalised_and_treatment_with_a_medicine_in_the_previous_weeks_read_as_exclusions():
    text = form(
        ("age", "children 7 to 13 years old"),
        ("medication", "no regular medication other than reliever inhalers"),
        ("inpatient", "patient is hospitalized"),
        ("fev1", "patient has fev1 < 75% predicted on visit 1"),
        ("steroids", "treatment with oral glucocorticoids in the previous 6 weeks"),
    )
    assert lists(text) == ["inclusion", "inclusion", "exclusion", "exclusion", "exclusion"]
    assert bounds(text, "fev1_pct_pred") == [("exclusion", None, None, D(75), False)]


def test_hospitalised_patients_and_stable_treatment_in_the_previous_weeks_do_not_read_as_exclusions():
    text = form(
        *REQUIREMENTS,
        ("setting", "hospitalized patients with community-acquired pneumonia"),
        ("treatment", "stable treatment with inhaled corticosteroids for 6 weeks before visit 1"),
        ("fev1", "fev1 < 75% predicted on visit 1"),
    )
    assert lists(text) == ["inclusion"] * 5


def test_a_topic_with_a_number_is_not_stripped_before_an_item_is_read():
    text = form(
        *REQUIREMENTS,
        ("visit", "visit 2: hospitalization for heart failure within the last 3 months."),
        ("allergy", "drug allergy: any hypersensitivity reaction to inhaled corticosteroids"),
        ("bmi", "body mass index > 36 kg/m2"),
    )
    # the visit item is not read as an exclusion, so the tail starts at the allergy: only one exclusion-like item
    assert bounds(text, "bmi") == [("inclusion", D(36), False, None, None)]


# Tables flattened into runs of cells ---------------------------------------------------------------------------------


def test_a_table_legend_under_two_column_rows_is_no_row_so_the_rows_split_into_inclusion_and_exclusion_cells():
    text = (
        "Inclusion criteria Exclusion criteria\n"
        "Aged ≥40 years at screening Lower respiratory tract infection ≤6 weeks prior to randomisation\n"
        "Diagnosis of bronchiectasis (on CT) Body mass index > 35 kg/m2 at screening\n"
        "FEV1 ≥30% and ≤85% pred at screening\n\n"
        "CT: computed tomography; FEV1: forced expiratory volume in 1 s."
    )
    assert named(text) == [
        ("inclusion", "age", D(40), True, None, None),
        ("exclusion", "bmi", D(35), False, None, None),
        ("inclusion", "fev1_pct_pred", D(30), True, D(85), True),
    ]
    assert timed(text) == [("exclusion", "window", D(6), "weeks")]


def test_a_line_that_spells_out_only_one_abbreviation_is_still_a_row():
    text = (
        "Inclusion criteria Exclusion criteria\n"
        "Aged ≥40 years at screening Lower respiratory tract infection ≤6 weeks prior to randomisation\n"
        "Diagnosis of bronchiectasis (on CT) Body mass index > 35 kg/m2 at screening\n"
        "FEV1 ≥30% and ≤85% pred at screening\n"
        "CT: computed tomography of the chest"
    )
    # four rows of which two split: too few to read the rows as side-by-side cells; each cell by its words
    assert bounds(text, "bmi") == [("inclusion", D(35), False, None, None)]


def test_a_column_of_exclusion_items_run_together_on_one_line_under_glued_headings_is_the_exclusion_list():
    text = (
        "Inclusion criteriaExclusion criteria\n"
        "Adults with documented diagnosis of sarcoidosis according to the following criteria:\n"
        "  • Typical findings on chest imaging\n\n"
        "Signed written informed consent\n"
        "Age ≤35 years FVC % pred <45% Severe chronic obstructive bronchitis as characterised by FEV1/FVC <0.65 "
        "Known diagnosis of significant respiratory disorders other than sarcoidosis History of vasculitis or "
        "connective tissue disorders"
    )
    assert named(text) == [
        ("exclusion", "age", None, None, D(35), True),
        ("exclusion", "fvc_pct_pred", None, None, D(45), False),
        ("exclusion", "fev1_fvc_ratio", None, None, D("0.65"), False),
    ]


def test_a_line_under_glued_headings_with_one_requirement_and_one_exclusion_run_together_stays_inclusion():
    text = (
        "Inclusion criteriaExclusion criteria\n"
        "Adults with documented diagnosis of sarcoidosis according to the following criteria:\n"
        "  • Typical findings on chest imaging\n\n"
        "Age ≥35 years with FVC % pred >45% at screening History of vasculitis or connective tissue disorders"
    )
    assert bounds(text, "fvc_pct_pred") == [("inclusion", D(45), False, None, None)]


def test_under_bar_headings_each_column_cell_on_its_own_line_closing_with_a_bar_is_inclusion_then_exclusion():
    text = (
        "Inclusion | Exclusion |\n"
        "---|---|\n"
        "• Age 45–75 years • Able to give consent • BMI ≤ 38 kg/m2 |\n"
        "• Age <45 or >75 years • BMI > 38 kg/m2 • Current smoker |"
    )
    assert named(text) == [
        ("inclusion", "age", D(45), True, D(75), True),
        ("inclusion", "bmi", None, None, D(38), True),
        ("exclusion", "age", None, None, D(45), False),
        ("exclusion", "age", D(75), False, None, None),
        ("exclusion", "bmi", D(38), False, None, None),
    ]


def test_a_markdown_table_with_both_cells_of_a_row_on_one_line_still_splits_at_the_inner_bar():
    text = (
        "| Inclusion criteria | Exclusion criteria |\n|---|---|\n| Age 45-75 years | BMI > 38 kg/m2 |\n"
        "| FEV1 < 70% predicted | Pregnant |"
    )
    assert named(text) == [
        ("inclusion", "age", D(45), True, D(75), True),
        ("exclusion", "bmi", D(38), False, None, None),
        ("inclusion", "fev1_pct_pred", None, None, D(70), False),
    ]


def test_under_bar_headings_a_line_that_closes_with_no_bar_leaves_the_cells_to_their_words():
    text = "Inclusion | Exclusion |\n---|---|\nAge 45-75 years |\nBMI > 38 kg/m2\nFEV1 < 70% predicted |"
    assert bounds(text, "bmi") == [("inclusion", D(38), False, None, None)]


def test_a_table_whose_rows_are_labelled_inclusion_and_exclusion_before_a_bar_puts_each_row_in_its_list():
    text = "| Inclusion | Age 45-75 years; FEV1 < 70% predicted |\n| Exclusion | BMI > 38 kg/m2 |"
    assert named(text) == [
        ("inclusion", "age", D(45), True, D(75), True),
        ("inclusion", "fev1_pct_pred", None, None, D(70), False),
        ("exclusion", "bmi", D(38), False, None, None),
    ]


def test_a_chinese_table_with_bar_headings_puts_each_rows_second_cell_in_the_exclusion_list():
    text = "入选标准 | 排除标准 |\n---|---|\n年龄20-70岁 | BMI>32 |\n签署知情同意书 | 妊娠期妇女 |"
    assert named(text) == [
        ("inclusion", "age", D(20), True, D(70), True),
        ("exclusion", "bmi", D(32), False, None, None),
    ]


def test_a_one_row_markdown_table_under_bar_headings_is_split_at_its_inner_bar():
    text = "| 纳入标准 | 排除标准 |\n|---|---|\n| 年龄20-70岁 | BMI>32 |"
    assert named(text) == [
        ("inclusion", "age", D(20), True, D(70), True),
        ("exclusion", "bmi", D(32), False, None, None),
    ]


def test_rows_whose_two_cells_are_separated_by_a_tab_under_two_column_headings_are_split_there():
    text = (
        "Inclusion criteria\tExclusion criteria\nAge 45-70 years\tBMI > 33 kg/m2\n"
        "FEV1 < 75% predicted\tPregnancy\nSigned consent\tActive infection"
    )
    assert named(text) == [
        ("inclusion", "age", D(45), True, D(70), True),
        ("exclusion", "bmi", D(33), False, None, None),
        ("inclusion", "fev1_pct_pred", None, None, D(75), False),
    ]


def test_a_tab_inside_an_item_of_an_ordinary_list_splits_nothing():
    text = "Inclusion Criteria:\n- Age\t45-70 years\n- BMI\t< 33 kg/m2\nExclusion Criteria:\n- Pregnancy"
    assert named(text) == [
        ("inclusion", "age", D(45), True, D(70), True),
        ("inclusion", "bmi", None, None, D(33), False),
    ]


def test_the_word_inclusion_inside_a_sentence_with_a_bar_is_no_heading():
    text = "Inclusion Criteria:\n- Inclusion in the registry | Age 45-75 years\nExclusion Criteria:\n- BMI > 38 kg/m2"
    assert named(text) == [
        ("inclusion", "age", D(45), True, D(75), True),
        ("exclusion", "bmi", D(38), False, None, None),
    ]


# Named variables --------------------------------------------------------------------------------------------------


def test_a_lower_and_an_upper_age_with_only_a_blank_between_them_are_one_range():
    text = "Inclusion Criteria:\n- men and women> 21 years <75 years\n- signed consent"
    assert bounds(text, "age") == [("inclusion", D(21), False, D(75), False)]


def test_two_lower_ages_with_only_a_blank_between_them_are_not_read_as_a_range():
    text = "Inclusion Criteria:\n- men and women > 21 years > 25 years"
    assert bounds(text, "age") == [("inclusion", D(21), False, None, None)]


def test_an_upper_age_then_a_lower_one_with_only_a_blank_between_them_are_not_read_as_a_range():
    text = "Inclusion Criteria:\n- men and women < 75 years > 21 years"
    assert bounds(text, "age") == [("inclusion", None, None, D(75), False)]


def test_fev1_less_than_some_percent_of_fvc_is_the_ratio():
    text = "Inclusion Criteria:\n- post bronchodilator fev1 less than 68% of fvc at visit 1"
    assert named(text) == [("inclusion", "fev1_fvc_ratio", None, None, D("0.68"), False)]


def test_fev1_below_some_percent_of_the_forced_vital_capacity_is_the_ratio_and_its_quote_names_fvc():
    text = "Inclusion Criteria:\n- FEV1 < 68% of the forced vital capacity"
    found = [p for p in proposals(text) if p.variable == "fev1_fvc_ratio"]
    assert [(p.upper, p.upper_inclusive) for p in found] == [(D("0.68"), False)]
    assert found[0].quote == "FEV1 < 68% of the forced vital capacity"


def test_fev1_less_than_some_percent_of_predicted_stays_fev1_percent_predicted():
    text = "Inclusion Criteria:\n- FEV1 less than 68% of predicted at visit 1"
    assert named(text) == [("inclusion", "fev1_pct_pred", None, None, D(68), False)]


def test_longer_or_equal_and_longer_than_some_hours_a_day_bound_oxygen_use_from_below():
    equal = "Exclusion Criteria:\n- long term oxygen therapy defined as longer or equal 15 hours/day"
    than = "Exclusion Criteria:\n- long term oxygen therapy longer than 14 hours/day"
    assert bounds(equal, "oxygen_hours_per_day") == [("exclusion", D(15), True, None, None)]
    assert bounds(than, "oxygen_hours_per_day") == [("exclusion", D(14), False, None, None)]


def test_shorter_or_equal_some_hours_a_day_bounds_oxygen_use_from_above():
    text = "Inclusion Criteria:\n- oxygen therapy shorter or equal 10 hours/day"
    assert bounds(text, "oxygen_hours_per_day") == [("inclusion", None, None, D(10), True)]


def test_a_chinese_lab_bound_against_the_testing_laboratorys_upper_limit_in_words_is_x_uln():
    text = "排除标准:\n1. ALT>检测实验室正常上限的1.75倍;\n2. 总胆红素≥本中心正常值上限的1.2倍;"
    assert named(text) == [
        ("exclusion", "alt_x_uln", D("1.75"), False, None, None),
        ("exclusion", "bilirubin_x_uln", D("1.2"), True, None, None),
    ]


def test_several_chinese_labs_under_one_bound_each_get_it_even_when_the_last_is_not_asked_about():
    text = "排除标准:\n1. 检测异常值,包括:ALT、AST、血肌酐、总胆红素、血尿素氮>检测实验室正常上限的1.75倍;"
    assert named(text) == [
        ("exclusion", "alt_x_uln", D("1.75"), False, None, None),
        ("exclusion", "ast_x_uln", D("1.75"), False, None, None),
        ("exclusion", "creatinine_x_uln", D("1.75"), False, None, None),
        ("exclusion", "bilirubin_x_uln", D("1.75"), False, None, None),
    ]


def test_several_english_labs_under_one_bound_each_get_it_when_the_last_is_a_short_lab_not_asked_about():
    text = "Exclusion Criteria:\n- ALT, AST, bilirubin, BUN > 1.75 x ULN"
    assert [v for _k, v, *_rest in named(text)] == ["alt_x_uln", "ast_x_uln", "bilirubin_x_uln"]


def test_a_lab_said_to_be_normal_before_another_labs_bound_does_not_take_that_bound():
    english = "Exclusion Criteria:\n- bilirubin within normal limits and GGT > 3 x ULN"
    chinese = "排除标准:\n1. 总胆红素正常、碱性磷酸酶>2.5倍ULN;"
    assert named(english) == []
    assert named(chinese) == []


def test_a_direct_bilirubin_bound_is_not_total_bilirubin():
    text = "排除标准:\n1. 直接胆红素>正常上限的1.5倍;"
    assert named(text) == []


def test_an_age_in_chinese_numerals_in_traditional_characters_is_read():
    text = "本研究的對象是年滿二十一歲、懂得使用智能電話的成年人。"
    assert bounds(text, "age") == [("inclusion", D(21), True, None, None)]


def test_an_age_range_in_chinese_numerals_is_read():
    text = "入选标准:\n1. 年龄二十至六十五岁;\n2. 签署知情同意书"
    assert bounds(text, "age") == [("inclusion", D(20), True, D(65), True)]


def test_a_chinese_numeral_before_years_of_illness_is_no_age():
    text = "入选标准:\n1. 病程十二年以上;"
    assert bounds(text, "age") == []


def test_two_columns_values_run_together_give_no_empty_range_the_first_columns_bound_is_proposed():
    text = "Inclusion criteria\n Baseline (post-bronchodilator) FEV1/FVC ratio<68%≥68%≥68%"
    assert bounds(text, "fev1_fvc_ratio")[0] == ("inclusion", None, None, D("0.68"), False)
    assert all(lower is None or upper is None for _k, lower, _li, upper, _ui in bounds(text, "fev1_fvc_ratio"))


def test_a_lower_and_an_upper_bound_on_one_value_both_included_are_still_one_range():
    text = "Inclusion Criteria:\n- FEV1 ≥ 68% and ≤ 68% predicted"
    assert bounds(text, "fev1_pct_pred") == [("inclusion", D(68), True, D(68), True)]


def test_a_score_adjusted_to_or_for_age_is_no_age():
    to = "Exclusion Criteria:\n- Charlson comorbidity index adjusted to age <5."
    for_ = "Exclusion Criteria:\n- Charlson comorbidity index adjusted for age > 6"
    assert bounds(to, "age") == []
    assert bounds(for_, "age") == []


def test_an_age_limit_after_an_adjusted_score_in_another_item_is_still_an_age():
    text = "Exclusion Criteria:\n- Charlson comorbidity index adjusted to age <5.\n- Age < 21 years"
    assert bounds(text, "age") == [("exclusion", None, None, D(21), False)]


def test_a_diagnosis_below_the_age_of_some_years_bounds_the_age_at_diagnosis_not_the_patients_age():
    text = "Exclusion Criteria:\n- Diagnosis of bronchiectasis below the age of 12 years"
    assert bounds(text, "age") == []


def test_an_age_limit_after_a_diagnosis_in_its_own_words_is_still_the_patients_age():
    text = "Inclusion Criteria:\n- Diagnosis of bronchiectasis, aged 12 years or older"
    assert bounds(text, "age") == [("inclusion", D(12), True, None, None)]


def test_a_value_below_a_percent_confidence_interval_of_predicted_is_no_percent_predicted_bound():
    text = "Inclusion Criteria:\n- Postbronchodilator FEV1 below 95% confidence interval of predicted"
    assert named(text) == []


def test_a_value_below_a_percent_of_predicted_is_still_a_percent_predicted_bound():
    text = "Inclusion Criteria:\n- Postbronchodilator FEV1 below 85% of predicted"
    assert named(text) == [("inclusion", "fev1_pct_pred", None, None, D(85), False)]


def test_a_diagnosis_at_age_below_some_years_bounds_the_age_at_diagnosis():
    text = "Exclusion Criteria:\n- a diagnosis of asthma at age <14 years"
    assert bounds(text, "age") == []


def test_an_age_item_run_on_after_a_diagnosis_item_is_still_the_patients_age():
    text = "Inclusion Criteria: Diagnosis of COPD Age ≥ 45 years"
    assert bounds(text, "age") == [("inclusion", D(45), True, None, None)]


def test_the_ratio_in_absolute_values_is_the_ratio_itself():
    text = "Inclusion Criteria:\n- FEV1/FVC (absolute values) > 72%"
    assert named(text) == [("inclusion", "fev1_fvc_ratio", D("0.72"), False, None, None)]


def test_an_absolute_decline_is_still_a_change_and_no_bound():
    before = "Exclusion Criteria:\n- an absolute decline in FVC of ≥ 8%"
    after = "Exclusion Criteria:\n- FVC decline ≥ 8% (absolute)"
    assert named(before) == []
    assert named(after) == []


def test_cells_of_a_table_read_by_their_words_keep_an_inpatient_requirement_and_airway_hypersensitivity_in():
    text = (
        "Inclusion criteriaExclusion criteria\n"
        "Patient is hospitalized for an exacerbation of COPD\n"
        "Airway hypersensitivity to mannitol at screening\n"
        "FEV1 < 55% predicted\n"
        "Any hypersensitivity reaction to mannitol"
    )
    assert lists(text) == ["inclusion", "inclusion", "inclusion", "exclusion"]
