"""Accepted events: what is stored, what is answered, and the OpenAPI schema."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse

from wagtail_darksocial.models import Event

from .conftest import BEACON, BROWSER_UA, EVENTS_URL, arrival, copy, share

ROOT = Path(__file__).resolve().parents[2]

STORED_FIELDS = (
    "site_id",
    "page_id",
    "event_type",
    "channel",
    "token",
    "parent_token",
    "arrival_class",
    "length_bucket",
)


def stored():
    return [
        {name: row[name] for name in STORED_FIELDS}
        for row in Event.objects.order_by("pk").values(*STORED_FIELDS)
    ]


def row(site, page, event_type, **values):
    base = dict.fromkeys(STORED_FIELDS, "")
    return {
        **base,
        "site_id": site.site.pk,
        "page_id": page.pk,
        "event_type": event_type,
        **values,
    }


def assert_empty_204(response):
    assert response.status_code == 204, response.content
    assert response.content == b""
    assert "Set-Cookie" not in response.headers
    assert not response.cookies
    assert "Cookie" not in response.headers.get("Vary", "")


def test_url_names():
    assert reverse("wagtail_darksocial:events") == EVENTS_URL
    assert reverse("wagtail_darksocial:schema") == "/darksocial/schema/"


@pytest.mark.parametrize(
    "content_type", [BEACON, "application/json", "application/json; charset=utf-8"]
)
def test_single_share(site, post, content_type):
    response = post(share(site.article, parent="Parent_001"), content_type=content_type)
    assert_empty_204(response)
    assert stored() == [
        row(
            site,
            site.article,
            "share",
            channel="whatsapp",
            token="Tok_en-001",
            parent_token="Parent_001",
        )
    ]


def test_single_copy_never_stores_text(site, post):
    assert_empty_204(post(copy(site.article, kind="text", bucket="200+")))
    assert stored() == [row(site, site.article, "copy", length_bucket="200+")]


def test_single_arrival_is_classified_on_the_server(site, post):
    assert_empty_204(post(arrival(site.article, referrer="l.facebook.com")))
    assert stored() == [
        row(site, site.article, "arrival", arrival_class="social", channel="facebook")
    ]


@pytest.mark.parametrize("content_type", [BEACON, "application/json"])
def test_batch_of_every_type(site, post, content_type):
    batch = [
        share(site.article, channel="telegram", token="AAAAAAAAAA"),
        copy(site.article, kind="link", bucket="1-10"),
        arrival(site.article, token="AAAAAAAAAA", source="telegram", campaign="darksocial"),
        arrival(site.fr_article, referrer=""),
        arrival(site.article, referrer="www.google.co.uk"),
    ]
    assert_empty_204(post(batch, content_type=content_type))
    assert stored() == [
        row(site, site.article, "share", channel="telegram", token="AAAAAAAAAA"),
        row(site, site.article, "copy", length_bucket="1-10"),
        row(
            site,
            site.article,
            "arrival",
            arrival_class="tagged",
            channel="telegram",
            token="AAAAAAAAAA",
        ),
        row(site, site.fr_article, "arrival", arrival_class="dark"),
        row(site, site.article, "arrival", arrival_class="search", channel="google"),
    ]
    assert len({e.created_at for e in Event.objects.all()}) == 1


def test_full_batch_is_accepted(site, post):
    assert_empty_204(post([copy(site.article)] * 20))
    assert Event.objects.count() == 20


def test_translated_pages_belong_to_the_site(site, post):
    assert_empty_204(post([share(site.fr_article), copy(site.fr_home)]))
    assert Event.objects.count() == 2


def test_logged_in_editor_is_not_refused_by_csrf(site):
    editor = get_user_model().objects.create_user("editor", password="x", is_staff=True)
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(
        EVENTS_URL,
        json.dumps(share(site.article)),
        content_type=BEACON,
        HTTP_USER_AGENT=BROWSER_UA,
    )
    assert_empty_204(response)
    assert Event.objects.count() == 1


def test_same_origin_headers_are_accepted(site, post):
    response = post(
        share(site.article),
        HTTP_SEC_FETCH_SITE="same-origin",
        HTTP_ORIGIN="http://testserver",
    )
    assert_empty_204(response)
    assert Event.objects.count() == 1


@override_settings(WAGTAIL_DARKSOCIAL={"TRACKING": False})
def test_tracking_off_stores_nothing(site, post):
    assert_empty_204(post(share(site.article)))
    assert Event.objects.count() == 0


def test_endpoint_touches_no_session(site, post, client, django_assert_max_num_queries):
    # Site, pages, view restrictions, insert (plus savepoint handling): no session or
    # user query.
    with django_assert_max_num_queries(6) as queries:
        assert_empty_204(post(share(site.article)))
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "django_session" not in sql and "auth_user" not in sql


def test_schema_is_published(client):
    response = client.get("/darksocial/schema/?format=json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert list(schema["paths"]) == ["/darksocial/events/"]
    operation = schema["paths"]["/darksocial/events/"]["post"]
    assert set(operation["requestBody"]["content"]) == {"application/json", "text/plain"}
    body = operation["requestBody"]["content"]["text/plain"]["schema"]
    single, batch = body["oneOf"]
    assert [s["title"] for s in single["oneOf"]] == ["ShareEvent", "CopyEvent", "ArrivalEvent"]
    assert batch["maxItems"] == 20
    assert set(operation["responses"]) == {"204", "400", "413", "415", "429"}


@override_settings(WAGTAIL_DARKSOCIAL={"MAX_BATCH": 5})
def test_schema_follows_max_batch(client):
    schema = json.loads(client.get("/darksocial/schema/?format=json").content)
    body = schema["paths"]["/darksocial/events/"]["post"]["requestBody"]["content"]
    assert body["application/json"]["schema"]["oneOf"][1]["maxItems"] == 5


def test_cached_pages_expire(site, post, monkeypatch):
    """Live pages are cached per process for ``lookups.TTL`` seconds, then looked up again."""
    from wagtail_darksocial.tracking.api import lookups

    assert post(copy(site.article)).status_code == 204
    type(site.article).objects.filter(pk=site.article.pk).update(live=False)
    assert post(copy(site.article)).status_code == 204  # still cached
    later = lookups.time.monotonic() + lookups.TTL + 1
    monkeypatch.setattr(lookups.time, "monotonic", lambda: later)
    response = post(copy(site.article))
    assert response.status_code == 204  # dropped, like any page that is not live
    assert Event.objects.count() == 2


def test_site_changes_are_seen_at_once(site, post):
    assert post(copy(site.home)).status_code == 204
    site.site.root_page = site.article
    site.site.save()
    assert post(copy(site.home)).status_code == 204  # dropped: no longer in the site
    assert post(copy(site.article)).status_code == 204
    assert list(Event.objects.values_list("page_id", flat=True)) == [
        site.home.pk,
        site.article.pk,
    ]


# A fresh process whose first schema requests arrive on 16 threads at once, as on a
# gunicorn gthread worker just started: drf-spectacular's lazy extension loading raced.
FIRST_SCHEMA_REQUESTS_AT_ONCE = """
import threading, django
django.setup()
from django.test import RequestFactory
from wagtail_darksocial.tracking.api.schema import SchemaView
view, barrier, statuses = SchemaView.as_view(), threading.Barrier(16), []
def hit():
    request = RequestFactory().get("/darksocial/schema/", {"format": "json"})
    barrier.wait()
    try:
        statuses.append(view(request).render().status_code)
    except Exception as error:
        statuses.append(type(error).__name__)
threads = [threading.Thread(target=hit) for _ in range(16)]
[thread.start() for thread in threads]
[thread.join() for thread in threads]
print(sorted(map(str, statuses)))
"""


def test_a_new_process_answers_concurrent_first_schema_requests():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", FIRST_SCHEMA_REQUESTS_AT_ONCE],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == str(["200"] * 16), result.stderr[-2000:]
