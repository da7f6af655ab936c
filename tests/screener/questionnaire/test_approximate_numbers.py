"""A number said to be about right ("大约68岁", "about 68") is taken as the number, and the next page says so in the
patient's language (decision 0108; walkthrough 10: "大约300米" was stored as 300 without a word). An exact number,
or a Chinese numeral, is taken without a note."""

import pytest

from screener.questionnaire.models import Screening
from tests.chinese import ZH
from tests.formdata import BrowserClient
from tests.screener.questionnaire.flow import HTMX, answer, answer_screen, screen_keys, screen_url, start

pytestmark = pytest.mark.usefixtures("seed_trials")

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
TOOK = {
    "en": "You wrote “{typed}”, so we took it as {value}. If that is not right, go back and change it.",
    "zh-hans": "您填写的是“{typed}”，我们按{value}计算。如果不对，可以返回修改。",
}


def patient(language):
    return BrowserClient(**(ZH if language == "zh-hans" else EN))


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize(
    "language, typed, value",
    [
        ("en", "about 68", "68 years"),
        ("en", "around 68 years", "68 years"),
        ("en", "68 or so", "68 years"),
        ("en", "~68", "68 years"),
        ("zh-hans", "大约68岁", "68岁"),
        ("zh-hans", "68岁左右", "68岁"),
        ("zh-hans", "差不多六十八岁", "68岁"),
    ],
)
def test_a_number_said_to_be_about_right_is_taken_and_the_next_page_says_which(language, typed, value, htmx):
    client = patient(language)
    screening_id = start(client)
    answer(client, screening_id, "diagnoses", ["copd"])
    headers = HTMX if htmx else {}
    response = answer(client, screening_id, "age", typed, follow=True, **headers)
    page = response.content.decode()
    assert Screening.objects.get(id=screening_id).answers["age"] == "68"
    assert "questions/age/" not in response.redirect_chain[-1][0]  # on to the next page
    assert TOOK[language].format(typed=typed, value=value) in page
    again = client.get(response.redirect_chain[-1][0]).content.decode()
    assert "data-taken-as" not in again  # said once


@pytest.mark.parametrize(
    "language, typed", [("en", "68"), ("en", "68 years"), ("zh-hans", "68岁"), ("zh-hans", "六十八")]
)
def test_an_exact_number_is_taken_without_a_note(language, typed):
    client = patient(language)
    screening_id = start(client)
    answer(client, screening_id, "diagnoses", ["copd"])
    response = answer(client, screening_id, "age", typed, follow=True)
    assert Screening.objects.get(id=screening_id).answers["age"] == "68"
    assert "data-taken-as" not in response.content.decode()


@pytest.mark.parametrize(
    "language, typed, value",
    [("en", "about 50%", "50%"), ("zh-hans", "大约百分之50", "50%"), ("zh-hans", "50%左右", "50%")],
)
def test_a_number_about_right_on_a_screen_is_told_on_the_next_page(language, typed, value):
    """The ILD study's lung function values share a screen: "about 50%" there too."""
    client = patient(language)
    screening_id = start(client)
    answer(client, screening_id, "diagnoses", ["ild"])
    answer(client, screening_id, "age", "60")
    answer(client, screening_id, "sex", "female")
    page = client.get(screen_url(screening_id, "fvc_pct_pred")).content.decode()
    assert screen_keys(page) == ["fvc_pct_pred", "fev1_fvc_ratio", "dlco_pct_pred"]
    answers = {"fvc_pct_pred": "55", "fev1_fvc_ratio": "0.8", "dlco_pct_pred": typed}
    response = answer_screen(client, screening_id, "fvc_pct_pred", answers, follow=True)
    assert Screening.objects.get(id=screening_id).answers["dlco_pct_pred"] == "50"
    page = response.content.decode()
    assert TOOK[language].format(typed=typed, value=value) in page
    assert page.count("data-taken-as") == 1  # only the value said to be about right
