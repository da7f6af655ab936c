"""Coverage (issue 21, decision record 0127): a past use of a medicine class within a time, and walking, on questions
patients are already asked, so no new screen.

- The lung medicines a trial bars for a wash-out (inhaled steroids, long-acting bronchodilators, theophylline,
  roflumilast, PAH medicines) used within a month ("LABA treatment within the 2 weeks preceding the study",
  "筛选前2周内使用过茶碱") are the item taken now in an exclusion, as decision record 0115 reads twelve other
  classes: whoever takes one now took it within the month. A longer time, a past use with no time and an inclusion
  that asks a recent use give no draft.
- A start, a new use or a change of dose within the time ("Initiation of LABA within 4 weeks", "筛选前4周内开始使用
  吸入性糖皮质激素") is no plain use: a patient on the medicine for years did not start it last month, so the item is
  for the study team.
- Oral or systemic steroids said as a past use ("近3个月内使用过全身性糖皮质激素", "previous use of oral
  corticosteroids within 3 months") are the days since the last course, as they are without the past-use words;
  without a time they give no draft.
- "Non-ambulatory", "unambulatory" are the walking question answered no; "must be ambulatory", "independent
  self-ambulation" answered yes; "ambulatory" that names oxygen, blood-pressure monitoring or outpatient care is not
  walking.

The words are our own, in the registry's manner."""

from decimal import Decimal

import pytest

from tests.trials.registry.concept_readings import not_ascii_ids, rules, study_excluding
from trials import eligibility
from trials.eligibility import Verdict
from trials.registry.concepts import matching
from trials.registry.importing import ensure_questions

# 1. A lung medicine used within a month


@pytest.mark.parametrize(
    "words, item",
    [
        ("LABA treatment within the 2 weeks preceding the study.", "long_acting_bronchodilator"),
        ("Use of tiotropium within 14 days before screening", "long_acting_bronchodilator"),
        ("Use of theophylline within 14 days", "theophylline"),
        ("筛选前2周内使用过茶碱", "theophylline"),
        ("Use of roflumilast within 4 weeks", "roflumilast"),
        ("Treatment with an inhaled corticosteroid within 30 days of visit 1", "inhaled_steroid"),
        ("筛选前4周内使用过吸入性糖皮质激素", "inhaled_steroid"),
        ("Treatment with bosentan within 30 days", "pah_medicine"),
    ],
    ids=not_ascii_ids,
)
def test_a_lung_medicine_used_within_a_month_is_the_item_taken_now(words, item):
    assert rules(words) == [("medicines_now", [item], [], False)]


@pytest.mark.parametrize(
    "words, kind",
    [
        ("Use of inhaled corticosteroids within 3 months", "exclusion"),
        ("筛选前3个月内使用过吸入性糖皮质激素", "exclusion"),
        ("History of theophylline use", "exclusion"),
        ("既往使用过茶碱", "exclusion"),
        ("Treated with ICS within the past 4 weeks", "inclusion"),
        ("On a stable dose of ICS for 4 weeks", "inclusion"),
        ("筛选前4周内使用过吸入性糖皮质激素", "inclusion"),
    ],
    ids=not_ascii_ids,
)
def test_a_longer_time_a_past_use_or_an_inclusion_gives_no_item(words, kind):
    assert all(question != "medicines_now" for question, *_ in rules(words, kind))


def test_no_lung_medicine_within_a_month_as_an_inclusion_is_the_item_negated():
    assert rules("No LABA use within 2 weeks of screening", "inclusion") == [
        ("medicines_now", ["long_acting_bronchodilator"], [], True)
    ]


@pytest.mark.django_db
def test_a_patient_on_theophylline_now_is_closed_and_one_not_on_it_is_open():
    infos = {key: q.to_info() for key, q in ensure_questions().items()}
    study = study_excluding("wash-out", "Use of theophylline within 14 days before screening")
    on = eligibility.ItemsAnswer(frozenset({"theophylline"}), frozenset({"theophylline"}))
    off = eligibility.ItemsAnswer(frozenset(), frozenset({"theophylline"}))
    assert eligibility.evaluate([study], {"medicines_now": on}, infos)[0].verdict == Verdict.NO_MATCH
    assert eligibility.evaluate([study], {"medicines_now": off}, infos)[0].verdict == Verdict.MATCH


# 2. A start or a change within the time


@pytest.mark.parametrize(
    "words, item",
    [
        ("Initiation of LABA within 4 weeks", "long_acting_bronchodilator"),
        ("Started on inhaled corticosteroids within 4 weeks of screening", "inhaled_steroid"),
        ("Changes in dose of theophylline within 4 weeks", "theophylline"),
        ("New beta-blocker within 4 weeks", "beta_blocker"),
        ("筛选前4周内开始使用吸入性糖皮质激素", "inhaled_steroid"),
        ("筛选前2周内调整茶碱剂量", "theophylline"),
    ],
    ids=not_ascii_ids,
)
def test_a_start_or_a_change_within_the_time_is_the_item_for_the_study_team(words, item):
    assert rules(words) == [("medicines_now", [], [item], False)]


# 3. Systemic steroids said as a past use


@pytest.mark.parametrize(
    "words",
    [
        "近3个月内使用过全身性糖皮质激素",
        "筛选前4周内服用过泼尼松",
        "Previous use of oral corticosteroids within 3 months",
        "Treatment with systemic corticosteroids within 4 weeks prior to screening",
    ],
    ids=not_ascii_ids,
)
def test_systemic_steroids_used_within_a_time_are_the_days_since_the_last_course(words):
    [proposal] = matching.proposals(words, "exclusion", "", frozenset())
    assert (proposal.question, proposal.lower, proposal.negated) == ("days_since_systemic_steroids", None, False)
    assert Decimal(28) <= proposal.upper <= Decimal(92)


@pytest.mark.parametrize("words", ["既往使用过全身性糖皮质激素", "History of systemic steroid use"], ids=not_ascii_ids)
def test_systemic_steroids_used_in_the_past_with_no_time_give_no_draft(words):
    assert rules(words) == []


# 4. Walking


@pytest.mark.parametrize(
    "words, kind, rule",
    [
        ("Non-ambulatory", "exclusion", ("can_walk", ["no"], [], False)),
        ("who are unambulatory;", "exclusion", ("can_walk", ["no"], [], False)),
        ("Must be ambulatory", "inclusion", ("can_walk", ["yes"], [], False)),
        ("Subject is ambulant", "inclusion", ("can_walk", ["yes"], [], False)),
        ("Independent self-ambulation", "inclusion", ("can_walk", ["yes"], [], False)),
        ("Patient is not ambulatory", "exclusion", ("can_walk", ["yes"], [], True)),
        ("不能独立行走", "exclusion", ("can_walk", ["yes"], [], True)),
    ],
    ids=not_ascii_ids,
)
def test_ambulatory_or_not_is_the_walking_question(words, kind, rule):
    assert rules(words, kind) == [rule]


@pytest.mark.parametrize(
    "words",
    [
        "Ambulatory blood pressure monitoring within 4 weeks",
        "Ambulatory care setting",
        "Must be ambulatory and on ambulatory oxygen",
        "Ambulatory patients with hypertension",
    ],
)
def test_ambulatory_care_oxygen_or_monitoring_is_not_walking(words):
    assert all(question != "can_walk" for question, *_ in rules(words, "inclusion"))
