"""Registry records as the product imports them (issue 20, eighth round): the wording and layout families the dev
batches 1000-1059 and 1100-1118 showed read wrong, old NIH and NCI layouts with the registry's own line breaks among
them. Each family is read on both sides of its boundary. Every wording here is written for these tests, with other
numbers and words than the records."""

from decimal import Decimal

import pytest

from trials.registry.extraction import extract

from .extraction_readings import bounds, durations, found, named, proposals, quotes_are_exact, windows

D = Decimal


# A registry line break inside a sentence reads as a space; the quote keeps the record's own break ------------------


def test_a_unit_cut_by_the_registrys_line_break_is_read_whole_and_quoted_as_stored():
    text = (
        "Inclusion Criteria:\n\n          -  Alanine aminotransferase above 3 times the upper\n"
        "                  limit of normal\n\n          -  Age over 80 years\n"
    )
    assert named(text) == [
        ("inclusion", "alt_x_uln", D(3), False, None, None),
        ("inclusion", "age", D(80), False, None, None),
    ]
    (alt,) = proposals(text, "alt_x_uln")
    assert "upper\n                  limit of normal" in alt.quote
    assert quotes_are_exact(text)


# Subscripts in brackets, as NIH Clinical Center records write them ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "variable", "expected"),
    [
        ("FEV(1) at least 55% of predicted", "fev1_pct_pred", (D(55), True, None, None)),
        ("a DL(CO) below 60 percent of predicted", "dlco_pct_pred", (None, None, D(60), False)),
        ("SpO(2) of 92% or more at rest", "spo2_pct", (D(92), True, None, None)),
        ("FEV(1)/FVC below 0.65", "fev1_fvc_ratio", (None, None, D("0.65"), False)),
    ],
)
def test_a_subscript_written_in_brackets_names_the_same_measure(text, variable, expected):
    (proposal,) = found(text)
    assert proposal.variable == variable
    assert (proposal.lower, proposal.lower_inclusive, proposal.upper, proposal.upper_inclusive) == expected


@pytest.mark.parametrize("text", ["IL(6) above 10", "FEV(1) less than 1.5 liters"])
def test_other_bracketed_names_and_lung_volumes_in_litres_are_not_read(text):
    assert found(text) == []


# The transaminases by their old names ------------------------------------------------------------------------------


def test_the_old_names_of_the_transaminases_name_one_lab_each():
    assert [p.variable for p in found("Serum glutamic pyruvic transaminase (SGPT) up to 2 times ULN")] == ["alt_x_uln"]
    assert [p.variable for p in found("serum glutamic-oxaloacetic transaminase ≤ 3 x ULN")] == ["ast_x_uln"]


def test_the_transaminases_named_together_still_bound_both():
    assert sorted(p.variable for p in found("serum transaminases ≤ 3 x ULN")) == ["alt_x_uln", "ast_x_uln"]


# NCI records write "=<" and "=>" ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "variable", "expected"),
    [
        ("Major surgery =< 3 weeks prior to registration", "window", (None, None, D(3), True)),
        ("=< 8 weeks from last dose of radiotherapy", "window", (None, None, D(8), True)),
        ("Total bilirubin =< 2 x ULN", "bilirubin_x_uln", (None, None, D(2), True)),
        ("Age => 21 years", "age", (D(21), True, None, None)),
    ],
)
def test_an_operator_written_equals_first_bounds_inclusively(text, variable, expected):
    (proposal,) = found(text, "exclusion" if variable == "window" else "inclusion", variable)
    assert (proposal.lower, proposal.lower_inclusive, proposal.upper, proposal.upper_inclusive) == expected
    assert "=<" in proposal.quote or "=>" in proposal.quote  # the whole operator quoted, as the record writes it


def test_a_bare_less_than_sign_stays_strict():
    (window,) = found("Major surgery < 3 weeks prior to registration", "exclusion", "window")
    assert (window.upper, window.upper_inclusive) == (D(3), False)


# Either end of an age with the unit said once, in NIH sentences ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Exclusion Criteria:\n- Volunteers will be excluded if under 21 or over 70 years of age.",
        "Exclusion Criteria:\n- Younger than 21 or older than 70 years of age",
        "Exclusion Criteria:\n- below 21 or above 70 years old",
    ],
)
def test_both_ends_of_an_excluded_age_are_read_when_the_unit_follows_the_second(text):
    assert bounds(text, "age") == [("exclusion", None, None, D(21), False), ("exclusion", D(70), False, None, None)]


