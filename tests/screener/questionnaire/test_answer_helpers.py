"""The helpers attach to any question by its unit: a lab value with its upper limit, a date for a
time since. These questions are made here (the registry review adds real ones to the seed)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from screener.questionnaire.measurements import time_since
from screener.questionnaire.models import Screening
from tests.screener.questionnaire import flow
from tests.screener.questionnaire.flow import start
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
    flow.walk_to(client, screening_id, MATCHES_ILD, key)


def test_a_lab_value_and_its_upper_limit_are_stored_as_the_multiple(client, alt_question):
    screening_id = start(client)
    walk_to(client, screening_id, "alt_x_uln")
    html = client.get(reverse("questionnaire:question", args=[screening_id, "alt_x_uln"])).content.decode()
    assert "My report shows the value and its normal range, not “× ULN”" in html
    url = reverse("questionnaire:helper", args=[screening_id, "alt_x_uln"])
    confirm = client.post(url, {"value": "100", "upper_limit": "40"}).content.decode()
    assert 'data-computed="2.5"' in confirm and "2.5 × ULN" in confirm
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


@pytest.fixture
def twelve_month_window():
    from trials.registry.importing import ensure_questions

    ensure_questions(["days_since_exacerbation"])
    question = Question.objects.get(key="days_since_exacerbation")
    Criterion.objects.create(
        trial=Trial.objects.get(nct_id=ILD),
        kind="inclusion",
        question=question,
        max_value=12,
        time_unit="months",
        source_text="At least one exacerbation in the previous 12 months",
        status="approved",
    )
    return question


@pytest.mark.parametrize("months_and_days, still_open", [((12, 0), True), ((12, 1), False), ((11, 0), True)])
def test_a_flare_up_given_as_a_date_is_judged_by_calendar_months(
    client, twelve_month_window, months_and_days, still_open
):
    from dateutil.relativedelta import relativedelta

    from trials import catalogue

    screening_id = start(client)
    walk_to(client, screening_id, "days_since_exacerbation")
    today = timezone.localdate()
    months, days = months_and_days
    event = today - relativedelta(months=months) - datetime.timedelta(days=days)
    url = reverse("questionnaire:helper", args=[screening_id, "days_since_exacerbation"])
    assert client.post(url, {"date": event.isoformat(), "confirm": "1"}).status_code == 302
    screening = Screening.objects.get(pk=screening_id)
    assert screening.answers["days_since_exacerbation"] == str((today - event).days)
    loaded = catalogue.current()
    result = loaded.evaluate(ILD, screening.answers, screening.answer_sources)
    ruled_out = any(
        r.outcome.value == "not_met" and r.criterion.question_key == "days_since_exacerbation" for r in result.results
    )
    assert ruled_out is not still_open


@pytest.mark.parametrize("days, still_open", [(362, True), (365, True), (366, True), (367, False)])
def test_a_flare_up_given_in_days_is_within_12_months_up_to_366_days(twelve_month_window, days, still_open):
    from trials import catalogue

    result = catalogue.current().evaluate(ILD, {"days_since_exacerbation": str(days)})
    ruled_out = any(
        r.outcome.value == "not_met" and r.criterion.question_key == "days_since_exacerbation" for r in result.results
    )
    assert ruled_out is not still_open


@pytest.mark.parametrize(
    "key, column", [("fev1_pct_pred_post", "“Post”"), ("fvc_pct_pred_post", "“Post”"), ("fev1_pct_pred", "“Pre”")]
)
def test_the_litres_helper_asks_for_the_value_after_the_inhaler_on_an_after_question(key, column):
    from screener.questionnaire.answer_helpers import PercentPredictedForm, helper_kind
    from trials.registry.importing import ensure_questions

    question = ensure_questions([key])[key]
    assert helper_kind(question) == "pct_pred"
    help_text = str(PercentPredictedForm(question).fields["value"].help_text)
    assert column in help_text
    assert ("after the inhaler" in help_text) is key.endswith("_post")


@pytest.mark.parametrize(
    "key", ["days_since_diagnosis", "days_on_current_treatment", "days_since_quit_smoking", "days_with_symptoms"]
)
def test_a_duration_question_can_be_answered_with_a_date(key):
    from screener.questionnaire.answer_helpers import helper_kind, link_text
    from trials.registry.importing import ensure_questions

    question = ensure_questions([key])[key]
    assert helper_kind(question) == "event_date"
    assert link_text(question) == "I know the date instead"


@pytest.mark.parametrize("language, message", [("en", "today or in the past"), ("zh-hans", "今天或以前")])
def test_a_future_date_is_an_error_on_the_date_field_linked_from_the_summary(
    client, infection_question, language, message
):
    screening_id = start(client)
    Screening.objects.filter(pk=screening_id).update(language=language)
    walk_to(client, screening_id, "chest_infection_weeks_ago")
    url = reverse("questionnaire:helper", args=[screening_id, "chest_infection_weeks_ago"])
    html = client.post(url, {"date": "2999-01-01"}, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    summary = html.split('class="error-summary"')[1].split("</div>")[0]
    assert 'href="#id_date"' in summary and message in summary  # a link to the field, as for any other error
    field = html.split("</div>", 1)[1]
    assert 'aria-describedby="' in field and "id_date_error" in field
    assert message in html.split('id="id_date_error"')[1][:400]  # and the error beside the field itself
    assert 'value="2999-01-01"' in html


@pytest.mark.parametrize("language, example", [("en", "2026-03-27"), ("zh-hans", "2026-03-27")])
def test_the_date_hint_gives_no_format_the_browsers_date_box_may_not_show(
    client, infection_question, language, example
):
    screening_id = start(client)
    Screening.objects.filter(pk=screening_id).update(language=language)
    walk_to(client, screening_id, "chest_infection_weeks_ago")
    url = reverse("questionnaire:helper", args=[screening_id, "chest_infection_weeks_ago"])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert 'type="date"' in html
    assert example not in html


# A date that does not exist, a date out of the question's range, a date that reads two ways (walk9 item 5)


def helper_post(client, infection_question, data, language="en"):
    screening_id = start(client)
    Screening.objects.filter(pk=screening_id).update(language=language)
    walk_to(client, screening_id, "chest_infection_weeks_ago")
    url = reverse("questionnaire:helper", args=[screening_id, "chest_infection_weeks_ago"])
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE=language).content.decode()


@pytest.mark.parametrize("typed", ["2026-02-30", "30/02/2026", "2026年2月30日", "2025-13-01", "2025-04-31"])
@pytest.mark.parametrize(
    "language, message",
    [
        ("en", "That date does not exist (like 30 February): check the day and the month."),
        ("zh-hans", "这个日期不存在（比如2月30日）：请核对日和月。"),
    ],
)
def test_a_date_that_does_not_exist_is_told_so_and_kept_in_the_box(
    client, infection_question, typed, language, message
):
    html = helper_post(client, infection_question, {"date": typed}, language)
    assert message in html and f'value="{typed}"' in html
    assert "Enter a date, like" not in html and "请输入日期，例如" not in html


@pytest.mark.parametrize("typed", ["2025-02-28", "28/02/2025", "2024-02-29"])
def test_a_date_that_exists_is_not_called_impossible(client, infection_question, typed):
    html = helper_post(client, infection_question, {"date": typed})
    assert "does not exist" not in html and "data-computed" in html


def test_an_emptied_date_box_says_the_date_typed_may_not_exist(client, infection_question):
    """Chromium's date box empties itself on 30 February: the server gets nothing."""
    html = helper_post(client, infection_question, {"date": ""})
    assert "If you typed one and the box emptied, that date does not exist" in html


