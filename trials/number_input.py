"""Reading what people type into a number: "68", "68%", "0.68", "350 m", "1,5", "1 000", "1,000", "６８岁",
"百分之68".

Pure functions; `Question.clean_answer` applies a question's unit and plausible range on top.

Separators. A dot is always the decimal point (as people write in English and in Chinese). A space
between groups of three digits ("1 000") is always a thousands separator. A comma is either: "68,5"
is 68.5 (a decimal comma), "1,000,000" is a million, and "1,500" could be 1.5 or 1500. Such a value
has two readings; the question decides which it can be (a whole-number question cannot be 1.5, and
nobody writes "1,000" to mean 1), and when both remain the patient is asked which they meant.
"""

from __future__ import annotations

import json
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from trials.eligibility import window_days

PLAIN = re.compile(r"^(\d+(?:[.,]\d+)?|[.,]\d+)$")
SPACE_GROUPED = re.compile(r"^\d{1,3}(?: \d{3})+(?:[.,]\d+)?$")
COMMA_GROUPED = re.compile(r"^[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$")
MINUS_SIGNS = ("-", "\u2212", "\u2013")  # hyphen-minus, minus sign, en dash (what phones type)
UNIT_WORDS = {
    "%": ("%", "percent", "per cent", "pct"),
    "m": ("m", "metres", "meters", "metre", "meter", "米", "公尺"),
    "years": ("years", "year", "yrs", "y", "岁", "周岁"),
    "h/day": (
        "h/day",
        "h/d",
        "hours",
        "hour",
        "hrs",
        "h",
        "小时",
        "个小时",
        "小时/天",
        "小时/日",
        "小时每天",
        "小时/每天",
    ),
    "times": ("times", "time", "x", "次"),
    # the units the sixth round's questions show beside their boxes, and how people write them after a number
    # (a weight in 斤 or pounds, an eosinophil count in × 10⁹/L: UNIT_CONVERSIONS)
    "kg": ("kg", "kgs", "kilograms", "kilogram", "kilos", "kilo", "公斤", "千克"),
    "bpm": ("bpm", "beats a minute", "beats per minute", "beats/min", "/min", "次/分", "次/分钟", "次每分钟", "次"),
    "cells/uL": ("/µl", "/ul", "cells/µl", "cells/ul", "/mm3", "/mm³", "个/µl", "个/ul", "个"),
    "cigarettes/day": ("cigarettes", "cigarette", "cigarettes a day", "a day", "支", "根", "支/天", "支/日"),
    "pack-years": ("pack-years", "pack years", "pack-year", "pack year", "py", "包年"),
    "days": ("days ago", "day ago", "days", "day", "d", "天前", "日前", "天", "日"),
    "g/L": ("g/l", "克/升", "g/升"),  # haemoglobin as Chinese reports print it
}
# Other units people type after a number, converted into the question's unit: (the words, the factor, the decimal
# places kept, or None for exact). 1 斤 is half a kilogram; a pound is 0.45359237 kg exactly, kept to 0.1 kg; a blood
# count in × 10⁹/L (G/L), as many lab reports print it, times 1000 is per µL; 1 g/dL of haemoglobin is 10 g/L. Spaces
# inside the words may be left out.
UNIT_CONVERSIONS = {
    "kg": (
        (("斤", "市斤"), Decimal("0.5"), None),
        (("lb", "lbs", "pound", "pounds", "磅"), Decimal("0.45359237"), 1),
    ),
    # "8 years", "3个月", "2周" for how long ago: a week is 7 days; months and years by the days rule of
    # decision 0041 (`eligibility.window_days`: never making 12 months shorter than a year), named by the unit
    "days": (
        (
            ("weeks ago", "week ago", "weeks", "week", "wks", "wk", "周前", "星期前", "个星期", "星期", "周"),
            Decimal(7),
            0,
        ),
        (("months ago", "month ago", "months", "month", "个月前", "月前", "个月", "月"), "months", 0),
        (("years ago", "year ago", "years", "year", "yrs", "yr", "年前", "年"), "years", 0),
    ),
    # haemoglobin in g/dL, as reports in some countries print it (walkthrough 13: "13.5 g/dL" was refused): × 10
    "g/L": ((("g/dl", "g/dL", "克/分升", "g/100ml"), Decimal(10), None),),
    "cells/uL": (
        (
            ("×10^9/l", "x10^9/l", "*10^9/l", "10^9/l", "×10⁹/l", "x10⁹/l", "*10⁹/l", "10⁹/l", "g/l"),
            Decimal(1000),
            0,
        ),
    ),
}
# A number typed with no unit and below this limit is in the unit reports print (decision 0080): an eosinophil count
# "0.3" is 0.3 × 10⁹/L, 300 per µL (nobody has fewer than 5 cells per µL but 0, which reads the same either way).
BARE_NUMBER_CONVERSIONS = {"cells/uL": (Decimal(5), Decimal(1000), 0)}
# Said before the number in Chinese: "百分之68" is 68%, "每天15小时" is 15 h/day.
CHINESE_PREFIXES = (("百分之", "", "%"), ("每天", "", ""), ("每日", "", ""))

