"""Per-site bar options: position before the content, brand colours, share counts, and the
settings form (checkbox list in order, effective defaults shown)."""

import datetime
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail_darksocial import channels
from wagtail_darksocial.models import DailyRollup, ShareSettings
from wagtail_darksocial.sharing.counts import compact_number, shared_times
from wagtail_darksocial.sharing.site_settings import button_channels, default_channels

CSS = Path(__file__).resolve().parents[2] / "wagtail_darksocial/static/wagtail_darksocial"
BAR = 'data-darksocial="bar"'
SETTINGS_URL = "/admin/settings/wagtail_darksocial/sharesettings/{}/"


def body_of(client, page):
    return client.get(page.url).content.decode()


def test_bar_before_the_content_goes_after_the_heading(client, article, demo_site):
    ShareSettings.objects.create(site=demo_site, bar_position="before")
    body = body_of(client, article)
    article_html = body[body.index("<article") : body.index("</article>")]
    assert article_html.index("</h1>") < article_html.index(BAR) < article_html.index("<p")


def test_bar_before_the_content_without_an_article(client, bare_page, demo_site):
    ShareSettings.objects.create(site=demo_site, bar_position="before")
    body = body_of(client, bare_page)
    assert body.index("</h1>") < body.index(BAR) < body.index("<p>")


def test_share_counts_are_off_by_default_and_cost_no_query_when_warm(client, article, demo_site):
    DailyRollup.objects.create(
        day=datetime.date(2026, 1, 1),
        site=demo_site,
        page=article,
        event_type="share",
        channel="whatsapp",
        count=1,
    )
    assert "darksocial-count" not in body_of(client, article)

    def warm_queries():
        body_of(client, article)
        with CaptureQueriesContext(connection) as queries:
            body = body_of(client, article)
        return len(queries), body

    without, _ = warm_queries()
    ShareSettings.objects.create(site=demo_site, share_counts=True, button_style="brand")
    with_counts, body = warm_queries()
    assert with_counts == without
    assert '<p class="darksocial-count">Shared 1 time</p>' in body
    assert "darksocial--brand" in body


@pytest.mark.parametrize(
    ("number", "english", "french"),
    [
        (7, "7", "7"),
        (999, "999", "999"),
        (1234, "1.2k", "1,2\u00a0k"),
        (1000, "1k", "1\u00a0k"),
        (12_345, "12k", "12\u00a0k"),
        (999_999, "999k", "999\u00a0k"),
        (3_400_000, "3.4M", "3,4\u00a0M"),
    ],
)
def test_compact_numbers_follow_the_locale(number, english, french):
    assert compact_number(number) == english
    with translation.override("fr"):
        assert compact_number(number) == french


def test_shared_times_plural():
    assert shared_times(0) == ""
    assert shared_times(1) == "Shared 1 time"
    assert shared_times(1234) == "Shared 1.2k times"
    with translation.override("fr"):
        assert shared_times(1234) == "Partagé 1,2\u00a0k fois"


def contrast(first, second):
    def luminance(colour):
        values = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted([luminance(first), luminance(second)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_brand_colours_pass_aa_and_cover_every_button():
    css = (CSS / "darksocial.css").read_text()
    rules = re.findall(r"\.darksocial--brand ([^{]+)\{\s*--_b: (#[0-9a-f]{6})", css)
    coloured = {name for selector, _ in rules for name in re.findall(r'data-ds="(\w+)"', selector)}
    expected = {e.name for e in channels.REGISTRY if e.shareable} - {"native", "copy"}
    assert {"mastodon", "threads"} <= expected <= coloured
    for _, colour in rules:  # white text and icons on the fill; the same in dark mode
        assert contrast(colour, "#ffffff") >= 4.5, colour


def test_only_share_buttons_are_offered():
    assert [e.name for e in button_channels()] == [
        e.name
        for e in channels.REGISTRY
        if e.shareable and e.name != "messenger"  # needs FACEBOOK_APP_ID
    ]
    assert "instagram" in channels.BY_NAME
    assert "instagram" not in {e.name for e in button_channels()}


def test_settings_form_shows_the_defaults_and_saves_the_order(
    client, demo_site, django_user_model
):
    client.force_login(django_user_model.objects.get(username="admin"))
    url = SETTINGS_URL.format(demo_site.pk)
    html = client.get(url).content.decode()
    boxes = re.findall(
        r'<input type="checkbox" name="channels" value="(\w+)"[^>]*?( checked)?>', html
    )
    assert [name for name, checked in boxes if checked][:3] == ["whatsapp", "telegram", "email"]
    assert "messenger" not in [name for name, _ in boxes]
    assert "Default (Inline, after the content)" in html
    assert "Default (Off)" in html
    assert 'placeholder="darksocial"' in html
    assert "channel_order.js" in html
    form = {
        "channels": ["whatsapp", "telegram", "email", "sms", "linkedin", "x", "facebook"],
        "utm_campaign": "",
        "copy_attribution": "",
        "bar_position": "",
        "button_style": "",
    }
    form["channels"] = ["telegram", "whatsapp", "copy"]
    assert client.post(url, form).status_code == 302
    assert ShareSettings.objects.get(site=demo_site).channels == "telegram,whatsapp,copy"
    html = client.get(url).content.decode()
    boxes = re.findall(r'name="channels" value="(\w+)"[^>]*?( checked)?>', html)
    assert [name for name, checked in boxes if checked] == ["telegram", "whatsapp", "copy"]
    # The default list, as shown, is stored blank: the site follows future defaults.
    defaults = list(default_channels())  # the ticked boxes; Mastodon, Threads are opt-in
    assert client.post(url, {**form, "channels": defaults}).status_code == 302
    assert ShareSettings.objects.get(site=demo_site).channels == ""
    response = client.post(url, {**form, "channels": []})
    assert response.status_code == 200
    assert "Tick at least one channel." in response.content.decode()
