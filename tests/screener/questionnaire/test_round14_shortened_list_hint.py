"""The lung-cancer treatment list shows only the treatments some open study names (decision 0056), so its hint
says "None of these" means none of the treatments shown, not "no treatment yet" (walkthrough 13, finding 4: a
patient treated only with chemotherapy, which no study named, was told to claim she had had no treatment). A
database loaded before the change gets the new hint too (decision 0125), unless an admin rewrote it."""

import pytest

from tests.screener.questionnaire.flow import start, walk_to
from tests.trials.profiles import ILD, MATCHES_ILD
from trials.models import Criterion, Question, Trial
from trials.registry.importing import ensure_questions

pytestmark = pytest.mark.usefixtures("seed_trials")

OLD_EN = "Choose “None of these” if you have not had any treatment for it yet."
OLD_ZH = "如果还没有接受过任何治疗，请选择“以上都没有”。"
NEW_EN = "Choose “None of these” if you have had none of the treatments shown."
NEW_ZH = "如果以上列出的治疗您都没有接受过，请选择“以上都没有”。"


def treatments_page(client, language: str) -> str:
    ensure_questions(["lung_cancer_treatment"])
    Criterion.objects.create(
        trial=Trial.objects.get(nct_id=ILD),
        kind="exclusion",
        question=Question.objects.get(key="lung_cancer_treatment"),
        values=["immunotherapy"],
        source_text="Prior immunotherapy for lung cancer",
        status="approved",
    )
    client.cookies["django_language"] = language
    screening_id = start(client)
    profile = {**MATCHES_ILD, "diagnoses": ["ild", "lung_cancer"]}
    location = walk_to(client, screening_id, profile, "lung_cancer_treatment")
    return client.get(location).content.decode().replace("&ldquo;", "“").replace("&rdquo;", "”")


@pytest.mark.parametrize("language, new, old", [("en", NEW_EN, OLD_EN), ("zh-hans", NEW_ZH, OLD_ZH)])
def test_the_hint_of_a_shortened_treatment_list_speaks_of_the_treatments_shown(client, language, new, old):
    page = treatments_page(client, language)
    assert 'value="immunotherapy"' in page and 'value="chemotherapy"' not in page  # the list is shortened
    assert new in page and old not in page


def test_a_database_holding_the_old_hint_gets_the_new_one_in_both_languages():
    ensure_questions(["lung_cancer_treatment"])
    question = Question.objects.get(key="lung_cancer_treatment")
    Question.objects.filter(pk=question.pk).update(
        help_text_en=question.help_text_en.replace(NEW_EN, OLD_EN),
        help_text_zh_hans=question.help_text_zh_hans.replace(NEW_ZH, OLD_ZH),
    )
    ensure_questions()
    question.refresh_from_db()
    assert question.help_text_en.endswith(NEW_EN) and question.help_text_zh_hans.endswith(NEW_ZH)


def test_an_admin_s_own_hint_stays():
    ensure_questions(["lung_cancer_treatment"])
    Question.objects.filter(key="lung_cancer_treatment").update(help_text_en="Ask your oncologist.")
    ensure_questions()
    assert Question.objects.get(key="lung_cancer_treatment").help_text_en == "Ask your oncologist."
