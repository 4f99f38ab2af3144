import pytest

from .helpers import check, meta, page


def title_page(length: int) -> str:
    return page(head=f"<title>{'x' * length}</title>")


@pytest.mark.parametrize(
    "length,status",
    [
        (29, "poor"),
        (30, "ok"),
        (49, "ok"),
        (50, "good"),
        (60, "good"),
        (61, "ok"),
        (70, "ok"),
        (71, "poor"),
    ],
)
def test_title_thresholds(length, status):
    result = check(title_page(length), "title")
    assert result.status == status
    assert result.value == length
    assert str(length) in result.message


def test_title_missing_or_empty():
    for html in (page(), page(head="<title>   </title>")):
        result = check(html, "title")
        assert result.status == "poor"
        assert result.value == 0
        assert result.message == "The page has no title."
        assert "50 to 60 characters" in result.fix


def test_title_whitespace_is_collapsed_and_fixes_depend_on_direction():
    result = check(page(head="<title>  a\n\n  b  </title>"), "title")
    assert result.value == 3
    short = check(title_page(40), "title")
    long = check(title_page(65), "title")
    assert "more descriptive" in short.fix
    assert "Shorten" in long.fix
    assert check(title_page(55), "title").fix == ""


def test_svg_title_is_not_the_page_title():
    html = page(body="<svg><title>Icon</title></svg>")
    assert check(html, "title").status == "poor"


@pytest.mark.parametrize(
    "length,status",
    [
        (69, "poor"),
        (70, "ok"),
        (119, "ok"),
        (120, "good"),
        (156, "good"),
        (157, "ok"),
        (200, "ok"),
        (201, "poor"),
    ],
)
def test_meta_description_thresholds(length, status):
    html = page(head=meta("description", "d" * length, attr="name"))
    result = check(html, "meta_description")
    assert (result.status, result.value) == (status, length)


def test_meta_description_missing():
    result = check(page(), "meta_description")
    assert (result.status, result.value) == ("poor", 0)
    assert result.fix


@pytest.mark.parametrize("check_id", ["og_title", "og_description", "og_type"])
def test_open_graph_presence(check_id):
    tag = check_id.replace("_", ":")
    good = check(page(head=meta(tag, "Some value")), check_id)
    assert (good.status, good.value, good.fix) == ("good", "Some value", "")
    missing = check(page(), check_id)
    assert (missing.status, missing.value) == ("poor", None)
    assert missing.fix
    empty = check(page(head=meta(tag, "  ")), check_id)
    assert empty.status == "poor"


def test_open_graph_accepts_name_attribute():
    assert check(page(head=meta("og:title", "T", attr="name")), "og_title").status == "good"


def test_first_meta_tag_wins():
    html = page(head=meta("og:title", "First") + meta("og:title", "Second"))
    assert check(html, "og_title").value == "First"


@pytest.mark.parametrize(
    "url,status",
    [
        ("https://example.com/story/", "good"),
        ("https://example.com/story/?page=2", "good"),
        ("https://example.com/story/?utm_source=x", "ok"),
        ("https://example.com/story/?ds=abc", "ok"),
        ("https://example.com/story/?fbclid=1&gclid=2", "ok"),
        ("/story/", "poor"),
        ("example.com/story/", "poor"),
    ],
)
def test_og_url(url, status):
    result = check(page(head=meta("og:url", url)), "og_url")
    assert result.status == status
    assert result.value == url


def test_og_url_tracking_message_names_parameters():
    result = check(page(head=meta("og:url", "https://e.com/?utm_medium=a&UTM_Source=b")), "og_url")
    assert "utm_medium, UTM_Source" in result.message


def test_og_url_missing():
    assert check(page(), "og_url").status == "poor"


def test_twitter_card():
    large = check(page(head=meta("twitter:card", "summary_large_image", "name")), "twitter_card")
    assert (large.status, large.value) == ("good", "summary_large_image")
    small = check(page(head=meta("twitter:card", "summary", "name")), "twitter_card")
    assert (small.status, small.value) == ("ok", "summary")
    # A small card for want of an image is the image's problem: one card, one fix.
    assert (small.field, small.group) == ("image", "image")
    with_image = page(
        head=meta("twitter:card", "summary", "name") + meta("og:image", "https://e.com/i.jpg")
    )
    chosen = check(with_image, "twitter_card")
    assert "summary_large_image" in chosen.fix and chosen.field == "developer"
    fallback = page(head=meta("og:title", "T") + meta("og:image", "https://e.com/i.jpg"))
    assert check(fallback, "twitter_card").status == "ok"
    assert check(page(head=meta("og:title", "T")), "twitter_card").status == "poor"
    assert check(page(), "twitter_card").status == "poor"


