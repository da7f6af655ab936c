"""The engine on plain data: outcomes, verdicts and the order of questions."""

import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trials.eligibility import (
    DONT_KNOW,
    AskedOnlyIf,
    Catalogue,
    ChoiceRule,
    CriterionRule,
    NumberRule,
    Outcome,
    Polarity,
    QuestionInfo,
    TrialRules,
    Verdict,
    evaluate,
    evaluate_criterion,
    evaluate_trial,
    next_question,
    ruled_out_by_age,
)

INC, EXC = Polarity.INCLUSION, Polarity.EXCLUSION
WALK = NumberRule(Decimal(150), True, Decimal(600), False)


def number(polarity, rule, key="x"):
    return CriterionRule(id=key, polarity=polarity, question_key=key, rule=rule)


def choice(polarity, accepted, key="c", uncertain=()):
    return CriterionRule(
        id=key, polarity=polarity, question_key=key, rule=ChoiceRule(frozenset(accepted), frozenset(uncertain))
    )


def test_the_engine_imports_no_django():
    code = "import sys, trials.eligibility; print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"


@pytest.mark.parametrize(
    "answer, satisfied",
    [
        ("149.99", False),
        (150, True),
        ("150.0", True),
        (Decimal("599.99"), True),
        (600, False),
        ("600.00", False),
        (0, False),
    ],
)
def test_number_rule_keeps_each_end_s_own_inclusivity(answer, satisfied):
    assert WALK.test(answer) is satisfied


@pytest.mark.parametrize("answer", ["abc", "", None, True, DONT_KNOW, "nan", "inf", ["150"]])
def test_a_number_rule_cannot_read_a_non_number(answer):
    assert WALK.test(answer) is None


@pytest.mark.parametrize(
    "polarity, answer, outcome",
    [
        (INC, 300, Outcome.MET),
        (INC, 600, Outcome.NOT_MET),
        (EXC, 300, Outcome.NOT_MET),
        (EXC, 600, Outcome.MET),
        (INC, DONT_KNOW, Outcome.UNKNOWN),
        (EXC, DONT_KNOW, Outcome.UNKNOWN),
        (INC, "three hundred", Outcome.UNKNOWN),
    ],
)
def test_criterion_outcome_depends_on_polarity(polarity, answer, outcome):
    assert evaluate_criterion(number(polarity, WALK), {"x": answer}) is outcome


def test_an_unanswered_criterion_is_unknown():
    assert evaluate_criterion(number(INC, WALK), {}) is Outcome.UNKNOWN


def test_a_criterion_without_a_question_is_for_the_study_team():
    criterion = CriterionRule(
        id=1, polarity=EXC, question_key=None, rule=None, text="Investigator considers unsuitable"
    )
    assert evaluate_criterion(criterion, {"x": 1}) is Outcome.STUDY_TEAM


@pytest.mark.parametrize(
    "answer, outcome",
    [
        (["copd"], Outcome.MET),
        (["asthma", "copd"], Outcome.MET),
        (("copd",), Outcome.MET),
        (["ild"], Outcome.NOT_MET),
        ([], Outcome.NOT_MET),
        ("copd", Outcome.MET),
        ([1, 2], Outcome.UNKNOWN),
        (7, Outcome.UNKNOWN),
    ],
)
def test_a_multiple_choice_answer_satisfies_a_rule_when_it_contains_an_accepted_code(answer, outcome):
    assert evaluate_criterion(choice(INC, {"copd"}), {"c": answer}) is outcome


@pytest.mark.parametrize(
    "answer, outcome", [("within_5y", Outcome.NOT_MET), ("over_5y", Outcome.UNKNOWN), ("never", Outcome.MET)]
)
def test_uncertain_codes_leave_the_criterion_open(answer, outcome):
    criterion = choice(EXC, {"within_5y"}, uncertain={"over_5y"})
    assert evaluate_criterion(criterion, {"c": answer}) is outcome


