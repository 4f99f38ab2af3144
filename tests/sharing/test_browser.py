"""The share bar, quote popover, copy attribution and events in a real Chromium."""

import re
import time
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

import pytest
from django.test import Client

from wagtail_darksocial.models import ShareSettings
from wagtail_darksocial.tracking.api.validation import validate_event

from .conftest import WORDS

pytestmark = pytest.mark.browser

TOKEN = re.compile(r"^[A-Za-z0-9_-]{10}$")
TAGS = "?utm_source=whatsapp&utm_medium=social&utm_campaign=darksocial&ds=AbCdEf1234"
# mailto: and sms: links would leave the browser: keep the click, drop the navigation.
KEEP_APP_LINKS = """addEventListener("click", (e) => {
  if (e.target.closest("a[href^=mailto], a[href^=sms]")) e.preventDefault();
});"""
SELECT = """([selector, words]) => {
  const node = document.querySelector(selector).firstChild;
  const range = document.createRange();
  range.setStart(node, 0);
  if (words) range.setEnd(node, node.data.split(" ").slice(0, words).join(" ").length);
  else range.setEnd(node, node.data.length);
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  node.parentElement.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
}"""


def wait_for(page, condition, timeout=5):
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "timed out"
        page.wait_for_timeout(50)


def open_page(page, live_server, wagtail_page, query=""):
    page.goto(live_server.url + wagtail_page.url + query)
    page.wait_for_function("document.readyState == 'complete'")
    return live_server.url + wagtail_page.url


def shared_link(channel, target):
    """The page link inside a share target URL."""
    query = parse_qs(urlsplit(target).query)
    for key in ("url", "u", "link"):
        if key in query:
            return query[key][0]
    message = query.get("text") or query.get("body")
    return message[0].rsplit(None, 1)[-1]


def check_tags(link, canonical, channel, medium="social"):
    base, _, tags = link.partition("?")
    assert base == canonical
    tags = {key: value[0] for key, value in parse_qs(tags).items()}
    token = tags.pop("ds")
    assert tags == {"utm_source": channel, "utm_medium": medium, "utm_campaign": "darksocial"}
    assert TOKEN.match(token)
    return token


WEB_CHANNELS = ["whatsapp", "telegram", "linkedin", "x", "facebook", "bluesky", "reddit"]


def test_every_channel_shares_the_tagged_canonical_url(
    live_article, live_server, browser_page, events, settings
):
    settings.WAGTAIL_DARKSOCIAL = {"FACEBOOK_APP_ID": "12345"}
    context = browser_page.context
    context.add_init_script(KEEP_APP_LINKS)
    canonical = open_page(browser_page, live_server, live_article)
    bar = browser_page.locator("[data-darksocial=bar]")
    tokens = set()
    for channel in [*WEB_CHANNELS, "messenger"]:
        link = bar.locator(f"[data-ds={channel}]")
        rendered = link.get_attribute("href")
        with context.expect_page() as popup:
            link.click()
        popup.value.close()
        target = context.offsite_requests[-1]
        assert target.startswith(rendered.split("?")[0])
        tokens.add(check_tags(shared_link(channel, target), canonical, channel))
        # The script builds exactly the server's link, plus the token.
        assert re.sub(r"%26ds%3D[\w-]{10}", "", link.get_attribute("href")) == rendered
    assert "app_id=12345" in context.offsite_requests[-1]
    for channel, medium in [("email", "email"), ("sms", "sms")]:
        link = bar.locator(f"[data-ds={channel}]")
        rendered = link.get_attribute("href")
        link.click()
        href = link.get_attribute("href")
        tokens.add(check_tags(shared_link(channel, href), canonical, channel, medium))
        assert re.sub(r"%26ds%3D[\w-]{10}", "", href) == rendered
    assert len(tokens) == 10  # a new token for every share
    wait_for(browser_page, lambda: len([e for e in events if e["type"] == "share"]) == 10)
    shares = [e for e in events if e["type"] == "share"]
    assert {e["token"] for e in shares} == tokens
    assert shares[0] == {
        "type": "share",
        "page": live_article.pk,
        "channel": "whatsapp",
        "token": shares[0]["token"],
    }
    assert len(context.offsite_requests) == 8


