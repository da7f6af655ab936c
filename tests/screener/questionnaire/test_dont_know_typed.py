"""A patient who types "不知道" or "I don't know" into a number's box (walkthrough 13, the six-minute walk) means the
"I don't know" tick box just below it: the answer is taken as that, and the next page says so in the page's language,
as it does for "没有" taken as 0. The words are a table (`trials/data/number_words.json`), in both languages."""

from html import unescape

import pytest

from screener.questionnaire.models import Screening
from tests.chinese import ZH
from tests.formdata import BrowserClient
from tests.screener.questionnaire.flow import answer_page, start, walk_to
from tests.trials.profiles import MATCHES_COPD

pytestmark = pytest.mark.usefixtures("seed_trials")

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.mark.parametrize(
    "language, typed, told",
    [
        ("zh-hans", "不知道", "您填写的是“不知道”，我们把您的回答记为“我不知道”。如果找到了这个数字，可以返回填写。"),
        ("zh-hans", "我不清楚", "您填写的是“我不清楚”，我们把您的回答记为“我不知道”。"),
        ("en", "I don't know", "You wrote “I don't know”, so we took your answer as “I don’t know”."),
        ("en", "don’t know", "You wrote “don’t know”, so we took your answer as “I don’t know”."),
        ("en", "Don't know.", "If you find the number, go back and enter it."),
    ],
)
def test_dont_know_typed_into_the_walk_distance_is_taken_as_the_tick_box_and_the_next_page_says_so(
    language, typed, told
):
    client = BrowserClient(**(ZH if language == "zh-hans" else EN))
    screening_id = start(client)
    location = walk_to(client, screening_id, MATCHES_COPD, "sixmwd_m")
    _keys, response = answer_page(client, location, MATCHES_COPD, sixmwd_m=typed)
    assert response.status_code == 302
    answers = Screening.objects.get(pk=screening_id).answers
    assert "sixmwd_m" in answers and answers["sixmwd_m"] is None  # "I don't know", as if the box were ticked
    assert told in unescape(client.get(response["Location"]).content.decode())
