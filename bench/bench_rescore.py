"""Benchmark: ``manage.py darksocial_score --all`` on 1,000 article pages, then cached.

Usage: python bench/bench_rescore.py [--pages 1000] [--postgres] [--timeout 900]

Builds a throwaway database (a temporary SQLite file, or with ``--postgres`` the
database ``darksocial_bench_rescore`` at 127.0.0.1:5432, user ``postgres``), migrates
it, loads the demo site and adds ``--pages`` published articles whose bodies cycle
through the demo articles. Then it runs ``darksocial_score --all`` twice and prints
pages/s: the first run renders and analyses every page, the second finds every
score cached per revision. Everything is deleted at the end; it gives up after
``--timeout`` seconds.
"""

import argparse
import io
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE = "darksocial_bench_rescore"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL, not SQLite.")
    parser.add_argument("--timeout", type=int, default=900, help="Give up after N seconds.")
    return parser.parse_args()


def postgres(statement):
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def setup_django(workdir, use_postgres):
    if use_postgres:
        postgres(f"DROP DATABASE IF EXISTS {DATABASE}")
        postgres(f"CREATE DATABASE {DATABASE}")
        os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ["DJANGO_MEDIA_ROOT"] = str(Path(workdir) / "media")
    os.environ["DJANGO_DEBUG"] = "0"  # no query log
    os.environ["DJANGO_SETTINGS_MODULE"] = "example_site.settings"
    import django

    django.setup()


def create_articles(count):
    """``count`` published articles under the English home, with the demo's bodies."""
    from django.core.management import call_command
    from django.db import transaction
    from django.test import override_settings

    from example_site.demo.content import load_articles
    from example_site.demo.models import ArticlePage, HomePage

    call_command("load_demo", hostname="127.0.0.1", port=8000, stdout=io.StringIO())
    home = HomePage.objects.get(locale__language_code="en")
    sources = [a for a in load_articles() if a.language == "en"]
    images = {p.slug: p.feed_image for p in ArticlePage.objects.filter(locale=home.locale)}
    # Scoring on publish would score them all here; the benchmark times the command.
    with override_settings(WAGTAIL_DARKSOCIAL={"SCORE_ON_PUBLISH": False}), transaction.atomic():
        for number in range(count):
            source = sources[number % len(sources)]
            page = ArticlePage(
                title=f"{source.title} ({number})",
                slug=f"{source.slug}-{number}",
                intro=source.intro,
                search_description=source.search_description,
                feed_image=images.get(source.slug),
                body=source.blocks,
            )
            home.add_child(instance=page)
            page.save_revision().publish()


def score_all():
    from django.core.management import call_command

    out = io.StringIO()
    started = time.perf_counter()
    call_command("darksocial_score", "--all", stdout=out, stderr=io.StringIO())
    elapsed = time.perf_counter() - started
    summary = out.getvalue().strip().splitlines()[-1]
    return elapsed, summary


def main():
    args = parse_args()
    signal.signal(signal.SIGALRM, lambda *_: sys.exit(f"Gave up after {args.timeout} s."))
    signal.alarm(args.timeout)
    workdir = tempfile.mkdtemp(prefix="darksocial-bench-rescore-")
    try:
        setup_django(workdir, args.postgres)
        from django.core.management import call_command
        from django.db import connection
        from wagtail.models import Page

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        create_articles(args.pages)
        total = Page.objects.filter(depth__gt=1).count()
        print(
            f"database: {connection.vendor}; created {args.pages} articles "
            f"({total} pages in all) in {time.perf_counter() - started:.1f} s"
        )
        for label in ("first run (render + analyse)", "second run (cached)"):
            elapsed, summary = score_all()
            rate = float(re.search(r"([\d.]+) pages/s", summary).group(1))
            print(f"{label}: {total} pages in {elapsed:.2f} s = {rate:,.1f} pages/s")
            print(f"    {summary}")
        connection.close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if args.postgres:
            postgres(f"DROP DATABASE IF EXISTS {DATABASE}")


if __name__ == "__main__":
    main()
