"""Chinese recruitment pages read as a patient's page is written (wordings written for these tests, issue 20)."""

from decimal import Decimal

from trials.registry.extraction import Clause, extract, propose

D = Decimal


def found(text, kind="exclusion", variable=None):
    proposals = propose(Clause(kind=kind, text=text, start=0, end=len(text)), text)
    proposals = [p for p in proposals if p.variable not in ("sex", "diagnoses")]
    return [p for p in proposals if variable is None or p.variable == variable]


def windows(text, kind="exclusion"):
    return [(p.upper, p.upper_inclusive, p.unit) for p in found(text, kind, "window")]


# Lists -----------------------------------------------------------------------------------------------------------


def _flattened_table(items: list[str]) -> str:
    return "\n".join(f"{number}\n|\n{item}\n|" for number, item in enumerate(items, 1))


_EXCLUSION_ITEMS = [
    "在筛选前2年内有酗酒史。",
    "社区卫生服务中心的员工及其家属。",
    "在第1天前5个月内接受了以下:\na. 甲药\nb. 某某单抗\nc. 另一种单抗\nd. 第四种药物\ne. 第五种药物\nf. 第六种药物",
    "在第1天前3周内接受了以下:\na. 乙药\nb. 某某注射液\nc. 其他静脉药物\nd. 血液净化治疗",
    "已知患有先天性免疫缺陷。",
]


def test_drugs_an_exclusion_item_lists_as_lettered_sub_items_do_not_hide_that_the_list_excludes():
    proposals = extract(_flattened_table(_EXCLUSION_ITEMS))
    got = [(p.kind, p.upper, p.unit) for p in proposals if p.variable == "window"]
    assert got == [("exclusion", D(2), "years"), ("exclusion", D(5), "months"), ("exclusion", D(3), "weeks")]


def test_a_headless_list_that_names_ages_and_consent_stays_the_inclusion_list_despite_lettered_sub_items():
    items = [
        "年龄18~60周岁,签署知情同意书。",
        "确诊为本病,并符合以下条件:\na. 病情稳定的患者\nb. 自愿参加的患者",
        "能够按时随访,愿意遵守方案。",
    ]
    assert {p.kind for p in extract(_flattened_table(items))} == {"inclusion"}


# Windows that time a test, and spans in exceptions or definitions -------------------------------------------------


def test_a_time_span_right_before_a_test_or_score_says_when_the_test_is_done_and_is_no_window():
    assert windows("入组前2周内ECOG评分为0-1分", "inclusion") == []
    assert windows("随机前5个月内,经福尔马林固定的肿瘤组织样本", "inclusion") == []
    assert windows("筛选前10周内进行的胸部X线检查显示活动性结核") == []


def test_an_event_before_the_test_word_or_evidence_named_by_imaging_keeps_the_look_back_window():
    assert windows("筛选前10周内接受过胸部手术或影像引导下穿刺") == [(D(10), True, "weeks")]
    assert windows("基线前9个月内经临床或影像学证据证实的肺炎") == [(D(9), True, "months")]


def test_a_time_span_inside_an_exception_or_a_definition_bounds_nothing():
    assert windows("其他恶性肿瘤病史,以下情况除外-可纳入近7年内无活动性疾病的患者") == []
    assert windows("任何恶性肿瘤病史,无论在过去7年内是否接受治疗") == []
    assert found("治疗失败的定义:接受靶向治疗必须≥21天", "inclusion", "duration") == []


def test_an_exception_closed_in_brackets_does_not_reach_the_window_after_it():
    assert windows("活动性感染(甲床真菌感染除外),或筛选前5周内发生需住院治疗的严重感染") == [(D(5), True, "weeks")]


# Windows worded without 内 -----------------------------------------------------------------------------------------


def test_a_span_before_a_reference_point_followed_by_a_past_event_is_a_look_back_window_without_nei():
    assert windows("试验前5个月每日吸烟量多于10支者") == [(D(5), True, "months")]
    assert windows("筛选前7个月有慢性感染史") == [(D(7), True, "months")]
    assert windows("治疗开始前9周接受过阿片类药物") == [(D(9), True, "weeks")]
    assert windows("本试验开始前5个月中,受试者曾使用过胰岛素") == [(D(5), True, "months")]
    assert windows("在参加本试验前七个月之内接受过胰岛素治疗") == [(D(7), True, "months")]


