"""The Shareability section of the page editor's Checks side panel."""

import datetime
import re

from django.core.checks.registry import registry
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.users.models import UserProfile

from example_site.demo.models import HomePage
from wagtail_darksocial.checks import side_panel_template_is_ours
from wagtail_darksocial.models import DailyRollup, PageScore

from .conftest import GOOD_TITLE


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def panel_url(page):
    return reverse("wagtail_darksocial_admin:shareability_panel", args=[page.pk])


def shown_score(html):
    match = re.search(r'data-darksocial-score="(\d+)"', html)
    return int(match.group(1)) if match else None


def checks_in_order(html):
    return re.findall(r'data-darksocial-check="(\w+)" data-status="(\w+)"', html)


def test_an_editor_sees_the_score_in_the_checks_panel(client, editor, weak_page):
    client.force_login(editor)
    response = client.get(edit_url(weak_page))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-side-panel="checks"' in html
    assert 'data-controller="darksocial-shareability"' in html
    assert panel_url(weak_page) in html
    assert shown_score(html) < 50
    assert 'data-darksocial-band="poor"' in html
    assert "wagtail_darksocial/admin/shareability.js" in html
    # Wagtail's own content checks are still there, below ours.
    assert html.index("darksocial-shareability") < html.index("data-content-word-count")


def test_checks_are_listed_worst_first_with_message_and_fix(client, editor, weak_page):
    client.force_login(editor)
    html = client.get(edit_url(weak_page)).content.decode()
    rank = {"poor": 0, "ok": 1, "unknown": 2, "good": 3}
    found = checks_in_order(html)
    ids = [check_id for check_id, _status in found]
    assert len(ids) == len(set(ids)) >= 15
    assert [rank[status] for _id, status in found] == sorted(rank[s] for _id, s in found)
    assert "The page has no meta description" in html
    # One problem, one card: the one-word title is also the headline.
    assert "headline" not in ids and 'data-darksocial-also="headline"' in html
    # Each editor fix names its field and links to Wagtail's panel anchor.
    anchor = "#panel-child-promote-child-for_search_engines-child-search_description-wrapper"
    assert f'href="{anchor}" data-darksocial-tab="promote"' in html
    assert "Promote tab › Meta description</a>:" in html
    assert "Content tab › Feed image</a>:" in html
    # Figures carry their units; the report says what the page was scored as.
    assert re.search(r'__value">\d+ words without a subheading<', html)
    assert re.search(r'__value">0 characters<', html)
    assert "Scored as: Article" in html


def test_link_previews_use_the_pages_real_tags_and_local_image(client, editor, good_page):
    client.force_login(editor)
    html = client.get(edit_url(good_page)).content.decode()
    for network in ("whatsapp", "facebook", "x"):
        assert f'data-darksocial-preview="{network}"' in html
    rendition = good_page.feed_image.get_rendition("original")
    assert f'src="{rendition.url}"' in html  # same origin: no external request
    assert "Dark social is sharing via WhatsApp" in html  # og:description
    assert "testserver" in html  # the domain line
    assert "darksocial-preview--small" not in html


def test_a_small_image_is_previewed_as_a_thumbnail(client, editor, small_image_page):
    client.force_login(editor)
    html = client.get(edit_url(small_image_page)).content.decode()
    assert html.count("darksocial-preview--small") == 3


def test_a_user_who_cannot_edit_the_page_gets_no_panel(client, french_editor, weak_page):
    client.force_login(french_editor)
    response = client.get(edit_url(weak_page))
    assert response.status_code in (302, 403)
    assert b"darksocial-shareability" not in response.content
    response = client.get(panel_url(weak_page))
    assert response.status_code == 302 and b"data-darksocial-score" not in response.content
    response = client.get(panel_url(weak_page), headers={"X-Requested-With": "XMLHttpRequest"})
    assert response.status_code == 403 and b"data-darksocial-score" not in response.content


def test_the_refresh_endpoint_returns_the_section_for_the_latest_revision(
    client, editor, weak_page
):
    client.force_login(editor)
    before = shown_score(client.get(panel_url(weak_page)).content.decode())
    weak_page.title = GOOD_TITLE
    weak_page.save_revision()
    response = client.get(panel_url(weak_page))
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    html = response.content.decode()
    assert shown_score(html) > before
    assert ("title", "good") in checks_in_order(html)
    assert GOOD_TITLE in html


