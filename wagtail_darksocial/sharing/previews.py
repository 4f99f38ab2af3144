"""Link-preview tags for pages whose templates lack them, from the page's own fields.

:func:`preview_tags` returns the ``<meta>`` tags a live page is missing (``og:title``,
``og:description``, ``og:image`` with its width, height and alt, ``og:type``,
``og:site_name``, ``og:locale``, ``twitter:card``); a tag the templates (or another SEO
package) already emit is never added again.

Sources: the SEO title, else the title; the search description, else the content's
first paragraph cut at a word; the page's image (``SHARE_IMAGE_FIELD``, else its first
image field, else the first image in its StreamField), else the site's default share
image, else, when the site turned it on, a generated card (:mod:`.cards`).

Images go through a ``fill-1200x630`` rendition (focal point respected, never upscaled)
saved as a JPEG under ``MAX_BYTES``. The rendition's URL and size are cached under the
image id, so a warm page view costs no query. Images that cannot be shared (SVG, a
missing or broken file, too many pixels, a private collection) are skipped, and the
reason is kept for the editor's panel (:func:`share_image_for`).
"""

import html
import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from django.db import models, transaction
from django.utils.html import escape
from wagtail.models import Site

from ..cache import cached, forget
from ..conf import get_setting
from ..models import ShareSettings

logger = logging.getLogger(__name__)

SIZE = (1200, 630)
MAX_BYTES = 300 * 1024  # WhatsApp drops previews of heavier images
#: Rendition filters tried in turn until one is under MAX_BYTES.
FILTERS = (
    "fill-1200x630|format-jpeg|jpegquality-82",
    "fill-1200x630|format-jpeg|jpegquality-70",
    "fill-1200x630|format-jpeg|jpegquality-55",
)
#: Larger originals are skipped: a reader's request should not decode 100 MB of pixels.
MAX_PIXELS = 40_000_000
DESCRIPTION_LENGTH = 155
CACHE_TIMEOUT = 3600
IMAGE_KEY = "wagtail_darksocial:share-image:{}"
SITE_KEY = "wagtail_darksocial:share-image-site:{}"
TAGS = (
    "og:title",
    "og:description",
    "og:image",
    "og:type",
    "og:site_name",
    "og:locale",
    "twitter:card",
)
#: ``property="og:title"`` or ``name='og:title'`` in a ``<meta>`` tag of the head, any
#: quoting (not in the escaped text of a ``<title>`` that reads "property=og:title").
PRESENT = {
    tag: re.compile(
        rb"""<meta\s[^>]*?(?:property|name)\s*=\s*["']?""" + tag.encode() + rb"""["'\s/>]""",
        re.I,
    )
    for tag in TAGS
}
PARAGRAPH = re.compile(rb"<p(?:\s[^>]*)?>(.*?)</p>", re.S | re.I)
MARKUP = re.compile(r"<[^>]*>")

# Why an image was not shared, for the editor's panel.
SVG = "svg"
BROKEN = "broken"
HUGE = "huge"
PRIVATE = "private"


@dataclass(frozen=True)
class ShareImage:
    """An image link previews can use: its absolute-or-root-relative URL and size."""

    url: str
    width: int
    height: int
    alt: str
    bytes: int | None = None


# Which image -------------------------------------------------------------------------


def is_image_field(field):
    """A foreign key to Wagtail's image model: what a share image field is."""
    from wagtail.images import get_image_model

    return isinstance(field, models.ForeignKey) and field.related_model is get_image_model()


@lru_cache(maxsize=128)
def image_field_name(model):
    """The page model's share image field: ``SHARE_IMAGE_FIELD`` or its first image FK."""
    wanted = get_setting("SHARE_IMAGE_FIELD")
    fields = [f for f in model._meta.get_fields() if is_image_field(f)]
    for field in fields:
        if field.name == wanted:
            return field.name
    return fields[0].name if fields else None


