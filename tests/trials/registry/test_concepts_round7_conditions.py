"""States a patient knows, said in a whole clause, and allergies to medicines in more wordings (issue 21, decision record
0077). A clause that is nothing but the sex ("Female", "Male gender", "女性"), "Healthy volunteers" (in a trial of no
illness), a bare "Nursing" or "Non-smoking" reaches the question a patient answers; a longer clause that only starts
so does not. Both sexes alone ("Male or female", "性别：男女皆可") screens nobody and is procedural, like "Both sexes"
before it. An allergy to a medicine named by one more stem or name, a "sensitivity to" a medicine and a severe
reaction to a vaccine whose kinds are listed ("如过敏性休克、过敏性喉头水肿…") reach the medicine-allergy question; an
allergy to food in the same clause, "insulin sensitivity" and anaphylaxis of any cause do not. An infection of one
site now, alcohol or drug dependence and being held in prison or custody in other words reach their questions. The
words are our own."""

import dataclasses

import pytest

from tests.trials.registry.concept_readings import not_ascii_ids, rules
from trials import eligibility
from trials.eligibility import ItemsAnswer, Verdict
from trials.registry import extraction
from trials.registry.concepts import matching
from trials.registry.drafting import drafts_for
from trials.registry.importing import ensure_questions

LUNG = ["copd", "ild", "ipf", "asthma", "bronchiectasis", "cystic_fibrosis", "pulmonary_hypertension", "sarcoidosis"]


def drafted(words, kind="inclusion", own=frozenset()):
    heading = "Inclusion Criteria" if kind == "inclusion" else "Exclusion Criteria"
    text = f"{heading}:\n\n* {words}\n"
    [clause] = extraction.split_clauses(text)
    return [d for d in drafts_for(clause, text, ensure_questions(), own_concepts=own) if d.question_id]


def study(name, *clauses):
    """A study whose inclusions are `clauses`, each drafted as an import does and approved."""
    found = [dataclasses.replace(d.to_rule(), id=n) for n, words in enumerate(clauses) for d in drafted(words)]
    return eligibility.TrialRules(name, tuple(found))


def verdict(trial, answers):
    questions = {key: q.to_info() for key, q in ensure_questions().items()}
    return eligibility.evaluate([trial], answers, questions)[0].verdict


# 1. The sex, alone in a clause


@pytest.mark.parametrize(
    "words, sex",
    [
        ("Female", "female"),
        ("female sex", "female"),
        ("Female (mandatory)", "female"),
        ("female gender,", "female"),
        ("Males", "male"),
        ("Male gender", "male"),
        ("2. Male patients", "male"),
        ("女性", "female"),
        ("性别：男", "male"),
    ],
    ids=not_ascii_ids,
)
def test_a_clause_that_is_only_the_sex_is_the_sex_question(words, sex):
    assert rules(words, "inclusion") == [("sex", [sex], [], False)]


def test_the_sex_in_an_exclusion_stays_as_stated():
    assert rules("Males", "exclusion") == [("sex", ["male"], [], False)]


@pytest.mark.parametrize(
    "words",
    [
        "Male or female",
        "Males and females",
        "Women and men.",
        "Sex: all;",
        "Patients of both genders",
        "Either sex",
        "性别:男女皆可;",
        "男女不限",
    ],
    ids=not_ascii_ids,
)
def test_both_sexes_alone_screens_nobody_and_is_procedural(words):
    """Like "Both sexes" and "None" before it: not a check, and not counted as a clause a patient must answer."""
    assert matching.clause_class(words) == "heading"
    assert rules(words, "inclusion") == []


@pytest.mark.parametrize("words", ["OR", "either", "或", "【要求】"], ids=not_ascii_ids)
def test_a_connector_or_a_bracketed_label_left_alone_by_the_split_is_list_structure(words):
    assert matching.clause_class(words) == "heading"


@pytest.mark.parametrize(
    "words",
    [
        "Males and Females age 18 to 45 years",
        "Healthy men and women",
        "Men with COPD or women with asthma",
        "OR fracture",
    ],
)
def test_both_sexes_or_a_connector_with_anything_more_stays_a_screening_clause(words):
    assert matching.clause_class(words) == "screening"


@pytest.mark.django_db
def test_both_sexes_alone_drafts_only_a_procedural_criterion():
    text = "Inclusion Criteria:\n\n* Male or female\n"
    [clause] = extraction.split_clauses(text)
    found = drafts_for(clause, text, ensure_questions())
    assert found and all(d.is_procedural and not d.question_id for d in found)


@pytest.mark.parametrize(
    "words",
    [
        "Female participants who are surgically sterilised are not of childbearing potential",
        "Male/female children with asthma on regular treatment",
        "Pregnant women",
        "Male factor.",
        "Males and Females age 18 to 45 years with a BMI of 18-30",
        "女性受试者须同意在研究期间避孕",
        "No age or gender restrictions",
    ],
    ids=not_ascii_ids,
)
def test_a_clause_that_only_starts_with_the_sex_is_not_read_as_the_sex_alone(words):
    assert all(question != "sex" for question, *_ in rules(words, "inclusion"))


