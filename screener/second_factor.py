"""Logging in with a password and a one-time code, entered together in one box.

Whatever is wrong (the password, the code, or a missing code) the form says the same thing, and each
failure counts toward the lockout (django-axes): otherwise a right password with a wrong code would tell
an attacker that the password is right, and guessing codes would cost them nothing.
"""

from __future__ import annotations

import re

from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

LOGIN_FAILED = _("The username, password and code do not match. Check them and try again.")


def normalise_code(text: str) -> str:
    """An app's six digits or a backup code (`addstatictoken` prints eight of a–z and 2–7) as typed:
    people add spaces or dashes and capitals."""
    return re.sub(r"[\s-]", "", text or "").lower()


class SecondFactorMixin:
    """One box for the code: six digits come from the authenticator app, anything else is a backup code.

    django-otp asks the user to pick a device first; staff have one app and perhaps backup codes, so the
    code itself tells which device to check.
    """

    error_messages = {"invalid_login": LOGIN_FAILED, "inactive": LOGIN_FAILED}

    def clean_otp_token(self):
        return normalise_code(self.cleaned_data.get("otp_token"))

    def _chosen_device(self, user):
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice

        token = self.cleaned_data.get("otp_token") or ""
        app = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        backup = StaticDevice.objects.filter(user=user, confirmed=True).first()
        if app and token.isdigit() and len(token) == app.digits:
            return app
        return backup or app

    def clean_otp(self, user):
        if user is None:
            return
        try:
            super().clean_otp(user)
        except ValidationError:
            # The password was right: count it as a failed login all the same, and say nothing more.
            user_login_failed.send(
                sender=type(self),
                credentials={"username": user.get_username()},
                request=getattr(self, "request", None),
            )
            raise ValidationError(LOGIN_FAILED, code="invalid_login") from None

    def _update_form(self, user):
        """django-otp would now list the user's devices and keep the password filled in: both say it was right."""


def used_backup_code(request) -> bool:
    """This session was verified with a backup code (a static token), not the authenticator app."""
    from django_otp.plugins.otp_static.models import StaticDevice

    return isinstance(getattr(request.user, "otp_device", None), StaticDevice)


def has_authenticator(user) -> bool:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def set_up_app_first(request):
    """To the authenticator app's set-up, and from there back to the page that was asked for (admin or staff)."""
    from urllib.parse import urlencode

    from django.shortcuts import redirect
    from django.urls import reverse

    return redirect(f"{reverse('staff:authenticator')}?{urlencode({'next': request.get_full_path()})}")
