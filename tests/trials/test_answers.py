"""What people type, read as the number they mean; what cannot be read, refused politely."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from trials.answers import NotANumber, parse_number
from trials.models import Question


@pytest.mark.parametrize(
    "text, unit, number",
    [
        ("68", "%", "68"),
        ("68%", "%", "68"),
        ("68 %", "%", "68"),
        (" 68.5 ", "%", "68.5"),
        ("68,5", "%", "68.5"),
        ("350 m", "m", "350"),
        ("350m", "m", "350"),
        ("350 metres", "m", "350"),
        ("0.68", "ratio", "0.68"),
        ("68%", "ratio", "0.68"),
        ("68", "ratio", "0.68"),
        ("0,7", "ratio", "0.7"),
        ("70%", "ratio", "0.7"),
        ("1", "ratio", "1"),
        ("12 h", "h/day", "12"),
        ("68 years", "years", "68"),
        (".5", "", "0.5"),
        ("+3", "times", "3"),
        ("3次", "times", "3"),
    ],
)
def test_numbers_as_people_type_them(text, unit, number):
    assert parse_number(text, unit) == Decimal(number)


@pytest.mark.parametrize("text", ["", "abc", "-5", "1e3", "nan", "Infinity", "6 8", "1.2.3", "68 m", "350 %"])
def test_text_that_is_not_a_plain_number_is_refused(text):
    unit = "%" if text == "68 m" else "m" if text == "350 %" else ""
    with pytest.raises(NotANumber):
        parse_number(text, unit)


def test_a_question_keeps_answers_in_its_plausible_range():
    dlco = Question(key="dlco_pct_pred", kind="number", unit="%", min_value=5, max_value=200)
    assert dlco.clean_answer("68%") == "68"
    assert dlco.clean_answer("5") == "5"
    assert dlco.clean_answer("200") == "200"
    for bad in ("4.9", "200.1", "900"):
        with pytest.raises(ValidationError, match="Enter a value from 5% to 200%"):
            dlco.clean_answer(bad)
    assert dlco.clean_answer(None) is None
