"""Meeting patients with the papers they hold: raw lung function, lab values with their range, dates.

A question gets a helper from its key, kind and unit alone, so any question added later (by an admin or
the registry review) gets the same help:

- a number question whose key is `fev1_pct_pred`, `fvc_pct_pred`, `dlco_pct_pred` or `tlco_pct_pred` (or
  `fev1_pct_pred_post`, `fvc_pct_pred_post`, the same after a bronchodilator):
  the raw value (litres; mL/min/mmHg or mmol/min/kPa for DLCO) with height, age and sex gives the
  % of predicted, by a published reference equation (`percent_predicted`);
- a number question whose unit is "x ULN" (or "× ULN"): the value and the upper limit of normal printed
  beside it give the multiple (`times_uln`);
- a number question whose unit is "days ago", "weeks ago" or "months ago", or an event question
  (`days_since_<event>`, unit "days", which time windows are judged on): the date of the event gives
  the time since it (`time_since`), so one date answers every "within N weeks/months" criterion on it.

Every function returns a `Computed` (the answer as the question stores it, plus what it came from) or
raises `CannotCompute` with a message for the patient. `today` is always passed in, never read here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trials.number_input import plain

PCT_PRED = "pct_pred"
TIMES_ULN = "x_uln"
EVENT_DATE = "event_date"
BMI = "bmi"
BMI_UNITS = {"kg/m2", "kg/m²"}

PCT_PRED_MEASURES = {"fev1": "FEV1", "fvc": "FVC", "dlco": "DLCO", "tlco": "DLCO"}
ULN_UNITS = {"x uln", "× uln", "xuln"}
TIME_UNITS = {"days ago": "days", "weeks ago": "weeks", "months ago": "months", "days": "days"}
# The event questions that time windows and durations are judged on ("days_since_pneumonia", "days_on_current_treatment",
# "days_with_symptoms", unit "days"): a date answers them.
EVENT_KEY_PREFIX = "days_since_"
EVENT_KEY_PREFIXES = (EVENT_KEY_PREFIX, "days_on_", "days_with_")

# Units a report prints each raw value in, and the factor to the unit the equation takes.
RAW_UNITS = {
    "FEV1": {"L": Decimal(1), "mL": Decimal("0.001")},
    "FVC": {"L": Decimal(1), "mL": Decimal("0.001")},
    "DLCO": {"mL/min/mmHg": Decimal(1), "mmol/min/kPa": Decimal(1)},
}
# Plausible raw values per unit (people, not trials): beyond them a typing slip is likelier than a lung.
RAW_RANGES = {
    ("FEV1", "L"): (Decimal("0.1"), Decimal("8")),
    ("FVC", "L"): (Decimal("0.2"), Decimal("10")),
    ("DLCO", "mL/min/mmHg"): (Decimal("1"), Decimal("60")),
    ("DLCO", "mmol/min/kPa"): (Decimal("0.3"), Decimal("20")),
}
HEIGHT_RANGE_CM = (Decimal(100), Decimal(230))
_GLI_GLOBAL = gettext_lazy("GLI Global 2022 (Bowerman et al., Am J Respir Crit Care Med 2023), race-neutral")
EQUATIONS = {  # named in the patient's language when the answer is worked out
    "FEV1": _GLI_GLOBAL,
    "FVC": _GLI_GLOBAL,
    "DLCO": gettext_lazy("GLI 2017 transfer factor (Stanojevic et al., Eur Respir J 2017, with the 2020 erratum)"),
}
# The ages each equation was built from: GLI Global 3–95 years; GLI 2017 5–85 years (its calculator refuses older).
AGE_RANGES = {"FEV1": (3, 95), "FVC": (3, 95), "DLCO": (5, 85)}


class CannotCompute(ValueError):
    """The inputs cannot give an answer; the message says why, for the patient."""


@dataclass(frozen=True)
class Computed:
    stored: str  # the answer as the question stores it: a plain number string, as if typed
    method: str  # PCT_PRED, TIMES_ULN or EVENT_DATE
    inputs: dict[str, str] = field(default_factory=dict)
    equation: str = ""

    def as_source(self) -> dict:
        """What a screening keeps beside the answer, so the patient and staff see it was computed."""
        return {"computed": True, "method": self.method, "inputs": dict(self.inputs), "equation": self.equation}


def helper_for(key: str, kind: str, unit: str) -> str | None:
    """Which helper a question gets (PCT_PRED, TIMES_ULN, EVENT_DATE, BMI), or None."""
    if kind != "number":
        return None
    if pct_pred_measure(key):
        return PCT_PRED
    if unit.strip().lower() in BMI_UNITS:
        return BMI
    if unit.strip().lower() in ULN_UNITS:
        return TIMES_ULN
    unit = unit.strip().lower()
    if unit in TIME_UNITS and (unit.endswith(" ago") or key.startswith(EVENT_KEY_PREFIXES)):
        return EVENT_DATE
    return None


def pct_pred_measure(key: str) -> str | None:
    """ "FEV1", "FVC" or "DLCO" for a % predicted question's key; None for any other key."""
    prefix, _, suffix = key.partition("_")
    return PCT_PRED_MEASURES.get(prefix) if suffix in ("pct_pred", "pct_pred_post") else None