# Words saying a number is about right ("大约300米", "300米左右", "about 300 m") and the Chinese numerals read ("两",
# "三百五十"), per language: a table (`trials/data/number_words.json`), read once.
NUMBER_WORDS_TABLE = json.loads((Path(__file__).parent / "data" / "number_words.json").read_text(encoding="utf-8"))
APPROXIMATELY_BEFORE = sorted(
    {word.lower() for words in NUMBER_WORDS_TABLE["approximately"]["before"].values() for word in words},
    key=len,
    reverse=True,
)
APPROXIMATELY_AFTER = sorted(
    {word.lower() for words in NUMBER_WORDS_TABLE["approximately"]["after"].values() for word in words},
    key=len,
    reverse=True,
)
CHINESE_DIGITS = NUMBER_WORDS_TABLE["chinese_numerals"]["digits"]
CHINESE_TEN = NUMBER_WORDS_TABLE["chinese_numerals"]["tens"]
CHINESE_HUNDRED = NUMBER_WORDS_TABLE["chinese_numerals"]["hundreds"]
ENGLISH_NUMERALS = NUMBER_WORDS_TABLE["english_numerals"]
ENGLISH_UNITS, ENGLISH_TENS = ENGLISH_NUMERALS["units"], ENGLISH_NUMERALS["tens"]
ENGLISH_NUMERAL_WORDS = (
    frozenset(ENGLISH_UNITS)
    | frozenset(ENGLISH_TENS)
    | {
        ENGLISH_NUMERALS["hundred"],
        ENGLISH_NUMERALS["a"],
        ENGLISH_NUMERALS["and"],
    }
)
# the most words a number up to 999 takes: "two hundred and fifty eight"
ENGLISH_NUMERAL_MOST_WORDS = 5
# "没有", "none": the answer 0, only to questions counting something (their units)
NONE_WORDS = frozenset(word.lower() for words in NUMBER_WORDS_TABLE["none"]["words"].values() for word in words)
NONE_UNITS = frozenset(NUMBER_WORDS_TABLE["none"]["units"])
# "不知道", "I don't know" typed into a number's box: the question's "I don't know", when it offers one
DONT_KNOW_WORDS = frozenset(
    word.lower() for words in NUMBER_WORDS_TABLE["dont_know"]["words"].values() for word in words
)
# What may follow a ratio's number to say it is a percentage ("68%", "68 percent"): 0.68
RATIO_PERCENT_WORDS = tuple(word for words in NUMBER_WORDS_TABLE["ratio_percent"].values() for word in words)


# Numbers written in words: those up to 999 are read (Chinese numerals since decision 0108, English words since
# 0136, both from the table); any other answer holding one of these words is asked again in digits (0091).
NUMBER_WORD_CHARACTERS = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fourty fifty sixty seventy eighty ninety hundred thousand "
    "million once twice thrice half dozen".split()
)


class NotANumber(ValueError):
    pass


