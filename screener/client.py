"""The client's address: the one answer used by the login lockout, the rate limits and the access log."""

from __future__ import annotations

import ipaddress

from django.conf import settings
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