def test_a_span_before_a_reference_point_with_no_past_event_after_it_is_no_window():
    assert windows("试验前5个月的平均血压") == []
    assert windows("筛选前5周有效避孕") == []


def test_an_english_window_before_a_ct_scan_is_still_a_window():
    assert windows("Lung resection within 5 months prior to screening CT scan") == [(D(5), True, "months")]


# Durations ---------------------------------------------------------------------------------------------------------


def durations(text, kind="inclusion"):
    return [(p.lower, p.lower_inclusive, p.unit) for p in found(text, kind, "duration")]


def test_a_stable_dose_held_at_least_already_n_weeks_is_a_duration():
    assert durations("需稳定剂量至少已6周") == [(D(6), True, "weeks")]
    assert durations("需稳定剂量至少已经6周") == [(D(6), True, "weeks")]
    assert durations("需稳定剂量至少6周") == [(D(6), True, "weeks")]


def test_time_since_an_event_until_the_consent_form_is_signed_is_a_duration_but_agreeing_to_a_future_span_is_not():
    assert durations("一线治疗失败距入组(签署知情同意书的时间)≥3周") == [(D(3), True, "weeks")]
    assert durations("同意在研究期间持续用药至少3周") == []


# Ages --------------------------------------------------------------------------------------------------------------


def ages(text, kind="inclusion"):
    return [(p.lower, p.lower_inclusive, p.upper, p.upper_inclusive) for p in found(text, kind, "age")]


def test_an_age_beyond_a_limit_written_with_chaochu_is_a_strict_lower_bound_and_within_it_is_not():
    assert ages("年龄范围超出55周岁", "exclusion") == [(D(55), False, None, None)]
    assert ages("年龄不超过55周岁") == [(None, None, D(55), True)]


def test_how_far_apart_the_ages_of_a_batch_may_be_is_no_age_limit_but_the_age_range_before_it_is():
    assert ages("年龄:20~45岁,同一批受试者年龄不宜相差8岁以上") == [(D(20), True, D(45), True)]
    assert ages("年龄8岁以上") == [(D(8), True, None, None)]


def test_a_span_counted_lianxu_inside_brackets_defines_the_word_before_it_and_is_no_duration():
    assert durations("过去6个月内接受过皮质类固醇的长期(连续3周以上)用药", "exclusion") == []
    assert durations("接受过胰岛素治疗(连续使用超过21天)", "exclusion") == []
    assert durations("已连续≥5个月接受吸入性糖皮质激素治疗") == [(D(5), True, "months")]


def test_how_pack_years_are_counted_and_a_span_after_the_last_dose_are_no_durations():
    assert durations("吸烟指数≥20包年,如每天1包20支连续20年") == []
    assert durations("研究治疗末次给药后至少120天内采取避孕措施") == []
    assert durations("确诊哮喘后至少6个月") == [(D(6), True, "months")]


# Washout lists -----------------------------------------------------------------------------------------------------


def test_each_drug_of_a_washout_list_after_a_lead_in_has_its_own_look_back_window():
    text = "研究开始前一定时限内接受过下列生物制剂的治疗: 甲单抗:10周 乙西普:5天 丙单抗:7个月"
    assert sorted(windows(text)) == sorted([(D(10), True, "weeks"), (D(5), True, "days"), (D(7), True, "months")])


def test_a_drug_and_its_span_without_a_lead_in_or_a_span_after_the_event_to_come_are_no_windows():
    assert windows("疗程:10周") == []
    assert windows("研究治疗开始之后最初10周内不允许使用生物制剂") == []
    assert windows("药物给药后的 7 个月内", "inclusion") == []


# Time since an event still short of a span, restatements, and spans that look forward -----------------------------