def _without_approximation(cleaned: str) -> tuple[str, bool]:
    """`cleaned` (normalised, lower case) without the words saying the number is about right, and whether it had
    any. A word of letters is one only when no letter touches it ("about300" is, "abouts" is not)."""
    found = False
    for word in APPROXIMATELY_BEFORE:
        if cleaned.startswith(word) and not (
            word[-1].isascii() and word[-1].isalpha() and cleaned[len(word) : len(word) + 1].isalpha()
        ):
            cleaned, found = cleaned[len(word) :].strip(), True
            break
    for word in APPROXIMATELY_AFTER:
        if cleaned.endswith(word) and not (
            word[0].isascii() and word[0].isalpha() and cleaned[: -len(word)][-1:].isalpha()
        ):
            cleaned, found = cleaned[: -len(word)].strip(), True
            break
    return cleaned, found


def approximately(text: str) -> bool:
    """Whether `text` says its number is about right ("大约300米", "300米左右", "about 300 m")."""
    return _without_approximation(normalise_chinese_input(text).lower())[1]


def _chinese_numeral(text: str) -> int | None:
    """A number up to 999 in simple Chinese numerals ("两" 2, "十二" 12, "六十八" 68, "三百五十" and "三百五" 350,
    "一百零五" 105), or None. Larger ones (千, 万) and anything else are not read: the patient is asked for digits."""
    rest, total = text, 0
    if not rest or any(char not in CHINESE_DIGITS and char not in (CHINESE_TEN, CHINESE_HUNDRED) for char in rest):
        return None
    if CHINESE_HUNDRED in rest:
        head, _, rest = rest.partition(CHINESE_HUNDRED)
        if len(head) != 1 or not CHINESE_DIGITS.get(head):
            return None
        total = CHINESE_DIGITS[head] * 100
        if len(rest) == 1 and CHINESE_DIGITS.get(rest):  # "三百五" is 350
            return total + CHINESE_DIGITS[rest] * 10
        if len(rest) == 2 and CHINESE_DIGITS.get(rest[0]) == 0 and CHINESE_DIGITS.get(rest[1]):  # "一百零五" is 105
            return total + CHINESE_DIGITS[rest[1]]
    if CHINESE_TEN in rest:
        head, _, rest = rest.partition(CHINESE_TEN)
        if head and (len(head) != 1 or not CHINESE_DIGITS.get(head)):
            return None
        total += (CHINESE_DIGITS[head] if head else 1) * 10
    if len(rest) > 1 or (rest and total and not CHINESE_DIGITS[rest]):
        return None
    return total + (CHINESE_DIGITS[rest] if rest else 0)


def _english_numeral(words: list[str]) -> int | None:
    """A number up to 999 in English words, as tokens ("sixty", "eight"; "two", "hundred", "and", "fifty"; "a",
    "hundred"), or None when they do not make one."""
    hundred, conjunction = ENGLISH_NUMERALS["hundred"], ENGLISH_NUMERALS["and"]
    total = 0
    if hundred in words:
        at = words.index(hundred)
        head, words = words[:at], words[at + 1 :]
        if head == [ENGLISH_NUMERALS["a"]]:
            total = 100
        elif len(head) == 1 and 0 < ENGLISH_UNITS.get(head[0], 0) < 10:
            total = ENGLISH_UNITS[head[0]] * 100
        else:
            return None
        if words[:1] == [conjunction]:
            words = words[1:]
            if not words:
                return None
        if not words:
            return total
    if not words or conjunction in words or ENGLISH_NUMERALS["a"] in words or hundred in words:
        return None
    if len(words) == 1:
        value = ENGLISH_UNITS.get(words[0], ENGLISH_TENS.get(words[0]))
        return None if value is None or (total and value == 0) else total + value
    if len(words) == 2 and words[0] in ENGLISH_TENS and 0 < ENGLISH_UNITS.get(words[1], 0) < 10:
        return total + ENGLISH_TENS[words[0]] + ENGLISH_UNITS[words[1]]
    return None


