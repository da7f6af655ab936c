"""Round eleven's Chinese coverage (issue 21, decision record 0118): wordings of Chinese registry pages, most of them
the standard lines of phase 1 and vaccine pages, reach questions the screener already shows.

- Fainting at needles or at the sight of blood (晕针, 晕血) is an item of the other-illnesses list; an intolerance of
  venepuncture, veins hard to take blood from (采血困难; 穿剌 is the pages' misprint) or a fear of needles is that item
  for the study team, since a patient may have one without fainting. Fainting in general (晕厥) is not the item.
- No spleen (asplenia, 功能性无脾, 脾切除) is an item of the other-illnesses list; "无脾" before a list mark names it and
  is no negation, while "无脾切除史" still says "no splenectomy". An enlarged spleen is not it.
- Difficulty swallowing now (吞咽困难, 无法吞咽, "unable to swallow oral medication", dysphagia) is an item of the
  other-illnesses list; being able to swallow the study's capsules is read and gives no draft (an ability the study
  team checks), so it is never taken for the difficulty.
- Another trial in the wordings of Chinese pages ("涉及试验用药品的临床研究", "其他影响本研究的临床研究") is the
  other-trial question; a plan to join one is not.
- A transplant "of a solid organ or of the blood system" (实体脏器或血液系统移植) is the transplant item.
- In an exclusion, a plan to give blood during or after the study joined to a donation in the last months
  ("…献血…，或计划在研究期间或研究结束后3个月内献血或血液成分者") leaves the donation its draft; the plan alone gives
  none, and an operation planned during the study is still the planned-operation question.
- A Chinese catch-all left to the investigator with no illness named is procedural `judgement`: other reasons not to
  complete the study, "any serious or unstable disease" the investigator sees, and abnormal examinations, vital signs,
  ECGs or laboratory tests the investigator (or a clinician) judges clinically significant. Without a judge, or with an
  illness named, the clause stays a screening clause.

The words are our own, in the registry's manner."""

import pytest

from tests.trials.registry.concept_readings import (
    assert_items_labelled_and_in_the_glossary,
    drafted_exclusions,
    not_ascii_ids,
    rules,
    study_excluding,
)
from trials import eligibility
from trials.eligibility import Verdict
from trials.registry.concepts import matching
from trials.registry.concepts.drafts import procedural_proposal
from trials.registry.importing import ensure_questions

NEW_ITEMS = {"other_conditions": {"needle_fainting", "asplenia", "swallowing_difficulty"}}


def named(words, kind="exclusion"):
    return {code for _q, values, uncertain, _n in rules(words, kind) for code in [*values, *uncertain]}


# 1. Fainting at needles or at the sight of blood


@pytest.mark.parametrize(
    "words",
    [
        "12 | 12)有晕针或晕血史; |",
        "有晕针晕血史者；",
        "不能耐受静脉穿刺，或有晕针晕血史，或采血困难者；",
        "不能耐受静脉穿剌或有晕血、晕针史者；（问诊）",
        "有体位性低血压、晕针或晕血病史或静脉穿刺采血不耐受者",
        "History of fainting at the sight of blood",
    ],
    ids=not_ascii_ids,
)
def test_fainting_at_needles_or_blood_is_its_item(words):
    # an intolerance of venepuncture named beside it is the item for the study team, and the sure item settles it
    assert [(q, values, negated) for q, values, _uncertain, negated in rules(words)] == [
        ("other_conditions", ["needle_fainting"], False)
    ]


@pytest.mark.parametrize(
    "words",
    ["不能耐受静脉穿刺采血；", "采血困难者", "有恐针症者", "Needle phobia", "Poor venous access"],
    ids=not_ascii_ids,
)
def test_an_intolerance_of_venepuncture_or_a_fear_of_needles_is_the_item_for_the_study_team(words):
    assert rules(words) == [("other_conditions", [], ["needle_fainting"], False)]


