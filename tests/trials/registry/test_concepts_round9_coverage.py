"""Round nine's coverage (issue 21, decision record 0094): clauses that are no check on a patient are procedural, and
three families a patient can answer about themselves reach a question.

- A catch-all that says only that someone is not suitable for the study, or leaves it to someone's judgement
  ("Investigator considering inappropriate.", "Study team's discretion", "经研究者或申办方判定…不适合进入这项研究的
  任何情况") is procedural `judgement`; consent in its other forms ("informed consents", "consenting to"), a
  willingness said otherwise ("Voluntary participation", "Unwillingness to participate") and having been in this
  study already are procedural too. A clause that names a state, an illness or a test beside the judgement stays a
  screening clause.
- Taking part in another trial, said in more ways ("participating in a clinical trial", "ongoing clinical trials",
  "concurrent clinical study", "其他正在进行的临床研究"), is the other-trial question.
- Metal in the body (an implant, plate, screw or clip, fragments) is a new item of the operations-and-treatments list;
  metal of one kind or in one place (an aneurysm clip, metal in an eye or in the head, a metal prosthesis that may be a
  tooth's) is that item for the study team; metal taken out, or an MRI contraindication in general, is not read.

The words are our own, in the registry's manner."""

import pytest

from tests.trials.registry.concept_readings import drafted_exclusions, not_ascii_ids, rules, study_excluding
from trials import eligibility
from trials.eligibility import Verdict
from trials.registry.concepts import matching
from trials.registry.concepts.drafts import procedural_proposal
from trials.registry.importing import ensure_questions

# 1. A catch-all left to someone's judgement, with nothing else in it, is procedural


@pytest.mark.parametrize(
    "words",
    [
        "Investigator considering inappropriate.",
        "Investigator discretion",
        "Study team's discretion",
        "on the consideration of investigator",
        "Subjects deemed not suitable for study at the discretion of the investigator.",
        "Participant is unsuitable to participate in the study in the opinion of the investigator",
        "Anyone who, in the opinion of the PI, is unfit or unsuitable to participate in the study",
        "Patients who are inappropriate to join this trial judged by the radiologists or specialists.",
        "A person who is deemed unsuitable for participation in clinical trials by examiners",
        "Other patients who are judged by the principal or sub-investigator to be ineligible for participation",
        "other patients viewed as inappropriate by the staff",
        "Patients who are not appropriate for this study",
        "Not suitable for study participation due to other reasons at the discretion of the investigators",
        "Any condition or situation that the Sponsor or Investigator determines as inappropriate for study inclusion",
        "Condition or situation which, in the investigator's opinion, may put the patient at significant risk",
        "History of clinically significant medical condition that, in the opinion of the investigator, would "
        "adversely affect participation in this study.",
        "Have a condition or be in a situation which the investigator feels may put the subject at significant risk",
        "Any clinically significant issue, based investigator judgement",
        "Other conditions that in the opinion of researchers may pose any risk to the patient during the study.",
        "Any other reason which, according to investigator, might interfere with research objective evaluation",
        "Patient who has any other life-threatening illness which in the opinion of the investigator would "
        "compromise patient safety",
        "既往或目前存在经研究者或申办方判定，使得受试者不适合进入这项研究的任何情况。",
        "A:存在任何具有临床意义的疾病或异常史,且研究者认为可能会使受试者因参加研究而面临风险。",
    ],
    ids=not_ascii_ids,
)
def test_a_catch_all_left_to_judgement_is_procedural(words):
    assert matching.clause_class(words) == "judgement"
    assert procedural_proposal(words) == {"procedural": "judgement"}
    assert rules(words) == []


@pytest.mark.parametrize(
    "words",
    [
        # what the patient is not suitable for is a treatment or a test, not the study
        "Patients who are not suitable for radiochemotherapy",
        "Patient is medically unfit for surgery due to concurrent medical comorbidities.",
        "Patients unfit for contrast MRI exam",
        # a concept, a symptom or a finding beside the judgement: the patient can say something about it
        "Patients with diabetes judged by the investigator to be unsuitable for the study",
        "History of asthma as determined by the investigator",
        "服用研究药物前14天内有腹泻、消化不良、恶心、呕吐等症状,且研究者认为不宜参加试验者;",
        "Significant renal disease in the opinion of the investigator",
        "Clinically significant anaemia, in the investigator's opinion",
    ],
    ids=not_ascii_ids,
)
def test_a_judgement_about_something_else_or_beside_a_concept_stays_a_screening_clause(words):
    assert matching.clause_class(words) == "screening"


