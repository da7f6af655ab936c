"""Windows and durations read from registry wording reach the days-since question a patient answers, or no question
at all: never a wrong one (the extractor and drafting together, from the clause's words)."""

import pytest

from trials import eligibility
from trials.registry import extraction
from trials.registry.drafting import drafts_for
from trials.registry.importing import ensure_questions

pytestmark = pytest.mark.django_db

TIME_KEYS = {
    "days_since_stroke",
    "days_since_surgery",
    "days_since_exacerbation",
    "days_since_quit_smoking",
    "days_on_current_treatment",
    "days_since_diagnosis",
    "days_since_heart_attack",
}


def time_drafts(list_kind, words):
    heading = "Inclusion Criteria" if list_kind == "inclusion" else "Exclusion Criteria"
    text = f"{heading}:\n\n* {words}\n"
    [clause] = extraction.split_clauses(text)
    drafts = [d for d in drafts_for(clause, text, ensure_questions()) if d.question_id]
    return [d for d in drafts if d.question.key in TIME_KEYS or d.question.key.startswith("days_")]


def outcome(criterion, days):
    return eligibility.evaluate_criterion(criterion.to_rule(), {criterion.question.key: days})


@pytest.mark.parametrize(
    ("words", "key", "short", "enough"),
    [
        ("At least 6 months post-onset of stroke", "days_since_stroke", 182, 183),
        ("Has not smoked for ≥ 6 months", "days_since_quit_smoking", 182, 183),
        ("No exacerbation requiring oral steroids for at least 3 months", "days_since_exacerbation", 90, 92),
        ("≥ 28 days since major surgery", "days_since_surgery", 27, 28),
    ],
)
def test_a_duration_since_an_event_is_a_lower_bound_on_that_events_question(words, key, short, enough):
    [criterion] = time_drafts("inclusion", words)
    assert criterion.question.key == key
    assert criterion.max_value is None and criterion.min_value is not None
    assert outcome(criterion, short) is eligibility.Outcome.NOT_MET
    assert outcome(criterion, enough) is eligibility.Outcome.MET


def test_a_bounded_time_from_surgery_in_the_exclusion_list_is_a_window_on_days_since_surgery():
    [criterion] = time_drafts("exclusion", "≤ 4 weeks from major surgery")
    assert (criterion.kind, criterion.question.key) == ("exclusion", "days_since_surgery")
    assert outcome(criterion, 28) is eligibility.Outcome.NOT_MET  # operated 4 weeks ago: excluded
    assert outcome(criterion, 29) is eligibility.Outcome.MET


@pytest.mark.parametrize(
    "words",
    [
        "completed chemotherapy at least 6 months before",  # time since treatment ended: no question asks it
        "cancer treatment completed > 6 months prior to enrollment",
        "life expectancy within 12 months",  # a time still to come
        "more than 3 exacerbations within the past year",  # a count of several
    ],
)
def test_wordings_no_days_since_question_can_ask_are_left_for_the_study_team(words):
    assert [d for d in time_drafts("exclusion", words) if d.question.key != "exacerbations_12m"] == []


@pytest.mark.parametrize(
    ("words", "key", "recent", "long_ago"),
    [
        ("No major surgery within 1 month", "days_since_surgery", 20, 40),
        ("1个月内无重大手术", "days_since_surgery", 20, 40),
        ("近3个月内未发生慢阻肺急性加重", "days_since_exacerbation", 60, 100),
        ("6个月内没有心肌梗死", "days_since_heart_attack", 100, 200),
    ],
    ids=["en", "zh-无", "zh-未", "zh-没有"],
)
def test_an_inclusion_free_of_an_event_within_a_time_admits_only_a_patient_whose_event_is_older(
    words, key, recent, long_ago
):
    """ "1个月内无重大手术" in an inclusion list: the operation, if any, was more than a month ago. The "无" sits inside
    the window's own words in Chinese, after the time, where an English "No" stands before it."""
    [criterion] = time_drafts("inclusion", words)
    assert criterion.question.key == key
    assert outcome(criterion, recent) is eligibility.Outcome.NOT_MET
    assert outcome(criterion, long_ago) is eligibility.Outcome.MET


def test_an_inclusion_that_asks_for_a_recent_event_in_chinese_stays_a_window():
    """The near miss: "近1个月内接受过手术" asks for an operation in the last month; no negation to turn."""
    [criterion] = time_drafts("inclusion", "近1个月内接受过重大手术")
    assert outcome(criterion, 20) is eligibility.Outcome.MET
    assert outcome(criterion, 40) is eligibility.Outcome.NOT_MET
