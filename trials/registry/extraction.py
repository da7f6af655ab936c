"""Criteria drawn from registry text: split eligibility text into clauses and propose thresholds from them.

Contract:

* Pure: the standard library only, nothing from Django or the rest of the project, no I/O, no global state.
* Never raises: any input (empty, ``None``, odd unicode, huge text) gives ``[]`` or ``()`` rather than an error.
* A ``Proposal`` is a rule's guess that one clause bounds one question: ``variable`` is a question key (or
  ``"window"`` for "within N weeks before screening"), and the bounds are the range the clause ITSELF states, in
  the list it stands in. The exclusion clause "FEV1/FVC < 0.7" gives kind ``"exclusion"``, upper 0.7 exclusive:
  nothing is inverted here; the app decides what an exclusion range means for a patient.
* ``quote`` is always an exact substring of the original text, inside the clause's span (backslash escapes and all),
  except for the age proposal built from the record's own minimumAge/maximumAge with no age clause in the text.
* Precision matters more than recall: a number that is not plainly a threshold for a named variable in the unit
  that variable is asked in (FEV1 in litres, creatinine in mg/dL, doses, dates) gives no proposal.

How it works: clauses are found line by line (and inside lines whose breaks were lost); each clause is normalised
(NFKC, lower case, escapes undone) keeping a map back to original offsets; variable mentions, comparisons
("≥ 30%", "40 to 80 years", "3 or more times") and windows ("within 4 weeks before screening") are found with the
pattern tables below; each comparison is given to the nearest variable mention before it (or just after it), checked
against that variable's unit and plausible range, and merged with a second bound on the same variable.

Readings chosen where registry text is ambiguous:

* "X to Y", "X-Y" and plain "between X and Y" include both ends (how registries use them); "(excluding ...)",
  "exclusive" or "18 to < 65" say otherwise. "over"/"above"/"more than" are exclusive, "at least"/"≥" inclusive.
* FEV1/FVC is always a fraction: "< 70%" and "< 0.7" both give 0.7.
* Windows ("within 4 weeks before screening", "近3个月内") have upper N inclusive and no lower bound, in the unit
  the text uses; a count's own period ("≥2 exacerbations in the past 12 months") is not a window.
* Counts of exacerbations that needed a hospital stay are ``respiratory_hospitalisations_12m``; counts over a
  period other than 12 months give nothing.
* A nested clause that names no variable borrows one from its parent line ("Lung function:" then "≥ 30%").
* Age from the record (minimumAge/maximumAge, inclusive) merges into the text's inclusion age proposal when the
  two agree; otherwise each stands.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = ["Clause", "Proposal", "QUESTION_UNITS", "split_clauses", "propose", "extract", "diagnosis_codes"]

# ----------------------------------------------------------------------------------------------------------------
# Tables
# ----------------------------------------------------------------------------------------------------------------

QUESTION_UNITS: dict[str, str] = {
    "age": "years",
    "sex": "choice",
    "diagnoses": "choice",
    "sixmwd_m": "m",
    "fev1_pct_pred": "% predicted",
    "fvc_pct_pred": "% predicted",
    "fev1_fvc_ratio": "ratio",
    "dlco_pct_pred": "% predicted",
    "tlc_pct_pred": "% predicted",
    "spo2_pct": "%",
    "bmi": "kg/m2",
    "pack_years": "pack-years",
    "oxygen_hours_per_day": "h/day",
    "respiratory_hospitalisations_12m": "count",
    "exacerbations_12m": "count",
    "alt_x_uln": "x ULN",
    "ast_x_uln": "x ULN",
    "bilirubin_x_uln": "x ULN",
    "creatinine_x_uln": "x ULN",
    "egfr": "mL/min/1.73m2",
}

MAX_TEXT = 200_000  # characters read from one record; longer text is cut, never an error
MAX_CLAUSE = 2_000  # characters of one clause read at once
ESCAPABLE = set("\\`*_{}[]()#+-.!<>=~|&\"'$%^,:;/?@")

# Characters NFKC leaves alone but that mean the same as an ASCII form here.
CHAR_MAP = {
    "≧": "≥",
    "≦": "≤",
    "⩾": "≥",
    "⩽": "≤",
    "–": "-",
    "—": "-",
    "−": "-",
    "‐": "-",
    "‑": "-",
    "〜": "~",
    "∼": "~",
    "～": "~",
    "×": "x",
    "✕": "x",
    "·": " ",
    "\u00a0": " ",
    "’": "'",
    "‘": "'",
    "“": '"',
    "”": '"',
    "。": ". ",
    "；": "; ",
    "，": ", ",
    "、": "、",
    "μ": "u",
    "µ": "u",
}

HTML_ENTITIES = {
    "&lt;": "<",
    "&gt;": ">",
    "&le;": "≤",
    "&ge;": "≥",
    "&amp;": "&",
    "&nbsp;": " ",
    "&#8804;": "≤",
    "&#8805;": "≥",
    "&#60;": "<",
    "&#62;": ">",
    "&quot;": '"',
    "&#39;": "'",
}
_HTML_ENTITY = re.compile("|".join(re.escape(e) for e in HTML_ENTITIES), re.I)

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "eighteen": 18,
    "twenty": 20,
    "twenty-four": 24,
    "twenty-eight": 28,
    "thirty": 30,
    "a single": 1,
    "single": 1,
}
CN_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "十二": 12,
    "半": 0.5,
}

NUM = r"(?<![a-z0-9.])(?:0,\d+|\d+(?:\.\d+)?|\.\d+|[一两二三四五六七八九十](?=\s*次))(?![\d])"
NUM_WORD = (
    r"(?<![a-z-])(?:twenty-four|twenty-eight|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|fourteen|fifteen|sixteen|eighteen|twenty|thirty)(?![a-z-])"
)
ANY_NUM = rf"(?:{NUM}|{NUM_WORD})"

# Variable mentions, most specific first: a later pattern never claims text an earlier one matched.
VARIABLE_PATTERNS: list[tuple[str, str]] = [
    (
        "fev1_fvc_ratio",
        r"fev\s?1\s*\)?\s*(?:%\s*)?(?:/|:|to|-to-)\s*(?:f?vc|forced vital capacity)(?:\s*ratio)?"
        r"|forced expiratory volume in (?:1|one) s(?:ec(?:ond)?)?\s*(?:\(fev1\)\s*)?"
        r"(?:/|to)\s*forced vital capacity(?:\s*\(fvc\))?(?:\s*ratio)?"
        r"|ratio of fev1 (?:to|and) fvc|tiffeneau(?:[- ]pinelli)?(?: index| ratio)?|一秒率"
        r"|fev1\s*fvc ratio",
    ),
    (
        "egfr",
        r"(?<![a-z])e?gfr(?![a-z])|(?:estimated )?glomerular filtration rate|creatinine clearance|(?<![a-z])crcl"
        r"|肌酐清除率|肾小球滤过率",
    ),
    (
        "fev1_pct_pred",
        r"(?:percent predicted |% predicted |pp)?fev\s?1(?:\.0)?(?![0-9])"
        r"|forced expiratory volume in (?:1|one) s(?:ec(?:ond)?)?"
        r"|forced expiratory volume in the first second|第一秒用力呼气容积|第1秒用力呼气容积|一秒用力呼气容积",
    ),
    (
        "dlco_pct_pred",
        r"(?<![a-z])dl\s?co(?:c|\s?corr(?:ected)?|\s?\(?hb\)?)?(?![a-z/])(?!\s*/\s*va)"
        r"|(?<![a-z])tlco(?![a-z])"
        r"|diffusi(?:ng|on) capacity(?: of (?:the lungs? )?for carbon monoxide| for carbon monoxide"
        r"| of carbon monoxide)?|transfer factor|一氧化碳弥散量|肺一氧化碳弥散|弥散量|弥散功能",
    ),
    (
        "fvc_pct_pred",
        r"(?:percent predicted |% predicted )?(?<![a-z/])(?:pp)?fvc(?![a-z])|forced vital capacity|用力肺活量",
    ),
    ("tlc_pct_pred", r"(?<![a-z])tlc(?![a-z])|total lung capacity|肺总量"),
    (
        "spo2_pct",
        r"(?<![a-z])s[pa]o[_ ]?2(?![a-z])|(?:peripheral |arterial )?(?:oxygen|o2"
        r"|oxyh(?:a)?emoglobin) saturation"
        r"|pulse oximetry|血氧饱和度|氧饱和度",
    ),
    (
        "sixmwd_m",
        r"6\s?-?\s?mw(?:d|t|td)?(?![a-z])|(?:six|6)[- ]?min(?:ute)?s?[- ]walk(?:ing)?(?: test)?(?: \(6mwt\))?"
        r"(?: distance)?(?: \(6mwd\))?|distance walked in (?:6|six) minutes|walk(?:ing)?(?: test)? distance"
        r"|6分钟步行(?:试验)?(?:距离)?|六分钟步行(?:试验)?(?:距离)?",
    ),
    ("bmi", r"(?<![a-z])bmi(?![a-z])|body mass index|体重指数|体质指数"),
    ("pack_years", r"pack[- ]?years?(?: history)?|pack-yrs?|包年"),
    (
        "oxygen_hours_per_day",
        r"(?<![a-z])(?:supplemental |home |long[- ]term |ambulatory )?(?:oxygen|o2)(?! saturation)"
        r"(?: therapy| treatment| use)?|(?<![a-z])ltot(?![a-z])|氧疗|吸氧|家庭氧疗",
    ),
    ("respiratory_hospitalisations_12m", r"hospitali[sz]\w*|(?<![a-z])admission|(?<![a-z])admitted|住院"),
    ("exacerbations_12m", r"exacerbat(?:ions?|ors?)|ae-?copd|急性发作|哮喘发作|flare[- ]?ups?|急性加重|加重"),
    (
        "alt_x_uln",
        r"(?<![a-z])alt(?![a-z])|alanine (?:amino)?transaminase|alanine aminotransferase|(?<![a-z])sgpt"
        r"|谷丙转氨酶|丙氨酸氨基转移酶",
    ),
    (
        "ast_x_uln",
        r"(?<![a-z])ast(?![a-z])|aspartate (?:amino)?transaminase|aspartate aminotransferase|(?<![a-z])sgot"
        r"|谷草转氨酶|天门冬氨酸氨基转移酶",
    ),
    ("bilirubin_x_uln", r"(?:total |direct |serum )?bilirubin|(?<![a-z])[td]bil(?![a-z])|胆红素"),
    ("creatinine_x_uln", r"(?:serum )?creatinine|(?<![a-z])s?cr(?![a-z])|肌酐"),
    ("age", r"(?<![a-z])ag(?:es?|ed)(?![a-z])|of age|(?<![a-z])old(?![a-z])|年龄|周岁"),
]
_VARIABLE_RES = [(v, re.compile(p)) for v, p in VARIABLE_PATTERNS]
_VARIABLE_BY_NAME = {v: pattern for v, pattern in _VARIABLE_RES}
LAB_VARIABLES = {"alt_x_uln", "ast_x_uln", "bilirubin_x_uln", "creatinine_x_uln"}
PCT_PRED_VARIABLES = {"fev1_pct_pred", "fvc_pct_pred", "dlco_pct_pred", "tlc_pct_pred"}
COUNT_VARIABLES = {"exacerbations_12m", "respiratory_hospitalisations_12m"}

# Units after a number: (pattern, normalised unit). Order matters: longest first.
UNIT_PATTERNS: list[tuple[str, str]] = [
    (
        r"%\s*(?:of\s+)?(?:the\s+)?(?:(?:patient'?s?|subject'?s?)\s+)?(?:predicted|pred\b\.?|expected|estimated|normal"
        r"|reference|预计值|预测值|预计)(?:\s*(?:normal\s+)?values?)?|%\s*pred|percent(?:age)?\s+(?:of\s+)?(?:the\s+)?predicted"
        r"|%\s*(?:of\s+)?(?:the\s+)?(?:predicted|pred)|percent\s*\(%\)\s*(?:of\s+)?(?:the\s+)?predicted",
        "% predicted",
    ),
    (
        r"(?:-?\s*(?:x|\*|times|fold))?\s*(?:the\s+)?(?:institutional\s+)?"
        r"(?:upper limits? of (?:the )?normal(?: range)?|uln)"
        r"(?:\s*\(uln\))?|倍(?:正常值)?上限|倍uln",
        "x ULN",
    ),
    (r"ml\s*/\s*min(?:ute)?(?:\s*(?:/|per)\s*1[.,]73\s*m\s*2)?", "mL/min/1.73m2"),
    (r"kg\s*/\s*m\s*\^?\s*2|kg/m²|公斤/米2", "kg/m2"),
    (
        r"(?:h|hrs?|hours?|小时)\s*(?:/\s*(?:day|d(?![a-z])|24\s*h)|per\s+day|a\s+day|each\s+day|every\s+day|daily"
        r"|/天|每天|每日)",
        "h/day",
    ),
    (r"(?:hrs?|hours?|小时|h)(?![a-z])", "h"),
    (r"pack[- ]?years?|pack-yrs?|包年|(?<![a-z])pys?(?![a-z])", "pack-years"),
    (r"%|percent", "%"),
    (r"(?:met(?:er|re)s?|m)(?![a-z0-9/])|米", "m"),
    (r"(?:feet|ft)(?![a-z])", "ft"),
    (r"kg(?![a-z/])|kilograms?|公斤", "kg"),
    (r"mm\s*hg", "mmHg"),
    (r"(?:mg|mcg|ug|g|ng|iu|mmol|umol|mol|meq)(?:\s*/\s*(?:dl|l|ml|kg|day|d))?(?![a-z])|μmol/l|cells?/", "dose"),
    (r"(?:liters?|litres?|l|ml)(?![a-z/])|升", "L"),
    (r"周岁|years?(?![a-z])|yrs?(?![a-z])|y/o|y(?![a-z0-9])|岁", "years"),
    (r"months?|mos?(?![a-z])|个月", "months"),
    (r"weeks?|wks?(?![a-z])|周|星期", "weeks"),
    (r"days?|天|日", "days"),
    (r"times|episodes?|occasions?|events?|次", "count"),
]
_UNIT_RES = [(re.compile(r"\s*(?:" + p + ")"), u) for p, u in UNIT_PATTERNS]

# Comparison words, as they read BEFORE a number: (pattern, bound, inclusive). "lower" means the value is >= or >.
PREFIX_OPERATORS: list[tuple[str, str, bool]] = [
    (
        r">\s?=|=\s?>|>\s*or\s*=|≥|(?:greater|more) than equal to|(?:greater|more|higher|larger) than or equal to"
        r"|equal to or (?:greater"
        r"|more|higher) than|equal to or (?:greater|more|higher) than|at least|no less than|not less than"
        r"|no fewer than|not fewer than|no lower than|not lower than|not below|a minimum of|minimum of|minimum"
        r"|min\.?|大于等于|大于或等于|不低于|不少于|不小于|至少|≮|(?:minimum|min\.?|lower) age(?: limit)?(?: of| is|:)?",
        "lower",
        True,
    ),
    (
        r"<\s?=|=\s?<|<\s*or\s*=|≤|(?:less|lower|fewer) than or equal to|equal to or (?:less|lower|fewer) than"
        r"|no more than|not more than|no greater than|not greater than|no higher than|not higher than"
        r"|not exceeding|not to exceed|does not exceed|up to(?: and including)?|a maximum of|maximum of"
        r"|maximum|max\.?|at most|小于等于|小于或等于|不高于|不超过|不大于|不多于|≯|(?:maximum|max\.?|upper) age(?: limit)?(?: of"
        r"| is|:)?",
        "upper",
        True,
    ),
    (
        r"(?:over|above|older than) the age of|>|(?:greater|more|higher|larger|older) than|above|over"
        r"|exceeding|exceeds?|in excess of|大于|高于|超过|多于|＞",
        "lower",
        False,
    ),
    (
        r"(?:under|below|younger than) the age of|<|(?:less|lower|fewer|younger|smaller) than|below|under|小于"
        r"|低于|少于|不足|＜",
        "upper",
        False,
    ),
]
# A word operator starts a word: "for more than" is not "or more than".
WORD_START = r"(?:(?<![a-z])(?=[a-z])|(?![a-z]))"
OPERATOR_TAIL = (
    r"\s*(?:\(\s*(?:>=|<=|>|<|≥|≤)\s*\)\s*)?(?:of\s+|than\s+|(?:正常)?预计值的?\s*"
    r"|(?:发生|出现|有|患)过?\s*)?$"
)  # "(>=) ", "预计值的"
_PREFIX_RES = [(re.compile(WORD_START + r"(?:" + p + r")" + OPERATOR_TAIL), b, inc) for p, b, inc in PREFIX_OPERATORS]
_PREFIX_ANY = re.compile(WORD_START + r"(?:" + "|".join(p for p, _b, _i in PREFIX_OPERATORS) + r")" + OPERATOR_TAIL)

POSTFIX_OPERATORS: list[tuple[str, str, bool]] = [
    (
        r"or (?:more|greater|higher|above|over|older)|and (?:more|above|over|older|greater|higher)|\+|or more times"
        r"|及以上|或以上|以上|及其以上",
        "lower",
        True,
    ),
    (
        r"or (?:less|fewer|lower|below|under|younger)|and (?:below|under|less|younger|lower)|及以下|或以下|以下|以内",
        "upper",
        True,
    ),
]
_POSTFIX_RES = [(re.compile(r"\s*(?:" + p + r")(?!\s*than)"), b, inc) for p, b, inc in POSTFIX_OPERATORS]

RANGE_JOIN = r"\s*(?:-|~|to|through|至|到)\s*"
INCLUSIVE_AFTER = re.compile(
    r"^\s*[,;]?\s*[(（\[]?\s*(?:both\s+)?(?:inclusive|inclusively|including|included|incl\.?"
    r"|含|包括|包含)"
)
EXCLUSIVE_AFTER = re.compile(
    r"^\s*[,;]?\s*[(（\[]?\s*(?:both\s+)?(?:exclusive|excluding|not including|not inclusive"
    r"|non-inclusive|不含|不包括)"
)

WINDOW_UNITS = {
    "day": "days",
    "days": "days",
    "d": "days",
    "天": "days",
    "日": "days",
    "week": "weeks",
    "weeks": "weeks",
    "wk": "weeks",
    "wks": "weeks",
    "周": "weeks",
    "星期": "weeks",
    "month": "months",
    "months": "months",
    "mo": "months",
    "mos": "months",
    "个月": "months",
    "月": "months",
    "year": "years",
    "years": "years",
    "yr": "years",
    "yrs": "years",
    "年": "years",
}
TIME_UNIT = r"(days?|weeks?|wks?|months?|mos?|years?|yrs?)(?![a-z])"
REFERENCE_TAIL = r"(?:\s+(?:visit|period|dose|day\s*\d*|v\d+|\d+|\(v(?:isit\s*)?\d+\)))*"
REFERENCE_POINT = (
    r"(?:\s*\(?(?:before|prior to|preceding|of|from|until|up to)\s+(?:the\s+)?(?:date of\s+)?(?:the\s+)?"
    r"(?:screening|randomi[sz]ation|enrol?l?ment|baseline|visit\s*\d*|(?:signing\s+)?(?:the\s+)?"
    r"(?:informed\s+)?consent|inclusion|study entry|study start|entry|day 1|first dos\w*|dosing|signing"
    r"|the study|this study|study|treatment|start|v1)" + REFERENCE_TAIL + r"\)?)?"
)
WINDOW_RES = [
    re.compile(
        rf"(?:within|during|in|over)\s+(?:the\s+)?(?:past|last|previous|preceding|prior|recent|most recent)"
        rf"\s+({ANY_NUM})[\s-]*(?:\(\d+\)\s*)?(?:calendar\s+)?{TIME_UNIT}" + REFERENCE_POINT
    ),
    re.compile(
        rf"within\s+(?:the\s+)?(?:first\s+)?\(?({ANY_NUM})\)?[\s-]*(?:\(\d+\)\s*)?(?:calendar\s+)?{TIME_UNIT}"
        + REFERENCE_POINT
    ),
    re.compile(
        r"(?:within|during|in|over)\s+(?:the\s+)?(?:past|last|previous|preceding|prior)\s+(year|month|week)"
        + REFERENCE_POINT
    ),
    re.compile(
        r"within\s+(?:a|one|the(?:\s+(?:same|last|past))?|last|past)?\s*(year|month|week)(?![a-z])" + REFERENCE_POINT
    ),
    re.compile(rf"(?:≤|<=|<|less than|within|up to|no more than)?\s*({ANY_NUM})[\s-]*{TIME_UNIT}\s+ago"),
    re.compile(r"前\s*(\d+|十二|[一二两三四五六七八九十半])\s*(个月|月|周|星期|天|日|年)\s*(?:至|到)"),
    re.compile(
        r"(?:in|during)\s+the\s+(year|month|week)\s+(?:before|prior to|preceding)\s+(?:the\s+)?"
        r"(?:screening|randomi[sz]ation|enrol?l?ment|baseline|visit|(?:informed )?consent|study|inclusion|"
        r"first|day 1|dosing|signing|entry)" + REFERENCE_TAIL
    ),
    re.compile(
        rf"(?<![a-z])({ANY_NUM})[\s-]*(?:\(\d+\)\s*)?{TIME_UNIT}\s+(?:or (?:less|fewer)\s+)?"
        r"(?:before|prior to|preceding)\s+"
        r"(?:the\s+)?(?:date of\s+)?"
        r"(?:screening|randomi[sz]ation|enrol?l?ment|baseline|visit|(?:informed )?consent|study|inclusion|"
        r"first|day 1|dosing|signing|entry)" + REFERENCE_TAIL
    ),
    re.compile(
        r"(?:近|过去|最近|前)?\s*(\d+|十二|[一二两三四五六七八九十半])\s*(个月|月|周|星期|天|日|年)\s*(?:内|以内)"
    ),
    re.compile(r"(?:近|过去|最近)\s*(\d+|十二|[一二两三四五六七八九十半])\s*(个月|月|周|星期|天|日|年)"),
]
WINDOW_NOT_AFTER = re.compile(
    r"^\s*(?:after|following|post|of (?:the )?(?:last|final)|from (?:the )?(?:last"
    r"|end)|后|之后)"
)
CONDITION_BEFORE = re.compile(r"(?<![a-z])(?:if|when|whether)\s+(?:[a-z]+\s+){0,2}$")  # "if under 18 years, a parent"
EXAMPLE_BEFORE = re.compile(r"(?:e\.g\.|for example|for instance|such as|例如|如:)[^;)]*$")
WINDOW_NOT_BEFORE = re.compile(
    r"(?:planning|plans? to|intend\w*|expected to|likely to|anticipated"
    r"|require\w* [a-z ]{0,30}"
    r"(?:transplant|surgery)|(?<![a-z])if |unless |如果|若|倘若)[^.;。；]*$|后的?\s*$"
)
DURATION_BEFORE = re.compile(
    r"(?:for|at least|≥|>=|>|minimum(?: of)?|stable|more than|over|lasting|duration of"
    r"|last(?:ed|ing)?)\s*(?:a\s+(?:period|duration)\s+of\s+)?(?:the\s+)?(?:past\s+"
    r"|last\s+)?$"
)

# Events a window is about, specific first: (pattern, label). Label None: a measurement's timing, not an event.
EVENT_PATTERNS: list[tuple[str, str | None]] = [
    (
        r"(?:copd|aecopd)\b[^.;]{0,25}exacerbation|exacerbations? of (?:the )?copd|aecopd|慢阻肺急性加重",
        "COPD exacerbation",
    ),
    (r"asthma[^.;]{0,12}(?:exacerbation|attack)|exacerbations? of asthma", "asthma exacerbation"),
    (r"(?:ild|ipf|fibrosis)[^.;]{0,12}exacerbation|exacerbations? of (?:ild|ipf)", "ILD exacerbation"),
    (r"exacerbation|flare|急性加重|急性发作", "exacerbation"),
    (
        r"(?:upper |lower )?respiratory (?:tract )?infection|chest infection|airway infection"
        r"|呼吸道感染",
        "respiratory infection",
    ),
    (r"pneumonia|肺炎", "pneumonia"),
    (r"covid|sars-cov-2|coronavirus|新冠", "COVID-19"),
    (r"myocardial infarction|heart attack|acute coronary|心肌梗死|心梗", "myocardial infarction"),
    (r"stroke|cerebrovascular accident|transient ischaemic|transient ischemic|卒中|脑梗", "stroke"),
    (r"unstable (?:\w+ )?angina|angina", "unstable angina"),
    (r"heart failure|cardiac failure|arrhythmi\w*|hypertension|心力衰竭|心衰|高血压", "cardiovascular event"),
    (r"lung transplant", "lung transplant"),
    (r"lung volume reduction|valve", "lung volume reduction"),
    (r"surger\w*|surgical|operation|resection|手术", "surgery"),
    (r"hospitali[sz]\w*|admission|admitted|住院", "hospitalisation"),
    (r"malignan\w*|cancer|tumou?rs?|neoplasm|carcinoma|肿瘤|癌", "malignancy"),
    (
        r"(?:clinical|investigational|interventional|another|other|any) (?:drug )?(?:trials?|stud(?:y|ies))"
        r"|investigational"
        r"|clinical trials?|临床试验|临床研究",
        "other clinical trial",
    ),
    (r"corticosteroid|steroid|prednis\w*|glucocorticoid|激素", "systemic corticosteroids"),
    (r"antibiotic\w*|macrolide\w*|azithromycin|抗生素|抗菌", "antibiotics"),
    (r"vaccin\w*|疫苗", "vaccination"),
    (r"blood donation|donated blood|blood loss|献血", "blood donation"),
    (r"pulmonary rehabilitation|rehabilitation|肺康复", "pulmonary rehabilitation"),
    (r"mechanical ventilation|ventilat\w*|机械通气", "mechanical ventilation"),
    (r"pulmonary embol\w*|deep vein thrombosis|肺栓塞", "pulmonary embolism"),
    (r"infection|感染", "infection"),
    (r"smok\w*|吸烟", "smoking"),
    (
        r"spirometr\w*|lung function|pulmonary function|function tests?|measurement|(?<![a-z])(?:hr)?ct(?![a-z])|scan"
        r"|x-ray|echocardiogra\w*|肺功能|检查|检测",
        None,
    ),
    (r"biologic\w*|monoclonal|生物制剂", "biologic therapy"),
    (r"drugs?|medications?|medicines?|treatment|therap\w*|药物|治疗|用药", "treatment"),
]
_EVENT_RES = [(re.compile(p), label) for p, label in EVENT_PATTERNS]
PEOPLE = re.compile(
    r"(?<![a-z])(?:adults?|males?|females?|men|women|patients?|subjects?|participants?|volunteers?"
    r"|individuals?|persons?|people|children|adolescents?)(?![a-z])|^\W*$"
)
NOT_AGE = re.compile(
    r"history|diagnos\w*|since|duration|smok\w*|ago|quit|stopped|treat\w*|therap\w*|disease|symptom\w*"
    r"|onset|exposure|experience|employ|within|prior|before|previous|last|past"
)
CHANGE_WORDS = (
    r"reversib\w*|(?:improve\w*|increase\w*|decrease\w*|change\w*|declin\w*|drop\w*)(?= (?:in|of|from|by) )"
    r"|response|variab\w*"
    r"|(?<![a-z])fall\w*|(?<![a-z])rise|reduction|relative|absolute|from baseline|post-challenge"
    r"|provocative|pc20|diurnal|改善率|改善|增加|下降|变异"
)
CHANGE_BEFORE = re.compile(CHANGE_WORDS)  # "Reversibility of ≥ 12%", "a decline in FVC of ≥ 10%"
# "≥ 12% increase", "≥ 12% (reversibility)"
CHANGE_AFTER = re.compile(r"\s*(?:\([^)]{0,20}\)\s*)?\(?\s*(?:in\s+\w+\s+)?(?:" + CHANGE_WORDS + ")")
TWELVE_MONTHS = {("12", "months"), ("1", "years"), ("52", "weeks"), ("365", "days")}
PER_YEAR = re.compile(r"per year|a year|/\s*year|annual|each year|every year|yearly|每年|一年|1年|12个月")
PERIOD = re.compile(
    rf"(?:past|last|previous|prior|preceding|within)\s+(?:the\s+)?(?:{ANY_NUM})[\s-]*{TIME_UNIT}"
    r"|(?:近|过去)\s*\d+\s*(?:个月|年)"
)

# Diagnoses: (code, pattern). Negated phrases are masked first; specific codes mask their text for later ones.
NEGATED_DIAGNOSIS = re.compile(
    r"non[- ]?(?:cystic fibrosis|cf|ipf|idiopathic|copd|asthma)\w*"
    r"|other than [^,;.]{0,60}|except(?:ing)? [^,;.]{0,60}|excluding [^,;.]{0,60}"
    r"|apart from [^,;.]{0,60}|besides [^,;.]{0,60}|非囊性纤维化|除外[^,;.]{0,30}"
)
DIAGNOSIS_PATTERNS: list[tuple[str, str]] = [
    ("ipf", r"idiopathic pulmonary fibrosis|(?<![a-z])ipf(?![a-z])|特发性肺纤维化|特发性肺间质纤维化"),
    ("cystic_fibrosis", r"cystic fibrosis|(?<![a-z])cf(?![a-z])|mucoviscidosis|囊性纤维化"),
    (
        "pulmonary_hypertension",
        r"pulmonary (?:arterial )?hypertension|hypertension, pulmonary"
        r"|(?<![a-z])pa?h(?![a-z])"
        r"|cteph|pulmonary arterial hypertension|肺动脉高压|肺高压|肺高血压",
    ),
    (
        "copd",
        r"(?<![a-z])copd|chronic obstructive (?:pulmonary|lung|airways?) disease"
        r"|pulmonary disease, chronic obstructive"
        r"|emphysema|chronic bronchitis|bronchitis, chronic|慢阻肺|慢性阻塞性肺疾病|慢性阻塞性肺病|慢性阻塞性肺部疾病|肺气肿"
        r"|慢性支气管炎",
    ),
    (
        "ild",
        r"interstitial lung diseases?|lung diseases?, interstitial|(?<![a-z])ild(?![a-z])|pulmonary fibrosis"
        r"|progressive fibrosing|fibrosing (?:lung|interstitial)|interstitial pneumonia|interstitial pneumonitis"
        r"|(?<![a-z])ppf(?![a-z])|间质性肺疾病|间质性肺病|肺间质纤维化|肺纤维化|间质性肺炎",
    ),
    ("asthma", r"asthma|哮喘"),
    ("bronchiectasis", r"bronchiectasis|支气管扩张"),
    ("sarcoidosis", r"sarcoidosis|结节病"),
    (
        "lung_cancer",
        r"lung (?:cancer|neoplasms?|carcinoma|adenocarcinoma|tumou?rs?)|carcinoma, non-small-cell lung"
        r"|non-small[- ]cell|small[- ]cell lung|(?<![a-z])n?sclc(?![a-z])|肺癌",
    ),
]
_DIAGNOSIS_RES = [(code, re.compile(p)) for code, p in DIAGNOSIS_PATTERNS]
RESPIRATORY_WORDS = re.compile(r"lung|pulmonary|respiratory|bronch|airway|pleura|pneumo|trache|alveol|肺|呼吸|支气管")
DIAGNOSIS_CUE = re.compile(r"diagnos\w*|confirmed|documented|established|history of|诊断|确诊|符合")
DIAGNOSIS_NEGATION = re.compile(r"(?<![a-z])(?:no|not|without|never|absence of|free of|rule[sd]? out|无|非)(?![a-z])")
PATIENTS_WITH = re.compile(
    r"^(?:(?:male|female|men|women)(?: (?:or|and) (?:male|female|men|women))?\s*,?\s*)?"
    r"(?:adult\s+)?(?:patients?|subjects?|participants?|individuals?|adults?|people|persons?|men"
    r"|women)\s+(?:aged [^,;]{0,30}\s+)?(?:with|who have|having|suffering from)\b"
)

AN_EVENT_NOT_A_DIAGNOSIS = re.compile(r"\s*(?:\)\s*)?(?:\w+\s+)?(?:exacerbation|attack|flare|急性加重|加重)")

NOT_ABOUT_SEX = re.compile(
    r"childbearing|child-bearing|contracept\w*|pregnan\w*|lactat\w*|breast|potential|if female"
    r"|sterili[sz]|menopaus(?!al women)|partner|育龄|避孕|妊娠"
)
SEX_FEMALE = re.compile(
    r"(?<![a-z])(?:women|females?|female patients)\s+only|only\s+(?:women|females?)"
    r"|^(?:postmenopausal\s+)?"
    r"(?:women|female (?:patients|subjects|participants))(?![a-z ]*(?:or|and) (?:men|males?))"
    r"|仅限女性|女性患者"
)
SEX_MALE = re.compile(
    r"(?<![a-z])(?:men|males?)\s+only|only\s+(?:men|males?)|^(?:men|male (?:patients|subjects"
    r"|participants))(?![a-z ]*(?:or|and) (?:women|females?))|仅限男性|男性患者"
)
BOTH_SEXES = re.compile(
    r"(?<![a-z])(?:male|men)(?![a-z])[^.;]{0,20}(?:female|women)|(?:female|women)[^.;]{0,20}"
    r"(?<![a-z])(?:male|men)(?![a-z])|男女|男性或女性|女性或男性|性别不限"
)

# Words that may stand between a variable and its number, or around disease names, without changing the item.
_CONNECTOR = re.compile(r"^(?:\s|and/or|and|or|/|,|、|或|和|及|与|\(|\)|[a-z]{2,5}\)|\(\w{2,6}\))*$")
_GAP_WORDS = {
    "than",
    "less",
    "greater",
    "more",
    "fewer",
    "higher",
    "lower",
    "at",
    "least",
    "most",
    "no",
    "not",
    "equal",
    "to",
    "up",
    "or",
    "and",
    "below",
    "above",
    "over",
    "under",
    "of",
    "predicted",
    "pred",
    "the",
    "value",
    "values",
    "is",
    "are",
    "be",
    "should",
    "must",
    "post",
    "pre",
    "bronchodilator",
    "between",
    "from",
    "a",
    "an",
    "minimum",
    "maximum",
    "normal",
    "percent",
    "times",
    "x",
    "uln",
    "m",
    "kg",
    "years",
    "old",
    "age",
    "inclusive",
    "exclusive",
    "including",
    "excluding",
    "but",
    "was",
    "were",
    "with",
    "by",
    "in",
    "on",
    "it",
    "its",
    "which",
    "that",
    "if",
    "either",
    "both",
    "any",
    "one",
}
_BOUND_FILLER = {
    "visit",
    "screening",
    "baseline",
    "rest",
    "day",
    "predicted",
    "normal",
    "value",
    "values",
    "pred",
    "post-bronchodilator",
    "pre-bronchodilator",
    "bronchodilator",
    "respectively",
    "inclusive",
    "meters",
    "metres",
    "years",
    "old",
    "of",
    "age",
}
_GAP_CJK = re.compile(
    r"^(?:占|预计值|预测值|百分比|的|为|在|之间|且|并且|或|和|及|大于|小于|等于|不|低于|高于|超过|成人|青少年|儿童"
    r"|患者|测定值|实测值|谷值|基线|筛选时|筛选期|男性|女性"
    r"|以上|以下|倍|正常值|上限)*$"
)
_LIST_GAP = re.compile(r",|(?<![a-z])(?:or|and)(?![a-z])(?! more| greater| fewer| less| above| over)|或|和")
_BOUNDARY = re.compile(r"[;；]|\.\s|。")
_LEADING_FILLER = re.compile(
    r"^(?:(?:patients?|subjects?|participants?|individuals?|who|with|have|has|had|having|been"
    r"|received|receiving|any|a|an|the|history|of|use|prior|previous|current|known|or"
    r"|and|by|confirmed|on|in|at|for|as|due|to|less|more|than|fewer|within|during|is|are"
    r"|was|were)\s+)+"
)
BARE_FILLER = re.compile(
    r"(?:(?<![a-z])(?:known|current|active|concomitant|a|an|history of|presence of"
    r"|diagnosed|confirmed"
    r"|clinical|established|documented|or|and|and/or|other|significant|primary)(?![a-z])"
    r"|[\s,;.:/()、，；。]"
    r"|合并|患有|有|或|及|和|者)*"
)


# ----------------------------------------------------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Clause:
    kind: str  # "inclusion" or "exclusion"
    text: str  # the clause's words with bullet/number markers and CommonMark escapes removed
    start: int  # original[start:end] is the clause's span
    end: int


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
        return data


def _json_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


# ----------------------------------------------------------------------------------------------------------------
# Clause splitting
# ----------------------------------------------------------------------------------------------------------------

_HEADING_EMPHASIS = re.compile(r"^[\s#*_>|•●▪◦■►➢◆【〖\[-]*")  # "## ", "**", "• ", "【" before a heading
_INCLUSION_HEADING = re.compile(
    r"^(?:(?:\d+|[ivx]+|[a-z])[.)]\s*)?(?:(?:key|main|major|general|principal|primary|additional|other|specific"
    r"|basic)\s+)?"
    r"(?:(?:inclusion|eligibility|entry|selection)\s+criteri(?:a|on)|criteria for (?:inclusion|eligibility|entry)"
    r"|inclusion(?=\s*[:：\-–]|\s*$))"
)
_EXCLUSION_HEADING = re.compile(
    r"^(?:(?:\d+|[ivx]+|[a-z])[.)]\s*)?(?:(?:key|main|major|general|principal|primary|additional|other|specific"
    r"|basic)\s+)?"
    r"(?:(?:exclusion|non[- ]?inclusion)\s+criteri(?:a|on)|criteria for (?:exclusion|non[- ]?inclusion)"
    r"|(?:exclusion|non[- ]?inclusion)(?=\s*[:：\-–]|\s*$))"
)
_SKIP_HEADING = re.compile(
    r"^(?:(?:withdrawal|discontinuation|dropout|drop-out|termination|removal)\s+criteri(?:a|on)"
    r"|criteria for (?:withdrawal|discontinuation|removal))"
)
_INCLUSION_SENTENCE = re.compile(
    r"^(?:(?:patients|subjects|participants|individuals|candidates|volunteers|children|adults)\s+(?:must|should"
    r"|need to|have to|will|are required to|can be included|may be included|are eligible)\s*(?:be\s+)?(?:meet"
    r"|fulfil?l|satisfy|have|include|eligible|enrolled|included)?[^.]{0,60}(?:following|if|criteria|when)\b"
    r"|the following\b[^.]{0,60}(?:inclu|eligible|enrol))"
)
_EXCLUSION_SENTENCE = re.compile(
    r"^(?:(?:patients|subjects|participants|individuals|candidates|volunteers|anyone"
    r"|those)\b[^.]{0,60}?\s+(?:will|shall"
    r"|may|must|should|are|is)\s+(?:not\s+be\s+(?:eligible|included|enrolled)|be\s+excluded|not\s+eligible|excluded"
    r"|ineligible)|(?:any|presence|one or more) of the following[^.]{0,40}(?:exclu|not eligible|ineligible)"
    r"|the following\b[^.]{0,60}(?:exclu|not eligible|ineligible|not be (?:included|enrolled)))"
)
_SENTENCE_HEADING_END = re.compile(r"(?<![a-z])(?:if|when|who|whom|apply|applies|they)\W*$")
_CN_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十\d]+\s*[、.．)）]\s*|[(（][一二三四五六七八九十\d]+[)）]\s*)?"
    r"(不纳入|不入选|纳入|入选|入组|参加|参与|排除|剔除|退出|中止|终止|脱落)(?:病例)?(?:标准|条件)"
)
_CN_KIND = {
    "纳入": "inclusion",
    "入选": "inclusion",
    "入组": "inclusion",
    "参加": "inclusion",
    "参与": "inclusion",
    "排除": "exclusion",
    "不纳入": "exclusion",
    "不入选": "exclusion",
}
# Recruitment pages: "招募对象：", "适合人群：", "不适合人群：", "以下人群不能参加：" (a short line ending in a colon or alone).
_CN_PAGE_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十\d]+\s*[、.．)）]\s*)?(?:(不适合人群|不适用人群|不能参加"
    r"|不可参加|不宜参加|排除人群"
    r"|(?:有)?(?:以下|下列)[^：:]{0,8}(?:不能|不可|不宜|不得)(?:参加|入组|入选|纳入))"
    r"|(招募对象|招募条件|招募要求|招募人群|参加条件|参与条件|适合人群|适用人群|入组要求"
    r"|受试者要求))"
)

_MARKER = re.compile(
    r"^\s*(?:[*•●▪◦○■□►➢➤✓✔·‣⁃◆◇+-](?=\s)\s*|[•●▪◦■►➢➤◆\uf0b7\uf0a7\uf0d8\uf076]\s*"
    r"|\d{1,2}(?:\.\d{1,2})+\.?\s+(?=[A-Z\u4e00-\u9fff])|\d{1,2}\s*[.)](?![\d])\s*|\d{1,2}\s*[、．]\s*"
    r"|[(（]\s*\d{1,2}\s*[)）]\s*|[①-⑳]\s*|[a-zA-Z]\s*[.)](?=\s)\s*|[(（][a-zA-Z][)）]\s*"
    r"|(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii|I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)\s*[.)](?=\s)\s*"
    r"|[(（](?:i|ii|iii|iv|v|vi|vii|viii|ix|x)[)）]\s*|[一二三四五六七八九十]{1,3}\s*[、.．]\s*)+"
)
_INLINE_BULLET = re.compile(r"(?<=\s)[*•●▪◦■►➢➤◆](?=\s)|[•●▪◆\uf0b7\uf0a7\uf0d8]")
_INLINE_NUMBER = re.compile(
    r"(?:(?<=\s)|(?<=^)|(?<=[.;:。；：,，]))(\d{1,2})"
    r"(?:[.)](?=\s)|[.．](?=[A-Za-z\u4e00-\u9fff\d])|、)|[(（](\d{1,2})[)）]"
)
_NUMBER_MARKER = re.compile(r"^\s*(\d{1,2})\s*(?:[.)、．](?!\d)|[.．](?=\d))")
_INLINE_DASH = re.compile(r"(?<=[^\d\s])\s+-\s+(?=[A-Z])")
_INLINE_CIRCLED = re.compile(r"[①-⑳]")
# A heading inside a line whose breaks were lost: it needs its colon ("… consent. Exclusion Criteria: * …") or
# capitals and a list marker after it ("… EXCLUSION CRITERIA 1. …"); "as defined in the inclusion criteria" is not one.
_INLINE_HEADING = re.compile(
    r"(?i:(?<!the)(?<!key)(?<!main)(?<!/)\s+"
    r"|(?<=[.;:。；]))(?=(?i:(?:key\s+|main\s+)?(?:inclusion|exclusion|non-inclusion)\s+criteria)\s*[:：])"
    r"|\s+(?=(?:Key |Main |KEY |MAIN )?(?:INCLUSION|EXCLUSION|Inclusion|Exclusion) (?:CRITERIA|Criteria)"
    r"\s*(?:[-–*•]|\d{1,2}[.)、]|\(\d))"
    r"|(?<=[\S])(?=(?:纳入|入选|排除|剔除)标准\s*[:：])"
)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>=~|&\"'$%^,:;/?@])")
_LOWER_START = re.compile(r"^[a-z(]")


def split_clauses(text: str) -> list[Clause]:
    """The clauses of an eligibility text, each in the list (inclusion/exclusion) its section heading puts it in."""
    try:
        if not isinstance(text, str) or not text.strip():
            return []
        return _split(text[:MAX_TEXT])
    except Exception:  # the contract: never raise
        return []


def _split(text: str) -> list[Clause]:
    clauses: list[list] = []  # [kind, start, end, indent, has_marker, line_no]
    kind: str | None = "inclusion"
    line_no = 0
    last_line_with_clause = -2
    last_number = 0
    seen_heading = False
    top_style = ""  # the marker style of the first numbered list ("1、", "1.", "(1)")
    top_indent = 10_000
    highest = 0
    for line_start, line_end in _lines(text):
        line_no += 1
        line = text[line_start:line_end]
        if not line.strip():
            continue
        for index, (piece_start, piece_end) in enumerate(_pieces(text, line_start, line_end)):
            piece = text[piece_start:piece_end]
            heading_kind, body_offset = _heading(piece)
            if heading_kind is not None:
                seen_heading = True
                kind = None if heading_kind == "skip" else heading_kind
                if body_offset is None:
                    continue
                piece_start += body_offset
                piece = text[piece_start:piece_end]
            marker = _MARKER.match(piece)
            numbered = _NUMBER_MARKER.match(piece)
            if (
                numbered
                and piece[numbered.end() : numbered.end() + 1].isdigit()
                and last_number
                and (int(numbered.group(1)) == last_number + 1)
            ):
                marker = numbered  # "4.6分钟步行距离" after item 3 is item 4 on a 6-minute walk, not the number 4.6
            if numbered and marker and marker.end() >= numbered.end():
                last_number = int(numbered.group(1))
                style = re.sub(r"[\d\s]", "", numbered.group())
                here = len(piece) - len(piece.lstrip(" \t"))
                if not seen_heading and index == 0 and kind == "inclusion" and here <= top_indent:
                    # No headings: a second numbered list at the first one's depth (restarting, or in another
                    # style) is the exclusion list
                    restarts = last_number < highest or style != top_style
                    if top_style and highest >= 2 and last_number <= 2 and restarts:
                        kind = "exclusion"
                        seen_heading = True
                    if not top_style:
                        top_style, top_indent = style, here
                    highest = max(highest, last_number)
            has_marker = bool(marker and marker.group().strip())
            body_start = piece_start + (marker.end() if marker else 0)
            body_start += len(text[body_start:piece_end]) - len(text[body_start:piece_end].lstrip())
            body_end = piece_start + len(piece.rstrip())
            if body_end <= body_start:
                continue
            indent = len(piece) - len(piece.lstrip(" \t")) if index == 0 else 0
            follows = bool(clauses) and last_line_with_clause == line_no - 1 and clauses[-1][0] == kind
            if (
                index == 0
                and not has_marker
                and heading_kind is None
                and follows
                and _continues(text, clauses[-1], indent, body_start)
            ):
                clauses[-1][2] = body_end
                last_line_with_clause = line_no
                continue
            if kind is None:
                continue
            clauses.append([kind, body_start, body_end, indent, has_marker, line_no])
            last_line_with_clause = line_no
    return [
        Clause(kind=c[0], text=_clean(text[c[1] : c[2]]), start=c[1], end=c[2])
        for c in clauses
        if _clean(text[c[1] : c[2]])
    ]


def _lines(text: str):
    """(start, end) of each line; text pasted from a JSON dump with literal "\\n" and no real breaks splits there."""
    breaks = r"\r\n|\r|\n" if "\n" in text or "\\n" not in text else r"\\n"
    start = 0
    for match in re.finditer(breaks, text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _continues(text: str, previous: list, indent: int, body_start: int) -> bool:
    """A line without a marker right under a clause line carries on that clause when it is indented or lower case."""
    if previous[4] and indent > previous[3]:
        return True
    return bool(_LOWER_START.match(text[body_start : body_start + 1]))


def _pieces(text: str, line_start: int, line_end: int) -> list[tuple[int, int]]:
    """Cut one line where its lost line breaks were: inline bullets, numbered items in sequence, headings."""
    line = text[line_start:line_end]
    cuts: set[int] = set()
    for match in _INLINE_BULLET.finditer(line):
        if line[: match.start()].strip():
            cuts.add(match.start())
    for match in _INLINE_CIRCLED.finditer(line):
        if line[: match.start()].strip():
            cuts.add(match.start())
    dashes = list(_INLINE_DASH.finditer(line))
    if len(dashes) >= 2:
        cuts.update(m.start() + len(m.group()) - len(m.group().lstrip()) for m in dashes)
    for match in _INLINE_HEADING.finditer(line):
        cuts.add(match.end())
    for position in _numbered_sequence(line):
        cuts.add(position)
    bounds = [0] + sorted(c for c in cuts if 0 < c < len(line)) + [len(line)]
    return [(line_start + a, line_start + b) for a, b in zip(bounds, bounds[1:]) if line[a:b].strip()]


def _numbered_sequence(line: str) -> list[int]:
    """Where "1. … 2. … 3." items start in one line: numbers in the same style counting up by one (or restarting
    at 1 after a heading); a lone "(Group 1)" or a decimal "1.5" is not an item."""
    styles: dict[str, list[tuple[int, int]]] = {}
    for match in _INLINE_NUMBER.finditer(line):
        style = match.group()[-1] if match.group(1) else "()"
        if style in ".．":  # "1. a 2. b" and "1.a；2.b" are two styles; "1.5" can only be the second
            style += " " if line[match.end() : match.end() + 1].isspace() else "x"
        if style == ")" and line[: match.start()].count("(") > line[: match.start()].count(")"):
            continue
        styles.setdefault(style, []).append((match.start(), int(match.group(1) or match.group(2))))
    positions: list[int] = []
    for candidates in styles.values():
        run: list[tuple[int, int]] = []
        for index, (position, number) in enumerate(candidates + [(-1, -1)]):
            if run and number == run[-1][1] + 1:
                run.append((position, number))
                continue
            later = [m for _p, m in candidates[index + 1 :]]
            restart = (
                number in (1, 2)
                and (not run or number + 1 in later[:3])
                and (not run or run[-1][1] + 1 not in later[:1])
            )
            if number != -1 and run and not restart:
                continue  # "visit 1." inside item 2: not an item number, the list goes on
            if len(run) >= 2 or (run and not line[: run[0][0]].strip()):
                positions.extend(p for p, _n in run if line[:p].strip())
            run = [(position, number)] if number in (1, 2) or not line[:position].strip() else []
    return positions


def _heading(piece: str) -> tuple[str | None, int | None]:
    """(section kind or "skip", offset of text after the heading on the same piece, or None) or (None, None)."""
    lead = _HEADING_EMPHASIS.match(piece).end()
    rest = unicodedata.normalize("NFKC", piece[lead:]).lower()
    if len(rest) != len(piece) - lead:  # NFKC changed length: map through the plain lower-cased text instead
        rest = piece[lead:].lower()
    headings = ((_SKIP_HEADING, "skip"), (_EXCLUSION_HEADING, "exclusion"), (_INCLUSION_HEADING, "inclusion"))
    bulleted = bool(re.search(r"[*•●▪◦■►➢◆-]", piece[:lead]))
    for pattern, kind in headings:
        match = pattern.match(rest)
        if match:
            tail = rest[match.end() :].strip()
            if bulleted and tail and tail[0] not in ":：-–—(":
                return None, None  # "* Exclusion criteria of the parent study apply" is a clause
            return kind, _after_heading(piece, lead + match.end())
    match = _CN_HEADING.match(rest)
    if match:
        kind = _CN_KIND.get(match.group(1), "skip")
        return kind, _after_heading(piece, lead + match.end())
    match = _CN_PAGE_HEADING.match(rest)
    if match and len(rest.strip()) <= 20:
        return ("exclusion" if match.group(1) else "inclusion"), _after_heading(piece, lead + match.end())
    stripped = rest.strip()
    if len(stripped) > 200:
        return None, None
    kind = (
        "exclusion"
        if _EXCLUSION_SENTENCE.match(stripped)
        else "inclusion"
        if _INCLUSION_SENTENCE.match(stripped)
        else None
    )
    if kind == "inclusion" and re.search(r"(?<![a-z])(?:not|no|none|neither)(?![a-z])", stripped):
        kind = "exclusion"  # "Patients must not have any of the following:"
    if kind and (stripped.endswith((":", "：")) or "following" in stripped or _SENTENCE_HEADING_END.search(stripped)):
        return kind, None  # "Subjects will be excluded if": a heading; a sentence that goes on is a clause
    return None, None


def _after_heading(piece: str, offset: int) -> int | None:
    tail = piece[offset:]
    colon = re.match(r"[^:：\n]{0,60}?[:：]", tail)  # "Inclusion criteria (Part A):"
    dash = re.match(r"\s*[-–—]+(?:\s|$)", tail)  # "Inclusion criteria - "
    if colon and len(colon.group().split()) <= 6:
        offset += colon.end()
    elif dash:
        offset += dash.end()
    remainder = piece[offset:]
    remainder = remainder.lstrip(" \t*_#|)）").rstrip()
    if not remainder or not re.search(r"[^\W_]", remainder):
        return None
    return len(piece) - len(piece[offset:].lstrip(" \t*_#|)）"))


def _clean(text: str) -> str:
    text = _ESCAPE.sub(r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def _parent_text(clause: Clause, original: str) -> str:
    """The nearest line above a nested clause that is indented less and ends with a colon: its context."""
    line_start = original.rfind("\n", 0, clause.start) + 1
    own_line = original[line_start : clause.start]
    indent = len(own_line) - len(own_line.lstrip(" \t"))
    if indent == 0:
        return ""
    position = line_start - 1
    for _ in range(40):
        if position <= 0:
            return ""
        previous_start = original.rfind("\n", 0, position) + 1
        previous = original[previous_start:position]
        previous_indent = len(previous) - len(previous.lstrip(" \t"))
        if previous.strip() and previous_indent < indent:
            return previous.strip() if previous.rstrip().endswith((":", "：")) else ""
        position = previous_start - 1
    return ""


# ----------------------------------------------------------------------------------------------------------------
# Normalised clause text, with a map back to the original
# ----------------------------------------------------------------------------------------------------------------


def _normalise(original: str, start: int, end: int) -> tuple[str, list[int]]:
    segment = original[start:end]
    if "&" not in segment and "\\" not in segment:
        # No entity and no escape: every character stands for itself; when each maps to exactly one character
        # (nearly always), the map back to the original is the positions in order.
        pieces = [_MAPPED.get(char) or _map_char(char) for char in segment]
        if "" not in pieces:
            text = "".join(pieces)
            if len(text) == len(segment):
                return text, list(range(start, end))
    out: list[str] = []
    where: list[int] = []
    i = start
    while i < end:
        char = original[i]
        if char == "&":
            entity = _HTML_ENTITY.match(original, i, end)
            if entity:
                out.append(HTML_ENTITIES[entity.group().lower()])
                where.append(i)
                i = entity.end()
                continue
        if char == "\\" and i + 1 < end and original[i + 1] in ESCAPABLE:
            i += 1
            char = original[i]
        for piece in _MAPPED.get(char) or _map_char(char):
            out.append(piece)
            where.append(i)
        i += 1
    return "".join(out), where


_MAPPED: dict[str, str] = {}  # a character -> what it reads as, lower case (filled as characters are met)


def _map_char(char: str) -> str:
    mapped = CHAR_MAP.get(char)
    if mapped is None:
        mapped = unicodedata.normalize("NFKC", char)
        mapped = CHAR_MAP.get(mapped, mapped)
    _MAPPED[char] = mapped = mapped.lower()
    return mapped


class _Span:
    """Turns spans of the normalised text back into exact quotes of the original."""

    def __init__(self, original: str, where: list[int], normalised: str):
        self.original = original
        self.where = where
        self.n = normalised

    def quote(self, a: int, b: int) -> str:
        """The original text behind n[a:b], widened to whole words ("admission" -> "admissions")."""
        if not self.where:
            return ""
        a = max(0, min(a, len(self.where) - 1))
        b = max(a + 1, min(b, len(self.where)))

        def letter(i: int) -> bool:
            return self.n[i].isascii() and self.n[i].isalpha()

        while a > 0 and letter(a - 1) and letter(a):
            a -= 1
        while b < len(self.n) and letter(b) and letter(b - 1):
            b += 1
        return self.original[self.where[a] : self.where[b - 1] + 1].strip()


# ----------------------------------------------------------------------------------------------------------------
# Comparisons
# ----------------------------------------------------------------------------------------------------------------


@dataclass
class _Comparison:
    start: int
    end: int
    lower: Decimal | None = None
    lower_inclusive: bool | None = None
    upper: Decimal | None = None
    upper_inclusive: bool | None = None
    unit: str = ""
    raw_unit: str = ""
    shape: str = "operator"  # operator | range | postfix | reverse
    hint: str = ""  # a variable the wording itself implies ("older than" -> age)
    number_start: int = 0


def _to_decimal(token: str) -> Decimal | None:
    token = token.strip().lower()
    if token in NUMBER_WORDS:
        return Decimal(NUMBER_WORDS[token])
    if token in CN_DIGITS:
        return Decimal(str(CN_DIGITS[token]))
    try:
        return Decimal(token.replace(",", "."))
    except (InvalidOperation, ValueError):
        return None


def _unit_at(n: str, position: int) -> tuple[str, str, int]:
    """(normalised unit, raw unit text, end) for the unit right after a number, or ("", "", position)."""
    for pattern, unit in _UNIT_RES:
        match = pattern.match(n, position)
        if match and match.end() > position:
            return unit, match.group().strip(), match.end()
    return "", "", position


_NUMBER_RE = re.compile(ANY_NUM)


def _find_comparisons(n: str) -> list[_Comparison]:
    comparisons: list[_Comparison] = []
    taken_until = -1
    for match in _NUMBER_RE.finditer(n):
        if match.start() < taken_until:
            continue
        found = _range_at(n, match) or _operator_at(n, match) or _postfix_at(n, match) or _reverse_at(n, match)
        if found:
            comparisons.append(found)
            taken_until = found.end
    return comparisons


def _range_at(n: str, match: re.Match) -> _Comparison | None:
    first = _to_decimal(match.group())
    unit1, raw1, after1 = _unit_at(n, match.end())
    before = n[max(0, match.start() - 40) : match.start()]
    between = re.search(r"(between|from)\s+(?:[a-z]+\s+){0,4}$", before)
    join = re.compile(RANGE_JOIN + r"|\s*and\s*" if between and between.group(1) == "between" else RANGE_JOIN)
    joined = join.match(n, after1)
    if not joined:
        return None
    operator_before = _PREFIX_ANY.search(n[max(0, match.start() - 30) : match.start()])
    lower_operator = re.search(r"(≥|>=|>)\s*$", n[max(0, match.start() - 4) : match.start()])
    if operator_before and not between and not (lower_operator and joined.group().strip() == "-"):
        return None  # "> 30 to 80" is not a range: the operator owns the first number
    upper_operator = re.compile(r"(<=|=<|≤|<)\s*").match(n, joined.end())
    second_match = _NUMBER_RE.match(n, upper_operator.end() if upper_operator else joined.end())
    if not second_match:
        return None
    second = _to_decimal(second_match.group())
    unit2, raw2, after2 = _unit_at(n, second_match.end())
    if first is None or second is None or first > second:
        return None
    if unit1 and unit2 and unit1 != unit2 and not (unit1 == "%" and unit2 == "% predicted"):
        return None
    # Plain "X to Y", "X-Y" and "between X and Y" count both ends (the usual reading of registry text), unless the
    # text says "(excluding ...)" or writes "18 to < 65".
    lower_inclusive = upper_inclusive = True
    tail = n[after2 : after2 + 40]
    if EXCLUSIVE_AFTER.match(tail):
        lower_inclusive = upper_inclusive = False
    if upper_operator:
        upper_inclusive = upper_operator.group(1) != "<"
    if lower_operator and not between:  # "≥3 - 18 years"
        lower_inclusive = lower_operator.group(1) != ">"
    start = between.start() + max(0, match.start() - 40) if between else match.start()
    if lower_operator and not between:
        start = max(0, match.start() - 4) + lower_operator.start()
    end = after2
    qualifier = re.match(r"\s*[(（\[][^)）\]]{0,60}[)）\]]", n[after2:])
    if qualifier and (INCLUSIVE_AFTER.match(qualifier.group()) or EXCLUSIVE_AFTER.match(qualifier.group())):
        end = after2 + qualifier.end()
    else:
        bare = re.match(r"\s*,?\s*(?:inclusive|exclusive|inclusively)", n[after2:])
        if bare:
            end = after2 + bare.end()
    return _Comparison(
        start,
        end,
        first,
        lower_inclusive,
        second,
        upper_inclusive,
        unit2 or unit1,
        raw2 or raw1,
        "range",
        number_start=match.start(),
    )


def _operator_at(n: str, match: re.Match) -> _Comparison | None:
    window = n[max(0, match.start() - 45) : match.start()]
    for pattern, bound, inclusive in _PREFIX_RES:
        found = pattern.search(window)
        if not found:
            continue
        value = _to_decimal(match.group())
        unit, raw, end = _unit_at(n, match.end())
        start = max(0, match.start() - 45) + found.start()
        hint = "age" if re.search(r"older|younger|(?<![a-z])age(?![a-z])", found.group()) else ""
        comparison = _Comparison(start, end, unit=unit, raw_unit=raw, hint=hint, number_start=match.start())
        post = _postfix_match(n, end)
        if post:  # "at least 3 or more": the postfix repeats the bound
            comparison.end = post[2]
        if bound == "lower":
            comparison.lower, comparison.lower_inclusive = value, inclusive
        else:
            comparison.upper, comparison.upper_inclusive = value, inclusive
        return comparison if value is not None else None
    return None


def _postfix_match(n: str, position: int) -> tuple[str, bool, int, str] | None:
    for pattern, bound, inclusive in _POSTFIX_RES:
        found = pattern.match(n, position)
        if found:
            return bound, inclusive, found.end(), found.group()
    return None


def _postfix_at(n: str, match: re.Match) -> _Comparison | None:
    value = _to_decimal(match.group())
    unit, raw, end = _unit_at(n, match.end())
    post = _postfix_match(n, end)
    if (
        not post
        and unit == "pack-years"
        and value is not None
        and not re.match(r"\s*=", n[end:])
        and not n[: match.start()].rstrip().endswith(("(", "（"))
    ):  # "a 10 pack-year history": at least 10
        return _Comparison(
            match.start(),
            end,
            lower=value,
            lower_inclusive=True,
            unit=unit,
            raw_unit=raw,
            shape="bare",
            number_start=match.start(),
        )
    age_words = re.compile(r"\s*(?:of age|old)").match(n, end) if unit == "years" else None
    if not post and age_words:  # "18 years of age or older"
        post = _postfix_match(n, age_words.end())
    if not post or value is None:
        return None
    bound, inclusive, post_end, words = post
    if words.strip() == "+" and unit not in ("years", ""):
        return None
    unit_after, raw_after, end_after = ("", "", post_end)
    if not unit:
        unit_after, raw_after, end_after = _unit_at(n, post_end)
    hint = "age" if re.search(r"older|younger", words) or age_words else ""
    comparison = _Comparison(
        match.start(),
        end_after,
        unit=unit or unit_after,
        raw_unit=raw or raw_after,
        shape="postfix",
        hint=hint,
        number_start=match.start(),
    )
    if bound == "lower":
        comparison.lower, comparison.lower_inclusive = value, inclusive
    else:
        comparison.upper, comparison.upper_inclusive = value, inclusive
    return comparison


def _reverse_at(n: str, match: re.Match) -> _Comparison | None:
    """ "30% ≤ FEV1": a number, then an operator, then the variable; the bound reads the other way round."""
    value = _to_decimal(match.group())
    unit, raw, end = _unit_at(n, match.end())
    found = re.compile(r"\s*(<=|=<|≤|<|>=|=>|≥|>)\s*").match(n, end)
    if not found or value is None:
        return None
    following = n[found.end() : found.end() + 40]
    if not any(pattern.match(following) for _v, pattern in _VARIABLE_RES):
        return None
    symbol = found.group().strip()
    comparison = _Comparison(
        match.start(), found.end(), unit=unit, raw_unit=raw, shape="reverse", number_start=match.start()
    )
    if symbol in ("<=", "=<", "≤", "<"):
        comparison.lower, comparison.lower_inclusive = value, symbol != "<"
    else:
        comparison.upper, comparison.upper_inclusive = value, symbol != ">"
    return comparison


# ----------------------------------------------------------------------------------------------------------------
# Variables, and giving each comparison to one
# ----------------------------------------------------------------------------------------------------------------


def _find_mentions(n: str) -> list[tuple[int, int, str]]:
    taken = [False] * (len(n) + 1)
    mentions = []
    for variable, pattern in _VARIABLE_RES:
        for match in pattern.finditer(n):
            if match.end() <= match.start() or any(taken[match.start() : match.end()]):
                continue
            for i in range(match.start(), match.end()):
                taken[i] = True
            mentions.append((match.start(), match.end(), variable))
    return sorted(mentions)


def _another_item(gap: str) -> bool:
    """After a list break (",", "or", "and", "或", "，") a new noun starts another item: "FEV1 < 30%, or HbA1c > 9%"
    does not give 9% to FEV1; a second bound ("≥ 150 m and < 600 m") is not a new item."""
    parts = re.split(r",|;|(?<![a-z])(?:or|and)(?![a-z])|或|，|、", gap)
    if len(parts) < 2:
        return False
    tail = parts[-1]
    words = re.findall(r"[a-z][a-z0-9-]+", tail)
    if any(w not in _GAP_WORDS and not w.startswith(("bronchodilat", "screen", "predict")) for w in words):
        return True
    cjk = "".join(re.findall(r"[\u4e00-\u9fff]+", tail))
    return bool(cjk) and not _GAP_CJK.match(cjk)


UNITS_FITTING = {
    "age": {"years", ""},
    "sixmwd_m": {"m", ""},
    "fev1_pct_pred": {"%", "% predicted", ""},
    "fvc_pct_pred": {"%", "% predicted", ""},
    "dlco_pct_pred": {"%", "% predicted", ""},
    "tlc_pct_pred": {"%", "% predicted", ""},
    "fev1_fvc_ratio": {"%", "% predicted", ""},
    "spo2_pct": {"%", ""},
    "bmi": {"kg/m2", ""},
    "pack_years": {"pack-years", "years", ""},
    "oxygen_hours_per_day": {"h/day", "h", "%", "L"},
    "respiratory_hospitalisations_12m": {"count", ""},
    "exacerbations_12m": {"count", ""},
    "egfr": {"mL/min/1.73m2", ""},
}


def _unit_fits(variable: str, unit: str) -> bool:
    """Whether a number in this unit can bound the variable at all ("18 years" cannot bound hospitalisations)."""
    if variable in LAB_VARIABLES:
        return unit == "x ULN"
    return unit in UNITS_FITTING.get(variable, {unit})


def _only_filler_since_last_bound(n: str, mention, comparison: _Comparison, comparisons) -> bool:
    earlier = [c for c in comparisons if c.start >= mention[1] and c.end <= comparison.start]
    if not earlier:
        return True
    words = re.findall(r"[a-z][a-z0-9-]*", n[earlier[-1].end : comparison.start])
    return all(w in _GAP_WORDS or w in _BOUND_FILLER for w in words)


def _list_gap(gap: str) -> bool:
    """Words between a number and a later variable that make it another item ("< 45 kg or BMI"), unless the
    item is another bound on the same noun ("≥2 moderate or ≥1 severe exacerbations")."""
    found = _LIST_GAP.search(gap)
    return bool(found) and not re.search(r"\d|" + NUM_WORD, gap[found.end() :])


def _variables_for(
    n: str, comparison: _Comparison, mentions: list[tuple[int, int, str]], comparisons: list[_Comparison] = ()
) -> list[tuple[int, int, str]]:
    """The mention(s) a comparison bounds: the nearest one before it, with any joined to it by "and"/"or"/"/".
    A mention that already has a bound keeps this one too only if nothing but filler stands between the two bounds
    ("≥ 150 m and < 600 m", not "≥ 50% predicted with CAT score ≥ 10")."""
    if comparison.shape == "reverse":  # "30% ≤ FEV1": the variable after the operator
        following = [m for m in mentions if 0 <= m[0] - comparison.end <= 6]
        return following[:1]
    before = [
        m
        for m in mentions
        if m[1] <= comparison.number_start
        and comparison.number_start - m[1] <= 90
        and not _BOUNDARY.search(n[m[1] : comparison.start])
    ]
    if comparison.unit == "x ULN":
        before = [m for m in before if m[2] in LAB_VARIABLES]
    nearest = [
        i
        for i, m in enumerate(before)
        if not _another_item(n[m[1] : comparison.start])
        and _only_filler_since_last_bound(n, m, comparison, comparisons)
    ]
    if nearest:
        chosen = [before[nearest[-1]]]
        for mention in reversed(before[: nearest[-1]]):
            gap = n[mention[1] : chosen[-1][0]]
            if not gap or not _CONNECTOR.match(gap):
                break  # "急性加重住院": one noun phrase, the last word names it
            if mention[2] == chosen[-1][2]:
                chosen[-1] = mention  # the full name before its abbreviation
            elif all(mention[2] != c[2] for c in chosen):
                chosen.append(mention)
        if any(_unit_fits(m[2], comparison.unit) for m in chosen) or not comparison.unit:
            return list(reversed(chosen))
    after = [
        m
        for m in mentions
        if m[0] >= comparison.end
        and m[0] - comparison.end <= 30
        and not _BOUNDARY.search(n[comparison.end : m[0]])
        and not _list_gap(n[comparison.end : m[0]])
        and "(" not in n[comparison.end : m[0]]
    ]
    return after[:1]


# ----------------------------------------------------------------------------------------------------------------
# Proposals
# ----------------------------------------------------------------------------------------------------------------


def propose(clause: Clause, original: str) -> list[Proposal]:
    """Proposals for one clause; each quote is a substring of ``original`` inside the clause's span."""
    try:
        if not isinstance(original, str) or not isinstance(clause, Clause):
            return []
        start, end = max(0, clause.start), min(len(original), clause.end)
        if end <= start:
            return []
        proposals: list[Proposal] = []
        for chunk_start, chunk_end in _chunks(original, start, end):
            proposals.extend(_propose(clause, original, chunk_start, chunk_end))
        return proposals
    except Exception:  # the contract: never raise
        return []


