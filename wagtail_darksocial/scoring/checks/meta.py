"""Checks on the page's metadata: title, description, Open Graph, etc."""

import json
import re

from ..i18n import gettext_noop, ngettext
from .base import (
    GOOD,
    OK,
    POOR,
    Outcome,
    band,
    host,
    is_absolute,
    resolve,
    tracking_params,
)

TITLE_GOOD = (50, 60)
TITLE_OK = (30, 70)
DESCRIPTION_GOOD = (120, 156)
DESCRIPTION_OK = (70, 200)
TWITTER_LARGE_CARD = "summary_large_image"
#: schema.org types that describe the page itself (good for link previews).
ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "BlogPosting",
        "WebPage",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "ReportageNewsArticle",
        "ReviewNewsArticle",
        "BackgroundNewsArticle",
        "LiveBlogPosting",
        "TechArticle",
        "ScholarlyArticle",
        "Report",
        "AboutPage",
        "CollectionPage",
        "ItemPage",
        "FAQPage",
        "QAPage",
        "ProfilePage",
    }
)
#: Most JSON-LD nodes inspected per page (guards against hostile input).
MAX_JSON_LD_NODES = 5_000
_LANG_RE = re.compile(r"^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*$")


def _length_outcome(text, good, ok, messages, field):
    missing, fine, short, long, fix_missing, fix_short, fix_long = messages
    if not text:
        return Outcome(POOR, 0, missing, fix_missing, {"min": good[0], "max": good[1]}, field)
    length = len(text)
    status = band(length, good, ok)
    params = {"length": length, "min": good[0], "max": good[1]}
    if status == GOOD:
        return Outcome(GOOD, length, fine, "", params, field)
    if length < good[0]:
        return Outcome(status, length, short, fix_short, params, field)
    return Outcome(status, length, long, fix_long, params, field)


def _typed_title(page):
    """The title the editor typed (SEO title, else title), else the rendered one."""
    typed = page.fields.title
    return " ".join(typed.split()) if typed is not None else page.doc.title


def check_title(page):
    return _length_outcome(
        _typed_title(page),
        TITLE_GOOD,
        TITLE_OK,
        (
            gettext_noop("The page has no title."),
            gettext_noop(
                "The title is %(length)s characters long, which fits search results "
                "and link previews well."
            ),
            ngettext(
                "The title is only %(length)s character long. Titles of %(min)s to "
                "%(max)s characters describe a page best.",
                "The title is only %(length)s characters long. Titles of %(min)s to "
                "%(max)s characters describe a page best.",
                "length",
            ),
            gettext_noop(
                "The title is %(length)s characters long. Titles longer than "
                "%(max)s characters are often cut off in previews."
            ),
            gettext_noop(
                "Write a title of %(min)s to %(max)s characters that says what the page is about."
            ),
            gettext_noop(
                "Make the title more descriptive: aim for %(min)s to %(max)s characters."
            ),
            gettext_noop(
                "Shorten the title to %(max)s characters or fewer, keeping the "
                "most important words first."
            ),
        ),
        "seo_title",
    )


def check_browser_title(page):
    """The rendered ``<title>``: long only because of what the templates add to it."""
    typed = page.fields.title
    rendered = page.doc.title
    params = {"length": len(rendered), "max": TITLE_OK[1], "title": rendered}
    if typed is None or not rendered or len(rendered) <= TITLE_OK[1]:
        return Outcome(
            GOOD,
            len(rendered),
            gettext_noop("The title in the browser tab is short enough to show in full."),
            "",
            params,
        )
    if len(" ".join(typed.split())) > TITLE_GOOD[1]:  # the title check covers it
        return Outcome(
            GOOD,
            len(rendered),
            gettext_noop("Shortening the title also shortens the title in the browser tab."),
            "",
            params,
        )
    return Outcome(
        OK,
        len(rendered),
        gettext_noop(
            "The site adds its name to the title, making the browser tab title "
            "%(length)s characters long (“%(title)s”), so search results cut it off."
        ),
        gettext_noop(
            "Ask your developer: shorten the site name added to page titles in the "
            "templates, or leave it out when the title is long. Editors cannot change it."
        ),
        params,
        "developer",
    )


def check_meta_description(page):
    return _length_outcome(
        page.doc.meta.get("description", "").strip(),
        DESCRIPTION_GOOD,
        DESCRIPTION_OK,
        (
            gettext_noop(
                "The page has no meta description, so search results and previews guess one."
            ),
            gettext_noop(
                "The meta description is %(length)s characters long, a good length for previews."
            ),
            ngettext(
                "The meta description is only %(length)s character long. "
                "Descriptions of %(min)s to %(max)s characters work best.",
                "The meta description is only %(length)s characters long. "
                "Descriptions of %(min)s to %(max)s characters work best.",
                "length",
            ),
            gettext_noop(
                "The meta description is %(length)s characters long. Text after "
                "about %(max)s characters is usually cut off."
            ),
            gettext_noop(
                "Write %(min)s to %(max)s characters that tell readers why the page "
                "is worth opening."
            ),
            gettext_noop(
                "Expand the description to %(min)s to %(max)s characters with a "
                "concrete reason to read the page."
            ),
            gettext_noop(
                "Shorten the description to %(max)s characters or fewer and put "
                "the key point first."
            ),
        ),
        "search_description",
    )