def _first_body_image(page):
    """The id of the first image chosen in one of the page's StreamFields, or ``None``."""
    from wagtail.fields import StreamField
    from wagtail.images.blocks import ImageBlock, ImageChooserBlock

    for field in page._meta.get_fields():
        if not isinstance(field, StreamField):
            continue
        stream = getattr(page, field.name, None)
        raw = getattr(stream, "raw_data", None) or []
        for item in raw:
            block = field.stream_block.child_blocks.get(item.get("type"))
            value = item.get("value")
            if isinstance(block, ImageBlock) and isinstance(value, dict):
                return value.get("image")
            if isinstance(block, ImageChooserBlock) and isinstance(value, int):
                return value
    return None


def page_image_id(page):
    """The id of the image the page chose for previews, without a query."""
    name = image_field_name(type(page))
    image_id = getattr(page, f"{name}_id", None) if name else None
    return image_id or _first_body_image(page)


def site_preview_settings(site_id):
    """The site's default share image id and card choices, cached like its settings."""
    if site_id is None:
        return {}

    def row():
        fields = ("default_share_image_id", "generated_card", "card_colour")
        return ShareSettings.objects.filter(site_id=site_id).values(*fields).first() or {}

    return cached(SITE_KEY.format(site_id), row, CACHE_TIMEOUT)


def forget_site_previews(sender, instance, **kwargs):
    """``post_save``/``post_delete`` of ``ShareSettings``: re-read the site's choices."""
    key = SITE_KEY.format(instance.site_id)
    forget(key)
    transaction.on_commit(lambda: forget(key))


def forget_image(sender, instance, **kwargs):
    """An image saved (a new focal point or file) or deleted: make its rendition again."""
    forget(IMAGE_KEY.format(instance.pk))


# Renditions --------------------------------------------------------------------------


def _private(image):
    from wagtail.models import CollectionViewRestriction

    collection = getattr(image, "collection", None)
    if collection is None:
        return False
    ancestors = collection.get_ancestors(inclusive=True)
    return CollectionViewRestriction.objects.filter(collection__in=ancestors).exists()


def _render(image):
    """``(ShareImage, "")``, or ``(None, reason)`` for an image that cannot be shared."""
    if image.is_svg():
        return None, SVG
    if (image.width or 0) * (image.height or 0) > MAX_PIXELS:
        return None, HUGE
    if _private(image):
        return None, PRIVATE
    try:
        for spec in FILTERS:
            rendition = image.get_rendition(spec)
            size = rendition.file.size
            if size <= MAX_BYTES:
                break
    except Exception:  # a missing or unreadable file, or one Pillow cannot decode
        logger.warning("Image %s cannot be used for link previews", image.pk, exc_info=True)
        return None, BROKEN
    alt = getattr(image, "default_alt_text", "") or image.title
    return ShareImage(rendition.url, rendition.width, rendition.height, alt, size), ""


def share_image(image_id):
    """``(ShareImage | None, reason)`` for an image id; cached, so warm views add no query."""
    if not image_id:
        return None, ""

    def render():
        from wagtail.images import get_image_model

        image = get_image_model().objects.filter(pk=image_id).first()
        return _render(image) if image is not None else (None, BROKEN)

    return cached(IMAGE_KEY.format(image_id), render, CACHE_TIMEOUT)


def share_image_for(page, site):
    """What previews of ``page`` show: ``(ShareImage | None, reason, source)``.

    ``source`` is ``"page"``, ``"default"`` (the site's share image) or ``"card"``;
    ``reason`` says why the page's own image was skipped (``""`` when it was not).
    """
    image, reason = share_image(page_image_id(page))
    if image is not None:
        return image, "", "page"
    row = site_preview_settings(site.pk if site else None)
    fallback, _fallback_reason = share_image(row.get("default_share_image_id"))
    if fallback is not None:
        return fallback, reason, "default"
    if row.get("generated_card") and site is not None:
        from .cards import card_image

        card = card_image(page_title(page), site_label(site), row.get("card_colour") or "")
        if card is not None:
            return card, reason, "card"
    return None, reason, ""


