"""System checks of the project's own, run by `manage.py check --deploy`."""

from __future__ import annotations

from django.conf import settings
from django.core import checks

# Caches that live inside one process: each gunicorn worker would count requests on its own.
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@checks.register(checks.Tags.security, checks.Tags.caches, deploy=True)
def rate_limits_share_one_cache(app_configs, **kwargs):
    if settings.DEBUG or not settings.RATELIMIT_ENABLE:
        return []
    alias = getattr(settings, "RATELIMIT_USE_CACHE", "default")
    backend = settings.CACHES.get(alias, {}).get("BACKEND", "")
    if backend not in PER_PROCESS_CACHES:
        return []
    return [
        checks.Error(
            f"The rate limits count in a cache that each worker keeps for itself ({backend.rsplit('.', 1)[-1]}), "
            "so with N workers an attacker gets N times every limit.",
            hint="Set REDIS_URL to a Redis server that every worker shares.",
            id="screener.E001",
        )
    ]
