"""Kinds of wording of the twelfth round (decision 0123), from the misses of the old NCI (PDQ) records and the NSCLC
records that joined dev/: the site's own upper limit of normal bounded with no number, several labs under one bound
with an Oxford comma before a lab no question asks about, a subgroup's second bound named right after "in" or "except
for", "twice normal", a filler between an operator and its number, a sign lost between a number and ULN, the FEV1/FVC
ratio and the six-minute walk in other words, a misspelt FEV1 read from a table of misspellings, a clearance named as
the GFR's alternative, each subgroup of an NCI "Age:" field, and record ages in months or weeks in years to four
decimals. Every text here is written for the test, with other words and numbers than the dev records."""

import shutil
from decimal import Decimal

import pytest

from tests.trials.registry.extraction_readings import bounds, named
from trials.registry.extraction import extract
from trials.registry.extraction.tables import DIRECTORY, TableError, load

D = Decimal


def labs(text):
    """(kind, variable, lower, lower inclusive, upper, upper inclusive) of a text's x ULN bounds."""
    return sorted(row for row in named(text) if row[1].endswith("_x_uln"))


# --- the site's own upper limit of normal, bounded with no number: 1 x ULN ----------------------------------------


def test_no_greater_than_the_institutional_upper_limit_is_one_times_it():
    assert labs("Total bilirubin no greater than institutional upper limit of normal (ULN)") == [
        ("inclusion", "bilirubin_x_uln", None, None, D(1), True)
    ]
    assert labs("Serum creatinine ≤ the institutional ULN") == [
        ("inclusion", "creatinine_x_uln", None, None, D(1), True)
    ]
    assert labs("Exclusion Criteria:\n- ALT above the laboratory's upper limit of normal") == [
        ("exclusion", "alt_x_uln", D(1), False, None, None)
    ]


def test_the_sites_own_upper_limit_in_chinese_is_one_times_it_and_a_number_after_it_still_multiplies():
    assert labs("总胆红素≤本中心正常值上限") == [("inclusion", "bilirubin_x_uln", None, None, D(1), True)]
    assert labs("血肌酐≤本院正常值上限的1.5倍") == [("inclusion", "creatinine_x_uln", None, None, D("1.5"), True)]


def test_a_lower_limit_or_a_normal_range_with_no_operator_is_no_upper_limit_bound():
    assert labs("Creatinine ≤ institutional LLN") == []
    # "within normal limits" bounds both ends of the range: the guideline annotates no x ULN item for it (dev u103)
    assert labs("Bilirubin within institutional normal limits") == []


# --- several labs under one bound, an Oxford comma before a lab no question asks about ----------------------------


def test_an_oxford_comma_before_a_lab_no_question_asks_about_keeps_the_list():
    expected = [
        ("inclusion", "alt_x_uln", None, None, D(3), False),
        ("inclusion", "ast_x_uln", None, None, D(3), False),
    ]
    assert labs("SGPT, SGOT, and alkaline phosphatase less than 3 times upper limit of normal") == expected
    assert labs("ALT, AST, and/or GGT less than 3 times the upper limit of normal") == expected


def test_a_lab_with_its_own_bound_after_the_list_takes_nothing_from_it():
    assert labs("SGOT, SGPT ≤ 2 x ULN, and alkaline phosphatase less than 4 times upper limit of normal") == [
        ("inclusion", "alt_x_uln", None, None, D(2), True),
        ("inclusion", "ast_x_uln", None, None, D(2), True),
    ]


# --- a subgroup's second bound named right after "in", "for" or "except for" --------------------------------------


def test_a_subgroup_named_after_and_in_gets_the_labs_second_bound():
    assert labs("aspartate aminotransferase (AST) ≤3×ULN, and in hepatic metastases ≤6×ULN") == [
        ("inclusion", "ast_x_uln", None, None, D(3), True),
        ("inclusion", "ast_x_uln", None, None, D(6), True),
    ]


def test_a_subgroup_named_after_except_for_inside_a_bracket_gets_the_labs_second_bound():
    assert labs("total bilirubin ≤1.25×ULN (except for Gilbert's disease ≤2.5×ULN)") == [
        ("inclusion", "bilirubin_x_uln", None, None, D("1.25"), True),
        ("inclusion", "bilirubin_x_uln", None, None, D("2.5"), True),
    ]


def test_words_that_name_no_subgroup_before_a_second_bound_give_the_lab_nothing():
    assert labs("aspartate aminotransferase (AST) ≤3×ULN, and in bone pain ≤6×ULN") == [
        ("inclusion", "ast_x_uln", None, None, D(3), True)
    ]
    assert labs("total bilirubin ≤1.25×ULN (except for fever ≤2.5×ULN)") == [
        ("inclusion", "bilirubin_x_uln", None, None, D("1.25"), True)
    ]


# --- "twice normal", a filler before the number, a sign lost before ULN -------------------------------------------


def test_twice_normal_is_two_times_the_upper_limit():
    assert labs("AST at least twice normal") == [("inclusion", "ast_x_uln", D(2), True, None, None)]
    assert labs("Exclusion Criteria:\n- ALT greater than twice normal") == [
        ("exclusion", "alt_x_uln", D(2), False, None, None)
    ]


