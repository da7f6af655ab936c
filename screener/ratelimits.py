"""Rate limits on public POSTs, counted per client address, and the polite page when one is reached."""

from __future__ import annotations

from django.conf import settings
from django.template.response import TemplateResponse

from screener.client import client_ip


def ratelimit_key(group, request) -> str:
    return client_ip(request) or "unknown"


def rate_limited(request, exception=None):
    """The polite page for too many requests from one address."""
    response = TemplateResponse(request, "errors/rate_limited.html", {}, status=429)
    response["Retry-After"] = "600"
    return response


def limit(setting_name: str, group: str):
    """Rate-limit a view's POSTs per client address, at the rate named by a setting (read per request)."""
    from django_ratelimit.decorators import ratelimit

    return ratelimit(
        group=group,
        key=ratelimit_key,
        rate=lambda _group, _request: getattr(settings, setting_name),
        method="POST",
        block=True,
    )
