"""The two queries every question step makes, with their SQL compiled by the ORM once per database.

A step reads its screening with the catalogue's version and, for an answer, writes the answers back.
That is the hottest path in the app, and the ORM took 0.1–0.4 ms to compile each query, ten to twenty
times what SQLite or PostgreSQL take to run it. So each query is built by the ORM as usual (the same SQL
as the QuerySet it stands for), compiled once with placeholder values, and run with only the values
changed. Results go through the converters the ORM itself would apply. Anything less hot stays plain ORM.
"""

from __future__ import annotations

import uuid

from django.db import connections
from django.db.models.sql import UpdateQuery
from django.utils import timezone

_PLACEHOLDER = uuid.UUID(int=0)
_compiled_sql: dict[tuple[str, str, str], tuple[str, tuple, tuple[int, ...]]] = {}


def read(alias: str, screening_id: uuid.UUID):
    """`Screening.objects.with_catalogue_version().get(pk=screening_id)`, or None."""
    from screener.models import Screening

    connection = connections[alias]
    sql, params, (id_slot,) = _compiled(alias, "read", _read_query)
    params[id_slot] = Screening._meta.pk.get_db_prep_value(screening_id, connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    fields = Screening._meta.concrete_fields
    values = []
    for field, value in zip(fields, row):
        column = field.cached_col
        for convert in connection.ops.get_db_converters(column) + field.get_db_converters(connection):
            value = convert(value, column, connection)
        values.append(value)
    screening = Screening.from_db(alias, [field.attname for field in fields], values)
    screening.catalogue_version = row[len(fields)]
    return screening


def write_answers(screening) -> None:
    """`Screening.objects.filter(pk=...).update(answers=..., updated_at=...)` with the instance's values."""
    alias = screening._state.db or "default"
    connection = connections[alias]
    sql, params, (answers, updated_at, id_slot) = _compiled(alias, "write answers", _answers_update)
    params[answers] = screening._meta.get_field("answers").get_db_prep_save(screening.answers, connection)
    params[updated_at] = screening._meta.get_field("updated_at").get_db_prep_save(screening.updated_at, connection)
    params[id_slot] = screening._meta.pk.get_db_prep_value(screening.pk, connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _compiled(alias: str, name: str, build) -> tuple[str, list, tuple[int, ...]]:
    """(sql, params to fill in, where the values go) for the query `build(alias)` compiles."""
    key = (alias, connections[alias].vendor, name)
    if key not in _compiled_sql:
        _compiled_sql[key] = build(alias)
    sql, params, slots = _compiled_sql[key]
    return sql, list(params), slots


def _read_query(alias: str):
    from screener.models import Screening

    query = Screening.objects.using(alias).with_catalogue_version().filter(pk=_PLACEHOLDER).order_by().query
    sql, params = query.sql_with_params()
    compiler = query.get_compiler(alias)
    compiler.setup_query()
    columns = [getattr(expression, "target", None) for expression, _sql, _alias in compiler.select]
    if columns != [*Screening._meta.concrete_fields, None]:  # read() takes the model's fields, then the version
        raise RuntimeError(f"Unexpected columns in the step's read: {columns}")
    return sql, tuple(params), (_id_slot(list(params), alias),)


def _answers_update(alias: str):
    from screener.models import Screening

    query = UpdateQuery(Screening)
    query.add_update_values({"answers": {}, "updated_at": timezone.now()})
    query.add_filter("pk", _PLACEHOLDER)
    sql, params = query.get_compiler(alias).as_sql()
    params = list(params)
    if len(params) != 3 or sql.index('"answers"') > sql.index('"updated_at"'):
        raise RuntimeError(f"Unexpected SQL for writing answers: {sql}")
    return sql, tuple(params), (0, 1, _id_slot(params, alias))


def _id_slot(params: list, alias: str) -> int:
    from screener.models import Screening

    placeholder = Screening._meta.pk.get_db_prep_value(_PLACEHOLDER, connections[alias])
    if params.count(placeholder) != 1:
        raise RuntimeError("The screening id must appear exactly once in a step's query.")
    return params.index(placeholder)