def percent_predicted(measure: str, value: Decimal, unit: str, height_cm: Decimal, age: Decimal, sex: str) -> Computed:
    """The measured value as a % of the predicted value, to one decimal place.

    Spirometry (FEV1, FVC) uses the race-neutral GLI Global 2022 equations; DLCO the GLI 2017 equations
    (traditional units mL/min/mmHg, or SI mmol/min/kPa, which the equations call TLCO). Both as
    implemented by the pyspiro package, which carries the published look-up tables.
    """
    if measure not in RAW_UNITS or unit not in RAW_UNITS[measure]:
        raise CannotCompute(_("Choose one of the units: %(units)s.") % {"units": ", ".join(RAW_UNITS.get(measure, {}))})
    if sex not in ("female", "male"):
        raise CannotCompute(_("The reference equations need your sex at birth: female or male."))
    factor = RAW_UNITS[measure][unit]
    low, high = RAW_RANGES[(measure, "L" if factor != 1 else unit)]
    if not low <= value * factor <= high:
        raise CannotCompute(
            _("Enter a value from %(low)s to %(high)s %(unit)s.")
            % {"low": plain(low / factor), "high": plain(high / factor), "unit": unit}
        )
    if not HEIGHT_RANGE_CM[0] <= height_cm <= HEIGHT_RANGE_CM[1]:
        raise CannotCompute(
            _("Enter a height from %(low)s to %(high)s cm.") % {"low": HEIGHT_RANGE_CM[0], "high": HEIGHT_RANGE_CM[1]}
        )
    age_low, age_high = AGE_RANGES[measure]
    if not age_low <= age <= age_high:
        raise CannotCompute(
            _("The reference equation covers ages %(low)s to %(high)s only: ask the clinic for the %% predicted.")
            % {"low": age_low, "high": age_high}
        )
    percent = _pyspiro_percent(measure, float(value * factor), unit, float(height_cm), float(age), sex)
    if percent is None:
        raise CannotCompute(
            _("The reference equation has no value for these details: ask the clinic for the % predicted.")
        )
    stored = plain(Decimal(str(percent)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    inputs = {
        "value": plain(value),
        "unit": unit,
        "height_cm": plain(height_cm),
        "age": plain(age),
        "sex": sex,
    }
    return Computed(stored=stored, method=PCT_PRED, inputs=inputs, equation=str(EQUATIONS[measure]))


def _pyspiro_percent(measure: str, value: float, unit: str, height_cm: float, age: float, sex: str) -> float | None:
    import pandas as pd
    import pyspiro

    sex_code = 1 if sex == "male" else 0
    if measure == "DLCO":
        equation = pyspiro.GLI_2017()
        parameter = equation.Parameters.TLCO if unit == "mmol/min/kPa" else equation.Parameters.DLCO
        # percent() = 100 × measured / predicted median (M of the LMS triplet), on pyspiro's rounding.
        _, median, _ = equation.lms(sex_code, age, height_cm, parameter, value)
    else:
        equation = pyspiro.BOWERMAN_2022()
        parameter = equation.Parameters[measure]
        _, median, _ = equation.lms(sex_code, age, height_cm, parameter, value)
    if median is None or pd.isna(median) or not median:
        return None
    return 100 * value / float(median)


def times_uln(value: Decimal, upper_limit: Decimal) -> Computed:
    """The value as a multiple of the upper limit of normal, to two decimal places."""
    if value < 0:
        raise CannotCompute(_("The value must be 0 or more."))
    if upper_limit <= 0:
        raise CannotCompute(_("The upper limit must be more than 0."))
    multiple = (value / upper_limit).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return Computed(
        stored=plain(multiple), method=TIMES_ULN, inputs={"value": plain(value), "upper_limit": plain(upper_limit)}
    )


def body_mass_index(height_cm: Decimal, weight_kg: Decimal) -> Computed:
    """Weight in kg over height in metres squared, to one decimal place. A height under 3 is read as metres
    (people type 1.70 as often as 170); a height or weight no person has is refused, politely."""
    height_as_typed = height_cm
    if 0 < height_cm < 3:
        height_cm = height_cm * 100
    if not (Decimal(40) <= height_cm <= Decimal(250)):
        raise CannotCompute(_("Enter your height in centimetres, for example 170."))
    if not (Decimal(10) <= weight_kg <= Decimal(400)):
        raise CannotCompute(_("Enter your weight in kilograms, for example 70."))
    metres = height_cm / 100
    bmi = (weight_kg / (metres * metres)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return Computed(
        stored=plain(bmi),
        method=BMI,
        inputs={
            "height_cm": plain(height_cm),
            "weight_kg": plain(weight_kg),
            "height_as_typed": plain(height_as_typed),
        },
        equation="weight (kg) / height (m)²",
    )


def time_since(event: datetime.date, today: datetime.date, unit: str) -> Computed:
    """Whole days, weeks or months from the event to today, as a question with that unit stores it.

    Whole units that have passed (an event 27 days ago is 3 weeks ago, not 4), as people count them.
    """
    span = TIME_UNITS.get(unit.strip().lower())
    if span is None:
        raise CannotCompute(f"Not a time unit: {unit}.")
    if event > today:
        raise CannotCompute(_("The date must be today or in the past."))
    if span == "days":
        amount = (today - event).days
    elif span == "weeks":
        amount = (today - event).days // 7
    else:
        delta = relativedelta(today, event)
        amount = delta.years * 12 + delta.months
    return Computed(
        stored=str(amount), method=EVENT_DATE, inputs={"date": event.isoformat(), "today": today.isoformat()}
    )
