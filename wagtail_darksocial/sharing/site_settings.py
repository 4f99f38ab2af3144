"""A site's sharing choices (``ShareSettings``), with blank fields filled from settings.

Cached in Django's cache under the site id, and forgotten whenever a row is saved or
deleted (``signal_handlers``), so a warm page view makes no query here. They also
expire after ``CACHE_TIMEOUT``: a per-process cache (locmem) in one worker cannot hear
another worker's save.
"""

from dataclasses import dataclass

from django.db import transaction

from .. import channels
from ..cache import cached, forget
from ..conf import get_setting
from ..models import ShareSettings

CACHE_KEY = "wagtail_darksocial:share-settings:{}"
CACHE_TIMEOUT = 300
FIELDS = (
    "channels",
    "utm_campaign",
    "copy_attribution",
    "bar_position",
    "button_style",
    "share_counts",
)


@dataclass(frozen=True)
class SiteSharing:
    """A site's sharing choices, with blank fields filled from ``WAGTAIL_DARKSOCIAL``."""

    channels: tuple
    campaign: str
    copy_attribution: str
    bar_position: str
    button_style: str = "outline"
    share_counts: bool = False


def site_sharing(site_id):
    """The resolved ``SiteSharing`` of a site (``None``: no site, defaults only)."""
    row = {}
    if site_id is not None:
        row = cached(
            CACHE_KEY.format(site_id),
            lambda: ShareSettings.objects.filter(site_id=site_id).values(*FIELDS).first() or {},
            CACHE_TIMEOUT,
        )
    names = row.get("channels")
    return SiteSharing(
        channels=tuple(available_channels(names.split(","))) if names else default_channels(),
        campaign=row.get("utm_campaign") or get_setting("UTM_CAMPAIGN"),
        copy_attribution=row.get("copy_attribution") or get_setting("COPY_ATTRIBUTION"),
        bar_position=row.get("bar_position") or get_setting("BAR_POSITION"),
        button_style=row.get("button_style") or get_setting("BUTTON_STYLE"),
        share_counts=bool(row.get("share_counts")),
    )


def button_channels():
    """The share buttons a site may show, in registry order, without arrival-only
    sources and those whose setting is missing (Messenger needs ``FACEBOOK_APP_ID``)."""
    return [
        entry
        for entry in channels.REGISTRY
        if entry.shareable and (not entry.needs_setting or get_setting(entry.needs_setting))
    ]


def default_channels():
    """The buttons a site shows when its own list is blank: the ``CHANNELS`` setting."""
    return tuple(available_channels(get_setting("CHANNELS")))


def available_channels(names):
    """Known button names, in order, without duplicates and those ``button_channels``
    leaves out."""
    known = {entry.name for entry in button_channels()}
    found = []
    for name in (name.strip() for name in names):
        if name in known and name not in found:
            found.append(name)
    return found


def forget_site_sharing(sender, instance, **kwargs):
    """Drop the cached choices now, and again on commit so no stale read survives."""
    key = CACHE_KEY.format(instance.site_id)
    forget(key)
    transaction.on_commit(lambda: forget(key))
