"""How far people scroll on a phone (360 px): a patient meets Start now before the study search, and a nurse
checks each answer in three short rows with what she must still check first; an admin reviews criteria as
cards, with no sideways scrolling and no button broken inside a word. Heights measured at 360 px
before these changes: Start now at about 3,400 px; a referral of the seed COPD study about 12,000 px tall."""

import re

import pytest

from tests.browser.conftest import SCREENSHOTS, close_page, open_page, screenshot
from tests.browser.test_referral_flow import app_code
from tests.browser.test_review_browser import admin_page  # noqa: F401 (a fixture)
from tests.conftest import make_staff
from tests.screener.referrals.test_rejudging import sent_without_screening
from tests.trials.profiles import COPD, MATCHES_COPD
from trials.models import Site

pytestmark = pytest.mark.django_db(transaction=True)


def top_of(page, selector: str) -> float:
    return page.evaluate(f"document.querySelector({selector!r}).getBoundingClientRect().top + window.scrollY")


@pytest.mark.parametrize("locale", [None, "zh-CN"], ids=["en", "zh"])
def test_on_a_phone_start_now_comes_before_the_study_search_and_within_three_screens(
    seeded_live_server, browser, locale
):
    page = open_page(browser, locale=locale)
    page.goto(seeded_live_server.url + "/")
    start_now, search = top_of(page, ".button-start"), top_of(page, "form[role=search]")
    assert start_now < search
    assert start_now < 2600, f"Start now is {start_now:.0f} px down a 360 px page"
    page.locator(".button-start").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / f"start-now-360-{locale or 'en'}.png"))
    close_page(page)


def test_on_a_phone_a_nurse_checks_each_answer_in_three_short_rows(seeded_live_server, browser, django_user_model):
    site = Site.objects.get(trial__nct_id=COPD)
    nurse_user = make_staff(django_user_model, "nurse_a", site)
    referral = sent_without_screening(site, {**MATCHES_COPD, "age": "68", "sex": "female"}, verdict="match")
    nurse = open_page(browser)
    nurse.goto(seeded_live_server.url + "/staff/login/")
    nurse.get_by_label("Username").fill("nurse_a")
    nurse.get_by_label("Password").fill("a-long-test-password")
    nurse.get_by_label("Code from your authenticator app").fill(app_code(nurse_user))
    nurse.get_by_role("button", name="Log in").click()
    nurse.wait_for_url(re.compile(r"/staff/referrals/$"))
    assert top_of(nurse, ".referral-card") < 780, "the first referral shows on the first screen, below the search box"
    nurse.goto(f"{seeded_live_server.url}/staff/referrals/{referral.id}/")

    row = nurse.locator('tr[data-answer="age"]')
    verified, contradicted = (
        row.get_by_label("Verified").bounding_box(),
        row.get_by_label("Contradicted").bounding_box(),
    )
    assert abs(verified["y"] - contradicted["y"]) < 4, "Verified and Contradicted sit side by side"
    box, save = row.locator("input[name=note]").bounding_box(), row.get_by_role("button").bounding_box()
    assert save["x"] > box["x"] + box["width"] and abs(save["y"] - box["y"]) < 8, "Save sits beside the note box"
    # three choices since the walkthrough of the eighth round (Measured): they may wrap on a 360 px phone
    assert row.bounding_box()["height"] < 280
    row.get_by_label("Verified").check()
    row.locator("input[name=note]").fill("ID card: 68")
    row.get_by_role("button").click()
    row.locator("[data-saved]").wait_for()  # saved in place, and the row keeps its three short rows
    assert "ID card: 68" in row.inner_text() and row.bounding_box()["height"] < 360

    folded = nurse.locator("[data-outcomes-met]")
    assert re.fullmatch(r"\d+ criteria the answers already satisfy", folded.locator("summary").inner_text())
    assert not folded.locator(".outcome").first.is_visible()
    team = nurse.locator("[data-outcomes-study-team] summary")
    assert re.fullmatch(r"\d+ criteria for you to check at screening, in the registry’s words", team.inner_text())
    height = nurse.evaluate("document.documentElement.scrollHeight")
    assert height < 9500, f"the referral page is {height} px tall at 360 px"
    screenshot(nurse, "staff-detail-compact-360")
    close_page(nurse)


@pytest.mark.parametrize("locale", [None, "zh-CN"], ids=["en", "zh"])
def test_on_a_phone_each_answer_shares_its_line_with_change_on_the_check_page(seeded_live_server, browser, locale):
    from tests.browser.test_walkthrough_browser import answer_everything_any_language

    page = open_page(browser, locale=locale)
    page.goto(seeded_live_server.url + "/")
    page.locator("button.button-start").click()
    page.wait_for_url(re.compile(r"/questions/diagnoses/$"))
    answer_everything_any_language(
        page, {**MATCHES_COPD, "age": "68", "sex": "female", "pregnant_or_breastfeeding": "no"}
    )
    for row in page.locator(".summary-row").all():
        answer, change = row.locator("dd").first.bounding_box(), row.locator(".summary-action a").bounding_box()
        assert change["x"] > answer["x"] + 100 and change["y"] < answer["y"] + answer["height"], row.inner_text()
    screenshot(page, f"check-compact-360-{locale or 'en'}")
    close_page(page)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_on_a_phone_an_admin_reviews_each_criterion_as_a_card_without_scrolling_sideways(
    admin_page,  # noqa: F811 (the fixture imported above)
    live_server,
    language,
):
    from trials.models import Trial

    page = admin_page
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(f"{live_server.url}/admin/trials/trial/{Trial.objects.get(nct_id='NCT03197818').pk}/review/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the review page scrolls sideways by {overflow}px"
    row = page.locator("tr.criterion").first
    for button in row.locator(".actions-cell .button").all():
        box = button.bounding_box()
        assert box["x"] + box["width"] <= 360 and box["height"] < 40, "each button whole, on screen, on one line"
    state = row.locator(".state-cell").bounding_box()
    assert state["height"] < 60, "the state is not broken into a character a line"
    screenshot(page, f"review-cards-360-{language}")


def test_on_a_phone_a_study_s_hospital_reads_in_a_few_full_width_lines(seeded_live_server, browser):
    page = open_page(browser)
    page.goto(f"{seeded_live_server.url}/studies/{COPD}/")
    where = page.locator(".study-facts dd").last
    assert "The Fourth Hospital of Zhejiang University School of Medicine" in where.inner_text()
    assert where.bounding_box()["height"] < 5 * 30, "the hospital's name runs to more than four lines"
    close_page(page)
