"""What shares brought back, per channel: conversions, time to first visit, re-share depth.

Computed from raw events, so it only covers the retention period; the dashboard reads
the same figures from ``DailyAttribution`` (kept by ``attribution_rollup``), and the
two agree on the data both cover.

A share and the visits it brings are linked by the share token, on the share's own
site and page: a token carried to another page or site is a tagged arrival there, but
converts nothing. A re-share names its parent's token, on the same site. Shares are
those created in the date range; their arrivals and parent/child shares are looked up
in all of the (site's) events, so a visit the day after the range still counts for a
share made inside it. A token is unique per site; a share seen twice counts once.
"""

import statistics
from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from wagtail_darksocial.models import ArrivalClass, Event, EventType


@dataclass(frozen=True)
class ChannelAttribution:
    """One channel's figures; ``channel`` is ``""`` for the all-channels total."""

    channel: str
    shares: int
    arrivals: int  # tagged arrivals whose token is one of these shares'
    shares_with_arrivals: int
    conversion: float | None  # arrivals ÷ shares
    median_seconds_to_first_arrival: float | None
    max_depth: int  # 1: an original share; 2: a re-share of it; ...
    mean_depth: float | None
    reshared_ratio: float | None  # the part of these shares that someone shared on


@dataclass(frozen=True)
class AttributionReport:
    channels: list  # of ChannelAttribution, most shares first
    total: ChannelAttribution


def attribution(events=None, *, site=None, start=None, end=None):
    """Attribution figures for shares created in ``[start, end)`` (datetimes, optional).

    ``events`` narrows the events considered (default: all); ``site`` narrows them to
    one Wagtail site.
    """
    events = Event.objects.all() if events is None else events
    if site is not None:
        events = events.filter(site=site)
    all_shares = events.filter(event_type=EventType.SHARE).exclude(token="")
    shares = all_shares
    if start is not None:
        shares = shares.filter(created_at__gte=start)
    if end is not None:
        shares = shares.filter(created_at__lt=end)

    matching = events.filter(
        event_type=EventType.ARRIVAL,
        arrival_class=ArrivalClass.TAGGED,
        token=OuterRef("token"),
        site=OuterRef("site_id"),
        page=OuterRef("page_id"),
    ).order_by()
    arrival_count = matching.values("token").annotate(n=Count("id")).values("n")
    first_arrival = matching.order_by("created_at").values("created_at")[:1]
    rows = (
        shares.annotate(
            n_arrivals=Coalesce(Subquery(arrival_count), 0, output_field=IntegerField()),
            first_arrival=Subquery(first_arrival),
        )
        .order_by("created_at", "pk")
        .values_list("channel", "site_id", "token", "created_at", "n_arrivals", "first_arrival")
    )

    # Links between shares: only to a parent that is itself a share of the same site
    # in the data. Shares are keyed by (site, token).
    links = all_shares.exclude(parent_token="").exclude(parent_token=F("token"))
    known = set(
        all_shares.filter(token__in=links.values("parent_token")).values_list("site_id", "token")
    )
    parents = {}
    for site_id, token, parent in links.values_list("site_id", "token", "parent_token"):
        if (site_id, parent) in known:
            parents.setdefault((site_id, token), (site_id, parent))
    reshared = set(parents.values())
    depths = {}
    by_channel = {}
    seen = set()
    for channel, site_id, token, created_at, n_arrivals, first_at in rows:
        key = (site_id, token)
        if key in seen:
            continue
        seen.add(key)
        delay = None if first_at is None else max(0.0, (first_at - created_at).total_seconds())
        item = (n_arrivals, delay, _depth(key, parents, depths), key in reshared)
        by_channel.setdefault(channel, []).append(item)

    channels = [_figures(channel, items) for channel, items in by_channel.items()]
    channels.sort(key=lambda row: (-row.shares, row.channel))
    everything = [item for items in by_channel.values() for item in items]
    return AttributionReport(channels=channels, total=_figures("", everything))


def _depth(token, parents, memo):
    """1 for a share with no known parent share, 1 + the parent's depth otherwise.

    A parent missing from the data (pruned, or another site's) ends the chain, and so
    does a cycle of made-up tokens, where it repeats.
    """
    chain = []
    current = token
    while current in parents and current not in memo and current not in chain:
        chain.append(current)
        current = parents[current]
    if current in memo:
        depth = memo[current]
    elif current in chain:
        depth = 0  # a cycle: the repeated token is not counted twice
    else:
        depth = 1  # an original share
    for item in reversed(chain):
        depth += 1
        memo[item] = depth
    return memo.get(token, depth)


def _figures(channel, items):
    shares = len(items)
    arrivals = sum(item[0] for item in items)
    delays = [item[1] for item in items if item[1] is not None]
    depths = [item[2] for item in items]
    return ChannelAttribution(
        channel=channel,
        shares=shares,
        arrivals=arrivals,
        shares_with_arrivals=len(delays),
        conversion=arrivals / shares if shares else None,
        median_seconds_to_first_arrival=statistics.median(delays) if delays else None,
        max_depth=max(depths, default=0),
        mean_depth=statistics.fmean(depths) if depths else None,
        reshared_ratio=sum(1 for item in items if item[3]) / shares if shares else None,
    )
