"""Kinds of wording of the eleventh round (issue 20, decision 0112): a second x ULN bound of the same labs for a
subgroup (liver metastases, Gilbert's syndrome) said in more ways, multiplication signs and number forms, labs named in
full in a list with labs no question asks about, the upper limit itself in other words, and two shapes that had read a
whole inclusion list as exclusions. Every text here is written for the test, with other words and numbers than the dev
records."""

from decimal import Decimal

from tests.trials.registry.extraction_readings import kinds, named, timed

D = Decimal


def labs(text):
    """(kind, variable, lower, lower inclusive, upper, upper inclusive) of a text's x ULN bounds."""
    return sorted(row for row in named(text) if row[1].endswith("_x_uln"))


# --- a second bound of the same labs for a subgroup ---------------------------------------------------------------


def test_a_subgroup_named_before_a_bracketed_bare_bound_gets_that_bound_too():
    assert labs("Transaminases ≤ 3 x ULN except in case of hepatic metastases (4 x ULN).") == [
        ("inclusion", "alt_x_uln", None, None, D(3), True),
        ("inclusion", "alt_x_uln", None, None, D(4), True),
        ("inclusion", "ast_x_uln", None, None, D(3), True),
        ("inclusion", "ast_x_uln", None, None, D(4), True),
    ]


def test_a_bracketed_number_after_words_that_name_no_subgroup_is_no_second_bound():
    assert labs("Transaminases ≤ 3 x ULN except in case of recent surgery (4 x ULN).") == [
        ("inclusion", "alt_x_uln", None, None, D(3), True),
        ("inclusion", "ast_x_uln", None, None, D(3), True),
    ]
    assert labs("Bilirubin ≤ 2 x ULN except in case of liver metastases (4 mg/dL).") == [
        ("inclusion", "bilirubin_x_uln", None, None, D(2), True)
    ]


def test_a_bracket_that_opens_with_the_subgroup_then_its_own_bound():
    assert labs("Exclusion Criteria:\n- AST > 2 × ULN (hepatic metastases ≥ 4×ULN);") == [
        ("exclusion", "ast_x_uln", D(2), False, None, None),
        ("exclusion", "ast_x_uln", D(4), True, None, None),
    ]


def test_a_bracket_that_names_no_subgroup_gives_no_second_bound_of_the_lab():
    assert labs("Exclusion Criteria:\n- AST > 2 × ULN (platelets ≥ 4×ULN);") == [
        ("exclusion", "ast_x_uln", D(2), False, None, None),
    ]


def test_the_first_bound_named_by_the_subgroups_absence_then_or_and_the_second():
    assert labs("ALT ≤2xULN if no liver metastases or ≤4xULN in the presence of liver metastases") == [
        ("inclusion", "alt_x_uln", None, None, D(2), True),
        ("inclusion", "alt_x_uln", None, None, D(4), True),
    ]
    assert labs(
        "Bilirubin < 1.2 UNL if no demonstrable liver metastases or < 2.5 UNL in the presence of Gilbert's"
    ) == [
        ("inclusion", "bilirubin_x_uln", None, None, D("1.2"), False),
        ("inclusion", "bilirubin_x_uln", None, None, D("2.5"), False),
    ]


def test_a_condition_that_is_no_missing_subgroup_still_keeps_its_bound_out():
    # "if … or" about something other than a lab subgroup stays a condition of another rule
    assert labs("ALT ≤2xULN if on statins or ≤4xULN in the presence of liver metastases") == [
        ("inclusion", "alt_x_uln", None, None, D(2), True),
    ]


def test_the_institutions_limit_and_the_absent_subgroup_then_a_bracketed_second_bound():
    text = (
        "Exclusion Criteria:\n- Serum bilirubin > 1.2 x the ULN for the institution if no liver metastases "
        "(> 2.5 x ULN in patients with liver metastases)."
    )
    assert labs(text) == [
        ("exclusion", "bilirubin_x_uln", D("1.2"), False, None, None),
        ("exclusion", "bilirubin_x_uln", D("2.5"), False, None, None),
    ]


def test_a_bare_second_bound_for_gilberts_syndrome():
    assert labs("Total bilirubin ≤ 1.2 x ULN; ≤ 2.5 x ULN for Gilbert's syndrome") == [
        ("inclusion", "bilirubin_x_uln", None, None, D("1.2"), True),
        ("inclusion", "bilirubin_x_uln", None, None, D("2.5"), True),
    ]
    assert labs("Total bilirubin ≤ 1.2 x ULN; ≤ 2.5 x ULN for the follow-up visits") == [
        ("inclusion", "bilirubin_x_uln", None, None, D("1.2"), True),
    ]


