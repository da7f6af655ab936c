"""Reading what people type into a number: "68", "68%", "0.68", "350 m", "1,5", "６８岁", "百分之68".

Pure functions; `Question.clean_answer` applies a question's unit and plausible range on top.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

NUMBER = re.compile(r"^[+]?(\d+(?:[.,]\d+)?|[.,]\d+)$")
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
}
# Said before the number in Chinese: "百分之68" is 68%, "每天15小时" is 15 h/day, "约350米" is about 350 m.
CHINESE_PREFIXES = (("百分之", "", "%"), ("每天", "", ""), ("每日", "", ""), ("大约", "", ""), ("约", "", ""))


class NotANumber(ValueError):
    pass


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


def parse_number(text: str, unit: str = "") -> Decimal:
    """The number in `text`, with the question's own unit word (or a % sign for a ratio) allowed after it.

    For a ratio, a value written as a percentage ("68%" or "68") becomes 0.68.
    """
    cleaned = " ".join(normalise_chinese_input(text).split()).lower()
    suffixes = UNIT_WORDS.get(unit, ()) + (("%", "percent") if unit == "ratio" else ())
    percent = False
    for suffix in sorted(suffixes, key=len, reverse=True):
        if cleaned.endswith(suffix):
            percent = suffix in ("%", "percent") and unit == "ratio"
            cleaned = cleaned[: -len(suffix)].strip()
            break
    if not NUMBER.match(cleaned):
        raise NotANumber(text)
    try:
        number = Decimal(cleaned.replace(",", "."))
    except InvalidOperation as error:
        raise NotANumber(text) from error
    if unit == "ratio" and (percent or number > 1):
        number = number / 100
    return Decimal(plain(number))


def plain(number: Decimal) -> str:
    """A decimal as people write it: 200, not 2E+2; 0.7, not 0.7000."""
    return format(number.normalize(), "f")
