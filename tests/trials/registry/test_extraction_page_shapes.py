"""Page shapes whose lists are not marked by headings in the usual way (issue 20, decision 0073): eligibility forms
copied as text, lists with no heading that turn into exclusions, a table's two column headings run together, table
cells glued to each other, a line wrapped inside a phrase. Every text here is written for the test."""

from decimal import Decimal

from tests.trials.registry.extraction_readings import bounds, kinds, timed, windows

D = Decimal

FORM = """age
Item
men and women aged 30 to 70 years
boolean
C0001779 (UMLS CUI [1])
bronchiectasis
Item
a diagnosis of bronchiectasis confirmed by computed tomography
boolean
C0006267 (UMLS CUI [1])
lung function
Item
fev1 of at least 35% of predicted
boolean
C0748133 (UMLS CUI [1,1])
C0332173 (UMLS CUI [1,2])
chest infection within the previous 4 weeks
Item
chest infection within the previous 4 weeks
boolean
C0035243 (UMLS CUI [1])
lung resection
Item
history of lung resection
boolean
C0024109 (UMLS CUI [1])
pregnancy
Item
pregnant or breast-feeding
boolean
C0032961 (UMLS CUI [1])
"""


def test_an_eligibility_form_is_read_one_criterion_per_item_without_its_labels_answer_types_or_codes():
    texts = [text for _kind, text in kinds(FORM)]

    assert "men and women aged 30 to 70 years" in texts
    assert "history of lung resection" in texts
    assert not any("UMLS" in text or text in ("Item", "boolean", "lung function", "age") for text in texts)


def test_a_form_label_that_repeats_its_criterion_does_not_give_the_window_twice():
    assert windows(FORM).count(("exclusion", D(4), True, "weeks")) == 1


def test_a_single_line_reading_item_is_no_form_and_the_line_before_it_stays_a_criterion():
    text = "Adults aged 25 to 60 years\nItem\nNo pneumonia in the last 6 weeks"

    assert bounds(text, "age") == [("inclusion", D(25), True, D(60), True)]


def test_a_list_with_no_heading_turns_into_exclusions_after_its_last_requirement():
    assert bounds(FORM, "age") == [("inclusion", D(30), True, D(70), True)]
    assert bounds(FORM, "fev1_pct_pred") == [("inclusion", D(35), True, None, None)]
    assert windows(FORM) == [("exclusion", D(4), True, "weeks")]


def test_one_item_that_reads_as_an_exclusion_does_not_turn_a_list_with_no_heading():
    text = (
        "Aged 35 to 65 years\n"
        "A diagnosis of cystic fibrosis\n"
        "Use of inhaled antibiotics within the last 3 months\n"
        "FEV1 between 30% and 80% of predicted\n"
    )

    assert windows(text) == [("inclusion", D(3), True, "months")]


def test_a_list_with_no_heading_whose_last_item_is_a_requirement_stays_an_inclusion_list():
    text = (
        "Aged 35 to 65 years\n"
        "History of lung resection\n"
        "Known heart failure\n"
        "Participants must have had a chest infection within the last 9 weeks\n"
    )

    assert windows(text) == [("inclusion", D(9), True, "weeks")]


def test_items_between_the_last_requirement_and_the_first_exclusion_keep_the_inclusion_list():
    text = "A diagnosis of COPD\nFEV1 below 65% of predicted\nSevere kidney disease\nKnown lung cancer\n"

    assert bounds(text, "fev1_pct_pred") == [("inclusion", None, None, D(65), False)]


def test_two_column_headings_on_one_line_put_each_bullet_in_the_list_its_words_read_as():
    text = (
        "Major inclusion criteria Major exclusion criteria\n"
        "• Aged 45 to 80 years;\n"
        "• Patients must have a smoking history of at least 15 pack-years;\n"
        "• Significant liver disease, or a stroke within the past 3 months;\n"
        "• Known allergy to the study drug;\n"
    )

    assert bounds(text, "age") == [("inclusion", D(45), True, D(80), True)]
    assert bounds(text, "pack_years") == [("inclusion", D(15), True, None, None)]
    assert windows(text) == [("exclusion", D(3), True, "months")]


def test_table_rows_with_an_inclusion_cell_and_an_exclusion_cell_side_by_side_are_split_into_their_lists():
    text = (
        "Main inclusion criteria Main exclusion criteria\n"
        "Adults 45–80 years of age Known cystic fibrosis\n"
        "FEV1 between 25% and 70% predicted Pneumonia within the last 8 weeks\n"
        "Signed consent of the participant Lung surgery in the previous year\n"
    )

    assert bounds(text, "age") == [("inclusion", D(45), True, D(80), True)]
    assert bounds(text, "fev1_pct_pred") == [("inclusion", D(25), True, D(70), True)]
    assert sorted(windows(text)) == [("exclusion", D(1), True, "years"), ("exclusion", D(8), True, "weeks")]


