"""Settings for the tracking benchmarks: the example site behind gunicorn, no debug.

``BENCH_DATABASE_URL`` picks the database; Redis at 127.0.0.1:6379 holds the
throttle counters (as recommended in production), with a rate no benchmark reaches,
unless ``BENCH_THROTTLE_CACHE=local`` keeps them in each process's memory.
"""

import os

import dj_database_url

from example_site.settings import *  # noqa: F403
from example_site.settings import SQLITE_OPTIONS

DEBUG = False
SECRET_KEY = "bench-not-secret"
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "bench.tracking_urls"

DATABASES = {"default": dj_database_url.parse(os.environ["BENCH_DATABASE_URL"], conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
    DATABASES["default"]["CONN_MAX_AGE"] = 0

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0"),
        "KEY_PREFIX": "darksocial-bench",
    },
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
WAGTAIL_DARKSOCIAL = {
    "THROTTLE_RATE": "100000000/min",
    # Counted like in production, but never reached by one benchmark client.
    "DAILY_EVENT_BUDGET": 10**9,
    # "local" counts per process: shows what the shared cache's round trip costs.
    "CACHE_ALIAS": os.environ.get("BENCH_THROTTLE_CACHE", "default"),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}
