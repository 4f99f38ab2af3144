"""Turn validated events into ``Event`` rows: check their pages, classify arrivals."""

from django.utils import timezone
from django.utils.translation import gettext as _

from ...models import Event, EventType
from ...sharing.site_settings import site_sharing
from ..classify import classify_arrival
from ..filters import request_hostname
from .lookups import live_page_paths
from .validation import InvalidEvent


def check_pages(site_info, incoming):
    """``{page id: url_path}`` for every event's page; 400 unless each is live on the site.

    A page belongs to the site when its ``url_path`` starts with the site's root page's,
    or a translation's: the rule Wagtail routes by.
    """
    paths = live_page_paths({event.page for event in incoming})
    for event in incoming:
        path = paths.get(event.page)
        if path is None or not path.startswith(site_info.root_paths):
            raise InvalidEvent(event.index, "page", _("is not a published page of this site."))
    return paths


def build_events(request, site_info, incoming):
    """The ``Event`` rows to store; internal and direct-to-home arrivals are left out."""
    paths = check_pages(site_info, incoming)
    site, roots = site_info.site, site_info.root_paths
    own_hosts = {request_hostname(request), site_info.hostname}

    def site_campaign():
        # The campaign the share links carry (per-site setting, else UTM_CAMPAIGN).
        return site_sharing(site.pk).campaign

    now = timezone.now()
    rows = []
    for event in incoming:
        row = Event(created_at=now, site_id=site.pk, page_id=event.page, event_type=event.type)
        if event.type == EventType.SHARE:
            row.channel, row.token, row.parent_token = event.channel, event.token, event.parent
        elif event.type == EventType.COPY:
            row.length_bucket = event.bucket
        else:
            verdict = classify_arrival(
                referrer=event.referrer,
                token=event.token,
                source=event.source,
                campaign=event.campaign,
                own_hosts=own_hosts,
                is_home=paths[event.page] in roots,
                site_campaign=site_campaign,
            )
            if verdict is None:
                continue
            row.arrival_class, row.channel = verdict
            row.token = event.token
        rows.append(row)
    return rows
