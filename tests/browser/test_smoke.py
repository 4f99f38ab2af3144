import pytest

from example_site.demo.models import ArticlePage

pytestmark = pytest.mark.browser


def test_demo_article_opens_in_chromium(live_demo_site, live_server, browser_page):
    article = ArticlePage.objects.filter(locale__language_code="en").exclude(slug="update").first()
    response = browser_page.goto(live_server.url + article.url)
    assert response.status == 200
    assert browser_page.locator("h1").inner_text() == article.title
    assert browser_page.locator("article h2").count() >= 3
    hero = browser_page.locator("img.hero")
    assert hero.evaluate("img => img.complete && img.naturalWidth > 0")
    assert browser_page.context.offsite_requests == []
