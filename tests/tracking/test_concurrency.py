"""No event is lost with 16 concurrent writers against the live server (SQLite or PostgreSQL)."""

import json
import threading
import urllib.error
import urllib.request

import pytest
from django.db.models import Sum

from wagtail_darksocial.models import DailyRollup, Event
from wagtail_darksocial.tracking.rollups import rollup

from .conftest import BROWSER_UA, EVENTS_URL, make_site

WRITERS = 16
EVENTS_PER_WRITER = 500
BATCH = 20


def post(url, events):
    request = urllib.request.Request(  # noqa: S310 (the live server on loopback)
        url,
        data=json.dumps(events).encode(),
        headers={"Content-Type": "text/plain;charset=UTF-8", "User-Agent": BROWSER_UA},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_lose_nothing(live_server, settings):
    # One client (127.0.0.1) writes everything: no per-client limits.
    settings.WAGTAIL_DARKSOCIAL = {"THROTTLE_RATE": None, "DAILY_EVENT_BUDGET": None}
    pages = make_site()
    url = live_server.url + EVENTS_URL
    accepted, failures, lock = [], [], threading.Lock()

    def writer(number):
        events = [
            {
                "type": "share",
                "page": pages.article.pk,
                "channel": "whatsapp",
                "token": f"W{number:02d}{i:07d}",
            }
            if i % 2
            else {"type": "arrival", "page": pages.fr_article.pk, "referrer": ""}
            for i in range(EVENTS_PER_WRITER)
        ]
        for start in range(0, len(events), BATCH):
            batch = events[start : start + BATCH]
            status = post(url, batch)
            with lock:
                if status == 204:
                    accepted.append(len(batch))
                else:
                    failures.append(status)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    while any(thread.is_alive() for thread in threads):
        rollup()  # rollups while events arrive must not disturb the final figures
        threads[0].join(timeout=0.2)
    for thread in threads:
        thread.join()

    assert failures == [], f"{len(failures)} failed requests: {sorted(set(failures))}"
    assert sum(accepted) == WRITERS * EVENTS_PER_WRITER
    assert Event.objects.count() == WRITERS * EVENTS_PER_WRITER
    assert Event.objects.filter(event_type="share").values("token").distinct().count() == (
        WRITERS * EVENTS_PER_WRITER // 2
    )
    rollup()
    assert (
        DailyRollup.objects.aggregate(total=Sum("count"))["total"] == WRITERS * EVENTS_PER_WRITER
    )
