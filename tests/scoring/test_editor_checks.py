"""Checks an editor can act on: what they typed, field names, units, plurals, profiles."""

import pytest

from wagtail_darksocial.scoring import LISTING, PageFields, analyse
from wagtail_darksocial.scoring.checks.content import FILE_NAME_ALT, reading_level

from .helpers import FILLER, check, page

SUFFIX = " | Dark Social Demo"
TYPED = "How newsrooms measure the sharing that analytics miss."  # 55 characters


def titled(typed, suffix=SUFFIX, h1=None):
    return page(head=f"<title>{typed}{suffix}</title>", body=f"<h1>{h1 or typed}</h1>")


def test_title_measures_what_the_editor_typed_not_the_suffix():
    html = titled(TYPED)
    typed = check(html, "title", fields=PageFields(title=TYPED))
    assert (typed.status, typed.value, typed.field) == ("good", len(TYPED), "seo_title")
    assert typed.display == f"{len(TYPED)} characters"
    # Without the page's fields, the rendered title (with the suffix) is all there is.
    assert check(html, "title").value == len(TYPED + SUFFIX)


def test_the_suffix_is_reported_separately_for_a_developer():
    browser = check(titled(TYPED), "browser_title", fields=PageFields(title=TYPED))
    assert browser.status == "ok"
    assert browser.weight == 0
    assert browser.field == "developer"
    assert browser.fix.startswith("Ask your developer: ")
    short = check(titled("Short title"), "browser_title", fields=PageFields(title="Short title"))
    assert short.status == "good"


def test_title_and_headline_share_one_card():
    report = analyse(titled("Update"), fields=PageFields(title="Update"))
    assert report.get("title").status == "poor"
    assert report.get("headline").group == "title"
    other = analyse(titled("Update", h1="Something else entirely"), fields=PageFields("Update"))
    assert other.get("headline").group == ""


def test_plural_forms_and_units():
    headline = check(titled("Update"), "headline", fields=PageFields(title="Update"))
    assert "only 1 word," in headline.message
    assert headline.display == "1 word"
    title = check(titled("Hi"), "title", fields=PageFields(title="Hi"))
    assert title.message.startswith("The title is only 2 characters long.")


def test_readability_in_newsroom_words_with_the_number():
    legal = (
        "Notwithstanding the aforementioned considerations, the undersigned "
        "organisation acknowledges its responsibilities regarding implementation "
        "of comprehensive institutional accountability mechanisms. "
    ) * 6
    result = check(page(body=f"<main><p>{legal}</p></main>"), "readability")
    assert result.status == "poor"
    assert result.message.startswith("Very hard to read, like a legal text (reading ease ")
    assert result.display.endswith(" out of 100")
    french = check(
        page(body=f"<main><p>{legal}</p></main>", lang="fr"), "readability", ui_language="fr"
    )
    assert "." not in french.display.split()[0]  # a decimal comma, as in the message
    assert reading_level(95).startswith("Very easy")
    assert reading_level(65) == "Plain language, easy for most readers"


@pytest.mark.parametrize(
    "alt,file_like",
    [
        ("card-1200x630", True),
        ("IMG_1234.jpg", True),
        ("hero_image", True),
        ("DSC01234", True),
        ("photo.jpeg", True),
        ("A reporter reads a message on her phone", False),
        ("e-mail", False),
        ("Logo", False),
    ],
)
def test_file_name_like_alt_text(alt, file_like):
    assert bool(FILE_NAME_ALT.match(alt)) is file_like


def test_file_name_alt_text_fails_the_alt_check():
    body = f'<main><p>{FILLER}</p><img src="a.jpg" alt="card-1200x630"></main>'
    result = check(page(body=body), "image_alt")
    assert (result.status, result.field) == ("poor", "body")


def test_missing_preview_tags_are_one_group_for_a_developer():
    report = analyse(page(head="<title>T</title>"))
    grouped = [c for c in report.checks if c.group == "preview_tags"]
    assert {c.id for c in grouped} == {
        "og_title",
        "og_description",
        "og_type",
        "og_url",
        "twitter_card",
    }
    assert all(c.fix.startswith("Ask your developer: ") for c in grouped)
    assert report.get("meta_description").field == "search_description"
    assert report.get("og_image").field == "image"


def test_listing_pages_skip_article_checks():
    article = analyse(page(body=f"<main><p>{FILLER}</p></main>"))
    listing = analyse(page(body=f"<main><p>{FILLER}</p></main>"), profile=LISTING)
    assert listing.profile == "listing"
    skipped = {c.id for c in article.checks} - {c.id for c in listing.checks}
    assert skipped == {
        "readability",
        "sentence_length",
        "paragraph_length",
        "subheadings",
        "word_count",
        "quotable",
    }
    assert analyse("", profile="nonsense").profile == "article"
