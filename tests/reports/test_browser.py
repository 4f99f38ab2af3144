"""In Chromium: log in through Wagtail's form, see the chart, download a CSV."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail_darksocial.models import SiteDailyRollup

from .test_layout import artifacts_dir, screenshot

pytestmark = pytest.mark.browser


def test_dashboard_in_chromium(transactional_db, live_server, browser_page, dataset, settings):
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None  # the admin's avatars would call gravatar.com
    get_user_model().objects.create_superuser("chief", "chief@example.com", "correct-horse")
    dashboard = reverse("wagtail_darksocial_admin:dashboard")
    page = browser_page

    page.goto(f"{live_server.url}{reverse('wagtailadmin_login')}?next={dashboard}")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "correct-horse")
    page.click("form button[type=submit]")
    page.wait_for_url(f"{live_server.url}{dashboard}")

    assert (
        "75% of your social traffic is dark" in page.locator("#darksocial-headline").inner_text()
    )
    chart = page.locator("svg#darksocial-chart-shares")
    assert chart.get_attribute("role") == "img"
    assert chart.locator("title").text_content() == "Shares per day, by channel"
    assert chart.bounding_box()["width"] > 300
    assert chart.locator("polyline").count() == 5

    with page.expect_download() as download_info:
        page.locator("#darksocial-top-shares-section").get_by_role("link", name="CSV").click()
    download = download_info.value
    assert download.suggested_filename.startswith("darksocial-top_shares-")
    with open(download.path(), encoding="utf-8") as csv_file:
        lines = csv_file.read().splitlines()
    assert lines[0] == '"Page","Page ID","Shares"'
    assert lines[1] == f'"\'=HYPERLINK(""x"")","{dataset.p2.pk}","4"'
    assert lines[2] == f'"<script>alert(1)</script>","{dataset.p1.pk}","3"'
    assert page.context.offsite_requests == []


def test_dashboard_shows_a_spike_in_chromium(
    transactional_db, live_server, browser_page, dataset, settings, tmp_path
):
    """Desktop, light theme: the spike line above the headline, the rest unchanged."""
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None
    SiteDailyRollup.objects.create(
        day=dataset.d2, site=dataset.site_a, event_type="share", channel="sms", count=500
    )
    get_user_model().objects.create_superuser("chief", "chief@example.com", "correct-horse")
    dashboard = reverse("wagtail_darksocial_admin:dashboard")
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 900})
    page.emulate_media(color_scheme="light")
    page.goto(f"{live_server.url}{reverse('wagtailadmin_login')}?next={dashboard}")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "correct-horse")
    page.click("form button[type=submit]")
    page.wait_for_url(f"{live_server.url}{dashboard}")

    spikes = page.locator(".darksocial-spikes")
    assert spikes.is_visible()
    assert "503 shares, against a median of 0 a day" in spikes.inner_text()
    assert spikes.bounding_box()["y"] < page.locator("#darksocial-headline").bounding_box()["y"]
    screenshot(page, artifacts_dir(tmp_path) / "dashboard-spike-desktop-light-en.png")
    assert page.context.offsite_requests == []