@pytest.mark.parametrize(
    "answers, verdict",
    [
        ({"x": 300, "c": "no"}, Verdict.MATCH),
        ({"x": 300, "c": "yes"}, Verdict.NO_MATCH),
        ({"x": 700, "c": "no"}, Verdict.NO_MATCH),
        ({"x": 700}, Verdict.NO_MATCH),
        ({"x": DONT_KNOW, "c": "no"}, Verdict.POSSIBLE),
        ({"c": "no"}, Verdict.POSSIBLE),
        ({}, Verdict.POSSIBLE),
    ],
)
def test_trial_verdict(answers, verdict):
    team = CriterionRule(id="t", polarity=INC, text="Signs the consent form")
    trial = TrialRules("T", (number(INC, WALK), choice(EXC, {"yes"}), team))
    result = evaluate_trial(trial, answers)
    assert result.verdict is verdict
    assert [r.criterion.id for r in result.with_outcome(Outcome.STUDY_TEAM)] == ["t"]


def test_study_team_criteria_alone_give_a_match():
    trial = TrialRules("T", (CriterionRule(id="t", polarity=EXC, text="Investigator judgement"),))
    assert evaluate_trial(trial, {}).verdict is Verdict.MATCH


@pytest.mark.parametrize(
    "rule, problem",
    [
        (NumberRule(), "needs a minimum"),
        (NumberRule(Decimal(80), True, Decimal(30), True), "above the maximum"),
        (NumberRule(Decimal(5), True, Decimal(5), False), "must both be inclusive"),
        (ChoiceRule(frozenset()), "at least one"),
        (ChoiceRule(frozenset({"a"}), frozenset({"a"})), "both accepted"),
    ],
)
def test_inconsistent_rules_report_their_problem(rule, problem):
    assert problem in " ".join(rule.problems())


@pytest.mark.parametrize(
    "rule",
    [NumberRule(Decimal(5), True, Decimal(5), True), NumberRule(None, True, Decimal(1)), ChoiceRule(frozenset({"a"}))],
)
def test_consistent_rules_have_no_problems(rule):
    assert rule.problems() == []


# The order of questions

A = TrialRules("A", (number(INC, WALK, "walk"), choice(INC, {"copd"}, "dx"), number(INC, WALK, "dlco")))
B = TrialRules("B", (choice(INC, {"ild"}, "dx"), number(INC, WALK, "dlco"), number(INC, WALK, "fvc")))
C = TrialRules("C", (choice(INC, {"ild"}, "dx"), number(EXC, WALK, "oxygen")))
QUESTIONS = {
    k: QuestionInfo(k, priority=p) for k, p in [("walk", 5), ("dx", 1), ("dlco", 3), ("fvc", 4), ("oxygen", 2)]
}


def test_the_question_most_open_trials_need_comes_first():
    assert next_question([A, B, C], {}, QUESTIONS) == "dx"


def test_a_trial_ruled_out_is_never_asked_about_again():
    # dx = copd rules out B and C; only A's questions remain, most-used first then by priority.
    assert next_question([A, B, C], {"dx": ["copd"]}, QUESTIONS) == "dlco"
    assert next_question([A, B, C], {"dx": ["copd"], "dlco": 300}, QUESTIONS) == "walk"
    assert next_question([A, B, C], {"dx": ["copd"], "dlco": 300, "walk": 300}, QUESTIONS) is None


def test_ties_break_by_priority_then_key():
    trial = TrialRules("T", (number(INC, WALK, "b"), number(INC, WALK, "a"), number(INC, WALK, "c")))
    infos = {"a": QuestionInfo("a", 9), "b": QuestionInfo("b", 9), "c": QuestionInfo("c", 1)}
    assert next_question([trial], {}, infos) == "c"
    assert next_question([trial], {"c": 300}, infos) == "a"


def test_dont_know_counts_as_answered():
    assert next_question([A], {"dx": ["copd"], "dlco": DONT_KNOW, "walk": DONT_KNOW}, QUESTIONS) is None


def test_nothing_is_asked_when_every_trial_is_ruled_out():
    assert next_question([A, B, C], {"dx": ["none"]}, QUESTIONS) is None


