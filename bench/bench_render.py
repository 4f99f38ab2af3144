"""Page render time with the share bar injected vs. without, same page, same run.

Serves a demo article through Django's WSGI handler (URL routing, middleware, Wagtail's
serve chain and the template; what a server runs) on a throwaway SQLite database,
interleaving ``INJECT`` off with the bar after the content, before it and floating, then
again with share counts on; prints the medians, their ratios (budget: <= 1.05) and the
queries of a warm view (budget: none added).

    python bench/bench_render.py [rounds]
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "example_site.settings"
os.environ["DJANGO_DEBUG"] = "0"
os.environ.pop("DATABASE_URL", None)

BUDGET = 1.05


def setup_site(database):
    import django
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = database
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="darksocial-bench-media-")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", hostname="testserver", port=80, stdout=open(os.devnull, "w"))  # noqa: SIM115


def timed_get(handler, environ):
    statuses = []
    start = time.perf_counter()
    content = b"".join(handler(dict(environ), lambda status, headers: statuses.append(status)))
    elapsed = time.perf_counter() - start
    assert statuses == ["200 OK"], statuses
    return elapsed, content


# Each mode: the plugin's settings for that render (None: INJECT off). "counts" is the
# site's ShareSettings row with share counts on and brand colours, set for the whole run:
# a row saved mid-run would empty the cache each time.
MODES = {
    "off": None,
    "after": {"BAR_POSITION": "inline"},
    "before": {"BAR_POSITION": "before"},
    "floating": {"BAR_POSITION": "floating"},
}


def main(rounds):
    with tempfile.TemporaryDirectory(prefix="darksocial-bench-") as folder:
        setup_site(os.path.join(folder, "bench.sqlite3"))
        from django.core.handlers.wsgi import WSGIHandler
        from django.test import RequestFactory

        from example_site.demo.models import ArticlePage

        article = ArticlePage.objects.filter(locale__language_code="en").exclude(slug="update")[0]
        url = article.url
        handler = WSGIHandler()
        environ = RequestFactory()._base_environ(PATH_INFO=url)
        print(f"demo article {url}, {rounds} renders each, modes interleaved")
        ok, pages = run(handler, environ, rounds, "share counts off")
        add_share_counts(article)
        ok &= run(handler, environ, rounds, "share counts on, brand colours")[0]
        print(f"inject() alone, median:        {inject_cost(url, pages['off']) * 1e6:.0f} µs")
        return ok


def add_share_counts(article):
    import datetime

    from wagtail_darksocial.models import DailyRollup, ShareSettings

    site = article.get_site()
    ShareSettings.objects.create(site=site, share_counts=True, button_style="brand")
    day = datetime.date(2026, 1, 1)
    DailyRollup.objects.create(
        day=day, site=site, page=article, event_type="share", channel="whatsapp", count=1234
    )


def run(handler, environ, rounds, label):
    """Every mode, interleaved (the order rotates each round); prints medians and ratios."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wagtail_darksocial.conf import get_config

    # Flipped in place: override_settings would also empty the plugin's caches each time.
    config = get_config()
    defaults = {name: config[name] for name in ("INJECT", "BAR_POSITION")}
    timings, pages, queries = {mode: [] for mode in MODES}, {}, {}
    names = list(MODES)
    for i in range(rounds + 20):  # the first 20: warm caches (templates, root paths, settings)
        for mode in names[i % len(names) :] + names[: i % len(names)]:
            config.update(defaults, INJECT=MODES[mode] is not None, **(MODES[mode] or {}))
            connection.queries_log.clear()  # a full log would hide what this view adds
            with CaptureQueriesContext(connection) as captured:
                elapsed, content = timed_get(handler, environ)
            assert (b'data-darksocial="bar"' in content) == (mode != "off")
            if i >= 20:
                timings[mode].append(elapsed)
            pages[mode], queries[mode] = content, len(captured)
    config.update(defaults)
    medians = {mode: statistics.median(timings[mode]) * 1000 for mode in MODES}
    print(f"-- {label}")
    print(f"median without (INJECT=False): {medians['off']:.3f} ms, {queries['off']} queries")
    ok = True
    for mode in names[1:]:
        ratio = medians[mode] / medians["off"]
        ok &= ratio <= BUDGET and queries[mode] == queries["off"]
        print(
            f"median, bar {mode + ':':9}        {medians[mode]:.3f} ms, {queries[mode]} queries, "
            f"ratio {ratio:.3f} (budget <= {BUDGET})"
        )
    return ok, pages


def inject_cost(url, page_html, runs=2000):
    """The injector on its own: the rendered page without the plugin, into a fresh response."""
    from django.http import HttpResponse
    from django.test import RequestFactory
    from wagtail.models import Page, Site

    from wagtail_darksocial.sharing.injection import inject

    page = Page.find_for_request(RequestFactory().get(url), url).specific
    timings = []
    for _ in range(runs):
        request = RequestFactory().get(url)
        Site.find_for_request(request)  # as Wagtail's routing has done before the hook runs
        response = HttpResponse(page_html)
        start = time.perf_counter()
        inject(response, page, request)
        timings.append(time.perf_counter() - start)
    assert b'data-darksocial="bar"' in response.content
    return statistics.median(timings)


if __name__ == "__main__":
    sys.exit(0 if main(int(sys.argv[1]) if len(sys.argv) > 1 else 400) else 1)
