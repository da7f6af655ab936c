"""What a nurse's answer check means for the study's criteria: a value recorded in a check (measured, or the
records' figure on a contradiction) that the trial's current criteria would not accept is flagged beside it."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from trials import catalogue, eligibility
from trials.models import Criterion, Question

NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")


def recorded_number(note: str) -> Decimal | None:
    """The first number in a check's note ("5", "病历显示5次", "FEV1 42%", full-width digits too), or None."""
    found = NUMBER.search(unicodedata.normalize("NFKC", note or ""))
    if found is None:
        return None
    try:
        return Decimal(found.group().replace(",", "."))
    except InvalidOperation:
        return None


def criteria_not_met(referral, key: str, check) -> list[Criterion]:
    """The trial's approved criteria on this question that the check's recorded value would not meet (for a
    number question, a measured or contradicted check with a number in its note); empty otherwise."""
    if check is None or check.state not in ("measured", "contradicted"):
        return []
    number = recorded_number(check.note)
    question = Question.objects.filter(key=key).first()
    if number is None or question is None or question.kind != Question.Kind.NUMBER:
        return []
    stored = {**referral.stored_answers(), key: str(number)}
    sources = {k: v for k, v in referral.stored_sources().items() if k != key}
    result = catalogue.judge_current_criteria(referral.trial, stored, sources)
    ids = [r.criterion.id for r in result.with_outcome(eligibility.Outcome.NOT_MET) if r.criterion.question_key == key]
    return list(Criterion.objects.filter(pk__in=ids).select_related("question").order_by("order", "pk"))
