"""What people type, read as the number they mean; what cannot be read, refused politely."""

import time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from trials.models import Question
from trials.number_input import AmbiguousNumber, NotANumber, parse_number, readings


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
        ("1 000", "m", "1000"),
        ("1\u00a0000 m", "m", "1000"),
        ("12 500,5", "", "12500.5"),
        ("1,000", "m", "1000"),
        ("10,000", "m", "10000"),
        ("1,000,000", "", "1000000"),
        ("1,234.5", "", "1234.5"),
        ("0,500", "ratio", "0.5"),
        ("-5", "", "-5"),
        ("\u22125", "", "-5"),
        ("-0", "", "0"),
        # the units shown beside the sixth round's boxes, typed after the number as a report or a monitor prints them
        ("72次/分", "bpm", "72"),
        ("72 bpm", "bpm", "72"),
        ("300个/µL", "cells/uL", "300"),
        ("300/\u03bcl", "cells/uL", "300"),
        ("300 cells/µL", "cells/uL", "300"),
        ("62公斤", "kg", "62"),
        ("62 kg", "kg", "62"),
        ("每天10支", "cigarettes/day", "10"),
        ("10 cigarettes", "cigarettes/day", "10"),
        ("30包年", "pack-years", "30"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_numbers_as_people_type_them(text, unit, number):
    assert parse_number(text, unit) == Decimal(number)


@pytest.mark.parametrize(
    "text", ["", "abc", "--5", "1e3", "1,00,000", "1 00", "12 5000", "nan", "Infinity", "6 8", "1.2.3", "68 m", "350 %"]
)
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


@pytest.mark.parametrize(
    "text, unit, both",
    [("1,500", "m", ["1.5", "1500"]), ("2,250", "", ["2.25", "2250"]), ("1,050", "m", ["1.05", "1050"])],
)
def test_a_comma_before_three_digits_reads_two_ways(text, unit, both):
    assert readings(text, unit) == [Decimal(n) for n in both]
    with pytest.raises(AmbiguousNumber):
        parse_number(text, unit)


def walk_question(**fields):
    return Question(key="sixmwd_m", kind="number", unit="m", min_value=0, max_value=1000, short_label="walk", **fields)


@pytest.mark.parametrize(
    "typed, stored",
    [("1,000", "1000"), ("1 000", "1000"), ("1 000 m", "1000"), ("350", "350"), ("350,5", "350.5")],
)
def test_a_walk_typed_with_a_thousands_separator_is_one_thousand(typed, stored):
    assert walk_question().clean_answer(typed) == stored


def test_a_walk_that_reads_two_ways_is_asked_back_not_guessed():
    with pytest.raises(ValidationError) as error:
        walk_question().clean_answer("1,500")
    assert error.value.code == "ambiguous"
    assert "“1,500” could mean 1.5 m or 1500 m. Type it again without the comma: 1.5 or 1500." in error.value.messages


def test_a_whole_number_question_takes_the_only_whole_reading():
    count = Question(key="count", kind="number", unit="times", whole_number=True, min_value=0, max_value=5000)
    assert count.clean_answer("1,500") == "1500"


@pytest.mark.parametrize("typed", ["-5", "-0.5", "\u22121", "- 3", "1001"])
def test_a_value_below_or_above_the_range_is_told_the_range_either_way(typed):
    with pytest.raises(ValidationError, match="Enter a value from 0 m to 1000 m."):
        walk_question().clean_answer(typed)


@pytest.mark.parametrize("typed", ["-5", "\u22121"])
def test_a_negative_value_without_a_range_must_be_0_or_more(typed):
    with pytest.raises(ValidationError, match="The value must be 0 or more."):
        Question(key="sixmwd_m", kind="number", unit="m", min_value=0, short_label="walk").clean_answer(typed)


def weight_question():
    return Question(key="body_weight_kg", kind="number", unit="kg", min_value=1, max_value=400, short_label="weight")


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("124斤", "62"),  # 1 斤 is half a kilogram
        ("124 斤", "62"),
        ("１２５斤", "62.5"),
        ("136 lb", "61.7"),  # a pound is 0.45359237 kg, kept to 0.1 kg
        ("136 lbs", "61.7"),
        ("136 pounds", "61.7"),
        ("136 LB", "61.7"),
        ("136磅", "61.7"),
        ("62公斤", "62"),  # 公斤 is a kilogram, not 公 and a 斤
        ("62", "62"),
    ],
)
def test_a_weight_typed_in_jin_or_pounds_is_kept_in_kilograms(typed, stored):
    assert weight_question().clean_answer(typed) == stored


