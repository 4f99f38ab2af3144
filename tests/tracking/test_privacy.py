"""Nothing that identifies a reader is stored, logged, cached or echoed."""

import json
import logging

from django.core.cache import caches
from django.forms.models import model_to_dict

from wagtail_darksocial.models import DailyAttribution, DailyRollup, Event
from wagtail_darksocial.tracking.rollups import rollup

from .conftest import arrival, copy, share

IP = "203.0.113.77"
UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36 Zorblax/4.2"
COPIED = "Every sentence a reader copies stays in their browser"
REFERRER = "forum.zorblax.example"
SECRETS = (IP, IP.replace(".", ""), UA, "Zorblax", COPIED, REFERRER)


def test_no_trace_of_the_reader(site, post, caplog, settings):
    settings.WAGTAIL_DARKSOCIAL = {"THROTTLE_RATE": "5/day"}
    caplog.set_level(logging.DEBUG)
    headers = {"REMOTE_ADDR": IP, "HTTP_USER_AGENT": UA}
    responses = [
        post(
            [
                share(site.article, parent="Parent0001"),
                copy(site.article),
                arrival(site.article, referrer=REFERRER),
                arrival(site.fr_article, token="Parent0001", source="whatsapp"),
            ],
            **headers,
        ),
        post({**copy(site.article), "text": COPIED}, **headers),
        post(f'{{"type": "copy", "text": "{COPIED}"', **headers),
        post(arrival(site.article, referrer=f"https://{REFERRER}/thread"), **headers),
        post(share(site.article), content_type="text/html", **headers),
        post(share(site.article), HTTP_DNT="1", **headers),
        post(copy(site.article), **headers),
        post(copy(site.article), **headers),  # throttled
    ]
    assert [r.status_code for r in responses] == [204, 400, 400, 400, 415, 204, 204, 429]
    assert Event.objects.count() == 5
    rollup()
    assert DailyRollup.objects.exists() and DailyAttribution.objects.exists()

    for response in responses:
        assert "Set-Cookie" not in response.headers
        text = response.content.decode()
        assert not any(secret in text for secret in SECRETS), text

    stored = json.dumps(
        [
            model_to_dict(obj)
            for model in (Event, DailyRollup, DailyAttribution)
            for obj in model.objects.all()
        ],
        default=str,
    )
    assert not any(secret in stored for secret in SECRETS), stored

    assert caplog.records, "expected Django's 4xx warnings at least"
    for record in caplog.records:
        logged = f"{record.getMessage()} {record.__dict__!r}"
        assert not any(secret in logged for secret in SECRETS), logged

    keys = " ".join(str(key) for key in caches["default"]._cache)
    assert "darksocial:throttle" in keys
    assert not any(secret in keys for secret in SECRETS)