def test_copy_link_puts_the_tagged_url_on_the_clipboard(
    live_article, live_server, browser_page, events
):
    canonical = open_page(browser_page, live_server, live_article)
    bar = browser_page.locator("[data-darksocial=bar]")
    bar.locator("[data-ds=copy]").click()
    status = bar.locator("[role=status]")
    status.filter(has_text="Link copied.").wait_for()
    assert status.get_attribute("aria-live") == "polite"
    copied = browser_page.evaluate("navigator.clipboard.readText()")
    token = check_tags(copied, canonical, "copy")
    wait_for(browser_page, lambda: len(events) == 3)
    assert events[1:] == [
        {"type": "share", "page": live_article.pk, "channel": "copy", "token": token},
        {"type": "copy", "page": live_article.pk, "kind": "link", "bucket": "1-10"},
    ]


def test_copy_link_falls_back_to_exec_command(live_article, live_server, browser_page):
    browser_page.context.add_init_script(
        "Object.defineProperty(navigator, 'clipboard', {value: undefined});"
        "window.copied = []; document.addEventListener('copy', (e) => copied.push("
        "e.target.value));"
    )
    canonical = open_page(browser_page, live_server, live_article)
    bar = browser_page.locator("[data-darksocial=bar]")
    bar.locator("[data-ds=copy]").click()
    bar.locator("[role=status]").filter(has_text="Link copied.").wait_for()
    check_tags(browser_page.evaluate("copied[0]"), canonical, "copy")


def test_copy_failure_is_announced_with_the_link(live_article, live_server, browser_page):
    browser_page.context.add_init_script(
        "Object.defineProperty(navigator, 'clipboard', {value: undefined});"
        "document.execCommand = () => false;"
    )
    canonical = open_page(browser_page, live_server, live_article)
    bar = browser_page.locator("[data-darksocial=bar]")
    bar.locator("[data-ds=copy]").click()
    status = bar.locator("[role=status]")
    status.filter(has_text="Could not copy.").wait_for()
    check_tags(status.inner_text().rsplit(None, 1)[-1], canonical, "copy")


def test_native_share_sheet(live_article, live_server, browser_page, events):
    browser_page.context.add_init_script(
        "navigator.share = (data) => { window.shared = data; return Promise.resolve(); };"
    )
    canonical = open_page(browser_page, live_server, live_article)
    button = browser_page.locator("[data-darksocial=bar] [data-ds=native]")
    button.click()
    shared = browser_page.evaluate("window.shared")
    assert shared["title"] == live_article.title
    token = check_tags(shared["url"], canonical, "native")
    wait_for(browser_page, lambda: len(events) == 2)
    assert events[1]["channel"] == "native" and events[1]["token"] == token


def test_buttons_work_from_the_keyboard_with_a_visible_focus(
    live_article, live_server, browser_page
):
    open_page(browser_page, live_server, live_article)
    button = browser_page.locator("[data-darksocial=bar] [data-ds=copy]")
    button.focus()
    assert button.evaluate("b => getComputedStyle(b).outlineStyle") == "solid"
    assert button.get_attribute("aria-label") == "Copy link"
    browser_page.keyboard.press("Enter")
    browser_page.locator("[data-darksocial=bar] [role=status]").filter(
        has_text="Link copied."
    ).wait_for()


def test_arrival_is_reported_and_the_address_bar_cleaned(
    live_article, live_server, browser_page, events
):
    context = browser_page.context
    canonical = open_page(browser_page, live_server, live_article, TAGS + "&keep=1#part")
    assert browser_page.url == canonical + "?keep=1#part"
    wait_for(browser_page, lambda: len(events) == 1)
    assert events == [
        {
            "type": "arrival",
            "page": live_article.pk,
            "referrer": "",
            "token": "AbCdEf1234",
            "source": "whatsapp",
            "campaign": "darksocial",
        }
    ]
    with context.expect_page() as popup:
        browser_page.locator("[data-darksocial=bar] [data-ds=telegram]").click()
    popup.value.close()
    wait_for(browser_page, lambda: len(events) == 2)
    token = check_tags(
        shared_link("telegram", context.offsite_requests[-1]), canonical, "telegram"
    )
    assert events[1] == {
        "type": "share",
        "page": live_article.pk,
        "channel": "telegram",
        "token": token,
        "parent": "AbCdEf1234",
    }


def test_arrival_referrer_is_the_host_only_and_internal_visits_are_not_arrivals(
    live_demo_site, live_article, live_server, browser_page, events
):
    browser_page.goto(live_server.url + "/", referer="https://l.facebook.com/l.php?u=secret")
    wait_for(browser_page, lambda: len(events) == 1)
    assert events[0] == {
        "type": "arrival",
        "page": live_demo_site.root_page_id,
        "referrer": "l.facebook.com",
    }
    browser_page.locator(f"a[href='{live_article.url}']").first.click()
    browser_page.wait_for_url("**" + live_article.url)
    browser_page.wait_for_function("document.readyState == 'complete'")
    browser_page.wait_for_timeout(300)
    assert len(events) == 1