def test_chinese_second_bound_for_liver_metastases_still_read():
    assert labs("总胆红素≤1.2倍ULN,肝转移患者≤2.5倍ULN") == [
        ("inclusion", "bilirubin_x_uln", None, None, D("1.2"), True),
        ("inclusion", "bilirubin_x_uln", None, None, D("2.5"), True),
    ]


# --- multiplication signs and number forms ------------------------------------------------------------------------


def test_the_dot_operator_and_the_bullet_operator_are_multiplication_signs():
    assert labs("Serum creatinine ≤ 1.2 ⋅ ULN") == [("inclusion", "creatinine_x_uln", None, None, D("1.2"), True)]
    assert labs("ALT ≤ 2 ∙ upper limit of normal") == [("inclusion", "alt_x_uln", None, None, D(2), True)]
    assert labs("ALT ≤ 2 · ULN") == [("inclusion", "alt_x_uln", None, None, D(2), True)]


def test_the_dot_operator_between_other_units_is_no_uln():
    assert labs("BMI 19-28 kg⋅m-2") == []
    assert [row[1] for row in named("BMI 19-28 kg⋅m-2")] == ["bmi"]


def test_every_sign_and_word_of_multiplication_reads_the_same_bound():
    for text in (
        "AST ≤ 2.5 × ULN",
        "AST ≤ 2.5 x ULN",
        "AST ≤ 2.5 X ULN",
        "AST ≤ 2.5xULN",
        "AST ≤ 2.5 times ULN",
        "AST ≤ 2.5-fold ULN",
        "AST ≤ 2,5x ULN",
        "AST ≤ 2.5 ULN",
    ):
        assert labs(text) == [("inclusion", "ast_x_uln", None, None, D("2.5"), True)], text


def test_chinese_x_uln_forms():
    assert labs("总胆红素≤1.5倍ULN") == [("inclusion", "bilirubin_x_uln", None, None, D("1.5"), True)]
    assert labs("总胆红素≤1.5×正常值上限") == [("inclusion", "bilirubin_x_uln", None, None, D("1.5"), True)]
    assert labs("血肌酐≤1.5⋅ULN") == [("inclusion", "creatinine_x_uln", None, None, D("1.5"), True)]
    assert labs("总胆红素≤1.5倍剂量") == []


def test_creatinin_spelt_without_its_last_e_is_creatinine_but_creatine_is_not():
    assert labs("creatinin ≤ 1,2x upper limit of normal (ULN)") == [
        ("inclusion", "creatinine_x_uln", None, None, D("1.2"), True)
    ]
    assert labs("creatine ≤ 1.2 x ULN") == []
    assert labs("creatinine kinase ≤ 1.2 x ULN") == []


# --- labs named in full in a list with labs no question asks about -----------------------------------------------


def test_full_names_with_abbreviations_and_alkaline_phosphatase_last():
    text = (
        "Exclusion Criteria:\n- serum alanine aminotransferase (ALT), aspartate aminotransferase (AST) or alkaline "
        "phosphatase (ALP) above 4 x upper limit of normal (ULN)"
    )
    assert labs(text) == [
        ("exclusion", "alt_x_uln", D(4), False, None, None),
        ("exclusion", "ast_x_uln", D(4), False, None, None),
    ]
    text = "aspartate aminotransferase (AST), alanine aminotransferase (ALT) and alkaline phosphatase ≤ 3 × ULN"
    assert labs(text) == [
        ("inclusion", "alt_x_uln", None, None, D(3), True),
        ("inclusion", "ast_x_uln", None, None, D(3), True),
    ]


def test_a_lab_with_its_own_bound_before_a_list_of_other_labs_keeps_only_its_own():
    assert labs("alanine aminotransferase (ALT) ≤ 2 x ULN, lactate dehydrogenase (LDH) > 4 x ULN") == [
        ("inclusion", "alt_x_uln", None, None, D(2), True)
    ]


# --- the upper limit itself in other words -------------------------------------------------------------------------


def test_an_operator_before_the_normal_reference_value_is_one_times_the_limit():
    assert labs("Exclusion Criteria:\n- ALT or AST > normal reference value") == [
        ("exclusion", "alt_x_uln", D(1), False, None, None),
        ("exclusion", "ast_x_uln", D(1), False, None, None),
    ]
    assert labs("Exclusion Criteria:\n- Total bilirubin above the upper normal range") == [
        ("exclusion", "bilirubin_x_uln", D(1), False, None, None)
    ]


