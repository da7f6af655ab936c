"""Why a referral's result changed, in one line, is punctuated as its language writes: in Chinese the reasons are
joined by "；" and an outcome is bracketed by "（）" (walkthrough 13 read "；" as "; " and "（不符合）" as " (不符合)")."""

from django.utils import translation

from screener.staff.wording import because

ROWS = [
    {"kind": "inclusion", "outcome": "not_met", "rule": "350 m ≤ six-minute walk distance < 600 m"},
    {"kind": "exclusion", "outcome": "not_met", "rule": "excluded if pneumonia in the last month is “Yes”"},
    {"kind": "inclusion", "outcome": "met", "rule": "40 years ≤ age ≤ 80 years"},
]


def test_in_chinese_the_reasons_are_joined_and_bracketed_with_chinese_punctuation():
    with translation.override("zh-hans"):
        line = because("no_match", ROWS)
    assert line == "350 m ≤ six-minute walk distance < 600 m（不符合）；排除：pneumonia in the last month is “Yes”"
    assert "; " not in line and " (" not in line and ")" not in line


def test_in_english_the_reasons_keep_the_semicolon_and_round_brackets():
    with translation.override("en"):
        line = because("no_match", ROWS)
    assert line == (
        "350 m ≤ six-minute walk distance < 600 m (does not meet); excluded: pneumonia in the last month is “Yes”"
    )


def test_in_chinese_criteria_not_known_yet_are_listed_with_chinese_punctuation_too():
    rows = [
        {"kind": "inclusion", "outcome": "unknown", "rule": "A"},
        {"kind": "inclusion", "outcome": "unknown", "rule": "B"},
    ]
    with translation.override("zh-hans"):
        assert because("possible", rows) == "A（尚不清楚）；B（尚不清楚）"
