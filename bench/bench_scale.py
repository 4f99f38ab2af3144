"""Growth curves on PostgreSQL: how ingest, rollup, prune and storage grow with the table.

Usage: python bench/bench_scale.py [--sizes 300000 1000000 3000000] [--new 10000 50000]

One fresh database; the raw table is filled (``INSERT ... SELECT generate_series``) to
each size in turn, spread over 90 days, with a fixed-size oldest day to prune. At each
size, measured side by side:

- ingest: events/s of the endpoint (throttle in Redis) and of a bare Django view doing
  the same INSERT, on one gunicorn server of ``--workers`` processes, 8 client threads;
- rollup: one incremental run after N new events, for each ``--new`` N;
- prune: dropping the oldest day (``--day`` events);
- storage: bytes per raw event (table + indexes), and per rollup row.

Every step stays well under 10 minutes and a few GB. Talks to 127.0.0.1 only.
"""

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.tracking_support import (  # noqa: E402
    PYTHON,
    ROOT,
    drive,
    drop_postgres,
    env_for,
    fresh_postgres,
    gunicorn,
    run_helper,
    share_bodies,
)

DATABASE = "darksocial_15_bench_scale"
THREADS = 8
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def inner(url, *args):
    result = subprocess.run(
        [PYTHON, "-m", "bench.bench_scale", "inner", *map(str, args)],
        cwd=ROOT,
        env=env_for(url),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def ingest(url, page, workers, requests, rounds, tag):
    rates = {"endpoint": [], "bare": []}
    with gunicorn(url, workers=workers, threads=2) as address:
        drive(address, "/darksocial/events/", share_bodies(page, "w" + tag, THREADS, 20))
        for number in range(rounds):
            order = ["endpoint", "bare"] if number % 2 == 0 else ["bare", "endpoint"]
            for side in order:
                path = "/darksocial/events/" if side == "endpoint" else "/bare/events/"
                # Two characters, unique per size, side and round (tokens are unique).
                prefix = "eb"[side == "bare"] + ALPHABET[int(tag) * rounds + number]
                bodies = share_bodies(page, prefix, THREADS, requests)
                seconds, statuses = drive(address, path, bodies)
                assert set(statuses) == {204}, statuses
                rates[side].append(statuses[204] / seconds)
    endpoint = statistics.median(rates["endpoint"])
    bare = statistics.median(rates["bare"])
    return {"endpoint": endpoint, "bare": bare, "ratio": endpoint / bare}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300_000, 1_000_000, 3_000_000])
    parser.add_argument("--new", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--day", type=int, default=20_000, help="events of the pruned day")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--requests", type=int, default=100, help="per thread and round")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    url = fresh_postgres(DATABASE)
    rows = []
    try:
        page = run_helper(url, "setup")["page"]
        for number, size in enumerate(args.sizes):
            started = time.monotonic()
            filled = inner(url, "fill", size, args.day)
            measured = inner(url, "measure", args.day, *args.new)
            speed = {"endpoint": 0.0, "bare": 0.0, "ratio": 0.0}  # --rounds 0: no ingest
            if args.rounds:
                speed = ingest(url, page, args.workers, args.requests, args.rounds, f"{number}")
            rows.append({"size": size, **filled, **measured, **speed})
            rows[-1]["step_seconds"] = round(time.monotonic() - started)
            print(json.dumps(rows[-1]), flush=True)
    finally:
        drop_postgres(DATABASE)

    print(f"\nPostgreSQL; gunicorn {args.workers} workers x 2 threads; {THREADS} client threads")
    header = ["raw events", "ingest e/s", "bare e/s", "ratio"]
    header += [f"rollup {n // 1000}k new (s)" for n in args.new]
    header += [f"prune {args.day // 1000}k-day (s)", "bytes/raw event", "bytes/rollup row"]
    print(" | ".join(header))
    for row in rows:
        cells = [f"{row['size']:,}", f"{row['endpoint']:.0f}", f"{row['bare']:.0f}"]
        cells.append(f"{row['ratio']:.2f}")
        cells += [f"{row['rollup'][str(n)]:.2f}" for n in args.new]
        cells += [f"{row['prune']:.2f}", f"{row['bytes_per_event']:.0f}"]
        cells.append(f"{row['rollup_row_bytes']:.0f}")
        print(" | ".join(cells))


