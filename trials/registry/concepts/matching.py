"""Concepts in one clause of registry text: conditions, medicines, procedures and states, with polarity and time.

Pure Python, no Django: the vocabulary (`concepts.csv`) and the words read around a concept (`lexicon.json`)
are data beside this module. Linear in the clause's length: a few compiled patterns, each scanned once, and
the clause is capped at `MAX_CLAUSE` characters (registry text is hostile input). Never raises on odd text.

A match keeps the list its clause stands in (inclusion or exclusion, as the text states: the engine inverts),
whether it is negated ("no history of asthma", "无哮喘病史"), and a time window when one follows it ("heart
attack in the last 6 months" is a bound on days since a heart attack). `proposals()` groups the matches into
rules on questions: a question key with the answer codes, or a `days_since_*` key with a bound in days.
"""

from __future__ import annotations

import bisect
import csv
import json
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache
from pathlib import Path

from trials.eligibility import CALENDAR_UNITS, window_days
from trials.registry.extraction.tables import TABLES
from trials.time_units import DAYS_PER

HERE = Path(__file__).resolve().parent
MAX_CLAUSE = 4000
NOW_QUESTIONS = frozenset({"infection_now", "pregnant_or_breastfeeding"})  # signs of these are the state now
LONGEST_WINDOW_DAYS = 3650  # the days-since questions' last answer: "10 years or more, or never"
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Concept:
    key: str
    cls: str  # condition | medicine | procedure | state
    question: str  # the question its plain mention maps to ("" when only a window maps it)
    codes: tuple[str, ...]
    window: str  # a days_since_* key, or "question:code|code@max_days", or ""
    en: tuple[str, ...]
    zh: tuple[str, ...]
    mesh: str = ""
    icd10: str = ""
    atc: str = ""
    source: str = ""
    other_than: bool = False  # stands for its codes less those named after "other than" (or in 除…外)


@dataclass(frozen=True)
class Match:
    concept: Concept
    start: int  # in the clause's words
    end: int
    words: str
    negated: bool = False
    cue: str = ""
    window_days: Decimal | None = None  # "within N units" read after the concept, in days
    window_words: str = ""
    excepted: tuple[str, ...] | None = None  # an `other_than` concept's codes named as its exception
    narrowed: bool = False  # "ILD other than IPF": the study team judges the item
    unmet: bool = False  # a concept that needs words around it ("allergy" needs a medicine) found none
    implied: bool = False  # an `other_than` concept whose exception the trial's own conditions (or none) give
    # no rule in an inclusion: a treatment to come ("requiring chemotherapy", lexicon treatment_need) or an illness only
    # suspected ("suspect TB subjects", lexicon suspected_before)
    needed: bool = False
    # a mention the planned-event cues drop that names the treatment as one to come ("or will start biologics"): no
    # other mention of the concept in the clause is a rule either (a patient about to start it answers "no" now)
    to_come: bool = False
    allowed: bool = False  # "smokers may also participate", "may have received radiotherapy": allowed, no rule


@dataclass
class ConceptProposal:
    """One rule the matches of a clause stand for, on one question."""

    kind: str  # the clause's list, as the text states it
    question: str
    values: list[str] = field(default_factory=list)
    uncertain: list[str] = field(default_factory=list)  # codes only the study team can judge ("active cancer")
    lower: Decimal | None = None  # days-since questions only
    lower_inclusive: bool | None = None
    upper: Decimal | None = None
    upper_inclusive: bool | None = None
    concepts: list[str] = field(default_factory=list)
    negated: bool = False
    quote: str = ""
    words: list[str] = field(default_factory=list)
    confidence: float = 0.7
    words_at: tuple[int, int] | None = None  # the quote's span in the clause's words
    timed: bool = False  # read with a time ("in the last 6 months")

    def as_json(self) -> dict:
        def number(value):
            return None if value is None else float(value) if value != int(value) else int(value)

        return {
            "variable": self.question,
            "kind": self.kind,
            "concepts": self.concepts,
            "polarity": "negated" if self.negated else "affirmed",
            "words": self.words,
            "quote": self.quote,
            "values": self.values,
            "uncertain": self.uncertain,
            "lower": number(self.lower),
            "lower_inclusive": self.lower_inclusive,
            "upper": number(self.upper),
            "upper_inclusive": self.upper_inclusive,
            "source": "concepts",
        }


@cache
def vocabulary() -> tuple[Concept, ...]:
    with open(HERE / "concepts.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))

    def names(cell: str) -> tuple[str, ...]:
        return tuple(name.strip() for name in (cell or "").split("|") if name.strip())

    return tuple(
        Concept(
            key=row["key"],
            cls=row["class"],
            question=row["question"].strip(),
            codes=names(row["codes"]),
            window=row["window"].strip(),
            en=names(row["en"]),
            zh=names(row["zh"]),
            mesh=row.get("mesh", ""),
            icd10=row.get("icd10", ""),
            atc=row.get("atc", ""),
            source=row.get("source", ""),
            other_than=(row.get("other_than") or "").strip() == "required",
        )
        for row in rows
    )


@cache
def by_key() -> dict[str, Concept]:
    """Every concept of the vocabulary by its key, read once."""
    return {concept.key: concept for concept in vocabulary()}


def question_keys() -> list[str]:
    """Every question a concept may be drafted on, in the vocabulary's order."""
    keys: list[str] = []
    for concept in vocabulary():
        for key in (concept.question, concept.window.partition(":")[0].partition("@")[0]):
            if key == "now":  # a time that dates a test of the present state, not a question
                continue
            if key and key not in keys:
                keys.append(key)
    return keys


@cache
def lexicon() -> dict:
    with open(HERE / "lexicon.json", encoding="utf-8") as handle:
        return _both_widths(json.load(handle))


# A Chinese page's stops may come in either width: "，" and "；" as written, or "," and ";" after NFKC (as every
# Chinese page of the evaluation set does). A pattern's "up to the next stop" ([^，。；]) stops at both.
_WIDE_STOPS = {"，": ",", "；": ";"}


def _both_widths(value):
    """The lexicon with each negated character class that holds a full-width stop holding its ASCII form too."""
    if isinstance(value, dict):
        return {key: _both_widths(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_both_widths(item) for item in value]
    if isinstance(value, str) and "[^" in value:
        return re.sub(r"\[\^[^\]]*\]", _widen_class, value)
    return value


def _widen_class(found: re.Match) -> str:
    body = found.group()
    extra = "".join(narrow for wide, narrow in _WIDE_STOPS.items() if wide in body and narrow not in body)
    return body[:-1] + extra + "]" if extra else body


@cache
def _traditional() -> dict[int, str]:
    """Traditional characters to the simplified ones they read as, one for one: the extractor's table, read and
    checked once by `extraction.tables`."""
    return str.maketrans(TABLES.traditional_characters)


def _simplified(text: str) -> str:
    """The text with traditional characters read as simplified ones; one character for one, so offsets hold."""
    return text.translate(_traditional())


def _not_a_criterion(table: dict) -> dict:
    """The lexicon's lines that are no criterion (`not_a_criterion`): an empty statement, alone, after a section label
    or before the next section's capital heading; a section label or a unit alone; and the words a fragment stops
    on. The capital heading is read case-sensitively, the words in any case."""
    empty = "|".join(table["empty"])
    labels = "|".join(table["labels"])
    whole = (
        rf"^[\W\d_]*(?:(?:{table['label_before']})\s*[:：]\s*)?(?i:{empty})[\s.。;；,，]*(?:{table['heading_after']})?[\W_]*$"
        rf"|^[\W\d_]*(?i:{labels})[\W\d_]*$"
    )
    ends = "|".join(table["fragment_end"])
    return {
        "not_a_criterion": re.compile(whole),
        "fragment": re.compile(rf"\b(?:{ends})\s*[:：]?\s*$", re.IGNORECASE),
    }


def _spelling_variants(by_name: dict[str, Concept]) -> dict[str, Concept]:
    """Each Latin name with one of its words written as a page misspells it (lexicon `spelling_variant`: a table of
    whole words, "desease" for "disease", "neurologi" for "neurologic"), read as the name: bounded (one word of a name
    at a time, only the table's words), never fuzzy, so no spelling the table does not hold is taken for a name."""
    table = {
        word.lower(): tuple(v.lower() for v in variants)
        for word, variants in lexicon()["spelling_variant"]["en"].items()
    }
    found: dict[str, Concept] = {}
    for name, concept in by_name.items():
        words = name.split(" ")
        for index, word in enumerate(words):
            for variant in table.get(word, ()):
                found.setdefault(" ".join([*words[:index], variant, *words[index + 1 :]]), concept)
    return found


def _alternation(patterns) -> re.Pattern | None:
    patterns = [p for p in patterns if p]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None


@cache
def _patterns() -> dict:
    """Compiled once: the names (a case-sensitive pattern for acronyms such as "MI", "TB", one ignoring case for
    the rest, one for Chinese) and, per language, the cues read around them."""
    by_name: dict[str, Concept] = {}
    acronyms: dict[str, Concept] = {}
    chinese: dict[str, Concept] = {}
    for concept in vocabulary():
        for name in (*concept.en, *concept.zh):
            if _CJK.search(name):
                chinese.setdefault(name, concept)
            elif name.isupper() and len(name) <= 6:
                acronyms.setdefault(name, concept)
            else:
                by_name.setdefault(name.lower(), concept)
    for name, concept in _spelling_variants(by_name).items():
        by_name.setdefault(name, concept)  # a real name another concept holds keeps its concept

    def latin(names, flags):
        if not names:
            return None
        body = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        # Latin word edges only: "合并HIV" and "筛选期HIV抗体" name HIV although Chinese letters touch it
        return re.compile(rf"(?<![A-Za-z0-9_-])(?:{body})(?![A-Za-z0-9_])", flags)

    chinese_body = "|".join(re.escape(n) for n in sorted(chinese, key=len, reverse=True))
    lex = lexicon()
    return {
        "names": [
            (latin(by_name, re.IGNORECASE), by_name, str.lower),
            (latin(acronyms, 0), acronyms, str),
            (re.compile(chinese_body) if chinese else None, chinese, str),
        ],
        "negation": {lang: _alternation(p) for lang, p in lex["negation"].items()},
        "pseudo": {lang: _alternation(p) for lang, p in lex["pseudo_negation"].items()},
        "exception": {lang: _alternation(p) for lang, p in lex["exception"].items()},
        "breaker": {lang: _alternation(p) for lang, p in lex["scope_breaker"].items()},
        "weak": {lang: _alternation(p) for lang, p in lex["weak_negation"].items()},
        "window": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["time_window"].items()},
        "procedural": {name: _alternation(p) for name, p in lex["procedural"].items()},
        "anchor": _alternation(lex["time_anchor"]),
        "judge": _alternation(lex["judgement"]["judge"]),
        "heading_unless_concept": _alternation(lex["heading_unless_concept"]),
        **_not_a_criterion(lex["not_a_criterion"]),
        "unsuitable_alone": re.compile(lex["judgement"]["unsuitable_alone"], re.IGNORECASE),
        "catch_all": _alternation(lex["judgement"]["generic"]),
        "subset": re.compile(lex["diagnosis_subset_before"], re.IGNORECASE),
        "group_label": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["group_label"].items()},
        "signs_before": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["signs_before"].items()},
        "exception_after": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["exception_after"].items()},
        "modifier": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["modifier_after"].items()},
        "modifier_medicine": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["modifier_after_medicine"].items()},
        "qualifier_before": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["qualifier"]["before"].items()},
        "qualifier_after": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["qualifier"]["after"].items()},
        "cancer_kind_before": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["cancer_kind"]["before"].items()},
        "cancer_active_after": {
            lang: re.compile(p, re.IGNORECASE) for lang, p in lex["cancer_kind"]["active_after"].items()
        },
        "current": {
            lang: {side: re.compile(p, re.IGNORECASE) for side, p in sides.items()}
            for lang, sides in lex["current"].items()
        },
        "past_medicine": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["past_medicine"].items()},
        "minor_cancer": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["minor_cancer_exception"].items()},
        "other_than_after": re.compile(lex["other_than"]["after"], re.IGNORECASE),
        "other_than_before": re.compile(lex["other_than"]["before"], re.IGNORECASE),
        "contrary": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["contrary_after_negation"].items()},
        "negation_after": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["negation_after"].items()},
        "test_result": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["test_result_after"].items()},
        "examples_after": re.compile(lex["other_than"]["examples_after"], re.IGNORECASE),
        "negation_opening": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["negation_opening"].items()},
        "other_kind": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["other_kind_before"].items()},
        "finding_without": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["finding_without"].items()},
        "short_window": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["short_window_after"].items()},
        "medicine_narrowed": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["medicine_narrowed_after"].items()},
        "medicine_narrowed_before": {
            lang: re.compile(p, re.IGNORECASE) for lang, p in lex["medicine_narrowed_before"].items()
        },
        "drug_screen": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["drug_screen_clause"].items()},
        "sex_group": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["sex_group_label"].items()},
        "lab_value": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["lab_value_after"].items()},
        "event_after": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["study_event"]["after"].items()},
        "event_before": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["study_event"]["before"].items()},
        "event_planned": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["study_event"]["planned"].items()},
        "plan_in_study": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["plan_in_study"].items()},
        "explanation": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["explanation_bracket"].items()},
        "planned_procedure": {
            side: {lang: re.compile(p, re.IGNORECASE) for lang, p in by_language.items()}
            for side, by_language in lex["planned_procedure"].items()
        },
        "past_anchor": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["past_anchor_after"].items()},
        "planned_form": {
            side: {lang: re.compile(p, re.IGNORECASE) for lang, p in by_language.items()}
            for side, by_language in lex["planned_form_words"].items()
        },
        "past_anchor_before": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["past_anchor_before"].items()},
        "if_present": {
            side: {lang: re.compile(p, re.IGNORECASE) for lang, p in by_language.items()}
            for side, by_language in lex["condition_if_present"].items()
        },
        "list_context": {
            name: {lang: re.compile(p, re.IGNORECASE) for lang, p in by_language.items()}
            for name, by_language in lex["list_context"].items()
        },
        "context": {
            key: {
                part: {lang: re.compile(p, re.IGNORECASE) for lang, p in by_language.items()}
                for part, by_language in _context_parts(lex["context"], key).items()
                if not part.startswith("_")
            }
            for key in lex["context"]
            if not key.startswith("_")
        },
        "organ_list": {lang: _organ_list(spec) for lang, spec in lex["organ_list"].items() if not lang.startswith("_")},
        "whole_clause": [
            (entry, {lang: re.compile(entry[lang], re.IGNORECASE) for lang in ("en", "zh")})
            for entry in lex["whole_clause"]
        ],
        "filler": {"en": frozenset(lex["filler"]["en"].split()), "zh": frozenset(lex["filler"]["zh"])},
        "terminator": re.compile(r"(?<!\bi\.e)(?<!\be\.g)[.;:。；：]\s"),
    }


def _context_parts(context: dict, key: str) -> dict:
    """A context concept's parts; one `same_as` another reads that concept's words after it and its blocked words,
    and none before it ("sensitivity to a medicine", never "insulin sensitivity")."""
    parts = context[key]
    if "same_as" not in parts:
        return parts
    same = context[parts["same_as"]]
    return {part: same[part] for part in ("after", "blocked") if part in same}


