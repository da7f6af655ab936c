"""Patients in a real browser: given a profile, when they answer what they are asked, then they see
the right studies in the right groups. Each page type passes an axe accessibility check."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.trials.profiles import COPD, ILD, MATCHES_COPD, MATCHES_ILD

pytestmark = pytest.mark.django_db(transaction=True)

axe = Axe()


def assert_accessible(page, what: str):
    results = axe.run(page)
    assert results.violations_count == 0, f"{what}:\n{results.generate_report()}"


def start(page, server):
    page.goto(server.url + "/")
    page.get_by_role("button", name="Start now").click()
    page.wait_for_url(re.compile(r"/questions/diagnoses/$"))


def current_key(page) -> str | None:
    """The question the page asks, or the first of the screen it shows; None on any other page."""
    match = re.search(r"/(?:questions|screens)/([\w-]+)/", page.url)
    return match.group(1) if match else None


def screen_keys(page) -> list[str]:
    return [element.get_attribute("data-question") for element in page.locator("[data-question]").all()]


def fill_screen(page, answers: dict) -> None:
    """Fill a screen's questions (None: tick its "I don't know"; "never": its "Never")."""
    for key, value in answers.items():
        if value is None:
            box = page.locator(f'input[name="{key}-dont_know"]')
            if box.count():
                box.check()
            else:
                page.locator(f'input[name="{key}-answer"][value="dont_know"]').check()
        elif value == "never" and page.locator(f'input[name="{key}-never"]').count():
            page.locator(f'input[name="{key}-never"]').check()
        elif isinstance(value, list):
            for code in value:
                page.locator(f'input[name="{key}-answer"][value="{code}"]').check()
        elif page.locator(f'input[type="radio"][name="{key}-answer"]').count():
            page.locator(f'input[name="{key}-answer"][value="{value}"]').check()
        else:
            page.locator(f"#id_{key}-answer").fill(value)


def fill_single(page, value) -> None:
    """Fill a one-question page: tick each code of a list, choose a radio's code, or type into the box."""
    if isinstance(value, list):
        for code in value:
            page.locator(f'input[name="answer"][value="{code}"]').check()
    elif page.locator('input[type="radio"][name="answer"]').count():
        page.locator(f'input[name="answer"][value="{value}"]').check()
    else:
        page.locator("#id_answer").fill(value)


def answer_current(page, value, profile: dict | None = None):
    """Answer the question shown with `value`; on a screen, each of its questions from `profile` (a question
    `profile` leaves out keeps what the page shows)."""
    before = page.url
    if "/screens/" in page.url:
        fill_screen(page, {key: profile[key] for key in screen_keys(page) if key in profile})
        page.locator("#answer-form button[type=submit]:not([name])").first.click()
    elif value is None:  # the same "I don't know" as on a screen: ticked or chosen, then Continue
        box = page.locator('input[name="dont_know"]')
        (box if box.count() else page.locator('input[name="answer"][value="dont_know"]')).check()
        page.get_by_role("button", name="Continue").click()
    else:
        fill_single(page, value)
        page.get_by_role("button", name="Continue").click()
    page.wait_for_url(lambda url: url != before)


def answer_everything(page, profile: dict) -> list[str]:
    asked = []
    while (key := current_key(page)) is not None:
        keys = screen_keys(page) if "/screens/" in page.url else [key]
        assert not set(keys) & set(asked), f"{keys} asked twice"
        asked.extend(keys)
        answer_current(page, profile.get(key), profile)
    assert page.url.endswith("/check/")
    return asked


def see_results(page) -> dict:
    page.get_by_role("link", name="See your results").click()
    page.wait_for_url(re.compile(r"/results/$"))
    page.get_by_role("heading", name="Your results", level=1).wait_for()
    return {
        element.get_attribute("data-nct-id"): element.get_attribute("data-verdict")
        for element in page.locator("[data-nct-id]").all()
    }


def test_a_copd_patient_finds_the_copd_study(seeded_live_server, phone):
    start(phone, seeded_live_server)
    assert_accessible(phone, "start → first question")
    asked = answer_everything(phone, MATCHES_COPD)
    assert "dlco_pct_pred" not in asked
    assert_accessible(phone, "check your answers")
    assert see_results(phone) == {COPD: "match", ILD: "no_match"}
    assert_accessible(phone, "results")
    screenshot(phone, "results-copd-match-360")


def test_an_ild_patient_finds_the_ild_study(seeded_live_server, phone):
    start(phone, seeded_live_server)
    answer_everything(phone, MATCHES_ILD)
    assert see_results(phone) == {ILD: "match", COPD: "no_match"}


