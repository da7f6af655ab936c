"""Chinese clauses read by wording family (issue 21, decision record 0079): a page's stops in either width ("，" or
","), traditional characters, "不伴" (without), a definition in brackets, an operation expected during the study,
more names of another trial and of alcohol or drug dependence, and the lines of a Chinese page that are no criteria
(headings in 【】, "入选标准如下:", recruitment, pay and sign-up). Each family has a near miss it must not read. The
words are our own."""

import pytest

from tests.trials.registry.concept_readings import not_ascii_ids, rules
from trials.registry.concepts.matching import clause_class, proposals

PREGNANCY_PLAN = ("planning_pregnancy_12m", [], ["yes"], False)
PREGNANT = ("pregnant_or_breastfeeding", ["yes"], [], False)


# 1. A Chinese page's stops in either width


@pytest.mark.parametrize("words", ["有生育计划,或哺乳期妇女", "有生育计划，或哺乳期妇女"])
def test_a_plan_before_a_comma_does_not_reach_a_state_after_it_whichever_width_the_comma_has(words):
    """Pages copied through NFKC have "," where the registry wrote "，": "计划" (a plan) stops at either."""
    assert rules(words) == [PREGNANCY_PLAN, PREGNANT]


def test_a_plan_in_the_same_stretch_still_makes_the_state_a_plan():
    assert rules("计划在研究期间哺乳的妇女") == []


@pytest.mark.parametrize(
    "words", ["对试验药物或其辅料过敏,包括对青霉素过敏", "对试验药物或其辅料过敏，包括对青霉素过敏"]
)
def test_allergies_named_after_including_are_examples_of_the_medicine_allergy_before_them(words):
    assert rules(words) == [("medicine_allergy", [], ["yes"], False)]


@pytest.mark.parametrize("words", ["有过敏史,包括对青霉素过敏", "对试验药物过敏,包括对花粉过敏"])
def test_examples_after_including_do_not_make_any_allergy_a_medicine_allergy(words):
    """A history of any allergy, or one to pollen, is no medicine allergy. An allergy to pollen is the any-allergy
    question's answer for the study team (decision record 0115); a bare history of allergy stays with the study team."""
    assert all(question != "medicine_allergy" for question, *_ in rules(words))
    assert rules(words) in ([], [("any_allergy", [], ["yes"], False)])
    assert (rules(words) == []) == ("花粉" not in words)


# 2. A viral load is a lab value


@pytest.mark.parametrize(
    "words, kind", [("HBV-DNA阳性者", "exclusion"), ("若HBV-DNA≥2000 IU/mL,须先行抗病毒治疗", "inclusion")]
)
def test_a_hepatitis_b_viral_load_is_a_lab_value_not_the_illness(words, kind):
    assert rules(words, kind) == []


def test_hepatitis_b_named_as_an_infection_is_still_the_item():
    assert rules("合并HBV感染者") == [("other_conditions", ["hepatitis_b"], [], False)]


# 3. 不伴: without


@pytest.mark.parametrize(
    "words, item", [("不伴有物质依赖史", "substance_abuse"), ("不伴痴呆等残疾", "dementia"), ("不伴有癫痫", "epilepsy")]
)
def test_without_in_an_inclusion_negates_the_illness_after_it(words, item):
    """Before, "不伴痴呆" drafted an inclusion that required dementia."""
    assert rules(words, "inclusion") == [("other_conditions", [item], [], True)]


def test_with_or_without_negates_nothing():
    assert rules("慢阻肺伴或不伴支气管扩张", "inclusion") == [("diagnoses", ["copd", "bronchiectasis"], [], False)]


# 4. A definition in brackets is about the concept, not other words


def test_alcohol_abuse_with_its_definition_in_units_is_the_substance_abuse_item():
    assert rules("有酗酒史(每周饮用超过14个单位的酒精:1单位=啤酒285 ml)") == [
        ("other_conditions", ["substance_abuse"], [], False)
    ]


def test_alcohol_abuse_within_months_defined_in_nested_brackets_is_for_the_study_team():
    assert rules("近6个月内有酗酒史[每周饮酒>14单位(1单位酒精≈360 mL啤酒)]") == [
        ("other_conditions", [], ["substance_abuse"], False)
    ]


def test_drinking_defined_in_units_is_not_alcohol_abuse():
    assert rules("有饮酒史(每周饮用超过14个单位的酒精)") == []


@pytest.mark.parametrize(
    "words, expected",
    [
        ("有吸食毒品或药物成瘾史", ("other_conditions", ["substance_abuse"], [], False)),
        ("基线前1年内存在酒精和物质依赖", ("other_conditions", [], ["substance_abuse"], False)),
    ],
)
def test_dependence_and_addiction_are_the_substance_abuse_item(words, expected):
    """Within a year: a patient who had it longer ago ticks the same item, so the study team judges."""
    assert rules(words) == [expected]