def _organ_list(spec: dict) -> tuple[re.Pattern, re.Pattern, re.Pattern, dict[str, str]]:
    """(the pattern of a list of organ words, of the head noun after it, of one named organ word, each named organ
    word's concept key), from the lexicon's `organ_list`. The list and its head are two patterns, the list matched
    once from each place (finditer), so that reading stays linear in the clause's length."""
    words = sorted([*spec["named"], *spec["others"].split("|")], key=len, reverse=True)
    chinese = _CJK.search(words[0]) is not None
    edge, end = ("", "") if chinese else (r"(?<![A-Za-z0-9-])", r"(?![A-Za-z0-9-])")
    modifier = "" if chinese else rf"(?:(?:{spec['modifiers']})\s+)?"
    word = rf"{edge}{modifier}(?:{'|'.join(re.escape(w) if chinese else w for w in words)}){end}"
    heads = rf"{spec['before_head']}(?:{spec['heads']})" if chinese else rf"\s+(?:{spec['heads']})\b"
    items = re.compile(rf"{word}(?:{spec['joins']}{word})+", re.IGNORECASE)
    named = sorted(spec["named"], key=len, reverse=True)
    one = re.compile(rf"{edge}(?:{'|'.join(re.escape(w) for w in named)}){end}", re.IGNORECASE)
    return items, re.compile(heads, re.IGNORECASE), one, {key.lower(): value for key, value in spec["named"].items()}


def clause_class(text: str) -> str:
    """ "screening", or the procedural class a clause falls in: consent, willingness, other_criteria, heading,
    instruction. Procedural clauses are never checks on a patient (see README.md)."""
    return procedural_at(text)[0]


def procedural_at(text: str) -> tuple[str, int]:
    """(class, where its words start in `text`); ("screening", len(text)) for a screening clause. Consent named
    only as a point in time ("within 8 weeks before signing consent") is not procedural."""
    words = _simplified((text or "")[:MAX_CLAUSE])
    if not words.strip():
        return "heading", 0
    patterns = _patterns()
    words = patterns["anchor"].sub(lambda m: " " * len(m.group()), words) if patterns["anchor"] else words
    for name, pattern in patterns["procedural"].items():
        found = pattern.search(words) if pattern is not None else None
        if found is not None:
            return name, found.start()
    found = patterns["not_a_criterion"].search(words)
    if found is not None:  # "Not specified", "Hepatic: Not specified", "Patient Characteristics", "/L;"
        return "heading", found.start()
    stripped = words.strip()
    named = _precision_patterns()["group_name"][_language(stripped)].match(stripped)
    if named and not re.search(r"\barms?\W*$", stripped, re.IGNORECASE):  # "Fracture of the arm" is no group
        return "heading", words.index(stripped[0])  # "Control group", "COPD Group", "哮喘组": a group's sub-heading
    heading = patterns["heading_unless_concept"]
    found = heading.search(words) if heading is not None else None
    if found is not None and not find(words):  # "… one of the following:" introduces a list
        return "heading", found.start()
    found = patterns["fragment"].search(words)
    if found is not None and not _names_any(words, patterns):  # "Severe pre-eclampsia defined by": the rest is next
        return "heading", found.start()
    judge, generic = patterns["judge"], patterns["catch_all"]
    found = judge.search(words) if judge is not None else None
    if found is not None and generic is not None and generic.search(words) and not find(words):
        return "judgement", found.start()  # "any other condition that, in the investigator's opinion, …"
    alone = patterns["unsuitable_alone"].search(words)
    if alone is not None and not find(words):
        return "judgement", alone.start()  # "Subjects with other situation not suitable for the study"
    return "screening", len(words)


def _names_any(text: str, patterns: dict) -> bool:
    """Whether any concept's name stands in `text`, however it reads there."""
    return any(pattern is not None and pattern.search(text) for pattern, _table, _fold in patterns["names"])


def find(text: str) -> list[Match]:
    """The concepts a clause names, left to right, longest name first where names overlap."""
    original = (text or "")[:MAX_CLAUSE]
    text = _simplified(original)  # "心肌梗塞" in traditional characters reads as in simplified ones, one for one
    patterns = _patterns()
    found = []
    for pattern, table, fold in patterns["names"]:
        if pattern is None:
            continue
        for match in pattern.finditer(text):
            found.append((match.start(), -(match.end() - match.start()), match.end(), table[fold(match.group())]))
    listed = _organ_words(text, found, patterns)
    found.extend(listed)
    shared, heads = _shared_heads(text, found)  # "current or ex-smoker": the word before "or" shares the name's head
    found.extend(shared)
    found.sort(key=lambda item: (item[0], item[1]))
    lists = sorted(_organ_lists(text, patterns)) if listed else []
    qualified = {start for start, _l, _e, _c in found if _list_at(lists, start)}
    matches, reached, previous = [], -1, None
    for start, _length, end, concept in found:
        if start < reached:
            continue
        if previous is not None and previous[1] is concept and re.fullmatch(r"\s*[(（]\s*", text[previous[0] : start]):
            reached = end  # "human immunodeficiency virus (HIV)": the same concept restated, read once
            continue
        previous = (end, concept)
        reached = end
        match = _read_around(text, start, end, concept, patterns)
        if match is not None and start in qualified:
            match = replace(match, narrowed=True)  # "clinically significant cardiac, hepatic or renal disease"
        matches.append(match)
    matches = _operation_reasons(_treated_illnesses([m for m in matches if m is not None], text), text)
    matches = _lesion_bleeding(text, matches)
    matches = _examples_of_past_use(text, matches)
    matches = [_recreational_drug(text, match) for match in matches]
    anchor = lexicon()["anchor_event"]["en"]  # "Major depressive disorder before onset of stroke": the stroke dates it
    matches = [
        replace(match, allowed=True)
        if match.concept.cls == "condition" and re.search(anchor, text[max(0, match.start - 50) : match.start], re.I)
        else match
        for match in matches
    ]
    if heads:  # a word that shares a name's head stands or falls with the name, and is negated as the word is
        named = {match.start: index for index, match in enumerate(matches)}
        for word, name in heads.items():
            if word in named and name in named:  # "never or former smoker": "never" negates no former smoker
                at = matches[named[word]]
                matches[named[name]] = replace(matches[named[name]], negated=at.negated, cue=at.cue)
        matches = [m for m in matches if m.start not in heads or heads[m.start] in named]
    # "无心、肝、肾、神经系统疾病史": the negation of a list's first word is every word's
    first: dict[int, Match] = {}
    for index, match in enumerate(matches):
        at = _list_index(lists, match.start)
        if at is None:
            continue
        opener = first.setdefault(at, match)
        if opener.negated and not match.negated:
            matches[index] = replace(match, negated=True, cue=opener.cue)
    return [replace(match, words=original[match.start : match.end]) for match in matches]  # the page's own words


def _treated_illnesses(matches: list[Match], text: str) -> list[Match]:
    """An illness named as what a medicine is for ("taking inhaled corticosteroids for asthma or COPD", "使用吸入糖皮质激素治疗
    哮喘", lexicon `treatment_for`) is not itself asked of the patient: that mention and the illnesses listed with it
    give no match. Another mention of the illness in the clause ("Asthma, or taking …") still does."""
    words = lexicon()["treatment_for"]
    kept, treated, treated_illness = [], None, False  # treated: where the last medicine or treated illness ends
    for match in matches:
        between = text[treated : match.start] if treated is not None else ""
        language = "zh" if _CJK.search(match.words) else "en"
        joined = re.fullmatch(words["joined"], between, re.IGNORECASE)  # "… for asthma or COPD": COPD too
        if (
            match.concept.cls == "condition"
            and treated is not None
            and ((joined and treated_illness) or re.fullmatch(words[language], between, re.IGNORECASE))
        ):
            treated, treated_illness = match.end, True
            continue
        treated, treated_illness = (match.end, False) if match.concept.cls == "medicine" else (None, False)
        kept.append(match)
    return kept


def _operation_reasons(matches: list[Match], text: str) -> list[Match]:
    """An illness named as what an operation was for ("abdominal surgery for Crohn's disease", "针对炎性肠病接受过…腹部手术",
    lexicon `operation_reason`) is not itself asked of the patient: that mention, the illnesses listed with it and later
    mentions of the same illness in the sentence ("…手术，包括但不限于炎性肠病、克罗恩病": its examples) give no rule (they
    are named, so not other words). The operation keeps its own reading; a mention of the illness before the operation's
    stretch still counts."""
    spec, words = lexicon()["operation_reason"], lexicon()["treatment_for"]
    reasons: dict[str, int] = {}  # an illness that is an operation's reason: where that operation ends
    dropped: set[int] = set()
    operated, operated_end, listed = None, 0, False  # where the last operation (or its listed reason) ends, and it
    for index, match in enumerate(matches):  # English: "surgery for X, Y or Z"
        if _CJK.search(match.words):
            operated, listed = None, False
            continue
        between = text[operated : match.start] if operated is not None else ""
        joined = re.fullmatch(words["joined"], between, re.IGNORECASE)
        if (
            match.concept.cls == "condition"
            and operated is not None
            and ((joined and listed) or re.fullmatch(words["en"], between, re.IGNORECASE))
        ):
            dropped.add(index)
            reasons.setdefault(match.concept.key, operated_end)
            operated, listed = match.end, True
            continue
        if match.concept.cls == "procedure":
            operated, operated_end, listed = match.end, match.end, False
        else:
            operated, listed = None, False
    for index, match in enumerate(matches):  # Chinese: "针对X(、Y)接受过…手术", "因X行…切除术"
        if match.concept.cls != "condition" or not _CJK.search(match.words) or index in dropped:
            continue
        if not re.search(spec["zh_before"], text[max(0, match.start - 6) : match.start]):
            continue
        for later in range(index + 1, len(matches)):
            operation = matches[later]
            if operation.concept.cls == "procedure":
                if re.fullmatch(spec["zh_between"], text[match.end : operation.start]):
                    listed_too = {at for at in range(index, later) if matches[at].concept.cls == "condition"}
                    dropped |= listed_too
                    for at in listed_too:
                        reasons.setdefault(matches[at].concept.key, operation.end)
                break
    for index, match in enumerate(matches):  # "No prior biologic therapy for non-small cell lung cancer"
        before = text[max(0, match.start - 80) : match.start]
        if match.concept.cls == "condition" and not _CJK.search(match.words):
            if re.search(spec["en_words_before"], before, re.IGNORECASE):
                dropped.add(index)
    for index, match in enumerate(matches):  # the reason's examples later in the sentence
        end = reasons.get(match.concept.key)
        if end is not None and match.start >= end and not re.search(r"[.;。；]", text[end : match.start]):
            dropped.add(index)
    # named (so not other words), but no rule
    return [replace(match, allowed=True) if index in dropped else match for index, match in enumerate(matches)]


def _lesion_bleeding(text: str, matches: list[Match]) -> list[Match]:
    """Bleeding of a tumour or a lesion ("a significant bleeding tendency in the primary lesion", "肿瘤有明显出血倾向";
    lexicon `lesion_bleeding`) is no bleeding disorder: the mention, and a cancer named as the tumour that bleeds, are
    named (so not other words) but give no rule."""
    spec = lexicon()["lesion_bleeding"]
    quiet: set[int] = set()
    for index, match in enumerate(matches):
        if match.concept.key not in spec["concepts"] or match.negated:
            continue
        language = "zh" if _CJK.search(match.words) else "en"
        start = max(0, match.start - 30)
        before = re.search(spec["before"][language], text[start : match.start], re.IGNORECASE)
        if before is None and not re.match(spec["after"][language], text[match.end : match.end + 60], re.IGNORECASE):
            continue
        quiet.add(index)
        if before is not None:  # "肿瘤有明显出血倾向": the tumour named is the one that bleeds
            quiet |= {at for at, other in enumerate(matches) if start + before.start() <= other.start < match.start}
    return [replace(match, allowed=True) if index in quiet else match for index, match in enumerate(matches)]


def _recreational_drug(text: str, match: Match) -> Match:
    """A medicine named as a recreational or illicit drug's example ("hard drug (opioid)"; lexicon `recreational_drug`)
    is drug use, not a medicine taken: named (so not other words), but no rule on the medicines-now question."""
    if match.concept.cls != "medicine" or match.concept.question != "medicines_now":
        return match
    language = "zh" if _CJK.search(match.words) else "en"
    pattern = lexicon()["recreational_drug"][language]
    return (
        replace(match, allowed=True)
        if re.search(pattern, text[max(0, match.start - 80) : match.start], re.I)
        else match
    )


def _examples_of_past_use(text: str, matches: list[Match]) -> list[Match]:
    """A medicine named as an example ("including", "such as", "e.g.", "包括", "如"; lexicon `past_examples`
    `examples_cue`) of a treatment read as past use earlier in its sentence ("Prior treatment with immune checkpoint
    blockade therapies, including anti-CTLA-4, anti-PD-1 …") is past use too: its item asked now or ever, or no rule."""
    spec = lexicon()["past_examples"]
    past_keys = set(lexicon()["past_use"].values())
    read, head = [], None  # head: the end of the last medicine read as past use in this sentence
    for match in matches:
        if head is not None and re.search(r"[.;。；]", text[head : match.start]):
            head = None
        if match.concept.key in past_keys:
            head = match.end
        elif head is not None and match.concept.cls == "medicine" and match.concept.question == "medicines_now":
            language = "zh" if _CJK.search(match.words) else "en"
            if re.search(spec["examples_cue"][language], text[head : match.start], re.IGNORECASE):
                ever = by_key().get(lexicon()["past_use"].get(match.concept.key, ""))
                match = replace(match, concept=ever) if ever is not None else replace(match, allowed=True)
        read.append(match)
    return read


def _list_index(lists: list[tuple[int, int, bool]], at: int) -> int | None:
    """The index of the organ list (sorted by start) that holds position `at`, or None."""
    index = bisect.bisect_right(lists, (at, float("inf"), True)) - 1
    return index if index >= 0 and lists[index][0] <= at < lists[index][1] else None


def _list_at(lists: list[tuple[int, int, bool]], at: int) -> bool | None:
    """Whether the organ list holding `at` is qualified by a severity (None when no list holds it)."""
    index = _list_index(lists, at)
    return None if index is None else lists[index][2]


def _organ_spans(text: str, patterns) -> list[tuple[int, int, re.Pattern, dict[str, str]]]:
    """(start, end, the named-word pattern, its concepts) of each list of organ words followed by a head noun."""
    spans = []
    for items, heads, one, named in patterns["organ_list"].values():
        for organ_list in items.finditer(text):
            head = heads.match(text, organ_list.end())
            if head is not None:
                spans.append((organ_list.start(), head.end(), one, named))
    return spans


def _organ_words(text: str, found: list, patterns) -> list[tuple]:
    """ "cardiovascular, hepatic, renal or neurological disease", "心、肝、肾疾病": each organ word of such a list that
    names an item and is not already a name, as (start, -length, end, concept)."""
    concepts, listed = by_key(), []
    taken = [(start, end) for start, _length, end, _concept in found]
    for start, end, one, named in _organ_spans(text, patterns):
        after = re.sub(r"^\s*(?:[(（][^()（）]{0,15})?[)）]", "", text[end : end + 60])
        if patterns["modifier"][_language(text[start:end])].search(after[:40]):
            continue  # "… or psychiatric condition that prevents participation": read as its head is
        for word in one.finditer(text, start, end):
            concept = concepts.get(named.get(word.group().lower(), ""))
            if concept is None or any(a < word.end() and word.start() < b for a, b in taken):
                continue
            listed.append((word.start(), -(word.end() - word.start()), word.end(), concept))
    return listed