#: The fix for every missing link-preview tag: the plugin fills them unless turned off.
ADD_TAG_FIX = gettext_noop(
    "Ask your developer: let wagtail-darksocial fill the missing link-preview tags "
    "(the INJECT setting), or add the %(tag)s tag to the page template."
)
PREVIEW_TAGS = "preview_tags"


def _presence(page, key, missing, present):
    value = page.doc.meta.get(key, "").strip()
    if not value:
        return Outcome(POOR, None, missing, ADD_TAG_FIX, {"tag": key}, "developer", PREVIEW_TAGS)
    return Outcome(GOOD, value, present, "", {"tag": key})


def check_og_title(page):
    return _presence(
        page,
        "og:title",
        gettext_noop("The page has no og:title tag, so shared links may show a poor title."),
        gettext_noop("The og:title tag is present."),
    )


def check_og_description(page):
    return _presence(
        page,
        "og:description",
        gettext_noop("The page has no og:description tag, so link previews have no summary."),
        gettext_noop("The og:description tag is present."),
    )


def check_og_type(page):
    return _presence(
        page,
        "og:type",
        gettext_noop("The page has no og:type tag."),
        gettext_noop("The og:type tag is present."),
    )


def check_og_url(page):
    value = page.doc.meta.get("og:url", "").strip()
    if not value:
        return Outcome(
            POOR,
            None,
            gettext_noop(
                "The page has no og:url tag, so shares of this page may be "
                "counted under several addresses."
            ),
            ADD_TAG_FIX,
            {"tag": "og:url"},
            "developer",
            PREVIEW_TAGS,
        )
    if not is_absolute(value):
        return Outcome(
            POOR,
            value,
            gettext_noop("The og:url tag is not a full address: %(url)s"),
            gettext_noop(
                "Ask your developer: use a full address starting with https:// in the og:url tag."
            ),
            {"url": value},
            "developer",
        )
    params = tracking_params(value)
    if params:
        return Outcome(
            OK,
            value,
            gettext_noop(
                "The og:url tag contains tracking parameters (%(params)s), so "
                "every share carries them along."
            ),
            gettext_noop(
                "Ask your developer: remove tracking parameters such as utm_source "
                "from the og:url tag."
            ),
            {"params": ", ".join(params)},
            "developer",
        )
    return Outcome(GOOD, value, gettext_noop("The og:url tag is a clean, full address."))


def check_twitter_card(page):
    meta = page.doc.meta
    card = meta.get("twitter:card", "").strip().lower()
    params = {"card": card, "large": TWITTER_LARGE_CARD}
    if card == TWITTER_LARGE_CARD:
        return Outcome(
            GOOD,
            card,
            gettext_noop("The twitter:card tag asks for a large image preview."),
            "",
            params,
        )
    has_image = bool(meta.get("og:image", "").strip())
    if card and not has_image:  # a small card for want of an image: the image's card
        return Outcome(
            OK,
            card,
            gettext_noop("X shows a small preview because the page has no image."),
            gettext_noop(
                "Choose an image for the page, at least 1200×630 pixels; link previews use it."
            ),
            params,
            "image",
            "image",
        )
    if card:
        return Outcome(
            OK,
            card,
            gettext_noop(
                'The twitter:card tag is "%(card)s", which shows a small preview at best.'
            ),
            gettext_noop(
                'Ask your developer: set the twitter:card tag to "%(large)s" to get a '
                "large image preview."
            ),
            params,
            "developer",
        )
    if meta.get("og:title", "").strip() and has_image:
        return Outcome(
            OK,
            None,
            gettext_noop(
                "The page has no twitter:card tag. X can build a preview from "
                "the Open Graph tags, but without the large image."
            ),
            ADD_TAG_FIX,
            dict(params, tag="twitter:card"),
            "developer",
            PREVIEW_TAGS,
        )
    return Outcome(
        POOR,
        None,
        gettext_noop(
            "The page has no twitter:card tag and not enough Open Graph tags for "
            "X to build a preview."
        ),
        ADD_TAG_FIX,
        dict(params, tag="twitter:card"),
        "developer",
        PREVIEW_TAGS,
    )


