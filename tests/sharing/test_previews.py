"""Link-preview tags filled from the page's fields: only what is missing, never a 500."""

import io
import re

import pytest
from bs4 import BeautifulSoup
from django.core.files.images import ImageFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from tests.og_spec import problems
from tests.testapp.models import BarePage
from wagtail_darksocial.models import ShareSettings
from wagtail_darksocial.sharing.previews import MAX_BYTES, cut, og_locale

from .conftest import WORDS, add_page


def make_image(title, size=(2400, 1400), noisy=False, fmt="JPEG", **fields):
    if noisy:  # random pixels: the worst case for JPEG size
        picture = PILImage.frombytes("RGB", size, __import__("os").urandom(size[0] * size[1] * 3))
    else:
        picture = PILImage.new("RGB", size, "#336699")
    data = io.BytesIO()
    picture.save(data, fmt)
    name = f"{title}.{fmt.lower()}"
    image = get_image_model()(title=title, file=ImageFile(data, name=name), **fields)
    image.save()
    return image


def head_tags(html):
    """``{property or name: [content, ...]}`` of the head's meta tags (Open Graph rules)."""
    head = BeautifulSoup(html[: html.index("</head>")], "html.parser")
    found = {}
    for tag in head.find_all("meta"):
        key = tag.get("property") or tag.get("name")
        if key:
            found.setdefault(key, []).append(tag.get("content"))
    return found


def set_default_image(site, image, **fields):
    ShareSettings.objects.update_or_create(
        site=site, defaults={"default_share_image": image, **fields}
    )


def test_a_page_without_tags_gets_a_complete_preview(client, bare_page, demo_site):
    tags = head_tags(client.get(bare_page.url).content.decode())
    assert tags["og:title"] == ["Bare page"]
    assert tags["og:description"] == [cut(WORDS)]
    assert tags["og:type"] == ["article"]
    assert tags["og:site_name"] == ["Dark Social Demo"]
    assert tags["og:locale"] == ["en_US"]
    assert tags["twitter:card"] == ["summary"]  # no image anywhere yet
    assert "og:image" not in tags

    image = make_image("newsroom", size=(2400, 1400))
    set_default_image(demo_site, image)
    html = client.get(bare_page.url).content.decode()
    assert problems(html) == []  # a complete, valid preview by the Open Graph rules
    tags = head_tags(html)
    assert tags["og:image"][0].startswith("http://testserver/")
    assert (tags["og:image:width"], tags["og:image:height"]) == (["1200"], ["630"])
    assert tags["og:image:alt"] == ["newsroom"]
    assert tags["twitter:card"] == ["summary_large_image"]


def test_tags_the_templates_emit_are_never_doubled(client, article):
    html = client.get(article.url).content.decode()
    tags = head_tags(html)
    for name in ("og:type", "og:title", "og:image", "twitter:card", "og:url"):
        assert len(tags[name]) == 1, name
    assert tags["og:title"] == [article.title]
    assert tags["og:site_name"] == ["Dark Social Demo"]  # added: the template lacks it


def test_page_text_that_reads_like_a_tag_does_not_hide_the_tag(client, demo_site):
    title = "rel=canonical property=og:url property=og:title name=twitter:card"
    page = add_page(BarePage, title=title, slug="lookalike", body=WORDS)
    html = client.get(page.url).content.decode()
    tags = head_tags(html)
    assert tags["og:title"] == [title]
    assert tags["og:url"] == ["http://testserver/lookalike/"]
    assert tags["twitter:card"] == ["summary"]
    assert '<link rel="canonical" href="http://testserver/lookalike/">' in html


def test_renditions_are_light_and_never_upscaled(client, bare_page, demo_site):
    heavy = make_image("noise", size=(2400, 1260), noisy=True)
    set_default_image(demo_site, heavy)
    tags = head_tags(client.get(bare_page.url).content.decode())
    url = tags["og:image"][0].removeprefix("http://testserver")
    rendition = heavy.renditions.get(file__endswith=url.rsplit("/", 1)[1])
    assert rendition.file.size <= MAX_BYTES, rendition.file.size
    assert (rendition.width, rendition.height) == (1200, 630)

    small = make_image("small", size=(400, 300))
    set_default_image(demo_site, small)
    tags = head_tags(client.get(bare_page.url).content.decode())
    width, height = int(tags["og:image:width"][0]), int(tags["og:image:height"][0])
    assert width <= 400 and height <= 300  # cropped to shape, never enlarged
    assert abs(width / height - 1200 / 630) < 0.05


