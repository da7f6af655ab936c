""" "How many days ago was your last heart attack (stroke)?" is not asked of someone the list of other illnesses
already answered: shown "A heart attack" and not ticking it means never (decision 0072)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from trials.eligibility import (
    DONT_KNOW,
    Catalogue,
    ChoiceRule,
    CriterionRule,
    ItemsAnswer,
    Outcome,
    Polarity,
    TrialRules,
    WindowRule,
    evaluate,
)
from trials.registry.importing import ensure_questions

EXC = Polarity.EXCLUSION
SIX_MONTHS = WindowRule(None, True, Decimal(6), True, "months")


def catalogue_of(*trials):
    questions = ensure_questions(["other_conditions", "days_since_heart_attack", "days_since_stroke", "age"])
    return Catalogue(list(trials), {key: q.to_info() for key, q in questions.items()})


def history_of(code, n):
    """A study that excludes anyone ever told they had `code`."""
    return TrialRules(f"history-{code}", (CriterionRule(n, EXC, "other_conditions", ChoiceRule(frozenset({code}))),))


def recent(key, n):
    """A study that excludes the event in the last six months."""
    return TrialRules(f"recent-{key}", (CriterionRule(n, EXC, key, SIX_MONTHS),))


@pytest.fixture
def both_kinds():
    return catalogue_of(history_of("heart_attack", 1), recent("days_since_heart_attack", 2))


@pytest.mark.django_db
def test_ticking_none_of_these_on_a_list_with_a_heart_attack_settles_how_long_ago(both_kinds):
    shown = both_kinds.walk({}).items["other_conditions"]
    assert "heart_attack" in shown
    answers = {"other_conditions": ItemsAnswer(frozenset({"none"}), shown)}
    walk = both_kinds.walk(answers)
    assert "days_since_heart_attack" not in walk.path and walk.next_screen == ()
    results = evaluate(both_kinds.trials, answers, both_kinds.questions)
    assert {r.trial.id: r.verdict.value for r in results} == {
        "history-heart_attack": "match",
        "recent-days_since_heart_attack": "match",
    }


@pytest.mark.django_db
def test_ticking_a_heart_attack_still_asks_how_long_ago(both_kinds):
    shown = both_kinds.walk({}).items["other_conditions"]
    walk = both_kinds.walk({"other_conditions": ItemsAnswer(frozenset({"heart_attack"}), shown)})
    assert walk.next_key == "days_since_heart_attack"


@pytest.mark.django_db
def test_i_dont_know_on_the_list_still_asks_how_long_ago(both_kinds):
    walk = both_kinds.walk({"other_conditions": DONT_KNOW})
    assert walk.next_key == "days_since_heart_attack"


@pytest.mark.django_db
def test_a_list_that_did_not_show_a_heart_attack_says_nothing_about_one():
    # Only a stroke is on the list (no study asks about a heart attack ever): "none of these" answers the stroke
    # question and leaves the heart attack one to be asked.
    catalogue = catalogue_of(
        history_of("stroke", 1), recent("days_since_heart_attack", 2), recent("days_since_stroke", 3)
    )
    shown = catalogue.walk({}).items["other_conditions"]
    assert "stroke" in shown and "heart_attack" not in shown
    walk = catalogue.walk({"other_conditions": ItemsAnswer(frozenset({"none"}), shown)})
    assert walk.next_key == "days_since_heart_attack"
    assert "days_since_stroke" not in walk.next_screen


@pytest.mark.django_db
def test_an_answer_given_before_the_list_is_replaced_by_never_once_the_list_says_none(both_kinds):
    # The patient typed 30 days, then went back and said no heart attack at all: the list is the later, whole answer.
    shown = both_kinds.walk({}).items["other_conditions"]
    answers = {"days_since_heart_attack": Decimal(30), "other_conditions": ItemsAnswer(frozenset({"none"}), shown)}
    [_, recent_result] = evaluate(both_kinds.trials, answers, both_kinds.questions)
    assert [r.outcome for r in recent_result.results] == [Outcome.MET]


def question(apps, key, **fields):
    return apps.get_model("trials", "Question").objects.create(key=key, prompt=key, short_label=key, **fields)


@pytest.mark.django_db(transaction=True)
def test_an_existing_database_asks_how_long_ago_only_after_the_list_unless_an_admin_gated_it_otherwise():
    before, after = (
        [("trials", "0020_question_asked_only_under_age")],
        [("trials", "0021_heart_attack_and_stroke_asked_only_after_the_list")],
    )
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    conditions = question(
        old,
        "other_conditions",
        kind="multiple",
        choices=[{"code": code, "label": code} for code in ("heart_attack", "stroke", "none")],
    )
    sex = question(old, "sex", kind="single", choices=[{"code": c, "label": c} for c in ("female", "male")])
    question(old, "days_since_heart_attack", kind="number", allow_never=True)
    question(
        old,
        "days_since_stroke",
        kind="number",
        allow_never=True,
        asked_only_if=sex,
        asked_only_if_codes=["male"],
        implied_answer="3650",
    )
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    rows = {q.key: q for q in new.get_model("trials", "Question").objects.filter(key__startswith="days_since")}
    assert (rows["days_since_heart_attack"].asked_only_if_id, rows["days_since_heart_attack"].implied_answer) == (
        conditions.pk,
        "never",
    )
    assert rows["days_since_heart_attack"].asked_only_if_codes == ["heart_attack"]
    assert rows["days_since_stroke"].asked_only_if_id == sex.pk  # the admin's own gate stays
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
