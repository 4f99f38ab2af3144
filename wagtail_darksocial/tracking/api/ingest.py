"""Turn validated events into ``Event`` rows: keep those of trackable pages, classify arrivals."""

from django.utils import timezone

from ...models import Event, EventType
from ...sharing.site_settings import site_sharing
from .. import agents
from ..classify import books_as_direct, classify_arrival
from ..filters import request_hostname, user_agent
from .lookups import live_page_paths


def site_page_paths(site_info, incoming):
    """``{page id: url_path}`` of the events' pages that are trackable pages of the site.

    A page belongs to the site when its ``url_path`` starts with the site's root page's,
    or a translation's: the rule Wagtail routes by. Trackable: live, and not behind a
    view restriction unless ``TRACK_RESTRICTED_PAGES``.
    """
    paths = live_page_paths({event.page for event in incoming})
    return {
        page_id: path for page_id, path in paths.items() if path.startswith(site_info.root_paths)
    }


def build_events(request, site_info, incoming):
    """The ``Event`` rows to store.

    Left out without a word, one event at a time: events for a page that is unknown, a
    draft, restricted or another site's (all answered alike, so the answer tells
    nothing about which pages exist, and a batch's valid events are kept), internal
    arrivals and direct arrivals on the home page. The request's user agent is read
    to recognise in-app browsers (``agents``) and then forgotten.
    """
    paths = site_page_paths(site_info, incoming)
    site, roots = site_info.site, site_info.root_paths
    own_hosts = {request_hostname(request), site_info.hostname}

    def site_campaign():
        # The campaign the share links carry (per-site setting, else UTM_CAMPAIGN).
        return site_sharing(site.pk).campaign

    # The in-app browser the user agent names: matched once per request, never stored.
    has_arrival = any(event.type == EventType.ARRIVAL for event in incoming)
    agent = agents.match(user_agent(request)) if has_arrival else None
    now = timezone.now()
    rows = []
    for event in incoming:
        if event.page not in paths:
            continue
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
                agent=agent,
            )
            if verdict is None:
                continue
            row.arrival_class, row.channel = verdict
            row.token = event.token
            row.direct = books_as_direct(
                referrer=event.referrer, token=event.token, source=event.source
            )
        rows.append(row)
    return rows
