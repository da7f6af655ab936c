"""The extractor's knowledge, read once from the JSON tables in ``tables/`` and checked as it is read.

* ``variables.json``: one row per question a threshold can bound: key, unit, plausible range, the units a number
  may carry to bound it, and its names per language (regular expressions on lower-case normalised text).
* ``units.json``: units read after a number (aliases per language), the words of time units, days per unit.
* ``events.json``: what a window is about, the days-since question of a window's event, durations (lower
  bounds on time) with their event words and question, and the study's own procedures (a pregnancy test) whose
  timing is never a look-back window.
* ``traditional_characters.csv``: one row per traditional character and the simplified one it reads as ("歲,岁"), so
  pages in traditional characters read with the same words; one character each, so quotes keep their offsets.
* ``misspellings.csv``: one row per misspelt word registry text is known to carry and the word it reads as
  ("fevi,fev1": a letter I for the digit 1); whole words, looked up as written (never a guess at a near word), each
  as long as its reading, so quotes keep their offsets.
* ``lexicon_en.json``, ``lexicon_zh.json``: operators ("at least", "不低于"), range joins and number words; the
  Chinese lexicon also holds the weak cues of an exclusion item in a list without headings ("病史", "阳性").

Adding a variable (HbA1c, say) is one row in ``variables.json``: ``{"key": "hba1c_pct", "unit": "%",
"question": "hba1c_pct", "match_order": 18, "names": {"en": ["hba1c", "glycated haemoglobin"], "zh": ["糖化血红蛋白"]},
"units_accepted": ["%", ""], "conversions": {"mmol/mol": {"factor": 0.09148, "offset": 2.152, "decimals": 2}},
"range": [3, 20]}``, and its question in ``seed/questions.json``. A number in an accepted unit, or in a unit the row
converts exactly, within the range (in the question's unit), near one of the names, is proposed; a number in any other
unit is not (the study team reads it). ``"pairs": true`` with two ``expands_to`` gives "blood pressure > 160/100" to
systolic and diastolic; ``"scale": true`` reads "ECOG 0 or 1" as 0 to 1; ``"bands"`` with another row's ``"question"``
drafts a bound on one scale as the answers of another whose bands lie wholly inside it ("Karnofsky ≥ 70" is ECOG 0
or 1, "Karnofsky ≥ 60" splits ECOG 2 and is left to the study team). ``test_extraction_tables.py`` shows a new
row with a copy of the tables.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

DIRECTORY = Path(__file__).resolve().parent / "tables"
LANGUAGES = ("en", "zh")
BOUNDS = ("lower", "upper")


class TableError(ValueError):
    """A table that cannot be used: the message names the file and the row."""


@dataclass(frozen=True)
class Variable:
    key: str
    unit: str
    question: str
    names: dict[str, list[str]]
    units_accepted: frozenset[str] = frozenset()
    range: tuple[float, float] | None = None
    match_order: int = 1_000
    expands_to: tuple[str, ...] = ()  # a name for several variables ("transaminases": ALT and AST), no question
    # units that convert exactly to the question's unit: unit -> (factor, offset, decimals kept or None for exact)
    conversions: dict[str, tuple[float, float, int | None]] = field(default_factory=dict)
    pairs: bool = False  # with expands_to: "160/100" gives 160 to the first variable and 100 to the second
    scale: bool = False  # an integer score: "0 or 1" is 0 to 1
    # another scale's answers, each the band of this row's values it stands for ("Karnofsky ≥ 70" is ECOG 0 or 1):
    # answer code of the row's question -> (lowest, highest) value of this row
    bands: dict[str, tuple[float, float]] = field(default_factory=dict)
    named_by_unit: bool = False  # its unit names it whatever words come before ("10 cigarettes a day")

    @property
    def pattern(self) -> str:
        return _join(self.names)


@dataclass(frozen=True)
class Tables:
    variables: list[Variable]
    units: list[tuple[str, str]]  # (pattern, unit), in the order they are tried
    time_units: dict[str, str]
    days_per_unit: dict[str, float]
    window_events: list[tuple[str, str | None]]
    window_questions: list[tuple[str, str]]
    durations: list[dict]
    prefix_operators: list[tuple[str, str, bool]]
    postfix_operators: list[tuple[str, str, bool]]
    range_joins: list[str]
    number_words: dict[str, float]
    number_words_read_only: dict[str, float] = field(default_factory=dict)
    cn_digits: dict[str, float] = field(default_factory=dict)
    study_procedures: str = ""  # tests the study does: a window right after one times it, not a look-back
    consumed_at_a_rate: str = ""  # smoked or drunk at a rate: that rate over a past/last look-back is a window
    outcome_lengths: str = ""  # how long a response to an earlier drug lasted ("PFS ≥ 3 months"): no time since
    past_tests: str = ""  # tests on record a look-back dates: a window even beside a bound on the test's value
    # a number of days counted, how often, not how long since: the words right before it ("on 8 or more days")
    day_counts_before: str = ""
    course_before: str = ""  # words naming the span after them a course's length ("疗程大于7天")
    courses: str = ""  # medicines "N days of" names one course of ("≥ 3 days of oral corticosteroids")
    # the words of a lead-in ending in a colon whose rows below ("Oral corticosteroids for 4 weeks") are look-backs:
    # "not using any of the medications listed below for the specified times prior to Day 0:"
    washout_leads: str = ""
    # how long since menopause ("postmenopausal for at least 12 months") and the words that make the clause or its
    # lead-in define who can have children ("defined as", "childbearing", "认为", "育龄"): a definition, no criterion
    menopause_words: str = ""
    menopause_defined_by: str = ""
    traditional_characters: dict[str, str] = field(default_factory=dict)  # 歲 -> 岁, one character each
    misspellings: dict[str, str] = field(default_factory=dict)  # fevi -> fev1: whole words, each as long as its reading
    # words that make an item of a Chinese list without headings read as an exclusion unless it also reads as an
    # inclusion ("病史", "阳性": "有哮喘病史≥1年" in an inclusion list stays one)
    exclusion_item_words_weak: str = ""
    # how an English item of a list with no heading reads: as an exclusion ("pregnant or lactating", "history of …")
    # or as a requirement of entry ("aged …", "diagnosis of …", "… must …"); regular expressions on lower-case text
    exclusion_item_words: str = ""
    inclusion_item_words: str = ""
    # words qualifying the noun a count bounds: "or" between them joins no second item ("≥ 2 moderate or severe
    # exacerbations" is one count, not "2 moderate" and "severe exacerbations")
    noun_qualifiers: str = ""
    dated_things: str = ""  # things whose own age "older than 6 months" gives, not a person's
    # words before a span that make it a lower bound on time: (pattern, inclusive), longest words first
    duration_operators: list[tuple[str, bool]] = field(default_factory=list)
    # the words that end an exclusion item listing its exceptions under it ("…, except:", "…以下情况除外："): the items
    # under it are people let in, so they bound nothing
    exception_lead_words: str = ""
    # the words of an exception inside a clause, the whole span ("unless taken at a stable dose for 2 months",
    # "(已治愈5年以上者除外)"): a bound there says who is let in, in either list; `let_in_spans` say so in an
    # exclusion list only ("as long as …", "…可以入选"), where in an inclusion list they state the criterion itself
    exception_spans: str = ""
    let_in_spans: str = ""
    # what cuts a clause's list into its items ("asthma, allergic rhinitis or atopy"), and the words of an item that
    # name nothing ("history of", "patients with", "disease"): an item left with none of a draft's words is one the
    # drafts dropped
    list_item_separators: str = ""
    list_item_filler_words: str = ""
    not_a_plain_list: str = ""
    # the study's own schedule right after a span ("连续5天出席研究访视"): what the study will ask, no time since anything
    study_schedule_after: str = ""
    # the words of a contraceptive method ("contraception", "birth control", "避孕"): a span before it or naming it
    # later in the sentence is how long the method was used up to the study's start
    contraception_words: str = ""
    # an old NCI (PDQ) record's section headings in capitals ("PATIENT CHARACTERISTICS") and the field labels under
    # them ("Hepatic", "Performance status"): where a record run into one line is cut
    record_sections: str = ""
    record_fields: str = ""
    # labs no question asks about ("alkaline phosphatase (ALP)", "GGT", "碱性磷酸酶"), named among those one x ULN bound
    # holds for: "ALT, AST, alkaline phosphatase or bilirubin ≥ 3 x ULN" is still ALT's, AST's and bilirubin's bound
    other_lab_names: str = ""
    # lung-function measures no question asks about ("PEFR", "peak expiratory flow"), an alternative that shares FEV1's
    # % predicted bound: "FEV1 or PEFR ≥ 80% of predicted" is still FEV1's bound
    other_lung_function_names: str = ""
    lab_subgroups: str = ""  # the conditions a second x ULN bound of the same labs is for (liver metastases, Gilbert's)
    upper_limit_itself: str = ""  # "> normal reference value", "≤ institutional ULN": the limit itself, 1 x ULN

    @property
    def question_units(self) -> dict[str, str]:
        return {v.key: v.unit for v in self.variables if not v.expands_to and not v.bands}

    @property
    def variable_units(self) -> dict[str, str]:
        """Each row's unit, its question's or (a banded row) its own scale's."""
        return {v.key: v.unit for v in self.variables if not v.expands_to}

    @property
    def banded(self) -> dict[str, tuple[str, dict[str, tuple[float, float]]]]:
        """Rows drafted as another question's answers: key -> (question, {answer code: band})."""
        return {v.key: (v.question, v.bands) for v in self.variables if v.bands}

    @property
    def expansions(self) -> dict[str, tuple[str, ...]]:
        return {v.key: v.expands_to for v in self.variables if v.expands_to}

    @property
    def variable_patterns(self) -> list[tuple[str, str]]:
        named = [v for v in self.variables if v.pattern]
        return [(v.key, v.pattern) for v in sorted(named, key=lambda v: v.match_order)]


