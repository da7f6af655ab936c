"""The client's address: the one answer used by the login lockout, the rate limits and the access log.

With no trusted proxy (TRUSTED_PROXY_COUNT=0) only the socket's address counts: every header a client can
send (X-Forwarded-For, X-Real-IP, Client-IP, True-Client-IP, CF-Connecting-IP, Forwarded, ...) is its own
claim and ignored. Behind N proxies that each append the address they saw to X-Forwarded-For, the nearest
proxy is REMOTE_ADDR and wrote the rightmost entry, so the client is the N-th entry from the right;
anything further left was sent by the client and is ignored. A chain shorter than N, or an entry that is
not an address, falls back to REMOTE_ADDR (a proxy's address: shared, never chosen by the client).
"""

from __future__ import annotations

import ipaddress
from contextvars import ContextVar

from django.conf import settings

_current = ContextVar("client_ip", default=None)


def _address(text: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address((text or "").strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The real client address, trusting exactly TRUSTED_PROXY_COUNT proxies in front of the app.

    None when there is none to be had (a request made inside the process, such as a test's force_login):
    the login records store addresses in an inet column, which refuses anything else.
    """
    socket_address = _address(request.META.get("REMOTE_ADDR"))
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return socket_address
    # Several X-Forwarded-For header lines arrive joined by commas, in order.
    chain = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()]
    if len(chain) < proxies:
        return socket_address
    return _address(chain[-proxies]) or socket_address


def current_client_ip() -> str | None:
    """The client address of the request being handled in this thread, for the access log."""
    return _current.get()


class ClientAddressMiddleware:
    """Note the request's client address, so records written while handling it (the access log) carry it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)
