"""Middleware of the project's own: limits on how long a staff session lasts."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse


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