# 2. Healthy volunteers, in a trial of no illness


@pytest.mark.parametrize(
    "words",
    ["Healthy volunteers", "healthy adult", "Healthy;", "healthy subjects of full age.", "健康志愿者"],
    ids=not_ascii_ids,
)
def test_healthy_volunteers_have_no_lung_condition(words):
    assert rules(words, "inclusion") == [("diagnoses", ["none"], [], False)]


def test_healthy_men_and_women_have_no_lung_condition_and_are_of_either_sex():
    assert rules("Healthy men and women", "inclusion") == [("diagnoses", ["none"], [], False)]


@pytest.mark.parametrize(
    "words, kind, own",
    [
        ("Healthy volunteers", "inclusion", frozenset({"copd"})),  # a control group in a COPD trial
        ("Healthy controls", "inclusion", frozenset()),
        ("Otherwise healthy", "inclusion", frozenset()),  # healthy apart from the trial's own illness
        ("Healthy in the opinion of the investigator", "inclusion", frozenset()),
        ("Healthy volunteers", "exclusion", frozenset()),
        ("健康对照组", "inclusion", frozenset()),
    ],
    ids=not_ascii_ids,
)
def test_healthy_people_as_a_control_group_apart_from_an_illness_or_as_judged_are_not_read(words, kind, own):
    assert ("diagnoses", ["none"], [], False) not in rules(words, kind, own)


@pytest.mark.django_db
def test_a_patient_with_copd_does_not_match_a_healthy_volunteer_study_and_one_without_a_lung_condition_does():
    trial = study("healthy", "Healthy volunteers")
    shown = frozenset({*LUNG, "none"})
    assert verdict(trial, {"diagnoses": ItemsAnswer(frozenset({"copd"}), shown)}) is Verdict.NO_MATCH
    assert verdict(trial, {"diagnoses": ItemsAnswer(frozenset({"none"}), shown)}) is Verdict.MATCH


# 3. A bare "Nursing", "Non-smoking"


@pytest.mark.parametrize("words", ["Nursing", "Currently nursing.", "哺乳期"], ids=not_ascii_ids)
def test_a_bare_nursing_is_breastfeeding(words):
    assert rules(words) == [("pregnant_or_breastfeeding", ["yes"], [], False)]


@pytest.mark.parametrize(
    "words", ["Nursing home residents", "Resides in a nursing home", "Nursing staff of the ward"], ids=not_ascii_ids
)
def test_nursing_as_a_home_or_a_profession_is_not_breastfeeding(words):
    assert all(question != "pregnant_or_breastfeeding" for question, *_ in rules(words))


@pytest.mark.parametrize(
    "words", ["Non-smoking", "non-smoking (assessed by a health questionnaire)", "Currently non-smoking"]
)
def test_non_smoking_settles_a_never_smoker_and_leaves_a_former_smoker_to_the_study_team(words):
    assert rules(words, "inclusion") == [("smoking_status", ["never"], ["former"], False)]


def test_not_currently_smoking_keeps_its_reading_as_the_negated_current_smoker():
    assert rules("Not currently smoking", "inclusion") == [("smoking_status", ["current"], [], True)]


@pytest.mark.parametrize("words", ["Lives in a non-smoking household", "A non-smoking environment at home"])
def test_a_non_smoking_home_is_not_the_patient_s_smoking(words):
    assert rules(words, "inclusion") == []


# 4. An allergy to a medicine in more wordings


@pytest.mark.parametrize(
    "words",
    [
        "Allergy to tranexamic acid;",
        "Allergy to mifepristone or misoprostol",
        "Known allergy to aztreonam",
        "Known hypersensitivity to oxytocin",
        "Sensitivity to local anesthetic drugs.",
        "Known sensitivity for sympathomimetic drugs",
        "有任何疫苗接种严重过敏史，如过敏性休克、过敏性喉头水肿、过敏性紫癜、血小板减少性紫癜、局部过敏坏死反应（Arthus反应）",
        "有疫苗或疫苗成份过敏史",
    ],
    ids=not_ascii_ids,
)
def test_an_allergy_or_a_sensitivity_to_a_medicine_or_a_vaccine_is_the_medicine_allergy_question(words):
    assert rules(words) == [("medicine_allergy", [], ["yes"], False)]


@pytest.mark.parametrize(
    "words",
    [
        "insulin sensitivity below the normal range",  # no allergy
        "Increased sensitivity to loud sounds",
        "Lactose allergy or sensitivity to the study drug",  # an allergy to a food beside it
        "Allergy to gelatin",
        "既往有过敏性休克等严重过敏史者",  # anaphylaxis of any cause
        "对试验疫苗的任何成分（包括：鸡蛋、卵清蛋白等）有过严重过敏史，如过敏性休克",  # egg
        "History of anaphylaxis or allergy to the study drug",
        "有过敏性紫癜病史",  # an illness, not an allergy to a medicine
    ],
    ids=not_ascii_ids,
)
def test_an_allergy_not_only_to_medicines_or_no_allergy_at_all_is_not_the_medicine_allergy_question(words):
    assert all(question != "medicine_allergy" for question, *_ in rules(words))


