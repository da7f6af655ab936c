"""The patient's value on a study's range: a picture that needs no script or style, and its words."""

from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from screener.questionnaire.range_pictures import picture
from tests.screener.questionnaire.flow import answer_everything, start
from tests.trials.profiles import ILD, MATCHES_COPD, MATCHES_ILD
from trials.models import Criterion, Question

WALK = Question(key="sixmwd_m", kind="number", unit="m", min_value=0, max_value=1000, short_label="six-minute walk")
FVC = Question(key="fvc_pct_pred", kind="number", unit="%", min_value=10, max_value=200, short_label="FVC")
STAYS = Question(key="stays", kind="number", unit="times", min_value=0, max_value=50, short_label="hospital stays")


def rule(question, kind="inclusion", low=None, low_in=True, high=None, high_in=True):
    criterion = Criterion(
        kind=kind,
        min_value=None if low is None else Decimal(low),
        min_inclusive=low_in,
        max_value=None if high is None else Decimal(high),
        max_inclusive=high_in,
    )
    criterion.question = question
    return criterion


@pytest.mark.parametrize(
    "criterion, stored, text",
    [
        (
            rule(WALK, low="150", high="600", high_in=False),
            "320",
            "Allowed six-minute walk: from 150 m (included) to under 600 m. Yours: 320 m, inside the allowed range.",
        ),
        (
            rule(WALK, low="150", high="600", high_in=False),
            "600",
            "Allowed six-minute walk: from 150 m (included) to under 600 m. Yours: 600 m, outside the allowed range.",
        ),
        (
            rule(FVC, low="40", high="70"),
            "70",
            "Allowed FVC: from 40% to 70%, both included. Yours: 70%, inside the allowed range.",
        ),
        (rule(FVC, low="40", high="70"), None, "Allowed FVC: from 40% to 70%, both included. Yours is not known yet."),
        (
            rule(STAYS, kind="exclusion", low="4", low_in=False),
            "5",
            "Allowed hospital stays: 4 times or less. Yours: 5 times, outside the allowed range.",
        ),
        (
            rule(STAYS, kind="exclusion", low="3"),
            "2",
            "Allowed hospital stays: less than 3 times. Yours: 2 times, inside the allowed range.",
        ),
    ],
    ids=["inside", "at an open end", "at a closed end", "unknown", "exclusion above", "exclusion at or above"],
)
def test_the_picture_says_in_words_where_the_value_stands(criterion, stored, text):
    assert picture(criterion, stored)["text"] == text


OXYGEN = Question(
    key="oxygen_hours_per_day",
    kind="number",
    unit="h/day",
    min_value=0,
    max_value=24,
    short_label_en="hours of oxygen therapy a day",
    short_label_zh_hans="每天吸氧的小时数",
)
PULSE = Question(
    key="heart_rate_bpm",
    kind="number",
    unit="bpm",
    min_value=20,
    max_value=250,
    short_label_en="resting heart rate",
    short_label_zh_hans="静息心率",
)


@pytest.mark.parametrize(
    ("criterion", "stored", "language", "text"),
    [
        (
            rule(OXYGEN, kind="exclusion", low="15", low_in=False),
            "16",
            "en",
            "Allowed hours of oxygen therapy a day: 15 hours or less. Yours: 16 hours a day, outside the allowed range.",
        ),
        (
            rule(OXYGEN, kind="exclusion", low="15", low_in=False),
            "16",
            "zh-hans",
            "允许的每天吸氧的小时数：不超过15小时。您的数值：16小时/天，超出允许范围。",
        ),
        (
            rule(PULSE, low="50", high="110"),
            "80",
            "en",
            "Allowed resting heart rate: from 50 to 110 beats a minute, both included. "
            "Yours: 80 beats a minute, inside the allowed range.",
        ),
    ],
    ids=["hours a day", "每天的小时数", "beats a minute"],
)
def test_a_rates_picture_says_its_rate_once_in_its_sentence(criterion, stored, language, text):
    from django.utils import translation

    with translation.override(language):
        assert picture(criterion, stored)["text"] == text


def test_in_chinese_the_words_run_on_after_a_full_stop_with_no_space_as_chinese_is_written():
    from django.utils import translation

    with translation.override("zh-hans"):
        known = picture(rule(STAYS, low="1"), "2")["text"]
        unknown = picture(rule(STAYS, low="1"), None)["text"]
    assert "。 " not in known and "。 " not in unknown  # the COPD patient read "…或以上。 您的数值…"
    assert "或以上。您的数值" in known and "或以上。" in unknown and " 或以上" not in known


def test_closed_ends_are_filled_open_ends_hollow_and_a_missing_end_an_arrow():
    html = render_to_string(
        "questionnaire/_range_picture.html",
        {"picture": picture(rule(WALK, low="150", high="600", high_in=False), "320")},
    )
    assert html.count('class="range-end range-end-closed"') == 1
    assert html.count('class="range-end range-end-open"') == 1
    assert 'class="range-mark"' in html and ">320 m</text>" in html
    one_sided = render_to_string(
        "questionnaire/_range_picture.html",
        {"picture": picture(rule(STAYS, kind="exclusion", low="4", low_in=False), "1")},
    )
    assert 'class="range-end range-end-none"' in one_sided and 'class="range-end range-end-closed"' in one_sided


def test_the_picture_uses_no_inline_style_or_script_and_is_hidden_behind_its_words():
    html = render_to_string("questionnaire/_range_picture.html", {"picture": picture(rule(FVC, low="40"), "55")})
    assert "style=" not in html and "<script" not in html and " on" not in html.replace(" one", "")
    assert "<svg" in html and 'aria-hidden="true"' in html
    assert "<figcaption" in html and "Allowed FVC: 40% or more. Yours: 55%, inside the allowed range." in html


def test_a_choice_criterion_has_no_picture():
    diagnoses = Question(key="diagnoses", kind="multiple", short_label="diagnoses")
    criterion = Criterion(kind="inclusion", values=["copd"])
    criterion.question = diagnoses
    assert picture(criterion, ["copd"]) is None


@pytest.mark.django_db
def test_the_results_show_the_patients_value_on_each_numeric_range(client, seed_trials):
    screening_id = start(client)
    answer_everything(client, screening_id, MATCHES_ILD)
    html = client.get(reverse("questionnaire:results", args=[screening_id])).content.decode()
    ild = html[html.index(f'data-nct-id="{ILD}"') :]
    assert "Allowed FVC (% of predicted): from 40% to 70%, both included. Yours: 55%, inside the allowed range." in ild
    assert "Allowed DLCO (% of predicted): from 30% to 80%, both included. Yours: 50%, inside the allowed range." in ild
    assert 'style="' not in html


@pytest.mark.django_db
def test_a_ruled_out_study_shows_why_on_its_range(client, seed_trials):
    screening_id = start(client)
    answer_everything(client, screening_id, {**MATCHES_COPD, "sixmwd_m": "620"})
    html = client.get(reverse("questionnaire:results", args=[screening_id])).content.decode()
    assert "Yours: 620 m, outside the allowed range." in html


def test_a_window_in_calendar_months_draws_no_picture_as_months_are_no_place_on_a_line_of_days():
    flare_up = Question(key="days_since_exacerbation", kind="number", unit="days", min_value=0, max_value=3650)
    days = rule(flare_up, high="28")
    months = rule(flare_up, high="12")
    months.time_unit = "months"
    assert picture(days, "20") is not None
    assert picture(months, "362") is None
