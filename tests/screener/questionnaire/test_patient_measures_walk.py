"""A patient meets the sixth round's measures the way a browser does: registry text for weight, breathlessness,
eosinophils, heart rate and smoking is drafted and approved on the ILD study, the questionnaire asks each on its
screen (weight and heart rate with blood pressure, eosinophils with the blood tests, the mMRC grade as its five
sentences with what you can do, cigarettes a day with smoking), in English and Chinese, and the answers decide the
verdict on both sides of a bound."""

import pytest
from django.urls import reverse

from tests.screener.questionnaire.flow import answer_page, screen_keys, start, walk_to
from tests.trials.profiles import ILD, MATCHES_ILD
from trials import screens
from trials.models import Criterion, Trial
from trials.registry import extraction
from trials.registry.drafting import drafts_for
from trials.registry.importing import ensure_questions

pytestmark = pytest.mark.usefixtures("seed_trials")

REGISTRY_TEXT = """Inclusion Criteria:

* Body weight ≥ 45 kg
* mMRC dyspnoea grade ≥ 2
* Blood eosinophils ≥ 0.3 × 10⁹/L

Exclusion Criteria:

* Resting heart rate > 110 bpm
* Smokes more than 10 cigarettes a day
"""
WALK = {
    **MATCHES_ILD,
    "smoking_status": "current",
    "cigarettes_per_day": "5",
    "body_weight_kg": "60",
    "heart_rate_bpm": "80",
    "mmrc_grade": "2",
    "eosinophils_per_ul": "350",
}


@pytest.fixture
def measures_approved():
    """The registry text drafted on the ILD study, every draft approved as an admin would."""
    questions = ensure_questions()
    trial = Trial.objects.get(nct_id=ILD)
    drafted = []
    for clause in extraction.split_clauses(REGISTRY_TEXT):
        for draft in drafts_for(clause, REGISTRY_TEXT, questions):
            if draft.question_id:
                draft.trial, draft.status = trial, Criterion.Status.APPROVED
                draft.save()
                drafted.append(draft.question.key)
    assert sorted(drafted) == sorted(
        ["body_weight_kg", "mmrc_grade", "eosinophils_per_ul", "heart_rate_bpm", "cigarettes_per_day"]
    )


def verdict(client, screening_id) -> str:
    response = client.get(reverse("questionnaire:resume", args=[screening_id]))
    while "/check/" not in response["Location"]:
        _keys, response = answer_page(client, response["Location"], WALK)
    html = client.get(reverse("questionnaire:results", args=[screening_id])).content.decode()
    return html.split(f'data-nct-id="{ILD}" data-verdict="')[1].split('"')[0]


@pytest.mark.parametrize(
    "key, screen",
    [
        ("body_weight_kg", "body_measurements"),
        ("heart_rate_bpm", "body_measurements"),
        ("eosinophils_per_ul", "blood_tests"),
        ("mmrc_grade", "abilities"),
        ("cigarettes_per_day", "smoking"),
    ],
)
def test_each_measure_belongs_to_its_screen_and_is_asked(client, measures_approved, key, screen):
    assert key in screens.screen(screen).questions
    screening_id = start(client)
    html = client.get(walk_to(client, screening_id, WALK, key)).content.decode()
    assert f'data-question="{key}"' in html or f"/questions/{key}/" in html


def test_weight_and_heart_rate_share_one_page_with_their_hints(client, measures_approved):
    screening_id = start(client)
    location = walk_to(client, screening_id, WALK, "body_weight_kg")
    html = client.get(location).content.decode()
    assert screen_keys(html) == ["body_weight_kg", "heart_rate_bpm"]  # the two this study needs, in screen order
    assert ">Your weight and heart rate</h1>" in html and "<title>Your weight and heart rate –" in html
    assert (
        "typed with its unit: 154 lb" in html
        and "What is your usual heart rate (pulse) at rest, in beats a minute?" in html
    )


def test_the_mmrc_question_shows_its_five_sentences_and_the_weight_its_kilograms_in_chinese(client, measures_approved):
    screening_id = start(client)
    client.cookies["django_language"] = "zh-hans"
    weight = client.get(walk_to(client, screening_id, WALK, "body_weight_kg")).content.decode()
    assert "也可以填“斤”或“磅”，连单位一起写，比如140斤。" in weight  # the hint says a weight in 斤 is read
    # headed by the page's two topics, not the screen's four
    assert "您现在的体重是多少（公斤）？" in weight and "您的体重和心率" in weight
    assert "血压" not in weight.split("<h1", 1)[1].split("</h1>")[0]
    html = client.get(walk_to(client, screening_id, WALK, "mmrc_grade")).content.decode()
    assert "下面哪一句最符合您平时气短（呼吸困难）的情况？" in html
    assert "在平地行走约100米或数分钟后需要停下来喘气" in html
    assert 'value="4"' in html and "因严重呼吸困难以至于不能离开家" in html