def _join(words: dict[str, list[str]]) -> str:
    return "|".join(w for language in LANGUAGES for w in words.get(language, []))


def _words(where: str, value) -> dict[str, list[str]]:
    if not isinstance(value, dict) or set(value) - set(LANGUAGES):
        raise TableError(f"{where}: words must be an object with keys {LANGUAGES}")
    for language, alternatives in value.items():
        if not isinstance(alternatives, list) or not all(isinstance(a, str) and a for a in alternatives):
            raise TableError(f"{where}: {language} words must be a list of non-empty strings")
        for alternative in alternatives:
            try:
                re.compile(alternative)
            except re.error as error:
                raise TableError(f"{where}: {alternative!r} is not a regular expression ({error})") from None
    return {language: list(value.get(language, [])) for language in LANGUAGES}


def _conversions(where: str, key: str, value, unit: str) -> dict[str, tuple[float, float, int | None]]:
    """A row's exact conversions: {unit: {"factor": f, "offset": o, "decimals": d}} to the question's unit."""
    if not isinstance(value, dict):
        raise TableError(f"{where} ({key}): conversions must be an object of units")
    conversions = {}
    for other, spec in value.items():
        number = (int, float)
        if (
            other == unit
            or not isinstance(spec, dict)
            or set(spec) - {"factor", "offset", "decimals"}
            or not isinstance(spec.get("factor"), number)
            or isinstance(spec.get("factor"), bool)
            or spec["factor"] <= 0
            or not isinstance(spec.get("offset", 0), number)
            or not isinstance(spec.get("decimals", 0), int)
            or not 0 <= spec.get("decimals", 0) <= 6
        ):
            raise TableError(
                f"{where} ({key}): conversion from {other!r} needs a positive factor, a numeric offset and 0-6 decimals"
            )
        conversions[other] = (spec["factor"], spec.get("offset", 0), spec.get("decimals"))
    return conversions