def test_nothing_is_asked_when_there_are_no_trials():
    assert next_question([], {}, QUESTIONS) is None


# Questions asked only when another answer allows

PREGNANCY = TrialRules("P", (choice(EXC, {"yes"}, "pregnant"),))
GATED = {
    "sex": QuestionInfo("sex", 20),
    "pregnant": QuestionInfo("pregnant", 30, AskedOnlyIf("sex", frozenset({"female"}), "no")),
}


def test_the_deciding_question_is_asked_first():
    assert next_question([PREGNANCY], {}, GATED) == "sex"


def test_a_question_ruled_out_by_another_answer_is_not_asked_and_takes_its_implied_answer():
    assert next_question([PREGNANCY], {"sex": "male"}, GATED) is None
    [result] = evaluate([PREGNANCY], {"sex": "male"}, GATED)
    assert result.verdict is Verdict.MATCH


def test_a_question_allowed_by_another_answer_is_asked():
    assert next_question([PREGNANCY], {"sex": "female"}, GATED) == "pregnant"
    assert next_question([PREGNANCY], {"sex": DONT_KNOW}, GATED) == "pregnant"
    [result] = evaluate([PREGNANCY], {"sex": "female", "pregnant": "yes"}, GATED)
    assert result.verdict is Verdict.NO_MATCH


def test_an_earlier_answer_to_a_question_now_ruled_out_no_longer_counts():
    [result] = evaluate([PREGNANCY], {"sex": "male", "pregnant": "yes"}, GATED)
    assert result.verdict is Verdict.MATCH


AGED = {
    "age": QuestionInfo("age", 10),
    "sex": QuestionInfo("sex", 20),
    "pregnant": QuestionInfo("pregnant", 30, AskedOnlyIf("sex", frozenset({"female"}), "no", under_age=Decimal(55))),
}


@pytest.mark.parametrize(
    "age, asked",
    [(Decimal(54), True), (Decimal("54.9"), True), (Decimal(55), False), (Decimal(68), False), (DONT_KNOW, True)],
)
def test_a_question_asked_only_below_an_age_is_asked_below_it_and_implied_from_it(age, asked):
    answers = {"sex": "female", "age": age}
    assert (next_question([PREGNANCY], answers, AGED) == "pregnant") is asked
    [result] = evaluate([PREGNANCY], {**answers, "pregnant": "yes"}, AGED)
    assert result.verdict is (Verdict.NO_MATCH if asked else Verdict.MATCH)


def test_the_age_is_asked_before_a_question_asked_only_below_an_age():
    assert next_question([PREGNANCY], {"sex": "female"}, AGED) == "age"
    assert next_question([PREGNANCY], {"age": Decimal(30)}, AGED) == "sex"


def test_a_man_of_any_age_still_takes_the_implied_answer():
    assert next_question([PREGNANCY], {"sex": "male", "age": Decimal(30)}, AGED) is None
    assert next_question([PREGNANCY], {"sex": "male"}, AGED) is None


PLANNING = TrialRules("Q", (choice(EXC, {"yes"}, "planning"),))
PLANNING_GATE = AskedOnlyIf(
    "sex", frozenset({"female", "male"}), "no", under_age=Decimal(55), under_age_only_for=frozenset({"female"})
)
AGED_FOR_WOMEN = {**AGED, "planning": QuestionInfo("planning", 31, PLANNING_GATE)}


@pytest.mark.parametrize(
    "sex, age, asked",
    [
        ("female", Decimal(40), True),
        ("female", Decimal(55), False),  # her own pregnancy: not from 55
        ("female", Decimal(68), False),
        ("female", DONT_KNOW, True),
        ("male", Decimal(40), True),
        ("male", Decimal(68), True),  # his partner's: a partner may be younger, so asked at any age
    ],
)
def test_an_age_limit_can_hold_for_some_answers_of_the_gate_only(sex, age, asked):
    answers = {"sex": sex, "age": age}
    assert (next_question([PLANNING], answers, AGED_FOR_WOMEN) == "planning") is asked
    [result] = evaluate([PLANNING], {**answers, "planning": "yes"}, AGED_FOR_WOMEN)
    assert result.verdict is (Verdict.NO_MATCH if asked else Verdict.MATCH)  # not asked: never ruled out for it
    assert ruled_out_by_age(PLANNING_GATE, answers) is not asked


