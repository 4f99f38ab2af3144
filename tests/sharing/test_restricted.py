"""Pages behind a view restriction get no share bar, head tags or script (issue 9)."""

import pytest
from django.test import override_settings
from wagtail.models import Page, PageViewRestriction

from wagtail_darksocial import restrictions

BAR = 'data-darksocial="bar"'


@pytest.fixture(autouse=True)
def _fresh_restrictions():
    restrictions.clear()
    yield
    restrictions.clear()


def unlock(client, page, password):
    """Pass the password form as a reader would."""
    restriction = PageViewRestriction.objects.get(page__in=page.get_ancestors(inclusive=True))
    url = f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    client.post(url, {"password": password, "return_url": page.url})


@pytest.mark.parametrize("on", ["page", "ancestor"])
def test_password_protected_page_gets_no_bar(client, tagged_page, on):
    protected = tagged_page if on == "page" else Page.objects.get(pk=tagged_page.get_parent().pk)
    PageViewRestriction.objects.create(page=protected, restriction_type="password", password="pw")
    unlock(client, tagged_page, "pw")
    response = client.get(tagged_page.url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Tagged" in body  # the page itself is shown...
    assert "data-darksocial" not in body  # ...without the bar, tags or script
    assert "wagtail_darksocial/darksocial.js" not in body


def protect(client, page):
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="pw")
    unlock(client, page, "pw")


def test_restricted_article_gets_no_injected_bar(client, article):
    protect(client, article)
    body = client.get(article.url).content.decode()
    assert "<article>" in body and BAR not in body


def test_restricted_pages_can_be_shared_by_setting(client, article):
    protect(client, article)
    with override_settings(WAGTAIL_DARKSOCIAL={"TRACK_RESTRICTED_PAGES": True}):
        assert BAR in client.get(article.url).content.decode()


def test_unrestricted_sibling_keeps_its_bar(client, article, tagged_page):
    protect(client, tagged_page)
    assert BAR in client.get(article.url).content.decode()
