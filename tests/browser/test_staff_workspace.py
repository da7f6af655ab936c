"""A research nurse on a phone (360 px): given a backup code, when they log in, then they set up their
authenticator app themselves; the workspace fits the screen, reads in plain words and passes axe."""

import re
from decimal import Decimal

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.conftest import SCREENSHOTS, close_page, open_page, screenshot
from tests.browser.test_patient_flows import assert_accessible
from tests.conftest import make_staff
from tests.screener.referrals.test_rejudging import sent_without_screening
from tests.trials.profiles import COPD, MATCHES_COPD
from trials.models import Criterion, Site

pytestmark = pytest.mark.django_db(transaction=True)


def code_for(device) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def first_screen(page, name: str):
    """What the nurse sees without scrolling (the full-page screenshots are very tall on a phone)."""
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), caret="initial")


def assert_fits_the_screen(page, what: str):
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{what} scrolls sideways by {overflow}px"
    for name in ("nurse_a", "Log out"):
        box = page.locator(".site-header").get_by_text(name, exact=True).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360, f"{what}: {name!r} is off screen: {box}"


def test_a_nurse_sets_up_their_app_and_works_on_a_phone(seeded_live_server, browser, django_user_model):
    site = Site.objects.get(trial__nct_id=COPD)
    make_staff(django_user_model, "nurse_a", site)
    sent_without_screening(site, MATCHES_COPD, verdict="match")
    walk = Criterion.objects.get(trial__nct_id=COPD, question__key="sixmwd_m")
    walk.min_value = Decimal("350")  # an amendment: the patient walked 300 m
    walk.save()  # committed at once here, so the re-judging task has run

    nurse = open_page(browser)  # 360 × 780
    nurse.goto(seeded_live_server.url + "/staff/login/")
    nurse.get_by_label("Username").fill("nurse_a")
    nurse.get_by_label("Password").fill("a-long-test-password")
    nurse.get_by_label("Code from your authenticator app").fill("246810")  # the one-time backup code
    nurse.get_by_role("button", name="Log in").click()
    nurse.wait_for_url(re.compile(r"/staff/authenticator/\?next=%2Fstaff%2Freferrals%2F$"))
    assert nurse.get_by_role("img", name="QR code to scan with your authenticator app").is_visible()
    assert_accessible(nurse, "authenticator set-up")
    assert_fits_the_screen(nurse, "authenticator set-up")
    screenshot(nurse, "staff-authenticator-360")
    device = TOTPDevice.objects.get(confirmed=False)
    nurse.get_by_label("Code from your authenticator app").fill(code_for(device))
    nurse.get_by_role("button", name="Confirm and finish").click()
    nurse.wait_for_url(re.compile(r"/staff/referrals/$"))  # back to where the login was going
    assert nurse.get_by_text("Your authenticator app is set up. Use its codes from now on.").is_visible()
    nurse.goto(seeded_live_server.url + "/staff/profile/")
    assert nurse.locator('[data-notified="yes"]').is_visible()
    assert_accessible(nurse, "profile")

    nurse.get_by_role("link", name="All referrals").click()
    nurse.wait_for_url(re.compile(r"/staff/referrals/$"))
    assert nurse.locator(".referral-card").count() == 1
    assert nurse.locator("[data-criteria-changed]").is_visible()
    assert_accessible(nurse, "referral list at 360 px")
    assert_fits_the_screen(nurse, "referral list")
    screenshot(nurse, "staff-list-360")

    nurse.locator(".referral-card a").first.click()
    nurse.wait_for_url(re.compile(r"/staff/referrals/[0-9a-f-]{36}/$"))
    change = nurse.locator("[data-criteria-change]").inner_text()
    assert re.search(r"Sent under version \d+: every answer fits; under version \d+: not a match, because", change)
    outcomes = nurse.locator(".outcome").all_text_contents()  # the criteria already met are folded away
    assert any("Not excluded by this:" in text for text in outcomes)
    assert not any(re.search(r"\bmet\b", text) for text in outcomes)
    ids = nurse.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids)), "every id on the page is unique"
    nurse.get_by_label("Note", exact=True).click()
    assert nurse.evaluate("document.activeElement.name") == "note"
    assert nurse.evaluate("document.activeElement.closest('form').action").endswith("/note/")
    assert_accessible(nurse, "referral detail at 360 px")
    assert_fits_the_screen(nurse, "referral detail")
    screenshot(nurse, "staff-detail-360")
    first_screen(nurse, "staff-detail-360-top")

    nurse.get_by_role("link", name="Dashboard").click()
    nurse.wait_for_url(re.compile(r"/staff/dashboard/$"))
    assert nurse.get_by_role("img", name=re.compile("Referrals per status")).is_visible()
    assert_accessible(nurse, "dashboard at 360 px")
    assert_fits_the_screen(nurse, "dashboard")
    screenshot(nurse, "staff-dashboard-360")
    first_screen(nurse, "staff-dashboard-360-top")
    close_page(nurse)


def test_a_patient_reads_on_a_phone_that_a_protocol_change_affects_their_request(seeded_live_server, browser):
    site = Site.objects.get(trial__nct_id=COPD)
    referral = sent_without_screening(site, MATCHES_COPD, verdict="match")
    walk = Criterion.objects.get(trial__nct_id=COPD, question__key="sixmwd_m")
    walk.min_value = Decimal("350")
    walk.save()

    patient = open_page(browser)
    patient.goto(seeded_live_server.url + "/request/")
    patient.get_by_label("Reference code").fill(referral.display_reference)
    patient.get_by_role("button", name="Continue").click()
    change = patient.locator("[data-criteria-change]")
    change.wait_for()
    assert "the study may no longer be right for you" in change.inner_text()
    assert_accessible(patient, "request status after a protocol change")
    screenshot(patient, "request-status-criteria-changed-360")
    close_page(patient)


@pytest.mark.parametrize("width", [1280, 360])
def test_on_a_wide_screen_the_staff_header_lines_up_with_the_workspace_under_it(live_server, browser, width):
    # The workspace is wider than the questionnaire's column; its header and footer were not, so at 1280 px the
    # header's name and links began some 230 px right of the page's heading and wrapped onto two lines.
    page = open_page(browser, width=width)
    page.goto(live_server.url + "/staff/login/")
    header = page.locator(".site-header .width").bounding_box()
    content = page.locator("body > .width").bounding_box()
    footer = page.locator(".site-footer .width").bounding_box()
    assert abs(header["x"] - content["x"]) <= 1 and abs(footer["x"] - content["x"]) <= 1, (header, content, footer)
    close_page(page)
