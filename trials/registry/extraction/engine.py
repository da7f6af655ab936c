"""Criteria drawn from registry text: split eligibility text into clauses and propose thresholds from them.

Contract:

* Pure: the standard library only, nothing from Django or the rest of the project; the only I/O is reading the
  JSON tables in ``tables/`` once, at import (``tables.py``).
* Never raises: any input (empty, ``None``, odd unicode, huge text) gives ``[]`` or ``()`` rather than an error.
* A ``Proposal`` is a rule's guess that one clause bounds one question: ``variable`` is a question key (or
  ``"window"`` for "within N weeks before screening", ``"duration"`` for "stable dose for at least 8 weeks"),
  and the bounds are the range the clause ITSELF states, in
  the list it stands in. The exclusion clause "FEV1/FVC < 0.7" gives kind ``"exclusion"``, upper 0.7 exclusive:
  nothing is inverted here; the app decides what an exclusion range means for a patient.
* ``quote`` is always an exact substring of the original text, inside the clause's span (backslash escapes and all),
  except for the age proposal built from the record's own minimumAge/maximumAge with no age clause in the text.
* Precision matters more than recall: a number that is not plainly a threshold for a named variable in the unit
  that variable is asked in (FEV1 in litres, creatinine in mg/dL, doses, dates) gives no proposal.

How it works: clauses are found line by line (and inside lines whose breaks were lost); each clause is normalised
(NFKC, lower case, escapes undone) keeping a map back to original offsets; variable mentions, comparisons
("≥ 30%", "40 to 80 years", "3 or more times"), windows ("within 4 weeks before screening") and durations are found
with the tables (variables, units, events, the English and Chinese lexicons: ``tables/*.json``); each comparison is given to the nearest variable mention before it (or just after it), checked
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
* Age from the record (minimumAge/maximumAge, inclusive) is one proposal only when the text states no age; a text
  that states one is proposed as stated (decision 0109: the record's limits are the import's approved criterion).
"""

from __future__ import annotations

import bisect
import dataclasses
import heapq
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from .choices import _choice_proposals
from .clauses import MAX_TEXT, _parent_text, an_exception, split_clauses
from .model import SPIROMETRY, Clause, Proposal
from .prefilter import WordScan, may_match, required_words
from .tables import TABLES
from .text import CJK_CHAR as _CJK_CHAR
from .text import _bracket_depths, _normalise, _Span

# ----------------------------------------------------------------------------------------------------------------
# Tables
# ----------------------------------------------------------------------------------------------------------------

QUESTION_UNITS: dict[str, str] = TABLES.question_units
VARIABLE_UNITS: dict[str, str] = TABLES.variable_units  # with the rows drafted as another question ("Karnofsky")


MAX_CLAUSE = 2_000  # characters of one clause read at once
MAX_PROPOSALS = 500  # proposals from one record (real records give a few dozen); reading stops there, never an error
MAX_WINDOWS = 40  # look-back windows read from one stretch of MAX_CLAUSE characters (real clauses hold a few)
NUMBER_WORDS = {**TABLES.number_words, **TABLES.number_words_read_only}
CN_DIGITS = TABLES.cn_digits
_CN_ONES = "".join(w for w, v in CN_DIGITS.items() if len(w) == 1 and v == int(v) and 1 <= v <= 9)  # 一…九, 两
_CN_TENS = re.compile(rf"([{_CN_ONES}])?十([{_CN_ONES.replace('两', '')}])?")  # 十四, 二十, 三十六
_CN_HALF = "".join(w for w, v in CN_DIGITS.items() if len(w) == 1 and v == 0.5)  # 半
CN_WORD_NUM = rf"[{_CN_ONES}]?十[{_CN_ONES.replace('两', '')}]?|[{_CN_ONES}{_CN_HALF}]"  # a number in characters
CN_NUM = r"\d+|" + CN_WORD_NUM  # a number in digits or characters
# the Chinese words of a time unit, longest first ("个月" before "月"; "1 个 月" wrapped keeps its space)
ZH_TIME_UNIT = "|".join(
    re.escape(w).replace("个", r"个\s?") if w != "个星期" else r"个?星期"
    for w in sorted((w for w in TABLES.time_units if re.match(r"[\u4e00-\u9fff]", w)), key=len, reverse=True)
    if w != "星期"
)

# "18,5" and "0,70" are decimals written with a comma (one or two digits after it); "1,000" and "18, 65" are not;
# a count in characters before 次 ("两次"), and years of age in characters ("年满十八岁", "十八至六十五岁")
NUM = r"(?:(?<![a-z0-9.])|(?<=age)|(?<=aged))(?:\d{1,3}(?:,\d{3}){1,3}(?![\d,])|\d+,\d{1,2}(?![\d,])|\d+(?:\.\d+)?|\.\d+|[一两二三四五六七八九十](?=\s*次)|[一二三四五六七八九]?十[一二三四五六七八九]?(?=\s*(?:(?:至|到|~|～|-|—)\s*[一二三四五六七八九十]{1,3}\s*)?周?岁))(?![\d])"
_TENS = [w for w, v in TABLES.number_words.items() if v in (20, 30, 40, 50, 60, 70, 80, 90) and "-" not in w]
_ONES = [w for w, v in TABLES.number_words.items() if 1 <= v <= 9 and v == int(v)]
_COMPOUND = rf"(?:{'|'.join(_TENS)})[- ](?:{'|'.join(_ONES)})" if _TENS and _ONES else r"(?!x)x"  # "twenty one"
NUM_WORD = (
    r"(?<![a-z-])(?:" + _COMPOUND + "|" + "|".join(sorted(TABLES.number_words, key=len, reverse=True)) + r")(?![a-z-])"
)
ANY_NUM = rf"(?:{NUM}|{NUM_WORD})"

# Variable mentions, most specific first: a later pattern never claims text an earlier one matched.
VARIABLE_PATTERNS: list[tuple[str, str]] = TABLES.variable_patterns
_VARIABLE_RES = [(v, re.compile(p)) for v, p in VARIABLE_PATTERNS]
_VARIABLE_WORDS = [
    required_words(pattern) for _v, pattern in _VARIABLE_RES
]  # a pattern is tried only where it can match
_VARIABLE_SCAN = WordScan(_VARIABLE_WORDS)  # the words of all of them looked for in one scan of a text
_VARIABLE_BY_NAME = {v: pattern for v, pattern in _VARIABLE_RES}
LAB_VARIABLES = {v.key for v in TABLES.variables if v.unit == "x ULN"}
PCT_PRED_VARIABLES = {v.key for v in TABLES.variables if v.unit == "% predicted"}
COUNT_VARIABLES = {v.key for v in TABLES.variables if v.unit == "count"}
RANGES = {v.key: v.range for v in TABLES.variables if v.range}
EXPANSIONS = TABLES.expansions
# "blood pressure > 160/100": the first number bounds the first variable, the second the second (variables table)
PAIRS = {v.key: v.expands_to for v in TABLES.variables if v.pairs}
_PAIR_NAMES = re.compile("|".join(f"(?:{v.pattern})" for v in TABLES.variables if v.pairs) or r"(?!x)x")
_PAIR_AFTER = re.compile(r"\s*/\s*(\d{2,3})(?![\d.,])")
# Exact conversions of other units to a question's unit: variable -> unit -> (factor, offset, decimals or None)
CONVERSIONS = {v.key: v.conversions for v in TABLES.variables if v.conversions}
NAMED_BY_UNIT = {v.unit: v.key for v in TABLES.variables if v.named_by_unit}  # "10 cigarettes a day"
SCALES = {v.key for v in TABLES.variables if v.scale}  # integer scores: "ECOG 0 or 1" is 0 to 1
_SCALE_NAMES = re.compile("|".join(f"(?:{v.pattern})" for v in TABLES.variables if v.scale) or r"(?!x)x")
_SCALE_CHOICE = re.compile(r"(\d)((?:\s*[,、]\s*\d){0,8})\s*(?:or|或|和|and|/)\s*(\d)(?!\d|[.,]\d)")

# Units after a number: (pattern, normalised unit). Order matters: longest first.
UNIT_PATTERNS: list[tuple[str, str]] = TABLES.units
_UNIT_RES = [(re.compile(r"\s*(?:" + p + ")"), u) for p, u in UNIT_PATTERNS]
# every unit in one pattern, tried in the table's order at one position (each with its own blanks), the group naming it
_UNIT_ANY = re.compile("|".join(rf"(?P<u{i}>\s*(?:{p}))" for i, (p, _u) in enumerate(UNIT_PATTERNS)))

# Comparison words, as they read BEFORE a number: (pattern, bound, inclusive). "lower" means the value is >= or >.
PREFIX_OPERATORS: list[tuple[str, str, bool]] = TABLES.prefix_operators
# A word operator starts a word: "for more than" is not "or more than".
WORD_START = r"(?:(?<![a-z])(?=[a-z])|(?![a-z]))"
OPERATOR_TAIL = (
    r"\s*(?:\(\s*(?:>=|<=|>|<|≥|≤)\s*\)\s*)?(?:(?:of\s+|than\s+)?the\s+|of\s+|than\s+|(?:正常)?预计值的?\s*"
    r"|(?:检测|本院|本中心|研究中心)?(?:实验室)?(?:正常值?|正常范围)上限(?:\s*\(uln\))?\s*的?\s*|(?:the\s+)?(?:reference|normal)\s+(?:range|values?)\s+(?:of\s+)?"
    r"|(?:发生|出现|有|患)过?\s*)?$"
)  # "(>=) ", "预计值的", "超过正常值上限2倍", "≥正常值上限(ULN) 的2.5倍", "> reference range 3 times upper limit",
# ">检测实验室正常上限的1.25倍" (the testing laboratory's upper limit), "<= the normal value of 1.5 times the ULN"
_PREFIX_RES = [(re.compile(WORD_START + r"(?:" + p + r")" + OPERATOR_TAIL), b, inc) for p, b, inc in PREFIX_OPERATORS]
_PREFIX_ANY = re.compile(WORD_START + r"(?:" + "|".join(p for p, _b, _i in PREFIX_OPERATORS) + r")" + OPERATOR_TAIL)

POSTFIX_OPERATORS: list[tuple[str, str, bool]] = TABLES.postfix_operators
# "under 18 years or over 70 years": "or over" with a number after it starts a second comparison, no postfix
_POSTFIX_RES = [(re.compile(r"\s*(?:" + p + r")(?!\s*than)(?![ \t]*\d)"), b, inc) for p, b, inc in POSTFIX_OPERATORS]

RANGE_JOIN = r"\s*(?:" + "|".join(TABLES.range_joins) + r")\s*"
INCLUSIVE_AFTER = re.compile(
    r"^\s*[,;]?\s*[(（\[]?\s*(?:both\s+)?(?:inclusive|inclusively|including|included|incl\.?"
    r"|含|包括|包含|(?:the\s+)?(?:extremes|limits|ends|end\s?points|values|bounds|boundaries|boundary values)\s+included)"
)
# "18 to 65 (exclusive)", "(extremes excluded)", "excluding the limits"; "18-65, excluding pregnant women" excludes
# people, not the ends of the range
_RANGE_ENDS = r"(?:the\s+)?(?:extremes|limits|ends|end\s?points|values|bounds|boundaries|boundary values)"
EXCLUSIVE_AFTER = re.compile(
    r"^\s*[,;]?\s*[(（\[]?\s*(?:both\s+)?(?:exclusive|excluding(?=\s*(?:[)\]）\d]|$|both\b|" + _RANGE_ENDS + r"))"
    r"|not including(?=\s*(?:[)\]）\d]|$|both\b|" + _RANGE_ENDS + r"))|not inclusive|non-inclusive|不含|不包括"
    r"|" + _RANGE_ENDS + r"\s+(?:excluded|not included))"
)

WINDOW_UNITS = TABLES.time_units
# the English words of a time unit in the table (`time_units`) of two letters or more ("days", "wk", "mos"), longest
# first; of the one-letter ones a window reads "y" ("within 1 y"), never "d"
_EN_TIME_UNIT_WORDS = "|".join(
    re.escape(w) for w in sorted((w for w in WINDOW_UNITS if re.fullmatch(r"[a-z]{2,}", w)), key=len, reverse=True)
)
TIME_UNIT = rf"({_EN_TIME_UNIT_WORDS}|y)(?![a-z])"
REFERENCE_TAIL = r"(?:\s+(?:visit|period|dose|day\s*\d*|v\d+|\d+|\(v(?:isit\s*)?\d+\)))*"
# "12 months prior start of the study": "prior" with its "to" left out, before a point the study names
_PRIOR_NO_TO = (
    r"prior(?=\s+(?:the\s+)?(?:start|screening|randomi[sz]|enrol|baseline|visit|consent|inclusion|entry|dos|first"
    r"|study|treatment))"
)
REFERENCE_POINT = (
    r"(?:\s*\(?(?:immediately\s+|just\s+)?(?:before|prior to|"
    + _PRIOR_NO_TO
    + r"|preceding|of|from|until|up to)\s+(?:the\s+)?(?:date of\s+)?(?:the\s+)?"
    r"(?:screening|randomi[sz]ation|enrol?l?ment|baseline|visit\s*\d*|(?:signing\s+)?(?:the\s+)?"
    r"(?:informed\s+)?consent|inclusion|study entry|study start|entry|day 1|first dos\w*|dosing|signing"
    r"|the study|this study|study|treatment|start|v1)" + REFERENCE_TAIL + r"\)?)?"
)
# "3 months to 5 years post-stroke onset", "6 months-5 years ago": the upper end is a window (its lower end a duration);
# the window starts at the upper number. "2 to 4 weeks after the last dose / randomisation" is a time still to come.
# "1 to 6 months", "between 1 and 6 months", "≥1 and ≤6 months": the two ends of a span since an event
_SINCE_RANGE_JOIN = r"(?:to|-|–|and(?:\s*(?:≤|<=|<|up to|no more than))?)"
TIME_RANGE_SINCE = re.compile(
    rf"(?<![a-z0-9.]){ANY_NUM}[\s-]*(?:(?:days?|weeks?|months?|years?)(?![a-z])\s*)?{_SINCE_RANGE_JOIN}\s*"
    rf"(?P<hi>{ANY_NUM})[\s-]*(?P<hi_unit>days?|weeks?|months?|years?)(?![a-z])[\s-]*"
    r"(?:ago|post|after|since|following)(?![a-z])"
    r"(?!\s*(?:the\s+)?(?:(?:last|final|first)\s+(?:dose|administration|injection|visit)|randomi[sz]\w*|enrol\w*"
    r"|screening|baseline|(?:the\s+)?study|trial|inclusion"
    r"|(?:the\s+)?(?:start|onset|beginning|first day) of (?:the\s+)?(?:menstru\w*|menses|(?:menstrual\s+)?cycle)))"
)
# what follows "… of/after" when it is the study's own point or a cycle, not a past event
_NOT_A_PAST_EVENT_AHEAD = (
    r"(?!\s*(?:the\s+)?(?:(?:last|final|first)\s+(?:dose|administration|injection|visit)|randomi[sz]\w*|enrol\w*"
    r"|screening|baseline|(?:the\s+)?study|trial|inclusion|(?:informed\s+)?consent|dos(?:e|ing)|treatment|entry"
    r"|(?:the\s+)?(?:start|onset|beginning|first day) of (?:the\s+)?(?:menstru\w*|menses|(?:menstrual\s+)?cycle)))"
)
# "within 3-24 months post injury", "within 2-7 days of the concussion": time since a past event between two spans, its
# upper end a window and its lower end a duration ("within 2-4 weeks of randomisation" is the study's own point)
_WITHIN_RANGE_SINCE = re.compile(
    rf"(?<![a-z])within\s+(?:the\s+)?{ANY_NUM}[\s-]*(?:(?:days?|weeks?|months?|years?)(?![a-z])\s*)?"
    rf"(?:to|-|–)\s*(?P<hi>{ANY_NUM})[\s-]*(?P<hi_unit>days?|weeks?|months?|years?)(?![a-z])[\s-]*"
    r"(?:of|from|post|after|since|following)(?![a-z])" + _NOT_A_PAST_EVENT_AHEAD
)
_WITHIN_BEFORE = re.compile(r"(?<![a-z])within\s+(?:the\s+)?$")
_AGED_RIGHT_BEFORE = re.compile(r"(?<![a-z])(?:aged?|ages)\s*(?:of\s+|between\s+|from\s+)?$")
# "6-12 months ago", "3-24 months post", "2-7 days of": a range whose lower end has no unit of its own
_RANGE_LOWER_SINCE = re.compile(
    rf"(?<![a-z0-9.])(?P<lo>{NUM}|{NUM_WORD})\s*{_SINCE_RANGE_JOIN}\s*(?P<hi>{ANY_NUM})[\s-]*(?P<unit>days?|weeks?|months?|years?)"
    r"(?![a-z])[\s-]*(?P<rel>ago|post|after|since|following|of|from)(?![a-z])" + _NOT_A_PAST_EVENT_AHEAD
)
# "根治性手术术后 4-12 周进行随机", "术后4~10周内": time since a past event between two spans, a duration (the lower end)
# and a window (the upper end); "给药后2-4周" is a time still to come
_ZH_RANGE_SINCE = re.compile(
    # "放化疗(至少含2个周期含铂化疗)后的1-42天": a bracket on the treatment and 的 after 后 may stand between
    r"(?P<event>术|手术|切除|放疗|化疗|治疗结束|诊断|确诊|发病|移植|分娩)(?:\s*[(（][^()（）]{0,30}[)）])?后的?\s*(?P<lo>\d+)\s*(?:个月|月|周|星期|天|日|年)?\s*[-~～至到]\s*"
    r"(?P<hi>\d+)\s*(?P<hi_unit>个\s?月|月|周|星期|天|日|年)(?!\s*(?:内|以内)?\s*(?:可|允许))"  # "术后4-6周可选择…": an option
)
# "病程<5年", "病程不超过5年": how long the disease has lasted, bounded above (strict as written); the window starts at
# the operator, so the words before it ("病程") name its event
_ZH_DISEASE_DURATION = re.compile(
    r"(?:病程|患病时间|发病时间|确诊时间|诊断时间)[^,，;；。\d]{0,6}?(?P<op>(?:<(?!=)|≤|<=|不超过|不大于|不长于|少于|小于|短于|不足|不到|未满)"
    r"\s*(?P<hi>" + CN_NUM + r")\s*(?P<hi_unit>个\s?月|月|周|星期|天|日|年))"
)
# "3 weeks has elapsed since …", "28 days have passed by the time of randomisation since …": the span said to have
# gone by since a past event, as "3 weeks since …" is
_ELAPSED = r"(?:(?:has|have)\s+(?:already\s+)?(?:elapsed|passed|gone\s+by)\s+(?:by\s+the\s+time\s+of\s+[a-z]+\s+)?)?"
# "major surgery ≤ 3 weeks of starting the study", "diagnosed no more than 6 months before enrolment", "no longer
# than 5 years since diagnosis", "investigational agent ≤ 30 days before": a time before a point, bounded above
_UPPER_BEFORE_A_POINT = re.compile(
    rf"(?<![a-z])(?:≤|<=|<(?!=)|less than|fewer than|no more than|not more than|no longer than|not longer than"
    rf"|up to|at most)\s*({ANY_NUM})[\s-]*(?:calendar\s+)?{TIME_UNIT}\s+(?:(?:before|prior|preceding|"
    # "less than 3 weeks has elapsed since hospitalisation": the time said to have passed since the event
    + _ELAPSED
    + r"since)(?![a-z])"
    r"|of\s+(?:the\s+)?(?:start\w*|beginning|initiat\w*|screening|randomi[sz]\w*|enrol\w*|baseline|inclusion|entry"
    r"|study entry|day\s*1|(?:the\s+)?first dose|(?:informed\s+)?consent)(?![a-z]))"
)
# "Stable physical activity regimen < 3 months prior": a steady state bounded above, no look-back to an event
_STABLE_STATE_BEFORE = re.compile(r"(?<![a-z])(?:stable|unchanged|constant|steady)(?![a-z])[^.;,]{0,50}$")
# An event (not a person, not a sample or a test) named right before "… N years old": the event's age, not a person's
_AGED_EVENT_BEFORE = re.compile(
    r"(?<![a-z])(?:transplant\w*|grafts?|surger(?:y|ies)|operations?|diagnos[ie]s|diseases?|fractures?|injur(?:y|ies)"
    r"|infarctions?|strokes?|implants?|implantations?|deaths?|births?|wounds?|episodes?|events?|attacks?)"
    r"(?:\s*\([^()]{0,20}\))?\s*(?:(?:is|are|was|were|must be|should be|must not be|should not be|not)\s+)?$"
)
# Ages that are not the participant's bound now: a child the participant has or cares for, an age stated in the past
# tense (another study's), a remark on who gets the disease
_NOT_THE_PARTICIPANTS_AGE_BEFORE = re.compile(
    r"(?<![a-z])(?:having|has|have|had|parents?\s+of|mothers?\s+of|fathers?\s+of|caregivers?\s+(?:of|for)|care\s+of"
    r"|guardians?\s+of|living\s+with)\s+(?:[a-z0-9-]+\s+){0,5}?(?:child(?:ren)?|kids?|sons?|daughters?|infants?|babies"
    r"|baby|toddlers?|newborns?|grandchild(?:ren)?)(?![a-z])[^.;:]{0,60}$"
    r"|(?<![a-z])born\s+(?:from|to)\s+(?:[a-z]+\s+){0,2}(?:mothers?|fathers?|parents?|women)(?![a-z])[^.;:]{0,40}$"
    r"|(?<![a-z])ages?\s+(?:was|were|had been)(?![a-z])[^.;:]{0,60}$"
    r"|(?<![a-z])(?:performed|done|conducted|administered|offered)\s+(?:on|in|for|to)\s+(?:[a-z]+\s+){0,2}$"
    r"|(?<![a-z])(?:scored?|points?)\s+(?:of\s+)?(?:at least\s+|≥\s*|>=\s*|>\s*)?$"  # "who (i) score of at least 1"
    r"|(?<![a-z])(?:is|are)\s+(?:rarely|seldom|commonly|usually|often|mostly|mainly|typically|frequently)\s+"
    r"(?:seen|found|diagnosed|observed|reported)(?![a-z])[^.;:]{0,50}$"
)
_ASSENT_NEAR = re.compile(r"(?<![a-z])assent(?![a-z])")
_EVENT_LESS_THAN_OLD = re.compile(
    rf"(?<![a-z])(?:less than|younger than|under|<(?!=)|not older than|no older than)\s*({ANY_NUM})[\s-]*{TIME_UNIT}"
    r"\s+old(?![a-z])"
)
# "infection within 1-2 weeks;": a look-back whose span is given as a range with nothing after it, the longer end
# bounding it ("within 2-4 weeks of randomisation", "within 3-24 months post injury" are read by the range rules)
_WITHIN_A_RANGE_ALONE = re.compile(
    rf"(?<![a-z])within\s+(?:the\s+)?(?:{ANY_NUM})\s*(?:-|–|to)\s*({ANY_NUM})[\s-]*{TIME_UNIT}(?=\s*(?:[;,.)]|$))"
)
_NEGATED_PRIOR_AND_DURING = re.compile(
    rf"(?<![a-z])({ANY_NUM})[\s-]*{TIME_UNIT}\s+(?:prior to|before|preceding)\s+(?:and|or)\s+(?:during|throughout)(?![a-z])"
)
WINDOW_RES = [
    re.compile(
        rf"(?:within|during|in|over)\s+(?:the\s+)?(?:past|last|previous|pervious|preceding|prior|former|recent|most recent)"
        rf"\s+({ANY_NUM})[\s-]*(?:\(\d+\)\s*)?(?:calendar\s+)?{TIME_UNIT}" + REFERENCE_POINT
    ),
    re.compile(
        rf"within\s+(?:the\s+)?(?:first\s+)?(?:(?:nearly|approximately|approx\.|about|around|roughly|(?:at\s+)?least)\s+)?"
        rf"\(?({ANY_NUM})\)?"
        rf"[\s-]*(?:\(\d+\)\s*)?"
        rf"(?:(?:previous|past|last|preceding)\s+)?(?:calendar\s+)?{TIME_UNIT}" + REFERENCE_POINT
    ),
    re.compile(
        r"(?:within|during|in|over)\s+(?:the\s+)?(?:past|last|previous|preceding|prior|former)\s+(year|month|week)"
        + REFERENCE_POINT
    ),
    re.compile(
        r"within\s+(?:a|one|the(?:\s+(?:same|last|past))?|last|past)?\s*(year|month|week)(?![a-z])" + REFERENCE_POINT
    ),
    _WITHIN_RANGE_SINCE,
    _WITHIN_A_RANGE_ALONE,
    TIME_RANGE_SINCE,
    _ZH_RANGE_SINCE,
    re.compile(rf"(?:≤|<=|<|less than|within|up to|no more than)?\s*({ANY_NUM})[\s-]*{TIME_UNIT}[\s-]+ago"),
    # "筛选前4周至随机期间"; "试验前2周至试验结束后3个月内" (避孕) reaches past the study: a requirement, not a look-back
    re.compile(
        r"前\s*(" + CN_NUM + r")\s*(" + ZH_TIME_UNIT + r")\s*(?:至|到)"
        r"(?![^,，;；。]{0,10}(?:结束|后))"
    ),
    re.compile(
        r"(?:in|during)\s+the\s+(year|month|week)\s+(?:before|prior to|preceding)\s+(?:the\s+)?"
        r"(?:screening|randomi[sz]ation|enrol?l?ment|baseline|visit|(?:informed )?consent|study|inclusion|"
        r"first|day 1|dosing|signing|entry)" + REFERENCE_TAIL
    ),
    re.compile(
        rf"(?<![a-z])({ANY_NUM})[\s-]*(?:\(\d+\)\s*)?{TIME_UNIT}\s+(?:or (?:less|fewer)\s+)?(?:immediately\s+|just\s+)?"
        r"(?:before|prior ti?o|preceding|previous\s+to)\s+"  # "30 days prior tio randomization": a typo of "to"
        r"(?:the\s+)?(?:date of\s+)?"
        r"(?:screening|randomi[sz]ation|enrol?l?ment|baseline|visit|(?:informed )?consent|study|inclusion|"
        r"first|day 1|dosing|signing|entry)" + REFERENCE_TAIL
    ),
    # "within 5 half-lives or 30 days, whichever is longer": the stated days
    re.compile(
        rf"within\s+(?:{ANY_NUM})\s*(?:\(\d+\)\s*)?half[\s-]?lives\s+(?:\([^()]{{0,20}}\)\s*)?or\s+({ANY_NUM})[\s-]*{TIME_UNIT}"
    ),
    # "less than 4 weeks or less than 5 times the half-life, whichever is shorter, since the last treatment", "recent
    # (<4 weeks or 5 half-lives of the last treatment …)": the stated span, strict as written
    re.compile(
        rf"(?<![a-z])(?:less than|<(?!=))\s*({ANY_NUM})[\s-]*{TIME_UNIT}\s+or\s+(?:less than\s+|<\s*)?(?:{ANY_NUM})\s*"
        r"(?:times\s+(?:the\s+)?)?(?:drug\s+)?half[\s-]?li(?:fe|ves)"
        r"(?:\s+of\s+(?:the\s+)?(?:last|final|prior|previous)\s+(?:treatment|therapy|dose|administration))?"  # whose half-lives
    ),
    # "postpartum up to six months": a look-back on the delivery
    re.compile(rf"(?<![a-z])post-?partum\s+(?:up to|within|less than|<|≤)\s*({ANY_NUM})[\s-]*{TIME_UNIT}"),
    # "之前28天或5个半衰期(以时间长的为准)内": the stated days of a look-back that may be longer by half-lives
    # ("2周或者5倍消除半衰期内", "14天和/或5个药物半衰期内": the same, with other words for "or" and the half-lives;
    # "1周或（CYP3A4强抑制剂的）5个半衰期内": a bracket naming whose half-lives)
    re.compile(
        r"(?<!\d)(" + CN_NUM + r")\s*(天|日|周|个月)\s*(?:或者?|和\s*/\s*或|和\s*[(（]\s*或\s*[)）]|或\s*/\s*和)\s*"
        r"(?:[(（][^()（）]{1,30}[)）]\s*)?(?:" + CN_NUM + r")\s*(?:个|倍)?\s*(?:药物)?\s*(?:消除)?\s*半衰期"
        r"\s*(?:[(（][^()（）]{0,20}[)）]\s*)?(?:内|以内|之内)"
    ),
    # "massage therapy for 30 days prior to and during the study": not having it over a period that began before
    re.compile(
        rf"(?<![a-z])for\s+(?:the\s+)?({ANY_NUM})[\s-]*{TIME_UNIT}\s+(?:prior to|before|preceding)\s+"
        r"(?:and|or)\s+(?:during|throughout)(?![a-z])"
    ),
    # "No smoking 1 month prior to and during study": free of it over a period that began before (only after a
    # negation: "abstain from alcohol 1 week prior to and during the study" is a commitment)
    _NEGATED_PRIOR_AND_DURING,
    # "N-acetyl cysteine 7 days prior to CC": before any named point; "90 days before or after the index date" is a
    # period around it, not a look-back (tried after the known reference points)
    re.compile(
        rf"(?<![a-z])({ANY_NUM})[\s-]*{TIME_UNIT}\s+(?:or (?:less|fewer)\s+)?(?:immediately\s+|just\s+)?"
        rf"(?:before|prior to|preceding|previous\s+to|{_PRIOR_NO_TO})\s+"
        r"(?!or\s|and\s|during\s)(?:the\s+)?[a-z][a-z0-9-]*"
    ),
    re.compile(
        r"(?:近|过去|最近|前)?\s*(?<!\d)(" + CN_NUM + r")\s*(" + ZH_TIME_UNIT + r")"
        r"\s*(?:[(（\[【][^()（）\[\]【】]{1,10}[)）\]】]\s*)?(?:内|以内|之内)"  # "前3个月(12周)内", "前六个月之内", "前60天[+14天]内"
    ),
    # "筛选前6个月有慢性感染史", "试验前30天使用过…", "本试验开始前3个月中": a look-back without 内, known by the past
    # event that follows it ("给药前7天的日记", "给药前1天妊娠试验阴性" are not)
    re.compile(
        r"前\s*(" + CN_NUM + r")\s*(" + ZH_TIME_UNIT + r")\s*[,，]?\s*"
        # "筛选前2个月不得使用三联疗法": free of it over the look-back, a window as "前2个月内未使用" is
        r"(?=中|期间|曾|有(?!效)|(?:不得|不能|不可|不应|未曾?|没有)?\s*(?:使用|服用|用过|参加|参与|接受|接种)"
        r"|发生|患|罹患|摄取|摄入|吸烟|饮酒|每日|每天|每周|每月|平均|献血|失血|进行过|做过|出现|发热|发烧)"  # "入组前3天发热"
    ),
    re.compile(
        r"(?:近|过去|最近)\s*的?\s*(" + CN_NUM + r")\s*(" + ZH_TIME_UNIT + r")"
    ),  # "最近的6个月中", "过去的半年里"
    # "近期（3个月）接受过…": recently, the bracket saying how recent, a look-back
    re.compile(r"(?:近期|最近)\s*[(（]\s*(" + CN_NUM + r")\s*(" + ZH_TIME_UNIT + r")\s*(?:内|以内|之内)?\s*[)）]"),
    # "戒烟不足6个月": quit less than 6 months ago, the strict look-back "stopped smoking less than 6 months ago" is
    re.compile(r"(?<=戒烟)\s*(?:不足|不到|未满|少于|小于|<)\s*(" + CN_NUM + r")\s*(" + ZH_TIME_UNIT + r")"),
]
WINDOW_RES.append(
    re.compile(rf"\(\s*(?:<|≤|<=|less than)\s*({ANY_NUM})\s*{TIME_UNIT}\s*\)")
)  # "exacerbation (<6 weeks)"
# Chinese washout lists: "研究开始的一定时限前接受过下列生物制剂的治疗: 英夫利昔单抗:8周 依那西普:2周": each drug's span after
# its colon is a look-back window when a lead-in before them says "前…下列…:" (see _ZH_WASHOUT_LEAD)
# A washout table under such a lead-in ("…前接受了以下治疗：" then rows "放射治疗<TAB>＜4周", "铂类：＜2周") gives each row's
# span after its tab or colon, "<" keeping it short of that span; a row's bracket may give a subset its own span after
# 则 ("放射治疗<TAB>＜4周（如为姑息立体定向放疗，则＜2周）")
_ZH_WASHOUT_ITEM = re.compile(
    r"(?<=[:：\t则])\s*(?:<(?!=)|≤|<=)?\s*("
    + CN_NUM
    + r")\s*("
    + ZH_TIME_UNIT
    + r")(?!\s*(?:以?后|之后|内|以内|之内|至|到))"
)
WINDOW_RES.append(_ZH_WASHOUT_ITEM)
# "打疫苗后未超过两个星期", "参加完一个项目未满3个月", "戒烟不足 6 个月": time since an event, still short of a span
_ZH_SHORT_OF = re.compile(
    r"(?:未满|不满|不足|不到|少于|小于|<|未超过|不超过|≤|<=|不大于|不长于)\s*"
    # "未超过5个半衰期和(或)14天": the drug's half-lives stated first, the span after them
    r"(?:(?:"
    + CN_NUM
    + r")\s*(?:个|倍)?\s*(?:消除)?半衰期\s*(?:或者?|和\s*/\s*或|和\s*[(（]\s*或\s*[)）]|或\s*/\s*和)\s*)?("
    + CN_NUM
    + r")\s*("
    + ZH_TIME_UNIT
    + r")"
)
# the event the time since is counted from: "打疫苗后", "参加完…", "戒烟", "停药时间", "停用…", "距末次放疗"
_ZH_SHORT_OF_LEAD = re.compile(
    r"(?:后|完|以来|戒烟|停药|停用|停止|距今)[^,，;；。]{0,8}$"
    r"|距离?(?:末次|最后一次|上一?次)[^,，;；。]{0,16}$"  # "距上一次冠状血管成形术或支架置入<6个月": since the last one
    r"|(?:起|以来|后)\s*[,，]\s*(?:时间|间隔|相隔|至今)\s*$"  # "从使用…起,时间少于30天": time since it began
    r"|(?:接种|注射|使用|服用)[^,，;；。]{0,12}(?:间隔|相隔)(?:时间)?\s*$"  # "接种其他疫苗间隔少于7天": since that one
    # "入组前不超过6个月确诊", "手术距入组≤4周": no longer than that before the study's own point in time
    r"|(?:入组|入选|随机|筛选|首次给药|给药|用药|服药|首剂|签署知情同意书?|基线|研究开始|试验开始)\s*(?:之)?前\s*$"
    r"|距离?\s*(?:首次|第一次)?(?:入组|入选|随机|筛选|给药|用药|签署知情同意书?|基线|本研究|研究开始|试验开始)(?:的?时间)?\s*$"
    r"|至今\s*$"  # "发病至今不超过3个月": since it began, up to now
    # "首次输注时间距离前一项临床试验结束（末次治疗）时间少于28天": since a past thing ended, up to the study's point
    r"|距离?[^,，;；。]{0,30}(?:结束|完成)(?:\s*[(（][^()（）]{0,12}[)）])?\s*(?:的?时间)?\s*$"
    # "试验给药前曾接受过的药物未超过14天": what was taken before the study's point, no longer ago than that
    r"|(?:入组|入选|随机|筛选|首次给药|给药|用药|服药|首剂|基线)\s*(?:之)?前\s*曾(?:接受|使用|服用|用)过?的?[^,，;；。]{0,8}$"
)
WINDOW_RES.append(_ZH_SHORT_OF)
_ZH_WASHOUT_LEAD = re.compile(r"前[^。;；:：]{0,40}(?:下列|以下|如下)[^。;；:：]{0,20}[:：]")
_WASHOUT_ROW = re.compile(r"[\t:：]\s*[<＜≤]?\s*\d+\s*(?:个月|个星期|星期|周|天|日|年|小时)")


def _under_washout_lead(n: str, original: str, start: int) -> bool:
    """Whether a Chinese clause that is a washout table's row ("小分子靶向药<TAB>＜2周") stands under the table's lead-in
    ("…首次服药前接受了以下治疗：") a few rows above, every line between being a row too (a tab, or a span after a colon)."""
    if not _CJK_CHAR.search(n) or not _ZH_WASHOUT_ITEM.search(n) or _ZH_WASHOUT_LEAD.search(n):
        return False
    lead = max(_ZH_WASHOUT_LEAD.finditer(original, max(0, start - 600), start), key=lambda m: m.end(), default=None)
    if lead is None:  # the nearest lead-in above
        return False
    rows = original[lead.end() : start].split("\n")[1:]
    return all("\t" in row or _WASHOUT_ROW.search(row) for row in rows if row.strip())


# How old a dated thing is ("the diagnosis is older than 12 months", "The child's death must be more than 6 months
# old", "The birth of the child should not be older than 24 months"): a lower bound on the time since it (a duration)
# or, said "not older than", an upper one (a look-back window). Only right after a thing of the dated_things table,
# never a person ("Patients older than 18 years", "11 to no older than 17 years" are ages).
_OLDER_THAN_SPAN = re.compile(
    rf"(?<![a-z])(?P<neg>(?:not|no|never)\s+)?(?:(?P<older>older\s+than)|more\s+than|over|>(?!=))\s*"
    rf"(?P<num>{ANY_NUM})[\s-]*{TIME_UNIT}(?P<old>\s+old(?![a-z]))?"
)


_NEGATION_ENDS = re.compile(r"(?<![a-z])(?:not|no|never)(?![a-z])(?:\s+(?:be|been))?\s*$")  # "should not be older than"


def _window(kind: str, upper, unit: str, event: str, quote: str, *, inclusive=True, confidence=0.6) -> Proposal:
    """A look-back window: the event at most `upper` `unit` ago (`inclusive` unless the text says "less than")."""
    return Proposal(
        kind=kind,
        variable="window",
        upper=upper,
        upper_inclusive=inclusive,
        unit=unit,
        event=event,
        quote=quote,
        confidence=confidence,
    )


def _duration(kind: str, lower, unit: str, event: str, quote: str, *, inclusive=True, confidence=0.5) -> Proposal:
    """A duration: the event at least (or, not `inclusive`, more than) `lower` `unit` ago, or lasting that long."""
    return Proposal(
        kind=kind,
        variable="duration",
        lower=lower,
        lower_inclusive=inclusive,
        unit=unit,
        event=event,
        quote=quote,
        confidence=confidence,
    )


def _dated_thing_ages(n: str, kind: str, span: _Span, taken: list[tuple[int, int]]) -> list[Proposal]:
    """Windows and durations on how old a dated thing is (see _OLDER_THAN_SPAN); spans another reading took are
    left to it."""
    if "old" not in n:
        return []
    proposals: list[Proposal] = []
    for match in _OLDER_THAN_SPAN.finditer(n):
        if len(proposals) >= MAX_WINDOWS:
            break
        if not (match.group("older") or match.group("old")) or any(a <= match.start("num") < b for a, b in taken):
            continue  # "more than 6 months" with no "old" is no age of a thing
        thing = _DATED_THING_BEFORE.search(n, max(0, match.start() - 60), match.start())
        amount = _to_decimal(match.group("num"))
        unit_word = match.group(4)  # TIME_UNIT's group
        unit = WINDOW_UNITS.get(unit_word.rstrip("s")) or WINDOW_UNITS.get(unit_word)
        if thing is None or amount is None or amount <= 0 or unit is None:
            continue
        event = " ".join(n[thing.start() : thing.end()].split())
        event = re.sub(r"(?:\s+(?:is|are|was|were|must|should|be|not|no))+$", "", event)
        quote = span.quote(thing.start(), match.end())
        if match.group("neg") or _NEGATION_ENDS.search(n, thing.start(), match.start()):
            proposals.append(_window(kind, amount, unit, event, quote))
        else:
            proposals.append(_duration(kind, amount, unit, event, quote, inclusive=False, confidence=0.6))
    return proposals


# The time from a past event to the study's own point, bounded above ("The interval from operation to adjuvant
# treatment is no more than 10 weeks", "The duration from the end of radical surgery to the beginning of the trial is
# less than 1 month", "手术与随机化之间不能超过 26 周"): how long ago the event may be at that point, a look-back window
_INTERVAL_TO_POINT = re.compile(
    r"(?<![a-z])(?:interval|time|duration|period|delay)\s+from\s+(?P<event>(?:(?!\s(?:to|until)\s)[^.;:\d]){1,80})"
    r"\s+(?:to|until)\s+(?P<point>(?:(?!\s(?:is|must|should|shall|will)\s)[^.;:\d]){1,60})\s+"
    r"(?:(?:is|must be|should be|shall be|will be|must not be|should not be|of)\s+)?"
    r"(?P<op>no more than|not more than|no longer than|not longer than|less than|fewer than|shorter than|up to|at most"
    rf"|within|not (?:to )?exceed(?:ing)?|≤|<=|<(?!=))\s*(?P<num>{ANY_NUM})[\s-]*{TIME_UNIT}"
)
_POINT_IS_THE_STUDYS = re.compile(
    r"(?<![a-z])(?:start|beginning|initiation|adjuvant)(?![a-z])|^(?:the\s+)?(?:first|initial)\s+(?:dose|administration)"
)
_ZH_INTERVAL_TO_POINT = re.compile(
    r"(?:与|和|到|至)\s*(?:首次|第一次)?(?:随机化?|入组|入选|筛选|给药|用药|研究治疗|签署知情同意书?|研究开始|试验开始)"
    r"(?:日期|时间)?\s*(?:之间|之间的?(?:间隔|时间)|的?(?:间隔|时间间隔|时间))\s*"
    r"(?P<op>不能超过|不得超过|不应超过|不超过|不大于|不长于|≤|<(?!=)|少于|小于|短于|不足|不到)\s*"
    r"(?P<num>" + CN_NUM + r")\s*(?P<unit>" + ZH_TIME_UNIT + r")"
)


def _intervals_to_the_study(n: str, kind: str, span: _Span, taken: list[tuple[int, int]]) -> list[Proposal]:
    """Look-back windows from the time between a past event and the study's point (see _INTERVAL_TO_POINT)."""
    proposals: list[Proposal] = []
    matches = []
    if "from" in n:
        matches += [m for m in _INTERVAL_TO_POINT.finditer(n)]
    if "间" in n or "时间" in n:
        matches += [m for m in _ZH_INTERVAL_TO_POINT.finditer(n)]
    for match in matches[:MAX_WINDOWS]:
        if any(a <= match.start("num") < b for a, b in taken):
            continue
        if "point" in match.groupdict():
            point = match.group("point")
            if not (_STUDY_POINT.search(point) or _POINT_IS_THE_STUDYS.search(point)):
                continue  # "the time from diagnosis to the first relapse": two past events
            event = " ".join(match.group("event").split())
            unit_word = match.group(match.lastindex)
        else:
            event = n[max(0, match.start() - 12) : match.start()].strip()
            event = re.split(r"[,，;；。、]", event)[-1]
            unit_word = match.group("unit").replace(" ", "")
        amount = _to_decimal(match.group("num"))
        unit = WINDOW_UNITS.get(unit_word.rstrip("s")) or WINDOW_UNITS.get(unit_word)
        if amount is None or amount <= 0 or unit is None or not event:
            continue
        strict = bool(re.fullmatch(r"less than|fewer than|shorter than|<|少于|小于|短于|不足|不到", match.group("op")))
        quote_start = max(0, match.start() - len(event)) if "point" not in match.groupdict() else match.start()
        proposals.append(_window(kind, amount, unit, event, span.quote(quote_start, match.end()), inclusive=not strict))
    return proposals


# A span given with both its minimum and its maximum ("(at least 3 to 9 months)", "3 weeks at minimum up to 8 weeks at
# maximum", "a minimum of 4 and a maximum of 12 weeks"), said of the time since a past event ("response after initiation
# of brigatinib (at least 3 to 9 months)") or of the period up to the study's point ("The period up to the post-operative
# randomization can be …"): at least the lower end since it (a duration) and at most the upper end (a window), as a
# range before "ago" or "after" is read (guideline v2). Without such a lead-in ("treatment for at least 3 to 9 months")
# nothing says what the span counts from, and a plan or a requirement still to come is no bound.
_SPAN_UNIT = r"(?:days?|weeks?|months?|years?)(?![a-z])"
_MINIMUM_TO_MAXIMUM = re.compile(
    rf"(?<![a-z])(?:at\s+least|a\s+minimum\s+of|minimum(?:\s+of)?)\s+(?P<lo>{ANY_NUM})\s*(?:(?P<lo_unit>{_SPAN_UNIT})\s*)?"
    rf"(?:to|-|–|and\s+a\s+maximum\s+of|up\s+to)\s*(?P<hi>{ANY_NUM})[\s-]*(?P<hi_unit>{_SPAN_UNIT})"
    rf"|(?<![a-z0-9.])(?P<lo2>{ANY_NUM})[\s-]*(?P<lo2_unit>{_SPAN_UNIT})\s+(?:at\s+(?:the\s+)?)?minimum\s*,?\s*"
    rf"(?:and\s+)?(?:up\s+)?to\s+(?P<hi2>{ANY_NUM})[\s-]*(?P<hi2_unit>{_SPAN_UNIT})"
)
_SINCE_A_PAST_EVENT_LEAD = re.compile(
    r"(?<![a-z])(?:after|since|following|post)\s+(?!(?:the\s+)?(?:study|trial|randomi|enrol|screening|inclusion|entry"
    r"|first dose|consent))(?P<event>[a-z][^.;:()\[\]]{0,60}?)\s*[(\[]\s*$"
    r"|(?<![a-z])(?P<period>period|interval|time)\s+(?:up\s+to|until|before|to)\s+(?P<point>[^.;:]{1,60}?)"
    r"\s+(?:can|must|should|may|shall|is|will)\s+(?:\w+\s+){0,2}$"
)


def _minimum_to_maximum_spans(
    n: str, kind: str, span: _Span, taken: list[tuple[int, int]], read: list[tuple[int, int]]
) -> list[Proposal]:
    """The duration and the window of a span given with its minimum and its maximum (see _MINIMUM_TO_MAXIMUM); the
    spans read are added to ``read``."""
    proposals: list[Proposal] = []
    if "minimum" not in n and "least" not in n:
        return proposals
    for match in _MINIMUM_TO_MAXIMUM.finditer(n):
        if len(proposals) >= MAX_WINDOWS or any(a <= match.start() < b for a, b in taken):
            continue
        two = match.group("lo2") is not None
        lo = _to_decimal(match.group("lo2" if two else "lo"))
        hi = _to_decimal(match.group("hi2" if two else "hi"))
        hi_unit = _TIME_UNIT_WORD.get(match.group("hi2_unit" if two else "hi_unit"))
        lo_unit = _TIME_UNIT_WORD.get(match.group("lo2_unit" if two else "lo_unit") or match.group("hi_unit") or "")
        if not (lo and hi and lo_unit and hi_unit) or lo <= 0 or (lo_unit == hi_unit and lo >= hi):
            continue
        sentence_start = max([m.end() for m in _BOUNDARY.finditer(n, max(0, match.start() - 160), match.start())] + [0])
        lead = _SINCE_A_PAST_EVENT_LEAD.search(n, max(sentence_start, match.start() - 120), match.start())
        if not lead or _intends_before(n, sentence_start, match.start(), match.end()):
            continue
        event = lead.group("event") or lead.group("point")
        event = " ".join(event.split())
        quote = span.quote(lead.start(), match.end())
        proposals.append(_duration(kind, lo, lo_unit, event, quote, confidence=0.5))
        proposals.append(_window(kind, hi, hi_unit, event, quote, confidence=0.5))
        read.append((match.start(), match.end()))
    return proposals


# An event named right before a span short of it, with nothing after ("Acute ankle sprain less than 3 months", "Epileptic
# seizure < 2 years", "hemodynamic assessment <6 months"): how long ago it was, a strict look-back window. Only a window
# event of the events table or a past test, right before the span; a person's age, a life expectancy or a stay has no
# such word there.
# ("exacerbation/respiratory infection ≤ 4 weeks", "oral/parenteral/depot corticosteroids ≤ 6 months": the same row
# with an inclusive bound, inclusive as written)
_SHORT_OF_SPAN_AT_END = re.compile(
    rf"(?P<op><(?!=)|less than|under|≤|<=)\s*({ANY_NUM})[\s-]*{TIME_UNIT}(?=\s*(?:$|[.;,)\]]|\s(?:and|or)\s))"
)
# "symptoms in ≤2 days and use of rescue medication ≤2 days per week": days counted in a week (how often), said once
# for the whole sentence; no look-back
_DAYS_A_WEEK_AHEAD = re.compile(r"[^.;]{0,60}?(?<![a-z])days?\s*(?:/\s*|per\s+|an?\s+|each\s+)(?:week|wk)(?![a-z])")
_EVENT_END_BEFORE = re.compile(r"[a-z\u4e00-\u9fff)]\s*(?:(?:is|was|of|for)\s+)?$")
_LENGTH_WORDS_BEFORE = re.compile(r"(?<![a-z])(?:duration|length|lasting|lasted|stay\w*|for|during|age[sd]?)(?![a-z])")


def _events_short_of_a_span(n: str, kind: str, span: _Span, taken: list[tuple[int, int]]) -> list[Proposal]:
    """Strict look-back windows on an event named right before "less than N" (see _SHORT_OF_SPAN_AT_END)."""
    if "<" not in n and "less than" not in n and "under" not in n and "≤" not in n:
        return []
    proposals: list[Proposal] = []
    for match in _SHORT_OF_SPAN_AT_END.finditer(n):
        if len(proposals) >= MAX_WINDOWS:
            break
        if any(a <= match.start(2) < b for a, b in taken):
            continue
        phrase_start = max(
            [m.end() for m in re.finditer(r"[.;,:(\[]|\s-\s", n[max(0, match.start() - 60) : match.start()])] + [0]
        )
        phrase_start += max(0, match.start() - 60)
        phrase = n[phrase_start : match.start()]
        if not _EVENT_END_BEFORE.search(phrase) or _LENGTH_WORDS_BEFORE.search(phrase):
            continue
        found = [  # each event's last words in the phrase ("LABA/oral β2 agonist/ theophylline": the last one named)
            (m, label)
            for pattern, label in _EVENT_RES
            if label
            for m in [max(pattern.finditer(phrase), key=lambda hit: hit.end(), default=None)]
            if m
        ]
        found += [(m, m.group()) for m in [_PAST_TEST.search(phrase)] if m]
        last, label = max(found, key=lambda hit: hit[0].end(), default=(None, ""))
        if last is None or len(phrase) - last.end() > 4:
            continue  # the event's words must end the phrase: "Acute ankle sprain less than …"
        amount = _to_decimal(match.group(2))
        unit = WINDOW_UNITS.get(match.group(3).rstrip("s")) or WINDOW_UNITS.get(match.group(3))
        if amount is None or amount <= 0 or unit is None:
            continue
        if unit == "days" and _DAYS_A_WEEK_AHEAD.match(n, match.start(3)):
            continue  # "symptoms ≤2 days and rescue use ≤2 days per week": how often
        if match.group("op") in ("≤", "<=") and label == "treatment":
            continue  # "use of rescue medication ≤2 days": with an inclusive sign, only a named event's row is read
        proposals.append(
            _window(
                kind,
                amount,
                unit,
                label,
                span.quote(phrase_start + len(phrase) - len(phrase.lstrip()), match.end()),
                inclusive=match.group("op") in ("≤", "<="),
                confidence=0.5,
            )
        )
    return proposals


# How long since menopause inside a definition of who can have children ("A female of childbearing potential is a
# sexually mature female who: … has not been naturally postmenopausal for at least 12 consecutive months",
# "Postmenopausal is defined as: amenorrheic for 1 year or more …", "women within 2 years of menopause", "则认为该名女性
# 已绝经"): what the word means for the contraception rules, no criterion. "Female patients who: are postmenopausal for
# at least 1 year before the screening visit" is one (a duration).
_MENOPAUSE = re.compile(TABLES.menopause_words or r"(?!x)x")
_MENOPAUSE_DEFINED_BY = re.compile(TABLES.menopause_defined_by or r"(?!x)x")


_LEAD_IN_COLON = re.compile(r"[:：][\s*•·\-–]*$")
_SENTENCE_ENDS = re.compile(r"[.;。；](?=\s)")


def _lead_in_before(original: str, start: int) -> str:
    """The sentence right before a list item when it ends in a colon ("…using one of the following acceptable means
    of birth control throughout the study: * Post-menopausal for at least two years"), else "": the item's lead-in
    on a line of its own or in one run of text. Looks back 300 characters, then over up to six whole lines above that
    are items of the same list ("…one of the following criteria at screening:\n* Post-menopausal defined as …\n*
    Women under 50 years old would be considered …": the second item's lead-in is the first one's)."""
    before = original[max(0, start - 300) : start]
    colon = _LEAD_IN_COLON.search(before)
    if colon is None:
        position = original.rfind("\n", max(0, start - _LINE_REACH), start) + 1
        for _ in range(6):
            if position <= 1:
                return ""
            line_start = original.rfind("\n", max(0, position - 1 - _LINE_REACH), position - 1) + 1
            if not line_start and position - 1 > _LINE_REACH:
                return ""  # a line longer than the reach: no lead-in read
            line = original[line_start : position - 1].rstrip()
            if _LEAD_IN_COLON.search(line):
                before, colon = line, _LEAD_IN_COLON.search(line)
                break
            if not _LIST_ITEM_LINE.match(line):
                return ""
            position = line_start
        else:
            return ""
    ends = [m.end() for m in _SENTENCE_ENDS.finditer(before, 0, colon.start())]
    return before[ends[-1] if ends else 0 : colon.start()]


_LINE_REACH = 2_000  # characters looked back for a line's start: a long line with no break is read as ending there
_LIST_ITEM_LINE = re.compile(r"[ \t]*(?:[*•·\-–]|\d{1,2}[.)、]|[a-z][.)])[ \t]")


def _line_above_less_indented(original: str, line_start: int) -> str:
    """The nearest line above the line starting at ``line_start`` that is indented less (its enclosing item), else ""."""
    line_end = original.find("\n", line_start, line_start + _LINE_REACH)
    own = original[line_start : line_end if line_end >= 0 else line_start + _LINE_REACH]
    indent = len(own) - len(own.lstrip(" \t"))
    position = line_start - 1
    for _ in range(20):
        if indent == 0 or position <= 0:
            return ""
        previous_start = original.rfind("\n", max(0, position - _LINE_REACH), position) + 1
        if not previous_start and position > _LINE_REACH:
            return ""  # a line longer than the reach: no enclosing item read
        previous = original[previous_start:position]
        if previous.strip() and len(previous) - len(previous.lstrip(" \t")) < indent:
            return previous.strip()
        position = previous_start - 1
    return ""


def _menopause_context(clause: Clause, original: str, start: int) -> str:
    """What a clause on menopause stands under: its parent line and the item that line belongs to ("18. A woman is
    eligible if she is no longer likely to procreate …" above "Post-menopausal women:" above the clause), or its
    lead-in sentence."""
    parent = _parent_text(clause, original)
    if not parent:
        return _lead_in_before(original, start).lower()
    at = original.rfind(parent, max(0, clause.start - 40 * _LINE_REACH), clause.start)
    above = (
        _line_above_less_indented(original, original.rfind("\n", max(0, at - _LINE_REACH), at) + 1) if at >= 0 else ""
    )
    return (parent + " " + above).lower()


# a sentence ends at a stop, a colon, a table cell or a new list item (a line break alone is often a wrap)
_AGE_SENTENCE_ENDS = re.compile(r"[.;:](?=\s)|[。；：|]|\n(?=[ \t]*(?:[*•·\-–]|\d{1,2}[.)、])[ \t])|\n[ \t\r]*\n")


def _without_menopause_definitions(
    proposals: list[Proposal], clause: Clause, n: str, original: str, start: int, end: int
) -> list[Proposal]:
    """The clause's windows and durations less those on time since menopause when the clause or its lead-in defines
    who can have children (see _MENOPAUSE_DEFINED_BY); and its ages said with menopause in one sentence ("Women < 50
    years old: they would be considered post-menopausal if …", "be over 45 years of age", "age ≥ 50 and
    post-menopausal as defined by amenorrhea"), when that sentence or the lead-in defines (an age the clause asks of
    everyone, "Postmenopausal women aged 50-75", stays)."""
    if not _MENOPAUSE.search(n):
        return proposals
    parent = _menopause_context(clause, original, start)
    defined_in_context = bool(_MENOPAUSE_DEFINED_BY.search(parent))
    if not (_MENOPAUSE_DEFINED_BY.search(n) or defined_in_context):
        return proposals
    kept = []
    for proposal in proposals:
        at = original.find(proposal.quote, start, end) if proposal.quote else -1
        near = original[max(start, at - 60) : at + len(proposal.quote) + 30].lower() if at >= 0 else ""
        if proposal.variable in ("window", "duration") and _MENOPAUSE.search(near):
            continue
        if proposal.variable == "age" and at >= 0:
            starts = [m.end() for m in _AGE_SENTENCE_ENDS.finditer(original, max(start, at - 200), at)]
            sentence_end = _AGE_SENTENCE_ENDS.search(original, at + len(proposal.quote), min(end, at + 300))
            # "Women < 50 years old: they would be considered …": the sentence goes on past the colon after an age
            if sentence_end and original[sentence_end.start()] in ":：":
                sentence_end = _AGE_SENTENCE_ENDS.search(original, sentence_end.end(), min(end, at + 300))
            sentence = original[
                starts[-1] if starts else max(start, at - 200) : sentence_end.start()
                if sentence_end
                else min(end, at + 300)
            ].lower()
            if _MENOPAUSE.search(sentence) and (defined_in_context or _MENOPAUSE_DEFINED_BY.search(sentence)):
                continue
        kept.append(proposal)
    return kept


# English washout lists: a lead-in ending in a colon says what is not to have been taken and that the rows give the
# times before a point ("Fulfillment of washout criteria by not using any of the medications listed below for the
# specified times prior to Day 0:", "The following medications are not allowed within the periods below before
# randomisation:"), then each row names a drug and a span ("Oral corticosteroids for 4 weeks;", "Salmeterol: 9 days"):
# the span is how long ago the drug was last taken at most, a look-back window in the clause's list, not a duration
_EN_WASHOUT_LEAD_WORDS = re.compile(TABLES.washout_leads or r"(?!x)x")
_EN_WASHOUT_LEAD_TIME = re.compile(
    r"(?<![a-z])(?:prior|before|preceding|within|times?|periods?|intervals?|time\s+frames?)(?![a-z])"
)
_EN_WASHOUT_LEAD_END = re.compile(r":[ \t]*\r?\n")  # the lead-in's colon ends its line
_EN_WASHOUT_ROW_SPAN = re.compile(
    rf"(?:(?<![a-z])for|[:\t\u2013\u2014-])\s*(?:at\s+least\s+|a\s+minimum\s+of\s+|≥\s*|>=\s*)?({NUM})\s*"
    rf"({_EN_TIME_UNIT_WORDS})(?![a-z])(?=\s*(?:[(][^()\n]{{0,40}}[)]\s*)?[.;,]?\s*(?:(?:and|or)\s*)?$)"
)  # the row's span ends it: "… for 4 weeks;", "…: 9 days; and"
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")


def _under_en_washout_lead(n: str, original: str, start: int) -> bool:
    """Whether an English clause that ends in a span of time ("Oral corticosteroids for 4 weeks;") is a row of a
    washout list: the nearest line above it ending in a colon is a lead-in with washout words and a time (see
    _EN_WASHOUT_LEAD_WORDS), and every paragraph between them is a row ending in a span too. Looks back 1,500
    characters at most."""
    if _CJK_CHAR.search(n) or not _EN_WASHOUT_ROW_SPAN.search(n.rstrip()):
        return False
    low = max(0, start - 1_500)
    lead_end = max(
        (m for m in _EN_WASHOUT_LEAD_END.finditer(original, low, start)), key=lambda m: m.end(), default=None
    )
    if lead_end is None:
        return False
    lead_start = max(
        [m.end() for m in _PARAGRAPH_BREAK.finditer(original, max(low, lead_end.start() - 400), lead_end.start())]
        + [max(low, lead_end.start() - 400)]
    )
    lead = " ".join(original[lead_start : lead_end.start()].lower().split())
    if not (_EN_WASHOUT_LEAD_WORDS.search(lead) and _EN_WASHOUT_LEAD_TIME.search(lead)):
        return False
    rows = _PARAGRAPH_BREAK.split(original[lead_end.end() : start])
    return all(_EN_WASHOUT_ROW_SPAN.search(" ".join(row.lower().split())) for row in rows if row.strip(" \t\r\n*-•·"))


def washout_row(clause: Clause, original: str) -> bool:
    """Whether a clause is a row of an English washout list (see _under_en_washout_lead): its window says the drug was
    *not* taken in that time, as the lead-in above it says, so drafting reads it as free of the drug that long."""
    try:
        start, end = max(0, clause.start), min(len(original), clause.end)
        n = _normalise(original, start, end)[0]
        return _under_en_washout_lead(n, original, start)
    except Exception:  # the contract: never raise
        return False


def _washout_rows_as_windows(n: str, kind: str, span: _Span, proposals: list[Proposal]) -> list[Proposal]:
    """A washout list's row read as a look-back window: its duration ("for 4 weeks") becomes the window's bound; a row
    with no proposal at all ("Salmeterol: 9 days") gets one from its span, the row's words before it its event."""
    rows = []
    for proposal in proposals:
        if proposal.variable == "duration":
            proposal = dataclasses.replace(
                proposal,
                variable="window",
                lower=None,
                lower_inclusive=None,
                upper=proposal.lower,
                upper_inclusive=bool(proposal.lower_inclusive),
            )
        rows.append(proposal)
    if any(p.variable == "window" for p in rows):
        return rows
    text = n.rstrip()
    found = _EN_WASHOUT_ROW_SPAN.search(text)
    amount = _to_decimal(found.group(1)) if found else None
    unit_word = found.group(2) if found else ""
    unit = WINDOW_UNITS.get(unit_word.rstrip("s")) or WINDOW_UNITS.get(unit_word)
    event = " ".join(text[: found.start()].strip(" :-\t").split()) if found else ""
    if amount is None or amount <= 0 or unit is None or not event:
        return rows
    return rows + [_window(kind, amount, unit, event, span.quote(0, found.end()))]


# Chinese: a span before a reference point with no 内 ("试验前3个月每日吸烟量多于5支", "筛选前6个月有慢性感染史", "治疗开始前4周
# 接受过…", "本试验开始前3个月中,受试者曾使用过…") is a look-back when a past event follows it; "前2周至…" is a range and
# "前3个月的血压" no event.
WINDOW_RES.append(
    re.compile(
        r"(?:试验|筛选|给药|用药|服药|药物|治疗|研究|入组|随机|基线|访视|开始|知情同意书?|首剂|首次|第\s*1\s*天)\s*(?:之)?前\s*的?"
        r"\s*(" + CN_NUM + r")\s*(" + ZH_TIME_UNIT + r")"
        r"(?:\s*(?:中|期间)(?=\s*[,，])|(?=\s*(?:[(（][^()（）]{0,30}[)）]\s*)?[,，]?\s*(?:曾|有(?!效)|使用|接受|参加|参与|服用|每日|每天|平均|发生|患|献|吃|饮"
        r"|吸|出现|进行(?:过|了)|住院)))"
    )
)
WINDOW_RES += [
    _ZH_DISEASE_DURATION,
    re.compile(r"(?<![a-z])(?:past|last|previous)\s+(half)\s+(?:a\s+)?(year)(?![a-z])"),  # "the last half year"
    # "over the 14 weeks preceding study entry", "during the 6 months prior to the study", "with in the 2 weeks prior"
    re.compile(
        rf"(?<![a-z])(?:with\s?in|during|in|over)\s+the\s+({ANY_NUM})[\s-]*{TIME_UNIT}\s+(?:preceding|before|prior)"
        r"(?![a-z])" + REFERENCE_POINT
    ),
    # "less than two months post coronary revascularization", "performed ... for less than 2 years" (ago),
    # "duration of diagnosis less than (<) 7 years": strict look-backs
    # "≤ 4 weeks from major surgery": a bounded time since an event (inclusive unless "<" or "less than")
    re.compile(
        rf"(?<![a-z])(?:less than|fewer than|no more than|up to|<|≤|<=)\s*({ANY_NUM})[\s-]*{TIME_UNIT}"
        r"\s+(?:post|since|from)(?![a-z])"
    ),
    # "<14 months after onset of cough", "less than 3 months following surgery": time since a past event, bounded
    re.compile(
        rf"(?<![a-z])(?:less than|fewer than|no more than|up to|<|≤|<=)\s*({ANY_NUM})[\s-]*{TIME_UNIT}\s+(?:after|following)\s+"
        # ("< 28 days after the acute brain injury": two words may qualify the event)
        r"(?=(?:the\s+)?(?:(?:first|initial)\s+)?(?:[a-z]+\s+){0,2}(?:onset|diagnosis|surgery|operation|transplant\w*|stroke"
        r"|myocardial infarction|injury|delivery|childbirth)(?![a-z])"
        # "randomised ≤ 8 weeks after the last dose of platinum": the last dose of a past treatment, not the study's
        r"|(?:the\s+|their\s+)?(?:last|final|most recent)\s+(?:dose|cycle|course|administration|infusion)\s+of\s+"
        r"(?!(?:the\s+)?(?:study|investigational|trial|imp(?![a-z])))[a-z])"
    ),
    _UPPER_BEFORE_A_POINT,
    # "surgery in the 3 previous months", "during the three last months" (the word order of many translated records)
    re.compile(
        rf"(?<![a-z])(?:within|during|in|over)\s+the\s+({ANY_NUM})\s+(?:last|past|previous|preceding)\s+{TIME_UNIT}"
    ),
    # "myocardial infarction dating back less than 6 months": time since the event, bounded above
    re.compile(
        rf"(?<![a-z])dat(?:ing|es?)\s+back\s+(?:to\s+)?(?:less than|fewer than|no more than|up to|<(?!=)|≤|<=)\s*"
        rf"({ANY_NUM})[\s-]*{TIME_UNIT}"
    ),
    # "Receipt of antibiotics in ≤30 days", "surgery within < 2 weeks": the look-back's span said with a comparison
    re.compile(
        rf"(?<![a-z])(?:in|within|during)\s+(?:the\s+(?:last|past|previous|preceding)\s+)?"
        rf"(?:≤|<=|<(?!=)|less than|no more than|not more than|up to)\s*({ANY_NUM})[\s-]*{TIME_UNIT}"
    ),
    # "for less than 2 years", "for a period less than four months", "ventilation for < 1 week"
    re.compile(
        rf"(?<![a-z])(?:for|since)\s+(?:a\s+(?:period|duration)\s+(?:of\s+)?)?(?:less than|<(?!=))\s*({ANY_NUM})"
        rf"[\s-]*{TIME_UNIT}"
    ),
    # "renal transplant less than one year old", "coronary disease less than 2 years old": how old an event is, a
    # look-back on it (strict as written; a person "less than 2 years old" is an age, see _AGED_EVENT_BEFORE)
    _EVENT_LESS_THAN_OLD,
    # "dependence past 6 months", "last 3 months": the look-back words with no preposition (tried last)
    re.compile(
        rf"(?<![a-z])(?:past|last|previous|preceding|the\s+prior)\s+({ANY_NUM})[\s-]*{TIME_UNIT}" + REFERENCE_POINT
    ),
    # "ceased smoking <3 months duration", "abstinence of ≤6 months": time since stopping, bounded above
    re.compile(
        rf"(?:(?<![a-z])(?:abstinen\w*|abstain\w*|quit\w*|stopped|ceased|cessation|discontinu\w*)(?:\s+[a-z-]+)?\s+"
        rf"(?:of\s+|for\s+)?(?:<(?!=)|≤|<=|less than|fewer than|no more than|up to|under)\s*({ANY_NUM})[\s-]*{TIME_UNIT}"
        rf"|(?:<(?!=)|≤|<=|less than|fewer than|no more than|up to)\s*({ANY_NUM})[\s-]*{TIME_UNIT}\s+(?:in\s+)?duration)"
    ),
    # "no current or past year Axis I disorder", "past-month cocaine use": the look-back as an adjective
    re.compile(r"(?<![a-z])past[\s-](year|month|week)(?![a-z])"),
]
# "heartburn for 2 days or more during the last 7 days": a frequency's period, not a window
FREQUENCY_BEFORE = re.compile(
    # ("any 10 mornings and 10 evenings in the last 14 days": diary entries counted in a period)
    rf"(?<![a-z]){ANY_NUM}\s*(?:days?|times|episodes?|nights?|attacks?|mornings?|evenings?|occasions?)\s*"
    r"(?:(?:or|and) (?:more|less|fewer|above|over)\s*)?"
    r"(?:(?:/\s*|a\s+|per\s+)(?:week|month)\s*)?(?:(?:during|in|within|over|of)\s+(?:the\s+)?)?$"
    # "150 minutes of activity per week in 3 months prior": a rate's period
    r"|(?<![a-z])(?:per|a|/)\s*(?:day|week|month)\s+(?:(?:during|in|within|over|of)\s+(?:the\s+)?)?$"
    # "attacks on at least 3 of the last 7 days", "on 2 or more of the past 14 nights": days counted out of a period
    rf"|(?<![a-z])(?:on\s+)?(?:at least|≥|>=|more than|over)?\s*{ANY_NUM}\s+(?:(?:or|and) (?:more|fewer|less)\s+)?"
    r"(?:out\s+)?of\s+(?:the\s+)?$"
)
_PER_PERIOD = re.compile(r"(?:per|a|/)\s*(?:day|week|month)(?![a-z])")  # the rate alternative of FREQUENCY_BEFORE
_PAST_OR_LAST = re.compile(r"(?<![a-z])(?:past|last)(?![a-z])")
_CONSUMED_AT_A_RATE = re.compile(r"(?<![a-z])(?:" + (TABLES.consumed_at_a_rate or r"(?!x)x") + r")")
_COURSE_OF_DAYS_BEFORE = re.compile(
    rf"(?<![a-z])for\s+(?:(?:more|longer|greater) than\s+|at least\s+|over\s+|≥\s*|>=?\s*)?{ANY_NUM}\s*days?\s+"
    r"(?:(?:or|and) (?:more|longer)\s+)?(?:during|in|within|over)\s+(?:the\s+)?$"
)
_EVENTS_COUNTED = re.compile(r"(?<![a-z])(?:times|episodes?|attacks?|events?)(?![a-z])")
# "more than 3 episodes of anaphylaxis within the past year", "≥ 2 courses of oral steroids in the past 6 months": a
# count of two or more over a period (no days-since question can ask it); "at least one ... in the past 3 months" is a
# window. "一周内出现≥3次症状性低血糖": the count follows the period in Chinese.
COUNT_BEFORE = re.compile(
    rf"(?<![a-z])(?P<op>more than|over|at least|≥|>=|>|)\s*(?P<count>{ANY_NUM})\s+"
    r"(?!(?:hours?|days?|nights?|weeks?|months?|years?)(?![a-z]))(?:[a-z-]+\s+){0,2}"  # "72 hours of hospitalization": a length
    r"(?:episodes?|attacks?|events?|times|occasions?|occurrences|exacerbations?|flares?|hospitali[sz]ations?"
    r"|admissions?|courses?|bursts?|relapses?|treatments|prescriptions|infections)(?![a-z])(?:\s+of)?[^.;,:()]{0,40}$"
)
COUNT_AFTER_CN = re.compile(
    r"\s*[\u4e00-\u9fff]{0,4}?\s*(?P<op>≥|>|大于|超过|多于|至少|)\s*(?P<count>\d+|[一两二三四五六七八九十])\s*次"
)
# "Platelets ≥ 100 000/uL (collected within 10 days prior to the start of study treatment)": the value's sample said,
# in its own bracket, to have been taken in a look-back is a past test dated by it, a window (guideline v2); a value
# followed by a bare "within 10 days" stays the value's timing, and "must be collected within" a step of the study
_SAMPLE_TAKEN_BEFORE = re.compile(r"[(（\[]\s*(?:collected|obtained|drawn|taken|measured|assessed)\s+$")
# "≤ 200/μL within 10 days", "2.0 mg/dL (via clinical record within the past 6 months": a lab value's timing
LAB_UNIT_BEFORE = re.compile(
    r"(?:mg/dl|g/dl|g/l|mmol/l|[µμu]mol/l|/[µμu]l|/mm3|/l(?![a-z])|ml/min|mmhg|iu/ml|ng/ml|pg/ml)"
    r"[^.;,]{0,25}$"
)


# A look-back anchor in a window's words: "in the past 6 months", "prior to inclusion", "筛选前6个月内", "近3个月"
_LOOK_BACK_WORDS = re.compile(
    r"(?<![a-z])(?:past|last|previous|preceding|prior|former|before|recent)(?![a-z])|^前|前\s*(?:\d|[一两二三四五六七八九十半])|近|过去|最近"
)


def _counts_several(n: str, start: int, end: int, amount: Decimal | None = None, unit: str = "") -> bool:
    """Whether the window n[start:end] is the period a count of two or more is counted over, a rate and no look-back:
    over the count variables' 12 months ("more than 3 episodes of anaphylaxis within the past year") or over a period
    with no look-back anchor ("一周内出现≥3次症状性低血糖"). Counted back from a point over another period, the events
    fall in a look-back window ("at least 3 episodes within the 3 months prior to inclusion", "筛选前6个月内曾发生3次
    或3次以上严重低血糖"), as a count of hospitalisations over 3 months is "just a window"."""
    if amount is not None and (str(amount.normalize()), unit) not in TWELVE_MONTHS:
        before = n[max(0, start - 4) : start]
        if _LOOK_BACK_WORDS.search(n[start:end]) or re.search(r"前\s*$", before):
            return False
    match = COUNT_BEFORE.search(n, max(0, start - 90), start) or COUNT_AFTER_CN.match(n, end)
    if not match:
        return False
    count = _to_decimal(match.group("count"))
    if count is None:
        return False
    strict = match.group("op") in ("more than", "over", ">", "大于", "超过", "多于")
    return count >= 2 or (strict and count >= 1)


# "duration of diagnosis less than (<) 7 years": a strict look-back, only after "duration of ..." (the words between
# name the event)
DURATION_LESS_THAN = re.compile(
    r"(?:less than|<(?!=)|≤|<=|no more than|not more than|no greater than|not greater than|no longer than"
    rf"|not longer than|at most|up to)\s*(?:\(\s*(?:<|≤|<=)\s*\)\s*)?({ANY_NUM})[\s-]*{TIME_UNIT}"
)  # "disease duration ≤ 5 years": an upper bound on time since onset, inclusive as written
DURATION_OF_BEFORE = re.compile(
    r"(?<![a-z])duration of (?:the )?[a-z]+(?: [a-z]+){0,2}\s*$|(?<![a-z])duration(?:\s+of|\s+is|\s+was)?\s*$"
    # "onset of symptoms < 14 days", "time since diagnosis ≤ 2 years": how long ago it began, bounded above
    r"|(?<![a-z])(?:onset|time since (?:the\s+)?(?:onset|diagnosis))(?:\s+of\s+(?:the\s+)?[a-z]+(?:\s+(?!at\b|ages?\b)[a-z]+){0,2})?\s*:?\s*$"
    rf"|(?<![a-z])(?:for|duration(?:\s+of)?)\s+(?:more than|at least|over|≥|>=|>)\s*{ANY_NUM}[\s-]*{TIME_UNIT}"
    # "for a duration of at least 6 months (to ensure stability), but no greater than 10 years": a remark between
    r"(?:\s*\([^()]{0,80}\))?\s*,?\s*(?:and|but)\s+$"
)
WINDOW_RES.append(DURATION_LESS_THAN)
STRICT_WINDOW = re.compile(r"(?<![a-z=])(?:<(?!=)|less than|fewer than)|不足|不到|未满|不满|少于|小于")
STRICT_OR_AT_MOST = re.compile(r"≤|<=|<|less than|no more than|at most")  # a span said with a comparison
STRICT_BEFORE = re.compile(r"(?<![a-z=])(?:<(?!=)|less than|fewer than)\s*$")
WINDOW_NOT_AFTER = re.compile(
    r"^\s*(?:after|following|post|of (?:the )?(?:last|final)|from (?:the )?(?:last"
    r"|end)|后|之后|(?:or|and)\s+after|(?:before|prior to)\s+or\s+after"  # "within 90 days before or after": around
    # "自筛选前14天内至试验结束后3个月内" (避孕): a span reaching past the study; "前12个月内有生育计划": a plan;
    # "(最近5年中未复发的恶性肿瘤除外)": an exception
    r"|(?:至|到)[^,，;；。]{0,12}(?:结束|后)|(?:有|无)?(?:(?!或)[\u4e00-\u9fff]){0,2}(?:计划|打算)|[^,，;；。()（）]{0,20}除外"
    r"|(?:有|无)?(?:生育|妊娠|怀孕|手术)(?:要求|需求|意愿|愿望))"  # "半年内有生育要求": a wish still to come
)
# "筛选前6个月内胸部放射学检查显示…", "within 12 weeks, a chest X-ray showing …": how recent a test's finding is, not
# when an event happened
TEST_RESULT_AFTER = re.compile(
    r"[^.;。；]{0,20}?(?:检查|检测|影像|x\s*线|(?<![a-z])ct(?![a-z])|扫描|活检|x-?rays?|scans?|imaging|radiograph\w*)"
    r"(?!学?证据)[^.;。；]{0,6}?(?:显示|发现|提示|证实|表明|show\w*|reveal\w*|demonstrat\w*)"
    # "访视1前4周内的当地实验室检查结果", "随机前12个月内存档样本": when a test was done or a sample taken
    # ("近1个月内消化道出血或粪隐血检查结果阳性": the test is the other alternative, after 或, and the event has its window)
    r"|\s*(?:的|进行的|内的)?[^,，;；。或和及、]{0,8}(?:实验室|化验|检查结果|检测结果|样本|标本)"
)
RESULT_AFTER = re.compile(r"\s*[,(]?\s*(?:show\w*|reveal\w*|demonstrat\w*|显示|发现|提示)")
TEST_BEFORE = re.compile(
    r"(?:检查|检测|影像|x\s*线|(?<![a-z])ct(?![a-z])|扫描|活检|x-?rays?|scans?|imaging|radiograph\w*)[^.;。；]{0,12}$"
)
# "three months in each of the two years prior", "3 months of cough and phlegm in a year in the past 2 years": the years
# months of symptoms are spread over (how chronic bronchitis is defined), no look-back of their own
_MONTHS_OVER_YEARS_BEFORE = re.compile(
    r"(?<![a-z])(?:months?|weeks?)\s+[^.;,()]{0,30}?in\s+(?:(?:a|each|every)\s+year\s+(?:(?:in|over|during)\s+(?:the\s+)?)?"
    r"|each\s+of\s+(?:the\s+)?)$"
    # "at least 1 hospitalization in each of the 2 years prior to entry": a count in every one of those years
    r"|(?<![a-z])in\s+each\s+of\s+(?:the\s+)?(?:last\s+|past\s+|previous\s+|preceding\s+)?$"
    # "FEV1 within 20% of maximum values obtained in 12 months prior to entry": the period of a reference value
    r"|(?<![a-z])(?:maximum|minimum|best|highest|lowest|peak)\s+(?:[a-z0-9]+\s+)?(?:values?|measurements?|readings?"
    r"|results?)\s+(?:(?:obtained|measured|recorded|achieved|seen)\s+)?(?:in|within|during|over)\s+(?:the\s+)?"
    r"(?:last\s+|past\s+|previous\s+|preceding\s+)?$"
)
AVERAGE_BEFORE = re.compile(r"(?<![a-z])(?:average|averaged|mean)(?![a-z])[^.;,()]*$|平均[^,，;；。]{0,4}$")
VALUE_TIMING_BEFORE = re.compile(
    r"(?<![a-z])(?:value|level|result|measurement|reading)s?\s+(?:(?:obtained|taken|measured|drawn|done)\s+)?"
    r"(?:(?:less than or equal to|no more than|≤|<=|up to)\s*)?$"
)
# a test the text requires to be done by then ("These measurements must be performed within one week before the first
# infusion", "All laboratory tests must be obtained less than 4 weeks from study entry"): a screening step timed before
# the study's start, no look-back (a past test on record, "CT chest performed within 12 months", stays a window). Only
# a modal makes it a step required of the study: a bare infinitive ("All screening labs to be obtained within 30 days
# prior to registration", "laboratory tests to be conducted within 14 days before the first dose") dates the tests the
# criterion reads, a look-back as guideline v2 reads a dated test
_STUDY_STEP_TIMING_BEFORE = re.compile(
    r"(?<![a-z])(?:must|should|shall|will|need\s+to|needs\s+to)\s+be\s+(?:performed|obtained|done|drawn|collected"
    r"|conducted|repeated|measured|assessed|evaluated)(?![a-z])[^.;,()]{0,12}$"
    # "it is necessary to review the stool routine within 1 week": a test the text requires to be done (again)
    r"|(?<![a-z])(?:necessary|required|mandatory)\s+to\s+(?:review|re-?check|repeat|re-?test|re-?examine|perform|conduct"
    r"|obtain)(?![a-z])[^.;,()]{0,30}$"
)
STUDY_PROCEDURE_BEFORE = re.compile(r"(?:" + (TABLES.study_procedures or r"(?!x)x") + r")[^.;。；]{0,40}$")
# "if under 18 years, a parent", "如果受试者的年龄<20岁,则…", "对于…年龄<20岁的受试者,应…": a condition for another rule
CONDITION_BEFORE = re.compile(
    r"(?<![a-z])(?<!included )(?<!excluded )(?<!eligible )(?<!ineligible )(?<!enrolled )(?<!enroled )(?<!allowed )(?<!permitted )"
    r"(?<!acceptable )(?:if|when|whether)\s+(?:[a-z][a-z0-9'/]*\s+){0,4}$"
    r"|(?:对于|如果|倘若|假如|若(?!干))[^,，;；。:：]{0,30}$"
)
# A span of years that says how long something has lasted, not a person's age: "for ≥ 2 years", "since > 3 years";
# "≥ 2 years in remission", "at least 5 years out from treatment", "> 1 year smoke-free", "> 2 years postmenopausal",
# "more than 4 years following the transplant"
_DURATION_LEAD_BEFORE = re.compile(r"(?<![a-z])(?:for|since|during|lasting|lasted)\s*$")
_TIME_STATE_AFTER = re.compile(
    r"\s*(?:old\s+)?(?:in\s+(?:(?:complete|partial|clinical|full|sustained)\s+)?remission|out\s+(?:from|of)|following"
    r"|(?:smoke|disease|cancer|tumou?r|relapse|recurrence|symptom|seizure|event)-?\s?free|abstinent|sober"
    r"|post[- ]?(?:menopausal|partum|transplant\w*|operative\w*|op|diagnosis|treatment|surgery|injury|stroke))(?![a-z])"
)
_DONOR = re.compile(r"(?<![a-z])(?:donors?|grafts?)(?![a-z])|供者|供体")
_STRATIFIED_BEFORE = re.compile(r"(?:stratif\w*|分层)[^.;。；]{0,50}$")  # "stratified by FEV1 (< 50% vs ≥ 50%)"
# a bare number or range right before people counts them: "8 to 10 children", "20 patients per arm", "每组30例"
_HEADCOUNT = (
    r"\s*(?:(?:children|patients|participants|subjects|volunteers|adults|infants|persons|people|individuals|women"
    r"|men|cases)(?![a-z])|(?:例|名)(?:患者|受试者|儿童|病例)?)"
)
_HEADCOUNT_AFTER = re.compile(_HEADCOUNT)
# inside a bracket that opens with a head count: whom a quota of the enrolment is for, not who may enter
_QUOTA_BEFORE = re.compile(
    r"[(（]\s*(?:其中\s*|including\s+)?(?:at least\s+|up to\s+)?\d+(?:\s*(?:to|-|–)\s*\d+)?"
    + _HEADCOUNT
    + r"[^()（）]{0,40}$"
)
_AGE_RIGHT_BEFORE = re.compile(r"(?<![a-z])(?:ag(?:es?|ed)(?:\s+of)?|between|from|年龄)\s*:?\s*$")
_THEN_AFTER = re.compile(r"\s*[,，]\s*(?:则|那么|then(?![a-z]))")
# A target the treatment keeps a value at, not the participant's own: "oxygen to maintain SpO2 between 88 and 92%"
_TARGET_BEFORE = re.compile(
    r"(?:to maintain|(?<![a-z])target(?:ed|ing)?|(?<![a-z])goals?|titrat\w* to|aim(?:ing|ed)? (?:for|at)|目标为?|以维持)\s*"
    r"(?:[a-z0-9()]+\s*){0,3}$"
)
# An exception carved out of a clause is no bound of its own: "epilepsy, not including febrile seizures under 2 years"
_EXCEPTION_BEFORE = re.compile(r"(?:不包括|不包含|除了|(?<![a-z])except(?:\s+for)?)[^,，;；。]{0,30}$")
# Ages and spans inside the definition of a state ("postmenopausal, defined as age ≥ 60, or < 60 with 12 months of
# amenorrhoea"): what the state means, not who may enter
_STATE_DEFINITION_BEFORE = re.compile(
    r"(?:menopaus\w*|绝经|闭经|amenorrh\w*)[^.。]{0,20}(?:定义为?|defined as|definition)[^。|\n]*$"
)
# "lesions in a previously irradiated area were considered measurable only if disease progression occurred more than 6
# months after the end of treatment": which lesion counts as a target (RECIST), no bound on the participant
_LESION_COUNTS_IF_BEFORE = re.compile(
    r"(?<![a-z])(?:considered|deemed|regarded|counted|qualif(?:y|ies))\s+(?:as\s+)?(?:measurable|evaluable|target)"
    r"(?:\s+(?:lesions?|disease))?\s+(?:\([^()]{0,60}\)\s+)?(?:only\s+)?(?:if|when|provided)(?![a-z])[^.;]*$"
)
# "considered an adult under local law (e.g. in the USA, aged ≥ 18)": the example is the age of adulthood asked for
_ADULT_EXAMPLE_BEFORE = re.compile(r"(?:成人|成年|(?<![a-z])adults?(?![a-z])|legal age|age of majority)[^;；。]*$")
EXAMPLE_BEFORE = re.compile(r"(?:e\.g\.|for example|for instance|such as|例如|如:)[^;)]*$")
WINDOW_NOT_BEFORE = re.compile(
    r"(?:planning|plans? (?:to|for)|(?:pregnancy|conception) (?:projects?|plans?)|intend\w* to|(?<![a-z])intention|(?<![a-z])expect(?:ed|s|ing)?(?![a-z])|likely to|anticipated"
    r"|life expectancy|surviv\w*|prognosis|(?<![a-z])(?:desire|wish|want)(?:s|ed|ing)?(?![a-z])"
    r"|(?<![a-z])(?<!prior or )(?<!previous or )(?<!past or )(?:scheduled|planned)(?![a-z])(?!\s+or\s+(?:prior|previous|past|recent)(?![a-z]))|(?<![a-z])due to (?:stop|start|begin|undergo|have)|during (?:the )?study"
    r"|require\w* [a-z ]{0,30}(?:transplant|surgery)|unless )(?:[^.;。；]|(?<![a-z])(?:i\.e|e\.g)\.)*$"
    # "如果…则…": a condition for another rule; one opened inside a bracket ends with it ("（如果使用化疗，则为…）10筛选前
    # 12个月内…": a glued list's next item stands after the bracket)
    r"|(?:如果|若|倘若)(?:[^.;。；()（）]|[(（][^()（）]*[)）])*$"
    # "if planned within a year" is a condition, "if received within the last year" a past event; the condition
    # ends at its comma ("if a former smoker, have quit in the past 15 years")
    # ("excluded if they had …", "ineligible if …": the criterion itself, as for bounds)
    r"|(?<![a-z])(?<!excluded )(?<!ineligible )(?<!included )(?<!eligible )(?<!excluded only )"
    r"if (?!(?:it was |they were |was |were )?(?:received|taken|used|given|administered|treated|performed"
    r"|done)(?![a-z]))(?:[^.;,。；，()（）]|[(（][^()（）]*[)）])*$"  # "(… if diagnosed with asthma) within 2 years": the
    # condition closes with its bracket
    # "给药后的6个月内", "开始之后最初12周内": a span still to come; "确诊后1年以内" counts from a past event, a look-back
    r"|(?<!确诊)(?<!诊断)(?<!手术)(?<!术)(?<!发病)(?<!起病)(?<!分娩)(?<!移植)后的?(?:至少|不少于|最初|头)?\s*$"
    r"|不包括[^,，;；。]*$|(?<!不)允许[^;；。]*$"  # "允许…"
    # "(except for … cancer in situ, which are allowed within 3 years)": what an exception lets in, no look-back of its own
    r"|(?<![a-z])(?:are|is|be)\s+(?:allowed|permitted|acceptable)\s+$"
    # "Qualify for bilateral implantation within 1 month": when a procedure is to be done; "without considering the last
    # 2 months": a period left out of a count
    r"|(?<![a-z])(?:qualif\w*|eligible|candidates?)\s+for\s+(?:[a-z-]+\s+){0,3}$"
    r"|(?<![a-z])(?:without considering|not counting|disregarding|excluding)\s+(?:the\s+)?$"
    # "在研究期间计划使用或首次免疫前30天内曾使用过…": the plan is one alternative, the look-back after 或 the other
    r"|(?:计划|打算|准备|预计|预期|拟)(?!的)[^,，;；。或]{0,10}$"  # "计划的研究开始前6个月内": a planned point, counted back from
    # "Willing to stop taking antihistamines 2 weeks before the study": a commitment still to come
    r"|(?<![a-z])(?:(?:un)?willing(?:ness)?|agree[sd]?|able)\s+to\s+(?:[a-z-]+,?\s+){0,6}$"  # "计划在6个月内怀孕者": a plan, a span still to come
    # "研究期间或末次给药7个月内采取避孕措施": a span from the study's last dose on, still to come ("距末次给药" counts back)
    r"|(?<!距)(?<!距离)(?:末次|最后一次)(?:研究药物|试验药物)?(?:给药|用药|服药)\s*$"
)
# A lower bound on a span before a point ("≥ 6 months prior to screening", "> and/or = 1 year prior to V1") is a
# duration, whichever of the lexicon's duration operators says it ("no more than 6 months before enrolment" is bounded
# above: a window)
_DURATION_OPERATOR_WORDS = "|".join(w for w, _inclusive in TABLES.duration_operators if not _CJK_CHAR.search(w))
DURATION_BEFORE = re.compile(
    r"(?:for|minimum(?: of)?|stable|lasting|duration of|last(?:ed|ing)?|(?<!no )(?<!not )(?:"
    + _DURATION_OPERATOR_WORDS
    + r"))\s*(?:a\s+(?:period|duration)\s+of\s+)?(?:the\s+)?(?:past\s+|last\s+)?$"
)

# Events a window is about, specific first: (pattern, label). Label None: a measurement's timing, not an event.
EVENT_PATTERNS: list[tuple[str, str | None]] = TABLES.window_events
_EVENT_RES = [(re.compile(p), label) for p, label in EVENT_PATTERNS]
PEOPLE = re.compile(
    r"(?<![a-z])(?:adults?|males?|females?|men|women|patients?|subjects?|participants?|volunteers?"
    r"|individuals?|persons?|people|children|adolescents?|elderly|minors?|infants?|seniors?|youths?|teenagers?"
    r"|boys?|girls?|neonates?|newborns?|toddlers?|veterans?|inpatients?|outpatients?|ayas?)(?![a-z])|^\W*$"
)
# "Minors (<18 years)", "children (< 12 years)": a person's age in brackets, not a look-back window
# "History of premature birth (<35 weeks)", "born before 32 weeks": weeks of gestation, no look-back ("gave birth
# within the last 6 weeks" is one)
_GESTATION_BEFORE = re.compile(
    r"(?:prematur\w*|preterm|pre-term|(?<![a-z])born\s+(?:at|before|under|below)|gestation\w*|早产)[^.;:。；,，]{0,12}$"
)
_PERSON_AGE_BRACKET = re.compile(r"(?:" + PEOPLE.pattern.split("|^")[0] + r")\s*$")
NOT_AGE = re.compile(
    r"history|diagnos\w*|since|duration|smok\w*|ago|quit|stopped|treat\w*|therap\w*|disease|symptom\w*"
    r"|onset|exposure|experience|employ|within|prior|before|previous|last|past"
    r"|educat\w*|school\w*|residen\w*|practi[cs]\w*|marri\w*"
)
# "more than 5 years following the surgery", "2 years post-transplant": years since an event, not a person's age
_NOT_AGE_AFTER = re.compile(
    r"\s*(?:ago|since|prior|before|earlier|duration|history|of (?!age)[a-z]+|after|following|post|from)(?![a-z])"
)
# A number that bounds no patient value: "BMI-for-age percentile ≥ 85", "Donor age > 65", "diagnosis between the ages
# of 0 - 17.99" (before it); "4 or more of the following factors: age ≥ 56", "85th percentile" (after it)
NOT_A_BOUND_BEFORE = re.compile(
    r"(?:percentile[^.;\d]{0,12}|(?<![a-z])(?:donors?(?:'s)?\s+(?:aged?|bmi|body mass index)"
    # "Mother's age ≥ 35" is someone else's; "Parents aged 22-41 years" are the participants of a parents' study
    r"|(?:mothers?|fathers?|parents?|partners?|spouses?|caregivers?|guardians?)(?:'s)?\s+(?:age(?![a-z])|bmi|body mass index)"
    r"|(?:mother|father|parent|partner|spouse|caregiver|guardian)\s+aged)"  # one other person; "Parents aged" take part
    r"[^.;\d]{0,12}|child[- ]?bearing\s+(?:age|potential)[^.;\d]{0,12}"
    r"|(?:diagnos\w*|onset)\s+(?:between\s+)?(?:the\s+)?(?:ages?\s+(?:of\s+)?)?"
    # "Children whose parents are aged 20-40 years": a possessive names someone else
    r"|(?<![a-z])(?:whose|their|his|her)\s+(?:parents?|mothers?|fathers?|partners?|spouses?|caregivers?|siblings?)"
    r"\s+(?:(?:is|are|must be)\s+)?aged?\s*(?:between\s+)?"
    r"|相差|相距|差距|差值"  # "同一批受试者年龄不宜相差10岁以上": a spread between people, no limit on one
    # "caregiver of a child between the ages of 2 and 9", "in a child aged ≥7 years, assent": someone else's age
    r"|(?:(?<![a-z])(?:of|for|with|has|have|having|whose)\s+(?:(?:a|an|one|their|his|her|own)\s+)?"
    r"|(?<![a-z])(?:in\s+(?:a|an)|their|his|her)\s+)(?:child|children|infants?|bab(?:y|ies)|sons?|daughters?|kids?)"
    r"\s+(?:(?:who\s+(?:is|are)\s+)?aged?\s*|(?:of\s+)?ages?\s*)?)$"
)
NOT_A_BOUND_AFTER = re.compile(
    r"\s*(?:(?:th|st|nd|rd)\s+)?(?:percentile|of\s+(?:the\s+)?(?:following|these|those|criteria|risk factors))"
    r"|\s*(?:confidence\s+(?:interval|limit)|ci)(?![a-z])"  # "below 90% confidence interval of predicted": a statistic
)
# "Diagnosis of asthma below the age of 15 years": the age the disease was found at, not the person's age now
# ("a diagnosis of asthma at age <15 years" too)
_DIAGNOSIS_BEFORE_AGE = re.compile(
    r"(?<![a-z])(?:diagnos\w*|onset)\s+(?:of\s+(?:(?!at\s)[a-z-]+\s+){1,4})?"
    r"(?P<at>(?:at|before|below|under)\s+(?:the\s+)?ages?\s+(?:of\s+)?)?$"
)
CHANGE_WORDS = (
    r"reversib\w*|(?:improve\w*|increase\w*|decrease\w*|change\w*|declin\w*|drop\w*)(?= (?:in|of|from|by) )"
    r"|response|variab\w*"
    r"|(?<![a-z])fall\w*|(?<![a-z])rise|reduction|relative|absolute(?!\s+values?)|from baseline|post-challenge"
    r"|provocative|pc20|diurnal|改善率|改善|增加|下降|变异|可逆"
)
# "Reversibility of ≥ 12%", "a decline in FVC of ≥ 10%"; "FEV1/FVC (absolute values) > 70%" is the value itself
CHANGE_BEFORE = re.compile(CHANGE_WORDS)
# "≥ 12% increase", "≥ 12% (reversibility)"
# ("≥ 15% airway reversibility in FEV1", "12% bronchodilator reversibility": the kind of change named first)
CHANGE_AFTER = re.compile(
    r"\s*(?:\([^)]{0,20}\)\s*)?\(?\s*(?:in\s+\w+\s+)?(?:(?:airways?|bronchial|bronchodilator|post-?bronchodilator)\s+)?"
    r"(?:" + CHANGE_WORDS + ")"
)
# A change word between a variable and its number, in the same phrase: "eGFR decline of > 5", "FEV1 increase ≥ 12%"
_CHANGE_RIGHT_BEFORE = re.compile(
    r"(?<![a-z])(?:improve|increase|decrease|change|declin|drop|gain|loss|fall|rise|reduction|variab|reversib)\w*"
    r"(?:\s+(?:in|of|by|from baseline))?\s*$"
)
# Units of a measured value (a lab, a pressure, a percentage): a window right after one dates the measurement
MEASURED_UNITS = {
    "%",
    "% predicted",
    "x ULN",
    "mL/min/1.73m2",
    "kg/m2",
    "mmHg",
    "g/L",
    "g/dL",
    "x10^9/L",
    "x10^3/uL",
    "/mm3",
    "mmol/mol",
}
MEASURE_WORD_BEFORE = re.compile(r"(?<![a-z])(?:score|level|value|concentration|titer|titre)s?(?![a-z])")  # "score ≥ 8"
TWELVE_MONTHS = {("12", "months"), ("1", "years"), ("52", "weeks"), ("365", "days")}
PER_YEAR = re.compile(r"per year|a year|/\s*year|annual|each year|every year|yearly|每年|一年|1年|12个月")
PERIOD = re.compile(
    rf"(?:past|last|previous|prior|preceding|within)\s+(?:the\s+)?(?:{ANY_NUM})[\s-]*{TIME_UNIT}"
    r"|(?:近|过去)\s*\d+\s*(?:个月|年)"
)

# Words that may stand between a variable and its number, or around disease names, without changing the item.
_CONNECTOR = re.compile(
    r"^(?:\s|and/or|and|or|/|&|,|、|或|和|及|与|血清|serum|\(|\)|\[|\]|[a-z]{2,5}[)\]]|\(\w{2,6}\)|\[\w{2,6}\])*$"
)  # "ALT)或AST", "[ALT]或天门冬氨酸氨基转移酶[AST]", "丙氨酸转氨酶或血清谷丙转氨酶", "AST & ALT"
# Between two labs named under one bound, other short lab names may stand, or labs the lexicons name that no question
# asks about: "ALT, AST, ALP, GGT or bilirubin > 2 x ULN", "ALT, AST, alkaline phosphatase (ALP), or bilirubin ≥ 3 x ULN"
_OTHER_LAB = r"|(?:" + TABLES.other_lab_names + r")" if TABLES.other_lab_names else ""
# a lab no question asks about right before a bound in x ULN (its level, its abbreviation between): the bound is its own
_OTHER_LAB_BEFORE = (
    re.compile(
        r"(?:" + TABLES.other_lab_names + r")\s*(?:\([a-z]{2,6}\)\s*)?(?:(?:serum\s+)?(?:levels?|values?)\s*)?"
        r"(?:(?:is|are|must\s+be|should\s+be)\s*)?(?:[:：]\s*)?$"
    )
    if TABLES.other_lab_names
    else None
)
# What may stand between two labs of one list: marks, joining words and short names, each token one way only (the
# possessive star never tries another split, so a long run of "or or or …" costs its length, not 2 to its power),
# after the labs no question asks about are taken out as whole words.
_LAB_LIST_GAP_TOKENS = re.compile(r"(?:\s|,|、|/|&|或|和|及|与|\(|\)|(?<![a-z])[a-z]{2,5}(?![a-z]))*+")
_OTHER_LAB_WORDS = re.compile(r"(?<![a-z])(?:" + TABLES.other_lab_names + r")(?![a-z])") if _OTHER_LAB else None


def _lab_list_gap(gap: str) -> bool:
    """Whether `gap` (at most 40 characters) only joins two labs of one list: "ALT, AST and/or", "(ALT) or"."""
    if _OTHER_LAB_WORDS is not None:
        gap = _OTHER_LAB_WORDS.sub(" ", gap)
    return _LAB_LIST_GAP_TOKENS.fullmatch(gap) is not None


# Between the last lab asked about and a bound in x ULN, one to three more short lab names, each after a list break:
# "ALT, AST, bilirubin, BUN > 1.25 x ULN", "…、总胆红素、血尿素氮>…正常上限的1.25倍" (the bound is each lab's); the last lab
# asked about may end in its abbreviation's bracket: "aspartate aminotransferase (AST) or alkaline phosphatase (ALP) > 3 x ULN";
# an Oxford comma may stand before the last: "SGOT, SGPT, and alkaline phosphatase < 2 times ULN"
_OTHER_LABS_AFTER = re.compile(
    r"\)?(?:\s*(?:(?:,\s*)?(?:and/or|and|or)(?![a-z])|,|、|/|或|和|及|与)\s*(?:(?<![a-z])[a-z][a-z0-9-]{1,5}(?![a-z])|[\u4e00-\u9fff]{2,6}"
    + _OTHER_LAB
    + r")(?:\s*\([a-z]{2,5}\))?){1,3}\s*"
)
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
    "recorded",
    "measured",
    "obtained",
    "documented",
    "assessed",
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
    r"|以上|以下|倍|正常值|上限|升高|幅度|水平)*$"  # "…>1.0×ULN,且升高幅度≤1.5×ULN": the same lab's rise, its other end
)
_LIST_GAP = re.compile(r",|(?<![a-z])(?:or|and)(?![a-z])(?! more| greater| fewer| less| above| over)|或|和")
_BOUNDARY = re.compile(r"[;；]|\.\s|。")
_LEADING_FILLER = re.compile(
    r"^(?:(?:patients?|subjects?|participants?|individuals?|who|with|have|has|had|having|been"
    r"|received|receiving|any|a|an|the|history|of|use|prior|previous|current|known|or"
    r"|and|by|confirmed|on|in|at|for|as|due|to|less|more|than|fewer|within|during|is|are"
    r"|was|were)\s+)+"
)

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
    second: Decimal | None = None  # the second number of a pair ("> 160/100 mmHg"): the pair's second variable


_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_WORD_JOIN = re.compile(r"[- ]")


def _to_decimal(token: str) -> Decimal | None:
    token = token.strip().lower()
    if token.isascii() and token.isdigit():
        return Decimal(token)  # plain digits, most numbers: no table to look in
    if _THOUSANDS.fullmatch(token):  # "100,000": thousands
        return Decimal(token.replace(",", ""))
    if token in NUMBER_WORDS:
        return Decimal(NUMBER_WORDS[token])
    parts = _WORD_JOIN.split(token)
    if len(parts) == 2 and all(part in TABLES.number_words for part in parts):  # "twenty one", "forty-five"
        return Decimal(TABLES.number_words[parts[0]]) + Decimal(TABLES.number_words[parts[1]])
    if token in CN_DIGITS:
        return Decimal(str(CN_DIGITS[token]))
    tens = _CN_TENS.fullmatch(token)
    if tens:  # "十四" 14, "二十四" 24, "三十" 30: a Chinese numeral with 十
        high, low = tens.group(1), tens.group(2)
        return Decimal((CN_DIGITS.get(high, 1) if high else 1) * 10 + (CN_DIGITS.get(low, 0) if low else 0))
    try:
        return Decimal(token.replace(",", "."))
    except (InvalidOperation, ValueError):
        return None


def _unit_at(n: str, position: int) -> tuple[str, str, int]:
    """(normalised unit, raw unit text, end) for the unit right after a number, or ("", "", position)."""
    first = _UNIT_ANY.match(n, position)
    if not first:
        return "", "", position  # no unit at all (one match instead of one per unit)
    if first.end() > position:  # the first unit of the table that follows, as the loop below would find it
        return UNIT_PATTERNS[int(first.lastgroup[1:])][1], first.group().strip(), first.end()
    for pattern, unit in _UNIT_RES:
        match = pattern.match(n, position)
        if match and match.end() > position:
            return unit, match.group().strip(), match.end()
    return "", "", position


_NUMBER_RE = re.compile(ANY_NUM)


def _find_comparisons(n: str) -> list[_Comparison]:
    comparisons: list[_Comparison] = []
    taken_until = -1
    numbers = list(_NUMBER_RE.finditer(n))  # with no number in the clause, neither test below is needed
    counts_named = bool(numbers) and any(pattern.search(n) for pattern in _COUNT_RES)  # a bare count: its noun named
    scale_named = bool(numbers) and bool(_SCALE_NAMES.search(n))
    for match in numbers:
        if match.start() < taken_until:
            continue
        found = (
            (scale_named and _scale_choice_at(n, match))
            or _range_at(n, match)
            or _operator_at(n, match)
            or _postfix_at(n, match)
            or _times_above_at(n, match)
            or _reverse_at(n, match)
            or (counts_named and _bare_count_at(n, match))
        )
        if not found and comparisons:
            found = _shared_operator_at(n, match, comparisons[-1])
        if found and found.shape == "operator" and not found.unit:
            _read_pair(n, match, found)
        if found:
            comparisons.append(found)
            taken_until = found.end
    if (
        "上限" in n or "uln" in n or "upper limit" in n or "normal r" in n
    ):  # "> normal reference value", "upper normal range"
        comparisons = _with_wordless_uln(n, comparisons)
        comparisons = _with_bracketed_subgroup_bound(n, comparisons)
    if "month" in n and ("age" in n or "old" in n):
        _ages_in_months_as_years(n, comparisons)
    return comparisons


# An age said in months, right after the word age or followed by "old" / "of age" ("age ≥ 24 months and ≤ 36
# months", "aged 3 months and older", "age younger than six months", "older than 6 months of age"): the same age in
# years when it is a whole number of hundredths of a year (3 months is 0.25); "symptoms for ≥ 6 months" stays a span
_AGE_RIGHT_BEFORE = re.compile(r"(?<![a-z])(?:age[sd]?|aged)\s*(?:[:：]\s*|is\s+|of\s+)?$")
_AGE_AFTER_MONTHS = re.compile(r"\s*(?:old|of age)(?![a-z])")
_TWELVE = Decimal(12)


def _ages_in_months_as_years(n: str, comparisons: list[_Comparison]) -> None:
    previous_end = None
    for comparison in comparisons:
        if comparison.unit != "months":
            previous_end = None
            continue
        aged = (
            comparison.hint == "age"
            or _AGE_RIGHT_BEFORE.search(n, max(0, comparison.start - 12), comparison.start)
            or _AGE_AFTER_MONTHS.match(n, comparison.end)
            or (previous_end is not None and _SECOND_BOUND_GAP.fullmatch(n, previous_end, comparison.start))
        )
        converted = [bound / _TWELVE for bound in (comparison.lower, comparison.upper) if bound is not None]
        if not aged or not converted or any(value != value.quantize(Decimal("0.01")) for value in converted):
            previous_end = None
            continue
        if comparison.lower is not None:
            comparison.lower = (comparison.lower / _TWELVE).normalize()
        if comparison.upper is not None:
            comparison.upper = (comparison.upper / _TWELVE).normalize()
        comparison.unit = "years"
        comparison.hint = "age"
        previous_end = comparison.end


# "FEV1 less than 2 liters or 60% of predicted", "FEV1 > 1.0 L or 40% predicted": one comparison word for a volume
# and, after "or", the same value as a share of predicted
_SHARED_OPERATOR_GAP = re.compile(r"\s*,?\s*(?:and/or|or)\s*")


def _shared_operator_at(n: str, match: re.Match, previous: _Comparison) -> _Comparison | None:
    if previous.shape != "operator" or previous.unit not in ("L", "mL") or previous.second is not None:
        return None
    if not _SHARED_OPERATOR_GAP.fullmatch(n, previous.end, match.start()):
        return None
    unit, raw, end = _unit_at(n, match.end())
    value = _to_decimal(match.group())
    if unit not in ("%", "% predicted") or value is None:
        return None
    return _Comparison(
        match.start(),
        end,
        value if previous.lower is not None else None,
        previous.lower_inclusive,
        value if previous.upper is not None else None,
        previous.upper_inclusive,
        unit,
        raw,
        number_start=match.start(),
    )


def _read_pair(n: str, match: re.Match, comparison: _Comparison) -> None:
    """ "BP > 160/100 mmHg": a second number after a slash, for a pair's second variable, when the pair is named just
    before or millimetres of mercury follow; the comparison then ends after it."""
    pair = _PAIR_AFTER.match(n, match.end())
    if not pair:
        return
    unit, raw, end = _unit_at(n, pair.end())
    if unit != "mmHg" and not _PAIR_NAMES.search(n, max(0, match.start() - 50), match.start()):
        return
    if unit not in ("", "mmHg"):
        return
    comparison.second = Decimal(pair.group(1))
    comparison.unit, comparison.raw_unit, comparison.end = unit, raw, max(comparison.end, end)


def _scale_choice_at(n: str, match: re.Match) -> _Comparison | None:
    """ "ECOG 0 or 1", "体能状态为0或1分": consecutive scores of an integer scale named just before, as a range."""
    choice = _SCALE_CHOICE.match(n, match.start())
    if not choice or not _SCALE_NAMES.search(n, max(0, match.start() - 30), match.start()):
        return None
    scores = [int(choice.group(1)), *map(int, re.findall(r"\d", choice.group(2))), int(choice.group(3))]
    if scores != list(range(scores[0], scores[0] + len(scores))):
        return None
    unit, raw, end = _unit_at(n, choice.end())
    return _Comparison(
        match.start(),
        end,
        Decimal(scores[0]),
        True,
        Decimal(scores[-1]),
        True,
        unit,
        raw,
        "range",
        number_start=match.start(),
    )


_BRACKETED_NUMBER = re.compile(r"\s*[(（]\s*(" + NUM + r")")


def _with_bracketed_subgroup_bound(n: str, comparisons: list[_Comparison]) -> list[_Comparison]:
    """A bare x ULN number in brackets right after an x ULN bound, for a subgroup: "≤ 3 times ULN (5 times ULN if
    liver metastases present)" bounds the same way as the bound before it."""
    added = []
    for c in comparisons:
        if c.unit != "x ULN" or (c.lower is None) == (c.upper is None):
            continue
        number = _BRACKETED_NUMBER.match(n, c.end)
        named = None if number else _SUBGROUP_THEN_BRACKET.match(n, c.end)
        if named:  # "≤ 2.5 x ULN except in case of liver metastases (5 x ULN)": the subgroup named before the bracket
            number = _BRACKETED_NUMBER.match(n, named.end())
        if not number or any(o.start < number.end() and number.start(1) < o.end for o in comparisons):
            continue
        unit, raw, after = _unit_at(n, number.end())
        value = _to_decimal(number.group(1))
        if (
            unit != "x ULN"
            or value is None
            or not (named and _BRACKET_CLOSES.match(n, after) or _SUBGROUP_AFTER.match(n, after))
        ):
            continue
        bound = _Comparison(number.start(1), after, unit=unit, raw_unit=raw, number_start=number.start(1))
        if c.lower is not None:
            bound.lower, bound.lower_inclusive = value, c.lower_inclusive
        else:
            bound.upper, bound.upper_inclusive = value, c.upper_inclusive
        added.append(bound)
    return sorted(comparisons + added, key=lambda c: c.start) if added else comparisons


_COUNT_RES = [pattern for variable, pattern in _VARIABLE_RES if variable in COUNT_VARIABLES]
_COUNT_WORD = re.compile(r"\s*(?:次|times?(?![a-z]))?\s*(?:因|由于|due to\s)?")
_BARE_COUNT_BEFORE = re.compile(r"(?:^|[\s(,;:：、]|或|和|及|有|发生|出现|经历|过)\s*$")


def _bare_count_at(n: str, match: re.Match) -> _Comparison | None:
    """ "1 hospitalization … in the past 12 months", "2次中重度急性加重": a count with no operator right before the
    thing it counts is that many or more (whether it is over the question's 12 months is checked later)."""
    value = _to_decimal(match.group())
    if value is None or value < 1 or value != value.to_integral_value():
        return None
    if not _BARE_COUNT_BEFORE.search(n, max(0, match.start() - 4), match.start()):
        return None
    position = _COUNT_WORD.match(n, match.end()).end()
    qualifiers = _QUALIFIERS_ONLY.match(n, position)
    position = qualifiers.end() if qualifiers and qualifiers.end() - position <= 30 else position
    while position < len(n) and n[position] == " ":
        position += 1
    if not any(pattern.match(n, position) for pattern in _COUNT_RES):
        return None
    return _Comparison(
        match.start(), match.end(), lower=value, lower_inclusive=True, shape="bare", number_start=match.start()
    )


# Chinese: a bound against the upper limit of normal with no number is one times it: "血肌酐>正常值范围上限",
# "ALT、AST高于参考值上限" (a number after it, "高于正常值上限3倍", is read as a number)
_ZH_WORDLESS_ULN = re.compile(
    r"(" + "|".join(p for p, _b, _i in PREFIX_OPERATORS) + r")\s*(?:(?:正常值|正常|参考值)(?:范围)?上限"
    r"(?:\s*[(（]\s*uln\s*[)）])?|(?:the\s+)?(?:uln|upper limit of (?:the\s+)?normal(?:\s*\(uln\))?)(?![a-z])"
    + (r"|(?:" + TABLES.upper_limit_itself + r")(?![a-z])" if TABLES.upper_limit_itself else "")
    + r")"
    r"(?!\s*(?:的|之)?\s*[\d.一二两三四五六七八九十]+\s*(?:倍|x|times)(?![a-z]))"
)  # also "ALT>ULN", "total bilirubin above the ULN": the upper limit itself, 1 x ULN


def _operator_bound(words: str) -> tuple[str, bool] | None:
    """(bound, inclusive) of an operator's words, from the lexicons: "不超过" -> ("upper", True)."""
    for pattern, bound, inclusive in PREFIX_OPERATORS:
        if re.fullmatch(pattern, words):
            return bound, inclusive
    return None


def _with_wordless_uln(n: str, comparisons: list[_Comparison]) -> list[_Comparison]:
    added = []
    for match in _ZH_WORDLESS_ULN.finditer(n):
        if any(c.start < match.end() and match.start() < c.end for c in comparisons):
            continue
        found = _operator_bound(match.group(1))
        if found is None:
            continue
        bound, inclusive = found
        comparison = _Comparison(match.start(), match.end(), unit="x ULN", raw_unit="上限", number_start=match.start())
        if bound == "lower":
            comparison.lower, comparison.lower_inclusive = Decimal(1), inclusive
        else:
            comparison.upper, comparison.upper_inclusive = Decimal(1), inclusive
        added.append(comparison)
    return sorted(comparisons + added, key=lambda c: c.start) if added else comparisons


# "(含)", "(包含)", "(包括18周岁)" right after a number and its unit: that bound counts, the operator or range follows
_INCLUDED_MARK = re.compile(r"\s*[(（]\s*(?:含|包含|包括)[^()（）]{0,8}[)）]")


_AND_AGE_AHEAD = re.compile(r"\s*and\s*\d{1,3}\s*years?\s+(?:old|of age)(?![a-z])")


# the operator that opens a range's second end: "18 to < 65", "aged 18 years to less than 65 years", "2 to under 12"
_REACHING_BEFORE = re.compile(r"(?:年满|满)\s*$")
_RANGE_UPPER_OPERATOR = re.compile(
    r"(<=|=<|≤|(?:less|younger) than or equal to|<|(?:less|younger) than|under|below)\s*"
)
_HYPHENED_AGE = re.compile(r"-(?:years?|yrs?)-old(?![a-z])|-(?=(?:years?|yrs?)(?![a-z-]))")  # "65-years"


# the patterns _range_at reads at every number, compiled once ("1-1-1-…" is one range every three characters)
_AGED_AFTER = re.compile(r"\s*(?:old|of age)(?![a-z])")
_BETWEEN_BEFORE = re.compile(r"(between|from)\s+(?:\(?[a-z]+\)?\s+){0,4}$|(介于|在)\s*$")  # "between (and including)"
_AGED_BEFORE = re.compile(r"(?<![a-z])aged?\s+$")
_BETWEEN_JOIN = re.compile(
    r"-\s*and\s*|"
    + RANGE_JOIN
    + r"|\s*and\s*|\s+an\s+(?=\d+\s*(?:years?|months?)(?![a-z]))"  # "between 50 an 65 years": a typo;
    # "between 18- and 65-years": a hyphen left from "18-year-olds"
)
_CN_BETWEEN_JOIN = re.compile(RANGE_JOIN + r"|\s*(?:与|和)\s*")  # "年龄介于18岁与65岁之间"
_PLAIN_JOIN = re.compile(RANGE_JOIN)
_LOWER_OPERATOR_BEFORE = re.compile(r"(≥|>=|>)\s*$")
_AGED_TAIL = re.compile(r"\s*(?:years?\s+)?(?:old|of age)(?![a-z])")
_NOT_BEFORE = re.compile(r"(?<![a-z])not\s+(?:be\s+)?$")
_BRACKETED_AFTER = re.compile(r"\s*[(（\[][^)）\]]{0,60}[)）\]]")
_BARE_INCLUSIVE_AFTER = re.compile(r"\s*,?\s*(?:inclusive|exclusive|inclusively)")


def _range_at(n: str, match: re.Match) -> _Comparison | None:
    first = _to_decimal(match.group())
    unit1, raw1, after1 = _unit_at(n, match.end())
    if unit1 in ("years", "months"):  # "18 months old to 21 years old"
        aged = _AGED_AFTER.match(n, after1)
        after1 = aged.end() if aged else after1
    before = n[max(0, match.start() - 40) : match.start()]
    between = _BETWEEN_BEFORE.search(before)
    # "aged 20 and 75 years", "18 and 65 years old for healthy volunteers": the "between" left out
    aged = _AGED_BEFORE.search(before) or _AND_AGE_AHEAD.match(n, after1)
    join = (
        _BETWEEN_JOIN
        if (between and between.group(1) == "between") or aged
        else _CN_BETWEEN_JOIN
        if between and between.group(2)
        else _PLAIN_JOIN
    )
    included = _INCLUDED_MARK.match(n, after1)
    after1 = included.end() if included else after1  # "18岁(含)至65岁(含)": the first end itself counts
    joined = join.match(n, after1)
    if not joined:
        return None
    operator_before = _PREFIX_ANY.search(n[max(0, match.start() - 30) : match.start()])
    lower_operator = _LOWER_OPERATOR_BEFORE.search(n[max(0, match.start() - 4) : match.start()])
    reaching = _REACHING_BEFORE.search(n, max(0, match.start() - 4), match.start())  # "年满18-75周岁": aged 18-75
    if (
        operator_before
        and not between
        and not reaching
        and not (lower_operator and joined.group().strip() in ("-", "to", "至", "~"))
    ):
        return None  # "< 30 to 80" is not a range: the operator owns the first number; "> 18 to 65 years" is one
    upper_operator = _RANGE_UPPER_OPERATOR.match(n, joined.end())
    second_match = _NUMBER_RE.match(n, upper_operator.end() if upper_operator else joined.end())
    if not second_match:
        return None
    second = _to_decimal(second_match.group())
    hyphened = _HYPHENED_AGE.match(n, second_match.end())  # "18-35-year-old women"
    unit2, raw2, after2 = _unit_at(n, second_match.end() + (1 if hyphened else 0))
    if hyphened and unit2 == "years" and hyphened.group().endswith("old"):
        after2 = hyphened.end()
    uneven_months = False
    if unit1 == "months" and unit2 == "years" and first is not None:  # "aged 6 months to 5 years": one age range
        years = first / 12
        uneven_months = years != years.quantize(Decimal("0.01"))
        if not uneven_months:
            first, unit1 = years.normalize(), "years"
    # "aged between 28 days and 18 years": an age in days or weeks is no age in years; only the upper end bounds one;
    # so is "Age 2 months to 2 years" (2 months is no round number of years)
    young = (unit1 in ("days", "weeks") or uneven_months) and unit2 == "years" and first is not None
    if young:
        first, unit1, raw1 = Decimal(0), "years", raw2
    if unit1 and unit2 and unit1 != unit2 and not (unit1 == "%" and unit2 == "% predicted"):
        return None
    if first is None or second is None or first > second:
        return None
    # Plain "X to Y", "X-Y" and "between X and Y" count both ends (the usual reading of registry text), unless the
    # text says "(excluding ...)" or writes "18 to < 65".
    lower_inclusive = upper_inclusive = True
    aged_tail = _AGED_TAIL.match(n, after2) if (unit2 or unit1) == "years" else None
    tail_start = aged_tail.end() if aged_tail else after2
    tail = n[tail_start : tail_start + 40]  # "between 18 and 65 years old, exclusive"
    if EXCLUSIVE_AFTER.match(tail):  # "18 to 65 (exclusive)"; "18(含)至75(不含)岁": the first end said its own
        lower_inclusive, upper_inclusive = bool(included), False
    if upper_operator:  # "18 to < 65", "18 years to less than 65 years": the upper end itself is left out
        upper_inclusive = upper_operator.group(1) in ("<=", "=<", "≤") or "equal" in upper_operator.group(1)
    if lower_operator and not between:  # "≥3 - 18 years"
        lower_inclusive = lower_operator.group(1) != ">"
    negated = _NOT_BEFORE.search(before[: between.start()]) if between else None
    outside = bool(negated)
    start = between.start() + max(0, match.start() - 40) if between else match.start()
    if negated:
        start = negated.start() + max(0, match.start() - 40)
    if lower_operator and not between:
        start = max(0, match.start() - 4) + lower_operator.start()
    if reaching and not between:
        start = reaching.start()
    end = after2
    qualifier = _BRACKETED_AFTER.match(n, after2)  # read in place: no copy of the rest of the clause per number
    if qualifier and (INCLUSIVE_AFTER.match(qualifier.group()) or EXCLUSIVE_AFTER.match(qualifier.group())):
        end = qualifier.end()
    else:
        bare = _BARE_INCLUSIVE_AFTER.match(n, after2)
        if bare:
            end = bare.end()
    return _Comparison(
        start,
        end,
        None if young else first,
        None if young else lower_inclusive,
        second,
        upper_inclusive,
        unit2 or unit1,
        raw2 or raw1,
        "outside" if outside else "range",
        number_start=match.start(),
    )


_THE_BEFORE_NUMBER = re.compile(r"(?<![a-z])the\s+$")


def _operator_at(n: str, match: re.Match) -> _Comparison | None:
    window = n[max(0, match.start() - 45) : match.start()]
    if not _PREFIX_ANY.search(window):
        return None  # no operator of any kind right before the number (one search instead of one per operator)
    for pattern, bound, inclusive in _PREFIX_RES:
        found = pattern.search(window)
        if not found:
            continue
        value = _to_decimal(match.group())
        unit, raw, end = _unit_at(n, match.end())
        start = max(0, match.start() - 45) + found.start()
        if unit != "x ULN" and _THE_BEFORE_NUMBER.search(found.group()):
            return None  # "above the 1.5 x ULN" is a bound; "over the 3 …" before other words is no operator
        hint = "age" if re.search(r"older|younger|(?<![a-z])age(?![a-z])", found.group()) else ""
        comparison = _Comparison(start, end, unit=unit, raw_unit=raw, hint=hint, number_start=match.start())
        post = _postfix_match(n, end)
        if post:  # "at least 3 or more": the postfix repeats the bound
            comparison.end = post[2]
        included = _INCLUDED_AFTER.match(n, comparison.end)
        if included and included.group("sign") and (included.group("sign") in ("≤", "<=")) != (bound == "upper"):
            included = None  # "> 18 (≤)": a sign against the bound's direction corrects nothing
        if included and _to_decimal(included.group(1) or match.group()) == value:
            inclusive, comparison.end = True, included.end()  # "大于18周岁(包含18周岁)", "> 18 (inclusive)"
        if bound == "lower":
            comparison.lower, comparison.lower_inclusive = value, inclusive
        else:
            comparison.upper, comparison.upper_inclusive = value, inclusive
        return comparison if value is not None else None
    return None


# "(包含18周岁)", "(inclusive)", "(18 included)" right after a strict bound: the bound itself is allowed
_INCLUDED_AFTER = re.compile(
    r"(?:\s+(?:old|of age))?\s*[(（\[]\s*(?:(?:包含|包括|含|including|inclusive\s+of)\s*(\d+(?:\.\d+)?)?[^)）\]]{0,6}"
    r"|inclusive|(\d+(?:\.\d+)?)\s*(?:years?\s+)?(?:included|inclusive)"
    r"|(?P<sign>≤|≥|<=|>=))\s*[)）\]]"  # "under 80 years old (≤)": the sign the words stood for, bound included
)


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
        and not re.search(r"(?<![<>≤≥!=])=\s*$", n[max(0, match.start() - 3) : match.start()])
    ):  # "a 10 pack-year history": at least 10 ("had = 10 pack-years" on a page that lost its ≤: no direction)
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
    included = _INCLUDED_MARK.match(n, end) if not post else None
    if included:  # "18周岁(含)以上": the bound itself counts, said before the operator
        post = _postfix_match(n, included.end())
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


# "3 times higher than ULN", "twice above the upper limit of normal": the comparison word sits inside the unit, after the
# number (the units table's x ULN wordings), and the bound is a lower one, not 1 x ULN ("3 times or more above" includes 3)
_TIMES_ABOVE = re.compile(
    r"(?:x|\*|times|fold|-fold)?\s*(?P<or_more>or\s+more\s+)?(?:higher|greater|more|above|over)(?![a-z])"
)


_TIMES_ABOVE_AHEAD = re.compile(
    r"\s*-?\s*(?:(?:x|\*|times|fold)\s+)?(?:or\s+more\s+)?(?:higher|greater|more|above|over)(?![a-z])"
)  # the words right after the number, looked at before any unit is read (most numbers have none of them)


def _times_above_at(n: str, match: re.Match) -> _Comparison | None:
    if not _TIMES_ABOVE_AHEAD.match(n, match.end()):
        return None
    unit, raw, end = _unit_at(n, match.end())
    value = _to_decimal(match.group())
    above = _TIMES_ABOVE.match(raw) if unit == "x ULN" else None
    if above is None or value is None:
        return None
    return _Comparison(
        match.start(),
        end,
        value,
        bool(above.group("or_more")),
        unit=unit,
        raw_unit=raw,
        shape="postfix",
        number_start=match.start(),
    )


def _reverse_at(n: str, match: re.Match) -> _Comparison | None:
    """ "30% ≤ FEV1": a number, then an operator, then the variable; the bound reads the other way round."""
    value = _to_decimal(match.group())
    unit, raw, end = _unit_at(n, match.end())
    if unit == "years":  # "18 years old ≤ age ≤ 65 years old"
        aged = re.compile(r"\s*old(?![a-z])").match(n, end)
        end = aged.end() if aged else end
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


@lru_cache(maxsize=64)  # the items of one list share their heading line: read once for all of them
def _parent_variable(parent: str) -> str:
    """The variable a heading line names for the items under it ("Lung function:"), "" when it names none or
    bounds one itself ("age 18-80, group 1:")."""
    parent_n = _normalise(parent, 0, len(parent))[0]
    parent_mentions = _find_mentions(parent_n)
    if parent_mentions and not _find_comparisons(parent_n):
        return parent_mentions[-1][2]
    return ""


def _find_mentions(n: str) -> list[tuple[int, int, str]]:
    """Every variable named in `n`, as (start, end, variable) in order; no two overlap."""
    taken = [False] * (len(n) + 1)
    mentions = []
    for index in _VARIABLE_SCAN.which(n):
        variable, pattern = _VARIABLE_RES[index]
        for match in pattern.finditer(n):
            if match.end() <= match.start() or any(taken[match.start() : match.end()]):
                continue
            for i in range(match.start(), match.end()):
                taken[i] = True
            mentions.append((match.start(), match.end(), variable))
    return sorted(mentions)


_OTHER_LUNG_FUNCTION = (
    re.compile(r"(?:" + TABLES.other_lung_function_names + r")") if TABLES.other_lung_function_names else None
)


def _another_item(gap: str) -> bool:
    """After a list break (",", "or", "and", "或", "，") a new noun starts another item: "FEV1 < 30%, or HbA1c > 9%"
    does not give 9% to FEV1; a second bound ("≥ 150 m and < 600 m") is not a new item."""
    parts = re.split(r",|;|(?<![a-z])(?:or|and)(?![a-z])|或|，|、", gap)
    if len(parts) < 2:
        return False
    tail = parts[-1]
    if _OTHER_LUNG_FUNCTION is not None and re.search(r"(?:(?<![a-z])or|或)\s*$", gap[: len(gap) - len(tail)]):
        tail = _OTHER_LUNG_FUNCTION.sub(" ", tail)  # "FEV1 or PEFR ≥ 80%": an alternative measure, the same bound
    words = re.findall(r"[a-z][a-z0-9-]+", tail)
    if any(w not in _GAP_WORDS and not w.startswith(("bronchodilat", "screen", "predict")) for w in words):
        return True
    cjk = "".join(re.findall(r"[\u4e00-\u9fff]+", tail))
    return bool(cjk) and not _GAP_CJK.match(cjk)


UNITS_FITTING = {v.key: set(v.units_accepted) | set(v.conversions) for v in TABLES.variables if v.units_accepted}


def _unit_fits(variable: str, unit: str) -> bool:
    """Whether a number in this unit can bound the variable at all ("18 years" cannot bound hospitalisations)."""
    if variable in LAB_VARIABLES:
        return unit == "x ULN"
    return unit in UNITS_FITTING.get(variable, {unit})


def _only_filler_since_last_bound(n: str, mention, comparison: _Comparison, comparisons) -> bool:
    # comparisons are in order of start: only those between the mention and this comparison are looked at, so a
    # long clause of many bounds costs no more per bound
    first = bisect.bisect_left(comparisons, mention[1], key=lambda c: c.start)
    last = bisect.bisect_right(comparisons, comparison.start, lo=first, key=lambda c: c.start)
    earlier = [c for c in comparisons[first:last] if c.end <= comparison.start]
    if not earlier:
        return True
    gap = n[earlier[-1].end : comparison.start]
    if _ZH_SUBGROUP_GAP.fullmatch(gap):
        return True  # "总胆红素≤1.5×ULN(Gilbert综合征患者≤3×ULN)": the same lab's bound for a subgroup
    words = re.findall(r"[a-z][a-z0-9-]*", gap)
    return all(w in _GAP_WORDS or w in _BOUND_FILLER for w in words)


# A subgroup named in brackets before another bound of the same variable: "(Gilbert综合征患者", "(肝转移者,"
_ZH_SUBGROUP_GAP = re.compile(
    r"\s*(?:\(uln\)\s*)?[(（][^()（）;；。]{0,30}(?:患者|者|受试者|病例)\s*[,，:：]?\s*(?:应|可)?\s*"
)


# Between two x ULN bounds of the same labs, a subgroup named before the second ("…≤2.5倍ULN,肝转移患者≤5倍ULN", "…(在…研究中,
# 肝转移或肝癌受试者可≤5×ULN)", "…, Gilbert 病患者应≤3×ULN") or in brackets after the first (">2.5XULN[无肝转移受试者];或≥5XULN")
_SUBGROUP_BETWEEN = re.compile(
    r"\s*(?:\(uln\)\s*)?(?:[(（\[【][^()（）\[\]【】;；。]{0,30}(?:患者|者|受试者|病例)\s*[)）\]】]\s*[;；,，]?\s*(?:或者?)?"
    r"|[,，;；]?\s*[(（\[]?[^()（）\[\];；。<>≤≥]{0,30}?(?:患者|者|受试者|病例)\s*[,，:：]?\s*(?:应|可|则|需)?\s*(?:为)?"
    r"|[,，;；]?\s*[(（]?(?:如有|如果|若有|若|对于|伴有?)[^()（）;；。<>≤≥\d]{0,20}?[,，:：]?\s*(?:则|应|可|需)?\s*(?:为)?)\s*"
    r"(?:[a-z]{2,6}\s*)?"  # "…,对于 Gilbert 综合症患者, TB ≤ 3 × ULN": the lab's short name said again
    # "…≤2.5×ULN;如有肝转移,≤5×ULN": a condition named before the second bound
)
# The same in English: "…, except patients with Gilbert's syndrome (≤ 3 x ULN)", "(patients with liver metastases: ≤ 5 x
# ULN)"; or a bare second bound followed by its subgroup: "≤ 2.5 x ULN; ≤ 5 x ULN for subjects with liver involvement"
# the conditions a second bound of the same labs is for, from the lexicons ("liver metastases", "Gilbert's syndrome")
_LAB_SUBGROUP = r"(?:(?:known|documented|confirmed|demonstrable)\s+)?(?:" + (TABLES.lab_subgroups or r"(?!x)x") + r")"
_PEOPLE_WITH = (
    r"(?:patients|subjects|participants|those|individuals|cases?)\s+(?:with|who\s+have|having|who|that)(?![a-z])"
)
_SUBGROUP_BETWEEN_EN = re.compile(
    r"[\s,;(]*(?:(?:or|and|but)\s+)?(?:(?:except|unless|excluding|other than)\s+(?:for\s+|in\s+)?|(?:in|for)\s+)?"
    + _PEOPLE_WITH
    + r"[^()\d;.<>≤≥]{0,60}?[\s,:(]*"
    # "≤ 2.5 x ULN unless liver metastases are present, in which case it must be ≤ 5 x ULN": the condition, then the
    # same labs' other bound
    r"|[\s,;(]*(?:unless|except\s+(?:if|when)|if|when)\s+[^()\d;.<>≤≥]{0,60}?[\s,]*(?:in\s+which\s+case|then)\s+"
    r"(?:(?:it|they|the\s+(?:values?|levels?|limits?))\s+)?(?:(?:must|should|may|can|is|are|will)\s+)?(?:be\s+)?"
    # "ALT > 3 x ULN (tumour liver metastasis ≥ 5 x ULN)": a bracket that opens with the subgroup, then its bound
    r"|[\s,;]*[(\[]\s*(?:(?:in|for|with)\s+)?"
    + _LAB_SUBGROUP
    + r"(?:\s+(?:patients|subjects|participants))?\s*[:,]?\s*"
    # "≤ 2.5 x ULN, and in liver metastasis ≤ 5 x ULN", "≤ 1.5 x ULN (except for Gilbert syndrome ≤ 3 x ULN)": the
    # subgroup itself after "in", "for" or "except for", no people named
    r"|[\s,;(]*(?:(?:or|and|but)\s+)?(?:(?:except|unless|excluding|other than)\s+(?:for\s+|in\s+)?|(?:in|for|with)\s+)"
    r"(?:(?:the\s+)?(?:case|presence)\s+of\s+)?(?:the\s+)?"
    + _LAB_SUBGROUP
    + r"(?:\s+(?:patients|subjects|participants))?\s*[:,]?\s*"
)
# "≤ 2.5 x ULN; NOTE: ≤ 5 x ULN is acceptable if …": a note may open the second bound
# The first bound may first name those it is for, by the subgroup's absence: "≤ 2.5 x ULN if no demonstrable liver
# metastases or ≤ 5 x ULN in the presence of liver metastases", "> 1.5 x ULN for the institution if no liver metastases (> 2
# x ULN in patients with liver metastases)"
_BARE_GAP = re.compile(
    r"(?:\s*(?:for|of)\s+(?:the|each|your)\s+(?:institution|site|laboratory|lab)(?![a-z]))?"
    r"(?:[\s,]*(?:if|when|in\s+(?:the\s+)?absence\s+of|without|in\s+(?:patients|subjects|participants)\s+without)\s+"
    r"(?:there\s+(?:is|are)\s+)?(?:no\s+)?" + _LAB_SUBGROUP + r")?"
    r"[\s,;(]*(?:(?:or|and|but)(?![a-z]))?[\s,;(]*(?:\.?\s*note\s*:\s*)?"
)
# "≤ 2.5 x ULN except in case of liver metastases (5 x ULN)", "< 3 x ULN in patients with Gilbert's syndrome (5 x ULN)"
_SUBGROUP_THEN_BRACKET = re.compile(
    r"[\s,;]*(?:(?:except|unless|but)\s+)?(?:(?:in|for)\s+(?:the\s+)?(?:case|presence)\s+of|(?:in|for|with)"
    r"|(?:in|for)\s+" + _PEOPLE_WITH + r")\s+(?:the\s+)?" + _LAB_SUBGROUP + r"(?=\s*[(（])"
)
_SUBGROUP_THEN_BRACKET_GAP = re.compile(_SUBGROUP_THEN_BRACKET.pattern + r"\s*[(（]\s*")
_LAB_SUBGROUP_RIGHT_BEFORE = re.compile(_LAB_SUBGROUP + r"\s*[(（:：,]?\s*$")
_BRACKET_CLOSES = re.compile(r"\s*[)）]")
_SUBGROUP_ABSENT_OR = re.compile(
    r"(?<![a-z])(?:if|when)\s+(?:there\s+(?:is|are)\s+)?no\s+" + _LAB_SUBGROUP + r"[\s,]*or\s*$"
)
_SUBGROUP_AFTER = re.compile(
    r"\s*[),]?\s*(?:(?:for|in|among)\s+"
    + _PEOPLE_WITH
    # "≤ 3 x ULN for Gilbert's syndrome", "≤ 5 x ULN with liver metastases"
    + r"|(?:for|in|with)\s+(?:the\s+)?"
    + _LAB_SUBGROUP
    + r"|in (?:the )?(?:case|presence) of|if (?:there (?:is|are) )?"
    + r"|(?:is|are|will be|may be)\s+(?:acceptable|allowed|permitted|accepted)\s+(?:if|when|for|in)(?![a-z]))"
)
_LAST_CONNECTOR = re.compile(r".*(?:,|、|和|及|与|或|(?<![a-z])(?:and|or)(?![a-z]))", re.S)


def _before_full_name(gap: str) -> str:
    """ "ALT) 和天门冬氨酸基转移酶(AST": when the later mention is an abbreviation in brackets, the words before the
    bracket are its full name (spelt in a way the table may not know); what stands before that name is the gap."""
    stripped = gap.rstrip()
    if not stripped.endswith(("(", "（")) or len(gap) > 60:
        return "x"
    joined = _LAST_CONNECTOR.match(stripped[:-1])
    if not joined or not stripped[joined.end() : -1].strip() or re.search(r"\d", stripped[joined.end() :]):
        return "x"
    return stripped[: joined.end()]


_QUALIFIERS_ONLY = re.compile(
    r"(?:\s|,|/|-|(?<![a-z])(?:or|and|to)(?![a-z])|或|和"
    + (r"|(?<![a-z])(?:" + TABLES.noun_qualifiers + r")(?![a-z])" if TABLES.noun_qualifiers else "")
    + r")*"
)


_QUALIFIER = re.compile(r"(?<![a-z])(?:" + (TABLES.noun_qualifiers or r"(?!x)x") + r")(?![a-z])")


def _list_gap(gap: str) -> bool:
    """Words between a number and a later variable that make it another item ("< 45 kg or BMI"), unless the
    item is another bound on the same noun ("≥2 moderate or ≥1 severe exacerbations") or the words only qualify
    that noun ("≥ 2 moderate or severe exacerbations")."""
    found = _LIST_GAP.search(gap)
    return (
        bool(found)
        and (not re.search(r"\d|" + NUM_WORD, gap[found.end() :]) or _OWN_COUNTED_NOUN.fullmatch(gap, 0, found.start()))
        and not (len(gap) <= 60 and _QUALIFIERS_ONLY.fullmatch(gap) and _QUALIFIER.search(gap))
    )


# A number's own counted noun before the list word: in "≥ 2 ED visits or 1 hospitalization" the 2 counts visits and
# the 1 hospitalisations ("≥2 moderate or ≥1 severe exacerbations": a qualifier, no noun of its own)
_OWN_COUNTED_NOUN = re.compile(r"\s*(?:[a-z][a-z'-]*\s+){0,2}[a-z][a-z'-]*s\s*")


# Between a number with no unit and the word age after it: nothing, or the other end of the age range ("≥40 and ≤70
# years of age", "<30 or >69 years old"); "a score ≥ 5 for women up to the age of 50" is no age of 5
_DIGIT = re.compile(r"\d")


def _bare_number_between(n: str, start: int, end: int, comparisons: list[_Comparison]) -> bool:
    """Whether a number that bounds nothing stands in n[start:end] ("the age of 50 years and ≥ 4"; not the 18 of
    "age < 18 or > 60", which is a bound of its own)."""
    for digit in _DIGIT.finditer(n, start, end):
        if not any(c.start <= digit.start() < c.end for c in comparisons):
            return True
    return False


_AGE_WORDS_BETWEEN = re.compile(
    r"[\s,(]*(?:(?:and|or|to|-|–)\s*(?:[<>≤≥=]+|(?:less|more|greater|younger|older) than|over|under|above|below)?"
    r"\s*\d+(?:\.\d+)?\s*)?"  # "under 18 or over 75 years of age": the unit said once, after the second end
    r"(?:years?\s*)?(?:old\s*)?(?:of\s*)?"
)


# how far before an x ULN bound a list of the labs it holds for may start (a name within 90 characters is read first)
_LAB_LIST_REACH = 240


# between a count and what it counts, a few describing words only: "≥ 1 severe COPD exacerbation" (no "for", "of")
_COUNT_ADJECTIVES = re.compile(
    r"\s*(?:(?!(?:for|of|from|due|to|with|in|and|or|per|than|times?)(?![a-z]))[a-z][a-z-]*\s+){0,3}"
)


def _variables_for(
    n: str, comparison: _Comparison, mentions: list[tuple[int, int, str]], comparisons: list[_Comparison] = ()
) -> list[tuple[int, int, str]]:
    """The mention(s) a comparison bounds: the nearest one before it, with any joined to it by "and"/"or"/"/".
    A mention that already has a bound keeps this one too only if nothing but filler stands between the two bounds
    ("≥ 150 m and < 600 m", not "≥ 50% predicted with CAT score ≥ 10")."""
    if comparison.shape == "reverse":  # "30% ≤ FEV1": the variable after the operator
        following = [m for m in mentions if 0 <= m[0] - comparison.end <= 6]
        return following[:1]
    if comparison.shape == "bare":  # "1 hospitalization": what it counts follows it
        return [m for m in mentions if m[2] in COUNT_VARIABLES and 0 <= m[0] - comparison.end <= 40][:1]
    if comparison.unit in ("", "count"):  # "≥ 1 severe COPD exacerbation": what a count counts may follow it
        counted = [m for m in mentions if m[2] in COUNT_VARIABLES and 0 <= m[0] - comparison.end <= 30]
        if counted and _COUNT_ADJECTIVES.fullmatch(n, comparison.end, counted[0][0]):
            return counted[:1]
    # mentions never overlap (_find_mentions), so in order of start they are in order of end too: only those ending
    # within 90 characters before the number are looked at, and a long clause costs no more per bound
    nearby = mentions[
        bisect.bisect_left(mentions, comparison.number_start - 90, key=lambda m: m[1]) : bisect.bisect_right(
            mentions, comparison.number_start, key=lambda m: m[1]
        )
    ]
    before = [
        m
        for m in nearby
        if m[1] <= comparison.number_start
        and comparison.number_start - m[1] <= 90
        and (
            not _BOUNDARY.search(n[m[1] : comparison.start])
            or (not n[: m[0]].strip(" -*•") and re.fullmatch(r"\s*[.;:]\s*", n[m[1] : comparison.start]))
        )
    ]
    if comparison.unit == "x ULN":
        before = [m for m in before if m[2] in LAB_VARIABLES]
    nearest = [
        i
        for i, m in enumerate(before)
        if (
            not _another_item(n[m[1] : comparison.start])
            or (comparison.unit == "x ULN" and _OTHER_LABS_AFTER.fullmatch(n, m[1], comparison.start))
        )
        and _only_filler_since_last_bound(n, m, comparison, comparisons)
    ]
    if nearest:
        chosen = [before[nearest[-1]]]
        earlier = before[: nearest[-1]]
        if comparison.unit == "x ULN":
            # a list of labs in full ("alanine aminotransferase (ALT), aspartate aminotransferase (AST), alkaline
            # phosphatase (ALP), or bilirubin ≥ 3 x ULN") may start further back; each link is still a short list gap
            reach = bisect.bisect_left(mentions, comparison.number_start - _LAB_LIST_REACH, key=lambda m: m[1])
            earlier = mentions[reach : bisect.bisect_left(mentions, chosen[0])]
        for mention in reversed(earlier):
            gap = n[mention[1] : chosen[-1][0]]
            lab_list = comparison.unit == "x ULN" and len(gap) <= 40 and _lab_list_gap(gap)
            if not gap or not (_CONNECTOR.match(gap) or lab_list or _CONNECTOR.match(_before_full_name(gap))):
                break  # "急性加重住院": one noun phrase, the last word names it
            if mention[2] == chosen[-1][2]:
                chosen[-1] = mention  # the full name before its abbreviation
            elif QUESTION_UNITS.get(mention[2]) != QUESTION_UNITS.get(chosen[-1][2]):
                break  # "aged 18 to 60 years, BMI < 40": one bound is shared only by variables asked in one unit
            elif all(mention[2] != c[2] for c in chosen):
                chosen.append(mention)
        if any(_unit_fits(m[2], comparison.unit) for m in chosen) or not comparison.unit:
            return list(reversed(chosen))
    if comparison.unit == "x ULN":
        if _OTHER_LAB_BEFORE and _OTHER_LAB_BEFORE.search(n, max(0, comparison.start - 60), comparison.start):
            return []  # "Alkaline phosphatase no greater than 2 times ULN Creatinine …": that lab's bound, no question's
        following = _FOLLOWING_LABS.match(n, comparison.end)
        if following:  # "> 1.5 x ULN at screening for the following laboratory measures: ALT, AST and/or bilirubin"
            return _labs_listed_from(n, following.end(), mentions, comparison, comparisons)
    after = [
        m
        for m in mentions
        if m[0] >= comparison.end
        and m[0] - comparison.end <= 30
        and not _BOUNDARY.search(n[comparison.end : m[0]])
        and not _list_gap(n[comparison.end : m[0]])
        and "(" not in n[comparison.end : m[0]]
        # "Alkaline phosphatase no greater than 2 times ULN Renal: Creatinine …": a label opens the next field
        and ":" not in n[comparison.end : m[0]]
        and (comparison.unit or not _CJK_CHAR.search(n, comparison.end, m[0]))  # "≥1包 年龄": packs, not an age
        and (not comparison.unit or _unit_fits(m[2], comparison.unit))  # "over 18 years hospitalized"
        # "a score ≥ 5 for women up to the age of 50": a number with no unit is an age only right before the word
        and (m[2] != "age" or comparison.unit or _AGE_WORDS_BETWEEN.fullmatch(n, comparison.end, m[0]))
        and not _owns_next_bound(n, m, comparison, comparisons)
    ]
    if after and comparison.unit == "x ULN":  # "≤ 2.5 x ULN for AST and ALT": each lab of the list after it
        return _labs_listed_from(n, after[0][0], mentions, comparison, comparisons)
    return after[:1]


# "… for the following laboratory measures:", "for any of the following:" after an x ULN bound: the labs it holds for
# are listed next
_FOLLOWING_LABS = re.compile(
    r"[^.;:()<>≤≥]{0,40}?(?<![a-z])(?:for|in|of)\s+(?:(?:any|one|each|all|either|both)\s+(?:of\s+)?)?the\s+following"
    r"(?:\s+[a-z]+){0,3}\s*:\s*"
)


def _labs_listed_from(
    n: str, start: int, mentions: list[tuple[int, int, str]], comparison: _Comparison, comparisons
) -> list[tuple[int, int, str]]:
    """The labs named in a list that starts at `start`, each after a short list gap ("AST, ALT and/or total
    bilirubin", "alanine aminotransferase (ALT), aspartate aminotransferase (AST)"); a name said twice (in full, then
    abbreviated) counts once. The list ends at a lab that opens its own bound ("for AST and creatinine ≤ 1.5 x ULN")."""
    listed: list[tuple[int, int, str]] = []
    position = start
    for index in range(bisect.bisect_left(mentions, (start,)), len(mentions)):
        mention = mentions[index]
        gap = n[position : mention[0]]
        if (
            mention[2] not in LAB_VARIABLES
            or len(gap) > 40
            or not _lab_list_gap(gap)
            or _bound_right_after(n, mention, comparison, comparisons)
        ):
            break
        if all(mention[2] != m[2] for m in listed):
            listed.append(mention)
        position = mention[1]
    return listed


_OWN_BOUND_GAP = re.compile(r"[\s,/]*(?:(?:and/or|or|and)\s+[a-z0-9]{2,6}\s*)?")


def _bound_right_after(n: str, mention, comparison: _Comparison, comparisons) -> bool:
    """Whether a bound of its own follows the name right away ("… for AST and creatinine ≤ 1.5 mg/dL")."""
    index = bisect.bisect_left(comparisons, mention[1], key=lambda c: c.start)
    return (
        index < len(comparisons)
        and comparisons[index] is not comparison
        and bool(_OWN_BOUND_GAP.fullmatch(n, mention[1], comparisons[index].start))
    )


def _owns_next_bound(n: str, mention, comparison: _Comparison, comparisons) -> bool:
    """Whether a name right after a bound opens the next bound in the same unit: in "PT no greater than 1.5 times ULN
    (ULN) AST or ALT no greater than 3 times ULN" AST is what the 3 bounds, not the 1.5 ("1.5 x ULN for AST" keeps it)."""
    if re.search(r"(?<![a-z])(?:for|of|in)(?![a-z])", n[comparison.end : mention[0]]):
        return False
    return any(
        c.start >= mention[1] and c.unit == comparison.unit and _OWN_BOUND_GAP.fullmatch(n, mention[1], c.start)
        for c in comparisons
    )


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
        if an_exception(clause, original):
            return []  # "Use of oral steroids, except:" / "  - prednisone ≤ 10 mg/day for ≥ 3 months": let in, not kept out
        proposals: list[Proposal] = []
        for chunk_start, chunk_end in _chunks(original, start, end):
            proposals.extend(_propose(clause, original, chunk_start, chunk_end))
        if clause.kind == "inclusion" and proposals and re.search(r"(?i)exclu|排除", original[start:end]):
            proposals = _said_excluded(proposals, original, start, end)
        return proposals
    except Exception:  # the contract: never raise
        return []


# A sentence that says itself its people are excluded: "Patients with a BMI > 35 kg/m2 are excluded.", "… will be
# excluded from the study" ("are not excluded" and "excluded if …" lead-ins are not)
_SAID_EXCLUDED = re.compile(
    r"(?<![a-z])(?:are|is|will be|shall be|would be|must be|should be|to be)\s+excluded"
    r"(?:\s+from\s+(?:the\s+|this\s+)?(?:study|trial|participation|enrol+ment|randomi[sz]ation))?\s*[.;]?\s*$"
    r"|(?:者|患者|受试者)\s*(?:应|需|将|均)?\s*(?:予以|予|被)?\s*排除\s*[。.;；]?\s*$",  # "体重指数>30者予以排除。"
    re.I,
)
_SENTENCE_END = re.compile(r"[.;](?:\s|$)|[。；\n]")
_EXCLUDED_IF = re.compile(
    r"(?i)(?<![a-z])(?:(?:were|was|are|is|be)\s+)?(?:excluded|ineligible)\s+(?:if|when|because)(?![a-z])"
)


def _said_excluded(proposals: list[Proposal], original: str, start: int, end: int) -> list[Proposal]:
    """An inclusion clause's proposals that sit in a sentence saying its people are excluded go to the exclusion list;
    the clause's other sentences keep theirs."""
    sentences, begin = [], start
    for stop in _SENTENCE_END.finditer(original, start, end):
        sentences.append((begin, stop.end()))
        begin = stop.end()
    sentences.append((begin, end))
    excluded = [
        (a, b)
        for a, b in sentences
        if _SAID_EXCLUDED.search(original, a, b) and not re.search(r"(?i)\bnot\b|不|除外|以外", original[a:b])
    ]
    # "… aged over 65 and excluded if they had an infection within the preceding week": from "excluded if" on, the
    # sentence names who is kept out (what stands before it stays where it is)
    excluded += [(m.end(), b) for a, b in sentences for m in _EXCLUDED_IF.finditer(original, a, b)]
    if not excluded:
        return proposals
    moved = []
    for proposal in proposals:
        at = original.find(proposal.quote, start, end) if proposal.quote else -1
        if at >= 0 and any(a <= at < b for a, b in excluded):
            proposal = dataclasses.replace(proposal, kind="exclusion")
        moved.append(proposal)
    return moved


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
    windows = _find_windows(n, _under_washout_lead(n, original, start))
    window_spans = [(w[0], w[1]) for w in windows]
    example, condition, not_a_bound = (may_match(w, n) for w in (_EXAMPLE_WORDS, _CONDITION_WORDS, _NOT_A_BOUND_WORDS))
    stratified, exception = may_match(_STRATIFIED_WORDS, n), may_match(_EXCEPTION_WORDS, n)
    target, state_definition = may_match(_TARGET_WORDS, n), may_match(_STATE_DEFINITION_WORDS, n)
    comparisons = [
        c
        for c in comparisons
        if not (
            example
            and EXAMPLE_BEFORE.search(n[max(0, c.start - 25) : c.start])
            and not _ADULT_EXAMPLE_BEFORE.search(n, max(0, c.start - 60), c.start)
        )
        and not (
            condition
            and CONDITION_BEFORE.search(n[max(0, c.start - 40) : c.start])
            # "≤ 2.5 x ULN if no liver metastases or ≤ 5 x ULN …": the "or" ends that condition, the bound is the other's
            and not (c.unit == "x ULN" and _SUBGROUP_ABSENT_OR.search(n, max(0, c.start - 80), c.start))
        )
        and not _STAGE_DEFINITION.search(n[max(0, c.start - 50) : c.start])  # "(stage 3: 30% ≤ FEV1 < 50%)"
        and not (not_a_bound and NOT_A_BOUND_BEFORE.search(n[max(0, c.start - 40) : c.start]))
        and not (
            stratified and _STRATIFIED_BEFORE.search(n, max(0, c.start - 60), c.start)
        )  # groups of a randomisation
        and not (
            exception
            and _EXCEPTION_BEFORE.search(n, max(0, c.start - 45), c.start)  # "不包括2岁以下发烧性癫痫"
            # "≤ 2.5 x ULN except in case of liver metastases (5 x ULN)": the excepted subgroup's own bound
            and not (c.unit == "x ULN" and _LAB_SUBGROUP_RIGHT_BEFORE.search(n, max(0, c.start - 60), c.start))
        )
        and not _THEN_AFTER.match(n, c.end)
        and not _QUOTA_BEFORE.search(n, max(0, c.start - 70), c.start)  # "(8 to 10 children aged 5-8 years)"
        and not (  # "(8 to 10 children in the age range …)": how many ("aged 18-65 patients" are their ages)
            not c.unit
            and _HEADCOUNT_AFTER.match(n, c.end)
            and not _AGE_RIGHT_BEFORE.search(n, max(0, c.start - 12), c.start)
        )
        and not (target and _TARGET_BEFORE.search(n, max(0, c.start - 40), c.start))
        # "如果服用他莫昔芬,且年龄<60岁,则…": the condition of another rule
        and not (state_definition and _STATE_DEFINITION_BEFORE.search(n, max(0, c.start - 120), c.start))
        # "绝经后状态定义为:…年龄≥60岁"
        and not NOT_A_BOUND_AFTER.match(n, c.end)
    ]
    in_window = bytearray(len(n) + 1)  # the characters a window reads: one lookup per number, not one per window
    for a, b in window_spans:
        in_window[a:b] = b"\x01" * (b - a)
    comparisons = [
        c
        for c in comparisons
        if not in_window[c.number_start] and not any(a <= c.number_start < b for a, b, _v in mentions)
    ]  # the 6 of "6MWD"
    comparisons = [part for c in comparisons for part in _outside_parts(c)]
    parent = _parent_text(clause, original) if comparisons else ""
    parent_n = _normalise(parent, 0, len(parent))[0] if parent else ""
    if parent and (_SEVERAL_OF.search(parent_n) or _DONOR.search(parent_n)):
        comparisons = []  # a bullet under "One or more of the following risk factors:" is one point, not a rule;
        # under "a graft from a donor with one of the following:" it describes the donor, not the patient
    if may_match(_SEVERAL_OF_WORDS, n):  # "following", "least", …: without them no window of the chunk matches
        comparisons = [c for c in comparisons if not _SEVERAL_OF.search(n, max(0, c.start - 200), c.start)]
    if kind == "exclusion" and ("xcept" in n or "unless" in n):
        comparisons = _without_excepted_ages(n, comparisons)
    parent_variable = ""
    if not mentions:
        parent = parent or _parent_text(clause, original)
        if parent:
            parent_variable = _parent_variable(parent)

    measured: list[tuple[str, _Comparison, int, int]] = []  # (variable, comparison, quote start, quote end)
    alternatives: set[tuple[str, int]] = set()  # (variable, id of its comparison): either/or bounds
    last_bound: dict[str, _Comparison] = {}  # each variable's last bound: "≥ 200 (or ≥ 150 with …)" is an alternative
    previous: tuple[_Comparison, list] | None = None  # the last x ULN bound and the labs it went to
    last_implied: tuple[str, _Comparison] | None = None  # the last bound with no name near it, and what it bounds
    for comparison in comparisons:
        by_unit = _unit_variable(comparison)
        chosen = _variables_for(n, comparison, mentions, comparisons)
        if (
            comparison.unit == "x ULN"
            and previous
            and (
                _SUBGROUP_BETWEEN.fullmatch(n, previous[0].end, comparison.start)
                or _SUBGROUP_BETWEEN_EN.fullmatch(n, previous[0].end, comparison.start)
                or _SUBGROUP_THEN_BRACKET_GAP.fullmatch(n, previous[0].end, comparison.start)
                or (
                    _BARE_GAP.fullmatch(n, previous[0].end, comparison.start)
                    and _SUBGROUP_AFTER.match(n, comparison.end)
                )
            )
            and not any(previous[0].end <= m[0] < comparison.start for m in mentions)
        ):  # "AST和ALT≤2.5倍ULN,肝转移患者≤5倍ULN", ">2.5XULN[无肝转移受试者];或≥5XULN": the same labs, for a subgroup
            chosen = previous[1]
        if comparison.unit == "x ULN" and chosen:
            previous = (comparison, chosen)
        if by_unit and ([m[2] for m in chosen] != [by_unit] or chosen[0][0] >= comparison.end):
            chosen = [(comparison.start, comparison.end, by_unit)]
        if not chosen:
            implied = _implied_variable(n, comparison, parent_variable)
            label = _subgroup_before(n, comparison.start)
            if not implied and comparison.unit == "years" and label and not n[label.end() : comparison.start].strip():
                implied = "age"  # "part B (asthma): 18-65 years"
            if not implied and comparison.unit == "years" and _SUBGROUP_LEAD.search(n, 0, comparison.start):
                implied = "age"  # "Cohort 2 (asthma) ≥18 years": a subgroup's years with nothing else named
            if (
                not implied
                and last_implied
                and last_implied[0] == "age"
                and comparison.unit == "years"
                and _BRACKETED_ALTERNATIVE_GAP.fullmatch(n, last_implied[1].end, comparison.start)
                and _WHERE_AFTER.match(n, comparison.end)
            ):  # "Adults ≥ 18 years (or ≥ 19 years in South Korea)": the same age where another rule holds
                implied = "age"
            if (
                not implied
                and last_implied
                and (
                    last_implied[1].unit == comparison.unit
                    # "below 18 and above 45 years": the unit said once, after the second end of an implied age
                    or (last_implied[0] == "age" and not last_implied[1].unit and comparison.unit == "years")
                )
                and (
                    _SECOND_BOUND_GAP.fullmatch(n, last_implied[1].end, comparison.start)
                    or (  # "> 18 years <80 years": a lower bound then an upper one, only a blank between
                        _BLANK_GAP.fullmatch(n, last_implied[1].end, comparison.start)
                        and last_implied[1].upper is None
                        and comparison.lower is None
                    )
                    or (
                        last_implied[0] == "age"
                        and _EITHER_BOUND_GAP.fullmatch(n, last_implied[1].end, comparison.start)
                        and (last_implied[1].upper is None) != (comparison.upper is None)
                        and not _NOT_AGE_AFTER.match(n, comparison.end)
                    )
                )
            ):  # "Subjects ≥45 years and ≤70 years": the second bound of the variable the first one implied
                implied = last_implied[0]
            chosen = [(comparison.start, comparison.start, implied)] if implied else []
            last_implied = (implied, comparison) if implied else None
        if len(chosen) > 1 and any(
            _ALTERNATIVE_GAP.search(n[a[1] : b[0]]) for a, b in zip(chosen, chosen[1:])
        ):  # "DLCO or FVC below 80%"
            alternatives.update((m[2], id(comparison)) for m in chosen)
        for _a, _b, named in chosen:
            before = last_bound.get(named)
            if (
                before is not None
                and (before.lower is None) == (comparison.lower is None)
                and (before.upper is None) == (comparison.upper is None)
                and _OR_BOUND_GAP.fullmatch(n, before.end, comparison.start)
            ):  # "eosinophils ≥ 200 (or ≥ 150 with FeNO > 25)": either bound may be the one a patient meets
                alternatives.update({(named, id(before)), (named, id(comparison))})
            last_bound[named] = comparison
        parts = _paired(chosen, comparison)
        chosen = [(a, b, each) for a, b, v in chosen for each in EXPANSIONS.get(v, (v,))]  # "transaminases"
        first_named = min((m[0] for m in chosen), default=comparison.start)
        # labs listed after their bound ("≤ 2.5 x ULN for AST, ALT and bilirubin"): each quote holds the whole list
        last_named = max(m[1] for m in chosen) if chosen and chosen[0][0] >= comparison.end else 0
        for mention_start, mention_end, variable in chosen:
            if parts is not None and variable not in parts:
                continue  # a pair named with one number: it bounds neither ("blood pressure < 90 mmHg")
            part = parts[variable] if parts is not None else comparison
            mention_start = _full_name_start(n, min(mention_start, first_named), variable, mentions)
            variable = _refine_variable(n, variable, part)
            of_fvc = _OF_FVC_AFTER.match(n, part.end) if variable == "fev1_fvc_ratio" else None
            quote_span = (
                min(mention_start, part.start),
                max(mention_end, last_named, of_fvc.end() if of_fvc else part.end),
            )
            measured.append((variable, part, *quote_span))

    measured = _merge_bounds(n, _without_asides(n, measured))
    proposals: list[Proposal] = []
    measured_spans: list[tuple[int, int]] = []  # the bounds proposed, other than counts
    converted: list[Proposal] = []  # bounds converted from another unit ("48 mmol/mol")
    used_periods: set[int] = set()
    seen: set[tuple] = set()
    for variable, comparison, quote_start, quote_end in measured:
        if variable in COUNT_VARIABLES and windows:  # a count's period ("in the past 2 years") is not a window
            distances = [
                (min(abs(w[0] - comparison.end), abs(comparison.start - w[1])), i) for i, w in enumerate(windows)
            ]
            distance, nearest = min(distances)
            once = (comparison.lower == 1 and comparison.lower_inclusive) or (
                comparison.lower == 0 and comparison.lower_inclusive is False
            )
            twelve = (str(windows[nearest][2].normalize()), windows[nearest][3]) in TWELVE_MONTHS
            if distance <= 80 and (twelve or not once):
                # the count's own 12 months, or a count of 2 or more over another period (no question asks it);
                # "at least one in the past 3 months" is just a window
                used_periods.add(nearest)
        if (
            variable == "age"
            and not comparison.unit
            and _bare_number_between(n, quote_start, comparison.start, comparisons)
        ):
            continue  # "up to the age of 50 years and ≥ 4 for those above": a number with no unit past an age is no age
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
        upper_inclusive = comparison.upper_inclusive if upper is not None else None
        quote_end = max(quote_end, comparison.end)
        months = _AGE_MONTHS_AFTER.match(n, comparison.end) if variable == "age" and upper is not None else None
        if months and upper_inclusive:  # "5 years to 11 years 11 months": below the 12th birthday
            upper, upper_inclusive, quote_end = upper + 1, False, months.end()
        label = _subgroup_before(n, quote_start)
        proposals.append(
            Proposal(
                kind=kind,
                variable=variable,
                lower=lower,
                lower_inclusive=comparison.lower_inclusive if lower is not None else None,
                upper=upper,
                upper_inclusive=upper_inclusive,
                unit=unit,
                quote=span.quote(quote_start, quote_end),
                confidence=confidence,
                bronchodilator=_bronchodilator(n, quote_start, quote_end) if variable in SPIROMETRY else None,
                qualifier=span.quote(label.start(), label.end() - 1) if label else "",
                alternative=(variable, id(comparison)) in alternatives,
            )
        )
        if comparison.unit in CONVERSIONS.get(variable, {}):
            converted.append(proposals[-1])
    proposals = _without_converted_twins(proposals, converted)

    events_cache: dict = {}
    boundaries: list[int] | None = None  # where the clause's sentences end, found once
    seen_windows: dict[tuple, int] = {}  # (bound, unit, event) -> the sentence that said it first
    valued = [
        (c.start, c.end)
        for c in comparisons
        if (c.unit in MEASURED_UNITS or MEASURE_WORD_BEFORE.search(n, max(0, c.start - 30), c.start))
        and not CHANGE_BEFORE.search(n[max(0, c.start - 50) : c.start])
        and not _AMOUNT_CHANGED_BEFORE.search(n, max(0, c.start - 30), c.start)
    ]
    for index, window in enumerate(windows):
        if index in used_periods or _counts_several(n, window[0], window[1], window[2], window[3]):
            continue  # a count's period: "more than 3 episodes of anaphylaxis within the past year", "一周内出现≥3次"
        sample_taken = bool(_SAMPLE_TAKEN_BEFORE.search(n, max(0, window[0] - 20), window[0]))
        if not sample_taken and any(
            0 <= window[0] - b <= 12 and not _NEW_ITEM_BETWEEN.search(n, b, window[0]) for _a, b in valued
        ):
            continue  # "HbA1c ≥ 6.5% within 90 days": when a value was measured, not a look-back of its own
        previous_end = windows[index - 1][1] if index else 0
        if _state_required_by(n, window, previous_end):
            continue  # "a stable regimen should be in place within 1 week before the first dose": a deadline
        stable = _stable_over(n, kind, window, span, previous_end)
        if stable:  # "stable maintenance therapy during the last 2 months": on it at least that long
            proposals.append(stable)
            continue
        had = _had_one_in_twelve_months(n, kind, window, mentions, proposals, span)
        if had:  # "筛选前一年内必须经历过重度哮喘发作": at least one exacerbation in the question's 12 months
            proposals.append(had)
            continue
        next_start = windows[index + 1][0] if index + 1 < len(windows) else len(n)
        proposal = _window_proposal(
            n,
            kind,
            window,
            span,
            not sample_taken and _times_a_measurement(n, window, measured_spans),
            previous_end,
            events_cache,
            next_start,
        )
        # one sentence may bound two events of one kind ("cutaneous infection within 1 week or any infection
        # treated with antibiotics within 1 week"); the same bound said again in another sentence is one rule
        if boundaries is None:
            boundaries = [m.start() for m in _BOUNDARY.finditer(n)]
        sentence = bisect.bisect_left(boundaries, window[0])
        said = (proposal.upper, proposal.unit, proposal.event) if proposal else None
        if (
            proposal
            and seen_windows.setdefault(said, sentence) == sentence
            and (*said, proposal.quote) not in seen_windows
        ):
            seen_windows[(*said, proposal.quote)] = sentence  # the very same words again: one rule
            proposals.append(proposal)
            other = _AGENTS_SPAN_AFTER.match(n, window[1]) if proposal.upper_inclusive else None
            if other:  # "chemotherapy within 4 weeks (6 weeks for nitrosoureas or mitomycin C) prior to entering"
                proposals.extend(_other_agents_window(kind, span, other))
    taken = window_spans + [(c.start, c.end) for _v, c, _a, _b in measured]
    ranged: list[tuple[int, int]] = []  # the spans a minimum-to-maximum range reads, which durations leave alone
    proposals.extend(_minimum_to_maximum_spans(n, kind, span, taken, ranged))
    proposals.extend(_find_durations(n, kind, span, taken + ranged))
    proposals.extend(_dated_thing_ages(n, kind, span, window_spans))  # its ages are no person's: measured bounds
    # on them are dropped later, so only windows take its spans
    proposals.extend(_intervals_to_the_study(n, kind, span, taken))
    proposals.extend(_events_short_of_a_span(n, kind, span, taken))
    if _under_en_washout_lead(n, original, start):
        proposals = _washout_rows_as_windows(n, kind, span, proposals)
    proposals = _without_menopause_definitions(proposals, clause, n, original, start, end)
    proposals.extend(_choice_proposals(n, kind, span))
    return proposals


# "4 or more of the following factors: age ≥ 56 years, …", "One or more of the following risk factors:": each bound
# is one point of a score or one of several factors, not a rule on its own
_SEVERAL_OF = re.compile(
    r"(?:(?<![\d.])[2-9]|two|three|four|five|six)\s+or\s+more\s+(?:out\s+)?of\s+(?:the\s+)?(?:following|these|below)"
    r"|at\s+least\s+(?:(?<![\d.])[2-9]|two|three|four|five|six)\s+(?:out\s+)?of\s+(?:the\s+)?(?:following|these|below)"
    r"|of\s+(?:the\s+)?following\s+(?:[a-z]+\s+){0,2}(?:risk\s+)?factors"
    # "one or more CV risk factors [… BMI ≥ 25 …]", "at least 1 cardiovascular risk factor (… BMI > 30 …)": a bound
    # that is one risk factor among others is no criterion by itself
    r"|(?:(?:(?<![\d.])\d|one|two|three|four)\s+or\s+more|at\s+least\s+(?:(?<![\d.])\d|one|two|three|four))\s+"
    r"(?:[a-z]+\s+){0,2}risk\s+factors?"
)
# The words one of which each match of these patterns holds, looked for once in a chunk: a pattern whose words the
# chunk lacks matches no window of it, so it is not tried before each of its numbers ("1-1-1-…" is a range every three
# characters, and each search of a window tries the pattern at every character of it)
_SEVERAL_OF_WORDS = required_words(_SEVERAL_OF)
_EXAMPLE_WORDS = required_words(EXAMPLE_BEFORE)
_CONDITION_WORDS = required_words(CONDITION_BEFORE)
_NOT_A_BOUND_WORDS = required_words(NOT_A_BOUND_BEFORE)
_STRATIFIED_WORDS = required_words(_STRATIFIED_BEFORE)
_EXCEPTION_WORDS = required_words(_EXCEPTION_BEFORE)
_TARGET_WORDS = required_words(_TARGET_BEFORE)
_STATE_DEFINITION_WORDS = required_words(_STATE_DEFINITION_BEFORE)


# Having had the event, said with a verb of experience and no number: "must have experienced a severe asthma attack
# in the past year", "筛选前一年内必须经历过重度哮喘发作事件"
_HAD_EVENT = re.compile(r"经历过|发生过|出现过|有过|(?<![a-z])(?:experienc(?:ed|ing)|had|suffer(?:ed|ing))(?![a-z])")
# An item that is itself the event, with "a"/"an" and a few describing words: "A CF pulmonary exacerbation within the
# last year" (having had one is what it asks)
_AN_EVENT_ITEM = re.compile(r"[\s*•-]*an?\s+(?:[a-z-]+\s+){0,3}")
_NO_EVENT = re.compile(r"(?<![a-z])(?:no|not|never|without|free of|none)(?![a-z])|无|未|没有|不")


def _had_one_in_twelve_months(n: str, kind: str, window, mentions, proposals, span: _Span) -> Proposal | None:
    start, end, amount, unit, _reference = window
    if kind != "inclusion" or (str(amount.normalize()), unit) not in TWELVE_MONTHS:
        return None
    if any(p.variable in COUNT_VARIABLES for p in proposals):
        return None
    ends = _boundary_ends(n)
    index = bisect.bisect_right(ends, start)
    sentence_start = ends[index - 1] if index else 0
    sentence_end_match = _BOUNDARY.search(n, end)
    sentence_end = sentence_end_match.start() if sentence_end_match else len(n)
    counted = [m for m in mentions if m[2] in COUNT_VARIABLES and sentence_start <= m[0] < sentence_end]
    if not counted:
        return None
    after_window = end if counted[0][0] >= end else sentence_start
    if _NUMBER_BEFORE_COUNT.search(n, max(after_window, counted[0][0] - 12), counted[0][0]):
        return None  # "2次急性加重": a count said with its number is read as one
    mention = counted[0]
    if n[mention[1] - 1] == "s":
        return None  # "a history of exacerbations during the last year": how many is not said
    had = _HAD_EVENT.search(n, sentence_start, mention[0]) or _AN_EVENT_ITEM.fullmatch(n, sentence_start, mention[0])
    if not had or _NO_EVENT.search(n, sentence_start, mention[0]):
        return None
    variable = _refine_variable(n, mention[2], _Comparison(start, end))
    a, b = min(start, mention[0]), max(end, mention[1])
    return Proposal(
        kind=kind,
        variable=variable,
        lower=Decimal(1),
        lower_inclusive=True,
        unit="count",
        quote=span.quote(a, b),
        confidence=0.6,
    )


_NUMBER_BEFORE_COUNT = re.compile(r"\d|[一两二三四五六七八九十]\s*次|(?<![a-z])(?:one|two|three|a single)(?![a-z])")


def _without_converted_twins(proposals: list[Proposal], converted: list[Proposal]) -> list[Proposal]:
    """ "HbA1c > 47 mmol/mol (> 6.4%)": the text's own bound in the question's unit is kept, its converted twin (6.45)
    dropped; a converted bound with no twin stays."""
    if not converted:
        return proposals

    def sides(p: Proposal) -> tuple:
        return (p.kind, p.variable, p.lower is None, p.upper is None)

    written = {sides(p) for p in proposals if not any(p is c for c in converted)}
    return [p for p in proposals if not (any(p is c for c in converted) and sides(p) in written)]


def _paired(chosen: list, comparison: _Comparison) -> dict[str, _Comparison] | None:
    """For a pair ("blood pressure", or "SBP/DBP" named in turn): each variable's own comparison, the first number to
    the first and the second to the second; {} when a pair is named with one number; None when no pair is named."""
    named = [v for _a, _b, v in chosen]
    pair = next((PAIRS[v] for v in named if v in PAIRS), None)
    if pair is None:
        pair = next((p for p in PAIRS.values() if named == list(p) and comparison.second is not None), None)
        if pair is None:
            return None
    if comparison.second is None:
        return {}
    second = dataclasses.replace(
        comparison,
        lower=comparison.second if comparison.lower is not None else None,
        upper=comparison.second if comparison.upper is not None else None,
        second=None,
    )
    return {pair[0]: comparison, pair[1]: second}


def _outside_parts(c: _Comparison) -> list[_Comparison]:
    """ "Are not between 18 and 50 years of age": below the range or above it, two bounds as the clause states them
    (each end of the range belongs to the range, so each outside bound is strict)."""
    if c.shape != "outside":
        return [c]
    common = {"unit": c.unit, "raw_unit": c.raw_unit, "shape": "operator", "number_start": c.number_start}
    below = _Comparison(c.start, c.end, upper=c.lower, upper_inclusive=not c.lower_inclusive, **common)
    above = _Comparison(c.start, c.end, lower=c.upper, lower_inclusive=not c.upper_inclusive, **common)
    return [below, above]


def _full_name_start(n: str, start: int, variable: str, mentions) -> int:
    """For "alanine aminotransferase (ALT) ≤ 2 x ULN" the quote starts at the full name, not the abbreviation."""
    if start > 0 and n[:start].rstrip().endswith(("(", "（")):
        bracket = len(n[:start].rstrip()) - 1
        for a, b, other in mentions:
            if other == variable and b <= bracket and not n[b:bracket].strip():
                return a
    return start


def _unit_variable(comparison: _Comparison) -> str:
    """Units that name their variable whatever words come before: "10 pack-years", "18岁", "10 cigarettes a day"."""
    if comparison.unit == "pack-years":
        return "pack_years"
    if comparison.unit in NAMED_BY_UNIT:
        return NAMED_BY_UNIT[comparison.unit]
    if comparison.raw_unit in ("岁", "周岁"):
        return "age"
    return ""


# What may stand between a person and their age: "Adults (≥ 18 years)", "women who are over 65 years", "patients
# aged 40 to 75"; "patients having preserved their graft > 2 years" is not an age
_PERSON_GAP = re.compile(
    r"[\s(,:-]*(?:(?:aged?|who|that|are|is|be|must|should|will|of|and|or|from|between|healthy|male|female)[\s(,:-]+)*$"
)


_PERSON_RIGHT_BEFORE = re.compile(r"[\s(,:-]*(?:(?:aged?|between|from)\s+)?$")


def _person_before(n: str, position: int, gap: re.Pattern = _PERSON_GAP) -> bool:
    """Whether a person word stands just before ``position`` with only words about age between."""
    people = [m for m in PEOPLE.finditer(n, max(0, position - 40), position) if m.end() > m.start()]
    if gap is _PERSON_GAP and not people:
        people = list(PEOPLE.finditer(n, max(0, position - 40), position))  # nothing at all before: "≥ 18 years"
    return bool(people) and bool(gap.match(n, people[-1].end(), position))


_OLDER_RIGHT_BEFORE = re.compile(r"(?:^|[^a-z])(?:older|younger)\s*$")
# "a liver biopsy older than 6 months", "the diagnosis is not older than 2 years": a thing's age on record, no person's
_DATED_THING_BEFORE = re.compile(
    r"(?<![a-z])(?:"
    + (TABLES.dated_things or r"(?!x)x")
    + r")(?![a-z])(?:\s+of\s+(?:(?:the|a|an|their|his|her)\s+)?[a-z]+)?"
    r"\s*(?:(?:is|are|was|were|must|should|be|not|no)\s+){0,3}$"
)
_YEARS_OLD = re.compile(r"y/o|y\.\s?o\.?|yo")  # "≥18 y.o.", "65 yo": years of a person's age, whoever is named before


# "age less than 18 or greater than 90 except for patients … who are 16 years of age or older": after an exclusion's
# own age bound, the ages of the people an exception lets in (same sentence) are no exclusion bounds
_EXCEPT = re.compile(r"(?<![a-z])(?:except|excepting|unless|other than)(?![a-z])")
_SENTENCE_STOP = re.compile(r"[.;](?:\s|$)|\n\s*\n")


def _without_excepted_ages(n: str, comparisons: list[_Comparison]) -> list[_Comparison]:
    kept: list[_Comparison] = []
    own_end = None  # where the exclusion's own last bound ends
    for comparison in comparisons:
        if (
            (comparison.unit == "years" or comparison.hint == "age")
            and own_end is not None
            and _EXCEPT.search(n, own_end, comparison.start)
            and not _SENTENCE_STOP.search(n, own_end, comparison.start)
        ):
            continue
        own_end = comparison.end
        kept.append(comparison)
    return kept


# what may stand around a bound that is a whole list item: the bullet, blanks, a full stop or semicolon
_BARE_ITEM_EDGE = re.compile(r"[\s\-*•·.;,:)(\d]{0,6}?\s*|\s*[.;,]?\s*")
# An NCI record's "Age:" field that gives each subgroup its own years ("Age: Patients with CF: 5 and over; Healthy
# volunteers: 18 and over"): a later subgroup's label after the ";", then a bound with no unit, is that subgroup's age
_AGE_FIELD_LEAD = re.compile(r"^\W*age\s*[:：]")
_LABELLED_ITEM_BEFORE = re.compile(r";\s*[a-z][^;:\d<>≤≥()]{0,40}:\s*$")
_LABELLED_ITEM_END = re.compile(r"\s*(?:;|$)")


def _implied_variable(n: str, comparison: _Comparison, parent_variable: str) -> str:
    """The variable a comparison with no variable named near it is about, from its words, its unit or the parent
    line of a nested clause; "" when there is none."""
    if comparison.hint == "age" and _DATED_THING_BEFORE.search(n, max(0, comparison.start - 40), comparison.start):
        return ""  # "a liver biopsy older than 6 months": the biopsy's age, no person's
    if comparison.hint:
        return comparison.hint
    if not comparison.unit and _SPAN_UPPER_END_AFTER.match(n, comparison.end):
        return ""  # "Patients ≥1 and ≤6 months after the infarction": the lower end of a span since an event
    if (
        comparison.unit == "years"
        and (
            _person_before(n, comparison.start)
            or _YEARS_OLD.fullmatch(comparison.raw_unit)
            or _OLDER_RIGHT_BEFORE.search(n, max(0, comparison.start - 12), comparison.start)  # "Older > 18 years"
        )
        and not (
            NOT_AGE.search(n, max(0, comparison.start - 40), comparison.start)
            or _NOT_AGE_AFTER.match(n, comparison.end)
            or re.search(r"for\s*$", n[: comparison.start])
        )
    ):
        return "age"  # "Adults (≥ 18 years)": a person's years with no other meaning in the clause
    if (
        not comparison.unit
        and comparison.shape in ("range", "operator")
        and _person_before(n, comparison.start, _PERSON_RIGHT_BEFORE)
        and all(
            v is None or (v == v.to_integral_value() and 1 <= v <= 100) for v in (comparison.lower, comparison.upper)
        )
        and not NOT_AGE.search(n)
        and not re.match(r"\s*(?!(?:and|or|inclusive|who|with|[a-z]+ing)(?![a-z]))[a-z/%]", n[comparison.end :])
    ):  # "> 2 units/day for women" counts something else; "Patients over 60 attending a clinic" are 60
        return "age"  # "Adults 18-64", "individuals between 15-21": people and two plain numbers are their ages
    if (
        not comparison.unit
        and not parent_variable  # "Body mass index:" over "> 45": the heading names it
        and _BARE_ITEM_EDGE.fullmatch(n, 0, comparison.start)
        and _BARE_ITEM_EDGE.fullmatch(n, comparison.end)
        and all(
            v is None or (v == v.to_integral_value() and 1 <= v <= 120) for v in (comparison.lower, comparison.upper)
        )
        and max(v for v in (comparison.lower, comparison.upper) if v is not None) >= 15
    ):  # an NCI record's item "18 and over", "Under 70", "18 to 65" (its "Age:" heading lost): a whole item of
        # years alone; "at least 3", "2 to 3" say too little
        return "age"
    if (
        not comparison.unit
        and _AGE_FIELD_LEAD.match(n)
        and _LABELLED_ITEM_BEFORE.search(n, max(0, comparison.start - 60), comparison.start)
        and _LABELLED_ITEM_END.match(n, comparison.end)
        and all(
            v is None or (v == v.to_integral_value() and 1 <= v <= 120) for v in (comparison.lower, comparison.upper)
        )
    ):  # "Age: Patients with CF: 5 and over; Healthy volunteers: 18 and over": the second subgroup's years
        return "age"
    if comparison.unit == "kg/m2":
        return "bmi"
    if comparison.unit == "mL/min/1.73m2" and "1.73" in comparison.raw_unit:
        return "egfr"
    return parent_variable


_COUNT_OPERATOR = re.compile(rf"(?:≥|>=|>|at least|{NUM}\s*or more)")
_LED_TO_HOSPITAL = re.compile(
    r"(?:and|that|which|who)?\s*(?:required|requiring|leading to|resulting in"
    r"|needed|needing|with)\s+(?:(?!or\b)\w+\s+){0,2}"
    r"(?:hospitali[sz]|admission)|(?:加重|发作)(?:而|并|需要?|导致|致)?住院"
)


_OF_FVC_AFTER = re.compile(r"\s*of\s+(?:the\s+)?(?:fvc|(?:forced\s+)?vital\s+capacity)(?![a-z])")


def _refine_variable(n: str, variable: str, comparison: _Comparison) -> str:
    """Counts of exacerbations that needed a hospital stay are hospitalisations; an oxygen percentage is SpO2; FEV1 as
    a percentage of FVC is the ratio."""
    if variable == "exacerbations_12m" and re.search(r"hospitali[sz]|admission|admitted|住院", n):
        several_counts = len(re.findall(rf"(?:≥|>=|>|at least|{NUM}\s*or more)", n)) > 1
        span = n
        if several_counts:  # "≥2 moderate exacerbations or ≥1 severe exacerbation leading to hospitalisation": each
            # count is read up to the next count only
            following = _COUNT_OPERATOR.search(n, comparison.end, comparison.end + 120)
            span = n[comparison.end : following.start() if following else comparison.end + 120]
        if _LED_TO_HOSPITAL.search(span):
            return "respiratory_hospitalisations_12m"
    if variable == "fev1_pct_pred" and comparison.unit == "%" and _OF_FVC_AFTER.match(n, comparison.end):
        return "fev1_fvc_ratio"  # "FEV1 less than 70% of FVC": FEV1 as a share of FVC, the ratio
    if variable == "oxygen_hours_per_day" and comparison.unit not in ("h/day", "h"):
        return "spo2_pct" if comparison.unit == "%" and re.search(r"saturation|spo2", n) else variable
    return variable


_FOR_PEOPLE_BEFORE = re.compile(
    r"(?<![a-z])for\s+(?:(?:the|all|those|any|subjects?|patients?|participants?|children|adults?|adolescents?|people"
    r"|persons?|women|men|males?|females?|individuals?|infants?|ages?|aged|cohort|group|part|arm)\s+){0,2}$"
)


def _without_asides(n: str, measured: list) -> list:
    """An age in brackets beside another variable's bound is an aside: "eGFR ≤ 50 (by CKD-EPI for ages ≥ 18)" is
    not an age limit. Conditions such as "for ages 12 to 17" are asides too."""
    if not measured:
        return []
    depth = _bracket_depths(n, 0, len(n))
    outside = {variable for variable, c, _a, _b in measured if depth[c.number_start] == 0}
    kept = []
    for item in measured:
        variable, comparison, quote_start, _quote_end = item
        if variable == "age" and depth[comparison.number_start] > 0 and outside - {"age"}:
            continue
        if variable == "age" and _FOR_PEOPLE_BEFORE.search(n, max(0, quote_start - 40), quote_start):
            continue  # "for ages 12 to 17", "for subjects aged ≥ 12": a condition ("… for acute appendicitis older
            # than 18 years", "… for lung cancer Age > 18 years" name an illness, then the age limit)
        kept.append(item)
    return kept


def _merge_bounds(n: str, measured: list) -> list:
    """Two bounds on one variable in a row (">= 30% and < 80% predicted") become one comparison with both; so do two
    bounds shared by several variables ("ALT and AST > 1 x ULN and ≤ 3 x ULN": each lab's range)."""
    merged: list = []
    for item in measured:
        variable, comparison, _quote_start, quote_end = item
        at = len(merged) - 1
        while at > 0 and merged[at][0] != variable and merged[at][1] is merged[at - 1][1]:
            at -= 1  # past the other variables the same bound went to
        if merged:
            last_variable, last, last_start, last_end = merged[at]
            gap = _VARIABLE_BY_NAME[variable].sub("", n[last.end : comparison.start])  # "≥ 30% and FEV1 < 80%"
            one_sided = (last.lower is None) != (last.upper is None) and (comparison.lower is None) != (
                comparison.upper is None
            )
            opposite = one_sided and (last.lower is None) != (comparison.lower is None)
            joined = re.fullmatch(r"\s*(?:,|and|but|to|-|&|且|并且|、|,\s*and)?\s*(?:(?:the\s+)?(?:value\s+)?)?", gap)
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
                if both.lower < both.upper or (
                    both.lower == both.upper and both.lower_inclusive and both.upper_inclusive
                ):
                    # "< 70% ≥ 70%" (two columns' values run together) is no range: nothing lies in it
                    merged[at] = (variable, both, last_start, max(last_end, quote_end))
                    continue
        merged.append(item)
    return merged


_ASIDE_BEFORE = re.compile(r"[(（][^()（）]{0,120}[)）]\s*(?:(?:of|by)\s+)?$")  # "… (FEV1) of ≥ 12%" too


def _before_aside(n: str, position: int, width: int = 50) -> str:
    """The words before a bracketed aside that ends right before ``position`` ("" when there is none)."""
    aside = _ASIDE_BEFORE.search(n, max(0, position - 125), position)
    return n[max(0, aside.start() - width) : aside.start()] if aside else ""


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


def _plausible(variable: str, lower: Decimal | None, upper: Decimal | None) -> bool:
    """Both bounds inside the variable's plausible range (variables table)."""
    low, high = RANGES.get(variable, (0, 0))
    return _in_range(lower, low, high) and _in_range(upper, low, high)


def _in_range(value: Decimal | None, low: float, high: float) -> bool:
    return value is None or Decimal(str(low)) <= value <= Decimal(str(high))


# "... 80 percent of predicted", "70% of the predicted value": a share of a predicted value, said with "of" ("FEV1/FVC
# < 70% predicted" is read as the ratio, as the registry texts mostly mean it)
_OF_PREDICTED = re.compile(r"(?:%|percent|per cent)\s+of\s+(?:the\s+)?(?:predicted|expected|normal predicted)")


# An age followed by a colon and another bound ("Participants 12 to <18 years of age: < 90%", "Adults ≥ 18 years: FEV1
# < 80%", "18岁及以上：FEV1<80%"): the age labels a group whose own bound follows, as a table of bands by age does
_SPAN_UPPER_END_AFTER = re.compile(
    r"\s*(?:and|to|-|–)\s*(?:≤|<=|<)?\s*\d+(?:\.\d+)?\s*(?:days?|weeks?|months?)(?![a-z])(?!\s*(?:old|of age))"
)
_AGE_GROUP_LABEL_AFTER = re.compile(
    r"(?:\s*(?:of\s+age|old|岁))?\s*[:：]\s*(?:[a-z0-9%/]+\s+){0,3}?(?:[<>≤≥]|less than|greater than|more than|at least"
    r"|below|above|under|over)\s*\d"
)


def _check(n: str, variable: str, c: _Comparison, windows: list, used_periods: set[int]):
    """(lower, upper, unit, confidence) when the comparison is a believable bound on the variable, else None."""
    unit, lower, upper = c.unit, c.lower, c.upper
    after = n[c.end : c.end + 50]
    near = n[max(0, c.start - 60) : c.end + 50]
    clean = 0.9 if c.shape in ("operator", "range", "reverse", "postfix") else 0.7
    if variable in PCT_PRED_VARIABLES | {"fev1_fvc_ratio"}:
        if (
            CHANGE_BEFORE.search(n[max(0, c.start - 50) : c.start])
            or CHANGE_AFTER.match(n, c.end)
            or CHANGE_BEFORE.search(_before_aside(n, c.start, 70))  # "increase in forced expiratory … (FEV1) of"
        ):
            return None  # "change in FEV1 (forced expiratory volume in first second …)≥ 12%": past its bracket too
    if variable not in COUNT_VARIABLES | {"age", "pack_years"} and _CHANGE_RIGHT_BEFORE.search(
        n, max(0, c.start - 30), c.start
    ):
        return None  # "eGFR decline of > 5 mL/min/1.73m2", "FEV1 increase ≥ 12%": a change, not a level
    if variable in PCT_PRED_VARIABLES and _PREDICTED_POSTOPERATIVE.search(n, max(0, c.start - 50), c.start):
        return None  # "PPO FEV1 and PPO DLCO > 35%": the surgeon's estimate after resection, not a measured value
    if variable in PCT_PRED_VARIABLES:
        if unit in ("% predicted", "%"):
            pass
        elif unit == "" and re.search(r"predicted|% ?pred|预计|(?<![a-z])pp(?:fev|fvc|dlco)", near):  # "ppFEV1 ≥ 40"
            clean = 0.85 if re.search(r"pp(?:fev1|fvc)|percent predicted|% ?pred", near) else 0.7
        else:
            return None
        if unit == "%" and not re.search(r"predict|pred|预计|normal|expected|estimated", near):
            clean = min(clean, 0.8)
        if not (_plausible(variable, lower, upper)):
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
        if unit == "% predicted" and _OF_PREDICTED.search(n, c.number_start, c.end + 30):
            return None  # "FEV1/FVC greater than 80 percent of predicted": the ratio against its own predicted value
        lower, upper = as_ratio(lower), as_ratio(upper)
        if not (_plausible(variable, lower, upper)):
            return None
        return lower, upper, "ratio", clean if unit != "% predicted" else 0.6
    if variable == "spo2_pct":
        if unit not in ("%", "") or not (_plausible(variable, lower, upper)):
            return None
        return lower, upper, "%", clean if unit else 0.7
    if variable == "sixmwd_m":
        if unit not in ("m", "") or not (_plausible(variable, lower, upper)):
            return None
        return lower, upper, "m", clean if unit else 0.75
    if variable == "bmi":
        if unit not in ("kg/m2", "") or not (_plausible(variable, lower, upper)):
            return None
        return lower, upper, "kg/m2", clean
    if variable == "pack_years":
        if unit == "cigarette-years" or (unit == "" and _CIGARETTE_INDEX.search(n, max(0, c.start - 20), c.start)):
            # "吸烟指数≥400年支": cigarettes a day times years, twenty to a pack
            lower, upper = (None if v is None else v / 20 for v in (lower, upper))
        elif unit not in ("pack-years", ""):
            return None
        if not _plausible(variable, lower, upper):
            return None
        return lower, upper, "pack-years", clean
    if variable == "oxygen_hours_per_day":
        daily = unit == "h/day" or (unit == "h" and re.search(r"day|daily|/d|per 24|每天|每日|/天", near))
        if not daily or not (_plausible(variable, lower, upper)):
            return None
        return lower, upper, "h/day", clean
    if variable in COUNT_VARIABLES:
        if unit not in ("", "count") or not (_plausible(variable, lower, upper)):
            return None
        for value in (lower, upper):
            if value is not None and value != value.to_integral_value():
                return None
        period = _count_period(n, c, windows)
        if period is None and _times_over_twelve_months(n, variable, c):
            period = -1
        if period is None:
            return None
        if period >= 0:
            used_periods.add(period)
        return lower, upper, "count", 0.85
    if variable in LAB_VARIABLES:
        if unit != "x ULN" or not (_plausible(variable, lower, upper)):
            return None
        return lower, upper, "x ULN", clean
    if variable == "egfr":
        if _CLEARANCE_FORMULA.search(_CLEARANCE_OR_GFR.sub(" ", near)) and "1.73" not in c.raw_unit:
            return None  # "GFR ≤ 50 ml/min (estimated by the Cockcroft and Gault formula)": a creatinine clearance
        if unit == "mL/min/1.73m2":
            confidence = clean if re.search(r"e?gfr|glomerular|肾小球", near) else 0.6
        elif unit == "" and re.search(r"e?gfr|glomerular", near):
            confidence = 0.6
        else:
            return None
        if not (_plausible(variable, lower, upper)):
            return None
        return lower, upper, "mL/min/1.73m2", confidence
    if variable == "age":
        if not c.unit and _SPAN_UPPER_END_AFTER.match(n, c.end):
            return None  # "Patients ≥1 and ≤6 months after the infarction": the lower end of a span, no age
        if _AGE_GROUP_LABEL_AFTER.match(n, c.end):
            return None  # "Participants ≥ 18 years of age: < 80%": the label of an age group's own bound, no age limit
        if re.search(
            r"age (?:at|of) (?:the )?(?:onset|diagnosis|first|start|menarche|menopause)|onset|起病|发病", near
        ) or (
            _AT_DIAGNOSIS.match(n, c.end)
            and not (_PARTICIPANT_AT_TIME_OF.match(n, c.end) and _person_before(n, c.start))
        ):
            return None  # the age a disease began, not the person's age now
        diagnosed = _DIAGNOSIS_BEFORE_AGE.search(n, max(0, c.start - 60), c.start)
        if diagnosed and (diagnosed.group("at") or "age" in n[c.start : c.end]):
            return None  # "diagnosis of asthma below the age of 15 years"
        if _YEARS_OF_SOMETHING.match(n, c.end):
            return None  # "≥ 2 years of education", "5 years of smoking": years of something, not an age
        if _AGED_EVENT_BEFORE.search(n, max(0, c.start - 60), c.start):
            return None  # "renal transplants less than one year old", "a death more than 6 months old": an event's age
        if _ASSENT_NEAR.search(n, max(0, c.start - 60), min(len(n), c.end + 60)):
            return (
                None  # "aged ≥ 7 years, evidence of assent", "assent from children aged 12-17": when a child's assent
            )
            # is needed, not who may take part
        if _NOT_THE_PARTICIPANTS_AGE_BEFORE.search(n, max(0, c.start - 120), c.start):
            return None  # "having school-aged children (aged 7-17)", "the minimum age was 25 years", "is rarely seen in
            # children over 8 years old": another person's age, a past study's, a remark on the disease
        if _DURATION_LEAD_BEFORE.search(n, max(0, c.start - 20), c.start) or _TIME_STATE_AFTER.match(n, c.end):
            return None  # "with COPD for ≥ 2 years", "≥ 2 years in complete remission": how long, not how old
        if unit == "years" or (unit == "" and re.search(r"years|岁|old", after[:20])):
            pass
        elif unit == "" and c.shape in ("range", "operator", "postfix"):
            clean = 0.7
        else:
            return None
        if not (_plausible(variable, lower, upper)):
            return None
        return lower, upper, "years", clean
    # Any other variable of the table: a number in one of its units, or in a unit its row converts exactly, inside
    # its plausible range. A unit the row neither accepts nor converts is never guessed: the study team reads it.
    conversion = CONVERSIONS.get(variable, {}).get(unit)
    if conversion:
        lower, upper = (_converted(value, conversion) for value in (lower, upper))
    elif unit not in UNITS_FITTING.get(variable, ()):
        return None
    if not _plausible(variable, lower, upper):
        return None
    if variable in SCALES and any(v is not None and v != v.to_integral_value() for v in (lower, upper)):
        return None
    return lower, upper, VARIABLE_UNITS[variable], clean if unit else 0.7


def _converted(value: Decimal | None, conversion: tuple[float, float, int | None]) -> Decimal | None:
    """A value in the question's unit: factor and offset from the variables table, kept to its decimals (exact
    factors such as g/dL to g/L keep every digit)."""
    if value is None:
        return None
    factor, offset, decimals = conversion
    converted = value * Decimal(str(factor)) + Decimal(str(offset))
    if decimals is not None:
        converted = converted.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    converted = converted.normalize()
    return converted.quantize(Decimal(1)) if converted.as_tuple().exponent > 0 else converted  # 90, not 9E+1


_CIGARETTE_INDEX = re.compile(r"吸烟指数|smoking index")
_PREDICTED_POSTOPERATIVE = re.compile(r"(?<![a-z])ppo(?![a-z])|predicted post-?\s?operative")
_CLEARANCE_FORMULA = re.compile(r"cockcroft|creatinine clearance|(?<![a-z])crcl(?![a-z])")
# "creatinine clearance or GFR > 65 mL/min": the clearance named as the GFR's alternative under one bound, which is
# still the GFR's bound (a GFR "by Cockcroft-Gault", or a clearance alone, is not)
_CLEARANCE_OR_GFR = re.compile(r"creatinine clearance(?:\s*\(crcl\))?\s*(?:or|and/or|/)\s*(?:the\s+)?e?gfr(?![a-z])")


# A count said after its noun in times, over the 12 months right after it: "hospitalization for asthma more than three
# times within one year", "exacerbations more than 2 times in the last 12 months" (a frequency, so no window holds the
# period). A hospital stay counted this way is a respiratory one only when the text says what it was for ("for asthma",
# "due to COPD exacerbations"); "hospitalized more than 2 times in past 12 months" may be for anything.
_TIMES_OVER = re.compile(
    rf"\s*(?:in|within|during|over)\s+(?:the\s+)?(?:(?:past|last|previous|preceding|prior)\s+)?(?:({ANY_NUM})[\s-]*)?"
    + TIME_UNIT
)
_STAY_FOR_BEFORE = re.compile(
    r"(?:hospitali[sz]\w*|admissions?|admitted)\s+(?:for|due\s+to|because\s+of|with)\s+(?:an?\s+|the\s+)?"
    r"((?:[a-z-]+\s+){1,3})$"
)
_EXACERBATION_WORDS = re.compile(r"(?<![a-z])(?:exacerbations?|attacks?|flare[- ]?ups?)(?![a-z])")


def _times_over_twelve_months(n: str, variable: str, c: _Comparison) -> bool:
    if not c.raw_unit.startswith("time"):
        return False
    period = _TIMES_OVER.match(n, c.end)
    if not period:
        return False
    amount = _to_decimal(period.group(1)) if period.group(1) else Decimal(1)
    unit = TABLES.time_units.get(period.group(2))
    if amount is None or (str(amount.normalize()), unit) not in TWELVE_MONTHS:
        return False
    if variable != "respiratory_hospitalisations_12m":
        return True
    stay = _STAY_FOR_BEFORE.search(n, max(0, c.start - 80), c.start)
    if not stay:
        return False
    what = _EXACERBATION_WORDS.sub(" ", stay.group(1))
    return bool(_QUALIFIERS_ONLY.fullmatch(what) and _QUALIFIER.search(what))


def _count_period(n: str, c: _Comparison, windows: list) -> int | None:
    """Index of the window giving a count's 12 months (-1 when said another way), or None when not 12 months."""
    for index, (a, _b, value, unit, _ref) in enumerate(windows):
        if a >= c.start and (str(value.normalize()), unit) in TWELVE_MONTHS:
            return index
    for index, (_a, _b, value, unit, _ref) in enumerate(windows):
        if (str(value.normalize()), unit) in TWELVE_MONTHS:
            return index
    following = [(a, index) for index, (a, _b, _value, _unit, _ref) in enumerate(windows) if a >= c.end]
    if following:  # "2 exacerbations per year within the 2 years prior": so many in each year of the next period
        a, index = min(following)
        if a - c.end <= 200 and PER_YEAR.search(n, c.end, a):
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


# Chinese: what follows a span can make it no look-back: a span running on into the study ("试验前2周至试验结束后3个月内"),
# a plan ("前12个月内有生育计划"), an exception closing its bracket ("(最近5年中未复发的恶性肿瘤除外)")
_ZH_NOT_A_LOOK_BACK_AFTER = re.compile(
    r"\s*(?:[(（][^()（）]{0,10}[)）])?\s*(?:至|到|直至|直到)[^,，;；。]{0,20}(?:结束|末次|最后一次|出组)"
    # "前4周内或计划在研究期间接种…", "前3个月内接受过或计划试验期间接受…": a past event or a plan, each its own
    r"|[^,，;；。或]{0,4}(?:有|无)?(?:生育|妊娠|怀孕|手术)?计划"
    r"|[^,，;；。()（）]{0,30}除外\s*[)）]"
)
# Chinese: a time span right before the name of a test, a score or a sample ("入组前1周内ECOG评分为0-1分", "前6个月内,
# 经福尔马林固定的肿瘤组织样本", "前12周内进行的胸部X线检查") says when the test is done, not when an event happened;
# a verb of an event between them ("前3个月内接受过…检查") keeps it a look-back window.
_ZH_TEST_WORDS = re.compile(
    r"(?:检查|检测|评分|评估|测定|测试|样本|标本|切片|影像|x\s*线|(?<![a-z])ct(?![a-z])|mri|b超|心电图|胸片|ecog|量表"
    r"|妊娠试验|妊娠结果|验孕|hcg|射血分数|lvef)"  # "前7天内血清或尿妊娠试验阴性", "治疗前 7 天内的血妊娠结果为阴性": the test's timing
    r"(?!学?(?:证据|证实|诊断|确诊))"  # "经影像学证据证实的肺炎": evidence of an event, not a test's timing
)
_ZH_EVENT_VERBS = re.compile(
    r"有|曾|接受|使用|发生|参加|服用|患|献|吸烟|饮|住院|手术|治疗|感染|诊断|确诊|出现|证实|证据|确认"
)


# "筛选期或给药前2天内受试者平均脉搏<50": a span offered as the alternative to the screening period is when the study
# assesses something, not a look-back on an event; an event of the participant's named after it ("筛选期或给药前14天内使用过
# 抗生素") keeps it a look-back
_ZH_SCREENING_OR_BEFORE = re.compile(
    r"(?:筛选期间?|筛选时|筛选访视时?|筛查期间?)\s*(?:或|和|及|/)\s*[\u4e00-\u9fff]{0,6}$"
)
# "评估应在研究药物首次给药前28天内进行", "须于随机前14天内完成": when the study must do something, not a look-back
_ZH_TO_BE_DONE_BEFORE = re.compile(r"(?:应|须|需|必须|需要)\s*(?:在|于)[^,，;；。]{0,16}$")
_ZH_DONE_AFTER = re.compile(r"\s*(?:进行|完成)")
# "戒烟治疗必须在筛选访视前6个月内完成": a past treatment (not the study's) to have been completed inside the look-back,
# a window as "在筛选前6个月内完成戒烟治疗" is; an assessment to be done ("评估应在…内进行") stays the study's step
_ZH_PAST_TREATMENT_DUE_BEFORE = re.compile(
    r"(?<!研究)(?<!试验)(?:治疗|疗法|手术|放疗|化疗)\s*(?:应|须|需|必须|需要)\s*(?:在|于)[^,，;；。]{0,16}$"
)
_ZH_EVENT_AFTER = re.compile(
    r"[^;；。|\n]{0,40}?(?:曾|(?!超)[\u4e00-\u9fff]过|使用|服用|接受|发生|参加|接种|献血|住院|手术|感染|发热)"
)


def _zh_times_a_test(n: str, end: int) -> bool:
    after = n[end : end + 40].lstrip(" ,，")
    cut = re.search(r"[,，;；。]", after)
    after = after[: cut.start()] if cut else after
    test = _ZH_TEST_WORDS.search(after)
    if not test or test.start() > 24 or _ZH_EVENT_VERBS.search(after, 0, test.start()):
        return False
    # "近1个月内消化道出血或粪隐血检查结果阳性": an event named before the test, as its own alternative, has the window
    alternative = _ZH_ALTERNATIVE.search(after, 0, test.start())
    return not (alternative and any(p.search(after, 0, alternative.start()) for p in _KNOWN_EVENT_RES))


_ZH_ALTERNATIVE = re.compile(r"或者?|以及|和|及|、")


# Chinese: a time span in an exception, a definition or a "whatever happened" clause bounds nothing
_ZH_NOT_A_CRITERION_BEFORE = re.compile(
    r"(?:(?:以下|下列)[^;；。)）]{0,6}除外|除外\s*[-—:：]|例外情况|可纳入|允许纳入|可以纳入|可入组|无论|不论|不包括|定义为"
    r"|的定义)[^;；。)）]*$"
)


_ZH_AT_LEAST_BEFORE = re.compile(r"(?:至少|不少于|最少)\s*$")
_ZH_AFTER_TREATMENT_BEFORE = re.compile(r"(?:完成|结束|之后|后)\s*$")
_ZH_PROGRESSION_AFTER = re.compile(
    r"\s*(?:内|以内|之内)?\s*(?:无|未|没有)?(?:出现|发生)?\s*(?:疾病)?(?:进展|复发|转移)"
)
_FIRST_PERIOD = re.compile(r"within\s+(?:the\s+)?first\s")
# a study step timed after a past event ("Randomization between 28 and 40 days after surgery", "Baseline study visit
# falls between 1 and 8 weeks after initiation of …"): when the study acts, no look-back and no duration
_STUDY_STEP_BEFORE = re.compile(
    r"(?<![a-z])(?:randomi[sz]\w*|enrol\w*|visit)\s+(?:(?:falls?|occurs?|takes?\s+place|is|be|must\s+be|will\s+be"
    r"|required|performed)\s+)?(?:between\s+)?$"
)
# progression or recurrence within a span of a treatment's end ("no disease progression within 6 months of treatment
# completion"): the time between two past events, no look-back (as "治疗完成6个月内疾病进展")
_PROGRESSION_BEFORE = re.compile(r"(?<![a-z])(?:progress\w*|recurr\w*|relaps\w*)(?![a-z])[^.;,]{0,20}$")
_AFTER_TREATMENT = re.compile(
    r"\s*(?:of|after|following|from)\s+(?:the\s+)?(?:(?:completion|end)\s+of\s+)?(?:[a-z-]+\s+){0,2}?"
    r"(?:treatment|therapy|chemotherapy|radiotherapy)(?![a-z])"
)


def _span_end_words(n: str, match: re.Match) -> int:
    """Where the span's own words end: before "of …" when the window read its reference point into itself."""
    time_word = re.search(r"(?:days?|weeks?|months?|years?)(?![a-z])", match.group(0))
    return match.start() + time_word.end() if time_word else match.end()


# "have received … immunosuppressive drugs within the first two weeks of randomization" (a rendering of "随机前两周内"):
# a past use in "the first" weeks of the study's point is a look-back; "Within the first 3 days of enrollment, use
# high-dose corticosteroids" is still to come
_RECEIVED_BEFORE = re.compile(
    r"(?<![a-z])(?:have|has|had)\s+(?:been\s+)?(?:received|used|taken|treated|administered)(?![a-z])[^.;]{0,250}$"
)
_OF_A_STUDY_POINT_END = re.compile(
    r"(?:of|before|prior to)\s+(?:the\s+)?(?:randomi[sz]\w*|enrol\w*|screening|baseline|inclusion|study entry|entry"
    r"|first dos\w*|dosing)\W*$"
)


def _received_in_first_period(n: str, match: re.Match) -> bool:
    return bool(
        _OF_A_STUDY_POINT_END.search(match.group())
        and _RECEIVED_BEFORE.search(n, max(0, match.start() - 300), match.start())
    )


_ZH_ONE_DAY = re.compile(r"\D{0,3}(?:一|1)\s*(?:天|日)|\D{0,3}24\s*小时")
_ZH_AMOUNT_AFTER = re.compile(
    r"(?:内|以内|之内)?[^,，;；。()（）]{0,10}?量\s*(?:超过|大于|多于|高于|>|≥|不超过|少于|<|≤)"
)
# "短期胰岛素治疗(10天以内)", "长期使用激素(连续14天以上)": a bracket holding only the span defines the word before it
# ("近期(3个月内)发生心肌梗死": what recent means is a look-back, as "recent (within 1 month) hospitalisation" is)
_ZH_DEFINED_TERM_BRACKET = re.compile(r"(?:短期|长期|短时间|长时间)[^,，;；。()（）]{0,10}[(（]\s*\S?$")
# "3 个月内未改变日剂量", "近2个月剂量无调整": unchanged all that time, a stable duration and not a look-back
_ZH_UNCHANGED_AFTER = re.compile(
    r"\s*(?:内|以内|之内)?\s*(?:[,，]\s*)?(?:[^,，;；。\d]{0,4}?)(?:未|没有|无|不)(?:改变|调整|变更|变化|更改)"
)


_LOWER_END_OPERATOR = re.compile(r"(?:≥|>=|>|at least|more than)\s*$")
_WINDOW_WORDS: list = []  # each window pattern's required words, filled once WINDOW_RES is complete (below)


_CLAUSE_OPENING = re.compile(r"[\s\-*•·.:;)(\d]*")
_MAIN_CLAUSE_AFTER = re.compile(r",\s*(?:then\s+)?[a-z]")


# "controls matched for age (within 5 years)": a tolerance of a match; "must use effective contraception for 3 months
# prior to and during study": a commitment that spans the study. Neither is a look-back on something that happened.
_TOLERANCE_OR_COMMITMENT_BEFORE = re.compile(
    r"(?<![a-z])(?:age[- ]matched|matched\s+(?:for|by|on|in|to)\s+age)\s*[(\[]?\s*(?:within\s*)?$"
    r"|(?<![a-z])(?:use|using|practi[cs]e|practi[cs]ing)\s+(?:[a-z-]+\s+){0,3}(?:contracept\w*|birth control)"
    r"(?:\s+methods?)?\s+(?:for\s*)?$"
)


def _not_a_window_before(n: str, start: int) -> bool:
    """Whether the words before a span make it no look-back (WINDOW_NOT_BEFORE). An "if" that opens the clause ("if
    the patient is taking antidepressants during the last 6 months") is the criterion itself, not the condition of
    another rule, unless a main clause follows it after a comma ("if surgery is needed within 1 year, the patient is
    excluded")."""
    before = n[max(0, start - 90) : start]
    if _TOLERANCE_OR_COMMITMENT_BEFORE.search(before):
        return True
    found = WINDOW_NOT_BEFORE.search(before)
    if (
        found
        and before.startswith("if", found.start())
        and _CLAUSE_OPENING.fullmatch(n, 0, start - len(before) + found.start())
        and not _MAIN_CLAUSE_AFTER.search(n, start, start + 200)
    ):
        found = WINDOW_NOT_BEFORE.search(before, found.start() + 2)
    return bool(found)


def _find_windows(n: str, washout_lead: bool = False) -> list[tuple[int, int, Decimal, str, str]]:
    """(start, end, amount, unit, reference) for each "within N weeks before screening" in the text; ``washout_lead``:
    the text is a row of a washout table whose lead-in stands above it."""
    found: list[tuple[int, int, Decimal, str, str]] = []
    covered = bytearray(len(n) + 1)  # the characters a window already found covers: overlap is one slice, not a scan
    leads: list[int] | None = None
    for index in _WINDOW_SCAN.which(n):
        pattern = WINDOW_RES[index]
        for match in pattern.finditer(n):
            if len(found) >= MAX_WINDOWS:
                break
            if any(covered[match.start() : max(match.end(), match.start() + 1)]):
                continue
            if pattern is _ZH_SHORT_OF and not _ZH_SHORT_OF_LEAD.search(n, max(0, match.start() - 24), match.start()):
                continue
            if pattern is _NEGATED_PRIOR_AND_DURING and not _NO_ITEM_BEFORE.search(
                n, max(0, match.start() - 50), match.start()
            ):
                continue  # "abstain from alcohol 1 week prior to and during the study": a commitment, no look-back
            if pattern is TIME_RANGE_SINCE and _STUDY_STEP_BEFORE.search(n, max(0, match.start() - 40), match.start()):
                continue  # "Randomization between 28 and 40 days after surgery": when a study step is taken ("must
                # be randomized within 4 to 8 weeks from the date of resection" is read as "within 8 weeks of" is)
            if _PROGRESSION_BEFORE.search(n, max(0, match.start() - 40), match.start()) and _AFTER_TREATMENT.match(
                n, _span_end_words(n, match)
            ):
                continue  # "no disease progression within 6 months of treatment completion": between two past events
            if pattern is _IN_A_SPAN and (
                not _past_event_before(n, match.start())
                or _COUNTED_RIGHT_BEFORE.search(n, max(0, match.start() - 40), match.start())
            ):
                continue  # "at least 4 inhalers in 12 months": a count over a period, no look-back
            if _ZH_AT_LEAST_BEFORE.search(n, max(0, match.start() - 6), match.start()):
                continue  # "至少4周内无需类固醇治疗": free of it for at least 4 weeks, a duration
            if _ZH_UNCHANGED_AFTER.match(n, match.end()):
                continue  # "3 个月内未改变日剂量": a dose kept unchanged that long, a duration
            if _ZH_ONE_DAY.match(match.group()) and _ZH_AMOUNT_AFTER.match(n, match.end()):
                continue  # "(女性一天内饮酒的酒精量超过15g": an amount a day, not a look-back
            if _ZH_DEFINED_TERM_BRACKET.search(n, max(0, match.start() - 16), match.start() + 1) and re.match(
                r"\s*[)）]", n[match.end() :]
            ):
                continue  # "短期胰岛素治疗(10天以内)": what "short" means, no look-back
            if pattern is _ZH_WASHOUT_ITEM and not washout_lead:
                if leads is None:  # the lead-ins of washout lists, found once for the whole text
                    leads = [m.end() for m in _ZH_WASHOUT_LEAD.finditer(n)]
                index = bisect.bisect_right(leads, match.start())
                if not index or match.start() - leads[index - 1] > 400:
                    continue
            groups = [g for g in match.groups() if g]
            if pattern in (TIME_RANGE_SINCE, _WITHIN_RANGE_SINCE, _ZH_RANGE_SINCE, _ZH_DISEASE_DURATION):
                groups = [match.group("hi"), match.group("hi_unit")]
            if len(groups) == 1:
                amount, unit_word = Decimal(1), groups[0]
            elif groups[0] == "半" and groups[1] == "年":
                amount, unit_word = Decimal(6), "个月"  # 半年: half a year, six months
            elif groups[0] == "half":
                amount, unit_word = Decimal("0.5"), groups[1]  # "the last half year", as written
            else:
                amount, unit_word = _to_decimal(groups[0]), groups[1]
            unit_word = unit_word.replace(" ", "") if _CJK_CHAR.search(unit_word) else unit_word  # "1 个 月"
            unit = WINDOW_UNITS.get(unit_word.rstrip("s") if unit_word.rstrip("s") in WINDOW_UNITS else unit_word)
            if amount is None or unit is None or amount <= 0:
                continue
            if pattern is _MAXIMUM_DURATION and not _maximum_duration_of_illness(n, match):
                continue  # "maximum duration of treatment of 12 weeks": the study's own course
            if _WASHOUT_WINDOW.match(match.group()) and _washout_verb(n, match.start()):
                continue  # "discontinue supplementation 2 weeks before the start of the study": a washout, a duration
            if WINDOW_NOT_AFTER.match(n[match.end() : match.end() + 30]) or (
                _FIRST_PERIOD.match(match.group()) and not _received_in_first_period(n, match)
            ):
                continue  # "Within the first 3 days of enrollment": a period from a point on, still to come
            if (
                unit == "years"
                and match.group().startswith("(")
                and _PERSON_AGE_BRACKET.search(n, max(0, match.start() - 30), match.start())
            ):
                continue  # "Minors (<18 years)": an age
            if unit == "weeks" and _GESTATION_BEFORE.search(n, max(0, match.start() - 30), match.start()):
                continue  # "premature birth (<35 weeks)", "born before 32 weeks": a gestational age
            if pattern not in (_ZH_SHORT_OF, _ZH_RANGE_SINCE) and _not_a_window_before(n, match.start()):
                continue  # "planning a pregnancy within 12 months", "给药后的6个月内", "如果…前6个月内"
            if _ZH_NOT_A_CRITERION_BEFORE.search(n, max(0, match.start() - 40), match.start()):
                continue  # "以下情况除外-…首次给药前≥5年无…", "可纳入近5年内无活动性疾病的患者", "无论在过去5年内"
            if (
                _CJK_CHAR.search(match.group())
                and not re.match(r"(?:前|近|过去|最近)", match.group())
                and not re.search(r"(?:前|近|过去|最近|之内|以来)的?\s*$", n[max(0, match.start() - 4) : match.start()])
                and re.match(r"[^,，;；。]{0,6}?\d+\s*次", n[match.end() : match.end() + 16])
            ):
                continue  # "一周内出现≥3次症状性低血糖": how often within a week, not how long ago
            if _CJK_CHAR.search(match.group()) and _ZH_NOT_A_LOOK_BACK_AFTER.match(n, match.end()):
                continue  # "试验前2周至试验结束后3个月内", "前12个月内有生育计划", "(最近5年中未复发的…除外)"
            if (
                _CJK_CHAR.search(match.group())
                and _ZH_AFTER_TREATMENT_BEFORE.search(n, max(0, match.start() - 4), match.start())
                and _ZH_PROGRESSION_AFTER.match(n, match.end())
            ):
                continue  # "治疗完成6个月内疾病进展": progression within a period after treatment, two past events
            if _CJK_CHAR.search(match.group()) and _zh_times_a_test(n, match.end()):
                continue  # "入组前1周内ECOG评分", "前6个月内,经福尔马林固定的肿瘤组织样本": when a test is done
            if (
                _ZH_TO_BE_DONE_BEFORE.search(n, max(0, match.start() - 24), match.start())
                and _ZH_DONE_AFTER.match(n, match.end())
                and not (
                    _ZH_PAST_TREATMENT_DUE_BEFORE.search(n, max(0, match.start() - 30), match.start())
                    and "完成" in _ZH_DONE_AFTER.match(n, match.end()).group()
                )
            ):
                continue  # "基线影像学评估应在首次给药前28天内进行": a step the study takes before dosing, no look-back
            if _ZH_SCREENING_OR_BEFORE.search(
                n, max(0, match.start() - 40), match.start()
            ) and not _ZH_EVENT_AFTER.match(n, match.end()):
                continue  # "筛选期或给药前2天内受试者平均脉搏<50": when the study assesses, no look-back
            if pattern is _UPPER_BEFORE_A_POINT and _STABLE_STATE_BEFORE.search(
                n, max(0, match.start() - 60), match.start()
            ):
                continue  # "stable regimen < 3 months prior": the complement of a duration, which is not annotated
            if pattern is TIME_RANGE_SINCE and _AGED_RIGHT_BEFORE.search(n, max(0, match.start() - 12), match.start()):
                continue  # "subjects aged 4 to 11 years after …": an age range, no time since anything
            if pattern is _EVENT_LESS_THAN_OLD and not _AGED_EVENT_BEFORE.search(
                n, max(0, match.start() - 60), match.start()
            ):
                continue  # "children less than 2 years old": a person's age
            if pattern is DURATION_LESS_THAN and not DURATION_OF_BEFORE.search(
                n[max(0, match.start() - 130) : match.start()]
            ):
                continue
            frequency = FREQUENCY_BEFORE.search(n[max(0, match.start() - 40) : match.start()])
            if (
                frequency
                and unit != "days"
                and _COURSE_OF_DAYS_BEFORE.search(n, max(0, match.start() - 60), match.start())
            ):
                frequency = None  # "steroids for more than 28 days during the 6 months prior": a course inside the
                # look-back, which is the window ("for 2 days or more during the last 7 days" counts days: how often)
            if (
                frequency
                and _PER_PERIOD.match(frequency.group())
                and _PAST_OR_LAST.search(match.group())
                and _CONSUMED_AT_A_RATE.search(n, max(0, match.start() - 90), match.start())
            ):
                frequency = (
                    None  # "smoked more than a pack of cigarettes per day in the last year": a habit that recent
                )
            if frequency and not (
                _EVENTS_COUNTED.search(frequency.group())
                and _LOOK_BACK_WORDS.search(match.group())
                and (str(amount.normalize()), unit) not in TWELVE_MONTHS
            ):  # "at least 3 episodes within the 3 months prior to inclusion": events in a look-back, a window
                continue  # "for 2 days or more during the last 7 days": how often, not how long ago
            if (
                unit == "days"
                and _DAYS_A_WEEK_AHEAD.match(n, match.end() - 5)
                and STRICT_OR_AT_MOST.search(match.group())
            ):
                continue  # "symptoms in ≤2 days and use of rescue medication ≤2 days per week": how often
            if LAB_UNIT_BEFORE.search(n, max(0, match.start() - 45), match.start()) and not _SAMPLE_TAKEN_BEFORE.search(
                n, max(0, match.start() - 20), match.start()
            ):
                continue  # "blast count ≤ 200/μL within 10 days": when a lab value was measured
            if TEST_RESULT_AFTER.match(n, match.end()) or (
                RESULT_AFTER.match(n, match.end()) and TEST_BEFORE.search(n, max(0, match.start() - 40), match.start())
            ):
                continue  # "前3个月内影像学检查发现既往感染", "X-ray within 6 months showing": how recent a test's finding is
            if _MONTHS_OVER_YEARS_BEFORE.search(n, max(0, match.start() - 60), match.start()):
                continue  # "cough three months in each of the two years prior": the years a pattern spans, no look-back
            if AVERAGE_BEFORE.search(n, max(0, match.start() - 50), match.start()):
                continue  # "average pain intensity over the past week > 4": the period of an average
            if VALUE_TIMING_BEFORE.search(n, max(0, match.start() - 60), match.start()):
                continue  # "HbA1c value less than or equal to 12 weeks prior to initiation": when it was measured
            if _STUDY_STEP_TIMING_BEFORE.search(n, max(0, match.start() - 40), match.start()):
                continue  # "all screening labs should be performed within 10 days of treatment initiation"
            if STUDY_PROCEDURE_BEFORE.search(n[max(0, match.start() - 60) : match.start()]):
                continue  # "a negative pregnancy test, urine or blood, within 14 days prior to the scan"
            if (
                pattern is not DURATION_LESS_THAN  # "disease duration of less than 1 year": an upper bound, a window
                and pattern is not _UPPER_BEFORE_A_POINT  # "on ventilator support for no longer than 5 days prior"
                and DURATION_BEFORE.search(n[max(0, match.start() - 30) : match.start()])
                # "≥1 and ≤6 months after the infarction": the operator is the range's lower end's
                and not (
                    pattern is TIME_RANGE_SINCE
                    and _LOWER_END_OPERATOR.search(n, max(0, match.start() - 12), match.start())
                )
                and not match.group().startswith(("within", "in ", "during", "近", "过去", "最近"))
            ):
                continue
            start = (
                match.start("op")
                if pattern is _ZH_DISEASE_DURATION
                else match.start("hi")
                if pattern in (TIME_RANGE_SINCE, _WITHIN_RANGE_SINCE, _ZH_RANGE_SINCE)
                else match.start()
            )
            end = match.end()
            while end > start and n[end - 1] == " ":
                end -= 1
            found.append((start, end, amount, unit, n[start:end]))
            covered[match.start() : end] = b"\x01" * (end - match.start())
    return sorted(found)


# "weight loss of more than 10% within the last 6 months", "体重下降>5%": an amount lost or gained over a look-back, whose
# window is how recent the change is (not when a value was measured)
_AMOUNT_CHANGED_BEFORE = re.compile(
    r"(?<![a-z])(?:loss|lost|gain(?:ed)?|change[ds]?)(?![a-z])[^.;,]{0,20}$|(?:下降|减轻|减少|增加|变化)[^,，;；。]{0,8}$"
)


def _times_a_measurement(n: str, window, measured_spans) -> bool:
    """Whether the window is when a measured value was taken ("DLCO in tests within the previous 3 months is 30% to
    80%"): a bound of the clause lies just before or after it with no list break between."""
    start, end = window[0], window[1]
    for a, b in measured_spans:
        between = n[b:start] if b <= start else n[end:a] if a >= end else ""
        if (0 <= start - b <= 80 or 0 <= a - end <= 60) and not re.search(
            r"(?<![a-z])(?:and/or|or|and)(?![a-z])|[;,]|\.\s|或|及|。|[)）](?=[^(（]*$)", between
        ):  # a window closed in brackets before the value is an aside of its own: "(no transfusion within 14 days) Hb"
            if b <= start and _NEW_ITEM_BETWEEN.search(between):
                continue  # "ANC ≥ 1500/μL without the use of growth factors within the last 2 weeks": an event's own
            if a >= end and ":" in between:
                continue  # "lung disease within prior 3 months as evidenced by: TLC ≤ 70%": the evidence, after a colon
            return True
    return False


# Between a measured bound and a window after it: a negated event ("No MI", "without the use of growth factors") or a
# topic label ("Other: No acute illness") starts what the window is about, in a run-on PDQ list as in a lab row
_NO_ITEM_BEFORE = re.compile(r"(?<![a-z])(?:no|not|never|without)\s+[a-z][a-z -]{0,40}$")
_NEW_ITEM_BETWEEN = re.compile(r"[;,:]|(?<![a-z])(?:and|or|no|not|without)(?![a-z])")


_PAST_TEST = re.compile(TABLES.past_tests or r"(?!x)x")


_ONLY_A_CONNECTOR = re.compile(r"\s*,?\s*(?:or|and|and/or|或)?\s*")


def _window_proposal(
    n: str,
    kind: str,
    window,
    span: _Span,
    has_measurement: bool,
    previous_end: int,
    cache: dict | None = None,
    next_start: int | None = None,
) -> Proposal | None:
    start, end, amount, unit, _reference = window
    event, event_start, event_end, generic = _event_for(n, start, end, previous_end, cache, next_start)
    if not event and previous_end and _ONLY_A_CONNECTOR.fullmatch(n, previous_end, start):
        # "onset in 1 week preceding the screening visit or 3 weeks preceding the baseline visit": a second
        # look-back, from another point, on the same event
        event, event_start, event_end, generic = _event_for(n, start, end, 0, cache, next_start)
    if event is None:  # the timing of a test: a window of its own only when the clause measures nothing, or when
        # the test is one on record that the look-back dates ("DLCO in lung function tests within the previous 3
        # months is 30% to 80%": the past test is a window, guideline v2)
        if has_measurement and not _PAST_TEST.search(n, event_start, event_end):
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
        upper_inclusive=not (
            STRICT_WINDOW.search(_reference) or STRICT_BEFORE.search(n, max(0, start - 14), start)
        ),  # "(<6 weeks)", "less than 6 months ago", "less than 4 weeks before enrolment" as written
        unit=unit,
        event=event,
        quote=span.quote(quote_start, quote_end),
        confidence=0.6 if generic else 0.8,
    )


_WORDS_AFTER_PATTERN = (
    r"\s*(?:[(（][^()（）]{0,10}[)）]\s*)?"  # "前30天内(含)口服过中草药": the span's own inclusion mark first
    r"(?:(?:有|接受过?|使用过?|发生过?|进行过?|患有|曾)\s*)?"
    r"([\u4e00-\u9fff]{2,12}|(?:[a-z][a-z0-9-]*\s*){1,4})"
)
_WORDS_AFTER = re.compile(_WORDS_AFTER_PATTERN)
# after a comma, the words are the window's event only when a past event's verb follows ("…14天内，使用过…")
_WORDS_AFTER_COMMA = re.compile(r"\s*[,，]" + _WORDS_AFTER_PATTERN)


def _event_for(
    n: str, start: int, end: int, previous_end: int = 0, cache: dict | None = None, next_start: int | None = None
) -> tuple[str | None, int, int, bool]:
    """(label, start, end, generic) of the event a window is about: the first known event named between the
    previous window (or the sentence's start) and this one, else the first after it and before the next window
    (an event named after the next window is that window's: "前4周内曾使用处方药物, 前4周内曾接受疫苗")."""
    ends = _boundary_ends(n)
    index = bisect.bisect_right(ends, start)
    boundary_start = ends[index - 1] if index else 0
    sentence_start = max(boundary_start, previous_end)
    sentence_end_match = _BOUNDARY.search(n, end)
    sentence_end = sentence_end_match.start() if sentence_end_match else len(n)
    key = (boundary_start, sentence_end)
    if cache is None or key not in cache:  # one sentence's events and brackets, read once for all its windows
        events = [
            (label, match)
            for pattern, label in _EVENT_RES
            for match in pattern.finditer(n, boundary_start, sentence_end)
        ]
        found = (events, _bracket_depths(n, boundary_start, sentence_end))
        if cache is not None:
            cache[key] = found
    else:
        found = cache[key]
    events, depth = found
    best = None
    for label, match in events:
        if match.start() < sentence_start or start <= match.start() < end:
            continue
        if next_start is not None and match.start() >= next_start > end:
            continue
        if match.end() <= start:
            tier = 0 if start - match.end() <= 150 else 2  # named before the window, near enough
        else:
            tier = 1
        if label is None and tier != 0:
            continue  # a test named after the window does not make it the test's timing
        generic = label == "treatment"
        # an event in brackets ("(including viral pneumonia)", "(IgG antibody levels)") only qualifies another
        in_brackets = depth[match.start() - boundary_start] > depth[start - boundary_start]
        score = (generic, in_brackets, tier, match.start())
        if best is None or score < best[0]:
            best = (score, label, match.start(), match.end(), generic)
    if best is None or (best[4] and best[0][2] != 0):  # nothing named, or only a generic "treatment" after it
        words, words_start = _words_before(n, sentence_start, start)
        if words and not _CN_REFERENCE_WORDS.search(words):  # "首次给药前14天内使用过…": the point, not the event
            return words, words_start, start, True
        after = _WORDS_AFTER.match(n[end:sentence_end])
        if after is None and _ZH_EVENT_AFTER.match(n, end, sentence_end):
            after = _WORDS_AFTER_COMMA.match(n[end:sentence_end])  # "筛选前14天内，任一眼使用过角膜接触镜"
        if best is None:  # "随机前12个月内接受过支气管热成形术": the words after it
            if after and len(after.group(1).strip()) >= 2:
                return after.group(1).strip(), end + after.start(1), end + after.end(1), True
            if words:  # only the point counted back from is named
                return words, words_start, start, True
            return "", -1, -1, True
    _score, label, a, b, generic = best
    if label is None:
        return None, a, b, generic
    return label, a, b, generic


_ZH_REFERENCE_WORD = re.compile(r"随机|筛选|筛查|给药|用药|服药|入组|入选|基线|访视|试验|研究|首次|签署|开始|治疗|本次")
# The point a Chinese look-back counts back from, standing just before 前: not what the window is about
_CN_REFERENCE_WORDS = re.compile(
    r"(?:^|\s)(?:在|于|自)?(?:首次|第一次)?(?:筛选|给药|用药|服药|随机(?:化|分组)?|入组|入选|试验|研究|访视\s*\d*"
    r"|基线|签署知情同意书?|(?:研究)?治疗开始|开始|参加本试验|本试验开始)(?:期|访视|时)?(?:之)?$"
)


def _words_before(n: str, sentence_start: int, start: int) -> tuple[str, int]:
    """A few words naming the event when no known event is named: the words just before the window."""
    words = list(re.finditer(r"[a-z][a-z0-9'-]*|[\u4e00-\u9fff]+", n[sentence_start:start]))
    while words and _LEADING_FILLER.fullmatch(words[-1].group() + " "):
        words.pop()
    words = words[-4:]
    while words and _LEADING_FILLER.fullmatch(words[0].group() + " "):
        words.pop(0)
    joined = " ".join(w.group() for w in words)
    short_enough = 2 if _CJK_CHAR.match(joined) and not _ZH_REFERENCE_WORD.fullmatch(joined) else 3
    if not words or len(joined) < short_enough:  # "戒烟", "献血": two characters say it; "随机" is when, not what
        return "", -1
    return " ".join(w.group() for w in words), sentence_start + words[0].start()


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
    if unit != "year":  # in years to four decimals, as the importer stores it and the guideline annotates it
        years = years.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)  # ("4 Months" is 0.3333)
    return years.normalize() if years != years.to_integral_value() else years.quantize(Decimal(1))


def extract(text: str, *, minimum_age: str | None = None, maximum_age: str | None = None) -> list[Proposal]:
    """Every proposal for a record's eligibility text; the record's own age limits are one more only when the text
    states no age (decision 0109)."""
    try:
        proposals: list[Proposal] = []
        if isinstance(text, str) and text.strip():
            text = text[:MAX_TEXT]
            for clause in split_clauses(text):
                proposals.extend(propose(clause, text))
                if len(proposals) >= MAX_PROPOSALS:
                    del proposals[MAX_PROPOSALS:]
                    break
        return _with_record_age(
            proposals, _record_years(minimum_age), _record_years(maximum_age), minimum_age, maximum_age
        )
    except Exception:  # the contract: never raise
        return []


# A record's maximumAge of 99 years or more ("99 Years", "100 Years", "120 Years", "150 Years") is how some registries
# and sponsors write "no limit": no person's age is bounded by it, so it bounds nothing (a text's own "18 to 99 years"
# is kept as stated)
RECORD_NO_MAXIMUM = Decimal(99)


def _with_record_age(
    proposals: list[Proposal], low: Decimal | None, high: Decimal | None, low_text: str | None, high_text: str | None
) -> list[Proposal]:
    """The text's age clauses as they are stated; the record's limits only where the text states no age. A record's
    limits are the import's own approved criterion (`importing.py`), which keeps deciding beside whatever the text's
    clause is drafted as: "≥ 18 years" with a record of 18 to 75 years is the proposal 18 or older, and a patient of
    76 is still no match (decision 0109, which replaced the merge of decision 0058)."""
    if low is not None and low <= 0:
        low = None
    if high is not None and high >= RECORD_NO_MAXIMUM:
        high = None
    if low is not None and high is not None and low > high:
        high = None  # a record whose maximum is below its minimum: keep only the minimum
    if (low is None and high is None) or any(p.variable == "age" for p in proposals):
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


# ----------------------------------------------------------------------------------------------------------------
# Durations, bronchodilator, subgroups
# ----------------------------------------------------------------------------------------------------------------

_DURATION_EVENTS = [(re.compile(row["pattern"]), row["event"]) for row in TABLES.durations if row["pattern"]]
_DURATION = re.compile(
    # "服用二甲双胍已超过3个月": 已(经) before a Chinese operator says it has gone on that long
    r"(?P<op>(?:已经?\s*(?=[\u4e00-\u9fff]))?(?:"
    + "|".join(words for words, _inclusive in TABLES.duration_operators)
    + r")\s*)?"
    r"(?:(?:a|the)\s+(?:period|duration)\s+of\s+)?"
    # "stable dosing for at least the last 4 weeks", "for at least the 4 weeks before Visit 1"
    r"(?(op)(?:the\s+(?:last|past|previous|preceding)\s+|(?<=least\s)the\s+(?=\S+\s*[a-z]+\s+(?:before|prior|preceding)(?![a-z]))"
    # "present for at least a 4-week period": the span named as a period
    r"|a\s+(?=\d+(?:\.\d+)?\s*-\s*(?:day|week|month|year)\s+period(?![a-z])))?)"
    # "at least a year of experience", "for more than a month": "a" after an operator is one
    rf"(?P<num>{ANY_NUM}|{CN_WORD_NUM}|(?:(?<=least\s)|(?<=than\s))a(?=\s))(?P<plus>\+)?\s*[-\s]?"
    r"(?P<consecutive>consecutive\s+|continuous\s+|successive\s+)?"
    r"(?P<unit>days?|weeks?|wks?|months?|mos?|years?|yrs?|天|周|星期|个\s?月|年|月(?![龄份经底初中末]))(?![a-z])"
    r"(?P<post>\s*(?:or (?:more|longer|greater|above)|及以上|或以上|以上))?"
)  # "病程≥6月": 月 alone is months only after an operator (a bare "3月" may be March)
# "smoking for 3 or more years": the comparison between the number and its unit (same groups as _DURATION)
_DURATION_OR_MORE = re.compile(
    r"(?P<op>(?!))?(?P<num>(?<![a-z0-9.])\d+(?:\.\d+)?|" + NUM_WORD + r")\s+(?P<or_more>or\s+(?:more|longer)\s+)"
    r"(?P<consecutive>consecutive\s+|continuous\s+|successive\s+)?(?P<unit>days?|weeks?|months?|years?)(?![a-z])"
    r"(?P<post>(?!))?"
)
_DURATION_FOR = re.compile(
    r"(?:(?<![a-z])for|(?<![a-z])since(?=\s*$)|lasting|dat(?:ing|es?)\s+back(?:\s+to)?|persist(?:ing|ent|ed)?|持续|连续|稳定(?:使用|治疗|用药)|(?<![a-z])stable(?:\s+[a-z-]+){1,3}"
    r"|wash-?out(?:\s+period)?(?:\s+of)?)\s*"
    r"(?:a\s+(?:period|duration)\s+of\s+)?(?:(?:the\s+)?(?:last|past|previous|preceding)\s+)?$"  # "5 cigs/day for last 6 months"
)
# "a 2-year history of allergic rhinitis", "(or at least 20 years duration)", "( 3 months' duration)": the number says
# how long the thing it names has lasted
_DURATION_NOUN_AFTER = re.compile(r"'?\s*(?:duration|history of|in duration)(?![a-z])")
# "tinnitus ≥ 6 months", "Type 2 diabetes > 1 year": a condition named right before a bound on a span has lasted that
# long; not a measure, a test, the study's points, a plan, an age, a follow-up or a menstrual cycle (how menopause is
# defined); "materials over two weeks" is a period of use ("over" is left out)
_STATE_RIGHT_BEFORE = re.compile(r"(?<![a-z])[a-z][a-z0-9'-]*(?:\s+[a-z0-9][a-z0-9'-]*){0,3}\s*$")
_NOT_A_STATE_EN = re.compile(
    r"(?<![a-z])(?:age[ds]?|old|years?|fev1|fvc|dlco|test\w*|measure\w*|value|level|score|interval|spacing|period"
    r"|visit|follow-?up|contracept\w*|expectancy|survival|window|time|duration|dose|dosing|stud(?:y|ies)|trial"
    r"|randomi[sz]\w*|enrol\w*|screening|baseline|consent|and|or|of|with|for|the|a|an|to|in|on|at|is|are|be"
    r"|must|should|than|least|no|not|cycles?|menses|menstruation|amenorrh\w*|life|lives|pregnan\w*|gestation)$"
    r"|(?<![a-z])follow\s+up$"
)


def _state_right_before(n: str, op: str | None, look_from: int, start: int) -> bool:
    if not op or op.strip() not in ("≥", ">=", ">", "more than", "at least", "longer than", "greater than"):
        return False
    state = _STATE_RIGHT_BEFORE.search(n, max(look_from, start - 50), start)
    return bool(state) and not _NOT_A_STATE_EN.search(state.group().strip()) and not _STUDY_POINT.search(state.group())


_ZH_STATE_RIGHT_BEFORE = re.compile(r"([\u4e00-\u9fff]{2,10})\s*$")
# words before a Chinese bound that name no state lasting up to now: the study's points, an age, a plan, a test
_ZH_NOT_A_STATE = re.compile(
    r"前$|后$|内$|年龄|岁|随机|筛选|筛查|给药|用药|入组|入选|基线|访视|签署|首次|预计|预期|计划|打算|避孕|随访|生存|寿命"
    r"|检查|检测|评分|间隔|相隔|相距|之间|期间|每|不|未|无(?!病)|半衰期|周期|月经|闭经|绝经|妊娠|孕"
)
_ZH_TAKING_BEFORE = re.compile(r"(?:服用|使用|应用|口服|吸入|注射|接受)[^,，;；。:：()（）]{1,12}$")
_BRACKET_GOES_ON = re.compile(r"\s*(?:[)\]]|(?:or|and)\s(?![^()]*\d)|[,;]\s*(?:or\s)?[a-z])")
_CN_SINCE_BEFORE = re.compile(r"(?:距|距离|间隔|自)[^,，;；。]{0,15}$")
_HISTORY_OF = re.compile(
    # words separated by spaces (never a word cut in pieces: linear on a long word)
    r"\s*history of\s+([a-z0-9'-]+(?:\s+[a-z0-9'-]+){0,3}?)(?=\s*(?:$|[,;.()])|\s(?:and|or|with|who|that|for)\s)"
)
# "minimum disease duration of 5 years": the comparison stands before the word duration
_MINIMUM_DURATION_BEFORE = re.compile(
    r"(?:minimum|at least|no less than|≥|>=)\s+(?:[a-z-]+\s+){0,2}duration(?:\s+of)?\s*$"
)
# "3 months to 5 years post-stroke onset", "6 months-5 years ago": the lower end is a duration, the upper a window
_RANGE_SINCE_AFTER = re.compile(
    rf"\s*(?:to|-|–)\s*{ANY_NUM}[\s-]*{TIME_UNIT}[\s-]*(?P<rel>ago|post|after|since|following)(?![a-z])"
)
_WITHIN_RANGE_AFTER = re.compile(
    rf"\s*(?:to|-|–)\s*{ANY_NUM}[\s-]*{TIME_UNIT}[\s-]*(?P<rel>of|from|post|after|since|following)(?![a-z])"
    + _NOT_A_PAST_EVENT_AHEAD
)
# "≥ 6 months post end of treatment", "for more than 12 months after last surgery": time since a past event
_SINCE_EVENT = re.compile(
    r"\s*(?:(?:after|post|following|since)\s+|post-\s*)((?:the\s+)?(?:end|completion) of (?!(?:the\s+)?(?:study|trial)(?![a-z]))(?:the\s+)?(?:[a-z]+\s+)?[a-z]+"
    r"|(?:(?:the|their|last|previous|prior|most recent)\s+)*(?:[a-z-]+\s+){0,2}(?:surgery|operation|diagnosis|onset"
    r"|injury|transplant\w*|implant\w*|stroke|myocardial infarction|delivery|childbirth|menopause|radiotherapy|chemotherapy"
    r"|replacement|resection|revasculari[sz]ation|ablation|repair)(?![a-z])"
    # "≥ 6 months post-extraction", ">1 year post-implantation": post- names the past event (not the study's dose)
    r"|(?<=post-)(?!bronchodilat|bd(?![a-z])|dos(?:e|ing)|randomi[sz]|baseline|screening|enrol)[a-z]{4,})"
)
# "Duration of diabetes ≥ 5 years", "disease duration > 10 years": with a comparison word, a duration of what it names
_DURATION_WORD = re.compile(
    r"(?<![a-z])(?:duration|period|history)(?:\s+of(?:\s+[a-z0-9'-]+){1,3})?(?:\s+(?:is|was|of))?\s*$"
    # "time since last exacerbation of at least 4 weeks", "time from diagnosis ≥ 6 months"
    r"|(?<![a-z])time\s+(?:since|from|after)(?:\s+[a-z0-9'-]+){1,4}?(?:\s+(?:is|was|of|must be|should be))?\s*$"
)  # "remission period exceeding 2 months", "a smoking history of at least 10 years"
# "History of mild TBI at least 3 months prior": a bound on time since what the clause names
_PRIOR_AFTER = re.compile(r"\s*(?:prior|ago|before|earlier)(?![a-z])")
# "heartburn for 2 days or more during the last 7 days": days counted within days, a frequency and not a duration
# ("azoles for > 3 weeks in the preceding six months" stays a duration: weeks within months)
_FREQUENCY_AFTER = re.compile(
    r"\s*(?:during|in|within|over|of)\s+(?:the\s+)?(?:last|past|previous|preceding|prior)\s+"
    rf"(?:{ANY_NUM}[\s-]*)?(days?|weeks?|months?)(?![a-z])"
)
_DURATION_NOT_AFTER = re.compile(
    r"\s*(?:after|following|post(?!-?bronchodilator|-?partum)|from (?:the )?(?:last|end|start)|(?:or|and) (?:over|older)|of age"
    r"|apart(?![a-z])"  # "two rising PSA values more than 1 month apart": the spacing of two tests, no time since
    r"|\s*(?:prior to|before|preceding)\s+(?:and|or)\s+(?:during|throughout)(?![a-z])"
    r"|(?:of\s+)?gestation|孕|\s*(?:/|per\s|a\s)(?:day|week|month|year)(?![a-z])"
    # "NIV discontinuation for at least 1 week during the screening phase": a span inside a period of the study's own
    r"|during\s+(?:the\s+)?(?:screening|run-?in|baseline|study|treatment|trial)\s+(?:phase|period)"
    r"|old(?![a-z])|of (?:the )?(?:study|trial"
    r"|treatment period)|后|之后|以后)"
)
# "clinical benefit (PFS ≥ 3 months)": how long a response to an earlier drug lasted (events table, outcome_lengths)
_OUTCOME_LENGTH = TABLES.outcome_lengths or r"(?!x)x"
_DURATION_NOT_BEFORE = re.compile(
    r"(?:" + _OUTCOME_LENGTH + r")[^.;。；()（）]{0,12}$|"
    # ("one or more of the following findings for at least 6 months": a list's lead-in, nothing still to come)
    r"(?:next|(?<!of the )(?<!by the )following|coming|upcoming|future|expect\w*|likely|plann\w*|plans? to|intend\w*"
    r"|survival|life expectancy|(?<!in regular )(?<!in routine )(?<!under )(?<!in )follow(?:-|\s)?up"  # "in regular
    # follow-up for at least 6 weeks" has been followed up that long
    # ("weight stable within 5% for 3 months": a tolerance, no look-back)
    r"|contracept\w*|(?<![a-z])within(?!\s*(?:±|\+/-)?\s*\d+(?:\.\d+)?\s*(?:%|percent|kg|lbs?)(?![a-z]))"
    r"|(?:in|during|over) the (?:past|last|previous|preceding)|(?<![a-z])ages?d?(?![a-z])"  # not "agents", "agency"
    r"|older|younger|预计|预期|(?<!无病)(?<!无疾病)(?<!无复发)生存|pregnan\w*|gestation\w*|full[- ]term|孕)[^.;。；]{0,25}$"
    r"|(?:(?<![新接将])近|过去|最近)[^.;。；,，]{0,25}$"  # "近3个月内…": a look-back; "近一年内确诊,病程≥2年" ends it at the comma
    # ("新近诊断的…" is newly diagnosed, "接近" close to: no look-back)
    r"|(?:给药|用药|服药|研究药物|试验药物)后[^.;。；]{0,6}$"  # "末次给药后至少90天": after the study's dosing, a time still to come
    r"|(?:不能|不得|不应|不可|不|未|(?<![a-z])not|(?<![a-z])no)\s*$"  # "不能超过26周", "not more than": an upper bound
)
_TIME_UNIT_WORD = TABLES.time_units  # "weeks" -> weeks, "个月" -> months (units table)
# "expected duration of hospitalization of longer than one day": a stay still to come
_EXPECTED_LENGTH_BEFORE = re.compile(
    r"(?:expect\w*|anticipat\w*|planned|predicted|estimated) (?:\w+ ){0,1}(?:duration|length|stay)[^.;]*$"
)
_FUTURE_BEFORE = re.compile(
    r"(?<![a-z])(?:willing|agree[sd]?|will|shall|required|requires?|needs? to|wear\w*|during the study|throughout"
    r"|hold|withhold|withheld|commit\w*"
    r"|contracept\w*|愿意|(?<!知情)同意|将|研究期间|试验期间)(?![a-z])"
)
# the end of the study's own treatment, after a span: a time still to come ("at least 30 days after the last dose of the
# study drug"), unlike the last dose of a past treatment ("at least 4 weeks after the last dose of chemotherapy")
_AFTER_STUDY_DOSE = re.compile(
    r"\s*(?:after|following|from)\s+(?:the\s+)?(?:last|final)\s+(?:dose|administration|injection|infusion)\s+of\s+"
    r"(?:the\s+)?(?:study|investigational|trial)(?![a-z])"
)
_LOOK_BACK_FOR = re.compile(
    r"(?<![a-z])for\s+(?:the\s+)?(?:last|past|previous|preceding)\s+$"
)  # "≥ 5 cigs/day for last 6 months"
_FOR_THE_PAST_UNIT = re.compile(r"(?<![a-z])for\s+the\s+(?:past|last)\s+(year|month|week)(?![a-z])")
_UPPER_BEFORE = re.compile(r"(?:<|≤|<=|less than|fewer than|no more than|up to|under|不足|不到|未满|少于|小于)\s*$")
_DOSE_IN_BRACKET_BEFORE = re.compile(
    r"[(（](?:equivalent|i\.e\.|e\.g\.|defined as)[^()]{0,40}\d\s*(?:mg|µg|mcg|g)\s*(?:/\s*(?:day|d|kg(?:/day)?)(?![a-z])"
    r"|per\s+day|daily|a\s+day)[^()]{0,6}\s(?:for|during|over)\s+$"
)
_WAIT_BEFORE = re.compile(r"(?<![a-z])wait(?:s|ed|ing)?\s+(?:for\s+)?$")  # a wait since a past event before the start
_NEVER_BEFORE = re.compile(r"(?<![a-z])never(?![a-z])[^.;,]*$")
_UNSTABLE_BEFORE = re.compile(r"(?<![a-z])(?:unstable|not (?:been )?stable)(?![a-z])[^.;,]*$")
_PER_DAY_BEFORE = re.compile(
    r"packs?|cigar\w*|cigs?|e\.g\.|i\.e\.|defined as|定义为|例如|比如|如:|\d\s*(?:包|支)(?!气)"
)
# Chinese: a span counted "连续" inside brackets defines the word before them ("长期(连续2周以上)", "胰岛素治疗(连续使用
# 超过14天)"); "每天1包20支连续10年" shows how pack-years are counted; "末次给药后至少90天" is a future period
_DEFINITION_WORDS = re.compile(r"e\.g\.|i\.e\.|defined as|menopaus|定义为|例如|比如|如:")
_ZH_DEFINED_SPAN_BEFORE = re.compile(
    r"[(（][^()（）]{0,12}连续[^()（）]{0,12}$|(?:每天|每日)\s*[\d一二两三四五六七八九十]+\s*(?:包|支)[^;；。]{0,12}$"
    # "末次给药后至少90天" is still to come; "末次化疗后≥6个月" (a past treatment named) is a time since it
    r"|(?:末次|最后一次|最后1次)(?![^,，;；。]{0,8}(?:化疗|放疗|放化疗|手术|发作|急性加重|感染|输血|献血)后)[^,，;；。]{0,10}后\s*$"
    r"|(?:研究|试验)(?:结束|完成)后\s*$"
    # "在治疗期间和研究治疗后至少180天内不得哺乳": after the study's own treatment, still to come
    r"|(?:研究|试验)(?:治疗|药物|用药|给药)(?:结束|完成)?后\s*$"
    # "长期应用全身皮质类固醇治疗(2周以上)": what "long-term" means, said in the bracket after it
    r"|长期[^()（）,，;；。]{0,20}[(（]\s*$"
)
# "连续5天出席研究访视并接受研究眼药水": a span with no bound, then the study's own visits or product (lexicon
# study_schedule_after): what the study will ask, no time since anything
_ZH_STUDY_SCHEDULE_AFTER = re.compile(r"\s*(?:" + (TABLES.study_schedule_after or r"(?!x)x") + r")")
# How often or how fast, not how long since: "3 months of the year" (part of each year), "for 2 consecutive years"
# after it, "60 ml/year for 2 years" (a rate's period)
# "3 months of the year", "three months in each of the two years", "≥3 months of cough and phlegm in a year": months
# spread over years (how chronic bronchitis is defined), no time since anything
_PART_OF_A_YEAR = re.compile(
    r"\s*(?:of|in|per|a|each)\s+(?:a|the|each|every)?\s*year(?![a-z])"
    r"|\s*(?:of\s+[a-z]+(?:\s+(?:and|or)\s+[a-z]+)?\s+)?in\s+(?:a|each|every)\s+year(?![a-z])"
    r"|\s*in\s+each\s+of\s+(?:the\s+)?(?:last\s+|past\s+|previous\s+)?(?:\d+|two|three|four|five)\s+(?:consecutive\s+)?years"
)
_SPREAD_OVER_YEARS = re.compile(
    r"(?:months?|weeks?|days?)\s+(?:of|in|per|a|each)\s+(?:a|the|each|every)?\s*year\s+for\s+(?:at least\s+)?$"
    r"|(?:ml|l|cc|mg|g|kg|%|points?)\s*(?:/|per\s+)(?:year|yr|month)\s+(?:for\s+)?(?:at least\s+)?$"
)
_CHANGE_PERIOD_BEFORE = re.compile(
    r"(?<![a-z])(?:drops?|declin\w*|decreas\w*|increas\w*|loss|lost|gain\w*|reduc\w*|rises?|falls?|worsen\w*|change\w*"
    r"|improve\w*)(?![a-z])[^.;,]{0,40}$"
)
# Days (or weeks) counted in each week (month, year): a frequency ("3 days pain/week", "4 days a week", "每周>3天")
_RATE_AFTER = re.compile(
    r"(?:\s+(?!(?:for|during|in|over|of|and|or|with|at)(?![a-z]))[a-z-]+){0,2}\s*(?:/\s*|per\s+|an?\s+|each\s+|every\s+)"
    r"(?:week|wk|month|mo|year|yr)(?![a-z])(?!\s*(?:ago|before|prior|earlier))"
)
_ZH_RATE_BEFORE = re.compile(r"(?:每周|每星期|每个?月|每年|一周|一个月)[^,，;；。\d]{0,8}$")
_DIAGNOSTIC_DEFINITION_AFTER = re.compile(
    r"[^.;]{0,20}?(?:plus|and|with)\s+(?:at least\s+)?(?:[2-9]|two|three|four|five|six)\s+(?:\(\d\)\s+)?of\s+the\s+"
    r"(?:following|above|below)"
)
# Free of something over a span before a point: a look-back window, not a duration ("had no pulmonary
# rehabilitation for 6 months prior to enrolment", "an exacerbation that has not resolved at least 4 weeks prior")
_NONE_FOR_BEFORE = re.compile(
    r"(?<![a-z])(?:no|not|never|without|free of)(?![a-z])(?:(?!(?<![a-z])(?:and|but)(?![a-z]))[^.;,])*"
    r"(?<![a-z])for\s+(?:the\s+)?$"
)
# "no history of taking corticosteroids for the last 6 months", "has not smoked for the past year": free of it over
# the look-back, a window in either list (doing it all that time, unnegated, is a duration)
_NEGATED_BEFORE = re.compile(
    r"(?<![a-z])(?:no|not|never|without|free of|none)(?![a-z])(?:(?!(?<![a-z])(?:and|but|or)(?![a-z]))[^.;,])*$"
    r"|n't(?![a-z])(?:(?!(?<![a-z])(?:and|but|or)(?![a-z]))[^.;,])*$"
)


def _negated_for(n: str, look_from: int, start: int) -> bool:
    """Whether a negation runs up to "for" before ``start`` ("no rehabilitation for 6 months prior"), not from inside
    a bracket closed before it ("neurologically stable (with no requirement for steroids) for 7 days prior": stable)."""
    found = _NONE_FOR_BEFORE.search(n, look_from, start)
    if not found:
        return False
    opened = n.rfind("(", look_from, found.start())
    return not (opened > n.rfind(")", look_from, found.start()) and ")" in n[found.start() : start])


_METHODS_LEAD = re.compile(
    r"(?<![a-z])(?:acceptable|following|approved|effective)\s+(?:[a-z]+\s+){0,3}(?:means|methods|forms)\s+of\s+"
    r"(?:birth control|contracept\w*)"
)


def _methods_lead_before(span: _Span, start: int) -> bool:
    """Whether a lead-in listing methods of birth control stands a few hundred characters before n[start] in the
    original text (its bullets are clauses of their own)."""
    if not span.where or start >= len(span.where):
        return False
    at = span.where[start]
    return bool(_METHODS_LEAD.search(span.original[max(0, at - 500) : at].lower()))


_UP_TO_THE_START_AFTER = re.compile(
    r"\s*(?:before|prior\s+to)\s+(?!and\s|or\s|,)(?:the\s+)?(?:date\s+of\s+)?(?:the\s+)?(?:first\s+)?"
    r"(?:dos\w*|receiving|starting|start|initiat\w*|randomi[sz]\w*|enrol\w*|screening|baseline|study|trial|entry|inclusion"
    r"|day\s*1)(?![a-z])"
)
# "At least 2 weeks prior to initiation of the study drug, female subjects should be using highly effective
# contraceptive methods": the span opens its item and the method is named after it, in the same sentence
_SPAN_OPENS_ITEM_BEFORE = re.compile(r"(?:^|[\n.;:]|(?<![\d.])\d{1,2}[.)、])[\s\-*•·]*$")
_METHOD_LATER_IN_SENTENCE = re.compile(r"[^.;。；]{0,120}?(?:" + (TABLES.contraception_words or r"(?!x)x") + ")")


def _method_named_after(n: str, match: re.Match) -> re.Match | None:
    """The contraceptive method named later in the sentence of a span that opens its item, or None."""
    if not _SPAN_OPENS_ITEM_BEFORE.search(n, max(0, match.start() - 12), match.start()):
        return None
    return _METHOD_LATER_IN_SENTENCE.match(n, match.end())


_TOXICITY_OF_AGENTS_BEFORE = re.compile(
    r"(?<![a-z])(?:recover\w*|toxicit\w*|adverse\s+(?:events?|effects?|reactions?)|side\s+effects?)(?![a-z])[^.;]{0,70}"
    r"(?<![a-z])(?:administered|given|received|taken)\s+$"
)
_USED_FOR_BEFORE = re.compile(
    r"(?<![a-z])(?:us(?:e|es|ed|ing)|tak(?:e|es|en|ing)|receiv(?:e|es|ed|ing)|treat(?:ed|ment)\s+with)(?![a-z])"
    r"(?:(?!(?<![a-z])(?:stable|unchanged|constant|steady|maintain\w*|no|not|never|without)(?![a-z]))[^.;()]|\([^().;]*\))*"
    # "treatment with additional antibiotics (beyond standard treatment) for a period of 14 days before study entry"
    r"(?<![a-z])for\s+(?:(?:a|the)\s+(?:period|duration)\s+of\s+)?$"
)
_NOT_RESOLVED_BEFORE = re.compile(r"(?:not\s+(?:been\s+|yet\s+)?|un)resolved\s+$")
# "A距B": an event before 距 and, after it, another event rather than the study's own point in time (随机, 入组, 筛选)
_ZH_EVENT_TO_EVENT = re.compile(
    r"(?:结束|完成|进展|复发|转移|诊断|确诊|手术|发病)[^,，;；。]{0,6}(?:距|距离)"
    r"(?!\s*(?:首次|第一次)?(?:随机|入组|入选|筛选|签署|给药|用药|研究|本研究|试验|本试验|本次|今|现在|基线))[^,，;；。]{0,20}$"
)
# "from the end of treatment to recurrence > 6 months": the time between two past events, no time since either
_EN_EVENT_TO_EVENT = re.compile(
    r"(?<![a-z])(?:end|completion|start|last dose|diagnosis|surgery|resection)\s+(?:of\s+)?(?:[a-z-]+\s+){0,3}?to\s+"
    r"(?:the\s+)?(?:first\s+)?(?:recurrence|relapse|progression|metastas[ie]s|death)(?![a-z])[^.;,]{0,12}$"
)
# "practice birth control … for at least 6 months after treatment with silibinin has ended": a time still to come
_CONTRACEPTION = re.compile(TABLES.contraception_words or r"(?!x)x")
_ZH_BETWEEN_TWO_EVENTS = re.compile(r"(?:从|自)[^。;；]{0,40}(?:到|至)[^。;；到至]{0,30}$")
_DURATION_EXCLUSIVE = [re.compile(words) for words, inclusive in TABLES.duration_operators if not inclusive]


# "Stable maintenance therapy with constant dose interval during the last 2 months", "stable address within the last
# 6 months": stable over a look-back period is a duration; "no change in medication in the past 6 weeks" stays a window
_STABLE_BEFORE = re.compile(
    r"(?<![a-z])(?:stable|constant|unchanged)(?![a-z])(?:(?!(?<![a-z])(?:no|not|without|change\w*)(?![a-z]))[^.;。；])*$"
)


# "should be in place within", "must be achieved within": a state required by a deadline, no time it has lasted
_REQUIRED_BY = re.compile(r"(?<![a-z])(?:must|should|shall|will|needs?\s+to|has\s+to|have\s+to)\s+be\s+[^.;。；]*$")
_BARE_SPAN_BEFORE = re.compile(r"\d[^a-z]*[a-z]+\s+(?:before|prior)(?![a-z])")


def _state_required_by(n: str, window, previous_end: int) -> bool:
    """Whether a steady state is required to be reached within the span ("a stable antihypertensive regimen should be
    in place within 1 week before the first dose"): a deadline the study sets, neither how long it has lasted nor a
    look-back."""
    start, _end, _amount, _unit, reference = window
    if not reference.startswith("within"):
        return False
    stable = _STABLE_BEFORE.search(n, max(previous_end, start - 100), start)
    return bool(stable and _REQUIRED_BY.search(n, stable.start(), start))


def _stable_over(n: str, kind: str, window, span: _Span, previous_end: int) -> Proposal | None:
    start, end, amount, unit, reference = window
    # "in a stable condition 21 days before screening": stable since that point, said with no preposition
    bare = bool(_BARE_SPAN_BEFORE.match(reference) and _STABLE_BEFORE.search(n, max(previous_end, start - 50), start))
    if (
        not bare
        and not re.match(r"(?:within|during|in|over|for)\s", reference)
        and not re.search(r"(?<![a-z])(?:within|during|in|over|for)\s+$", n[max(0, start - 8) : start])
    ):  # "stable symptoms in 28 days before enrollment": the preposition before a span read without it
        return None
    sentence_start = max([m.end() for m in _BOUNDARY.finditer(n, max(previous_end, start - 120), start)] + [0])
    stable = _STABLE_BEFORE.search(n, max(sentence_start, previous_end, start - 100), start)
    if not stable or unit not in _TIME_UNIT_WORD.values():
        return None
    if not bare and (
        re.match(r"\w+\s+(?:[a-z-]+\s+)?(?:disease|condition|status|health)(?![a-z])", n[stable.start() : start])
        or re.search(r"clinically\s+$", n[max(0, stable.start() - 12) : stable.start()])
    ):
        return None  # "clinically stable respiratory disease within 3 weeks": free of events, a window
    label = next((label for pattern, label in _DURATION_EVENTS if pattern.search(n, stable.start(), start)), "stable")
    return _duration(kind, amount, unit, label, span.quote(stable.start(), end), confidence=0.6)


def _hit_within(hits: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The first of a row's (sorted, non-overlapping) matches lying wholly in [start, end)."""
    index = bisect.bisect_left(hits, (start, -1))
    return hits[index] if index < len(hits) and hits[index][1] <= end else None


# ----------------------------------------------------------------------------------------------------------------
# Durations said in other ways: since a past event, a washout before the study, a plan still to come
# ----------------------------------------------------------------------------------------------------------------

# "at least 6 months since the last exacerbation", "≥ 1 month after steroid intake", "not before 3 weeks after acute
# stroke": a comparison, then since (or after) a past event. After "after", only an event the tables name; the study's
# own points ("after the last dose of study drug", "after randomisation") are still to come.
_SINCE_PHRASE = re.compile(
    # "at least 30 days or 5 half-lives (whichever is longer) since …": the half-lives are the drug's other measure
    r"(?:\s*,?\s*or\s+(?:\d+|[a-z]+)\s+half[- ]?li(?:fe|ves)(?:\s*,?\s*\(?whichever\s+is\s+(?:longer|greater)\)?)?\s*,?)?"
    r"\s*"
    + _ELAPSED
    + r"(?:(?P<since>since|from\s+(?:the\s+)?(?:time|date|day)\s+of)|(?:later\s+)?(?:after|following)|beyond|from)\s+"
    r"(?P<event>[a-z][a-z0-9/'-]*(?:\s+[a-z][a-z0-9/'-]*){0,4})"
)
_STUDY_POINT = re.compile(
    r"(?<![a-z])(?:stud(?:y|ies)|trial|investigational|imp|randomi[sz]\w*|enrol\w*|screening|baseline|inclusion|consent"
    r"|visit|dosing|signing|intervention|vaccination|procedure|run-?in)(?![a-z])"
    r"|^(?:the\s+)?(?:last|final|first|initial)\s+(?:dose|administration|injection|infusion)(?:\s+(?:and|or)(?![a-z]).*)?$"
)
# "at least 3 weeks between prior radiotherapy and the first dose of study drug", "从末次化疗到随机至少间隔3周": the time
# between a past event and the study's start is the time since that event, at the start
_BETWEEN_AND_START_AFTER = re.compile(
    r"\s*(?:(?:must|should|shall)\s+(?:have\s+)?)?(?:(?:elapsed|passed)\s+)?between\s+(?:the\s+)?"
    r"(?P<event>[a-z][a-z0-9/'-]*(?:\s+[a-z0-9/'()-]+){0,6}?)\s+and\s+(?:the\s+)?(?:date\s+of\s+)?(?:the\s+)?"
    r"(?:first|start|initiation|beginning|randomi[sz]\w*|enrol\w*|screening|baseline|inclusion|study|trial|day\s*1)(?![a-z])"
)
_ZH_BETWEEN_AND_START = re.compile(
    r"(?:从|自)(?P<event>[^。;；,，]{1,30}?)(?:到|至)[^。;；到至]{0,6}(?:随机|入组|入选|筛选|首次给药|首次用药|给药|基线|研究开始|试验开始)"
    r"(?:(?!到|至(?!少))[^。;；]){0,20}$"
)
_ZH_GAP_AT_LEAST_BEFORE = re.compile(r"(?:至少|最少|不少于|不短于|≥|>=)\s*(?:间隔|相隔|相距)\s*$")
_ANOTHER = re.compile(r"(?<![a-z])(?:another|other|previous|prior|earlier)(?![a-z])")
_KNOWN_EVENT_RES = [pattern for pattern, label in _EVENT_RES if label] + [pattern for pattern, _l in _DURATION_EVENTS]


@dataclass(frozen=True)
class _EventWords:
    """The words of a past event and where they stand, read as a match's group 1 is."""

    words: str
    at: int

    def group(self, _index: int = 0) -> str:
        return self.words

    def start(self, _index: int = 0) -> int:
        return self.at

    def end(self, _index: int = 0) -> int:
        return self.at + len(self.words)


# "At least 4 weeks since investigational drugs", "since any investigational drug therapies": time since one taken
# before the study (the study's own drug is given after its start, never "since")
_PAST_INVESTIGATIONAL = re.compile(
    r"(?:any\s+|all\s+)?investigational\s+(?:drugs?|agents?|therap(?:y|ies)|medications?|products?|treatments?)"
    r"(?:\s+therap(?:y|ies))?$"
)
_SINCE_ARTICLE = re.compile(r"(?:the|their|his|her|its|a|an)\s+")
_SINCE_EVENT_END = re.compile(r"\s+(?:and|or|but|with|who|that|while|in|at|on|to|such|for)\s+|[,;()]")


def _since_past_event(n: str, end: int) -> _EventWords | None:
    """The past event right after a comparison's span ("since the last exacerbation"), or None when what follows is
    no past event or is the study's own point."""
    match = _SINCE_PHRASE.match(n, end)
    if not match:
        return None
    phrase, at = match.group("event"), match.start("event")
    article = _SINCE_ARTICLE.match(phrase)
    cut = _SINCE_EVENT_END.search(phrase)
    words = phrase[article.end() if article else 0 : cut.start() if cut else len(phrase)]
    if not words or (
        _STUDY_POINT.search(words)
        and not _ANOTHER.search(phrase)
        and not (
            match.group("since") and not article and _PAST_INVESTIGATIONAL.match(words)
        )  # "the" one is the study's
    ):
        return None  # "since randomisation"; "since enrolment in another study" is a past event
    if not match.group("since") and not any(pattern.search(words) for pattern in _KNOWN_EVENT_RES):
        return None
    return _EventWords(words, at + (article.end() if article else 0))


# A washout: "discontinue supplementation 2 weeks (or more) before the start of the study", "研究药物给药前3天停用类固醇",
# "该治疗已在随机分配2周前停止". Stopping something a span before the study's start leaves at least that span since it
# stopped, at the start: a duration (even when the person only agrees to stop), not a look-back window.
_WASHOUT_VERB_BEFORE = re.compile(
    r"(?<![a-z])(?:discontinu\w*|stop(?:s|ped|ping)?|ceas(?:e|es|ed|ing)|quit(?:s|ting)?|wash(?:ed)?[- ]?out"
    # "are off steroids 3 days prior to dosing": no longer on it, stopped that long before
    r"|(?:are|is|be|been|being|remain(?:s|ed)?|stay(?:s|ed)?)\s+off(?![a-z-]))(?![a-z])"
    r"[^.;,()]{0,50}$"
)
_WASHOUT_AFTER = (
    r"\s*(?:or\s+(?:more|longer)\s+)?(?:before|prior\s+to|preceding)\s+(?:the\s+)?(?:date\s+of\s+)?(?:the\s+)?"
    r"(?:start|beginning|first|screening|randomi[sz]\w*|enrol\w*|registration|baseline|study|trial|visit|inclusion|entry"
    r"|day\s*1|dosing|(?:informed\s+)?consent|signing)(?![a-z])"  # registration: a legacy PDQ record's point of entry
)
_WASHOUT_AFTER_RE = re.compile(_WASHOUT_AFTER)
_WASHOUT_WINDOW = re.compile(rf"\(?{ANY_NUM}\)?[\s-]*(?:\(\d+\)\s*)?{TIME_UNIT}" + _WASHOUT_AFTER)
_ZH_STOP = r"(?:停用|停止|停药|停服|洗脱)"
_ZH_WASHOUT_AFTER = re.compile(r"\s*(?:前\s*(?:已经?|就|即)?\s*)?" + _ZH_STOP)


def _washout_at(n: str, start: int, end: int) -> bool:
    """Whether the span n[start:end] ("2 weeks", "3天") is a washout before the study's start."""
    if _CJK_CHAR.search(n, max(0, start - 2), min(len(n), end + 2)):
        after = _ZH_WASHOUT_AFTER.match(n, end)
        return bool(after) and ("前" in after.group() or n[max(0, start - 3) : start].rstrip().endswith("前"))
    return bool(_WASHOUT_AFTER_RE.match(n, end)) and _washout_verb(n, start)


def _washout_verb(n: str, start: int) -> bool:
    """Whether something other than the study's own drug was stopped just before ``start``."""
    verb = _WASHOUT_VERB_BEFORE.search(n, max(0, start - 60), start)
    return bool(verb) and not _STUDY_DRUG.search(verb.group())  # "stopped the study drug 4 weeks before visit 2"


_STUDY_DRUG = re.compile(r"(?<![a-z])(?:study|investigational|trial)\s+(?:drug|medication|treatment|product|agent)")
# "Living donors ≥ 18 years", "Residents of nursing homes ≥ 65 years": people, then their age
_PEOPLE_RIGHT_BEFORE = re.compile(
    r"(?:" + PEOPLE.pattern.split("|^")[0] + r"|(?<![a-z])(?:donors?|residents?|recipients?|athletes?|players?|workers?"
    r"|smokers?|users?|nurses?|students?|employees?)(?![a-z]))(?:\s+[a-z]+){0,3}\s*$"
)


_OF_WHAT_AFTER = re.compile(r"\s*of\s+([a-z][a-z0-9'-]*(?:\s+[a-z][a-z0-9'-]*){0,3})")
_HISTORY_OF_BEFORE = re.compile(r"(?<![a-z])(?:history|hx)\s+of\s*$|[\u4e00-\u9fff]史\s*$")  # "吸烟史≥10年"
# "≥ 10 years of smoking": the activity that has gone on that long
_OF_ACTIVITY_AFTER = re.compile(r"\s*of\s+((?:[a-z-]+\s+){0,2}[a-z]+ing)(?![a-z])")
# "at least 4 years of follow-up", "≥ 6 months of therapy", "至少6个月的无治疗间期": a bound on how long the thing it is
# of has gone on (not "of age", "of gestation", "of life", nor a number of the study's own)
_NOT_WHAT_LASTED = (
    r"age|life|gestation|pregnancy|amenorrh\w*|the|a|an|each|which|this|these|those|study|trial|participation|hours?"
    r"|education|school\w*|formal|training|college|university"  # "at least 6 years of education": an amount, not a time since
)
_OF_NOUN_AFTER = re.compile(
    rf"\s*of\s+(?!(?:{_NOT_WHAT_LASTED})(?![a-z]))([a-z][a-z-]*(?:\s+(?!(?:with|and|or|in|at|on|for|to|from|by|who|that"
    r"|before|after|prior|since|during|of)(?![a-z]))[a-z][a-z-]*){0,2})(?![a-z])"
)
_ZH_OF_NOUN_AFTER = re.compile(r"\s*的\s*(?!避孕|预期|生存|妊娠|孕)([\u4e00-\u9fff]{2,8})")


def _duration_matches(n: str):
    """Every span a duration may be read from, in the text's order: "at least 8 weeks", "3 or more years"."""
    spans = _DURATION.finditer(n) if may_match(_DURATION_WORDS, n) else ()  # no unit of time, no duration
    or_more = _DURATION_OR_MORE.finditer(n) if may_match(_DURATION_OR_MORE_WORDS, n) else ()
    return heapq.merge(spans, or_more, key=lambda m: m.start())


_DURATION_WORDS = required_words(_DURATION)  # its units of time ("week", "年")
_DURATION_OR_MORE_WORDS = required_words(_DURATION_OR_MORE)


# Comparisons a duration may also be said with, standing before the span: "for at minimum 6 months", "not before 3
# weeks after acute stroke", "no earlier than 10 days after", "术后不早于4周" (each inclusive)
_MORE_OPERATORS_BEFORE = re.compile(
    r"(?<![a-z])(?:at (?:a )?minimum(?: of)?|not before|n[o']t (?:earlier|sooner) than|no (?:earlier|sooner) than)\s*$"
    r"|不早于\s*$"
    r"|(?:至少|不少于)\s*(?:接受|使用|服用|应用|规律(?:使用|服用|治疗))\s*$"  # "至少接受2周…治疗": a course that long
)


def _more_operators(match: re.Match, before: str, op: str | None, post: str | None) -> tuple[str | None, str | None]:
    if op is None:
        found = _MORE_OPERATORS_BEFORE.search(before)
        op = found.group() if found else None
    if post is None and match.groupdict().get("or_more"):
        post = match.group("or_more")
    return op, post


def _washout_proposal(n: str, kind: str, span: _Span, match: re.Match) -> Proposal | None:
    """The duration of a washout before the study's start (see _washout_at): at least the span since it stopped."""
    amount = _to_decimal(match.group("num"))
    unit = _TIME_UNIT_WORD.get(match.group("unit").replace(" ", ""))
    if match.group("num") == "半" and unit == "years":
        amount, unit = Decimal(6), "months"
    if amount is None or unit is None or amount <= 0:
        return None
    if _CJK_CHAR.search(n, max(0, match.start() - 2), min(len(n), match.end() + 2)):
        after = _ZH_WASHOUT_AFTER.match(n, match.end())
        quote_start = match.start() - 1 if n[max(0, match.start() - 1) : match.start()] == "前" else match.start()
    else:
        verb = _WASHOUT_VERB_BEFORE.search(n, max(0, match.start() - 60), match.start())
        after = _WASHOUT_AFTER_RE.match(n, match.end())
        quote_start = verb.start() if verb else match.start()
    quote_end = after.end() if after else match.end()
    look_from = max(0, quote_start - 40)
    label = next(
        (label for pattern, label in _DURATION_EVENTS if pattern.search(n, look_from, quote_end)), "end of treatment"
    )
    return _duration(kind, amount, unit, label, span.quote(quote_start, quote_end), confidence=0.6)


# "minimum duration of symptoms of 3 weeks": the comparison and the word duration stand before what it is of
_MINIMUM_DURATION_OF_BEFORE = re.compile(
    r"(?<![a-z])(?:minimum|min\.?|at least)\s+(?:[a-z-]+\s+){0,2}duration\s+of\s+(?:the\s+)?(?:[a-z-]+\s+){1,3}of\s*$"
)
# "… and maximum duration of 8 weeks", "maximum duration of symptoms of 12 weeks": an upper bound on time since an
# illness began, a look-back window, when the sentence is about an illness (not "maximum duration of treatment")
_MAXIMUM_DURATION = re.compile(
    r"(?<![a-z])(?:maximum|max\.?|at most)\s+(?:[a-z-]+\s+){0,2}duration\s+of\s+"
    rf"(?:(?:the\s+)?[a-z-]+(?:\s+[a-z-]+){{0,2}}\s+of\s+)?({ANY_NUM})[\s-]*{TIME_UNIT}"
)
_ILLNESS_RES = [
    re.compile(row["pattern"])
    for row in TABLES.durations
    if row["pattern"] and row["question"] in ("days_with_symptoms", "days_since_diagnosis")
]


def _maximum_duration_of_illness(n: str, match: re.Match) -> bool:
    look_from = max([m.end() for m in _BOUNDARY.finditer(n, max(0, match.start() - 150), match.start())] + [0])
    return any(pattern.search(n, look_from, match.start(1)) for pattern in _ILLNESS_RES)


WINDOW_RES.append(_MAXIMUM_DURATION)
# "stroke or transient ischemic attack in 6 months", "who have undergone in six months a weight loss diet": a bare "in N
# months" is a look-back only after a past event the tables name or a past-tense verb in its sentence ("planning to be
# pregnant in 6 months", "4 inhalers in 12 months", "DLCO < 15 % in 3 months" stay what they are)
_IN_A_SPAN = re.compile(rf"(?<![a-z])in\s+({ANY_NUM})[\s-]*{TIME_UNIT}" + REFERENCE_POINT)
_PAST_VERB_BEFORE = re.compile(
    r"(?<![a-z])(?:undergone|had|received|taken|used|experienced|suffered|occurred|diagnosed)(?![a-z])[^.;,:]{0,60}$"
)
_COUNTED_RIGHT_BEFORE = re.compile(rf"(?<![a-z0-9.]){ANY_NUM}\s+[a-z-]+(?:\s+[a-z-]+)?\s*$")
WINDOW_RES.append(_IN_A_SPAN)


def _past_event_before(n: str, start: int) -> bool:
    """Whether a past event the tables name, or a past-tense verb, stands before ``start`` in its sentence."""
    look_from = max([m.end() for m in _BOUNDARY.finditer(n, max(0, start - 100), start)] + [max(0, start - 100)])
    if _PAST_VERB_BEFORE.search(n, look_from, start):
        return True
    return any(pattern.search(n, max(look_from, start - 60), start) for pattern in _KNOWN_EVENT_RES)


_WINDOW_WORDS[:] = [required_words(pattern) for pattern in WINDOW_RES]  # the list is complete here
_WINDOW_SCAN = WordScan(_WINDOW_WORDS)

# "Planning to stay in care at that facility for at least 12 months", "Continue in follow-up for at least 2 years",
# "maintain ten kilometres per week for a period of 24 weeks": a plan or a commitment, a period still to come (unless
# it is counted back from a point: "remain on a stable dose for 4 weeks prior to screening")
_INTENT_BEFORE = re.compile(
    r"(?<![a-z])(?:plan(?:s|ned|ning)?|intend(?:s|ed|ing)?|expect(?:s|ed|ing)?|anticipat\w*|going|prepared"
    r"|wish(?:es|ing)?|want(?:s|ing)?|(?:un)?able)\s+to\s+[a-z]|(?<![a-z])(?:available|comply\w*|attend\w*)(?![a-z])"
    r"|计划|打算|准备|预计|(?<!知情)同意|愿意|将要?|能够|(?<![已曾])坚持"
    r"|(?:^|(?<![a-z])(?:to|must|will|should|shall|can|and)\s+)(?:maintain|continue|remain|stay|keep)(?![a-z])"
    # "staff to participate for 24 months", "consent to be followed for 5 years": what the study will ask of them
    r"|(?<![a-z])(?<!prior )(?<!due )(?<!up )(?<!according )to\s+(?:participate|take part|be followed|complete|attend"
    r"|commit|return|be available|undergo|engage|be contacted|be seen|live|reside)(?![a-z])[^,;.()]{0,60}$"
)


# "Spirometry performed at least 4 weeks after the exacerbation", "FEV1 measured more than 6 weeks after an
# infection": when a test is done, not a time since an event the person had
_TEST_TIMING_BEFORE = re.compile(
    r"(?<![a-z])(?:measured|performed|obtained|done|taken|assessed|conducted|carried out|repeated|collected|recorded)"
    r"\s+(?:[a-z-]+\s+){0,1}$|(?:检查|检测|测定|测试|评估)(?:应|须|需|必须)?在[^,，;；。]{0,12}$"
)


def _zh_event_right_before(n: str, start: int, end: int) -> tuple[str, int, int] | None:
    """A past event the window table names just before a Chinese comparison ("HIV感染≥6个月", "急性加重>4周"): the time
    since it, as (label, start, end), or None."""
    cut = max([m.end() for m in re.finditer(r"[,，、;；。:：()（）]", n[start:end])] + [0])
    for pattern, label in _EVENT_RES:
        found = pattern.search(n, start + cut, end) if label else None
        if found:
            return label, found.start(), found.end()
    return None


_ZH_EXCEPTED_BEFORE = re.compile(
    r"除外(?![^。;；]{0,80}?(?:可以|可|允许)(?:入选|入组|纳入))[^。;；]{0,80}$"
    r"|[(（]\s*除非[^()（）。;；]{0,40}$"  # "(除非患者至少已接受稳定治疗2个月)": what an exclusion lets pass
    r"|不适用于[^。;；]{0,40}$"  # "然而，这不适用于5年或5年以上无复发的患者": whom the exclusion leaves out
)
# "…超过 24 个月,与申办方沟通后决定是否接受": an exception left to the sponsor, no bound
_SPONSOR_DECISION_AFTER = re.compile(
    r"\s*[,，]?\s*(?:需|须|应|可)?\s*(?:与|经|由)\s*(?:申办方|申办者|主要研究者|研究者)[^。;；]{0,12}?(?:沟\s*通|协商|商议|讨论|决定)"
    r"|\s*,?\s*(?:after|upon|following)\s+(?:discussion|consultation|agreement)\s+with\s+the\s+sponsor"
)


_ZH_TEST_INTERVAL_BEFORE = re.compile(
    r"(?:收集|采集|采样|检测|检查|测定|测量|访视)[^,，;；。]{0,4}(?:时间)?(?:间隔|相隔)[^,，;；。\d]{0,4}$"
)


def _intends_before(n: str, sentence_start: int, start: int, end: int) -> bool:
    if _PRIOR_AFTER.match(n, end) or _WASHOUT_AFTER_RE.match(n, end):
        return False
    return bool(_INTENT_BEFORE.search(n[max(sentence_start, start - 120) : start].lstrip(" -*•(")))


# How often a symptom recurs, the way chronic bronchitis is defined ("sputum on most days for 3 months of the year for
# at least 2 consecutive years", "defined as cough that occurs every day for at least 3 months in a row"): months
# within a year, the years such a pattern lasted, and a daily habit in a definition are no time since an event
_WITHIN_A_YEAR_AFTER = re.compile(
    r"\s*(?:(?:of|in|per|each|a)\s+(?:the\s+|a\s+|one\s+|each\s+)?(?:calendar\s+)?year)(?![a-z])"
)
_WITHIN_A_YEAR_BEFORE = re.compile(
    r"(?:months?|weeks?)\s+(?:of|in|per|each|a)\s+(?:the\s+|a\s+|one\s+|each\s+)?(?:calendar\s+)?year[\s,]*"
    r"(?:(?:and|for|over|during)\s+)*$|(?:每年|一年(?:中|里))(?:[^,，;；。\d]{0,10}|[^;；。]{0,16}(?:个月|周)[^;；。]{0,10})$"
)
_DAILY_BEFORE = re.compile(r"(?<![a-z])(?:every|each|most|almost every)\s+days?|(?<![a-z])daily(?![a-z])|每天|每日")
_DEFINITION_BEFORE = re.compile(r"(?<![a-z])(?:defined as|definition of|i\.e\.)|定义为")


def _recurrence_pattern(n: str, sentence_start: int, start: int, end: int) -> bool:
    """Whether the span n[start:end] counts how a symptom recurs, as a definition of a chronic condition does."""
    if _WITHIN_A_YEAR_AFTER.match(n, end) or _WITHIN_A_YEAR_BEFORE.search(n, max(0, start - 40), start):
        return True
    return bool(
        _DAILY_BEFORE.search(n, max(sentence_start, start - 40), start)
        and _DEFINITION_BEFORE.search(n, max(sentence_start, start - 160), start)
    )


# "N-day" (a singular unit after a hyphen) before a noun names a period ("30-day mortality", "a 12-week course of
# rehabilitation" is still a course): a duration only before the words that say how long something has lasted
_NAMED_PERIOD_AFTER = re.compile(
    r"(?<![s\u4e00-\u9fff])\s+(?!(?:history|duration|period|course|interval|span|time|washout|wash-out|stable|minimum"
    r"|or|and|to|of|prior|before|ago|after|since|post|following|preceding)(?![a-z]))[a-z]"
)


# An exception inside an exclusion: "… is acceptable if on a stable dose for ≥ 3 months", "will not be excluded if
# medications are stable (> 4 weeks)" (inclusion lists state the same words as their criterion)
_ALLOWED_IF_BEFORE = re.compile(
    r"(?<![a-z])(?:acceptable|allowed|permitted|not be excluded|not excluded|(?:be|are|is) eligible|can be included"
    r"|may be included)\s+(?:if|when|provided|as long as)(?![a-z])[^.;]{0,70}$"
)


_FREE_OF_BEFORE = re.compile(r"(?<![a-z])free(?![a-z])|(?<![a-z])(?:in\s+)?remission(?![a-z])")


_DAY_COUNT_BEFORE = re.compile(TABLES.day_counts_before or r"(?!x)x")
_COURSE_BEFORE = re.compile(TABLES.course_before or r"(?!x)x")
_COURSE_AFTER = re.compile(
    r"\s*(?:of|on)\s+(?:(?:treatment|therapy)\s+with\s+)?(?:" + (TABLES.courses or r"(?!x)x") + ")"
)


# "with no evidence of recurrence of the disease for 3 years prior to randomization", "no relapse for 5 years before":
# free of the disease that long, a duration of remission (where "no rehabilitation for 6 months prior" is a look-back)
_NO_RECURRENCE_FOR = re.compile(
    r"(?<![a-z])(?:no|without)\s+(?:evidence\s+of\s+)?(?:the\s+)?(?:disease\s+|cancer\s+|tumou?r\s+)?"
    r"(?:recurrence|relapse|progression)(?:\s+of\s+(?:the\s+)?(?:disease|cancer|tumou?r|malignancy))?\s+for\s+$"
)


_DISEASE_FREE_AFTER = re.compile(
    r"\s*(?:of\s+)?(?:being\s+)?(?:disease|cancer|tumou?r|relapse|recurrence|progression)[- ]free(?![a-z])"
)
# Free of recurrence since a past treatment, said with "within": "(cancers treated curatively that) have not recurred
# within 5 years after the start of treatment", "根治性治疗后5年内未复发": at least that long disease-free, a duration
# (where "治疗完成6个月内疾病进展", progression within a span, is no bound and "no relapse within 6 months" a look-back)
_NOT_RECURRED_WITHIN = re.compile(
    r"(?<![a-z])(?:not|no|never|without)\s+(?:been\s+|had\s+(?:a\s+|any\s+)?|any\s+|evidence\s+of\s+)?"
    r"(?:recurr\w*|relaps\w*|progress\w*)(?:\s+of\s+(?:the\s+)?(?:disease|cancer|tumou?r))?\s+within\s+"
    rf"(?P<num>{NUM}|{NUM_WORD})[\s-]*(?P<unit>days?|weeks?|months?|years?)(?![a-z])"
    r"|(?:治疗|手术|术|切除|放疗|化疗)(?:结束|完成)?后\s*(?P<zh>(?P<zh_num>"
    + CN_NUM
    + r")\s*(?P<zh_unit>个\s?月|年)\s*(?:内|以内|之内)\s*(?:无|未|没有)(?:疾病)?(?:复发|进展|转移))"
)
_ZH_EXCEPTED_AFTER = re.compile(r"[^。;；,，]{0,6}除外")
# every word _NOT_RECURRED_WITHIN reads: a text with none of them is not searched ("progressed" and 转移 too)
_NOT_RECURRED_WORDS = ("recur", "relaps", "progress", "复发", "进展", "转移")


# "(6 weeks for nitrosoureas or mitomycin)", "(3 days for hydroxyurea)" right after "at least 4 weeks since prior
# chemotherapy": the agents named after "for" inside the bracket, up to its close
_BRACKET_OPEN_BEFORE = re.compile(r"[(\[]\s*$")
_FOR_OTHER_AGENTS_AFTER = re.compile(r"\s+(?:for|since)\s+([a-z][^()\[\];.]{0,60}?)\s*[)\]]")
_AGENTS_GAP = 40  # characters between the event of "since prior chemotherapy" and the bracket


# A bracket right after a look-back window giving a longer one for other agents: "No chemotherapy within 4 weeks (6
# weeks for nitrosoureas or mitomycin C) prior to entering the study" (as the durations' brackets are read above)
_AGENTS_SPAN_AFTER = re.compile(
    rf"\s*[(\[]\s*(?P<num>{NUM}|{NUM_WORD})[\s-]*{TIME_UNIT}\s+for\s+(?P<agents>[a-z][^()\[\];.]{{0,60}}?)\s*[)\]]"
)


def _other_agents_window(kind: str, span: _Span, match: re.Match) -> list[Proposal]:
    amount = _to_decimal(match.group("num"))
    unit = WINDOW_UNITS.get(match.group(2).rstrip("s")) or WINDOW_UNITS.get(match.group(2))
    if not amount or amount <= 0 or not unit or PEOPLE.search(match.group("agents")):
        return []  # "fever within 2 weeks (3 days for infants)": a subgroup of people, not other agents
    quote = span.quote(match.start("num"), match.end("agents"))
    return [_window(kind, amount, unit, match.group("agents"), quote, confidence=0.5)]


def _another_agents_span(n: str, since_end: int, start: int) -> bool:
    """Whether the bracket holding n[start:] opens right after the past event a duration was read up to."""
    if not 0 <= start - since_end <= _AGENTS_GAP + 8:
        return False
    bracket = max(n.rfind("(", since_end, start), n.rfind("[", since_end, start))
    return 0 <= bracket - since_end <= _AGENTS_GAP and not _BOUNDARY.search(n, since_end, bracket)


def _find_durations(n: str, kind: str, span: _Span, taken: list[tuple[int, int]]) -> list[Proposal]:
    """Lower bounds on time since something began, stopped or was last changed: "stable dose for at least 8 weeks",
    "asthma diagnosed at least 6 months before", "quit smoking ≥ 6 months ago", "戒烟≥6个月". Only with an event of
    the durations table named in the same sentence; look-back windows, future periods and ages are not durations."""
    proposals: list[Proposal] = []
    row_hits: list[tuple[list[tuple[int, int]], str]] | None = None
    last_since: tuple[int, bool] | None = None  # where the last "at least N weeks since prior X" ended, inclusive
    covered = bytearray(len(n) + 1)  # the characters a window or a measured bound already reads
    for a, b in taken:
        covered[a:b] = b"\x01" * max(0, b - a)
    for match in _duration_matches(n):
        if len(proposals) >= MAX_WINDOWS:
            break  # real clauses hold a few; a stretch of MAX_CLAUSE characters gives no more (linear on any input)
        number_start = match.start("num")
        if covered[number_start]:
            continue
        if n[match.start("unit") - 1 : match.start("unit")] == "-" and _NAMED_PERIOD_AFTER.match(n, match.end()):
            continue  # "high risk for 30-day readmission", "a 90-day supply": the name of a period, not a time since
        op, post = match.group("op"), match.group("post")
        before = n[max(0, match.start() - 40) : match.start()]
        op, post = _more_operators(match, before, op, post)  # "at minimum 6 months", "not before 3 weeks after"
        post = post or match.groupdict().get("plus")  # "resident for 2+ years": at least that long
        noun = _DURATION_NOUN_AFTER.match(n, match.end())
        within_range = not match.group("op") and _WITHIN_BEFORE.search(before)
        ranged = (_WITHIN_RANGE_AFTER if within_range else _RANGE_SINCE_AFTER).match(n, match.end())
        minimum = _MINIMUM_DURATION_BEFORE.search(before) or _MINIMUM_DURATION_OF_BEFORE.search(
            n, max(0, match.start() - 70), match.start()
        )
        washout = not op and _washout_at(n, match.start(), match.end())
        if washout:  # "discontinue supplementation 2 weeks before the start of the study", even when only agreed to
            found = _washout_proposal(n, kind, span, match)
            if found:
                proposals.append(found)
            continue
        # a bound said before the span ("at least 10 years") or after it ("20 years or longer", "3 or more years")
        bounded = bool(op) or bool(post)
        history_before = bounded and _HISTORY_OF_BEFORE.search(before)  # "a smoking history of at least 10 years"
        zh_between_start = _ZH_BETWEEN_AND_START.search(n, max(0, match.start() - 60), match.start())
        if zh_between_start and not op and not _ZH_GAP_AT_LEAST_BEFORE.search(before):
            zh_between_start = None  # "从末次化疗到随机间隔3周" states no bound
        bracketed = (
            bool(op)
            and before.rstrip().endswith(("(", "["))
            and bool(_BRACKET_GOES_ON.match(n, match.end()))  # "diabetes (>3 years or insulin use)": the same bracket
            and (
                n[match.end() : match.end() + 2].lstrip()[:1] in (")", "]")
                or not _EVENTS_COUNTED.search(n, max(0, match.start() - 30), match.start())
            )  # "2 episodes (>3 days or hospitalised)": what counts as an episode
        )

        since_cn = bool(op) and _CN_SINCE_BEFORE.search(before)  # "距末次化疗结束≥4周": the time since it ended
        if since_cn and _ZH_EVENT_TO_EVENT.search(n, max(0, match.start() - 40), match.start()):
            continue  # "治疗结束时间距出现复发≥12个月", "疾病进展距离末次治疗>4周": between two past events
        if op and _EN_EVENT_TO_EVENT.search(n, max(0, match.start() - 80), match.start()):
            continue  # "from the end of treatment to recurrence > 6 months": between two past events
        said_as_duration = noun or ranged or minimum or bracketed or match.group("consecutive") or since_cn
        # "cured through surgery and survived 5 years of disease-free", "4 years cancer-free": free of it that long
        said_as_duration = said_as_duration or _DISEASE_FREE_AFTER.match(n, match.end())
        said_as_duration = said_as_duration or _ZH_UNCHANGED_AFTER.match(n, match.end())  # "3 个月内未改变日剂量"
        said_as_duration = (
            said_as_duration or history_before or zh_between_start
        )  # "吸烟史≥10年", "从末次化疗到随机至少间隔3周"
        other_agents = (
            _FOR_OTHER_AGENTS_AFTER.match(n, match.end())
            if not op and not post and last_since and _BRACKET_OPEN_BEFORE.search(before)
            else None
        )
        if other_agents and _another_agents_span(n, last_since[0], match.start()):
            # "At least 4 weeks since prior chemotherapy (6 weeks for nitrosoureas or mitomycin)": the same bound, a
            # longer span for the agents the bracket names
            amount = _to_decimal(match.group("num"))
            unit = _TIME_UNIT_WORD.get(match.group("unit").replace(" ", ""))
            if amount and unit and amount > 0:
                proposals.append(
                    _duration(
                        kind,
                        amount,
                        unit,
                        other_agents.group(1),
                        span.quote(match.start(), other_agents.end(1)),
                        inclusive=last_since[1],
                        confidence=0.5,
                    )
                )
            continue
        if not op and not post and not said_as_duration and not _DURATION_FOR.search(before):
            continue
        if op and op.strip() == ">" and n[max(0, match.start() - 1) : match.start()] in ("-", "="):
            continue
        if match.group("unit") == "月" and not op:
            continue  # "3月": a month of the year as often as a span
        since = (
            _SINCE_EVENT.match(n, ranged.start("rel")) if ranged else _SINCE_EVENT.match(n, match.end()) if op else None
        )
        if since is None and (op or post):
            since = _since_past_event(n, match.end())  # "at least 6 months since the last exacerbation"
        if since is None and op:
            between = _BETWEEN_AND_START_AFTER.match(
                n, match.end()
            )  # "… between prior radiotherapy and the first dose"
            since = _EventWords(between.group("event"), between.start("event")) if between else None
        # "using contraception a minimum of 28 days before dosing": a method used at least that long up to the study's
        # start, a duration (contraception "for 3 months after the last dose" or "prior to and during" is still to come)
        method_after = None
        used_up_to_start = bool(
            op
            and (
                _CONTRACEPTION.search(n, max(0, match.start() - 60), match.start())
                or (method_after := _method_named_after(n, match))
            )
            and _UP_TO_THE_START_AFTER.match(n, match.end())
            # "one of the following acceptable means of birth control: * Oral contraceptives (taken for at least one
            # month prior to …)": an option of a definition, not a criterion of its own
            and not _methods_lead_before(span, match.start())
        )
        # "no evidence of disease recurrence for 5 years after treatment": free of it that long since the treatment
        free_since_treatment = bool(
            not op
            and _NO_RECURRENCE_FOR.search(n, max(0, match.start() - 80), match.start())
            and _AFTER_TREATMENT.match(n, match.end())
        )
        if (_DURATION_NOT_AFTER.match(n, match.end()) and not since and not free_since_treatment) or (
            _DURATION_NOT_BEFORE.search(n, max(0, match.start() - 40), match.start())
            and not (ranged and within_range)
            and not used_up_to_start
        ):
            continue
        frequency = _FREQUENCY_AFTER.match(n, match.end())
        if frequency and _TIME_UNIT_WORD.get(frequency.group(1)) == _TIME_UNIT_WORD.get(match.group("unit")) == "days":
            continue  # "for 2 days or more during the last 7 days" counts days; "for more than 1 month within the
            # last 6 months" is a course that long
        if not op and _UPPER_BEFORE.search(before):
            continue  # "ceased smoking <3 months duration", "≤ 6 months' duration": bounded above, a window if any
        amount = Decimal(1) if match.group("num") == "a" else _to_decimal(match.group("num"))
        unit = _TIME_UNIT_WORD.get(match.group("unit").replace(" ", ""))  # "6个 月": a line-wrap space kept
        if match.group("num") == "半" and unit == "years":
            amount, unit = Decimal(6), "months"  # 半年: half a year, six months (as a window reads it)
        if amount is None or unit is None or amount <= 0:
            continue
        if unit == "days" and _DAY_COUNT_BEFORE.search(n, max(0, match.start() - 40), match.start()):
            continue  # "on 8 or more days", "each of 3 consecutive days", "on 3 of the last 7 days": how often
        if _DOSE_IN_BRACKET_BEFORE.search(n, max(0, match.start() - 60), match.start()):
            continue  # "high-dose systemic steroids (equivalent prednisone >20 mg/day for more than one week)": what
            # a high dose is, a course's length and no time since anything
        if _COURSE_BEFORE.search(n, max(0, match.start() - 40), match.start()) or (
            unit == "days" and _COURSE_AFTER.match(n, match.end())
        ):
            continue  # "≥ 3 days of oral corticosteroids", "疗程大于7天": the length of one course, not a time since
        if zh_between_start:  # "从末次化疗到随机至少间隔3周": since the past event, at the study's start
            since = _EventWords(zh_between_start.group("event"), zh_between_start.start("event"))
        elif _ZH_BETWEEN_TWO_EVENTS.search(n, max(0, match.start() - 80), match.start()):
            continue  # "从末个疗程化疗后到确诊广泛期,有至少6个月的无治疗间期": between two past events, not since one
        sentence_start = max([m.end() for m in _BOUNDARY.finditer(n, max(0, match.start() - 200), match.start())] + [0])
        sentence_end_match = _BOUNDARY.search(n, match.end())
        sentence_end = sentence_end_match.start() if sentence_end_match else len(n)
        if (
            kind == "exclusion"
            and _ALLOWED_IF_BEFORE.search(n, max(sentence_start, match.start() - 90), match.start())
            and not _FREE_OF_BEFORE.search(n, max(sentence_start, match.start() - 30), match.start())
        ):
            continue  # "(hypothyroidism is acceptable if on a stable dose for ≥ 3 months)": an exclusion's exception
            # ("prior cancer is allowed if cancer-free for at least 1 year" bounds the time since it, a duration)
        if op and _NEVER_BEFORE.search(n, max(sentence_start, match.start() - 60), match.start()):
            continue  # "never used a CGM for more than a month": a cap on how long it was ever used, no time since
        if not op and _UNSTABLE_BEFORE.search(n, max(0, match.start() - 30), match.start()):
            continue  # "medication unstable for 6 months": the complement of a stable duration ("not stable for at
            # least 4 weeks" excludes short of a stated minimum, a duration in its list as stated)
        if _TEST_TIMING_BEFORE.search(n, max(sentence_start, match.start() - 30), match.start()) and not (
            _PRIOR_AFTER.match(n, match.end())  # "repair performed ≥ 1 year prior": the repair was that long ago
        ):
            continue  # "spirometry performed at least 4 weeks after the exacerbation": a test's timing
        if (
            unit == "years"
            and amount >= 18
            and op
            and _PEOPLE_RIGHT_BEFORE.search(n, max(sentence_start, match.start() - 40), match.start())
            and not _DURATION_FOR.search(before)
        ):
            continue  # "Living donors ≥ 18 years": an age, said without the word
        if _SPONSOR_DECISION_AFTER.match(n, match.end()):
            continue  # "超过 24 个月,与申办方沟通后决定是否接受": the sponsor decides, no bound
        if _ZH_TEST_INTERVAL_BEFORE.search(n, max(sentence_start, match.start() - 30), match.start()):
            continue  # "筛选期和…尿液收集时间间隔≥4周": the spacing of two study tests
        if _ZH_EXCEPTED_BEFORE.search(n, max(sentence_start, match.start() - 80), match.start()):
            continue  # "除外宫颈原位癌…且完全缓解期超过10年": inside what an exclusion leaves out, no bound of its own
        if _recurrence_pattern(n, sentence_start, match.start(), match.end()):
            continue  # "sputum on most days for 3 months of the year for 2 years": how chronic bronchitis is defined
        if _intends_before(n, sentence_start, match.start(), match.end()) and not (op and since):
            continue  # "planning to stay in care there for at least 12 months": a period still to come ("… to
            # maintain motility At least 30 days since other prior investigational drugs": a time since a past one)
        if (
            _FUTURE_BEFORE.search(n, max(0, match.start() - 45), match.start())
            and not (op and since and not _CONTRACEPTION.search(n, max(0, match.start() - 60), match.start()))
            and not used_up_to_start
        ) or _EXPECTED_LENGTH_BEFORE.search(n, max(0, match.start() - 70), match.start()):
            # ("resection required as primary therapy At least 6 weeks since resection": a run-on PDQ list's earlier
            # item is no plan for a time said since a past event)
            continue  # "willing to take EGCG for a minimum of 2 weeks": what the study will ask, not a past duration
        if _DURATION_NOT_AFTER.match(n, match.end()) and _CONTRACEPTION.search(n, sentence_start, match.start()):
            continue  # "birth control … for at least 6 months after treatment with silibinin has ended": to come
        if _AFTER_STUDY_DOSE.match(n, match.end()):
            continue  # "(birth control …) for at least 30 days after the last dose of the study drug": still to come
        if _SPREAD_OVER_YEARS.search(n, max(0, match.start() - 40), match.start()) or _PART_OF_A_YEAR.match(
            n, match.end()
        ):
            continue  # "cough 3 months of the year for 2 consecutive years", "a decline of 60 ml/year for 2 years"
        if (
            op
            and op.strip() == "over"
            and _CHANGE_PERIOD_BEFORE.search(n, max(sentence_start, match.start() - 60), match.start())
        ):
            continue  # "an MD drop over three months", "weight gain of 5 kg over 6 months": the period of a change
        if unit in ("days", "weeks") and (
            _RATE_AFTER.match(n, match.end())
            or _ZH_RATE_BEFORE.search(n, max(sentence_start, match.start() - 16), match.start())
        ):
            continue  # "pain (>3 days pain/week)", "at least 4 days a week", "每周疼痛>3天": how often, not how long
        if op and _TOXICITY_OF_AGENTS_BEFORE.search(n, max(sentence_start, match.start() - 100), match.start()):
            continue  # "not recovered from adverse events due to agents administered more than 4 weeks earlier": which
            # agents' toxicity counts, no bound on time since them
        if _DIAGNOSTIC_DEFINITION_AFTER.match(n, match.end()):
            continue  # "fever for at least five days plus four of the following": a diagnosis's definition
        per_day_from = max(0, match.start() - 30)
        comma = (  # "吸烟史为≥10包年，筛选前≥6个月未吸烟": in Chinese the pack-years end at the comma
            max(n.rfind(",", per_day_from, match.start()), n.rfind("，", per_day_from, match.start()))
            if _CJK_CHAR.search(n, per_day_from, match.start())
            else -1
        )
        per_day = _PER_DAY_BEFORE.search(n, comma + 1 if comma >= 0 else per_day_from, match.start())
        if (
            per_day
            and not _LOOK_BACK_FOR.search(before)
            and not said_as_duration  # "defined as 6 consecutive weeks of treatment", "(e.g., surgery) 6 months-5 years ago"
            # "smoke at least 5 cigarettes per day for longer than one year": a criterion, said with its comparison
            and not (op and _DEFINITION_WORDS.search(per_day.group()) is None and op.strip() not in ("≥", ">=", ">"))
            # "at least one cigarette a day for 1 or more years": the bound said after the span, as a criterion
            and not (match.groupdict().get("or_more") and _DEFINITION_WORDS.search(per_day.group()) is None)
        ):
            continue  # "(e.g., 1 pack/day for 10 years)": how pack-years are counted, not a criterion
        if _ZH_DEFINED_SPAN_BEFORE.search(n, max(0, match.start() - 24), match.start()):
            continue  # "长期(连续2周以上…)", "(≤连续14天)", "如每天1包20支连续10年": what a word means, no criterion
        if not op and not post and _ZH_STUDY_SCHEDULE_AFTER.match(n, match.end()):
            continue  # "连续5天出席研究访视": the study's own schedule, no criterion
        if (
            _ZH_NOT_A_CRITERION_BEFORE.search(n, max(0, match.start() - 80), match.start())
            or (_STATE_DEFINITION_BEFORE.search(n, max(0, match.start() - 120), match.start()))
            or _LESION_COUNTS_IF_BEFORE.search(n, max(0, match.start() - 120), match.start())
        ):
            continue  # "治疗失败的定义:…必须≥14天", "以下情况除外-…首次给药前≥5年无…": a definition, an exception
        event = None
        look_from = max(sentence_start, match.start() - 150)
        if row_hits is None:  # each durations row's words in the clause, found once (not once per number)
            row_hits = [
                ([(m.start(), m.end()) for m in pattern.finditer(n)], label) for pattern, label in _DURATION_EVENTS
            ]
        rows_from = look_from
        if since is not None and ":" in n[look_from : match.start()]:
            # "PRIOR CONCURRENT THERAPY: At least 4 weeks since prior chemotherapy": the event the since-phrase
            # names (the earliest), else one after the label's colon, never the label's own words
            rows_from = n.rfind(":", look_from, match.start()) + 1
            hits_in_since = [
                (hit, index, label)
                for index, (hits, label) in enumerate(row_hits)
                if (hit := _hit_within(hits, since.start(1), since.end(1)))
            ]
            if hits_in_since:
                hit, _index, label = min(hits_in_since)
                event = (label, *hit)
        for hits, label in row_hits if event is None else ():  # in table order: the more specific first
            found = _hit_within(hits, rows_from, match.start()) or _hit_within(
                hits, match.end(), min(sentence_end, match.end() + 40)
            )
            if found:
                event = (label, *found)
                break
        if event is None and method_after:  # "At least 2 weeks prior to …, … using … contraceptive methods"
            method = _CONTRACEPTION.search(n, match.end(), method_after.end() + 20)
            if method:
                event = (method.group(), method.start(), method.end())
        confidence = 0.7
        history = _HISTORY_OF.match(n, match.end())
        if event is None and history:  # "a 2-year history of seasonal allergic rhinitis": what it is a history of
            event, confidence = (history.group(1)[:60], match.start(), history.end(1)), 0.6
        if event is None and since:  # "≥ 6 months post end of treatment": the event is what follows
            event, confidence = (since.group(1), since.start(1), since.end(1)), 0.5
        activity = _OF_ACTIVITY_AFTER.match(n, match.end()) if event is None and bounded else None
        if activity and not _STUDY_POINT.search(activity.group(1)):  # "≥ 10 years of smoking"
            event, confidence = (activity.group(1), activity.start(1), activity.end(1)), 0.5
        if event is None and bounded and not activity:  # "at least 4 years of follow-up", "至少6个月的无治疗间期"
            what = _OF_NOUN_AFTER.match(n, match.end()) or _ZH_OF_NOUN_AFTER.match(n, match.end())
            if what and not _STUDY_POINT.search(what.group(1)):
                event, confidence = (what.group(1), what.start(1), what.end(1)), 0.5
        if event is None and op and _CJK_CHAR.match(n, max(0, match.start() - 1)):
            event = _zh_event_right_before(n, max(look_from, match.start() - 12), match.start())  # "HIV感染≥6个月"
            if (
                event is None
            ):  # "耳鸣至少6个月", "病情稳定至少4周": a state named right before the bound has lasted that long
                state = _ZH_STATE_RIGHT_BEFORE.search(n, max(look_from, match.start() - 12), match.start())
                if state and not _ZH_NOT_A_STATE.search(state.group(1)):
                    event, confidence = (state.group(1), state.start(1), state.end(1)), 0.5
        of_what = _OF_WHAT_AFTER.match(n, match.end()) if event is None and history_before else None
        if of_what:  # "history of ≥ 6 months of chronic rhinosinusitis"
            event, confidence = (of_what.group(1), of_what.start(1), of_what.end(1)), 0.5
        if event is None:
            if (
                not _DURATION_FOR.search(before)
                and not said_as_duration
                and not (
                    op
                    and (
                        _PRIOR_AFTER.match(n, match.end())
                        # "Time since last date of menses should be at least 12 months": the words may reach past 40
                        or _DURATION_WORD.search(n, max(0, match.start() - 70), match.start())
                        or _ZH_TAKING_BEFORE.search(before)  # "服用二甲双胍已超过3个月": on it that long
                        or _state_right_before(n, op, look_from, match.start())  # "tinnitus ≥ 6 months"
                        or _WAIT_BEFORE.search(before)  # "should wait a minimum of 2 weeks, if recently vaccinated"
                    )
                )
            ):
                continue
            words, words_start = _words_before(n, look_from, match.start())
            if not words:
                continue
            event, confidence = (words, words_start, match.start()), 0.5
        label, event_start, event_end = event
        if free_since_treatment:
            label = "remission"  # whatever treatment is named, the time since it is disease-free (as 0120's row)
        bare_op = re.sub(r"^已经?\s*", "", op.strip()) if op else ""
        inclusive = not (bare_op and any(words.fullmatch(bare_op) for words in _DURATION_EXCLUSIVE))
        quote_start = min(event_start, match.start())
        quote_end = max(event_end, match.end())
        prior = _PRIOR_AFTER.match(n, match.end())
        free_of = prior and (
            (not op and not post and _negated_for(n, max(sentence_start, match.start() - 120), match.start()))
            or (op and _NOT_RESOLVED_BEFORE.search(n, max(sentence_start, match.start() - 40), match.start()))
        )  # "no pulmonary rehabilitation for 6 months prior to enrolment", "not resolved at least 4 weeks prior"
        if free_of and _NO_RECURRENCE_FOR.search(n, max(sentence_start, match.start() - 80), match.start()):
            free_of, label = False, "remission"  # "no evidence of recurrence of the disease for 3 years prior":
            # disease-free that long (the remission row's event, whatever treatment is named before it)
        look_back = not op and not post and _LOOK_BACK_FOR.search(before)
        if prior and kind == "exclusion" and not op and not post:
            # "using full-dose anticoagulants for 2 weeks prior to enrollment" in an exclusion list: any use in that
            # look-back excludes, a window (a stable dose kept that long stays a duration)
            look_back = look_back or bool(
                _USED_FOR_BEFORE.search(n, max(sentence_start, match.start() - 100), match.start())
            )
        if free_of or (
            look_back
            and (
                kind == "exclusion" or _NEGATED_BEFORE.search(n, max(sentence_start, match.start() - 80), match.start())
            )
        ):
            # "Those taking ginseng extracts for the past year" in an exclusion list: having taken it at any time
            # in that period excludes, a look-back window (in an inclusion list, "smoking for the last 6 months" is
            # a duration: doing it all that time)
            proposals.append(_window(kind, amount, unit, label, span.quote(quote_start, quote_end)))
            continue
        proposals.append(
            _duration(
                kind,
                amount,
                unit,
                label,
                span.quote(quote_start, quote_end),
                inclusive=inclusive,
                confidence=confidence,
            )
        )
        if op and since is not None:
            last_since = (max(quote_end, since.end(1)), inclusive)
    if "for" in n:
        for match in _FOR_THE_PAST_UNIT.finditer(n):  # "taking ginseng for the past year": as "for the past 12 months"
            if covered[match.start()] or len(proposals) >= MAX_WINDOWS:
                continue
            sentence_start = max(
                [m.end() for m in _BOUNDARY.finditer(n, max(0, match.start() - 200), match.start())] + [0]
            )
            if kind != "exclusion" and not _NEGATED_BEFORE.search(
                n, max(sentence_start, match.start() - 80), match.start()
            ):
                continue  # "has not smoked for the past year" is free of it that year, in either list
            words, words_start = _words_before(n, max(sentence_start, match.start() - 150), match.start())
            if words and not _FUTURE_BEFORE.search(n, max(0, match.start() - 45), match.start()):
                proposals.append(
                    _window(
                        kind,
                        Decimal(1),
                        _TIME_UNIT_WORD[match.group(1)],
                        words,
                        span.quote(words_start, match.end()),
                        confidence=0.5,
                    )
                )
    ranged = "duration" in n or "history" in n or "病" in n or "持续" in n  # the words a range must follow
    for match in (
        _DURATION_RANGE.finditer(n) if ranged else ()
    ):  # "disease duration between 1 and 5 years", "病程3个月至2年"
        if len(proposals) >= MAX_WINDOWS or covered[match.start("lo")] or covered[match.start("hi")]:
            continue
        found = _duration_range(n, kind, span, match)
        proposals.extend(found)
    for match in _RANGE_LOWER_SINCE.finditer(n) if ("-" in n or "–" in n or " to " in n or " and " in n) else ():
        # "stroke 6-12 months ago", "within 3-24 months post injury": the lower end, its unit the upper end's, is a
        # duration when the upper end was read as a window (the window's checks hold for both ends)
        if len(proposals) >= MAX_WINDOWS or covered[match.start("lo")] or not covered[match.start("hi")]:
            continue
        if match.group("rel") in ("of", "from") and not _WITHIN_BEFORE.search(
            n, max(0, match.start() - 20), match.start()
        ):
            continue
        if _AGED_RIGHT_BEFORE.search(n, max(0, match.start() - 12), match.start()):
            continue  # "for subjects aged 4 to 11 years after …": an age range
        unit = _TIME_UNIT_WORD.get(match.group("unit"))
        lo, hi = _to_decimal(match.group("lo")), _to_decimal(match.group("hi"))
        if not (unit and lo and hi) or lo <= 0 or lo >= hi:
            continue
        sentence_start = max([m.end() for m in _BOUNDARY.finditer(n, max(0, match.start() - 200), match.start())] + [0])
        words, words_start = _words_before(n, max(sentence_start, match.start() - 150), match.start())
        since = _SINCE_EVENT.match(n, match.start("rel")) if not words else None
        words_end = match.end()
        if since:  # "within 3-24 months post spinal cord injury diagnosis": the event follows
            words, words_start, words_end = since.group(1), match.start(), since.end(1)
        proposals.append(
            _duration(
                kind,
                lo,
                unit,
                words or "time since the event",
                span.quote(words_start if words else match.start(), words_end),
                confidence=0.5,
            )
        )
    if any(word in n for word in _NOT_RECURRED_WORDS):
        for match in _NOT_RECURRED_WITHIN.finditer(n):  # "have not recurred within 5 years after the treatment"
            number = "num" if match.group("num") else "zh_num"
            if covered[match.start(number)] or len(proposals) >= MAX_WINDOWS:
                continue
            if _CJK_CHAR.match(match.group()) and _ZH_EXCEPTED_AFTER.match(n, match.end()):
                continue  # "…5年内无复发者除外": what an exclusion leaves out, no bound (as _ZH_EXCEPTED_BEFORE)
            if not _CJK_CHAR.match(match.group()) and not _AFTER_TREATMENT.match(n, match.end()):
                continue  # "no relapse within 6 months" alone is a look-back, read as a window
            amount = _to_decimal(match.group(number))
            unit = _TIME_UNIT_WORD.get((match.group("unit") or match.group("zh_unit")).replace(" ", ""))
            if amount and unit and amount > 0:
                proposals.append(_duration(kind, amount, unit, "remission", span.quote(match.start(), match.end())))
    if "后" in n:
        for match in _ZH_RANGE_SINCE.finditer(n):  # "术后 4-12 周": at least the lower end since the event
            unit = _TIME_UNIT_WORD.get(match.group("hi_unit").replace(" ", ""))
            amount = _to_decimal(match.group("lo"))
            if unit and amount and amount > 0 and len(proposals) < MAX_WINDOWS:
                proposals.append(
                    _duration(kind, amount, unit, match.group("event"), span.quote(match.start(), match.end()))
                )
    return proposals


# How long something has lasted, given as a range: "disease duration between 1 and 5 years", "duration of symptoms of
# 2 to 12 weeks", "病程在3个月至2年之间": at least the lower end (a duration) and at most the upper one (a window), as
# "3 months to 5 years post-stroke onset" is read; a range before ago/after is read by TIME_RANGE_SINCE
_RANGE_UNIT = r"(days?|weeks?|months?|years?|天|周|个\s?月|年)"
_DURATION_RANGE = re.compile(
    r"(?:(?<![a-z])(?:duration|history)(?:\s+of(?:\s+[a-z][a-z-]*){1,2})?(?:\s+(?:of|is|was))?\s+(?:between\s+)?"
    r"|(?:病程|患病时间|病史|持续时间)\s*(?:在|为|介于)?\s*)"
    rf"(?P<lo>{NUM}|{CN_NUM})\s*(?P<lo_unit>{_RANGE_UNIT})?\s*(?:to|-|–|and|至|到|~|～)\s*"
    rf"(?P<hi>{NUM}|{CN_NUM})[\s-]*(?P<hi_unit>{_RANGE_UNIT})(?![a-z])"
    r"(?!\s*(?:ago|post|after|since|following|old|of age)(?![a-z]))"
)


def _duration_range(n: str, kind: str, span: _Span, match: re.Match) -> list[Proposal]:
    hi_unit = _TIME_UNIT_WORD.get(match.group("hi_unit").replace(" ", ""))
    lo_unit = _TIME_UNIT_WORD.get((match.group("lo_unit") or match.group("hi_unit")).replace(" ", ""))
    lo, hi = _to_decimal(match.group("lo")), _to_decimal(match.group("hi"))
    if not (lo and hi and lo_unit and hi_unit) or lo <= 0 or (lo_unit == hi_unit and lo >= hi):
        return []
    if _RATE_AFTER.match(n, match.end()) or _ZH_RATE_BEFORE.search(n, max(0, match.start() - 16), match.start()):
        return []  # "a duration of 2 to 3 days per week": how often
    sentence_start = max([m.end() for m in _BOUNDARY.finditer(n, max(0, match.start() - 200), match.start())] + [0])
    if _intends_before(n, sentence_start, match.start(), match.end()) or _FUTURE_BEFORE.search(
        n, max(0, match.start() - 45), match.start()
    ):
        return []  # "treatment will last between 4 and 8 weeks": still to come
    quote = span.quote(match.start(), match.end())
    words = match.group().split(match.group("lo"))[0].strip() or "duration"
    return [
        _duration(kind, lo, lo_unit, words, quote, confidence=0.5),
        _window(kind, hi, hi_unit, words, quote, confidence=0.5),
    ]


_POST_BD = re.compile(
    r"post[- ]?(?:bronchodilat\w*|bd|(?:levo)?salbutamol|(?:lev)?albuterol)(?![a-z])|(?:after|following) (?:\w+ ){0,4}"
    r"(?:bronchodilat\w*|(?:levo)?salbutamol|(?:lev)?albuterol|ventolin|puffs)|支气管(?:舒张|扩张)剂(?:使用|吸入)?后"
    r"|舒张(?:试验)?后"
)
_PRE_BD = re.compile(
    # "before the use of an inhaled bronchodilator": up to five words between
    r"pre[- ]?(?:bronchodilat\w*|bd)(?![a-z])|(?:before|prior to|without) (?:\w+ ){0,5}(?:bronchodilat\w*|salbutamol"
    r"|albuterol)"
    # "after withholding β2-agonists for 4 h", "with bronchodilators withheld": measured off the bronchodilator
    # ("withholding long-acting β2-agonists": a hyphenated word among the two)
    r"|(?:withhold\w*|withheld|washout of|wash-out of) (?:[\w-]+ ){0,2}(?:(?:β|beta)?[- ]?2[- ]?agonists?|bronchodilat\w*"
    r"|salbutamol|albuterol)|(?:bronchodilat\w*|(?:β|beta)?[- ]?2[- ]?agonists?) (?:\w+ ){0,2}withheld"
    # "when off inhaled beta-agonist for more than 4 hrs, FEV1 less than 65% predicted": measured off it
    r"|(?<![a-z])off (?:[\w-]+ ){0,2}[\w-]*?(?:agonists?|bronchodilat\w*|salbutamol|albuterol)(?![a-z])"
    r"|支气管(?:舒张|扩张)剂(?:使用|吸入)?前|舒张(?:试验)?前"
)


# "FEV1 > 70% of predicted (at least 6 hours after bronchodilator use)": hours since the last dose are a washout
# before a baseline value, not a value measured after a bronchodilator ("15-30 minutes after salbutamol" is)
_HOURS_SINCE_BD_BEFORE = re.compile(
    r"(?:at least|a minimum of|minimum of|no less than|not less than|more than|≥|>=|>)\s*\d+\s*(?:hours?|hrs?|h)\s*$"
)


def _bronchodilator(n: str, start: int, end: int) -> str | None:
    """ "post" or "pre" when the sentence says the spirometry value is after or before a bronchodilator: the nearest
    marker before the value in its sentence (it covers every value that follows), else one just after it."""
    sentence_start = max([m.end() for m in _BOUNDARY.finditer(n, 0, start)] + [0])
    sentence_end_match = _BOUNDARY.search(n, end)
    sentence_end = sentence_end_match.start() if sentence_end_match else len(n)
    best: tuple[int, str] | None = None
    for pattern, state in ((_POST_BD, "post"), (_PRE_BD, "pre")):
        for match in pattern.finditer(n, sentence_start, sentence_end):
            if state == "post" and _HOURS_SINCE_BD_BEFORE.search(n, max(0, match.start() - 30), match.start()):
                continue
            if match.start() < end:
                distance = max(0, start - match.end())
            elif match.start() - end <= 80:
                distance = 1_000 + match.start() - end  # after the value: only when nothing stands before it
            else:
                continue
            if best is None or distance < best[0]:
                best = (distance, state)
    return best[1] if best else None


# A clause that opens with a subgroup label and no colon: "Cohort 1 (COPD) ≥45 years"
_SUBGROUP_LEAD = re.compile(
    r"^\W*(?:part|cohort|group|arm|stratum)\s+[a-z0-9]{1,3}(?![a-z0-9])(?:\s*\([^()]{1,40}\))?[\s:：;,-]*$"
)
_BRACKETED_ALTERNATIVE_GAP = re.compile(r"\s*[(（\[]\s*(?:or\s+)?")
_WHERE_AFTER = re.compile(r"\s*(?:old\s+|of age\s+)?(?:in|for|at)\s|\s*(?:old|of age)?\s*[)）\]]")
_SECOND_BOUND_GAP = re.compile(r"\s*(?:,|and|but|to|-|&|且|并且|,\s*and)\s*")
_BLANK_GAP = re.compile(r"[ \t]*")
# "Subjects under 18 years or over 70 years": the other end of the same person's years, either side excluded
_EITHER_BOUND_GAP = re.compile(r"\s*,?\s*(?:or|and|或)\s*")  # "below 18 and above 45": no one is both
_SUBGROUP = re.compile(
    r"(?<![a-z])(?:part|cohort|group|arm|stratum|substudy|sub-study)\s+[a-z0-9]{1,3}(?![a-z0-9])"
    r"(?:\s*\([^()]{1,40}\))?\s*[:：]"
)


def _subgroup_before(n: str, position: int) -> re.Match | None:
    """The subgroup label ("part A (COPD):") the bound at ``position`` falls under, if any."""
    labels, ends = _subgroups(n)
    index = bisect.bisect_right(ends, position)
    return labels[index - 1] if index else None


@lru_cache(maxsize=8)
def _subgroups(n: str) -> tuple[tuple[re.Match, ...], tuple[int, ...]]:
    """A clause's subgroup labels and where each ends, found once for all its bounds."""
    labels = tuple(_SUBGROUP.finditer(n))
    return labels, tuple(m.end() for m in labels)


@lru_cache(maxsize=8)
def _boundary_ends(n: str) -> tuple[int, ...]:
    """Where each sentence of a clause ends (after its ';', '. ' or '。'), found once for all its windows."""
    return tuple(m.end() for m in _BOUNDARY.finditer(n))


_ALTERNATIVE_GAP = re.compile(r"(?<![a-z])(?:or|and/or|either)(?![a-z])|或")
_OR_BOUND_GAP = re.compile(r"\s*[(（\[]?\s*(?:or|或)\s*")  # "≥ 200 (or ≥ 150 …": the text is lower case
_STAGE_DEFINITION = re.compile(
    r"(?:stage|grade|gold|class)\s*(?:[1-4]|i{1,3}|iv)\s*(?:\([^()]{0,20}\))?\s*[:=][^;:()]{0,30}$"
)
# "less than 35 years old at the diagnosis": an age at diagnosis, not the person's age now
_AT_DIAGNOSIS = re.compile(
    r"\s*(?:(?:years?\s+)?(?:old|of age)\s+)?(?:at|when)\s+(?:the\s+)?(?:time\s+of\s+)?(?:(?:first\s+)?diagnos\w*|onset)"
    r"|\s*(?:岁)?\s*(?:时)?(?:诊断|确诊|发病)时"
)
# "Participants must be > 18 years old at time of diagnosis": the participants' own age when the study takes them in
_PARTICIPANT_AT_TIME_OF = re.compile(r"\s*(?:years?\s+)?(?:old|of age)\s+at\s+(?:the\s+)?time\s+of\s+diagnos")
_YEARS_OF_SOMETHING = re.compile(
    r"\s*(?:of|in)\s+(?:[a-z-]+\s+)?(?:education|school\w*|experience|practice|employment|work|smoking|residence"
    r"|marriage|follow-?up|disease|illness|treatment|therapy|training)(?![a-z])"
)
_AGE_MONTHS_AFTER = re.compile(r"\s*(?:and\s+)?(11)\s*months?(?![a-z])")