# Text -------------------------------------------------------------------------------


def page_title(page):
    return (getattr(page, "seo_title", "") or page.title or "").strip()


def site_label(site):
    return (site.site_name or site.hostname or "").strip() if site else ""


def cut(text, limit=DESCRIPTION_LENGTH):
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    sentence_end = max(head.rfind(". "), head.rfind("! "), head.rfind("? "))
    if sentence_end >= limit // 2:
        return head[: sentence_end + 1]
    space = head.rfind(" ")
    return (head[:space] if space > 0 else head).rstrip(",;:—–- ") + "…"


def first_paragraph(content, start, charset):
    """The first paragraph's text after ``start`` in the page's HTML, or ``""``."""
    main = content.find(b"<main", start)
    match = PARAGRAPH.search(content, main if main != -1 else start)
    if match is None:
        return ""
    text = MARKUP.sub(" ", match.group(1).decode(charset, errors="replace"))
    return html.unescape(" ".join(text.split()))


def og_locale(language_code):
    """``"fr"`` → ``"fr_FR"``, ``"en-gb"`` → ``"en_GB"`` (Open Graph's language_TERRITORY)."""
    language, _, territory = (language_code or "").replace("_", "-").partition("-")
    if not language:
        return ""
    territory = territory or {"en": "US"}.get(language, language)
    return f"{language.lower()}_{territory.upper()}"


@lru_cache(maxsize=64)
def _language_code(locale_id):
    from wagtail.models import Locale

    return Locale.objects.filter(pk=locale_id).values_list("language_code", flat=True).first()


# Tags -------------------------------------------------------------------------------


def missing_tags(head):
    """The preview tags ``head`` (bytes) does not have yet."""
    return [tag for tag in TAGS if tag.encode() not in head or not PRESENT[tag].search(head)]


def preview_tags(content, head_end, page, request):
    """The missing tags' HTML for a served page, or ``""``. Never raises."""
    if not get_setting("FILL_PREVIEW_TAGS"):
        return ""
    try:
        missing = missing_tags(content[:head_end])
        if not missing:
            return ""
        return _tags_html(missing, content, head_end, page, request)
    except Exception:  # a preview must never cost the reader the page
        logger.warning("Link preview tags for page %s failed", page.pk, exc_info=True)
        return ""


def _tags_html(missing, content, head_end, page, request):
    site = Site.find_for_request(request)
    values = {}
    if "og:title" in missing:
        values["og:title"] = page_title(page)
    if "og:description" in missing:
        description = (getattr(page, "search_description", "") or "").strip()
        values["og:description"] = cut(description or first_paragraph(content, head_end, "utf-8"))
    image = None
    if "og:image" in missing or "twitter:card" in missing:
        image, _reason, _source = share_image_for(page, site)
    if "og:image" in missing and image is not None:
        values["og:image"] = request.build_absolute_uri(image.url)
        values["og:image:width"] = image.width
        values["og:image:height"] = image.height
        values["og:image:alt"] = image.alt
    if "og:type" in missing:
        values["og:type"] = "website" if page.depth is not None and page.depth <= 2 else "article"
    if "og:site_name" in missing:
        values["og:site_name"] = site_label(site)
    if "og:locale" in missing:
        values["og:locale"] = og_locale(_language_code(page.locale_id))
    lines = [
        f'<meta property="{name}" content="{escape(value)}">'
        for name, value in values.items()
        if value not in ("", None)
    ]
    if "twitter:card" in missing:
        card = "summary_large_image" if image is not None else "summary"
        lines.append(f'<meta name="twitter:card" content="{card}">')
    return "".join(line + "\n" for line in lines)
