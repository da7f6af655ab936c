"""Layouts of the ninth round (issue 20, decision 0096): which list a clause is in when nothing but its layout says
so, and where items start when their numbers run into the text. Chinese registry exports that removed every blank
and line break (a list's item numbers glued to its words, no headings, the exclusion list only a numbering that
restarts at 1), a heading glued to the end of a bullet, and lists whose kind is read from their place alone, marked
for an admin to check. Every text here is written for the test, with other words and numbers than the dev records."""

from decimal import Decimal

import pytest

from tests.trials.registry.extraction_readings import bounds, kinds, timed, windows
from trials.registry.extraction import Clause, split_clauses
from trials.registry.extraction.clauses import _reads_as

D = Decimal


def sure(text):
    """(kind, words, whether its list is sure) of each clause."""
    return [(c.kind, c.text, c.kind_certain) for c in split_clauses(text)]


# --- item numbers glued into a Chinese line, read by sequence ----------------------------------------------------------

# an export's two cells: the inclusion list, then the exclusion list restarting at 1, no heading, no blank anywhere
EXPORT = (
    "1自愿参加并签署知情同意书2年龄≥45周岁，男女不限3体重指数（BMI）≥18kg/m2且≤30kg/m24确诊慢阻肺至少2年\n"
    "1合并支气管哮喘者2随机前6周内有呼吸道感染者3筛选前6个月内发生心肌梗死者4对研究药物过敏者5妊娠或哺乳期妇女"
    "6过去3年内患有恶性肿瘤者7研究者认为不适合参加者8酗酒或药物滥用者9近期有大手术史者10肝功能异常者"
    "11肾功能不全者12严重心律失常者13精神疾病患者14免疫缺陷者15器官移植史者16活动性结核者17近期献血者"
    "184个月内参加过其他临床试验者19不能配合随访者"
)


def test_numbers_glued_to_their_items_cut_the_line_into_items_without_the_numbers():
    clauses = [text for _kind, text in kinds(EXPORT)]
    assert clauses[:4] == [
        "自愿参加并签署知情同意书",
        "年龄≥45周岁，男女不限",
        "体重指数（BMI）≥18kg/m2且≤30kg/m2",
        "确诊慢阻肺至少2年",
    ]
    assert "合并支气管哮喘者" in clauses and "不能配合随访者" in clauses


def test_an_item_number_glued_after_a_unit_ending_in_a_digit_leaves_the_unit_whole():
    # "≤30kg/m24确诊…" after item 3: "kg/m2", then item 4, not a BMI of 24
    assert bounds(EXPORT, "bmi") == [("inclusion", D(18), True, D(30), True)]


def test_an_item_number_glued_before_a_count_is_the_next_number_and_the_count_is_the_items():
    # "184个月内" after item 17: item 18 and a 4-month window, not 184 months
    assert ("exclusion", "4个月内参加过其他临床试验者") in kinds(EXPORT)
    assert ("exclusion", "window", D(4), "months") in timed(EXPORT)
    assert not any(span == D(184) for _kind, _variable, span, _unit in timed(EXPORT))


def test_an_item_number_glued_after_a_value_ends_the_value():
    text = "1签署知情同意书2ECOG评分为0或13预期生存期≥3个月4年龄≥18岁"
    assert [t for _k, t in kinds(text)] == ["签署知情同意书", "ECOG评分为0或1", "预期生存期≥3个月", "年龄≥18岁"]


def test_a_number_with_a_unit_inside_an_item_is_a_value_not_the_next_item():
    text = "1签署知情同意书2随机前3周内无感染3年龄≥40岁4无吸烟史"
    assert [t for _k, t in kinds(text)] == ["签署知情同意书", "随机前3周内无感染", "年龄≥40岁", "无吸烟史"]


def test_a_name_ending_in_the_next_number_is_no_item_when_a_clean_number_comes_before_the_one_after():
    # "IL13" inside item 2 holds a 3, but item 3 starts clean later and no 4 comes between
    text = "1签署知情同意书2曾使用抗IL13单抗治疗者3年龄≥40岁4无吸烟史"
    assert [t for _k, t in kinds(text)] == ["签署知情同意书", "曾使用抗IL13单抗治疗者", "年龄≥40岁", "无吸烟史"]


