"""Security plumbing shared by views and settings: the client's address, rate limits, staff session limits."""

from __future__ import annotations

import ipaddress
import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from ipware import get_client_ip


def client_ip(request) -> str | None:
    """The real client address, trusting exactly TRUSTED_PROXY_COUNT proxies in front of the app.

    None when there is none to be had (a request made inside the process, such as a test's force_login):
    the login records store addresses in an inet column, which refuses anything else.
    """
    address, _routable = get_client_ip(request, proxy_count=settings.TRUSTED_PROXY_COUNT or None)
    address = address or request.META.get("REMOTE_ADDR") or None
    try:
        return str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        return None


def ratelimit_key(group, request) -> str:
    return client_ip(request) or "unknown"


def rate_limited(request, exception=None):
    """The polite page for too many requests from one address."""
    response = TemplateResponse(request, "screener/rate_limited.html", {}, status=429)
    response["Retry-After"] = "600"
    return response


class StaffSessionLimitsMiddleware:
    """Staff sessions end after STAFF_IDLE_SECONDS without a request and STAFF_MAX_SESSION_SECONDS in all."""

    IDLE_KEY, STARTED_KEY = "staff_last_seen", "staff_started"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault(self.STARTED_KEY, now)
            last_seen = session.get(self.IDLE_KEY, now)
            if now - last_seen > settings.STAFF_IDLE_SECONDS or now - started > settings.STAFF_MAX_SESSION_SECONDS:
                logout(request)
                response = redirect(reverse("staff:login") + "?timed_out=1")
                response["Clear-Site-Data"] = '"cache", "storage"'
                return response
            session[self.IDLE_KEY] = now
        return self.get_response(request)


def limit(setting_name: str, group: str):
    """Rate-limit a view's POSTs per client address, at the rate named by a setting (read per request)."""
    from django_ratelimit.decorators import ratelimit

    return ratelimit(
        group=group, key=ratelimit_key, rate=lambda _group, _request: getattr(settings, setting_name),
        method="POST", block=True,
    )


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
