"""Requests sent while nobody at the site could hear of them: they wait, the patient's status page says so (in both
languages), and the first member with an email address added to the site is told how many wait, by one email per
language with no name, no answers and no reference code, sent by the background worker once the admin's change is
committed."""

import pytest
from django.urls import reverse

from screener.referrals.models import OutgoingEmail, Referral
from tests.conftest import CONTACT
from trials.models import StaffMembership

WAITS = "Your request is waiting for the hospital's team to be set up on this service"
WAITS_ZH = "您的请求正在等待医院的团队在本服务上开通"


@pytest.fixture
def waiting(patient, site_b, admin_user):
    """A request to a site nobody staffs (its admins are alerted)."""
    response = patient.post(reverse("referrals:refer", args=[patient.screening_id, site_b.public_id]), CONTACT)
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.waits_for_staff
    OutgoingEmail.objects.all().delete()  # the admins' alert, told apart elsewhere
    return referral


def status_page(client, referral, **headers) -> str:
    return client.post(
        reverse("referrals:request_status"), {"reference": referral.reference}, **headers
    ).content.decode()


def add_member(django_user_model, site, username, email, captured):
    user = django_user_model.objects.create_user(username, email, "a-long-test-password")
    with captured(execute=True) as callbacks:
        StaffMembership.objects.create(user=user, site=site)
    return user, callbacks


def test_a_request_to_a_staffed_site_does_not_wait(referral_a):
    assert not referral_a.waits_for_staff


@pytest.mark.parametrize(("headers", "words"), [({}, WAITS), ({"HTTP_ACCEPT_LANGUAGE": "zh-hans"}, WAITS_ZH)])
def test_the_patients_status_page_says_the_request_waits_for_the_team(client, waiting, headers, words):
    assert words in status_page(client, waiting, **headers)


def test_a_request_the_team_heard_of_says_nothing_of_waiting(client, referral_a):
    assert "data-waits-for-staff" not in status_page(client, referral_a)


def test_the_first_member_with_an_email_is_told_how_many_wait_and_nothing_about_the_patient(
    client, waiting, site_b, django_user_model, django_capture_on_commit_callbacks
):
    _user, callbacks = add_member(
        django_user_model, site_b, "nurse_new", "new@hospital.example", django_capture_on_commit_callbacks
    )
    assert len(callbacks) == 1  # queued once the membership is committed, not sent inside the admin's transaction
    [email] = OutgoingEmail.objects.all()
    assert email.recipients == ["new@hospital.example"] and email.state == OutgoingEmail.State.SENT
    assert email.subject == "1 request is waiting for you at Hospital B"
    assert "1 request arrived while nobody there received emails" in email.body
    assert reverse("staff:list") in email.body
    for private in (CONTACT["name"], CONTACT["phone"], CONTACT["email"], waiting.reference, waiting.display_reference):
        assert private not in email.body and private not in email.subject
    waiting.refresh_from_db()
    assert not waiting.waits_for_staff
    assert "data-waits-for-staff" not in status_page(client, waiting)

    # A second member added later is not told again of the same request.
    add_member(django_user_model, site_b, "nurse_two", "two@hospital.example", django_capture_on_commit_callbacks)
    assert OutgoingEmail.objects.count() == 1


def test_a_member_without_an_email_tells_nobody_and_the_request_keeps_waiting(
    waiting, site_b, django_user_model, django_capture_on_commit_callbacks
):
    _user, callbacks = add_member(django_user_model, site_b, "nurse_none", "", django_capture_on_commit_callbacks)
    assert callbacks == [] and not OutgoingEmail.objects.exists()
    waiting.refresh_from_db()
    assert waiting.waits_for_staff


def test_a_chinese_speaking_member_is_told_in_chinese(
    waiting, site_b, django_user_model, django_capture_on_commit_callbacks
):
    from screener.preferences.models import LanguagePreference

    user = django_user_model.objects.create_user("hushi", "hushi@hospital.example", "a-long-test-password")
    LanguagePreference.objects.create(user=user, language="zh-hans")
    with django_capture_on_commit_callbacks(execute=True):
        StaffMembership.objects.create(user=user, site=site_b)
    [email] = OutgoingEmail.objects.all()
    assert email.subject == "Hospital B 有 1 个请求在等您处理"
    assert "在那里还没有人接收邮件时收到了 1 个请求" in email.body


def test_a_withdrawn_request_is_not_counted(
    client, waiting, site_b, django_user_model, django_capture_on_commit_callbacks
):
    client.post(reverse("referrals:withdraw"), {"reference": waiting.reference, "confirm": "yes"})
    add_member(django_user_model, site_b, "nurse_new", "new@hospital.example", django_capture_on_commit_callbacks)
    assert not OutgoingEmail.objects.filter(recipients=["new@hospital.example"]).exists()
