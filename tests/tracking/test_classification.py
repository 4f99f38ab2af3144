"""Arrival classification, as a table, through the endpoint and on its own."""

import pytest

from wagtail_darksocial.models import Event
from wagtail_darksocial.tracking.classify import classify_arrival, referrer_kind

from .conftest import arrival

TOKEN = "Shared0001"

# (page: "article" | "home", fields sent, expected (class, channel) or None = not stored)
TABLE = [
    ("token", "article", {"token": TOKEN}, ("tagged", "")),
    ("token+source", "article", {"token": TOKEN, "source": "whatsapp"}, ("tagged", "whatsapp")),
    ("token on home", "home", {"token": TOKEN}, ("tagged", "")),
    ("token, social ref", "article", {"token": TOKEN, "referrer": "t.co"}, ("tagged", "")),
    (
        "utm only",
        "article",
        {"source": "email", "campaign": "darksocial"},
        ("tagged", "email"),
    ),
    (
        "utm case",
        "article",
        {"source": "WhatsApp", "campaign": "DarkSocial"},
        ("tagged", "whatsapp"),
    ),
    ("utm, other campaign", "article", {"source": "email", "campaign": "spring"}, ("dark", "")),
    (
        "utm, unknown source",
        "article",
        {"source": "newsletter", "campaign": "darksocial"},
        ("dark", ""),
    ),
    ("utm, no campaign", "article", {"source": "email"}, ("dark", "")),
    ("no referrer", "article", {}, ("dark", "")),
    ("no referrer, home", "home", {}, None),
    ("internal", "article", {"referrer": "testserver"}, None),
    ("internal, home", "home", {"referrer": "testserver"}, None),
    ("internal with port", "article", {"referrer": "testserver:80"}, None),
    ("referral with port", "article", {"referrer": "blog.example.org:8443"}, ("referral", "")),
    ("search with port", "article", {"referrer": "www.google.com:443"}, ("search", "google")),
    ("facebook", "article", {"referrer": "lm.facebook.com"}, ("social", "facebook")),
    ("messenger.com", "article", {"referrer": "www.messenger.com"}, ("dark", "messenger")),
    ("t.co", "article", {"referrer": "t.co"}, ("social", "x")),
    ("hacker news", "home", {"referrer": "news.ycombinator.com"}, ("social", "hackernews")),
    ("mastodon", "article", {"referrer": "mastodon.social"}, ("social", "mastodon")),
    ("google.de", "article", {"referrer": "www.google.de"}, ("search", "google")),
    ("google.co.uk", "article", {"referrer": "google.co.uk"}, ("search", "google")),
    ("duckduckgo", "article", {"referrer": "duckduckgo.com"}, ("search", "duckduckgo")),
    ("brave", "article", {"referrer": "search.brave.com"}, ("search", "brave")),
    ("yahoo", "article", {"referrer": "uk.search.yahoo.com"}, ("search", "yahoo")),
    ("docs.google", "article", {"referrer": "docs.google.com"}, ("referral", "")),
    ("notfacebook", "article", {"referrer": "notfacebook.com"}, ("referral", "")),
    ("blog", "home", {"referrer": "blog.example.org"}, ("referral", "")),
]


@pytest.mark.parametrize(
    ("page", "fields", "expected"), [t[1:] for t in TABLE], ids=[t[0] for t in TABLE]
)
def test_classification_table(site, post, page, fields, expected):
    target = site.article if page == "article" else site.home
    response = post(arrival(target, **{"referrer": "", **fields}))
    assert response.status_code == 204
    rows = list(Event.objects.values_list("arrival_class", "channel", "token"))
    if expected is None:
        assert rows == []
    else:
        assert rows == [(*expected, fields.get("token", ""))]


def test_french_home_is_a_home(site, post):
    assert post(arrival(site.fr_home)).status_code == 204
    assert not Event.objects.exists()


def test_per_site_campaign_overrides_the_default(site, post):
    from wagtail_darksocial.models import ShareSettings

    ShareSettings.objects.create(site=site.site, utm_campaign="readers")
    post(arrival(site.article, source="sms", campaign="darksocial"))
    post(arrival(site.article, source="sms", campaign="readers"))
    assert list(Event.objects.order_by("pk").values_list("arrival_class", "channel")) == [
        ("dark", ""),
        ("tagged", "sms"),
    ]


def test_campaign_setting_is_the_fallback(site, post, settings):
    settings.WAGTAIL_DARKSOCIAL = {"UTM_CAMPAIGN": "readers"}
    post(arrival(site.article, source="sms", campaign="readers"))
    assert Event.objects.get().arrival_class == "tagged"


def test_internal_arrival_in_a_batch_drops_only_itself(site, post):
    batch = [arrival(site.article, referrer="testserver"), arrival(site.article, referrer="t.co")]
    assert post(batch).status_code == 204
    assert list(Event.objects.values_list("arrival_class", flat=True)) == ["social"]


def test_site_campaign_is_only_looked_up_when_needed():
    def explode():
        raise AssertionError("asked for the campaign")

    verdict = classify_arrival(
        referrer="",
        token=TOKEN,
        source="",
        campaign="",
        own_hosts=set(),
        is_home=False,
        site_campaign=explode,
    )
    assert verdict == ("tagged", "")


@pytest.mark.parametrize(
    ("host", "kind"),
    [
        ("m.facebook.com", ("social", "facebook")),
        ("l.facebook.com", ("social", "facebook")),
        ("out.reddit.com", ("social", "reddit")),
        ("www.linkedin.com", ("social", "linkedin")),
        ("lnkd.in", ("social", "linkedin")),
        ("t.co", ("social", "x")),
        ("bsky.app", ("social", "bluesky")),
        ("www.messenger.com", ("dark", "messenger")),
        ("web.whatsapp.com", ("dark", "whatsapp")),
        ("web.telegram.org", ("dark", "telegram")),
        ("android-app://com.whatsapp", ("dark", "whatsapp")),
        ("com.whatsapp", ("referral", "")),
        ("www.instagram.com", ("social", "instagram")),
        ("www.bing.com", ("search", "bing")),
        ("yandex.ru", ("search", "yandex")),
        ("www.google.com.au", ("search", "google")),
        ("google.example.com", ("referral", "")),
        ("mail.google.com", ("dark", "email")),
        ("android-app://com.slack", ("dark", "slack")),
        ("android-app://", ("referral", "")),
        ("example.com", ("referral", "")),
        ("notx.com", ("referral", "")),
        ("localhost", ("referral", "")),
    ],
)
def test_referrer_kinds(host, kind):
    assert referrer_kind(host) == kind
