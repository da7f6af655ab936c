import pytest
from django.core.management import call_command


@pytest.fixture
def seed_trials(db):
    call_command("load_seed_trials", verbosity=0, stdout=open("/dev/null", "w"))


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_superuser("ada", "ada@example.org", "a-long-test-password")


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture(scope="module")
def seed_trials_for_module(django_db_setup, django_db_blocker):
    """The seed trials loaded once for a whole module of read-mostly tests (each test still rolls back)."""
    from trials.models import Question, Trial

    with django_db_blocker.unblock():
        call_command("load_seed_trials", verbosity=0, stdout=open("/dev/null", "w"))
        yield
        Trial.objects.all().delete()
        Question.objects.update(asked_only_if=None)
        Question.objects.all().delete()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
    from django.test import Client

    return Client()
