"""In Chromium: the dashboard on a phone and on a desktop, saved as screenshots.

Each profile is one page load that checks that nothing overlaps or is cut off: the
filter fields' boxes, the panel headings, the tables. Screenshots go to
``DARKSOCIAL_ARTIFACTS`` (default: pytest's temporary directory) for a human to look at.
``DARKSOCIAL_SCREENSHOT_MATRIX=1`` also saves every theme and language combination.
"""

import datetime
import os
import pathlib

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import formats, translation
from wagtail.users.models import UserProfile

from wagtail_darksocial import channels
from wagtail_darksocial.models import SiteDailyRollup
from wagtail_darksocial.reports.stats import Filters, Report

pytestmark = pytest.mark.browser

DASHBOARD = reverse("wagtail_darksocial_admin:dashboard")
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
    "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
# (name, context options, admin theme, language): phone dark French, desktop light English.
PROFILES = [("phone-dark-fr", PHONE, "dark", "fr"), ("desktop-light-en", DESKTOP, "light", "en")]
MATRIX = os.environ.get("DARKSOCIAL_SCREENSHOT_MATRIX") == "1"
if MATRIX:
    PROFILES = [
        (f"{device}-{theme}-{language}", options, theme, language)
        for device, options in (("phone", PHONE), ("desktop", DESKTOP))
        for theme in ("light", "dark")
        for language in ("en", "fr")
    ]

FILTERS_BUTTON = {"en": "Show filters", "fr": "Afficher les filtres"}
# Overlap between two boxes, the filter fields' or anything else's, in CSS pixels.
OVERLAPS = """
(selector) => {
    const boxes = [...document.querySelectorAll(selector)].map((el) => el.getBoundingClientRect());
    const hits = [];
    boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b, j) => {
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 0.5 && y > 0.5) hits.push([i, i + j + 1]);
    }));
    return {count: boxes.length, hits};
}
"""
# Elements whose content is wider than their box and not scrollable: clipped text.
CLIPPED = """
(selector) => [...document.querySelectorAll(selector)]
    .filter((el) => el.scrollWidth > el.clientWidth + 1)
    .map((el) => el.textContent.trim().slice(0, 60))
"""


OUTSIDE = """
() => [...document.querySelectorAll("#listing-results *")]
    .filter((el) => !el.closest(".darksocial-table-scroll, .w-sr-only"))
    .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
    .map((el) => el.outerHTML.slice(0, 80))
"""


