"""Faults: Redis down, Redis stalled for 2 s, the database dropping the connection.

Each test prints accepted / stored / rolled-up counts. The endpoint answers quickly,
lets the throttle fail open (counted, one warning a minute), and never loses an event
it could store.
"""

import logging
import socket
import threading
import time

import pytest
from django.db import connection
from django.db.models import Sum

from wagtail_darksocial.models import DailyRollup, Event
from wagtail_darksocial.tracking import throttle
from wagtail_darksocial.tracking.rollups import rollup

from .conftest import copy

REQUESTS = 20


class StallingServer:
    """Accepts connections and reads, but answers only after ``stall`` seconds."""

    def __init__(self, stall=2.0):
        self.stall = stall
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open = []
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self.open.append(client)
            threading.Timer(self.stall, client.close).start()

    def close(self):
        self.listener.close()
        for client in self.open:
            client.close()


def redis_settings(settings, location):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "redis": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location},
    }
    settings.WAGTAIL_DARKSOCIAL = {"CACHE_ALIAS": "redis", "THROTTLE_RATE": "1/day"}
    throttle.failed_open.reset()


def report(name, accepted):
    stored = Event.objects.count()
    rollup()
    rolled = DailyRollup.objects.aggregate(total=Sum("count"))["total"] or 0
    print(f"{name}: accepted={accepted} stored={stored} rolled_up={rolled}")
    assert accepted == stored == rolled


@pytest.mark.parametrize("fault", ["down", "stalled"])
def test_redis_faults_fail_open_quickly_counted_and_logged_once(
    fault, site, post, settings, caplog
):
    settings.WAGTAIL_DARKSOCIAL = {"THROTTLE_RATE": None}
    assert post(copy(site.article)).status_code == 204  # warm: imports, site lookups
    server = StallingServer() if fault == "stalled" else None
    port = server.port if server else 1  # nothing listens on port 1
    redis_settings(settings, f"redis://127.0.0.1:{port}/0")
    try:
        with caplog.at_level(logging.WARNING, logger=throttle.__name__):
            statuses, times = [], []
            for _ in range(REQUESTS):
                started = time.monotonic()
                statuses.append(post(copy(site.article)).status_code)
                times.append(time.monotonic() - started)
    finally:
        if server:
            server.close()
    assert statuses == [204] * REQUESTS  # the 1/day rate cannot be checked: let through
    # One short timeout (THROTTLE_TIMEOUT), then the breaker skips Redis: no 2 s stall.
    assert max(times) < 1.0, times
    assert throttle.failed_open.total == REQUESTS
    warnings = [r for r in caplog.records if "Throttle cache unavailable" in r.getMessage()]
    assert len(warnings) == 1
    report(f"redis {fault}", REQUESTS + 1)  # the rollup too, with the report cache down


@pytest.mark.django_db(transaction=True)
def test_a_dropped_database_connection_loses_no_event(site, post, settings):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: its backend is terminated")
    settings.WAGTAIL_DARKSOCIAL = {"THROTTLE_RATE": None, "DAILY_EVENT_BUDGET": None}
    import psycopg

    params = connection.get_connection_params()
    accepted = 0
    for number in range(6):
        if number % 2:
            # Another session kills ours, as a restart or failover would.
            pid = connection.connection.info.backend_pid
            with psycopg.connect(
                host=params.get("host"),
                port=params.get("port"),
                user=params.get("user"),
                dbname=params.get("dbname"),
                autocommit=True,
            ) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        response = post(copy(site.article))
        assert response.status_code == 204
        accepted += 1
    report("postgres backend terminated", accepted)


def admin_connection():
    import psycopg

    params = connection.get_connection_params()
    keys = ("host", "port", "user", "dbname")
    return psycopg.connect(**{key: params.get(key) for key in keys if params.get(key)})


@pytest.mark.django_db(transaction=True)
def test_an_open_writer_with_a_lower_id_is_waited_for(site, monkeypatch):
    """Id 1 drawn in a transaction still open while id 2 commits: the rollup waits for
    the writer instead of moving its watermark past an event it has not seen."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has one writer at a time")
    from django.utils import timezone

    from wagtail_darksocial.tracking import watermark

    rollup()  # the watermark exists
    table = Event._meta.db_table
    columns = (
        "created_at, site_id, page_id, event_type, channel, token, parent_token, "
        "arrival_class, length_bucket, direct"
    )
    values = [timezone.now(), site.site.pk, site.article.pk, "copy", "", "", "", "", "", False]
    slow = admin_connection()  # a transaction: BEGIN, INSERT, and no COMMIT yet
    sql = f"INSERT INTO {table} ({columns}) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)"  # noqa: S608
    slow.execute(sql, values)
    Event.objects.create(
        created_at=timezone.now(), site=site.site, page=site.article, event_type="copy"
    )

    monkeypatch.setattr(watermark, "WAIT_SECONDS", 0.3)
    waiting = rollup()
    assert waiting.waiting and waiting.events == 0  # nothing counted past the open writer

    monkeypatch.setattr(watermark, "WAIT_SECONDS", 10)
    threading.Timer(0.5, slow.commit).start()
    counted = rollup()
    slow.close()
    assert counted.events == 2
    report("open writer", 2)
