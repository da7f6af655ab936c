"""Windows and durations in wordings the last held-out split showed: "within least 4 weeks" (a typo), being free of
something "for 6 months prior", an interval between two past events, and lengths that define an illness rather than
bound it. Issue 20, fourth round; the wordings are written for these tests, each read on both sides of its boundary."""

from .extraction_readings import D, found


def windows(text, kind="exclusion"):
    return [(p.upper, p.upper_inclusive, p.unit) for p in found(text, kind, "window")]


def durations(text, kind="inclusion"):
    return [(p.lower, p.lower_inclusive, p.unit) for p in found(text, kind, "duration")]


def test_within_least_n_weeks_is_a_window_as_within_n_weeks():
    assert windows("systemic corticosteroids within least 2 weeks") == [(D(2), True, "weeks")]
    assert windows("systemic corticosteroids within 2 weeks") == [(D(2), True, "weeks")]


def test_unchanged_medication_within_least_n_weeks_is_a_duration():
    assert durations("medication unchanged within least 6 weeks") == [(D(6), True, "weeks")]


def test_a_smoking_history_of_at_least_n_years_is_a_duration():
    assert durations("Subject has a smoking history of at least 15 years.") == [(D(15), True, "years")]
    assert durations("Subject has a smoking history of at least 15 pack-years.") == []


def test_no_treatment_for_a_span_before_a_point_is_a_look_back_window():
    assert windows("had no pulmonary rehabilitation for 4 months prior to enrolment", "inclusion") == [
        (D(4), True, "months")
    ]
    assert durations("had no pulmonary rehabilitation for 4 months prior to enrolment") == []


def test_a_stable_treatment_for_a_span_before_a_point_stays_a_duration():
    assert durations("stable dose for 3 months prior to screening") == [(D(3), True, "months")]
    assert windows("stable dose for 3 months prior to screening", "inclusion") == []


def test_an_event_not_resolved_at_least_n_weeks_before_is_a_window():
    assert windows("any infection that has not resolved at least two weeks prior to V1") == [(D(2), True, "weeks")]
    assert durations("any infection that has not resolved at least two weeks prior to V1", "exclusion") == []


def test_an_interval_between_two_past_events_is_no_duration():
    assert durations("辅助治疗结束时间距出现复发间隔≥6 个月") == []
    assert durations("疾病进展距离末次治疗>2周") == []


def test_the_time_since_a_past_event_up_to_the_studys_own_point_is_a_duration():
    assert durations("距末次化疗结束≥3周") == [(D(3), True, "weeks")]
    assert durations("末次放疗结束距随机≥4周") == [(D(4), True, "weeks")]
    assert durations("放疗结束时间距本次治疗的间隔应超过5个月") == [(D(5), False, "months")]


def test_the_months_of_each_year_that_define_chronic_bronchitis_are_no_duration():
    assert (
        durations("Chronic bronchitis: productive cough at least 2 months of the year for at least 3 consecutive years")
        == []
    )


def test_a_rate_over_years_is_no_duration_but_a_daily_dose_for_weeks_is():
    assert durations("FEV1 decline of at least 40 ml/year for 3 consecutive years") == []
    assert durations("mesalamine 2 g/day for at least 6 weeks") == [(D(6), True, "weeks")]


def test_a_symptom_length_in_a_diagnostic_definition_is_no_duration():
    assert durations("cough for at least 4 weeks plus two of the following criteria:") == []
    assert durations("cough for at least 6 weeks") == [(D(6), True, "weeks")]
