"""Logging in with a password and a one-time code, entered together in one box."""

from __future__ import annotations


class SecondFactorMixin:
    """One box for the code: six digits come from the authenticator app, anything else is a backup code.

    django-otp asks the user to pick a device first; staff have one app and perhaps backup codes, so the
    code itself tells which device to check.
    """

    def _chosen_device(self, user):
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice

        token = (self.cleaned_data.get("otp_token") or "").strip()
        app = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        backup = StaticDevice.objects.filter(user=user, confirmed=True).first()
        if app and token.isdigit() and len(token) == app.digits:
            return app
        return backup or app