def _bands(where: str, key: str, value, question: str) -> dict[str, tuple[float, float]]:
    """A row's bands: {answer code of its question: [lowest, highest]} in the row's own values; the question is
    another row's ("karnofsky_ps" drafts on "ecog_ps")."""
    number = (int, float)
    if not isinstance(value, dict) or (value and question == key):
        raise TableError(f"{where} ({key}): bands are an object of answer codes, for another row's question")
    bands = {}
    for code, band in value.items():
        if (
            not isinstance(band, list)
            or len(band) != 2
            or not all(isinstance(v, number) and not isinstance(v, bool) for v in band)
            or band[0] > band[1]
        ):
            raise TableError(f"{where} ({key}): band of answer {code!r} must be [lowest, highest]")
        bands[str(code)] = (band[0], band[1])
    return bands


def _read(directory: Path, name: str) -> dict:
    try:
        data = json.loads((directory / name).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise TableError(f"{name}: cannot be read ({error})") from None
    if not isinstance(data, dict):
        raise TableError(f"{name}: must hold an object")
    return data


def _operators(name: str, rows_by_language: dict[str, list]) -> list[tuple[str, str, bool]]:
    """Operator groups of both lexicons, one pattern per (bound, inclusive), in the English lexicon's order."""
    groups: dict[tuple[str, bool], list[str]] = {}
    for language in LANGUAGES:
        for index, row in enumerate(rows_by_language[language]):
            where = f"lexicon_{language}.json {name}[{index}]"
            if row.get("bound") not in BOUNDS or not isinstance(row.get("inclusive"), bool):
                raise TableError(f"{where}: bound must be lower/upper and inclusive true/false")
            words = _words(where, {language: row.get("words")})[language]
            groups.setdefault((row["bound"], row["inclusive"]), []).extend(words)
    return [("|".join(words), bound, inclusive) for (bound, inclusive), words in groups.items()]


_MISSPELT_WORD = re.compile(r"[a-z][a-z0-9]*")


def _one_for_one(directory: Path, name: str, header: list[str], fits, rule: str) -> dict[str, str]:
    """A two-column table read as a mapping, each row one written form and what it reads as; `fits(written, reads)`
    says whether a row keeps `rule` (the text's map back to the original depends on it)."""
    path = directory / name
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
    except OSError as error:
        raise TableError(f"{name}: cannot be read ({error})") from None
    if not rows or rows[0] != header:
        raise TableError(f"{name}: the header must be {','.join(header)}")
    mapping: dict[str, str] = {}
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != 2 or row[0] == row[1] or not fits(*row):
            raise TableError(f"{name} line {number}: {rule}")
        if row[0] in mapping:
            raise TableError(f"{name} line {number}: {row[0]} is listed twice")
        mapping[row[0]] = row[1]
    return mapping


def _misspellings(directory: Path) -> dict[str, str]:
    """misspellings.csv: one row per misspelt word and the word it reads as, lower case, as long as each other, so a
    normalised text keeps its map back to the original; words only, never patterns."""
    return _one_for_one(
        directory,
        "misspellings.csv",
        ["written", "reads"],
        lambda written, reads: bool(_MISSPELT_WORD.fullmatch(written) and _MISSPELT_WORD.fullmatch(reads))
        and len(written) == len(reads),
        "one lower-case word for another of the same length",
    )


def _traditional_characters(directory: Path) -> dict[str, str]:
    """traditional_characters.csv: one row per character, a traditional character and the simplified one it reads as.
    One character for one character, so a normalised text keeps its map back to the original (quotes stay exact)."""
    mapping = _one_for_one(
        directory,
        "traditional_characters.csv",
        ["traditional", "simplified"],
        lambda traditional, simplified: len(traditional) == 1 and len(simplified) == 1,
        "one character for another single character",
    )
    if set(mapping.values()) & set(mapping):
        raise TableError("traditional_characters.csv: a simplified character is also listed as a traditional one")
    return mapping


def load(directory: Path = DIRECTORY) -> Tables:
    """Read and check every table; a TableError names the first problem."""
    variables_data = _read(directory, "variables.json")
    variables: list[Variable] = []
    seen: set[str] = set()
    for index, row in enumerate(variables_data.get("variables", [])):
        where = f"variables.json row {index}"
        key = row.get("key")
        if not isinstance(key, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", key) or key in seen:
            raise TableError(f"{where}: key must be a new snake_case name")
        seen.add(key)
        if not isinstance(row.get("unit"), str) or not row["unit"]:
            raise TableError(f"{where} ({key}): unit is missing")
        names = _words(f"{where} ({key}) names", row.get("names", {}))
        value_range = row.get("range")
        if _join(names):
            if (
                not isinstance(value_range, list)
                or len(value_range) != 2
                or not all(isinstance(v, (int, float)) for v in value_range)
                or value_range[0] > value_range[1]
            ):
                raise TableError(f"{where} ({key}): range must be [low, high]")
            accepted = row.get("units_accepted")
            if not isinstance(accepted, list) or not all(isinstance(u, str) for u in accepted):
                raise TableError(f"{where} ({key}): units_accepted must be a list of units")
        conversions = _conversions(where, key, row.get("conversions", {}), row["unit"])
        if not isinstance(row.get("pairs", False), bool) or (
            row.get("pairs") and len(row.get("expands_to") or ()) != 2
        ):
            raise TableError(f"{where} ({key}): pairs is true or false, and true needs expands_to of two variables")
        if not isinstance(row.get("scale", False), bool):
            raise TableError(f"{where} ({key}): scale is true or false")
        bands = _bands(where, key, row.get("bands", {}), row.get("question") or key)
        if not isinstance(row.get("named_by_unit", False), bool):
            raise TableError(f"{where} ({key}): named_by_unit is true or false")
        variables.append(
            Variable(
                key=key,
                unit=row["unit"],
                question=row.get("question") or key,
                names=names,
                units_accepted=frozenset(row.get("units_accepted") or ()),
                range=tuple(value_range) if value_range else None,
                match_order=int(row.get("match_order", 1_000)),
                expands_to=tuple(row.get("expands_to") or ()),
                conversions=conversions,
                pairs=bool(row.get("pairs", False)),
                scale=bool(row.get("scale", False)),
                bands=bands,
                named_by_unit=bool(row.get("named_by_unit", False)),
            )
        )
    keys = {v.key for v in variables}
    for variable in variables:
        if not set(variable.expands_to) <= keys - {variable.key}:
            raise TableError(f"variables.json ({variable.key}): expands_to names a variable the table does not have")

    units_data = _read(directory, "units.json")
    units = []
    for index, row in enumerate(units_data.get("units", [])):
        where = f"units.json row {index}"
        if not isinstance(row.get("unit"), str):
            raise TableError(f"{where}: unit is missing")
        units.append((_join(_words(where, row.get("aliases", {}))), row["unit"]))
    time_units = units_data.get("time_units", {})
    days_per_unit = units_data.get("days_per_unit", {})
    if not set(time_units.values()) <= set(days_per_unit):
        raise TableError("units.json: every time unit needs its days_per_unit")

    events_data = _read(directory, "events.json")
    window_events = []
    for index, row in enumerate(events_data.get("window_events", [])):
        pattern = _join(_words(f"events.json window_events[{index}]", row.get("words", {})))
        window_events.append((pattern, row.get("label")))
    window_questions = []
    for index, row in enumerate(events_data.get("window_questions", [])):
        pattern = _join(_words(f"events.json window_questions[{index}]", row.get("words", {})))
        if not isinstance(row.get("question"), str):
            raise TableError(f"events.json window_questions[{index}]: question is missing")
        window_questions.append((pattern, row["question"]))
    durations = []
    for index, row in enumerate(events_data.get("durations", [])):
        where = f"events.json durations[{index}]"
        # question null: no question asks it ("end of treatment"), so its words keep a duration off a wrong one
        if not isinstance(row.get("event"), str) or not isinstance(row.get("question", ""), (str, type(None))):
            raise TableError(f"{where}: event is needed, and question is a question key or null")
        if "question" not in row:
            raise TableError(f"{where}: question is needed (null when no question asks it)")
        durations.append(
            {"event": row["event"], "question": row["question"], "pattern": _join(_words(where, row.get("words", {})))}
        )

    study_procedures = _join(_words("events.json study_procedures", events_data.get("study_procedures", {})))
    consumed_at_a_rate = _join(_words("events.json consumed_at_a_rate", events_data.get("consumed_at_a_rate", {})))
    past_tests = _join(_words("events.json past_tests", events_data.get("past_tests", {})))
    outcome_lengths = _join(_words("events.json outcome_lengths", events_data.get("outcome_lengths", {})))
    day_counts_before = _join(_words("events.json day_counts_before", events_data.get("day_counts_before", {})))
    course_before = _join(_words("events.json course_before", events_data.get("course_before", {})))
    courses = _join(_words("events.json courses", events_data.get("courses", {})))
    washout_leads = _join(_words("events.json washout_leads", events_data.get("washout_leads", {})))
    menopause_words = _join(_words("events.json menopause_words", events_data.get("menopause_words", {})))
    menopause_defined_by = _join(
        _words("events.json menopause_defined_by", events_data.get("menopause_defined_by", {}))
    )

    lexicons = {language: _read(directory, f"lexicon_{language}.json") for language in LANGUAGES}
    traditional = _traditional_characters(directory)
    misspellings = _misspellings(directory)
    prefix = _operators("prefix_operators", {lang: lexicons[lang].get("prefix_operators", []) for lang in LANGUAGES})
    postfix = _operators("postfix_operators", {lang: lexicons[lang].get("postfix_operators", []) for lang in LANGUAGES})
    joins = [j for lang in LANGUAGES for j in lexicons[lang].get("range_joins", [])]
    weak = _words(
        "lexicon_zh.json exclusion_item_words_weak", {"zh": lexicons["zh"].get("exclusion_item_words_weak", [])}
    )
    duration_operators = []
    for language in LANGUAGES:
        for index, row in enumerate(lexicons[language].get("duration_operators", [])):
            where = f"lexicon_{language}.json duration_operators[{index}]"
            if not isinstance(row.get("inclusive"), bool):
                raise TableError(f"{where}: inclusive must be true or false")
            duration_operators += [(w, row["inclusive"]) for w in _words(where, {language: row.get("words")})[language]]
    duration_operators.sort(key=lambda row: len(row[0]), reverse=True)  # "大于等于" before "大于", ">=" before ">"
    return Tables(
        duration_operators=duration_operators,
        variables=variables,
        units=units,
        time_units=time_units,
        days_per_unit=days_per_unit,
        window_events=window_events,
        window_questions=window_questions,
        durations=durations,
        prefix_operators=prefix,
        postfix_operators=postfix,
        range_joins=joins,
        number_words=dict(lexicons["en"].get("number_words", {})),
        number_words_read_only=dict(lexicons["en"].get("number_words_read_only", {})),
        cn_digits=dict(lexicons["zh"].get("number_words", {})),
        study_procedures=study_procedures,
        consumed_at_a_rate=consumed_at_a_rate,
        past_tests=past_tests,
        outcome_lengths=outcome_lengths,
        day_counts_before=day_counts_before,
        course_before=course_before,
        courses=courses,
        washout_leads=washout_leads,
        menopause_words=menopause_words,
        menopause_defined_by=menopause_defined_by,
        traditional_characters=traditional,
        misspellings=misspellings,
        exclusion_item_words_weak=_join(weak),
        exclusion_item_words=_join(
            _words("lexicon_en.json exclusion_item_words", {"en": lexicons["en"].get("exclusion_item_words", [])})
        ),
        inclusion_item_words=_join(
            _words("lexicon_en.json inclusion_item_words", {"en": lexicons["en"].get("inclusion_item_words", [])})
        ),
        noun_qualifiers=_join(
            _words("lexicon noun_qualifiers", {lang: lexicons[lang].get("noun_qualifiers", []) for lang in LANGUAGES})
        ),
        dated_things=_join(_words("lexicon_en.json dated_things", {"en": lexicons["en"].get("dated_things", [])})),
        exception_lead_words=_join(
            _words(
                "lexicon exception_lead_words",
                {lang: lexicons[lang].get("exception_lead_words", []) for lang in LANGUAGES},
            )
        ),
        exception_spans=_join(
            _words("lexicon exception_spans", {lang: lexicons[lang].get("exception_spans", []) for lang in LANGUAGES})
        ),
        let_in_spans=_join(
            _words("lexicon let_in_spans", {lang: lexicons[lang].get("let_in_spans", []) for lang in LANGUAGES})
        ),
        list_item_separators=_join(
            _words(
                "lexicon list_item_separators",
                {lang: lexicons[lang].get("list_item_separators", []) for lang in LANGUAGES},
            )
        ),
        list_item_filler_words=_join(
            _words(
                "lexicon list_item_filler_words",
                {lang: lexicons[lang].get("list_item_filler_words", []) for lang in LANGUAGES},
            )
        ),
        not_a_plain_list=_join(
            _words("lexicon not_a_plain_list", {lang: lexicons[lang].get("not_a_plain_list", []) for lang in LANGUAGES})
        ),
        record_sections=_join(
            _words("lexicon_en.json record_sections", {"en": lexicons["en"].get("record_sections", [])})
        ),
        record_fields=_join(_words("lexicon_en.json record_fields", {"en": lexicons["en"].get("record_fields", [])})),
        upper_limit_itself=_join(
            _words(
                "lexicon upper_limit_itself",
                {lang: lexicons[lang].get("upper_limit_itself", []) for lang in LANGUAGES},
            )
        ),
        study_schedule_after=_join(
            _words(
                "lexicon study_schedule_after",
                {lang: lexicons[lang].get("study_schedule_after", []) for lang in LANGUAGES},
            )
        ),
        contraception_words=_join(
            _words(
                "lexicon contraception_words",
                {lang: lexicons[lang].get("contraception_words", []) for lang in LANGUAGES},
            )
        ),
        lab_subgroups=_join(
            _words("lexicon lab_subgroups", {lang: lexicons[lang].get("lab_subgroups", []) for lang in LANGUAGES})
        ),
        other_lab_names=_join(
            _words("lexicon other_lab_names", {lang: lexicons[lang].get("other_lab_names", []) for lang in LANGUAGES})
        ),
        other_lung_function_names=_join(
            _words(
                "lexicon other_lung_function_names",
                {lang: lexicons[lang].get("other_lung_function_names", []) for lang in LANGUAGES},
            )
        ),
    )


TABLES = load()