def test_the_editor_adds_at_most_one_scoring_run_per_save(client, editor, weak_page, analyses):
    client.force_login(editor)
    client.get(edit_url(weak_page))
    assert analyses.count == 1
    client.get(edit_url(weak_page))
    client.get(panel_url(weak_page))
    assert analyses.count == 1
    weak_page.title = GOOD_TITLE
    weak_page.save_revision()  # what "Save draft" does
    client.get(edit_url(weak_page))
    client.get(panel_url(weak_page))
    assert analyses.count == 2


def test_the_panel_shows_the_draft_not_the_live_version(client, editor, weak_page):
    client.force_login(editor)
    weak_page.title = GOOD_TITLE
    weak_page.save_revision()
    html = client.get(edit_url(weak_page)).content.decode()
    assert f'<strong class="darksocial-preview__title">{GOOD_TITLE}</strong>' in html
    assert ("title", "good") in checks_in_order(html)


def test_a_page_that_cannot_be_rendered_shows_an_error_not_a_500(client, editor, weak_page):
    def boom(page, request, args, kwargs):
        raise ValueError("broken template")

    client.force_login(editor)
    with hooks.register_temporarily("before_serve_page", boom):
        response = client.get(edit_url(weak_page))
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-darksocial-error" in html and "ValueError" in html
    assert shown_score(html) is None


def test_messages_follow_the_editors_language(client, editor, weak_page):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "fr"
    profile.save()
    client.force_login(editor)
    assert client.get(edit_url(weak_page)).status_code == 200
    stored = PageScore.objects.get(page=weak_page, revision=weak_page.latest_revision)
    assert set(stored.report["messages"]) == {"fr"}


def test_the_create_view_asks_for_a_save_first(client, editor, demo_site):
    client.force_login(editor)
    home = HomePage.objects.get(locale__language_code="en")
    url = reverse("wagtailadmin_pages:add", args=["demo", "articlepage", home.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-side-panel="checks"' in html
    assert "Save a draft of this page" in html
    assert "data-darksocial-score" not in html


def test_the_plugins_checks_panel_template_is_the_one_loaded(db):
    assert side_panel_template_is_ours in registry.registered_checks
    assert side_panel_template_is_ours() == []


def test_a_shadowed_checks_panel_template_is_reported(tmp_path, settings):
    shadow = tmp_path / "wagtailadmin" / "shared" / "side_panels"
    shadow.mkdir(parents=True)
    (shadow / "checks.html").write_text(
        "{% extends 'wagtailadmin/shared/side_panels/checks.html' %}"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    assert [warning.id for warning in side_panel_template_is_ours()] == ["wagtail_darksocial.W010"]


def test_sharing_figures_appear_once_tracking_data_exists(client, editor, good_page):
    client.force_login(editor)
    assert "data-darksocial-stats" not in client.get(panel_url(good_page)).content.decode()
    today = timezone.localdate()
    site = good_page.get_site()
    for event_type, channel, arrival_class, count in [
        ("share", "whatsapp", "", 7),
        ("share", "email", "", 2),
        ("copy", "", "", 3),
        ("arrival", "", "dark", 11),
        ("share", "whatsapp", "", 50),  # older than 30 days: not counted
    ]:
        DailyRollup.objects.create(
            day=today if count != 50 else today - datetime.timedelta(days=40),
            site=site,
            page=good_page,
            event_type=event_type,
            channel=channel,
            arrival_class=arrival_class,
            count=count,
        )
    html = client.get(panel_url(good_page)).content.decode()
    assert "data-darksocial-stats" in html
    figures = re.findall(r"<dt>(\w+)</dt><dd>(\d+)</dd>", html)
    assert figures == [("Shares", "9"), ("Copies", "3"), ("Arrivals", "11")]
    assert re.search(r"WhatsApp</th><td>7</td>", html)
    assert re.search(r"Probable dark social</th><td>11</td>", html)


def test_any_failure_in_the_panel_leaves_the_editor_working(
    client, editor, weak_page, monkeypatch
):
    from wagtail_darksocial.reports import stats

    def broken(page, days=30):
        raise RuntimeError("stats are down")

    monkeypatch.setattr(stats, "page_stats", broken)
    client.force_login(editor)
    response = client.get(edit_url(weak_page))
    assert response.status_code == 200
    assert "The shareability score could not be computed." in response.content.decode()


def test_a_home_page_is_a_listing_and_its_image_fix_is_the_sites_default(
    client, editor, demo_site
):
    """A page type with no image field: the fix says what the settings link does."""
    home = HomePage.objects.get(locale__language_code="en")
    client.force_login(editor)
    html = client.get(edit_url(home)).content.decode()
    assert "Scored as: Listing page" in html
    assert "Settings › Dark social sharing › Default share image</a>:" in html
    assert "Choose a default share image for the site, at least 1200×630 pixels" in html
    assert "Choose an image for the page" not in html
