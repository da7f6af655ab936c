"""Simple Chinese numerals up to 999 are read ("两次", "三百米": decision 0108), and English ones ("sixty-eight":
decision 0136); other numbers written in words are not (decision 0091): the patient is asked, politely and in her language, to type digits, and what she typed stays in
the box."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from screener.questionnaire.forms import AnswerForm
from trials.models import Question
from trials.number_input import written_in_words

pytestmark = pytest.mark.usefixtures("seed_trials")


@pytest.mark.parametrize("text", ["六十八", "两次", "百分之四十五", "sixty-eight", "two", "Sixty eight", "twice"])
def test_a_number_in_words_is_recognised(text):
    assert written_in_words(text)


@pytest.mark.parametrize("text", ["68", "68岁", "2次", "45%", "abc", "lots", "8 years"])
def test_digits_or_other_words_are_not_a_number_in_words(text):
    assert not written_in_words(text)


@pytest.mark.parametrize(
    "key, text, language, message",
    [
        ("age", "sixty-odd", "en", "Please use digits, like 68."),
        ("age", "六十多", "zh-hans", "请用阿拉伯数字填写，例如68。"),  # sixty-odd
        ("respiratory_hospitalisations_12m", "十几次", "zh-hans", "请用阿拉伯数字填写，例如2。"),  # ten-odd
        ("sixmwd_m", "一千五百米", "zh-hans", "请用阿拉伯数字填写，例如350。"),  # thousands are not read
        ("sixmwd_m", "三百多米", "zh-hans", "请用阿拉伯数字填写，例如350。"),  # three hundred-odd
        ("sixmwd_m", "3百米", "zh-hans", "请用阿拉伯数字填写，例如350。"),
        ("respiratory_hospitalisations_12m", "twice", "en", "Please use digits, like 2."),
        ("sixmwd_m", "fifteen hundred", "en", "Please use digits, like 350."),  # thousands are not read
    ],
)
def test_a_number_in_words_is_refused_with_a_request_for_digits(key, text, language, message):
    question = Question.objects.get(key=key)
    with translation.override(language):
        with pytest.raises(ValidationError) as refused:
            question.clean_answer(text)
        assert refused.value.messages == [message]


@pytest.mark.parametrize(
    "key, text, stored",
    [
        ("respiratory_hospitalisations_12m", "两次", "2"),
        ("respiratory_hospitalisations_12m", "两", "2"),
        ("respiratory_hospitalisations_12m", "零次", "0"),
        ("respiratory_hospitalisations_12m", "十二次", "12"),
        ("sixmwd_m", "三百米", "300"),
        ("sixmwd_m", "三百五十米", "350"),
        ("sixmwd_m", "三百五", "350"),  # as it is said: three hundred and fifty
        ("sixmwd_m", "一百零五米", "105"),
        ("sixmwd_m", "两百米", "200"),
        ("age", "六十八岁", "68"),
        ("age", "六十八", "68"),
        ("age", "sixty-eight", "68"),
        ("respiratory_hospitalisations_12m", "two", "2"),
    ],
)
def test_simple_chinese_numerals_are_read(key, text, stored):
    assert Question.objects.get(key=key).clean_answer(text) == stored


def test_other_text_is_still_asked_for_a_number():
    with pytest.raises(ValidationError) as refused:
        Question.objects.get(key="age").clean_answer("lots")
    assert refused.value.code == "invalid"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_what_was_typed_in_words_stays_in_the_box(language):
    with translation.override(language):
        form = AnswerForm(Question.objects.get(key="age"), {"answer": "六十多"})
        assert not form.is_valid()
        assert 'value="六十多"' in str(form["answer"])