def test_a_medicine_named_beside_an_illness_in_a_list_after_an_allergy_is_read_as_an_illness():
    """ "有药物过敏史、抽搐、癫痫、精神疾病": the list's comma ends the allergy, so epilepsy is an illness of its own."""
    found = rules("有药物过敏史、抽搐、癫痫、精神疾病和明显严重的全身性反应者")
    assert ("medicine_allergy", [], ["yes"], False) in found
    assert ("other_conditions", ["epilepsy", "mental_illness"], [], False) in found


# 5. An infection of one site or germ now, and alcohol or drug dependence in other words


@pytest.mark.parametrize(
    "words",
    [
        "Patients with active urinary tract infection",
        "Active enteric infections",
        "skin infections,",
        "尿路感染",
        "伴有系统性病毒感染的患者",
    ],
    ids=not_ascii_ids,
)
def test_an_infection_of_one_site_or_germ_now_leaves_an_infection_now_to_the_study_team(words):
    """A patient with no infection now is settled; one with an infection elsewhere may answer yes too."""
    assert rules(words) == [("infection_now", [], ["yes"], False)]


@pytest.mark.parametrize(
    "words",
    [
        "History of recurrent urinary tract infections",
        "Urinary tract infection within the last 2 weeks",
        "Skin infection at the injection site",
        "Vaccinated against meningococcal infections",
        "既往尿路感染史",
        "注射部位皮肤感染",
    ],
    ids=not_ascii_ids,
)
def test_a_past_recurring_timed_or_local_infection_of_one_site_is_not_an_infection_now(words):
    assert all(question != "infection_now" for question, *_ in rules(words))


@pytest.mark.parametrize(
    "words",
    ["Drug addicts or alcoholics", "Current or past history of drug or alcohol dependency", "吸毒者"],
    ids=not_ascii_ids,
)
def test_addicts_alcoholics_and_a_dependency_are_the_alcohol_or_drug_dependence_item(words):
    assert rules(words) == [("other_conditions", ["substance_abuse"], [], False)]


@pytest.mark.parametrize(
    "words", ["Illicit substance use", "Alcohol consumption >14 units / week", "Family members of alcoholics"]
)
def test_drug_use_drinking_or_a_relative_s_dependence_is_not_the_dependence_item(words):
    """Using a drug or drinking is not a dependence a patient would tick; a relative's is not the patient's."""
    assert all("substance_abuse" not in [*values, *uncertain] for _q, values, uncertain, _n in rules(words))


# 6. Being held now, in other words


@pytest.mark.parametrize(
    "words",
    ["Incarceration", "Participant in custody.", "当前被行政或法庭命令强制要求入住收容机构。"],
    ids=not_ascii_ids,
)
def test_being_held_in_prison_custody_or_an_institution_by_order_is_being_deprived_of_liberty(words):
    assert rules(words) == [("legal_protection", ["yes"], [], False)]


@pytest.mark.parametrize(
    "words",
    ["History of incarceration", "Expected discharge to a prison", "既往有羁押史", "Inmates of psychiatric wards"],
    ids=not_ascii_ids,
)
def test_a_past_or_expected_detention_is_not_being_held_now(words):
    assert all(question != "legal_protection" for question, *_ in rules(words))


# 7. An illness and what it needs


@pytest.mark.parametrize(
    "words, item",
    [
        ("Thyroid disease that requires active treatment", "thyroid_disease"),
        ("Active autoimmune disease that has required systemic treatment in past 2 years.", "autoimmune_disease"),
        ("Severe mental disorders requiring specific treatment resources.", "mental_illness"),
        ("过去12个月内由于甲状腺疾病需要治疗", "thyroid_disease"),
    ],
    ids=not_ascii_ids,
)
def test_an_illness_followed_by_what_it_needs_is_a_narrower_kind_for_the_study_team(words, item):
    assert rules(words) == [("other_conditions", [], [item], False)]


@pytest.mark.parametrize(
    "words",
    ["Asthma requiring daily oral steroids", "Pregnancy requiring bed rest", "Smokers who need nicotine replacement"],
)
def test_what_a_lung_diagnosis_or_a_state_needs_is_not_read_as_a_narrower_illness(words):
    """Only illnesses on the other-conditions list: the words after a lung diagnosis or a state still qualify them."""
    assert all(question != "other_conditions" for question, *_ in rules(words))


@pytest.mark.django_db
def test_a_concept_with_no_chinese_name_is_named_in_english_on_the_chinese_review_page():
    [draft] = drafted("Healthy volunteers")
    names = draft.proposal["names"]
    assert names["en"] and names["zh"] == names["en"]  # "healthy_volunteer" has no Chinese synonym in the table
