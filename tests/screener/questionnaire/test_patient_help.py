"""Help for patients: real people's ranges, numbers as typed, and what the results say about them."""

import pytest
from django.urls import reverse

from tests.screener.questionnaire.flow import answer, answer_everything, start
from tests.trials.profiles import COPD, ILD

pytestmark = pytest.mark.usefixtures("seed_trials")


def page(response) -> str:
    return response.content.decode()


def study_block(html: str, nct_id: str) -> str:
    start_at = html.index(f'data-nct-id="{nct_id}"')
    end = html.find("data-nct-id=", start_at + 20)
    return html[start_at : end if end != -1 else len(html)]


def test_the_start_page_says_who_the_service_is_for(client):
    html = page(client.get(reverse("questionnaire:start")))
    assert "Who it is for" in html
    assert "People of any age with a lung condition" in html


def test_a_17_year_old_finishes_and_reads_per_study_which_ages_it_takes(client):
    screening_id = start(client)
    response = answer(client, screening_id, "diagnoses", ["ild"])
    response = answer(client, screening_id, "age", "17")
    assert response.status_code == 302, page(response)
    # Both studies are ruled out by age alone, so nothing more is asked.
    assert response["Location"] == reverse("questionnaire:check", args=[screening_id])
    html = page(client.get(reverse("questionnaire:results", args=[screening_id])))
    assert "This study needs people aged 18 or over." in study_block(html, ILD)
    assert "This study needs people aged 40 to 80, both ages included." in study_block(html, COPD)


@pytest.mark.parametrize("age, verdict", [("17", "no_match"), ("18", "possible")], ids=["17 is out", "18 is in"])
def test_the_ild_studys_age_boundary_can_be_tested_on_both_sides(client, age, verdict):
    screening_id = start(client)
    answer(client, screening_id, "diagnoses", ["ild"])
    answer(client, screening_id, "age", age)
    profile = {"sex": "male", "pregnant_or_breastfeeding": "no"}
    response = client.get(reverse("questionnaire:resume", args=[screening_id]))
    while "/questions/" in response["Location"]:
        key = response["Location"].split("/questions/")[1].strip("/")
        response = answer(client, screening_id, key, profile.get(key))
    html = page(client.get(reverse("questionnaire:results", args=[screening_id])))
    assert f'data-nct-id="{ILD}" data-verdict="{verdict}"' in html


@pytest.mark.parametrize(
    "typed, shown",
    [("1,000", "1000 m"), ("1 000", "1000 m"), ("320", "320 m"), ("320.50", "320.5 m"), ("320,5 m", "320.5 m")],
)
def test_check_your_answers_shows_exactly_the_number_understood(client, typed, shown):
    screening_id = start(client)
    profile = {
        "diagnoses": ["copd"],
        "age": "68",
        "sex": "male",
        "sixmwd_m": typed,
        "planning_pregnancy_12m": "no",
        "respiratory_hospitalisations_12m": "0",
        "cancer_history": "never",
        "pneumonia_last_month": "no",
        "covid_last_4_weeks": "no",
        "mechanical_ventilation": "never",
        "other_trial_recent": "no",
        "stem_cell_therapy_ever": "no",
        "allergy_albumin_or_anaesthetic": "no",
    }
    answer_everything(client, screening_id, profile)
    html = page(client.get(reverse("questionnaire:check", args=[screening_id])))
    assert f"<dd>{shown}</dd>" in html


def answer_until(client, screening_id, wanted: str, profile: dict) -> None:
    """Answer from `profile` until `wanted` is the next question."""
    response = client.get(reverse("questionnaire:resume", args=[screening_id]))
    while not response["Location"].endswith(f"/questions/{wanted}/"):
        key = response["Location"].split("/questions/")[1].strip("/")
        response = answer(client, screening_id, key, profile[key])


COPD_MAN = {"diagnoses": ["copd"], "age": "68", "sex": "male", "planning_pregnancy_12m": "no"}


def test_a_walk_that_reads_two_ways_is_asked_back_keeping_what_was_typed(client):
    screening_id = start(client)
    answer_until(client, screening_id, "sixmwd_m", COPD_MAN)
    response = answer(client, screening_id, "sixmwd_m", "1,500")
    html = page(response)
    assert response.status_code == 200
    assert html.count("could mean 1.5 m or 1500 m") == 2
    assert 'value="1,500"' in html
