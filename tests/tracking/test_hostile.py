"""Hostile and broken requests: each gets its documented status and stores nothing."""

import io
import json

import pytest
from django.core.handlers.wsgi import LimitedStream
from wagtail.models import Page, Site

from wagtail_darksocial.models import Event
from wagtail_darksocial.tracking.api.views import EventsView

from .conftest import BROWSER_UA, EVENTS_URL, arrival, copy, share

GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def detail(response):
    return json.loads(response.content)["detail"]


def assert_refused(response, status, *words):
    assert response.status_code == status, response.content
    assert Event.objects.count() == 0
    if status != 204:
        message = detail(response)
        for word in words:
            assert word in message, message
    else:
        assert response.content == b""


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("{not json", ["not valid JSON"]),
        ("   ", ["empty"]),
        ("null", ["event object or an array"]),
        ("42", ["event object or an array"]),
        ('"share"', ["event object or an array"]),
        ("[]", ["empty"]),
        ("[1]", ["Event 0", "JSON object"]),
        ('{"type": "share", "type": "copy"}', ["duplicate key"]),
        ('{"type": "copy", "page": NaN}', ["not valid JSON"]),
        ('{"type": "copy", "page": 1e999}', ["Event 0", "'page'", "integer"]),
        ("[" * 8000, ["nests too deeply"]),
        ('[{"a": [1]}]', ["nests too deeply"]),
        ('{"type": "copy", "page": 1' + "0" * 5000 + "}", ["not valid JSON"]),
    ],
)
def test_malformed_bodies(site, post, body, words):
    assert_refused(post(body), 400, *words)


def test_invalid_utf8(site, post):
    assert_refused(post(b'{"type": "\xff"}'), 400, "UTF-8")


def event_cases():
    """(name, make(site) -> payload, words expected in the detail)."""
    return [
        ("bool page", lambda s: {**copy(s.article), "page": True}, ["'page'", "integer"]),
        ("string page", lambda s: {**copy(s.article), "page": str(s.article.pk)}, ["'page'"]),
        ("float page", lambda s: {**copy(s.article), "page": 1.0}, ["'page'"]),
        ("zero page", lambda s: {**copy(s.article), "page": 0}, ["'page'"]),
        ("huge page", lambda s: {**copy(s.article), "page": 2**63}, ["'page'"]),
        (
            "unknown field",
            lambda s: {**copy(s.article), "text": "secret"},
            ["'text'", "not a field"],
        ),
        (
            "missing field",
            lambda s: {"type": "copy", "page": s.article.pk, "kind": "text"},
            ["'bucket'", "required"],
        ),
        (
            "unknown type",
            lambda s: {**copy(s.article), "type": "click"},
            ["'type'", "share, copy, arrival"],
        ),
        ("missing type", lambda s: {"page": s.article.pk}, ["'type'"]),
        (
            "unknown channel",
            lambda s: share(s.article, channel="myspace"),
            ["'channel'", "whatsapp"],
        ),
        ("channel case", lambda s: share(s.article, channel="WhatsApp"), ["'channel'"]),
        ("short token", lambda s: share(s.article, token="abc"), ["'token'", "10 characters"]),
        ("token charset", lambda s: share(s.article, token="abcdefghi!"), ["'token'"]),
        ("null token", lambda s: share(s.article, token=None), ["'token'"]),
        ("bad parent", lambda s: share(s.article, parent="x" * 11), ["'parent'"]),
        ("bad arrival token", lambda s: arrival(s.article, token=""), ["'token'"]),
        ("bad kind", lambda s: copy(s.article, kind="image"), ["'kind'"]),
        ("bad bucket", lambda s: copy(s.article, bucket="1-1000"), ["'bucket'"]),
        ("number source", lambda s: arrival(s.article, source=5), ["'source'"]),
        ("number campaign", lambda s: arrival(s.article, campaign=5), ["'campaign'"]),
        (
            "copy text field",
            lambda s: {**copy(s.article), "selection": "quoted words"},
            ["'selection'"],
        ),
        (
            "referrer scheme",
            lambda s: arrival(s.article, referrer="https://www.google.com"),
            ["'referrer'"],
        ),
        (
            "referrer path",
            lambda s: arrival(s.article, referrer="example.com/page?q=1"),
            ["'referrer'"],
        ),
        (
            "referrer query",
            lambda s: arrival(s.article, referrer="example.com?q=1"),
            ["'referrer'"],
        ),
        (
            "referrer bad port",
            lambda s: arrival(s.article, referrer="example.com:http"),
            ["'referrer'"],
        ),
        ("referrer long", lambda s: arrival(s.article, referrer="a" * 254), ["'referrer'"]),
        ("missing referrer", lambda s: {"type": "arrival", "page": s.article.pk}, ["'referrer'"]),
    ]


