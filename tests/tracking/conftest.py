"""A small bilingual Wagtail site and a client helper for the events endpoint."""

import json
from types import SimpleNamespace

import pytest
from django.core.cache import caches
from wagtail.models import Locale, Page, Site

from wagtail_darksocial.tracking.api import lookups

BROWSER_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)
EVENTS_URL = "/darksocial/events/"
BEACON = "text/plain;charset=UTF-8"


@pytest.fixture(autouse=True)
def fresh_caches():
    """Throttle counts and cached sites and pages must not leak between tests."""
    for cache in caches.all(initialized_only=True):
        cache.clear()
    lookups.clear()
    yield
    for cache in caches.all(initialized_only=True):
        cache.clear()
    lookups.clear()


def make_site(hostname="testserver", port=80):
    """A site with an English home and article, and a French home and article.

    Works on the migrated database and on an empty one (after a transactional flush).
    """
    en, _ = Locale.objects.get_or_create(language_code="en")
    fr, _ = Locale.objects.get_or_create(language_code="fr")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=en))
    home = root.add_child(instance=Page(title="Home", slug=f"home-{hostname}", locale=en))
    article = home.add_child(instance=Page(title="Article", slug="article", locale=en))
    draft = home.add_child(instance=Page(title="Draft", slug="draft", locale=en, live=False))
    fr_home = root.add_child(
        instance=Page(
            title="Accueil",
            slug=f"accueil-{hostname}",
            locale=fr,
            translation_key=home.translation_key,
        )
    )
    fr_article = fr_home.add_child(
        instance=Page(
            title="Article", slug="article", locale=fr, translation_key=article.translation_key
        )
    )
    Site.objects.filter(hostname=hostname, port=port).delete()
    is_default = not Site.objects.filter(is_default_site=True).exists()
    if hostname == "testserver":
        Site.objects.filter(is_default_site=True).delete()
        is_default = True
    site = Site.objects.create(
        hostname=hostname, port=port, root_page=home, is_default_site=is_default
    )
    return SimpleNamespace(
        site=site,
        home=home,
        article=article,
        draft=draft,
        fr_home=fr_home,
        fr_article=fr_article,
    )


@pytest.fixture
def site(db):
    return make_site()


def share(page, channel="whatsapp", token="Tok_en-001", **extra):  # noqa: S107
    return {"type": "share", "page": page.pk, "channel": channel, "token": token, **extra}


def copy(page, kind="quote", bucket="11-50"):
    return {"type": "copy", "page": page.pk, "kind": kind, "bucket": bucket}


def arrival(page, referrer="", **extra):
    return {"type": "arrival", "page": page.pk, "referrer": referrer, **extra}


@pytest.fixture
def post(client):
    """``post(payload, **headers)``: the payload is JSON-encoded unless it is bytes/str."""

    def send(payload, *, content_type=BEACON, **headers):
        if not isinstance(payload, bytes | str):
            payload = json.dumps(payload)
        headers.setdefault("HTTP_USER_AGENT", BROWSER_UA)
        return client.post(EVENTS_URL, payload, content_type=content_type, **headers)

    return send
