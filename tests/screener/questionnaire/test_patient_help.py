"""Help for patients: real people's ranges, numbers as typed, and what the results say about them."""

from decimal import Decimal

import pytest
from django.urls import reverse

from screener.questionnaire import measurements
from screener.questionnaire.models import Screening
from tests.chinese import ZH
from tests.formdata import BrowserClient
from tests.screener.questionnaire.flow import answer, answer_everything, answer_page, start, walk_to
from tests.trials.profiles import COPD, ILD, MATCHES_ILD

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
    assert "Your age needs to be at least 18 years." in study_block(html, ILD)  # built from the rule itself
    assert "Your age needs to be at least 40 years and at most 80 years." in study_block(html, COPD)


@pytest.mark.parametrize("age, verdict", [("17", "no_match"), ("18", "possible")], ids=["17 is out", "18 is in"])
def test_the_ild_studys_age_boundary_can_be_tested_on_both_sides(client, age, verdict):
    screening_id = start(client)
    answer(client, screening_id, "diagnoses", ["ild"])
    answer(client, screening_id, "age", age)
    profile = {"sex": "male", "pregnant_or_breastfeeding": "no"}
    response = client.get(reverse("questionnaire:resume", args=[screening_id]))
    while "/questions/" in response["Location"] or "/screens/" in response["Location"]:
        _keys, response = answer_page(client, response["Location"], profile)
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
    """Answer from `profile` until `wanted` is on the next page (its own, or a screen it shares)."""
    walk_to(client, screening_id, profile, wanted)


COPD_MAN = {"diagnoses": ["copd"], "age": "68", "sex": "male", "planning_pregnancy_12m": "no"}


def test_a_walk_that_reads_two_ways_is_asked_back_keeping_what_was_typed(client):
    screening_id = start(client)
    answer_until(client, screening_id, "sixmwd_m", COPD_MAN)
    response = answer(client, screening_id, "sixmwd_m", "1,500")
    html = page(response)
    assert response.status_code == 200
    assert html.count("could mean 1.5 m or 1500 m") == 2
    assert 'value="1,500"' in html


# % of predicted from litres


def helper_url(screening_id, key):
    return reverse("questionnaire:helper", args=[screening_id, key])


RAW_FVC = {"value": "1.90", "unit": "L", "height_cm": "165", "age": "60", "sex": "female"}


def test_a_pct_pred_question_offers_the_litres_path_and_prefills_age_and_sex(client):
    screening_id = start(client)
    answer_until(client, screening_id, "fvc_pct_pred", MATCHES_ILD)
    html = page(client.get(reverse("questionnaire:question", args=[screening_id, "fvc_pct_pred"])))
    assert "My report shows litres (L), not “% Pred”" in html
    assert f'href="{helper_url(screening_id, "fvc_pct_pred")}"' in html
    helper = page(client.get(helper_url(screening_id, "fvc_pct_pred")))
    assert "is always better than a value worked out here" in helper
    assert 'name="age" value="60"' in helper


def test_a_helper_prefills_what_the_questionnaire_already_knows():
    from screener.questionnaire.answer_helpers import prefill

    assert prefill({"age": "60", "sex": "female", "diagnoses": ["ild"]}) == {"age": "60", "sex": "female"}
    assert prefill({"age": None}) == {}


def test_litres_become_pct_pred_shown_with_the_equation_and_stored_only_when_confirmed(client):
    screening_id = start(client)
    answer_until(client, screening_id, "fvc_pct_pred", MATCHES_ILD)
    expected = measurements.percent_predicted("FVC", Decimal("1.90"), "L", Decimal(165), Decimal(60), "female")
    response = client.post(helper_url(screening_id, "fvc_pct_pred"), RAW_FVC)
    html = page(response)
    assert response.status_code == 200
    assert f'data-computed="{expected.stored}"' in html
    assert "GLI Global 2022" in html and "Use this answer" in html
    assert "fvc_pct_pred" not in Screening.objects.get(pk=screening_id).answers

    response = client.post(helper_url(screening_id, "fvc_pct_pred"), {**RAW_FVC, "confirm": "1"})
    assert response.status_code == 302
    screening = Screening.objects.get(pk=screening_id)
    assert screening.answers["fvc_pct_pred"] == expected.stored
    source = screening.answer_sources["fvc_pct_pred"]
    assert source["computed"] is True and source["method"] == "pct_pred"
    assert source["inputs"] == {"value": "1.9", "unit": "L", "height_cm": "165", "age": "60", "sex": "female"}
    assert "GLI Global 2022" in source["equation"]


def test_typing_the_reports_own_pct_afterwards_drops_the_computed_source(client):
    screening_id = start(client)
    answer_until(client, screening_id, "fvc_pct_pred", MATCHES_ILD)
    client.post(helper_url(screening_id, "fvc_pct_pred"), {**RAW_FVC, "confirm": "1"})
    answer(client, screening_id, "fvc_pct_pred", "55")
    screening = Screening.objects.get(pk=screening_id)
    assert screening.answers["fvc_pct_pred"] == "55"
    assert "fvc_pct_pred" not in screening.answer_sources


@pytest.mark.parametrize(
    "change, message",
    [
        ({"value": ""}, "Enter a number."),
        ({"value": "-2"}, "The value must be 0 or more."),
        ({"value": "25"}, "Enter a value from 0.2 to 10 L."),
        ({"unit": "mL", "value": "1.9"}, "That looks like litres"),
        ({"height_cm": "1.65"}, "Enter a height from 100 to 230 cm."),
        ({"sex": ""}, "Choose female or male."),
        ({"value": "0.3"}, "which this question cannot take"),
    ],
    ids=["empty", "negative", "not litres", "mL slip", "height in metres", "no sex", "outside the question's range"],
)
def test_bad_raw_values_get_a_polite_error_and_keep_what_was_typed(client, change, message):
    screening_id = start(client)
    answer_until(client, screening_id, "fvc_pct_pred", MATCHES_ILD)
    response = client.post(helper_url(screening_id, "fvc_pct_pred"), {**RAW_FVC, **change, "confirm": "1"})
    assert response.status_code == 200
    assert message in page(response)
    assert "fvc_pct_pred" not in Screening.objects.get(pk=screening_id).answers


def test_a_litres_value_out_of_range_is_refused_in_chinese_with_the_numbers_set_close(seed_trials):
    client = BrowserClient(**ZH)
    screening_id = start(client)
    answer_until(client, screening_id, "fvc_pct_pred", MATCHES_ILD)
    response = client.post(helper_url(screening_id, "fvc_pct_pred"), {**RAW_FVC, "value": "25", "confirm": "1"})
    assert "请输入0.2到10之间的数值（单位：L）。" in page(response)


def test_a_question_without_a_helper_has_no_helper_page(client):
    screening_id = start(client)
    assert client.get(helper_url(screening_id, "diagnoses")).status_code == 404
