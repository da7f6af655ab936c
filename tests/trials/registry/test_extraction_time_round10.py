"""Time windows and durations in the wordings the ninth held-out split (s001-s170) and the rest of dev/ read wrong
(issue 20, tenth round): each family read on both sides of its boundary. Every wording here is written for these
tests, with other numbers and words than the records."""

from decimal import Decimal

import pytest

from trials import eligibility
from trials.registry import extraction
from trials.registry.drafting import drafts_for
from trials.registry.extraction import extract
from trials.registry.importing import ensure_questions

from .extraction_readings import found, timed

D = Decimal


def windows(text, kind="exclusion"):
    return [(p.upper, p.upper_inclusive, p.unit) for p in found(text, kind, "window")]


def durations(text, kind="inclusion"):
    return [(p.lower, p.lower_inclusive, p.unit) for p in found(text, kind, "duration")]


# An English washout list: rows under a lead-in saying what is not to have been taken are look-back windows -------


WASHOUT_LEAD = (
    "Inclusion Criteria:\n\n"
    "        Washout fulfilled by not taking any of the drugs listed below for the stated times before Day 1:\n\n"
)


def test_rows_under_a_washout_lead_in_are_look_back_windows_in_the_lead_ins_list():
    text = (
        WASHOUT_LEAD + "        Systemic corticosteroids for 6 weeks;\n\n"
        "        Montelukast (Singulair) for 10\n        days;\n\n"
        "        Long-acting antihistamines for 3 months; and\n\n"
        "        Formoterol (Foradil) for 5 days.\n"
    )
    assert timed(text) == [
        ("inclusion", "window", D(6), "weeks"),
        ("inclusion", "window", D(10), "days"),
        ("inclusion", "window", D(3), "months"),
        ("inclusion", "window", D(5), "days"),
    ]


def test_a_washout_row_with_its_span_after_a_colon_is_a_window_too():
    text = WASHOUT_LEAD + "        Systemic corticosteroids: 6 weeks\n\n        Formoterol: 5 days\n"
    assert timed(text) == [("inclusion", "window", D(6), "weeks"), ("inclusion", "window", D(5), "days")]


def test_rows_under_a_lead_in_that_forbids_drugs_in_an_exclusion_list_are_exclusion_windows():
    text = (
        "Exclusion Criteria:\n\n"
        "        The following medications are not allowed within the periods below before randomisation:\n\n"
        "        Oral corticosteroids for 8 weeks;\n\n"
        "        Biologics for 16 weeks.\n"
    )
    assert timed(text) == [("exclusion", "window", D(8), "weeks"), ("exclusion", "window", D(16), "weeks")]


def test_rows_under_a_lead_in_asking_to_have_been_on_the_drugs_stay_durations():
    text = (
        "Inclusion Criteria:\n\n"
        "        Treated with the drugs listed below for the stated times before Day 1:\n\n"
        "        Inhaled corticosteroids for 6 weeks;\n\n"
        "        Montelukast for 10 days.\n"
    )
    assert timed(text) == [("inclusion", "duration", D(6), "weeks"), ("inclusion", "duration", D(10), "days")]


def steroid_drafts(text):
    questions = ensure_questions()
    return [
        d
        for clause in extraction.split_clauses(text)
        for d in drafts_for(clause, text, questions)
        if d.question_id and d.question.key == "days_since_systemic_steroids"
    ]


def took_steroids_days_ago(criterion, days):
    return eligibility.evaluate_criterion(criterion.to_rule(), {criterion.question.key: days})


@pytest.mark.django_db
def test_a_washout_row_in_the_inclusion_list_drafts_free_of_the_drug_that_long():
    [criterion] = steroid_drafts(
        WASHOUT_LEAD + "        Oral corticosteroids for 6 weeks;\n\n        Formoterol: 5 days\n"
    )
    assert criterion.kind == "inclusion"
    assert took_steroids_days_ago(criterion, 42) is eligibility.Outcome.NOT_MET  # taken 6 weeks ago: too recent
    assert took_steroids_days_ago(criterion, 43) is eligibility.Outcome.MET