@pytest.mark.parametrize("kind", ["svg", "missing_file", "private", "huge"])
def test_images_that_cannot_be_shared_are_skipped_without_a_500(
    client, bare_page, demo_site, kind
):
    if kind == "svg":
        from django.core.files.base import ContentFile
        from django.core.files.storage import default_storage

        svg = b"<svg xmlns='http://www.w3.org/2000/svg' width='100' height='100'/>"
        name = default_storage.save("original_images/logo.svg", ContentFile(svg))
        image = get_image_model().objects.create(title="logo", file=name, width=100, height=100)
    else:
        image = make_image(kind, size=(1300, 700))
        if kind == "missing_file":
            image.file.storage.delete(image.file.name)
        elif kind == "private":
            collection = Collection.get_first_root_node().add_child(name="Embargoed")
            CollectionViewRestriction.objects.create(
                collection=collection, restriction_type="password", password="x"
            )
            image.collection = collection
            image.save()
        elif kind == "huge":
            get_image_model().objects.filter(pk=image.pk).update(width=20_000, height=20_000)
    set_default_image(demo_site, image)
    response = client.get(bare_page.url)
    assert response.status_code == 200
    tags = head_tags(response.content.decode())
    assert "og:image" not in tags
    assert tags["twitter:card"] == ["summary"]


def test_a_warm_page_view_costs_no_extra_query(client, bare_page, demo_site):
    set_default_image(demo_site, make_image("warm"))
    client.get(bare_page.url)  # warms the caches

    def count(fill):
        with override_settings(WAGTAIL_DARKSOCIAL={"FILL_PREVIEW_TAGS": fill}):
            client.get(bare_page.url)  # settings changed: caches of fragments refilled
            with CaptureQueriesContext(connection) as queries:
                html = client.get(bare_page.url).content.decode()
        return len(queries), html

    with_tags, html = count(True)
    without, plain = count(False)
    assert "og:image" in head_tags(html) and "og:image" not in head_tags(plain)
    assert with_tags == without


def test_a_generated_card_for_pages_without_any_image(client, bare_page, demo_site):
    set_default_image(demo_site, None, generated_card=True, card_colour="#ffcc00")
    tags = head_tags(client.get(bare_page.url).content.decode())
    url = tags["og:image"][0]
    assert re.search(r"/darksocial/cards/\w+\.jpg$", url)
    from django.core.files.storage import default_storage

    name = url.split("/media/", 1)[1]
    with default_storage.open(name) as file:
        picture = PILImage.open(file)
        assert picture.size == (1200, 630)
        assert picture.getpixel((5, 5))[0] > 200  # the site's colour, #ffcc00
    assert default_storage.size(name) <= MAX_BYTES
    # Cached like a rendition: the same file on the next view.
    assert head_tags(client.get(bare_page.url).content.decode())["og:image"] == [url]


def test_descriptions_are_cut_cleanly_and_locales_written_the_open_graph_way():
    text = "One short sentence ends here. " + "Then many more words follow " * 10
    assert cut(text) == "One short sentence ends here." or cut(text).endswith("…")
    long_words = "word " * 60
    assert cut(long_words).endswith("word…") and len(cut(long_words)) <= 155
    assert (og_locale("fr"), og_locale("en-gb"), og_locale("en")) == ("fr_FR", "en_GB", "en_US")


def test_the_generated_cards_font_draws_accented_titles():
    """Pillow's own font has no "é": a French title drew a missing-glyph box."""
    from wagtail_darksocial.sharing.cards import _font

    font = _font(64)
    missing = bytes(font.getmask("\ue000"))  # a private-use character: no font has it
    assert all(bytes(font.getmask(char)) != missing for char in "éèàçô…")
