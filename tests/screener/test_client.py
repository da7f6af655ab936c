"""The client's address: the socket's, unless trusted proxies in front say otherwise, and then only theirs."""

import pytest
from django.test import RequestFactory

from screener.client import client_ip

CLIENT, PROXY_1, PROXY_2, FAKE = "203.0.113.7", "10.0.0.1", "10.0.0.2", "198.51.100.66"

SPOOFABLE_HEADERS = [
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_CLIENT_IP",
    "HTTP_X_CLIENT_IP",
    "HTTP_TRUE_CLIENT_IP",
    "HTTP_CF_CONNECTING_IP",
    "HTTP_FASTLY_CLIENT_IP",
    "HTTP_X_CLUSTER_CLIENT_IP",
    "HTTP_X_FORWARDED",
    "HTTP_FORWARDED_FOR",
    "HTTP_FORWARDED",
    "HTTP_X_ORIGINAL_FORWARDED_FOR",
    "HTTP_VIA",
]


def address(proxies, remote_addr, **headers):
    request = RequestFactory().get("/", REMOTE_ADDR=remote_addr, **headers)
    from django.conf import settings

    settings.TRUSTED_PROXY_COUNT, settings.TRUSTED_PROXY_ADDRESSES = proxies, [PROXY_1, PROXY_2]
    return client_ip(request)


@pytest.mark.parametrize(
    "proxies, remote_addr, forwarded_for, expected",
    [
        # No proxy: the socket is the client, whatever X-Forwarded-For says.
        (0, CLIENT, None, CLIENT),
        (0, CLIENT, FAKE, CLIENT),
        (0, CLIENT, f"{FAKE}, {PROXY_1}", CLIENT),
        # One proxy: it appended the address it saw, so the rightmost entry is the client.
        (1, PROXY_1, CLIENT, CLIENT),
        (1, PROXY_1, f"{FAKE}, {CLIENT}", CLIENT),
        (1, PROXY_1, f"{FAKE}, 198.51.100.67, {CLIENT}", CLIENT),
        (1, PROXY_1, f" {CLIENT} ", CLIENT),
        # Two proxies: the nearest appended the outer proxy's address, the outer one the client's.
        (2, PROXY_2, f"{CLIENT}, {PROXY_1}", CLIENT),
        (2, PROXY_2, f"{FAKE}, {CLIENT}, {PROXY_1}", CLIENT),
        # A chain shorter than the proxies, or a missing header: the socket's address (a proxy's), never a claim.
        (1, PROXY_1, None, PROXY_1),
        (1, PROXY_1, "", PROXY_1),
        (2, PROXY_2, CLIENT, PROXY_2),
        (2, PROXY_2, None, PROXY_2),
        # Not an address where the client should be: the socket's again.
        (1, PROXY_1, "unknown", PROXY_1),
        (1, PROXY_1, f"{CLIENT}, not-an-address", PROXY_1),
        (1, PROXY_1, f"{CLIENT}, ", CLIENT),
        # IPv6, written the way Python writes it.
        (1, PROXY_1, "2001:DB8::1", "2001:db8::1"),
        (0, "2001:db8::2", None, "2001:db8::2"),
    ],
    ids=[
        "no proxy, no header",
        "no proxy, spoofed X-Forwarded-For ignored",
        "no proxy, spoofed chain ignored",
        "one proxy, the appended address",
        "one proxy, a prepended fake is ignored",
        "one proxy, several prepended fakes are ignored",
        "one proxy, spaces around the entry",
        "two proxies, the second from the right",
        "two proxies, a prepended fake is ignored",
        "one proxy, header missing",
        "one proxy, header empty",
        "two proxies, chain too short",
        "two proxies, header missing",
        "one proxy, garbage entry",
        "one proxy, garbage where the client is",
        "one proxy, trailing comma",
        "IPv6 behind a proxy",
        "IPv6 socket",
    ],
)
def test_the_client_address_trusts_exactly_the_configured_proxies(
    settings, proxies, remote_addr, forwarded_for, expected
):
    headers = {} if forwarded_for is None else {"HTTP_X_FORWARDED_FOR": forwarded_for}
    assert address(proxies, remote_addr, **headers) == expected


@pytest.mark.parametrize("proxies", [0, 1, 2], ids=["no proxy", "one proxy", "two proxies"])
@pytest.mark.parametrize("header", [h for h in SPOOFABLE_HEADERS if h != "HTTP_X_FORWARDED_FOR"])
def test_headers_other_than_x_forwarded_for_never_choose_the_address(settings, proxies, header):
    chain = {0: {}, 1: {"HTTP_X_FORWARDED_FOR": CLIENT}, 2: {"HTTP_X_FORWARDED_FOR": f"{CLIENT}, {PROXY_1}"}}[proxies]
    value = f"for={FAKE}" if header == "HTTP_FORWARDED" else FAKE
    remote = {0: CLIENT, 1: PROXY_1, 2: PROXY_2}[proxies]
    assert address(proxies, remote, **chain, **{header: value}) == CLIENT


def test_a_request_without_a_socket_address_has_none(settings):
    assert address(0, "") is None
    assert address(1, "", HTTP_X_FORWARDED_FOR="not-an-address") is None