def test_two_column_headings_on_lines_of_their_own_read_each_cell_by_its_words():
    text = (
        "Inclusion criteria\n\nExclusion criteria\n\n"
        "Current smoker\n\nActive tuberculosis\n\n"
        "Age 45-70\n\nPneumonia in the prior eight weeks\n\n"
        "Pregnant or breast-feeding\n"
    )

    assert bounds(text, "age") == [("inclusion", D(45), True, D(70), True)]
    assert windows(text) == [("exclusion", D(8), True, "weeks")]


def test_an_inclusion_heading_with_its_colon_and_nothing_under_it_leaves_the_next_list_an_exclusion_list():
    text = "Inclusion Criteria:\n\nExclusion Criteria:\n- Age 45-70\n- Pneumonia in the prior 8 weeks\n"

    assert bounds(text, "age") == [("exclusion", D(45), True, D(70), True)]
    assert windows(text) == [("exclusion", D(8), True, "weeks")]


def test_a_line_wrapped_after_in_the_past_carries_its_span_on_the_next_line():
    text = "Exclusion Criteria:\n1. Use of sedatives in the past\n45 days\n2. Pregnancy"

    assert windows(text) == [("exclusion", D(45), True, "days")]


def test_a_line_ending_on_a_full_word_leaves_a_line_starting_with_a_number_its_own_clause():
    text = "Inclusion Criteria:\nDiagnosis of asthma\n16 years or older"

    assert [k for k in kinds(text)] == [("inclusion", "Diagnosis of asthma"), ("inclusion", "16 years or older")]


def test_table_cells_glued_to_each_other_are_read_one_bound_per_cell():
    text = "Inclusion criteria:\nAdults aged 35–70 yrsAdults aged 35–70 yrs, healthyAdults aged 50–80 yrs, healthy\n"

    assert bounds(text, "age") == [
        ("inclusion", D(35), True, D(70), True),
        ("inclusion", D(35), True, D(70), True),
        ("inclusion", D(50), True, D(80), True),
    ]


def test_one_capitalised_word_glued_inside_a_line_is_a_name_and_cuts_nothing():
    text = "Inclusion Criteria:\n- Treated with ProductName for at least 6 months"

    assert len(kinds(text)) == 1
    assert timed(text) == [("inclusion", "duration", D(6), "months")]


def test_a_count_of_flare_ups_in_a_list_with_no_heading_reads_as_a_requirement_not_as_an_exclusion():
    text = (
        "A diagnosis of COPD\nTwo or more exacerbations in the previous 12 months\nKnown asthma\nSevere heart failure\n"
    )

    assert bounds(text, "exacerbations_12m") == [("inclusion", D(2), True, None, None)]


def test_the_high_limit_of_normal_is_the_upper_limit_of_normal():
    text = "Inclusion Criteria:\n- Serum creatinine ≤ 2.0 × high limit of normal reference value"

    assert bounds(text, "creatinine_x_uln") == [("inclusion", None, None, D("2.0"), True)]


def test_a_creatinine_in_mg_per_dl_beside_the_words_high_limit_is_no_multiple_of_the_upper_limit():
    text = "Inclusion Criteria:\n- Serum creatinine ≤ 2.0 mg/dL, the high limit for the site"

    assert bounds(text, "creatinine_x_uln") == []


def test_an_age_that_only_selects_a_bound_does_not_make_an_item_read_as_a_requirement():
    text = (
        "• A diagnosis of asthma\n"
        "• Aged 8 years and older\n"
        "• Known cystic fibrosis\n"
        "• More than 15 pack years of smoking if 40 years of age or older\n"
        "• Pregnancy\n"
    )

    assert bounds(text, "pack_years") == [("exclusion", D(15), False, None, None)]


def test_a_table_with_a_bar_between_its_inclusion_cell_and_its_exclusion_cell_is_split_at_the_bar():
    text = (
        "Inclusion criteria | Exclusion criteria\n"
        "| Age 40 to 80 years | Chest infection within the last 5 weeks |\n"
        "| FEV1 below 70% predicted | Known asthma |\n"
        "| Signed consent | Pregnancy |\n"
    )

    assert bounds(text, "age") == [("inclusion", D(40), True, D(80), True)]
    assert bounds(text, "fev1_pct_pred") == [("inclusion", None, None, D(70), False)]
    assert windows(text) == [("exclusion", D(5), True, "weeks")]


def test_inclusion_and_exclusion_headings_glued_into_one_word_are_the_columns_of_a_table():
    text = (
        "Inclusion criteriaExclusion criteria\n"
        "Aged 40 to 80 years\n"
        "Pregnant or lactating\n"
        "A chest infection within the last 4 weeks\n"
    )

    assert bounds(text, "age") == [("inclusion", D(40), True, D(80), True)]
    assert windows(text) == [("exclusion", D(4), True, "weeks")]


def test_a_line_ending_on_a_capital_letter_name_is_not_a_phrase_wrapped_inside():
    text = "Exclusion Criteria:\nDeficiency of vitamin A\n12 weeks of oral steroids or more"

    assert len(kinds(text)) == 2


def test_a_chinese_page_with_its_two_headings_on_lines_of_their_own_keeps_its_exclusion_list():
    text = "入选标准\n排除标准\n1. 妊娠\n2. 前3周内使用过抗生素\n"

    assert windows(text) == [("exclusion", D(3), True, "weeks")]