def test_time_since_an_event_still_short_of_a_span_is_a_window_strict_or_not_as_written():
    assert windows("打疫苗后未超过三个星期") == [(D(3), True, "weeks")]
    assert windows("参加完上一个项目未满5个月(150天)") == [(D(5), False, "months")]
    assert windows("戒烟不足 7 个月", "inclusion") == [(D(7), False, "months")]


def test_short_of_a_span_with_no_event_before_it_is_no_window():
    assert windows("年龄不足5个月的婴儿") == []


def test_a_span_restated_in_brackets_before_nei_is_one_window():
    assert windows("在访视1前5个月(20周)内使用过降脂药物") == [(D(5), True, "months")]


def test_spans_that_run_into_the_study_or_time_a_plan_or_an_exception_are_no_look_back_windows():
    assert windows("受试者自筛选前10天内至试验结束后3个月内无生育计划", "inclusion") == []
    assert windows("首次给药前10个月内有生育计划的受试者") == []
    assert windows("有恶性肿瘤病史(最近7年中未复发的恶性肿瘤除外)") == []
    assert windows("首次给药前10个月内有心肌梗死病史") == [(D(10), True, "months")]


def test_how_often_within_an_unanchored_span_is_no_window_but_a_count_over_a_look_back_keeps_its_period():
    assert windows("反复出现低血糖[一周内出现≥4次症状性低血糖]") == []
    proposals = found("在签署知情前的12个月内发生过≥2次重度哮喘急性发作事件", "inclusion")
    assert [(p.variable, p.lower) for p in proposals] == [("exacerbations_12m", D(2))]


def test_an_interval_between_two_past_events_is_no_duration_but_time_since_one_is():
    assert durations("从末次化疗后到确诊复发,有至少 7 个月的无治疗间期") == []
    assert durations("既往抗肿瘤治疗结束距本研究首次用药必须 ≥ 3 周") == [(D(3), True, "weeks")]


def test_line_wrap_spaces_inside_zhishao_and_geyue_keep_the_duration():
    assert durations("辅助治疗结束距本次治疗的间隔应至 少7个月") == [(D(7), True, "months")]
    assert durations("放疗结束时间距本次治疗的间隔时间应超过7个 月") == [(D(7), False, "months")]


def test_a_sample_archived_in_a_span_before_randomisation_in_traditional_characters_is_no_window():
    assert windows("腫瘤組織樣本需為隨機前11個月內存檔樣本", "inclusion") == []


# Labs --------------------------------------------------------------------------------------------------------------


def test_a_subgroup_in_brackets_gives_the_same_lab_its_own_bound():
    got = [(p.variable, p.upper) for p in found("总胆红素≤1.5×ULN(Gilbert综合征患者≤2.5×ULN)", "inclusion")]
    assert got == [("bilirubin_x_uln", D("1.5")), ("bilirubin_x_uln", D("2.5"))]
    got = [(p.variable, p.upper) for p in found("谷丙转氨酶(ALT)≤2×ULN(肝转移者,≤4×ULN)", "inclusion")]
    assert got == [("alt_x_uln", D(2)), ("alt_x_uln", D(4))]


def test_a_bound_in_brackets_with_no_subgroup_named_is_not_given_to_the_lab_before_it():
    got = [(p.variable, p.lower, p.upper) for p in found("总胆红素≤1.5×ULN(血小板≥100×10^9/L)", "inclusion")]
    assert got == [("bilirubin_x_uln", None, D("1.5")), ("platelets_10e9_l", D(100), None)]


# Numbers in characters ---------------------------------------------------------------------------------------------


def test_chinese_numerals_with_shi_are_read_whole_never_as_their_last_digit():
    assert windows("首次给药前十四天内使用过任何处方药") == [(D(14), True, "days")]
    assert windows("筛选前二十四周内接受过生物制剂") == [(D(24), True, "weeks")]
    assert windows("近三十天内献血") == [(D(30), True, "days")]
    assert durations("戒烟至少十八个月") == [(D(18), True, "months")]


def test_single_chinese_numerals_and_ten_itself_keep_their_value():
    assert windows("近四个月内献血") == [(D(4), True, "months")]
    assert windows("近十天内献血") == [(D(10), True, "days")]


