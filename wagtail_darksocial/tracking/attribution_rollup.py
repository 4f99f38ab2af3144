"""``DailyAttribution``: what the shares made on a day brought back, kept from raw events.

``rollup_attribution(days)`` recomputes whole share days from raw events and upserts
absolute values, so running it again, or while events arrive, is safe: the last run
wins. Days are calendar days in the current time zone (Django's ``TIME_ZONE`` outside
a request), like the event rollups.

For each share (``event_type=share`` with a token) made on the day:

- ``converted`` when at least one ``tagged`` arrival on the share's own site and page
  carries its token, at any time; ``arrivals`` counts those arrivals. An arrival with
  a token no share of that site and page has is still a tagged arrival in the event
  rollups, but converts nothing;
- its delay is the seconds from the share to the first such arrival, never below 0
  (a browser clock may be a little behind);
- ``reshared`` when another share of the same site names its token as ``parent_token``;
- its depth is 1 + the number of ancestor shares of the same site reached through
  ``parent_token``, capped at ``MAX_DEPTH``; a cycle of tokens stops where it repeats.
  The depth found is kept on the share's row (``Event.depth``) and never lowered, so
  pruning the ancestors' days does not change the figures of the days that are kept.

A share token is unique per site (a database constraint; a replayed share is not
stored). A day without any raw event left keeps its rows: it was pruned, and the rows
are the only record of it. The work is a handful of set-based queries per day,
whatever the number of shares.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice

from django.db import transaction
from django.db.models import Count, F, Min
from django.utils import timezone

from ..models import ArrivalClass, DailyAttribution, Event, EventType
from .signals import rollups_updated

MAX_DEPTH = 50
CHUNK = 500  # tokens per IN (...) list: well under SQLite's variable limit
UPDATE_FIELDS = [
    "site",
    "shares",
    "converted",
    "arrivals",
    "reshared",
    "depth_sum",
    "depth_max",
    "delays",
]


def rollup_attribution(days: Iterable[datetime.date], pages=None):
    """Recompute ``DailyAttribution`` for each share day in ``days``.

    ``pages`` (``{day: page ids}``, optional) limits a day to the rows of those pages:
    the incremental rollup recomputes only what its new events touch. Returns ``(rows
    written, stale rows removed)`` over all the days. Cached dashboard figures are
    dropped, so call it after the event rollups (``rollup()`` does).
    """
    written = removed = 0
    for day in sorted(set(days)):
        day_written, day_removed = _rollup_day(day, None if pages is None else pages[day])
        written += day_written
        removed += day_removed
    # The event rollups were written just before: cached reports are out of date now,
    # and again once an enclosing transaction commits.
    announce_rollups()
    transaction.on_commit(announce_rollups)
    return written, removed


def announce_rollups():
    rollups_updated.send(sender=None)


def share_days_touched(start, end):
    """Share days whose attribution events in ``[start, end)`` (datetimes) may change.

    An arrival or a re-share names its share's token, so the shares it counts for may
    be days old; the caller passes these days to ``rollup_attribution`` as well.
    """
    linked = Event.objects.filter(created_at__gte=start, created_at__lt=end)
    tokens = linked.filter(event_type=EventType.ARRIVAL, arrival_class=ArrivalClass.TAGGED)
    parents = linked.filter(event_type=EventType.SHARE).exclude(parent_token="")
    shares = Event.objects.filter(event_type=EventType.SHARE).exclude(token="")
    times = (
        shares.filter(token__in=tokens.values("token"))
        .values_list("created_at", flat=True)
        .union(
            shares.filter(token__in=parents.values("parent_token")).values_list(
                "created_at", flat=True
            )
        )
    )
    return sorted({timezone.localtime(moment).date() for moment in times})


def share_pages_touched(after_id, up_to_id, using=None):
    """``{share day: page ids}`` whose attribution the events with ids in ``(after_id,
    up_to_id]`` may change: their own shares, and the shares that their tagged arrivals
    and re-shares name by token."""
    events = Event.objects.using(using)
    new = events.filter(id__gt=after_id, id__lte=up_to_id).order_by()
    found = set(
        new.filter(event_type=EventType.SHARE)
        .exclude(token="")
        .values_list("created_at", "page_id")
    )
    # Tokens the new events name, as explicit lists: index lookups, never a scan.
    named = set(
        new.filter(event_type=EventType.ARRIVAL, arrival_class=ArrivalClass.TAGGED)
        .exclude(token="")
        .values_list("token", flat=True)
    )
    named.update(
        new.filter(event_type=EventType.SHARE)
        .exclude(parent_token="")
        .values_list("parent_token", flat=True)
    )
    for chunk in _chunks(sorted(named)):
        found.update(
            events.filter(event_type=EventType.SHARE, token__in=chunk)
            .order_by()
            .values_list("created_at", "page_id")
        )
    touched = defaultdict(set)
    for moment, page_id in found:
        touched[timezone.localtime(moment).date()].add(page_id)
    return dict(touched)


def _bounds(day):
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    end = timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    )
    return start, end


def _chunks(values, size=CHUNK):
    iterator = iter(values)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _day_shares(day, pages=None):
    start, end = _bounds(day)
    shares = Event.objects.filter(
        event_type=EventType.SHARE, created_at__gte=start, created_at__lt=end
    )
    if pages is not None:
        shares = shares.filter(page_id__in=sorted(pages))
    return shares.exclude(token="").order_by()


def _parents_of(keys, parents):
    """Add ``(site, token) -> parent token`` for the ancestors of ``keys`` to ``parents``.

    A parent is looked up among the shares of the same site only: a token is unique per
    site, not across sites. One query per generation (and per ``CHUNK`` tokens), at
    most ``MAX_DEPTH`` of them.
    """
    frontier = {(site, parents[site, token]) for site, token in keys} - parents.keys()
    for _ in range(MAX_DEPTH):
        frontier = {(site, token) for site, token in frontier if token}
        if not frontier:
            break
        found = {}
        for chunk in _chunks(sorted({token for _site, token in frontier})):
            rows = Event.objects.filter(event_type=EventType.SHARE, token__in=chunk).order_by()
            for site, token, parent in rows.values_list("site_id", "token", "parent_token"):
                if (site, token) in frontier:
                    found.setdefault((site, token), parent)
        parents.update(found)
        frontier = {(site, parent) for (site, _token), parent in found.items()} - parents.keys()


def _depth(key, parents):
    """1 + the ancestors reachable from ``key``; a repeated token ends the walk."""
    site, token = key
    seen = {token}
    depth = 1
    current = parents.get(key, "")
    while (site, current) in parents and current not in seen and depth < MAX_DEPTH:
        seen.add(current)
        depth += 1
        current = parents[site, current]
    return depth


@dataclass
class _Group:
    """The shares of one page and channel on one day."""

    sites: set = field(default_factory=set)
    shares: int = 0
    converted: int = 0
    arrivals: int = 0
    reshared: int = 0
    depths: list = field(default_factory=list)
    delays: list = field(default_factory=list)

    def row(self, day, page_id, channel):
        return DailyAttribution(
            day=day,
            # A page normally belongs to one site; should two share it, the lowest id wins.
            site_id=min(self.sites),
            page_id=page_id,
            channel=channel,
            shares=self.shares,
            converted=self.converted,
            arrivals=self.arrivals,
            reshared=self.reshared,
            depth_sum=sum(self.depths),
            depth_max=max(self.depths),
            delays=sorted(self.delays),
        )


def _rollup_day(day, pages=None):
    shares_qs = _day_shares(day, pages)
    shares = {}  # (site, token) -> (parent token, page, channel, time)
    stored_depths = {}  # (site, token) -> (pk, depth kept by an earlier run or None)
    for pk, token, parent, site_id, page_id, channel, created_at, depth in shares_qs.order_by(
        "created_at", "pk"
    ).values_list(
        "pk", "token", "parent_token", "site_id", "page_id", "channel", "created_at", "depth"
    ):
        shares.setdefault((site_id, token), (parent, page_id, channel, created_at))
        stored_depths.setdefault((site_id, token), (pk, depth))
    if not shares and not _has_raw_events(day):
        # Pruned, maybe after the day was listed: its rows are the only record left.
        return 0, 0

    # Explicit token lists, a chunk at a time: index lookups whose cost follows the
    # day's shares, never a join that scans the raw table.
    tokens = sorted({token for _site, token in shares})
    # An arrival counts for a share only on the share's own site and page: a token
    # seen elsewhere (made up, or copied to another page) is a tagged arrival there,
    # never a conversion.
    arrivals, reshared = {}, set()
    for chunk in _chunks(tokens):
        arrivals.update(
            ((site_id, page_id, token), (count, first))
            for site_id, page_id, token, count, first in Event.objects.filter(
                event_type=EventType.ARRIVAL, arrival_class=ArrivalClass.TAGGED, token__in=chunk
            )
            .order_by()
            .values("site_id", "page_id", "token")
            .annotate(count=Count("id"), first=Min("created_at"))
            .values_list("site_id", "page_id", "token", "count", "first")
        )
        reshared.update(
            Event.objects.filter(event_type=EventType.SHARE, parent_token__in=chunk)
            .exclude(parent_token="")  # lets the partial index on parent_token serve
            .exclude(token=F("parent_token"))
            .order_by()
            .values_list("site_id", "parent_token")
            .distinct()
        )
    parents = {key: share[0] for key, share in shares.items()}
    _parents_of(list(shares), parents)

    groups = defaultdict(_Group)
    deeper = []  # shares whose depth is found, or found greater, in this run
    for key, (_parent, page_id, channel, created_at) in shares.items():
        site_id, token = key
        group = groups[page_id, channel]
        group.sites.add(site_id)
        group.shares += 1
        pk, stored = stored_depths[key]
        depth = max(_depth(key, parents), stored or 0)
        if depth != stored:
            deeper.append(Event(pk=pk, depth=depth))
        group.depths.append(depth)
        group.reshared += key in reshared
        if (site_id, page_id, token) in arrivals:
            count, first = arrivals[site_id, page_id, token]
            group.converted += 1
            group.arrivals += count
            group.delays.append(max(0, round((first - created_at).total_seconds())))

    rows = [group.row(day, page_id, channel) for (page_id, channel), group in groups.items()]
    with transaction.atomic():
        Event.objects.bulk_update(deeper, ["depth"], batch_size=500)
        existing = DailyAttribution.objects.filter(day=day)
        if pages is not None:
            existing = existing.filter(page_id__in=sorted(pages))
        existing = existing.values_list("pk", "page_id", "channel")
        stale = [pk for pk, page_id, channel in existing if (page_id, channel) not in groups]
        if stale:
            DailyAttribution.objects.filter(pk__in=stale).delete()
        DailyAttribution.objects.bulk_create(
            rows,
            batch_size=500,
            update_conflicts=True,
            unique_fields=["day", "page", "channel"],
            update_fields=UPDATE_FIELDS,
        )
    return len(rows), len(stale)


def _has_raw_events(day):
    start, end = _bounds(day)
    return Event.objects.filter(created_at__gte=start, created_at__lt=end).exists()
