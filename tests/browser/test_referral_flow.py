"""Given a patient who may match the COPD study, when they ask its team to contact them, then a nurse
at that site finds the request, moves it on with a note, and exports it. Every page passes axe."""

import re

import pytest

from screener.referrals.models import Referral
from tests.browser.conftest import close_page, open_page, screenshot
from tests.browser.test_patient_flows import answer_everything, assert_accessible, see_results, start
from tests.conftest import make_staff
from tests.trials.profiles import COPD, MATCHES_COPD
from trials.models import Site

pytestmark = pytest.mark.django_db(transaction=True)


def app_code(user) -> str:
    """A code from the nurse's authenticator app (set up already; tests/browser/test_staff_workspace.py sets one up)."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_a_patient_refers_themself_and_the_site_nurse_acts_on_it(seeded_live_server, browser, django_user_model):
    nurse_user = make_staff(django_user_model, "nurse_a", Site.objects.get(trial__nct_id=COPD))

    # The patient
    patient = open_page(browser)
    start(patient, seeded_live_server)
    answer_everything(patient, MATCHES_COPD)
    assert see_results(patient)[COPD] == "match"
    patient.locator(f'[data-nct-id="{COPD}"]').get_by_role("link", name="Ask the study team to contact me").click()
    patient.wait_for_url(re.compile(r"/contact/"))
    patient.get_by_role("button", name="Send my request").click()  # nothing filled in yet
    patient.locator(".error-summary").wait_for()
    assert_accessible(patient, "referral form with errors")
    patient.get_by_label("Your name").fill("Li Wei")
    patient.get_by_label("Phone number").fill("0579 8997 9999")
    patient.get_by_label("I agree").check()
    patient.get_by_role("button", name="Send my request").click()
    patient.wait_for_url(re.compile(r"/requests/"))
    reference = patient.locator("[data-reference]").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", reference)
    assert_accessible(patient, "confirmation")
    screenshot(patient, "referral-sent-360")
    close_page(patient)

    # The nurse at that site
    nurse = open_page(browser, width=1280, height=900)
    nurse.goto(seeded_live_server.url + "/staff/referrals/")
    nurse.wait_for_url(re.compile(r"/staff/login/"))
    assert_accessible(nurse, "staff login")
    nurse.get_by_label("Username").fill("nurse_a")
    nurse.get_by_label("Password").fill("a-long-test-password")
    nurse.get_by_label("Code from your authenticator app").fill(app_code(nurse_user))
    nurse.get_by_role("button", name="Log in").click()
    nurse.wait_for_url(re.compile(r"/staff/referrals/$"))
    nurse.get_by_label("Reference or name").fill(reference.lower())
    nurse.wait_for_url(re.compile(r"q=" + reference.lower()))
    assert_accessible(nurse, "staff list, filtered")
    nurse.get_by_role("link", name=reference).click()
    nurse.wait_for_url(re.compile(r"/staff/referrals/[0-9a-f-]{36}/$"))
    assert nurse.get_by_text("Li Wei").is_visible()
    assert_accessible(nurse, "staff detail")
    nurse.get_by_label("New status").select_option("contacted")
    nurse.get_by_label("Note (optional)").fill("Rang, will call back Monday")
    nurse.get_by_role("button", name="Change status").click()
    nurse.locator('[data-status="contacted"]').wait_for()
    assert nurse.get_by_text("Rang, will call back Monday").is_visible()
    screenshot(nurse, "staff-detail-1280")

    nurse.get_by_role("link", name="All referrals").click()
    with nurse.expect_download() as download:
        nurse.get_by_role("link", name="Download these as CSV").click()
    content = open(download.value.path(), encoding="utf-8-sig").read()
    assert reference in content and "Li Wei" in content and "Contacted" in content
    assert Referral.objects.get().status == "contacted"
    close_page(nurse)


def test_staff_are_warned_before_the_idle_logout_and_can_stay(seeded_live_server, browser, django_user_model, settings):
    settings.STAFF_IDLE_SECONDS = 6
    settings.STAFF_IDLE_WARNING_SECONDS = 4
    nurse_user = make_staff(django_user_model, "nurse_a", Site.objects.get(trial__nct_id=COPD))
    nurse = open_page(browser, width=1280, height=900)
    nurse.goto(seeded_live_server.url + "/staff/login/")
    nurse.get_by_label("Username").fill("nurse_a")
    nurse.get_by_label("Password").fill("a-long-test-password")
    nurse.get_by_label("Code from your authenticator app").fill(app_code(nurse_user))
    nurse.get_by_role("button", name="Log in").click()
    nurse.wait_for_url(re.compile(r"/staff/referrals/$"))
    warning = nurse.locator("#idle-warning")
    assert warning.is_hidden()
    warning.wait_for(state="visible", timeout=5000)  # shown 4 s before the 6 s idle limit
    assert_accessible(nurse, "idle warning")
    nurse.get_by_role("button", name="Stay logged in").click()
    warning.wait_for(state="hidden", timeout=2000)
    nurse.wait_for_url(re.compile(r"/staff/login/\?timed_out=1"), timeout=15000)  # then truly idle
    assert nurse.get_by_text("You were logged out because you were away for a while.").is_visible()
    close_page(nurse)