# 5. An operation expected during the study


@pytest.mark.parametrize(
    "words", ["计划或预期将要在研究期间进行重大外科手术", "预计在本研究期间包括筛选期有手术的患者"]
)
def test_an_operation_expected_during_the_study_is_a_planned_operation_for_the_study_team(words):
    assert rules(words) == [("planned_surgery", [], ["yes"], False)]


def test_being_able_to_undergo_an_operation_is_no_plan():
    assert rules("能够耐受手术者", "inclusion") == []


# 6. Another trial


@pytest.mark.parametrize("words", ["参加其他介入性临床试验者", "正在参加另一项临床研究"])
def test_another_interventional_trial_is_the_other_trial_question(words):
    assert rules(words) == [("other_trial_recent", ["within_4w"], [], False)]


def test_this_study_taken_part_in_before_is_not_another_trial():
    assert rules("曾参加过本研究者") == []


# 7. Traditional characters


@pytest.mark.parametrize(
    "words, kind, expected",
    [
        ("既往有心肌梗塞或腦卒中病史", "exclusion", [("other_conditions", ["heart_attack", "stroke"], [], False)]),
        ("無高血壓病史", "inclusion", [("other_conditions", ["hypertension", "uncontrolled_hypertension"], [], True)]),
        ("妊娠或哺乳期婦女", "exclusion", [PREGNANT]),
    ],
)
def test_traditional_characters_read_as_simplified_ones(words, kind, expected):
    assert rules(words, kind) == expected


def test_a_traditional_clause_is_quoted_in_its_own_characters():
    [proposal] = proposals("既往有心肌梗塞或腦卒中病史", "exclusion")
    assert proposal.quote == "心肌梗塞或腦卒中"
    assert "腦卒中" in proposal.words


def test_a_relatives_illness_in_traditional_characters_is_still_a_relatives():
    assert rules("直系親屬有心肌梗塞病史者") == []


# 8. Lines of a Chinese page that are no criteria


@pytest.mark.parametrize(
    "words, expected",
    [
        ("【时间】", "heading"),
        ("【排除標準】", "heading"),
        ("试验入选标准如下:( v1 M: {", "heading"),
        ("(必须全部符合)", "heading"),
        ("性别:男女皆可;", "heading"),
        ("具有以下任何一项的受试者不能入组本研究。", "heading"),
        ("不符合上述条件之一者,不得入选。", "other_criteria"),
        ("以上第1-12条为首次访视排除标准", "other_criteria"),
        ("哮喘研究项目招募志愿者", "instruction"),
        ("报名后即安排体检", "instruction"),
        ("完成随访可获500元交通补贴", "instruction"),
        ("本中心现进行一项关于慢阻肺的研究", "instruction"),
        ("研究分为治疗组和对照组", "instruction"),
        ("有手机能接收短信", "logistics"),
    ],
)
def test_headings_recruitment_and_pay_on_a_chinese_page_are_no_criteria(words, expected):
    assert clause_class(words) == expected


@pytest.mark.parametrize(
    "words",
    ["入选标准如下:妊娠期妇女", "男女皆可,年龄18-65岁", "具有以下任何一项者不能入组:妊娠期妇女", "招募期间妊娠者"],
)
def test_a_criterion_beside_such_words_stays_a_screening_clause(words):
    assert clause_class(words) == "screening"


# 9. More Chinese names of existing items, and words that look like a negation


@pytest.mark.parametrize(
    "words, expected",
    [
        ("获得性免疫缺陷综合征", ("other_conditions", ["hiv"], [], False)),
        ("有传染病如结核、梅毒、艾滋", ("other_conditions", ["tuberculosis", "syphilis", "hiv"], [], False)),
        ("丙型病毒性肝炎", ("other_conditions", ["hepatitis_c"], [], False)),
        ("慢性乙型病毒性肝炎患者", ("other_conditions", ["hepatitis_b"], [], False)),
        ("有脑血管意外病史", ("other_conditions", ["stroke"], [], False)),
        ("甲减患者", ("other_conditions", ["thyroid_disease"], [], False)),
        ("准备怀孕的妇女", ("planning_pregnancy_12m", [], ["yes"], False)),
    ],
)
def test_more_chinese_names_reach_the_item_they_stand_for(words, expected):
    """AIDS is HIV, not any immunodeficiency; hepatitis C written with 病毒性 is not both hepatitis B and C; a
    pregnancy being prepared for is a plan, not a pregnancy now."""
    assert rules(words) == [expected]


