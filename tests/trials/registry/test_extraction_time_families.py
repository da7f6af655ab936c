"""Time windows and durations by wording family, the rest of the twelfth held-out split's misses (issue 20, thirteenth
round, decision 0139): each family read on both sides of its boundary. Every wording here is written for these tests,
with other numbers and words than the records."""

from decimal import Decimal

import pytest

from trials.registry.extraction import extract

from .extraction_readings import durations, exclusion, inclusion, timed, windows

D = Decimal


# A span given with its minimum and its maximum, after a past event or up to the study's point ----------------------


def test_at_least_one_span_to_another_after_a_past_event_is_a_duration_and_a_window():
    text = inclusion("Partial response after initiation of osimertinib (at least 4 to 10 months) by RECIST 1.1")
    assert sorted(timed(text)) == [
        ("inclusion", "duration", D(4), "months"),
        ("inclusion", "window", D(10), "months"),
    ]


def test_a_minimum_up_to_a_maximum_of_the_period_up_to_the_studys_point_is_a_duration_and_a_window():
    text = inclusion(
        "The period up to the post-operative enrolment can be 5 weeks at minimum up to 11 weeks at maximum."
    )
    assert sorted(timed(text)) == [
        ("inclusion", "duration", D(5), "weeks"),
        ("inclusion", "window", D(11), "weeks"),
    ]


def test_a_minimum_to_maximum_span_with_nothing_it_counts_from_is_no_bound():
    assert timed(inclusion("Patients will receive the study drug for at least 4 to 10 months")) == []


# Contraception started a span before the study's start, the method named after the span ---------------------------


def test_a_span_opening_the_item_before_the_method_is_named_is_a_duration():
    text = inclusion(
        "At least 3 weeks prior to initiation of the study drug, female subjects should be using highly effective "
        "contraceptive methods"
    )
    assert durations(text) == [("inclusion", D(3), True, "weeks")]


def test_a_span_opening_the_item_with_no_method_named_is_no_duration():
    assert (
        timed(inclusion("At least 3 weeks prior to initiation of the study drug, subjects should fast overnight")) == []
    )


# Look-backs in words --------------------------------------------------------------------------------------------


def test_during_the_weeks_previous_to_the_studys_point_is_a_window():
    text = inclusion("Stable disease (no exacerbation during the 6 weeks previous to the inclusion)")
    assert windows(text) == [("inclusion", D(6), True, "weeks")]


def test_melena_or_hematemesis_in_a_span_is_a_bleeding_look_back():
    assert windows(exclusion("Has melena or hematemesis in three months;")) == [("exclusion", D(3), True, "months")]


def test_a_bare_in_a_span_with_no_past_event_stays_unread():
    assert timed(exclusion("Has anaemia in three months;")) == []


# Tests dated before the study's point -----------------------------------------------------------------------------


def test_tests_to_be_obtained_within_a_span_before_the_studys_point_are_a_window():
    assert windows(inclusion("All screening labs to be obtained within 21 days prior to registration.")) == [
        ("inclusion", D(21), True, "days")
    ]


def test_tests_that_must_be_obtained_within_a_span_are_a_study_step():
    assert timed(inclusion("All screening labs must be obtained within 21 days prior to registration.")) == []


def test_a_test_the_text_says_is_necessary_to_repeat_within_a_span_is_a_study_step():
    assert timed(exclusion("For occult blood (+), it is necessary to recheck the stool routine within 2 weeks.")) == []
    assert windows(exclusion("Melena within 2 weeks.")) == [("exclusion", D(2), True, "weeks")]


# What is no bound on time since a past event ----------------------------------------------------------------------


def test_a_plan_or_project_of_pregnancy_within_a_span_is_still_to_come():
    assert (
        timed(inclusion("Women must use contraception with no plans for pregnancy within four months of the study"))
        == []
    )
    assert timed(exclusion("Pregnancy project within 3 months, or breastfeeding")) == []
    assert windows(exclusion("Pregnancy within 3 months")) == [("exclusion", D(3), True, "months")]