def test_twice_normal_with_no_lab_or_no_operator_is_no_bound():
    assert labs("Haemoglobin at least twice normal") == []
    assert labs("ALT twice normal") == []  # no operator: its inclusivity is unknown (guideline)


def test_the_normal_value_of_between_the_operator_and_its_number_is_a_filler():
    assert labs("Serum creatinine \\<= the normal value of 1.25 times the upper limit of normal (ULN)") == [
        ("inclusion", "creatinine_x_uln", None, None, D("1.25"), True)
    ]
    assert bounds("The bilirubin level ≤ the normal value of 1.5 mg/dL", "bilirubin_x_uln") == []


def test_a_question_mark_where_the_multiplication_sign_was_lost_is_read_as_times():
    assert labs("Total bilirubin (TBIL) \\<2.5?ULN") == [("inclusion", "bilirubin_x_uln", None, None, D("2.5"), False)]
    assert labs("总胆红素<2?ULN") == [("inclusion", "bilirubin_x_uln", None, None, D(2), False)]


def test_a_question_mark_ending_a_sentence_before_other_words_is_no_sign():
    assert labs("Is the bilirubin below 2.5? Then ULN checks follow") == []


# --- lung function and walking in other words; a misspelt FEV1 -----------------------------------------------------


def test_fev_over_fvc_is_the_ratio():
    assert bounds("FEV/FVC ratio no greater than 65%", "fev1_fvc_ratio") == [("inclusion", None, None, D("0.65"), True)]
    assert bounds("FEV/FVC ratio no greater than 65%", "fev1_pct_pred") == []


def test_metres_walked_in_six_minutes_is_the_six_minute_walk_distance():
    assert bounds("at least 120 meters walked in six minutes", "sixmwd_m") == [("inclusion", D(120), True, None, None)]
    assert bounds("at least 120 meters walked on a treadmill", "sixmwd_m") == []


def test_fevi_is_fev1_from_the_table_of_misspellings_and_only_the_whole_word():
    assert bounds("FEVI ≥ 40% and < 70% (Knudsen)", "fev1_pct_pred") == [("inclusion", D(40), True, D(70), False)]
    assert bounds("FEVIS ≥ 40%", "fev1_pct_pred") == []


def test_a_misspelling_keeps_the_quote_as_written():
    (proposal,) = [p for p in extract("Inclusion Criteria:\n- an FEVI<75%\n") if p.variable == "fev1_pct_pred"]
    assert proposal.quote == "FEVI<75%"


def test_a_misspelling_row_must_be_one_word_for_another_of_the_same_length(tmp_path):
    copy = tmp_path / "tables"
    shutil.copytree(DIRECTORY, copy)
    (copy / "misspellings.csv").write_text("written,reads\nfevi,fev 1\n", encoding="utf-8")
    with pytest.raises(TableError, match="misspellings.csv line 2"):
        load(copy)


# --- a clearance named as the GFR's alternative --------------------------------------------------------------------


def test_a_clearance_named_as_the_gfrs_alternative_under_one_bound_is_the_gfrs_bound():
    assert bounds("Creatinine clearance or GFR more than 55 mL/min", "egfr") == [
        ("inclusion", D(55), False, None, None)
    ]


def test_a_clearance_alone_or_a_gfr_by_cockcroft_gault_is_no_egfr_bound():
    assert bounds("Creatinine clearance more than 55 mL/min", "egfr") == []
    assert bounds("Creatinine clearance or GFR more than 55 mL/min (Cockcroft-Gault)", "egfr") == []


# --- an NCI "Age:" field giving each subgroup its own years -------------------------------------------------------


def test_each_subgroup_of_an_age_field_gets_its_own_years():
    assert bounds("Age: Patients with asthma: 12 and over; Healthy controls: 21 to 60", "age") == [
        ("inclusion", D(12), True, None, None),
        ("inclusion", D(21), True, D(60), True),
    ]


def test_a_labelled_number_outside_an_age_field_or_before_other_words_is_no_age():
    assert bounds("Hematopoietic: ANC: 1500 and over; Platelets: 100 and over", "age") == []
    assert bounds("Age: asthma: 12 and over; controls: 21 and over at least 3 times", "age") == [
        ("inclusion", D(12), True, None, None)
    ]


# --- record ages in months or weeks ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("record", "years"),
    [("4 Months", "0.3333"), ("8 Months", "0.6667"), ("6 Months", "0.5"), ("3 Weeks", "0.0575"), ("24 Months", "2")],
)
def test_a_record_age_in_months_or_weeks_is_in_years_to_four_decimals(record, years):
    (age,) = extract("", minimum_age=record)
    assert age.lower == D(years) and str(age.lower) == years


def test_a_record_age_in_years_keeps_its_own_digits():
    (age,) = extract("", minimum_age="12 Years", maximum_age="17.5 Years")
    assert (str(age.lower), str(age.upper)) == ("12", "17.5")
