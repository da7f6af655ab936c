"""Named thresholds as the twelfth held-out split words them (decision 0133): pack-years written as packs a year,
transaminases as ASAT/ALAT (also split, "ALA T"), ULN misspelt UNL, labs joined by "&", counts of hospital stays and
exacerbations said after their noun or with an article, FEV1 with another lung-function measure as its alternative,
and FEV1 measured with beta2-agonists withheld. Every wording is written for these tests, with other numbers and words
than the records; each rule is tested with a near wording that must not be read."""

from decimal import Decimal

from trials.registry.extraction import extract

D = Decimal


def bounds(text, variable):
    return [
        (p.kind, p.lower, p.lower_inclusive, p.upper, p.upper_inclusive)
        for p in extract(text)
        if p.variable == variable
    ]


def variables(text):
    return sorted(p.variable for p in extract(text))


INC = "Inclusion Criteria:\n- "
EXC = "Exclusion Criteria:\n- "


# Pack-years written as packs a year --------------------------------------------------------------------------------


def test_packs_year_and_packs_per_year_are_pack_years():
    assert bounds(EXC + "current or ex-smoker ≥ 15 packs year", "pack_years") == [
        ("exclusion", D(15), True, None, None)
    ]
    assert bounds(INC + "30+ packs per year smoking history", "pack_years") == [("inclusion", D(30), True, None, None)]


def test_packs_per_day_stay_packs_a_day():
    assert bounds(INC + "smokes at least 2 packs per day", "pack_years") == []


# Transaminases: ASAT, ALAT, the split "ALA T"; ULN misspelt UNL; "&" --------------------------------------------


def test_asat_and_alat_are_ast_and_alt_and_unl_is_uln():
    text = INC + "ALAT/ASAT \\< 3 x UNL"
    assert bounds(text, "alt_x_uln") == [("inclusion", None, None, D(3), False)]
    assert bounds(text, "ast_x_uln") == [("inclusion", None, None, D(3), False)]


def test_unl_inside_a_longer_word_is_no_uln():
    assert variables(INC + "ALT < 3 x unlisted") == []


def test_a_split_abbreviation_in_brackets_keeps_both_labs_under_one_bound():
    text = INC + "alanine aminotransferase (ALA T) and aspartate aminotransferase (ASAT) ≤ 3 x ULN"
    assert bounds(text, "alt_x_uln") == [("inclusion", None, None, D(3), True)]
    assert bounds(text, "ast_x_uln") == [("inclusion", None, None, D(3), True)]


def test_an_ampersand_joins_two_labs_under_one_bound_escaped_or_not():
    for text in (INC + "ALT \\& AST ≤ 2x ULN", INC + "ALT & AST ≤ 2x ULN"):
        assert bounds(text, "alt_x_uln") == [("inclusion", None, None, D(2), True)]
        assert bounds(text, "ast_x_uln") == [("inclusion", None, None, D(2), True)]


def test_an_ampersand_joins_no_lab_to_a_bound_in_another_unit():
    assert variables(INC + "AST & BMI ≤ 32") == ["bmi"]


# Counts of hospital stays and exacerbations ----------------------------------------------------------------------


def test_a_number_with_its_own_counted_noun_before_or_counts_that_noun():
    text = INC + ">= 3 urgent care visits or 1 hospitalization for asthma in the past year"
    assert bounds(text, "respiratory_hospitalisations_12m") == [("inclusion", D(1), True, None, None)]


def test_a_qualifier_before_or_leaves_the_first_count_the_question_s():
    text = INC + "≥3 moderate or ≥1 severe exacerbations in the past year"
    assert bounds(text, "exacerbations_12m") == [("inclusion", D(3), True, None, None)]


def test_a_hospital_stay_for_asthma_counted_in_times_over_a_year_is_the_count():
    text = EXC + "hospitalization for asthma more than two times within one year before screening"
    assert bounds(text, "respiratory_hospitalisations_12m") == [("exclusion", D(2), False, None, None)]


def test_a_hospital_stay_counted_in_times_without_saying_what_for_is_no_respiratory_count():
    text = EXC + "hospitalized more than 4 times in the past 12 months"
    assert bounds(text, "respiratory_hospitalisations_12m") == []


def test_a_count_in_times_over_another_period_is_no_twelve_month_count():
    text = EXC + "hospitalization for asthma more than two times within the past 3 years"
    assert bounds(text, "respiratory_hospitalisations_12m") == []


def test_exacerbations_counted_in_times_over_twelve_months():
    text = EXC + "asthma exacerbations more than 3 times in the last 12 months"
    assert bounds(text, "exacerbations_12m") == [("exclusion", D(3), False, None, None)]


def test_experiencing_an_exacerbation_in_the_last_twelve_months_is_one_or_more_and_no_window():
    text = INC + "experiencing a severe exacerbation of COPD requiring antibiotics in the last 12 months"
    assert bounds(text, "exacerbations_12m") == [("inclusion", D(1), True, None, None)]
    assert bounds(text, "window") == []


def test_an_item_that_is_an_exacerbation_within_the_last_year_is_one_or_more():
    text = INC + "A COPD exacerbation within the last year"
    assert bounds(text, "exacerbations_12m") == [("inclusion", D(1), True, None, None)]


def test_an_exacerbation_item_over_a_shorter_period_stays_a_window():
    text = INC + "An exacerbation within the last 2 months"
    assert bounds(text, "exacerbations_12m") == []
    assert [p.upper for p in extract(text) if p.variable == "window"] == [D(2)]


# FEV1 with another lung-function measure as its alternative ------------------------------------------------------


def test_fev1_or_pefr_shares_the_bound():
    text = INC + "FEV1 or peak expiratory flow rate (PEFR) ≥ 70% of the predicted normal value"
    assert bounds(text, "fev1_pct_pred") == [("inclusion", D(70), True, None, None)]


def test_fev1_and_another_item_after_a_comma_keeps_its_own_bound_only():
    text = INC + "FEV1 ≥ 40% predicted, and PEF > 55%"
    assert bounds(text, "fev1_pct_pred") == [("inclusion", D(40), True, None, None)]


# Pre-bronchodilator by withholding --------------------------------------------------------------------------------


def test_fev1_after_withholding_long_acting_beta2_agonists_is_pre_bronchodilator():
    text = INC + "FEV1 ≥ 55% predicted after withholding long-acting β2-agonists for > 24 hours"
    assert [p.bronchodilator for p in extract(text) if p.variable == "fev1_pct_pred"] == ["pre"]


def test_fev1_after_salbutamol_stays_post_bronchodilator():
    text = INC + "FEV1 ≥ 55% predicted after salbutamol"
    assert [p.bronchodilator for p in extract(text) if p.variable == "fev1_pct_pred"] == ["post"]


# eGFR in the unit written with a bracketed power -----------------------------------------------------------------


def test_ml_per_min_per_1_73_m_bracketed_square_is_egfr():
    text = INC + "calculated creatinine clearance greater than 50 ml/min/1.73M(2)"
    assert bounds(text, "egfr") == [("inclusion", D(50), False, None, None)]
