"""Related questions on one page: each with its label, help, "I don't know" and errors; answered together."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from screener.questionnaire.forms import AnswerForm
from screener.questionnaire.models import Screening
from tests.screener.questionnaire.flow import (
    HTMX,
    answer,
    answer_page,
    question_url,
    screen_data,
    screen_keys,
    start,
    walk_to,
)
from tests.trials.profiles import COPD, ILD, MATCHES_COPD, MATCHES_ILD
from trials import screens
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


def test_the_lung_function_screen_says_where_the_values_are_once_and_each_question_only_its_row(client):
    _screening_id, location = to_lung_function(client)
    html = page(client.get(location))
    hints = re.findall(r'class="hint">([^<]*)<', html)
    assert sum("% Pred" in hint for hint in hints) == 2  # the introduction says where, the ratio says "not its % Pred"
    assert "Row “DLCO” (or “TLCO”, “DLCOc”, diffusing capacity)" in html
    assert "Row “FVC”, before the inhaler (“Pre”)." in html
    assert html.count("the study team will measure it") == 1
    own_page = page(client.get(question_url(_screening_id, "dlco_pct_pred")))
    assert "find the row “DLCO”" in own_page  # alone on its page, a question keeps its whole help text


def test_the_lung_function_screen_reads_its_short_hints_in_chinese(client):
    _screening_id, location = to_lung_function(client)
    client.cookies["django_language"] = "zh-hans"
    html = page(client.get(location))
    assert "“FVC”一行，用药前（Pre）。" in html and "研究团队会为您测量" in html
    assert "找到“DLCO”这一行" not in html  # the long help is its own page's
    assert 'lang="en"' not in html.split("<main", 1)[1]


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


def test_an_empty_question_on_a_screen_asks_for_a_number_or_the_i_dont_know_tick_beside_it(client):
    _screening_id, location = to_lung_function(client)
    html = page(client.get(location))
    response = client.post(location, screen_data(html, {"fvc_pct_pred": "55", "fev1_fvc_ratio": "0.8"}))
    assert "Enter a number, or tick “I don’t know”." in page(response)  # a tick box here, not a button


@pytest.fixture
def heart_and_stroke():
    """The ILD study excludes a heart attack or a stroke in the last 6 months: both on one screen, with "Never"."""
    from trials.registry.importing import ensure_questions

    ensure_questions(["days_since_heart_attack", "days_since_stroke"])
    for key in ["days_since_heart_attack", "days_since_stroke"]:
        Criterion.objects.create(
            trial=Trial.objects.get(nct_id=ILD),
            kind="exclusion",
            question=Question.objects.get(key=key),
            max_value=6,
            time_unit="months",
            source_text="Heart attack or stroke in the last 6 months",
            status="approved",
        )


def to_heart_and_stroke(client) -> str:
    screening_id = start(client)
    for key, value in [("diagnoses", ["ild"]), ("age", "60"), ("sex", "female")]:
        answer(client, screening_id, key, value)
    location = walk_to(client, screening_id, MATCHES_ILD, "days_since_heart_attack")
    assert screen_keys(page(client.get(location))) == ["days_since_heart_attack", "days_since_stroke"]
    return location


def test_an_empty_question_with_never_on_a_screen_names_both_ticks_beside_it(client, heart_and_stroke):
    location = to_heart_and_stroke(client)
    html = page(client.get(location))
    response = client.post(location, screen_data(html, {"days_since_stroke": "never"}))
    html = page(response)
    assert response.status_code == 200
    assert "Enter a number, or tick “Never” or “I don’t know”." in html
    assert "Enter a number, or choose “I don’t know”." not in html  # which left "Never" out


def test_the_error_summary_of_a_screen_in_chinese_joins_question_and_error_with_a_chinese_colon(
    client, heart_and_stroke
):
    location = to_heart_and_stroke(client)
    client.cookies["django_language"] = "zh-hans"
    html = page(client.get(location))
    response = client.post(location, screen_data(html, {"days_since_stroke": "never"}))
    summary = page(response).split('class="error-summary"', 1)[1].split("</ul>", 1)[0]
    assert "：请输入一个数字，或勾选“从来没有”或“我不知道”。</a>" in summary
    assert ": " not in summary.split("<ul>", 1)[1]  # no English colon between Chinese words


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
    assert "None (asked about: HIV" in check  # "None" first; the items only as what was asked
    assert "None of these: HIV" not in check  # read at a glance as the patient's illnesses
    results = page(client.get(reverse("questionnaire:results", args=[screening_id])))
    assert f'data-nct-id="{ILD}" data-verdict="match"' in results
    assert "None (asked about: HIV" in results and "ItemsAnswer" not in results  # why it fits, in the patient's words


def test_in_chinese_none_of_these_lists_the_illnesses_it_answers_with_chinese_semicolons(client, illnesses):
    screening_id = start(client)
    for key, value in [("diagnoses", ["ild"]), ("age", "60"), ("sex", "female")]:
        answer(client, screening_id, key, value)
    location = walk_to(client, screening_id, MATCHES_ILD, "other_conditions")
    html = page(client.get(location))
    client.post(location, {**screen_data(html, {"cancer_history": "never"}), "other_conditions-answer": "none"})
    response = client.get(reverse("questionnaire:resume", args=[screening_id]))
    while "/check/" not in response["Location"]:
        _keys, response = answer_page(client, response["Location"], MATCHES_ILD)
    client.cookies["django_language"] = "zh-hans"
    check = page(client.get(response["Location"]))
    listed = re.search(r"都没有（问到的有：([^<]+)）", check).group(1)
    assert "以上都没有：" not in check
    assert "；" in listed and "; " not in listed  # the COPD patient read "心肌梗死（心梗）; 心力衰竭（心衰）"


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
    # each "I don't know" box is named with its question for a screen reader, as one Chinese phrase
    assert re.search(r'<span class="visually-hidden">我不知道：[^<:]+</span>', html)


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


@pytest.mark.parametrize(
    "arrived_with",
    ["?more=1", "?return=check"],
    ids=["from-a-saved-results-link", "from-check-your-answers"],
)
def test_a_number_typed_on_a_screen_is_kept_after_working_out_another_answer_whichever_way_the_screen_was_reached(
    client, arrived_with
):
    """The patient typed a value, then opened "My report shows litres" on the same screen: back on the screen,
    the typed value is still there (it was lost when the screen was reached with a query)."""
    screening_id, location = to_lung_function(client)
    screen = location + arrived_with
    html = page(client.get(screen))
    data = {**screen_data(html, {"fev1_fvc_ratio": "0.8", "dlco_pct_pred": "50"}), "work_it_out": "fvc_pct_pred"}
    helper = client.post(screen, data)["Location"]
    assert helper == reverse("questionnaire:helper", args=[screening_id, "fvc_pct_pred"]) + arrived_with
    raw = {"value": "1.9", "unit": "L", "height_cm": "165", "age": "60", "sex": "female", "confirm": "1"}
    response = client.post(helper, raw)
    assert response["Location"] == screen
    html = page(client.get(screen))
    assert 'value="0.8"' in html and 'value="50"' in html
    assert "fev1_fvc_ratio" not in Screening.objects.get(pk=screening_id).answers  # still not sent


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


def test_changing_a_never_question_on_its_own_page_names_both_ticks_when_left_empty(client, heart_and_stroke):
    location = to_heart_and_stroke(client)
    screening_id = location.split("/screening/")[1].split("/")[0]
    html = page(client.get(location))
    client.post(location, screen_data(html, {"days_since_heart_attack": "never", "days_since_stroke": "never"}))
    change = question_url(screening_id, "days_since_stroke", returning=True)  # "Change" on check your answers
    html = page(client.post(change, {"answer": ""}))
    assert "Enter a number, or tick “Never” or “I don’t know”." in html  # the same ticks as on its screen
    assert re.search(r'type="checkbox" name="never"[^>]*id="id_never"', html), html


def test_a_list_with_nothing_ticked_on_a_screen_says_which_tick_answers_none_of_them(client, illnesses):
    screening_id = start(client)
    for key, value in [("diagnoses", ["ild"]), ("age", "60"), ("sex", "female")]:
        answer(client, screening_id, key, value)
    location = walk_to(client, screening_id, MATCHES_ILD, "other_conditions")
    html = page(client.get(location))
    response = client.post(location, screen_data(html, {"cancer_history": "never"}))  # no illness, no tick
    assert "Tick each one that applies, or “None of these” or “I don’t know”." in page(response)
    client.cookies["django_language"] = "zh-hans"
    response = client.post(location, screen_data(html, {"cancer_history": "never"}))
    assert "请勾选符合您情况的每一项，或勾选“以上都没有”或“我不知道”。" in page(response)


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


@pytest.mark.parametrize(
    "screen_key, english, chinese",
    [
        ("flare_ups", "count from the day it started until today", "从开始那天算到今天"),
        ("heart_and_hospital", "count from the day it happened until today", "从发生那天算到今天"),
        ("recent_infections", "count from the day it started until today", "从开始那天算到今天"),
    ],
)
def test_a_screen_of_days_questions_says_how_to_count_the_days_once_and_each_question_only_what_is_its_own(
    screen_key, english, chinese
):
    screen = screens.screen(screen_key)
    assert english in f"{screen.intro('en')} {screen.intro_days('en')}"
    assert chinese in f"{screen.intro('zh-hans')} {screen.intro_days('zh-hans')}"
    for key in screen.questions:
        question = Question.objects.get(key=key)
        on_screen = str(AnswerForm(question, grouped=True).fields["answer"].help_text)
        alone = str(AnswerForm(question).fields["answer"].help_text)
        assert "Count the days" not in on_screen, key
        if key.startswith("days_since_"):
            assert len(on_screen) < 90, key  # only what is its own
            assert "Count the days" in alone  # alone on its page, a question keeps its whole help text


def to_recent_infections(client, language="en") -> str:
    screening_id = start(client)
    client.cookies["django_language"] = language
    for key, value in [("diagnoses", ["copd"]), ("age", "60"), ("sex", "male")]:
        answer(client, screening_id, key, value)
    return walk_to(client, screening_id, MATCHES_COPD, "pneumonia_last_month")


@pytest.mark.parametrize("language, days_words", [("en", "how many days ago"), ("zh-hans", "多少天以前")])
def test_a_screen_without_a_days_question_does_not_explain_how_to_count_days(client, language, days_words):
    # The COPD study asks about pneumonia and COVID-19 as yes or no: nothing on the page is counted in days.
    html = page(client.get(to_recent_infections(client, language)))
    assert screen_keys(html) == ["pneumonia_last_month", "covid_last_4_weeks"]
    assert screens.screen("recent_infections").intro(language) in html
    assert days_words not in html.split("<main", 1)[1]


def test_the_same_screen_explains_how_to_count_days_when_it_asks_how_many_days_ago(client):
    from trials.registry.importing import ensure_questions

    ensure_questions(["days_since_pneumonia"])
    Criterion.objects.create(
        trial=Trial.objects.get(nct_id=COPD),
        kind="exclusion",
        question=Question.objects.get(key="days_since_pneumonia"),
        max_value=3,
        time_unit="months",
        source_text="Pneumonia in the last 3 months",
        status="approved",
    )
    html = page(client.get(to_recent_infections(client)))
    assert "days_since_pneumonia" in screen_keys(html)
    assert html.count("For “how many days ago”, count from the day it started until today") == 1


def test_a_list_of_illnesses_says_select_all_that_apply_once():
    hint = str(AnswerForm(Question.objects.get(key="other_conditions"), grouped=True).fields["answer"].help_text)
    assert hint.startswith("Select all that apply.") and "applies" not in hint and "long ago" in hint
