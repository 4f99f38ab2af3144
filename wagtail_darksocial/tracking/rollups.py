"""Daily rollups of raw events, and pruning of raw events past their retention.

``rollup()`` recomputes absolute counts for whole days from raw events and upserts
them, so it is idempotent and safe to run while events arrive: the last run wins and
equals the raw counts. It then recomputes ``DailyAttribution`` (see
``attribution_rollup``) for the same days and for the older share days that the
range's arrivals and re-shares point to. Days are calendar days in Django's
``TIME_ZONE``.

Days older than the retention cutoff (today minus ``RAW_EVENT_RETENTION_DAYS``) are
never recomputed: their raw events are, or are about to be, pruned, and their rollups
are the only record left. ``prune()`` rolls those days up one last time before it
deletes their raw events, and deletes whole days only.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Min, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from ..conf import get_setting
from ..models import DailyRollup, Event, SiteDailyRollup
from .attribution_rollup import rollup_attribution, share_days_touched
from .locks import exclusive_rollup

GROUP_FIELDS = ("page_id", "event_type", "channel", "arrival_class")
UNIQUE_FIELDS = ["day", "page", "event_type", "channel", "arrival_class"]


@dataclass
class RollupResult:
    days: list = field(default_factory=list)  # days recomputed
    rows: int = 0  # rollup rows written
    removed: int = 0  # rollup rows whose group had no raw events left
    skipped: list = field(default_factory=list)  # days older than the retention cutoff
    share_days: list = field(default_factory=list)  # days whose attribution was recomputed
    attribution_rows: int = 0
    attribution_removed: int = 0

    def summary(self):
        days = f"{len(self.days)} day(s)"
        if self.days:
            days += f" ({self.days[0]} to {self.days[-1]})"
        text = (
            f"Rolled up {days}: {self.rows} row(s) written, {self.removed} removed; "
            f"attribution of {len(self.share_days)} share day(s): "
            f"{self.attribution_rows} row(s) written, {self.attribution_removed} removed."
        )
        if self.skipped:
            text += f" Skipped {len(self.skipped)} day(s) older than the retention cutoff."
        return text


def retention_cutoff(days=None):
    """The first day whose raw events are kept: today minus ``days``."""
    days = get_setting("RAW_EVENT_RETENTION_DAYS") if days is None else days
    if days < 0:
        raise ValueError("The retention period cannot be negative.")
    return timezone.localdate() - datetime.timedelta(days=days)


def start_of_day(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def days_with_events(start_day=None, end_day=None):
    """Sorted days, between the bounds (inclusive), that have raw events."""
    events = Event.objects.all()
    if start_day:
        events = events.filter(created_at__gte=start_of_day(start_day))
    if end_day:
        events = events.filter(created_at__lt=start_of_day(end_day + datetime.timedelta(days=1)))
    days = events.annotate(day=TruncDate("created_at")).values_list("day", flat=True)
    return sorted(set(days.order_by().distinct()))


def rollup(start_day=None, end_day=None, *, include_expired=False):
    """Recompute the rollups of every day in the range that has raw events.

    Both bounds are optional and inclusive. Days without raw events are left as they
    are (their raw events may have been pruned). Days before the retention cutoff are
    skipped unless ``include_expired`` (``prune()`` uses it). Holds the rollup lock
    (``locks.exclusive_rollup``), waiting for a running rollup or prune to end.
    """
    with exclusive_rollup():
        return _rollup(start_day, end_day, include_expired=include_expired)


def _rollup(start_day, end_day, *, include_expired):
    result = RollupResult()
    cutoff = retention_cutoff()
    for day in days_with_events(start_day, end_day):
        if day < cutoff and not include_expired:
            result.skipped.append(day)
            continue
        rows, removed = rollup_day(day)
        result.days.append(day)
        result.rows += rows
        result.removed += removed
    share_days = set(result.days)
    if result.days:
        end = start_of_day(result.days[-1] + datetime.timedelta(days=1))
        share_days.update(share_days_touched(start_of_day(result.days[0]), end))
    result.share_days = sorted(day for day in share_days if include_expired or day >= cutoff)
    result.attribution_rows, result.attribution_removed = rollup_attribution(result.share_days)
    return result


def rollup_day(day):
    """Recompute one day; return ``(rows written, stale rows removed)``.

    A day without raw events keeps its rows: its events were pruned (maybe just after
    the day was listed), and its rollups are the only record left. Whole days are
    pruned at once, so a day that has raw events has all of them.
    """
    start = start_of_day(day)
    end = start_of_day(day + datetime.timedelta(days=1))
    with transaction.atomic():
        groups = (
            Event.objects.filter(created_at__gte=start, created_at__lt=end)
            .values(*GROUP_FIELDS)
            .annotate(
                count=Count("id"),
                direct=Count("id", filter=Q(direct=True)),
                first_site=Min("site_id"),
            )
            .order_by()
        )
        # A page normally belongs to one site; should two share it, the lowest id wins.
        rows = [DailyRollup(day=day, site_id=group.pop("first_site"), **group) for group in groups]
        if not rows:
            return 0, 0
        wanted = {tuple(getattr(row, name) for name in GROUP_FIELDS) for row in rows}
        existing = DailyRollup.objects.filter(day=day).values_list("pk", *GROUP_FIELDS)
        stale = [pk for pk, *key in existing if tuple(key) not in wanted]
        if stale:
            DailyRollup.objects.filter(pk__in=stale).delete()
        DailyRollup.objects.bulk_create(
            rows,
            batch_size=500,
            update_conflicts=True,
            unique_fields=UNIQUE_FIELDS,
            update_fields=["count", "direct", "site"],
        )
        rollup_sites(day, rows)
    return len(rows), len(stale)


def rollup_sites(day, rows):
    """Replace the day's ``SiteDailyRollup`` with the sums over pages of ``rows``."""
    sums, direct = Counter(), Counter()
    for row in rows:
        key = (row.site_id, row.event_type, row.channel, row.arrival_class)
        sums[key] += row.count
        direct[key] += row.direct
    SiteDailyRollup.objects.filter(day=day).delete()
    SiteDailyRollup.objects.bulk_create(
        SiteDailyRollup(
            day=day,
            site_id=site_id,
            event_type=event_type,
            channel=channel,
            arrival_class=arrival_class,
            count=count,
            direct=direct[site_id, event_type, channel, arrival_class],
        )
        for (site_id, event_type, channel, arrival_class), count in sums.items()
    )


@dataclass
class PruneResult:
    rollup: RollupResult
    deleted: int
    cutoff: datetime.date

    def summary(self):
        return (
            f"{self.rollup.summary()} Deleted {self.deleted} raw event(s) from before "
            f"{self.cutoff}; daily rollups are kept."
        )


def prune(older_than_days=None):
    """Roll up, then delete, the raw events of days before the retention cutoff.

    Holds the rollup lock throughout, so no rollup recomputes a day while its raw
    events are deleted.
    """
    cutoff = retention_cutoff(older_than_days)
    with exclusive_rollup():
        rolled = rollup(end_day=cutoff - datetime.timedelta(days=1), include_expired=True)
        deleted, _ = Event.objects.filter(created_at__lt=start_of_day(cutoff)).delete()
    return PruneResult(rollup=rolled, deleted=deleted, cutoff=cutoff)
