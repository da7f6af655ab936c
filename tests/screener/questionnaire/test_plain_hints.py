"""Small things a patient reads: the hint under "I don't know" fits the question, both ends of a range are said
whichever is crossed, a unit is in words, and Chinese sentences follow one another without a space."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from screener.questionnaire.forms import AnswerForm
from screener.questionnaire.models import Screening
from tests.screener.questionnaire.flow import start, walk_to
from tests.screener.questionnaire.test_screen_pages import to_lung_function
from tests.trials.profiles import MATCHES_COPD
from trials.models import Question

pytestmark = pytest.mark.usefixtures("seed_trials")

MEASURE = {"en": "the study team can check or measure it", "zh-hans": "研究团队可以核对或测量"}
HISTORY = {"en": "the study team can go through it with you", "zh-hans": "研究团队可以和您一起核对"}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_history_question_says_the_team_goes_through_it_not_that_it_measures_it(client, language):
    screening_id = start(client)
    location = walk_to(client, screening_id, MATCHES_COPD, "respiratory_hospitalisations_12m")  # hospital stays
    Screening.objects.filter(pk=screening_id).update(language=language)
    html = client.get(location).content.decode()
    assert HISTORY[language] in html and MEASURE[language] not in html


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_measurement_screen_says_the_team_can_measure_it(client, language):
    screening_id, location = to_lung_function(client)
    Screening.objects.filter(pk=screening_id).update(language=language)
    html = client.get(location).content.decode()
    assert MEASURE[language] in html and HISTORY[language] not in html


@pytest.mark.parametrize(
    "typed, language, message",
    [
        ("-5", "en", "Enter a value from 0 years to 120 years."),
        ("680", "en", "Enter a value from 0 years to 120 years."),
        ("-5", "zh-hans", "120"),
        ("680", "zh-hans", "120"),
    ],
)
def test_an_age_out_of_range_is_told_the_range_below_and_above(typed, language, message):
    with translation.override(language):
        with pytest.raises(ValidationError) as refused:
            Question.objects.get(key="age").clean_answer(typed)
    assert refused.value.code == "out_of_range" and message in refused.value.messages[0]


@pytest.mark.parametrize("language, unit", [("en", "hours a day"), ("zh-hans", "小时/天")])
def test_oxygen_hours_are_shown_in_plain_words(language, unit):
    question = Question.objects.get(key="oxygen_hours_per_day")
    with translation.override(language):
        assert str(AnswerForm(question).unit_shown) == unit
        assert question.format_number(15) == ("15 hours a day" if language == "en" else "15小时/天")


def test_the_chinese_banner_has_no_space_between_its_sentences():
    from django.template.loader import render_to_string

    with translation.override("zh-hans"):
        html = render_to_string("questionnaire/_more_needed.html", {"remaining": 1})
    assert "变化。</strong>有一项" in html
    with translation.override("en"):
        html = render_to_string("questionnaire/_more_needed.html", {"remaining": 1})
    assert "results.</strong> A new" in html
