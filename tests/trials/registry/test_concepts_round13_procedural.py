"""Round thirteen (issue 21, decision record 0129): clauses that check nothing about the patient are procedural, and
Chinese organ lists read as their English twins.

A clause is procedural only when it checks nothing about the patient: it states what the study will do, what the
investigator or the sponsor decides about a sample, what the page's criteria are not, or admits everyone. A clause
that restricts who can join (a state, an illness, a past treatment, a test result, an ability) stays a screening
clause, however it is worded, even when the patient cannot answer it.

- Study procedures stated in the future, whose subject is a test, a sample, a vaccine, data or a measure ("A total
  of four bronchoscopies will be performed over a year period", "Methacholine challenge test will be performed …",
  "Calculated creatinine clearance will be used to assess renal function"), what the patient will be told ("Male
  patients will be advised to …", "We will inform the minor …"), a sponsor's say on a case ("Consultations with and
  prior approval from IND sponsor are required …", "与申办方沟通后决定是否接受") and the study's sample logistics
  ("首选新获取的组织样本", "不合格的样本,将不能用于受试者随机"): instruction. A criterion that opens the clause ("Pregnant
  women (Urine hCG test will be performed …)") keeps it a screening clause.
- Examples or lists of contraceptive methods ("Examples of contraceptive methods with a failure rate of < 1% per
  year include …", "Acceptable methods of contraception include:") and contraception said to follow local rules
  ("受试者使用的避孕措施应符合当地…法规"): instruction. "not using adequate contraception" stays a screening clause.
- Criteria the page says do not exist ("No specific exclusion criteria will be applied", "there will not be any
  exclusion criteria", "No exclusion criteria based on gender, race, or ethnicity", "None if they meet above
  criteria", "无特殊排除标准"): other criteria. A clause that admits every ethnicity ("All ethnicities", "All genders
  and ethnicities", "种族不限") is a heading, like "Male or female"; one ethnicity ("Chinese ethnicity") is not.
- Consent, willingness and judgement said in more ways: "Signed ICF", "patient or parent refusal", "Those unprepared
  to adhere to dietary instructions", "Prepared to take effective contraceptive precautions", "patients who will not
  want to participate", "There are other situations that the researcher thinks are not suitable …".
- The old PDQ section label "--Prior/Concurrent Therapy--" with its slash is a heading, as "--Patient
  Characteristics--" was.
- Chinese organ lists: 消化 (digestive), 免疫学, 淋巴系统 and 风湿免疫性 are organ words as their English twins are,
  and 临床重大 before an illness qualifies it as "clinically significant" does.

The words are our own or the registry's standard lines."""

import pytest

from tests.trials.registry.concept_readings import not_ascii_ids, rules
from trials.registry import extraction
from trials.registry.concepts import matching
from trials.registry.drafting import drafts_for
from trials.registry.importing import ensure_questions

HEART = ["heart_disease", "heart_attack", "heart_failure", "unstable_angina", "arrhythmia"]


# 1. What the study will do


@pytest.mark.parametrize(
    "words",
    [
        "A total of four bronchoscopies will be performed over a year period.",
        "Methacholine challenge test will be performed at the beginning and end of the study.",
        "Pneumococcal and annual influenza vaccine will be given.",
        "Calculated creatinine clearance will be used to assess renal function",
        "The HBV DNA test will be performed only for patients who have a negative HBsAg test.",
        "The study samples will not be identified by age or gender group.",
        "Male patients will be advised to arrange for the freezing of sperm samples prior to the start of the study.",
        "We will inform the minor during the assent process that we need to do a pregnancy test.",
        "Consultations with and prior approval from IND sponsor are required in either of the aforementioned scenarios.",
        "如受试者筛选期获得既往肿瘤组织标本时间超过 24 个月,与申办方沟通后决定是否接受。",
        "首选新获取的组织样本,FFPE组织块优于切片",
        "经中心实验室进行质量控制评估,判断为不合格的样本,将不能用于受试者随机",
    ],
    ids=not_ascii_ids,
)
def test_what_the_study_will_do_with_tests_samples_and_data_is_an_instruction(words):
    assert matching.clause_class(words) == "instruction"
    assert rules(words) == []


@pytest.mark.parametrize(
    "words",
    [
        "Pregnant women (Urine hCG test will be performed at baseline on women of child bearing potential).",
        "Pregnancy (pregnancy test will be taken pre-operatively in women of reproductive age)",
        "Patients who will undergo a bronchoscopy",
        "Patients will be excluded if they have asthma",
        "Positive methacholine challenge test at screening",
        "必须提供肿瘤组织样本供中心实验室检测HER2状态",
    ],
    ids=not_ascii_ids,
)
def test_a_criterion_about_the_patient_beside_a_test_or_a_sample_is_a_screening_clause(words):
    assert matching.clause_class(words) == "screening"


def test_a_criterion_before_the_study_s_test_keeps_its_draft():
    words = "Pregnant women (Urine hCG test will be performed at baseline on women of child bearing potential)."
    assert rules(words) == [("pregnant_or_breastfeeding", ["yes"], [], False)]


# 2. Contraceptive methods listed or explained