def test_viral_hepatitis_of_no_named_kind_is_still_either_kind():
    assert rules("病毒性肝炎") == [("other_conditions", ["hepatitis_b", "hepatitis_c"], ["liver_disease"], False)]


@pytest.mark.parametrize(
    "words, expected",
    [
        ("尚未得到控制的不稳定性心绞痛", ("other_conditions", [], ["unstable_angina"], False)),
        ("筛选前3个月内治疗剂量未稳定的甲减者", ("other_conditions", [], ["thyroid_disease"], False)),
    ],
)
def test_not_yet_controlled_or_not_yet_stable_qualifies_the_illness_and_negates_nothing(words, expected):
    """Before, "未得到控制的…心绞痛" and "未稳定的…" read as "no angina" and "no thyroid disease"."""
    assert rules(words) == [expected]


def test_no_unstable_angina_is_still_negated():
    assert rules("无不稳定性心绞痛", "inclusion") == [("other_conditions", ["unstable_angina"], [], True)]


@pytest.mark.parametrize("words", ["已知对奥贝胆酸、熊去氧胆酸过敏者", "对左氧氟沙星过敏者", "对阿莫西林或头孢类过敏"])
def test_an_allergy_to_a_medicine_named_by_its_chinese_stem_is_a_medicine_allergy(words):
    """Chinese generic names end in stems as English ones do (-沙星 -floxacin, -西林 -cillin, -他汀 -statin)."""
    assert rules(words) == [("medicine_allergy", [], ["yes"], False)]


@pytest.mark.parametrize("words", ["对猫毛过敏者", "对海鲜过敏"])
def test_an_allergy_to_something_without_a_medicine_stem_is_not_a_medicine_allergy(words):
    """Seafood is a food: the any-allergy question's, for the study team (decision record 0115), never a medicine's."""
    assert all(question != "medicine_allergy" for question, *_ in rules(words))
    assert rules(words) == ([("any_allergy", [], ["yes"], False)] if "海鲜" in words else [])


# 10. A time before a head dates the examples after it, and is read whole


def test_a_time_before_a_head_dates_the_examples_named_after_it():
    """Before, the heart attack and the angina here read as "ever", and the heart failure as "in 2 months" (the
    "2个月内" of "12个月内")."""
    [illnesses, heart_attack] = proposals(
        "过去12个月内曾患过心血管疾病,定义为:失代偿心力衰竭(NYHA III-IV级),不稳定型心绞痛或心肌梗死。", "exclusion"
    )
    assert (illnesses.question, illnesses.values) == ("other_conditions", [])
    assert {"heart_failure", "unstable_angina"} <= set(illnesses.uncertain)
    assert (heart_attack.question, heart_attack.upper) == ("days_since_heart_attack", 366)


def test_an_illness_in_the_next_sentence_is_not_one_of_the_examples():
    [illnesses] = proposals("近6个月内患心血管疾病。有心肌梗死病史", "exclusion")
    assert illnesses.question == "other_conditions"
    assert "heart_attack" in illnesses.values  # ever, as the second sentence says


def test_an_illness_after_an_unrelated_dated_event_keeps_no_time():
    assert rules("近6个月内献血;有心肌梗死病史") == [("other_conditions", ["heart_attack"], [], False)]


# 11. An infection now, and a drug screen's reach


@pytest.mark.parametrize(
    "words", ["药物滥用尿液筛查(四氢大麻酚酸、苯二氮卓、吗啡)阳性", "尿液药物筛查阳性(如吗啡或苯二氮卓)"]
)
def test_medicines_named_in_a_drug_screen_and_its_result_are_not_medicines_taken_now(words):
    assert rules(words) == []


def test_a_drug_screen_reaches_no_further_than_its_result():
    """ "毒品筛查阳性者或…有苯二氮卓类药物使用": after the screen's result, a new item starts."""
    assert rules("毒品筛查阳性者或正在使用苯二氮卓类药物者") == [("medicines_now", ["benzodiazepine"], [], False)]


# 12. The minor cancers a Chinese clause allows


@pytest.mark.parametrize(
    "words",
    [
        "5年内有恶性肿瘤病史,允许有已治愈的皮肤基底细胞癌",
        "过去5年内诊断出恶性肿瘤。允许有经治疗的基底细胞皮肤癌或宫颈原位癌或原位前列腺癌的受试者入选",
    ],
)
def test_a_cancer_in_five_years_that_allows_minor_skin_cancers_leaves_the_minor_answer_open(words):
    """The cancers named in what is allowed are the question's own "minor" answer, not rules of their own."""
    assert rules(words) == [("cancer_history", ["within_5y"], [], False)]