@pytest.mark.parametrize("words", ["无晕针、晕血史", "No history of fainting at the sight of blood"], ids=not_ascii_ids)
def test_no_fainting_at_needles_in_an_inclusion_is_negated(words):
    assert rules(words, "inclusion") == [("other_conditions", ["needle_fainting"], [], True)]


@pytest.mark.parametrize(
    "words",
    ["有晕厥史者", "筛选期采血前空腹8小时", "History of syncope", "Blood draws at every visit"],
    ids=not_ascii_ids,
)
def test_fainting_in_general_or_a_blood_draw_of_the_study_is_not_the_item(words):
    assert "needle_fainting" not in named(words)


# 2. No spleen


@pytest.mark.parametrize(
    "words",
    [
        "无脾、功能性无脾，以及任何情况导致的无脾或脾切除；",
        "11 | 1.10 无脾,功能性无脾,以及任何情况导致的无脾或脾切除; |",
        "有脾切除史",
        "Functional or anatomic asplenia",
        "History of splenectomy",
    ],
    ids=not_ascii_ids,
)
def test_no_spleen_is_its_item(words):
    assert rules(words) == [("other_conditions", ["asplenia"], [], False)]


@pytest.mark.parametrize("words", ["无脾切除史", "No history of splenectomy"], ids=not_ascii_ids)
def test_no_splenectomy_is_negated(words):
    assert rules(words, "inclusion") == [("other_conditions", ["asplenia"], [], True)]


@pytest.mark.parametrize("words", ["脾肿大", "Splenomegaly", "脾功能亢进"], ids=not_ascii_ids)
def test_an_enlarged_or_overactive_spleen_is_not_asplenia(words):
    assert "asplenia" not in named(words)


# 2b. Difficulty swallowing


@pytest.mark.parametrize(
    "words",
    [
        "有吞咽困难者；",
        "无法吞咽、慢性腹泻、肠梗阻或存在影响药物口服和吸收的其他因素；",
        "Patients unable to swallow orally administered medication",
        "Inability to swallow, chronic diarrhoea, GI obstruction or other conditions affecting absorption",
    ],
    ids=not_ascii_ids,
)
def test_difficulty_swallowing_is_its_item(words):
    assert rules(words) == [("other_conditions", ["swallowing_difficulty"], [], False)]


@pytest.mark.parametrize(
    "words, kind",
    [
        ("能够吞咽胶囊。", "inclusion"),
        ("Ability to swallow tablets", "inclusion"),
        ("Able to swallow pills", "exclusion"),
    ],
    ids=not_ascii_ids,
)
def test_being_able_to_swallow_is_no_difficulty_and_gives_no_draft(words, kind):
    assert rules(words, kind) == []


# 3. Another trial and a transplant in the wordings of Chinese pages


@pytest.mark.parametrize(
    "words, question",
    [
        ("正在参加其他影响本研究的临床研究；", "other_trial_recent"),
        ("在过去30天内参加过涉及试验用药品的临床研究", "days_since_other_trial"),
        ("Current participation in a clinical study involving an investigational product", "other_trial_recent"),
    ],
    ids=not_ascii_ids,
)
def test_another_trial_in_more_wordings_is_the_other_trial_question(words, question):
    assert [asked for asked, *_ in rules(words)] == [question]


@pytest.mark.parametrize(
    "words", ["计划在研究期间参加涉及试验用药品的临床研究", "参加本研究前的4周内接受过任何局部治疗"], ids=not_ascii_ids
)
def test_a_plan_to_join_a_trial_or_this_study_itself_is_not_another_trial(words):
    assert not any(question in ("other_trial_recent", "days_since_other_trial") for question, *_ in rules(words))


def test_a_transplant_of_a_solid_organ_or_of_the_blood_system_is_the_transplant_item():
    assert rules("接受过实体脏器或血液系统移植；") == [("lung_procedures", ["organ_transplant"], [], False)]