def test_a_condition_that_is_not_the_exclusion_itself_bounds_nothing_at_its_first_end():
    text = "Exclusion Criteria:\n- Patients whose dose is halved if under 30 or over 80 years of age."
    assert all(upper != D(30) for _kind, _lo, _li, upper, _ui in bounds(text, "age"))


# Ages said in months -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Inclusion Criteria:\n- aged 9 months and older", [("inclusion", D("0.75"), True, None, None)]),
        ("Inclusion Criteria:\n- age ≥ 12 months and ≤ 48 months", [("inclusion", D(1), True, D(4), True)]),
        ("Exclusion Criteria:\n- infants older than 18 months of age", [("exclusion", D("1.5"), False, None, None)]),
        ("Inclusion Criteria:\n- age between 30 and 54 months", [("inclusion", D("2.5"), True, D("4.5"), True)]),
    ],
)
def test_an_age_in_months_is_the_same_age_in_years(text, expected):
    assert bounds(text, "age") == expected


def test_an_age_in_months_that_is_no_round_part_of_a_year_and_a_span_in_months_are_not_ages():
    assert bounds("Inclusion Criteria:\n- age 1-11 months", "age") == []
    text = "Inclusion Criteria:\n- aged ≥ 40 years with cough for ≥ 8 months"
    assert bounds(text, "age") == [("inclusion", D(40), True, None, None)]
    assert durations(text) == [("inclusion", D(8), True, "months")]


# An item that is only an age, as NCI records list it ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("21 and over", ("inclusion", D(21), True, None, None)),
        ("Under 75", ("inclusion", None, None, D(75), False)),
        ("16 to 70", ("inclusion", D(16), True, D(70), True)),
    ],
)
def test_a_list_item_of_bare_years_is_an_age(item, expected):
    text = f"Inclusion Criteria:\n\n   -  Measurable disease\n\n   -  {item}\n\n   -  ECOG performance status 0-2\n"
    assert bounds(text, "age") == [expected]


@pytest.mark.parametrize("item", ["at least 3", "2 to 4", "21 and over with consent of a parent"])
def test_a_small_number_or_an_item_with_other_words_is_no_age(item):
    text = f"Inclusion Criteria:\n\n   -  Measurable disease\n\n   -  {item}\n"
    assert bounds(text, "age") == []


# A duration with its bound said after the span -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Exclusion Criteria:\n- A history of 15 years or more of type 1 diabetes",
            [("exclusion", D(15), True, "years")],
        ),
        ("Inclusion Criteria:\n- 10 years or longer of smoking", [("inclusion", D(10), True, "years")]),
    ],
)
def test_a_span_followed_by_or_more_and_what_it_is_of_is_a_duration(text, expected):
    assert durations(text) == expected


def test_years_or_older_of_age_stay_an_age():
    text = "Inclusion Criteria:\n- 18 years or older of age"
    assert durations(text) == []
    assert bounds(text, "age") == [("inclusion", D(18), True, None, None)]


# Hours since the last bronchodilator are a washout, not a post-bronchodilator value -------------------------------


def test_a_value_measured_hours_after_the_last_bronchodilator_says_neither_pre_nor_post():
    (fev1,) = found("FEV1 greater than 60% of predicted (at least 8 hours after bronchodilator use)")
    assert (fev1.lower, fev1.bronchodilator) == (D(60), None)


def test_a_value_measured_minutes_after_a_bronchodilator_is_post_bronchodilator():
    fev1 = [p for p in found("FEV1 of at least 60% of predicted measured 20 minutes after salbutamol")]
    assert [(p.lower, p.bronchodilator) for p in fev1] == [(D(60), "post")]


# Free of one thing or another for a span before entry is a look-back -------------------------------------------------


def test_free_of_either_of_two_events_for_weeks_before_entry_is_a_window():
    text = (
        "Inclusion Criteria:\n- Participants must be without evidence of a COPD exacerbation or a lower respiratory "
        "tract infection for 8 weeks prior to screening."
    )
    assert windows(text) == [("inclusion", D(8), True, "weeks")]
    assert durations(text) == []