def test_a_cancer_in_five_years_without_the_allowance_takes_the_minor_ones_too():
    assert rules("5年内有恶性肿瘤病史") == [("cancer_history", ["within_5y", "minor_within_5y"], [], False)]


# 13. A topic label, a court's order, a history of immunosuppression


@pytest.mark.parametrize(
    "words",
    [
        "过敏:既往对盐酸毛果芸香碱及辅料中任何成分过敏者,或对其他胆碱能药物过敏者",
        "Allergy: hypersensitivity to the study drug",
    ],
    ids=not_ascii_ids,
)
def test_an_allergy_label_opening_the_clause_leaves_the_allergies_after_it_to_decide(words):
    assert rules(words) == [("medicine_allergy", [], ["yes"], False)]


def test_a_label_does_not_make_any_allergy_a_medicine_allergy():
    assert rules("过敏:有过敏史者") == []


@pytest.mark.parametrize(
    "words, expected",
    [
        ("当前被行政或法庭命令强制要求入住收容机构", ("legal_protection", ["yes"], [], False)),
        ("已知或怀疑有免疫抑制病史", ("other_conditions", ["immunodeficiency"], [], False)),
    ],
)
def test_a_court_order_and_a_history_of_immunosuppression_reach_their_questions(words, expected):
    assert rules(words) == [expected]


def test_a_cancer_label_opening_the_clause_is_its_topic_not_any_cancer_ever():
    """Before, the label "恶性肿瘤:" drafted every cancer at any time as excluding; what the clause says (a cancer now
    or in remission under a year, minor skin cancers allowed) is for the study team."""
    assert (
        rules("恶性肿瘤:现有恶性肿瘤或者在筛选前缓解不足12个月的癌症既往史(局部皮肤癌已切除治愈的受试者不予排除)") == []
    )


def test_a_label_that_is_the_clauses_only_mention_still_counts():
    assert rules("妊娠:妊娠期妇女") == [PREGNANT]


@pytest.mark.parametrize(
    "words",
    [
        "患有中度充血性心力衰竭者(纽约心脏学会III级或IV级)",
        "纽约心脏病协会(NYHA)心功能分级为III级或IV级的充血性心力衰竭",
    ],
)
def test_a_moderate_heart_failure_or_one_of_a_nyha_class_is_for_the_study_team(words):
    assert rules(words) == [("other_conditions", [], ["heart_failure"], False)]


def test_heart_failure_without_a_grade_is_the_item():
    assert rules("患有充血性心力衰竭者") == [("other_conditions", ["heart_failure"], [], False)]


# 14. 不需要 right before a treatment, organs listed before 脏器疾病


@pytest.mark.parametrize(
    "words, expected",
    [
        ("不需要机械通气", ("mechanical_ventilation", ["within_1m"], [], True)),
        ("不需要长期氧疗", ("medicines_now", ["long_term_oxygen"], [], True)),
    ],
)
def test_not_needing_a_treatment_right_before_it_negates_it(words, expected):
    assert rules(words, "inclusion") == [expected]


def test_needing_a_treatment_is_not_negated():
    assert rules("需要机械通气") == [("mechanical_ventilation", ["within_1m"], [], False)]


def test_a_treatment_that_qualifies_an_illness_after_it_is_no_medicine_rule():
    """ "不需要免疫抑制治疗的…糖尿病": the treatment describes the illness; before, an exclusion of every patient
    not on immunosuppressants could be drafted."""
    assert all(rule[0] != "medicines_now" for rule in rules("患有不需要免疫抑制治疗的糖尿病"))


def test_patients_on_a_treatment_still_name_it():
    assert rules("使用华法林的患者") == [("medicines_now", ["anticoagulant"], [], False)]


def test_organs_listed_before_organ_disease_are_each_organs_item():
    [rule] = rules("无心、肝、肾等重要脏器疾病", "inclusion")
    assert rule[0] == "other_conditions" and rule[3] is True
    assert {"heart_disease", "liver_disease", "kidney_disease"} <= set(rule[1])


def test_a_tumour_named_by_a_latin_abbreviation_before_it_is_one_kind_of_cancer():
    """ "GEJ腫瘤" (traditional characters, now read): a tumour of one site, for the study team, as "胃癌" is."""
    assert rules("患有胃癌或GEJ腫瘤", "inclusion") == [
        ("cancer_history", [], ["within_5y", "minor_within_5y", "over_5y"], False)
    ]


def test_a_cancer_of_no_named_kind_is_any_cancer():
    assert rules("HIV感染或恶性肿瘤") == [
        ("other_conditions", ["hiv"], [], False),
        ("cancer_history", ["within_5y", "minor_within_5y", "over_5y"], [], False),
    ]
