"""Speed without a changed reading: a pattern is skipped only on text that lacks every word it needs."""

import re

import pytest

from trials.registry.extraction import choices, engine
from trials.registry.extraction.prefilter import WordScan, may_match, required_words, required_words_folded

SAMPLES = [
    "",
    "fev1/fvc < 0.7 and fev1 30-80% of predicted",
    "total bilirubin ≥ 1.5 x uln, alt and ast ≤ 2.5 x uln",
    "within the past 3 months, a copd exacerbation requiring hospital admission",
    "前3个月内发生慢阻肺急性加重; 年龄40-80岁; 戒烟≥6个月",
    "stable dose of inhaled corticosteroids for at least 8 weeks; smoking for 3 or more years",
    "known asthma or cystic fibrosis (non-cf bronchiectasis allowed), idiopathic pulmonary fibrosis",
    "signed informed consent",
    "bmi 18.5-35 kg/m2, spo2 ≥ 92% at rest, ecog 0-1, karnofsky ≥ 70, hba1c < 9%, hemoglobin ≥ 100 g/l",
]


def test_the_scan_finds_each_word_also_inside_a_longer_one_and_where_a_longer_one_starts():
    scan = WordScan([("fev1/fvc",), ("fev1",), ("ev1",), None, ("dlco", "tlco")])
    assert scan.which("fev1/fv") == [1, 2, 3]  # "fev1/fvc" is not all there; "fev1" and "ev1" are
    assert scan.which("fev1/fvc") == [0, 1, 2, 3]
    assert scan.which("tlco and ev1") == [2, 3, 4]
    assert scan.which("fvc") == [3]  # a pattern that needs no word is always tried


def test_a_list_of_patterns_that_all_need_no_word_is_tried_whole_and_an_empty_one_never():
    assert WordScan([None, None]).which("anything") == [0, 1]
    assert WordScan([]).which("anything") == []


@pytest.mark.parametrize(
    "patterns",
    [
        [pattern for _variable, pattern in engine._VARIABLE_RES],
        list(engine.WINDOW_RES),
        [pattern for _code, pattern in choices._DIAGNOSIS_RES],
    ],
    ids=["variables", "windows", "diagnoses"],
)
def test_the_scan_of_the_extractors_patterns_tries_just_those_their_words_allow(patterns):
    words = [required_words(pattern) for pattern in patterns]
    scan = WordScan(words)
    for text in SAMPLES:
        assert scan.which(text) == [i for i, needed in enumerate(words) if may_match(needed, text)]
        assert all(i in scan.which(text) for i, pattern in enumerate(patterns) if pattern.search(text))


def test_a_single_chinese_character_is_a_required_word_but_a_single_letter_is_not():
    assert required_words(re.compile(r"\d+\s*(?:年|个月|weeks?)")) == ("week", "个月", "年")
    assert required_words(re.compile(r"\d+\s*(?:y|个月|weeks?)")) is None  # "y" is in nearly every text


def test_a_group_matched_in_either_case_needs_no_literal_word_but_one_in_the_given_case_does():
    assert required_words(re.compile(r"(?i:copd) exacerbation")) == (" exacerbation",)
    assert required_words(re.compile(r"(?i:copd)")) is None
    assert required_words(re.compile(r"(?:copd)")) == ("copd",)


def test_a_duration_is_looked_for_only_where_a_unit_of_time_is_named():
    assert [m.group() for m in engine._duration_matches("戒烟≥6个月")] == ["≥6个月"]
    assert [m.group("unit") for m in engine._duration_matches("for 3 or more years")] == ["years"]
    assert list(engine._duration_matches("fev1 ≥ 6 litres")) == []


def test_folded_words_are_lower_case_and_include_what_a_lookaround_needs_but_not_what_it_forbids():
    assert required_words_folded(re.compile(r"\s+(?=(?i:exclusion))")) == ("exclusion",)
    assert required_words_folded(re.compile(r"(?<=[.;])\s+(?=Exclusion)")) == ("exclusion",)
    assert required_words_folded(re.compile(r"\s+(?!Exclusion)")) is None
    assert required_words(re.compile(r"\s+(?=Exclusion)")) is None  # the literal reading looks at the match only


@pytest.mark.parametrize(
    "line",
    [
        "Signed informed consent. EXCLUSION CRITERIA 1. Pregnancy",
        "Signed informed consent. Exclusion: * BMI > 40",
        "Signed informed consent Patients with any of the following will be excluded: * BMI > 40",
        "Signed informed consentExclusion Criteria: BMI > 40",
        "… 签署知情同意书。排除标准：1.妊娠",
    ],
)
def test_a_line_naming_a_heading_is_read_for_it_and_one_without_the_words_is_not(line):
    from trials.registry.extraction import clauses

    assert clauses._INLINE_HEADING.search(line)
    assert not line.isascii() or may_match(clauses._INLINE_HEADING_WORDS, line.lower())
    plain = "Signed informed consent. BMI > 40 kg/m2"
    assert not clauses._INLINE_HEADING.search(plain) and not may_match(clauses._INLINE_HEADING_WORDS, plain.lower())
