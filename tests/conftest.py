import os
import shutil
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

CHROMIUM = os.environ.get("DARKSOCIAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A request to a French page leaves French active in the test thread."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def transactional_db(transactional_db):
    """Wagtail's root page, locale and collection, which a previous test's flush removed.

    Transactional tests end by flushing every table, including the rows Wagtail's
    migrations create, so the next one puts them back.
    """
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code="en")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture
def demo_site(db):
    """The example site's demo content, loaded through its management command."""
    call_command("load_demo", hostname="testserver", port=80, stdout=open(os.devnull, "w"))  # noqa: SIM115
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


def _browser_unavailable_reason():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[testing]')"
    return None


@pytest.fixture(scope="session")
def browser():
    """A headless Debian Chromium driven by Playwright.

    Skips when Chromium or Playwright is missing, unless DARKSOCIAL_REQUIRE_BROWSER=1,
    in which case the test fails instead.
    """
    reason = _browser_unavailable_reason()
    if reason:
        if os.environ.get("DARKSOCIAL_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Browser tests are required but cannot run: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class OffsiteRequests(list):
    """URLs the page tried to reach outside the live server; each was aborted."""


def keep_on_live_server(context, live_server):
    """Let the context reach the live server only.

    Every other URL is aborted and recorded in ``context.offsite_requests``.
    """
    context.offsite_requests = OffsiteRequests()
    origin = urlsplit(live_server.url)

    def route(route):
        url = urlsplit(route.request.url)
        if (url.scheme, url.netloc) == (origin.scheme, origin.netloc):
            route.continue_()
        else:
            context.offsite_requests.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    return context


@pytest.fixture
def browser_context(browser, live_server):
    """A fresh context whose requests never leave the live server (see keep_on_live_server)."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    yield keep_on_live_server(context, live_server)
    context.close()


@pytest.fixture
def browser_page(browser_context):
    page = browser_context.new_page()
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def live_demo_site(transactional_db, live_server):
    """Demo content served by the live server, with the Site pointing at it."""
    url = urlsplit(live_server.url)
    call_command("load_demo", hostname=url.hostname, port=url.port, stdout=open(os.devnull, "w"))  # noqa: SIM115
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)
