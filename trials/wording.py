"""What patients, staff and admins read about questions and criteria, built from the rules themselves.

Every sentence here is a whole-sentence template per language (gettext with named placeholders and plural
forms), so a Chinese sentence is never assembled from English word order. The models' `rule_in_words()`,
`reason()`, `range_in_words()`, `unread()`, `display_answer()` and `format_number()` hand over to these
functions; nothing here imports the models (it reads the fields it is given), so the models can use it.
"""

from __future__ import annotations

import csv
import functools
from decimal import Decimal
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext, ngettext, npgettext_lazy, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from trials.eligibility import CALENDAR_UNITS, DAYS_IN_YEAR, NEVER, EventDate, ItemsAnswer, window_days
from trials.number_input import plain
from trials.time_units import DAYS_PER

CONCEPT_NAMES = Path(__file__).parent / "data" / "concept_names.csv"

NUMBER = "number"
MULTIPLE = "multiple"
EXCLUSION = "exclusion"

PHASE_WORDS = {
    "EARLY_PHASE1": _("Early phase 1"),
    "PHASE1": _("Phase 1"),
    "PHASE2": _("Phase 2"),
    "PHASE3": _("Phase 3"),
    "PHASE4": _("Phase 4"),
    "NA": _("Not applicable"),
}


# The units questions use, as each language writes them after a number and beside an input box.
NUMBER_WITH_UNIT = {
    "%": "%(number)s%%",
    "m": pgettext_lazy("a distance", "%(number)s m"),
    "years": pgettext_lazy("an age", "%(number)s years"),
    "h/day": pgettext_lazy("a duration", "%(number)s hours a day"),
    "times": npgettext_lazy("a count", "%(number)s time", "%(number)s times", "count"),
    "pack-years": pgettext_lazy("smoking", "%(number)s pack-years"),
    "kg/m2": pgettext_lazy("body mass index", "%(number)s kg/m²"),
    "x ULN": pgettext_lazy("times the upper limit of normal", "%(number)s × ULN"),
    "mL/min/1.73m2": pgettext_lazy("kidney function", "%(number)s mL/min/1.73 m²"),
    # written the same in both languages, as Chinese lab reports print them
    "g/L": "%(number)s g/L",
    "x10^9/L": "%(number)s × 10⁹/L",
    "mmHg": "%(number)s mmHg",
    # a weight and a count in a sentence read as people say them ("62公斤", "150个/µL": docs/glossary-zh.md);
    # beside a box they stay as printed (UNIT_NAMES)
    "kg": pgettext_lazy("body weight", "%(number)s kg"),
    "cells/uL": pgettext_lazy("eosinophil count", "%(number)s cells/µL"),
    "bpm": pgettext_lazy("heart rate", "%(number)s beats a minute"),
    # the question's label already says "a day": "cigarettes a day: 20 cigarettes", "每天吸烟支数超过20支"
    "cigarettes/day": npgettext_lazy("smoking", "%(number)s cigarette", "%(number)s cigarettes", "count"),
}
# Units whose words name a rate ("hours a day", "beats a minute"): a range says the unit once, after its upper
# bound ("from 0 to 24 hours a day", not "from 0 hours a day to 24 hours a day").
RATE_UNITS = frozenset({"h/day", "bpm", "cigarettes/day"})
# A number in a sentence whose question label already names the rate ("hours of oxygen therapy a day",
# "每天吸氧的小时数"): the rate is not said again ("… is more than 15 hours", not "15 hours a day"); the others
# read as `NUMBER_WITH_UNIT` (cigarettes there already leave the day to the label).
NUMBER_AFTER_RATE_LABEL = {
    "h/day": npgettext_lazy(
        "a number of hours after a label that says “a day”", "%(number)s hour", "%(number)s hours", "count"
    ),
}
# A count's number in a sentence that names what is counted ("The number of flare-ups ... needs to be at least
# 2." / "最近12个月肺部疾病加重的次数需要不少于2次。"): the label already says what, so English needs no "times".
COUNTED_UNITS = frozenset({"times"})
COUNT_IN_SENTENCE = pgettext_lazy("a count after “the number of flare-ups needs to be at least”", "%(number)s")
UNIT_NAMES = {
    "%": "%",
    "m": pgettext_lazy("unit beside a box", "m"),
    "years": pgettext_lazy("unit beside a box", "years"),
    "h/day": pgettext_lazy("unit beside a box", "hours a day"),
    "times": pgettext_lazy("unit beside a box", "times"),
    "pack-years": pgettext_lazy("unit beside a box", "pack-years"),
    "kg/m2": "kg/m²",
    "x ULN": pgettext_lazy("unit beside a box", "× ULN"),
    "mL/min/1.73m2": "mL/min/1.73 m²",
    "g/L": "g/L",
    "x10^9/L": "× 10⁹/L",
    "mmHg": "mmHg",
    "kg": "kg",
    "cells/uL": "/µL",
    "bpm": pgettext_lazy("unit beside a box", "beats a minute"),
    "cigarettes/day": pgettext_lazy("unit beside a box", "cigarettes a day"),
    "days": pgettext_lazy("unit beside a box", "days"),
}


