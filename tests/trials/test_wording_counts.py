"""What a patient reads about a limit on how many times something happened: a whole sentence that reads naturally
in each language ("The number of flare-ups ... needs to be at least 2."), never "Your flare-ups ... needs to be at
least 2 times"."""

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db


def reason(key, kind="inclusion", language="en", **rule):
    from trials.models import Criterion, Question
    from trials.registry.importing import ensure_questions

    ensure_questions([key])
    criterion = Criterion(kind=kind, question=Question.objects.get(key=key), source_text="x", **rule)
    with translation.override(language):
        return criterion.reason()


@pytest.mark.parametrize(
    "key, kind, rule, english, chinese",
    [
        (
            "exacerbations_12m",
            "inclusion",
            {"min_value": 2},
            "The number of flare-ups of your lung condition in the last 12 months needs to be at least 2.",
            "最近12个月肺部疾病加重的次数需要不少于2次。",
        ),
        (
            "respiratory_hospitalisations_12m",
            "inclusion",
            {"max_value": 1},
            "The number of hospital stays for a lung flare-up in the last 12 months needs to be at most 1.",
            "过去12个月因肺病急性加重住院的次数需要不超过1次。",
        ),
        (
            "respiratory_hospitalisations_12m",
            "exclusion",
            {"min_value": 3},
            "You cannot take part if the number of hospital stays for a lung flare-up in the last 12 months is at "
            "least 3.",
            "如果过去12个月因肺病急性加重住院的次数不少于3次，就不能参加这项研究。",
        ),
        (
            "exacerbations_12m",
            "inclusion",
            {"min_value": 1, "max_value": 4, "max_inclusive": False},
            "The number of flare-ups of your lung condition in the last 12 months needs to be at least 1 and less "
            "than 4.",
            "最近12个月肺部疾病加重的次数需要不少于1次且少于4次。",
        ),
    ],
    ids=["at-least-2", "at-most-1", "excluded-from-3", "a-range"],
)
def test_a_limit_on_a_count_reads_as_a_whole_sentence_in_each_language(key, kind, rule, english, chinese):
    assert reason(key, kind, **rule) == english
    assert reason(key, kind, "zh-hans", **rule) == chinese


def test_other_limits_keep_their_sentence_and_their_unit():
    assert reason("sixmwd_m", min_value=150) == "Your six-minute walk distance needs to be at least 150 m."
