"""Lines that are no criterion, and what patients can say about themselves that the screener did not ask (issue 21,
decision record 0086). A page's empty statements ("Not specified", "See Disease Characteristics"), its section
labels without their colon ("Patient Characteristics", "Eye-Related", "Table 1", "Cohort 1a and 1b"), a unit alone and
a line that stops where its list begins ("Relative contraindications include") are procedural headings: never a
check, never listed to patients, never counted; a real short criterion ("Pregnancy", "HIV", "Age: 18 to 65") stays a
screening clause. Three things patients know about themselves are asked now: any vaccine in the last 3 months (an item
of the operations-and-treatments list, read only with a time), a serious loss of hearing or sight (an item of the
other-illnesses list) and whether a woman could become pregnant (a question of its own on the pregnancy screen, asked
of women below the pregnancy question's age, read only in exclusions that state it). The words are our own."""

import pytest

from tests.trials.registry.concept_readings import drafted_exclusions, not_ascii_ids, rules, study_excluding
from trials import eligibility, screens
from trials.eligibility import Verdict
from trials.registry.concepts import matching
from trials.registry.concepts.drafts import procedural_proposal
from trials.registry.importing import ensure_questions

# 1. Lines that are no criterion are headings


@pytest.mark.parametrize(
    "words",
    [
        "Not specified",
        "See Disease Characteristics",
        "Hepatic: Not specified",
        "Renal: See Disease Characteristics",
        "Not specified PRIOR CONCURRENT THERAPY:",
        "None known",
        "暂无",
        "Patient Characteristics",
        "DISEASE CHARACTERISTICS",
        "Participant-Related",
        "Eye-Related",
        "Table 1.",
        "TABLE 2",
        "Cohort 1a and 1b",
        "/L;",
        "5.2) 肝功能:",
        "Relative contraindications include",
        "Patient has all required essential data elements which include:",
        "Some of the basic criteria that you must meet are:",
    ],
    ids=not_ascii_ids,
)
def test_a_line_that_is_no_criterion_is_a_procedural_heading(words):
    assert matching.clause_class(words) == "heading"
    assert procedural_proposal(words) == {"procedural": "heading"}


@pytest.mark.parametrize(
    "words",
    [
        "Pregnancy",
        "HIV",
        "Age: 18 to 65",
        "Hepatic: bilirubin < 1.5 mg/dL",
        "Not pregnant",
        "Not specified allergy to penicillin",
        "None of acute infections within the past four weeks;",
        "Cohort 1: asthma",
        "Eye disease related to diabetes",
        "Severe pre-eclampsia defined by",
        "Chronic ESBL colonisation as determined by",
        "Patients with HIV who",
        "5.3.2) 尿蛋白定性≤1+",
        "无哮喘",
        "Table salt intake above 10 g a day",
    ],
    ids=not_ascii_ids,
)
def test_a_short_criterion_or_one_whose_definition_follows_stays_a_screening_clause(words):
    assert matching.clause_class(words) == "screening"
    assert procedural_proposal(words) == {}


# 2. Any vaccine in the last 3 months: an item of the operations-and-treatments list, read with a time only


@pytest.mark.parametrize(
    "words, values, uncertain",
    [
        ("Vaccination within 3 months", ["recent_vaccine"], []),
        ("近3个月内接种过疫苗", ["recent_vaccine"], []),
        # a shorter time, or one kind of vaccine: a patient who had one may not have had that one so lately
        ("Any vaccine within 4 weeks before randomisation", [], ["recent_vaccine"]),
        ("近1个月内接种过疫苗", [], ["recent_vaccine"]),
        ("Received influenza vaccination within 3 months before screening", [], ["recent_vaccine"]),
        ("7天内接种过亚单位疫苗或灭活疫苗", [], ["recent_vaccine"]),
    ],
    ids=not_ascii_ids,
)
def test_a_vaccine_read_with_a_time_is_the_recent_vaccine_item(words, values, uncertain):
    assert rules(words) == [("lung_procedures", values, uncertain, False)]


@pytest.mark.parametrize(
    "words",
    [
        "Previous receipt of any HZ vaccine",  # ever: not the last 3 months
        "Received any vaccine in the past 6 months",  # a longer time than the item's
        "既往接种过人用狂犬病疫苗",
        "Planned vaccination during the study",
        "History of severe reaction to vaccination",
    ],
    ids=not_ascii_ids,
)
def test_a_vaccine_without_a_time_a_longer_one_or_a_plan_is_not_the_item(words):
    assert all(values == [] and uncertain == [] for _q, values, uncertain, _n in rules(words))


@pytest.mark.django_db
def test_a_vaccination_in_a_window_is_drafted_on_the_item_an_import_asks():
    [draft] = drafted_exclusions("Vaccination within 2 weeks before screening")
    assert (draft.question.key, draft.values, draft.uncertain_values) == ("lung_procedures", [], ["recent_vaccine"])
    # a blood donation is an item of its own since decision record 0105, never the vaccine item
    [donation] = drafted_exclusions("Blood donation within 2 weeks before screening")
    assert (donation.question.key, donation.values, donation.uncertain_values) == (
        "lung_procedures",
        [],
        ["blood_donation"],
    )


