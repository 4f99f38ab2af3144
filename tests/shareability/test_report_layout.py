"""In Chromium, on a phone: the Shareability report's table is usable (one page load)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from example_site.demo.models import ArticlePage
from tests.reports.test_layout import PHONE, artifacts_dir, screenshot
from wagtail_darksocial.shareability.service import score_page

pytestmark = pytest.mark.browser


def test_report_table_scrolls_and_titles_stay_readable_on_a_phone(
    transactional_db, live_server, browser, settings, live_demo_site, tmp_path
):
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None
    for page in ArticlePage.objects.all()[:3]:
        page.save_revision()
        score_page(page)
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("chief", "c@example.com", "pw"))
    context = browser.new_context(**PHONE)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    try:
        page = context.new_page()
        page.goto(live_server.url + reverse("wagtail_darksocial_admin:shareability_report"))
        screenshot(page, artifacts_dir(tmp_path) / "shareability-phone-light-en.png")
        table = page.locator("table.listing").first
        # The table scrolls inside its own box rather than running off the screen...
        assert table.evaluate("(el) => getComputedStyle(el).overflowX") == "auto"
        assert table.bounding_box()["width"] <= PHONE["viewport"]["width"]
        # ...and a title is not squeezed to a letter a line.
        title = page.locator("table.listing td.title").first
        assert title.bounding_box()["width"] >= 150
    finally:
        context.close()
