"""Forms that work an answer out from what the patient's papers show (see screener.questionnaire.measurements).

Each form takes the question it helps with; when valid, `form.computed` holds the answer as the
question stores it and `form.summary()` says in words what it was worked out from.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from screener.questionnaire import measurements
from trials.models import Question
from trials.number_input import AmbiguousNumber, NotANumber, parse_number, plain

TEXT_INPUT = {"class": "input input-short", "inputmode": "decimal", "autocomplete": "off", "spellcheck": "false"}
SEXES = [("female", _("Female")), ("male", _("Male"))]


def helper_kind(question: Question) -> str | None:
    return measurements.helper_for(question.key, question.kind, question.unit or "")


def link_text(question: Question) -> str:
    """The question page's link to its helper, naming what the patient's papers show instead."""
    kind = helper_kind(question)
    if kind == measurements.PCT_PRED:
        if measurements.pct_pred_measure(question.key) == "DLCO":
            return str(_("My report shows DLCO in mL/min/mmHg or mmol/min/kPa, not “% Pred”"))
        return str(_("My report shows litres (L), not “% Pred”"))
    if kind == measurements.TIMES_ULN:
        return str(_("My report shows the value and its normal range, not “× ULN”"))
    if kind == measurements.EVENT_DATE:
        return str(_("I know the date instead"))
    if kind == measurements.BMI:
        return str(_("I know my height and weight instead"))
    return ""


def number_field(label, help_text=""):
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=30,
        strip=True,
        error_messages={"required": _("Enter a number.")},
        widget=forms.TextInput(attrs=TEXT_INPUT),
    )


def read_number(text: str, example: str = "") -> Decimal:
    try:
        number = parse_number(text)
    except AmbiguousNumber as error:
        raise ValidationError(
            _("“%(text)s” could mean %(one)s or %(other)s. Type it again without the comma.")
            % {"text": text, "one": plain(error.readings[0]), "other": plain(error.readings[1])}
        ) from None
    except NotANumber:
        if example:
            raise ValidationError(_("Enter a number, like %(example)s.") % {"example": example}) from None
        raise ValidationError(_("Enter a number, like 2.5.")) from None
    if number < 0:
        raise ValidationError(_("The value must be 0 or more."))
    if number >= LARGEST_READING:
        raise ValidationError(_("That number is too large for a test result. Check it and type it again."))
    return number


LARGEST_READING = 10**9  # far above any litres, height or lab value; arithmetic on it stays exact

# Units people type after a height or a weight ("158cm", "1.58 m", "67公斤", "134斤"), as multiples of the
# field's own unit; the longest suffix is tried first, so "公斤" is not read as "斤" nor "cm" as "m".
HEIGHT_UNITS = {"cm": Decimal(1), "厘米": Decimal(1), "公分": Decimal(1), "m": Decimal(100), "米": Decimal(100)}
WEIGHT_UNITS = {"kg": Decimal(1), "公斤": Decimal(1), "千克": Decimal(1), "斤": Decimal("0.5"), "jin": Decimal("0.5")}


def read_with_unit(text: str, units: dict[str, Decimal], example: str) -> Decimal:
    """A number, optionally followed by one of `units`, in the field's own unit."""
    stripped = text.strip()
    lowered = stripped.lower()
    for unit in sorted(units, key=len, reverse=True):
        if lowered.endswith(unit):
            return read_number(stripped[: -len(unit)].strip(), example) * units[unit]
    return read_number(stripped, example)


