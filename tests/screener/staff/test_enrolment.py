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
    assert response.status_code == 302 and response["Location"] == reverse("staff:authenticator")

    page = client.get(reverse("staff:authenticator")).content.decode()
    assert '<svg role="img"' in page and "style=" not in page and "<script>" not in page
    device = TOTPDevice.objects.get(user=staff_a, confirmed=False)

    wrong = client.post(
        reverse("staff:authenticator"), {"code": "000000" if code_for(device) != "000000" else "111111"}
    )
    assert "That code does not match" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=staff_a, confirmed=True).exists()

    device.refresh_from_db()
    device.throttle_reset()  # a person takes more than the second the throttle asks them to wait
    done = client.post(reverse("staff:authenticator"), {"code": code_for(device)})
    assert done.status_code == 302
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


def test_setting_up_an_app_needs_a_login_made_with_a_backup_code(staff_a_client, staff_a):
    # staff_a_client logged in with an authenticator app: someone at an unlocked screen cannot swap it
    response = staff_a_client.get(reverse("staff:authenticator"))
    assert response.status_code == 403
    assert "Log in with a backup code first" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=staff_a, confirmed=False).exists()


@pytest.mark.parametrize("model", ["totpdevice", "staticdevice"])
def test_admin_picks_the_user_of_a_device_by_name(admin_client, model):
    app = "otp_totp" if model == "totpdevice" else "otp_static"
    page = admin_client.get(reverse(f"admin:{app}_{model}_add")).content.decode()
    assert "admin-autocomplete" in page
    assert "vForeignKeyRawIdAdminField" not in page
