"""An admin reviews an imported trial in a real browser: given its drafted criteria, when they approve, edit and
reject them clause by clause, then the coverage moves and the trial can be published only once nothing is left to
review. The review page passes axe and the strict Content-Security-Policy."""

import re
from io import StringIO
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import close_page, log_in_as_admin, open_page, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

RECORD = Path(__file__).resolve().parents[1] / "trials" / "registry" / "records" / "NCT03197818.json"
axe = Axe()


def assert_accessible(page, what: str):
    results = axe.run(page)
    assert results.violations_count == 0, f"{what}:\n{results.generate_report()}"


@pytest.fixture
def admin_page(live_server, browser, django_user_model):
    call_command("import_ctgov", str(RECORD), stdout=StringIO())
    page = open_page(browser, width=1280, height=900)
    log_in_as_admin(page, live_server.url, django_user_model)
    yield page
    close_page(page)


def row(page, rule: str):
    return page.locator("tr.criterion", has_text=rule).first


def test_an_admin_reviews_a_trial_clause_by_clause_and_publishes_it(admin_page, live_server):
    from trials.models import Criterion, Trial

    page = admin_page
    trial = Trial.objects.get(nct_id="NCT03197818")
    # Given the trial list, the coverage column leads to the review page
    page.goto(live_server.url + "/admin/trials/trial/")
    expect(page.get_by_text("0 of 12 clauses reviewed")).to_be_visible()
    page.get_by_text("0 of 12 clauses reviewed").click()
    page.wait_for_url(re.compile(r"/review/$"))
    expect(page.locator("mark", has_text="FEV1 < 50% of the predicted normal value")).to_be_visible()
    expect(
        page.get_by_text("12 clauses: 0 with a patient-answerable rule, 0 for the study team, 12 still to review.")
    ).to_be_visible()
    assert_accessible(page, "review page")
    screenshot(page, "admin-review")

    # Publishing is refused while anything is still to review
    page.get_by_role("button", name="Publish this trial").click()
    drafts = Criterion.objects.filter(trial=trial, status="draft").count()
    expect(page.locator(".messagelist .error")).to_contain_text(
        f"cannot be published while {drafts} criteria are still to review"
    )
    assert not Trial.objects.get(pk=trial.pk).is_published

    # Approve one proposal
    # (the record states post-bronchodilator values: they are drafted on the post questions)
    fev1 = "FEV1 after a bronchodilator (% of predicted) < 50%"
    row(page, fev1).get_by_role("button", name="Approve").click()
    expect(page.locator("[data-review-message]")).to_contain_text(f"Approved: {fev1}")
    expect(row(page, fev1)).to_contain_text("Approved")

    # Edit one: the oxygen limit becomes 15 hours a day, approved, and the review page says so
    row(page, "hours of oxygen therapy a day").get_by_role("link", name="Edit").click()
    page.fill("#id_min_value", "15")
    page.select_option("#id_status", "approved")
    page.locator("input[name=_save]").click()
    page.wait_for_url(re.compile(r"/review/$"))
    expect(row(page, "excluded if hours of oxygen therapy a day ≥ 15 hours")).to_contain_text("Approved")
    expect(
        page.get_by_text("You cannot take part if your hours of oxygen therapy a day is at least 15 hours.")
    ).to_be_visible()

    # Reject one: kept, struck through, never used
    row(page, "FEV1/FVC after a bronchodilator < 0.7").get_by_role("button", name="Reject").click()
    expect(row(page, "FEV1/FVC after a bronchodilator < 0.7")).to_contain_text("Rejected")
    ratio = Criterion.objects.get(trial=trial, question__key="fev1_fvc_ratio_post")
    assert ratio.status == "rejected" and ratio.pk not in [c.id for c in trial.to_rules().criteria]

    # A clause whose age ("> 40") disagrees with the record's approved limit (≥ 40): the note names both, and no
    # "approve all" button offers it; the admin approves the one the study means, one draft at a time
    age_clause = page.locator("section.clause", has_text="Male or Female adults aged")
    expect(age_clause).to_contain_text("The registry's own age limit, already approved, says age ≥ 40 years")
    expect(age_clause.get_by_role("button", name=re.compile("Approve the .* drafts at"))).to_have_count(0)
    age_clause.locator("tr", has_text="age > 40").get_by_role("button", name="Reject").click()
    age_clause = page.locator("section.clause", has_text="Male or Female adults aged")
    expect(age_clause).to_contain_text("Rejected")
    expect(page.get_by_text(re.compile(r"12 clauses: \d+ with a patient-answerable rule"))).to_be_visible()

    # Try a profile against the approved criteria
    page.fill("#id_answers", '{"age": 60, "fev1_pct_pred_post": 55}')
    page.get_by_role("button", name="Try these answers").click()
    expect(page.locator(".verdict")).to_contain_text("Verdict: not a match")

    # Once every clause is reviewed, publishing works
    for criterion in Criterion.objects.filter(trial=trial, status="draft"):
        criterion.approve()
    page.goto(f"{live_server.url}/admin/trials/trial/{trial.pk}/review/")
    expect(page.get_by_text("0 still to review.", exact=False)).to_be_visible()
    assert_accessible(page, "review page, all reviewed")
    page.get_by_role("button", name="Publish this trial").click()
    # the record has no Chinese: the admin is told so, and publishes all the same
    expect(page.get_by_text("Patients reading Simplified Chinese will see these in English")).to_be_visible()
    assert not Trial.objects.get(pk=trial.pk).is_published
    page.get_by_role("button", name="Publish without these translations").click()
    expect(page.locator(".messagelist")).to_contain_text("NCT03197818 is published.")
    assert Trial.objects.get(pk=trial.pk).is_published


