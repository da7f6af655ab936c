"""Numbers patients know (sixth round) drafted on their questions, and the engine's verdict for a patient's answer on
both sides of each bound: a weight in pounds is judged in kilograms, eosinophils in × 10⁹/L per µL, an mMRC range is
the grades inside it, and a Karnofsky bound is the ECOG answers whose whole band lies inside it (never one it cuts)."""

from decimal import Decimal

import pytest

from tests.trials.registry.test_drafting_lab_values import drafted, outcome
from trials import eligibility
from trials.registry.importing import ensure_questions

pytestmark = pytest.mark.django_db

MET, NOT_MET = eligibility.Outcome.MET, eligibility.Outcome.NOT_MET


@pytest.mark.parametrize(
    "kind, words, key, inside, outside",
    [
        # a value inside the bound meets an inclusion and rules the patient out of an exclusion (not met)
        ("inclusion", "Body weight ≥ 42 kg", "body_weight_kg", "42", "41.9"),
        ("inclusion", "Weight > 42 kg", "body_weight_kg", "42.1", "42"),
        ("exclusion", "体重>130公斤", "body_weight_kg", "130.5", "130"),
        ("exclusion", "Weight above 400 lbs", "body_weight_kg", "181.5", "181.4"),  # 400 lb = 181.4 kg
        ("inclusion", "Blood eosinophils ≥ 300 cells/µL", "eosinophils_per_ul", "300", "299"),
        ("inclusion", "Blood eosinophils ≥ 0.15 × 10⁹/L", "eosinophils_per_ul", "150", "149"),
        ("exclusion", "嗜酸性粒细胞<100个/μL", "eosinophils_per_ul", "99", "100"),
        ("exclusion", "Resting heart rate > 110 bpm", "heart_rate_bpm", "111", "110"),
        ("inclusion", "静息心率为50-100次/分", "heart_rate_bpm", "100", "101"),
        ("exclusion", "Smokes more than 15 cigarettes a day", "cigarettes_per_day", "16", "15"),
        ("inclusion", "每日吸烟≥10支", "cigarettes_per_day", "10", "9"),
    ],
)
def test_a_measure_is_judged_in_the_questions_unit_on_both_sides_of_its_bound(kind, words, key, inside, outside):
    [criterion] = [d for d in drafted(kind, words) if d.question.key == key]
    assert criterion.kind == kind
    assert outcome(criterion, inside) is (MET if kind == "inclusion" else NOT_MET)
    assert outcome(criterion, outside) is (NOT_MET if kind == "inclusion" else MET)


def test_a_weight_in_pounds_keeps_the_registry_words_and_the_kilograms_of_the_question():
    [criterion] = drafted("inclusion", "Weight under 250 pounds")
    assert criterion.question.unit == "kg"
    assert criterion.max_value == Decimal("113.4") and criterion.quote == "Weight under 250 pounds"


def test_a_non_smoker_is_taken_to_smoke_no_cigarettes_a_day_without_being_asked():
    question = ensure_questions()["cigarettes_per_day"]
    assert question.asked_only_if.key == "smoking_status" and question.asked_only_if_codes == ["current"]
    assert question.implied_answer == "0"


@pytest.mark.parametrize(
    "kind, words, codes",
    [
        ("inclusion", "mMRC ≥ 2", ["2", "3", "4"]),
        ("inclusion", "mMRC 评分≥2分", ["2", "3", "4"]),
        ("inclusion", "mMRC grade 0 or 1", ["0", "1"]),
        ("exclusion", "mMRC grade 4", None),  # one number with no comparison: for the study team
        ("exclusion", "mMRC > 3", ["4"]),
    ],
)
def test_an_mmrc_bound_is_the_grades_inside_it(kind, words, codes):
    drafts = drafted(kind, words)
    if codes is None:
        assert drafts == []
        return
    [criterion] = drafts
    assert criterion.question.key == "mmrc_grade" and criterion.values == codes
    assert outcome(criterion, codes[0]) is (MET if kind == "inclusion" else NOT_MET)
    below = str(int(codes[0]) - 1)
    assert outcome(criterion, below) is (NOT_MET if kind == "inclusion" else MET)


def test_the_mmrc_question_offers_the_five_official_grade_sentences_in_both_languages():
    question = ensure_questions()["mmrc_grade"]
    assert question.choice_codes() == ["0", "1", "2", "3", "4"]
    labels = {c["code"]: (c["label"], c["label_zh_hans"]) for c in question.choices}
    assert labels["0"] == ("I only get breathless with strenuous exercise", "只有在剧烈活动时才感到呼吸困难")
    assert "100 metres" in labels["3"][0] and "100米" in labels["3"][1]
    assert "dressing" in labels["4"][0] and "穿衣服" in labels["4"][1]


@pytest.mark.parametrize(
    "kind, words, codes",
    [
        ("inclusion", "Karnofsky ≥ 70", ["0", "1"]),  # KPS 70-80 is ECOG 1, 90-100 is ECOG 0
        ("inclusion", "Karnofsky Performance Status 70-100", ["0", "1"]),
        ("inclusion", "KPS > 40", ["0", "1", "2"]),  # scores go by tens: above 40 is 50 and up
        ("exclusion", "Karnofsky < 50", ["3", "4"]),
    ],
)
def test_a_karnofsky_bound_is_the_ecog_answers_whose_whole_band_lies_inside_it(kind, words, codes):
    [criterion] = drafted(kind, words)
    assert criterion.question.key == "ecog_ps" and criterion.values == codes
    assert "Karnofsky" in criterion.staff_note and criterion.confidence < 0.7
    assert outcome(criterion, codes[0]) is (MET if kind == "inclusion" else NOT_MET)


@pytest.mark.parametrize("words", ["Karnofsky ≥ 60", "Karnofsky performance scale 80 or more", "KPS ≥ 10"])
def test_a_karnofsky_bound_that_cuts_an_ecog_band_or_allows_every_answer_is_left_to_the_study_team(words):
    # KPS 60 and 50 are both ECOG 2: "≥ 60" holds for some ECOG 2 patients and not others
    assert drafted("inclusion", words) == []


def test_a_second_bound_of_the_same_measure_after_or_is_an_alternative_the_admin_decides():
    drafts = drafted(
        "inclusion", "Blood eosinophils ≥ 250 cells/µL (or ≥ 120 cells/µL with an exhaled NO above 30 ppb)"
    )
    assert [(d.question.key, d.min_value) for d in drafts] == [("eosinophils_per_ul", 250), ("eosinophils_per_ul", 120)]
    assert all(d.proposal.get("alternative") and "alternatives" in d.staff_note for d in drafts)


def test_two_bounds_of_the_same_measure_joined_by_and_both_hold():
    drafts = drafted("inclusion", "Body weight ≥ 48 kg at screening and ≥ 46 kg at the first dose")
    assert [d.min_value for d in drafts] == [48, 46]
    assert not any(d.proposal.get("alternative") for d in drafts)
