"""Yes/no drafts say only what their clause means (issue 21, decision record 0107). Families of wrong drafts from the
hand judgement of decision record 0105's new drafts and of a dev sample: a fever required by an inclusion, had in the
past, treated or named as a risk factor read as an infection now; a medicine a clinician says the patient should not
receive read as a bar on taking it; a prescription medicine narrowed by a stable course or a Chinese list narrowed by
what it affects read as the plain item; a severity joined by "and" to a second word before the illness, or misspelt,
lost; one age group's criterion applied to everyone; the name of a score read as its illness. Each family has its near
miss, which keeps its draft, in English and in Chinese where the family exists in both. The words are our own."""

import pytest

from tests.trials.registry.concept_readings import not_ascii_ids, rules

# 1. A fever is a sign of an infection now: asked only where the rule excludes it, and only a fever now


@pytest.mark.parametrize(
    "words",
    [
        "Fever, axillary temperature ≥38°C",
        "The presence of fever for at least five days plus four of the following criteria:",
        "发热(腋温≥38.0℃)",
    ],
    ids=not_ascii_ids,
)
def test_a_fever_an_inclusion_requires_is_not_an_infection_it_requires(words):
    """A patient with a fever may rightly answer no to "an infection now"; requiring the infection would fail them."""
    assert rules(words, "inclusion") == []


@pytest.mark.parametrize(
    "words, kind, negated",
    [("Fever", "exclusion", False), ("发热", "exclusion", False), ("No fever", "inclusion", True)],
    ids=not_ascii_ids,
)
def test_a_fever_the_rule_excludes_is_still_an_infection_now_for_the_study_team(words, kind, negated):
    assert rules(words, kind) == [("infection_now", [], ["yes"], negated)]


@pytest.mark.parametrize(
    "words",
    [
        "History of fever",
        "Women who had fever",
        "Patient requires acetaminophen to treat fever",
        "既往发热",
        "Pregnant women for whom fever is the risk factor for the prophylaxis",
        "发热是早产的危险因素",
    ],
    ids=not_ascii_ids,
)
def test_a_fever_in_the_past_treated_or_named_as_a_risk_factor_is_no_fever_now(words):
    assert ("infection_now", [], ["yes"], False) not in rules(words)


def test_an_illness_a_medicine_is_to_treat_is_what_it_treats_and_the_illness_alone_is_still_read():
    assert rules("Medication to treat asthma") == []
    assert rules("Asthma") == [("diagnoses", ["asthma"], [], False)]


def test_an_illness_named_as_a_risk_factor_is_not_the_patients_illness():
    assert rules("Diabetes is a risk factor for the outcome") == []
    assert rules("Diabetes") == [("other_conditions", ["diabetes"], [], False)]


# 2. A medicine the patient should not receive is a contraindication, not a use now


def test_a_medicine_a_patient_should_not_receive_gives_no_draft_but_a_use_or_a_bar_does():
    assert rules("Clinician recommends that the patient should not receive non-steroidal anti-inflammatory drugs") == []
    assert rules("Patients who receive NSAIDs") == [("medicines_now", ["nsaid"], [], False)]
    assert rules("Must not receive NSAIDs", "inclusion") == [("medicines_now", ["nsaid"], [], True)]


# 3. Medicines narrowed by a course or by what they affect are the items for the study team


def _medicines(words):
    [(question, values, uncertain, negated)] = [r for r in rules(words) if r[0] == "medicines_now"]
    assert question == "medicines_now" and not negated
    return values, uncertain


def test_a_prescription_medicine_taken_stably_for_less_than_a_time_is_for_the_study_team():
    values, uncertain = _medicines("Less than four weeks of stable prescription medication for anxiety")
    assert "prescription_medicine" in uncertain and "prescription_medicine" not in values
    values, uncertain = _medicines("Taking prescribed medication")
    assert "prescription_medicine" in values and "prescription_medicine" not in uncertain


def test_what_a_chinese_medicine_list_affects_narrows_every_item_of_the_list():
    values, uncertain = _medicines("筛选前2周内使用过影响药物吸收、代谢的任何处方药、非处方药、中草药和维生素者；")
    assert "herbal_medicine" in uncertain and "herbal_medicine" not in values
    values, uncertain = _medicines("筛选前2周内使用过任何处方药、非处方药、中草药和维生素者；")
    assert "herbal_medicine" in values and "herbal_medicine" not in uncertain


# 4. A severity reaches an illness through "and" with a second word before it, and in its misspelling


@pytest.mark.parametrize(
    "words, item",
    [
        ("Clinically significant and unreconstructed peripheral arterial disease", "peripheral_vascular_disease"),
        ("Severe and enduring mental disorder", "mental_illness"),
        ("Severed developmental delay", "intellectual_disability"),
    ],
)
def test_a_severity_joined_to_a_second_word_or_misspelt_leaves_the_item_to_the_study_team(words, item):
    assert rules(words) == [("other_conditions", [], [item], False)]


def test_a_plain_illness_and_a_second_illness_after_a_severe_one_keep_their_items():
    assert rules("Peripheral arterial disease") == [("other_conditions", ["peripheral_vascular_disease"], [], False)]
    assert ("other_conditions", ["diabetes"], [], False) in rules("Severe asthma and diabetes")


# 5. One age group's or role's criterion, and a score named after an illness


def test_a_clause_labelled_for_one_age_group_is_that_groups_and_gives_no_draft():
    assert rules("Adolescent participants: History of mood or psychotic disorder") == []
    assert rules("Adult participants: Neurodevelopmental delay") == []
    assert rules("History of psychotic disorder") == [("other_conditions", ["mental_illness"], [], False)]


def test_a_score_named_after_an_illness_is_not_the_illness():
    assert rules("COPD Assessment Test (CAT) score ≥10", "inclusion") == []
    assert rules("COPD", "inclusion") == [("diagnoses", ["copd"], [], False)]
