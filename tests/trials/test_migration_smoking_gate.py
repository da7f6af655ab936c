"""A database from before the smoking questions were gated gets the gate on pack-years and on quitting."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("trials", "0018_trial_search_index")]
AFTER = [("trials", "0019_smoking_questions_are_asked_only_of_smokers")]


def question(apps, key, **fields):
    return apps.get_model("trials", "Question").objects.create(key=key, prompt=key, short_label=key, **fields)


@pytest.mark.django_db(transaction=True)
def test_an_existing_database_asks_pack_years_and_quitting_only_of_smokers():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    status = question(
        old,
        "smoking_status",
        kind="single",
        choices=[{"code": code, "label": code} for code in ("current", "former", "never")],
    )
    question(old, "pack_years", kind="number")
    question(old, "days_since_quit_smoking", kind="number")
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    gated = {q.key: q for q in new.get_model("trials", "Question").objects.filter(asked_only_if=status.pk)}
    assert {key: (q.asked_only_if_codes, q.implied_answer) for key, q in gated.items()} == {
        "pack_years": (["current", "former"], "0"),
        "days_since_quit_smoking": (["current", "former"], "3650"),
    }
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
