"""A word before a list reaches every item of it, and an illness a medicine is for is not asked (issue 21, decision
record 0110). Three families the tenth round's tuners noticed: a Chinese past-use cue ("使用过") reached only the first
items of its list, so a later item was read as a medicine taken now with no time; a qualifier before a long list
("less than four weeks of stable doses of …") reached only 60 characters; "taking inhaled corticosteroids for asthma"
drafted asthma as a diagnosis of its own. Each has its near miss, in English and in Chinese. The words are our own."""

import pytest

from tests.trials.registry.concept_readings import not_ascii_ids, rules
from trials.registry.concepts import matching

# 1. A past-use cue heads every item of its list, with the time before it


@pytest.mark.parametrize(
    "words",
    [
        "筛选前6个月内使用过胰岛素、生长激素、噻嗪类利尿剂或β-受体阻断剂",
        "Has used insulin, growth hormone, thiazide diuretics or beta blockers within 6 months before screening",
        "筛选前3个月内使用过任何非处方药物、维生素类产品、中草药或保健品",
        "Used any over-the-counter medicines, vitamin products, herbal medicines or dietary supplements within 3 months",
    ],
    ids=not_ascii_ids,
)
def test_every_item_of_a_list_used_more_than_a_month_ago_gives_no_draft(words):
    """A use within half a year is no use now; the taking-now item would close a patient who stopped long ago."""
    assert rules(words) == []


@pytest.mark.parametrize(
    "words",
    [
        "筛选前14天内使用过任何非处方药物、维生素类产品、中草药或保健品",
        "Used any over-the-counter medicines, vitamin products, herbal medicines or dietary supplements within 14 days",
    ],
    ids=not_ascii_ids,
)
def test_every_item_of_a_list_used_within_a_month_is_the_item_taken_now(words):
    assert rules(words) == [("medicines_now", ["dietary_supplement", "herbal_medicine"], [], False)]


def test_a_list_with_no_past_use_cue_is_still_medicines_taken_now():
    assert rules("正在使用的β受体阻滞剂、抗凝药") == [("medicines_now", ["beta_blocker", "anticoagulant"], [], False)]


# 2. A qualifier before a list reaches every item of it, up to the clause's stop


def test_a_stable_course_before_a_long_list_reaches_its_last_medicine():
    words = (
        "Less than four weeks of stable doses of medication for anxiety, depression, sleep disorders, or attention "
        "deficit, including antidepressants"
    )
    assert ("medicines_now", [], ["antidepressant"], False) in rules(words)


def test_a_stable_course_does_not_reach_past_the_sentence_it_is_in():
    words = "Less than four weeks of stable doses of medication for anxiety. Antidepressants"
    assert rules(words) == [("medicines_now", ["antidepressant"], [], False)]


def test_what_a_chinese_list_affects_reaches_every_item_of_a_long_list():
    words = (
        "筛选前2周内使用过影响药物吸收、代谢、排泄或药效的任何非处方药物、抗菌类药物、维生素类产品、营养补充类产品、"
        "助眠类产品、中草药或保健品者"
    )
    found = matching.find(words)
    assert [m.concept.key for m in found][-2:] == ["herbal_medicine_recent", "dietary_supplement_recent"]
    assert all(m.narrowed for m in found)


def test_what_a_chinese_list_affects_stops_at_the_clause_stop():
    words = "筛选前2周内使用过影响药物吸收、代谢的药物；中草药或保健品"
    assert rules(words) == [("medicines_now", ["herbal_medicine", "dietary_supplement"], [], False)]


# 3. An illness a medicine is for is what it treats, not a requirement of its own


@pytest.mark.parametrize(
    "words",
    [
        "Taking inhaled corticosteroids for asthma",
        "Taking inhaled corticosteroids for asthma or COPD",
        "使用吸入糖皮质激素治疗哮喘或慢阻肺",
    ],
    ids=not_ascii_ids,
)
@pytest.mark.parametrize("kind", ["inclusion", "exclusion"])
def test_an_illness_a_medicine_is_for_gives_only_the_medicine(words, kind):
    assert rules(words, kind) == [("medicines_now", ["inhaled_steroid"], [], False)]


@pytest.mark.parametrize(
    "words, diagnosis_first",
    [
        ("Asthma, or taking inhaled corticosteroids for asthma", True),
        ("Use of inhaled corticosteroids and asthma", False),
        ("Taking inhaled corticosteroids daily, or asthma", False),
        ("使用吸入糖皮质激素和哮喘", False),
    ],
    ids=not_ascii_ids,
)
def test_an_illness_the_clause_names_apart_from_the_medicine_is_still_read(words, diagnosis_first):
    found = rules(words)
    assert ("diagnoses", ["asthma"], [], False) in found
    assert ("medicines_now", ["inhaled_steroid"], [], False) in found
    assert (found[0][0] == "diagnoses") is diagnosis_first


@pytest.mark.parametrize(
    "words",
    [
        "筛选前1个月内，任一眼使用过局部眼用药物（包括人工泪液、中成药滴眼液和OTC眼用药物）",
        "Use of herbal eye drops within 14 days",
    ],
    ids=not_ascii_ids,
)
def test_herbal_eye_drops_a_list_reaches_are_no_herbal_medicine_taken_now(words):
    """Eye drops are one way of using herbs, like one on the skin: never the plain item (a patient who ticks herbal
    medicines for a tea would be closed by an eye-drop rule)."""
    assert ("medicines_now", ["herbal_medicine"], [], False) not in rules(words)
