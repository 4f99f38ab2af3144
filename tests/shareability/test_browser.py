"""An editor improves the weak page's title in Chromium and watches the score change."""

import re

import pytest
from django.urls import reverse

from example_site.demo.models import ArticlePage

from .conftest import GOOD_TITLE

pytestmark = pytest.mark.browser


WAGTAIL_OWN = re.compile(r"^https?://(www\.gravatar\.com|releases\.wagtail\.org)/")
SCORE_ABOVE = (
    "before => Number(document.querySelector('[data-darksocial-score]')"
    "?.dataset.darksocialScore) > before"
)


def open_weak_page_editor(page, live_server):
    """Log in through Wagtail's form, open the weak page and its Checks panel."""
    page.goto(live_server.url + reverse("wagtailadmin_login"))
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "darksocial-demo")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + reverse("wagtailadmin_home"))
    weak = ArticlePage.objects.get(slug="update", locale__language_code="en")
    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[weak.pk]))
    page.click('[data-side-panel-toggle="checks"]')
    score = page.locator("[data-darksocial-score]")
    score.wait_for(state="visible")
    before = int(score.get_attribute("data-darksocial-score"))
    assert before < 50
    assert page.locator('[data-darksocial-check="title"]').get_attribute("data-status") == "poor"
    return before


def assert_improved_title_is_shown(page):
    assert page.locator('[data-darksocial-check="title"]').get_attribute("data-status") == "good"
    assert page.locator(".darksocial-preview__title").first.inner_text() == GOOD_TITLE
    # Wagtail's admin itself asks Gravatar and releases.wagtail.org; the panel asks no one.
    offsite = [url for url in page.context.offsite_requests if not WAGTAIL_OWN.search(url)]
    assert offsite == []


def test_saving_a_better_title_updates_the_panel(live_demo_site, live_server, browser_page):
    page = browser_page
    before = open_weak_page_editor(page, live_server)
    page.fill("#id_title", GOOD_TITLE)
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_function(SCORE_ABOVE, arg=before)
    assert_improved_title_is_shown(page)


def test_an_autosave_refreshes_the_panel_in_place(live_demo_site, live_server, browser_page):
    page = browser_page
    # Wagtail autosaves edits made after it has read the form, about 2 s after loading
    # (it may read it twice in a row): wait for that, plus a margin.
    page.add_init_script(
        "document.addEventListener('w-unsaved:watch-edits', () => { window.watching = true })"
    )
    before = open_weak_page_editor(page, live_server)
    page.wait_for_function("window.watching === true")
    page.wait_for_timeout(1000)
    page.evaluate("window.darksocialSameDocument = true")
    page.fill("#id_title", GOOD_TITLE)  # Wagtail autosaves; the controller re-fetches
    page.wait_for_function(SCORE_ABOVE, arg=before)
    assert page.evaluate("window.darksocialSameDocument") is True  # no reload
    assert_improved_title_is_shown(page)
