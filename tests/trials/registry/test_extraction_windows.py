"""Look-back windows and durations read the way a careful reader reads them, each on both sides of its boundary
(wordings written for these tests, in English and Chinese)."""

from decimal import Decimal

import pytest

from trials.registry.extraction import Clause, event_question, propose

D = Decimal


def times(text, kind="exclusion"):
    """(variable, lower, lower inclusive, upper, upper inclusive, unit) of each window and duration read."""
    proposals = propose(Clause(kind=kind, text=text, start=0, end=len(text)), text)
    return [
        (p.variable, p.lower, p.lower_inclusive, p.upper, p.upper_inclusive, p.unit)
        for p in proposals
        if p.variable in ("window", "duration")
    ]


def read(text, kind="exclusion"):
    proposals = propose(Clause(kind=kind, text=text, start=0, end=len(text)), text)
    return [p for p in proposals if p.variable in ("window", "duration")]


def window(upper, unit, inclusive=True):
    return ("window", None, None, D(upper), inclusive, unit)


def duration(lower, unit, inclusive=True):
    return ("duration", D(lower), inclusive, None, None, unit)


# Chinese look-backs -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "筛选前6个月有慢性感染史",
        "试验前6个月曾发生过机会性感染",
        "本试验开始前6个月中,受试者曾使用过噻唑烷二酮",
        "在服用研究药物前6个月摄取了任何维生素产品",
    ],
)
def test_a_chinese_look_back_without_nei_is_a_window_when_a_past_event_follows_it(text):
    assert times(text) == [window(6, "months")]


@pytest.mark.parametrize("text", ["基于给药前7天的受试者日记评估症状", "首次给药前1天血清妊娠试验阴性"])
def test_a_chinese_time_before_dosing_that_dates_a_diary_or_a_test_is_not_a_window(text):
    assert times(text) == []


@pytest.mark.parametrize("text", ["在访视1前3个月(12周)内患有心力衰竭", "在参加本试验前3个月之内接受过胰岛素治疗"])
def test_a_chinese_window_closed_by_zhinei_or_with_a_bracket_before_nei_is_read(text):
    assert times(text) == [window(3, "months")]


def test_quitting_smoking_less_than_n_months_ago_is_a_strict_window_in_both_languages():
    assert times("戒烟不足6个月", "inclusion") == [window(6, "months", inclusive=False)]
    assert times("stopped smoking less than 6 months ago", "inclusion") == [window(6, "months", inclusive=False)]
    assert times("戒烟≥6个月", "inclusion") == [duration(6, "months")]


def test_how_recent_a_tests_finding_must_be_is_not_a_window_but_an_event_in_the_same_period_is():
    assert times("筛选前6个月内胸部放射学检查显示活动性结核") == []
    assert times("chest X-ray within 6 months showing active tuberculosis") == []
    assert times("筛选前6个月内发生过心肌梗死") == [window(6, "months")]


# English windows --------------------------------------------------------------------------------------------------


def test_a_bounded_time_from_an_event_is_a_window_inclusive_unless_strict():
    assert times("≤ 4 weeks from major surgery") == [window(4, "weeks")]
    assert times("< 3 months since start of vaginal estrogen treatment") == [window(3, "months", inclusive=False)]
    assert times("less than 2 months post coronary revascularization") == [window(2, "months", inclusive=False)]


def test_a_time_after_menopause_that_defines_childbearing_potential_is_not_a_window():
    assert times("women less than two years after menopause", "inclusion") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MS with a disease duration of less than 1 year", [window(1, "years", inclusive=False)]),
        ("type 1 diabetes for a period less than four months", [window(4, "months", inclusive=False)]),
        ("endotracheal ventilation for < 1 week", [window(1, "weeks", inclusive=False)]),
        ("MS with a disease duration of at least 1 year", [duration(1, "years")]),
        ("type 1 diabetes for at least four months", [duration(4, "months")]),
    ],
)
def test_how_long_something_has_lasted_is_a_strict_window_below_a_bound_and_a_duration_above_it(text, expected):
    assert times(text, "inclusion") == expected


@pytest.mark.parametrize(
    "text",
    [
        "life expectancy within 12 months",
        "desire to become pregnant within 12 months of the study",
        "expected survival of less than 12 months",
    ],
)
def test_a_time_still_to_come_is_never_a_window(text):
    assert times(text) == []


def test_a_past_event_in_the_same_period_is_a_window():
    assert times("hospitalisation within 12 months") == [window(12, "months")]


