"""Ages in wordings the last held-out split showed: an underscore as the range's dash, a lower end in days beside an
upper end in years, subgroups stating their own ages with no variable named, a participant's age at the time of
diagnosis, and the age of adulthood given as an example. Issue 20, fourth round; the wordings are written for these
tests, each read on both sides of its boundary."""

from .extraction_readings import D, found, named


def bounds(p):
    return (p.lower, p.lower_inclusive, p.upper, p.upper_inclusive)


def test_an_underscore_between_two_ages_is_a_range():
    assert named("Inclusion Criteria:\n* Age 21_64 years old") == [("inclusion", "age", D(21), True, D(64), True)]


def test_an_underscore_inside_a_word_is_no_range():
    assert found("FEV_1 of 2_3 litres") == []


def test_an_age_range_from_days_to_years_bounds_only_the_years():
    [age] = found("Children aged between 14 days and 12 years")
    assert bounds(age) == (None, None, D(12), True)


def test_an_age_range_from_months_to_years_keeps_both_ends_in_years():
    [age] = found("Children aged between 6 months and 5 years")
    assert bounds(age) == (D("0.5"), True, D(5), True)


def test_subgroups_stating_their_own_ages_give_one_age_each_as_stated():
    text = "Inclusion Criteria: * Cohort A (COPD) \\>=50 years and \\<=75 years * Cohort B (Asthma) \\>=21 years and \\<=65 years."
    assert named(text) == [
        ("inclusion", "age", D(50), True, D(75), True),
        ("inclusion", "age", D(21), True, D(65), True),
    ]


def test_a_second_bound_in_years_after_a_persons_age_is_the_same_age():
    [age] = found("Subjects >=35 years and <=60 years")
    assert bounds(age) == (D(35), True, D(60), True)


def test_a_second_number_in_years_after_an_age_that_bounds_something_else_is_not_the_age():
    assert [bounds(p) for p in found("Subjects >=35 years and smoking history for 5 years", variable="age")] == [
        (D(35), True, None, None)
    ]


def test_a_participants_age_at_the_time_of_diagnosis_is_their_age():
    [age] = found("Patients must be >21 years old at time of diagnosis")
    assert bounds(age) == (D(21), False, None, None)


def test_an_age_at_diagnosis_of_someone_not_named_as_the_participant_is_no_age():
    assert found("Mothers: less than 30 years old at the time of diagnosis", variable="age") == []
    assert found("less than 40 years old at diagnosis", variable="age") == []


def test_the_age_of_adulthood_given_as_an_example_is_the_age_asked_for():
    [age] = found("受试者根据当地法规被视为成人(例如在美国,年龄为≥19岁)")
    assert bounds(age) == (D(19), True, None, None)
    [age] = found("Considered an adult according to local regulation (e.g. aged ≥ 20 years in Japan)")
    assert bounds(age) == (D(20), True, None, None)


def test_a_number_given_as_an_example_of_something_else_stays_no_bound():
    assert found("concomitant medication, e.g. BMI > 45 lowering drugs", variable="bmi") == []


def test_bmi_units_spelt_out_with_kilograms_per_squared_metre_are_bmi_units():
    [bmi] = found("BMI within the range 20 to 31 kilogram(kg)/m^2 (inclusive)")
    assert bounds(bmi) == (D(20), True, D(31), True)
    [bmi] = found("Body mass index (BMI) of 19 to 35 kilograms per squared meters (kg/m\\^2)")
    assert bounds(bmi) == (D(19), True, D(35), True)


def test_a_weight_in_kilograms_is_still_no_bmi():
    assert found("BMI and body weight of 45 to 90 kilograms", variable="bmi") == []
