"""The helpers attach to any question by its unit: a lab value with its upper limit, a date for a
time since. These questions are made here (the registry review adds real ones to the seed)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from screener.questionnaire.measurements import time_since
from screener.questionnaire.models import Screening
from tests.screener.questionnaire.flow import answer, start
from tests.trials.profiles import ILD, MATCHES_ILD
from trials.models import Criterion, Question, Trial

pytestmark = pytest.mark.usefixtures("seed_trials")


@pytest.fixture
def alt_question():
    question, _created = Question.objects.update_or_create(  # the vocabulary may have it already
        key="alt_x_uln",
        defaults={
            "kind": "number",
            "unit": "x ULN",
            "min_value": 0,
            "max_value": 100,
            "priority": 2,
            "short_label": "ALT (× upper limit of normal)",
            "prompt": "What was your ALT, as a multiple of the upper limit?",
            "help_text": "On a liver blood test, the row “ALT”.",
        },
    )
    Criterion.objects.create(
        trial=Trial.objects.get(nct_id=ILD),
        kind="inclusion",
        question=question,
        max_value=Decimal("2.5"),
        source_text="ALT ≤ 2.5 × ULN",
        status="approved",
    )
    return question


@pytest.fixture
def infection_question():
    question = Question.objects.create(
        key="chest_infection_weeks_ago",
        kind="number",
        unit="weeks ago",
        whole_number=True,
        min_value=0,
        max_value=5200,
        priority=2,
        short_label="weeks since your last chest infection",
        prompt="How many weeks ago was your last chest infection?",
    )
    Criterion.objects.create(
        trial=Trial.objects.get(nct_id=ILD),
        kind="exclusion",
        question=question,
        max_value=Decimal(4),
        max_inclusive=False,
        source_text="infection within 4 weeks",
        status="approved",
    )
    return question


def walk_to(client, screening_id, key):
    response = client.get(reverse("questionnaire:resume", args=[screening_id]))
    while not response["Location"].endswith(f"/questions/{key}/"):
        current = response["Location"].split("/questions/")[1].strip("/")
        response = answer(client, screening_id, current, MATCHES_ILD[current])


def test_a_lab_value_and_its_upper_limit_are_stored_as_the_multiple(client, alt_question):
    screening_id = start(client)
    walk_to(client, screening_id, "alt_x_uln")
    html = client.get(reverse("questionnaire:question", args=[screening_id, "alt_x_uln"])).content.decode()
    assert "My report shows the value and its normal range, not “× ULN”" in html
    url = reverse("questionnaire:helper", args=[screening_id, "alt_x_uln"])
    confirm = client.post(url, {"value": "100", "upper_limit": "40"}).content.decode()
    assert 'data-computed="2.5"' in confirm and "2.5 x ULN" in confirm
    assert client.post(url, {"value": "100", "upper_limit": "40", "confirm": "1"}).status_code == 302
    screening = Screening.objects.get(pk=screening_id)
    assert screening.answers["alt_x_uln"] == "2.5"
    assert screening.answer_sources["alt_x_uln"]["inputs"] == {"value": "100", "upper_limit": "40"}


def test_an_upper_limit_of_zero_gets_a_polite_error(client, alt_question):
    screening_id = start(client)
    walk_to(client, screening_id, "alt_x_uln")
    url = reverse("questionnaire:helper", args=[screening_id, "alt_x_uln"])
    response = client.post(url, {"value": "100", "upper_limit": "0", "confirm": "1"})
    assert response.status_code == 200 and "The upper limit must be more than 0." in response.content.decode()


def test_a_date_answers_a_weeks_ago_question(client, infection_question):
    screening_id = start(client)
    walk_to(client, screening_id, "chest_infection_weeks_ago")
    html = client.get(
        reverse("questionnaire:question", args=[screening_id, "chest_infection_weeks_ago"])
    ).content.decode()
    assert "I know the date instead" in html
    today = timezone.localdate()
    event = today - datetime.timedelta(days=20)
    url = reverse("questionnaire:helper", args=[screening_id, "chest_infection_weeks_ago"])
    assert client.post(url, {"date": event.isoformat(), "confirm": "1"}).status_code == 302
    stored = Screening.objects.get(pk=screening_id).answers["chest_infection_weeks_ago"]
    assert stored == time_since(event, today, "weeks ago").stored == "2"


@pytest.mark.parametrize(
    "typed, message",
    [("", "Enter the date."), ("yesterday", "Enter a date, like 2026-03-27."), ("2999-01-01", "today or in the past")],
)
def test_a_bad_date_gets_a_polite_error(client, infection_question, typed, message):
    screening_id = start(client)
    walk_to(client, screening_id, "chest_infection_weeks_ago")
    url = reverse("questionnaire:helper", args=[screening_id, "chest_infection_weeks_ago"])
    response = client.post(url, {"date": typed, "confirm": "1"})
    assert response.status_code == 200 and message in response.content.decode()