def test_a_man_is_not_asked_his_age_first_for_a_question_whose_age_limit_is_for_women_only():
    assert next_question([PLANNING], {"sex": "male"}, AGED_FOR_WOMEN) == "planning"
    assert next_question([PLANNING], {"sex": "female"}, AGED_FOR_WOMEN) == "age"


def test_a_cycle_of_conditions_still_returns_a_question():
    infos = {
        "a": QuestionInfo("a", 1, AskedOnlyIf("b", frozenset({"y"}), "n")),
        "b": QuestionInfo("b", 1, AskedOnlyIf("a", frozenset({"y"}), "n")),
    }
    trial = TrialRules("T", (choice(INC, {"y"}, "a"),))
    assert next_question([trial], {}, infos) in {"a", "b"}


# Remembered walks: a catalogue that has walked before answers exactly as a new one would

ALL_TRIALS, ALL_QUESTIONS = [A, B, C, PREGNANCY], {**QUESTIONS, **GATED}
any_answer = st.one_of(
    st.sampled_from(["copd", "ild", "none", "female", "male", "yes", "no", DONT_KNOW, True, 1, "1", "1.0"]),
    st.integers(0, 700),
    st.decimals(0, 700, places=1),
    st.lists(st.sampled_from(["copd", "ild", "none"]), max_size=3),
)
answer_sets = st.lists(st.dictionaries(st.sampled_from(sorted(ALL_QUESTIONS)), any_answer), min_size=1, max_size=25)


@settings(max_examples=150, deadline=None)
@given(answer_sets)
def test_a_catalogue_that_remembers_its_walks_walks_as_a_new_one_would(many_answers):
    remembering = Catalogue(ALL_TRIALS, ALL_QUESTIONS)
    for answers in many_answers + many_answers:
        assert remembering.walk(answers) == Catalogue(ALL_TRIALS, ALL_QUESTIONS).walk(answers)


def test_answers_python_finds_equal_but_the_engine_reads_differently_are_not_confused():
    trial = TrialRules("T", (number(EXC, NumberRule(Decimal(0), True, Decimal(5), True), "x"), number(INC, WALK, "y")))
    catalogue = Catalogue([trial], {"x": QuestionInfo("x", 1), "y": QuestionInfo("y", 2)})
    assert catalogue.walk({"x": 1}).next_key is None  # 1 is in the excluded range
    assert catalogue.walk({"x": True}).next_key == "y"  # True is not a number: the study team checks


@settings(max_examples=30, deadline=None)
@given(answer_sets)
def test_the_remembered_walks_stay_within_their_bound(many_answers):
    remembering = Catalogue(ALL_TRIALS, ALL_QUESTIONS)
    remembering.MEMO_STEPS = 3
    for answers in many_answers:
        assert remembering.walk(answers) == Catalogue(ALL_TRIALS, ALL_QUESTIONS).walk(answers)
        assert remembered_steps(remembering._root) <= 3


def remembered_steps(step) -> int:
    return sum(1 + remembered_steps(following) for following in step.after.values())


def test_a_second_walk_over_the_same_answers_is_remembered_not_worked_out_again():
    catalogue = Catalogue(ALL_TRIALS, ALL_QUESTIONS)
    catalogue.walk({"dx": ["ild"], "oxygen": 300})
    assert remembered_steps(catalogue._root) == 2
    catalogue._advance = None  # any new work would now fail
    walk = catalogue.walk({"dx": ["ild"], "oxygen": 300, "fvc": 1})
    # up to 3 steps left: three screens needed now less the one "fvc" (answered already) is on, and the pregnancy
    # question the answer on sex may bring
    assert (walk.path, walk.next_key, walk.remaining) == (("dx", "oxygen"), "dlco", 3)