@pytest.mark.django_db
def test_a_washout_row_in_the_exclusion_list_drafts_an_exclusion_on_the_same_look_back():
    text = (
        "Exclusion Criteria:\n\n"
        "        The following medications are not allowed within the periods below before randomisation:\n\n"
        "        Oral corticosteroids for 6 weeks;\n\n        Biologics for 16 weeks.\n"
    )
    [criterion] = steroid_drafts(text)
    assert criterion.kind == "exclusion"
    assert took_steroids_days_ago(criterion, 42) is eligibility.Outcome.NOT_MET  # within the look-back: excluded
    assert took_steroids_days_ago(criterion, 43) is eligibility.Outcome.MET


def test_a_paragraph_that_is_no_row_ends_the_washout_list():
    text = (
        WASHOUT_LEAD + "        Systemic corticosteroids for 6 weeks;\n\n"
        "        Agreement to keep a daily symptom diary.\n\n"
        "        Inhaled corticosteroids for 6 weeks.\n"
    )
    assert timed(text) == [("inclusion", "window", D(6), "weeks"), ("inclusion", "duration", D(6), "weeks")]


# Time since menopause inside a definition of who can have children is no criterion ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Inclusion Criteria:\n* A woman of childbearing potential is a sexually mature woman who:\n"
        "  * Has not undergone a hysterectomy; or\n"
        "  * Has not been naturally postmenopausal for at least 18 consecutive months\n",
        "Inclusion Criteria:\n   Postmenopausal is defined as:\n\n"
        "     -  Amenorrheic for 2 years or more following cessation of hormonal treatments,\n\n"
        "     -  Surgical sterilisation\n",
        "Inclusion Criteria:\n- If female and of childbearing potential, uses one of the following means of birth control "
        "during the study: * Post-menopausal for at least three years * Surgically sterile",
        "Inclusion Criteria:\n- Women of childbearing potential (defined as less than 2 years post-menopausal) use "
        "contraception",
        "入选标准：\n1. 育龄期女性须采取避孕措施。对于＜55岁的女性，如果停止外源性激素治疗后已停经24个月或以上，则认为该名女性已绝经。",
    ],
)
def test_time_since_menopause_that_defines_childbearing_potential_is_no_bound(text):
    assert timed(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Inclusion Criteria:\n12. Female patients who:\n\n    * are postmenopausal for at least 2 years before "
            "screening, OR\n    * are surgically sterile\n",
            [("inclusion", "duration", D(2), "years")],
        ),
        (
            "入选标准：\n1. 年龄为50~70周岁（包括边界值）的自然绝经后女性，停经至少24个月以上；",
            [("inclusion", "duration", D(24), "months")],
        ),
    ],
)
def test_time_since_menopause_asked_of_the_participant_stays_a_duration(text, expected):
    assert timed(text) == expected


# Chinese half-lives beside a look-back, in other words for "or" and for the half-lives -----------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("首次给药前3周或者5个半衰期内使用过强效CYP3A诱导剂者", (D(3), True, "weeks")),
        ("给药前14天或5倍消除半衰期内(以较长者为准)使用过P-gp抑制剂者", (D(14), True, "days")),
        ("给药前4周和/或5个药物半衰期内接受过其他研究药物者", (D(4), True, "weeks")),
    ],
)
def test_a_chinese_look_back_beside_half_lives_is_the_stated_span(text, expected):
    assert windows(text) == [expected]


def test_a_chinese_span_beside_something_else_than_half_lives_is_no_window():
    assert windows("给药前3周或者5次透析内使用过强效CYP3A诱导剂者") == []


# "for greater than or equal to N": an inclusive lower bound on time -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Former smokers who have not smoked for greater than or equal to 2 years", (D(2), True, "years")),
        ("Asthma for equal to or more than 9 months", (D(9), True, "months")),
        ("Asthma for greater than 9 months", (D(9), False, "months")),
    ],
)
def test_for_greater_than_or_equal_to_a_span_is_an_inclusive_duration(text, expected):
    assert durations(text) == [expected]


