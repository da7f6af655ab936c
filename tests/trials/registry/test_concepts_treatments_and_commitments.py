"""Medicines, procedures and the clause classes a patient can or cannot answer (issue 21, decision record 0071), each
kind read in English and Chinese where it exists in both and on both sides of its boundary: cancer treatment in the
past or within a time is a question on the cancer question for the study team, a planned operation is the planned
operation question, another trial and stem cell therapy have their own questions, and agreement, commitment and the
contraception a study asks for are procedural while the abilities a willingness clause names are not. The words are
our own."""

import pytest

from tests.trials.registry.concept_readings import not_ascii_ids, rules
from trials.registry.concepts import matching

FOR_THE_TEAM = ["within_5y", "minor_within_5y", "over_5y"]


# 1. Cancer treatment had before, or within a time: the cancer question, every answer but "never" for the study team


@pytest.mark.parametrize(
    "words",
    [
        "Previous radiation therapy or chemotherapy",
        "Has received anticancer treatment in the past",
        "Prior antineoplastic therapy",
        "既往接受过放疗",
        "曾接受化疗的患者",
    ],
    ids=not_ascii_ids,
)
def test_cancer_treatment_had_before_leaves_every_cancer_to_the_study_team(words):
    assert rules(words) == [("cancer_history", [], FOR_THE_TEAM, False)]


@pytest.mark.parametrize(
    "words", ["No earlier chemotherapy", "Never received radiotherapy", "既往未接受过化疗"], ids=not_ascii_ids
)
def test_no_earlier_cancer_treatment_is_negated_so_a_patient_never_told_of_a_cancer_meets_it(words):
    assert rules(words, "inclusion") == [("cancer_history", [], FOR_THE_TEAM, True)]


@pytest.mark.parametrize(
    "words",
    [
        "Radiotherapy within the past 6 months",
        "Chemotherapy in the last 18-month period",
        "Anticancer therapy within 3 weeks of the first dose",
        "近3个月内化疗",
    ],
    ids=not_ascii_ids,
)
def test_cancer_treatment_within_a_time_is_on_the_cancer_question_not_the_medicines_taken_now(words):
    assert rules(words) == [("cancer_history", [], FOR_THE_TEAM, False)]


@pytest.mark.parametrize("words", ["Currently receiving chemotherapy", "正在接受化疗"], ids=not_ascii_ids)
def test_cancer_treatment_now_stays_on_the_medicines_taken_now(words):
    assert rules(words) == [("medicines_now", ["cancer_treatment"], [], False)]


@pytest.mark.parametrize(
    "words",
    ["Before starting radiotherapy", "Prior to beginning chemotherapy", "化疗前的患者"],
    ids=not_ascii_ids,
)
def test_a_treatment_still_to_start_is_no_past_treatment(words):
    assert rules(words, "inclusion") == []


def test_a_longer_time_than_any_answer_tells_apart_gives_no_draft():
    assert rules("Chemotherapy within the last 12 years") == []


@pytest.mark.parametrize("words", ["Previous allergen immunotherapy", "Prior sublingual immunotherapy", "既往脱敏治疗"])
def test_allergy_shots_are_not_cancer_treatment(words):
    assert rules(words) == []


# 2. An operation the patient is scheduled for: the planned operation question, "yes" for the study team


@pytest.mark.parametrize(
    "words",
    [
        "Adults scheduled for elective hip surgery",
        "Patients undergoing elective abdominal surgery",
        "Planning to undergo a knee replacement",
        "Booked for an operation on the spine",
        "Patients due to have a lobectomy",
        "择期行腹部手术的患者",
        "拟接受腹腔镜手术的患者",
    ],
    ids=not_ascii_ids,
)
def test_an_operation_the_patient_is_scheduled_for_is_a_planned_operation(words):
    assert rules(words, "inclusion") == [("planned_surgery", [], ["yes"], False)]