def test_over_long_tags_are_cut_to_what_the_server_accepts(
    live_article, live_server, browser_page, events
):
    # Characters as the server counts them: code points, not UTF-16 units.
    source = "é" * 60 + "😀" * 60
    campaign = "c" * 150
    query = "?" + urlencode({"utm_source": source, "utm_campaign": campaign, "ds": "AbCdEf1234"})
    open_page(browser_page, live_server, live_article, query)
    wait_for(browser_page, lambda: len(events) == 1)
    assert events[0]["source"] == source[:100]
    assert events[0]["campaign"] == campaign[:100]
    assert events[0]["token"] == "AbCdEf1234"
    validate_event(0, events[0])  # would raise: at most MAX_TEXT_LENGTH characters


def test_invalid_token_is_not_reported(live_article, live_server, browser_page, events):
    open_page(browser_page, live_server, live_article, "?ds=bad&utm_source=x")
    wait_for(browser_page, lambda: len(events) == 1)
    assert events[0]["source"] == "x" and "token" not in events[0]
    assert "?" not in browser_page.url


def test_buttons_are_evenly_spaced_when_the_share_sheet_is_hidden(
    live_article, live_server, browser_page
):
    # Headless Chromium has no navigator.share: the share-sheet button stays hidden,
    # and its list item must not leave a double gap before "copy link".
    open_page(browser_page, live_server, live_article)
    bar = browser_page.locator("[data-darksocial=bar] .darksocial-buttons").first
    bar.locator("[data-ds=copy]").wait_for()
    assert browser_page.evaluate("typeof navigator.share") == "undefined"
    boxes = bar.evaluate(
        """list => [...list.children]
            .filter(item => item.getBoundingClientRect().width > 0)
            .map(item => item.getBoundingClientRect())
            .map(box => [box.left, box.right, box.top])"""
    )
    assert len(boxes) >= 3
    gaps = {
        round(after[0] - before[1])
        for before, after in zip(boxes, boxes[1:], strict=False)
        if after[2] == before[2]  # on the same row
    }
    assert len(gaps) == 1, gaps


def test_an_app_referrer_keeps_its_scheme_and_is_lower_cased(
    live_article, live_server, browser_page, events
):
    # An app's referrer can't be sent as a real Referer header: fake document.referrer.
    browser_page.context.add_init_script(
        "Object.defineProperty(Document.prototype, 'referrer',"
        " {get: () => 'android-app://com.Slack/'})"
    )
    open_page(browser_page, live_server, live_article)
    wait_for(browser_page, lambda: len(events) == 1)
    assert events[0]["referrer"] == "android-app://com.slack"
    validate_event(0, events[0])


def select(page, selector, words=None):
    page.evaluate(SELECT, [selector, words])


def test_quote_popover_shares_the_selection_with_a_text_fragment(
    live_article, live_server, browser_page, events
):
    context = browser_page.context
    canonical = open_page(browser_page, live_server, live_article)
    paragraph = "article > p:not(.standfirst)"
    select(browser_page, paragraph)
    popover = browser_page.locator("[data-darksocial=quote]")
    popover.wait_for()
    assert popover.get_attribute("aria-label") == "Share this quote"
    assert browser_page.evaluate("document.activeElement === document.body")
    with context.expect_page() as popup:
        popover.locator("[data-ds=whatsapp]").click()
    popup.value.close()
    text = parse_qs(urlsplit(context.offsite_requests[-1]).query)["text"][0]
    words = " ".join(browser_page.locator(paragraph).first.inner_text().split()).split(" ")
    assert text.startswith("“" + " ".join(words[:5]))
    link, _, fragment = text.rsplit(" ", 1)[-1].partition("#")
    check_tags(link, canonical, "whatsapp")

    def encode(part):
        from urllib.parse import quote

        return quote(" ".join(part), safe="!~*'()").replace("-", "%2D")

    assert fragment == f":~:text={encode(words[:4])},{encode(words[-4:])}"
    wait_for(browser_page, lambda: len(events) == 2)
    assert events[1]["channel"] == "whatsapp"