def test_a_stay_still_to_come_is_not_a_duration_but_a_past_one_is():
    assert times("expected duration of hospitalization of longer than one day", "inclusion") == []
    assert times("symptoms for longer than one day", "inclusion") == [duration(1, "days", inclusive=False)]


def test_one_sentence_bounding_two_events_gives_two_windows_and_a_restating_note_gives_none_more():
    two = "Cutaneous infection within 1 week or any infection treated with oral antibiotics within 1 week"
    assert times(two) == [window(1, "weeks"), window(1, "weeks")]
    restated = "筛选前6周内发生下呼吸道感染。注:6周以内下呼吸道感染病史不能入组"
    assert times(restated) == [window(6, "weeks")]


def test_an_event_named_after_the_next_window_belongs_to_that_window():
    got = read("给药前4周内曾使用任何处方药物,给药前4周内曾接受任何疫苗接种")
    assert [(p.upper, p.unit) for p in got] == [(D(4), "weeks"), (D(4), "weeks")]
    assert got[1].event == "vaccination"
    assert got[0].event != "vaccination"


def test_one_event_in_a_short_period_is_a_window_but_a_count_of_two_or_more_is_neither():
    assert times("筛选前3个月内有≥1次因COPD急性加重的住院史") == [window(3, "months")]
    assert times("At least 2 exacerbations in the past 2 years", "inclusion") == []


# Durations --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Has a 2-year history of seasonal allergic rhinitis", duration(2, "years")),
        ("minimum disease duration of 5 years", duration(5, "years")),
        ("Chronic (3 months' duration) insomnia disorder", duration(3, "months")),
        ("smokes ≥ 5 cigarettes a day for the last 6 months", duration(6, "months")),
        ("defined as 6 consecutive weeks of treatment at an unchanging dose", duration(6, "weeks")),
        ("3 months or greater postpartum", duration(3, "months")),
        ("chronic (> 10 days) indwelling catheters", duration(10, "days", inclusive=False)),
        ("completed a washout period of 12 weeks or more", duration(12, "weeks")),
        ("low back pain persisting ≥ 3 months", duration(3, "months")),
    ],
)
def test_a_lower_bound_on_how_long_something_has_lasted_is_a_duration_however_it_is_worded(text, expected):
    assert times(text, "inclusion") == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "disease duration of 5 years",  # an exact length, no bound
        "Pregnant (> 20 weeks)",  # gestation, not a time since an event
        "(e.g., 1 pack/day for 10 years)",  # how pack-years are counted
        "末次给药后至少90天内采取避孕措施",  # after the study's last dose: a time still to come
        "手术与随机化之间不能超过26周",  # an upper bound
    ],
)
def test_a_length_that_is_no_lower_bound_on_a_past_time_is_not_a_duration(text):
    assert [t for t in times(text, "inclusion") if t[0] == "duration"] == []


def test_a_range_of_time_since_an_event_gives_a_duration_and_a_window():
    assert sorted(times("3 months to 5 years post-stroke onset", "inclusion")) == [
        duration(3, "months"),
        window(5, "years"),
    ]
    assert sorted(times("completed chemotherapy 6 months-5 years ago", "inclusion")) == [
        duration(6, "months"),
        window(5, "years"),
    ]


def test_a_range_after_the_studys_own_dose_is_a_time_still_to_come():
    assert times("a visit 2 to 4 weeks after the last dose", "inclusion") == []


def test_stable_over_a_look_back_period_is_a_duration_but_no_change_in_it_is_a_window():
    assert times("Stable maintenance therapy with constant dose interval during the last 2 months", "inclusion") == [
        duration(2, "months")
    ]
    assert times("stable (no medication changes in past 6 weeks)", "inclusion") == [window(6, "weeks")]
    assert times("Clinically stable respiratory disease within 3 weeks before Day 1", "inclusion") == [
        window(3, "weeks")
    ]


# Each proposal's event reaches the question a patient answers, and never a wrong one ------------------------------


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("at least 6 months post-onset of stroke", "days_since_stroke"),
        ("myocardial infarction at least 12 months before entering the study", "days_since_heart_attack"),
        ("surgery at least 3 months prior to screening", "days_since_surgery"),
        ("on a stable dose for at least 8 weeks", "days_on_current_treatment"),
    ],
)
def test_a_durations_event_maps_to_its_days_since_question(text, question):
    (got,) = read(text, "inclusion")
    assert event_question(got.event, "duration") == question