@pytest.mark.parametrize("typed", ["1000斤", "1000 lb", "1斤"])
def test_a_weight_in_jin_or_pounds_outside_what_people_weigh_is_refused_politely(typed):
    with pytest.raises(ValidationError, match="Enter a value from 1 kg to 400 kg."):
        weight_question().clean_answer(typed)


def test_pounds_or_jin_are_read_only_for_a_weight():
    with pytest.raises(NotANumber):
        parse_number("124斤", "m")
    with pytest.raises(NotANumber):
        parse_number("136 lb", "")


def eosinophils_question():
    return Question(
        key="eosinophils_per_ul", kind="number", unit="cells/uL", whole_number=True, min_value=0, max_value=5000
    )


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("0.3", "300"),  # as many reports print it, in × 10⁹/L: nobody has 0.3 cells per µL
        ("0.15", "150"),
        ("0,3", "300"),
        ("0.3 ×10^9/L", "300"),
        ("0.3×10⁹/L", "300"),
        ("0.3 x10⁹/L", "300"),
        ("0.3 x 10^9/l", "300"),
        ("0.3 10^9/L", "300"),
        ("0.3 G/L", "300"),
        ("0.34 ×10⁹/L", "340"),
        ("1.2", "1200"),
        ("4.99", "4990"),
        ("0", "0"),
        ("5", "5"),  # from 5 on, a count per µL as the question asks
        ("300", "300"),
        ("300个/µL", "300"),
        ("1,500", "1500"),  # 1.5 × 10⁹/L or 1500 per µL: the same count
    ],
)
def test_an_eosinophil_count_typed_as_the_report_prints_it_in_10_9_per_litre_is_kept_per_microlitre(typed, stored):
    assert eosinophils_question().clean_answer(typed) == stored


def test_an_eosinophil_count_in_10_9_per_litre_beyond_what_blood_holds_is_refused_politely():
    with pytest.raises(ValidationError, match="Enter a value from 0 cells/µL to 5000 cells/µL"):
        eosinophils_question().clean_answer("6 ×10^9/L")


def test_a_heart_rate_typed_as_the_monitor_shows_it_is_kept_in_beats_a_minute():
    pulse = Question(key="heart_rate_bpm", kind="number", unit="bpm", min_value=20, max_value=250)
    assert pulse.clean_answer("72次/分") == "72"
    assert pulse.clean_answer("７２ bpm") == "72"


@pytest.mark.parametrize("words", ["one ", "sixty ", "a hundred and ", "two-"])
def test_100_kb_of_number_words_is_refused_in_linear_time(words):
    # a number up to 999 takes at most five words, so a longer run is never tried word by word (it was: 100 kB of
    # "one one …" took about a minute, each shorter run tried again from its start)
    text = (words * 100_000)[:100_000]
    started = time.perf_counter()
    with pytest.raises(NotANumber):
        readings(text, "times")
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize(
    "text, number", [("two hundred and fifty eight", 258), ("nine hundred ninety-nine", 999), ("a hundred", 100)]
)
def test_the_longest_numbers_in_english_words_are_still_read(text, number):
    assert readings(text, "m") == [Decimal(number)]


def haemoglobin_question():
    return Question(key="haemoglobin_g_l", kind="number", unit="g/L", whole_number=False, min_value=30, max_value=250)


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("13.5 g/dL", "135"),  # walkthrough 13: typed from the report, refused with "Enter a number, like 130."
        ("13.5g/dl", "135"),
        ("13.5 克/分升", "135"),
        ("135 g/L", "135"),  # the question's own unit, either way it is written
        ("135克/升", "135"),
        ("135", "135"),
    ],
)
def test_haemoglobin_typed_in_g_dl_is_kept_in_g_l(typed, stored):
    assert haemoglobin_question().clean_answer(typed) == stored


@pytest.mark.parametrize("typed", ["13.5", "30 g/dL"])
def test_haemoglobin_outside_what_people_have_is_refused_with_the_range_whatever_the_unit(typed):
    with pytest.raises(ValidationError, match="Enter a value from 30 g/L to 250 g/L."):
        haemoglobin_question().clean_answer(typed)


def test_g_dl_is_read_only_for_haemoglobin():
    with pytest.raises(NotANumber):
        parse_number("13.5 g/dL", "kg")
