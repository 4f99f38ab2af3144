"""Throttling: 429 past the rate, keys per hashed IP and day, atomic on real Redis."""

import datetime
import os
import threading
import uuid

import pytest
from django.core.cache import caches
from django.test import RequestFactory, override_settings

from wagtail_darksocial.models import Event
from wagtail_darksocial.tracking import throttle

from .conftest import copy

IP = "198.51.100.23"


def cache_keys(alias="default"):
    return list(caches[alias]._cache)  # LocMemCache's own dict


@override_settings(WAGTAIL_DARKSOCIAL={"THROTTLE_RATE": "3/day"})
def test_over_the_rate_is_429(site, post):
    statuses = [post(copy(site.article), REMOTE_ADDR=IP).status_code for _ in range(4)]
    assert statuses == [204, 204, 204, 429]
    assert Event.objects.count() == 3
    refused = post(copy(site.article), REMOTE_ADDR=IP)
    assert int(refused.headers["Retry-After"]) >= 1
    assert "detail" in refused.json()
    # Another client still gets through.
    assert post(copy(site.article), REMOTE_ADDR="198.51.100.24").status_code == 204


@override_settings(WAGTAIL_DARKSOCIAL={"THROTTLE_RATE": "2/day"})
def test_dropped_requests_are_not_counted_but_invalid_ones_are(site, post):
    for _ in range(3):
        assert post(copy(site.article), REMOTE_ADDR=IP, HTTP_DNT="1").status_code == 204
    assert post("{bad", REMOTE_ADDR=IP).status_code == 400
    assert post(copy(site.article), REMOTE_ADDR=IP).status_code == 204
    assert post(copy(site.article), REMOTE_ADDR=IP).status_code == 429


def test_the_ip_never_reaches_the_cache(site, post):
    post(copy(site.article), REMOTE_ADDR=IP)
    keys = cache_keys()
    ours = [key for key in keys if "darksocial:throttle" in key]
    assert len(ours) == 1
    assert not any(IP in key or IP.replace(".", "") in key for key in keys)
    assert throttle.client_key(IP) in ours[0]


def test_keys_differ_per_ip_and_per_day():
    day = datetime.date(2026, 3, 1)
    next_day = day + datetime.timedelta(days=1)
    keys = {
        throttle.client_key(IP, day),
        throttle.client_key(IP, next_day),
        throttle.client_key("198.51.100.24", day),
    }
    assert len(keys) == 3
    assert throttle.client_key(IP, day) == throttle.client_key(IP, day)
    assert all(IP not in key and len(key) == 64 for key in keys)


def test_key_depends_on_secret_key(settings):
    day = datetime.date(2026, 3, 1)
    before = throttle.client_key(IP, day)
    settings.SECRET_KEY = "another-secret"
    assert throttle.client_key(IP, day) != before


def test_window_rolls_over():
    midnight = datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC).timestamp()
    assert throttle.cache_key(IP, 60, midnight + 1) == throttle.cache_key(IP, 60, midnight + 59)
    assert throttle.cache_key(IP, 60, midnight + 59) != throttle.cache_key(IP, 60, midnight + 61)
    # The daily secret changes at UTC midnight.
    assert (
        throttle.cache_key(IP, 60, midnight - 1).split(":")[-1]
        != (throttle.cache_key(IP, 60, midnight + 1).split(":")[-1])
    )


@pytest.mark.parametrize(
    ("rate", "parsed"),
    [("120/min", (120, 60)), ("5/s", (5, 1)), ("10/hour", (10, 3600)), ("", None)],
)
def test_parse_rate(rate, parsed):
    assert throttle.parse_rate(rate) == parsed


def test_bad_rate_is_a_configuration_error():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="THROTTLE_RATE"):
        throttle.parse_rate("lots")


@override_settings(WAGTAIL_DARKSOCIAL={"THROTTLE_RATE": None})
def test_no_rate_means_no_throttle(site, post):
    assert {post(copy(site.article)).status_code for _ in range(5)} == {204}


@override_settings(
    CACHES={
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "broken": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        },
    },
    WAGTAIL_DARKSOCIAL={"CACHE_ALIAS": "broken", "THROTTLE_RATE": "1/day"},
)
def test_cache_outage_lets_requests_through(site, post):
    assert [post(copy(site.article)).status_code for _ in range(2)] == [204, 204]


def redis_available():
    try:
        import redis

        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=0.5).ping()
        return True
    except Exception:
        return False


@pytest.fixture
def redis_cache():
    if not redis_available():
        if os.environ.get("CI"):
            pytest.fail("Redis at 127.0.0.1:6379 is required on CI.")
        pytest.skip("Redis is not running at 127.0.0.1:6379")
    prefix = f"darksocial-test-{uuid.uuid4().hex}"
    caches_setting = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "redis": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
            "KEY_PREFIX": prefix,
        },
    }
    throttle.failed_open.reset()  # a breaker opened by an earlier test is closed
    with override_settings(
        CACHES=caches_setting,
        # A loaded CI machine may stall Redis past the 0.1 s default: no fail-open here.
        WAGTAIL_DARKSOCIAL={
            "CACHE_ALIAS": "redis",
            "THROTTLE_RATE": "50/day",
            "THROTTLE_TIMEOUT": 2,
        },
    ):
        yield prefix
        import redis

        client = redis.Redis(host="127.0.0.1", port=6379)
        for key in client.scan_iter(f"{prefix}*"):
            client.delete(key)


def test_redis_counts_atomically_across_threads(redis_cache):
    """8 threads x 20 hits from one client on real Redis: exactly 50 are let through."""
    factory = RequestFactory()
    allowed = []
    lock = threading.Lock()

    def hammer():
        request = factory.post("/", REMOTE_ADDR=IP)
        for _ in range(20):
            verdict = throttle.hit(request)
            with lock:
                allowed.append(verdict.allowed)

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(allowed) == 160
    assert allowed.count(True) == 50

    import redis

    keys = [key.decode() for key in redis.Redis().scan_iter(f"{redis_cache}*")]
    assert len(keys) == 1 and "darksocial:throttle" in keys[0] and IP not in keys[0]
    assert int(redis.Redis().get(keys[0])) == 160
    assert 0 < redis.Redis().ttl(keys[0]) <= 86401  # the counter expires with its window


def test_redis_throttles_the_endpoint(redis_cache, site, post, settings):
    settings.WAGTAIL_DARKSOCIAL = {
        "CACHE_ALIAS": "redis",
        "THROTTLE_RATE": "2/day",
        "THROTTLE_TIMEOUT": 2,
    }
    statuses = [post(copy(site.article), REMOTE_ADDR=IP).status_code for _ in range(3)]
    assert statuses == [204, 204, 429]
