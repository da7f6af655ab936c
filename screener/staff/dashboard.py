"""Figures for a site's dashboard: referrals per status, per study over time, and the funnel.

Always computed from `Referral.objects.visible_to(user)` narrowed by the list's own filters.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import Count
from django.db.models.functions import TruncWeek
from django.utils.translation import pgettext_lazy

from screener.referrals.models import Referral, ReferralEvent

# Each stage counts the referrals that reached it or any later one.
FUNNEL = [
    ("sent", pgettext_lazy("funnel stage", "Sent"), set(Referral.Status.values)),
    ("contacted", pgettext_lazy("funnel stage", "Contacted"), {"contacted", "pre_screening", "eligible", "enrolled"}),
    ("pre_screening", pgettext_lazy("funnel stage", "Pre-screening"), {"pre_screening", "eligible", "enrolled"}),
    ("eligible", pgettext_lazy("funnel stage", "Eligible"), {"eligible", "enrolled"}),
    ("enrolled", pgettext_lazy("funnel stage", "Enrolled"), {"enrolled"}),
]


# In SVG units, drawn 1:1 on a 360 px phone: each row is its label above its bar, so nothing is squeezed.
CHART_WIDTH, ROW_HEIGHT, BAR_ROOM = 320, 52, 260


def bars(rows: list[tuple[str, int]]) -> dict:
    """Rows for a horizontal bar chart: label, value and the bar's length in per cent of the longest."""
    top = max((value for _label, value in rows), default=0) or 1
    return {
        "rows": [
            {
                "label": label,
                "value": value,
                "label_y": i * ROW_HEIGHT + 18,
                "bar_y": i * ROW_HEIGHT + 24,
                "value_y": i * ROW_HEIGHT + 40,
                "width": max(round(BAR_ROOM * value / top), 1 if value else 0),
                "value_x": round(BAR_ROOM * value / top) + 6,
            }
            for i, (label, value) in enumerate(rows)
        ],
        "width": CHART_WIDTH,
        "height": max(len(rows), 1) * ROW_HEIGHT,
        "total": sum(value for _label, value in rows),
    }


def per_status(referrals) -> dict:
    counts = dict(referrals.order_by().values_list("status").annotate(n=Count("pk")))
    return bars([(label, counts.get(value, 0)) for value, label in Referral.Status.choices])


def per_trial_over_time(referrals, weeks: int = 12) -> dict:
    rows = (
        referrals.order_by()
        .annotate(week=TruncWeek("created_at"))
        .values_list("week", "trial__nct_id")
        .annotate(n=Count("pk"))
        .order_by("-week", "trial__nct_id")
    )
    rows = list(rows)
    recent = sorted({week for week, _trial, _n in rows}, reverse=True)[:weeks]
    shown = [(f"{week:%Y-%m-%d} · {trial}", n) for week, trial, n in rows if week in recent]
    return {**bars(list(reversed(shown))), "weeks": len(recent)}


def funnel(referrals) -> dict:
    reached: dict = {pk: {status} for pk, status in referrals.values_list("pk", "status")}
    events = ReferralEvent.objects.filter(referral__in=referrals.values("pk"), kind=ReferralEvent.Kind.STATUS)
    for referral_id, status in events.values_list("referral_id", "to_status"):
        reached.setdefault(referral_id, set()).add(status)
    counts = Counter()
    for statuses in reached.values():
        for key, _label, stage in FUNNEL:
            if statuses & stage:
                counts[key] += 1
    return bars([(label, counts[key]) for key, label, _stage in FUNNEL])