@pytest.mark.parametrize(
    "words",
    [
        "Examples of contraceptive methods with a failure rate of < 1% per year include bilateral tubal ligation, "
        "male sterilization, hormonal contraceptives that inhibit ovulation.",
        "Acceptable methods of contraception include: condoms, diaphragm or intrauterine device",
        "受试者使用的避孕措施应符合当地关于临床研究受试者避孕方法的法规。",
    ],
    ids=not_ascii_ids,
)
def test_a_list_or_an_explanation_of_contraceptive_methods_is_an_instruction(words):
    assert matching.clause_class(words) == "instruction"


@pytest.mark.parametrize(
    "words",
    [
        "Women of child-bearing potential not using highly effective methods of contraception",
        "Effective contraceptive methods are not used by the patient",
        "Current use of hormonal contraception",
        "有生育能力女性开始服用试验药物前2周内未采取适当避孕措施者",
    ],
    ids=not_ascii_ids,
)
def test_contraception_a_patient_uses_or_not_stays_a_screening_clause(words):
    assert matching.clause_class(words) == "screening"


# 3. Criteria that do not exist, and clauses that admit everyone


@pytest.mark.parametrize(
    "words",
    [
        "No specific exclusion criteria will be applied.",
        "According to the study design there will not be any exclusion criteria in order to provide a high external "
        "validity.",
        "No exclusion criteria based on gender, race, or ethnicity",
        "None if they meet above criteria.",
        "无特殊排除标准",
    ],
    ids=not_ascii_ids,
)
def test_a_line_saying_there_are_no_criteria_is_other_criteria(words):
    assert matching.clause_class(words) == "other_criteria"


@pytest.mark.parametrize(
    "words", ["All ethnicities", "All genders and ethnicities.", "Any race or ethnicity", "种族不限"], ids=not_ascii_ids
)
def test_a_clause_admitting_every_ethnicity_is_a_heading(words):
    assert matching.clause_class(words) == "heading"


@pytest.mark.parametrize(
    "words",
    [
        "Chinese ethnicity",
        "Black or African American race",
        "No asthma or COPD based on spirometry",
        "All ethnicities with COPD",
        "汉族",
    ],
    ids=not_ascii_ids,
)
def test_one_ethnicity_or_a_clause_with_anything_more_stays_a_screening_clause(words):
    assert matching.clause_class(words) == "screening"


# 4. Consent, willingness and judgement said in more ways


@pytest.mark.parametrize(
    "words, found",
    [
        ("Signed ICF", "consent"),
        ("patient or parent refusal", "consent"),
        ("Those unprepared to adhere to dietary instructions", "willingness"),
        ("Prepared to take effective contraceptive precautions", "willingness"),
        ("patients who will not want to participate to the study", "willingness"),
        (
            "There are other situations that the researcher thinks are not suitable to participate in this study",
            "judgement",
        ),
    ],
)
def test_consent_willingness_and_judgement_in_more_words_are_procedural(words, found):
    assert matching.clause_class(words) == found


@pytest.mark.parametrize(
    "words",
    [
        "18-75 years of age on the day of signing ICF.",
        "Patient refusal of blood transfusion",
        "Prepared for surgery within 2 weeks",
        "There are other situations that may affect the study",
        "Asthma that the researcher thinks is not controlled",
    ],
)
def test_a_time_a_refused_treatment_or_a_catch_all_without_a_judge_stays_a_screening_clause(words):
    assert matching.clause_class(words) == "screening"


# 5. The old PDQ section label


@pytest.mark.parametrize("words", ["--Prior/Concurrent Therapy--", "Prior/Concurrent Therapy"])
def test_the_prior_concurrent_therapy_label_is_a_heading(words):
    assert matching.clause_class(words) == "heading"


def test_the_label_with_a_criterion_after_it_stays_a_screening_clause():
    assert matching.clause_class("--Prior/Concurrent Therapy-- At least 2 months since systemic glucocorticoids") == (
        "screening"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("words", ["--Prior/Concurrent Therapy--", "All ethnicities", "Signed ICF"])
def test_a_procedural_clause_drafts_only_a_procedural_criterion(words):
    text = f"Inclusion Criteria:\n\n* {words}\n"
    [clause] = extraction.split_clauses(text)
    found = drafts_for(clause, text, ensure_questions())
    assert found and all(d.is_procedural and not d.question_id for d in found)


# 6. Chinese organ lists


def test_a_chinese_organ_list_with_digestive_and_immune_words_reads_as_its_english_twin():
    english = "History of cardiac, hepatic, digestive, immunological or renal disease"
    chinese = "有心脏、肝脏、消化、免疫学或肾脏疾病的病史"
    assert (
        rules(chinese)
        == rules(english)
        == [("other_conditions", [*HEART, "liver_disease", "kidney_disease"], [], False)]
    )


def test_clinically_major_before_a_chinese_illness_qualifies_it():
    assert (
        rules("有临床重大心脏疾病的病史")
        == rules("History of clinically significant cardiac disease")
        == [("other_conditions", [], HEART, False)]
    )


@pytest.mark.parametrize("words", ["有重大心脏疾病病史", "History of major cardiac disease"], ids=not_ascii_ids)
def test_major_alone_does_not_qualify_the_illness(words):
    assert rules(words) == [("other_conditions", HEART, [], False)]


@pytest.mark.parametrize("words", ["消化不良", "有消化系统症状"], ids=not_ascii_ids)
def test_digestive_words_outside_an_organ_list_are_no_illness(words):
    assert rules(words) == []
