"""What a page's share bar, head tags and script show, for the site serving the request.

The fragments are rendered once per process per set of arguments (see the
``lru_cache``s below); per-site choices come from ``site_settings``.
"""

import json
from dataclasses import dataclass
from functools import cache, lru_cache

from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from wagtail.models import Site

from ..channels import BY_NAME, REGISTRY
from ..conf import get_setting
from .counts import share_count, shared_times
from .links import share_templates, share_url, tagged_url, utm_medium
from .site_settings import SiteSharing, available_channels, site_sharing

ATTRIBUTE_ESCAPES = {ord("&"): "&amp;", ord("'"): "&#39;", ord("<"): "&lt;", ord(">"): "&gt;"}


@dataclass(frozen=True)
class Share:
    """What is shared: a canonical URL, its title and description, and the page's id."""

    url: str
    title: str
    description: str
    page_id: int | None
    site: SiteSharing


def page_share(request, page):
    """The ``Share`` for ``page`` as served by ``request``; ``None`` if it has no URL.

    Uses the site Wagtail already found for the request and its cached root paths, so it
    adds no query. Memoised on the request: the tags and the injector share it.
    """
    memo = request.__dict__.setdefault("_darksocial_shares", {})
    if page.pk not in memo:
        url = page.get_full_url(request)
        site = Site.find_for_request(request)
        memo[page.pk] = url and Share(
            url=url,
            title=page.title,
            description=page.search_description or page.title,
            page_id=page.pk,
            site=site_sharing(site.pk if site else None),
        )
    return memo[page.pk]


def is_preview(request):
    return getattr(request, "is_preview", False)


def labels():
    """Accessible names of the buttons, in the active language."""
    return {entry.name: str(entry.action_label()) for entry in REGISTRY}


def visible_text(entry):
    """A button's visible text on touch: its short label when the accessible name contains
    it (WCAG 2.5.3, label in name); else "Share", which "More ways to share" contains."""
    label, action = str(entry.label), str(entry.action_label())
    return label if label.lower() in action.lower() else pgettext("button text", "Share")


@cache
def icon(channel):
    """A channel's inline SVG (template ``wagtail_darksocial/icons/<channel>.svg``)."""
    svg = render_to_string(f"wagtail_darksocial/icons/{channel}.svg").strip()
    return mark_safe(svg)  # noqa: S308  (our own template)


def buttons(share, channels):
    """One dict per button: channel, accessible label, icon and, for links, the href."""
    names = labels()
    result = []
    for channel in channels:
        href = None
        if not BY_NAME[channel].scripted:
            text = share.description if channel == "email" else None
            url = tagged_url(share.url, channel, share.site.campaign)
            href = share_url(channel, url, share.title, text)
            if href is None:
                continue
        result.append(
            {
                "channel": channel,
                "href": href,
                "label": names[channel],
                "text": visible_text(BY_NAME[channel]),
                "icon": icon(channel),
                "new_tab": bool(href) and href.startswith("https:"),
            }
        )
    return result


def bar_html(request, share, channels=None, own=True):
    """The share bar. ``own=False`` marks a bar for another URL with its own data."""
    channels = tuple(available_channels(channels)) if channels else share.site.channels
    count = share_count(share.page_id) if own and share.site.share_counts else 0
    return _bar_html(share, channels, own, is_preview(request), get_language(), count)


def head_html(share, canonical=True, og_url=True, stylesheet=True):
    """The canonical link, ``og:url`` and stylesheet link, each optional."""
    return _head_html(share, canonical, og_url, stylesheet)


def script_html(request, share):
    """The quote popover and the script tag; nothing in previews."""
    return "" if is_preview(request) else _script_html(share, get_language())


# The fragments depend only on their arguments, the active language and the settings, so
# they are rendered once per process: a page view then costs a dictionary lookup.
@lru_cache(maxsize=256)
def _bar_html(share, channels, own, preview, language, count):
    context = {
        "share": share,
        "own": own,
        "buttons": buttons(share, channels),
        "floating": share.site.bar_position == "floating",
        "brand": share.site.button_style == "brand",
        "preview": preview,
        "shared_times": shared_times(count),
    }
    return render_to_string("wagtail_darksocial/share_bar.html", context)


@lru_cache(maxsize=256)
def _head_html(share, canonical, og_url, stylesheet):
    context = {"share": share, "canonical": canonical, "og_url": og_url, "stylesheet": stylesheet}
    return render_to_string("wagtail_darksocial/head.html", context)


@lru_cache(maxsize=256)
def _script_html(share, language):
    quote_channels = [c for c in share.site.channels if BY_NAME[c].quote]
    context = {
        "config": attribute_json(script_config(share)),
        "quote_buttons": buttons(share, quote_channels) if get_setting("QUOTE_SHARING") else [],
        "brand": share.site.button_style == "brand",
    }
    return render_to_string("wagtail_darksocial/script.html", context)


def forget_fragments(**kwargs):
    """Drop every memoised fragment (``setting_changed``: tests override settings)."""
    for cached in (icon, _bar_html, _head_html, _script_html):
        cached.cache_clear()


def events_url():
    """The events endpoint, or ``""`` when tracking is off or its URLs are not installed."""
    if not get_setting("TRACKING"):
        return ""
    try:
        return reverse("wagtail_darksocial:events")
    except NoReverseMatch:
        return ""


def script_config(share):
    """The script's settings, strings included; rendered as JSON into a data attribute."""
    site = share.site
    templates = share_templates()
    return {
        "page": share.page_id,
        "url": share.url,
        "title": share.title,
        "desc": share.description,
        "endpoint": events_url(),
        "param": get_setting("TOKEN_PARAM"),
        "campaign": site.campaign,
        "mediums": {channel: utm_medium(channel) for channel in site.channels},
        "targets": {
            channel: [templates[channel], BY_NAME[channel].text_limit]
            for channel in site.channels
            if channel in templates
        },
        "copy": site.copy_attribution,
        "copyMin": get_setting("COPY_ATTRIBUTION_MIN_WORDS"),
        "quoteMin": get_setting("QUOTE_MIN_WORDS"),
        "content": get_setting("CONTENT_SELECTOR"),
        "strings": {
            "copied": _("Link copied."),
            "quoteCopied": _("Quote and link copied."),
            "copyFailed": _("Could not copy. Select the link and copy it:"),
            "readMore": _("Read more:"),
            "quote": _("“%s” —"),
        },
    }


def attribute_json(value):
    """JSON for a single-quoted HTML attribute: only ``&``, ``'``, ``<`` and ``>`` escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(ATTRIBUTE_ESCAPES))  # noqa: S308  (escaped above)
