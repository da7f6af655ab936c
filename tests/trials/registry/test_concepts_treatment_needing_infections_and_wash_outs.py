"""Coverage (issue 21, decision record 0115): answers patients know, on questions and lists they are already asked,
so no new screen.

- An infection now said to need treatment ("Active infection requiring systemic therapy", "需要全身性治疗的活动性感染")
  is the infection-now question for the study team: a patient with no infection is settled, one with an infection may
  or may not need such treatment. A past, recurring or chronic one, one dated by a time (of its treatment too), one at
  a site or an infection needing a stay in hospital gives no draft.
- A class on the medicines-taken-now list used within a month ("systemic immunosuppressants within 14 days",
  "首次给药前4周内使用免疫抑制剂", benzodiazepines within 30 days) is the item taken now in an exclusion, as decision
  record 0105 reads a prescription medicine: whoever takes it now took it within the month. A longer time, a past use
  with no time, a wash-out in hours and an inclusion that requires the use ("treated with biologics within 4 weeks": one
  who stopped last week ticks none) give no draft; an inclusion of no use within the month is the exclusion's rule.
- An allergy to a food, latex, pollen, an insect sting or a metal, an allergic constitution (过敏体质) and a drug or
  food allergy named together are the new any-allergy question ("Have you ever had an allergy or an allergic reaction
  to anything …?", on the allergies part of the screen the medicine-allergy question is on), yes for the study team:
  a patient who never had an allergy is settled. An intolerance is no allergy, and an allergy to the study drug alone
  stays the medicine-allergy question.

The words are our own, in the registry's manner."""

import pytest

from tests.trials.registry.concept_readings import not_ascii_ids, rules, study_excluding
from trials import eligibility, screens
from trials.eligibility import Verdict
from trials.registry.importing import ensure_questions

# 1. An infection now that needs treatment


@pytest.mark.parametrize(
    "words",
    [
        "Active infection requiring systemic therapy.",
        "Has an active infection requiring systemic therapy;",
        "Active infection requiring treatment",
        "Active infection that requires medical therapy",
        "Infection requiring intravenous antibiotics",
        "需要全身性治疗的活动性感染",
        "有需要全身性治疗的活动性感染。感染治愈后，可对受试者重新筛选一次。",
        "需全身性治疗的活动性感染",
    ],
    ids=not_ascii_ids,
)
def test_an_infection_now_that_needs_treatment_is_the_infection_question_for_the_study_team(words):
    assert rules(words) == [("infection_now", [], ["yes"], False)]


def test_no_infection_needing_treatment_as_an_inclusion_is_the_infection_question_negated():
    assert rules("No active infection requiring systemic therapy", "inclusion") == [
        ("infection_now", [], ["yes"], True)
    ]


@pytest.mark.parametrize(
    "words",
    [
        "History of infections requiring treatment",
        "Recurrent infections requiring treatment",
        "Chronic infection requiring treatment",
        "Any active infection requiring systemic anti-infective therapy within 14 days prior to study drug administration",
        "Infection requiring treatment at the injection site",
        "History of infection requiring hospitalization",
        "既往需要全身性治疗的感染",
        "首次试验用药品给药前2周内存在需要进行系统抗感染治疗的活动性感染；",
    ],
    ids=not_ascii_ids,
)
def test_a_past_recurring_timed_local_or_hospital_infection_needing_treatment_is_not_an_infection_now(words):
    assert all(question != "infection_now" for question, *_ in rules(words))


@pytest.mark.django_db
def test_a_patient_without_an_infection_is_settled_and_one_with_an_infection_is_left_to_the_study_team():
    infos = {key: q.to_info() for key, q in ensure_questions().items()}
    study = study_excluding("infections", "Has an active infection requiring systemic therapy.")
    for answer, verdict in (("no", Verdict.MATCH), ("yes", Verdict.POSSIBLE)):
        [result] = eligibility.evaluate([study], {"infection_now": answer}, infos)
        assert result.verdict == verdict


# 2. A class of medicines used within a month


@pytest.mark.parametrize(
    "words, item",
    [
        (
            "Received systemic immunosuppressant therapy within 14 days prior to the first study dose",
            "immunosuppressant",
        ),
        ("研究药物首次给药前4周内使用免疫抑制剂", "immunosuppressant"),
        ("筛选期前 4 周内接受免疫抑制剂治疗(如硫唑嘌呤、环磷酰胺)的患者;", "immunosuppressant"),
        ("Benzodiazepines within 30 days of screening", "benzodiazepine"),
        ("Use of anticoagulants within 7 days before randomisation", "anticoagulant"),
        ("Treatment with a biologic within 4 weeks before screening", "biologic"),
        ("筛选前2周内使用过阿片类药物", "opioid"),
        ("Use of antidepressants in the 4 weeks before the first visit", "antidepressant"),
    ],
    ids=not_ascii_ids,
)
def test_a_class_used_within_a_month_is_the_item_taken_now(words, item):
    assert rules(words) == [("medicines_now", [item], [], False)]


