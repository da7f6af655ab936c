"""The patient's questionnaire, step by step, with and without htmx."""

import re

import pytest
from django.urls import reverse

from screener.questionnaire.models import Screening
from tests.formdata import BrowserClient
from tests.screener.questionnaire.flow import (
    HTMX,
    answer,
    answer_everything,
    answer_page,
    owned_ids,
    question_url,
    start,
    walk_to,
)
from tests.trials.profiles import COPD, ILD, MATCHES_COPD, MATCHES_ILD

pytestmark = pytest.mark.usefixtures("seed_trials")


def page(response) -> str:
    return response.content.decode()


# Start page


def test_the_start_page_says_what_the_service_does_and_lists_the_studies(client):
    html = page(client.get(reverse("questionnaire:start")))
    assert "It does not enrol you in a study" in html
    assert "about 5 minutes" in html
    assert "deleted after 30 days" in html
    assert "keeps a cookie that lets it open them again (the cookie holds no answers)" in html
    assert f'href="/studies/{COPD}/"' in html and f'href="/studies/{ILD}/"' in html
    assert "Start now" in html


def test_starting_creates_a_screening_owned_by_this_browser(client):
    screening_id = start(client)
    assert Screening.objects.filter(pk=screening_id).exists()
    assert owned_ids(client) == [screening_id]
    response = client.get(reverse("questionnaire:resume", args=[screening_id]))
    assert response["Location"] == question_url(screening_id, "diagnoses")


@pytest.mark.parametrize("name", ["start", "question", "check", "results", "study"])
def test_every_page_is_a_full_page_or_an_htmx_panel_from_one_template(client, name):
    screening_id = start(client)
    if name in ("check", "results"):
        answer_everything(client, screening_id, MATCHES_COPD)
    url = {
        "start": reverse("questionnaire:start"),
        "question": question_url(screening_id, "diagnoses"),
        "check": reverse("questionnaire:check", args=[screening_id]),
        "results": reverse("questionnaire:results", args=[screening_id]),
        "study": reverse("questionnaire:study", args=[COPD]),
    }[name]
    full, partial = client.get(url), client.get(url, headers=HTMX)
    assert full.status_code == partial.status_code == 200
    assert page(full).startswith("<!doctype html>") and '<main id="panel"' in page(full)
    assert page(partial).lstrip().startswith('<main id="panel"')
    assert "<html" not in page(partial)
    assert "HX-Request" in full["Vary"]


def test_a_history_restore_gets_the_whole_page(client):
    screening_id = start(client)
    response = client.get(
        question_url(screening_id, "diagnoses"), headers={**HTMX, "HX-History-Restore-Request": "true"}
    )
    assert page(response).startswith("<!doctype html>")


# Questions


def test_a_question_page_follows_the_question_pattern(client):
    screening_id = start(client)
    html = page(client.get(question_url(screening_id, "diagnoses")))
    assert "<legend><h1" in html and "Which of these lung conditions has a doctor told you that you have?" in html
    assert 'type="checkbox" name="answer" value="copd"' in html
    assert 'class="back-link" href="/"' in html
    assert re.search(r'<p class="caption">Step 1 · up to \d+ steps left</p>', html)
    assert "Continue" in html
    assert "I don’t know" not in html  # diagnoses does not offer it


def test_answering_moves_to_the_next_question_and_keeps_the_answer(client):
    screening_id = start(client)
    response = answer(client, screening_id, "diagnoses", ["copd"])
    assert response["Location"] == question_url(screening_id, "age")
    assert Screening.objects.get(pk=screening_id).answers == {"diagnoses": ["copd"]}
    html = page(client.get(question_url(screening_id, "age")))
    assert f'href="{question_url(screening_id, "diagnoses")}"' in html  # back link
    assert "Step 2 · " in html
    assert '<p class="caption">Step 1</p>' in page(client.get(question_url(screening_id, "diagnoses")))  # answered


@pytest.mark.parametrize(
    "number, remaining, caption",
    [
        (1, 7, "Step 1 · up to 7 steps left"),
        (3, 1, "Step 3 · up to 1 step left"),  # an upper bound, said the same way for one step as for seven
        (4, 0, "Step 4"),
    ],
)
def test_the_progress_hint_counts_steps_since_a_step_may_hold_several_questions(rf, number, remaining, caption):
    from django.template.loader import render_to_string

    from screener.questionnaire.forms import AnswerForm
    from trials.models import Question

    question = Question(key="age", kind=Question.Kind.NUMBER, prompt="How old are you?", unit="years")
    html = render_to_string(
        "questionnaire/question.html#panel",
        {
            "question": question,
            "form": AnswerForm(question),
            "number": number,
            "remaining": remaining,
            "back_url": "/",
        },
        request=rf.get("/"),
    )
    assert f'<p class="caption">{caption}</p>' in html


