"""A wording the vocabulary improves reaches databases loaded before the change, unless an admin rewrote it."""

import pytest

from trials.models import Question
from trials.registry.importing import ensure_questions

pytestmark = pytest.mark.django_db

OLD_PROMPT = "Has a doctor ever told you that you have any of these?"
OLD_PROMPT_ZH = "医生是否告诉过您，您患有以下任何一种疾病？"
NEW_PROMPT = "Have you ever had any of these, or has a doctor told you that you have them?"


def loaded_before_the_change():
    ensure_questions(["other_conditions", "ecog_ps", "fev1_pct_pred"])
    Question.objects.filter(key="other_conditions").update(
        prompt_en=OLD_PROMPT,
        prompt_zh_hans=OLD_PROMPT_ZH,
        short_label_en="other illnesses diagnosed",
        short_label_zh_hans="医生诊断过的其他疾病",
    )
    ecog = Question.objects.get(key="ecog_ps")
    for choice in ecog.choices:
        choice["label"] = choice["label"].replace("’", "'")
    ecog.save()
    fev1 = Question.objects.get(key="fev1_pct_pred")
    fev1.help_text_en = fev1.help_text_en.replace("don’t have it", "don't have it")
    fev1.save()


def test_the_illness_list_no_longer_asks_only_what_a_doctor_said_in_either_language():
    loaded_before_the_change()
    ensure_questions()
    question = Question.objects.get(key="other_conditions")
    assert question.prompt_en == NEW_PROMPT
    assert question.prompt_zh_hans == "您是否有过以下任何一种情况，或者医生是否告诉过您患有其中任何一种？"


def test_the_illness_list_s_short_name_no_longer_says_only_diagnosed_in_either_language():
    # staff pages and the doctor's summary name the answer by it ("Other illnesses, now or in the past: Fainting at
    # injections"): "diagnosed" said of fainting read as the doctor-only question the prompt no longer asks
    loaded_before_the_change()
    ensure_questions()
    question = Question.objects.get(key="other_conditions")
    assert (question.short_label_en, question.short_label_zh_hans) == (
        "other illnesses, now or in the past",
        "现在或过去的其他疾病",
    )


def test_straight_apostrophes_in_old_help_texts_and_labels_become_typographic():
    loaded_before_the_change()
    ensure_questions()
    assert "If you don’t have it" in Question.objects.get(key="fev1_pct_pred").help_text_en
    labels = [c["label"] for c in Question.objects.get(key="ecog_ps").choices]
    assert any("can’t" in label for label in labels) and not any("'" in label for label in labels)


def test_an_admin_s_own_wording_is_never_replaced():
    loaded_before_the_change()
    Question.objects.filter(key="other_conditions").update(prompt_en="Which of these has a doctor diagnosed?")
    ensure_questions()
    question = Question.objects.get(key="other_conditions")
    assert question.prompt_en == "Which of these has a doctor diagnosed?"
    assert question.prompt_zh_hans.startswith("您是否有过")  # the untouched translation still moves on


def test_the_vocabulary_itself_has_no_straight_apostrophe_in_english_words():
    import json
    import re

    from trials.registry.importing import VOCABULARY

    assert not re.search(r"[A-Za-z]'[A-Za-z]", VOCABULARY.read_text(encoding="utf-8"))
    assert json.loads(VOCABULARY.read_text(encoding="utf-8"))
