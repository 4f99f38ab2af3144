"""A dozen corpus scenarios in Chromium: the shipped script, the scenario's user agent
and referrer, the live server's real events endpoint, and the row it stored.

One browser (the session's), one context and one page load per scenario. A web
referrer is sent the way a browser sends it (``page.goto(referer=...)``: Chromium sets
``document.referrer`` from it); an Android app's ``android-app://`` referrer cannot be
navigated from, so the page's ``document.referrer`` is set to it before the script runs.
"""

from urllib.parse import urlsplit

import pytest

from example_site.demo.models import ArticlePage, HomePage
from wagtail_darksocial.models import Event

from ..conftest import keep_on_live_server
from ..sharing.test_browser import wait_for
from .arrival_corpus import HOME, SCENARIOS

pytestmark = pytest.mark.browser

EVENTS_PATH = "/darksocial/events/"
BEACON_WAIT = 10
NAMES = [
    "Messenger iOS",
    "Instagram Android",
    "Google app iOS (Discover)",
    "iOS Safari: from https://mail.google.com/",
    "Firefox Android: from https://webmail.free.fr/",
    "Android app android-app://com.Slack/",
    "Android app android-app://com.google.android.gm/",
    "tagged whatsapp in INSTAGRAM_IOS",
    "iOS Safari: no referrer",
    "Android Chrome: typed home page",
    "crawler facebookexternalhit",
    "Chrome Windows: from https://t.co/",
]
BY_NAME = {scenario.name: scenario for scenario in SCENARIOS}


def _insecure(referrer):
    """The same referrer over http: the live server is http, and Chromium sends no
    referrer from https to http (strict-origin-when-cross-origin)."""
    return referrer.replace("https://", "http://", 1)


def test_corpus_scenarios_through_the_script_and_endpoint(browser, live_demo_site, live_server):
    assert len(NAMES) == 12 and set(NAMES) <= set(BY_NAME)
    home = HomePage.objects.get(locale__language_code="en")
    article = ArticlePage.objects.filter(locale=home.locale).exclude(slug="update").first()
    found, wanted = {}, {}
    for name in NAMES:
        scenario = BY_NAME[name]
        wanted[name] = scenario.known_miss or scenario.expected
        context = browser.new_context(user_agent=scenario.user_agent)
        keep_on_live_server(context, live_server)
        answers = []
        context.on(
            "response",
            lambda response, answers=answers: (
                response.url.endswith(EVENTS_PATH) and answers.append(response.status)
            ),
        )
        page = context.new_page()
        page.set_default_timeout(10_000)
        landing = urlsplit(scenario.landing)
        path = home.url if scenario.landing.split("?")[0] == HOME else article.url
        url = live_server.url + path + (f"?{landing.query}" if landing.query else "")
        options = {}
        if scenario.referrer.startswith("android-app:"):
            page.add_init_script(
                "Object.defineProperty(document, 'referrer', "
                f"{{get: () => {scenario.referrer!r}}})"
            )
        elif scenario.referrer:
            options["referer"] = _insecure(scenario.referrer)
        before = set(Event.objects.values_list("pk", flat=True))
        page.goto(url, **options)
        page.wait_for_function("document.readyState == 'complete'")
        if options:
            assert page.evaluate("document.referrer") == options["referer"]
        wait_for(page, lambda answers=answers: answers, BEACON_WAIT)
        assert answers == [204], name
        rows = Event.objects.filter(event_type="arrival").exclude(pk__in=before)
        found[name] = next(((row.arrival_class, row.channel) for row in rows), None)
        context.close()
    assert found == wanted
