"""A reason that names the patient's answer never prints a code: an answer the question no longer offers (an
admin edited its choices after the patient answered) is told in a polite sentence that asks her to answer again
(walkthrough 13 read "yours was “copd”")."""

import pytest
from django.urls import reverse

from tests.screener.questionnaire.flow import answer_everything, start
from tests.screener.questionnaire.test_reasons_name_the_answer import plain, study_block
from tests.screener.questionnaire.test_results import section
from tests.trials.profiles import COPD, ILD, MATCHES_COPD
from trials.models import Question

pytestmark = pytest.mark.usefixtures("seed_trials")


def retire(key: str, code: str) -> Question:
    """An admin's edit: the question no longer offers `code`, which stored answers may still hold."""
    question = Question.objects.get(key=key)
    question.choices = [choice for choice in question.choices if choice["code"] != code]
    question.save()
    return question


def results_after_retiring(client, profile, key, code) -> str:
    screening_id = start(client)
    answer_everything(client, screening_id, profile)
    retire(key, code)
    return plain(client.get(reverse("questionnaire:results", args=[screening_id])).content.decode())


def test_an_excluding_answer_no_longer_offered_is_not_printed_as_its_code(client):
    html = results_after_retiring(
        client, {**MATCHES_COPD, "cancer_history": "within_5y"}, "cancer_history", "within_5y"
    )
    copd = study_block(section(html, "no-matches-title"), COPD)
    prompt = Question.objects.get(key="cancer_history").prompt
    assert (
        f"You cannot take part because of your answer to “{prompt}”. That answer is no longer one of its choices, "
        "so you may want to answer it again."
    ) in copd
    assert "“within_5y”" not in copd


def test_an_unmet_requirement_whose_answer_is_no_longer_offered_names_what_the_study_asks_and_no_code(client):
    html = results_after_retiring(client, MATCHES_COPD, "diagnoses", "copd")
    ild = study_block(section(html, "no-matches-title"), ILD)
    question = Question.objects.get(key="diagnoses")
    assert (
        f"This study is for people whose answer to “{question.prompt}” is “{question.label_for('ild')}” or "
        f"“{question.label_for('ipf')}”; yours is no longer one of its choices, so you may want to answer it again."
    ) in ild
    assert "“copd”" not in ild


def test_in_chinese_the_answer_no_longer_offered_is_told_in_one_chinese_sentence(client):
    client.cookies["django_language"] = "zh-hans"
    html = results_after_retiring(
        client, {**MATCHES_COPD, "cancer_history": "within_5y"}, "cancer_history", "within_5y"
    )
    copd = study_block(section(html, "no-matches-title"), COPD)
    assert "”的回答，您不能参加这项研究。这个回答已不在该问题的选项中，您可以重新回答。" in copd
    assert "within_5y" not in copd
