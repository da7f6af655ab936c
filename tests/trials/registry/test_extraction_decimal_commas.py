"""Decimals written with a comma ("BMI ≥19,5"), read as decimals, while thousands ("100,000") and lists of numbers
("21, 45") stay as they were. Issue 20, fourth round; the wordings are written for these tests."""

from .extraction_readings import D, named, quotes_are_exact


def test_a_bmi_range_with_decimal_commas_keeps_its_decimals():
    text = "Inclusion Criteria:\n* BMI ≥19,5 and ≤31,5 kg/m2"
    assert named(text) == [("inclusion", "bmi", D("19.5"), True, D("31.5"), True)]
    assert quotes_are_exact(text)


def test_a_ratio_with_a_decimal_comma_is_the_same_ratio_as_with_a_point():
    assert named("Exclusion Criteria:\n* FEV1/FVC > 0,65") == named("Exclusion Criteria:\n* FEV1/FVC > 0.65")


def test_a_number_with_a_thousands_comma_is_not_read_as_a_decimal():
    # 150,000 per mm³ is 150 × 10⁹/L (the platelets question's unit); a BMI of 1,000 is no BMI
    assert [v[:3] for v in named("Inclusion Criteria:\n* platelets ≥ 150,000/mm3 and BMI ≤ 1,000")] == [
        ("inclusion", "platelets_10e9_l", 150)
    ]


def test_numbers_listed_with_a_comma_and_a_space_are_not_one_decimal():
    assert named("Inclusion Criteria:\n* BMI of 22, 24 or 26 at screening") == []