def test_on_either_of_two_treatments_for_weeks_before_entry_is_a_duration():
    text = "Inclusion Criteria:\n- Participants on inhaled steroids or montelukast for 8 weeks prior to screening."
    assert durations(text) == [("inclusion", D(8), True, "weeks")]
    assert windows(text) == []


# A duration bounded on both sides: its upper end is a window -----------------------------------------------------


def test_the_upper_end_of_a_duration_said_with_a_remark_between_is_a_window():
    text = (
        "Inclusion Criteria:\n- Rhinitis symptoms for a duration of at least 3 months (confirmed by a physician), "
        "but no greater than 5 years."
    )
    assert windows(text) == [("inclusion", D(5), True, "years")]
    assert durations(text) == [("inclusion", D(3), True, "months")]


def test_a_lab_bound_after_a_duration_is_no_window():
    text = "Inclusion Criteria:\n- Asthma for at least 3 months, but IgE no greater than 700 IU/mL"
    assert windows(text) == []


def test_every_quote_of_these_records_is_exact():
    text = (
        "        PATIENT CHARACTERISTICS:\n\n          -  18 and over\n\n          -  SGOT =< 2.5 times upper\n"
        "             limit of normal\n\n          -  FEV(1) greater than 50% of predicted\n"
    )
    assert quotes_are_exact(text)
    assert len(extract(text)) >= 3


# The ratio against its own predicted value is no ratio -------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["FEV1/FVC above 75 percent of predicted", "FEV(1)/FVC of at least 85% of the predicted value"]
)
def test_a_ratio_stated_as_a_share_of_its_predicted_value_is_left_to_the_study_team(text):
    assert found(text, variable="fev1_fvc_ratio") == []


@pytest.mark.parametrize("text", ["FEV1/FVC < 65% predicted", "FEV1/FVC < 65%"])
def test_a_ratio_in_percent_without_of_predicted_is_the_ratio(text):
    (ratio,) = found(text, variable="fev1_fvc_ratio")
    assert (ratio.upper, ratio.upper_inclusive) == (D("0.65"), False)


# A bound that is one of "at least N out of the following" is no criterion by itself ----------------------------------


def test_an_item_of_at_least_n_out_of_the_following_bounds_nothing_by_itself():
    text = (
        "Inclusion Criteria:\nPatients meet at least four out of the following seven conditions:\n"
        "  -  aged 45 years or above;\n  -  morning stiffness\n"
    )
    assert bounds(text, "age") == []


def test_an_item_of_all_of_the_following_is_a_criterion():
    text = "Inclusion Criteria:\nPatients meet all of the following conditions:\n  -  aged 45 years or above;\n"
    assert bounds(text, "age") == [("inclusion", D(45), True, None, None)]


# The ages an exclusion's exception lets in are no exclusion bounds ---------------------------------------------------


def test_ages_inside_an_exception_after_the_exclusions_own_age_bound_are_not_proposed():
    text = (
        "Exclusion Criteria:\n  1. age less than 21 or greater than 85 except for patients with bronchiectasis who "
        "are 15 years of age or older, or patients with CF who are over six years of age"
    )
    assert bounds(text, "age") == [("exclusion", None, None, D(21), False), ("exclusion", D(85), False, None, None)]


def test_an_age_in_the_next_sentence_after_an_exception_is_the_exclusions_own():
    text = "Exclusion Criteria:\n  1. FEV1 below 30% of predicted, except in lung cancer; age over 75 years"
    assert bounds(text, "age") == [("exclusion", D(75), False, None, None)]


# FEV1 in litres or as a share of predicted, one comparison word for both ------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FEV1 less than 1.8 liters or 55% of predicted", (None, None, D(55), False)),
        ("FEV1 greater than 1.2 L or 45% predicted", (D(45), False, None, None)),
    ],
)
def test_the_comparison_word_of_a_volume_in_litres_also_bounds_the_share_of_predicted_after_or(text, expected):
    (fev1,) = found(text)
    assert fev1.variable == "fev1_pct_pred"
    assert (fev1.lower, fev1.lower_inclusive, fev1.upper, fev1.upper_inclusive) == expected


@pytest.mark.parametrize("text", ["FEV1 less than 1.8 liters or 55 years old", "FEV1 less than 1.8 liters"])
def test_a_volume_in_litres_shares_its_comparison_with_nothing_else(text):
    assert found(text) == []
