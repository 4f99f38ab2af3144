"""Reader behaviour on a phone (390×844, touch) and on a desktop, in a real Chromium.

One test per profile, two page loads each (CI time): the inline bar placed before the
content with brand colours and share counts, then the floating bar with the quote
popover. Each load also saves screenshots, light and dark, to the artifacts directory
(``DARKSOCIAL_ARTIFACTS``, default: under pytest's temporary directory).
"""

import datetime
import os
from pathlib import Path

import pytest

from tests.conftest import keep_on_live_server
from wagtail_darksocial.models import DailyRollup, ShareSettings

pytestmark = pytest.mark.browser

ANDROID_UA = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
PROFILES = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
        "user_agent": ANDROID_UA,
    },
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}
SHARE_STUB = "navigator.share = (data) => { window.shared = data; return Promise.resolve(); };"
# A selection made the way a phone's long press or selection handles make it: a DOM
# Range, which fires selectionchange and no mouse or key event. The event is queued, so
# the promise waits for it: the script's debounce timer must be set before the test
# moves the fake clock on.
SELECT_WITHOUT_MOUSE = """([selector, words]) => new Promise(resolve => {
  const node = document.querySelector(selector).firstChild;
  const range = document.createRange();
  range.setStart(node, 0);
  range.setEnd(node, node.data.split(" ").slice(0, words).join(" ").length);
  const r = range.getBoundingClientRect();
  const box = {x: r.x, y: r.y, width: r.width, height: r.height};
  document.addEventListener("selectionchange", () => resolve(box), {once: true});
  getSelection().removeAllRanges();
  getSelection().addRange(range);
})"""
# The script hides the popover on scroll: the scroll event must be in before selecting.
SCROLL_INTO_VIEW = """element => new Promise(resolve => {
  const before = scrollY;
  addEventListener("scroll", resolve, {once: true});
  element.scrollIntoView({block: "center"});
  if (scrollY === before) resolve();
})"""
CLEAR_SELECTION = """() => new Promise(resolve => {
  document.addEventListener("selectionchange", resolve, {once: true});
  getSelection().removeAllRanges();
})"""
TEXT = "article > p:not(.standfirst)"


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory):
    folder = os.environ.get("DARKSOCIAL_ARTIFACTS")
    path = Path(folder) if folder else tmp_path_factory.getbasetemp() / "artifacts"
    path.mkdir(parents=True, exist_ok=True)
    return path


def overlaps(a, b):
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def text_boxes(page):
    """Bounding boxes of the article's visible text blocks."""
    return page.eval_on_selector_all(
        "article :is(h1, h2, p, li, figcaption):not(.darksocial *)",
        "els => els.map(e => e.getBoundingClientRect().toJSON()).filter(r => r.width)",
    )


def shoot(page, artifacts, name):
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.screenshot(path=artifacts / f"{name}-{scheme}.png")
    page.emulate_media(color_scheme="light")


