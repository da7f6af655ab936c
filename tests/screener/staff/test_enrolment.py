"""A staff member sets up their own authenticator app with a backup code: no ticket to an admin."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db


def log_in(client, user, code):
    return client.post(
        reverse("staff:login"), {"username": user.username, "password": "a-long-test-password", "otp_token": code}
    )


def code_for(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_a_first_login_with_a_backup_code_leads_to_setting_up_the_app_and_its_code_then_logs_in(client, staff_a):
    assert log_in(client, staff_a, "246810").status_code == 302
    response = client.get(reverse("staff:list"))
    assert (
        response.status_code == 302
        and response["Location"] == reverse("staff:authenticator") + "?next=%2Fstaff%2Freferrals%2F"
    )

    page = client.get(response["Location"]).content.decode()
    assert '<svg role="img"' in page and "style=" not in page and "<script>" not in page
    device = TOTPDevice.objects.get(user=staff_a, confirmed=False)

    wrong = client.post(
        reverse("staff:authenticator"), {"code": "000000" if code_for(device) != "000000" else "111111"}
    )
    assert "That code does not match" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=staff_a, confirmed=True).exists()

    device.refresh_from_db()
    device.throttle_reset()  # a person takes more than the second the throttle asks them to wait
    done = client.post(reverse("staff:authenticator"), {"code": code_for(device), "next": "/staff/referrals/"})
    assert done.status_code == 302 and done["Location"] == "/staff/referrals/"  # back where they were going
    assert "Your authenticator app is set up" in client.get(done["Location"]).content.decode()
    assert TOTPDevice.objects.get(user=staff_a).confirmed
    assert client.get(reverse("staff:list")).status_code == 200

    client.post(reverse("staff:logout"))
    device.refresh_from_db()
    device.last_t = -1  # a new 30-second window, as the next login would be
    device.save()
    assert log_in(client, staff_a, code_for(device)).status_code == 302
    assert client.get(reverse("staff:list")).status_code == 200


def test_the_backup_code_works_only_once(client, staff_a):
    log_in(client, staff_a, "246810")
    client.post(reverse("staff:logout"))
    response = log_in(client, staff_a, "246810")
    assert response.status_code == 200  # the login form again, with an error
    assert not StaticDevice.objects.get(user=staff_a).token_set.exists()


def test_a_lost_phone_is_replaced_the_same_way_with_a_new_backup_code(client, staff_a):
    old = TOTPDevice.objects.create(user=staff_a, name="old phone", confirmed=True)
    StaticDevice.objects.get(user=staff_a).token_set.create(token="k7m2p9qx")
    log_in(client, staff_a, "k7m2p9qx")
    assert client.get(reverse("staff:list")).status_code == 200  # has an app: not forced to replace it
    client.get(reverse("staff:authenticator"))
    new = TOTPDevice.objects.get(user=staff_a, confirmed=False)
    client.post(reverse("staff:authenticator"), {"code": code_for(new)})
    assert list(TOTPDevice.objects.filter(user=staff_a)) == [new]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()


@pytest.mark.parametrize(
    ("language", "heading", "continue_"),
    [
        ("en", "Your authenticator app is already set up", "Continue"),
        ("zh-hans", "您的身份验证器应用已经设置好了", "继续"),
    ],
)
def test_a_second_visit_to_the_set_up_says_politely_the_app_is_set_up_and_cannot_swap_it(
    staff_a_client, staff_a, language, heading, continue_
):
    # staff_a_client logged in with an authenticator app: someone at an unlocked screen cannot swap it
    response = staff_a_client.get(
        reverse("staff:authenticator") + "?next=/staff/referrals/", HTTP_ACCEPT_LANGUAGE=language
    )
    page = response.content.decode()
    assert response.status_code == 200 and heading in page and "data-already-set-up" in page
    assert f'href="/staff/referrals/">{continue_}</a>' in page
    assert "<svg" not in page and not TOTPDevice.objects.filter(user=staff_a, confirmed=False).exists()


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/admin/", "javascript:alert(1)", "http://testserver.evil/"]
)
def test_the_way_back_after_the_set_up_never_leaves_the_site(client, staff_a, next_url):
    assert log_in(client, staff_a, "246810").status_code == 302
    client.get(reverse("staff:authenticator"))
    device = TOTPDevice.objects.get(user=staff_a, confirmed=False)
    done = client.post(reverse("staff:authenticator"), {"code": code_for(device), "next": next_url})
    assert done.status_code == 302 and done["Location"] == reverse("staff:profile")


def test_an_admin_who_sets_up_the_app_after_a_backup_code_login_returns_to_admin(client, admin_user):
    """The walkthrough: logged in at /admin/ with a backup code, set up the app, landed on the staff profile
    ("Sites: none") with no way back, and a second visit to the set-up was a 403."""
    StaticDevice.objects.create(user=admin_user, name="backup codes").token_set.create(token="k3y4dm1n")
    client.post(
        reverse("admin:login"),
        {"username": "ada", "password": "a-long-test-password", "otp_token": "k3y4dm1n", "next": "/admin/"},
    )
    to_set_up = client.get("/admin/trials/trial/")
    assert to_set_up["Location"] == reverse("staff:authenticator") + "?next=%2Fadmin%2Ftrials%2Ftrial%2F"
    page = client.get(to_set_up["Location"]).content.decode()
    assert '<input type="hidden" name="next" value="/admin/trials/trial/">' in page
    device = TOTPDevice.objects.get(user=admin_user, confirmed=False)
    done = client.post(reverse("staff:authenticator"), {"code": code_for(device), "next": "/admin/trials/trial/"})
    assert done["Location"] == "/admin/trials/trial/"
    assert client.get("/admin/trials/trial/").status_code == 200
    again = client.get(reverse("staff:authenticator"))
    assert again.status_code == 200 and "already set up" in again.content.decode()


@pytest.mark.parametrize(("language", "label"), [("en", "Administration"), ("zh-hans", "管理后台")])
def test_staff_pages_link_to_admin_only_for_users_who_may_use_it(admin_client, staff_a_client, language, label):
    for page in ["staff:profile", "staff:list"]:
        admin_page = admin_client.get(reverse(page), HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert f'href="/admin/" data-admin-link>{label}</a>' in admin_page
        assert (
            "data-admin-link" not in staff_a_client.get(reverse(page), HTTP_ACCEPT_LANGUAGE=language).content.decode()
        )


@pytest.mark.parametrize("model", ["totpdevice", "staticdevice"])
def test_admin_picks_the_user_of_a_device_by_name(admin_client, model):
    app = "otp_totp" if model == "totpdevice" else "otp_static"
    page = admin_client.get(reverse(f"admin:{app}_{model}_add")).content.decode()
    assert "admin-autocomplete" in page
    assert "vForeignKeyRawIdAdminField" not in page
