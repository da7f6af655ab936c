"""Issue 25's walk-through again, in a real browser at 360 px, in English and Chinese, with JavaScript on and off:
a returning patient carries on, a tick survives a language switch, "Never" and BMI from height and weight, a
patient with no match is told what next, a nurse saves answer checks in place. Screenshots of each page."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, close_page, open_page, screenshot
from tests.browser.test_patient_flows import assert_accessible, fill_screen, fill_single, screen_keys, start
from tests.browser.test_referral_flow import app_code
from tests.browser.test_review_browser import admin_page  # noqa: F401 (a fixture)
from tests.conftest import make_staff
from tests.screener.referrals.test_rejudging import sent_without_screening
from tests.trials.profiles import COPD, MATCHES_COPD, MATCHES_ILD
from trials.models import Criterion, Question, Site, Trial

pytestmark = pytest.mark.django_db(transaction=True)


def event_and_bmi_rules():
    """The COPD study as a registry import would draft it: a pneumonia window and a BMI range."""
    trial = Trial.objects.get(nct_id=COPD)
    Criterion.objects.create(
        trial=trial,
        kind="exclusion",
        question=Question.objects.get(key="days_since_pneumonia"),
        max_value=Decimal(28),
        status="approved",
        source_text="Pneumonia within 4 weeks",
    )
    Criterion.objects.create(
        trial=trial,
        kind="inclusion",
        question=Question.objects.get(key="bmi"),
        min_value=Decimal(18),
        max_value=Decimal(35),
        status="approved",
        source_text="BMI 18-35",
    )


def walk_to(page, key, profile):
    while not page.url.endswith(f"/questions/{key}/") and key not in screen_keys(page):
        current = re.search(r"/(?:questions|screens)/([\w-]+)/", page.url).group(1)
        before = page.url
        value = profile.get(current)
        if "/screens/" in page.url:
            fill_screen(page, {k: profile.get(k) for k in screen_keys(page)})
        else:
            fill_single(page, value)
        page.locator("#answer-form button[type=submit]:not([name])").first.click()
        page.wait_for_url(lambda url, before=before: url != before)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_tick_not_yet_sent_survives_a_switch_to_chinese(seeded_live_server, browser, javascript):
    page = open_page(browser, javascript=javascript)
    start(page, seeded_live_server)
    page.locator('input[name="answer"][value="copd"]').check()
    page.get_by_role("button", name="中文（简体）").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    assert page.url.endswith("/questions/diagnoses/")
    expect(page.locator('input[name="answer"][value="copd"]')).to_be_checked()
    expect(page.locator('input[name="answer"][value="ild"]')).not_to_be_checked()
    screenshot(page, f"walkthrough-tick-kept-zh-360-{'js' if javascript else 'nojs'}")
    # and back: the tick (now sent by no one) is still only a tick, not an answer
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator('input[name="answer"][value="copd"]')).to_be_checked()
    close_page(page) if javascript else page.context.close()


@pytest.mark.parametrize("locale, continue_text", [(None, "Continue your screening"), ("zh-CN", "继续您的筛查")])
def test_a_returning_patient_continues_from_the_start_page(seeded_live_server, browser, locale, continue_text):
    page = open_page(browser, locale=locale)
    page.goto(seeded_live_server.url + "/")
    page.locator("button.button-start").click()
    page.wait_for_url(re.compile(r"/questions/diagnoses/$"))
    page.locator('input[name="answer"][value="copd"]').check()
    page.locator("#answer-form button[type=submit]").first.click()
    page.wait_for_url(lambda url: not url.endswith("/questions/diagnoses/"))
    page.goto(seeded_live_server.url + "/")
    link = page.get_by_role("link", name=continue_text)
    expect(link).to_be_visible()
    assert_accessible(page, "start page with a screening to continue")
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, f"walkthrough-start-continue-360-{locale or 'en'}")
    link.click()
    page.wait_for_url(re.compile(r"/questions/(?!diagnoses)[\w-]+/$"))
    close_page(page)


@pytest.mark.parametrize("locale", [None, "zh-CN"])
def test_never_and_bmi_from_height_and_weight(seeded_live_server, browser, locale):
    event_and_bmi_rules()
    page = open_page(browser, locale=locale)
    page.goto(seeded_live_server.url + "/")
    page.locator("button.button-start").click()
    page.wait_for_url(re.compile(r"/questions/diagnoses/$"))
    seen = set()
    while (match := re.search(r"/(?:questions|screens)/([\w-]+)/$", page.url)) is not None:
        key, before = match.group(1), page.url
        seen.add(key)
        if "/screens/" in page.url and "days_since_pneumonia" in screen_keys(page):
            # The pneumonia days share the screen of recent infections: "Never" is that question's own tick.
            seen.update(screen_keys(page))
            never = page.locator('input[name="days_since_pneumonia-never"]')
            expect(page.locator('label[for="id_days_since_pneumonia-never"]')).to_contain_text(
                "Never" if locale is None else "从来没有"
            )
            expect(page.locator("#answer-form")).to_contain_text(  # the screen's introduction says it once
                "tick “Never”" if locale is None else "请勾选“从来没有”"
            )
            fill_screen(page, {k: MATCHES_COPD.get(k) for k in screen_keys(page) if k != "days_since_pneumonia"})
            never.check()
            assert_accessible(page, "a screen with a days-since question")
            screenshot(page, f"walkthrough-never-360-{locale or 'en'}")
            page.locator("#answer-form button[type=submit]:not([name])").click()
        elif "/screens/" in page.url:
            fill_screen(page, {k: MATCHES_COPD.get(k) for k in screen_keys(page)})
            page.locator("#answer-form button[type=submit]:not([name])").click()
        elif key == "days_since_pneumonia":
            never = page.locator('input[name="never"]')  # a tick under the box, as on its screen
            expect(page.locator('label[for="id_never"]')).to_contain_text("Never" if locale is None else "从来没有")
            expect(page.locator("#answer-form")).to_contain_text(
                "choose “Never”" if locale is None else "请选择“从来没有”"
            )
            assert_accessible(page, "a days-since question")
            screenshot(page, f"walkthrough-never-360-{locale or 'en'}")
            never.check()
            page.locator("#answer-form button[type=submit]:not([name])").click()
        elif key == "bmi":
            link = "I know my height and weight instead" if locale is None else "我知道自己的身高和体重"
            page.get_by_role("link", name=link).click()
            page.wait_for_url(re.compile(r"/work-it-out/"))
            page.locator("#id_height_cm").fill("170")
            page.locator("#id_weight_kg").fill("70")
            screenshot(page, f"walkthrough-bmi-helper-360-{locale or 'en'}")
            page.locator("main form button[type=submit]").first.click()
            expect(page.locator("[data-computed]")).to_have_attribute("data-computed", "24.2")
            assert_accessible(page, "BMI worked out")
            screenshot(page, f"walkthrough-bmi-confirm-360-{locale or 'en'}")
            page.locator('button[name="confirm"]').click()
        else:
            walk_one(page, MATCHES_COPD[key])
        page.wait_for_url(lambda url, before=before: url != before and "/work-it-out/" not in url)
    assert {"days_since_pneumonia", "bmi"} <= seen and page.url.endswith("/check/")
    check = page.locator("main").inner_text()
    assert ("Never" if locale is None else "从来没有") in check and "24.2" in check
    screenshot(page, f"walkthrough-check-never-bmi-360-{locale or 'en'}")
    close_page(page)


def part(page, selector: str, name: str):
    """One part of a very tall page, as the person sees it (the full-page picture is too tall to read)."""
    from tests.browser.conftest import SCREENSHOTS

    page.locator(selector).first.screenshot(path=str(SCREENSHOTS / f"{name}.png"), caret="initial")


def walk_one(page, value):
    fill_single(page, value)
    page.locator("#answer-form button[type=submit]").first.click()


@pytest.mark.parametrize("locale", [None, "zh-CN"])
def test_a_patient_with_no_match_sees_what_to_do_next(seeded_live_server, browser, locale):
    page = open_page(browser, locale=locale)
    page.goto(seeded_live_server.url + "/")
    page.locator("button.button-start").click()
    page.wait_for_url(re.compile(r"/questions/diagnoses/$"))
    answer_everything_any_language(page, {**MATCHES_COPD, **MATCHES_ILD, "diagnoses": ["copd"], "age": "20"})
    page.goto(page.url.replace("/check/", "/results/"))
    box = page.locator("[data-what-next]")
    expect(box).to_be_visible()
    assert_accessible(page, "results with no match")
    box.scroll_into_view_if_needed()
    screenshot(page, f"walkthrough-no-match-what-next-360-{locale or 'en'}")
    close_page(page)


def answer_everything_any_language(page, profile):
    while (match := re.search(r"/(?:questions|screens)/([\w-]+)/", page.url)) is not None:
        key, before = match.group(1), page.url
        value = profile.get(key)
        if "/screens/" in page.url:
            fill_screen(page, {k: profile.get(k) for k in screen_keys(page)})
        else:
            fill_single(page, value)
        page.locator("#answer-form button[type=submit]:not([name])").first.click()
        page.wait_for_url(lambda url, before=before: url != before)
    assert page.url.endswith("/check/")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_nurse_saves_answer_checks_without_losing_her_place(
    seeded_live_server, browser, django_user_model, javascript
):
    site = Site.objects.get(trial__nct_id=COPD)
    nurse_user = make_staff(django_user_model, "nurse_a", site)
    referral = sent_without_screening(site, MATCHES_COPD, verdict="match")
    nurse = open_page(browser, javascript=javascript)
    nurse.goto(seeded_live_server.url + f"/staff/referrals/{referral.id}/")
    nurse.wait_for_url(re.compile(r"/staff/login/"))
    nurse.get_by_label("Username").fill("nurse_a")
    nurse.get_by_label("Password").fill("a-long-test-password")
    nurse.get_by_label("Code from your authenticator app").fill(app_code(nurse_user))
    nurse.get_by_role("button", name="Log in").click()
    nurse.wait_for_url(re.compile(r"/staff/referrals/[0-9a-f-]{36}/$"))
    cell = nurse.locator("#check-sixmwd_m")
    cell.scroll_into_view_if_needed()
    cell.locator('input[value="contradicted"]').check()
    cell.locator('input[name="note"]').fill("Measured 140 m")
    before = nurse.evaluate("window.scrollY")
    assert before > 500
    cell.get_by_role("button", name=re.compile("Save")).click()
    if javascript:
        expect(cell.locator("[data-saved]")).to_have_text("Saved.")
        assert nurse.url.endswith(f"/staff/referrals/{referral.id}/")  # no new page, no new address
        assert abs(nurse.evaluate("window.scrollY") - before) < 50, "the page stayed where the nurse was"
    else:
        nurse.wait_for_url(re.compile(r"#check-sixmwd_m$"))
        assert nurse.evaluate("window.scrollY") > 500, "back at the same check, not the top of the page"
    expect(nurse.locator("#check-sixmwd_m")).to_contain_text("Measured 140 m")
    outcomes = nurse.locator(".outcome-sentence").all_text_contents()  # the protocol's own checks fold away
    assert outcomes and not any(text.strip() == "X" for text in nurse.locator(".outcome p").all_text_contents())
    assert any(text.startswith("For you to check, as the study") for text in outcomes)
    if javascript:
        assert_accessible(nurse, "referral detail after a check saved in place")
        screenshot(nurse, "walkthrough-nurse-detail-360-en")
        part(nurse, "#check-sixmwd_m", "walkthrough-nurse-check-saved-360-en")
        part(nurse, ".outcomes:visible, .outcomes-folded", "walkthrough-nurse-outcomes-360-en")
        nurse.get_by_role("button", name="中文（简体）").click()
        expect(nurse.locator("html")).to_have_attribute("lang", "zh-Hans")
        assert any(t.startswith("需要您核对") for t in nurse.locator(".outcome-sentence").all_text_contents())
        screenshot(nurse, "walkthrough-nurse-detail-360-zh")
        part(nurse, ".outcomes:visible, .outcomes-folded", "walkthrough-nurse-outcomes-360-zh")
        close_page(nurse)
    else:
        nurse.context.close()


def test_the_review_page_puts_the_least_sure_drafts_first_without_a_red_banner(admin_page, live_server):  # noqa: F811
    from trials.models import Trial

    trial = Trial.objects.get(nct_id="NCT03197818")
    admin_page.set_viewport_size({"width": 360, "height": 780})
    admin_page.goto(live_server.url + f"/admin/trials/trial/{trial.pk}/review/")
    expect(admin_page.locator(".errornote")).to_have_count(0)
    expect(admin_page.locator("#publish-problem")).to_contain_text("cannot be published while")
    buttons = admin_page.locator(".approve-all button").all_inner_texts()
    # each button names what it approves: drafts at 80% confidence or more, drafts left for the study team, or both
    assert buttons and all("80% confidence or more" in text or "left for the study team" in text for text in buttons)
    first = admin_page.locator("section.clause").first
    expect(first).to_have_class(re.compile("clause-to_review"))
    admin_page.evaluate("window.scrollTo(0, 0)")
    admin_page.screenshot(path=str(SCREENSHOTS / "walkthrough-admin-review-360-en.png"), caret="initial")