def display_answer(question, stored) -> str:
    """A stored answer in the patient's words: "60 years", "No", "I don't know"."""
    if stored is None:
        return str(_("I don’t know"))
    if question.kind == NUMBER and stored == NEVER:
        return str(_("Never"))
    if isinstance(stored, EventDate):  # an event answered by its date reads as its days
        stored = stored.days
    if isinstance(stored, ItemsAnswer):  # the engine's form of an item-by-item answer (the results page has it)
        stored = stored.stored()
    if question.kind == NUMBER and question.unit == "days":
        return answered_days_in_words(Decimal(stored))
    if question.kind == NUMBER and question.unit == "ratio":
        return ratio_in_words(Decimal(stored))
    if question.kind == NUMBER:
        return format_number(question, Decimal(stored))
    if isinstance(stored, list):
        return str(_("; ")).join(question.label_for(code) for code in stored)
    if isinstance(stored, dict):  # answered item by item: what was ticked, or none of the items shown
        ticked = [c for c in question.choice_codes() if c in (stored.get("ticked") or [])]
        if ticked:
            return str(_("; ")).join(question.label_for(code) for code in ticked)
        shown = [c for c in question.choice_codes() if c in (stored.get("shown") or [])]
        items = str(_("; ")).join(question.label_for(code) for code in shown)  # "；" in Chinese
        # "None" first, the items only as what was asked: "None of these: heart failure; HIV" read as the
        # patient's illnesses at a glance
        return str(_("None (asked about: %(items)s)")) % {"items": items}
    return question.label_for(stored)


def ratio_in_words(value: Decimal) -> str:
    """A ratio answered as the patient may have typed it: reports print FEV1/FVC as 0.85 or as 85%, and the question
    takes either, so the answer shows both ("0.85 (85%)" / "0.85（85%）"), not only the 0.85 a patient who typed 85
    does not recognise (walkthrough 13)."""
    return _("%(ratio)s (%(percent)s%%)") % {"ratio": plain(value), "percent": plain(value * 100)}


def format_number(question, value: Decimal) -> str:
    """A number with its unit as the active language writes it: "350 m" / "350米", "12 h/day" / "每天12小时"."""
    if question.unit == "days":
        return days_in_words(Decimal(value))
    text = plain(value) if isinstance(value, Decimal) else str(value)
    if question.unit in ("", "ratio"):
        return text
    template = NUMBER_WITH_UNIT.get(question.unit)
    number = Decimal(value)
    count = int(number) if number == number.to_integral_value() else 2  # "1 time", "2 times", "1.5 times"
    return template % {"number": text, "count": count} if template else f"{text} {question.unit}"


def number_after_label(question, value: Decimal) -> str:
    """A number in a sentence that names the question by its short label: "15 hours" after "hours of oxygen
    therapy a day" ("15小时" after "每天吸氧的小时数"); else as `format_number` writes it."""
    template = NUMBER_AFTER_RATE_LABEL.get(question.unit)
    if template is None:
        return format_number(question, value)
    number = Decimal(value)
    count = int(number) if number == number.to_integral_value() else 2
    return template % {"number": plain(number), "count": count}


def lower_of_a_range(question, value: Decimal, in_sentence=format_number) -> str:
    """The lower number of a range that names its unit after the upper one: bare for a rate ("from 0 to 24 hours
    a day"), else as `in_sentence` writes it ("from 0 years to 120 years")."""
    if question.unit in RATE_UNITS:
        return plain(Decimal(value))
    return in_sentence(question, value)