@pytest.mark.parametrize(
    ("make", "words"), [c[1:] for c in event_cases()], ids=[c[0] for c in event_cases()]
)
def test_invalid_event_is_rejected_with_index_and_field(site, post, make, words):
    batch = [share(site.article), copy(site.article), make(site)]
    assert_refused(post(batch), 400, "Event 2", *words)


def test_single_invalid_event_is_index_0(site, post):
    assert_refused(post(copy(site.article, bucket="lots")), 400, "Event 0, field 'bucket'")


def test_page_of_another_site(site, post, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "other.example"]
    root = Page.get_first_root_node()
    other_home = root.add_child(instance=Page(title="Other", slug="other"))
    other_page = other_home.add_child(instance=Page(title="Elsewhere", slug="elsewhere"))
    Site.objects.create(hostname="other.example", port=80, root_page=other_home)
    # Dropped like an unknown page's event; the batch's valid event is kept.
    assert post([copy(site.article), copy(other_page)]).status_code == 204
    assert post(copy(other_home)).status_code == 204
    assert [event.page_id for event in Event.objects.all()] == [site.article.pk]
    # ...while the other site accepts it.
    response = post(copy(other_page), HTTP_HOST="other.example")
    assert response.status_code == 204
    assert Event.objects.get(page=other_page).site.hostname == "other.example"


def test_batch_over_max_batch(site, post):
    assert_refused(post([copy(site.article)] * 21), 400, "21", "at most 20")


def body_of_size(site, size):
    payload = json.dumps([copy(site.article)])
    return payload + " " * (size - len(payload))


def test_body_at_the_limit_is_accepted(site, post):
    response = post(body_of_size(site, 8192))
    assert response.status_code == 204
    assert Event.objects.count() == 1


def test_body_over_the_limit(site, post):
    assert_refused(post(body_of_size(site, 8193)), 413, "8192")
    assert_refused(post("[" * 10_000), 413)


def test_body_longer_than_its_content_length(site, rf):
    """A Content-Length that lies low: the bytes actually read count too."""
    body = body_of_size(site, 9000).encode()
    request = rf.post(EVENTS_URL, body, content_type="text/plain", HTTP_USER_AGENT=BROWSER_UA)
    request.META["CONTENT_LENGTH"] = "100"
    request._stream = LimitedStream(io.BytesIO(body), len(body))
    response = EventsView.as_view()(request)
    assert response.status_code == 413
    assert Event.objects.count() == 0


@pytest.mark.parametrize("method", ["get", "put", "delete", "patch"])
def test_other_methods(site, client, method):
    response = getattr(client, method)(EVENTS_URL)
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]


@pytest.mark.parametrize(
    "content_type",
    [
        "text/html",
        "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded",
        "text/plain; charset=latin-1",
        "",
    ],
)
def test_other_content_types(site, post, content_type):
    assert_refused(post(share(site.article), content_type=content_type), 415)


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_USER_AGENT": GOOGLEBOT},
        {"HTTP_USER_AGENT": "python-requests/2.32"},
        {"HTTP_USER_AGENT": ""},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_SEC_FETCH_SITE": "none"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver.evil.example"},
        {"HTTP_SEC_GPC": "1"},
        {"HTTP_DNT": "1"},
    ],
    ids=lambda headers: ",".join(f"{k}={v[:12]}" for k, v in headers.items()),
)
def test_silently_dropped(site, post, headers):
    assert_refused(post(share(site.article), **headers), 204)


def test_silent_drops_happen_before_the_body_is_read(site, post):
    assert_refused(post("{garbage", HTTP_SEC_GPC="1"), 204)


def test_privacy_signals_can_be_ignored_by_setting(site, post, settings):
    settings.WAGTAIL_DARKSOCIAL = {"HONOUR_PRIVACY_SIGNALS": False}
    response = post(share(site.article), HTTP_DNT="1", HTTP_SEC_GPC="1")
    assert response.status_code == 204
    assert Event.objects.count() == 1


def test_origin_of_another_wagtail_site_is_same_site(site, post):
    Site.objects.create(hostname="www.example.org", port=443, root_page=site.home)
    response = post(share(site.article), HTTP_ORIGIN="https://www.example.org")
    assert response.status_code == 204
    assert Event.objects.count() == 1


def test_no_site_for_the_host(site, post):
    Site.objects.all().delete()
    assert_refused(post(share(site.article)), 400, "site")