def test_a_line_that_opens_with_a_count_or_a_type_is_no_numbered_list():
    text = "1型糖尿病患者2型糖尿病患者3年内无复发"
    assert len(split_clauses(text)) == 1


def test_a_line_whose_numbers_do_not_count_up_to_three_is_not_cut():
    text = "1签署知情同意书且年龄≥18岁"
    assert [t for _k, t in kinds(text)] == ["1签署知情同意书且年龄≥18岁"]


def test_decimals_and_values_after_an_operator_are_no_item_numbers():
    text = "1签署知情同意书2ALT≤2.5倍正常值上限3血肌酐≤1.5倍正常值上限4年龄≥18岁"
    assert [t for _k, t in kinds(text)] == [
        "签署知情同意书",
        "ALT≤2.5倍正常值上限",
        "血肌酐≤1.5倍正常值上限",
        "年龄≥18岁",
    ]


def test_reading_numbers_by_sequence_on_a_long_line_never_raises():
    """Its time is measured, not judged here: `bench/bench_extraction.py` reads the same input."""
    line = "1签署知情同意书" + "".join(f"{n}年龄≥1{n % 10}岁且无感染" for n in range(2, 100)) + "前3周内" * 20_000
    assert isinstance(split_clauses(line), list)


# --- which list: a numbering that restarts at 1 with no heading --------------------------------------------------------


def test_a_second_glued_list_restarting_at_1_that_reads_as_exclusions_is_the_exclusion_list_and_sure():
    read = sure(EXPORT)
    assert ("inclusion", "年龄≥45周岁，男女不限", True) in read
    assert ("exclusion", "合并支气管哮喘者", True) in read
    assert ("exclusion", "随机前6周内有呼吸道感染者", True) in read
    assert windows(EXPORT)[:2] == [("exclusion", D(6), True, "weeks"), ("exclusion", D(6), True, "months")]


def test_a_second_list_restarting_at_1_that_reads_as_requirements_stays_inclusion():
    text = "1签署知情同意书2年龄≥40岁3诊断为慢阻肺\n1年龄≤75岁2自愿参加本研究3确诊为慢性支气管炎"
    assert {kind for kind, _text, _sure in sure(text)} == {"inclusion"}
    assert all(certain for _kind, _text, certain in sure(text))


def test_a_restart_whose_words_do_not_settle_the_list_is_read_as_exclusions_and_left_for_an_admin_to_check():
    # the second list reads as neither: its place alone says exclusion
    text = "1签署知情同意书2年龄≥40岁3诊断为慢阻肺\n1肺功能检查配合度差2随机前8周内急性加重3心电图QT间期延长"
    read = sure(text)
    assert ("exclusion", "随机前8周内急性加重", False) in read
    assert ("inclusion", "年龄≥40岁", False) in read  # both lists stand on the same evidence


def test_three_glued_lists_leave_every_list_unsure():
    text = (
        "1签署知情同意书2年龄≥40岁3诊断为慢阻肺\n"
        "1妊娠期妇女2过敏体质者3酗酒者\n"
        "1研究者认为不适合者2不能配合者3近期献血者"
    )
    assert all(not certain for _kind, _text, certain in sure(text))


def test_a_page_with_headings_keeps_its_headings_lists():
    text = "入选标准：\n1签署知情同意书2年龄≥40岁3诊断为慢阻肺\n排除标准：\n1妊娠期妇女2过敏体质者3酗酒者"
    read = sure(text)
    assert ("inclusion", "年龄≥40岁", True) in read
    assert ("exclusion", "过敏体质者", True) in read


# --- a heading glued to the end of a bullet ----------------------------------------------------------------------------


def test_a_heading_at_the_end_of_a_bullet_line_opens_the_exclusion_list_on_the_next_lines():
    text = (
        "Inclusion Criteria\n  -  Aged 30 to 70 years\n  -  Willing to attend every visit Exclusion Criteria\n"
        "  -  Aged over 70 years\n  -  Hospitalised within the last 8 weeks"
    )
    assert ("inclusion", "Willing to attend every visit") in kinds(text)
    assert ("exclusion", "Aged over 70 years") in kinds(text)
    assert windows(text) == [("exclusion", D(8), True, "weeks")]


