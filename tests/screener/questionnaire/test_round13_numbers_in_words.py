"""A number question answered in words (walkthrough 13: "没有" for how many hospital stays, "sixty" for an age) is
understood when the words make a number, from the table `trials/data/number_words.json` (decision 0136): English
numbers up to 999 as Chinese numerals already were, and "没有" / "none" as 0 for a question that counts something,
which the next page then says it took. Anything else gets a polite error in the page's language, with what was
typed kept in its box; never a server error."""

import re

import pytest

from screener.questionnaire.models import Screening
from tests.chinese import ZH
from tests.formdata import BrowserClient
from tests.screener.questionnaire.flow import answer, answer_page, start, walk_to
from tests.trials.profiles import MATCHES_COPD

pytestmark = pytest.mark.usefixtures("seed_trials")

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def patient(language):
    return BrowserClient(**(ZH if language == "zh-hans" else EN))


def error_beside(html: str) -> str:
    found = re.search(r'<p id="id_[a-z0-9_-]*answer_error" class="error-message">(.*?)</p>', html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split()) if found else ""


@pytest.mark.parametrize("typed", ["sixty", "Sixty", "sixty years", "about sixty"])
def test_an_age_typed_in_english_words_is_read(typed):
    client = patient("en")
    screening_id = start(client)
    answer(client, screening_id, "diagnoses", ["copd"])
    response = answer(client, screening_id, "age", typed)
    assert response.status_code == 302 and "/questions/age/" not in response["Location"]
    assert Screening.objects.get(pk=screening_id).answers["age"] == "60"


@pytest.mark.parametrize("typed", ["sixty-eight", "sixty eight", "Sixty-eight years"])
def test_a_number_in_two_english_words_is_read(typed):
    client = patient("en")
    screening_id = start(client)
    answer(client, screening_id, "diagnoses", ["copd"])
    answer(client, screening_id, "age", typed)
    assert Screening.objects.get(pk=screening_id).answers["age"] == "68"


@pytest.mark.parametrize(
    "language, typed, told",
    [
        ("zh-hans", "没有", "您填写的是“没有”，我们按0次计算。如果不对，可以返回修改。"),
        ("zh-hans", "一次也没有", "您填写的是“一次也没有”，我们按0次计算。如果不对，可以返回修改。"),
        ("en", "none", "You wrote “none”, so we took it as 0 times. If that is not right, go back and change it."),
        # typed in lower case, the word is also the code of a "Never" box this question does not have
        ("en", "never", "You wrote “never”, so we took it as 0 times. If that is not right, go back and change it."),
        ("en", "Never", "You wrote “Never”, so we took it as 0 times. If that is not right, go back and change it."),
    ],
)
def test_none_for_how_many_hospital_stays_is_taken_as_0_and_the_next_page_says_so(language, typed, told):
    client = patient(language)
    screening_id = start(client)
    location = walk_to(client, screening_id, MATCHES_COPD, "respiratory_hospitalisations_12m")
    _keys, response = answer_page(client, location, MATCHES_COPD, respiratory_hospitalisations_12m=typed)
    assert response.status_code == 302
    assert Screening.objects.get(pk=screening_id).answers["respiratory_hospitalisations_12m"] == "0"
    assert told in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    "language, typed, message",
    [
        ("zh-hans", "没有", "请输入一个数字，例如68。"),  # "none" is no age
        ("en", "none", "Enter a number, like 68."),
        ("en", "sixty thousand", "Please use digits, like 68."),  # beyond what the table reads
        ("en", "sixty-odd", "Please use digits, like 68."),
        ("zh-hans", "sixty-odd", "请用阿拉伯数字填写，例如68。"),
        ("zh-hans", "六十多", "请用阿拉伯数字填写，例如68。"),
    ],
)
def test_words_that_make_no_age_get_a_polite_error_in_the_page_s_language_and_keep_what_was_typed(
    language, typed, message
):
    client = patient(language)
    screening_id = start(client)
    answer(client, screening_id, "diagnoses", ["copd"])
    response = answer(client, screening_id, "age", typed)
    html = response.content.decode()
    assert response.status_code == 200
    assert error_beside(html).endswith(message)
    assert f'value="{typed}"' in html
    assert "age" not in Screening.objects.get(pk=screening_id).answers