def test_time_since_treatment_ended_is_never_asked_as_time_on_current_treatment():
    got = read("completed active treatment (e.g., chemotherapy, surgery) 6 months-5 years ago", "inclusion")
    assert {p.variable for p in got} == {"duration", "window"}
    assert all(p.event == "end of treatment" for p in got)
    assert event_question("end of treatment", "duration") is None
    assert event_question("end of treatment") is None


# Periods that are not look-backs to an event -----------------------------------------------------------------------


def test_a_time_before_any_named_point_is_a_window_but_a_period_around_a_date_is_not():
    assert times("N-acetyl cysteine 7 days prior to CC") == [window(7, "days")]
    assert times("a pregnancy marker during the 90 days before or after the index date") == []


def test_when_a_value_was_measured_is_not_a_window():
    assert times("HbA1c value less than or equal to 12 weeks prior to initiation", "inclusion") == []
    assert times("Circulating blast count ≤ 200/μL within 10 days", "inclusion") == []
    assert times("Use of antibiotics within 10 days") == [window(10, "days")]


@pytest.mark.parametrize(
    "text",
    [
        "more than 3 episodes of anaphylaxis within the past year",
        "一周内出现≥3次症状性低血糖",
        "一周内检测到至少3次血糖值<3.0 mmol/L",
    ],
)
def test_a_count_of_two_or_more_over_a_year_or_a_bare_period_is_not_a_window(text):
    assert times(text) == []


def test_a_count_of_two_or_more_counted_back_over_another_period_than_a_year_is_a_window():
    # the guideline: a count over 12 months is the count's own period, "over 3 months it is just a window" (dev 657,
    # clinicaltrials.cn-8991 and -8790 annotate it so)
    assert times("≥ 2 courses of oral corticosteroids in the past 6 months") == [window(6, "months")]


@pytest.mark.parametrize(
    "text",
    [
        "an episode of anaphylaxis within the past year",
        "at least 1 course of oral corticosteroids in the past 6 months",
    ],
)
def test_one_event_over_a_period_is_a_window(text):
    assert len(times(text)) == 1 and times(text)[0][0] == "window"


def test_days_per_month_over_a_period_is_a_rate_not_a_duration():
    assert times("pelvic pain present for ≥ 14 days/month over the 2 months prior", "inclusion") == []
    assert times("pelvic pain present for ≥ 14 days", "inclusion") == [duration(14, "days")]


def test_not_having_something_for_a_period_before_and_during_the_study_is_a_window():
    assert times("Receiving massage therapy for 30 days prior to and during the study") == [window(30, "days")]
    assert times("Receiving a stable dose for 30 days prior to screening", "inclusion") == [duration(30, "days")]


@pytest.mark.parametrize(
    "text",
    [
        "女性受试者(在试验前2周至试验结束后3个月内)不愿意采取避孕措施",  # a span reaching past the study
        "或首次给药前12个月内有生育计划的受试者",  # a plan
        "伴发有恶性肿瘤病史(最近5年中未复发的恶性肿瘤除外)",  # an exception
        "注:不包括在筛选访视前6至12个月内已切除的基底细胞癌",  # an exception
        "ALT≥3倍ULN[根据访视1前4周内的当地实验室检查结果判断]",  # when a lab test was done
        "肿瘤组织样本需为随机前12个月内存档样本",  # how old a sample is
        "从筛选到最后一次使用研究药物后至少1个月内无妊娠计划",  # after the study's last dose
    ],
)
def test_chinese_periods_that_are_no_look_back_to_a_patients_event_give_nothing(text):
    assert times(text) == []


def test_chinese_look_backs_next_to_those_wordings_are_still_windows():
    assert times("试验前90天内接受过大手术或者计划在试验结束后3个月内接受手术") == [window(90, "days")]
    assert times("筛选前4周至随机期间使用过全身激素") == [window(4, "weeks")]
    assert times("筛选前5年内诊断出恶性肿瘤") == [window(5, "years")]


def test_a_worked_pack_year_example_is_not_a_duration_but_a_diagnosis_for_at_least_a_year_is():
    assert times("吸烟年数,如每天1包20支连续10年", "inclusion") == []
    assert times("诊断为支气管哮喘至少1年", "inclusion") == [duration(1, "years")]


def test_a_duration_since_an_event_with_a_days_since_question_is_asked_with_it():
    (got,) = read("no exacerbation requiring oral steroids for at least 3 months", "inclusion")
    assert event_question(got.event, "duration") == "days_since_exacerbation"
    (quit,) = read("has not smoked for ≥ 6 months", "inclusion")
    assert event_question(quit.event, "duration") == "days_since_quit_smoking"
    assert event_question("romantic partner", "duration") is None