def test_quote_popover_from_a_real_mouse_selection_and_the_keyboard(
    live_article, live_server, browser_page
):
    open_page(browser_page, live_server, live_article)
    browser_page.locator("article > p:not(.standfirst)").first.click(click_count=3)
    popover = browser_page.locator("[data-darksocial=quote]")
    popover.wait_for()
    assert popover.get_attribute("role") == "dialog"
    assert not popover.evaluate("p => p.contains(document.activeElement)")
    browser_page.keyboard.press("Tab")  # the popover follows the selection in the tab order
    assert popover.evaluate("p => p.contains(document.activeElement)")
    browser_page.keyboard.press("Escape")
    popover.wait_for(state="hidden")


def test_quote_copy_copies_quote_and_link(live_article, live_server, browser_page, events):
    canonical = open_page(browser_page, live_server, live_article)
    select(browser_page, "article > p:not(.standfirst)", 6)
    popover = browser_page.locator("[data-darksocial=quote]")
    popover.locator("[data-ds=copy]").click()
    popover.locator("[role=status]").filter(has_text="Quote and link copied.").wait_for()
    copied = browser_page.evaluate("navigator.clipboard.readText()")
    quote, _, link = copied.partition("” — ")
    assert quote.startswith("“") and len(quote[1:].split()) == 6
    link, _, fragment = link.partition("#")
    check_tags(link, canonical, "copy")
    assert fragment.startswith(":~:text=")
    wait_for(browser_page, lambda: len(events) == 3)
    assert events[2] == {
        "type": "copy",
        "page": live_article.pk,
        "kind": "quote",
        "bucket": "1-10",
    }


@pytest.mark.parametrize(
    ("selector", "words"),
    [("article > p:not(.standfirst)", 3), ("#code", None), ("header.site a", None)],
    ids=["tiny", "code", "outside-content"],
)
def test_no_quote_popover(
    live_tagged_page, live_article, live_server, browser_page, selector, words
):
    page = live_tagged_page if selector == "#code" else live_article
    open_page(browser_page, live_server, page)
    select(browser_page, selector, words)
    browser_page.wait_for_timeout(200)
    assert browser_page.locator("[data-darksocial=quote]").is_hidden()


def test_no_quote_popover_in_a_textarea(live_tagged_page, live_server, browser_page):
    open_page(browser_page, live_server, live_tagged_page)
    browser_page.locator("#textarea").click()
    browser_page.keyboard.press("Control+A")
    browser_page.wait_for_timeout(200)
    assert browser_page.locator("[data-darksocial=quote]").is_hidden()


def copy_selection(page, selector, words=None):
    select(page, selector, words)
    page.keyboard.press("Control+C")
    return page.evaluate("navigator.clipboard.readText()")


@pytest.mark.parametrize("mode", ["off", "link", "text"])
def test_copy_attribution(
    live_tagged_page, live_demo_site, live_server, browser_page, events, mode
):
    ShareSettings.objects.create(site=live_demo_site, copy_attribution=mode)
    canonical = open_page(browser_page, live_server, live_tagged_page)
    copied = copy_selection(browser_page, "#body")
    html = browser_page.evaluate(
        """async () => {
          const [item] = await navigator.clipboard.read();
          return item.types.includes("text/html")
            ? await (await item.getType("text/html")).text() : "";
        }"""
    )
    if mode == "off":
        assert copied == WORDS
    else:
        text, _, added = copied.partition("\n\n")
        assert text == WORDS
        if mode == "text":
            assert added.startswith(f"Read more: {live_tagged_page.title} ")
        link = added.rsplit(" ", 1)[-1]
        token = check_tags(link, canonical, "copy")
        assert f'<a href="{link.replace("&", "&amp;")}">' in html
        assert WORDS in html
        wait_for(browser_page, lambda: len(events) == 3)
        assert events[2] == {
            "type": "share",
            "page": live_tagged_page.pk,
            "channel": "copy",
            "token": token,
        }
    wait_for(browser_page, lambda: len(events) >= 2)
    assert events[1] == {
        "type": "copy",
        "page": live_tagged_page.pk,
        "kind": "text",
        "bucket": "11-50",
    }


@pytest.mark.parametrize("field", ["#input", "#textarea", "#editable", "#code", "short"])
def test_copy_attribution_leaves_fields_code_and_short_copies_alone(
    live_tagged_page, live_demo_site, live_server, browser_page, field
):
    ShareSettings.objects.create(site=live_demo_site, copy_attribution="text")
    open_page(browser_page, live_server, live_tagged_page)
    if field == "short":
        assert copy_selection(browser_page, "#body", 3) == " ".join(WORDS.split()[:3])
        return
    if field in ("#input", "#textarea", "#editable"):
        browser_page.locator(field).click()
        browser_page.keyboard.press("Control+A")
        browser_page.keyboard.press("Control+C")
        copied = browser_page.evaluate("navigator.clipboard.readText()")
    else:
        copied = copy_selection(browser_page, field)
    assert copied == WORDS