def test_an_htmx_answer_swaps_the_panel_and_pushes_the_next_url(client):
    screening_id = start(client)
    current = "http://testserver" + question_url(screening_id, "diagnoses")
    response = answer(
        client, screening_id, "diagnoses", ["copd"], follow=True, headers={**HTMX, "HX-Current-URL": current}
    )
    assert response.redirect_chain == [(question_url(screening_id, "age"), 302)]
    assert page(response).lstrip().startswith('<main id="panel"')
    assert "How old are you?" in page(response)
    assert response["HX-Push-Url"] == question_url(screening_id, "age")


def test_an_htmx_form_error_does_not_push_a_new_url(client):
    screening_id = start(client)
    answer(client, screening_id, "diagnoses", ["copd"])
    url = question_url(screening_id, "age")
    response = client.post(url, {"answer": "old"}, headers={**HTMX, "HX-Current-URL": "http://testserver" + url})
    assert "HX-Push-Url" not in response
    assert "Enter a number" in page(response)


@pytest.mark.parametrize(
    "key, typed, message",
    [
        ("age", "", "Enter a number."),
        ("age", "sixty-odd", "Please use digits, like 68."),  # "sixty" is read (decision 0136)
        ("age", "lots", "Enter a number, like 68."),
        ("age", "121", "Enter a value from 0 years to 120 years."),
        ("age", "-1", "Enter a value from 0 years to 120 years."),
        ("age", "130", "Enter a value from 0 years to 120 years."),
        ("age", "68.5", "Enter a whole number."),
        ("age", "<script>alert(1)</script>", "Enter a number, like 68."),
    ],
)
def test_a_bad_number_gets_a_polite_message_and_keeps_what_was_typed(client, key, typed, message):
    screening_id = start(client)
    answer(client, screening_id, "diagnoses", ["copd"])
    response = answer(client, screening_id, key, typed)
    html = page(response)
    assert response.status_code == 200
    assert html.count(message) == 2  # in the error summary and beside the field
    assert 'href="#id_answer"' in html and 'aria-invalid="true"' in html
    assert 'aria-describedby="id_answer_helptext id_answer_error"' in html
    assert "<title>Error: How old are you?" in html
    if typed:
        assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in html if "<" in typed else f'value="{typed}"' in html
    assert "<script>alert(1)</script>" not in html
    assert Screening.objects.get(pk=screening_id).answers == {"diagnoses": ["copd"]}


def test_an_impossible_lung_function_value_is_refused_and_every_value_on_its_screen_is_kept(client):
    screening_id = start(client)
    for key, value in [("diagnoses", ["ild"]), ("age", "60"), ("sex", "female")]:
        answer(client, screening_id, key, value)
    location = walk_to(client, screening_id, MATCHES_ILD, "dlco_pct_pred")
    assert "/screens/" in location  # DLCO shares the lung function screen
    _keys, response = answer_page(client, location, MATCHES_ILD, dlco_pct_pred="900%", fvc_pct_pred="55,5")
    html = page(response)
    assert "Enter a value from 5% to 200%." in html
    assert 'value="900%"' in html and 'value="55,5"' in html
    assert "dlco_pct_pred" not in Screening.objects.get(pk=screening_id).answers


@pytest.mark.parametrize("typed, stored", [("68%", "0.68"), ("0.68", "0.68"), ("68", "0.68"), ("0,7", "0.7")])
def test_a_ratio_may_be_typed_as_a_percentage(client, typed, stored):
    screening_id = start(client)
    answer(client, screening_id, "diagnoses", ["ild"])
    location = walk_to(client, screening_id, MATCHES_ILD, "fev1_fvc_ratio")
    answer_page(client, location, MATCHES_ILD, fev1_fvc_ratio=typed)
    assert Screening.objects.get(pk=screening_id).answers["fev1_fvc_ratio"] == stored


def test_choosing_none_of_these_with_another_condition_is_refused(client):
    screening_id = start(client)
    html = page(answer(client, screening_id, "diagnoses", ["copd", "none"]))
    assert "Choose “None of these” on its own, or untick it." in html
    assert 'href="#id_answer_0"' in html
    assert re.search(r'value="copd" id="id_answer_0"[^>]* checked', html)


