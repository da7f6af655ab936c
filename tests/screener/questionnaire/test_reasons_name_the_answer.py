"""A study that is not a match says which of the patient's answers ruled them out, not every answer that would have."""

import pytest

from tests.screener.questionnaire.test_results import results_for, section
from tests.trials.profiles import COPD, MATCHES_COPD
from trials.models import Question

pytestmark = pytest.mark.usefixtures("seed_trials")


def plain(html: str) -> str:
    return html.replace("&ldquo;", "“").replace("&rdquo;", "”").replace("&#x27;", "'")


def study_block(html: str, nct_id: str) -> str:
    start = html.index(f'data-nct-id="{nct_id}"')
    return html[start : html.index("</details>", start)]


def labels(key: str) -> dict[str, str]:
    question = Question.objects.get(key=key)
    return {code: question.label_for(code) for code in question.choice_codes()}, question.prompt


def test_an_excluding_answer_is_named_and_the_other_excluded_answers_are_not(client):
    html = plain(results_for(client, {**MATCHES_COPD, "cancer_history": "within_5y"}))
    no_matches = study_block(section(html, "no-matches-title"), COPD)
    (cancer, prompt) = labels("cancer_history")
    assert f"You cannot take part because your answer to “{prompt}” was “{cancer['within_5y']}”." in no_matches
    assert cancer["minor_within_5y"] not in no_matches  # the other excluding answer the patient did not give


def test_an_unmet_requirement_says_what_it_asks_and_what_the_patient_answered(client):
    html = plain(results_for(client, MATCHES_COPD))  # a COPD patient: the lung fibrosis study is no match
    no_matches = section(html, "no-matches-title")
    (diagnoses, prompt) = labels("diagnoses")
    assert (
        f"This study is for people whose answer to “{prompt}” is “{diagnoses['ild']}” or “{diagnoses['ipf']}”; "
        f"yours was “{diagnoses['copd']}”." in no_matches
    )


def test_in_chinese_the_excluding_answer_is_named_in_one_chinese_sentence(client):
    client.cookies["django_language"] = "zh-hans"
    html = plain(results_for(client, {**MATCHES_COPD, "cancer_history": "within_5y"}))
    no_matches = section(html, "no-matches-title")
    assert "的回答是“" in no_matches and "”，所以不能参加这项研究。" in no_matches
    assert "You cannot take part" not in no_matches


def test_a_rule_with_one_excluding_answer_keeps_its_sentence(client):
    html = plain(results_for(client, {**MATCHES_COPD, "covid_last_4_weeks": "yes"}))
    copd = study_block(section(html, "no-matches-title"), COPD)
    assert "You cannot take part if your answer to “" in copd and "was “" not in copd


def test_the_study_page_still_lists_every_answer_a_rule_excludes(client):
    from django.urls import reverse

    study = plain(client.get(reverse("questionnaire:study", args=[COPD])).content.decode())
    (cancer, _prompt) = labels("cancer_history")
    assert cancer["within_5y"] in study and cancer["minor_within_5y"] in study


@pytest.mark.parametrize(
    "language, joined",
    [
        ("en", "yours was “{copd}” and “{asthma}”."),
        ("zh-hans", "您的回答是“{copd}”和“{asthma}”。"),  # no space around 和 between full-width quotes
    ],
)
def test_two_answers_the_patient_gave_are_joined_as_the_page_s_language_joins_them(client, language, joined):
    client.cookies["django_language"] = language
    html = plain(results_for(client, {**MATCHES_COPD, "diagnoses": ["copd", "asthma"]}))
    no_matches = section(html, "no-matches-title")
    (diagnoses, _prompt) = labels("diagnoses")
    assert joined.format(copd=diagnoses["copd"], asthma=diagnoses["asthma"]) in no_matches
