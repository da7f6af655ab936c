"""Browser tests: Playwright driving Debian's Chromium against Django's live server.

Run them alone with `pytest -m browser`. Screenshots land in test-output/screenshots/.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"

# Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures are still
# plain synchronous calls, made between browser steps.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's Chromium is missing: `make test` installs it (apt-get install chromium)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def seeded_live_server(live_server, transactional_db):
    """The live server with the seed trials, written as every other test gets them (tests/seeding.py)."""
    from tests.seeding import load_seed_trials

    load_seed_trials()
    return live_server


REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", function (e) {
  window.reportCspViolation(e.violatedDirective + " " + e.blockedURI + " " + e.sourceFile + ":" + e.lineNumber + ":" + e.columnNumber + " " + e.sample);
});
"""


def open_page(browser, *, javascript=True, width=360, height=780, locale=None):
    """A new browser tab; every Content-Security-Policy violation in any document it shows is recorded.

    `locale` ("zh-CN") is the browser's language: it sends it as Accept-Language.
    """
    options = {"locale": locale} if locale else {}
    context = browser.new_context(
        java_script_enabled=javascript, viewport={"width": width, "height": height}, **options
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.csp_violations = []
    if javascript:
        page.expose_function("reportCspViolation", lambda violation: page.csp_violations.append(violation))
        page.add_init_script(REPORT_CSP_VIOLATIONS)
    return page


def close_page(page):
    violations = list(page.csp_violations)
    page.context.close()
    assert violations == [], f"Content-Security-Policy violations: {violations}"


@pytest.fixture
def phone(browser):
    page = open_page(browser)
    yield page
    close_page(page)


@pytest.fixture
def phone_without_javascript(browser):
    page = open_page(browser, javascript=False)
    yield page
    page.context.close()


CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True, caret="initial")  # "hide" would add style attributes
    return path


def log_in_as_admin(page, server_url: str, django_user_model):
    """Create the superuser "ada" with an authenticator app and log in on `page` with her password and a one-time
    code (a backup code would lead to setting an app up first); returns the user, on the admin's home page."""
    import re

    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    admin = django_user_model.objects.create_superuser("ada", "ada@example.org", "a-long-test-password")
    phone = TOTPDevice.objects.create(user=admin, name="phone")
    page.goto(server_url + "/admin/")
    page.fill("#id_username", "ada")
    page.fill("#id_password", "a-long-test-password")
    page.fill("#id_otp_token", f"{totp(phone.bin_key):06d}")
    page.locator("input[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return admin