def test_no_choice_gets_a_message(client):
    screening_id = start(client)
    html = page(client.post(question_url(screening_id, "diagnoses"), {}))
    # the same words as on a screen: someone with none of the items ticks "None of these"
    assert "Tick each one that applies, or “None of these”." in html


def test_a_made_up_choice_is_refused(client):
    screening_id = start(client)
    html = page(answer(client, screening_id, "diagnoses", ["flu"]))
    assert "Choose from the list." in html


def test_i_dont_know_is_a_normal_answer(client):
    screening_id = start(client)
    answer(client, screening_id, "diagnoses", ["copd"])
    answer(client, screening_id, "age", "60")
    response = client.get(reverse("questionnaire:resume", args=[screening_id]))
    key = response["Location"].split("/questions/")[1].strip("/")
    while key != "sixmwd_m":
        answer(client, screening_id, key, MATCHES_COPD[key])
        key = (
            client.get(reverse("questionnaire:resume", args=[screening_id]))["Location"]
            .split("/questions/")[1]
            .strip("/")
        )
    html = page(client.get(question_url(screening_id, "sixmwd_m")))
    assert 'type="checkbox" name="dont_know"' in html and "Not knowing is fine" in html  # a tick, as on a screen
    both = page(client.post(question_url(screening_id, "sixmwd_m"), {"answer": "320", "dont_know": "on"}))
    assert "Enter a number, or tick “I don’t know”, not both." in both and 'value="320"' in both
    assert "sixmwd_m" not in Screening.objects.get(pk=screening_id).answers
    response = client.post(question_url(screening_id, "sixmwd_m"), {"answer": "", "dont_know": "on"})
    assert response.status_code == 302
    assert Screening.objects.get(pk=screening_id).answers["sixmwd_m"] is None
    assert "You said you don’t know this" in page(client.get(question_url(screening_id, "sixmwd_m")))


def test_i_dont_know_is_refused_where_the_question_does_not_offer_it(client):
    screening_id = start(client)
    answer(client, screening_id, "diagnoses", ["copd"])
    html = page(client.get(question_url(screening_id, "age")))
    assert 'name="dont_know"' not in html and 'value="dont_know"' not in html  # not offered
    html = page(client.post(question_url(screening_id, "age"), {"answer": "", "dont_know": "on"}))  # forged
    assert "Enter a number." in html
    assert "age" not in Screening.objects.get(pk=screening_id).answers


def test_a_question_that_is_not_for_this_patient_sends_them_to_their_next_step(client):
    screening_id = start(client)
    answer(client, screening_id, "diagnoses", ["copd"])
    for key in ("dlco_pct_pred", "pregnant_or_breastfeeding"):
        response = client.get(question_url(screening_id, key))
        assert response["Location"] == question_url(screening_id, "age")
    response = answer(client, screening_id, "dlco_pct_pred", "50")
    assert response["Location"] == question_url(screening_id, "age")
    assert "dlco_pct_pred" not in Screening.objects.get(pk=screening_id).answers


def test_an_unknown_question_key_is_not_found(client):
    screening_id = start(client)
    assert client.get(question_url(screening_id, "shoe-size")).status_code == 404


# Back, change, resume


def test_back_from_a_later_question_then_continue_goes_forward_in_order(client):
    screening_id = start(client)
    answer(client, screening_id, "diagnoses", ["copd"])
    answer(client, screening_id, "age", "60")
    html = page(client.get(question_url(screening_id, "diagnoses")))
    assert re.search(r'value="copd" id="id_answer_0"[^>]* checked', html)
    response = answer(client, screening_id, "diagnoses", ["copd"])
    assert response["Location"] == question_url(screening_id, "age")
    assert 'value="60"' in page(client.get(response["Location"]))


def test_check_your_answers_lists_every_answer_with_a_change_link(client):
    screening_id = start(client)
    asked = answer_everything(client, screening_id, {**MATCHES_COPD, "sixmwd_m": None})
    html = page(client.get(reverse("questionnaire:check", args=[screening_id])))
    for key in asked:
        assert f'href="{question_url(screening_id, key, returning=True)}"' in html
    assert "I don’t know" in html
    assert "COPD (chronic obstructive pulmonary disease)" in html
    assert ">60 years<" in html