def check_canonical(page):
    href = (page.doc.canonical or "").strip()
    if not href:
        return Outcome(
            POOR,
            None,
            gettext_noop("The page has no canonical link."),
            gettext_noop(
                "Ask your developer: let wagtail-darksocial add the canonical link "
                '(the INJECT setting), or add <link rel="canonical"> to the page template.'
            ),
            {},
            "developer",
        )
    absolute = resolve(href, page.url)
    params = tracking_params(absolute)
    if params:
        return Outcome(
            POOR,
            absolute,
            gettext_noop(
                "The canonical link contains tracking parameters (%(params)s), "
                "which splits share counts across many addresses."
            ),
            gettext_noop(
                "Ask your developer: remove tracking parameters from the canonical link."
            ),
            {"params": ", ".join(params)},
            "developer",
        )
    if not is_absolute(href):
        return Outcome(
            OK,
            absolute,
            gettext_noop("The canonical link is a relative address: %(url)s"),
            gettext_noop(
                "Ask your developer: use a full address starting with https:// in the "
                "canonical link."
            ),
            {"url": href},
            "developer",
        )
    if page.url and host(absolute) and host(absolute) != host(page.url):
        return Outcome(
            OK,
            absolute,
            gettext_noop(
                "The canonical link points to another site (%(host)s). Shares "
                "will be credited to that site."
            ),
            gettext_noop(
                "Ask your developer whether the canonical link is meant to point away "
                "from this site; if not, it should be this page's own address."
            ),
            {"host": host(absolute)},
            "developer",
        )
    return Outcome(GOOD, absolute, gettext_noop("The canonical link is a clean, full address."))


def check_lang(page):
    lang = (page.doc.html_lang or "").strip()
    if not lang:
        return Outcome(
            POOR,
            None,
            gettext_noop("The page does not declare its language."),
            gettext_noop(
                "Ask your developer: add a lang attribute to the <html> tag, "
                'for example lang="en".'
            ),
            {},
            "developer",
        )
    if not _LANG_RE.match(lang):
        return Outcome(
            OK,
            lang,
            gettext_noop('The page language "%(lang)s" is not a valid language code.'),
            gettext_noop(
                "Ask your developer: use a standard language code in the lang attribute, "
                'such as "en" or "fr-FR".'
            ),
            {"lang": lang},
            "developer",
        )
    return Outcome(
        GOOD,
        lang,
        gettext_noop('The page declares its language as "%(lang)s".'),
        "",
        {"lang": lang},
    )


def _schema_types(data):
    """Yield the ``@type`` names of JSON-LD nodes (lists and ``@graph``)."""
    stack = [data]
    seen = 0
    while stack and seen < MAX_JSON_LD_NODES:
        node = stack.pop()
        seen += 1
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            kind = node.get("@type")
            for name in kind if isinstance(kind, list) else [kind]:
                if isinstance(name, str) and name.strip():
                    yield re.split(r"[/:#]", name.strip())[-1]
            graph = node.get("@graph")
            if isinstance(graph, (list, dict)):
                stack.append(graph)


def check_structured_data(page):
    blocks = page.doc.json_ld
    if not blocks:
        return Outcome(
            POOR,
            None,
            gettext_noop("The page has no structured data (JSON-LD)."),
            gettext_noop(
                "Ask your developer: add JSON-LD structured data of type Article, "
                "NewsArticle, BlogPosting or WebPage to the page template."
            ),
            {},
            "developer",
        )
    types = []
    invalid = 0
    for raw in blocks:
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            invalid += 1
            continue
        for name in _schema_types(data):
            if name not in types:
                types.append(name)
    value = ", ".join(types) or None
    params = {"types": value or "", "invalid": invalid}
    if any(name in ARTICLE_TYPES for name in types):
        return Outcome(
            GOOD,
            value,
            gettext_noop("The page has structured data describing it (%(types)s)."),
            "",
            params,
        )
    if types:
        return Outcome(
            OK,
            value,
            gettext_noop(
                "The page has structured data (%(types)s), but none that "
                "describes the page as an article or web page."
            ),
            gettext_noop(
                "Ask your developer: add a JSON-LD node of type Article, NewsArticle, "
                "BlogPosting or WebPage."
            ),
            params,
            "developer",
        )
    if invalid:
        return Outcome(
            POOR,
            None,
            gettext_noop(
                "The page's structured data (JSON-LD) could not be read because "
                "it is not valid JSON."
            ),
            gettext_noop(
                "Ask your developer: fix the JSON-LD so it is valid JSON, for example "
                "by checking it with a structured data validator."
            ),
            params,
            "developer",
        )
    return Outcome(
        POOR,
        None,
        gettext_noop("The page's structured data (JSON-LD) has no @type."),
        gettext_noop(
            "Ask your developer: give the JSON-LD an @type such as Article, "
            "NewsArticle, BlogPosting or WebPage."
        ),
        params,
        "developer",
    )


def check_share_buttons(page):
    count = page.doc.share_markers
    if count:
        return Outcome(GOOD, count, gettext_noop("The page has share buttons."))
    return Outcome(
        POOR,
        0,
        gettext_noop("The page has no share buttons."),
        gettext_noop(
            "Ask your developer: add {%% darksocial_share_buttons %%} to the page "
            "template, or turn on automatic injection of the share buttons."
        ),
        {},
        "developer",
    )
