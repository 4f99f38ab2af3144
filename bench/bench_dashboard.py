"""Benchmark: the dark social dashboard on an empty database, then with 1,000,000 events.

Usage: python bench/bench_dashboard.py [--runs 15] [--pages 1000] [--events 1000000]

Needs PostgreSQL at 127.0.0.1:5432 (user ``postgres``, trust). Creates the throwaway
database ``darksocial_bench_dash``, migrates it with the tests' settings, times the
dashboard (Django test client, logged in as a superuser, median of ``--runs``) on the
empty database, loads pages and raw events with COPY, rolls them up with the
plugin's rollup job, times the dashboard again and drops the database.

Each time is taken twice: with the report cache (what a user sees between two rollup
runs) and without it (the first render after a run). The budget is cached loaded
<= 3 x cached empty. It gives up after ``--timeout`` seconds (default 600).
"""

import argparse
import datetime
import os
import random
import signal
import statistics
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE = "darksocial_bench_dash"
BUDGET = 3.0
DAYS = 90

SHARE_CHANNELS = {
    "whatsapp": 28,
    "copy": 14,
    "email": 10,
    "facebook": 10,
    "linkedin": 8,
    "x": 7,
    "telegram": 6,
    "native": 6,
    "messenger": 4,
    "sms": 3,
    "reddit": 2,
    "bluesky": 2,
}
UNTAGGED_CLASSES = {"dark": 40, "search": 30, "social": 15, "referral": 15}
SHARE_PART, COPY_PART = 0.10, 0.05
CONVERSION, RESHARE = 0.35, 0.15
MEAN_DELAY = 4 * 3600  # seconds from a share to its first visit
COLUMNS = (
    "created_at",
    "site_id",
    "page_id",
    "event_type",
    "channel",
    "token",
    "parent_token",
    "arrival_class",
    "length_bucket",
)


class OutOfTime(Exception):
    pass


def admin_sql(*statements):
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def setup_django():
    os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def time_dashboard(client, url, runs, *, cold):
    """Median seconds of ``runs`` renders and the queries of one; ``cold`` drops the cache."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wagtail_darksocial.reports.stats import rollups_changed

    assert client.get(url).status_code == 200  # warm templates, menus, the report cache
    timings = []
    for _ in range(runs):
        if cold:
            rollups_changed()  # as after a rollup run: the next render queries the rollups
        started = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    if cold:
        rollups_changed()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    touches_events = [q for q in queries if "wagtail_darksocial_event" in q["sql"]]
    assert not touches_events, touches_events
    return statistics.median(timings), len(queries)


def time_both(client, url, runs, label):
    """Cold and cached medians, printed; returns them."""
    results = {}
    for cold in (False, True):
        median, queries = time_dashboard(client, url, runs, cold=cold)
        results[cold] = median
        kind = "uncached" if cold else "cached  "
        print(f"{label}, {kind}: median {median * 1000:6.1f} ms of {runs} runs, {queries} queries")
    return results[False], results[True]


def interleaved(client, url, runs):
    """Loaded site vs a site without data, alternately, in the same database and minute.

    The machine's load drifts between the empty and loaded phases; alternating the two
    renders cancels that drift out of the ratio.
    """
    from wagtail.models import Page, Site

    from wagtail_darksocial.reports.stats import rollups_changed

    home = Page.get_first_root_node().add_child(instance=Page(title="Empty", slug="empty"))
    empty_site = Site.objects.create(hostname="empty.test", root_page=home)
    urls = {"empty site": f"{url}?site={empty_site.pk}", "loaded site": url}
    for cold in (False, True):
        timings = {label: [] for label in urls}
        for address in urls.values():
            assert client.get(address).status_code == 200
        for _ in range(runs):
            for label, address in urls.items():
                if cold:
                    rollups_changed()
                started = time.perf_counter()
                client.get(address)
                timings[label].append(time.perf_counter() - started)
        medians = {label: statistics.median(values) for label, values in timings.items()}
        kind = "uncached" if cold else "cached"
        print(
            f"interleaved, {kind}: empty site {medians['empty site'] * 1000:.1f} ms, "
            f"loaded site {medians['loaded site'] * 1000:.1f} ms, "
            f"ratio {medians['loaded site'] / medians['empty site']:.2f}"
        )


def make_pages(count):
    from wagtail.models import Page, Site

    home = Site.objects.get(is_default_site=True).root_page
    return [
        home.add_child(instance=Page(title=f"Article {n}", slug=f"article-{n}")).pk
        for n in range(count)
    ]


def weighted(rng, mapping, k):
    return rng.choices(list(mapping), weights=list(mapping.values()), k=k)


def generate_events(rng, site_id, page_ids, total, now):
    """Rows for COPY: shares with re-shares, copies, tagged and untagged arrivals."""
    start = now - datetime.timedelta(days=DAYS - 1)
    start = start.replace(hour=0, minute=0, second=0, microsecond=0)
    span = (now - start).total_seconds()
    page_weights = [1 / (n + 1) ** 1.1 for n in range(len(page_ids))]  # a few pages go far

    def moment():
        return start + datetime.timedelta(seconds=rng.random() * span)

    def pages(k):
        return rng.choices(page_ids, weights=page_weights, k=k)

    shares = sorted(moment() for _ in range(int(total * SHARE_PART)))
    share_pages = pages(len(shares))
    share_channels = weighted(rng, SHARE_CHANNELS, len(shares))
    rows = []
    for n, (when, page, channel) in enumerate(
        zip(shares, share_pages, share_channels, strict=True)
    ):
        parent = ""
        if n and rng.random() < RESHARE:
            parent = f"s{rng.randrange(max(0, n - 500), n):x}"  # a recent share, shared on
        token = f"s{n:x}"
        rows.append((when, site_id, page, "share", channel, token, parent, "", ""))
        if rng.random() < CONVERSION:
            visit = when
            for _ in range(1 + int(rng.expovariate(1.2))):
                visit += datetime.timedelta(seconds=rng.expovariate(1 / MEAN_DELAY))
                if visit < now:
                    rows.append(
                        (visit, site_id, page, "arrival", channel, token, "", "tagged", "")
                    )
    copies = int(total * COPY_PART)
    for page in pages(copies):
        rows.append((moment(), site_id, page, "copy", "", "", "", "", "51-200"))
    untagged = max(0, total - len(rows))
    classes = weighted(rng, UNTAGGED_CLASSES, untagged)
    for page, arrival_class in zip(pages(untagged), classes, strict=True):
        rows.append((moment(), site_id, page, "arrival", "", "", "", arrival_class, ""))
    return start.date(), rows


def copy_events(rows):
    from django.db import connection

    with connection.cursor() as cursor:
        sql = f"COPY wagtail_darksocial_event ({', '.join(COLUMNS)}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute("ANALYZE wagtail_darksocial_event")


def roll_up(first_day, last_day):
    """The plugin's own rollup job, then fresh planner statistics."""
    from django.db import connection

    from wagtail_darksocial.tracking.rollups import rollup

    rollup(first_day, last_day)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE wagtail_darksocial_dailyrollup")
        cursor.execute("ANALYZE wagtail_darksocial_dailyattribution")
        cursor.execute("ANALYZE wagtail_darksocial_sitedailyrollup")


