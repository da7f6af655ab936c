"""Time windows and durations in the wordings the twelfth held-out split (w001-w308, now in dev/) read wrong (issue 20,
thirteenth round, decision 0132): each family read on both sides of its boundary. Every wording here is written for
these tests, with other numbers and words than the records."""

from decimal import Decimal

from .extraction_readings import exclusion, inclusion, timed, windows

D = Decimal


# "has elapsed since": the span said to have gone by since a past event --------------------------------------------


def test_at_least_a_span_has_elapsed_since_an_event_is_a_duration():
    assert timed(inclusion("At least five weeks has elapsed since surgery for any reason")) == [
        ("inclusion", "duration", D(5), "weeks")
    ]
    assert timed(inclusion("at least 21 days have elapsed by the time of enrolment since the last radiotherapy")) == [
        ("inclusion", "duration", D(21), "days")
    ]


def test_less_than_a_span_has_elapsed_since_an_event_is_a_strict_window():
    text = exclusion("Less than five weeks has elapsed since hospitalisation for pneumonia")
    assert windows(text) == [("exclusion", D(5), False, "weeks")]


def test_a_span_that_has_elapsed_since_the_studys_own_point_is_no_bound():
    assert timed(inclusion("At least five weeks has elapsed since randomisation")) == []


# A lab's sample said to have been taken in a look-back ------------------------------------------------------------


def test_a_lab_value_whose_sample_was_collected_in_a_look_back_is_a_window():
    assert timed(
        inclusion("Platelets ≥ 90 000/uL (collected within 12 days prior to the start of study treatment)")
    ) == [("inclusion", "window", D(12), "days")]


def test_a_lab_value_with_a_bare_look_back_stays_the_values_timing():
    assert timed(inclusion("Platelets ≥ 90 000/uL within 12 days prior to the start of study treatment")) == []


# A list row: an event, then an inclusive bound on the time since it ----------------------------------------------


def test_a_row_naming_an_event_then_at_most_a_span_is_a_window():
    assert timed(exclusion("chest infection/pneumonia ≤ 3 weeks")) == [("exclusion", "window", D(3), "weeks")]
    assert timed(exclusion("systemic corticosteroids ≤ 2 months")) == [("exclusion", "window", D(2), "months")]


def test_a_row_naming_no_event_or_counting_days_a_week_stays_unread():
    assert timed(exclusion("use of reliever medication ≤ 3 days")) == []
    assert timed(inclusion("symptoms in ≤3 days and reliever use ≤3 days per week")) == []


def test_an_escaped_sign_reads_as_the_sign():
    assert timed(exclusion("coronary artery bypass graft of \\&lt;4 months")) == [
        ("exclusion", "window", D(4), "months")
    ]


# Use over a period before the study, in an exclusion list --------------------------------------------------------


def test_treatment_for_a_period_before_entry_in_an_exclusion_list_is_a_window():
    text = exclusion(
        "Treatment with extra antibiotics (beyond routine care) for a period of 10 days before study entry"
    )
    assert timed(text) == [("exclusion", "window", D(10), "days")]


def test_a_stable_treatment_for_a_period_before_entry_stays_a_duration():
    text = inclusion("Stable treatment with inhaled steroids (any brand) for a period of 10 days before study entry")
    assert timed(text) == [("inclusion", "duration", D(10), "days")]


# Stopping something a span before registration ------------------------------------------------------------------


def test_stopped_smoking_a_span_before_registration_is_a_duration():
    assert timed(inclusion("Former smokers who stopped smoking 2 years prior to registration")) == [
        ("inclusion", "duration", D(2), "years")
    ]


def test_smoking_a_span_before_registration_without_stopping_is_a_window():
    assert timed(exclusion("Smoking 2 years prior to registration")) != [("exclusion", "duration", D(2), "years")]