def test_approving_a_draft_swaps_only_its_clause_and_focus_goes_to_the_next_draft(admin_page, live_server):
    from trials.models import Criterion, Trial

    page = admin_page
    trial = Trial.objects.get(nct_id="NCT03197818")
    page.goto(f"{live_server.url}/admin/trials/trial/{trial.pk}/review/")
    page.evaluate("window.notReloaded = true")
    address = page.url
    # Given a clause with two drafts, when the admin approves the first with the keyboard
    clause = page.locator("section.clause").filter(has=page.locator("tr.criterion-draft").nth(1)).first
    place = clause.get_attribute("id")
    first, second = clause.locator("tr.criterion-draft").all()[:2]
    first_id, second_id = first.get_attribute("data-criterion"), second.get_attribute("data-criterion")
    first.get_by_role("button", name="Approve").focus()
    page.keyboard.press("Enter")
    # then the row says so, the page was not reloaded nor moved, and focus is on the next draft's Approve
    clause = page.locator(f"#{place}")
    expect(clause.locator(f'tr[data-criterion="{first_id}"]')).to_contain_text("Approved")
    expect(clause.locator("[data-review-message]")).to_contain_text("Approved: ")
    assert page.evaluate("window.notReloaded") is True and page.url == address
    expect(clause.locator(f'tr[data-criterion="{second_id}"]').get_by_role("button", name="Approve")).to_be_focused()
    assert Criterion.objects.get(pk=first_id).status == "approved"
    # and the coverage counts it: the publish readiness names one draft fewer
    drafts = Criterion.objects.filter(trial=trial, status="draft").count()
    expect(page.locator("#publish-problem")).to_contain_text(f"while {drafts} criteria are still to review")
    # When the clause's last draft goes, focus moves on to a draft of another clause
    left = clause.locator("tr.criterion-draft").count()
    for remaining in range(left - 1, -1, -1):
        page.keyboard.press("Enter")
        expect(page.locator(f"#{place} tr.criterion-draft")).to_have_count(remaining)
        if remaining:
            expect(
                page.locator(f"#{place} tr.criterion-draft").first.get_by_role("button", name="Approve")
            ).to_be_focused()
    expect(page.locator(f"#{place} [data-review-message]")).to_contain_text("Approved: ")
    expect(page.locator(f"section:not(#{place}) tr.criterion-draft button").first).to_be_focused()
    assert page.evaluate("window.notReloaded") is True
    expect(page.locator("[data-review-message]")).to_have_count(1)
    assert_accessible(page, "review page after approving by htmx")


def test_without_javascript_approving_still_reloads_the_page_at_the_clause(browser, live_server, django_user_model):
    from trials.models import Criterion, Trial

    call_command("import_ctgov", str(RECORD), stdout=StringIO())
    page = open_page(browser, javascript=False, width=1280, height=900)
    log_in_as_admin(page, live_server.url, django_user_model)
    trial = Trial.objects.get(nct_id="NCT03197818")
    page.goto(f"{live_server.url}/admin/trials/trial/{trial.pk}/review/")
    draft = page.locator("tr.criterion-draft").first
    draft_id = draft.get_attribute("data-criterion")
    draft.get_by_role("button", name="Approve").click()
    page.wait_for_url(re.compile(r"\?(page=\d+&)?reviewed=clause-\d+-\d+#clause-"))
    expect(page.locator("[data-review-message]")).to_contain_text("Approved: ")
    assert Criterion.objects.get(pk=draft_id).status == "approved"
    close_page(page)
