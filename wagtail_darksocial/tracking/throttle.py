"""Per-client limits, keyed by a daily-rotating HMAC of the IP: a fixed-window request
counter (``THROTTLE_RATE``) and a daily budget of stored events (``DAILY_EVENT_BUDGET``).

The key is ``HMAC-SHA256(daily secret, IP)`` where the daily secret is
``HMAC-SHA256(SECRET_KEY, "darksocial-throttle:" + UTC date)``: it changes every day
without being stored, and neither the IP nor anything that maps back to it without
``SECRET_KEY`` reaches the cache. ``cache.incr`` + ``cache.add`` keep the count atomic
across processes on any shared cache; on Django's Redis backend a bare ``INCR`` does the
same in a single round trip.
"""

import hashlib
import hmac
import ipaddress
import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured

from ..conf import get_setting

logger = logging.getLogger(__name__)

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
KEY_PREFIX = "darksocial:throttle"
BUDGET_PREFIX = "darksocial:budget"
DROPPED_PREFIX = "darksocial:budget-dropped"
# How long the per-day count of events dropped over budget stays readable.
DROPPED_KEPT_SECONDS = 35 * 86400


def parse_rate(rate):
    """``"120/min"`` -> ``(120, 60)``; ``None`` or ``""`` turns throttling off."""
    if not rate:
        return None
    try:
        count, period = str(rate).split("/")
        return int(count), PERIODS[period.strip()[0].lower()]
    except (ValueError, KeyError, IndexError):
        raise ImproperlyConfigured(
            f"WAGTAIL_DARKSOCIAL['THROTTLE_RATE'] must look like '120/min', not {rate!r}."
        ) from None


def daily_secret(day):
    return _daily_secret(settings.SECRET_KEY, day)


@lru_cache(maxsize=4)
def _daily_secret(secret_key, day):
    message = f"darksocial-throttle:{day.isoformat()}".encode()
    return hmac.new(secret_key.encode(), message, hashlib.sha256).digest()


def client_address(ip):
    """What one client is counted as: its IPv4 address, or its IPv6 /64 network.

    One IPv6 host usually holds a whole /64 (2^64 addresses): counting each address
    apart would give it a fresh throttle and budget per request.
    """
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def client_key(ip, day=None):
    """The hex HMAC that stands for ``ip``'s client on ``day`` (UTC today by default)."""
    day = day or datetime.now(UTC).date()
    return hmac.new(daily_secret(day), client_address(ip).encode(), hashlib.sha256).hexdigest()


def cache_key(ip, period, now=None):
    now = time.time() if now is None else now
    day = datetime.fromtimestamp(now, UTC).date()
    return f"{KEY_PREFIX}:{int(now // period)}:{client_key(ip, day)}"


def _count(cache, key, timeout, delta=1):
    """Add ``delta`` to the window's counter, creating it on the window's first request.

    ``incr`` first (one operation in the common case), ``add`` when the key is new; if
    another process added it in between, ``add`` fails and ``incr`` counts us.
    """
    if isinstance(cache, RedisCache):
        return _count_on_redis(cache, key, timeout, delta)
    try:
        return cache.incr(key, delta)
    except ValueError:
        if cache.add(key, delta, timeout=timeout):
            return delta
        return cache.incr(key, delta)


def _count_on_redis(cache, key, timeout, delta=1):
    """The same on Django's Redis backend in one command: ``INCRBY``, then ``EXPIRE`` on
    the window's first request (the rate limiter pattern of Redis's ``INCR`` docs)."""
    full_key = cache.make_and_validate_key(key)
    # Django builds a new redis-py client (costly) on every call; keep one per backend
    # instance (one per thread), over the backend's own connection pool.
    client = getattr(cache, "_darksocial_client", None)
    if client is None:
        client = cache._darksocial_client = cache._cache.get_client(full_key, write=True)
    count = client.incr(full_key, delta)
    if count == delta:
        client.expire(full_key, timeout)
    return count


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0


def hit(request):
    """Count one request from the client; say whether it is within ``THROTTLE_RATE``.

    Uses ``REMOTE_ADDR``: behind a proxy, set it from the forwarded header in your proxy
    or middleware. When the cache is down, requests are let through.
    """
    rate = parse_rate(get_setting("THROTTLE_RATE"))
    if rate is None:
        return Verdict(True)
    limit, period = rate
    now = time.time()
    key = cache_key(request.META.get("REMOTE_ADDR", ""), period, now)
    cache = caches[get_setting("CACHE_ALIAS")]
    try:
        count = _count(cache, key, period + 1)
    except Exception:
        logger.warning("Throttle cache unavailable; request let through.")
        return Verdict(True)
    if count <= limit:
        return Verdict(True)
    return Verdict(False, retry_after=max(1, int(period - now % period)))


def _utc_day(now):
    return datetime.fromtimestamp(now, UTC).date()


def dropped_key(day):
    return f"{DROPPED_PREFIX}:{day.isoformat()}"


def within_daily_budget(request, rows):
    """The first of ``rows`` that fit in the client's ``DAILY_EVENT_BUDGET`` for today.

    Events are counted, not requests: a batch of 20 spends 20 (else batching would
    multiply the budget by ``MAX_BATCH``). Counted are the rows about to be stored, so
    dropped events (unknown pages, internal arrivals) spend nothing. Rows over the
    budget are dropped without a word and added to ``dropped_over_budget(day)``. Days
    are UTC days, like the key. When the cache is down, every row is kept.
    """
    budget = get_setting("DAILY_EVENT_BUDGET")
    if not budget or not rows:
        return rows
    now = time.time()
    day = _utc_day(now)
    ip = request.META.get("REMOTE_ADDR", "")
    key = f"{BUDGET_PREFIX}:{day.isoformat()}:{client_key(ip, day)}"
    cache = caches[get_setting("CACHE_ALIAS")]
    # The counter outlives the day by a minute; tomorrow's key is another one anyway.
    until_midnight = 86400 - int(now % 86400) + 60
    try:
        spent = _count(cache, key, until_midnight, delta=len(rows))
        keep = max(0, budget - (spent - len(rows)))
        if keep < len(rows):
            _count(cache, dropped_key(day), DROPPED_KEPT_SECONDS, delta=len(rows) - keep)
    except Exception:
        logger.warning("Throttle cache unavailable; daily budget not applied.")
        return rows
    return rows[:keep]


def dropped_over_budget(day):
    """How many events were dropped on UTC ``day`` (a ``date``) for being over budget.

    Read from the cache ``CACHE_ALIAS`` (shared by all processes on Redis; per process
    on ``LocMemCache``), kept for 35 days; 0 when unknown.
    """
    try:
        return int(caches[get_setting("CACHE_ALIAS")].get(dropped_key(day)) or 0)
    except Exception:
        return 0