def test_changing_an_answer_asks_what_became_relevant_and_returns_to_check(client):
    screening_id = start(client)
    answer_everything(client, screening_id, MATCHES_COPD)
    response = answer(client, screening_id, "diagnoses", ["copd", "ild"], returning=True)
    # The ILD study is open now: its questions are asked, then back to the check page.
    assert response["Location"].endswith("?return=check")
    asked = []
    while "/questions/" in response["Location"] or "/screens/" in response["Location"]:
        assert response["Location"].endswith("?return=check")
        keys, response = answer_page(client, response["Location"], MATCHES_ILD)
        asked.extend(keys)
    assert response["Location"] == reverse("questionnaire:check", args=[screening_id])
    assert {"dlco_pct_pred", "fvc_pct_pred", "fev1_fvc_ratio"} <= set(asked)
    assert "sixmwd_m" not in asked  # still relevant, still answered: not asked again
    html = page(client.get(reverse("questionnaire:check", args=[screening_id])))
    assert "six-minute walk" in html and "DLCO" in html


def test_changing_an_answer_that_raises_nothing_new_returns_straight_to_check(client):
    screening_id = start(client)
    answer_everything(client, screening_id, MATCHES_COPD)
    response = answer(client, screening_id, "age", "61", returning=True)
    assert response["Location"] == reverse("questionnaire:check", args=[screening_id])
    html = page(client.get(question_url(screening_id, "age", returning=True)))
    assert f'class="back-link" href="{reverse("questionnaire:check", args=[screening_id])}"' in html


def test_an_answer_no_longer_needed_leaves_the_check_page(client):
    screening_id = start(client)
    answer_everything(
        client,
        screening_id,
        {
            **MATCHES_COPD,
            "diagnoses": ["copd", "ild"],
            **{k: v for k, v in MATCHES_ILD.items() if k not in MATCHES_COPD},
        },
    )
    answer(client, screening_id, "diagnoses", ["copd"], returning=True)
    html = page(client.get(reverse("questionnaire:check", args=[screening_id])))
    assert "DLCO" not in html and "six-minute walk" in html


def test_resuming_continues_where_the_patient_stopped(client):
    screening_id = start(client)
    answer(client, screening_id, "diagnoses", ["copd"])
    answer(client, screening_id, "age", "60")
    response = client.get(reverse("questionnaire:resume", args=[screening_id]))
    assert response["Location"] == question_url(screening_id, "sex")


def test_check_and_results_wait_until_every_question_is_answered(client):
    screening_id = start(client)
    answer(client, screening_id, "diagnoses", ["copd"])
    for name in ("check", "results"):
        response = client.get(reverse(f"questionnaire:{name}", args=[screening_id]))
        assert response["Location"] == question_url(screening_id, "age")


@pytest.mark.parametrize("name", ["resume", "question", "check", "results"])
def test_another_browser_cannot_open_someone_s_screening(client, django_app_client, name):
    screening_id = start(client)
    answer_everything(client, screening_id, MATCHES_COPD)
    args = [screening_id, "age"] if name == "question" else [screening_id]
    url = reverse(f"questionnaire:{name}", args=args)
    assert client.get(url).status_code in (200, 302)
    assert django_app_client.get(url).status_code == 404
    assert django_app_client.post(question_url(screening_id, "age"), {"answer": "30"}).status_code == 404
    assert Screening.objects.get(pk=screening_id).answers["age"] == "60"


def test_an_edited_or_forged_ownership_cookie_opens_nothing(client, django_app_client):
    screening_id = start(client)
    url = question_url(screening_id, "diagnoses")
    django_app_client.cookies["screenings"] = screening_id  # the id alone, unsigned
    assert django_app_client.get(url).status_code == 404
    signed = client.cookies["screenings"].value
    django_app_client.cookies["screenings"] = signed.replace(screening_id[:8], "00000000")
    assert django_app_client.get(url).status_code == 404
    django_app_client.cookies["screenings"] = signed  # the stolen cookie itself works, as a session cookie would
    assert django_app_client.get(url).status_code == 200


