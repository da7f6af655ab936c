"""The seed trials for tests: `load_seed_trials` once, then the rows it wrote, written again.

Loading the seed imports both studies, drafts criteria from their eligibility texts and adopts them: seconds
of work, and hundreds of tests start from it. The first test that asks runs the command and keeps a copy of
every row it added (read back from the database as stored, every table, the history tables too). A later test
gets that copy, inserted in one transaction, when its database and settings are as the command found them
then: the tables the seed fills are empty and every setting is the same. Any other test (a trial or a question
already there, another task backend, ...) runs the command itself, and leaves a copy for its own settings (a few
are kept, the least recently used dropped, so tests with settings of their own never crowd out the usual ones).

Rows keep the primary keys the command gave them, and each table's id sequence is moved past them, so rows a
test adds next do not collide. Times and random ids (a site's public id, the catalogue's epoch) are the first
run's. tests/test_seeding.py checks that a copied seed is what the command writes.
"""

from __future__ import annotations

import io
import itertools
from collections import Counter
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

COPIES_KEPT = 4  # one per distinct settings the seed ran under, the least recently used dropped first


@dataclass(eq=False)
class Copy:
    settings: dict
    rows: dict[str, tuple[list[str], list[tuple]]]  # table: its columns, the rows the command added
    sequences: dict[str, int]  # SQLite: table: its AUTOINCREMENT counter after the command


_copies: list[Copy] = []


def load_seed_trials() -> bool:
    """Load the seed into the current database; True when a copy was written, False when the command ran."""
    current = _settings()
    for copy in _copies:
        if copy.settings == current and _all_empty(copy.rows):
            _write(copy)
            _copies.remove(copy)
            _copies.append(copy)
            return True
    before = _everything()
    _run_the_command()
    if copy := _copy_of_what_was_added(before, _everything(), current):
        _copies.append(copy)
        del _copies[:-COPIES_KEPT]
    return False


def _run_the_command() -> None:
    call_command("load_seed_trials", verbosity=0, stdout=io.StringIO())


def _settings() -> dict:
    return {name: getattr(settings, name) for name in dir(settings) if name.isupper()}


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def _everything() -> dict[str, tuple[list[str], Counter]]:
    """Every table's rows, as the database stores them (SQLite's AUTOINCREMENT counters as `sqlite_sequence`)."""
    tables = _tables() + (["sqlite_sequence"] if connection.vendor == "sqlite" else [])
    found = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {_quote(table)}")
            found[table] = ([column[0] for column in cursor.description], Counter(map(tuple, cursor.fetchall())))
    return found


def _copy_of_what_was_added(before, after, current_settings) -> Copy | None:
    """The command's rows, when all it did was fill empty tables (anything else is not kept)."""
    sequences = dict(after.pop("sqlite_sequence", ([], Counter()))[1])
    before.pop("sqlite_sequence", None)
    rows = {}
    for table, (columns, found) in after.items():
        was = before.get(table, (columns, Counter()))[1]
        if found == was:
            continue
        if was:  # the command changed a table that already held rows: only a fresh database is copied
            return None
        rows[table] = (columns, list(found.elements()))
    if not rows:
        return None
    return Copy(current_settings, rows, {table: sequences[table] for table in rows if table in sequences})


def _all_empty(rows) -> bool:
    query = " OR ".join(f"EXISTS (SELECT 1 FROM {_quote(table)})" for table in rows)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {query}")
        return not cursor.fetchone()[0]


def _write(copy: Copy) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        for table, (columns, rows) in copy.rows.items():
            names = ", ".join(_quote(column) for column in columns)
            places = ", ".join(itertools.repeat("%s", len(columns)))
            cursor.executemany(f"INSERT INTO {_quote(table)} ({names}) VALUES ({places})", rows)
        if connection.vendor == "sqlite":
            for table, number in copy.sequences.items():
                cursor.execute("UPDATE sqlite_sequence SET seq = MAX(seq, %s) WHERE name = %s", [number, table])
                if not cursor.rowcount:
                    cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, number])
        else:
            models = [
                model for model in apps.get_models(include_auto_created=True) if model._meta.db_table in copy.rows
            ]
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