@pytest.mark.parametrize(
    "language, words",
    [("en", "Enter a date from {earliest} to today."), ("zh-hans", "请输入{earliest}到今天之间的日期。")],
)
def test_a_date_too_long_ago_for_the_question_is_refused_with_the_range_as_dates(
    client, infection_question, language, words
):
    """5200 weeks is the question's limit: its earliest day is accepted, the day before is refused, in dates."""
    from django.utils import translation

    from screener.questionnaire.answer_helpers import date_in_words

    today = timezone.localdate()
    earliest = today - datetime.timedelta(days=5201 * 7 - 1)
    assert time_since(earliest, today, "weeks ago").stored == "5200"
    accepted = helper_post(client, infection_question, {"date": earliest.isoformat()}, language)
    assert "data-computed" in accepted
    refused = helper_post(
        client, infection_question, {"date": (earliest - datetime.timedelta(days=1)).isoformat()}, language
    )
    with translation.override(language):
        expected = words.format(earliest=date_in_words(earliest))
    assert expected in refused
    assert "5200" not in refused.split('class="error-summary"')[1].split("</div>")[0]  # no weeks, no days


@pytest.mark.parametrize(
    "language, shown",
    [("en", "3 November 2026"), ("zh-hans", "2026年11月3日")],
)
def test_a_day_month_date_is_read_day_first_and_confirmed_in_words(client, infection_question, language, shown):
    if timezone.localdate() < datetime.date(2026, 11, 3):
        pytest.skip("the date must be in the past")
    html = helper_post(client, infection_question, {"date": "3/11/2026"}, language)
    assert shown in html and "2026-11-03" not in html.split("data-computed")[1].split("</form>")[0]


def test_a_patient_who_switches_language_reads_how_the_answer_was_worked_out_in_the_new_one(client, alt_question):
    screening_id = start(client)
    walk_to(client, screening_id, "alt_x_uln")
    url = reverse("questionnaire:helper", args=[screening_id, "alt_x_uln"])
    assert client.post(url, {"value": "100", "upper_limit": "40", "confirm": "1"}).status_code == 302
    client.cookies["django_language"] = "zh-hans"
    html = client.get(reverse("questionnaire:question", args=[screening_id, "alt_x_uln"]), follow=True).content.decode()
    assert "根据结果100和正常值上限40计算。" in html
    assert "From a result of 100" not in html
