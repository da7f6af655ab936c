"""Staff read every question and rule in their own page language, whatever language the patient used; the patient's
own words, and a rule edited since the request was sent, stay as they were sent (walk10: a Chinese page showed
"核对回答：lung conditions diagnosed" and "尚不清楚：150 m ≤ six-minute walk distance < 600 m。")."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from screener.referrals.models import Referral
from tests.conftest import CONTACT
from tests.formdata import BrowserClient
from tests.screener.questionnaire.flow import answer_everything, start
from tests.trials.profiles import MATCHES_COPD
from trials.models import Criterion

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def sent_in(seed_trials, site_a):
    def send(language: str) -> Referral:
        patient = BrowserClient(HTTP_ACCEPT_LANGUAGE=language)
        screening_id = start(patient)
        answer_everything(patient, screening_id, {**MATCHES_COPD, "sixmwd_m": None})
        patient.post(reverse("referrals:refer", args=[screening_id, site_a.public_id]), CONTACT)
        return Referral.objects.get(screening_id=screening_id)

    return send


def detail(client, referral, **headers) -> str:
    return client.get(reverse("staff:detail", args=[referral.id]), **headers).content.decode()


@pytest.mark.parametrize(
    ("patient", "staff", "reads", "not_reads"),
    [
        (
            "en",
            ZH,
            [
                "您今年多少岁？",
                "60岁",
                "核对回答：年龄",
                "尚不清楚：150米 ≤ 6分钟步行距离 &lt; 600米。",
                "6分钟步行距离",
            ],
            ["How old are you?", "Check the answer: age", "six-minute walk distance <"],
        ),
        (
            "zh-hans",
            EN,
            [
                "How old are you?",
                "60 years",
                "Check the answer: age",
                "Not known yet: 150 m ≤ six-minute walk distance",
            ],
            ["您今年多少岁？", "核对回答", "6分钟步行距离"],
        ),
    ],
)
def test_staff_read_the_questions_answers_and_rules_in_their_own_language(
    sent_in, staff_a_client, patient, staff, reads, not_reads
):
    referral = sent_in(patient)
    html = detail(staff_a_client, referral, **staff)
    missing = [text for text in reads if text not in html]
    assert missing == []
    assert [text for text in not_reads if text in html] == []


def test_a_rule_edited_since_sending_keeps_the_words_the_site_received(sent_in, staff_a_client):
    referral = sent_in("en")
    walk = Criterion.objects.get(trial=referral.trial, question__key="sixmwd_m")
    sent_rule = next(row["rule"] for row in referral.outcomes_snapshot if row["criterion"] == walk.pk)
    walk.min_value = 100
    walk.save()
    html = detail(staff_a_client, referral, **ZH)
    assert escape(sent_rule) in html  # what was sent, not today's rule in Chinese
    assert "100米" not in html.split("发送时的入选标准")[1].split("</details>")[0]


def test_the_patients_own_words_stay_as_written(sent_in, staff_a_client):
    referral = sent_in("en")
    html = detail(staff_a_client, referral, **ZH)
    assert CONTACT["name"] in html