@pytest.mark.parametrize(
    "words",
    [
        "Patients undergoing emergency surgery",
        "Has undergone or is going to have bowel surgery",
        "Able to undergo surgery",
        "Opioid use for 3 months before scheduled surgery",
        "Requiring surgery for a fracture",
        "既往曾行手术",
        "术前接受化疗",
    ],
    ids=not_ascii_ids,
)
def test_an_emergency_a_past_an_ability_a_need_or_a_time_anchor_is_no_planned_operation(words):
    assert all(question != "planned_surgery" or values for question, values, _u, _n in rules(words, "inclusion"))
    assert ("planned_surgery", [], ["yes"], False) not in rules(words, "inclusion")


def test_a_recent_operation_with_a_time_still_asks_how_long_ago_it_was():
    [proposal] = matching.proposals("Surgical intervention within the past 8 weeks", "exclusion")
    assert (proposal.question, proposal.upper) == ("days_since_surgery", 56)


# 3. Another trial, and stem cell therapy


@pytest.mark.parametrize(
    "words, days",
    [
        ("Took part in another interventional research study within the past 60 days", 60),
        ("Received an experimental drug within 2 months", 61),
        ("近30天内使用过其他研究药物", 30),
    ],
    ids=not_ascii_ids,
)
def test_another_trial_or_an_experimental_drug_within_a_time_is_days_since_another_trial(words, days):
    [proposal] = matching.proposals(words, "exclusion")
    assert (proposal.question, proposal.upper) == ("days_since_other_trial", days)


@pytest.mark.parametrize("words", ["Current participation in an investigational study", "正在参加其他干预性研究"])
def test_taking_part_in_another_trial_now_is_the_recent_trial_question(words):
    assert rules(words) == [("other_trial_recent", ["within_4w"], [], False)]


def test_allergy_to_the_study_drug_is_not_another_trial():
    assert all(q != "other_trial_recent" for q, *_rest in rules("对研究药物过敏"))


@pytest.mark.parametrize(
    "words, negated",
    [
        ("Prior mesenchymal stem cell therapy", False),
        ("Has ever received stem cell treatment", False),
        ("接受过间充质干细胞治疗", False),
        ("No previous stem cell infusion", True),
    ],
    ids=not_ascii_ids,
)
def test_stem_cell_therapy_is_the_stem_cell_question(words, negated):
    assert rules(words) == [("stem_cell_therapy_ever", ["yes"], [], negated)]


@pytest.mark.parametrize("words", ["Prior CAR-T cell therapy", "Autologous stem cell transplant"])
def test_other_cell_therapies_and_stem_cell_transplants_are_not_stem_cell_therapy(words):
    assert all(q != "stem_cell_therapy_ever" for q, *_rest in rules(words))


# 4. Clause classes: agreement, commitment and the study's contraception are procedural; abilities are not


@pytest.mark.parametrize(
    "words",
    [
        "Agrees not to donate blood during the trial",
        "Agreement to attend every visit",
        "Able to commit to the 12-month follow-up",
        "Women of childbearing potential must use highly effective contraception",
        "Using reliable birth control throughout the treatment period and for 90 days after the last dose",
        "患者同意在研究期间不献血",
        "不能保证试验期间戒酒者",
        "拒绝在研究期间采取避孕措施者",
        "研究期间及末次给药后3个月内采取有效避孕措施",
    ],
    ids=not_ascii_ids,
)
def test_agreement_commitment_and_the_studys_contraception_are_procedural(words):
    assert matching.clause_class(words) == "willingness"
    assert rules(words, "inclusion") == []


@pytest.mark.parametrize(
    "words",
    [
        "Women of childbearing potential not using any birth control",
        "Use of hormonal contraception during the study",
        "Involuntarily committed to a psychiatric ward",
        "Lack of commitment to full life support",
        "Findings in agreement with sarcoidosis",
        "口服避孕药",
    ],
    ids=not_ascii_ids,
)
def test_a_state_now_a_medicine_or_an_agreement_of_findings_is_not_procedural(words):
    assert matching.clause_class(words) == "screening"