@pytest.mark.parametrize(
    "line",
    [
        "  -  Patients who fulfil the Inclusion Criteria",
        "  -  Must not meet any Exclusion Criteria",
        "  -  As listed in Exclusion Criteria",
    ],
)
def test_a_heading_named_by_the_item_at_its_end_stays_in_the_item(line):
    text = "Inclusion Criteria\n  -  Aged 30 to 70 years\n" + line + "\n  -  BMI below 32"
    assert ("inclusion", line.strip(" -")) in kinds(text)
    assert bounds(text, "bmi")[0][0] == "inclusion"


def test_a_group_named_before_its_heading_stays_one_heading():
    text = "Inclusion Criteria\n  -  Aged 30 to 70 years\nHealthy volunteer Exclusion Criteria\n  -  BMI above 32"
    assert kinds(text) == [("inclusion", "Aged 30 to 70 years"), ("exclusion", "BMI above 32")]


# --- an English list with no heading: items moved by their place alone are unsure --------------------------------------

FLATTENED = (
    "  • Age ≥40 years\n"
    "  • Able to give informed consent\n"
    "  • Walking distance below 300 metres\n"
    "  • History of heart failure\n"
    "  • Lung function measured within 2 years of the first visit\n"
    "  • Severe kidney disease"
)


def test_an_item_moved_into_the_exclusion_tail_by_its_place_alone_is_left_for_an_admin_to_check():
    read = sure(FLATTENED)
    assert ("exclusion", "History of heart failure", True) in read
    assert ("exclusion", "Lung function measured within 2 years of the first visit", False) in read
    assert ("exclusion", "Severe kidney disease", True) in read
    assert ("inclusion", "Age ≥40 years", True) in read
    assert ("inclusion", "Able to give informed consent", True) in read


def test_an_item_between_the_last_requirement_and_the_exclusion_tail_keeps_its_list_and_is_left_to_check():
    assert ("inclusion", "Walking distance below 300 metres", False) in sure(FLATTENED)


def test_a_code_or_history_of_other_conditions_reads_as_an_exclusion_and_a_diagnosis_with_others_does_not():
    def reading(item):
        return _reads_as(item, [None, 0, len(item)])

    assert reading("Diagnostic code for other chronic lung conditions ever recorded") == "exclusion"
    assert reading("Patients with other interstitial diseases") == "exclusion"
    assert reading("Diagnosis of COPD or other chronic lung diseases") == "inclusion"
    assert reading("Other conditions") is None


def test_a_clause_is_sure_of_its_list_unless_the_layout_alone_put_it_there():
    assert Clause(kind="inclusion", text="a", start=0, end=1).kind_certain
    assert all(
        c.kind_certain for c in split_clauses("Inclusion criteria:\n- Age 40-75\nExclusion criteria:\n- BMI > 35")
    )


# --- drafts of a clause whose list is unsure ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_draft_from_a_clause_whose_list_is_unsure_says_so_to_the_admin_with_less_confidence():
    from django.utils import translation

    from trials.registry.drafting import drafts_for
    from trials.registry.importing import ensure_questions

    text = "1签署知情同意书2年龄≥40岁3诊断为慢阻肺\n1肺功能检查配合度差2随机前8周内急性加重3心电图QT间期延长"
    questions = ensure_questions()
    [clause] = [c for c in split_clauses(text) if "8周" in c.text]
    sure_clause = Clause(clause.kind, clause.text, clause.start, clause.end)
    [unsure_draft] = [d for d in drafts_for(clause, text, questions) if d.question_id]
    [sure_draft] = [d for d in drafts_for(sure_clause, text, questions) if d.question_id]
    assert unsure_draft.kind == sure_draft.kind == "exclusion"
    assert unsure_draft.confidence < sure_draft.confidence
    assert "no heading over this list" in unsure_draft.staff_note
    assert "no heading" not in (sure_draft.staff_note or "")
    with translation.override("zh-hans"):
        [chinese] = [d for d in drafts_for(clause, text, questions) if d.question_id]
    assert "没有标题" in chinese.staff_note and "排除标准" in chinese.staff_note


# --- a table of treatments and times under the item that lists them ------------------------------------------------------