# Trials in reach


def test_a_catalogue_narrowed_to_the_trials_in_reach_asks_only_their_questions():
    everywhere = Catalogue([A, B, C], QUESTIONS)
    only_c = everywhere.only({"C"})
    assert [t.id for t in only_c.trials] == ["C"]
    assert only_c.walk({}).next_key == "dx"
    assert only_c.walk({"dx": ["ild"]}).next_key == "oxygen"
    assert only_c.walk({"dx": ["ild"], "oxygen": 0}).next_key is None  # B's dlco and fvc are never asked
    assert everywhere.walk({"dx": ["ild"], "oxygen": 0}).next_key == "dlco"


def test_a_catalogue_narrowed_to_no_trial_asks_nothing():
    assert Catalogue([A, B, C], QUESTIONS).only(set()).walk({}).next_key is None


def test_narrowing_keeps_the_trials_order_and_ignores_unknown_ids():
    assert [t.id for t in Catalogue([A, B, C], QUESTIONS).only(["C", "A", "Z"]).trials] == ["A", "C"]


# Time windows in calendar months and years (issue 20: "an exacerbation in the previous 12 months" was ≤ 360 days).
from datetime import date  # noqa: E402

from trials.eligibility import EventDate, WindowRule, window_days  # noqa: E402

WITHIN_12_MONTHS = WindowRule(max_value=Decimal(12), unit="months")


@pytest.mark.parametrize(
    "count, unit, days",
    [
        (12, "months", 366),
        (1, "years", 366),
        (11, "months", 335),
        (3, "months", 92),
        (1, "months", 31),
        (2, "years", 731),
    ],
)
def test_a_window_in_months_or_years_is_never_shorter_than_the_calendar_as_days(count, unit, days):
    assert window_days(Decimal(count), unit) == days


@pytest.mark.parametrize("days, within", [(0, True), (362, True), (364, True), (365, True), (366, True), (367, False)])
def test_a_flare_up_counted_in_days_is_within_12_months_up_to_a_leap_year(days, within):
    assert WITHIN_12_MONTHS.test(days) is within


@pytest.mark.parametrize(
    "event, on, within",
    [
        (date(2025, 3, 2), date(2026, 3, 1), True),  # 364 days
        (date(2025, 3, 1), date(2026, 3, 1), True),  # 365 days: exactly 12 months
        (date(2025, 2, 28), date(2026, 3, 1), False),  # 366 days: 12 months and a day
        (date(2024, 3, 1), date(2025, 3, 1), True),  # 365 days across no leap day
        (date(2023, 3, 1), date(2024, 3, 1), True),  # 366 days across 2024-02-29: exactly 12 months
        (date(2023, 2, 28), date(2024, 3, 1), False),  # 367 days
        (date(2024, 2, 29), date(2025, 2, 28), True),  # 12 months before 2025-02-28 is 2024-02-28
        (date(2024, 2, 29), date(2025, 3, 1), False),  # 12 months before 2025-03-01 is 2024-03-01
        (date(2025, 4, 2), date(2026, 3, 1), True),  # 11 months ago
        (date(2025, 3, 1), date(2026, 3, 1), True),
    ],
)
def test_a_flare_up_given_as_a_date_is_within_12_months_by_the_calendar(event, on, within):
    assert WITHIN_12_MONTHS.test(EventDate(event, on)) is within


def test_an_open_end_of_a_window_leaves_exactly_n_months_out():
    within_less_than_12 = WindowRule(max_value=Decimal(12), max_inclusive=False, unit="months")
    assert within_less_than_12.test(EventDate(date(2025, 3, 1), date(2026, 3, 1))) is False
    assert within_less_than_12.test(EventDate(date(2025, 3, 2), date(2026, 3, 1))) is True
    assert within_less_than_12.test(365) is True
    assert within_less_than_12.test(366) is False


