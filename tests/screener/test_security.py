"""What a hospital's security review asks for, each point shown by a test."""

import logging
import os
import re
import secrets
import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tests.conftest import CONTACT, log_in_with_second_factor
from tests.screener.questionnaire.flow import answer_everything, start
from tests.trials.profiles import MATCHES_COPD

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_the_deployment_checklist_passes_with_the_production_environment():
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="screener.example.org",
        HTTPS="1",
        REDIS_URL="redis://127.0.0.1:6379/0",
        STATICFILES_BACKEND="",
    )
    env.pop("STATICFILES_BACKEND")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def all_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{entry.namespace}:" if entry.namespace else ""
            yield from ((prefix + namespace + name, pattern) for name, pattern in all_patterns(entry))
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + entry.name, entry


SAMPLE_ARGS = {
    "screening_id": uuid.uuid4(),
    "site_id": uuid.uuid4(),
    "referral_id": uuid.uuid4(),
    "key": "age",
    "nct_id": "NCT07355868",
}


def our_urls(namespaces=("questionnaire", "referrals", "staff")):
    for name, pattern in all_patterns():
        if name.split(":")[0] in namespaces:
            params = re.findall(r"<(?:\w+:)?(\w+)>", str(pattern.pattern))
            yield name, reverse(name, kwargs={p: SAMPLE_ARGS[p] for p in params})


@pytest.mark.parametrize("name, url", list(our_urls()) + [("admin:login", "/admin/login/")])
def test_every_post_without_a_csrf_token_is_refused(seed_trials, staff_a, name, url):
    strict = log_in_with_second_factor(Client(enforce_csrf_checks=True), staff_a)
    assert strict.post(url, {"answer": "60", "status": "contacted"}).status_code == 403


@pytest.mark.parametrize("name", [n for n, u in our_urls(("staff",)) if str(SAMPLE_ARGS["referral_id"]) in u])
@pytest.mark.parametrize("method", ["get", "post"])
def test_every_staff_url_refuses_the_wrong_user(name, method, referral_a, staff_b_client, client):
    kwargs = {"referral_id": referral_a.id}
    if name == "staff:check_answer":
        kwargs["key"] = "age"
    url = reverse(name, kwargs=kwargs)
    data = {"status": "contacted", "note": "x", "state": "verified"}
    assert getattr(staff_b_client, method)(url, data).status_code in (404, 405)
    anonymous = getattr(Client(), method)(url, data)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("staff:login"))
    referral_a.refresh_from_db()
    assert referral_a.status == "new" and referral_a.events.count() == 1


def test_pages_with_health_data_or_contact_details_are_never_stored(patient, referral_a, staff_a_client):
    pages = [
        patient.get(reverse("questionnaire:check", args=[patient.screening_id])),
        patient.get(reverse("questionnaire:results", args=[patient.screening_id])),
        patient.get(reverse("referrals:sent", args=[patient.screening_id, referral_a.id])),
        patient.post(reverse("referrals:request_status"), {"reference": referral_a.reference}),
        staff_a_client.get(reverse("staff:list")),
        staff_a_client.get(reverse("staff:detail", args=[referral_a.id])),
        staff_a_client.get(reverse("staff:export")),
    ]
    for response in pages:
        assert "no-store" in response["Cache-Control"], response.request["PATH_INFO"]


def test_every_response_carries_a_strict_content_security_policy(client, seed_trials):
    policy = client.get(reverse("questionnaire:start"))["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_no_template_has_inline_script_style_or_hx_on():
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), path
        assert "style=" not in text and "<style" not in text and "hx-on" not in text, path


def test_htmx_is_configured_safe(client, seed_trials):
    html = client.get(reverse("questionnaire:start")).content.decode()
    config = re.search(r'<meta name="htmx-config" content=\'([^\']+)\'', html).group(1)
    assert '"allowEval": false' in config and '"allowScriptTags": false' in config
    assert '"historyCacheSize": 0' in config


# Accounts


def log_in(client, password, address="198.51.100.7", **extra):
    return client.post(
        reverse("staff:login"),
        {"username": "nurse_a", "password": password, "otp_token": "246810"},
        REMOTE_ADDR=address,
        **extra,
    )


def test_repeated_failures_lock_the_login_even_for_the_right_password(client, staff_a, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "wrong").status_code == 200
    assert log_in(client, "wrong").status_code == 429
    locked = log_in(client, "a-long-test-password")
    assert locked.status_code == 429
    assert "Too many failed log-in attempts" in locked.content.decode()
    assert log_in(Client(), "a-long-test-password", address="203.0.113.9").status_code == 302