def test_a_stable_state_required_within_a_deadline_is_no_length():
    text = exclusion(
        "Hypertension (Note: a stable antihypertensive regimen should be in place within 2 weeks before dosing)"
    )
    assert timed(text) == []
    assert durations(inclusion("Stable dose of inhaled steroids within the last 3 months")) == [
        ("inclusion", D(3), True, "months")
    ]


def test_how_long_a_response_to_an_earlier_drug_lasted_is_no_duration():
    assert timed(inclusion("two cycles of a PD-1 inhibitor with clinical benefit (PFS ≥ 4 months)")) == []
    assert timed(inclusion("progression-free survival of at least 5 months on first-line therapy")) == []
    assert durations(inclusion("prior chemotherapy completed ≥ 4 months before enrolment")) == [
        ("inclusion", D(4), True, "months")
    ]


def test_which_lesion_counts_as_measurable_is_no_bound():
    text = inclusion(
        "Lesions in a previously irradiated area were considered measurable only if disease progression occurred more "
        "than 4 months after the end of treatment."
    )
    assert timed(text) == []
    assert durations(
        inclusion("Progressive disease must have occurred more than 4 months after the end of treatment.")
    ) == [("inclusion", D(4), False, "months")]


# Chinese -----------------------------------------------------------------------------------------------------------


def test_recently_with_the_span_in_a_bracket_is_a_window():
    assert windows(exclusion("近期（6个月）接受过甲状腺切除术")) == [("exclusion", D(6), True, "months")]


def test_a_condition_inside_a_bracket_ends_with_it_in_a_glued_list():
    text = (
        "排除标准：\n1有癫痫病史2已知患有恶性肿瘤（如果使用化疗，则为末次给药后无复发3年以上）3筛选前6个月内已知酒精或药物滥用"
        "4对试验用药品过敏"
    )
    assert ("exclusion", D(6), True, "months") in windows(text)


def test_a_condition_not_closed_by_a_bracket_still_holds_its_look_back():
    assert timed(exclusion("如果受试者在筛选前6个月内接受过手术，则需提供病历")) == []


def test_short_of_a_span_since_a_past_trial_ended_is_a_strict_window():
    text = exclusion("首次输注时间距离前一项临床试验结束（末次治疗）时间少于21天")
    assert windows(text) == [("exclusion", D(21), False, "days")]


def test_a_weekly_habit_over_a_look_back_is_a_window():
    assert windows(exclusion("有饮酒习惯（筛选前6个月每周饮酒超过14单位酒精）者")) == [
        ("exclusion", D(6), True, "months")
    ]


def test_whom_an_exclusion_does_not_apply_to_is_no_bound():
    text = "排除标准：\n1已知患有恶性肿瘤。然而，这不适用于3年或3年以上无复发的患者\n"
    assert timed(text) == []
    assert timed("排除标准：\n1恶性肿瘤治愈后无复发不足3年\n") == [("exclusion", "window", D(3), "years")]


# Hostile text: the new readings stay linear and never raise ----------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "response after initiation of x (at least 3 to 9 months) " * 18_000,
        "The period up to randomization can be 3 weeks at minimum up to " * 16_000,  # no maximum ever follows
        "At least 2 weeks prior to initiation of the drug, a " * 20_000,  # no method ever named
        "如果（如果（如果" * 120_000,  # conditions whose brackets never close
        "a stable regimen should be in place within " * 24_000,
        "considered measurable only if " * 35_000,
    ],
    ids=["minimum-to-maximum", "minimum-no-maximum", "no-method", "zh-if-brackets", "stable-required", "measurable"],
)
def test_the_families_readings_never_raise_on_a_megabyte(text):
    text = text[:1_000_000]
    assert all(p.quote in text for p in extract(text))
