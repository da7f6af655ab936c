"""Durations (a lower bound on the time since something began, stopped or was last changed) read the way a careful
reader reads them, each rule on both sides of its boundary, with wordings written for these tests (other numbers
and words than the evaluation records), in English and Chinese. Windows, future periods and test timings stay
apart from them."""

from decimal import Decimal

import pytest

from trials.registry.extraction import Clause, event_question, propose

D = Decimal


def times(text, kind="inclusion"):
    """(variable, lower, lower inclusive, upper, upper inclusive, unit) of each window and duration read."""
    return [(p.variable, p.lower, p.lower_inclusive, p.upper, p.upper_inclusive, p.unit) for p in read(text, kind)]


def read(text, kind="inclusion"):
    proposals = propose(Clause(kind=kind, text=text, start=0, end=len(text)), text)
    return [p for p in proposals if p.variable in ("window", "duration")]


def window(upper, unit, inclusive=True):
    return ("window", None, None, D(upper), inclusive, unit)


def duration(lower, unit, inclusive=True):
    return ("duration", D(lower), inclusive, None, None, unit)


# What a length of time is of, when no event is named: experience, residence, a stay, a remission, an onset ---------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Registered nurses with at least two years of clinical experience", duration(2, "years")),
        ("Runners with more than 6 months of regular training", duration(6, "months", inclusive=False)),
        ("Have lived in the district at least nine months", duration(9, "months")),
        ("Stayed in the intensive care unit more than 5 days", duration(5, "days", inclusive=False)),
        ("Hospitalised ≥ 2 days before the visit", duration(2, "days")),
        ("Remission of ulcerative colitis for ≥ 10 weeks", duration(10, "weeks")),
        ("> 6 consecutive months of seizure freedom", duration(6, "months", inclusive=False)),
        ("At least 5 weeks of clinical onset of venous ulcers", duration(5, "weeks")),
        ("至少2年的临床工作经验", duration(2, "years")),
        ("从事护理工作满3年", duration(3, "years")),
        ("在本市居住≥12个月", duration(12, "months")),
        ("重症监护病房住院超过5天", duration(5, "days", inclusive=False)),
        ("病情缓解≥8周", duration(8, "weeks")),
    ],
)
def test_a_minimum_length_of_experience_residence_a_stay_or_a_remission_is_a_duration(text, expected):
    assert times(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Registered nurses with clinical experience in wound care",
        "Lives in the district with a carer",
        "Stayed in the intensive care unit during the first wave",
        "在本市居住的常住人口",
        "有临床工作经验",
    ],
)
def test_experience_or_residence_without_a_length_of_time_is_no_duration(text):
    assert times(text) == []


def test_a_length_of_experience_is_asked_by_no_question_so_the_study_team_checks_it():
    [proposal] = read("Registered nurses with at least two years of clinical experience")
    assert proposal.event == "experience or practice"
    assert event_question(proposal.event, "duration") is None


def test_a_time_since_onset_is_asked_as_how_long_symptoms_have_lasted_but_an_onset_of_stroke_stays_a_stroke():
    [onset] = read("At least 5 weeks of clinical onset of venous ulcers")
    assert event_question(onset.event, "duration") == "days_with_symptoms"
    [stroke] = read("At least 4 months post-onset of stroke")
    assert event_question(stroke.event, "duration") == "days_since_stroke"


# "N or more units", "at minimum" -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Smoking for 7 or more years", [duration(7, "years")]),
        ("Episodes of wheeze lasting 4 or longer weeks", [duration(4, "weeks")]),
        ("Continuous insurance coverage for at minimum 9 months prior to the index date", [duration(9, "months")]),
        ("Smoking for 7 years", [duration(7, "years")]),
        ("Smoking 7 or more cigarettes a day", []),
    ],
)
def test_or_more_between_the_number_and_its_unit_and_at_minimum_before_it_read_as_lower_bounds(text, expected):
    assert times(text) == expected


# Since, after, not before ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 8 months since the last flare of gout", duration(8, "months")),
        ("More than 5 weeks since the previous hospital admission", duration(5, "weeks", inclusive=False)),
        ("At least 2 months after oral steroid intake", duration(2, "months")),
        ("At least 6 weeks after the last dose of prior chemotherapy", duration(6, "weeks")),
        ("Not before 5 weeks after an acute myocardial infarction", duration(5, "weeks")),
        ("No earlier than 10 days after the stroke", duration(10, "days")),
        ("心肌梗死后不早于6周", duration(6, "weeks")),
    ],
)
def test_a_comparison_then_since_or_after_a_past_event_is_a_duration(text, expected):
    assert times(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "At least 45 days after the last dose",
        "At least 45 days after the last dose of study medication",
        "More than 3 weeks after randomisation",
        "At least 6 months after the end of the study",
        "At least 2 weeks after the walk",  # no past event the tables name
    ],
)
def test_a_time_after_the_studys_own_points_or_after_something_unnamed_is_no_duration(text):
    assert [t for t in times(text) if t[0] == "duration"] == []