@pytest.mark.parametrize(
    "words, kind",
    [
        ("Patients who received immunosuppressive agent within the past 1 year", "exclusion"),
        ("Biologic therapy within 3 months of screening", "exclusion"),
        ("筛选前3个月内使用过免疫抑制剂", "exclusion"),
        ("History of immunosuppressant therapy", "exclusion"),
        ("Benzodiazepines or alcohol within 12 hours of assessments", "exclusion"),
        ("Treated with biologics within 4 weeks", "inclusion"),
        ("14天内使用过中草药", "inclusion"),
    ],
    ids=not_ascii_ids,
)
def test_a_longer_time_a_past_use_a_wash_out_in_hours_or_an_inclusion_gives_no_item(words, kind):
    assert all(question != "medicines_now" for question, *_ in rules(words, kind))


def test_no_use_of_a_class_within_a_month_as_an_inclusion_is_the_item_negated():
    """The same as an exclusion of a use within the month: a patient on it now is out, one not on it is in."""
    assert rules("Beta-blockers naive or with no beta-blocker use during the last 1 month.", "inclusion") == [
        ("medicines_now", ["beta_blocker"], [], True)
    ]


@pytest.mark.django_db
def test_a_patient_on_the_class_now_is_closed_and_one_not_on_it_is_open():
    infos = {key: q.to_info() for key, q in ensure_questions().items()}
    study = study_excluding("wash-out", "Received systemic immunosuppressant therapy within 14 days before screening")
    on = eligibility.ItemsAnswer(frozenset({"immunosuppressant"}), frozenset({"immunosuppressant"}))
    off = eligibility.ItemsAnswer(frozenset(), frozenset({"immunosuppressant"}))
    assert eligibility.evaluate([study], {"medicines_now": on}, infos)[0].verdict == Verdict.NO_MATCH
    assert eligibility.evaluate([study], {"medicines_now": off}, infos)[0].verdict == Verdict.MATCH


# 3. An allergy of any kind


@pytest.mark.parametrize(
    "words",
    [
        "Food allergies",
        "History of allergy to latex.",
        "Soy allergy",
        "Hypersensitivity for soya, eggs or peanuts",
        "Known allergic reaction to shellfish, crabs, crustaceans, or any trial components, used in trial treatment.",
        "过敏体质者,包括已知对福比他韦或其赋形剂有过敏史者;",
        "既往存在食物药物过敏史或变态反应,对试验药物过敏包括试验药物用辅料过敏者;",
        "对海鲜过敏",
        "有花粉过敏",
    ],
    ids=not_ascii_ids,
)
def test_an_allergy_to_something_other_than_a_medicine_is_the_any_allergy_question_for_the_study_team(words):
    assert rules(words) == [("any_allergy", [], ["yes"], False)]


def test_an_allergic_constitution_beside_a_drug_allergy_is_both_questions():
    assert rules("Allergy constitution or allergy to the drug ingredients and excipients of this test;") == [
        ("any_allergy", [], ["yes"], False),
        ("medicine_allergy", [], ["yes"], False),
    ]


def test_no_food_allergy_of_any_kind_as_an_inclusion_is_the_any_allergy_question_negated():
    assert rules("No history of food allergies of any kind", "inclusion") == [("any_allergy", [], ["yes"], True)]


@pytest.mark.parametrize(
    "words, kind",
    [
        ("Lactose intolerance", "exclusion"),
        ("Patients with food intolerance", "exclusion"),
        ("Known hypersensitivity to the study drug", "exclusion"),
        ("对试验药物过敏者", "exclusion"),
        ("Food-drug interactions with the study drug", "exclusion"),
    ],
    ids=not_ascii_ids,
)
def test_an_intolerance_or_an_allergy_to_the_study_drug_alone_is_not_the_any_allergy_question(words, kind):
    assert all(question != "any_allergy" for question, *_ in rules(words, kind))


@pytest.mark.django_db
def test_a_patient_who_never_had_an_allergy_is_settled_and_one_who_had_is_left_to_the_study_team():
    infos = {key: q.to_info() for key, q in ensure_questions().items()}
    study = study_excluding("allergies", "过敏体质者")
    for answer, verdict in (("no", Verdict.MATCH), ("yes", Verdict.POSSIBLE)):
        [result] = eligibility.evaluate([study], {"any_allergy": answer}, infos)
        assert result.verdict == verdict


def test_the_any_allergy_question_is_asked_beside_the_medicine_allergy_question():
    assert screens.place("any_allergy")[0] == screens.place("medicine_allergy")[0] == "other_studies"