def _chunks(original: str, start: int, end: int) -> list[tuple[int, int]]:
    """A clause longer than MAX_CLAUSE (text whose breaks were all lost) is read a few sentences at a time, so the
    work stays linear in the text's length."""
    if end - start <= MAX_CLAUSE:
        return [(start, end)]
    chunks = []
    chunk_start = start
    for match in re.finditer(r"[.;。；](?=\s|$)|\n", original[start:end]):
        cut = start + match.end()
        if cut - chunk_start >= MAX_CLAUSE // 2:
            chunks.append((chunk_start, cut))
            chunk_start = cut
    chunks.append((chunk_start, end))
    bounded = []
    for a, b in chunks:  # a sentence that is itself too long is cut at spaces
        while b - a > MAX_CLAUSE:
            cut = original.rfind(" ", a + MAX_CLAUSE // 2, a + MAX_CLAUSE)
            cut = cut if cut > a else a + MAX_CLAUSE
            bounded.append((a, cut))
            a = cut
        bounded.append((a, b))
    return bounded


def _propose(clause: Clause, original: str, start: int, end: int) -> list[Proposal]:
    n, where = _normalise(original, start, end)
    span = _Span(original, where, n)
    kind = clause.kind if clause.kind in ("inclusion", "exclusion") else "inclusion"
    mentions = _find_mentions(n)
    comparisons = _find_comparisons(n)
    windows = _find_windows(n)
    window_spans = [(w[0], w[1]) for w in windows]
    comparisons = [
        c
        for c in comparisons
        if not EXAMPLE_BEFORE.search(n[max(0, c.start - 25) : c.start])
        and not CONDITION_BEFORE.search(n[max(0, c.start - 25) : c.start])
    ]
    comparisons = [
        c
        for c in comparisons
        if not any(a <= c.number_start < b for a, b in window_spans)
        and not any(a <= c.number_start < b for a, b, _v in mentions)
    ]  # the 6 of "6MWD"
    parent_variable = ""
    if not mentions:
        parent = _parent_text(clause, original)
        if parent:
            parent_mentions = _find_mentions(_normalise(parent, 0, len(parent))[0])
            parent_variable = parent_mentions[-1][2] if parent_mentions else ""

    measured: list[tuple[str, _Comparison, int, int]] = []  # (variable, comparison, quote start, quote end)
    for comparison in comparisons:
        by_unit = _unit_variable(comparison)
        chosen = _variables_for(n, comparison, mentions, comparisons)
        if by_unit and ([m[2] for m in chosen] != [by_unit] or chosen[0][0] >= comparison.end):
            chosen = [(comparison.start, comparison.end, by_unit)]
        if not chosen:
            implied = _implied_variable(n, comparison, parent_variable)
            chosen = [(comparison.start, comparison.start, implied)] if implied else []
        for mention_start, mention_end, variable in chosen:
            mention_start = _full_name_start(n, mention_start, variable, mentions)
            variable = _refine_variable(n, variable, comparison)
            quote_span = (min(mention_start, comparison.start), max(mention_end, comparison.end))
            measured.append((variable, comparison, *quote_span))

    measured = _merge_bounds(n, _without_asides(n, measured))
    proposals: list[Proposal] = []
    measured_spans: list[tuple[int, int]] = []  # the bounds proposed, other than counts
    used_periods: set[int] = set()
    seen: set[tuple] = set()
    for variable, comparison, quote_start, quote_end in measured:
        if variable in COUNT_VARIABLES and windows:  # a count's period ("in the past 2 years") is not a window
            distances = [
                (min(abs(w[0] - comparison.end), abs(comparison.start - w[1])), i) for i, w in enumerate(windows)
            ]
            distance, nearest = min(distances)
            if distance <= 80:
                used_periods.add(nearest)
        checked = _check(n, variable, comparison, windows, used_periods)
        if checked is None:
            continue
        lower, upper, unit, confidence = checked
        if variable in COUNT_VARIABLES and any(p.variable == variable for p in proposals):
            continue  # "≥2 moderate or ≥1 severe exacerbations": the first count is the question's
        key = (variable, lower, comparison.lower_inclusive, upper, comparison.upper_inclusive)
        if key in seen:
            continue
        seen.add(key)
        if variable not in COUNT_VARIABLES:
            measured_spans.append((comparison.start, comparison.end))
        proposals.append(
            Proposal(
                kind=kind,
                variable=variable,
                lower=lower,
                lower_inclusive=comparison.lower_inclusive if lower is not None else None,
                upper=upper,
                upper_inclusive=comparison.upper_inclusive if upper is not None else None,
                unit=unit,
                quote=span.quote(quote_start, max(quote_end, comparison.end)),
                confidence=confidence,
            )
        )

    for index, window in enumerate(windows):
        if index in used_periods:
            continue
        previous_end = windows[index - 1][1] if index else 0
        proposal = _window_proposal(
            n, kind, window, span, _times_a_measurement(n, window, measured_spans), previous_end
        )
        if proposal:
            proposals.append(proposal)
    proposals.extend(_choice_proposals(n, kind, span))
    return proposals


def _full_name_start(n: str, start: int, variable: str, mentions) -> int:
    """For "alanine aminotransferase (ALT) ≤ 2 x ULN" the quote starts at the full name, not the abbreviation."""
    if start > 0 and n[:start].rstrip().endswith(("(", "（")):
        bracket = len(n[:start].rstrip()) - 1
        for a, b, other in mentions:
            if other == variable and b <= bracket and not n[b:bracket].strip():
                return a
    return start


def _unit_variable(comparison: _Comparison) -> str:
    """Units that name their variable whatever words come before: "10 pack-years", "18岁"."""
    if comparison.unit == "pack-years":
        return "pack_years"
    if comparison.raw_unit in ("岁", "周岁"):
        return "age"
    return ""


def _implied_variable(n: str, comparison: _Comparison, parent_variable: str) -> str:
    """The variable a comparison with no variable named near it is about, from its words, its unit or the parent
    line of a nested clause; "" when there is none."""
    if comparison.hint:
        return comparison.hint
    if (
        comparison.unit == "years"
        and PEOPLE.search(n[max(0, comparison.start - 40) : comparison.start])
        and not (NOT_AGE.search(n) or re.search(r"for\s*$", n[: comparison.start]))
    ):
        return "age"  # "Adults (≥ 18 years)": a person's years with no other meaning in the clause
    if comparison.unit == "kg/m2":
        return "bmi"
    if comparison.unit == "mL/min/1.73m2" and "1.73" in comparison.raw_unit:
        return "egfr"
    return parent_variable


def _refine_variable(n: str, variable: str, comparison: _Comparison) -> str:
    """Counts of exacerbations that needed a hospital stay are hospitalisations; an oxygen percentage is SpO2."""
    if variable == "exacerbations_12m" and re.search(r"hospitali[sz]|admission|admitted|住院", n):
        several_counts = len(re.findall(rf"(?:≥|>=|>|at least|{NUM}\s*or more)", n)) > 1
        if not several_counts and re.search(
            r"(?:and|that|which|who)?\s*(?:required|requiring|leading to|resulting in"
            r"|needed|needing|with)\s+(?:(?!or\b)\w+\s+){0,2}"
            r"(?:hospitali[sz]|admission)",
            n,
        ):
            return "respiratory_hospitalisations_12m"
    if variable == "oxygen_hours_per_day" and comparison.unit not in ("h/day", "h"):
        return "spo2_pct" if comparison.unit == "%" and re.search(r"saturation|spo2", n) else variable
    return variable


def _without_asides(n: str, measured: list) -> list:
    """An age in brackets beside another variable's bound is an aside: "eGFR ≤ 50 (by CKD-EPI for ages ≥ 18)" is
    not an age limit. Conditions such as "for ages 12 to 17" are asides too."""
    depth = _bracket_depths(n, 0, len(n))
    outside = {variable for variable, c, _a, _b in measured if depth[c.number_start] == 0}
    kept = []
    for item in measured:
        variable, comparison, quote_start, _quote_end = item
        if variable == "age" and depth[comparison.number_start] > 0 and outside - {"age"}:
            continue
        if variable == "age" and re.search(r"(?<![a-z])for (?:\w+ ){0,2}$", n[max(0, quote_start - 30) : quote_start]):
            continue
        kept.append(item)
    return kept


def _merge_bounds(n: str, measured: list) -> list:
    """Two bounds on one variable in a row (">= 30% and < 80% predicted") become one comparison with both."""
    merged: list = []
    for item in measured:
        variable, comparison, _quote_start, quote_end = item
        if merged:
            last_variable, last, last_start, last_end = merged[-1]
            gap = _VARIABLE_BY_NAME[variable].sub("", n[last.end : comparison.start])  # "≥ 30% and FEV1 < 80%"
            one_sided = (last.lower is None) != (last.upper is None) and (comparison.lower is None) != (
                comparison.upper is None
            )
            opposite = one_sided and (last.lower is None) != (comparison.lower is None)
            joined = re.fullmatch(r"\s*(?:,|and|but|to|-|&|且|并且|,\s*and)?\s*(?:(?:the\s+)?(?:value\s+)?)?", gap)
            joined = joined or (last.shape == "reverse" and not _BOUNDARY.search(gap)) or _filler_and(gap)
            if last_variable == variable and opposite and joined and _same_unit(last.unit, comparison.unit):
                both = _Comparison(
                    last.start,
                    comparison.end,
                    unit=_wider_unit(last.unit, comparison.unit),
                    raw_unit=comparison.raw_unit or last.raw_unit,
                    shape="range",
                    number_start=last.number_start,
                )
                for part in (last, comparison):
                    if part.lower is not None:
                        both.lower, both.lower_inclusive = part.lower, part.lower_inclusive
                    if part.upper is not None:
                        both.upper, both.upper_inclusive = part.upper, part.upper_inclusive
                if both.lower <= both.upper:
                    merged[-1] = (variable, both, last_start, max(last_end, quote_end))
                    continue
        merged.append(item)
    return merged


def _filler_and(gap: str) -> bool:
    """ "≤ 80% predicted at Visit 1 and ≥ 40%": the words between two bounds are only "and" and filler."""
    if len(gap) > 50 or _BOUNDARY.search(gap) or not re.search(r"(?<![a-z])(?:and|but)(?![a-z])|,|且|并且", gap):
        return False
    words = re.findall(r"[a-z][a-z0-9-]*", gap)
    return all(w in _GAP_WORDS or w in _BOUND_FILLER for w in words)


def _wider_unit(first: str, second: str) -> str:
    return "% predicted" if "% predicted" in (first, second) else (second or first)


def _same_unit(first: str, second: str) -> bool:
    return not first or not second or first == second or {first, second} == {"%", "% predicted"}


def _in_range(value: Decimal | None, low: float, high: float) -> bool:
    return value is None or Decimal(str(low)) <= value <= Decimal(str(high))


def _check(n: str, variable: str, c: _Comparison, windows: list, used_periods: set[int]):
    """(lower, upper, unit, confidence) when the comparison is a believable bound on the variable, else None."""
    unit, lower, upper = c.unit, c.lower, c.upper
    after = n[c.end : c.end + 50]
    near = n[max(0, c.start - 60) : c.end + 50]
    clean = 0.9 if c.shape in ("operator", "range", "reverse", "postfix") else 0.7
    if variable in PCT_PRED_VARIABLES | {"fev1_fvc_ratio"}:
        if CHANGE_BEFORE.search(n[max(0, c.start - 50) : c.start]) or CHANGE_AFTER.match(n, c.end):
            return None
    if variable in PCT_PRED_VARIABLES:
        if unit in ("% predicted", "%"):
            pass
        elif unit == "" and re.search(r"predicted|% ?pred|预计", near):
            clean = 0.85 if re.search(r"pp(?:fev1|fvc)|percent predicted|% ?pred", near) else 0.7
        else:
            return None
        if unit == "%" and not re.search(r"predict|pred|预计|normal|expected|estimated", near):
            clean = min(clean, 0.8)
        if not (_in_range(lower, 1, 200) and _in_range(upper, 1, 200)):
            return None
        return lower, upper, "% predicted", clean
    if variable == "fev1_fvc_ratio":

        def as_ratio(value: Decimal | None) -> Decimal | None:
            if value is None:
                return None
            if unit in ("%", "% predicted") or value > 1:
                return (value / 100).quantize(Decimal("0.0001")).normalize()
            return value

        if unit not in ("", "%", "% predicted"):
            return None
        lower, upper = as_ratio(lower), as_ratio(upper)
        if not (_in_range(lower, 0.2, 1) and _in_range(upper, 0.2, 1)):
            return None
        return lower, upper, "ratio", clean if unit != "% predicted" else 0.6
    if variable == "spo2_pct":
        if unit not in ("%", "") or not (_in_range(lower, 50, 100) and _in_range(upper, 50, 100)):
            return None
        return lower, upper, "%", clean if unit else 0.7
    if variable == "sixmwd_m":
        if unit not in ("m", "") or not (_in_range(lower, 10, 1000) and _in_range(upper, 10, 1000)):
            return None
        return lower, upper, "m", clean if unit else 0.75
    if variable == "bmi":
        if unit not in ("kg/m2", "") or not (_in_range(lower, 10, 80) and _in_range(upper, 10, 80)):
            return None
        return lower, upper, "kg/m2", clean
    if variable == "pack_years":
        if unit not in ("pack-years", "", "years") or not (_in_range(lower, 0, 300) and _in_range(upper, 0, 300)):
            return None
        return lower, upper, "pack-years", clean
    if variable == "oxygen_hours_per_day":
        daily = unit == "h/day" or (unit == "h" and re.search(r"day|daily|/d|per 24|每天|每日|/天", near))
        if not daily or not (_in_range(lower, 0, 24) and _in_range(upper, 0, 24)):
            return None
        return lower, upper, "h/day", clean
    if variable in COUNT_VARIABLES:
        if unit not in ("", "count") or not (_in_range(lower, 0, 50) and _in_range(upper, 0, 50)):
            return None
        for value in (lower, upper):
            if value is not None and value != value.to_integral_value():
                return None
        period = _count_period(n, c, windows)
        if period is None:
            return None
        if period >= 0:
            used_periods.add(period)
        return lower, upper, "count", 0.85
    if variable in LAB_VARIABLES:
        if unit != "x ULN" or not (_in_range(lower, 0, 100) and _in_range(upper, 0, 100)):
            return None
        return lower, upper, "x ULN", clean
    if variable == "egfr":
        if unit == "mL/min/1.73m2":
            confidence = clean if re.search(r"e?gfr|glomerular|肾小球", near) else 0.6
        elif unit == "" and re.search(r"e?gfr|glomerular", near):
            confidence = 0.6
        else:
            return None
        if not (_in_range(lower, 5, 200) and _in_range(upper, 5, 200)):
            return None
        return lower, upper, "mL/min/1.73m2", confidence
    if variable == "age":
        if re.search(r"age (?:at|of) (?:the )?(?:onset|diagnosis|first|start)|onset|起病|发病", near):
            return None  # the age a disease began, not the person's age now
        if unit == "years" or (unit == "" and re.search(r"years|岁|old", after[:20])):
            pass
        elif unit == "" and c.shape in ("range", "operator", "postfix"):
            clean = 0.7
        else:
            return None
        if not (_in_range(lower, 0, 120) and _in_range(upper, 0, 120)):
            return None
        return lower, upper, "years", clean
    return None


def _count_period(n: str, c: _Comparison, windows: list) -> int | None:
    """Index of the window giving a count's 12 months (-1 when said another way), or None when not 12 months."""
    for index, (a, _b, value, unit, _ref) in enumerate(windows):
        if a >= c.start and (str(value.normalize()), unit) in TWELVE_MONTHS:
            return index
    for index, (_a, _b, value, unit, _ref) in enumerate(windows):
        if (str(value.normalize()), unit) in TWELVE_MONTHS:
            return index
    if windows:
        return None  # another period (2 years, 6 months): not the question's 12 months
    if PERIOD.search(n):
        return None
    if PER_YEAR.search(n):
        return -1
    return None


# ----------------------------------------------------------------------------------------------------------------
# Windows
# ----------------------------------------------------------------------------------------------------------------


def _find_windows(n: str) -> list[tuple[int, int, Decimal, str, str]]:
    """(start, end, amount, unit, reference) for each "within N weeks before screening" in the text."""
    found: list[tuple[int, int, Decimal, str, str]] = []
    for pattern in WINDOW_RES:
        for match in pattern.finditer(n):
            if any(a <= match.start() < b or match.start() <= a < match.end() for a, b, *_ in found):
                continue
            groups = [g for g in match.groups() if g]
            if len(groups) == 1:
                amount, unit_word = Decimal(1), groups[0]
            elif groups[0] == "半" and groups[1] == "年":
                amount, unit_word = Decimal(6), "个月"  # 半年: half a year, six months
            else:
                amount, unit_word = _to_decimal(groups[0]), groups[1]
            unit = WINDOW_UNITS.get(unit_word.rstrip("s") if unit_word.rstrip("s") in WINDOW_UNITS else unit_word)
            if amount is None or unit is None or amount <= 0:
                continue
            if WINDOW_NOT_AFTER.match(n[match.end() : match.end() + 30]):
                continue
            if WINDOW_NOT_BEFORE.search(n[max(0, match.start() - 60) : match.start()]):
                continue  # "planning a pregnancy within 12 months", "给药后的6个月内", "如果…前6个月内"
            if DURATION_BEFORE.search(n[max(0, match.start() - 30) : match.start()]) and not match.group().startswith(
                ("within", "in ", "during", "近", "过去", "最近")
            ):
                continue
            end = match.end()
            while end > match.start() and n[end - 1] == " ":
                end -= 1
            found.append((match.start(), end, amount, unit, match.group()))
    return sorted(found)


def _times_a_measurement(n: str, window, measured_spans) -> bool:
    """Whether the window is when a measured value was taken ("DLCO in tests within the previous 3 months is 30% to
    80%"): a bound of the clause lies just before or after it with no list break between."""
    start, end = window[0], window[1]
    for a, b in measured_spans:
        between = n[b:start] if b <= start else n[end:a] if a >= end else ""
        if (0 <= start - b <= 80 or 0 <= a - end <= 60) and not re.search(
            r"(?<![a-z])(?:and/or|or|and)(?![a-z])|[;,]|\.\s|或|及|。", between
        ):
            return True
    return False


def _window_proposal(
    n: str, kind: str, window, span: _Span, has_measurement: bool, previous_end: int
) -> Proposal | None:
    start, end, amount, unit, _reference = window
    event, event_start, event_end, generic = _event_for(n, start, end, previous_end)
    if event is None:  # the timing of a test: a window of its own only when the clause measures nothing
        if has_measurement:
            return None
        event = n[event_start:event_end].strip()
    if has_measurement and generic:
        return None
    if not event:
        return None
    quote_start = min(start, event_start) if event_start >= 0 and abs(event_start - start) < 120 else start
    quote_end = max(end, event_end) if event_end >= 0 and abs(event_end - end) < 120 else end
    return Proposal(
        kind=kind,
        variable="window",
        upper=amount,
        upper_inclusive=True,
        unit=unit,
        event=event,
        quote=span.quote(quote_start, quote_end),
        confidence=0.6 if generic else 0.8,
    )


def _event_for(n: str, start: int, end: int, previous_end: int = 0) -> tuple[str | None, int, int, bool]:
    """(label, start, end, generic) of the event a window is about: the first known event named between the
    previous window (or the sentence's start) and this one, else the first after it."""
    sentence_start = max([m.end() for m in _BOUNDARY.finditer(n, 0, start)] + [previous_end, 0])
    sentence_end_match = _BOUNDARY.search(n, end)
    sentence_end = sentence_end_match.start() if sentence_end_match else len(n)
    depth = _bracket_depths(n, sentence_start, sentence_end)
    best = None
    for pattern, label in _EVENT_RES:
        for match in pattern.finditer(n, sentence_start, sentence_end):
            if start <= match.start() < end:
                continue
            if match.end() <= start:
                tier = 0 if start - match.end() <= 150 else 2  # named before the window, near enough
            else:
                tier = 1
            if label is None and tier != 0:
                continue  # a test named after the window does not make it the test's timing
            generic = label == "treatment"
            # an event in brackets ("(including viral pneumonia)", "(IgG antibody levels)") only qualifies another
            in_brackets = depth[match.start() - sentence_start] > depth[start - sentence_start]
            score = (generic, in_brackets, tier, match.start())
            if best is None or score < best[0]:
                best = (score, label, match.start(), match.end(), generic)
    if best is None or (best[4] and best[0][2] != 0):  # nothing named, or only a generic "treatment" after it
        words, words_start = _words_before(n, sentence_start, start)
        if words:
            return words, words_start, start, True
        after = re.match(
            r"\s*(?:(?:有|接受过?|使用过?|发生过?|进行过?|患有|曾)\s*)?"
            r"([\u4e00-\u9fff]{2,12}|(?:[a-z][a-z0-9-]*\s*){1,4})",
            n[end:sentence_end],
        )
        if best is None:  # "随机前12个月内接受过支气管热成形术": the words after it
            if after and len(after.group(1).strip()) >= 2:
                return after.group(1).strip(), end + after.start(1), end + after.end(1), True
            return "", -1, -1, True
    _score, label, a, b, generic = best
    if label is None:
        return None, a, b, generic
    return label, a, b, generic


def _bracket_depths(n: str, start: int, end: int) -> list[int]:
    """How deep in brackets each character of n[start:end] (and the position after it) lies."""
    depths, depth = [], 0
    for char in n[start:end]:
        if char in "([（":
            depth += 1
        depths.append(depth)
        if char in ")]）":
            depth = max(0, depth - 1)
    depths.append(depth)
    return depths


def _words_before(n: str, sentence_start: int, start: int) -> tuple[str, int]:
    """A few words naming the event when no known event is named: the words just before the window."""
    words = list(re.finditer(r"[a-z][a-z0-9'-]*|[\u4e00-\u9fff]+", n[sentence_start:start]))
    while words and _LEADING_FILLER.fullmatch(words[-1].group() + " "):
        words.pop()
    words = words[-4:]
    while words and _LEADING_FILLER.fullmatch(words[0].group() + " "):
        words.pop(0)
    if not words or len(" ".join(w.group() for w in words)) < 3:
        return "", -1
    return " ".join(w.group() for w in words), sentence_start + words[0].start()


# ----------------------------------------------------------------------------------------------------------------
# Sex and diagnoses
# ----------------------------------------------------------------------------------------------------------------


def _choice_proposals(n: str, kind: str, span: _Span) -> list[Proposal]:
    proposals: list[Proposal] = []
    if kind == "inclusion" and not BOTH_SEXES.search(n) and not NOT_ABOUT_SEX.search(n):
        for pattern, value in ((SEX_FEMALE, "female"), (SEX_MALE, "male")):
            match = pattern.search(n)
            if match:
                proposals.append(
                    Proposal(
                        kind=kind,
                        variable="sex",
                        values=(value,),
                        quote=span.quote(match.start(), match.end()),
                        confidence=0.7,
                    )
                )
                break
    found = [d for d in _diagnoses_in(n) if not AN_EVENT_NOT_A_DIAGNOSIS.match(n, d[2])]
    if not found:
        return proposals
    cue = DIAGNOSIS_CUE.search(n)
    first = min(a for _code, a, _b in found)
    bare = _bare_diagnosis(n, found)
    if bare:
        quote = span.quote(min(a for _c, a, _b in found), max(b for _c, _a, b in found))
        proposals.append(Proposal(kind=kind, variable="diagnoses", values=bare, quote=quote, confidence=0.6))
        return proposals
    if cue and cue.start() <= first + 40 and abs(first - cue.end()) <= 80:
        if DIAGNOSIS_NEGATION.search(n[max(0, cue.start() - 25) : cue.start()]):
            return proposals
        if kind == "exclusion" and not cue.group().startswith(("diagnos", "诊断", "确诊")):
            return proposals
        quote_start = min(cue.start(), first)
    elif kind == "inclusion" and PATIENTS_WITH.match(n) and first < 100:
        quote_start = first
    else:
        return proposals
    reach = (
        quote_start
        + (cue.end() - cue.start() if cue and cue.start() == quote_start else 0)
        + (80 if kind == "inclusion" else 50)
    )
    near = [(code, a, b) for code, a, b in found if quote_start <= a <= reach]
    codes = tuple(dict.fromkeys(code for code, _a, _b in near))
    if not codes:
        return proposals
    last = max(b for _code, _a, b in near)
    proposals.append(
        Proposal(
            kind=kind,
            variable="diagnoses",
            values=codes,
            quote=span.quote(quote_start, last),
            confidence=0.6 if kind == "inclusion" else 0.5,
        )
    )
    return proposals


def _bare_diagnosis(n: str, found: list[tuple[str, int, int]]) -> tuple[str, ...]:
    """A clause that is nothing but disease names ("Cystic fibrosis", "Known asthma or COPD") is a diagnosis."""
    rest = list(n)
    for _code, a, b in found:
        rest[a:b] = " " * (b - a)
    if not BARE_FILLER.fullmatch("".join(rest)):
        return ()
    return tuple(dict.fromkeys(code for code, _a, _b in found))


def _diagnoses_in(n: str) -> list[tuple[str, int, int]]:
    masked = list(n)
    for match in NEGATED_DIAGNOSIS.finditer(n):
        for i in range(match.start(), match.end()):
            masked[i] = " "
    text = "".join(masked)
    found = []
    for code, pattern in _DIAGNOSIS_RES:
        for match in pattern.finditer(text):
            found.append((code, match.start(), match.end()))
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return sorted(found, key=lambda item: item[1])


def diagnosis_codes(conditions: list[str], mesh_terms: list[str] = ()) -> tuple[str, ...]:
    """Diagnosis codes for a record's conditions and MeSH terms, in the order first met; ("other",) for other lung
    conditions; () when nothing respiratory is named."""
    try:
        names = [str(name) for name in list(conditions or []) + list(mesh_terms or []) if name]
        codes: list[str] = []
        respiratory = False
        for name in names:
            normalised = _normalise(name, 0, len(name))[0]
            for code, _a, _b in _diagnoses_in(normalised):
                if code not in codes:
                    codes.append(code)
            if name.strip() == "PH" and "pulmonary_hypertension" not in codes:
                codes.append("pulmonary_hypertension")
            respiratory = respiratory or bool(RESPIRATORY_WORDS.search(normalised))
        if not codes and respiratory:
            return ("other",)
        return tuple(codes)
    except Exception:  # the contract: never raise
        return ()


# ----------------------------------------------------------------------------------------------------------------
# A record as a whole
# ----------------------------------------------------------------------------------------------------------------

_RECORD_AGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(years?|months?|weeks?|days?)\s*$", re.I)
_PER_YEAR = {"year": Decimal(1), "month": Decimal(12), "week": Decimal("52.1775"), "day": Decimal("365.25")}


def _record_years(value: str | None) -> Decimal | None:
    if not isinstance(value, str):
        return None
    match = _RECORD_AGE.match(value)
    if not match:
        return None
    unit = match.group(2).lower().rstrip("s")
    years = Decimal(match.group(1)) / _PER_YEAR[unit]
    if unit == "year":
        return years.normalize() if years != years.to_integral_value() else years.quantize(Decimal(1))
    return years.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def extract(text: str, *, minimum_age: str | None = None, maximum_age: str | None = None) -> list[Proposal]:
    """Every proposal for a record's eligibility text, with the record's own age limits merged into the text's."""
    try:
        proposals: list[Proposal] = []
        if isinstance(text, str) and text.strip():
            text = text[:MAX_TEXT]
            for clause in split_clauses(text):
                proposals.extend(propose(clause, text))
        return _merge_record_age(
            proposals, _record_years(minimum_age), _record_years(maximum_age), minimum_age, maximum_age
        )
    except Exception:  # the contract: never raise
        return []


def _merge_record_age(
    proposals: list[Proposal], low: Decimal | None, high: Decimal | None, low_text: str | None, high_text: str | None
) -> list[Proposal]:
    if low is not None and low <= 0:
        low = None
    if low is not None and high is not None and low > high:
        high = None  # a record whose maximum is below its minimum: keep only the minimum
    if low is None and high is None:
        return proposals
    for index, proposal in enumerate(proposals):
        if proposal.variable != "age" or proposal.kind != "inclusion":
            continue
        agrees_low = (
            low is None
            or proposal.lower is None
            or (proposal.lower == low and proposal.lower_inclusive)
            or (proposal.lower_inclusive is False and proposal.lower + 1 == low)
        )
        agrees_high = (
            high is None
            or proposal.upper is None
            or (proposal.upper == high and proposal.upper_inclusive)
            or (proposal.upper_inclusive is False and proposal.upper - 1 == high)
        )
        if not (agrees_low and agrees_high):
            continue
        lower, lower_inclusive = proposal.lower, proposal.lower_inclusive
        upper, upper_inclusive = proposal.upper, proposal.upper_inclusive
        if lower is None and low is not None:
            lower, lower_inclusive = low, True
        if upper is None and high is not None:
            upper, upper_inclusive = high, True
        proposals[index] = Proposal(
            kind="inclusion",
            variable="age",
            lower=lower,
            lower_inclusive=lower_inclusive,
            upper=upper,
            upper_inclusive=upper_inclusive,
            unit="years",
            quote=proposal.quote,
            confidence=max(proposal.confidence, 0.95),
        )
        return proposals
    quote = "; ".join(
        part
        for part in (
            f"minimumAge: {low_text.strip()}" if low is not None else "",
            f"maximumAge: {high_text.strip()}" if high is not None else "",
        )
        if part
    )
    proposals.insert(
        0,
        Proposal(
            kind="inclusion",
            variable="age",
            lower=low,
            lower_inclusive=True if low is not None else None,
            upper=high,
            upper_inclusive=True if high is not None else None,
            unit="years",
            quote=quote,
            confidence=0.95,
        ),
    )
    return proposals