WASHOUT = (
    "排除标准：\n"
    "1. 妊娠或哺乳期妇女；\n"
    "2. 首次给药前接受过以下治疗：\n"
    "治疗名称\t距首次给药的时间\n"
    "靶向治疗\t＜3周\n"
    "中成药：＜1周（或5个半衰期）\n"
    "生物制剂\t＜8周\n"
    "3. 过敏体质者。"
)


def test_the_rows_of_a_table_of_treatments_and_times_stay_in_the_item_that_lists_them():
    clauses = [text for _kind, text in kinds(WASHOUT)]
    assert len(clauses) == 3
    assert clauses[1].startswith("首次给药前接受过以下治疗：") and clauses[1].endswith("生物制剂 ＜8周")


def test_each_row_of_a_washout_table_is_a_strict_look_back_window_in_the_items_list():
    assert windows(WASHOUT) == [
        ("exclusion", D(3), False, "weeks"),
        ("exclusion", D(1), False, "weeks"),
        ("exclusion", D(8), False, "weeks"),
    ]


def test_a_table_under_an_item_whose_rows_hold_no_span_of_time_is_rows_of_its_own():
    text = (
        "入选标准：\n1. 实验室检查符合：\n项目\t要求\n中性粒细胞\t≥1.5×10^9/L\n血小板\t≥100×10^9/L\n2. 签署知情同意书"
    )
    assert len(split_clauses(text)) == 5


def test_one_row_with_a_span_of_time_is_no_washout_table():
    text = "排除标准：\n1. 首次给药前接受过以下治疗：\n靶向治疗\t＜3周\n2. 过敏体质者。"
    assert len(split_clauses(text)) == 3


def test_an_english_washout_table_stays_in_its_item():
    text = (
        "Exclusion Criteria:\n- Use of these medicines within the periods below before the first dose:\n"
        "Medicine\tPeriod\nAntibiotics\t4 weeks\nBiologics\t12 weeks\n- Pregnancy"
    )
    assert [t for _k, t in kinds(text)][0].endswith("Biologics 12 weeks")
    assert len(split_clauses(text)) == 2


def test_lists_glued_into_one_line_under_their_headings_are_read_by_sequence_each_from_1():
    text = "入选标准：1签署知情同意书2年龄≥45岁3诊断为慢阻肺排除标准：1妊娠期妇女2随机前5周内有感染者3酗酒者"
    assert kinds(text) == [
        ("inclusion", "签署知情同意书"),
        ("inclusion", "年龄≥45岁"),
        ("inclusion", "诊断为慢阻肺"),
        ("exclusion", "妊娠期妇女"),
        ("exclusion", "随机前5周内有感染者"),
        ("exclusion", "酗酒者"),
    ]
    assert windows(text) == [("exclusion", D(5), True, "weeks")]


def test_a_colon_that_ends_no_heading_opens_no_glued_list():
    text = "备注：1签署知情同意书2年龄≥45岁3诊断为慢阻肺"
    assert len(split_clauses(text)) == 1


# --- a numbered list restarting at 1 with no heading: the numbering alone is unsure -------------------------------------

FIRST = "1. Signed informed consent\n2. Aged 40 to 75 years\n3. Diagnosis of COPD\n"


def test_a_restarted_list_that_reads_as_exclusions_is_the_sure_exclusion_list():
    text = FIRST + "1. Pregnant or breastfeeding\n2. History of lung cancer\n3. Known allergy to the study drug"
    assert ("exclusion", "History of lung cancer", True) in sure(text)
    assert ("inclusion", "Aged 40 to 75 years", True) in sure(text)


def test_a_restarted_list_whose_words_do_not_settle_it_is_still_the_exclusion_list_but_left_to_check():
    text = FIRST + "1. FEV1 below 30% predicted\n2. Walking distance under 150 m\n3. Oxygen at home"
    assert ("exclusion", "FEV1 below 30% predicted", False) in sure(text)
    assert bounds(text, "fev1_pct_pred")[0][0] == "exclusion"


def test_a_restarted_list_whose_first_item_names_an_exclusion_is_sure():
    text = "1) 签署知情同意书\n2) 年龄40-75岁\n3) 诊断为慢阻肺\n1) 目标疾病排除\n2) 肺功能检查配合度差\n3) 心电图QT间期延长"
    assert ("exclusion", "肺功能检查配合度差", True) in sure(text)
