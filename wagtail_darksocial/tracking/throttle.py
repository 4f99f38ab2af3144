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
import threading
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
# After a Redis error, requests skip Redis (and are let through) for this long.
BREAKER_SECONDS = 5
# At most one "throttle not applied" warning per this many seconds and process.
LOG_EVERY_SECONDS = 60

# KEYS: request counter, budget counter, dropped counter. ARGV: counter expiry, rate
# limit (0: no rate), events, budget (0: no budget), budget expiry, dropped expiry.
# Returns {requests counted, events kept}.
ADMIT_SCRIPT = """
local hits = 0
if tonumber(ARGV[2]) > 0 then
  hits = redis.call('INCR', KEYS[1])
  if hits == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
  if hits > tonumber(ARGV[2]) then return {hits, 0} end
end
local n = tonumber(ARGV[3])
local budget = tonumber(ARGV[4])
if n == 0 or budget <= 0 then return {hits, n} end
local spent = redis.call('INCRBY', KEYS[2], n)
if spent == n then redis.call('EXPIRE', KEYS[2], ARGV[5]) end
local keep = math.max(0, math.min(n, budget - (spent - n)))
if keep < n then
  local dropped = redis.call('INCRBY', KEYS[3], n - keep)
  if dropped == n - keep then redis.call('EXPIRE', KEYS[3], ARGV[6]) end
end
return {hits, keep}
"""


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
    client = _redis_client(cache)
    count = client.incr(full_key, delta)
    if count == delta:
        client.expire(full_key, timeout)
    return count


_clients = {}
_clients_guard = threading.Lock()


def _redis_client(cache):
    """A redis-py client over a pool of its own, with ``THROTTLE_TIMEOUT`` socket timeouts.

    One per process and Redis server: Django builds a new client on every call (costly),
    and the site's own timeouts may be long (redis-py waits forever by default).
    """
    pool = cache._cache._get_connection_pool(write=True)
    timeout = get_setting("THROTTLE_TIMEOUT")
    # Keyed by where it connects (an id() of a pool may be reused once it is freed).
    key = (pool.connection_class, repr(sorted(pool.connection_kwargs.items())), timeout)
    client = _clients.get(key)
    if client is None:
        backend = cache._cache  # Django's RedisCacheClient: redis-py's classes
        options = {
            **pool.connection_kwargs,
            "socket_timeout": timeout,
            "socket_connect_timeout": timeout,
            "retry_on_timeout": False,
        }
        options.pop("retry", None)
        own_pool = backend._pool_class(connection_class=pool.connection_class, **options)
        client = backend._client(connection_pool=own_pool)
        client.darksocial_admit = client.register_script(ADMIT_SCRIPT)
        with _clients_guard:
            client = _clients.setdefault(key, client)
    return client


class _FailOpen:
    """Counts requests let through unchecked; opens a breaker per cache alias; warns at
    most once a minute per process."""

    def __init__(self):
        self.lock = threading.Lock()
        self.total = 0  # since the process started
        self.unlogged = 0
        self.logged_at = float("-inf")
        self.skip_until = {}  # cache alias -> monotonic time

    def skipping(self):
        return time.monotonic() < self.skip_until.get(get_setting("CACHE_ALIAS"), 0)

    def record(self, what, error=None):
        now = time.monotonic()
        with self.lock:
            self.total += 1
            self.unlogged += 1
            if error is not None:
                self.skip_until[get_setting("CACHE_ALIAS")] = now + BREAKER_SECONDS
            if now - self.logged_at < LOG_EVERY_SECONDS:
                return
            count, self.unlogged, self.logged_at = self.unlogged, 0, now
        logger.warning(
            "Throttle cache unavailable (%s); %d request(s) let through without %s in the "
            "last minute.",
            type(error).__name__ if error else "circuit open",
            count,
            what,
        )

    def reset(self):
        with self.lock:
            self.__init__()


failed_open = _FailOpen()


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0


def _cache():
    return caches[get_setting("CACHE_ALIAS")]


def _refused(limit, count, period, now):
    if count <= limit:
        return Verdict(True)
    return Verdict(False, retry_after=max(1, int(period - now % period)))


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
    if failed_open.skipping():
        failed_open.record("the rate limit")
        return Verdict(True)
    try:
        count = _count(_cache(), key, period + 1)
    except Exception as error:
        failed_open.record("the rate limit", error)
        return Verdict(True)
    return _refused(limit, count, period, now)


def _utc_day(now):
    return datetime.fromtimestamp(now, UTC).date()


def dropped_key(day):
    return f"{DROPPED_PREFIX}:{day.isoformat()}"


def _budget_key(ip, day):
    return f"{BUDGET_PREFIX}:{day.isoformat()}:{client_key(ip, day)}"


def _until_midnight(now):
    # The counter outlives the day by a minute; tomorrow's key is another one anyway.
    return 86400 - int(now % 86400) + 60


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
    key = _budget_key(request.META.get("REMOTE_ADDR", ""), day)
    if failed_open.skipping():
        failed_open.record("the daily budget")
        return rows
    cache = _cache()
    try:
        spent = _count(cache, key, _until_midnight(now), delta=len(rows))
        keep = max(0, budget - (spent - len(rows)))
        if keep < len(rows):
            _count(cache, dropped_key(day), DROPPED_KEPT_SECONDS, delta=len(rows) - keep)
    except Exception as error:
        failed_open.record("the daily budget", error)
        return rows
    return rows[:keep]


def admit(request, rows):
    """``hit()`` then ``within_daily_budget()``: ``(verdict, rows kept)``.

    On Django's Redis backend, one round trip (``ADMIT_SCRIPT``); on other caches, the
    two calls. A refused request spends no budget.
    """
    cache = _cache()
    if not isinstance(cache, RedisCache):
        verdict = hit(request)
        return verdict, (within_daily_budget(request, rows) if verdict.allowed else [])
    rate = parse_rate(get_setting("THROTTLE_RATE"))
    budget = get_setting("DAILY_EVENT_BUDGET") or 0
    if rate is None and not (budget and rows):
        return Verdict(True), rows
    if failed_open.skipping():
        failed_open.record("the throttle")
        return Verdict(True), rows
    limit, period = rate or (0, 60)
    now = time.time()
    day = _utc_day(now)
    ip = request.META.get("REMOTE_ADDR", "")
    keys = [
        cache.make_and_validate_key(key)
        for key in (cache_key(ip, period, now), _budget_key(ip, day), dropped_key(day))
    ]
    args = [period + 1, limit, len(rows), budget, _until_midnight(now), DROPPED_KEPT_SECONDS]
    try:
        hits, keep = _redis_client(cache).darksocial_admit(keys=keys, args=args)
    except Exception as error:
        failed_open.record("the throttle", error)
        return Verdict(True), rows
    if rate is not None:
        verdict = _refused(limit, hits, period, now)
        if not verdict.allowed:
            return verdict, []
    return Verdict(True), rows[:keep]


def dropped_over_budget(day):
    """How many events were dropped on UTC ``day`` (a ``date``) for being over budget.

    Read from the cache ``CACHE_ALIAS`` (shared by all processes on Redis; per process
    on ``LocMemCache``), kept for 35 days; 0 when unknown.
    """
    try:
        return int(caches[get_setting("CACHE_ALIAS")].get(dropped_key(day)) or 0)
    except Exception:
        return 0
