"""The seed trials' copy (tests/seeding.py): the database the command writes, and used only where it would be."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from tests import seeding
from trials.models import CatalogueChange, Criterion, Question, Trial

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_copies_yet(monkeypatch):
    monkeypatch.setattr(seeding, "_copies", [])


@pytest.fixture
def as_copied():
    """A copy of the seed exists (made here if no test made one before); the database as it holds it."""
    in_a_rolled_back_block(seeding.load_seed_trials)
    return in_a_rolled_back_block(seeding.load_seed_trials)[1]


def database() -> dict[str, list]:
    """Every table's rows as stored, in order, with SQLite's id counters."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if connection.vendor == "sqlite":
            tables.append("sqlite_sequence")
        found = {}
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            found[table] = sorted(map(repr, cursor.fetchall()))
        return found


def in_a_rolled_back_block(load):
    point = transaction.savepoint()
    try:
        result = load()
        return result, database()
    finally:
        transaction.savepoint_rollback(point)


def test_a_copied_seed_is_the_database_the_command_wrote(no_copies_yet):
    empty = database()
    ran, by_the_command = in_a_rolled_back_block(seeding.load_seed_trials)
    assert database() == empty
    copied, by_the_copy = in_a_rolled_back_block(seeding.load_seed_trials)
    assert (ran, copied) == (False, True)
    assert by_the_copy == by_the_command
    assert by_the_copy != empty


def test_rows_added_after_a_copy_get_new_ids(as_copied):
    assert seeding.load_seed_trials() is True
    copied_ids = set(CatalogueChange.objects.values_list("pk", flat=True))
    added = CatalogueChange.objects.create(version=0)
    assert added.pk not in copied_ids
    assert added.pk > max(copied_ids)


def test_the_command_finds_a_copied_seed_already_loaded(as_copied):
    assert seeding.load_seed_trials() is True
    before = (list(Trial.objects.values()), list(Criterion.objects.values()), list(Question.objects.values()))
    call_command("load_seed_trials", stdout=StringIO())
    assert (list(Trial.objects.values()), list(Criterion.objects.values()), list(Question.objects.values())) == before


def test_a_database_already_holding_a_question_gets_the_command_itself(as_copied):
    Question.objects.create(key="shoe_size", prompt="What is your shoe size?", kind="number")
    assert seeding.load_seed_trials() is False
    assert Trial.objects.published().count() == 2
    assert Question.objects.filter(key="shoe_size").exists()


def test_other_settings_get_the_command_itself(as_copied, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    assert seeding.load_seed_trials() is False
    # With no task run at once, the criteria wait for a worker's drafting: not the database the copy holds.
    assert database() != as_copied


def test_the_same_settings_as_the_copy_get_the_copy(as_copied, settings):
    settings.TASKS = {"default": {"BACKEND": settings.TASKS["default"]["BACKEND"]}}
    assert seeding.load_seed_trials() is True