@pytest.mark.parametrize(
    "words, found",
    [
        ("Signed an approved informed consents", "consent"),
        ("Provide written informed consents.", "consent"),
        ("Minors or non-consenting subjects are also excluded", "consent"),
        ("Subject has consented to an interscalene block", "consent"),
        ("Voluntary participation.", "willingness"),
        ("To accept voluntary participation in the study", "willingness"),
        ("those people who want to voluntarily participate in the study.", "willingness"),
        ("Patient who accepted to participate in the study", "willingness"),
        ("Volunteering to participate in the study", "willingness"),
        ("Unwillingness to participate in the study", "willingness"),
        ("Subject who disagree to do this trial", "willingness"),
        ("Patients who refused the clinical trial", "willingness"),
        ("受试者主动退出或研究者判断不适宜参加。", "willingness"),
        ("Previously enrolled in the study", "logistics"),
        ("Has already participated in the study.", "logistics"),
        ("Patient who participated already in this study.", "logistics"),
        ("Previous inclusion in the present study;", "logistics"),
        ("之前参加过此项试验(从筛选期算为参加,不可重复筛选)。", "logistics"),
        ("能够按照试验方案要求完成研究;", "willingness"),
        ("并有能力完成所有试验程序;", "willingness"),
        ("Inability to return for follow appointments", "willingness"),
        ("计划在研究结束前搬离本地或在预定研究访视期间长时间离开本地;", "logistics"),
        ("Controls will be matched for age and sex.", "instruction"),
        ("Patients in both groups will be matched for age (± 5 years), sex", "instruction"),
        ("Patients will be recruited from the Division of Gastroenterology and Hepatology", "instruction"),
        ("研究者认为受试者有任何原因可能不会完成本研究者;", "judgement"),
    ],
    ids=not_ascii_ids,
)
def test_consent_willingness_and_this_study_said_otherwise_are_procedural(words, found):
    assert matching.clause_class(words) == found


@pytest.mark.parametrize(
    "words",
    [
        "Non-localizing SPECT-CT performed within 365 days prior to consent to participate in study",
        "All subjects will be consented prior to initiating the study; >45 BMI",
        "Previously enrolled in the study of inhaled insulin",
        "Previously enrolled in another study of this drug",
        "能够完成6分钟步行试验",  # an ability to walk, not to finish the study
        "Patients with asthma will be recruited if they use inhaled steroids",
        "研究者认为存在严重的哮喘",
    ],
    ids=not_ascii_ids,
)
def test_consent_as_a_time_another_study_a_walk_or_a_named_illness_is_not_procedural(words):
    assert matching.clause_class(words) == "screening"


def test_a_state_named_before_a_willingness_still_counts():
    words = "Pregnant patients that do not want to participate in the study."
    assert matching.clause_class(words) == "willingness"
    assert rules(words) == [("pregnant_or_breastfeeding", ["yes"], [], False)]


@pytest.mark.parametrize(
    "words, found",
    [
        ("Does not meet inclusion criteria", "other_criteria"),
        ("Not meeting all of the inclusion criteria", "other_criteria"),
        ("Doesn't meet all the inclusion criteria", "other_criteria"),
        ("Failure to meet the Inclusion Criteria.", "other_criteria"),
        ("None of the exclusion criteria", "other_criteria"),
        ("No eligibility criteria", "other_criteria"),
        ("Some details about the eligibility criteria are purposely omitted at this time", "other_criteria"),
        ("Key inclusion and exclusion criteria", "heading"),
        ("Table 1: In- and exclusion criteria.", "heading"),
        ("Inclusion and exclusion criteria for study population", "heading"),
        ("Subjects will not be included in this study if they meet any of the following", "heading"),
    ],
)
def test_a_line_about_the_criteria_themselves_is_procedural(words, found):
    assert matching.clause_class(words) == found


@pytest.mark.parametrize(
    "words",
    [
        "Meets DSM-5 criteria for major depressive disorder",
        "Does not meet criteria for asthma",
        "Patients who were diagnosed according to the criteria of the American diabetes association.",
        "Eligibility criteria for HIV treatment met",
        "Patients with HIV if they meet any of the following",
    ],
)
def test_criteria_for_an_illness_or_a_list_that_names_one_stay_screening_clauses(words):
    assert matching.clause_class(words) == "screening"


# 2. Another trial, said in more ways


@pytest.mark.parametrize(
    "words",
    [
        "participating in a clinical trial",
        "Inclusion in ongoing clinical trials.",
        "Participation in competing interventional trial on cancer treatment",
        "Currently participating in an investigational clinical trial (not observational cohort studies)",
        "Ongoing participation in other research trials for back pain management.",
        "Patient participating in other interventional research",
        "The patient is enrolled in any clinical trial of an investigational product.",
        "Other drug clinical trials are currently underway.",
        "正在参加其他正在进行的临床研究",
    ],
    ids=not_ascii_ids,
)
def test_taking_part_in_another_trial_is_the_other_trial_question(words):
    assert rules(words) == [("other_trial_recent", ["within_4w"], [], False)]


def test_not_taking_part_in_a_trial_is_negated_in_an_inclusion():
    assert rules("Not participating in a clinical trial", "inclusion") == [
        ("other_trial_recent", ["within_4w"], [], True)
    ]


