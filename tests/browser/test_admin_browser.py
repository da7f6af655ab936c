"""An admin logs in with a password and a one-time code and edits a trial, with no policy violations."""

import re

import pytest

from tests.browser.conftest import close_page, log_in_as_admin, open_page
from tests.trials.profiles import COPD

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_admin_logs_in_with_a_code_and_opens_a_trial(seeded_live_server, browser, django_user_model):
    from trials.models import Trial

    page = open_page(browser, width=1280, height=900)
    log_in_as_admin(page, seeded_live_server.url, django_user_model)
    page.goto(f"{seeded_live_server.url}/admin/trials/trial/{Trial.objects.get(nct_id=COPD).pk}/change/")
    rule = page.get_by_text("150 m ≤ six-minute walk distance < 600 m").first
    assert not rule.is_visible()  # dozens of criteria stay folded away until asked for
    page.locator("summary", has_text=re.compile("criteria", re.I)).first.click()
    assert page.get_by_text("150 m ≤ six-minute walk distance < 600 m").first.is_visible()
    close_page(page)


def test_an_admin_adds_a_site_contact_in_labelled_fields_and_is_told_plainly_what_is_wrong(
    seeded_live_server, browser, django_user_model
):
    from axe_playwright_python.sync_playwright import Axe

    from tests.browser.conftest import screenshot
    from trials.models import Site

    site = Site.objects.get(trial__nct_id=COPD)
    page = open_page(browser, width=1280, height=900)
    log_in_as_admin(page, seeded_live_server.url, django_user_model)

    page.goto(f"{seeded_live_server.url}/admin/trials/site/{site.pk}/change/")
    contact = page.get_by_role("group", name="Contact 2")
    contact.get_by_label("Name").fill("Li Na")
    contact.get_by_label("Email").fill("li.na@")
    page.locator("input[name=_continue]").click()
    assert page.get_by_label("Email").nth(1).input_value() == "li.na@"  # kept as typed
    error = "Contact 2: this is not an email address; give one like name@hospital.cn."
    assert page.locator("#id_contacts-1-email-error").inner_text() == error
    screenshot(page, "admin-site-contacts-error")
    assert page.csp_violations == []
    results = Axe().run(page, context="#id_contacts")  # Django admin's own tables and links are not ours to judge
    assert results.violations_count == 0, results.generate_report()
    page.csp_violations.clear()  # axe's injected script adds a style element of its own

    page.get_by_role("group", name="Contact 2").get_by_label("Email").fill("li.na@hospital.cn")
    page.locator("input[name=_continue]").click()
    page.wait_for_selector(".messagelist .success")
    site.refresh_from_db()
    assert site.contacts[1] == {"name": "Li Na", "role": "", "phone": "", "email": "li.na@hospital.cn"}
    close_page(page)
