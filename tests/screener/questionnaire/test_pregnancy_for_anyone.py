"""The pregnancy question is for women: a man is never asked it; someone whose sex is not known reads how to answer
it if it does not apply to them, in their language."""

import pytest
from django.urls import reverse

from tests.screener.questionnaire.flow import answer_everything, start, walk_to
from tests.trials.profiles import MATCHES_ILD
from trials.models import Question

pytestmark = pytest.mark.django_db

PREGNANCY = "pregnant_or_breastfeeding"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_man_is_never_asked_whether_he_is_pregnant(client, seed_trials, language):
    client.cookies["django_language"] = language
    screening_id = start(client)
    man = {**MATCHES_ILD, "sex": "male", "age": "30", PREGNANCY: "yes"}  # "yes" would rule him out, if asked
    asked = answer_everything(client, screening_id, man)
    assert "sex" in asked and PREGNANCY not in asked
    html = client.get(reverse("questionnaire:results", args=[screening_id])).content.decode()
    assert 'data-nct-id="NCT06534528" data-verdict="match"' in html


@pytest.mark.parametrize(
    ("language", "sex", "says"),
    [
        ("en", None, "If this question does not apply to you, answer “No”."),
        ("zh-hans", None, "如果这个问题不适用于您，请回答“否”。"),
        ("en", "female", None),
        ("zh-hans", "female", None),
    ],
    ids=["sex not known", "性别不知道", "a woman", "女性"],
)
def test_whoever_is_asked_not_knowing_their_sex_is_told_how_to_answer_if_it_does_not_apply(
    client, seed_trials, language, sex, says
):
    question = Question.objects.get(key="sex")
    question.allow_dont_know = True  # an admin may offer it
    question.save()
    client.cookies["django_language"] = language
    screening_id = start(client)
    location = walk_to(client, screening_id, {**MATCHES_ILD, "sex": sex, "age": "30"}, PREGNANCY)
    html = client.get(location).content.decode()
    assert 'data-question="pregnant_or_breastfeeding"' in html or "/questions/pregnant_or_breastfeeding" in location
    if says is None:
        assert "data-may-not-apply" not in html
    else:
        assert says in html
        assert html.count("data-may-not-apply") == 1  # beside the pregnancy question only, not every question
