"""Issue 24's findings on the app's side, each shown by an attack that no longer works."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from screener.questionnaire.models import Screening
from screener.referrals.models import Referral
from tests.conftest import CONTACT, log_in_with_second_factor, make_staff
from tests.formdata import BrowserClient as Client
from tests.screener.questionnaire import flow
from tests.screener.questionnaire.flow import answer_page, start
from tests.trials.profiles import ILD, MATCHES_ILD
from trials.models import Site, Trial

pytestmark = pytest.mark.django_db


# M2: withdrawal and purge leave no health data behind.

PATIENT_PLACE = {"label": "Qingtian Xiaozhen", "latitude": 28.1397, "longitude": 120.2893, "source": "city"}
NOTE_BEFORE = "Spoke with her about the walk test"
NOTE_AFTER = "After withdrawal: FVC 1.87 L on the phone"
# What the patient gave (contact, message, the figures the screener worked out from, the place) and what
# staff wrote about her: none of it may be anywhere in the database once she withdraws.
PATIENT_VALUES = [
    CONTACT["name"],
    CONTACT["email"],
    CONTACT["message"],
    '"1.87"',  # FVC in litres, as typed
    '"163"',  # height in cm, as typed
    "GLI Global 2022",  # the equation's summary, which carries the inputs
    PATIENT_PLACE["label"],
    str(PATIENT_PLACE["latitude"]),
    str(PATIENT_PLACE["longitude"]),
    NOTE_BEFORE,
    NOTE_AFTER,
]


def every_row_serialised() -> str:
    """Every row of every table the app has, as JSON: what a copy of the database would give away."""
    pieces = []
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        pieces.append(serializers.serialize("json", model._base_manager.all()))
    return "\n".join(pieces)


def purge() -> str:
    out = StringIO()
    call_command("purge_expired", stdout=out)
    return out.getvalue()


def ild_referral_with_a_computed_answer(client, django_user_model):
    site = Site.objects.create(
        trial=Trial.objects.get(nct_id=ILD), facility="Ruijin Hospital", city="Shanghai", country="China"
    )
    screening_id = start(client)
    Screening.objects.get(pk=screening_id).set_place(PATIENT_PLACE, 300)
    flow.walk_to(client, screening_id, MATCHES_ILD, "fvc_pct_pred")  # on the lung function screen
    raw = {"value": "1.87", "unit": "L", "height_cm": "163", "age": "61", "sex": "female", "confirm": "1"}
    assert client.post(reverse("questionnaire:helper", args=[screening_id, "fvc_pct_pred"]), raw).status_code == 302
    computed = Screening.objects.get(pk=screening_id).answers["fvc_pct_pred"]
    response = client.get(reverse("questionnaire:resume", args=[screening_id]))
    while "/questions/" in response["Location"] or "/screens/" in response["Location"]:
        _keys, response = answer_page(client, response["Location"], {**MATCHES_ILD, "fvc_pct_pred": computed})
        assert response.status_code == 302
    response = client.post(reverse("referrals:refer", args=[screening_id, site.public_id]), CONTACT)
    assert response.status_code == 302, response.content.decode()[:2000]
    nurse = log_in_with_second_factor(Client(), make_staff(django_user_model, "nurse_ild", site))
    return Referral.objects.get(), nurse


def test_attack_a_copy_of_the_database_after_withdrawal_and_purge_holds_none_of_the_patient_s_values(
    client, seed_trials, django_user_model
):
    referral, nurse = ild_referral_with_a_computed_answer(client, django_user_model)
    assert nurse.post(reverse("staff:note", args=[referral.id]), {"note": NOTE_BEFORE}).status_code == 302
    values = [*PATIENT_VALUES, referral.phone]  # as stored: +86…
    before = every_row_serialised()
    assert [value for value in values if value not in before] == [NOTE_AFTER]  # the search finds what is held

    page = client.post(reverse("referrals:withdraw"), {"reference": referral.reference, "confirm": "yes"})
    assert "the town or location you gave" in page.content.decode()
    response = nurse.post(reverse("staff:note", args=[referral.id]), {"note": NOTE_AFTER})
    assert response.status_code == 200
    assert "no notes can be added to it" in response.content.decode()
    assert 'action="/staff/referrals/' + str(referral.id) + '/note/"' not in response.content.decode()

    after_withdrawal = every_row_serialised()
    assert [value for value in values if value in after_withdrawal] == []
    with time_machine.travel(timezone.now() + timedelta(days=3650)):
        purge()
    after_purge = every_row_serialised()
    assert [value for value in values if value in after_purge] == []
    assert Referral.objects.get().status == "withdrawn"  # the skeleton of the history stays


def test_attack_staff_cannot_add_a_note_to_a_referral_erased_at_the_end_of_its_retention(
    settings, referral_a, staff_a, staff_a_client
):
    referral_a.move_to("not_eligible", by=staff_a)
    with time_machine.travel(timezone.now() + timedelta(days=settings.RETENTION_CLOSED_REFERRAL_DAYS + 1)):
        purge()
    staff_a_client.force_login(staff_a)  # the session of before the journey in time has expired
    log_in_with_second_factor(staff_a_client, staff_a)
    response = staff_a_client.post(reverse("staff:note", args=[referral_a.id]), {"note": "Called Li Wei again"})
    assert response.status_code == 200 and "no notes can be added to it" in response.content.decode()
    assert not referral_a.events.filter(note__contains="Li Wei").exists()


# L1: anonymous visitors' hostile input gets a polite answer, never a server error.


def walk_to(client, screening_id, wanted: str):
    flow.walk_to(client, screening_id, MATCHES_ILD, wanted)


def test_attack_an_enormous_number_to_work_out_an_answer_is_refused_politely(client, seed_trials):
    screening_id = start(client)
    walk_to(client, screening_id, "fvc_pct_pred")
    url = reverse("questionnaire:helper", args=[screening_id, "fvc_pct_pred"])
    raw = {"value": "9" * 29, "unit": "L", "height_cm": "165", "age": "60", "sex": "female", "confirm": "1"}
    response = client.post(url, raw)
    assert response.status_code == 200
    assert "That number is too large for a test result." in response.content.decode()
    assert 'value="165"' in response.content.decode()  # nothing else typed is lost
    assert "fvc_pct_pred" not in Screening.objects.get(pk=screening_id).answers


@pytest.mark.parametrize("url", ["/studies/%00/", "/?q=%00", "/places/?place=a%00b", "/request/?reference=%00"])
def test_attack_a_nul_character_anywhere_in_a_url_gets_the_polite_bad_request_page(client, seed_trials, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "Nothing you already entered has been lost." in response.content.decode()


def test_attack_a_nul_character_in_a_form_gets_the_polite_bad_request_page(client, seed_trials):
    body = "reference=AB%00CD"
    response = client.generic("POST", reverse("referrals:request_status"), body, "application/x-www-form-urlencoded")
    assert response.status_code == 400


# L4: an admin's hostile input gets a polite answer too.


@pytest.mark.parametrize("object_id", ["abc", "9" * 29, "%ED%A0%80", "x" * 3000])
@pytest.mark.parametrize("path", ["review/", "review/act/"])
def test_attack_an_id_no_trial_could_have_in_an_admin_url_is_not_found(admin_client, seed_trials, object_id, path):
    url = f"/admin/trials/trial/{object_id}/{path}"
    response = admin_client.post(url) if path == "review/act/" else admin_client.get(url)
    assert response.status_code in (302, 404)  # Django's own change page sends a missing object to the list


@pytest.mark.parametrize(
    "answers, problem",
    [
        ('{"diagnoses": [[1]]}', "Give the answers as a list of codes."),
        ("[" * 1000 + "]" * 1000, "nested too deep"),
        ('{"diagnoses": ["\\ud800"]}', "a character that is not text"),
        ('{"age": "' + "9" * 20_000 + '"}', "The answers are too long"),
    ],
    ids=["a list in a list", "nested 1000 deep", "a lone surrogate", "very long"],
)
def test_attack_try_a_profile_with_hostile_json_says_what_is_wrong(admin_client, seed_trials, answers, problem):
    trial = Trial.objects.get(nct_id=ILD)
    response = admin_client.get(reverse("admin:trials_trial_review", args=[trial.pk]), {"answers": answers})
    assert response.status_code == 200
    assert problem in response.content.decode()


# L5: the admin's referral list cannot be filtered by what identifies the patient.


@pytest.mark.parametrize(
    "lookup",
    ["name__startswith", "message__icontains", "phone__contains", "email__iexact", "name", "events__note__icontains"],
)
def test_attack_filtering_the_admin_referral_list_by_contact_details_is_refused(
    admin_client, referral_a, lookup, caplog
):
    url = reverse("admin:referrals_referral_changelist")
    response = admin_client.get(url, {lookup: "Li"})
    assert response.status_code == 400
    assert referral_a.name not in response.content.decode()
    assert "Li" not in [record.getMessage() for record in caplog.records]  # the value is not logged
    assert admin_client.get(url, {"status__exact": "new"}).status_code == 200  # the offered filters work


# L2: re-judging a busy SQLite database tries again, and a task that failed all the same is shown to admins.


def test_attack_rejudging_while_the_database_is_locked_tries_again_until_it_is_written(
    referral_a, monkeypatch, django_capture_on_commit_callbacks
):
    from decimal import Decimal

    from django.db import OperationalError

    from screener.referrals import tasks
    from screener.referrals.models import ReferralRejudgement
    from trials.models import Criterion

    monkeypatch.setattr(tasks, "WRITE_RETRY_DELAYS", (0.01, 0.01, 0.01))
    real, refusals = ReferralRejudgement.objects.update_or_create, []

    def busy_twice(*args, **kwargs):
        if len(refusals) < 2:
            refusals.append(1)
            raise OperationalError("database is locked")
        return real(*args, **kwargs)

    monkeypatch.setattr(ReferralRejudgement.objects, "update_or_create", busy_twice)
    criterion = Criterion.objects.get(trial__nct_id="NCT07355868", question__key="sixmwd_m")
    criterion.min_value = Decimal("350")
    with django_capture_on_commit_callbacks(execute=True):
        criterion.save()
    assert len(refusals) == 2
    assert ReferralRejudgement.objects.filter(referral=referral_a).count() == 1


def test_attack_a_background_task_that_failed_is_shown_on_the_admin_home_page(admin_client):
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    assert b"data-failed-tasks" not in admin_client.get(reverse("admin:index")).content
    DBTaskResult.objects.create(
        status="FAILED",
        finished_at=timezone.now(),
        args_kwargs={"args": [1, 2], "kwargs": {}},
        task_path="screener.referrals.tasks.rejudge_referrals",
        backend_name="default",
        run_after=timezone.now(),
        exception_class_path="django.db.utils.OperationalError",
        traceback="database is locked",
    )
    page = admin_client.get(reverse("admin:index")).content.decode()
    assert "1 background task failed in the last 7 days" in page
    assert "/admin/django_tasks_database/dbtaskresult/?status__exact=FAILED" in page


# Decided (docs/decisions/0048-proxies-gunicorn-s-control-socket-backup-codes-at-the-admin.md): the proxy, gunicorn's control socket, backup
# codes at the admin login, and the criterion page's way back.


def address_seen(settings, remote, forwarded, proxies=1, trusted=("10.0.0.5",)):
    from django.test import RequestFactory

    from screener.client import client_ip

    settings.TRUSTED_PROXY_COUNT, settings.TRUSTED_PROXY_ADDRESSES = proxies, list(trusted)
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded))


def test_attack_x_forwarded_for_from_a_peer_that_is_not_a_configured_proxy_is_ignored(settings):
    assert address_seen(settings, "203.0.113.9", "198.51.100.1") == "203.0.113.9"  # straight to the app
    assert address_seen(settings, "10.0.0.5", "198.51.100.1, 203.0.113.9") == "203.0.113.9"  # through our proxy
    assert address_seen(settings, "10.0.0.5", "198.51.100.1", trusted=("10.0.0.0/24",)) == "198.51.100.1"
    # Two proxies: the inner one's entry counts only if the outer one is ours too.
    assert address_seen(settings, "10.0.0.5", "198.51.100.1, 203.0.113.9", proxies=2) == "203.0.113.9"
    both = ("10.0.0.5", "10.0.0.6")
    assert address_seen(settings, "10.0.0.5", "198.51.100.1, 10.0.0.6", proxies=2, trusted=both) == "198.51.100.1"


def test_attack_an_address_with_a_port_behind_a_proxy_is_that_address_not_the_proxy_s(settings):
    assert address_seen(settings, "10.0.0.5", "203.0.113.9:51234") == "203.0.113.9"
    assert address_seen(settings, "10.0.0.5", "[2001:db8::7]:443") == "2001:db8::7"
    assert address_seen(settings, "10.0.0.5", "2001:db8::7") == "2001:db8::7"
    assert address_seen(settings, "10.0.0.5", "not-an-address:80") == "10.0.0.5"


def test_attack_one_client_with_a_port_cannot_lock_out_everyone_behind_the_proxy(client, staff_a, settings):
    settings.TRUSTED_PROXY_COUNT, settings.TRUSTED_PROXY_ADDRESSES = 1, ["127.0.0.1"]
    login = {"username": "nurse_a", "password": "wrong", "otp_token": "123456"}
    for port in range(settings.AXES_FAILURE_LIMIT):
        Client().post(reverse("staff:login"), login, HTTP_X_FORWARDED_FOR=f"203.0.113.9:{40000 + port}")
    login["password"] = "a-long-test-password"
    locked = Client().post(reverse("staff:login"), login, HTTP_X_FORWARDED_FOR="203.0.113.9:50000")
    other = Client().post(reverse("staff:login"), login, HTTP_X_FORWARDED_FOR="198.51.100.4:50000")
    assert locked.status_code == 429 and other.status_code != 429


def test_attack_gunicorn_s_control_socket_is_off_unless_asked_for(monkeypatch):
    import importlib

    from screener import gunicorn_conf

    monkeypatch.delenv("GUNICORN_CONTROL_SOCKET", raising=False)
    assert importlib.reload(gunicorn_conf).control_socket_disable is True
    monkeypatch.setenv("GUNICORN_CONTROL_SOCKET", "1")
    assert importlib.reload(gunicorn_conf).control_socket_disable is False
    monkeypatch.delenv("GUNICORN_CONTROL_SOCKET")
    importlib.reload(gunicorn_conf)


def test_attack_a_backup_code_login_at_the_admin_must_set_up_an_authenticator_app_first(client, admin_user):
    from django_otp.plugins.otp_static.models import StaticDevice

    StaticDevice.objects.create(user=admin_user, name="backup codes").token_set.create(token="k3y4dm1n")
    response = client.post(
        reverse("admin:login"),
        {"username": "ada", "password": "a-long-test-password", "otp_token": "k3y4dm1n", "next": "/admin/"},
    )
    assert response.status_code == 302
    for url in ["/admin/", reverse("admin:referrals_referral_changelist"), reverse("admin:trials_trial_changelist")]:
        page = client.get(url)
        assert page.status_code == 302 and page["Location"].startswith(reverse("staff:authenticator") + "?next="), url
    assert client.get(reverse("staff:authenticator")).status_code == 200


def test_attack_the_criterion_page_s_way_back_cannot_go_from_https_to_http(admin_client, seed_trials):
    from trials.models import Criterion

    criterion = Criterion.objects.filter(trial__nct_id="NCT07355868", question__key="sixmwd_m").get()
    url = reverse("admin:trials_criterion_change", args=[criterion.pk])
    form = admin_client.get(url, secure=True).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and not isinstance(value, list)}
    data.update({key: value for key, value in form.data.items()})
    back = "http://testserver/admin/trials/trial/"
    response = admin_client.post(f"{url}?next={back}", data, secure=True)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not response["Location"].startswith("http://")
