"""A screen of related questions in a real browser, at 360 px and in Chinese: given an ILD patient, when she
reaches the lung function screen and one value is wrong, then every value stays and the error names its
question; a list of illnesses offers only what the study needs, and "none of these" answers it. Axe passes."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import CJK_FONT, close_page, open_page, screenshot
from tests.browser.test_patient_flows import (
    answer_current,
    assert_accessible,
    current_key,
    fill_screen,
    fill_single,
    screen_keys,
    start,
)
from tests.trials.profiles import COPD, ILD, MATCHES_COPD, MATCHES_ILD
from trials.models import Criterion, Question, Trial

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def chinese_phone(browser):
    assert CJK_FONT.exists(), "No CJK font: `make test` installs Debian's fonts-noto-cjk"
    page = open_page(browser, locale="zh-CN", width=360)
    yield page
    close_page(page)


def answer_single(page, value):
    before = page.url
    fill_single(page, value)
    page.get_by_role("button", name="继续").click()
    page.wait_for_url(lambda url: url != before)


def test_a_grouped_screen_in_chinese_at_360_px_keeps_every_value_and_offers_only_needed_items(
    seeded_live_server, chinese_phone
):
    Criterion.objects.create(
        trial=Trial.objects.get(nct_id=ILD),
        kind="exclusion",
        question=Question.objects.get(key="other_conditions"),
        values=["hiv", "heart_failure"],
        source_text="HIV or heart failure",
        status="approved",
    )
    page = chinese_phone
    page.goto(seeded_live_server.url + "/")
    page.get_by_role("button", name="开始").click()
    page.wait_for_url(re.compile(r"/questions/diagnoses/$"))
    profile = {**MATCHES_ILD, "fvc_pct_pred": "５５％", "fev1_fvc_ratio": "０．８"}
    seen = set()
    while current_key(page) is not None:
        keys = screen_keys(page) if "/screens/" in page.url else []
        if "dlco_pct_pred" in keys:
            lung_function_screen(page)
        elif "other_conditions" in keys:
            illnesses_screen(page, profile)
        elif keys:
            before = page.url
            fill_screen(page, {key: profile.get(key) for key in keys})
            page.get_by_role("button", name="继续").click()
            page.wait_for_url(lambda url, before=before: url != before)
        else:
            answer_single(page, profile[current_key(page)])
        seen.update(keys)
    assert {"dlco_pct_pred", "other_conditions"} <= seen
    assert page.url.endswith("/check/")
    expect(page.locator("main")).to_contain_text("都没有（问到的有：")
    assert_accessible(page, "check answers after screens (zh)")


def lung_function_screen(page):
    """A heading for the screen, each question with its own "I don't know"; a wrong value keeps them all."""
    expect(page.get_by_role("heading", level=1)).to_have_text("您的肺功能检查结果")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "the screen scrolls sideways"
    fill_screen(page, {"fvc_pct_pred": "５５％", "fev1_fvc_ratio": None, "dlco_pct_pred": "900"})
    page.get_by_role("button", name="继续").click()
    page.locator(".error-summary").wait_for()
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page.locator("#id_dlco_pct_pred-answer")).to_have_value("900")
    expect(page.locator("#id_fvc_pct_pred-answer")).to_have_value("５５％")
    expect(page.locator('input[name="fev1_fvc_ratio-dont_know"]')).to_be_checked()
    assert_accessible(page, "lung function screen with an error (zh)")
    screenshot(page, "screen-lung-function-error-zh-360")
    page.locator("#id_dlco_pct_pred-answer").fill("50")
    before = page.url
    page.get_by_role("button", name="继续").click()
    page.wait_for_url(lambda url: url != before)


def illnesses_screen(page, profile):
    """Only what the study asks about, then "none of these" and "I don't know"."""
    offered = [box.get_attribute("value") for box in page.locator('input[name="other_conditions-answer"]').all()]
    assert offered == ["hiv", "heart_failure", "none", "dont_know"]
    expect(page.get_by_label("以上都没有")).to_be_visible()
    assert_accessible(page, "illnesses screen (zh)")
    screenshot(page, "screen-illnesses-zh-360")
    fill_screen(page, {"other_conditions": ["none"], **{k: profile.get(k) for k in screen_keys(page)[1:]}})
    before = page.url
    page.get_by_role("button", name="继续").click()
    page.wait_for_url(lambda url: url != before)


@pytest.fixture
def kidney_and_smoking():
    """The COPD study asks eGFR and pack-years: the longest units written beside a box."""
    from trials.registry.importing import ensure_questions

    ensure_questions(["egfr", "pack_years"])
    for key, lowest in [("egfr", 30), ("pack_years", 10)]:
        Criterion.objects.create(
            trial=Trial.objects.get(nct_id=COPD),
            kind="inclusion",
            question=Question.objects.get(key=key),
            min_value=lowest,
            source_text=f"{key} at least {lowest}",
            status="approved",
        )


def test_a_long_unit_stays_on_one_line_beside_its_box_at_360_px(seeded_live_server, phone, kidney_and_smoking):
    start(phone, seeded_live_server)
    profile = {**MATCHES_COPD, "smoking_status": "former", "days_since_quit_smoking": "3650"}
    seen = set()
    while (key := current_key(phone)) is not None:
        keys = screen_keys(phone) if "/screens/" in phone.url else [key]
        for unit in phone.locator("main .unit").all():
            one_line = unit.evaluate(
                "e => e.getBoundingClientRect().height < 1.5 * parseFloat(getComputedStyle(e).lineHeight)"
            )
            assert one_line, f"{unit.inner_text()!r} wraps on {phone.url}"
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360, f"{phone.url} scrolls sideways"
        seen.update(keys)
        answer_current(phone, profile.get(key, "30"), {**{k: "30" for k in keys}, **profile})
    assert {"egfr", "pack_years"} <= seen
    screenshot(phone, "long-units-360")


def in_view(locator) -> bool:
    return locator.evaluate(
        "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
    )


def test_an_error_summary_link_brings_its_question_and_error_into_view_with_focus_on_the_first_control(
    seeded_live_server, phone
):
    """Given a screen sent with nothing answered, when a keyboard user follows the summary's link to its last
    question, then that question's legend or label, its error and its first control are on screen at 360 px, and
    the control has the focus (walkthrough 10: the question and its error were scrolled off the top)."""
    start(phone, seeded_live_server)
    profile = {**MATCHES_COPD, "smoking_status": "former", "days_since_quit_smoking": "3650"}
    while (key := current_key(phone)) is not None and len(keys := screen_keys(phone)) < 2:
        answer_current(phone, profile.get(key, "30"), {**{k: "30" for k in keys}, **profile})
    assert key is not None, "no screen of two questions or more on the way"
    phone.get_by_role("button", name="Continue").click()
    expect(phone.locator(".error-summary")).to_be_focused()
    link = phone.locator(".error-summary a").last
    link.focus()
    phone.keyboard.press("Enter")
    question = phone.locator(".screen-question").last
    first_control = question.locator("input, select, textarea").first
    expect(first_control).to_be_focused()
    title = question.locator("legend, label.label").first
    for part in (title, question.locator(".error-message"), first_control):
        assert in_view(part), f"{part} is out of view after following {link.get_attribute('href')}"
    screenshot(phone, "error-link-followed-360")
