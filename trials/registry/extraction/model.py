"""What the extractor returns: clauses and proposals."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

SPIROMETRY = frozenset({"fev1_pct_pred", "fvc_pct_pred", "fev1_fvc_ratio"})  # measured before or after a bronchodilator


@dataclass(frozen=True)
class Clause:
    kind: str  # "inclusion" or "exclusion"
    text: str  # the clause's words with bullet/number markers and CommonMark escapes removed
    start: int  # original[start:end] is the clause's span
    end: int
    # False when the list was read from layout alone (numbering that restarts, no heading, words that do not settle
    # it): an admin checks whether the clause is an inclusion or an exclusion
    kind_certain: bool = True


@dataclass(frozen=True)
class Proposal:
    kind: str
    variable: str
    lower: Decimal | None = None
    lower_inclusive: bool | None = None
    upper: Decimal | None = None
    upper_inclusive: bool | None = None
    unit: str = ""
    event: str = ""
    quote: str = ""
    confidence: float = 0.0
    values: tuple[str, ...] = ()
    # "post" / "pre" / None for spirometry: which bronchodilator state the clause's value is measured in
    bronchodilator: str | None = None
    # a subgroup's condition the bound holds for ("part A (COPD)"), "" for everyone
    qualifier: str = ""
    # one of either/or bounds in one clause ("DLCO or FVC below 80%"): the admin picks how to combine them
    alternative: bool = False

    def as_json(self, nct_id: str = "") -> dict:
        data = {
            "nct_id": nct_id,
            "kind": self.kind,
            "variable": self.variable,
            "lower": _json_number(self.lower),
            "lower_inclusive": self.lower_inclusive,
            "upper": _json_number(self.upper),
            "upper_inclusive": self.upper_inclusive,
            "unit": self.unit,
            "event": self.event,
            "quote": self.quote,
        }
        if self.values:
            data["values"] = list(self.values)
        if self.variable in SPIROMETRY:
            data["bronchodilator"] = self.bronchodilator
        if self.qualifier:
            data["qualifier"] = self.qualifier
        if self.alternative:
            data["alternative"] = True
        return data


def _json_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