def run(args):
    setup_django()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone
    from wagtail.models import Site

    from wagtail_darksocial.models import DailyAttribution, DailyRollup

    user = get_user_model().objects.create_superuser("bench", "bench@example.com", "bench")
    client = Client()
    client.force_login(user)
    url = reverse("wagtail_darksocial_admin:dashboard")

    empty, empty_cold = time_both(client, url, args.runs, "empty database ")

    started = time.perf_counter()
    page_ids = make_pages(args.pages)
    print(f"created {len(page_ids)} pages in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    rng = random.Random(20251130)
    site_id = Site.objects.get(is_default_site=True).pk
    now = timezone.now()
    first_day, rows = generate_events(rng, site_id, page_ids, args.events, now)
    generated = time.perf_counter() - started
    copy_events(rows)
    print(
        f"generated {len(rows):,} raw events in {generated:.1f} s, "
        f"copied in {time.perf_counter() - started - generated:.1f} s"
    )
    del rows

    started = time.perf_counter()
    roll_up(first_day, timezone.localdate())
    print(
        f"rolled up {DAYS} days in {time.perf_counter() - started:.1f} s: "
        f"{DailyRollup.objects.count():,} daily rollups, "
        f"{DailyAttribution.objects.count():,} attribution rows"
    )

    loaded, loaded_cold = time_both(client, url, args.runs, "loaded database")
    interleaved(client, url, args.runs)
    ratio, cold_ratio = loaded / empty, loaded_cold / empty_cold
    verdict = "within" if ratio <= BUDGET else "OVER"
    print(
        f"ratio loaded / empty: {ratio:.2f} cached ({verdict} the {BUDGET:g}x budget), "
        f"{cold_ratio:.2f} uncached (first render after a rollup run)"
    )
    return 0 if ratio <= BUDGET else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--timeout", type=int, default=600)
    args = parser.parse_args()

    def out_of_time(_signum, _frame):
        raise OutOfTime(f"gave up after {args.timeout} s")

    signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(args.timeout)
    try:
        admin_sql(
            f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)", f"CREATE DATABASE {DATABASE}"
        )
    except psycopg.OperationalError as error:
        print(f"skipped: no PostgreSQL at {SERVER} ({error})")
        return 0
    try:
        return run(args)
    except OutOfTime as error:
        print(error, file=sys.stderr)
        return 2
    finally:
        signal.alarm(0)
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        admin_sql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        print(f"dropped {DATABASE}")


if __name__ == "__main__":
    sys.exit(main())