# "at least N following repair": a time since a past procedure --------------------------------------------------


def test_at_least_a_span_following_a_repair_is_a_duration():
    assert durations("Shunt closed at least 3 years following repair") == [(D(3), True, "years")]


def test_at_least_a_span_after_the_end_of_the_study_is_no_duration():
    assert durations("Follow-up visit at least 3 years after the end of the study") == []


# Chinese "病情稳定N周以上": a stable state held that long ----------------------------------------------------------


def test_a_chinese_stable_condition_held_a_span_or_more_is_a_duration():
    assert durations("慢阻肺病情稳定6周以上") == [(D(6), True, "weeks")]


def test_a_chinese_unstable_condition_is_no_duration():
    assert durations("慢阻肺病情不稳定6周以上") == []


# How old a dated thing is: "older than" a duration, "not older than" a window -------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Exclusion Criteria:\n- the diagnosis is older than 18 months", [("exclusion", "duration", D(18), "months")]),
        ("Inclusion Criteria:\n- Liver biopsy older than 9 months", [("inclusion", "duration", D(9), "months")]),
        (
            "Inclusion Criteria:\n- The death must be more than 8 months old",
            [("inclusion", "duration", D(8), "months")],
        ),
        ("Inclusion Criteria:\n- Liver biopsy not older than 9 months", [("inclusion", "window", D(9), "months")]),
        (
            "Inclusion Criteria:\n- The birth of the child should not be older than 30 months",
            [("inclusion", "window", D(30), "months")],
        ),
    ],
)
def test_how_old_a_dated_thing_is_bounds_the_time_since_it(text, expected):
    assert timed(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Inclusion Criteria:\n- Patients older than 21 years",
        "Inclusion Criteria:\n- Patients 13 to no older than 19 years",
        "Inclusion Criteria:\n- A child more than 9 months old",
    ],
)
def test_a_person_older_than_a_span_is_no_time_since_anything(text):
    assert timed(text) == []


# The time from a past event to the study's point, bounded above: a window ------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The interval from resection to adjuvant treatment is no more than 12 weeks", (D(12), True, "weeks")),
        ("The time from the end of surgery to the start of the trial is less than 2 months", (D(2), False, "months")),
        ("手术与随机化之间不能超过 20 周", (D(20), True, "weeks")),
    ],
)
def test_the_time_from_a_past_event_to_the_studys_point_is_a_window(text, expected):
    assert windows(text, "inclusion") == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The time from diagnosis to the first relapse is less than 3 years",  # two past events
        "手术与化疗之间不能超过 20 周",
    ],
)
def test_the_time_between_two_past_events_is_no_window(text):
    assert windows(text, "inclusion") == []


# "< N days after the acute brain injury": two words may qualify the past event --------------------------------------


def test_less_than_a_span_after_a_past_event_qualified_by_two_words_is_a_strict_window():
    assert windows("Patients < 21 days after the acute spinal injury") == [(D(21), False, "days")]


def test_less_than_a_span_after_something_that_is_no_past_event_is_no_window():
    assert windows("Patients < 21 days after the acute spinal lesion") == []


# Chinese: an event offered as the alternative to a test keeps its look-back ----------------------------------------


def test_a_chinese_event_before_a_test_offered_as_its_alternative_has_the_window():
    assert windows("既往消化系统疾病(包括近2个月内消化道出血或粪隐血检查结果阳性者)") == [(D(2), True, "months")]


@pytest.mark.parametrize(
    "text",
    [
        "前10天内血清或尿妊娠试验阳性者",  # the two are the samples of one test: when it is done
        "前5个月内血常规或胸片检查异常者",  # two tests
    ],
)
def test_a_chinese_span_before_tests_only_is_their_timing(text):
    assert windows(text) == []


# Chinese spans still to come or that define a word are no bounds; counted back from a past point they stay --------


