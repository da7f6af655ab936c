"""gunicorn's settings for `make serve`: `gunicorn screener.wsgi:application -c python:screener.gunicorn_conf`.

The environment overrides: BIND (default 127.0.0.1:8000, loopback: put a proxy in front to publish it),
WEB_CONCURRENCY (workers, 4), FORWARDED_ALLOW_IPS (the proxies whose X-Forwarded-Proto counts) and
GUNICORN_CONTROL_SOCKET (1: gunicorn's control socket on; off by default).

The access log leaves out query strings (a staff search may be a patient's name) and cannot be forged:
the path is the one from the request line, still percent-encoded, and any control character, quote or
backslash left in any field is written as \\xNN, so `%0a` or `%0d` in a URL never starts a new line.
"""

from __future__ import annotations

import os
import re

from gunicorn.glogging import Logger

bind = [os.environ.get("BIND") or "127.0.0.1:8000"]
workers = int(os.environ.get("WEB_CONCURRENCY") or 4)
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS") or "127.0.0.1"
accesslog = "-"
# gunicorn's control socket (gunicornc: scale, reload, stop) stays off: signals to the master do the same
# for whoever runs it, and a socket is one more way in. GUNICORN_CONTROL_SOCKET=1 turns it on (mode 0600).
control_socket_disable = os.environ.get("GUNICORN_CONTROL_SOCKET") != "1"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'

_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f"\\]')


def escape(value):
    if not isinstance(value, str):
        return value
    return _UNSAFE.sub(lambda match: f"\\x{ord(match.group()):02x}", value)


class EscapingLogger(Logger):
    """gunicorn's logger, with every field of the access log escaped and the path as it was sent."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        # PATH_INFO is already percent-decoded (%0a is a newline there); the request line's path is not.
        atoms["U"] = (environ.get("RAW_URI") or environ.get("PATH_INFO") or "").split("?", 1)[0]
        return {key: escape(value) for key, value in atoms.items()}


logger_class = EscapingLogger