@pytest.mark.parametrize(
    "words, question",
    [
        ("Willing and able to perform spirometry", "can_do_spirometry"),
        ("Able to cooperate with lung function testing", "can_do_spirometry"),
        ("能够配合完成肺功能检查", "can_do_spirometry"),
        ("能配合完成6分钟步行试验", "can_walk"),
    ],
    ids=not_ascii_ids,
)
def test_an_ability_named_in_a_willingness_clause_is_still_drafted(words, question):
    assert rules(words, "inclusion") == [(question, ["yes"], [], False)]


def test_unwilling_or_unable_to_do_spirometry_is_the_ability_negated():
    assert rules("Unwilling or unable to perform spirometry") == [("can_do_spirometry", ["yes"], [], True)]


def test_a_willingness_clause_without_an_ability_stays_procedural():
    assert rules("Willing to complete the study questionnaires", "inclusion") == []
    assert rules("能够配合完成研究随访", "inclusion") == []


# 5. More names of states and procedures


@pytest.mark.parametrize(
    "words, question, values, uncertain, negated",
    [
        ("Women who are currently nursing", "pregnant_or_breastfeeding", ["yes"], [], False),
        ("Pregnant or nursing women", "pregnant_or_breastfeeding", ["yes"], [], False),
        ("Not on maintenance dialysis", "other_conditions", [], ["kidney_disease"], True),
    ],
)
def test_more_wordings_of_breastfeeding_and_dialysis(words, question, values, uncertain, negated):
    assert rules(words) == [(question, values, uncertain, negated)]


def test_a_nursing_home_is_not_breastfeeding():
    assert rules("Residents of a nursing home") == []


# 6. Smoking now or stopped a short time ago: how long ago the patient stopped (a smoker enters 0)


@pytest.mark.parametrize(
    "words, days",
    [
        ("Current smokers, or those who stopped smoking < 3 months ago", 92),
        ("Active smoking or quit smoking less than four months ago", 122),
    ],
)
def test_smoking_now_or_stopped_a_short_time_ago_is_a_bound_on_how_long_ago_the_patient_stopped(words, days):
    found = {(p.question, tuple(p.values), p.upper) for p in matching.proposals(words, "exclusion")}
    assert ("days_since_quit_smoking", (), days) in found
    assert found <= {("days_since_quit_smoking", (), days), ("smoking_status", ("current",), None)}


def test_a_current_smoker_without_a_time_is_still_the_smoking_question():
    assert rules("Current smokers") == [("smoking_status", ["current"], [], False)]


def test_a_bound_of_time_ago_dates_other_events_too():
    [proposal] = matching.proposals("Myocardial infarction less than two months ago", "exclusion")
    assert (proposal.question, proposal.upper) == ("days_since_heart_attack", 61)


# 7. A flare-up, pneumonia or COVID-19 now


@pytest.mark.parametrize(
    "words",
    [
        "Acute exacerbation of asthma",
        "Presence of a COPD flare-up at the screening visit",
        "Asthma flare-up at the time of enrolment",
        "Patients experiencing an exacerbation of bronchiectasis",
        "处于哮喘急性发作期",
    ],
    ids=not_ascii_ids,
)
def test_a_flare_up_named_as_an_episode_now_is_zero_days_since(words):
    [proposal] = matching.proposals(words, "exclusion")
    assert (proposal.question, proposal.lower, proposal.upper) == ("days_since_exacerbation", None, 0)


@pytest.mark.parametrize(
    "words",
    [
        "History of acute exacerbations",
        "Frequent acute exacerbations",
        "Three or more acute exacerbations",
        "COPD exacerbation",
        "既往有急性加重史",
    ],
    ids=not_ascii_ids,
)
def test_a_past_a_count_or_a_bare_flare_up_is_no_episode_now(words):
    assert all(p.question != "days_since_exacerbation" for p in matching.proposals(words, "exclusion"))


