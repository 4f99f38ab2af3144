import json

import pytest
from django.core.cache import cache

from example_site.demo.models import ArticlePage, HomePage
from tests.testapp.models import BarePage, TaggedPage

WORDS = (
    "Readers paste links into private messages every single day and those visits "
    "arrive without a referrer so analytics books them as direct traffic instead."
)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached site settings and Wagtail's root paths must not leak between databases."""
    cache.clear()
    yield
    cache.clear()


def add_page(model, **fields):
    home = HomePage.objects.get(locale__language_code="en")
    page = home.add_child(instance=model(**fields))
    page.save_revision().publish()
    return page


@pytest.fixture
def article(demo_site):
    return ArticlePage.objects.filter(locale__language_code="en").exclude(slug="update").first()


@pytest.fixture
def tagged_page(demo_site):
    return add_page(TaggedPage, title="Tagged “page”", slug="tagged", body=WORDS)


@pytest.fixture
def bare_page(demo_site):
    return add_page(BarePage, title="Bare page", slug="bare", body=WORDS)


@pytest.fixture
def live_article(live_demo_site):
    return ArticlePage.objects.filter(locale__language_code="en").exclude(slug="update").first()


@pytest.fixture
def live_tagged_page(live_demo_site):
    return add_page(TaggedPage, title="Tagged “page”", slug="tagged", body=WORDS)


@pytest.fixture
def events(browser_context):
    """Events the page posts to the events endpoint, parsed; each answered with 204."""
    received = []

    def record(route):
        received.append(json.loads(route.request.post_data))
        route.fulfill(status=204)

    browser_context.route("**/darksocial/events/", record)
    return received