def test_the_lower_limit_of_the_reference_value_or_a_bare_normal_range_is_no_x_uln_bound():
    assert labs("Exclusion Criteria:\n- ALT ≥ lower limit of normal reference value") == []
    assert labs("Exclusion Criteria:\n- ALT within the normal range") == []


# --- list headings -------------------------------------------------------------------------------------------------


def test_a_not_eligible_note_inside_an_inclusion_item_does_not_open_the_exclusion_list():
    text = (
        "Inclusion Criteria:\n\n* Measurable disease. Not eligible: patients whose only lesion was irradiated.\n"
        "* Age ≥ 21 years\n\nExclusion Criteria:\n\n* Pregnancy\n"
    )
    assert [kind for kind, _ in kinds(text)] == ["inclusion", "inclusion", "exclusion"]


def test_a_not_eligible_label_with_no_exclusion_heading_elsewhere_still_opens_the_list():
    text = "Eligible: adults aged 30-70 years. Not eligible: BMI over 38 kg/m2."
    assert kinds(text) == [("inclusion", "Eligible: adults aged 30-70 years."), ("exclusion", "BMI over 38 kg/m2.")]


def test_a_subgroup_that_may_be_enrolled_if_is_no_exclusion_heading():
    text = (
        "Inclusion Criteria:\n\n  -  hepatic function: bilirubin ≤ 1.2 times ULN.\n"
        "     Subjects with Gilbert's syndrome may be enrolled if\n     bilirubin is < 2.5 times ULN\n"
        "  -  Age ≥ 21 years\n\nExclusion Criteria:\n\n  -  Pregnancy\n"
    )
    assert {kind for kind, clause in kinds(text) if "Pregnancy" not in clause} == {"inclusion"}
    assert ("inclusion", "bilirubin_x_uln", None, None, D("2.5"), False) in labs(text)


def test_subjects_who_cannot_participate_if_still_opens_the_exclusion_list():
    text = "Subjects who meet any of the following cannot participate:\n- Pregnancy\n- Age > 80 years"
    assert {kind for kind, _ in kinds(text)} == {"exclusion"}


# --- yearly counts and quoted numbers --------------------------------------------------------------------------------


def counts(text):
    return sorted(row for row in named(text) if row[1] in ("exacerbations_12m", "respiratory_hospitalisations_12m"))


def test_a_count_per_year_over_a_longer_period_is_a_yearly_count_and_its_period_no_window():
    text = "3 COPD exacerbations (treated with antibiotics or steroids) per year within the 3 years before screening"
    assert counts(text) == [("inclusion", "exacerbations_12m", D(3), True, None, None)]
    assert timed(text) == []


def test_a_count_over_a_longer_period_without_per_year_is_no_yearly_count():
    text = "3 COPD exacerbations within the 3 years before screening"
    assert counts(text) == []


def test_one_of_the_exacerbations_that_led_to_hospital_is_a_hospitalisation_count():
    text = "At least one of the 3 exacerbations that occurred in the year before screening resulted in hospitalization."
    assert counts(text) == [("inclusion", "respiratory_hospitalisations_12m", D(1), True, None, None)]
    text = "At least one of the exacerbations in the past 12 months required hospitalisation."
    assert counts(text) == [("inclusion", "respiratory_hospitalisations_12m", D(1), True, None, None)]


def test_one_of_the_exacerbations_treated_otherwise_is_no_hospitalisation_count():
    text = (
        "At least one of the 3 exacerbations that occurred in the year before screening was treated with antibiotics."
    )
    assert [row[1] for row in counts(text)] == ["exacerbations_12m"]


def test_a_number_in_quotes_is_the_number():
    assert [row for row in named('Their body mass index ranged from "19.5" to "27.5".') if row[1] == "bmi"] == [
        ("inclusion", "bmi", D("19.5"), True, D("27.5"), True)
    ]
    assert [row for row in named("体重指数在“19.5”到“27.5”之间") if row[1] == "bmi"] == [
        ("inclusion", "bmi", D("19.5"), True, D("27.5"), True)
    ]


def test_words_in_quotes_are_no_number():
    assert [row for row in named('BMI "normal" or "overweight" for age') if row[1] == "bmi"] == []
