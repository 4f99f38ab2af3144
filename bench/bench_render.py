"""Page render time with the share bar injected vs. without, same page, same run.

Serves a demo article through Django's WSGI handler (URL routing, middleware, Wagtail's
serve chain and the template; what a server runs) on a throwaway SQLite database,
alternating ``INJECT`` on and off, and prints the medians and their ratio
(budget: <= 1.05).

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


def main(rounds):
    with tempfile.TemporaryDirectory(prefix="darksocial-bench-") as folder:
        setup_site(os.path.join(folder, "bench.sqlite3"))
        from django.core.handlers.wsgi import WSGIHandler
        from django.test import RequestFactory

        from example_site.demo.models import ArticlePage
        from wagtail_darksocial.conf import get_config

        url = ArticlePage.objects.filter(locale__language_code="en").exclude(slug="update")[0].url
        handler = WSGIHandler()
        environ = RequestFactory()._base_environ(PATH_INFO=url)
        # Flipped in place: override_settings would also empty the plugin's caches each time.
        config = get_config()
        timings, pages = {"on": [], "off": []}, {}
        for _ in range(20):  # warm caches: templates, site root paths, site settings
            timed_get(handler, environ)
        for i in range(rounds):
            for mode in ("on", "off") if i % 2 else ("off", "on"):
                config["INJECT"] = mode == "on"
                elapsed, content = timed_get(handler, environ)
                assert (b'data-darksocial="bar"' in content) == (mode == "on")
                timings[mode].append(elapsed)
                pages[mode] = content
        on, without = (statistics.median(timings[mode]) * 1000 for mode in ("on", "off"))
        ratio = on / without
        print(f"demo article {url}, {rounds} renders each, interleaved")
        print(f"median with the share bar:     {on:.3f} ms")
        print(f"median without (INJECT=False): {without:.3f} ms")
        print(f"ratio {ratio:.3f} (budget <= {BUDGET})")
        print(f"inject() alone, median:        {inject_cost(url, pages['off']) * 1e6:.0f} µs")
        return ratio <= BUDGET


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
