"""The cache the reader-side fragments read, failing open.

A reader's page must never be a 500 because the cache (``CACHE_ALIAS``, often Redis) is
down: a failed read computes the value from the database, a failed write or delete is
skipped. One warning a minute says so.
"""

import logging
import time

from django.core.cache import caches

from ..conf import get_setting

logger = logging.getLogger(__name__)
WARN_EVERY = 60
_last_warning = [0.0]


def _warn():
    now = time.monotonic()
    if now - _last_warning[0] >= WARN_EVERY:
        _last_warning[0] = now
        logger.warning("Sharing cache unavailable; reading the database.", exc_info=True)


def cached(key, compute, timeout):
    """The cached value under ``key``, else ``compute()`` (stored for ``timeout`` s).

    ``compute`` must not return ``None`` (it means "not cached")."""
    cache = caches[get_setting("CACHE_ALIAS")]
    try:
        value = cache.get(key)
    except Exception:  # noqa: BLE001  (any backend's connection error)
        _warn()
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, timeout)
        except Exception:  # noqa: BLE001
            _warn()
    return value


def forget(key):
    """Delete ``key``; skipped when the cache is unreachable."""
    try:
        caches[get_setting("CACHE_ALIAS")].delete(key)
    except Exception:  # noqa: BLE001
        _warn()