def canonical(href: str) -> str:
    return page(head=f'<link rel="canonical" href="{href}">')


def test_canonical_clean_absolute():
    result = check(canonical("https://example.com/a/"), "canonical", url="https://example.com/a/")
    assert (result.status, result.value, result.fix) == ("good", "https://example.com/a/", "")


def test_canonical_missing_relative_and_tracking():
    assert check(page(), "canonical").status == "poor"
    relative = check(canonical("/a/"), "canonical", url="https://example.com/a/?x=1")
    assert (relative.status, relative.value) == ("ok", "https://example.com/a/")
    tracked = check(canonical("https://example.com/a/?utm_campaign=x&mc_cid=1"), "canonical")
    assert tracked.status == "poor"
    assert "utm_campaign, mc_cid" in tracked.message
    tracked_relative = check(canonical("/a/?gclid=1"), "canonical", url="https://example.com/")
    assert tracked_relative.status == "poor"


def test_canonical_to_another_site():
    result = check(canonical("https://other.org/a/"), "canonical", url="https://example.com/a/")
    assert result.status == "ok"
    assert "other.org" in result.message
    same = check(
        canonical("https://www.example.com/a/"), "canonical", url="https://example.com/a/"
    )
    assert same.status == "good"


def test_canonical_rel_is_a_token_list():
    html = page(head='<link rel="alternate canonical" href="https://e.com/">')
    assert check(html, "canonical").status == "good"
    html = page(head='<link rel="canonicalish" href="https://e.com/">')
    assert check(html, "canonical").status == "poor"


@pytest.mark.parametrize(
    "lang,status",
    [
        ("en", "good"),
        ("fr-FR", "good"),
        ("zh-Hant-TW", "good"),
        ("english", "ok"),
        ("en_US", "ok"),
        ("", "poor"),
        (None, "poor"),
    ],
)
def test_lang(lang, status):
    assert check(page(lang=lang), "lang").status == status


def ld(data: str) -> str:
    return f'<script type="application/ld+json">{data}</script>'


@pytest.mark.parametrize(
    "scripts,status,value",
    [
        (
            [ld('{"@context": "https://schema.org", "@type": "NewsArticle"}')],
            "good",
            "NewsArticle",
        ),
        (
            [ld('{"@graph": [{"@type": "Organization"}, {"@type": "BlogPosting"}]}')],
            "good",
            "Organization, BlogPosting",
        ),
        ([ld('[{"@type": ["Thing", "WebPage"]}]')], "good", "Thing, WebPage"),
        ([ld('{"@type": "https://schema.org/Article"}')], "good", "Article"),
        ([ld('{"@type": "Organization"}')], "ok", "Organization"),
        ([ld("{not json"), ld('{"@type": "Article"}')], "good", "Article"),
        ([ld("{not json")], "poor", None),
        ([ld('{"name": "no type"}')], "poor", None),
        ([], "poor", None),
    ],
)
def test_structured_data(scripts, status, value):
    result = check(page(head="".join(scripts)), "structured_data")
    assert (result.status, result.value) == (status, value)


def test_structured_data_script_type_with_parameters():
    html = page(
        head='<script type="Application/LD+JSON; charset=utf-8">{"@type": "Article"}</script>'
    )
    assert check(html, "structured_data").status == "good"


def test_invalid_json_ld_message():
    result = check(page(head=ld("{broken")), "structured_data")
    assert "not valid JSON" in result.message


@pytest.mark.parametrize(
    "body,status",
    [
        ('<div data-darksocial="share"><a href="#">Share</a></div>', "good"),
        ('<nav class="menu darksocial-share"></nav>', "good"),
        ('<div class="darksocial-share-bar"></div>', "poor"),
        ("<div>No buttons</div>", "poor"),
    ],
)
def test_share_buttons(body, status):
    result = check(page(body=body), "share_buttons")
    assert result.status == status
    if status == "poor":
        assert "{% darksocial_share_buttons %}" in result.fix
