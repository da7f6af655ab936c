"""The client's address: the one answer used by the login lockout, the rate limits and the access log.

With no trusted proxy (TRUSTED_PROXY_COUNT=0) only the socket's address counts: every header a client can
send (X-Forwarded-For, X-Real-IP, Client-IP, True-Client-IP, CF-Connecting-IP, Forwarded, ...) is its own
claim and ignored. Behind N proxies that each append the address they saw to X-Forwarded-For, the nearest
proxy is REMOTE_ADDR and wrote the rightmost entry, so the client is the N-th entry from the right;
anything further left was sent by the client and is ignored. The header counts only from a peer in
TRUSTED_PROXY_ADDRESSES (a client that reaches the app directly cannot name itself), and each proxy's
entry only when that proxy is one of them. An entry with a port ("203.0.113.7:51234") is that address. A
chain shorter than N, or an entry that is not an address, falls back to REMOTE_ADDR (a proxy's address:
shared, never chosen by the client).
"""

from __future__ import annotations

import functools
import ipaddress
from contextvars import ContextVar

from django.conf import settings

_current = ContextVar("client_ip", default=None)


def _address(text: str | None) -> str | None:
    """An address as a proxy may write it: bare, or with a port ("203.0.113.7:51234", "[2001:db8::1]:443")."""
    text = (text or "").strip()
    if text.startswith("["):
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:  # IPv4 with a port; a bare IPv6 address has several colons
        host, _colon, port = text.partition(":")
        text = host if port.isdigit() else text
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


@functools.cache
def _proxy_networks(addresses: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(address.strip(), strict=False) for address in addresses if address.strip())


def _is_trusted_proxy(address: str | None) -> bool:
    if address is None:
        return False
    networks = _proxy_networks(tuple(settings.TRUSTED_PROXY_ADDRESSES))
    return any(ipaddress.ip_address(address) in network for network in networks)


def client_ip(request) -> str | None:
    """The real client address, trusting at most TRUSTED_PROXY_COUNT proxies, each of TRUSTED_PROXY_ADDRESSES.

    Walking X-Forwarded-For from the right: a peer that is not a configured proxy is the client (whatever it
    claims in the header); a configured proxy's entry names the peer it saw. None when there is no address
    at all (a request made inside the process, such as a test's force_login): the login records store
    addresses in an inet column, which refuses anything else.
    """
    socket_address = _address(request.META.get("REMOTE_ADDR"))
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return socket_address
    # Several X-Forwarded-For header lines arrive joined by commas, in order.
    chain = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()]
    if len(chain) < proxies:
        return socket_address
    peer = socket_address
    for hop in range(proxies):
        if not _is_trusted_proxy(peer):
            return peer  # it connected to us, or to a proxy of ours, itself: its header is its own claim
        peer = _address(chain[-1 - hop])
        if peer is None:
            return socket_address
    return peer


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
