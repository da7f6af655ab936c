"""Where a patient's number stands on a trial's range: the drawing's geometry and its words.

`picture(criterion, stored)` gives what `questionnaire/_range_picture.html` draws as an inline SVG (the
allowed band or bands, each end open or closed, the patient's mark) and the sentence that says the same
for anyone who cannot see it. Only presentation attributes are used, so the strict CSP holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from screener.templatetags.screener_tags import between_sentences
from trials import wording
from trials.eligibility import to_decimal

WIDTH, LEFT, RIGHT, AXIS_Y = 320, 16, 304, 30


@dataclass(frozen=True)
class End:
    value: Decimal | None  # None: the band runs on past the picture's edge
    inclusive: bool


@dataclass(frozen=True)
class Band:
    low: End
    high: End
    x1: float = 0
    x2: float = 0


def allowed_bands(criterion) -> list[tuple[End, End]]:
    """The answers that keep the criterion met, as intervals: the rule itself for an inclusion,
    what lies outside it for an exclusion."""
    low, high = criterion.min_value, criterion.max_value
    if criterion.kind == "inclusion":
        return [(End(low, criterion.min_inclusive), End(high, criterion.max_inclusive))]
    bands = []
    if low is not None:
        bands.append((End(None, False), End(low, not criterion.min_inclusive)))
    if high is not None:
        bands.append((End(high, not criterion.max_inclusive), End(None, False)))
    return bands


def picture(criterion, stored) -> dict | None:
    """Everything the template needs, or None when the criterion is not a number rule."""
    question = getattr(criterion, "question", None)
    if question is None or question.kind != "number" or (criterion.min_value is None and criterion.max_value is None):
        return None
    if getattr(criterion, "time_unit", ""):
        return None  # a window in calendar months or years has no place on a line of days
    value = to_decimal(stored)
    if value is not None and not value.is_finite():
        value = None  # "never": beyond any window, nothing to place on the line
    bands = allowed_bands(criterion)
    points = [p for p in (criterion.min_value, criterion.max_value, value) if p is not None]
    start, end = min(points), max(points)
    pad = (end - start) * Decimal("0.3") or max(abs(start) * Decimal("0.5"), Decimal(1))
    start, end = start - pad, end + pad
    if question.min_value is not None and start < question.min_value <= min(points):
        start = question.min_value
    if question.max_value is not None and end > question.max_value >= max(points):
        end = question.max_value
    if end == start:
        end = start + 1

    def x(number: Decimal) -> float:
        return round(LEFT + float((number - start) / (end - start)) * (RIGHT - LEFT), 1)

    drawn = [
        Band(
            low,
            high,
            x(low.value) if low.value is not None else LEFT,
            x(high.value) if high.value is not None else RIGHT,
        )
        for low, high in bands
    ]
    # A band that runs to the lowest (or highest) answer anyone can give stops there: no arrow.
    at_limit = {"low": start == question.min_value, "high": end == question.max_value}
    inside = None if value is None else any(_within(value, low, high) for low, high in bands)
    return {
        "bands": [{"x": band.x1, "width": round(band.x2 - band.x1, 1)} for band in drawn],
        "ends": [
            _end(band.x1 if side == "low" else band.x2, end_, side, at_limit[side])
            for band in drawn
            for side, end_ in (("low", band.low), ("high", band.high))
        ],
        "mark": None
        if value is None
        else {"x": x(value), "label_x": min(max(x(value), 40), WIDTH - 40), "label": question.format_number(value)},
        "inside": inside,
        "width": WIDTH,
        "axis_y": AXIS_Y,
        "left": LEFT,
        "right": RIGHT,
        "text": words(question, bands, value, inside),
    }


def _end(x: float, end: End, side: str, at_limit: bool) -> dict:
    """A closed end is a filled dot, an open end a hollow one; a band with no end gets an arrow."""
    arrow = ""
    if end.value is None and at_limit:
        return {"x": x, "closed": False, "arrow": "", "none": True}
    if end.value is None:
        tip, back = (x - 2, x + 8) if side == "low" else (x + 2, x - 8)
        arrow = f"{tip},{AXIS_Y} {back},{AXIS_Y - 7} {back},{AXIS_Y + 7}"
    return {"x": x, "closed": end.inclusive, "arrow": arrow}


def _within(value: Decimal, low: End, high: End) -> bool:
    if low.value is not None and (value < low.value or (value == low.value and not low.inclusive)):
        return False
    if high.value is not None and (value > high.value or (value == high.value and not high.inclusive)):
        return False
    return True


def band_words(question, low: End, high: End) -> str:
    """A band after the question's label ("Allowed hours of oxygen therapy a day: 15 hours or less"): the unit
    said once, its rate not again (`wording.number_after_label`)."""

    def fmt(value):
        return wording.number_after_label(question, value)

    if low.value is not None and high.value is not None:
        both = {
            "low": wording.lower_of_a_range(question, low.value, wording.number_after_label),
            "high": fmt(high.value),
        }
        if low.inclusive and high.inclusive:
            return _("from %(low)s to %(high)s, both included") % both
        if low.inclusive:
            return _("from %(low)s (included) to under %(high)s") % both
        if high.inclusive:
            return _("over %(low)s up to %(high)s (included)") % both
        return _("between %(low)s and %(high)s, neither included") % both
    if low.value is not None:
        return (_("%(low)s or more") if low.inclusive else _("more than %(low)s")) % {"low": fmt(low.value)}
    return (_("%(high)s or less") if high.inclusive else _("less than %(high)s")) % {"high": fmt(high.value)}


def words(question, bands, value, inside) -> str:
    allowed = _(" or ").join(band_words(question, low, high) for low, high in bands)
    sentence = _("Allowed %(what)s: %(allowed)s.") % {"what": question.short_label, "allowed": allowed}
    if value is None:
        return sentence + between_sentences() + _("Yours is not known yet.")
    where = _("inside the allowed range") if inside else _("outside the allowed range")
    yours = _("Yours: %(value)s, %(where)s.") % {"value": question.format_number(value), "where": where}
    return sentence + between_sentences() + yours
