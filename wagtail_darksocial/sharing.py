"""What a page's share bar, head tags and script show, for the site serving the request.

Per-site choices (``ShareSettings``) are cached in Django's cache under the site id, and
forgotten whenever a row is saved or deleted, so a warm page view makes no query here.
They also expire after ``CACHE_TIMEOUT``: a per-process cache (locmem) in one worker
cannot hear another worker's save.
"""

import json
from dataclasses import dataclass
from functools import cache, lru_cache

from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Site

from .conf import ALL_CHANNELS, get_setting
from .links import TEXT_LIMIT, TEXT_LIMITS, share_templates, share_url, tagged_url
from .models import Channel, ShareSettings

CACHE_KEY = "wagtail_darksocial:share-settings:{}"
CACHE_TIMEOUT = 300
FIELDS = ("channels", "utm_campaign", "copy_attribution", "bar_position")
# Channels that can carry a quote; the quote popover offers the enabled ones.
QUOTE_CHANNELS = ("whatsapp", "telegram", "email", "sms", "x", "bluesky", "native", "copy")
BUTTON_CHANNELS = ("native", "copy")  # need the script: rendered hidden, shown by it
ATTRIBUTE_ESCAPES = {ord("&"): "&amp;", ord("'"): "&#39;", ord("<"): "&lt;", ord(">"): "&gt;"}


@dataclass(frozen=True)
class SiteSharing:
    """A site's sharing choices, with blank fields filled from ``WAGTAIL_DARKSOCIAL``."""

    channels: tuple
    campaign: str
    copy_attribution: str
    bar_position: str


@dataclass(frozen=True)
class Share:
    """What is shared: a canonical URL, its title and description, and the page's id."""

    url: str
    title: str
    description: str
    page_id: int | None
    site: SiteSharing


def _cache():
    return caches[get_setting("CACHE_ALIAS")]


def site_sharing(site_id):
    """The resolved ``SiteSharing`` of a site (``None``: no site, defaults only)."""
    row = {}
    if site_id is not None:
        key = CACHE_KEY.format(site_id)
        row = _cache().get(key)
        if row is None:
            row = ShareSettings.objects.filter(site_id=site_id).values(*FIELDS).first() or {}
            _cache().set(key, row, CACHE_TIMEOUT)
    names = row.get("channels") or ",".join(get_setting("CHANNELS"))
    return SiteSharing(
        channels=tuple(available_channels(names.split(","))),
        campaign=row.get("utm_campaign") or get_setting("UTM_CAMPAIGN"),
        copy_attribution=row.get("copy_attribution") or get_setting("COPY_ATTRIBUTION"),
        bar_position=row.get("bar_position") or get_setting("BAR_POSITION"),
    )


def available_channels(names):
    """Known channel names, in order, without Messenger when no Facebook app id is set."""
    known = set(ALL_CHANNELS)
    if not get_setting("FACEBOOK_APP_ID"):
        known.discard("messenger")
    channels = []
    for name in (name.strip() for name in names):
        if name in known and name not in channels:
            channels.append(name)
    return channels


@receiver([post_save, post_delete], sender=ShareSettings)
def forget_site_sharing(sender, instance, **kwargs):
    """Drop the cached choices now, and again on commit so no stale read survives."""
    key = CACHE_KEY.format(instance.site_id)
    _cache().delete(key)
    transaction.on_commit(lambda: _cache().delete(key))


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
    names = {
        "email": _("Share by e-mail"),
        "sms": _("Share by SMS"),
        "native": _("More ways to share"),
        "copy": _("Copy link"),
    }
    for channel in ALL_CHANNELS:
        if channel not in names:
            names[channel] = _("Share on %(channel)s") % {"channel": Channel(channel).label}
    return names


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
        if channel not in BUTTON_CHANNELS:
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
                "icon": icon(channel),
                "new_tab": bool(href) and href.startswith("https:"),
            }
        )
    return result


def bar_html(request, share, channels=None, own=True):
    """The share bar. ``own=False`` marks a bar for another URL with its own data."""
    channels = tuple(available_channels(channels)) if channels else share.site.channels
    return _bar_html(share, channels, own, is_preview(request), get_language())


def head_html(share, canonical=True, og_url=True, stylesheet=True):
    """The canonical link, ``og:url`` and stylesheet link, each optional."""
    return _head_html(share, canonical, og_url, stylesheet)


def script_html(request, share):
    """The quote popover and the script tag; nothing in previews."""
    return "" if is_preview(request) else _script_html(share, get_language())


# The fragments depend only on their arguments, the active language and the settings, so
# they are rendered once per process: a page view then costs a dictionary lookup.
@lru_cache(maxsize=256)
def _bar_html(share, channels, own, preview, language):
    context = {
        "share": share,
        "own": own,
        "buttons": buttons(share, channels),
        "floating": share.site.bar_position == "floating",
        "preview": preview,
    }
    return render_to_string("wagtail_darksocial/share_bar.html", context)


@lru_cache(maxsize=256)
def _head_html(share, canonical, og_url, stylesheet):
    context = {"share": share, "canonical": canonical, "og_url": og_url, "stylesheet": stylesheet}
    return render_to_string("wagtail_darksocial/head.html", context)


@lru_cache(maxsize=256)
def _script_html(share, language):
    quote_channels = [c for c in share.site.channels if c in QUOTE_CHANNELS]
    context = {
        "config": attribute_json(script_config(share)),
        "quote_buttons": buttons(share, quote_channels) if get_setting("QUOTE_SHARING") else [],
    }
    return render_to_string("wagtail_darksocial/script.html", context)


@receiver(setting_changed)
def _forget_fragments(**kwargs):
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
        "mediums": get_setting("UTM_MEDIUMS"),
        "targets": {
            channel: [templates[channel], TEXT_LIMITS.get(channel, TEXT_LIMIT)]
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
