"""Middleware of the project's own: limits on staff sessions and patient forms, refusals, and the polite 405 page."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import SuspiciousOperation
from django.shortcuts import redirect, render
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


class NullCharacterInRequest(SuspiciousOperation):
    """A NUL byte, which nobody types: PostgreSQL cannot store or even compare it."""


class RefuseNullCharactersMiddleware:
    """A request with a NUL in its path, query string or form body is refused with the polite 400 page before
    any view reads it: whichever view, form or admin filter would pass it on to the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            raise NullCharacterInRequest("A NUL character in the URL.")  # never the value: it is the patient's
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """After PatientPostLimitsMiddleware has refused an oversized body unread."""
        if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
            body = request.body
            if b"%00" in body or b"\x00" in body:
                raise NullCharacterInRequest("A NUL character in a form.")
        return None


class PatientPostLimitsMiddleware:
    """Patient-facing forms are a few short fields, posted form-encoded: refuse anything else unread.

    Multipart bodies (file uploads, which no patient form has) get a polite 400, and bodies over
    PATIENT_POST_MAX_BYTES a polite 413, before anything parses them. Staff and admin pages keep Django's
    own limits (DATA_UPLOAD_MAX_MEMORY_SIZE). Every URL outside their namespaces counts as patient-facing,
    so a new public form is covered without anyone remembering to.
    """

    STAFF_NAMESPACES = {"staff"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def staff_namespaces(self) -> set[str]:
        """The staff pages and the admin site, whatever name the site is mounted under ("otpadmin" here)."""
        from django.contrib import admin

        return self.STAFF_NAMESPACES | {admin.site.name}

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or self.staff_namespaces() & set(request.resolver_match.namespaces):
            return None
        if request.content_type == "multipart/form-data":
            return refused(request, 400)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return refused(request, 400)
        if length > settings.PATIENT_POST_MAX_BYTES:
            return refused(request, 413)
        return None


def refused(request, status: int):
    from django.template.response import TemplateResponse

    return TemplateResponse(request, "errors/request_refused.html", {"too_large": status == 413}, status=status)


class MethodNotAllowedPageMiddleware:
    """A page opened by an address that only takes a form (a bookmarked or reloaded action, a link pasted from a
    history) gets the polite 405 page in the frame of every error page, not Django's empty 405. The response keeps
    its status and its Allow header; a form sent by another method than the page's keeps Django's answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and request.method in ("GET", "HEAD") and not response.content:
            page = render(request, "405.html", {"staff_home": self.staff_home(request)}, status=405)
            page["Allow"] = response.get("Allow", "POST")
            return page
        return response

    @staticmethod
    def staff_home(request) -> str | None:
        """Staff and admins go back to their own list, not to the patients' start page."""
        from django.contrib import admin

        match = getattr(request, "resolver_match", None)
        namespace = match.namespace if match else ""
        if namespace == admin.site.name:
            return reverse("admin:index")
        if namespace == "staff":
            return reverse("staff:list")
        return None