# --- in a subprocess, with Django set up -----------------------------------------------

FILL_SQL = """
INSERT INTO {table} (created_at, site_id, page_id, event_type, channel, token,
                     parent_token, arrival_class, length_bucket)
SELECT now() - make_interval(days => (%(first_day)s + (n %% %(days)s))::int)
             - make_interval(secs => (n * 7919) %% 86000),
       %(site)s,
       (%(pages)s::int[])[1 + n %% cardinality(%(pages)s::int[])],
       CASE WHEN n %% 10 = 0 THEN 'share' WHEN n %% 10 = 1 THEN 'copy' ELSE 'arrival' END,
       CASE WHEN n %% 10 = 0 THEN (ARRAY['whatsapp','email','sms','telegram'])[1 + n %% 4]
            ELSE '' END,
       CASE WHEN n %% 10 = 0 THEN %(prefix)s || n::text ELSE '' END,
       '',
       CASE WHEN n %% 10 >= 2 THEN (ARRAY['dark','search','social','referral','tagged'])[
            1 + n %% 5] ELSE '' END,
       CASE WHEN n %% 10 = 1 THEN '1-10' ELSE '' END
FROM generate_series(1::bigint, %(count)s::bigint) AS n
"""


def _insert(count, first_day, days, prefix):
    from django.db import connection
    from wagtail.models import Page, Site

    from wagtail_darksocial.models import Event

    pages = list(Page.objects.filter(depth__gt=1).values_list("pk", flat=True))
    site = Site.objects.get(is_default_site=True).pk
    with connection.cursor() as cursor:
        cursor.execute(
            FILL_SQL.format(table=Event._meta.db_table),
            {
                "first_day": first_day,
                "days": days,
                "site": site,
                "pages": pages,
                "count": count,
                "prefix": prefix,
            },
        )


def _mark_counted():
    from django.db.models import Max

    from wagtail_darksocial.models import Event, RollupState

    top = Event.objects.aggregate(top=Max("id"))["top"] or 0
    RollupState.objects.update_or_create(name="events", defaults={"last_event_id": top})


def fill(size, day):
    """Grow the table to ``size`` events over days 1-90, plus ``day`` events on day 91."""
    from django.db import connection

    from wagtail_darksocial.models import DailyRollup, Event

    started = time.perf_counter()
    missing = size - Event.objects.count()
    if missing > 0:
        _insert(missing, 1, 89, f"f{size // 1000}-")
    _insert(day, 91, 1, f"d{size // 1000}-")
    _mark_counted()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT pg_total_relation_size(%s)", [Event._meta.db_table])
        raw = cursor.fetchone()[0]
        # A rollup row's width plus its two indexes' entries (~40 bytes each).
        cursor.execute(
            f"SELECT avg(pg_column_size(r.*)) + 28 + 80 FROM {DailyRollup._meta.db_table} r"  # noqa: S608
        )
        row_bytes = cursor.fetchone()[0]
    return {
        "fill_seconds": round(time.perf_counter() - started, 1),
        "bytes_per_event": raw / Event.objects.count(),
        "rollup_row_bytes": float(row_bytes or 0),
    }


def measure(day, *news):
    """Time one incremental rollup after each N new events, then the prune of a day."""
    from wagtail_darksocial.tracking.rollups import prune, rollup

    timings = {}
    for number, new in enumerate(news):
        _mark_counted()
        _insert(new, 0, 1, f"n{number}{int(time.time()) % 100000}")
        started = time.perf_counter()
        result = rollup()
        timings[str(new)] = time.perf_counter() - started
        assert result.events == new, result.summary()
    started = time.perf_counter()
    pruned = prune(90)
    prune_seconds = time.perf_counter() - started
    assert pruned.deleted == day, pruned.summary()
    return {"rollup": timings, "prune": prune_seconds}


if __name__ == "__main__":
    if sys.argv[1] == "inner":
        import django

        django.setup()
        action = {"fill": fill, "measure": measure}[sys.argv[2]]
        print(json.dumps(action(*map(int, sys.argv[3:]))))
    else:
        main()