def test_a_patient_who_does_not_know_their_dlco_might_match(seeded_live_server, phone):
    start(phone, seeded_live_server)
    answer_everything(phone, {**MATCHES_ILD, "dlco_pct_pred": None})
    assert see_results(phone)[ILD] == "possible"
    possible = phone.locator(f'[data-nct-id="{ILD}"]')
    assert "Still to find out" in possible.inner_text()
    screenshot(phone, "results-ild-possible-360")


def test_a_patient_who_matches_nothing_is_told_kindly_why(seeded_live_server, phone):
    start(phone, seeded_live_server)
    assert answer_everything(phone, {"diagnoses": ["other"]}) == ["diagnoses"]
    assert see_results(phone) == {COPD: "no_match", ILD: "no_match"}
    assert phone.get_by_text("No study matches all of your answers.").is_visible()
    phone.locator(f'[data-nct-id="{ILD}"] summary').click()
    assert phone.get_by_text("You need a diagnosis of interstitial lung disease (ILD) from a doctor.").is_visible()
    assert_accessible(phone, "results with nothing matching, expanded")


def test_htmx_swaps_only_the_panel_moves_focus_and_keeps_history(seeded_live_server, phone):
    start(phone, seeded_live_server)
    phone.evaluate("window.stillTheSamePage = true")
    answer_current(phone, ["copd"])
    assert phone.url.endswith("/questions/age/")
    assert phone.evaluate("window.stillTheSamePage === true"), "the whole page reloaded"
    expect(phone.get_by_role("heading", level=1)).to_be_focused()
    assert phone.title().startswith("How old are you?")
    screenshot(phone, "question-age-360")

    phone.locator("#id_answer").fill("seventy-odd")  # "seven" is read since decision 0136; "-odd" is no number
    phone.get_by_role("button", name="Continue").click()
    summary = phone.locator(".error-summary")
    summary.wait_for()
    expect(summary).to_be_focused()
    assert phone.locator("#id_answer").input_value() == "seventy-odd"
    assert phone.url.endswith("/questions/age/")
    assert_accessible(phone, "question with an error")
    screenshot(phone, "question-age-error-360")

    phone.locator("#id_answer").fill("60")
    phone.get_by_role("button", name="Continue").click()
    phone.wait_for_url(re.compile(r"/questions/sex/$"))
    phone.go_back()
    phone.wait_for_url(re.compile(r"/questions/age/$"))
    phone.locator("#id_answer").wait_for()
    assert phone.locator("#id_answer").input_value() == "60"
    phone.get_by_role("link", name="Back").click()
    phone.wait_for_url(re.compile(r"/questions/diagnoses/$"))
    assert phone.locator('input[value="copd"]').is_checked()


def test_no_answers_are_kept_in_browser_storage(seeded_live_server, phone):
    start(phone, seeded_live_server)
    answer_everything(phone, {**MATCHES_COPD, "sixmwd_m": "321"})
    see_results(phone)
    stored = phone.evaluate("JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])")
    assert "321" not in stored and "copd" not in stored.lower()


def test_a_reload_continues_where_the_patient_stopped(seeded_live_server, phone):
    start(phone, seeded_live_server)
    answer_current(phone, ["copd"])
    answer_current(phone, "60")
    phone.reload()
    assert phone.url.endswith("/questions/sex/")
    phone.goto(seeded_live_server.url + "/")
    phone.goto(phone.url)  # a return later in the same browser
    assert phone.get_by_role("heading", level=1).first.is_visible()


def test_the_whole_flow_works_with_javascript_off(seeded_live_server, phone_without_javascript):
    page = phone_without_javascript
    start(page, seeded_live_server)
    answer_everything(page, {**MATCHES_COPD, "sixmwd_m": None})
    page.get_by_role("link", name="Change six-minute walk distance").click()
    page.wait_for_url(re.compile(r"/questions/sixmwd_m/\?return=check$"))
    answer_current(page, "320")
    assert page.url.endswith("/check/")
    assert see_results(page) == {COPD: "match", ILD: "no_match"}


def test_study_pages_are_accessible(seeded_live_server, phone):
    for nct_id in (COPD, ILD):
        phone.goto(f"{seeded_live_server.url}/studies/{nct_id}/")
        assert_accessible(phone, f"study page {nct_id}")
    screenshot(phone, "study-ild-360")


def test_the_policy_is_enforced_and_would_report_a_violation(seeded_live_server, browser):
    """The recorder is live: an inline style that the policy forbids is caught."""
    from tests.browser.conftest import open_page

    page = open_page(browser)
    page.goto(seeded_live_server.url + "/")
    assert "default-src 'self'" in page.evaluate("fetch('/').then(r => r.headers.get('content-security-policy'))")
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=\"https://example.org/x.png\">')")
    page.wait_for_timeout(300)
    assert any("img-src" in v for v in page.csp_violations)
    page.context.close()
