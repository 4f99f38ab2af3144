"""Property-based fuzzing: whatever arrives, the endpoint never answers 5xx.

Schemathesis generates valid and schema-violating requests from the published OpenAPI
schema; plain Hypothesis adds arbitrary JSON, bytes and headers. Both go through
Django's test client, inside the test's transaction.
"""

import contextlib
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wagtail_darksocial.conf import get_setting
from wagtail_darksocial.models import Event

from .conftest import BROWSER_UA, EVENTS_URL

schemathesis = pytest.importorskip("schemathesis")

EXPECTED = {204, 400, 413, 415, 429}
FUZZ = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
    database=None,
)


@pytest.fixture
def operation(client):
    raw = json.loads(client.get("/darksocial/schema/?format=json").content)
    return schemathesis.openapi.from_dict(raw)[EVENTS_URL]["POST"]


@pytest.fixture
def unthrottled(settings):
    settings.WAGTAIL_DARKSOCIAL = {"THROTTLE_RATE": None}


def with_real_pages(value, page_ids):
    """Point generated page ids at real pages now and then, so events get stored too."""
    if isinstance(value, list):
        return [with_real_pages(item, page_ids) for item in value]
    if isinstance(value, dict):
        page = value.get("page")
        if type(page) is int and page % 3:
            value = {**value, "page": page_ids[page % len(page_ids)]}
    return value


def send(client, body, content_type, **headers):
    headers = {"HTTP_USER_AGENT": BROWSER_UA, **headers}
    response = client.generic("POST", EVENTS_URL, body, content_type=content_type, **headers)
    assert response.status_code < 500, response.content
    assert response.status_code in EXPECTED, (response.status_code, response.content)
    if response.status_code != 204:
        assert "detail" in json.loads(response.content)
    return response


@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_schemathesis_cases_never_5xx(site, client, operation, unthrottled, mode):
    page_ids = [site.article.pk, site.home.pk, site.fr_article.pk, site.draft.pk]
    strategy = operation.as_strategy(generation_mode=schemathesis.GenerationMode(mode))
    results = []

    @FUZZ
    @given(case=strategy)
    def run(case):
        body = case.body
        if isinstance(body, bytes):
            payload = body
        elif body is None or type(body).__name__ == "NotSet":
            payload = b""
        else:
            payload = json.dumps(with_real_pages(body, page_ids)).encode()
        response = send(client, payload, case.media_type or "application/json")
        results.append((response.status_code, len(payload), response.content[:200]))

    run()
    assert len(results) >= 250
    if mode == "positive":
        # The schema and the validator come from one definition: every request the
        # schema allows is accepted, unless it is larger than the body limit.
        limit = get_setting("MAX_BODY_BYTES")
        refused = [r for r in results if r[0] != 204 and not (r[0] == 413 and r[1] > limit)]
        assert refused == []
        assert Event.objects.exists()
    else:
        assert sum(status == 400 for status, _size, _detail in results) >= 100


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=30,
)
FIELDS = [
    "type",
    "page",
    "channel",
    "token",
    "parent",
    "kind",
    "bucket",
    "referrer",
    "source",
    "campaign",
    "text",
]
SCALARS = st.sampled_from(
    [
        "share",
        "copy",
        "arrival",
        "whatsapp",
        "quote",
        "1-10",
        "ABCDEFGHIJ",
        "t.co",
        "",
        "darksocial",
    ]
) | st.integers(-(2**70), 2**70)
event_like = st.dictionaries(st.sampled_from(FIELDS), SCALARS | json_values, max_size=8)
bodies = st.one_of(
    json_values.map(json.dumps),
    event_like.map(json.dumps),
    st.lists(event_like, min_size=0, max_size=25).map(json.dumps),
    st.binary(max_size=300).map(lambda b: b.decode("latin-1")),
    st.text(alphabet='[]{}",:0123456789 ', max_size=400),
)
content_types = st.sampled_from(
    [
        "text/plain;charset=UTF-8",
        "application/json",
        "text/plain; charset=latin-1",
        "text/html",
        "application/xml",
    ]
)
header_sets = st.fixed_dictionaries(
    {},
    optional={
        "HTTP_DNT": st.sampled_from(["1", "0", "yes"]),
        "HTTP_SEC_FETCH_SITE": st.sampled_from(["same-origin", "cross-site", "", "none"]),
        "HTTP_ORIGIN": st.sampled_from(
            ["http://testserver", "null", "http://[::1", "https://x.example", ""]
        ),
        "HTTP_USER_AGENT": st.sampled_from(["", "Googlebot/2.1", BROWSER_UA, "x" * 1000]),
        "CONTENT_LENGTH": st.sampled_from(["", "-1", "abc", "99999999"]),
    },
)


def test_arbitrary_requests_never_5xx(site, client, unthrottled):
    page_ids = [site.article.pk, site.home.pk]
    count = []

    @FUZZ
    @given(body=bodies, content_type=content_types, headers=header_sets)
    def run(body, content_type, headers):
        payload = body
        with contextlib.suppress(ValueError, RecursionError):
            payload = json.dumps(with_real_pages(json.loads(body), page_ids))
        response = send(client, payload.encode("utf-8", "surrogatepass"), content_type, **headers)
        count.append(response.status_code)

    run()
    assert len(count) >= 250
    assert {204, 400, 415} <= set(count)
