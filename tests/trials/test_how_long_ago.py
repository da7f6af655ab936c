"""How long ago, typed with a unit: "8 years", "8年", "48天", "3个月" are a number of days by decision 0041's days rule,
judged against windows in days and in calendar months, and read back in plain words."""

from decimal import Decimal

import pytest
from django.utils import translation

from trials.eligibility import WindowRule
from trials.models import Question
from trials.number_input import parse_number


@pytest.mark.parametrize(
    "text, days",
    [
        ("48", "48"),
        ("48 days", "48"),
        ("1 day", "1"),
        ("48天", "48"),
        ("48 天", "48"),
        ("48日", "48"),
        ("5 days ago", "5"),
        ("2 weeks", "14"),
        ("1 week", "7"),
        ("3周", "21"),
        ("2星期", "14"),
        ("2个星期", "14"),
        ("1 month", "31"),
        ("6 months", "183"),
        ("12 months", "366"),
        ("12months", "366"),
        ("3个月", "92"),
        ("3月", "92"),
        ("1 year", "366"),
        ("8 years", "2922"),
        ("8years", "2922"),
        ("8年", "2922"),
        ("８年", "2922"),
        ("8年前", "2922"),
        ("2 years ago", "731"),
    ],
)
def test_how_long_ago_is_read_with_its_unit_as_days(text, days):
    assert parse_number(text, "days") == Decimal(days)


def test_a_unit_for_how_long_ago_means_nothing_for_another_question():
    from trials.number_input import NotANumber

    with pytest.raises(NotANumber):
        parse_number("8 years", "%")


@pytest.mark.usefixtures("seed_trials")
@pytest.mark.parametrize("text", ["8 years", "8年", "48天", "2 weeks", "3个月"])
def test_a_days_question_accepts_a_number_with_a_unit(text):
    question = Question.objects.get(key="days_since_diagnosis")
    assert Decimal(question.clean_answer(text)) > 0


def within(days: str, count: int, unit: str) -> bool:
    return WindowRule(max_value=Decimal(count), unit=unit).test(parse_number(days, "days"))


def test_twelve_months_typed_meets_a_window_of_at_most_twelve_months_and_one_year():
    assert within("12 months", 12, "months") is True
    assert within("12个月", 1, "years") is True
    assert within("1 year", 12, "months") is True
    assert within("13 months", 12, "months") is False
    assert within("2 years", 1, "years") is False


def test_a_count_of_days_meets_a_window_in_days_on_one_side_only():
    from trials.eligibility import NumberRule

    at_most_365 = NumberRule(max_value=Decimal(365))
    assert at_most_365.test(parse_number("365 days", "days")) is True
    assert at_most_365.test(parse_number("366 days", "days")) is False
    assert at_most_365.test(parse_number("52 weeks", "days")) is True
    assert at_most_365.test(parse_number("53 weeks", "days")) is False


@pytest.mark.usefixtures("seed_trials")
@pytest.mark.parametrize(
    "stored, english, chinese",
    [
        ("2922", "about 8 years", "约8年"),
        ("366", "about 1 year", "约1年"),
        ("183", "about 6 months", "约6个月"),
        ("31", "about 1 month", "约1个月"),
        ("3142", "3142 days (about 9 years)", "3142天（约9年）"),
        ("48", "48 days", "48天"),
        ("14", "2 weeks", "2周"),
        ("100", "100 days", "100天"),
    ],
)
def test_how_long_ago_reads_back_in_plain_words(stored, english, chinese):
    question = Question.objects.get(key="days_since_diagnosis")
    with translation.override("en"):
        assert question.display_answer(stored) == english
    with translation.override("zh-hans"):
        assert question.display_answer(stored) == chinese