class HelperForm(forms.Form):
    computed: measurements.Computed | None = None
    error_field: str | None = None  # the one field a result that cannot be worked out is about, if one is

    def __init__(self, question: Question, *args, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        self.today = today or datetime.date.today()

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            computed = self.compute(cleaned)
        except measurements.CannotCompute as error:
            return self.refuse(cleaned, str(error))
        try:
            self.question.clean_answer(computed.stored)
        except ValidationError as error:
            return self.refuse(
                cleaned,
                _("That works out as %(value)s, which this question cannot take: %(why)s")
                % {"value": self.question.display_answer(computed.stored), "why": " ".join(error.messages)},
            )
        self.computed = computed
        return cleaned

    def refuse(self, cleaned, message):
        """An error on the field it is about (linked from the summary, beside the box), or on the whole form."""
        if self.error_field is None:
            raise ValidationError(message)
        self.add_error(self.error_field, message)
        return cleaned

    def result_text(self) -> str:
        return self.question.display_answer(self.computed.stored) if self.computed else ""

    def compute(self, cleaned) -> measurements.Computed:
        raise NotImplementedError

    def summary(self) -> str:
        raise NotImplementedError


class PercentPredictedForm(HelperForm):
    """The raw value from a lung function report, with height, age and sex."""

    def __init__(self, question, *args, **kwargs):
        super().__init__(question, *args, **kwargs)
        self.measure = measurements.pct_pred_measure(question.key)
        units = list(measurements.RAW_UNITS[self.measure])
        if question.key.endswith("_post"):
            where = _("Use the value measured after the inhaler (often the column “Post”), not the predicted one.")
        else:
            where = _("Use the measured value (often the column “Meas”, “Actual” or “Pre”), not the predicted one.")
        self.fields["value"] = number_field(
            _("Your %(measure)s, as the report prints it") % {"measure": self.measure}, where
        )
        self.fields["unit"] = forms.ChoiceField(
            label=_("Unit"),
            choices=[(u, u) for u in units],
            initial=units[0],
            widget=forms.RadioSelect,
            error_messages={"required": _("Choose the unit on your report.")},
        )
        self.fields["height_cm"] = number_field(
            _("Your height in centimetres"), _("As measured at the test, if the report shows it.")
        )
        self.fields["age"] = number_field(_("Your age in years at the test"))
        self.fields["sex"] = forms.ChoiceField(
            label=_("Your sex"),
            choices=SEXES,
            widget=forms.RadioSelect,
            help_text=_("The reference equations differ for women and men."),
            error_messages={"required": _("Choose female or male.")},
        )

    def clean_value(self):
        return read_number(self.cleaned_data["value"])

    def clean_height_cm(self):
        return read_number(self.cleaned_data["height_cm"])

    def clean_age(self):
        return read_number(self.cleaned_data["age"])

    def clean(self):
        cleaned = self.cleaned_data
        if cleaned.get("unit") == "mL" and cleaned.get("value") is not None and cleaned["value"] < 20:
            self.add_error("value", _("That looks like litres: choose “L”, or enter the value in millilitres."))
        return super().clean()

    def compute(self, cleaned):
        return measurements.percent_predicted(
            self.measure, cleaned["value"], cleaned["unit"], cleaned["height_cm"], cleaned["age"], cleaned["sex"]
        )

    def summary(self) -> str:
        inputs = self.computed.inputs
        return str(
            _(
                "From %(measure)s %(value)s %(unit)s, height %(height)s cm, age %(age)s, %(sex)s, "
                "with the %(equation)s equations."
            )
            % {
                "measure": self.measure,
                "value": inputs["value"],
                "unit": inputs["unit"],
                "height": inputs["height_cm"],
                "age": inputs["age"],
                "sex": dict(SEXES)[inputs["sex"]].lower(),
                "equation": self.computed.equation,
            }
        )


class TimesUlnForm(HelperForm):
    """A lab value with the upper limit of its reference range, as printed beside it."""

    def __init__(self, question, *args, **kwargs):
        super().__init__(question, *args, **kwargs)
        self.fields["value"] = number_field(_("Your result, as the report prints it"))
        self.fields["upper_limit"] = number_field(
            _("The upper limit of the normal range printed beside it"),
            _("For a range such as “7–40”, enter 40. Use the same unit as your result."),
        )

    def clean_value(self):
        return read_number(self.cleaned_data["value"])

    def clean_upper_limit(self):
        return read_number(self.cleaned_data["upper_limit"])

    def compute(self, cleaned):
        return measurements.times_uln(cleaned["value"], cleaned["upper_limit"])

    def summary(self) -> str:
        inputs = self.computed.inputs
        return str(
            _("From a result of %(value)s with an upper limit of normal of %(uln)s.")
            % {"value": inputs["value"], "uln": inputs["upper_limit"]}
        )


MONTHS_IN_WORDS = [  # a date said in words, so 3/11/2026 cannot be read two ways (Chinese: the month's number)
    pgettext_lazy("a month in a date written in words", "January"),
    pgettext_lazy("a month in a date written in words", "February"),
    pgettext_lazy("a month in a date written in words", "March"),
    pgettext_lazy("a month in a date written in words", "April"),
    pgettext_lazy("a month in a date written in words", "May"),
    pgettext_lazy("a month in a date written in words", "June"),
    pgettext_lazy("a month in a date written in words", "July"),
    pgettext_lazy("a month in a date written in words", "August"),
    pgettext_lazy("a month in a date written in words", "September"),
    pgettext_lazy("a month in a date written in words", "October"),
    pgettext_lazy("a month in a date written in words", "November"),
    pgettext_lazy("a month in a date written in words", "December"),
]


def date_in_words(day: datetime.date) -> str:
    """3 November 2026; 2026年11月3日."""
    return str(
        _("%(day)s %(month)s %(year)s") % {"day": day.day, "month": MONTHS_IN_WORDS[day.month - 1], "year": day.year}
    )


# year-month-day with -, /, . or 年月日; or day/month/year (the one order the date box's text formats take)
YEAR_FIRST = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
DAY_FIRST = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")


def is_a_date_that_does_not_exist(text: str) -> bool:
    """Typed as a date (2026-02-30, 30/02/2026, 2026-13-01) but not a day of the calendar."""
    text = str(text).strip()
    if match := YEAR_FIRST.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := DAY_FIRST.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
    else:
        return False
    try:
        datetime.date(year, month, day)
    except ValueError:
        return True
    return False


class EventDateField(forms.DateField):
    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            if is_a_date_that_does_not_exist(value):
                raise ValidationError(self.error_messages["does_not_exist"], code="does_not_exist") from None
            raise


def date_units_before(today: datetime.date, amount: int, span: str) -> datetime.date:
    if span == "days":
        return today - datetime.timedelta(days=amount)
    if span == "weeks":
        return today - datetime.timedelta(days=amount * 7)
    return today - relativedelta(months=amount)


class EventDateForm(HelperForm):
    """The date of the event; the time since it is what the question stores."""

    error_field = "date"

    def __init__(self, question, *args, **kwargs):
        super().__init__(question, *args, **kwargs)
        self.fields["date"] = EventDateField(
            label=_("The date"),
            # no example format: the browser's date box shows the date its own way
            help_text=_("If you know only the month, use the 1st of that month."),
            input_formats=["%Y-%m-%d", "%d/%m/%Y", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"],
            error_messages={
                # a date box empties itself when the date typed does not exist (30 February): say so
                "required": _(
                    "Enter the date. If you typed one and the box emptied, that date does not exist "
                    "(like 30 February): check the day and the month."
                ),
                "invalid": _("Enter a date, like 2026-03-27."),
                "does_not_exist": _("That date does not exist (like 30 February): check the day and the month."),
            },
            widget=forms.DateInput(attrs={"class": "input input-short", "type": "date", "autocomplete": "off"}),
        )

    def compute(self, cleaned):
        computed = measurements.time_since(cleaned["date"], self.today, self.question.unit)
        self.check_range(Decimal(computed.stored))
        return computed

    def check_range(self, amount: Decimal) -> None:
        """A date the question's range cannot take is refused with the range as dates, not as days."""
        span = measurements.TIME_UNITS.get(self.question.unit.strip().lower())
        low, high = self.question.min_value, self.question.max_value
        if span is None or high is None or (amount <= high and (low is None or amount >= low)):
            return
        # the earliest day that still counts as `high` whole units ago (27 days is 3 weeks)
        earliest = date_units_before(self.today, int(high) + 1, span) + datetime.timedelta(days=1)
        if span == "days":
            earliest = date_units_before(self.today, int(high), span)
        latest = date_units_before(self.today, int(low or 0), span)
        if latest == self.today:
            raise measurements.CannotCompute(
                _("Enter a date from %(earliest)s to today.") % {"earliest": date_in_words(earliest)}
            )
        raise measurements.CannotCompute(
            _("Enter a date from %(earliest)s to %(latest)s.")
            % {"earliest": date_in_words(earliest), "latest": date_in_words(latest)}
        )

    def summary(self) -> str:
        return str(
            _("From the date %(date)s.")
            % {"date": date_in_words(datetime.date.fromisoformat(self.computed.inputs["date"]))}
        )


class BodyMassIndexForm(HelperForm):
    """Height and weight; the body mass index is what the question stores."""

    def __init__(self, question, *args, **kwargs):
        super().__init__(question, *args, **kwargs)
        self.fields["height_cm"] = number_field(_("Your height in centimetres"), _("For example 170."))
        self.fields["weight_kg"] = number_field(_("Your weight in kilograms"), _("For example 70. 1 jin is 0.5 kg."))

    def clean_height_cm(self):
        return read_with_unit(self.cleaned_data["height_cm"], HEIGHT_UNITS, "170")

    def clean_weight_kg(self):
        return read_with_unit(self.cleaned_data["weight_kg"], WEIGHT_UNITS, "70")

    def compute(self, cleaned):
        return measurements.body_mass_index(cleaned["height_cm"], cleaned["weight_kg"])

    def summary(self) -> str:
        inputs = self.computed.inputs
        return str(
            _("From a height of %(height)s cm and a weight of %(weight)s kg.")
            % {"height": inputs["height_cm"], "weight": inputs["weight_kg"]}
        )


FORMS = {
    measurements.PCT_PRED: PercentPredictedForm,
    measurements.TIMES_ULN: TimesUlnForm,
    measurements.EVENT_DATE: EventDateForm,
    measurements.BMI: BodyMassIndexForm,
}


def form_for(question: Question, *args, **kwargs) -> HelperForm | None:
    kind = helper_kind(question)
    return FORMS[kind](question, *args, **kwargs) if kind else None


def summary_of(question: Question, source: dict) -> str:
    """How a kept answer was worked out, in the active language, from what the screening kept beside it
    (`Computed.as_source`): staff read it in their own language, whatever language the patient used. "" when the
    kept inputs cannot be read (an older or damaged record): the words written at the time then stand."""
    form = form_for(question)
    if form is None or not isinstance(source, dict) or not isinstance(source.get("inputs"), dict):
        return ""
    form.computed = measurements.Computed(
        stored="",
        method=str(source.get("method", "")),
        inputs=source["inputs"],
        equation=str(source.get("equation", "")),
    )
    try:
        return form.summary()
    except (KeyError, ValueError, TypeError):
        return ""


def prefill(stored_answers: dict) -> dict:
    """What the questionnaire already knows that a helper asks again (age, sex)."""
    initial = {}
    if isinstance(stored_answers.get("age"), str):
        initial["age"] = stored_answers["age"]
    if stored_answers.get("sex") in ("female", "male"):
        initial["sex"] = stored_answers["sex"]
    return initial