def numeral_value(words: str) -> int | None:
    """The number up to 999 that `words` (normalised, lower case) writes in Chinese numerals ("五", "三百五十") or
    in English words ("five", "sixty-eight"), read as an answer's are; None when they make no such number."""
    value = _chinese_numeral(words)
    if value is not None:
        return value
    return _english_numeral(re.findall(r"[a-z]+", words)) if re.fullmatch(r"[a-z]+(?:[\s-]+[a-z]+)*", words) else None


def _english_numerals_as_digits(cleaned: str) -> str:
    """`cleaned` with a number in English words at its start written in digits ("sixty-eight years" → "68 years",
    "two hundred and fifty m" → "250 m"); unchanged when its words make no number up to 999."""
    tokens = list(re.finditer(r"[a-z]+", cleaned))
    run = []
    for token in tokens:
        between = cleaned[run[-1].end() : token.start()] if run else cleaned[: token.start()]
        if token.group() not in ENGLISH_NUMERAL_WORDS or between.strip(" -") or (not run and between):
            break
        run.append(token)
        if len(run) == ENGLISH_NUMERAL_MOST_WORDS:  # no longer run makes a number: "one one one …" stays linear
            break
    for end in range(len(run), 0, -1):  # the longest run of words that makes a number ("ten" of "ten a day")
        value = _english_numeral([token.group() for token in run[:end]])
        if value is not None:
            rest = cleaned[run[end - 1].end() :]
            if rest[:1].isalpha():
                return cleaned
            return f"{value}{rest}"
    return cleaned


def read_as_none(text: str, unit: str = "") -> bool:
    """Whether `text` is a word for none ("没有", "none") taken as 0 for a question counting something: the next
    page says so, as it does for a number said to be about right. A number in words is read without a note, as
    digits are ("六十八" since decision 0108, "sixty-eight" since 0136)."""
    return _none_answer(_cleaned(text), unit)


def says_dont_know(text: str) -> bool:
    """Whether `text` is the whole of a "don't know" typed into a number's box ("不知道", "I don’t know.")."""
    cleaned = " ".join(normalise_chinese_input(text).replace("\u2019", "'").lower().split())
    return cleaned.rstrip(".!。！ ") in DONT_KNOW_WORDS


def _none_answer(cleaned: str, unit: str) -> bool:
    return unit in NONE_UNITS and cleaned in NONE_WORDS


def _cleaned(text: str) -> str:
    cleaned = " ".join(normalise_chinese_input(text).replace("\u00a0", " ").replace("\u202f", " ").split()).lower()
    return normalise_chinese_input(_without_approximation(cleaned)[0])  # "大约百分之68": a prefix after the word


def written_in_words(text: str) -> bool:
    """Whether `text` holds a number written in words ("六十八", "两次", "sixty-eight", "two")."""
    cleaned = normalise_chinese_input(text).lower()
    if any(char in NUMBER_WORD_CHARACTERS for char in cleaned):
        return True
    return any(word in NUMBER_WORDS for word in re.split(r"[^a-z]+", cleaned))


def normalise_chinese_input(text: str) -> str:
    """What a Chinese keyboard types, as the plain form the parser reads: full-width digits and signs become
    ASCII ("６８．５％" → "68.5%"), the ideographic full stop and comma become "." and ",", and a percentage
    said in words ("百分之68") becomes "68%". Everything else is left as it was."""
    text = unicodedata.normalize("NFKC", str(text)).replace("。", ".").replace("、", ",").replace("\u3000", " ")
    text = text.strip()
    for prefix, replacement, suffix in CHINESE_PREFIXES:
        if text.startswith(prefix):
            text = replacement + text[len(prefix) :].strip() + suffix
    return text


class AmbiguousNumber(ValueError):
    """The text reads as more than one number ("1,500": 1.5 or 1500); `readings` lists them, smallest first."""

    def __init__(self, text: str, readings: list[Decimal]):
        super().__init__(text)
        self.text = text
        self.readings = readings


