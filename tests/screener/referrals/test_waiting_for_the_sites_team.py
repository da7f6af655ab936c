"""Requests sent while nobody at the site could hear of them: they wait, the patient's status page says so (in both
languages), and the first member with an email address added to the site is told how many wait, by one email per
language with no name, no answers and no reference code, sent by the background worker once the admin's change is
committed."""

import pytest
from django.urls import reverse

from screener.referrals.models import OutgoingEmail, Referral
from tests.conftest import CONTACT
from trials.models import StaffMembership

WAITS = "Your request is waiting for the hospital’s team to be set up on this service"
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
    assert email.subject == "Hospital B 有1个请求在等您处理"
    assert "在那里还没有人接收邮件时收到了1个请求" in email.body


def test_a_withdrawn_request_is_not_counted(
    client, waiting, site_b, django_user_model, django_capture_on_commit_callbacks
):
    client.post(reverse("referrals:withdraw"), {"reference": waiting.reference, "confirm": "yes"})
    add_member(django_user_model, site_b, "nurse_new", "new@hospital.example", django_capture_on_commit_callbacks)
    assert not OutgoingEmail.objects.filter(recipients=["new@hospital.example"]).exists()


# A member who could not hear of requests when added (no email address, or not active) and is made reachable later:
# the waiting requests reach them then, once, whichever came first, the address or the membership.


def give_email(user, email, captured):
    user.email = email
    with captured(execute=True) as callbacks:
        user.save()
    return callbacks


def test_a_member_given_an_email_address_later_is_told_how_many_wait(
    client, waiting, site_b, django_user_model, django_capture_on_commit_callbacks
):
    user, _callbacks = add_member(django_user_model, site_b, "nurse_late", "", django_capture_on_commit_callbacks)
    assert not OutgoingEmail.objects.exists()

    callbacks = give_email(user, "late@hospital.example", django_capture_on_commit_callbacks)

    assert len(callbacks) == 1  # queued once the change is committed
    [email] = OutgoingEmail.objects.all()
    assert email.recipients == ["late@hospital.example"] and email.state == OutgoingEmail.State.SENT
    assert email.subject == "1 request is waiting for you at Hospital B"
    for private in (CONTACT["name"], CONTACT["phone"], CONTACT["email"], waiting.reference):
        assert private not in email.body and private not in email.subject
    waiting.refresh_from_db()
    assert not waiting.waits_for_staff
    assert "data-waits-for-staff" not in status_page(client, waiting)


def test_a_user_given_an_email_address_before_being_added_is_told_once_on_being_added(
    waiting, site_b, django_user_model, django_capture_on_commit_callbacks
):
    user = django_user_model.objects.create_user("nurse_first", "", "a-long-test-password")
    assert give_email(user, "first@hospital.example", django_capture_on_commit_callbacks) == []  # no site yet
    with django_capture_on_commit_callbacks(execute=True):
        StaffMembership.objects.create(user=user, site=site_b)
    [email] = OutgoingEmail.objects.all()
    assert email.recipients == ["first@hospital.example"]
    waiting.refresh_from_db()
    assert not waiting.waits_for_staff


def test_saving_the_member_again_or_changing_their_address_sends_nothing_more(
    waiting, site_b, django_user_model, django_capture_on_commit_callbacks
):
    user, _callbacks = add_member(django_user_model, site_b, "nurse_late", "", django_capture_on_commit_callbacks)
    give_email(user, "late@hospital.example", django_capture_on_commit_callbacks)
    give_email(user, "late@hospital.example", django_capture_on_commit_callbacks)
    give_email(user, "new-address@hospital.example", django_capture_on_commit_callbacks)
    assert OutgoingEmail.objects.count() == 1


def test_a_membership_and_a_save_of_the_user_in_one_change_tell_of_the_requests_once(
    waiting, site_b, django_user_model, django_capture_on_commit_callbacks
):
    from django.db import transaction

    user = django_user_model.objects.create_user("nurse_both", "both@hospital.example", "a-long-test-password")
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        StaffMembership.objects.create(user=user, site=site_b)
        user.first_name = "Mei"
        user.save()
    assert len(callbacks) == 2  # both signals queue the task; the second finds nothing left waiting
    assert OutgoingEmail.objects.count() == 1