def out_of_range(question, low: Decimal | None, high: Decimal | None) -> str:
    """ "Enter a value from 0 years to 120 years.", "Enter a value from 0 to 24 hours a day." """
    return str(_("Enter a value from %(low)s to %(high)s.")) % {
        "low": "…"
        if low is None
        else lower_of_a_range(question, low)
        if high is not None
        else format_number(question, low),
        "high": "…" if high is None else format_number(question, high),
    }


def if_it_does_not_apply(question, implied) -> str:
    """Beside a question asked only because the answer deciding whether it applies is not known (pregnancy when the
    sex is not known): "If this question does not apply to you, answer “No”."."""
    return str(_("If this question does not apply to you, answer “%(answer)s”.")) % {
        "answer": display_answer(question, implied)
    }


# Units of a value a study team can measure (a test, a scan, a scale); other questions are about the patient's
# history or life, which the team can go through with them
MEASURED_UNITS = frozenset(
    {"%", "ratio", "m", "x ULN", "kg/m2", "mL/min/1.73m2", "g/L", "x10^9/L", "mmHg", "kg", "cells/uL", "bpm"}
)


def is_measured(question) -> bool:
    """Whether not knowing the answer is made good by a measurement (else by going through the history)."""
    return question.kind == NUMBER and question.unit in MEASURED_UNITS


def unit_shown(question) -> str:
    if question.kind != NUMBER or question.unit == "ratio":
        return ""
    return str(UNIT_NAMES.get(question.unit, question.unit))