def _organ_lists(text: str, patterns) -> list[tuple[int, int, bool]]:
    """(start, end, qualified) of each organ list in the clause: qualified when a severity stands before it
    ("clinically significant cardiac, hepatic or renal disease") or opens it."""
    lists = []
    modifiers = lexicon()["organ_list"]["en"]["modifiers"]
    severity = lexicon()["organ_list"]["en"]["severity_before"]
    for start, end, _one, _named in _organ_spans(text, patterns):
        words = text[start:end]
        language = _language(words)
        before = text[_segment_start(text, start, patterns) : start]
        qualified = bool(
            patterns["qualifier_before"][language].search(before[-60:])
            or (language == "en" and re.match(rf"\s*(?:{modifiers})\b", words, re.IGNORECASE))
            or (language == "en" and re.search(severity, before[-60:], re.IGNORECASE))
            or (language == "zh" and re.search(lexicon()["organ_list"]["zh"]["severity_after"], text[start : end + 12]))
        )
        lists.append((start, end, qualified))
    return lists


def _language(words: str) -> str:
    return "zh" if _CJK.search(words) else "en"


def _segment_start(text: str, start: int, patterns) -> int:
    """Where the sentence-like piece holding `start` begins (after the last ". ", "; ", ": " or a Chinese stop)."""
    at = 0
    for stop in patterns["terminator"].finditer(text, 0, start):
        at = stop.end()
    for index in range(start - 1, max(at, start - 200) - 1, -1):
        if text[index] in "。；：;":
            return index + 1
    return at


def _named_codes(words: str, patterns) -> tuple[str, ...]:
    """The lung diagnosis codes named in a few words ("COPD", "asthma or bronchiectasis")."""
    codes: list[str] = []
    for pattern, table, fold in patterns["names"]:
        for found in pattern.finditer(words) if pattern is not None else ():
            concept = table[fold(found.group())]
            if concept.question == "diagnoses" and not concept.other_than:
                codes.extend(code for code in concept.codes if code not in codes)
    return tuple(codes)


def _excepted(text: str, before_text: str, end: int, patterns) -> tuple[str, ...] | None:
    """For "respiratory disease other than COPD" or "除哮喘外的其他肺部疾病": the codes named as the exception
    (None when the words name none: "any other lung disease" is other than the trial's own, which the text
    does not say)."""
    after = patterns["other_than_after"].match(text, end)
    named = after.group("named") if after else None
    if named is None:
        before = patterns["other_than_before"].search(before_text)
        named = before.group("named") if before else None
    codes = _named_codes(named, patterns) if named else ()
    return codes or None


def _in_context(
    text: str, start: int, end: int, concept: Concept, language: str, patterns
) -> tuple[int, int, bool] | None:
    """For a concept that names something only with the words around it ("allergy" is a medicine allergy only
    with a medicine: "allergy to the study drug", "drug allergy", "对研究药物过敏"; "spirometry" is an ability
    only after "able to perform"): the span of the concept with those words and whether they negate it ("unable
    to perform spirometry"), or None when they are not there or the clause names what the concept must not
    stand for ("food allergy", "过敏体质")."""
    context = patterns["context"][concept.key]
    blocked = context.get("blocked", {}).get(language)
    if blocked is not None and blocked.search(text):
        return None
    after = context.get("after", {}).get(language)
    found = after.match(text, end) if after is not None else None
    if found is not None:
        return start, found.end(), False
    segment = _segment_start(text, start, patterns)
    for part, negated in (("before_negated", True), ("before", False)):
        before = context.get(part, {}).get(language)
        found = before.search(text[segment:start]) if before is not None else None
        if found is not None:
            return segment + found.start(), end, negated
    return None


def _planned_form(
    text: str, start: int, before_text: str, concept: Concept, language: str, patterns
) -> tuple[Concept, int] | None:
    """ "Scheduled for elective cardiac surgery", "拟行手术": the planned operation's concept and where its words start
    (the planning words), or None when the operation is not named as planned, or a past, an ability, a need or a time
    anchor is said around it (lexicon `planned_form`)."""
    target = lexicon()["planned_form"].get(concept.key)
    if target is None:
        return None
    words = patterns["planned_form"]
    found = words["before"][language].search(before_text[-80:])
    if found is None or words["blocked"][language].search(before_text):
        return None
    return by_key()[target], start - len(before_text[-80:]) + found.start()


def _read_around(text: str, start: int, end: int, concept: Concept, patterns) -> Match | None:
    before_text = text[_segment_start(text, start, patterns) : start]
    # a Latin name opening a Chinese clause ("HIV检测结果阴性") is read with the Chinese words after it
    language = (
        _language(text[start:end]) if _CJK.search(text[start:end]) else _language(before_text[-20:] or text[end:])
    )
    planned = _planned_form(text, start, before_text, concept, language, patterns)
    if planned is not None:  # "Patients scheduled for elective cardiac surgery": an operation planned now
        concept, start = planned
        before_text = text[_segment_start(text, start, patterns) : start]
        return _planned_match(text, start, end, concept, before_text, language, patterns)
    if concept.key in patterns["context"]:
        span = _in_context(text, start, end, concept, language, patterns)
        if span is None:
            return Match(concept, start, end, text[start:end], unmet=True)
        start, end, context_negated = span
        before_text = text[_segment_start(text, start, patterns) : start]
    if concept.other_than:  # read before the exception cues below, which it is made of
        excepted = _excepted(text, before_text, end, patterns)
        if excepted is not None:
            # "Must not have a pulmonary disorder other than asthma", "无除哮喘外的其他肺部疾病": negated as any concept
            named = patterns["other_than_before"].search(before_text)  # "除哮喘外的": the exception is no cue
            lead = before_text[: named.start()] if named is not None else before_text
            negated, cue = _negation_before(lead, language, patterns)
            return Match(concept, start, end, text[start:end], negated, cue, excepted=excepted)
        # no exception named ("respiratory diseases", "no history of lung disease"): read like any concept
    narrowed = False
    if concept.question == "diagnoses":  # "interstitial lung disease other than IPF": a narrower kind of ILD
        bracket = re.match(r"\s*(?:[(（][^()（）]{0,15})?[)）]", text[end : end + 20])  # past "(ILD)" or ")"
        after = patterns["other_than_after"].match(text, end + (bracket.end() if bracket else 0))
        named = _named_codes(after.group("named"), patterns) if after else ()
        related = lexicon()["other_than"]["related"]
        narrowed = any(code in related.get(own, ()) for own in concept.codes for code in named)
    elif concept.question == "other_conditions" and concept.cls == "condition":
        # "liver disease other than alcoholic": a patient with the excepted kind ticks the same item
        narrowed = patterns["other_than_after"].match(text, end) is not None
    exception = patterns["exception"].get(language)
    opening = patterns["negation_opening"][language].match(text)
    # "Not be currently treated for TB": the opening's "treated for" is the negated phrase, not an exception
    opened = max(0, opening.end() - (start - len(before_text))) if opening is not None and opening.end() <= start else 0
    if exception is not None and exception.search(before_text[opened:][-200:]):
        if _treatment_need(before_text, concept, language):
            return Match(concept, start, end, text[start:end], to_come=True)  # "On biologics or will start biologics"
        return None  # "respiratory disease other than COPD", "除哮喘外": the concept is what is excepted
    if _allowed(text, end, before_text, language, _negation_before(before_text, language, patterns)[0]):
        return Match(concept, start, end, text[start:end], allowed=True)  # neither required nor barred: no rule
    if _not_the_patients(text, start, end, before_text, concept, language):
        return None  # another person's, refused, named about something else, or a pregnancy not now (decision 0087)
    if concept.key in ("hypertension", "uncontrolled_hypertension") and re.search(
        lexicon()["hypertension_kind_before"], before_text[-40:], re.IGNORECASE
    ):
        return None  # "pulmonary (arterial) hypertension": a lung disease, not high blood pressure
    around = lexicon()["exception_around"].get(language)
    if around is not None and re.search(around["before"], before_text) and re.match(around["after"], text[end:]):
        return None  # "除哮喘以外": the concept is what is excepted
    if patterns["exception_after"][language].match(text, end):
        return None  # "(最近5年中未复发的恶性肿瘤除外)": the concept is what is excepted, whatever cue is before it
    if patterns["lab_value"][language].match(text, end):
        return None  # "TB ≤ 3 × ULN": total bilirubin, a lab value, not tuberculosis
    during = patterns["event_after"][language].match(text, end) or patterns["event_before"][language].search(
        before_text[-40:]
    )
    if (
        during
        and concept.question not in NOW_QUESTIONS
        and not patterns["event_planned"][language].search(before_text[-40:] + text[start:end])
    ):
        return None  # "myocardial infarction after the operation", "CPAP during the run-in" ("planned surgery" stays)
    planned = patterns["planned_procedure"]
    if (
        (concept.cls == "procedure" and concept.question)
        and (  # not "surgery" itself, which a plan may name
            planned["before"][language].search(before_text[-80:]) or planned["after"][language].match(text, end)
        )
    ):
        return None  # "should undergo tracheostomy", "intubation for head and neck surgery": planned or the study's
    need = lexicon()["operation_need"]
    if concept.key in need["concepts"] and (
        re.search(need["before"][language], before_text[-60:], re.IGNORECASE)
        or re.match(need["after"][language], text[end : end + 40], re.IGNORECASE)
    ):
        return None  # "requiring cardiac surgery", "bariatric surgery during treatment": a need or the study's own
    ventilation = lexicon()["ventilation_need"]
    if concept.key in ventilation["concepts"] and (
        re.search(ventilation["before"][language], before_text[-60:], re.IGNORECASE)
        or re.match(ventilation["after"][language], text[end : end + 40], re.IGNORECASE)
    ):
        return None  # "Need for emergent intubation", "on ventilator support for no longer than 5 days": no history
    needed = _treatment_need(before_text, concept, language)
    treated_then = _past_need(text, start, end, before_text, concept, language)
    if needed and concept.cls == "procedure":
        return None  # "who require liver transplantation": an operation to come, not one had
    if concept.cls == "state" and (
        patterns["past_anchor"][language].match(text, end)
        or (
            concept.question not in NOW_QUESTIONS and patterns["past_anchor_before"][language].search(before_text[-80:])
        )
    ):
        return None  # "smokers at the time they learned of the pregnancy": a state then, not now (the pregnancy is)
    signs = patterns["signs_before"].get(language)
    if signs is not None and concept.question not in NOW_QUESTIONS and signs.search(before_text[-60:]):
        return None  # "present clinical signs of stroke": a state now, not the illness ever the item asks about
    # "PAH therapy" qualifies a therapy, but "anticoagulant therapy" is the medicine itself
    past, listed = patterns["past_medicine"].get(language), None
    if concept.cls == "medicine" and concept.question == "medicines_now" and past is not None:
        anchor = lexicon()["past_use_anchor"]  # "prior to starting chemotherapy": a start to come, not a past use
        anchored = re.search(anchor["before"][language], before_text[-40:], re.IGNORECASE) or re.match(
            anchor["after"][language], text[end : end + 20], re.IGNORECASE
        )
        if anchored:
            return None
        listed = _past_use_list(before_text, language)  # "14天内使用过处方药、中草药、保健品": the cue heads its list
        if past.search(before_text[-60:]) or listed is not None or _past_examples(before_text, language):
            ever = by_key().get(lexicon()["past_use"].get(concept.key, ""))
            if ever is None:
                return None  # "history of chemotherapy": not what the patient takes now
            concept = ever  # "prior use of pirfenidone": the item that asks about now or in the past
    modifier = patterns["modifier_medicine" if concept.cls == "medicine" else "modifier"].get(language)
    after = re.sub(r"^\s*(?:[(（][^()（）]{0,15})?[)）]", "", text[end : end + 60])  # past "(PAH)" or ")"
    # "HIV-negative", "HIV检测结果呈阴性": an infection's own test result says whether the patient has it
    result = (
        patterns["test_result"][language].match(text, end) if concept.key in lexicon()["test_result_concepts"] else None
    )
    needs = lexicon()["condition_need_after"][language]
    # a medicine's "… or antihypertensive medication are acceptable" may run past 40 characters
    modified = 60 if concept.cls == "medicine" else 40
    if concept.question == "other_conditions" and concept.cls == "condition" and re.match(needs, after[:40]):
        narrowed = True  # "thyroid disease that requires active treatment": a narrower kind, for the study team
    elif concept.question == "other_conditions" and concept.cls == "condition" and _local(before_text, after, language):
        narrowed = True  # "skin disease at the injection site": the illness in one place, for the study team
    elif concept.key in lexicon()["body_place"]["concepts"] and _in_one_place(before_text, after, language):
        narrowed = True  # "metal implant in the head": metal in one place, for the study team
    elif result is None and modifier is not None and modifier.search(after[:modified]):
        return None  # "PAH therapy", "asthma control questionnaire", "pregnancy test": about something else
    if (
        concept.question == "other_conditions"
        and concept.cls == "condition"
        and (concept.window.startswith("days_since_") or "@" in concept.window)
        and re.search(lexicon()["recent_before"][language], before_text[-30:], re.IGNORECASE)
    ):
        narrowed = True  # "recent MI": some shorter time than "ever", which the item cannot carry (the study team)
    if concept.cls in ("condition", "procedure") and re.match(
        lexicon()["conditional_condition"][language], text[:start], re.IGNORECASE
    ):
        return None  # "If an acute MI has ensued in the past 6 months, reperfusion has to be documented": a condition
    now = lexicon()["now_on_ever_item"]
    result_now = re.match(now["after"][language], text[end : end + 60], re.IGNORECASE)
    # "past or present psychiatric disease": ever, as the item asks
    ever = concept.key in now["ever"]["concepts"] and re.search(now["ever"][language], before_text[-60:], re.IGNORECASE)
    if (
        concept.key in now["concepts"]
        and not ever
        and (
            re.search(now["before"][language], before_text[-60:], re.IGNORECASE)
            or (result_now is not None and not re.search(now["antibody"], result_now.group(), re.IGNORECASE))
        )
    ):
        narrowed = True  # "chronic hepatitis B", "HBsAg positive": now, and the item asks about ever (the study team)
    if concept.cls == "medicine" and concept.question not in NOW_QUESTIONS:
        if re.match(lexicon()["conditional_opening"][language], text, re.IGNORECASE):
            return None  # "If on background therapy, meets stable dosing …": a condition on it, not a need or a bar
        if re.search(lexicon()["medicine_topic_before"][language], before_text[-60:], re.IGNORECASE):
            return None  # "interventional trial on cancer treatment": the other trial's topic, not a medicine taken
        if re.search(lexicon()["medicine_defining_before"][language], before_text[-60:], re.IGNORECASE):
            return None  # "exacerbation indicated by a treatment with systemic glucocorticosteroids": a definition
        screen = patterns["drug_screen"][language].search(text)
        # in Chinese the screen names its drugs before its result, so an item after "阳性者或…" is a medicine of its own
        if screen and (language != "zh" or screen.start() <= start < screen.end()):
            return None  # "Urine toxicology positive for opiates, benzodiazepines": a lab result, not medicines taken
        if patterns["short_window"][language].match(text[end : end + 120]):
            return None  # "benzodiazepines or alcohol within 12 hours of assessments": a wash-out, not a use now
        # a qualifier before a list reaches every item it heads, up to the clause's stop (its patterns bound the rest)
        sentence = before_text[max(before_text.rfind(mark) for mark in ".;。；") + 1 :]
        if patterns["medicine_narrowed"][language].match(text[end : end + 120]) or patterns["medicine_narrowed_before"][
            language
        ].search(sentence):
            narrowed = True  # "corticosteroids at unstable doses": the item, for the study team
    negated, cue = _negation_before(before_text, language, patterns)
    breaker = patterns["breaker"][language]
    if not negated and opening is not None and opening.end() <= start:  # "Inconspicuous anamnesis regarding …"
        scope = text[opening.end() : start]
        if not (breaker is not None and breaker.search(scope) and language == "en"):
            negated, cue = True, opening.group().strip()
    if not negated and patterns["negation_after"][language].match(text, end):
        negated, cue = True, "negative"  # "HBsAg negative", "乙肝表面抗原检测结果呈阴性"
    if (
        not negated
        and result is not None
        and result.group("sign").lower() in lexicon()["test_result_negative"][language]
    ):
        negated, cue = True, result.group("sign")  # "HIV-negative women"
    if concept.key in patterns["context"] and context_negated:  # "unable to perform spirometry"
        negated, cue = not negated, text[start : start + 12]
    if negated and patterns["finding_without"][language].search(text[:start]):
        return None  # "albumin < 30 without liver or renal dysfunction": which causes a finding is not explained by
    if negated and patterns["contrary"][language].match(text, end):
        return None  # "否认结核病史但…试验阳性", "denies asthma but …": the negation sets up its contrary
    if negated and _negation_not_of_the_item(text, end, before_text, language):
        return None  # "permitted in the absence of active autoimmune disease", "Absence of expression of STAT3 on …"
    days, window_words = _window_after(text, end, language, patterns, concept.question in NOW_QUESTIONS)
    if days is None:  # "近6个月内发生心肌梗死", "in the past 6 months, a heart attack"
        days, window_words = _window_before(before_text, language, patterns)
    if (
        days is None and listed is not None
    ):  # "筛选前6个月内使用过胰岛素、…或β-受体阻断剂": the list's time is its cue's
        days, window_words = _window_before(before_text[:listed], language, patterns)
    if days is None and concept.cls == "medicine":  # "放射治疗 ＜4周", "Radiotherapy < 4 weeks": a use in that time
        bound = re.match(lexicon()["medicine_bound_after"][language], text[end : end + 60], re.IGNORECASE)
        if bound is not None:
            days, window_words = _window_days(bound)
    if days is not None and days > 0 and concept.cls == "medicine" and concept.question == "medicines_now":
        # "chemotherapy within the past 12 months": a use in that time, not only now; the past-use concept
        # reads the time when it can ("cancer treatment ever": the cancer question), else no draft as before
        ever = by_key().get(lexicon()["past_use"].get(concept.key, ""))
        if ever is not None and "@" in ever.window:
            concept = ever
    if days is None and not concept.question and concept.window.startswith("days_since_"):
        current = patterns["current"][language]
        if current["before"].search(before_text[-40:]) or current["after"].search(text[end : end + 40]):
            days, window_words = Decimal(0), "now"  # "currently taking antibiotics": 0 days since, as answered
        elif _episode_now(text, start, end, before_text, concept, language):
            days, window_words = Decimal(0), "now"  # "acute COPD exacerbation": an episode now
    left_out = lexicon()["time_left_out"]
    if days is None and (
        re.match(left_out["after"][language], text[end : end + 60], re.IGNORECASE)
        or re.search(left_out["before"][language], before_text[-60:], re.IGNORECASE)
    ):
        return None  # "thoracic radiotherapy within before first dose", "首次用药前 周内": a time the page left out
    if treated_then and days is None:
        return None  # "pneumonitis that required steroids": what treated a past illness, not what is taken now
    needed = needed and days is None  # "exacerbation requiring oral steroids in the past 3 months": a use then
    if concept.cls == "condition" and re.search(
        lexicon()["suspected_before"][language], before_text[-40:], re.IGNORECASE
    ):
        needed = True  # "First visit suspect TB subjects": not yet known, so no requirement on it
    narrowed = narrowed or (needed and concept.cls == "medicine")  # a needed medicine in an exclusion: the study team
    return Match(
        concept, start, end, text[start:end], negated, cue, days, window_words, narrowed=narrowed, needed=needed
    )