def readings(text: str, unit: str = "") -> list[Decimal]:
    """Every number `text` can mean, smallest first (one, or two for "1,500"); NotANumber if none.

    The question's own unit word (or a % sign for a ratio) may follow the number, or another unit it converts
    (`UNIT_CONVERSIONS`: "124斤" and "136 lb" for kilograms). For a ratio, a value written as a percentage ("68%"
    or "68") becomes 0.68. A leading minus gives a negative number:
    whether that is allowed is the question's business.
    """
    cleaned = _cleaned(text)
    if _none_answer(cleaned, unit):
        return [Decimal(0)]
    cleaned = _english_numerals_as_digits(cleaned)
    percent, conversion = False, None
    own = UNIT_WORDS.get(unit, ()) + (RATIO_PERCENT_WORDS if unit == "ratio" else ())
    suffixes = [(word, None) for word in own] + [
        (word, (factor, places)) for words, factor, places in UNIT_CONVERSIONS.get(unit, ()) for word in words
    ]
    # the longest first: "62公斤" is in kilograms, "124斤" in 斤
    for suffix, converts in sorted(suffixes, key=lambda entry: len(entry[0]), reverse=True):
        found = _unit_at_end(cleaned, suffix, spaced=converts is not None)
        if found is not None:
            percent = suffix in RATIO_PERCENT_WORDS and unit == "ratio"
            cleaned, conversion = found, converts
            break
    else:
        conversion = BARE_NUMBER_CONVERSIONS.get(unit)
    if (numeral := _chinese_numeral(cleaned)) is not None:
        cleaned = str(numeral)
    sign = 1
    if cleaned[:1] in MINUS_SIGNS:
        sign, cleaned = -1, cleaned[1:].strip()
    elif cleaned[:1] == "+":
        cleaned = cleaned[1:].strip()
    if SPACE_GROUPED.match(cleaned):
        candidates = [cleaned.replace(" ", "").replace(",", ".")]
    elif COMMA_GROUPED.match(cleaned):
        candidates = [cleaned.replace(",", "")]
        whole, _, fraction = cleaned.partition(",")
        if cleaned.count(",") == 1 and "." not in cleaned and fraction.strip("0"):
            candidates.append(f"{whole}.{fraction}")  # "1,500" may be 1.5; "1,000" is never 1
    elif PLAIN.match(cleaned):
        candidates = [cleaned.replace(",", ".")]
    else:
        raise NotANumber(text)
    numbers = []
    for candidate in candidates:
        try:
            number = sign * Decimal(candidate)
        except InvalidOperation as error:
            raise NotANumber(text) from error
        if unit == "ratio" and (percent or number > 1):
            number = number / 100
        number = _converted(number, conversion)
        numbers.append(Decimal(plain(number)) if number else Decimal(0))
    return sorted(set(numbers))


def _unit_at_end(cleaned: str, word: str, spaced: bool) -> str | None:
    """`cleaned` without the unit `word` at its end (what is left, stripped), or None when it does not end with it.
    A converted unit may be typed with spaces inside it ("× 10^9/L")."""
    word = unicodedata.normalize("NFKC", word).lower()  # µ as typed is μ, ⁹ is 9, as in the cleaned text
    if not spaced:
        return cleaned[: -len(word)].strip() if cleaned.endswith(word) else None
    pattern = r"\s*".join(re.escape(char) for char in word) + "$"
    match = re.search(pattern, cleaned)
    return cleaned[: match.start()].strip() if match else None


def _converted(number: Decimal, conversion) -> Decimal:
    """A number in another unit, in the question's: `conversion` is (factor, places) after a unit word, or
    (below, factor, places) for a bare number, converted only when above 0 and below that limit."""
    if conversion is None:
        return number
    if len(conversion) == 3:
        below, factor, places = conversion
        if not 0 < number < below:
            return number
    else:
        factor, places = conversion
    if isinstance(factor, str):  # calendar months or years as days
        return window_days(number, factor) if number >= 0 else number
    number = number * factor
    return number if places is None else number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def parse_number(text: str, unit: str = "") -> Decimal:
    """The one number in `text`; NotANumber if there is none, AmbiguousNumber if it reads two ways."""
    found = readings(text, unit)
    if len(found) > 1:
        raise AmbiguousNumber(text, found)
    return found[0]


def plain(number: Decimal) -> str:
    """A decimal as people write it: 200, not 2E+2; 0.7, not 0.7000."""
    return format(number.normalize(), "f")