def days_in_words(days: Decimal) -> str:
    """A number of days in whole weeks when it is some: 28 → "4 weeks", 10 → "10 days", 90 → "90 days" (never
    "3 months": a month is no number of days)."""
    week = DAYS_PER["weeks"]
    if days and days % week == 0:
        count = int(days // week)
        return ngettext("%(count)s week", "%(count)s weeks", count) % {"count": count}
    count = plain(days)
    return ngettext("%(count)s day", "%(count)s days", 1 if count == "1" else 2) % {"count": count}


def answered_days_in_words(days: Decimal) -> str:
    """How long ago, as the patient said it: "8 years" typed is stored as 2922 days (decision 0041's days rule)
    and reads "about 8 years"; "6 months", 183 days, "about 6 months"; other counts of a year or more keep their
    days, with the years beside them ("3142 days (about 9 years)"); shorter ones as `days_in_words`."""
    if days <= 0 or days != days.to_integral_value():
        return days_in_words(days)
    for count in range(1, 101):
        if window_days(Decimal(count), "years") == days:
            return ngettext("about %(count)s year", "about %(count)s years", count) % {"count": count}
    for count in range(1, 12):
        if window_days(Decimal(count), "months") == days:
            return ngettext("about %(count)s month", "about %(count)s months", count) % {"count": count}
    if days >= DAYS_IN_YEAR:
        years = int((days / DAYS_IN_YEAR).to_integral_value())
        return ngettext("%(days)s days (about %(count)s year)", "%(days)s days (about %(count)s years)", years) % {
            "days": plain(days),
            "count": years,
        }
    return days_in_words(days)


def time_in_words(count: Decimal, unit: str) -> str:
    """A count of calendar months or years: "12 months", "1 year"."""
    text = plain(count)
    number = int(count) if count == count.to_integral_value() else 2
    if unit == "years":
        return ngettext("%(count)s year", "%(count)s years", number) % {"count": text}
    return ngettext("%(count)s month", "%(count)s months", number) % {"count": text}


def bound_in_words(criterion, value: Decimal) -> str:
    """A bound as the rule counts it, in a sentence that names the question: "12 months" for a window in calendar
    months, else in the question's unit, its rate not said again ("15 hours" of "hours of oxygen therapy a day")."""
    if getattr(criterion, "time_unit", "") in CALENDAR_UNITS:
        return time_in_words(Decimal(value), criterion.time_unit)
    return number_after_label(criterion.question, value)


def rule_in_words(criterion) -> str:
    """The rule for admins and staff, in the active language: "150 m ≤ six-minute walk distance < 600 m"."""
    question = criterion.question if criterion.question_id else None
    if question is None:
        return gettext("for the study team to check")
    if question.kind == NUMBER:
        low, high = criterion.min_value, criterion.max_value
        values = {
            "what": question.short_label,
            "low": bound_in_words(criterion, low) if low is not None else "",
            "high": bound_in_words(criterion, high) if high is not None else "",
            "low_sign": "≤" if criterion.min_inclusive else "<",
            "high_sign": "≤" if criterion.max_inclusive else "<",
            "at_least": "≥" if criterion.min_inclusive else ">",
        }
        if low is not None and high is not None:
            rule = gettext("%(low)s %(low_sign)s %(what)s %(high_sign)s %(high)s") % values
        elif low is not None:
            rule = gettext("%(what)s %(at_least)s %(low)s") % values
        elif high is not None:
            rule = gettext("%(what)s %(high_sign)s %(high)s") % values
        else:
            rule = question.short_label
    elif not criterion.values and criterion.uncertain_values:  # only answers the study team judges
        labels = gettext(" or ").join(f"“{question.label_for(code)}”" for code in criterion.uncertain_values)
        if question.kind == MULTIPLE:
            rule = gettext("%(what)s includes %(answers)s (the study team decides)")
        else:
            rule = gettext("%(what)s is %(answers)s (the study team decides)")
        rule = rule % {"what": question.short_label, "answers": labels}
    else:
        labels = gettext(" or ").join(f"“{question.label_for(code)}”" for code in criterion.values)
        if question.kind == MULTIPLE:
            rule = gettext("%(what)s includes %(answers)s") % {"what": question.short_label, "answers": labels}
        else:
            rule = gettext("%(what)s is %(answers)s") % {"what": question.short_label, "answers": labels}
    return gettext("excluded if %(rule)s") % {"rule": rule} if criterion.kind == EXCLUSION else rule


def reason(criterion) -> str:
    """What a patient reads about this criterion, built from the rule itself so it can never go stale:
    "Your six-minute walk distance needs to be at least 150 m and less than 550 m."
    A criterion for the study team reads as the registry's words."""
    question = criterion.question if criterion.question_id else None
    if question is None:
        return _("The study team will check: %(words)s") % {"words": criterion.source_text}
    exclusion = criterion.kind == EXCLUSION
    if question.kind == NUMBER:
        span = range_in_words(criterion)
        if question.unit == "days":
            if exclusion:
                return _("You cannot take part if your %(what)s was %(range)s ago.") % {
                    "what": question.short_label,
                    "range": span,
                }
            return _("Your %(what)s needs to have been %(range)s ago.") % {
                "what": question.short_label,
                "range": span,
            }
        if question.unit in COUNTED_UNITS:  # "Your flare-ups ... needs to be 2 times" would not be English
            span = range_in_words(criterion, counted=True)
            if exclusion:
                return _("You cannot take part if the number of %(what)s is %(range)s.") % {
                    "what": question.short_label,
                    "range": span,
                }
            return _("The number of %(what)s needs to be %(range)s.") % {"what": question.short_label, "range": span}
        if exclusion:
            return _("You cannot take part if your %(what)s is %(range)s.") % {
                "what": question.short_label,
                "range": span,
            }
        return _("Your %(what)s needs to be %(range)s.") % {"what": question.short_label, "range": span}
    if not criterion.values and criterion.uncertain_values:  # "severe heart failure": the team judges a yes
        answers = _(" or ").join(f"“{question.label_for(code)}”" for code in criterion.uncertain_values)
        if exclusion:
            text = _(
                "If your answer to “%(question)s” is %(answers)s, the study team decides whether you can take part."
            )
        else:
            text = _("This study is for people whose answer to “%(question)s” is %(answers)s; the study team decides.")
        return text % {"question": question.prompt, "answers": answers}
    answers = _(" or ").join(f"“{question.label_for(code)}”" for code in criterion.values)
    if exclusion:
        text = _("You cannot take part if your answer to “%(question)s” is %(answers)s.")
    else:
        text = _("This study is for people whose answer to “%(question)s” is %(answers)s.")
    # the question as the patient was asked it, not its short label ("your answer about pregnant or breastfeeding")
    text = text % {"question": question.prompt, "answers": answers}
    if criterion.uncertain_values:
        text = _("%(sentence)s If it is %(answers)s, the study team decides.") % {
            "sentence": text,
            "answers": _(" or ").join(f"“{question.label_for(code)}”" for code in criterion.uncertain_values),
        }
    return text


def reason_for_answer(criterion, stored) -> str:
    """What a patient reads about a criterion their answer did not meet: a choice rule names the answer they gave,
    not every answer it excludes ("You cannot take part because your answer to “…” was “Fainting at injections”."
    rather than a list of eleven illnesses). Any other rule reads as `reason()`."""
    question = criterion.question if criterion.question_id else None
    if question is None or question.kind == NUMBER or stored is None:
        return reason(criterion)
    if len(criterion.values or []) < 2:  # "… is “Yes”" already names the one answer that rules out
        return reason(criterion)
    if isinstance(stored, ItemsAnswer):
        stored = stored.stored()
    if isinstance(stored, dict):
        given = list(stored.get("ticked") or [])
    elif isinstance(stored, list):
        given = list(stored)
    else:
        given = [stored]
    if criterion.kind == EXCLUSION:
        given = [code for code in given if code in (criterion.values or [])]
    elif criterion.uncertain_values:  # a requirement the team may judge met: its own sentence says so
        return reason(criterion)
    if not given or not all(isinstance(code, str) for code in given):
        return reason(criterion)
    offered = question.choice_codes()
    codes = [code for code in offered if code in given]
    named = [code for code in criterion.values if code in offered]
    if not named:
        return reason(criterion)
    answers = _(" or ").join(f"“{question.label_for(code)}”" for code in named)
    if not codes:  # an answer the question no longer offers (its choices were edited since): never its raw code
        if criterion.kind == EXCLUSION:
            return _(
                "You cannot take part because of your answer to “%(question)s”. That answer is no longer one of its "
                "choices, so you may want to answer it again."
            ) % {"question": question.prompt}
        return _(
            "This study is for people whose answer to “%(question)s” is %(answers)s; yours is no longer one of its "
            "choices, so you may want to answer it again."
        ) % {"question": question.prompt, "answers": answers}
    your_answers = _(" and ").join(f"“{question.label_for(code)}”" for code in codes)
    if criterion.kind == EXCLUSION:
        return _("You cannot take part because your answer to “%(question)s” was %(given)s.") % {
            "question": question.prompt,
            "given": your_answers,
        }
    return _("This study is for people whose answer to “%(question)s” is %(answers)s; yours was %(given)s.") % {
        "question": question.prompt,
        "answers": answers,
        "given": your_answers,
    }


# A number rule's range as one phrase per shape, so each language words it whole ("at least 150 m and less
# than 600 m" / "不少于150米且少于600米"), never two phrases joined by a word for "and".
RANGES = {
    (True, True): _("at least %(low)s and at most %(high)s"),
    (True, False): _("at least %(low)s and less than %(high)s"),
    (False, True): _("more than %(low)s and at most %(high)s"),
    (False, False): _("more than %(low)s and less than %(high)s"),
}


def range_in_words(criterion, counted: bool = False) -> str:
    """A number rule's range: "at least 150 m and less than 550 m", "more than 4 times", "28 days or less";
    `counted`, a count's range in a sentence that names what is counted: "at least 2" / "不少于2次"."""
    question = criterion.question

    def bound(value):
        if counted:
            return str(COUNT_IN_SENTENCE) % {"number": plain(Decimal(value))}
        return bound_in_words(criterion, value)

    low = bound(criterion.min_value) if criterion.min_value is not None else None
    high = bound(criterion.max_value) if criterion.max_value is not None else None
    if low is not None and high is not None and criterion.min_value == criterion.max_value:
        return str(_("exactly %(value)s") % {"value": low})
    if low is not None and high is not None:
        if not counted and getattr(criterion, "time_unit", "") not in CALENDAR_UNITS:
            low = lower_of_a_range(question, criterion.min_value, number_after_label)  # the rate said once
        return str(RANGES[(bool(criterion.min_inclusive), bool(criterion.max_inclusive))] % {"low": low, "high": high})
    if low is not None:
        return str((_("at least %(low)s") if criterion.min_inclusive else _("more than %(low)s")) % {"low": low})
    if high is None:
        return ""
    if question.unit == "days":
        return str((_("%(high)s or less") if criterion.max_inclusive else _("less than %(high)s")) % {"high": high})
    return str((_("at most %(high)s") if criterion.max_inclusive else _("less than %(high)s")) % {"high": high})


# What the extractor read that no question asks about, one whole sentence per shape of bound; "what" is the
# registry's own span, every character kept, shown in quotation marks as its own words (decision 0106).
UNREAD_SENTENCES = {
    "within": _("Read, but no question asks it: “%(what)s”, within %(high)s."),
    "from_to": _("Read, but no question asks it: “%(what)s”, from %(low)s to %(high)s."),
    "from": _("Read, but no question asks it: “%(what)s”, at least %(low)s."),
    "up_to": _("Read, but no question asks it: “%(what)s”, up to %(high)s."),
    "": _("Read, but no question asks it: “%(what)s”."),
}


def amount_in_words(value, unit: str) -> str:
    """A number the extractor read with its unit, as each language writes it: "1 month", "4 weeks", "24 hours",
    "10 mg/dL" (a unit no table names is written after the number as the registry printed it)."""
    number = Decimal(str(value))
    count = int(number) if number == number.to_integral_value() else 2
    text = plain(number)
    if unit in CALENDAR_UNITS:
        return time_in_words(number, unit)
    if unit == "weeks":
        return ngettext("%(count)s week", "%(count)s weeks", count) % {"count": text}
    if unit == "days":
        return ngettext("%(count)s day", "%(count)s days", count) % {"count": text}
    if unit == "h":
        return ngettext("%(count)s hour", "%(count)s hours", count) % {"count": text}
    if unit == "count":
        unit = "times"
    if unit in NUMBER_WITH_UNIT and unit != "years":  # "years" there is an age
        return str(NUMBER_WITH_UNIT[unit] % {"number": text, "count": count})
    return f"{text} {unit}".strip()


def unread(criterion) -> list[tuple[str, str, str]]:
    """What the extractor read in this clause that no question asks about, each a whole sentence split around the
    registry's words so a page can mark them as English: ("Read, but no question asks it: “", "treated with
    non-cardioselective ß-blockers in the month preceding the screening visit", "”, within 1 month.")."""
    mark = "\ue000"  # a private-use character no template holds
    lines = []
    for read in (criterion.proposal or {}).get("unmapped", []):
        what = read.get("quote") or read.get("event") or read.get("variable", "")
        unit = read.get("unit") or ""
        low = amount_in_words(read["lower"], unit) if read.get("lower") is not None else None
        high = amount_in_words(read["upper"], unit) if read.get("upper") is not None else None
        if high is not None and read.get("variable") == "window":
            shape = "within"
        elif low is not None and high is not None:
            shape = "from_to"
        elif low is not None:
            shape = "from"
        elif high is not None:
            shape = "up_to"
        else:
            shape = ""
        before, _mark, after = (str(UNREAD_SENTENCES[shape]) % {"what": mark, "low": low, "high": high}).partition(mark)
        lines.append((before, what, after))
    return lines


@functools.cache
def concept_names() -> dict[str, dict[str, str]]:
    """{key: {"en": name, "zh": name}} of the concepts whose synonyms give them no name in a language
    (`trials/data/concept_names.csv`), read once."""
    with CONCEPT_NAMES.open(encoding="utf-8", newline="") as table:
        return {row["key"]: {"en": row["en"], "zh": row["zh"]} for row in csv.DictReader(table)}


def words_shortened(text: str, limit: int = 60) -> str:
    """The start of a clause's words, to tell apart criteria whose rule reads the same ("for the study team to
    check"): whole words up to `limit` characters, then "…"."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.") + "…"


def concept_reading(criterion) -> str:
    """What the concept matcher read in a clause, for the admin: "Read as concepts: hiv, hepatitis_b (stated);
    from the words “HIV”, “hepatitis B”", or "" for any other criterion."""
    proposal = criterion.proposal or {}
    if proposal.get("source") != "concepts":
        return ""
    words = ", ".join(f"“{w}”" for w in proposal.get("words", []))
    language = "zh" if (translation.get_language() or "").startswith("zh") else "en"
    keys = proposal.get("concepts", [])
    stored = (proposal.get("names") or {}).get(language) or []  # drafted before names were kept: none
    if len(stored) != len(keys):
        stored = [""] * len(keys)
    # a concept without a name of its own in the drafts' table is named from ours; else the key, spaced
    names = [
        (concept_names().get(key) or {}).get(language) or name or key.replace("_", " ")
        for key, name in zip(keys, stored)
    ]
    concepts = ("、" if language == "zh" else ", ").join(names)
    if proposal.get("polarity") == "negated":
        text = gettext("Read as concepts: %(concepts)s, negated in the %(list)s list; from the words %(words)s.")
    else:
        text = gettext("Read as concepts: %(concepts)s, as stated in the %(list)s list; from the words %(words)s.")
    listed = gettext("exclusion") if proposal.get("kind") == EXCLUSION else gettext("inclusion")
    return text % {"concepts": concepts, "list": listed, "words": words}