def test_ownership_lasts_as_long_as_the_screenings_are_kept(client, settings, time_machine):
    time_machine.move_to("2026-01-01 09:00", tick=False)
    screening_id = start(client)
    cookie = client.cookies["screenings"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == settings.SCREENING_RETENTION_DAYS * 24 * 3600
    time_machine.move_to("2026-01-31 08:59", tick=False)  # a minute short of 30 days
    assert client.get(question_url(screening_id, "diagnoses")).status_code == 200
    time_machine.move_to("2026-01-31 09:01", tick=False)  # a minute past
    assert client.get(question_url(screening_id, "diagnoses")).status_code == 404


def test_a_browser_keeps_its_last_twenty_screenings_and_patients_leave_no_session_rows(client):
    from django.contrib.sessions.models import Session

    started = [start(client) for _ in range(21)]
    assert owned_ids(client) == started[1:]
    assert client.get(question_url(started[0], "diagnoses")).status_code == 404
    assert client.get(question_url(started[-1], "diagnoses")).status_code == 200
    assert not Session.objects.exists()


def test_a_made_up_screening_id_is_not_found(client):
    start(client)
    assert client.get("/screening/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert client.get("/screening/not-a-uuid/").status_code == 404


# What one patient sees never leaks to another, and an admin's new wording shows at once


def test_a_remembered_question_never_shows_one_patient_s_answer_or_error_to_another(client, django_app_client):
    mine, theirs = start(client), start(django_app_client)
    answer(client, mine, "diagnoses", ["copd"])
    answer(django_app_client, theirs, "diagnoses", ["ild"])
    for _ in range(2):  # and again, as a page seen twice
        my_page, their_page = (
            page(client.get(question_url(mine, "diagnoses"))),
            page(django_app_client.get(question_url(theirs, "diagnoses"))),
        )
        assert re.search(r'value="copd" id="id_answer_\d+" checked', my_page)
        assert not re.search(r'value="ild" id="id_answer_\d+" checked', my_page)
        assert re.search(r'value="ild" id="id_answer_\d+" checked', their_page)
        assert f"/screening/{mine}/" in my_page and f"/screening/{theirs}/" not in my_page
    answer(client, mine, "age", "61")
    answer(django_app_client, theirs, "age", "sixty-odd")  # refused
    assert 'value="61"' in page(client.get(question_url(mine, "age")))
    their_age = page(django_app_client.get(question_url(theirs, "age")))
    assert 'value="61"' not in their_age and "Enter a number" not in their_age and "aria-invalid" not in their_age


def test_a_remembered_question_shows_an_admin_s_new_wording_at_once(client):
    from trials.models import Question

    screening_id = start(client)
    assert "Which of these lung conditions" in page(client.get(question_url(screening_id, "diagnoses")))
    question = Question.objects.get(key="diagnoses")
    question.prompt, question.choices[0]["label"] = (
        "Which lung conditions has a doctor told you about?",
        "COPD (emphysema)",
    )
    question.save()
    html = page(client.get(question_url(screening_id, "diagnoses")))
    assert "Which lung conditions has a doctor told you about?" in html and "COPD (emphysema)" in html


def test_screening_pages_are_never_cached(client):
    screening_id = start(client)
    response = client.get(question_url(screening_id, "diagnoses"))
    assert "no-store" in response["Cache-Control"]


def test_every_post_needs_a_csrf_token(seed_trials):
    strict = BrowserClient(enforce_csrf_checks=True)
    assert strict.post(reverse("questionnaire:start")).status_code == 403


def steps_left_on_each_page(client, profile: dict) -> list[int | None]:
    """Walk the questionnaire answering from `profile`; for each page, the "up to N steps left" it shows
    (the page itself counted, None where it shows no number)."""
    screening_id = start(client)
    shown = []
    while True:
        location = client.get(reverse("questionnaire:resume", args=[screening_id]))["Location"]
        if "/check/" in location:
            return shown
        caption = re.search(r'<p class="caption">([^<]*)</p>', page(client.get(location)))[1]
        number = re.search(r"(?:up to|about) (\d+) steps? left", caption)
        shown.append(int(number[1]) if number else None)
        keys, response = answer_page(client, location, profile)
        assert response.status_code == 302, keys
        assert len(shown) < 40


@pytest.mark.parametrize(
    "profile",
    [
        MATCHES_COPD,
        {**MATCHES_COPD, "sex": "female", "age": "45", "pregnant_or_breastfeeding": "no"},
        {**MATCHES_COPD, "smoking_status": "former", "pack_years": "20", "days_since_quit_smoking": "400"},
        MATCHES_ILD,
        {**MATCHES_ILD, "diagnoses": ["asthma", "ild"], "age": "40", "planning_pregnancy_12m": "no"},
    ],
    ids=["copd-man", "copd-woman-of-45", "copd-former-smoker", "ild-woman", "asthma-and-ild-woman-of-40"],
)
def test_up_to_n_steps_left_is_never_exceeded_even_when_an_answer_brings_more_questions(client, profile):
    shown = steps_left_on_each_page(client, profile)
    for number, bound in enumerate(shown):
        assert bound is not None and len(shown) - number <= bound, (number + 1, shown)