def _negation_not_of_the_item(text: str, end: int, before_text: str, language: str) -> bool:
    """Whether the negation before a concept is the condition of a permission ("… are permitted in the absence of
    active autoimmune disease", "在无…的情况下，允许…") or a marker's absence in a tissue the concept names ("Absence of
    expression of STAT3 on … brain metastases"): about something else, so no rule of the concept (decision 0121)."""
    words = lexicon()["negation_not_of_the_item"]
    before = words["before"].get(language)
    if before is not None and re.search(before, before_text[-200:], re.IGNORECASE):
        return True
    around = words["around"].get(language)
    return (
        around is not None
        and re.search(around["before"], before_text[-200:], re.IGNORECASE) is not None
        and re.match(around["after"], text[end : end + 200], re.IGNORECASE) is not None
    )


def _negation_before(before_text: str, language: str, patterns) -> tuple[bool, str]:
    """Whether a negation cue before a concept reaches it ("no history of", "无", a weak cue up to a comma unless it
    opens the clause), and the cue's words."""
    reach = lexicon()["negation_reach"][language]
    # "包括癫痫（药物可稳定控制的除外）、痴呆": an exception bracket closed by its cue negates nothing after it, and a
    # cue before it reaches past it ("无高血压（控制良好者除外）、糖尿病") as if it were not there (decision 0121)
    closing = lexicon()["negation_not_of_the_item"]["closing_exception"].get(language)
    if closing is not None:
        before_text = re.sub(closing, "", before_text)
    window = before_text[-reach:]
    negated, cue = False, ""
    negation, pseudo, breaker = (
        patterns["negation"][language],
        patterns["pseudo"][language],
        patterns["breaker"][language],
    )
    if negation is not None:
        masked = pseudo.sub(lambda m: " " * len(m.group()), window) if pseudo is not None else window
        names = patterns["names"][2][0]
        if language == "zh" and names is not None:  # "吡非尼酮或尼达尼布": the 非 of a name is no negation
            masked = names.sub(lambda m: " " * len(m.group()), masked)
        cues = list(negation.finditer(masked))
        last = cues[-1] if cues else None
        between = masked[last.end() :] if last is not None else ""
        weak = patterns["weak"][language]
        # "cancer not in remission, HIV": a weak cue does not reach past a comma, unless it opens the clause ("Not
        # pregnant, lactating, or planning to become pregnant" negates all three)
        opens = (
            len(before_text) <= reach
            and re.fullmatch(lexicon()["negation_subject"][language], window[: last.start()], re.IGNORECASE) is not None
            if last
            else False
        )
        if last is not None and weak is not None and weak.fullmatch(last.group()) and re.search(r"[,，、]", between):
            last = last if opens else None
        if last is not None and not (breaker is not None and breaker.search(between)):
            negated, cue = True, window[last.start() : last.end()]
    return negated, cue


def _treatment_need(before_text: str, concept: Concept, language: str) -> bool:
    """Whether a medicine on the taking-now list or an operation on the operations list is named as a need, a plan or a
    candidacy ("requiring chemotherapy", "who require liver transplantation", "需要化疗"), not after a past ("history of
    respiratory failure requiring …") nor an exempt treatment whose need is its use now (oxygen; lexicon treatment_need)."""
    need = lexicon()["treatment_need"]
    if concept.question not in ("medicines_now", "lung_procedures") or concept.key in need["exempt"]:
        return False
    if concept.cls not in ("medicine", "procedure"):
        return False
    tail = before_text[-100:]
    found = re.search(need["before"][language], tail, re.IGNORECASE)
    if found is None:
        return False
    prior = before_text[: len(before_text) - len(tail) + found.start()][-80:]
    if re.search(need["blocked_before"][language], prior, re.IGNORECASE):
        return False
    if concept.cls != "medicine":
        return True  # "liver disease requiring transplantation": an operation to come all the same
    # "Asthma requiring inhaled or systemic corticosteroids": an illness named right before says how it is treated now
    lead = re.sub(need["illness_joined"][language], "", _simplified(prior.rstrip()), flags=re.IGNORECASE)
    for pattern, table, fold in _patterns()["names"]:
        for named in pattern.finditer(lead) if pattern is not None else ():
            if named.end() == len(lead) and table[fold(named.group())].cls == "condition":
                return False
    return True


def _past_need(text: str, start: int, end: int, before_text: str, concept: Concept, language: str) -> bool:
    """Whether a medicine on the taking-now list is named as what a past illness needed ("pneumonitis that required
    steroids", "History of … radiation pneumonitis requiring steroid therapy", "需要激素治疗的放射性肺炎病史"; lexicon
    `past_need`): it treated that illness then, and says nothing of what the patient takes now."""
    if concept.question != "medicines_now" or concept.cls != "medicine":
        return False
    past = lexicon()["past_need"]
    if re.match(past["after"][language], text[end : end + 40], re.IGNORECASE):
        return True
    tail = before_text[-60:]
    found = re.search(past[language], tail, re.IGNORECASE)
    if found is None:
        return False
    if (
        language == "en"
        and re.match(past["past_en"], found.group(), re.IGNORECASE)
        and not re.search(past["still"][language], tail[: found.start()], re.IGNORECASE)
    ):
        return True  # "required", "needed": a need in the past ("asthma which has required …" is still treated)
    # "History of ILD, drug-induced ILD, radiation pneumonitis requiring steroid therapy": the history heads the list
    prior = text[: start - len(tail) + found.start()]
    prior = prior[max(prior.rfind(mark) for mark in ".;。；") + 1 :]
    return re.search(past["history"][language], prior, re.IGNORECASE) is not None


def _planned_match(
    text: str, start: int, end: int, concept: Concept, before_text: str, language: str, patterns
) -> Match | None:
    """A planned operation's match: its planning words make it what the exception and planned-event cues would
    otherwise drop, so only negation ("not scheduled for surgery") and a time after it are read."""
    reach = lexicon()["negation_reach"][language]
    window = before_text[-reach:]
    negation, pseudo, breaker = (patterns[name][language] for name in ("negation", "pseudo", "breaker"))
    masked = pseudo.sub(lambda m: " " * len(m.group()), window) if pseudo is not None else window
    cues = list(negation.finditer(masked)) if negation is not None else []
    last = cues[-1] if cues else None
    negated = last is not None and not (breaker is not None and breaker.search(masked[last.end() :]))
    cue = window[last.start() : last.end()] if negated else ""
    days, window_words = _window_after(text, end, language, patterns)
    return Match(concept, start, end, text[start:end], negated, cue, days, window_words)


def _episode_now(text: str, start: int, end: int, before_text: str, concept: Concept, language: str) -> bool:
    """Whether a flare-up, pneumonia or COVID-19 is named as an episode now, without a past, a count or a recurrence
    in the clause (lexicon `current_episode`)."""
    episode = lexicon()["current_episode"]
    if concept.key not in episode["concepts"]:
        return False
    if re.search(episode["blocked"][language], text, re.IGNORECASE):
        return False
    return bool(
        re.search(episode["before"][language], before_text[-50:], re.IGNORECASE)
        or re.match(episode["after"][language], text[end : end + 10], re.IGNORECASE)
    )


def _window_after(text: str, end: int, language: str, patterns, now: bool = False) -> tuple[Decimal | None, str]:
    """ "in the last 6 months" within a few words after the concept, in days (None when there is none)."""
    tail = text[end : end + (80 if language == "en" else 25)]
    # where the words after it stop (lexicon `time_window_stop`): a state now not past a Chinese list's next item
    stops = lexicon()["time_window_stop"]
    now_items = stops["now_items"].get(language) if now else None
    stop = re.search(stops[language] + (f"|{now_items}" if now_items else ""), tail, re.IGNORECASE)
    tail = tail[: stop.start()] if stop else tail
    return _window_in(tail, language, patterns)


def _window_before(before_text: str, language: str, patterns) -> tuple[Decimal | None, str]:
    """A time in the words just before a concept (40 characters in English, 20 in Chinese)."""
    near = len(before_text) - (40 if language == "en" else 20)
    while 0 < near < len(before_text) and (before_text[near - 1].isdigit() or before_text[near - 1] == "."):
        near -= 1  # "过去12个月内": never "2个月内" from the middle of a number
    return _window_in(before_text[max(0, near) :], language, patterns, after=False)


def _past_examples(before_text: str, language: str) -> bool:
    """Whether a medicine is an example in a bracket ("(e.g. erlotinib", "（如吉非替尼") of a sentence that a past-use cue
    opens ("Previous treatment to inhibit the EGFR (e.g. erlotinib, …)"; lexicon `past_examples`), however far it stands."""
    spec = lexicon()["past_examples"]
    bracket = re.search(spec["bracket"][language], before_text, re.IGNORECASE)
    if bracket is None:
        return False
    head = _sentence_before(before_text, bracket.start())
    return re.match(spec["opening"][language], head, re.IGNORECASE) is not None


def _past_use_list(before_text: str, language: str) -> int | None:
    """Where a past-use cue ends that heads the list a medicine is an item of ("筛选前14天内使用过任何处方药、非处方药、
    中草药或保健品", lexicon `past_use_list`), read in the clause's words up to its stop, or None. One scan back to the
    stop and one search of that stretch: linear in the clause."""
    pattern = lexicon()["past_use_list"].get(language)
    if pattern is None:
        return None
    stop = max(before_text.rfind(mark) for mark in lexicon()["past_use_list"]["stops"])
    found = re.search(pattern, before_text[stop + 1 :])
    return stop + 1 + found.end("cue") if found is not None else None


def _window_in(words: str, language: str, patterns, after: bool = True) -> tuple[Decimal | None, str]:
    """The first time window in `words`; a sign and a time with no word of time ("≤ 4 weeks") counts only after the
    concept ("< 25 weeks pregnant" is no window)."""
    for match in patterns["window"][language].finditer(words):
        if after or not match.groupdict().get("number4"):
            return _window_days(match)
    return None, ""


def _window_days(match: re.Match) -> tuple[Decimal | None, str]:
    """A time window's match (groups number…number4, unit…unit4) in days, with its words."""
    lex = lexicon()
    language = "zh" if _CJK.search(match.group()) else "en"
    found = match.groupdict()
    raw = next(
        (found[name] for name in ("number", "number2", "number3", "number4") if found.get(name)), "1"
    )  # "past year"
    unit_words = next(found[name] for name in ("unit", "unit2", "unit3", "unit4") if found.get(name))
    number = lex["number_words"].get(raw.lower())
    try:
        amount = Decimal(number if number is not None else raw)
    except ArithmeticError:
        return None, ""
    unit = lex["units"].get(unit_words.lower().rstrip("s") if language == "en" else unit_words)
    if unit is None:
        unit = lex["units"].get(unit_words.lower())
    if unit in ("hours", "half_lives"):  # a time no days-since answer tells apart: the concept gets no draft
        return Decimal(0), match.group().strip()
    if unit in CALENDAR_UNITS:  # calendar months and years as days: never shorter than the calendar's
        return window_days(amount, unit), match.group().strip()
    per = DAYS_PER.get(unit or "")
    if per is None:
        return None, ""
    return amount * per, match.group().strip()


