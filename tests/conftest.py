import pytest

from tests.formdata import BrowserClient


@pytest.fixture
def seed_trials(db):
    """The two seed trials, as `load_seed_trials` writes them (a copy of its rows after its first run: tests/seeding.py)."""
    from tests.seeding import load_seed_trials

    load_seed_trials()


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_superuser("ada", "ada@example.org", "a-long-test-password")


def log_in_with_second_factor(client, user):
    """Log in as someone who has entered both their password and a one-time code."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(user=user, name="phone")
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def admin_client(client, admin_user):
    return log_in_with_second_factor(client, admin_user)


@pytest.fixture(scope="module")
def seed_trials_for_module(django_db_setup, django_db_blocker):
    """The seed trials loaded once for a whole module of read-mostly tests.

    Each test still rolls back to the loaded seed, and the load itself is rolled back at the module's end (as
    Django's `setUpTestData` does): the next module starts from the empty database, its history tables included.
    """
    from django.db import transaction

    from tests.seeding import load_seed_trials

    with django_db_blocker.unblock(), transaction.atomic():
        load_seed_trials()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def client():
    """The test client, posting forms as a browser does (see BrowserClient)."""
    from tests.formdata import BrowserClient

    return BrowserClient()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate limits and lockouts count per test, not across the whole run."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def fresh_catalogue():
    """Each test builds the engine's catalogue from its own database state (rolled back between tests)."""
    from trials import catalogue

    catalogue.forget()
    yield
    catalogue.forget()


@pytest.fixture
def django_app_client():
    """A second browser: its own session, no cookies shared with `client`."""
    from tests.formdata import BrowserClient

    return BrowserClient()


# Personas: a patient, staff of site A, staff of site B, an admin (admin_user above).


@pytest.fixture
def site_a(seed_trials):
    from trials.models import Site

    return Site.objects.get(trial__nct_id="NCT07355868", facility_en__startswith="The Fourth Hospital")


@pytest.fixture
def site_b(seed_trials):
    """A second hospital running the COPD study, so two sites' staff share one study."""
    from trials.models import Site

    return Site.objects.create(
        trial=site_a_trial(), facility="Hospital B", city="Hangzhou", country="China", recruitment_status="RECRUITING"
    )


def site_a_trial():
    from trials.models import Trial

    return Trial.objects.get(nct_id="NCT07355868")


def make_staff(django_user_model, username, site):
    from django_otp.plugins.otp_static.models import StaticDevice

    from trials.models import StaffMembership

    user = django_user_model.objects.create_user(username, f"{username}@hospital.example", "a-long-test-password")
    StaffMembership.objects.create(user=user, site=site)
    StaticDevice.objects.create(user=user, name="backup codes").token_set.create(token="246810")
    return user


@pytest.fixture
def staff_a(django_user_model, site_a):
    return make_staff(django_user_model, "nurse_a", site_a)


@pytest.fixture
def staff_b(django_user_model, site_b):
    return make_staff(django_user_model, "nurse_b", site_b)


@pytest.fixture
def staff_a_client(staff_a):
    return log_in_with_second_factor(BrowserClient(), staff_a)


@pytest.fixture
def staff_b_client(staff_b):
    return log_in_with_second_factor(BrowserClient(), staff_b)


@pytest.fixture
def patient(client, seed_trials):
    """A patient (this test's browser) who finished the questionnaire and may match the COPD study."""
    from tests.screener.questionnaire.flow import answer_everything, start
    from tests.trials.profiles import MATCHES_COPD

    client.screening_id = start(client)
    answer_everything(client, client.screening_id, MATCHES_COPD)
    return client


CONTACT = {
    "name": "Li Wei",
    "phone": "0579 8997 9999",
    "email": "li.wei@example.org",
    "contact_by": "either",
    "contact_time": "morning",
    "message": "Mornings are best.",
    "consent": "on",
}


@pytest.fixture
def referral_a(patient, site_a, staff_a):
    """The patient's referral to site A (sent through the real form)."""
    from django.urls import reverse

    from screener.referrals.models import Referral

    response = patient.post(reverse("referrals:refer", args=[patient.screening_id, site_a.public_id]), CONTACT)
    assert response.status_code == 302, response.content.decode()[:3000]
    return Referral.objects.get()


@pytest.fixture(autouse=True)
def english_between_tests():
    """A request leaves its language active in the thread; each test starts in the default language."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")