def test_the_period_an_average_is_taken_over_is_not_a_window():
    assert times("Average pain intensity over the past week > 4 on the NPRS", "inclusion") == []
    assert times("Acute low back pain episode over the past week", "inclusion") == [window(1, "weeks")]


def test_a_commitment_still_to_come_is_not_a_duration_but_a_past_one_is():
    assert times("Committed to assist weekly for 6 months", "inclusion") == []
    assert times("Assisted weekly group sessions for at least 6 months", "inclusion") == [duration(6, "months")]


def test_a_window_given_as_half_lives_or_days_is_read_in_days_either_way_round():
    text = "received an investigational drug within 5 half-lives or 30 days, whichever is longer"
    assert times(text) == [window(30, "days")]
    assert times("received an investigational drug within 30 days or 5 half-lives") == [window(30, "days")]


@pytest.mark.parametrize(
    ("text", "expected"), [("距末次化疗结束≥4周", duration(4, "weeks")), ("放疗结束至少2周以上", duration(2, "weeks"))]
)
def test_time_since_chinese_treatment_ended_is_a_duration_asked_with_no_treatment_question(text, expected):
    (got,) = read(text, "inclusion")
    assert times(text, "inclusion") == [expected]
    assert got.event == "end of treatment" and event_question(got.event, "duration") is None


def test_a_chinese_period_that_starts_after_the_study_begins_is_not_a_window():
    assert times("在研究治疗开始之后最初12周内不允许使用生物制剂") == []


@pytest.mark.parametrize(
    "text",
    ["cancer treatment completed > 6 months prior to enrollment", "completed chemotherapy at least 6 months before"],
)
def test_time_since_treatment_was_completed_is_never_asked_as_time_on_treatment(text):
    (got,) = read(text, "inclusion")
    assert got.event == "end of treatment"
    assert event_question(got.event, "duration") is None


# Wordings met in the named-variables round's new dev texts ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acute infectious diseases within nearly 3 months", window(3, "months")),
        ("No current or past year Axis I psychiatric disorder", window(1, "years")),
        ("past-month cocaine use", window(1, "months")),
    ],
)
def test_a_look_back_said_approximately_or_as_an_adjective_is_a_window(text, expected):
    assert times(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Current remission period exceeding 2 months", duration(2, "months", inclusive=False)),
        ("watery diarrhea > 7 days", duration(7, "days", inclusive=False)),
        ("at least 6 months post-extraction", duration(6, "months")),
        (">1 year post-implantation", duration(1, "years", inclusive=False)),
    ],
)
def test_a_lower_bound_on_time_since_a_named_past_event_is_a_duration(text, expected):
    assert times(text, "inclusion") == [expected]


def test_a_time_after_the_studys_own_dose_is_no_duration():
    assert times("blood samples at least 2 weeks post-dose", "inclusion") == []


@pytest.mark.parametrize(
    "text",
    [
        "surgery scheduled for within 4 days of physiological term",
        "Due to stop apixaban during study period (i.e. within 4 weeks of recruitment)",
        "in the beginning of follicular phase (1-14 days after start of menstruation)",
        "允许因间歇性疾病接受短期胰岛素治疗(在筛选前3个月内)",
        "ALT测试可以在首次测试1周内重复一次",
    ],
)
def test_a_schedule_a_cycle_day_an_allowance_or_a_retest_is_not_a_window(text):
    assert times(text) == []


def test_what_is_not_allowed_within_a_look_back_is_still_a_window():
    assert times("访视1前12个月内及整个研究期间不允许进行支气管热成形术") == [window(12, "months")]


def test_the_very_same_window_repeated_in_one_run_on_line_is_one_rule():
    text = "hospitalisation within 4 weeks, " * 3
    assert times(text) == [window(4, "weeks")]


def test_a_chinese_windows_event_is_what_follows_it_not_the_point_it_counts_back_from():
    (got,) = read("首次给药前14天内使用过任何药物")
    assert got.event == "treatment"
    (alone,) = read("首次给药前30天内")
    assert alone.event == "首次给药"  # nothing else is named: the words are kept for the admin
    (quit,) = read("停止吸烟至少6个月", "inclusion")
    assert event_question(quit.event, "duration") == "days_since_quit_smoking"


def test_quitting_is_asked_how_long_ago_but_a_cessation_medicine_is_not_quitting():
    (quit,) = read("stopped smoking less than 6 months ago", "inclusion")
    assert event_question(quit.event) == "days_since_quit_smoking"
    (medicine,) = read("use of smoking cessation medication within 30 days")
    assert event_question(medicine.event) is None