def concepts_named(names: list[str]) -> frozenset[str]:
    """The concepts a record's own conditions name ("Stroke", "Chronic Obstructive Pulmonary Disease"), not
    negated and not an "other than" concept: what the trial studies. The names read only here ("NSCLC",
    "Carcinoma, Non-Small-Cell Lung": lexicon `lung_cancer_treatment` `own_names`, decision record 0138; and lexicon
    `own_condition_short_names`, decision record 0134) count too."""
    read = {
        match.concept.key
        for name in names
        for match in find(name)
        if not match.negated and not match.concept.other_than
    }
    for key, spec in lexicon()["lung_cancer_treatment"]["own_names"].items():
        for name in names:
            words = _simplified(name or "")
            if re.search(spec[_language(words)], words, re.IGNORECASE) and not re.search(
                spec["blocked"], words, re.IGNORECASE
            ):
                read.add(key)
    short = lexicon()["own_condition_short_names"]
    read.update(key for key, pattern in short.items() for name in names if re.search(pattern, name or ""))
    return frozenset(read)


def list_context(before: str) -> str:
    """What the lines before a clause make of it: "group" under a group's sub-heading in a multi-group trial
    ("Asthma group:", "Group 2 (OSA):", "Healthy controls:", "哮喘组："), "alternatives" under a heading of items a
    patient needs only one of ("one or more of the following chronic diseases:", "符合以下任一"), up to the next
    heading or list, or "". Both leave the clause to the study team."""
    patterns = _patterns()["list_context"]
    lines = [line.strip() for line in _simplified((before or "")[-20000:]).splitlines() if line.strip()]
    for line in lines:
        language = _language(line)
        if len(line) <= 80 and patterns["group_heading"][language].search(line):
            return "group"
    for line in reversed(lines):
        language = _language(line)
        if patterns["alternatives_heading"][language].search(line):
            return "alternatives"
        if patterns["list_heading"][language].search(line) or re.search(r"[:：]\s*$", line):
            return ""
    return ""


def proposals(text: str, kind: str, before: str = "", own: frozenset[str] = frozenset()) -> list[ConceptProposal]:
    """Rules a clause's concepts stand for, one per question and polarity: "pregnant or breastfeeding" is one
    rule on the pregnancy question; "HIV, hepatitis B or C" one rule on the other-conditions question.

    In a procedural clause only the concepts named before its procedural words count ("Pregnant women, or
    unwilling to use contraception" keeps the pregnancy; "willing to avoid pregnancy" has none); a heading,
    "other criteria apply" or an instruction has none. `own`: the concepts the trial's own conditions name
    (`concepts_named`); "other respiratory diseases" in an exclusion of a COPD trial are those other than COPD."""
    grouped: dict[tuple, ConceptProposal] = {}
    doubted: dict[tuple, set[str]] = {}  # per proposal, the codes an exception leaves to the study team
    original = (text or "")[:MAX_CLAUSE]
    text = _simplified(original)
    context, preceding = list_context(before), before
    if _under_exception_heading(before) or _after_inline_exception(text, before):
        return []  # "… except: 1. Adequately treated non-melanoma skin cancer OR": what the criterion allows
    heading = _item_heading(before)
    if heading and re.search(lexicon()["not_required_heading"][_language(heading)], heading, re.IGNORECASE):
        return []  # "… at least one accepted method of birth control listed below:": ways to meet it, not criteria
    if kind == "inclusion" and context in ("group", "alternatives"):
        return []  # one group's requirement, or one of alternatives: for the study team
    if context == "group":  # one group's exclusion: a patient without it is settled, one with it is for the team
        found = proposals(text, kind, own=own)
        return [_for_the_team(p) for p in found if not p.negated and p.lower is None and p.upper is None]
    found, before = procedural_at(text)
    if found not in ("screening", "consent", "willingness", "logistics"):
        return []
    if found == "logistics":  # "English-speaking adults with COPD": logistics beside a real condition
        before = len(text)
    if _group_name(text):
        return []  # "Parkinson's Disease (PD) group": a group's sub-heading, not a criterion of the whole trial
    tail = _tail_of_another(text)  # "HIV infection).": the rest of a clause split before it, its head and cue there
    if re.search(lexicon()["score_item"][_language(text)], text, re.IGNORECASE):
        return []  # "History of hypertension (1.5 pts)": an item of a score the criterion quotes, not a criterion
    whole = _whole_clause(text, kind, own)
    if whole:  # "Female", "Healthy volunteers", "Nursing": the clause is nothing but the state
        return whole
    # "Severe OSA (AHI>=30/hr) age, sex, BMI match control subject": two groups' criteria in one clause; in an exclusion
    # a patient with the item is for the study team (as under a group's heading)
    # "For patients with asthma: no oral steroids …": one group's criterion, as under a group's heading
    two_groups = bool(
        re.search(lexicon()["control_group_in_clause"][_language(text)], text, re.IGNORECASE)
        or re.match(lexicon()["subgroup_opening"][_language(text)], text, re.IGNORECASE)
    )
    if two_groups and kind == "inclusion":
        return []
    keeps = frozenset(lexicon()["procedural_keeps"]) if found == "willingness" else frozenset()
    # "Willing and able to perform spirometry", "能够配合完成肺功能检查": an ability counts wherever it stands
    matches = [match for match in find(original) if match.end <= before or match.concept.key in keeps]
    matches = [match for match in matches if match.start >= tail]
    allowed = [match for match in matches if match.allowed]  # named (so not other words), but no rule
    matches = [match for match in matches if not match.allowed]
    # "Radiotherapy: No prior thoracic irradiation", "Biologic therapy: Not specified": a treatment field's label
    matches = [match for match in matches if not _treatment_label(text, match, matches)]
    if matches and _treatment_field_alone(text, matches, preceding):
        return []  # "Radiotherapy" alone under "PRIOR CONCURRENT THERAPY:": the field's name, its items follow
    language = _language(text)
    explained = [m.span() for m in _patterns()["explanation"][language].finditer(text)]
    matches = [m for m in matches if not any(a <= m.start and m.end <= b for a, b in explained)]
    other_kind = _patterns()["other_kind"][language]
    # "无其它类型糖尿病：如 1 型糖尿病": another kind than the trial's own, its examples included
    # (in an exclusion, "other types of COPD" is the trial's own condition's kind, which the drafts leave to the team)
    others = {
        m.concept.key
        for m in matches
        if (kind == "inclusion" or m.negated) and other_kind.search(text[max(0, m.start - 30) : m.start])
    }
    matches = [m for m in matches if m.concept.key not in others]
    # a trial of pregnant women's own pregnancy, the study's own operation: named (so not other words), but no rule
    pregnant_trial = bool(own & set(lexicon()["own_pregnancy"]))
    trials_own = {
        (m.start, m.end)
        for m in matches
        if (pregnant_trial and _own_pregnancy_mention(text, kind, m))
        or _own_operation(text, kind, m, own)
        or _allergen_immunotherapy(text, m, own)
    }
    if kind == "inclusion":  # "Stable controlled arterial hypertension": a condition on it if present, not a need
        matches = [m for m in matches if not _if_present(text, m, own, language)]
        # "curative therapy for all prior malignancies": a condition on earlier cancers, if any, not a need of one
        prior = lexicon()["condition_on_prior_cancers"][language]
        matches = [
            m
            for m in matches
            if not (
                m.concept.question == "cancer_history"
                and not m.negated
                and re.search(prior, text[max(0, m.start - 60) : m.start], re.IGNORECASE)
            )
        ]
    # a sign of an item ("fever" for an infection now) gives a draft only where the rule excludes the item, as a broader one
    broader = set(lexicon()["broader_than_item"]) | set(lexicon()["sign_of_item"]["concepts"])
    # "prenatal depression" as an inclusion: a patient with it may rightly answer no to the serious mental illness item
    matches = [m for m in matches if not (m.concept.key in broader and (kind == "inclusion") != m.negated)]
    matches = _pregnancy_potential(text, kind, matches, language)
    if kind == "exclusion":  # "AV block without pacemaker": the "without" says when the block excludes, not a rule
        matches = [
            m
            for at, m in enumerate(matches)
            if not (m.negated and m.cue.lower() == "without" and any(not p.negated for p in matches[:at]))
        ]
    context = lexicon()["context"]
    # "过敏:既往对…过敏者": a label opening the clause names its topic; it leaves the mentions after it to decide
    unmet = {match.concept.key for match in matches if match.unmet and not _label(text, match)}
    # "allergy/sensitivity": a concept and the one it reads the words of stand or fall together
    unmet |= {key for key in context if not key.startswith("_") and context[key].get("same_as") in unmet}
    unmet |= {context[key]["same_as"] for key in unmet if "same_as" in context.get(key, {})}
    # "allergies including drug allergies, or other significant allergies": any allergy, not only to medicines
    matches = [match for match in matches if match.concept.key not in unmet]
    plan = _patterns()["plan_in_study"].get(_language(text)) if kind == "exclusion" else None
    plans = [found.span() for found in plan.finditer(text[:before])] if plan is not None else []
    # "献血…,或计划在研究期间献血": in an exclusion a plan for the study's time gives no rule; the past event keeps its own
    matches = [match for match in matches if not any(start <= match.start < end for start, end in plans)]
    to_come = {match.concept.key for match in matches if match.to_come}
    matches = [match for match in matches if match.concept.key not in to_come]
    # a course had in an inclusion, a treatment's toxicity, a cancer biologic: no use of the item now (decision 0128)
    matches = [match for match in matches if not _not_the_item_now(text, kind, match)]
    # "恶性肿瘤:现有恶性肿瘤或…": a label opening the clause is its topic when the clause names the question again
    matches = [
        match
        for match in matches
        if not (
            not match.unmet
            and _label(text, match)
            and any(o is not match and o.concept.question == match.concept.question for o in matches)
        )
    ]
    matches = [_implied_exception(text, kind, match, own) for match in matches]
    matches = _shared_windows(text, matches)
    matches = _bracket_windows(text, matches)
    matches = _examples_windows(text, matches)
    matches = _heading_windows(heading, matches)
    matches = _lung_cancer_treatments(text, kind, matches, own)
    matches = _own_only(text, matches, own, preceding)
    unexcepted = [match for match in matches if match.concept.other_than and match.excepted is None]
    if unexcepted:  # "any other lung disease": other than the trial's own condition, which the clause does not name
        examples = _patterns()["examples_after"]
        if not all(examples.match(text, match.end) for match in unexcepted):
            return []
        # "other lung disease (e.g. asthma, sarcoidosis)": the examples it names are named; "other" itself is not
        matches = [match for match in matches if match not in unexcepted]
        if not matches:
            return []
    counted, minor = text[:before], None
    if any(match.concept.question == "cancer_history" for match in matches):
        # "cancer in the last 5 years, except basal cell skin cancer or cervical carcinoma in situ": the
        # exception is the question's own "minor" answer, so its words are not words about something else
        minor = _patterns()["minor_cancer"][_language(text)].search(counted)
        major_excepted = minor is not None and _major_cancer_excepted(minor.group(), _language(text))
        if minor is not None:
            counted = counted[: minor.start()] + " " * (minor.end() - minor.start()) + counted[minor.end() :]
            # "允许有…原位前列腺癌": a cancer named inside the exception is the minor answer, not a rule of its own
            matches = [
                m
                for m in matches
                if not (m.concept.question == "cancer_history" and minor.start() <= m.start and m.end <= minor.end())
            ]
    if matches:  # an organ list's words without an item ("endocrine", "内分泌") are the list's, not other words
        for start, end, _severe in _organ_lists(counted, _patterns()):
            counted = counted[:start] + " " * (end - start) + counted[end:]
    for start, end in plans:  # "献血…,或计划在研究期间或研究结束后3个月内献血": the plan's words are not other words
        counted = counted[:start] + " " * (max(start, min(end, len(counted))) - start) + counted[end:]
    for start, end in explained:  # "酗酒史(每周饮酒超过14个单位…)": a bracket that explains or defines, not other words
        end = min(end, len(counted))
        if start < end:
            counted = counted[:start] + " " * (end - start) + counted[end:]
    if (
        not matches
        or _other_words(counted, sorted(matches + allowed, key=lambda m: m.start))
        > lexicon()["max_other_words"][_language(text)]
    ):
        return []  # about something else that merely names a concept: for the study team
    if _patterns()["group_label"][_language(text)].search(text) or _group_subject(text, preceding):
        return []  # "Cohort 1 (COPD) ≥ 45 years": one group's criterion, not the whole trial's (study team)
    if _patterns()["sex_group"][_language(text)].search(text):
        # "For women: …": one sex's criterion; only the questions asked of women alone keep their drafts
        asked = set(lexicon()["sex_group_questions"])
        matches = [m for m in matches if m.concept.question in asked]
        if not matches:
            return []
    stated = {m.concept.question for m in matches if m.concept.window != "now" and m.concept.question}
    # "is pregnant … must have a negative pregnancy test": the test is how the state is checked, not a second rule
    matches = [m for m in matches if not (m.concept.window == "now" and m.concept.question in stated)]
    if kind == "inclusion" and _undrafted_alternative(text, matches):
        return []  # "ischaemic stroke or TIA": a patient with the alternative no question asks about would fail
    subset = _patterns()["subset"]
    # "Other co-existing malignancies or malignancies diagnosed within 5 years": "other" before one is every one's
    another_cancer = any(_another_cancer(text, m) for m in matches if m.concept.question == "cancer_history")
    # "On biologics or will start biologics": a patient about to start answers "no" now, so no mention of it is a need
    to_come = (
        {m.concept.key for m in matches if m.needed and m.concept.cls != "condition"} if kind == "inclusion" else set()
    )
    for match in matches:
        if (
            kind == "exclusion"
            and match.concept.question == "diagnoses"
            and not match.concept.other_than
            and subset.search(text[: match.start])
        ):
            # "uncontrolled asthma", "severe PAH": a subset of the diagnosis (often the trial's own condition),
            # which only the study team can judge; a patient without the diagnosis at all is settled
            match = replace(match, narrowed=True)
        if (match.needed and kind == "inclusion") or match.concept.key in to_come:
            continue  # "requiring chemotherapy": a patient not yet on it would fail; for the study team
        if kind == "inclusion" and not match.negated and match.concept.window.startswith("medicines_now:"):
            continue  # "used a biologic within 4 weeks" required: one who stopped last week ticks none (decision 0115)
        rule = None if (match.start, match.end) in trials_own else _rule_for(match)
        if rule is None:
            continue
        question, values, lower, upper = rule
        if match.excepted:
            related = lexicon()["other_than"]["related"]
            excepted = {*match.excepted, *(r for code in match.excepted for r in related.get(code, ()))}
            values = [code for code in values if code not in excepted]
        if minor is not None and question == "cancer_history":
            values = [code for code in values if code.lstrip("?") != "minor_within_5y"]
            if major_excepted:  # "excluding … bladder cancer, thyroid cancer and breast cancer": not only minor ones
                values = [f"?{code.lstrip('?')}" for code in values]
        if question == "cancer_history" and match.concept.key == "cancer":
            values = _cancer_kind(text, match, values)
        qualifiable = question == "other_conditions" or (question == "diagnoses" and not match.concept.other_than)
        # an exception the trial's own conditions imply, or none: any other lung disease is for the study team
        implied = match.implied
        if question != "cancer_history" and not match.excepted:
            doubtful = _exception_not_carried(text, match, values, matches)  # "active infection (unless due to …)"
            values = [f"?{code.lstrip('?')}" if code.lstrip("?") in doubtful else code for code in values]
            # "psychiatric illness (…, schizophrenia or psychotic disorders), except for anxiety disorder": the
            # exception after a list's last item is the list's, so the item is the study team's for every mention
            doubted.setdefault((question, match.negated, *_rule_bounds(rule)), set()).update(doubtful)
        if match.concept.cls in ("medicine", "state") and match.narrowed:
            # "steroids at unstable doses", "women of childbearing potential not using contraception": the study team
            values = [f"?{code.lstrip('?')}" for code in values]
        if (
            question == "cancer_history"
            and (kind == "exclusion") != match.negated
            and (own & set(lexicon()["own_cancer"]) or (another_cancer and not _own_illness(own)))
        ):
            # "other malignancies" in a cancer trial: another cancer than the one every patient of it has
            values = [f"?{code.lstrip('?')}" for code in values]
        if match.concept.cls == "condition" and (
            implied or qualifiable and (match.narrowed or _qualified(text, match))
        ):
            values = [f"?{code.lstrip('?')}" for code in values]  # "severe heart failure": the study team judges
        key = (question, match.negated, lower, upper)
        proposal = grouped.get(key)
        if proposal is None:
            proposal = grouped[key] = ConceptProposal(kind=kind, question=question, negated=match.negated)
            proposal.lower, proposal.upper = lower, upper
            if lower is not None:
                proposal.lower_inclusive = False
            if upper is not None:
                proposal.upper_inclusive = True
            proposal.confidence = 0.6 if match.negated else 0.7
        for code in values:  # "?code": an answer only the study team can judge for this concept
            target = proposal.uncertain if code.startswith("?") else proposal.values
            if code.lstrip("?") not in target:
                target.append(code.lstrip("?"))
        if match.concept.key not in proposal.concepts:
            proposal.concepts.append(match.concept.key)
        words = " ".join(w for w in (match.cue, match.words, match.window_words) if w)
        proposal.words.append(words)
        proposal.timed |= match.window_days is not None
        first = proposal.words_at or (match.start, match.end)
        proposal.words_at = (min(first[0], match.start), max(first[1], match.end))
        proposal.quote = original[proposal.words_at[0] : proposal.words_at[1]]
    for key, codes in doubted.items():
        proposal = grouped.get(key)
        for code in [code for code in proposal.values if code in codes] if proposal is not None else ():
            proposal.values.remove(code)
            if code not in proposal.uncertain:
                proposal.uncertain.append(code)
    if two_groups:
        return [_for_the_team(p) for p in grouped.values() if not p.negated and p.lower is None and p.upper is None]
    return list(grouped.values())


