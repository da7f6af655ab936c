"""Rules that make no sense are refused when saved, not discovered at matching time."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext

from trials import eligibility
from trials.models import ENGINE_PROBLEMS, Criterion, Question, Trial

pytestmark = pytest.mark.django_db


@pytest.fixture
def trial():
    return Trial.objects.create(nct_id="NCT00000001", brief_title="A trial")


@pytest.fixture
def walk():
    return Question.objects.create(
        key="sixmwd_m", prompt="How far?", short_label="six-minute walk", kind="number", unit="m"
    )


@pytest.fixture
def smoker():
    return Question.objects.create(key="smoker", prompt="Do you smoke?", short_label="smoking", kind="yes_no")


def criterion(trial, question, **rule):
    return Criterion(trial=trial, kind="inclusion", question=question, source_text="words", **rule)


@pytest.mark.parametrize(
    "rule, message",
    [
        ({}, "needs a minimum, a maximum or both"),
        ({"min_value": 600, "max_value": 150}, "minimum is above the maximum"),
        ({"min_value": 5, "max_value": 5, "max_inclusive": False}, "must both be inclusive"),
        ({"min_value": 150, "values": ["yes"]}, "not choice codes"),
    ],
)
def test_inconsistent_number_rules_cannot_be_saved(trial, walk, rule, message):
    with pytest.raises(ValidationError, match=message):
        criterion(trial, walk, **rule).save()
    assert Criterion.objects.count() == 0


@pytest.mark.parametrize(
    "rule, message",
    [
        ({}, "at least one accepted answer"),
        ({"values": ["maybe"]}, "Not answers to this question: maybe"),
        ({"values": ["yes"], "uncertain_values": ["yes"]}, "both accepted and left"),
        ({"values": ["yes"], "min_value": 1}, "not a minimum or maximum"),
        ({"values": "yes"}, "Give a list of choice codes"),
    ],
)
def test_inconsistent_choice_rules_cannot_be_saved(trial, smoker, rule, message):
    with pytest.raises(ValidationError, match=message):
        criterion(trial, smoker, **rule).save()


def test_a_study_team_criterion_cannot_carry_a_rule(trial):
    with pytest.raises(ValidationError, match="has no rule"):
        criterion(trial, None, min_value=3).save()


def test_consistent_rules_save(trial, walk, smoker):
    criterion(trial, walk, min_value=150, max_value=600, max_inclusive=False).save()
    criterion(trial, smoker, values=["yes"]).save()
    criterion(trial, None).save()
    assert Criterion.objects.count() == 3


@pytest.mark.parametrize("nct_id", ["NCT1234567", "nct12345678", "NCT123456789", "12345678"])
def test_an_nct_number_is_validated(nct_id):
    with pytest.raises(ValidationError, match="NCT"):
        Trial(nct_id=nct_id, brief_title="x").full_clean()


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"kind": "single", "choices": [{"code": "a", "label": "A"}]}, "at least two choices"),
        ({"kind": "single", "choices": [{"code": "a", "label": "A"}, {"code": "a", "label": "B"}]}, "its own code"),
        ({"kind": "multiple", "choices": "a,b"}, "at least two choices"),
        ({"kind": "number", "min_value": 10, "max_value": 1}, "below the lowest"),
    ],
)
def test_inconsistent_questions_are_refused(fields, message):
    with pytest.raises(ValidationError, match=message):
        Question(key="q", prompt="Q?", short_label="q", **fields).full_clean()


def test_a_question_can_only_depend_on_a_choice_question_with_its_codes(walk, smoker):
    dependent = Question(
        key="q",
        prompt="Q?",
        short_label="q",
        kind="yes_no",
        asked_only_if=walk,
        asked_only_if_codes=["x"],
        implied_answer="no",
    )
    with pytest.raises(ValidationError, match="Only a choice question"):
        dependent.full_clean()
    dependent.asked_only_if = smoker
    with pytest.raises(ValidationError, match="Choose codes of that question: yes, no"):
        dependent.full_clean()
    dependent.asked_only_if_codes = ["yes"]
    dependent.implied_answer = "perhaps"
    with pytest.raises(ValidationError, match="Give the answer to assume"):
        dependent.full_clean()
    dependent.implied_answer = "no"
    dependent.full_clean()


def test_an_age_limit_on_asking_needs_the_question_that_decides_whether_it_is_asked(smoker):
    alone = Question(key="q", prompt="Q?", short_label="q", kind="yes_no", asked_only_under_age=55)
    with pytest.raises(ValidationError, match="An age limit needs the question"):
        alone.full_clean()
    alone.asked_only_if, alone.asked_only_if_codes, alone.implied_answer = smoker, ["yes"], "no"
    alone.full_clean()


def test_an_age_limit_for_some_answers_only_names_codes_that_allow_asking_and_has_an_age(smoker):
    planning = Question(
        key="q",
        prompt="Q?",
        short_label="q",
        kind="yes_no",
        asked_only_if=smoker,
        asked_only_if_codes=["yes"],
        asked_only_under_age_for=["no"],
        implied_answer="no",
    )
    with pytest.raises(ValidationError, match="Choose among the codes above: yes"):
        planning.full_clean()
    planning.asked_only_under_age_for = ["yes"]
    with pytest.raises(ValidationError, match="Give the age limit these answers have"):
        planning.full_clean()
    planning.asked_only_under_age = 55
    planning.full_clean()
    assert planning.to_info().asked_only_if.under_age_only_for == frozenset({"yes"})


@pytest.mark.parametrize(
    "rule, words",
    [
        ({"min_value": 150, "max_value": 600, "max_inclusive": False}, "150 m ≤ six-minute walk < 600 m"),
        ({"min_value": Decimal("150.5")}, "six-minute walk ≥ 150.5 m"),
        ({"min_value": 150, "min_inclusive": False}, "six-minute walk > 150 m"),
        ({"max_value": 600}, "six-minute walk ≤ 600 m"),
    ],
)
def test_rules_read_in_words(trial, walk, rule, words):
    assert criterion(trial, walk, **rule).rule_in_words() == words


def test_exclusions_and_choices_read_in_words(trial, smoker):
    rule = Criterion(trial=trial, kind="exclusion", question=smoker, values=["yes"], source_text="w")
    assert rule.rule_in_words() == "excluded if smoking is “Yes”"
    assert Criterion(trial=trial, kind="exclusion", source_text="w").rule_in_words() == "for the study team to check"


# What patients read, built from the rule itself


@pytest.mark.parametrize(
    "phase, words",
    [
        ("EARLY_PHASE1", "Early phase 1"),
        ("PHASE1", "Phase 1"),
        ("PHASE2, PHASE3", "Phase 2/Phase 3"),
        ("PHASE1/PHASE2", "Phase 1/Phase 2"),
        ("PHASE4", "Phase 4"),
        ("NA", "Not applicable"),
        ("", ""),
    ],
)
def test_the_phase_reads_as_words_never_as_a_registry_code(phase, words):
    from trials.models import Trial

    assert Trial(phase=phase).phase_in_words() == words


def reason(key, kind="inclusion", **rule):
    from trials.models import Criterion, Question
    from trials.registry.importing import ensure_questions

    ensure_questions([key])
    return Criterion(kind=kind, question=Question.objects.get(key=key), source_text="x", **rule).reason()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "key, kind, rule, words",
    [
        (
            "sixmwd_m",
            "inclusion",
            {"min_value": 150, "max_value": 550, "max_inclusive": False},
            "Your six-minute walk distance needs to be at least 150 m and less than 550 m.",
        ),
        (
            "age",
            "inclusion",
            {"min_value": 40, "max_value": 80},
            "Your age needs to be at least 40 years and at most 80 years.",
        ),
        ("age", "inclusion", {"min_value": 18, "min_inclusive": False}, "Your age needs to be more than 18 years."),
        (
            "fev1_fvc_ratio",
            "exclusion",
            {"max_value": "0.7", "max_inclusive": False},
            "You cannot take part if your FEV1/FVC before a bronchodilator is less than 0.7.",
        ),
        (
            "alt_x_uln",
            "inclusion",
            {"max_value": "2.5"},
            "Your ALT (alanine aminotransferase, times the upper limit of normal) needs to be at most 2.5 × ULN.",
        ),
        (
            "days_since_pneumonia",
            "exclusion",
            {"max_value": 28},
            "You cannot take part if your last pneumonia was 4 weeks or less ago.",
        ),
        (
            "days_since_exacerbation",
            "inclusion",
            {"min_value": 3, "min_inclusive": False, "time_unit": "months"},
            "Your last flare-up of your lung condition needs to have been more than 3 months ago.",
        ),
        (
            "days_since_exacerbation",
            "inclusion",
            {"max_value": 12, "time_unit": "months"},
            "Your last flare-up of your lung condition needs to have been 12 months or less ago.",
        ),
        (
            "days_since_exacerbation",
            "exclusion",
            {"max_value": 1, "time_unit": "years"},
            "You cannot take part if your last flare-up of your lung condition was 1 year or less ago.",
        ),
        (
            "bmi",
            "inclusion",
            {"min_value": 18, "max_value": 18},
            "Your body mass index (BMI) needs to be exactly 18 kg/m².",
        ),
    ],
    ids=[
        "walk",
        "age-both",
        "age-exclusive",
        "ratio-exclusion",
        "alt",
        "window-exclusion",
        "window-inclusion",
        "window-12-months",
        "window-1-year",
        "equal",
    ],
)
def test_a_reason_states_the_rules_own_limits(key, kind, rule, words):
    assert reason(key, kind, **rule) == words


@pytest.mark.django_db
def test_a_choice_reason_names_the_answers_and_those_the_study_team_judges():
    assert reason("cancer_history", "exclusion", values=["within_5y"], uncertain_values=["over_5y"]) == (
        "You cannot take part if your answer to “Have you ever had cancer?” is “Yes, I have cancer now or had it in the last "
        "5 years”. If it is “Yes, but treatment ended more than 5 years ago and it has not come back”, the study "
        "team decides."
    )


@pytest.mark.parametrize(
    "days, words",
    [
        (28, "4 weeks"),
        (7, "1 week"),
        (90, "90 days"),
        (30, "30 days"),
        (360, "360 days"),
        (10, "10 days"),
        (1, "1 day"),
    ],
)
def test_days_read_in_whole_weeks_and_never_as_months_a_month_is_no_number_of_days(days, words):
    from decimal import Decimal

    from trials.wording import days_in_words

    assert days_in_words(Decimal(days)) == words


@pytest.mark.django_db
def test_a_window_in_months_is_said_in_months_and_judged_by_them():
    from datetime import date

    from trials import eligibility
    from trials.models import Criterion, Question
    from trials.registry.importing import ensure_questions

    ensure_questions(["days_since_exacerbation"])
    criterion = Criterion(
        kind="inclusion",
        question=Question.objects.get(key="days_since_exacerbation"),
        source_text="At least one exacerbation in the previous 12 months",
        max_value=12,
        time_unit="months",
    )
    criterion.full_clean(exclude=["trial"])
    assert "12 months" in criterion.rule_in_words()
    rule = criterion.to_rule()
    key = "days_since_exacerbation"
    assert eligibility.evaluate_criterion(rule, {key: 362}) is eligibility.Outcome.MET
    assert eligibility.evaluate_criterion(rule, {key: 367}) is eligibility.Outcome.NOT_MET
    dated = eligibility.EventDate(date(2024, 2, 29), date(2025, 3, 1))
    assert eligibility.evaluate_criterion(rule, {key: dated}) is eligibility.Outcome.NOT_MET


@pytest.mark.django_db
def test_a_window_in_months_on_a_question_that_is_not_in_days_is_refused():
    from django.core.exceptions import ValidationError

    from trials.models import Criterion, Question
    from trials.registry.importing import ensure_questions

    ensure_questions(["age"])
    criterion = Criterion(
        kind="inclusion", question=Question.objects.get(key="age"), source_text="x", min_value=40, time_unit="years"
    )
    with pytest.raises(ValidationError, match="days since an event"):
        criterion.full_clean(exclude=["trial"])


@pytest.mark.parametrize(
    "rule",
    [
        eligibility.NumberRule(),
        eligibility.NumberRule(Decimal(5), True, Decimal(1), True),
        eligibility.NumberRule(Decimal(5), False, Decimal(5), True),
        eligibility.ChoiceRule(frozenset()),
        eligibility.ChoiceRule(frozenset({"yes"}), frozenset({"yes"})),
        eligibility.WindowRule(None, True, Decimal(3), True, "days"),
        eligibility.WindowRule(Decimal(-1), True, None, True),
    ],
)
def test_every_reason_the_engine_refuses_a_rule_is_marked_for_chinese_so_make_messages_keeps_it(rule):
    """The engine speaks English; `make messages` (--no-obsolete) drops a translation whose words no
    gettext_noop marks, and an admin working in Chinese would then read the engine's English."""
    (problem,) = rule.problems()
    assert problem in ENGINE_PROBLEMS
    with translation.override("zh-hans"):
        assert gettext(problem) != problem