def test_a_patient_inside_every_bound_matches(client, measures_approved):
    screening_id = start(client)
    english = client.get(walk_to(client, screening_id, WALK, "mmrc_grade")).content.decode()
    assert "Which of these best describes your breathlessness?" in english
    assert "I stop for breath after walking about 100 metres or after a few minutes on the level" in english
    assert verdict(client, screening_id) == "match"


@pytest.mark.parametrize(
    "key, outside",
    [
        ("body_weight_kg", "44.9"),  # below 45 kg
        ("mmrc_grade", "1"),  # breathless only when hurrying: below grade 2
        ("eosinophils_per_ul", "299"),  # below 0.3 × 10⁹/L, which is 300 per µL
        ("heart_rate_bpm", "111"),  # above 110
        ("cigarettes_per_day", "11"),  # more than 10
    ],
)
def test_one_answer_outside_its_bound_rules_the_patient_out(client, measures_approved, key, outside):
    screening_id = start(client)
    outside_walk = {**WALK, key: outside}
    response = client.get(reverse("questionnaire:resume", args=[screening_id]))
    while "/check/" not in response["Location"]:
        _keys, response = answer_page(client, response["Location"], outside_walk)
    html = client.get(reverse("questionnaire:results", args=[screening_id])).content.decode()
    assert f'data-nct-id="{ILD}" data-verdict="no_match"' in html


def test_a_patient_on_each_bound_that_includes_it_still_matches(client, measures_approved):
    screening_id = start(client)
    on_bounds = {**WALK, "body_weight_kg": "45", "eosinophils_per_ul": "300", "heart_rate_bpm": "110"}
    on_bounds["cigarettes_per_day"] = "10"
    response = client.get(reverse("questionnaire:resume", args=[screening_id]))
    while "/check/" not in response["Location"]:
        _keys, response = answer_page(client, response["Location"], on_bounds)
    html = client.get(reverse("questionnaire:results", args=[screening_id])).content.decode()
    assert f'data-nct-id="{ILD}" data-verdict="match"' in html


def answers_of(screening_id) -> dict:
    from screener.questionnaire.models import Screening

    return Screening.objects.get(pk=screening_id).answers


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize(
    "typed, kilograms", [("124斤", "62"), ("124 斤", "62"), ("136 lb", "61.7"), ("136 pounds", "61.7")]
)
def test_a_weight_typed_in_jin_or_pounds_is_kept_in_kilograms_and_shown_so(
    client, measures_approved, language, typed, kilograms
):
    screening_id = start(client)
    client.cookies["django_language"] = language
    location = walk_to(client, screening_id, WALK, "body_weight_kg")
    _keys, response = answer_page(client, location, WALK, body_weight_kg=typed)
    assert response.status_code == 302
    assert answers_of(screening_id)["body_weight_kg"] == kilograms
    shown = client.get(location).content.decode()
    assert f'value="{kilograms}"' in shown


@pytest.mark.parametrize(
    "language, error",
    [("en", "Enter a value from 1 kg to 400 kg."), ("zh-hans", "请输入1公斤到400公斤之间的数值。")],
)
def test_a_weight_in_jin_beyond_what_people_weigh_gets_the_range_error_and_keeps_what_was_typed(
    client, measures_approved, language, error
):
    screening_id = start(client)
    client.cookies["django_language"] = language
    location = walk_to(client, screening_id, WALK, "body_weight_kg")
    _keys, response = answer_page(client, location, WALK, body_weight_kg="1000斤")
    html = response.content.decode()
    assert response.status_code == 200 and error in html
    assert 'value="1000斤"' in html
    assert "body_weight_kg" not in answers_of(screening_id)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("typed", ["0.3", "0.3 ×10⁹/L", "0.3 G/L"])
def test_an_eosinophil_count_typed_as_a_report_prints_it_in_10_9_per_litre_is_300_per_microlitre(
    client, measures_approved, language, typed
):
    screening_id = start(client)
    client.cookies["django_language"] = language
    location = walk_to(client, screening_id, WALK, "eosinophils_per_ul")
    _keys, response = answer_page(client, location, WALK, eosinophils_per_ul=typed)
    assert response.status_code == 302
    assert answers_of(screening_id)["eosinophils_per_ul"] == "300"
    assert verdict(client, screening_id) == "match"  # the study's bound is 0.3 × 10⁹/L: 300 per µL meets it
    assert answers_of(screening_id)["eosinophils_per_ul"] == "300"
    check = client.get(reverse("questionnaire:check", args=[screening_id])).content.decode()
    assert ("300 cells/µL" if language == "en" else "300个/µL") in check  # "check your answers" shows what was kept