def _rule_bounds(rule: tuple) -> tuple:
    """A rule's (lower, upper), the rest of its proposal's key after the question and the polarity."""
    return rule[2], rule[3]


def _whole_clause(text: str, kind: str, own: frozenset[str]) -> list[ConceptProposal]:
    """The states a clause that is nothing but them stands for ("Female", "Male gender", "女性", "Healthy volunteers",
    "Nursing"; lexicon `whole_clause`): one proposal per entry whose pattern matches the whole clause, or none.
    "Healthy" is read only in an inclusion of a trial whose own conditions name no illness. Both sexes alone ("Male or
    female") is a procedural heading and never reaches here."""
    stripped = text.strip()
    at = text.find(stripped) if stripped else 0
    language = _language(stripped)
    found = []
    for entry, patterns in _patterns()["whole_clause"]:
        if kind not in entry.get("kinds", ("inclusion", "exclusion")):
            continue
        if entry.get("not_in_trials_of_an_illness") and own:
            continue
        concept = by_key().get(entry["concept"])
        if concept is None or not concept.question or patterns[language].fullmatch(stripped) is None:
            continue
        proposal = ConceptProposal(kind=kind, question=concept.question, concepts=[concept.key], quote=stripped)
        proposal.values = [code for code in concept.codes if not code.startswith("?")]
        proposal.uncertain = [code.lstrip("?") for code in concept.codes if code.startswith("?")]
        proposal.words, proposal.words_at = [stripped], (at, at + len(stripped))
        found.append(proposal)
    return found


def _label(text: str, match: Match) -> bool:
    """Whether a match is a label opening the clause ("过敏:", "恶性肿瘤：", "Allergy:"): only numbers or marks before it
    and a colon after it."""
    return bool(re.fullmatch(r"[\W\d_|]*", text[: match.start]) and re.match(r"\s*[:：]", text[match.end :]))


def _if_present(text: str, match: Match, own: frozenset[str], language: str) -> bool:
    """An illness on the other-conditions question said to be stable or controlled, not the trial's own."""
    if match.negated or match.concept.question != "other_conditions" or match.concept.key in own:
        return False
    sides = _patterns()["if_present"]
    return bool(
        sides["before"][language].search(text[max(0, match.start - 60) : match.start])
        or sides["after"][language].match(text[match.end : match.end + 60])
    )


def _undrafted_alternative(text: str, matches: list[Match]) -> bool:
    """Whether an inclusion names, beside a concept that gives a rule, an alternative joined by "or" (或) that
    gives none ("ischaemic stroke or TIA", "PAH or CTEPH"): drafted, the rule would close the trial to patients
    who meet the clause by the alternative."""
    for left, right in zip(matches, matches[1:]):
        if left.negated or right.negated:
            continue
        between = re.sub(
            r"[(（][^()（）]{0,40}[)）]", " ", text[left.end : right.start]
        )  # "stroke (ICD 10: I63) or TIA"
        if not re.fullmatch(r"[\s,，、]*(?:\bor\b|\band/or\b|或|或者|/)[\s,，、]*", between):
            continue
        if any(_rule_for(match) is None for match in (left, right)):
            return True
    return False


def _shared_windows(text: str, matches: list[Match]) -> list[Match]:
    """ "Stroke or myocardial infarction within 6 months", "卒中或心梗（6个月内）": a time after the last of
    a few concepts joined by "or", "and", a comma or 或/和/、 dates each of them, not only the last (each that
    a time can date: "pregnant, or planning a pregnancy within a year" keeps the pregnancy now)."""
    shared: list[Match] = []
    following = None
    # "angina pectoris, symptomatic pericarditis, myocardial infarction in the previous 12 months": a severity word
    # opening the next item is part of it (lexicon `list_item_qualifier`, decision 0128)
    joined = f"(?:{lexicon()['list_item_qualifier'][_language(text)]})?\\s*"
    for match in reversed(matches):
        if (
            following is not None
            and match.window_days is None
            and following.window_days is not None
            and (match.concept.window.startswith("days_since_") or "@" in match.concept.window)
            and not match.negated
            and re.fullmatch(
                r"\s*(?:,|/|、|或|和|及|\bor\b|\band\b|\band/or\b|,\s*or\b|,\s*and\b)\s*" + joined,
                text[match.end : following.start],
                re.IGNORECASE,
            )
        ):
            match = replace(match, window_days=following.window_days, window_words=following.window_words)
        shared.append(match)
        following = match
    return shared[::-1]


def _bracket_windows(text: str, matches: list[Match]) -> list[Match]:
    """ "psychiatric diseases (episode or any form of psychosis, diagnosed in the last year)", "精神疾病（近1年内诊断的精神病）":
    a time read with the last concept of a bracket right after a concept dates that concept too, each that a time can
    date (decision 0128)."""
    shared = []
    for match in matches:
        bracket = re.match(r"\s*[(（]([^()（）]{1,200})[)）]", text[match.end :])
        if (
            bracket is not None
            and match.window_days is None
            and not match.negated
            and (match.concept.window.startswith("days_since_") or "@" in match.concept.window)
        ):
            start, end = match.end + bracket.start(1), match.end + bracket.end(1)
            inside = [other for other in matches if start <= other.start < end]
            if inside and inside[-1].window_days is not None and not inside[-1].negated:
                match = replace(match, window_days=inside[-1].window_days, window_words=inside[-1].window_words)
        shared.append(match)
    return shared


def _examples_windows(text: str, matches: list[Match]) -> list[Match]:
    """ "过去12个月内曾患心血管疾病，定义为：…不稳定型心绞痛或心肌梗死": a time read with a head dates the examples
    named after it (lexicon `examples_share_window`), each that a time can date, in the same sentence."""
    pattern = lexicon()["examples_share_window"].get(_language(text))
    shared, head = [], None
    for match in matches:
        if (
            pattern is not None
            and head is not None
            and match.window_days is None
            and not match.negated
            and (match.concept.window.startswith("days_since_") or "@" in match.concept.window)
            and re.match(pattern, text[head.end : match.start])
        ):
            match = replace(match, window_days=head.window_days, window_words=head.window_words)
        elif match.window_days is not None and not match.negated:
            if head is None or match.window_days != head.window_days:
                head = match  # a later concept read with the same time is one of the head's examples
        shared.append(match)
    return shared


def _implied_exception(text: str, kind: str, match: Match, own: frozenset[str]) -> Match:
    """An `other_than` concept ("respiratory diseases", "其他肺部疾病") with no exception named in the clause: in an
    exclusion of a trial whose own conditions name lung diagnoses, those are the exception ("other respiratory
    diseases" in a COPD trial); without the word "other" (or 其他) before it, nothing is excepted: any lung disease
    ("severe pulmonary disease" in a heart failure trial, "patients with pulmonary disease" as an inclusion).
    Either way the items are left to the study team (`implied`): a patient with none of them is settled. Otherwise
    the match is left as it was (the clause stays with the study team)."""
    if not match.concept.other_than or match.excepted is not None or match.unmet:
        return match
    if _patterns()["examples_after"].match(text, match.end):
        return match  # "other lung disease (e.g. asthma, sarcoidosis)": the examples it names are read
    if re.search(r"[/／]\s*$", text[max(0, match.start - 3) : match.start]):
        return match  # "间质性肺炎/肺病": another name of what the slash follows, not any lung disease
    language = _language(match.words) if _CJK.search(match.words) else _language(text)
    near = text[max(0, match.start - 30) : match.start]
    exception = _patterns()["exception"].get(language)
    if exception is not None and exception.search(near):
        return match  # "diseases other than the primary lung disease": the lung disease is what is excepted
    other = re.search(lexicon()["other_than"]["other_word"][language], near, re.IGNORECASE)
    concepts = by_key()
    own_codes = tuple(
        code
        for key in sorted(own)
        if key in concepts and concepts[key].question == "diagnoses" and not concepts[key].other_than
        for code in concepts[key].codes
        if not code.startswith("?") and code in match.concept.codes
    )
    if (kind == "exclusion") != match.negated and own_codes:  # an exclusion, or "no other lung disease" to enter
        return replace(match, excepted=own_codes, implied=True)
    if other is None:
        return replace(match, excepted=(), implied=True)
    return match


def _for_the_team(proposal: ConceptProposal) -> ConceptProposal:
    """The proposal with every answer left to the study team (`?code`)."""
    proposal.uncertain = [*proposal.uncertain, *(v for v in proposal.values if v not in proposal.uncertain)]
    proposal.values = []
    return proposal


def _pregnancy_potential(text: str, kind: str, matches: list[Match], language: str) -> list[Match]:
    """Whether a woman could become pregnant (lexicon `pregnancy_potential`) is read in an exclusion that states it
    only: inclusion lists name it among alternatives ("post-menopausal, surgically sterile, or using
    contraception"). With contraception in the clause the rule is about those of them who do not use it (for the
    study team); with a pregnancy, a pregnancy test or a definition in it, it says who is tested or what the words
    mean, and gives no draft."""
    table = lexicon()["pregnancy_potential"]
    if not any(m.concept.key in table["concepts"] for m in matches):
        return matches
    narrowed = re.search(table["narrowed_by"][language], text, re.IGNORECASE) is not None
    dropped = re.search(table["dropped_by"][language], text, re.IGNORECASE) is not None
    kept = []
    for match in matches:
        if match.concept.key not in table["concepts"]:
            kept.append(match)
        elif kind == "exclusion" and not match.negated and (narrowed or not dropped):
            kept.append(replace(match, narrowed=True) if narrowed else match)
    return kept


def _local(before: str, after: str, language: str) -> bool:
    """Whether words around an illness put it in one place ("local", "at the injection site", "注射部位")."""
    sides = lexicon()["local_site"]
    near = sides["before"].get(language)
    far = sides["after"].get(language)
    return bool(
        (near and re.search(near, before[-40:], re.IGNORECASE)) or (far and re.match(far, after, re.IGNORECASE))
    )


def _in_one_place(before: str, after: str, language: str) -> bool:
    """Whether words around metal in the body put it in one place ("in the head", "inside the brain", "颅内"): a patient
    with metal elsewhere ticks the item too, so the study team judges (lexicon `body_place`)."""
    sides = lexicon()["body_place"]
    near, far = sides["before"].get(language), sides["after"].get(language)
    return bool(
        (near and re.search(near, before[-20:], re.IGNORECASE)) or (far and re.match(far, after, re.IGNORECASE))
    )


def _qualified(text: str, match: Match) -> bool:
    """Whether words around a condition name a narrower kind of it ("severe", "type 1", "(NYHA III-IV)")."""
    patterns = _patterns()
    language = _language(match.words) if _CJK.search(match.words) else _language(text)
    before = text[_segment_start(text, match.start, patterns) : match.start]
    # 160 characters: a severity before a head reaches its examples ("severe arrhythmias (such as VT, SVT, AF)");
    # the other qualifiers are bounded in the pattern itself
    found = patterns["qualifier_before"][language].search(before[-160:])
    return bool(found or patterns["qualifier_after"][language].search(text[match.end : match.end + 60]))


def _cancer_kind(text: str, match: Match, values: list[str]) -> list[str]:
    """A cancer of one kind ("breast cancer") or qualified as an illness is ("severe systemic disease such as neoplasm")
    leaves every answer to the study team; an active one ("cancer not in remission") leaves recent cancers to it and
    accepts old ones."""
    patterns = _patterns()
    language = _language(match.words) if _CJK.search(match.words) else _language(text)
    before = text[_segment_start(text, match.start, patterns) : match.start]
    if patterns["cancer_active_after"][language].search(text[match.end : match.end + 40]):
        return ["?within_5y", "?minor_within_5y"]
    if patterns["cancer_kind_before"][language].search(before[-40:]):
        return [f"?{code.lstrip('?')}" for code in values]
    # "active autoimmune or neoplastic diseases", "severe systemic disease such as neoplasm": a severity before a head or
    # a list reaches the cancer as it reaches the other illnesses (`qualifier`)
    if patterns["qualifier_before"][language].search(before[-160:]):
        return [f"?{code.lstrip('?')}" for code in values]
    return values


def _other_words(text: str, matches: list[Match]) -> int:
    """How many words (English) or characters (Chinese) of the clause are neither a concept's name, a cue, a
    time, a number nor a filler word."""
    patterns = _patterns()
    pieces, at = [], 0
    for match in matches:
        pieces.append(text[at : match.start])
        at = match.end
    pieces.append(text[at:])
    rest = " ".join(pieces)
    language = _language(text)
    for name in ("window", "negation", "pseudo"):
        pattern = patterns[name][language]
        if pattern is not None:
            rest = pattern.sub(" ", rest)
    filler = patterns["filler"][language]
    if language == "zh":
        return sum(1 for char in rest if _CJK.match(char) and char not in filler)
    return sum(1 for word in re.findall(r"[a-z]+(?:[-'][a-z]+)*", rest.lower()) if word not in filler)