def test_the_lockout_follows_the_real_client_behind_a_proxy(client, staff_a, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    behind = {"HTTP_X_FORWARDED_FOR": "192.0.2.44, 10.0.0.1"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong", address="10.0.0.2", **behind)
    assert log_in(client, "a-long-test-password", address="10.0.0.2", **behind).status_code == 429
    other = {"HTTP_X_FORWARDED_FOR": "192.0.2.45, 10.0.0.1"}
    assert log_in(Client(), "a-long-test-password", address="10.0.0.2", **other).status_code == 302


def test_django_admin_asks_for_a_second_factor(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert 'name="otp_token"' in client.get(response["Location"]).content.decode()


def test_staff_sessions_end_after_15_minutes_idle(staff_a_client, referral_a):
    url = reverse("staff:detail", args=[referral_a.id])
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        assert staff_a_client.get(url).status_code == 200
    with time_machine.travel(now + timedelta(minutes=14), tick=False):
        assert staff_a_client.get(url).status_code == 200
    with time_machine.travel(now + timedelta(minutes=30), tick=False):
        response = staff_a_client.get(url)
        assert response.status_code == 302 and "timed_out=1" in response["Location"]
        assert staff_a_client.get(url)["Location"].startswith(reverse("staff:login"))


def test_staff_sessions_end_after_12_hours_however_active(staff_a_client, referral_a):
    url = reverse("staff:detail", args=[referral_a.id])
    start_time = timezone.now()
    for minutes in range(0, 12 * 60, 10):
        with time_machine.travel(start_time + timedelta(minutes=minutes), tick=False):
            assert staff_a_client.get(url).status_code == 200
    with time_machine.travel(start_time + timedelta(hours=12, minutes=5), tick=False):
        assert staff_a_client.get(url).status_code == 302


def test_staff_pages_carry_the_idle_warning(staff_a_client, settings):
    html = staff_a_client.get(reverse("staff:list")).content.decode()
    assert f'data-idle-seconds="{settings.STAFF_IDLE_SECONDS}"' in html and "staff.js" in html
    assert staff_a_client.get(reverse("staff:keepalive")).status_code == 204


# Abuse of public endpoints


def test_reference_lookups_are_limited_per_address(client, settings, seed_trials):
    settings.RATE_REFERENCE_LOOKUPS = "3/h"
    for number in range(3):
        assert (
            client.post(reverse("referrals:request_status"), {"reference": f"ABCD-EFG{number + 3}"}).status_code == 200
        )
    blocked = client.post(reverse("referrals:request_status"), {"reference": "ABCD-EFGH"})
    assert blocked.status_code == 429 and "Please wait a few minutes" in blocked.content.decode()
    assert (
        Client(REMOTE_ADDR="203.0.113.50")
        .post(reverse("referrals:request_status"), {"reference": "ABCD-EFGH"})
        .status_code
        == 200
    )


def test_answers_and_referrals_are_limited_per_address(patient, site_a, settings):
    settings.RATE_REFERRALS = "2/h"
    url = reverse("referrals:refer", args=[patient.screening_id, site_a.public_id])
    patient.post(url, {**CONTACT, "consent": ""})
    patient.post(url, {**CONTACT, "consent": ""})
    assert patient.post(url, CONTACT).status_code == 429
    settings.RATE_ANSWERS = "1/m"
    assert patient.post(reverse("questionnaire:start")).status_code == 302
    assert patient.post(reverse("questionnaire:start")).status_code == 429


def test_a_reference_code_cannot_be_guessed_in_any_useful_number_of_tries(settings):
    from screener.referrals.models import REFERENCE_ALPHABET, REFERENCE_LENGTH

    codes = len(REFERENCE_ALPHABET) ** REFERENCE_LENGTH
    tries_per_year = int(settings.RATE_REFERENCE_LOOKUPS.split("/")[0]) * 24 * 365
    # A year of lookups from one address finds a given code with a chance under one in a million.
    assert codes > 10**11 and tries_per_year / codes < 1e-6


# Records


def test_changes_to_criteria_are_kept_with_who_and_can_be_restored(admin_client, admin_user, seed_trials):
    from trials.models import Criterion

    walk = Criterion.objects.get(trial__nct_id="NCT07355868", question__key="sixmwd_m")
    url = reverse("admin:trials_criterion_change", args=[walk.pk])
    from tests.formdata import form_data

    data = form_data(admin_client.get(url).content.decode(), "criterion_form")
    data["min_value"] = "200"
    assert admin_client.post(url, data).status_code == 302
    latest = walk.history.first()
    assert latest.history_user == admin_user and latest.min_value == 200
    history_page = admin_client.get(reverse("admin:trials_criterion_history", args=[walk.pk])).content.decode()
    assert "ada" in history_page
    original = walk.history.earliest()
    revert_url = reverse("admin:trials_criterion_simple_history", args=[walk.pk, original.history_id])
    revert = form_data(admin_client.get(revert_url).content.decode(), "historicalcriterion_form")
    assert admin_client.post(revert_url, revert).status_code == 302
    walk.refresh_from_db()
    assert walk.min_value == 150


def test_logs_of_a_whole_flow_carry_no_health_data_names_or_contacts(client, seed_trials, staff_a, caplog):
    caplog.set_level(logging.DEBUG)
    client.screening_id = start(client)
    answer_everything(client, client.screening_id, {**MATCHES_COPD, "sixmwd_m": "321"})
    from trials.models import Site

    site = Site.objects.get(trial__nct_id="NCT07355868", facility__startswith="The Fourth")
    client.post(reverse("referrals:refer", args=[client.screening_id, site.public_id]), {**CONTACT, "phone": "bad"})
    client.post(reverse("referrals:refer", args=[client.screening_id, site.public_id]), CONTACT)
    client.get("/screening/00000000-0000-0000-0000-000000000000/")  # a 404 is logged
    staff = log_in_with_second_factor(Client(), staff_a)
    from screener.referrals.models import Referral

    staff.get(reverse("staff:detail", args=[Referral.objects.get().id]))
    staff.get(reverse("staff:list"), {"q": "Li Wei"})
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert logged  # something was logged, so the search below means something
    # Times are not patient data, and their digits could spell the walk distance by chance.
    logged = re.sub(r"\d{4}-\d\d-\d\d[ T][\d:.]+(\+\d\d:\d\d)?", "<time>", logged)
    for private in ("Li Wei", "li.wei@example.org", "8997", "0579", "321", "copd", "Mornings"):
        assert private not in logged, private
