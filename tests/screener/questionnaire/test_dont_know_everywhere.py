"""'I don't know' is one control for every kind of question, on a page of its own as on a screen: the answers'
own last choice, set apart (a tick under a number's box), in the same words; chosen, then sent with Continue.
Whatever the kind, it is stored as not known."""

import re

import pytest

from screener.questionnaire.models import Screening
from tests.screener.questionnaire.flow import page_data, screen_data, screen_keys, start, walk_to
from tests.trials.profiles import MATCHES_COPD, MATCHES_ILD

pytestmark = pytest.mark.django_db

BOTH = {**MATCHES_ILD, **MATCHES_COPD, "diagnoses": ["ild", "copd"]}  # both seed studies: every kind is asked

KINDS = [
    ("sixmwd_m", "a number on its own page"),
    ("respiratory_hospitalisations_12m", "a count on its own page"),
    ("cancer_history", "a single choice on its own page"),
    ("planning_pregnancy_12m", "yes or no on its own page"),
    ("dlco_pct_pred", "a number on a screen"),
    ("pneumonia_last_month", "yes or no on a screen"),
    ("mechanical_ventilation", "a single choice on a screen"),
]


def question_block(html: str, key: str) -> str:
    """The markup of one question: the whole page's form for a page of its own, its part of a screen."""
    if f'data-question="{key}"' not in html:
        start = html.index('<form id="answer-form"')
        return html[start : html.index("</form>", start)]
    block = html.split(f'data-question="{key}"')[1]
    return block.split('class="screen-question"')[0]


@pytest.mark.parametrize(("language", "words"), [("en", "I don’t know"), ("zh-hans", "我不知道")])
@pytest.mark.parametrize("key", [key for key, _name in KINDS], ids=[name for _key, name in KINDS])
def test_i_dont_know_is_one_control_with_one_wording_for_every_kind(client, seed_trials, key, language, words):
    client.cookies["django_language"] = language
    screening_id = start(client)
    location = walk_to(client, screening_id, BOTH, key)
    html = client.get(location).content.decode()
    block = question_block(html, key)
    assert block.count(f"{words}</") == 1, block  # one control, its label in the page's words
    assert not re.search(rf"<button[^>]*>[^<]*{words}", html)  # never a button that sends the form at once
    control = re.search(r'<div class="option(?: option-apart)?">(<input[^>]*(?:dont_know)[^>]*>)', block)
    assert control, block
    set_apart = 'class="option option-apart"><input' in block or 'class="checkboxes alternatives"' in block
    assert set_apart  # the same place and look: under the answers, apart from them

    if "/screens/" in location:
        keys = screen_keys(html)
        answers = {k: BOTH.get(k) for k in keys} | {key: None}
        client.post(location, screen_data(html, answers))
    else:
        client.post(location, page_data(client, location, None))
    answers = Screening.objects.get(pk=screening_id).answers
    assert key in answers and answers[key] is None  # stored as not known, whatever the kind


@pytest.mark.parametrize("on", ["its own page", "its screen"])
def test_a_number_typed_later_replaces_an_i_dont_know_left_ticked(client, seed_trials, on):
    """Coming back to enter a value once known: the old tick starts ticked, and the number typed now is the answer
    without unticking it. A tick and a number both new are still refused ("not both")."""
    screening_id = start(client)
    key = "sixmwd_m" if on == "its own page" else "dlco_pct_pred"
    location = walk_to(client, screening_id, BOTH, key)
    html = client.get(location).content.decode()
    fresh = screen_data(html, {key: None}) | {f"{key}-answer": "55"} if "/screens/" in location else None
    if fresh is None:
        fresh = {"dont_know": "on", "answer": "320"}
    assert "not both" in client.post(location, fresh).content.decode()  # both given at once: which one?
    if "/screens/" in location:
        client.post(location, screen_data(html, {k: BOTH.get(k) for k in screen_keys(html)} | {key: None}))
    else:
        client.post(location, page_data(client, location, None))
    assert Screening.objects.get(pk=screening_id).answers[key] is None
    again = client.get(location + "?return=check").content.decode()
    assert re.search(r'name="(?:[\w-]+-)?dont_know"[^>]* checked', again)  # "I don't know" starts ticked
    if "/screens/" in location:
        data = screen_data(again, {k: BOTH.get(k) for k in screen_keys(again)} | {key: None}) | {f"{key}-answer": "55"}
    else:
        data = {"dont_know": "on", "answer": "320"}
    response = client.post(location + "?return=check", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Screening.objects.get(pk=screening_id).answers[key] == ("55" if "/screens/" in location else "320")