@pytest.mark.parametrize("profile", PROFILES)
def test_reader_journey(profile, live_article, live_server, browser, artifacts):
    phone = profile == "phone"
    site = live_article.get_site()
    settings_row = ShareSettings.objects.create(
        site=site, bar_position="before", button_style="brand", share_counts=True
    )
    DailyRollup.objects.create(
        day=datetime.date(2026, 1, 1),
        site=site,
        page=live_article,
        event_type="share",
        channel="whatsapp",
        count=1234,
    )
    context = browser.new_context(
        permissions=["clipboard-read", "clipboard-write"], **PROFILES[profile]
    )
    keep_on_live_server(context, live_server)
    context.route("**/darksocial/events/", lambda route: route.fulfill(status=204))
    context.add_init_script(SHARE_STUB)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.clock.install()
    url = live_server.url + live_article.url

    # 1. Inline bar before the content, brand colours, share count.
    page.goto(url)
    page.wait_for_function("document.readyState == 'complete'")
    bar = page.locator("[data-darksocial=bar]")
    assert bar.bounding_box()["y"] < page.locator(TEXT).first.bounding_box()["y"]
    assert "darksocial--brand" in bar.get_attribute("class")
    assert bar.locator(".darksocial-count").inner_text() == "Shared 1.2k times"
    first = bar.locator("li:not(:has(> [hidden])) > [data-ds]").first.get_attribute("data-ds")
    assert first == ("native" if phone else "whatsapp")  # the share sheet leads on touch
    label = bar.locator("[data-ds=whatsapp] .darksocial-text")
    assert label.is_visible() == phone  # visible names on touch, tooltips on desktop
    white = bar.locator("[data-ds=whatsapp]").evaluate("b => getComputedStyle(b).color")
    assert white == "rgb(255, 255, 255)"
    bar_box = bar.bounding_box()
    assert not [box for box in text_boxes(page) if overlaps(bar_box, box)]
    shoot(page, artifacts, f"{profile}-inline")
    # "Link copied." shows without moving the text, and goes after 5 seconds.
    text_top = page.locator(TEXT).first.bounding_box()["y"]
    status = bar.locator("[role=status]")
    bar.locator("[data-ds=copy]").click()
    status.filter(has_text="Link copied.").wait_for()
    assert page.locator(TEXT).first.bounding_box()["y"] == text_top
    page.clock.run_for(5_100)
    assert status.inner_text() == ""

    # 2. The floating bar and the quote popover.
    settings_row.bar_position = "floating"
    settings_row.button_style = "outline"
    settings_row.save()
    page.goto(url)
    page.wait_for_function("document.readyState == 'complete'")
    bar_box = bar.bounding_box()
    viewport = PROFILES[profile]["viewport"]
    if phone:  # one compact row, centred with equal margins
        assert bar_box["height"] <= 64
        assert bar_box["x"] == pytest.approx(viewport["width"] - bar_box["x"] - bar_box["width"])
    shoot(page, artifacts, f"{profile}-floating")
    page.locator(TEXT).first.evaluate(SCROLL_INTO_VIEW)
    selection = page.evaluate(SELECT_WITHOUT_MOUSE, [TEXT, 8])
    popover = page.locator("[data-darksocial=quote]")
    page.clock.run_for(400)  # the selection settles
    popover.wait_for()
    popover_box = popover.bounding_box()
    if phone:  # below the selection, clear of the phone's own menu above it
        assert popover_box["y"] >= selection["y"] + selection["height"]
    assert not overlaps(popover_box, selection)
    # Inside the viewport with a margin on each side (on phones it was flush right).
    assert popover_box["x"] >= 8
    assert popover_box["x"] + popover_box["width"] <= viewport["width"] - 8 + 0.5
    # The floating bar steps aside while there is a selection.
    assert bar.evaluate("b => getComputedStyle(b).visibility") == "hidden"
    page.screenshot(path=artifacts / f"{profile}-selection-light.png")
    quote_status = popover.locator("[role=status]")
    popover.locator("[data-ds=copy]").click()
    quote_status.filter(has_text="Quote and link copied.").wait_for()
    page.evaluate(SELECT_WITHOUT_MOUSE, [TEXT, 6])  # the next selection: a fresh popover
    page.clock.run_for(400)
    assert quote_status.inner_text() == ""
    page.evaluate(CLEAR_SELECTION)
    page.clock.run_for(400)
    popover.wait_for(state="hidden")
    assert bar.evaluate("b => getComputedStyle(b).visibility") == "visible"
    # Dismissed for this page view, and nothing stored.
    bar.locator("[data-dismiss]").click()
    bar.wait_for(state="hidden")
    stored = "[document.cookie, localStorage.length, sessionStorage.length]"
    assert page.evaluate(stored) == ["", 0, 0]
    context.close()


def test_channel_order_in_the_admin_with_the_keyboard(
    live_demo_site, live_server, browser_page, artifacts
):
    """Settings › Dark social sharing: move a channel with the keyboard, untick one, save."""
    page = browser_page
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "darksocial-demo")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto(f"{live_server.url}/admin/settings/wagtail_darksocial/sharesettings/")
    page.wait_for_selector("[data-darksocial-order]")
    telegram_up = page.get_by_role("button", name="Move Telegram up")
    telegram_up.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Move Telegram up"
    page.get_by_label("Reddit", exact=True).uncheck()
    page.screenshot(path=artifacts / "admin-share-settings.png", full_page=True)
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    names = ShareSettings.objects.get(site=live_demo_site).channels.split(",")
    assert names[:2] == ["telegram", "whatsapp"] and "reddit" not in names