def _rule_for(match: Match) -> tuple[str, list[str], Decimal | None, Decimal | None] | None:
    """(question, codes, lower days, upper days) for one match; negation on a days-since question turns "within
    N days" into "more than N days ago" (lower bound). Choice negation is left to the caller, which knows the
    question's kind (a yes/no, single or multiple choice question each invert differently)."""
    concept = match.concept
    if concept.window == "now":  # "a negative pregnancy test within 24 hours before dosing": the state now
        return concept.question, list(concept.codes), None, None
    if match.window_days == 0 and match.window_words == "now" and concept.window.startswith("days_since_"):
        return (concept.window, [], Decimal(0), None) if match.negated else (concept.window, [], None, Decimal(0))
    if match.window_days is not None and match.window_days <= 0:
        return None  # "within 48 hours"
    if match.window_days is not None and concept.window:
        days = match.window_days
        if days >= LONGEST_WINDOW_DAYS:
            return None
        if "@" in concept.window:  # "cancer_history:within_5y|minor_within_5y@1830": codes for a short window
            target, limit = concept.window.rsplit("@", 1)
            question, _, codes = target.partition(":")
            if days > Decimal(limit):
                return None  # a longer window than the question's answers tell apart
            if days < Decimal(limit) - 31:  # "cancer within 2 years": a 3-year-old cancer is one of these answers too
                return question, [f"?{code}" for code in codes.split("|")], None, None
            return question, codes.split("|"), None, None
        else:
            if match.negated:
                return concept.window, [], days, None
            return concept.window, [], None, days
    if not concept.question or match.window_days is not None:
        return None  # a time the concept's question cannot tell ("lung transplant within 6 months"): study team
    if not concept.codes:
        return None  # an item read only with its time ("any vaccine within 3 months"): "ever" is not the item
    return concept.question, list(concept.codes), None, None


# Decision record 0087: mentions that are not the patient's own illness, use or state now, read by wording family.


@cache
def _precision_patterns() -> dict:
    """Compiled once: the words of decision record 0087 (lexicon `someone_else`, `refusal_of_use`, `mention_elsewhere`,
    `pregnancy_not_now`, `exception_heading`, `group_name_clause`, `own_operation_before`, `shared_head_joiner`)."""
    lex = lexicon()

    def each(by_language: dict) -> dict:
        return {
            lang: _alternation(p) if isinstance(p, list) else re.compile(p, re.IGNORECASE)
            for lang, p in by_language.items()
        }

    return {
        "someone_before": each(lex["someone_else"]["before"]),
        "someone_after": each(lex["someone_else"]["after"]),
        "refusal": each(lex["refusal_of_use"]),
        "mention_before": each(lex["mention_elsewhere"]["before"]),
        "mention_after": each(lex["mention_elsewhere"]["after"]),
        "mention_after_illness": each(lex["mention_elsewhere"]["after_illness"]),
        "not_now_before": each(lex["pregnancy_not_now"]["before"]),
        "not_now_after": each(lex["pregnancy_not_now"]["after"]),
        "exception_heading": each(lex["exception_heading"]),
        "group_name": each(lex["group_name_clause"]),
        "own_operation": each(lex["own_operation_before"]),
        "joiner": {lang: re.compile(p, re.IGNORECASE) for lang, p in lex["shared_head_joiner"].items()},
        "allowed_after": each(lex["allowed_after"]),
        "allowed_before": each(lex["allowed_before"]),
        "permitted_after": each(lex["permitted_after"]),
        "group_in_bracket": each(lex["group_in_bracket"]),
    }


def _not_the_patients(text: str, start: int, end: int, before_text: str, concept: Concept, language: str) -> bool:
    """Whether a mention is not the patient's own illness, use or state now, by the words around it: another person's
    ("Have a child … with a traumatic brain injury", "a dementia caregiver"), a refusal or inability to use it ("Refusal,
    inability, or high reluctance to use CPAP"), a mention inside words about something else ("to facilitate overseeing
    systemic chemotherapy administration", "screening for lung cancer is recommended", "asthma symptom diary", "TB
    prophylaxis"), or a pregnancy in the past or as a time ("no previous pregnancies", "diabetes before pregnancy")."""
    found = _precision_patterns()
    near = before_text[-160:]
    after = text[end : end + 40]

    def hit(name: str, words: str, at_start: bool = False) -> bool:
        pattern = found[name].get(language)
        if pattern is None:
            return False
        return bool(pattern.match(words) if at_start else pattern.search(words))

    if concept.cls != "state" and hit("someone_before", near):
        return True  # another person's illness, operation or medicine
    if concept.cls == "condition" and hit("someone_after", after, at_start=True):
        return True  # "a dementia caregiver": the illness is the cared-for person's
    if concept.cls in ("medicine", "procedure") and hit("refusal", near):
        return True  # a refusal or an inability to use it is no use
    if hit("mention_before", near) or hit("mention_after", after, at_start=True):
        return True  # named inside words about something else
    if concept.cls != "medicine" and hit("mention_after_illness", after, at_start=True):
        return True  # "TB prophylaxis": a prevention of the illness, not the illness
    sign = lexicon()["sign_of_item"]
    if concept.key in sign["concepts"] and language in sign["before"]:
        if re.search(sign["before"][language], before_text[-40:], re.IGNORECASE):
            return True  # "History of fever", "to reduce fever", "退热": a past or treated sign is none now
    if concept.key in lexicon()["pregnancy_not_now"]["concepts"] and (
        hit("not_now_before", before_text[-20:]) or hit("not_now_after", after, at_start=True)
    ):
        return True  # "no previous pregnancies", "diabetes before pregnancy": not a pregnancy now
    return False


def _allowed(text: str, end: int, before_text: str, language: str, negated: bool) -> bool:
    """Whether a mention is said to be allowed ("pregnant women are not excluded", "smokers may also participate",
    "may have received prior radiotherapy", "允许合并高血压"; lexicon `allowed_after`, `allowed_before`,
    `permitted_after`). A negated mention "is allowed" only as a bar ("No prior chemotherapy is allowed")."""
    found = _precision_patterns()
    after, before = found["allowed_after"].get(language), found["allowed_before"].get(language)
    permitted = found["permitted_after"].get(language)
    return bool(
        (after is not None and after.match(text[end : end + 100]))
        or (permitted is not None and not negated and permitted.match(text[end : end + 100]))
        or (before is not None and before.search(before_text[-80:]))
    )


def _shared_heads(text: str, found: list) -> tuple[list[tuple], dict[int, int]]:
    """ "current or ex-smoker", "现在或既往吸烟": a word joined by "or" to a name shares the name's head; when the word and
    the head (or the whole name) are another name on the same question, that concept is named too, at the word. As
    (start, -length, end, concept), like the names `find` reads, with where each word's name starts."""
    patterns = _patterns()
    joiner = _precision_patterns()["joiner"]
    by_name = patterns["names"][0][1]
    chinese = patterns["names"][2][1]
    taken: bytearray | None = None  # the characters names cover, read once, and only when a word is joined by "or"
    shared, heads = [], {}
    for start, _length, end, concept in found:
        if not concept.question:
            continue
        name = text[start:end]
        language = _language(name)
        before = text[max(0, start - 30) : start]
        joined = joiner[language].search(before)
        if joined is None:
            continue
        word = joined.group(1)
        if language == "zh":
            candidates = [chinese.get(word + name[len(word) :])]
        else:
            head = re.split(r"[\s-]+", name)[-1]
            candidates = [by_name.get(f"{word} {head}".lower()), by_name.get(f"{word} {name}".lower())]
        other = next((c for c in candidates if c is not None and c is not concept), None)
        if other is None or other.question != concept.question:
            continue
        at = start - len(before) + joined.start(1)
        if taken is None:
            taken = bytearray(len(text))
            # an organ list ("cognitive, neurological or psychiatric condition") is read as a list already
            spans = [(a, b) for a, b, _one, _named in _organ_spans(text, patterns)]
            for a, b in [*((a, b) for a, _length, b, _concept in found), *spans]:
                taken[a:b] = b"\x01" * (b - a)
        if any(taken[at : at + len(word)]):
            continue
        shared.append((at, -len(word), at + len(word), other))
        heads[at] = start
    return shared, heads


def _after_inline_exception(text: str, before: str) -> bool:
    """Whether a clause that is a short name alone ("In situ cervical cancer.") follows a line whose exception runs on
    into its first item ("No second malignancy within 5 years except: Nonmelanomatous skin cancer."; lexicon
    `exception_inline`) and names the same question without a negation of its own: the exception's next item."""
    words = text.strip()
    if len(re.findall(r"[A-Za-z]+", words)) > 6 or len(_CJK.findall(words)) > 12:
        return False
    lines = [line.strip() for line in _simplified((before or "")[-2000:]).split("\n")]
    if lines and lines[-1]:
        return False  # the clause does not open its line
    previous = next((line for line in reversed(lines) if line), "")
    if not previous or not re.search(lexicon()["exception_inline"][_language(previous)], previous, re.I):
        return False
    negation = _patterns()["negation"][_language(words)]
    if negation is not None and negation.search(words):
        return False  # "No pregnant or nursing women.": a criterion of its own
    # an item of the same kind as the exception's ("In situ cervical cancer." after a cancer's exception)
    asked = {match.concept.question for match in find(previous)}
    return any(match.concept.question in asked for match in find(words))


def _item_heading(before: str) -> str:
    """The heading a clause is an item of, when the page nests it deeper than its heading ("History of one or more of
    the following cardiovascular disorders in the previous 6 months:" over "- Myocardial infarction"): the heading's
    lines, wrapped ones joined, or "" when the clause is no deeper item of a heading that ends in a colon."""
    lines = _simplified((before or "")[-4000:]).split("\n")
    current = lines[-1]
    if not re.fullmatch(r"[\dA-Za-z.)(（）•*·-]{0,6}\s*", current.lstrip()):
        return ""  # the clause does not open its line
    indent = len(current) - len(current.lstrip())
    earlier = lines[:-1][-40:]
    for at in range(len(earlier) - 1, -1, -1):
        line = earlier[at]
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip())
        if depth >= indent:
            continue  # an earlier item of the same list, or its wrapped lines
        if not re.search(r"[:：]\s*$", line):
            return ""
        # the heading's wrapped lines back to the one its marker opens, never an earlier item or heading
        paragraph, first = [line.strip()], line
        for previous in reversed(earlier[max(0, at - 8) : at]):
            if _OPENS_ITEM.match(first.strip()) or not previous.strip() or re.search(r"[:：]\s*$", previous):
                break
            shallower = len(previous) - len(previous.lstrip()) < len(first) - len(first.lstrip())
            if not shallower and (_OPENS_ITEM.match(previous.strip()) or len(paragraph) == 1 and len(line) < 60):
                break  # an earlier item, or the line before a short heading ("Exclusion Criteria:")
            paragraph.insert(0, previous.strip())
            first = previous
        return " ".join(paragraph)
    return ""


def _heading_windows(heading: str, matches: list[Match]) -> list[Match]:
    """A time its heading states ("… cardiovascular disorders in the previous 6 months:") dates every item under it that
    has none of its own, as a time after a list dates each of its items; an item the time cannot date gets no draft."""
    if not heading:
        return matches
    language = _language(heading)
    last = re.split(r"(?<=[.;。；])\s*(?=\S)", heading.rstrip(".;。； "))[-1]  # the heading's last sentence
    days, words = _window_in(last, language, _patterns())
    if days is None or not re.search(lexicon()["heading_window_words"][language], words, re.IGNORECASE):
        return matches
    return [
        replace(match, window_days=days, window_words=words)
        if match.window_days is None and not match.negated and match.concept.window != "now"
        else match
        for match in matches
    ]


def _under_exception_heading(before: str) -> bool:
    """Whether a clause is an item of a heading that ends in an exception ("Has history of other active malignancy within
    3 years, except:", "以下情况除外："): deeper than the heading, or, on a flat page, after items that each end in
    "or", "and" or a comma."""
    lines = _simplified((before or "")[-4000:]).split("\n")
    current = lines[-1]
    headings = _precision_patterns()["exception_heading"]
    own_line = re.sub(r"[\s\d.)(（）•*·-]*$", "", current).strip()
    if own_line and headings[_language(own_line)].search(own_line):
        return True  # "… except: 1. Adequately treated …" on one line
    indent = len(current) - len(current.lstrip())
    items: list[str] = []
    nested = False  # items deeper than this clause came between: it is the next criterion after them
    for line in reversed(lines[:-1][-15:]):
        words = line.strip()
        if not words:
            continue
        depth = len(line) - len(line.lstrip())
        if headings[_language(words)].search(words):
            if indent > depth:
                return True
            return not nested and all(re.search(r"(?:\bor|\band|[,，;；、]|或)\s*$", item, re.I) for item in items)
        if re.search(r"[:：]\s*$", words) and depth <= indent:
            return False  # another heading first
        if depth <= indent:
            items.append(words)
        else:
            nested = True
    return False


_OPENS_ITEM = re.compile(r"(?:[-•*·▪◦]|[(（]?(?:\d{1,2}|[A-Za-z]|[ivx]{1,4})[.)）、])\s")
_LIST_MARKER = re.compile(r"(?:^|(?<=[\s|:：]))[(（]?[0-9A-Za-z]{1,2}[)）]")


def _tail_of_another(text: str) -> int:
    """Where a clause stops being the tail of a sentence split before it, or 0: a closing bracket with no opening one
    before it ("HIV infection)." of "No … medical conditions (… or known HIV infection).") or a lone closing quote at
    the end ("… IL-4 Receptor in Asthma\"." of another study's title). The head, and any negation, of what comes
    before it stands in an earlier clause. A list marker ("1)", "a)") is no bracket."""
    words = _LIST_MARKER.sub(lambda m: " " * len(m.group()), text)
    for at, char in enumerate(words):
        if char in "(（":
            break
        if char in ")）":
            return at + 1
    quote = re.search(r"[\"”](?=[\s.;,。；，]*$)", words)
    if quote is not None and words.count('"') + words.count("“") + words.count("”") == 1:
        return quote.end()
    return 0


def _major_cancer_excepted(words: str, language: str) -> bool:
    """Whether a minor-cancer exception's items name a cancer with no minor kind's word (lexicon `minor_cancer_items`):
    "bladder cancer" among "non-melanoma skin cancer, cervical cancer in situ, bladder cancer"."""
    items = lexicon()["minor_cancer_items"]
    for item in re.split(items["separator"][language], words, flags=re.IGNORECASE):
        if re.search(items["cancer"][language], item, re.IGNORECASE) and not re.search(
            items["minor"][language], item, re.IGNORECASE
        ):
            return True
    return False


def _exception_not_carried(text: str, match: Match, values: list[str], matches: list[Match]) -> set[str]:
    """The codes of a match's rule that an exception after it in its sentence, or one opening the clause before it (lexicon
    `exception_not_carried`, `exception_opening`: "除外本次手术，…"), leaves to the study team: all of them when it names
    no item of the question ("unless due to obstructed bronchus"), those it names ("neurological disease other than PD": the item PD is part of), none when it names only other
    items ("anticoagulants (except antiplatelet agents)") or belongs to a concept named after this one."""
    language = _language(text[match.start : match.end]) if _CJK.search(text[match.start : match.end]) else "en"
    found = re.match(lexicon()["exception_not_carried"][language], text[match.end :], re.IGNORECASE)
    opening = re.match(lexicon()["exception_opening"][language], text, re.IGNORECASE)
    if found is not None:
        cue = match.end + found.start(0) + len(found.group(0)) - len(next((g for g in found.groups() if g), ""))
        if any(match.end <= other.start < cue for other in matches if other is not match):
            return set()  # "coagulation abnormalities or anticoagulants other than aspirin": the later concept's
        rest = next((group for group in found.groups() if group), "")
    elif opening is not None and match.start >= opening.end():
        rest = opening.group(
            "rest"
        )  # "除外本次手术，既往…腹部手术": an exception opening the clause, before the concept
    else:
        return set()
    mine = {code.lstrip("?") for code in values}
    named = {
        code.lstrip("?")
        for other in find(rest)
        if other.concept.question == match.concept.question
        for code in other.concept.codes
    }
    return mine & named if named else mine


