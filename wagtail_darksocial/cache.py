"""The plugin's cache (``CACHE_ALIAS``, often Redis), failing open.

A reader's page, a report or a rollup run must never fail because the cache is down: a
failed read computes the value from the database, a failed write or delete is skipped.
One warning a minute says so.
"""

import logging
import time

from django.core.cache import caches

from .conf import get_setting

logger = logging.getLogger(__name__)
WARN_EVERY = 60
_last_warning = [0.0]


def warn_unavailable():
    """Log that the cache is unreachable, once a minute at most (per process)."""
    now = time.monotonic()
    if now - _last_warning[0] >= WARN_EVERY:
        _last_warning[0] = now
        logger.warning("Dark social cache unavailable; reading the database.", exc_info=True)


def plugin_cache():
    return caches[get_setting("CACHE_ALIAS")]


def cached(key, compute, timeout):
    """The cached value under ``key``, else ``compute()`` (stored for ``timeout`` s).

    ``compute`` must not return ``None`` (it means "not cached")."""
    cache = plugin_cache()
    try:
        value = cache.get(key)
    except Exception:  # noqa: BLE001  (any backend's connection error)
        warn_unavailable()
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, timeout)
        except Exception:  # noqa: BLE001
            warn_unavailable()
    return value


def forget(key):
    """Delete ``key``; skipped when the cache is unreachable."""
    try:
        plugin_cache().delete(key)
    except Exception:  # noqa: BLE001
        warn_unavailable()


def store(key, value, timeout):
    """Set ``key``; skipped when the cache is unreachable."""
    try:
        plugin_cache().set(key, value, timeout)
    except Exception:  # noqa: BLE001
        warn_unavailable()