@pytest.mark.parametrize(
    "words",
    [
        "Any previous exposure to marketed dupilumab or dupilumab in a clinical trial",
        "People who will be able to collect blood sample during clinical trial period.",
        "计划在本研究期间参与另一个临床试验者",
    ],
    ids=not_ascii_ids,
)
def test_a_medicine_taken_in_a_trial_the_trial_s_own_period_or_a_plan_is_not_the_question(words):
    assert "other_trial_recent" not in [question for question, *_ in rules(words)]


# 3. Metal in the body: an item of the operations-and-treatments list


@pytest.mark.parametrize(
    "words",
    [
        "Metal implants",
        "Metallic implants or shrapnel in body",
        "Presence of metal implants, devices or fragments in the body",
        "Metal implants in the body",
        "体内有金属植入物者",
    ],
    ids=not_ascii_ids,
)
def test_metal_in_the_body_is_the_item(words):
    assert rules(words) == [("lung_procedures", ["metal_in_body"], [], False)]


@pytest.mark.parametrize(
    "words",
    [
        "Metallic splinters in the eye",
        "Presence of metal chips in the eyes",
        "Metal clips in brain or tattoos above neck",
        "Metal prosthesis carrier (teeth, knees)",
        "Patients with implanted metal parts in the brain or chest",
        "颅内金属异物",
        "有头部金属植入物者",
        "有眼内金属异物者",
    ],
    ids=not_ascii_ids,
)
def test_metal_of_one_kind_or_in_one_place_is_the_item_for_the_study_team(words):
    assert rules(words) == [("lung_procedures", [], ["metal_in_body"], False)]


def test_metal_beside_a_pacemaker_is_both_items():
    assert rules("significant metal implants or cardiac/other pacemakers.") == [
        ("lung_procedures", ["metal_in_body", "pacemaker"], [], False)
    ]


@pytest.mark.parametrize(
    "words, values, uncertain",
    [
        ("hearth failure", ["heart_failure"], []),
        ("bleeding tendencies", ["bleeding_disorder"], []),
        ("prior diagnosis of AF", ["arrhythmia"], []),
        ("Prosthetic heart valves", [], ["heart_disease"]),
        ("severe aortic insufficiency", [], ["heart_disease"]),
        ("人工心脏瓣膜", [], ["heart_disease"]),
    ],
    ids=not_ascii_ids,
)
def test_more_names_of_illnesses_the_list_asks_about(words, values, uncertain):
    assert rules(words) == [("other_conditions", values, uncertain, False)]


@pytest.mark.parametrize(
    "words",
    [
        "presence of a cardiac rhythm device (pacemaker or ICD) capable of AF monitoring",
        "AF burden > 5%",
        "Lu AF11167",
        "Prior ablation procedure for AF",  # an operation some patients with AF had, which no item asks about
        "Patients with a past history of radiofrequency ablation for atrial fibrillation",
    ],
)
def test_watching_for_af_an_ablation_for_it_or_a_code_with_af_in_it_is_not_the_arrhythmia(words):
    assert "other_conditions" not in [question for question, *_ in rules(words)]


def test_no_metal_in_an_inclusion_is_negated():
    assert rules("No metal implants", "inclusion") == [("lung_procedures", ["metal_in_body"], [], True)]


@pytest.mark.parametrize(
    "words",
    [
        "History of metal fragments removed from the eye",
        "既往有金属植入物取出史",
        "Removal of metal implants planned during the study",
        "Contraindications for MRI",
        "Presence of metal tattoo near the head",
        "Non-ferromagnetic stapedial implants",
    ],
    ids=not_ascii_ids,
)
def test_metal_taken_out_planned_a_tattoo_or_an_mri_contraindication_is_not_the_item(words):
    assert "metal_in_body" not in [code for _q, values, uncertain, _n in rules(words) for code in values + uncertain]


@pytest.mark.django_db
def test_the_metal_item_has_both_labels_and_a_study_excluding_metal_closes_only_a_patient_who_ticks_it():
    questions = ensure_questions()
    choice = next(c for c in questions["lung_procedures"].choices if c["code"] == "metal_in_body")
    assert choice["label"] and choice["label_zh_hans"]
    [draft] = drafted_exclusions("Metallic implants")
    assert (draft.question.key, draft.values, draft.uncertain_values) == ("lung_procedures", ["metal_in_body"], [])
    infos = {key: q.to_info() for key, q in questions.items()}
    study = study_excluding("mri", "Metallic implants")
    with_metal = {"lung_procedures": ["metal_in_body"]}
    without = {"lung_procedures": ["none"]}
    assert eligibility.evaluate([study], with_metal, infos)[0].verdict is Verdict.NO_MATCH
    assert eligibility.evaluate([study], without, infos)[0].verdict is Verdict.MATCH


def test_the_glossary_names_the_metal_item():
    from pathlib import Path

    glossary = (Path(__file__).resolve().parents[3] / "docs" / "glossary-zh.md").read_text(encoding="utf-8")
    assert "体内有金属" in glossary
