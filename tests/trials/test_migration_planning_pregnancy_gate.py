"""A database from before the age limit could hold for some answers only gets it on planning a pregnancy: asked of
women younger than the pregnancy question's limit and of men at any age (decision 0080)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("trials", "0021_heart_attack_and_stroke_asked_only_after_the_list")]
AFTER = [("trials", "0022_planning_a_pregnancy_is_asked_of_women_only_below_an_age")]


@pytest.mark.django_db(transaction=True)
def test_an_existing_database_asks_pregnancy_plans_of_women_only_below_the_pregnancy_age():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    Question = executor.loader.project_state(BEFORE).apps.get_model("trials", "Question")
    sex = Question.objects.create(
        key="sex",
        prompt="sex",
        short_label="sex",
        kind="single",
        choices=[{"code": code, "label": code} for code in ("female", "male")],
    )
    Question.objects.create(
        key="pregnant_or_breastfeeding",
        prompt="p",
        short_label="p",
        kind="yes_no",
        asked_only_if=sex,
        asked_only_if_codes=["female"],
        asked_only_under_age=52,  # an admin's own limit: the plans question follows it
        implied_answer="no",
    )
    Question.objects.create(key="planning_pregnancy_12m", prompt="q", short_label="q", kind="yes_no")
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    Question = executor.loader.project_state(AFTER).apps.get_model("trials", "Question")
    planning = Question.objects.get(key="planning_pregnancy_12m")
    assert (
        planning.asked_only_if_id,
        planning.asked_only_if_codes,
        planning.asked_only_under_age,
        planning.asked_only_under_age_for,
        planning.implied_answer,
    ) == (sex.pk, ["female", "male"], 52, ["female"], "no")
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
