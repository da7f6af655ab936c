"""Counts over the question's 12 months said without an operator ("1 hospitalisation … in the past 12 months",
"2次中重度急性加重") or without a number ("必须经历过重度哮喘发作"), and what stays a window. Issue 20, fourth round; the
wordings are written for these tests, each read on both sides of its boundary."""

from .extraction_readings import D, found, named


def windows(text, kind="exclusion"):
    return [(p.upper, p.upper_inclusive, p.unit) for p in found(text, kind, "window")]


def counts(text, kind="inclusion"):
    return [(p.variable, p.lower, p.lower_inclusive) for p in found(text, kind) if p.unit == "count"]


def test_a_count_with_no_operator_before_what_it_counts_is_at_least_that_many():
    text = "3 or more moderate exacerbations or 1 hospitalisation due to COPD in the past 12 months"
    assert counts(text) == [("exacerbations_12m", D(3), True), ("respiratory_hospitalisations_12m", D(1), True)]
    assert windows(text, "inclusion") == []


def test_a_count_with_no_operator_over_another_period_is_only_a_window():
    assert counts("1 exacerbation in the last 3 months") == []
    assert windows("1 exacerbation in the last 3 months", "inclusion") == [(D(3), True, "months")]


def test_a_chinese_count_with_no_operator_is_at_least_that_many():
    assert counts("过去12个月内发生2次中重度急性加重") == [("exacerbations_12m", D(2), True)]
    assert counts("近1年内有1次因慢阻肺急性加重住院") == [("respiratory_hospitalisations_12m", D(1), True)]


def test_having_had_the_event_in_the_past_year_with_no_number_is_at_least_one():
    assert counts("筛选前一年内必须经历过重度哮喘发作") == [("exacerbations_12m", D(1), True)]
    assert counts("Must have experienced a COPD exacerbation in the past 12 months") == [
        ("exacerbations_12m", D(1), True)
    ]


def test_being_free_of_the_event_or_a_plural_history_is_no_count():
    assert counts("过去12个月内无急性加重") == []
    assert counts("with a history of exacerbations during the last year") == []
    assert counts("Must have experienced a COPD exacerbation in the past 12 months", "exclusion") == []


def test_windows_and_counts_of_a_whole_text_stay_in_their_lists():
    text = "Inclusion Criteria:\n- 1 hospitalization for COPD in the previous 12 months\nExclusion Criteria:\n- pneumonia within 4 weeks"
    assert named(text) == [("inclusion", "respiratory_hospitalisations_12m", D(1), True, None, None)]