# Washouts before the study's start --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "taking fish oil (unless they agree to discontinue it 3 weeks or more before the start of the study)",
            "exclusion",
        ),
        ("Discontinued montelukast 10 days before randomisation", "inclusion"),
        ("Former smokers who stopped 18 months prior to screening", "inclusion"),
    ],
)
def test_stopping_something_a_span_before_the_study_starts_is_a_washout_duration_not_a_window(text, kind):
    [(variable, lower, inclusive, *_rest)] = times(text, kind)
    assert variable == "duration" and inclusive is True
    assert lower in (D(3), D(10), D(18))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Took montelukast 10 days before randomisation", [window(10, "days")]),  # no stopping: a look-back
        ("Discontinued montelukast within 10 days before randomisation", [window(10, "days")]),
        ("首次给药前5天停用抗组胺药", [duration(5, "days")]),
        ("该药物已在入组3周前停止使用", [duration(3, "weeks")]),
        ("首次给药前5天内停用抗组胺药", [window(5, "days")]),  # stopped within the last 5 days: a look-back
    ],
)
def test_a_washout_needs_a_stop_and_a_span_counted_back_from_the_start_in_both_languages(text, expected):
    assert times(text, "exclusion") == expected


# Minimum and maximum duration of an illness ------------------------------------------------------------------------


def test_a_minimum_and_a_maximum_duration_of_symptoms_are_a_duration_and_a_window():
    text = "Minimum duration of low back pain of 4 weeks and maximum duration of 10 weeks"
    assert sorted(times(text)) == sorted([duration(4, "weeks"), window(10, "weeks")])


def test_a_maximum_duration_of_the_treatment_is_no_window():
    assert times("Maximum duration of treatment of 16 weeks") == []


# Plans and commitments are periods still to come -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Planning to remain in the catchment area for at least 18 months",
        "Intends to stay with the same clinic for more than 1 year",
        "Continue in the registry for at least 3 years",
        "Able to maintain 5 sessions per week, for a period of 20 weeks",
        "计划在本地居住至少2年",
        "愿意在研究期间居住在本地至少9个月",
    ],
)
def test_a_plan_or_a_commitment_for_a_period_is_never_a_duration(text):
    assert times(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Must remain on a stable dose for 6 weeks prior to randomisation", duration(6, "weeks")),
        ("Patients who continue to smoke for at least 2 years", duration(2, "years")),
        ("稳定剂量治疗至少6周", duration(6, "weeks")),
    ],
)
def test_a_past_course_counted_back_from_a_point_stays_a_duration_even_with_remain_or_continue(text, expected):
    assert times(text) == [expected]


# How often a symptom recurs (a chronic condition's definition) is no duration -----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Chronic bronchitis: productive cough on most days for 4 months of the year for at least 3 consecutive years",
        "Chronic bronchitis, defined as sputum production every day for at least 4 months",
        "慢性支气管炎定义为每年咳嗽咳痰4个月以上,连续3年以上",
    ],
)
def test_months_within_a_year_and_a_daily_habit_in_a_definition_are_no_duration(text):
    assert times(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Productive cough for at least 4 months", duration(4, "months")),
        ("Smokes every day for at least 3 years", duration(3, "years")),
        ("咳嗽咳痰4个月以上", duration(4, "months")),
    ],
)
def test_a_symptom_or_a_habit_that_has_lasted_a_span_stays_a_duration(text, expected):
    assert times(text) == [expected]


def test_a_chinese_look_back_before_a_comma_leaves_the_duration_after_it():
    assert times("近一年内确诊慢阻肺,病程≥3年") == [window(1, "years"), duration(3, "years")]


