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


def criteria_not_met(referral, checks: dict) -> dict[str, list[Criterion]]:
    """By question key, the trial's approved criteria on that question that its check's recorded value would not
    meet (a measured or contradicted check of a number question with a number in its note); keys with none are
    left out. One query for the whole page, whatever the number of checks: the criteria are read once and every
    row is judged with them."""
    recorded = {
        key: number
        for key, check in checks.items()
        if check is not None
        and check.state in ("measured", "contradicted")
        and (number := recorded_number(check.note)) is not None
    }
    if not recorded:
        return {}
    trial = referral.trial
    criteria = list(trial.criteria.approved().select_related("question").order_by("order", "pk"))
    numeric = {c.question.key for c in criteria if c.question_id and c.question.kind == Question.Kind.NUMBER}
    if not numeric & recorded.keys():
        return {}
    trial.approved_criteria = criteria  # `to_rules` judges these, read just now, instead of reading them again
    answers, sources = referral.stored_answers(), referral.stored_sources()
    loaded = catalogue.current()
    not_met = {}
    for key in sorted(numeric & recorded.keys()):
        stored = {**answers, key: str(recorded[key])}
        result = catalogue.judge_current_criteria(
            trial, stored, {k: v for k, v in sources.items() if k != key}, loaded=loaded
        )
        ids = {
            r.criterion.id for r in result.with_outcome(eligibility.Outcome.NOT_MET) if r.criterion.question_key == key
        }
        if ids:
            not_met[key] = [criterion for criterion in criteria if criterion.pk in ids]
    return not_met