# 4. A plan to give blood beside a donation in the last months


@pytest.mark.parametrize(
    "words",
    [
        "首次用药前3个月内献血或失血≥400mL，或计划在研究期间或研究结束后3个月内献血或血液成分者；",
        "6 | 6)试验前3个月内献过血或大量出血(大于400mL),或计划在研究期间或研究结束后1周内献血或血液成份者; |",
    ],
)
def test_a_donation_in_the_last_months_keeps_its_draft_beside_a_plan_to_donate(words):
    assert rules(words) == [("lung_procedures", [], ["blood_donation"], False)]


@pytest.mark.parametrize("words", ["计划在研究期间献血者；", "计划在研究期间或研究结束后3个月内献血或血液成分者；"])
def test_a_plan_to_donate_alone_gives_no_draft(words):
    assert "blood_donation" not in named(words)


def test_an_operation_planned_during_the_study_is_still_the_planned_operation_question():
    assert [question for question, *_ in rules("预期在本研究期间有重大手术的患者；")] == ["planned_surgery"]


# 5. Chinese catch-alls left to the investigator


@pytest.mark.parametrize(
    "words",
    [
        "受试者可能因为其他原因而不能完成本研究或经研究者判断具有其它不宜参加试验原因者。",
        "研究者认为存在严重的或不稳定的任何疾病；",
        "筛选或基线时有任何一项检查指标异常且经研究者判断不适合参加试验；",
        "筛选时生命体征、体格检查、理化检查等，研究者判断异常有临床意义者；",
        "筛选期生命体征、体格检查、12-导联心电图检查、实验室检查（包括血常规、尿常规、血生化）经研究者判断异常有临床意义者；",
    ],
)
def test_a_chinese_catch_all_left_to_the_investigator_is_procedural(words):
    assert matching.clause_class(words) == "judgement"
    assert procedural_proposal(words) == {"procedural": "judgement"}


@pytest.mark.parametrize(
    "words",
    [
        "试验前体格检查异常且有临床意义者；",
        "研究者认为存在严重的心脏疾病；",
        "因其他原因需要住院者",
        "有晕针晕血史，且研究者认为目前仍有临床意义者；",
    ],
)
def test_without_a_judge_or_with_an_illness_named_the_clause_is_a_screening_clause(words):
    assert matching.clause_class(words) == "screening"


# 6. What the engine does with them, and the labels


@pytest.mark.django_db
def test_a_patient_who_faints_at_needles_is_excluded_and_one_with_hard_veins_is_left_to_the_study_team():
    infos = {key: q.to_info() for key, q in ensure_questions().items()}
    fainting = study_excluding("fainting", "有晕针或晕血史")
    veins = study_excluding("veins", "采血困难者")
    faints = {"other_conditions": ["needle_fainting"]}
    assert eligibility.evaluate([fainting], faints, infos)[0].verdict is Verdict.NO_MATCH
    assert eligibility.evaluate([fainting], {"other_conditions": ["none"]}, infos)[0].verdict is Verdict.MATCH
    assert eligibility.evaluate([veins], faints, infos)[0].verdict is Verdict.POSSIBLE
    assert eligibility.evaluate([veins], {"other_conditions": ["none"]}, infos)[0].verdict is Verdict.MATCH


@pytest.mark.django_db
def test_a_drafted_exclusion_lands_on_the_list_question():
    [draft] = drafted_exclusions("History of splenectomy")
    assert (draft.question.key, draft.values, draft.uncertain_values) == ("other_conditions", ["asplenia"], [])


@pytest.mark.django_db
def test_every_new_item_has_an_english_and_a_chinese_label_and_a_glossary_row():
    assert_items_labelled_and_in_the_glossary(NEW_ITEMS, ("晕针", "晕血", "采血困难", "无脾", "脾切除", "吞咽困难"))
