"""Related questions on one page: each with its label, help, "I don't know" and errors; answered together."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from screener.questionnaire.models import Screening
from tests.screener.questionnaire.flow import HTMX, answer, answer_page, screen_data, screen_keys, start, walk_to
from tests.trials.profiles import ILD, MATCHES_ILD
from trials.models import Criterion, Question, Trial

pytestmark = pytest.mark.usefixtures("seed_trials")


def page(response) -> str:
    return response.content.decode()


def to_lung_function(client) -> tuple[str, str]:
    screening_id = start(client)
    for key, value in [("diagnoses", ["ild"]), ("age", "60"), ("sex", "female")]:
        answer(client, screening_id, key, value)
    return screening_id, walk_to(client, screening_id, MATCHES_ILD, "dlco_pct_pred")


def test_the_ild_studys_lung_function_values_share_one_screen_with_a_heading_and_each_question(client):
    screening_id, location = to_lung_function(client)
    html = page(client.get(location))
    assert screen_keys(html) == ["fvc_pct_pred", "fev1_fvc_ratio", "dlco_pct_pred"]  # the screen's order
    assert "<h1" in html and "Your lung function test results" in html
    assert "What was your DLCO, as a percentage of the predicted value?" in html
    assert html.count('name="dlco_pct_pred-dont_know"') == 1  # each question its own "I don't know"
    assert 'name="csrfmiddlewaretoken"' in html
    assert "style=" not in html and "<script>" not in html


def test_answering_the_screen_stores_each_answer_and_moves_on(client):
    screening_id, location = to_lung_function(client)
    keys, response = answer_page(client, location, MATCHES_ILD, dlco_pct_pred=None)
    assert response.status_code == 302 and location not in response["Location"]
    answers = Screening.objects.get(pk=screening_id).answers
    assert answers["fvc_pct_pred"] == "55" and answers["fev1_fvc_ratio"] == "0.8"
    assert answers["dlco_pct_pred"] is None  # "I don't know"
    again = page(client.get(location))  # going back shows what was given, "I don't know" ticked
    assert re.search(r'name="dlco_pct_pred-dont_know"[^>]* checked', again)
    assert 'value="55"' in again


def test_every_value_typed_is_kept_when_one_is_wrong_and_each_error_names_its_question(client):
    screening_id, location = to_lung_function(client)
    html = page(client.get(location))
    data = screen_data(html, {"fvc_pct_pred": "55,5", "fev1_fvc_ratio": "0.8", "dlco_pct_pred": "900"})
    data["fev1_fvc_ratio-dont_know"] = "on"  # a number and "I don't know" for one question
    response = client.post(location, data)
    assert response.status_code == 200
    html = page(response)
    assert "Enter a value from 5% to 200%." in html
    assert "Enter a number, or tick “I don’t know”, not both." in html
    assert 'href="#id_dlco_pct_pred-answer"' in html and 'href="#id_fev1_fvc_ratio-answer"' in html
    assert 'value="55,5"' in html and 'value="900"' in html and 'value="0.8"' in html
    assert re.search(r'name="fev1_fvc_ratio-dont_know"[^>]* checked', html)
    assert not set(Screening.objects.get(pk=screening_id).answers) & {"fvc_pct_pred", "dlco_pct_pred"}


def test_an_empty_question_on_a_screen_asks_for_a_number_or_i_dont_know(client):
    _screening_id, location = to_lung_function(client)
    html = page(client.get(location))
    response = client.post(location, screen_data(html, {"fvc_pct_pred": "55", "fev1_fvc_ratio": "0.8"}))
    assert "Enter a number, or choose “I don’t know”." in page(response)


def test_with_htmx_the_screen_answers_with_its_panel_only(client):
    _screening_id, location = to_lung_function(client)
    response = client.get(location, headers=HTMX)
    html = page(response)
    assert html.lstrip().startswith('<main id="panel"') and "<html" not in html


def test_back_from_a_screen_goes_to_the_step_before_it_and_check_answers_changes_one_answer(client):
    screening_id, location = to_lung_function(client)
    html = page(client.get(location))
    back = re.search(r'class="back-link" href="([^"]+)"', html).group(1)
    assert back != location and ("/questions/" in back or "/screens/" in back)
    _keys, again = answer_page(client, back, MATCHES_ILD)  # the step before, answered again, leads back here
    assert again["Location"] == location
    response = client.get(reverse("questionnaire:resume", args=[screening_id]))
    while "/check/" not in response["Location"]:
        _keys, response = answer_page(client, response["Location"], MATCHES_ILD)
    check = page(client.get(response["Location"]))
    change = reverse("questionnaire:question", args=[screening_id, "dlco_pct_pred"]) + "?return=check"
    assert f'href="{change}"' in check
    response = client.post(change, {"answer": "45"})
    assert response["Location"] == reverse("questionnaire:check", args=[screening_id])
    assert Screening.objects.get(pk=screening_id).answers["dlco_pct_pred"] == "45"


@pytest.fixture
def illnesses():
    """The ILD study excludes HIV and heart failure, asked on the screen of other illnesses."""
    question = Question.objects.get(key="other_conditions")
    Criterion.objects.create(
        trial=Trial.objects.get(nct_id=ILD),
        kind="exclusion",
        question=question,
        values=["hiv", "heart_failure"],
        source_text="HIV or heart failure",
        status="approved",
    )
    return question


def test_a_list_of_illnesses_shows_only_the_items_a_study_needs_and_none_of_these_answers_them(client, illnesses):
    screening_id = start(client)
    for key, value in [("diagnoses", ["ild"]), ("age", "60"), ("sex", "female")]:
        answer(client, screening_id, key, value)
    location = walk_to(client, screening_id, MATCHES_ILD, "other_conditions")
    assert "/screens/" in location
    html = page(client.get(location))
    offered = re.findall(r'name="other_conditions-answer" value="([^"]+)"', html)
    assert offered == ["hiv", "heart_failure", "none", "dont_know"]
    response = client.post(
        location, {**screen_data(html, {"cancer_history": "never"}), "other_conditions-answer": "none"}
    )
    assert response.status_code == 302
    stored = Screening.objects.get(pk=screening_id).answers["other_conditions"]
    assert stored == {"ticked": [], "shown": ["heart_failure", "hiv"]}
    response = client.get(reverse("questionnaire:resume", args=[screening_id]))
    while "/check/" not in response["Location"]:
        _keys, response = answer_page(client, response["Location"], MATCHES_ILD)
    check = page(client.get(response["Location"]))
    assert "None of these: HIV" in check
    results = page(client.get(reverse("questionnaire:results", args=[screening_id])))
    assert f'data-nct-id="{ILD}" data-verdict="match"' in results
    assert "None of these: HIV" in results and "ItemsAnswer" not in results  # why it fits, in the patient's words


def test_none_of_these_with_an_illness_ticked_is_refused_keeping_the_ticks(client, illnesses):
    screening_id = start(client)
    for key, value in [("diagnoses", ["ild"]), ("age", "60"), ("sex", "female")]:
        answer(client, screening_id, key, value)
    location = walk_to(client, screening_id, MATCHES_ILD, "other_conditions")
    html = page(client.get(location))
    data = {**screen_data(html, {"cancer_history": "never"}), "other_conditions-answer": ["hiv", "none"]}
    html = page(client.post(location, data))
    assert "Choose “None of these” on its own, or untick it." in html
    assert re.search(r'value="hiv"[^>]* checked', html) and re.search(r'value="never"[^>]* checked', html)


def test_a_screen_reads_in_chinese(client):
    screening_id, location = to_lung_function(client)
    client.cookies["django_language"] = "zh-hans"
    html = page(client.get(location))
    with translation.override("zh-hans"):
        assert "您的肺功能检查结果" in html
        assert "我不知道" in html and "继续" in html
    assert 'lang="en"' not in html.split("<main", 1)[1]


def test_working_an_answer_out_from_a_screen_keeps_what_the_screen_held_and_comes_back_to_it(client):
    screening_id, location = to_lung_function(client)
    html = page(client.get(location))
    assert 'name="work_it_out" value="fvc_pct_pred"' in html  # "My report shows litres (L), not “% Pred”"
    data = {**screen_data(html, {"fev1_fvc_ratio": "0.8", "dlco_pct_pred": "50"}), "work_it_out": "fvc_pct_pred"}
    response = client.post(location, data)
    helper = reverse("questionnaire:helper", args=[screening_id, "fvc_pct_pred"])
    assert response["Location"] == helper
    assert "fev1_fvc_ratio" not in Screening.objects.get(pk=screening_id).answers  # nothing stored yet
    raw = {"value": "1.9", "unit": "L", "height_cm": "165", "age": "60", "sex": "female", "confirm": "1"}
    response = client.post(helper, raw)
    assert response["Location"] == location  # back to the screen, which still needs its other answers
    html = page(client.get(location))
    computed = Screening.objects.get(pk=screening_id).answers["fvc_pct_pred"]
    assert f'value="{computed}"' in html and 'value="0.8"' in html and 'value="50"' in html


def test_switching_language_on_a_screen_keeps_every_unsent_value_and_stores_nothing(client):
    screening_id, location = to_lung_function(client)
    html = page(client.get(location))
    assert f'form="answer-form" formaction="{reverse("set_language")}"' in html
    unsent = {"language": "zh-hans", "next": location, "fvc_pct_pred-answer": "55", "dlco_pct_pred-dont_know": "on"}
    response = client.post(reverse("set_language"), unsent)
    assert response["Location"] == location
    html = page(client.get(location))
    assert "您的肺功能检查结果" in html and 'value="55"' in html
    assert re.search(r'name="dlco_pct_pred-dont_know"[^>]* checked', html)
    assert not {"fvc_pct_pred", "dlco_pct_pred"} & set(Screening.objects.get(pk=screening_id).answers)


def test_working_an_answer_out_on_a_screen_answered_before_comes_back_to_it_with_the_changes_not_yet_sent(client):
    screening_id, location = to_lung_function(client)
    answer_page(client, location, MATCHES_ILD)  # answered; the patient goes on, then comes back to change it
    html = page(client.get(location))
    data = {**screen_data(html, {"fev1_fvc_ratio": "0.75", "dlco_pct_pred": "50"}), "work_it_out": "fvc_pct_pred"}
    client.post(location, data)
    raw = {"value": "1.9", "unit": "L", "height_cm": "165", "age": "60", "sex": "female", "confirm": "1"}
    response = client.post(reverse("questionnaire:helper", args=[screening_id, "fvc_pct_pred"]), raw)
    assert response["Location"] == location  # not on to the next step: the changes typed here are not sent yet
    html = page(client.get(location))
    assert 'value="0.75"' in html and 'value="50"' in html


def test_in_chinese_each_error_of_the_summary_reads_as_one_chinese_sentence_naming_its_question(client):
    _screening_id, location = to_lung_function(client)
    client.post(reverse("set_language"), {"language": "zh-hans", "next": location})
    html = page(client.get(location))
    response = client.post(location, screen_data(html, {"fvc_pct_pred": "55", "fev1_fvc_ratio": "0.8"}))
    summary = re.search(r'class="error-summary".*?</ul>', page(response), re.S).group()
    assert "一氧化碳弥散量 DLCO（占预计值%）：" in summary  # the Chinese colon, not "DLCO: …" glued in English
    assert "）: " not in summary