def test_a_flare_up_with_a_time_keeps_its_time():
    [proposal] = matching.proposals("Acute exacerbation within the last 6 weeks", "exclusion")
    assert (proposal.question, proposal.upper) == ("days_since_exacerbation", 42)


# 8. An allergy to a medicine named by its INN stem


@pytest.mark.parametrize("words", ["Known allergy to sitagliptin", "Hypersensitivity to fluconazole or olanzapine"])
def test_an_allergy_to_a_medicine_named_by_its_stem_is_a_medicine_allergy(words):
    assert rules(words) == [("medicine_allergy", [], ["yes"], False)]


@pytest.mark.parametrize("words", ["Allergy to oats or rice", "Allergy to a cyclone of pollen"])
def test_an_allergy_to_a_food_or_something_else_is_no_medicine_allergy(words):
    assert rules(words) == []


# 9. Coming to the study's visits, understanding it, and access to a phone or the internet are procedural


@pytest.mark.parametrize(
    "words, kind",
    [
        ("Able to come back for follow-up visits over 2 years", "willingness"),
        ("Available for all scheduled study visits", "willingness"),
        ("Unable to understand the study instructions", "willingness"),
        ("能够按时完成随访", "willingness"),
        ("No reliable internet access", "logistics"),
        ("Owns a smartphone", "logistics"),
    ],
    ids=not_ascii_ids,
)
def test_visits_understanding_and_devices_are_procedural(words, kind):
    assert matching.clause_class(words) == kind


@pytest.mark.parametrize(
    "words",
    [
        "ACQ-5 score of at least 1.5 at the screening visit",
        "如果无法提供访视1前6个月内的胸部X线检查则必须进行检查",
        "Severe cognitive impairment",
    ],
    ids=not_ascii_ids,
)
def test_a_value_at_a_visit_or_a_test_to_provide_is_not_procedural(words):
    assert matching.clause_class(words) == "screening"


def test_an_illness_named_before_the_understanding_it_prevents_is_still_drafted():
    words = "Dementia, or unable to understand the study information"
    assert rules(words) == [("other_conditions", ["dementia"], [], False)]


def test_an_allergy_to_a_class_of_medicines_is_a_medicine_allergy():
    assert rules("Known allergy to beta blockers or diuretics") == [("medicine_allergy", [], ["yes"], False)]


# 10. In Chinese, a time after a list's next item dates that item, not a pregnancy now before it


def test_a_pregnancy_now_is_not_dated_by_the_plan_after_it_in_chinese():
    words = "哺乳期、妊娠期及末次用药后3个月内计划生育者"
    assert ("pregnant_or_breastfeeding", ["yes"], [], False) in rules(words)


def test_a_time_after_the_last_of_a_chinese_list_of_events_still_dates_each():
    assert [(p.question, p.upper) for p in matching.proposals("脑卒中或心肌梗死（3个月内）", "exclusion")] == [
        ("days_since_stroke", 92),
        ("days_since_heart_attack", 92),
    ]


def test_the_studys_own_first_dose_is_a_point_in_time_not_another_trial():
    words = "Use of any live vaccines within 28 days of the first dose of investigational medicinal products"
    assert all(
        p.question not in ("days_since_other_trial", "other_trial_recent")
        for p in matching.proposals(words, "exclusion")
    )


def test_no_limit_on_earlier_treatment_is_no_negation():
    words = "There is no limit on the number of prior chemotherapy regimens"
    assert all(not p.negated for p in matching.proposals(words, "inclusion"))


def test_oxygenotherapy_is_long_term_oxygen():
    assert rules("Long-term oxygenotherapy at home") == [("medicines_now", ["long_term_oxygen"], [], False)]
