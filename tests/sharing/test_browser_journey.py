"""A reader's whole journey in Chromium, through the real events endpoint to the database.

Unlike test_browser.py, nothing here answers the beacons for the server: they reach the
live server's ``/darksocial/events/``, and the test reads what it stored with the ORM.
"""

import pytest

from wagtail_darksocial.models import DailyAttribution, Event
from wagtail_darksocial.tracking.rollups import rollup

from ..conftest import keep_on_live_server
from ..tracking.conftest import BROWSER_UA
from .test_browser import check_tags, open_page, select, shared_link, wait_for

pytestmark = pytest.mark.browser

EVENTS_PATH = "/darksocial/events/"
PARAGRAPH = "article > p:not(.standfirst)"
BEACON_WAIT = 10  # seconds; a beacon takes milliseconds, but the test machine may be busy


@pytest.fixture
def new_reader(browser, live_server):
    """Open a page in a fresh context (a new reader) that stays on the live server.

    Each context records the status of every answer from the events endpoint in
    ``context.event_answers``; ``user_agent=None`` keeps headless Chromium's own.
    """
    contexts = []

    def open_reader(user_agent=BROWSER_UA):
        options = {"user_agent": user_agent} if user_agent else {}
        context = browser.new_context(permissions=["clipboard-read", "clipboard-write"], **options)
        contexts.append(context)
        keep_on_live_server(context, live_server)
        context.event_answers = []

        def record(response, answers=context.event_answers):
            if response.url.endswith(EVENTS_PATH):
                answers.append(response.status)

        context.on("response", record)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_reader
    for context in contexts:
        context.close()


def share_on_whatsapp(page):
    """Tap the bar's WhatsApp button; return the wa.me URL the popup tried to open."""
    context = page.context
    with context.expect_page() as popup:
        page.locator("[data-darksocial=bar] [data-ds=whatsapp]").click()
    popup.value.close()
    target = context.offsite_requests[-1]
    assert target.startswith("https://wa.me/")
    return target


def stored(**filters):
    """The matching events' (type, channel, token, arrival class, length bucket), sorted.

    Sorted, not in insertion order: the live server handles beacons on parallel threads.
    """
    rows = Event.objects.filter(**filters).values_list(
        "event_type", "channel", "token", "arrival_class", "length_bucket"
    )
    return sorted(rows)


def wait_for_rows(page, count, **filters):
    """Wait (bounded) until ``count`` matching events are stored; return them.

    sendBeacon returns before the request is even sent, so poll rather than sleep.
    """
    wait_for(page, lambda: Event.objects.filter(**filters).count() >= count, BEACON_WAIT)
    return stored(**filters)


def test_share_copy_and_arrival_reach_the_database(live_article, live_server, new_reader):
    sharer = new_reader()
    canonical = open_page(sharer, live_server, live_article)
    # The sharer came without a referrer: a dark arrival.
    assert wait_for_rows(sharer, 1, event_type="arrival") == [("arrival", "", "", "dark", "")]

    target = share_on_whatsapp(sharer)
    link = shared_link("whatsapp", target)
    token = check_tags(link, canonical, "whatsapp")
    assert wait_for_rows(sharer, 1, event_type="share") == [("share", "whatsapp", token, "", "")]

    bar = sharer.locator("[data-darksocial=bar]")
    bar.locator("[data-ds=copy]").click()
    bar.locator("[role=status]").filter(has_text="Link copied.").wait_for()
    copy_token = check_tags(sharer.evaluate("navigator.clipboard.readText()"), canonical, "copy")
    assert wait_for_rows(sharer, 1, event_type="share", channel="copy") == [
        ("share", "copy", copy_token, "", "")
    ]
    assert wait_for_rows(sharer, 1, event_type="copy") == [("copy", "", "", "", "1-10")]
    select(sharer, PARAGRAPH, 15)
    sharer.keyboard.press("Control+C")
    assert wait_for_rows(sharer, 2, event_type="copy") == [
        ("copy", "", "", "", "1-10"),  # the link
        ("copy", "", "", "", "11-50"),  # the 15 selected words
    ]

    # A friend opens the link from WhatsApp: a new browser, no referrer.
    friend = new_reader()
    friend.goto(link)
    friend.wait_for_function("document.readyState == 'complete'")
    assert friend.url == canonical
    assert wait_for_rows(friend, 1, event_type="arrival", token=token) == [
        ("arrival", "whatsapp", token, "tagged", "")
    ]
    assert Event.objects.count() == 6
    assert set(Event.objects.values_list("page_id", flat=True)) == {live_article.pk}
    # Playwright may report an answer after the row it stored is visible.
    wait_for(sharer, lambda: len(sharer.context.event_answers) >= 5, BEACON_WAIT)
    wait_for(friend, lambda: friend.context.event_answers, BEACON_WAIT)
    assert sharer.context.event_answers == [204] * 5
    assert friend.context.event_answers == [204]
    assert sharer.context.offsite_requests == [target]
    assert friend.context.offsite_requests == []

    rollup()
    attribution = {
        row.channel: (row.shares, row.converted, row.arrivals)
        for row in DailyAttribution.objects.filter(page=live_article)
    }
    assert attribution == {"whatsapp": (1, 1, 1), "copy": (1, 0, 0)}


def test_headless_chromium_is_dropped_as_a_crawler(live_article, live_server, new_reader):
    """Headless Chromium's own user agent says HeadlessChrome: the endpoint stores nothing."""
    reader = new_reader(user_agent=None)
    assert "HeadlessChrome" in reader.evaluate("navigator.userAgent")
    open_page(reader, live_server, live_article)
    share_on_whatsapp(reader)
    # The arrival and the share were answered (silently dropped, 204) ...
    wait_for(reader, lambda: len(reader.context.event_answers) >= 2, BEACON_WAIT)
    assert reader.context.event_answers == [204, 204]
    # ... and not stored.
    assert Event.objects.count() == 0