def test_an_inclusion_mark_between_an_age_and_its_operator_or_range_keeps_the_bound():
    assert ages("19周岁(含)以上") == [(D(19), True, None, None)]
    assert ages("年龄在19岁(含)至64岁(含)之间") == [(D(19), True, D(64), True)]
    assert ages("19周岁(含)以下", "exclusion") == [(None, None, D(19), True)]


def test_an_age_followed_by_a_bracket_that_is_no_inclusion_mark_is_no_bound():
    assert ages("19周岁(体检时)") == []


def test_half_a_year_is_six_months_in_a_duration_as_in_a_window():
    assert durations("戒烟≥半年") == [(D(6), True, "months")]
    assert windows("近半年内有消化道出血") == [(D(6), True, "months")]
    assert durations("戒烟≥1年") == [(D(1), True, "years")]


def test_a_line_wrap_space_inside_geyue_keeps_the_window():
    assert windows("筛选前 2 个 月内使用过激素") == [(D(2), True, "months")]
    assert windows("筛选前 2 个月内使用过激素") == [(D(2), True, "months")]


def test_a_heading_inside_one_line_before_a_list_of_bare_numbers_starts_the_exclusion_list():
    text = "入选标准 1 年龄 18~75 周岁 2 确诊 3 自愿 排除标准 1 妊娠 2 近5个月内参加其他试验"
    got = [(p.kind, p.variable) for p in extract(text) if p.variable in ("age", "window")]
    assert got == [("inclusion", "age"), ("exclusion", "window")]


def test_a_heading_named_inside_a_sentence_starts_no_list():
    text = "1 年龄≥18岁 2 不符合 入选标准 3 近5个月内参加其他试验"
    assert {p.kind for p in extract(text)} == {"inclusion"}


def test_time_since_stopping_a_drug_still_short_of_a_span_is_a_strict_window():
    assert windows("外用糖皮质激素停药时间少于3周") == [(D(3), False, "weeks")]
    assert windows("入组前停用抗凝药物未满6天") == [(D(6), False, "days")]
    assert windows("距末次放疗少于5周") == [(D(5), False, "weeks")]


def test_an_age_or_a_dose_below_a_span_is_no_time_since_stopping():
    assert windows("年龄小于5个月的婴儿") == []
    assert windows("每周用药少于3天") == []


def test_the_last_event_still_short_of_a_span_from_today_is_a_strict_window():
    assert windows("最近一次急性加重距今不足5周") == [(D(5), False, "weeks")]
    assert windows("急性加重少于5周") == []


def test_a_lab_bound_against_the_upper_limit_with_no_number_is_one_times_it():
    got = [(p.variable, p.lower, p.lower_inclusive) for p in found("血肌酐>正常值范围上限")]
    assert got == [("creatinine_x_uln", D(1), False)]
    got = [(p.variable, p.upper, p.upper_inclusive) for p in found("ALT≤正常值上限", "inclusion")]
    assert got == [("alt_x_uln", D(1), True)]


def test_a_number_after_the_upper_limit_is_the_bound_and_a_non_lab_above_it_is_nothing():
    got = [(p.variable, p.lower) for p in found("谷丙转氨酶高于正常值上限4倍")]
    assert got == [("alt_x_uln", D(4))]
    assert found("血压高于正常上限") == []


# Pages in traditional characters with converter debris ------------------------------------------------------------


def test_pinyin_left_after_traditional_characters_is_read_past_and_the_quote_stays_the_page_text():
    text = "1. 試驗(yàn)前4個(gè)月每日吸煙量多于5支者;"
    got = [(p.variable, p.lower or p.upper, p.unit, p.quote in text) for p in extract(text)]
    assert got == [("cigarettes_per_day", D(5), "cigarettes/day", True), ("window", D(4), "months", True)]


def test_latin_words_in_brackets_after_chinese_are_kept():
    text = "1. 试验前4个月内使用过生物制剂(biologics);"
    assert [(p.variable, p.upper) for p in extract(text)] == [("window", D(4))]