@pytest.mark.parametrize(
    "text",
    [
        "不同意在研究期间或末次给药5个月内采取避孕措施者",  # from the study's last dose on
        "在治疗期间和研究治疗后至少150天内不得哺乳",  # after the study's treatment
        "接受免疫抑制剂治疗,如长期应用全身皮质类固醇治疗(3周以上)",  # what "long-term" means
    ],
)
def test_a_chinese_span_from_the_studys_last_dose_or_defining_long_term_is_no_bound(text):
    assert timed("排除标准：\n1. " + text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("排除标准：\n1. 距末次给药5个月内", [("exclusion", "window", D(5), "months")]),
        ("入选标准：\n1. 哮喘患者，吸入激素治疗(3周以上)", [("inclusion", "duration", D(3), "weeks")]),
    ],
)
def test_a_chinese_span_since_a_past_dose_or_a_bracketed_course_stays_a_bound(text, expected):
    assert timed(text) == expected


# Chinese: not smoking for a span before screening, and cured that long, are durations -----------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("吸烟史为≥15包年，筛选前≥3个月未吸烟", (D(3), True, "months")),  # the pack-years end at the comma
        ("恶性肿瘤已治愈8年以上", (D(8), True, "years")),
    ],
)
def test_a_chinese_span_without_smoking_or_since_a_cure_is_a_duration(text, expected):
    assert durations(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "从未吸烟者",  # never smoked: no time since anything
        "吸烟史≥15包年（每天1包20支连续15年）",  # how the pack-years are counted
    ],
)
def test_never_smoking_or_the_count_behind_pack_years_is_no_duration(text):
    assert durations(text) == []


# An event named right before "less than N", nothing after: how long ago it was ------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acute wrist fracture less than 4 months", (D(4), False, "months")),
        ("Epileptic seizure < 3 years", (D(3), False, "years")),
        ("Patients with haemodynamic assessment <9 months", (D(9), False, "months")),
    ],
)
def test_an_event_right_before_less_than_a_span_is_a_strict_window(text, expected):
    assert windows(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Life expectancy < 9 months",
        "Age < 17 years",
        "Hospital stay less than 4 days",
        "Seizure lasting less than 4 days",  # how long it lasted
    ],
)
def test_less_than_a_span_after_no_event_or_after_a_length_is_no_window(text):
    assert windows(text) == []


# "no evidence of recurrence for N years prior": disease-free that long, a duration --------------------------------


def test_no_recurrence_for_a_span_before_a_point_is_a_remission_duration():
    found_ = found(
        "Prior cancer treated with no evidence of recurrence of the disease for 4 years prior to day 1", "exclusion"
    )
    assert [(p.variable, p.lower, p.event) for p in found_ if p.variable in ("window", "duration")] == [
        ("duration", D(4), "remission")
    ]


def test_none_of_something_else_for_a_span_before_a_point_stays_a_look_back():
    assert windows("No pulmonary rehabilitation for 7 months prior to enrolment") == [(D(7), True, "months")]


# The new readings never raise on a megabyte (their time: bench/bench_extraction.py, the same inputs) -----------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The interval from operation to adjuvant treatment is no more than " * 16_000,  # no number ever follows
        "the time from a to b to c until d " * 30_000,
        "the diagnosis is not older than older than " * 24_000,
        "Washout by not using the drugs below for the times prior to Day 1:\n\n"
        + "Oral steroids for 4 weeks;\n\n" * 35_000,
        "not using x prior to:\n" * 45_000,  # lead-ins and no rows
        "手术与随机化之间不能超过" * 80_000,
        "childbearing postmenopausal for at least 1 year " * 20_000,
        "Acute ankle sprain less than " * 35_000,
    ],
    ids=[
        "interval",
        "interval-no-number",
        "older",
        "washout-rows",
        "washout-lead-ins",
        "zh-interval",
        "menopause",
        "short-of",
    ],
)
def test_the_tenth_rounds_time_readings_never_raise_on_a_megabyte(text):
    text = text[:1_000_000]
    assert all(p.quote in text for p in extract(text))