# From a past event, a history of, between a past event and the study's start -------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("More than 4 days from time of stem cell engraftment", duration(4, "days", inclusive=False)),
        ("At least 5 weeks from last dose of prior chemotherapy", duration(5, "weeks")),
        ("A smoking history of at least 15 years", duration(15, "years")),
        ("History of ≥ 9 months of chronic rhinosinusitis", duration(9, "months")),
        ("At least 3 weeks between prior radiotherapy and the first dose of study drug", duration(3, "weeks")),
        ("从末次化疗到随机至少间隔3周", duration(3, "weeks")),
        ("自最后一次放疗至入组不少于间隔4周", duration(4, "weeks")),
    ],
)
def test_a_bound_on_the_time_from_a_past_event_or_between_it_and_the_studys_start_is_a_duration(text, expected):
    assert times(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "At least 5 weeks from the first dose of study drug",
        "A smoking history of at least 15 pack-years",
        "At least 3 weeks between the two study visits",
        "从手术到化疗开始至少间隔3周",  # between two past events, neither the study's start
        "从末次化疗到随机间隔3周",  # no bound stated
    ],
)
def test_a_time_from_the_studys_own_dose_or_between_two_other_events_is_no_duration(text):
    assert [t for t in times(text) if t[0] == "duration"] == []


# Abilities, availability and test timings are no durations -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Able to comply with the visit schedule for at least 18 months",
        "Available for telephone contact for at least 2 years",
        "Be able to attend the clinic for 30 weeks",
        "Spirometry performed at least 6 weeks after the exacerbation",
        "FEV1 measured more than 5 weeks after any respiratory infection",
        "能够坚持规律治疗至少9个月",
    ],
)
def test_an_ability_a_commitment_or_when_a_test_is_done_is_never_a_duration(text):
    assert [t for t in times(text) if t[0] == "duration"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bullectomy performed ≥ 2 years prior to screening", duration(2, "years")),
        ("Randomised at least 3 weeks after surgery", duration(3, "weeks")),
        ("已坚持规律治疗至少9个月", duration(9, "months")),
    ],
)
def test_a_past_procedure_or_a_course_already_kept_up_stays_a_duration(text, expected):
    assert times(text) == [expected]


# A Chinese history (…史), an event named right before a comparison, drinking, dialysis, "N years of <doing>" ------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("既往吸烟史≥15年", duration(15, "years")),
        ("HIV感染≥9个月", duration(9, "months")),
        ("戒酒至少8个月", duration(8, "months")),
        ("Abstinent from alcohol for at least 8 months", duration(8, "months")),
        ("规律透析≥5个月", duration(5, "months")),
        ("On haemodialysis ≥ 5 months", duration(5, "months")),
        ("在当前单位工作2年以上", duration(2, "years")),
        ("Current smokers with ≥ 15 years of smoking", duration(15, "years")),
    ],
)
def test_what_has_lasted_is_read_from_a_history_an_event_before_the_bound_or_an_activity_after_it(text, expected):
    assert times(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("既往吸烟史≥15包年", []),  # pack-years, not a time
        ("HIV感染,CD4≥200个/μl", []),
        ("近3个月内急性加重≥2次", []),  # a count in a period (no 12 months: no count variable either)
        ("At least 15 weeks of dosing with study drug", []),  # the study's own course
    ],
)
def test_a_history_in_pack_years_a_lab_value_a_count_or_the_studys_own_course_is_no_duration(text, expected):
    assert [t for t in times(text) if t[0] == "duration"] == expected


# People then years is an age; stopping the study's own drug is no washout ------------------------------------------


@pytest.mark.parametrize("text", ["Living kidney donors ≥ 21 years", "Residents of care homes ≥ 70 years"])
def test_people_then_a_number_of_years_is_an_age_not_a_length_of_residence(text):
    assert [t for t in times(text) if t[0] == "duration"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Residents of the county for at least 21 years", [duration(21, "years")]),
        ("Lived in the county ≥ 21 years", [duration(21, "years")]),
    ],
)
def test_a_long_residence_said_with_for_or_a_verb_stays_a_duration(text, expected):
    assert times(text) == expected


def test_stopping_the_studys_own_drug_before_a_visit_is_no_washout_duration():
    assert [
        t for t in times("Stopped the study medication 3 weeks before visit 3", "exclusion") if t[0] == "duration"
    ] == []


def test_a_remission_inside_what_a_chinese_exclusion_leaves_out_is_no_duration_but_an_allowance_to_enter_is():
    assert times("既往恶性肿瘤;除外原位癌和基底细胞癌且完全缓解期超过8年", "exclusion") == []
    assert times("既往恶性肿瘤;治愈且无疾病生存至少8年可以入选", "exclusion") == [duration(8, "years")]


def test_living_with_an_illness_for_a_span_is_a_duration_of_the_illness_not_a_residence():
    [proposal] = read("Living with HIV for ≥ 4 years")
    assert (proposal.variable, proposal.lower, proposal.unit) == ("duration", D(4), "years")
    assert proposal.event != "residence"
