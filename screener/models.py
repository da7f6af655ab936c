"""A patient's pass through the questionnaire."""

from __future__ import annotations

import uuid

from django.db import connections, models
from django.db.models import Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.sql import UpdateQuery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ScreeningQuerySet(models.QuerySet):
    def owned_by(self, screening_ids):
        """Only the screenings this browser started (see screener.ownership): an id in a URL alone opens nothing."""
        return self.filter(pk__in=screening_ids)

    def with_catalogue_version(self):
        """Read the catalogue's version in the same query, so a question step needs only this one read."""
        from trials.models import CatalogueVersion

        number = CatalogueVersion.objects.filter(pk=1).values("number")[:1]
        return self.annotate(catalogue_version=Coalesce(Subquery(number), Value(0)))

    def owned_for_step(self, screening_id: uuid.UUID, owned_ids: list[str]) -> Screening | None:
        """The screening, if this browser owns it, with `catalogue_version`: what every question step reads.

        The same query as `owned_by(owned_ids).with_catalogue_version().get(pk=screening_id)`, with its
        SQL compiled once (see `_compiled`).
        """
        if str(screening_id) not in owned_ids:
            return None
        connection = connections[self.db]
        sql, params, slots = _compiled(self.db, "read", _read_query)
        params[slots[0]] = Screening._meta.pk.get_db_prep_value(screening_id, connection)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        # What QuerySet.raw() would do, without its per-call set-up: each column through the converters
        # the ORM would apply (UUID, JSON and dates differ by database), then a model instance.
        fields = Screening._meta.concrete_fields
        values = []
        for field, value in zip(fields, row):
            column = field.cached_col
            for convert in connection.ops.get_db_converters(column) + field.get_db_converters(connection):
                value = convert(value, column, connection)
            values.append(value)
        screening = Screening.from_db(self.db, [field.attname for field in fields], values)
        screening.catalogue_version = row[len(fields)]
        return screening


# A question step is the hottest path in the app, and the ORM takes 0.1–0.4 ms to compile each of its
# two queries, ten to twenty times what the database takes to run them. So each is built by the ORM as
# usual, compiled once per database with placeholder values, and then run with only the values changed.

_PLACEHOLDER = uuid.UUID(int=0)
_compiled_sql: dict[tuple[str, str, str], tuple[str, tuple, tuple[int, ...]]] = {}


def _compiled(alias: str, name: str, build) -> tuple[str, list, tuple[int, ...]]:
    """(sql, params to fill in, the slots of the values) for a query `build(alias)` compiles."""
    key = (alias, connections[alias].vendor, name)
    if key not in _compiled_sql:
        _compiled_sql[key] = build(alias)
    sql, params, slots = _compiled_sql[key]
    return sql, list(params), slots


def _id_slot(params, alias: str) -> int:
    placeholder = Screening._meta.pk.get_db_prep_value(_PLACEHOLDER, connections[alias])
    assert params.count(placeholder) == 1, "the screening id must appear once in the compiled query"
    return params.index(placeholder)


def _read_query(alias: str):
    query = Screening.objects.using(alias).with_catalogue_version().filter(pk=_PLACEHOLDER).order_by().query
    sql, params = query.sql_with_params()
    # Every concrete field in model order, then the version: the order owned_for_step() reads them in.
    compiler = query.get_compiler(alias)
    compiler.setup_query()
    columns = [getattr(expression, "target", None) for expression, _sql, _alias in compiler.select]
    assert columns[:-1] == list(Screening._meta.concrete_fields) and columns[-1] is None, columns
    return sql, tuple(params), (_id_slot(list(params), alias),)


def _answer_update(alias: str):
    query = UpdateQuery(Screening)
    query.add_update_values({"answers": {}, "updated_at": timezone.now()})
    query.add_filter("pk", _PLACEHOLDER)
    sql, params = query.get_compiler(alias).as_sql()
    params = list(params)
    assert len(params) == 3 and sql.index('"answers"') < sql.index('"updated_at"'), sql
    return sql, tuple(params), (0, 1, _id_slot(params, alias))


class Screening(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    answers = models.JSONField(
        _("answers"), default=dict, blank=True, help_text=_("{question key: stored answer}; null means “I don’t know”.")
    )
    language = models.CharField(_("language"), max_length=16, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScreeningQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")

    def __str__(self) -> str:
        return str(self.id)

    @classmethod
    def start(cls, language: str = "") -> Screening:
        return cls.objects.create(language=language)

    def record_answer(self, key: str, stored) -> None:
        self.answers = {**self.answers, key: stored}
        self.updated_at = timezone.now()
        # Screening.objects.filter(pk=self.pk).update(answers=..., updated_at=...), compiled once.
        alias = self._state.db or "default"
        connection = connections[alias]
        sql, params, (answers, updated_at, pk) = _compiled(alias, "answer", _answer_update)
        params[answers] = self._meta.get_field("answers").get_db_prep_save(self.answers, connection)
        params[updated_at] = self._meta.get_field("updated_at").get_db_prep_save(self.updated_at, connection)
        params[pk] = self._meta.pk.get_db_prep_value(self.pk, connection)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


from screener.referrals import (  # noqa: E402  (the referral models live in their own module)
    AccessLog,
    AnswerCheck,
    ConsentText,
    Referral,
    ReferralEvent,
    StaffMembership,
)

__all__ = ["Screening", "AccessLog", "AnswerCheck", "ConsentText", "Referral", "ReferralEvent", "StaffMembership"]