def test_an_inactive_member_made_active_is_told_and_one_given_only_a_new_password_is_not(
    waiting, site_b, django_user_model, django_capture_on_commit_callbacks
):
    user = django_user_model.objects.create_user("nurse_away", "away@hospital.example", "a-long-test-password")
    user.is_active = False
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        StaffMembership.objects.create(user=user, site=site_b)
    user.set_password("another-long-password")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        user.save(update_fields=["password"])
    assert callbacks == [] and not OutgoingEmail.objects.exists()

    user.is_active = True
    with django_capture_on_commit_callbacks(execute=True):
        user.save(update_fields=["is_active"])
    [email] = OutgoingEmail.objects.all()
    assert email.recipients == ["away@hospital.example"]


def test_a_member_given_an_address_at_a_site_with_nothing_waiting_sends_nothing(
    referral_a, staff_a, django_user_model, site_a, django_capture_on_commit_callbacks
):
    user, _callbacks = add_member(django_user_model, site_a, "nurse_quiet", "", django_capture_on_commit_callbacks)
    OutgoingEmail.objects.all().delete()
    assert give_email(user, "quiet@hospital.example", django_capture_on_commit_callbacks) == []
    assert not OutgoingEmail.objects.exists()


def test_an_admin_giving_a_member_an_address_on_their_user_page_tells_them_in_their_language(
    waiting, site_b, admin_user, django_user_model, django_capture_on_commit_callbacks
):
    from screener.preferences.models import LanguagePreference
    from tests.conftest import log_in_with_second_factor
    from tests.formdata import BrowserClient

    user, _callbacks = add_member(django_user_model, site_b, "hushi_late", "", django_capture_on_commit_callbacks)
    LanguagePreference.objects.create(user=user, language="zh-hans")
    admin = log_in_with_second_factor(BrowserClient(), admin_user)
    change = reverse("admin:auth_user_change", args=[user.pk])
    form = {
        "username": user.username,
        "email": "hushi@hospital.example",
        "is_active": "on",
        "date_joined_0": "2026-12-01",
        "date_joined_1": "09:00:00",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(change, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    [email] = OutgoingEmail.objects.all()
    assert email.recipients == ["hushi@hospital.example"]
    assert email.subject == "Hospital B 有1个请求在等您处理"
    waiting.refresh_from_db()
    assert not waiting.waits_for_staff


def test_each_member_reads_the_sites_name_in_their_own_language_whatever_the_patient_read(
    client, site_b, django_user_model, django_capture_on_commit_callbacks, patient
):
    """A patient reading Chinese sends the request; the English-reading member gets the English name, the
    Chinese-reading member the Chinese one (the name is looked up under each reader's language)."""
    from screener.preferences.models import LanguagePreference

    site_b.facility_zh_hans = "乙医院"
    site_b.save()
    reader_en = django_user_model.objects.create_user("nurse_en", "en@hospital.example", "a-long-test-password")
    reader_zh = django_user_model.objects.create_user("nurse_zh", "zh@hospital.example", "a-long-test-password")
    LanguagePreference.objects.create(user=reader_zh, language="zh-hans")
    for user in (reader_en, reader_zh):
        StaffMembership.objects.create(user=user, site=site_b)
    OutgoingEmail.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        response = patient.post(
            reverse("referrals:refer", args=[patient.screening_id, site_b.public_id]),
            CONTACT,
            HTTP_ACCEPT_LANGUAGE="zh-hans",
        )
    assert response.status_code == 302
    by_reader = {tuple(email.recipients): email for email in OutgoingEmail.objects.all()}
    english, chinese = by_reader[("en@hospital.example",)], by_reader[("zh@hospital.example",)]
    assert "Hospital B" in english.body and "乙医院" not in english.body + english.subject
    assert "乙医院" in chinese.body + chinese.subject and "Hospital B" not in chinese.body + chinese.subject
