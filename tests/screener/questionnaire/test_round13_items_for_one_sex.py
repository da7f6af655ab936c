"""An item of a list that cannot apply to the sex the patient gave is not offered (walkthrough 13: a man was offered
"carcinoma in situ of the cervix"). Which sexes an item applies to is a column of the question's choices
(`"sexes": ["female"]`), not a list in code; it counts only once the patient has answered the sex question, and
the item then counts as not ticked, so a study naming it is decided for him and never asks for it again."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.screener.questionnaire.flow import answer, answer_page, screen_data, start, walk_to
from tests.trials.profiles import ILD, MATCHES_ILD
from trials.models import Criterion, Question, Trial

pytestmark = pytest.mark.usefixtures("seed_trials")

CERVIX = {
    "code": "cervical_cis",
    "label": "Carcinoma in situ of the cervix",
    "label_zh_hans": "宫颈原位癌",
    "sexes": ["female"],
}


def with_item(item: dict) -> Question:
    question = Question.objects.get(key="other_conditions")
    question.choices = (
        [c for c in question.choices if c["code"] != "none"]
        + [item]
        + [c for c in question.choices if c["code"] == "none"]
    )
    question.full_clean()
    question.save()
    return question


def excluding(values: list[str]) -> None:
    Criterion.objects.create(
        trial=Trial.objects.get(nct_id=ILD),
        kind="exclusion",
        question=Question.objects.get(key="other_conditions"),
        values=values,
        source_text="HIV, or carcinoma in situ of the cervix",
        status="approved",
    )


def offered_to(client, sex: str) -> tuple[str, str, list[str]]:
    screening_id = start(client)
    for key, value in [("diagnoses", ["ild"]), ("age", "60"), ("sex", sex)]:
        answer(client, screening_id, key, value)
    location = walk_to(client, screening_id, {**MATCHES_ILD, "sex": sex}, "other_conditions")
    html = client.get(location).content.decode()
    return screening_id, location, re.findall(r'name="other_conditions-answer" value="([^"]+)"', html)


def finish(client, screening_id, profile) -> str:
    response = client.get(reverse("questionnaire:resume", args=[screening_id]))
    while "/check/" not in response["Location"]:
        _keys, response = answer_page(client, response["Location"], profile)
    return client.get(reverse("questionnaire:results", args=[screening_id])).content.decode()


def test_a_man_is_not_offered_an_item_that_applies_only_to_women(client):
    with_item(CERVIX)
    excluding(["hiv", "cervical_cis"])
    screening_id, location, offered = offered_to(client, "male")
    assert offered == ["hiv", "none", "dont_know"]
    html = client.get(location).content.decode()
    assert "Carcinoma in situ of the cervix" not in html
    response = client.post(
        location, {**screen_data(html, {"cancer_history": "never"}), "other_conditions-answer": "none"}
    )
    assert response.status_code == 302
    results = finish(client, screening_id, {**MATCHES_ILD, "sex": "male"})
    assert f'data-nct-id="{ILD}" data-verdict="match"' in results  # the item he was not offered decides nothing


def test_a_woman_is_offered_it(client):
    with_item(CERVIX)
    excluding(["hiv", "cervical_cis"])
    _screening_id, _location, offered = offered_to(client, "female")
    assert offered == ["hiv", "cervical_cis", "none", "dont_know"]


def test_a_study_naming_only_such_an_item_never_asks_a_man_about_it(client):
    with_item(CERVIX)
    excluding(["cervical_cis"])
    screening_id = start(client)
    profile = {**MATCHES_ILD, "sex": "male"}
    response = client.get(reverse("questionnaire:resume", args=[screening_id]))
    asked = []
    while "/check/" not in response["Location"]:
        keys, response = answer_page(client, response["Location"], profile)
        asked += keys
    assert "other_conditions" not in asked
    results = client.get(reverse("questionnaire:results", args=[screening_id])).content.decode()
    assert f'data-nct-id="{ILD}" data-verdict="match"' in results


def test_until_the_sex_question_is_answered_every_item_stays():
    """The engine's rule: the column counts only once the patient has given her sex."""
    from trials import eligibility

    info = eligibility.QuestionInfo(
        key="other_conditions", items=("hiv", "cervical_cis"), item_sexes=(("cervical_cis", frozenset({"female"})),)
    )
    questions = {"other_conditions": info}
    assert eligibility.with_implied_answers({"age": "60"}, questions) == {"age": "60"}
    assert eligibility.with_implied_answers({"sex": eligibility.DONT_KNOW}, questions) == {"sex": eligibility.DONT_KNOW}
    implied = eligibility.with_implied_answers({"sex": "male"}, questions)["other_conditions"]
    assert implied == eligibility.ItemsAnswer(frozenset(), frozenset({"cervical_cis"}))
    kept = eligibility.with_implied_answers({"sex": "female"}, questions)  # a woman: nothing implied, she is asked
    assert "other_conditions" not in kept


def test_an_admin_cannot_name_a_sex_the_sex_question_does_not_have():
    question = Question.objects.get(key="other_conditions")
    question.choices = [*question.choices, {**CERVIX, "sexes": ["women"]}]
    with pytest.raises(ValidationError) as refused:
        question.full_clean()
    assert "sexes" in str(refused.value)


def test_the_answer_implied_for_a_man_is_not_listed_among_the_answers_that_fit(client):
    """Decision 0136: he was never asked, so the results page names no answer of his for it."""
    with_item(CERVIX)
    excluding(["cervical_cis"])
    screening_id = start(client)
    profile = {**MATCHES_ILD, "sex": "male"}
    html = finish(client, screening_id, profile)
    study = html.split(f'data-nct-id="{ILD}"')[1].split("data-nct-id=")[0]
    met = re.search(r'<ul class="list list-met">(.*?)</ul>', study, re.S)
    short_label = Question.objects.get(key="other_conditions").short_label
    assert met and short_label.capitalize() not in met.group(1) and short_label not in met.group(1)


def test_a_man_s_answer_lists_only_the_items_he_was_asked_about(client):
    """Walkthrough 13: "None (asked about: HIV; Carcinoma in situ of the cervix)" named an item he was never offered."""
    with_item(CERVIX)
    excluding(["hiv", "cervical_cis"])
    screening_id, location, _offered = offered_to(client, "male")
    html = client.get(location).content.decode()
    client.post(location, {**screen_data(html, {"cancer_history": "never"}), "other_conditions-answer": "none"})
    results = finish(client, screening_id, {**MATCHES_ILD, "sex": "male"})
    study = results.split(f'data-nct-id="{ILD}"')[1].split("data-nct-id=")[0]
    met = re.search(r'<ul class="list list-met">(.*?)</ul>', study, re.S).group(1)
    assert "HIV" in met  # his answer is listed, with what he was asked about
    assert "Carcinoma in situ of the cervix" not in met
