"""Which list a bound stands in: a heading naming a group inside a line whose breaks were lost ("… Inclusion Criteria
for controls: …"), and a Chinese table with no heading whose first rows are consent and age. Issue 20, fourth round;
the wordings are written for these tests, each read on both sides of its boundary."""

from .extraction_readings import D, kinds, named


def test_a_group_inclusion_heading_after_the_exclusion_list_starts_an_inclusion_list_again():
    text = (
        "Inclusion Criteria for Sarcoidosis Patients: * Informed consent * Subjects ≥ 30 y.o. Exclusion Criteria: "
        "* HIV * Pregnancy inclusion criteria for healthy volunteers: informed consent \\>21 years old; no lung disease"
    )
    assert named(text) == [
        ("inclusion", "age", D(30), True, None, None),
        ("inclusion", "age", D(21), False, None, None),
    ]
    assert kinds(text)[-1] == ("inclusion", "informed consent >21 years old; no lung disease")


def test_inclusion_criteria_mentioned_inside_a_sentence_are_no_heading():
    text = "Exclusion Criteria: * Patients who met the inclusion criteria for the parent study: age > 70 years"
    assert named(text) == [("exclusion", "age", D(70), False, None, None)]


def test_a_chinese_table_without_heading_that_opens_with_consent_and_age_is_an_inclusion_list():
    text = (
        "1 | 参加任何研究程序之前获得了签署的患者知情同意书。 |\n"
        "2 | 签署知情同意书时患者≥20岁。 |\n"
        "3 | 已知患有激素受体阳性的乳腺癌的患者。 |\n"
        "4 | 具有初次诊断日期为随机分组之前12个月内的患者。 |\n"
        "5 | 患者患有原位杂交试验阴性的乳腺癌。 |\n"
    )
    assert named(text) == [("inclusion", "age", D(20), True, None, None)]


def test_a_chinese_list_without_heading_of_exclusion_items_is_still_an_exclusion_list():
    text = (
        "1. 妊娠或哺乳期妇女者;\n2. 对研究药物过敏者;\n3. 筛选前3个月内参加过其他临床试验者;\n"
        "4. 研究者认为不适合参加者;\n5. 年龄>80岁者;\n"
    )
    assert ("exclusion", "age", D(80), False, None, None) in named(text)


def test_refusing_consent_is_no_inclusion_item():
    text = (
        "1. 不愿签署知情同意书者;\n2. 对研究药物过敏者;\n3. 筛选前3个月内参加过其他临床试验者;\n"
        "4. 研究者认为不适合参加者;\n5. 年龄>80岁者;\n"
    )
    assert ("exclusion", "age", D(80), False, None, None) in named(text)
