"""The thin Django layer: rendering as readers get it, image measuring, per-revision cache."""

import os

from django.conf import settings
from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from wagtail_darksocial.models import PageScore
from wagtail_darksocial.shareability.bands import band, band_choices
from wagtail_darksocial.shareability.service import (
    MediaImages,
    render_for_readers,
    report_checks,
    score_page,
)

from .conftest import GOOD_TITLE


def statuses(score):
    return {check.id: check.status for check in report_checks(score)}


def test_a_demo_article_scores_well(good_page):
    score = score_page(good_page)
    assert score.score >= 70
    assert score.pk and score.revision_id == good_page.latest_revision_id
    assert statuses(score)["share_buttons"] == "good"  # the injected share bar was seen


def test_the_weak_demo_page_scores_badly(weak_page):
    score = score_page(weak_page)
    assert score.score < 50
    found = statuses(score)
    for check_id in ("meta_description", "og_image", "subheadings", "readability"):
        assert found[check_id] == "poor", check_id
    assert found["paragraph_length"] != "good"
    worst = report_checks(score)[0]
    assert worst.status == "poor" and worst.message and worst.fix
    assert score.worst_check == worst.id


def test_og_image_is_measured_from_the_real_rendition(good_page, small_image_page):
    small = {c.id: c for c in report_checks(score_page(small_image_page))}["og_image"]
    assert small.status == "poor"
    assert "120×63" in small.value and "120×63" in small.message
    good = {c.id: c for c in report_checks(score_page(good_page))}["og_image"]
    assert good.status == "good" and good.value.startswith("1200×630")


def test_media_images_reads_sizes_from_the_database_and_storage(small_image_page):
    rendition = small_image_page.feed_image.get_rendition("original")
    images = MediaImages()
    info = images(f"http://testserver{rendition.url}")
    assert (info.width, info.height, info.format) == (120, 63, "jpeg")
    assert info.bytes == os.path.getsize(rendition.file.path)
    assert images(rendition.url).width == 120  # relative URLs too
    assert images.local_url(f"http://testserver{rendition.url}") == rendition.url
    assert images(f"http://elsewhere.example{rendition.url}") is None  # another host
    assert images("http://testserver/static/logo.png") is None  # not media
    original = get_image_model().objects.get(title="card-1200x630")
    info = images(f"{settings.MEDIA_URL}{original.file.name}")
    assert (info.width, info.height) == (1200, 630)
    assert info.bytes == os.path.getsize(original.file.path)


def test_rendering_uses_the_readers_path_and_keeps_the_callers_language(weak_page):
    french = weak_page.get_translation(weak_page.get_translations().first().locale)
    from django.utils import translation

    with translation.override("en"):
        rendered = render_for_readers(french)
        assert translation.get_language() == "en"
    assert rendered.error == ""
    assert '<html lang="fr"' in rendered.html
    assert 'data-darksocial="bar"' in rendered.html  # injection ran: not a preview


def test_a_score_is_computed_once_per_revision(good_page, analyses):
    first = score_page(good_page)
    assert analyses.count == 1 and first.computed
    again = score_page(good_page)
    assert analyses.count == 1 and not again.computed
    assert again.pk == first.pk
    forced = score_page(good_page, force=True)
    assert analyses.count == 2 and forced.pk == first.pk
    assert PageScore.objects.filter(page=good_page).count() == 1


def test_an_overwritten_revision_is_scored_again(weak_page, analyses, superuser):
    revision = weak_page.save_revision(user=superuser)
    before = score_page(weak_page)
    weak_page.title = GOOD_TITLE
    same = weak_page.save_revision(user=superuser, overwrite_revision=revision)
    assert same.pk == revision.pk
    after = score_page(weak_page)
    assert analyses.count == 2
    assert after.pk == before.pk
    assert after.report["preview"]["title"] == weak_page.title
    assert PageScore.objects.filter(revision=revision).count() == 1


def test_the_latest_draft_is_scored_not_the_live_page(weak_page):
    live = score_page(weak_page)
    weak_page.title = draft_title = GOOD_TITLE
    revision = weak_page.save_revision()
    draft = score_page(weak_page)
    assert draft.revision_id == revision.pk != live.revision_id
    assert draft.report["preview"]["title"] == draft_title
    assert (statuses(live)["title"], statuses(draft)["title"]) == ("poor", "good")
    assert draft.score > live.score
    weak_page.refresh_from_db()
    assert weak_page.title == "Update"  # the live page is untouched


def test_messages_are_cached_per_interface_language(good_page, analyses):
    english = score_page(good_page, language="en")
    french = score_page(good_page, language="fr")
    assert analyses.count == 2 and french.pk == english.pk
    assert set(french.report["messages"]) == {"en", "fr"}
    score_page(good_page, language="fr")
    score_page(good_page, language="en")
    assert analyses.count == 2


def test_a_page_that_fails_to_render_gets_an_error_not_an_exception(good_page, analyses):
    def boom(page, request, args, kwargs):
        raise RuntimeError("template exploded")

    with hooks.register_temporarily("before_serve_page", boom):
        score = score_page(good_page)
    assert score.pk is None and score.score == 0
    assert "RuntimeError" in score.report["error"]
    assert analyses.count == 0
    assert not PageScore.objects.filter(page=good_page).exists()


def test_a_private_page_is_reported_not_scored(good_page):
    PageViewRestriction.objects.create(page=good_page, restriction_type="login")
    score = score_page(good_page)
    assert score.pk is None and "302" in score.report["error"]


def test_bands():
    assert [band(s) for s in (100, 80, 79, 50, 49, 0, None)] == [
        "good",
        "good",
        "ok",
        "ok",
        "poor",
        "poor",
        "",
    ]


def test_band_choices_state_each_range():
    labels = [str(label) for _name, label in band_choices()]
    assert labels == ["Good (80 and up)", "OK (50 to 79)", "Poor (below 50)", "Not scored"]


def test_a_page_without_revisions_is_scored_as_it_is(demo_site, analyses):
    from example_site.demo.models import ArticlePage, HomePage

    home = HomePage.objects.get(locale__language_code="en")
    page = home.add_child(instance=ArticlePage(title=GOOD_TITLE, slug="no-revisions"))
    assert page.latest_revision_id is None
    score = score_page(page)
    assert score.pk and score.revision_id is None
    assert score.report["preview"]["title"] == GOOD_TITLE
    assert score_page(page).pk == score.pk and analyses.count == 1