def _sentence_before(text: str, start: int) -> str:
    """The words of a clause before `start` back to the last stop ("e.g." and "i.e." are no stop)."""
    before = re.sub(r"\b(?:e\.\s?g|i\.\s?e)\.", lambda m: " " * len(m.group()), text[:start], flags=re.IGNORECASE)
    stop = max(before.rfind(mark) for mark in ".;。；")
    return text[stop + 1 : start]


def _not_the_item_now(text: str, kind: str, match: Match) -> bool:
    """Whether a medicine's mention says nothing of its use now or ever (decision 0128; lexicon `course_had`,
    `treatment_toxicity`, `cancer_biologic`): in an inclusion, a course had ("progression after platinum-based
    chemotherapy", "化疗后进展"), which a patient whose course has ended would fail; anywhere, the treatment a toxicity
    is from ("unresolved toxicities from prior chemotherapy", "免疫治疗相关的不良反应"); a biologic named by no drug in
    a clause about cancer ("anti-cancer therapy including chemotherapy, biologic therapy"), which is no asthma biologic."""
    if match.concept.cls != "medicine" or match.negated:
        return False
    lex = lexicon()
    words = text[match.start : match.end]
    language = _language(words) if _CJK.search(words) else _language(text)
    sentence, after = _sentence_before(text, match.start), text[match.end : match.end + 80]

    def said(entry: dict) -> bool:
        before, following = entry["before"].get(language), entry["after"].get(language)
        return bool(
            (before is not None and re.search(before, sentence, re.IGNORECASE))
            or (following is not None and re.match(following, after, re.IGNORECASE))
        )

    if said(lex["treatment_toxicity"]):
        return True
    if kind == "inclusion" and match.concept.question == "medicines_now" and said(lex["course_had"]):
        return True
    biologic = lex["cancer_biologic"]
    return (
        match.concept.key in biologic["concepts"]
        and re.match(biologic["generic"], words, re.IGNORECASE) is not None
        and re.search(biologic["clause"][language], text, re.IGNORECASE) is not None
        and re.search(biologic["kept"][language], text, re.IGNORECASE) is None
    )


def _treatment_label(text: str, match: Match, matches: list[Match]) -> bool:
    """Whether a medicine or an operation is a field's label ("Radiotherapy: No prior thoracic irradiation", "Biologic
    therapy: Not specified"; lexicon `treatment_field`): capitalised and followed by a colon
    whose value is empty or names a concept of its own. "current immunosuppressive therapies: corticosteroids, …" and
    "Corticosteroids: use within 4 weeks" are the treatment itself."""
    field = lexicon()["treatment_field"]
    words = text[match.start : match.end]
    if match.concept.cls not in ("medicine", "procedure") or not re.match(field["label_after"], text[match.end :]):
        return False
    if not words[:1].isupper():
        return False  # an old NCI record's field is capitalised; a Chinese label opening a clause is its topic
    if re.match(field["empty_value"], text[match.end :], re.IGNORECASE):
        return True
    value_end = re.search(r"(?<=\s)[A-Z][\w -]{0,30}[:：]|$", text[match.end + 1 :])
    limit = match.end + 1 + (value_end.start() if value_end else len(text))
    return any(match.end < other.start < limit for other in matches if other is not match)


def _treatment_field_alone(text: str, matches: list[Match], before: str) -> bool:
    """Whether a clause is nothing but a medicine's or an operation's name ("Biologic therapy", "Radiotherapy") in an old
    NCI record's prior-therapy section (lexicon `treatment_field`): the name of the field whose items follow."""
    if len(matches) != 1 or matches[0].concept.cls not in ("medicine", "procedure"):
        return False
    if re.sub(r"[\W\d_]+", "", text.replace(matches[0].words, "")) not in ("", "therapy", "Therapy"):
        return False
    field = lexicon()["treatment_field"]
    for line in reversed((before or "")[-6000:].splitlines()):
        if re.match(field["any_section"], line):
            return re.match(field["section"], line) is not None
    return False


def _group_subject(text: str, before: str) -> bool:
    """Whether a clause's subject is one group of a trial that has a control or healthy group ("Asthmatic subjects must
    have asthma as defined in this study" after "Control subjects must …"; lexicon `group_subject`)."""
    language = _language(text)
    words = lexicon()["group_subject"]
    if not re.search(words["opening"][language], text.strip(), re.IGNORECASE):
        return False
    return re.search(words["groups"][language], _simplified(before[-20000:]) + " " + text, re.IGNORECASE) is not None


def _own_illness(own: frozenset[str]) -> bool:
    """Whether the trial's own conditions name an illness (not only a treatment, an operation or a state)."""
    concepts = by_key()
    return any(concepts[key].cls == "condition" for key in own if key in concepts)


def _another_cancer(text: str, match: Match) -> bool:
    """Whether a cancer is named as another or a second one ("any other malignancy", "其他恶性肿瘤"; lexicon
    `other_cancer_before`): another than one the trial's patients may have, when its own conditions name no illness
    (an "advanced solid tumour" immunotherapy trial; in a COPD trial it is any cancer)."""
    language = _language(text[match.start : match.end]) if _CJK.search(text[match.start : match.end]) else "en"
    before = text[max(0, match.start - 40) : match.start]
    return re.search(lexicon()["other_cancer_before"][language], before, re.IGNORECASE) is not None


def _group_name(text: str) -> bool:
    """Whether a clause is nothing but a group's name ("Parkinson's Disease (PD) group", "哮喘组"), or names its group in
    a bracket ("… (control group)", "All diabetics (Groups A, B, C)")."""
    stripped = text.strip()
    if not stripped:
        return False
    found = _precision_patterns()
    language = _language(stripped)
    return bool(found["group_name"][language].match(stripped) or found["group_in_bracket"][language].search(stripped))


def _own_pregnancy_mention(text: str, kind: str, match: Match) -> bool:
    """In a trial of pregnant women, whether a pregnancy mention is the trial's own state rather than a rule: anything but
    an inclusion that requires it or an exclusion that is nothing but the pregnancy."""
    if match.concept.key not in lexicon()["pregnancy_not_now"]["concepts"]:
        return False
    if kind == "inclusion":
        return match.negated
    return match.negated or _other_words(text, [match]) > 0


def _own_operation(text: str, kind: str, match: Match, own: frozenset[str]) -> bool:
    """In an inclusion, whether an operation the trial's own conditions name is the one the patient is undergoing or will
    have ("Patients undergoing primary liver transplantation" in a liver transplant trial): the study's own operation."""
    if kind != "inclusion" or match.negated or match.concept.key not in own:
        return False
    if match.concept.cls != "procedure" or match.concept.question != "lung_procedures":
        return False
    before = text[_segment_start(text, match.start, _patterns()) : match.start][-80:]
    pattern = _precision_patterns()["own_operation"][_language(text)]
    return pattern.search(before) is not None


def _allergen_immunotherapy(text: str, match: Match, own: frozenset[str]) -> bool:
    """In a trial of an allergy, whether a match is "immunotherapy" alone, with no cancer word before it, or in any trial
    immunotherapy said to be with an allergen ("immunotherapy with mites", "allergen immunotherapy"): allergen
    immunotherapy, not a cancer treatment."""
    spec = lexicon()["allergy_trial_immunotherapy"]
    if (
        match.concept.key in [*spec["concepts"], *spec["concepts_past"]]
        and match.words.strip().lower() in spec["words"]
        and (
            re.match(spec["allergen_after"], text[match.end : match.end + 80], re.IGNORECASE)
            or re.search(spec["allergen_before"], text[max(0, match.start - 30) : match.start], re.IGNORECASE)
        )
    ):
        return True  # "immunotherapy (5 years) with mites": allergen immunotherapy in any trial
    return (
        bool(own & set(spec["own"]))
        and match.concept.key in spec["concepts"]
        and match.words.strip().lower() in spec["words"]
        and re.search(spec["cancer_before"], text[max(0, match.start - 20) : match.start], re.IGNORECASE) is None
    )


def _lung_cancer_treatments(text: str, kind: str, matches: list[Match], own: frozenset[str]) -> list[Match]:
    """In a lung-cancer trial, cancer treatment had in the past ("Prior EGFR TKI therapy", "No prior systemic therapy",
    "treatment-naive", "既往接受过免疫检查点抑制剂治疗") is the lung-cancer treatment question's item the words name
    (lexicon `lung_cancer_treatment`, decision record 0126). A timed mention (a wash-out), a clause about another
    illness (named, or an illness word before the treatment) and a negated exclusion keep their reading; narrowed words leave the items to the study team, and keep
    the reading of an inclusion that requires the treatment (it may be for advanced disease only, or a condition)."""
    spec = lexicon()["lung_cancer_treatment"]
    if not own & set(spec["own"]) or not any(m.concept.key in spec["from"] for m in matches):
        return matches
    if own & set(spec["own_other_cancer"]):
        return (
            matches  # "melanoma, renal cell, non-small cell lung or breast cancer": not every patient's is lung cancer
        )
    if any(m.concept.cls == "condition" and m.concept.key not in spec["conditions_kept"] for m in matches):
        return matches  # "autoimmune disease that received systemic therapy": what treated another illness
    language = _language(text)
    narrowed = re.search(spec["narrowed"][language], text, re.IGNORECASE) is not None
    past = _patterns()["past_medicine"][language]
    read = []
    for match in matches:
        target = spec["from"].get(match.concept.key)
        if target is None or match.window_days is not None:
            read.append(match)
            continue
        if re.search(spec["illness_before"][language], text[: match.start], re.IGNORECASE):
            read.append(match)  # "ILD that has received systemic treatment": what treated another illness
            continue
        if match.concept.key in spec["past_cue"] and not past.search(text[max(0, match.start - 60) : match.start]):
            read.append(match)  # "Active disease requiring systemic therapy": not a treatment had
            continue
        negated = match.negated != (match.concept.key in spec["flip"])  # "treatment-naive": none had
        if (kind == "exclusion" and negated) or (kind == "inclusion" and not negated and narrowed):
            read.append(match)
            continue
        # the item the words name; "EGFR TKI treatment-naïve", "(TKI) treatment naïve": the one named just before
        before = text[max(0, match.start - 40) : match.start] if match.concept.key in spec["flip"] else ""
        for pattern, words in (("(?:{})[\\w-]*\\W{{0,3}}$", before), ("{}", match.words)):
            found = [i for i in spec["items"] if re.search(pattern.format(i[language]), words, re.IGNORECASE)]
            if found:
                target = found[0]["concept"]
                break
        read.append(replace(match, concept=by_key()[target], negated=negated, narrowed=match.narrowed or narrowed))
    return read


def _own_only(text: str, matches: list[Match], own: frozenset[str], preceding: str = "") -> list[Match]:
    """Mentions on a question read only in a trial about one illness (lexicon `own_only`, decision record 0135): kept
    where the trial's own conditions or the clause itself name that illness ("EGFR mutation" in a lung-cancer trial,
    "NSCLC which harbours an EGFR mutation") or the criteria's opening lines name ("Histologically confirmed NSCLC", a
    bounded prefix, so reading stays linear); elsewhere ("KRAS mutation" in a bowel cancer's trial) dropped. On a
    question of `one_polarity`, mentions that disagree in polarity, a clause that opens with a condition ("In the
    presence of an EGFR mutation, …", "Cohort A, …"), a negation that is of a treatment ("Treatment-naïve for
    EGFR-mutated NSCLC") and a list that runs on past a name in symbols it does not read ("mutations of EGFR, ALK,
    ROS1 and RET") give no draft, and a gene a medicine targets ("HER2 exon 20 insertion-selective TKI") is no result; a kind named beside the whole ("EGFR mutations (exon 19 deletion, L858R)")
    leaves the whole to the study team."""
    spec = lexicon()["own_only"]
    named = own | {match.concept.key for match in matches}
    if any(match.concept.question in spec["questions"] for match in matches):
        # the criteria's opening lines name the trial's illness where its conditions say it in other words
        opening = _simplified(preceding[: spec["opening_characters"]]) + "\n" + text
        named |= {key for key, pattern in _own_only_names().items() if pattern.search(opening)}
    kept = [
        match
        for match in matches
        if match.concept.question not in spec["questions"]
        or named & set(spec["questions"][match.concept.question])
        or own & set(spec["own_also"].get(match.concept.question, ()))  # "EGFR-mutant lung adenocarcinoma"
    ]
    language = _language(text)
    treatment = {side: re.compile(spec["treatment"][side][language], re.IGNORECASE) for side in ("before", "after")}
    kept = [  # "EGFR or HER2 exon 20 insertion mutation-selective TKI", "EGFR-TKI for T790M": what a medicine targets
        match
        for match in kept
        if match.concept.question not in spec["questions"]
        or not (treatment["after"].match(text, match.end) or treatment["before"].search(text[: match.start][-40:]))
    ]
    dropped = set()
    for question in spec["one_polarity"]:
        mine = [match for match in kept if match.concept.question == question]
        if not mine:
            continue
        tail = re.compile(spec["list_tail"][language], re.IGNORECASE)
        if (
            len({match.negated for match in mine}) > 1  # "EGFR mutation or ALK mutation was negative"
            or re.match(spec["conditional_opening"][language], text, re.IGNORECASE)  # also a cohort's label
            or any(
                re.search(spec["not_of_the_gene"][language], match.cue, re.IGNORECASE)
                for match in mine
                if match.negated
            )
            or tail.match(text, max(match.end for match in mine))  # the last item read is not the list's last
        ):
            dropped.add(question)
        elif any(all(code.startswith("?") for code in match.concept.codes) for match in mine):
            kept = [replace(m, narrowed=True) if m in mine and not m.negated else m for m in kept]
    return [match for match in kept if match.concept.question not in dropped]


@cache
def _own_only_names() -> dict[str, re.Pattern]:
    """Per concept an `own_only` question needs, one pattern of its names (Latin whole words, acronyms by case) and the
    kinds of it the lexicon adds (`own_only.also_named`: "NSCLC", "肺腺癌")."""
    patterns = {}
    for keys in lexicon()["own_only"]["questions"].values():
        for key in keys:
            concept = by_key()[key]
            latin = [re.escape(n) for n in concept.en if not (n.isupper() and len(n) <= 6)]
            acronyms = [re.escape(n) for n in concept.en if n.isupper() and len(n) <= 6]
            parts = [rf"(?i:(?<![A-Za-z0-9])(?:{'|'.join(latin)})(?![A-Za-z0-9]))"] if latin else []
            parts += [rf"(?<![A-Za-z0-9])(?:{'|'.join(acronyms)})(?![A-Za-z0-9])"] if acronyms else []
            parts += ["|".join(re.escape(n) for n in concept.zh)] if concept.zh else []
            parts += [f"(?i:{words})" for words in lexicon()["own_only"]["also_named"].get(key, {}).values()]
            patterns[key] = re.compile("|".join(parts))
    return patterns
