"""Given a patient whose report shows litres, when they work out their % predicted in a real browser,
then they confirm it and their results and doctor's summary show it; both pages pass axe."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.test_patient_flows import (
    answer_current,
    assert_accessible,
    current_key,
    screen_keys,
    see_results,
    start,
)
from tests.trials.profiles import ILD, MATCHES_ILD

pytestmark = pytest.mark.django_db(transaction=True)


def answer_until(page, wanted):
    while current_key(page) != wanted and wanted not in screen_keys(page):
        answer_current(page, MATCHES_ILD[current_key(page)], MATCHES_ILD)


@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no JavaScript"])
def test_a_patient_with_litres_works_out_their_fvc_pct_pred_and_confirms_it(seeded_live_server, browser, javascript):
    from tests.browser.conftest import close_page, open_page

    page = open_page(browser, javascript=javascript)
    start(page, seeded_live_server)
    answer_until(page, "fvc_pct_pred")
    page.get_by_text("My report shows litres (L), not “% Pred”").click()  # from the lung function screen
    page.get_by_role("heading", name="Work out the % of predicted from your report").wait_for()
    expect(page.get_by_label("Your age in years at the test")).to_have_value("60")
    if javascript:
        assert_accessible(page, "raw litres form")
    page.get_by_label("Your FVC, as the report prints it").fill("1.90")
    page.get_by_label("L", exact=True).check()
    page.get_by_label("Your height in centimetres").fill("165")
    page.get_by_label("Female").check()
    page.get_by_role("button", name="Work it out").click()
    page.get_by_role("heading", name="Check what we worked out").wait_for()
    figure = page.locator("[data-computed]")
    computed = figure.get_attribute("data-computed")
    expect(page.get_by_text("GLI Global 2022", exact=False)).to_be_visible()
    if javascript:
        assert_accessible(page, "confirm the worked-out % predicted")
    screenshot(page, f"helper-confirm-{'htmx' if javascript else 'nojs'}-360")
    page.get_by_role("button", name="Use this answer").click()
    page.wait_for_url(lambda url: "/work-it-out/" not in url)
    rest = {key: value for key, value in MATCHES_ILD.items() if key != "fvc_pct_pred"}  # keeps the worked-out one
    while current_key(page) is not None:
        answer_current(page, rest.get(current_key(page)), rest)
    expect(page.get_by_text(f"{computed}%")).to_be_visible()
    expect(page.get_by_text("worked out by the screener", exact=False)).to_be_visible()
    assert see_results(page)[ILD] == "match"
    page.locator(f'[data-nct-id="{ILD}"] details.fits summary').click()
    expect(page.get_by_text(f"Yours: {computed}%, inside the allowed range.")).to_be_visible()
    close_page(page) if javascript else page.context.close()


def test_the_print_summary_passes_axe_and_prints_without_the_site_chrome(seeded_live_server, phone):
    start(phone, seeded_live_server)
    while current_key(phone) is not None:
        key = current_key(phone)
        answer_current(phone, MATCHES_ILD[key], {**MATCHES_ILD, "dlco_pct_pred": None})
    see_results(phone)
    assert_accessible(phone, "results with range pictures")
    screenshot(phone, "results-with-ranges-360")
    phone.get_by_role("link", name="A summary to print or show your doctor").click()
    phone.wait_for_url(re.compile(r"/summary/$"))
    phone.get_by_role("heading", name="Summary for your doctor", level=1).wait_for()
    expect(phone.locator('[data-ask="dlco_pct_pred"]')).to_be_visible()
    assert_accessible(phone, "summary for the doctor")
    screenshot(phone, "summary-360")
    phone.emulate_media(media="print")
    expect(phone.locator(".site-header")).to_be_hidden()
    expect(phone.locator(".back-link")).to_be_hidden()
    expect(phone.locator('[data-ask="dlco_pct_pred"]')).to_be_visible()


def test_a_patient_picks_their_town_from_suggestions_and_sees_the_nearest_hospital(seeded_live_server, phone):
    phone.goto(seeded_live_server.url + "/")
    assert_accessible(phone, "start page with the optional place")
    phone.get_by_label("Your town or city").press_sequentially("Hangz", delay=30)
    expect(phone.locator('#place-suggestions option[value="Hangzhou, China"]')).to_have_count(1)
    phone.get_by_label("Your town or city").fill("Hangzhou, China")
    phone.get_by_label("Up to 300 km").check()
    phone.get_by_role("button", name="Start now").click()
    phone.wait_for_url(re.compile(r"/questions/diagnoses/$"))
    from tests.trials.profiles import MATCHES_COPD

    while current_key(phone) is not None:
        answer_current(phone, MATCHES_COPD[current_key(phone)], MATCHES_COPD)
    see_results(phone)
    expect(phone.get_by_text("about 109 km from you", exact=False)).to_be_visible()
    assert_accessible(phone, "results with the nearest hospital")