@pytest.mark.parametrize("words", ["对试验疫苗的任何成分过敏", "Allergy to the study vaccine"], ids=not_ascii_ids)
def test_the_study_s_own_vaccine_in_an_allergy_is_no_vaccination(words):
    assert "lung_procedures" not in [question for question, *_ in rules(words)]


def test_an_allergy_to_the_study_s_vaccine_stays_the_medicine_allergy_question():
    assert rules("对试验疫苗的任何成分过敏") == [("medicine_allergy", [], ["yes"], False)]


# 3. A serious loss of hearing or sight: an item of the other-illnesses list


@pytest.mark.parametrize(
    "words, values, uncertain",
    [
        ("Uncorrected hearing or vision impairment", ["hearing_or_sight_loss"], []),
        ("Blindness", ["hearing_or_sight_loss"], []),
        ("Patients who are deaf or hearing-impaired", ["hearing_or_sight_loss"], []),
        ("耳聋", ["hearing_or_sight_loss"], []),
        # a loss of no stated degree: a mild one is not ticked as serious
        ("Evidence of hearing impairment", [], ["hearing_or_sight_loss"]),
        ("有视力障碍者", [], ["hearing_or_sight_loss"]),
    ],
    ids=not_ascii_ids,
)
def test_a_loss_of_hearing_or_sight_is_the_item(words, values, uncertain):
    assert rules(words) == [("other_conditions", values, uncertain, False)]


@pytest.mark.parametrize(
    "words", ["Double-blind phase", "单盲", "Family history of deafness", "Best corrected visual acuity 20/40"]
)
def test_a_blinded_study_a_relative_s_deafness_or_an_acuity_is_not_the_item(words):
    assert rules(words) == []


# 4. Whether a woman could become pregnant: a question of its own, read in exclusions that state it


@pytest.mark.parametrize(
    "words, values, uncertain",
    [
        ("Women of childbearing potential", ["yes"], []),
        ("Women of child-bearing potential not using highly effective methods of contraception", [], ["yes"]),
        ("有生育能力的患者不愿或无法采取有效的避孕措施者", [], ["yes"]),
        ("Perimenopausal", [], ["yes"]),
        ("Postmenopausal women", [], ["no"]),
        ("绝经后女性", [], ["no"]),
    ],
    ids=not_ascii_ids,
)
def test_an_exclusion_that_states_whether_a_woman_could_become_pregnant_is_the_question(words, values, uncertain):
    assert [r for r in rules(words) if r[0] == "could_become_pregnant"] == [
        ("could_become_pregnant", values, uncertain, False)
    ]


@pytest.mark.parametrize(
    "words, kind",
    [
        (
            "Postmenopausal women",
            "inclusion",
        ),  # often one of alternatives: … surgically sterile, or using contraception
        ("Surgically sterile", "inclusion"),
        (
            "Female participants are not of childbearing potential, or agree to follow contraceptive guidance",
            "inclusion",
        ),
        ("A urine pregnancy test will be performed in women of child-bearing potential at screening", "exclusion"),
        (
            "Females who are surgically sterilised or post-menopausal are not considered of childbearing potential",
            "exclusion",
        ),
    ],
)
def test_an_inclusion_a_test_population_or_a_definition_is_not_the_question(words, kind):
    assert [r for r in rules(words, kind) if r[0] == "could_become_pregnant"] == []


@pytest.mark.django_db
def test_the_new_question_is_asked_of_women_below_the_pregnancy_age_on_the_pregnancy_screen():
    questions = ensure_questions()
    question = questions["could_become_pregnant"]
    assert question.prompt and question.prompt_zh_hans and question.help_text_zh_hans
    assert (question.asked_only_if.key, question.asked_only_if_codes) == ("sex", ["female"])
    assert (question.asked_only_under_age, question.implied_answer) == (55, "no")
    infos = {key: q.to_info() for key, q in questions.items()}
    wocbp = study_excluding("wocbp", "Women of childbearing potential")
    older = {"sex": "female", "age": 68}
    assert eligibility.evaluate([wocbp], older, infos)[0].verdict is Verdict.MATCH  # implied: she could not
    younger = {"sex": "female", "age": 30, "could_become_pregnant": "yes"}
    assert eligibility.evaluate([wocbp], younger, infos)[0].verdict is Verdict.NO_MATCH
    assert "could_become_pregnant" in screens.screen("pregnancy").questions


@pytest.mark.django_db
def test_every_new_item_has_an_english_and_a_chinese_label():
    questions = ensure_questions()
    for key, code in (("lung_procedures", "recent_vaccine"), ("other_conditions", "hearing_or_sight_loss")):
        choice = next(c for c in questions[key].choices if c["code"] == code)
        assert choice["label"] and choice["label_zh_hans"]