@pytest.mark.parametrize(
    "event, inclusive, satisfied",
    [
        (date(2025, 9, 1), True, True),  # exactly 6 months before 2026-03-01
        (date(2025, 9, 1), False, False),
        (date(2025, 9, 2), True, False),  # a day short of 6 months
        (date(2025, 8, 31), False, True),
    ],
)
def test_a_duration_of_at_least_6_months_is_judged_by_the_calendar_on_a_date(event, inclusive, satisfied):
    rule = WindowRule(min_value=Decimal(6), min_inclusive=inclusive, unit="months")
    assert rule.test(EventDate(event, date(2026, 3, 1))) is satisfied


def test_a_duration_of_at_least_a_year_counted_in_days_needs_366_days():
    rule = WindowRule(min_value=Decimal(1), unit="years")
    assert [rule.test(days) for days in (364, 365, 366, 367)] == [False, False, True, True]


def test_a_date_answers_a_days_rule_with_its_whole_days_and_a_future_date_decides_nothing():
    within_28_days = number(INC, NumberRule(max_value=Decimal(28)), "days_since_x")
    assert evaluate_criterion(within_28_days, {"days_since_x": EventDate(date(2026, 2, 1), date(2026, 3, 1))}) is (
        Outcome.MET
    )
    assert evaluate_criterion(within_28_days, {"days_since_x": EventDate(date(2026, 1, 31), date(2026, 3, 1))}) is (
        Outcome.NOT_MET
    )
    future = {"days_since_x": EventDate(date(2026, 3, 2), date(2026, 3, 1))}
    assert evaluate_criterion(within_28_days, future) is Outcome.UNKNOWN
    assert evaluate_criterion(number(INC, WITHIN_12_MONTHS, "days_since_x"), future) is Outcome.UNKNOWN


def test_a_catalogue_rules_out_by_the_calendar_window_and_keeps_a_362_day_flare_up_open():
    trial = TrialRules("T", (number(INC, WITHIN_12_MONTHS, "days_since_exacerbation"),))
    catalogue = Catalogue([trial], {})
    assert [r.trial.id for r in catalogue.assess({"days_since_exacerbation": 362}).open] == ["T"]
    assert [r.trial.id for r in catalogue.assess({"days_since_exacerbation": 400}).open] == []
    late = EventDate(date(2024, 2, 29), date(2025, 3, 1))
    assert [r.trial.id for r in catalogue.assess({"days_since_exacerbation": late}).open] == []
    in_time = EventDate(date(2024, 2, 29), date(2025, 2, 28))
    assert [r.trial.id for r in catalogue.assess({"days_since_exacerbation": in_time}).open] == ["T"]


@pytest.mark.parametrize(
    "rule, problem",
    [
        (WindowRule(max_value=Decimal(3), unit="weeks"), "months or years"),
        (WindowRule(max_value=Decimal(-3)), "negative"),
        (WindowRule(), "needs a minimum"),
    ],
)
def test_a_window_rule_that_makes_no_sense_says_why(rule, problem):
    assert any(problem in text for text in rule.problems())


def test_an_answer_the_rule_leaves_to_the_study_team_is_told_apart_from_one_not_known():
    from trials import eligibility

    rule = eligibility.ChoiceRule(frozenset({"within_5y"}), frozenset({"over_5y"}))
    criterion = eligibility.CriterionRule(1, eligibility.Polarity.EXCLUSION, "cancer", rule)
    left = eligibility.left_to_study_team
    assert left(criterion, {"cancer": "over_5y"}) is True
    assert left(criterion, {"cancer": eligibility.DONT_KNOW}) is False and left(criterion, {}) is False
    assert left(criterion, {"cancer": "within_5y"}) is False and left(criterion, {"cancer": "never"}) is False
    items = eligibility.ItemsAnswer
    assert left(criterion, {"cancer": items(frozenset({"over_5y"}), frozenset({"over_5y", "within_5y"}))}) is True
    assert left(criterion, {"cancer": items(frozenset({"none"}), frozenset({"none"}))}) is False  # not shown