def artifacts_dir(tmp_path):
    path = pathlib.Path(os.environ.get("DARKSOCIAL_ARTIFACTS") or tmp_path / "artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


def screenshot(page, path, full=True):
    """The whole page: Wagtail's admin scrolls an inner element, so grow the viewport."""
    if not full:
        page.screenshot(path=path)
        return
    viewport = page.viewport_size
    height = page.evaluate(
        "Math.max(...[...document.querySelectorAll('body, body *')].map((el) => el.scrollHeight))"
    )
    page.set_viewport_size({"width": viewport["width"], "height": max(height, viewport["height"])})
    page.screenshot(path=path, full_page=True)
    page.set_viewport_size(viewport)


def busy_month(site):
    """Thirty days of shares on every channel, so the charts must fold series into "Other"."""
    today = datetime.date.today()
    SiteDailyRollup.objects.filter(site=site).delete()
    rows = []
    for n in range(30 + 14):  # and the 14 days before, so no day is a spike
        day = today - datetime.timedelta(days=n)
        for index, channel in enumerate(channels.NAMES):
            count = (n * (index + 3)) % 17 if n % 9 else 0  # some zero days
            rows.append(
                SiteDailyRollup(
                    day=day, site=site, event_type="share", channel=channel, count=count
                )
            )
            rows.append(
                SiteDailyRollup(
                    day=day,
                    site=site,
                    event_type="arrival",
                    channel=channel,
                    arrival_class="tagged",
                    count=count // 2,
                )
            )
        for arrival_class, count in (("dark", 40 + n % 7 * 9), ("social", 12 + n % 5)):
            rows.append(
                SiteDailyRollup(
                    day=day,
                    site=site,
                    event_type="arrival",
                    arrival_class=arrival_class,
                    count=count,
                )
            )
    SiteDailyRollup.objects.bulk_create(rows)


def test_dashboard_layout_on_phone_and_desktop(
    transactional_db, live_server, browser, dataset, settings, tmp_path
):
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None
    busy_month(dataset.site_a)
    user = get_user_model().objects.create_superuser("chief", "chief@example.com", "pw")
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    out = artifacts_dir(tmp_path)
    profile = UserProfile.get_for_user(user)

    week = Report(Filters.last_days(dataset.site_a, 7)).headline
    for name, options, theme, language in PROFILES:
        profile.theme, profile.preferred_language = theme, language
        profile.save()
        context = browser.new_context(**options)
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )
        try:
            page = context.new_page()
            page.goto(f"{live_server.url}{DASHBOARD}")
            screenshot(page, out / f"dashboard-{name}.png")

            # The filters are in the header's "Filter by" menu, as in Wagtail's reports:
            # its entries never overlap, and each field fits in its submenu.
            page.get_by_role("button", name=FILTERS_BUTTON[language]).click()
            menu = page.locator("#filters-drilldown .w-drilldown__menu")
            menu.wait_for()
            toggles = page.evaluate(OVERLAPS, "#filters-drilldown .w-drilldown__toggle")
            assert toggles["count"] >= 4 and toggles["hits"] == [], f"{name}: filters overlap"
            menu.locator(".w-drilldown__toggle").first.click()  # Site
            site = page.locator("#filters-drilldown select[name=site]")
            site.wait_for()
            box = page.locator(
                "#filters-drilldown .w-drilldown__submenu:not([hidden])"
            ).bounding_box()
            field = site.bounding_box()
            assert (
                box["x"] <= field["x"] and field["x"] + field["width"] <= box["x"] + box["width"]
            )
            screenshot(page, out / f"dashboard-{name}-filters.png", full=False)
            page.keyboard.press("Escape")

            assert page.evaluate(CLIPPED, ".w-panel__heading, .darksocial-figures dt") == [], name
            # Nothing reaches past the screen's edge, except inside a scrolling table box.
            assert page.evaluate(OUTSIDE) == [], f"{name}: cut off at the screen's edge"
            for chart in page.locator("svg.darksocial-chart").all():
                assert chart.locator("polyline").count() <= 5, name
            # "Show the data as a table" is a disclosure: closed, then open.
            summary = page.locator(".darksocial-data summary").first
            assert summary.evaluate("(el) => getComputedStyle(el).cursor") == "pointer"
            assert not summary.locator("xpath=..").evaluate("(el) => el.open")
            summary.click()
            assert summary.locator("xpath=..").evaluate("(el) => el.open")
            if name.startswith("desktop") or MATRIX:
                # The admin home panel: a heading, the totals beside the percentages.
                page.goto(f"{live_server.url}{reverse('wagtailadmin_home')}")
                panel = page.locator("#darksocial-summary-section")
                assert panel.locator(".w-panel__heading").is_visible()
                assert (
                    page.evaluate(CLIPPED, "#darksocial-summary-section .w-panel__heading") == []
                )
                text = panel.inner_text()
                with translation.override(language):
                    total, dark = (
                        formats.number_format(n, force_grouping=True)
                        for n in (week.total, week.dark_social)
                    )
                base = {"en": f"of {total} social arrivals", "fr": f"de {total} visites sociales"}
                assert base[language] in text, text
                assert dark in text, text
                panel.screenshot(path=out / f"home-panel-{name}.png")
            if name.startswith("phone"):
                # Settings › Dark social sharing: its "Default (…)" selects, with long
                # labels, stayed as wide as their text and ran past a phone's edge.
                page.goto(f"{live_server.url}/admin/settings/wagtail_darksocial/sharesettings/")
                fields = page.locator("form .w-field").all()
                assert len(fields) >= 5
                widest = max(
                    field.bounding_box()["x"] + field.bounding_box()["width"] for field in fields
                )
                assert widest <= options["viewport"]["width"], f"{name}: settings form cut off"
                screenshot(page, out / f"share-settings-{name}.png")
        finally:
            context.close()