def test_share_bar_for_another_url(live_tagged_page, live_server, browser_page, events):
    context = browser_page.context
    open_page(browser_page, live_server, live_tagged_page)
    with context.expect_page() as popup:
        browser_page.locator("#other [data-ds=whatsapp]").click()
    popup.value.close()
    text = parse_qs(urlsplit(context.offsite_requests[-1]).query)["text"][0]
    assert text.startswith("Elsewhere ")
    check_tags(text.rsplit(" ", 1)[-1], "https://example.com/elsewhere/", "whatsapp")
    wait_for(browser_page, lambda: len(events) == 2)
    assert events[1]["page"] == live_tagged_page.pk


def test_links_work_without_javascript(live_article, live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        canonical = live_server.url + live_article.url
        page.goto(canonical + TAGS)
        links = page.locator("[data-darksocial=bar] a[data-ds]")
        assert links.count() == 9
        for href in links.evaluate_all("links => links.map(a => a.href)"):
            link = unquote(shared_link("", href)) if "?" in href else href
            assert f"{canonical}?utm_source=" in link and "utm_campaign=darksocial" in link
            assert "ds=" not in link
        assert (
            page.locator("[data-darksocial=bar] a[data-ds=whatsapp]").get_attribute("target")
            == "_blank"
        )
        assert (
            page.locator("[data-darksocial=bar] a[data-ds=whatsapp]").get_attribute("rel")
            == "noopener"
        )
        for channel in ("copy", "native"):
            assert page.locator(f"[data-darksocial=bar] [data-ds={channel}]").is_hidden()
        assert page.locator("[data-darksocial=quote]").is_hidden()
    finally:
        context.close()


def test_nothing_leaves_the_origin_and_nothing_is_stored(
    live_article, live_server, browser_page, events
):
    open_page(browser_page, live_server, live_article, TAGS)
    browser_page.locator("[data-darksocial=bar] [data-ds=copy]").click()
    select(browser_page, "article > p:not(.standfirst)")
    browser_page.keyboard.press("Control+C")
    wait_for(browser_page, lambda: len(events) == 4)
    assert browser_page.context.offsite_requests == []
    assert browser_page.evaluate(
        "[document.cookie, localStorage.length, sessionStorage.length]"
    ) == ["", 0, 0]
    assert browser_page.context.cookies() == []


@pytest.mark.parametrize(
    "signal",
    [
        "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true});",
        "Object.defineProperty(Navigator.prototype, 'doNotTrack', {get: () => '1'});",
        "window.doNotTrack = '1';",
        "tracking-off",
    ],
    ids=["gpc", "dnt", "window-dnt", "tracking-off"],
)
def test_privacy_signals_suppress_every_event(
    live_article, live_server, browser_page, events, settings, signal
):
    if signal == "tracking-off":
        settings.WAGTAIL_DARKSOCIAL = {"TRACKING": False}
    else:
        browser_page.context.add_init_script(signal)
    open_page(browser_page, live_server, live_article, TAGS)
    assert "?" not in browser_page.url
    browser_page.locator("[data-darksocial=bar] [data-ds=copy]").click()
    copy_selection(browser_page, "article > p:not(.standfirst)")
    browser_page.locator("[data-darksocial=bar] [role=status]").filter(
        has_text="Link copied."
    ).wait_for()
    browser_page.wait_for_timeout(300)
    assert events == []


def test_admin_userbar_does_not_open_the_popover(
    live_tagged_page, live_server, browser_page, django_user_model
):
    client = Client()
    client.force_login(django_user_model.objects.get(username="admin"))
    browser_page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    open_page(browser_page, live_server, live_tagged_page)
    userbar = browser_page.locator("wagtail-userbar")
    userbar.locator("[data-wagtail-userbar-trigger]").wait_for()
    # Text selected in the content, then the editor works the userbar with the mouse.
    browser_page.evaluate(
        """() => {
          const range = document.createRange();
          range.selectNodeContents(document.querySelector("#body"));
          getSelection().addRange(range);
        }"""
    )
    userbar.locator("[data-wagtail-userbar-trigger]").click()
    userbar.locator("[role=menu]").wait_for()
    browser_page.wait_for_timeout(200)
    assert len(browser_page.evaluate("getSelection().toString()").split()) >= 4
    assert browser_page.locator("[data-darksocial=quote]").is_hidden()
