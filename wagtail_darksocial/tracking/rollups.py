"""Daily rollups of raw events, and pruning of raw events past their retention.

``rollup()`` is **incremental**: it counts the events that arrived since the last run
(ids above the watermark, ``tracking.watermark``) and adds them to the rollups, in
one transaction with the new watermark, so a run's cost follows the new events, not
the day's total; a run killed half-way leaves nothing behind, and running it again
counts each event once. It then recomputes ``DailyAttribution`` (see
``attribution_rollup``) for the share days and pages that the new events touch. Days
are calendar days in Django's ``TIME_ZONE``.

``rollup(start_day, end_day)`` (``rebuild``) recomputes whole days from raw events, as
a repair: it first catches up, then recomputes the days from the events at or below
the watermark. The first run on a database without a watermark rebuilds every day
with raw events (what the rollups held before the watermark existed). Days older than
the retention cutoff (today minus ``RAW_EVENT_RETENTION_DAYS``) are never rebuilt
after the first run: their raw events are, or are about to be, pruned, and their
rollups are the only record left. ``prune()`` catches up, then deletes their raw
events, whole days only.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db import connections, transaction
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from ..conf import get_setting
from ..models import DailyRollup, Event, SiteDailyRollup
from . import watermark
from .attribution_rollup import rollup_attribution, share_days_touched, share_pages_touched
from .locks import exclusive_rollup, rollup_database

GROUP_FIELDS = ("page_id", "event_type", "channel", "arrival_class")
UNIQUE_FIELDS = ["day", "page", "event_type", "channel", "arrival_class"]
SITE_UNIQUE_FIELDS = ["day", "site", "event_type", "channel", "arrival_class"]


@dataclass
class RollupResult:
    days: list = field(default_factory=list)  # days recomputed
    rows: int = 0  # rollup rows written
    removed: int = 0  # rollup rows whose group had no raw events left
    skipped: list = field(default_factory=list)  # days older than the retention cutoff
    share_days: list = field(default_factory=list)  # days whose attribution was recomputed
    attribution_rows: int = 0
    attribution_removed: int = 0
    events: int = 0  # new events counted
    last_event_id: int = 0  # the watermark after the run
    waiting: bool = False  # a writer stayed open: nothing new counted this time

    def summary(self):
        days = f"{len(self.days)} day(s)"
        if self.days:
            days += f" ({self.days[0]} to {self.days[-1]})"
        text = (
            f"Counted {self.events} new event(s) (up to id {self.last_event_id}). "
            f"Rolled up {days}: {self.rows} row(s) written, {self.removed} removed; "
            f"attribution of {len(self.share_days)} share day(s): "
            f"{self.attribution_rows} row(s) written, {self.attribution_removed} removed."
        )
        if self.skipped:
            text += f" Skipped {len(self.skipped)} day(s) older than the retention cutoff."
        if self.waiting:
            text += " A transaction writing events stayed open: new events wait for the next run."
        return text


def retention_cutoff(days=None):
    """The first day whose raw events are kept: today minus ``days``."""
    days = get_setting("RAW_EVENT_RETENTION_DAYS") if days is None else days
    if days < 0:
        raise ValueError("The retention period cannot be negative.")
    return timezone.localdate() - datetime.timedelta(days=days)


def start_of_day(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def days_with_events(start_day=None, end_day=None, *, up_to_id=None):
    """Sorted days, between the bounds (inclusive), that have raw events."""
    events = Event.objects.all()
    if up_to_id is not None:
        events = events.filter(id__lte=up_to_id)
    if start_day:
        events = events.filter(created_at__gte=start_of_day(start_day))
    if end_day:
        events = events.filter(created_at__lt=start_of_day(end_day + datetime.timedelta(days=1)))
    days = events.annotate(day=TruncDate("created_at")).values_list("day", flat=True)
    return sorted(set(days.order_by().distinct()))


def rollup(start_day=None, end_day=None, *, include_expired=False):
    """Count the new events; with a bound, also rebuild the days in the range.

    Both bounds are optional and inclusive. Rebuilt are the days in the range that have
    raw events; days without raw events are left as they are (their raw events may have
    been pruned). Days before the retention cutoff are not rebuilt unless
    ``include_expired``. Holds the rollup lock (``locks.exclusive_rollup``), waiting for
    a running rollup or prune to end.
    """
    with exclusive_rollup():
        alias = rollup_database()
        result = RollupResult()
        if watermark.last_counted(alias) is None:
            # The first run: everything so far, from raw events, then the watermark.
            return _rebuild(alias, None, None, include_expired=True)
        _catch_up(alias, result)
        if start_day is None and end_day is None:
            return result
        rebuilt = _rebuild(alias, start_day, end_day, include_expired=include_expired)
        rebuilt.events, rebuilt.last_event_id = result.events, result.last_event_id
        return rebuilt


def rebuild(start_day=None, end_day=None, *, include_expired=False):
    """``rollup()`` that recomputes every day in the range (all days by default)."""
    with exclusive_rollup():
        alias = rollup_database()
        if watermark.last_counted(alias) is not None:
            _catch_up(alias, RollupResult())
        return _rebuild(alias, start_day, end_day, include_expired=include_expired)


def _rebuild(alias, start_day, end_day, *, include_expired):
    """Recompute days from the events at or below the high mark; set the watermark."""
    result = RollupResult()
    known = watermark.last_counted(alias)
    try:
        mark = watermark.high_mark(alias) if known is None else known
    except watermark.WritersStillOpen:
        result.waiting = True
        return result
    cutoff = retention_cutoff()
    for day in days_with_events(start_day, end_day, up_to_id=mark):
        if day < cutoff and not include_expired:
            result.skipped.append(day)
            continue
        rows, removed = rollup_day(day, up_to_id=mark)
        result.days.append(day)
        result.rows += rows
        result.removed += removed
    share_days = set(result.days)
    if result.days:
        end = start_of_day(result.days[-1] + datetime.timedelta(days=1))
        share_days.update(share_days_touched(start_of_day(result.days[0]), end))
    result.share_days = sorted(day for day in share_days if include_expired or day >= cutoff)
    with transaction.atomic(using=alias):
        result.attribution_rows, result.attribution_removed = rollup_attribution(result.share_days)
        if known is None:
            watermark.set_last_counted(alias, mark)
    result.last_event_id = mark
    return result


def _catch_up(alias, result):
    """Count the events above the watermark, a chunk per transaction."""
    start = watermark.last_counted(alias)
    result.last_event_id = start
    try:
        mark = watermark.high_mark(alias)
    except watermark.WritersStillOpen:
        result.waiting = True
        return
    days, share_days = set(), set()
    while start < mark:
        end = min(mark, start + get_setting("ROLLUP_CHUNK_EVENTS"))
        with transaction.atomic(using=alias):
            events, rows, touched = _count_new_events(alias, start, end)
            touched_pages = share_pages_touched(start, end, using=alias)
            written, removed = rollup_attribution(touched_pages, touched_pages)
            watermark.set_last_counted(alias, end)
        result.events += events
        result.rows += rows
        result.attribution_rows += written
        result.attribution_removed += removed
        days.update(touched)
        share_days.update(touched_pages)
        start = result.last_event_id = end
    result.days = sorted(days)
    result.share_days = sorted(share_days)


def _count_new_events(alias, after_id, up_to_id):
    """Add the events with ids in ``(after_id, up_to_id]`` to the rollups.

    Returns ``(events, rollup rows upserted, days)``.
    """
    groups = (
        Event.objects.using(alias)
        .filter(id__gt=after_id, id__lte=up_to_id)
        .annotate(day=TruncDate("created_at"))
    )
    page_rows, site_rows = _page_and_site_rows(groups)
    if not page_rows:
        return 0, 0, set()
    connection = connections[alias]
    _add_counts(connection, DailyRollup, UNIQUE_FIELDS, page_rows)
    _add_counts(connection, SiteDailyRollup, SITE_UNIQUE_FIELDS, site_rows)
    return sum(row[-2] for row in page_rows), len(page_rows), {row[0] for row in page_rows}


def _page_and_site_rows(events):
    """Count ``events`` (annotated with ``day``) per page and per site.

    Returns ``(page_rows, site_rows)``, tuples in ``_add_counts`` order. Each event
    counts for its own site in the site rows. A page row names the lowest site id among
    its events: a page normally belongs to one site; should two share it, the incremental
    run (``LEAST`` on conflict) and the rebuild then name the same one.
    """
    groups = (
        events.values("day", "site_id", *GROUP_FIELDS)
        .annotate(count=Count("id"), direct=Count("id", filter=Q(direct=True)))
        .order_by()
    )
    pages, site_counts, site_direct = {}, Counter(), Counter()
    for g in groups:
        page_key = (g["day"], *(g[name] for name in GROUP_FIELDS))
        site_id, count, direct = pages.get(page_key, (g["site_id"], 0, 0))
        pages[page_key] = (min(site_id, g["site_id"]), count + g["count"], direct + g["direct"])
        site_key = (g["day"], g["site_id"], g["event_type"], g["channel"], g["arrival_class"])
        site_counts[site_key] += g["count"]
        site_direct[site_key] += g["direct"]
    page_rows = [
        (day, site_id, *group, count, direct)
        for (day, *group), (site_id, count, direct) in pages.items()
    ]
    site_rows = [(*key, count, site_direct[key]) for key, count in site_counts.items()]
    return page_rows, site_rows


def _add_counts(connection, model, unique_fields, rows, batch=500):
    """``INSERT ... ON CONFLICT (...) DO UPDATE SET count = count + excluded.count``.

    ``rows`` hold the model's fields in ``unique_fields`` order plus ``site`` (first,
    after ``day``, for ``DailyRollup``) and end with the count and the direct count to
    add.
    """
    quote = connection.ops.quote_name
    meta = model._meta
    names = ["day", "site", "page"] if model is DailyRollup else ["day", "site"]
    names += ["event_type", "channel", "arrival_class", "count", "direct"]
    columns = [meta.get_field(name).column for name in names]
    conflict = [meta.get_field(name).column for name in unique_fields]
    table = quote(meta.db_table)
    updates = [
        f"{column} = {table}.{column} + EXCLUDED.{column}"
        for column in (quote(meta.get_field(name).column) for name in ("count", "direct"))
    ]
    if model is DailyRollup:  # the lowest site id, as the rebuild names it
        least = "MIN" if connection.vendor == "sqlite" else "LEAST"
        site = quote(meta.get_field("site").column)
        updates.append(f"{site} = {least}({table}.{site}, EXCLUDED.{site})")
    added = ", ".join(updates)
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            # Names come from the model; values are parameters.
            sql = (
                f"INSERT INTO {table} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608
                f"VALUES {', '.join([placeholders] * len(chunk))} "
                f"ON CONFLICT ({', '.join(quote(c) for c in conflict)}) "
                f"DO UPDATE SET {added}"
            )
            cursor.execute(sql, [value for row in chunk for value in row])


def rollup_day(day, *, up_to_id=None):
    """Recompute one day; return ``(rows written, stale rows removed)``.

    Only events with ids up to ``up_to_id`` count: those above are the next catch-up's.

    A day without raw events keeps its rows: its events were pruned (maybe just after
    the day was listed), and its rollups are the only record left. Whole days are
    pruned at once, so a day that has raw events has all of them.
    """
    start = start_of_day(day)
    end = start_of_day(day + datetime.timedelta(days=1))
    events = Event.objects.filter(created_at__gte=start, created_at__lt=end)
    if up_to_id is not None:
        events = events.filter(id__lte=up_to_id)
    with transaction.atomic(using=rollup_database()):
        page_rows, site_rows = _page_and_site_rows(events.annotate(day=TruncDate("created_at")))
        if not page_rows:
            return 0, 0
        wanted = {tuple(row[2:6]) for row in page_rows}
        existing = DailyRollup.objects.filter(day=day).values_list("pk", *GROUP_FIELDS)
        stale = [pk for pk, *key in existing if tuple(key) not in wanted]
        if stale:
            DailyRollup.objects.filter(pk__in=stale).delete()
        DailyRollup.objects.bulk_create(
            [_rollup(DailyRollup, ["day", "site_id", *GROUP_FIELDS], row) for row in page_rows],
            batch_size=500,
            update_conflicts=True,
            unique_fields=UNIQUE_FIELDS,
            update_fields=["count", "direct", "site"],
        )
        SiteDailyRollup.objects.filter(day=day).delete()
        site_fields = ["day", "site_id", "event_type", "channel", "arrival_class"]
        SiteDailyRollup.objects.bulk_create(
            _rollup(SiteDailyRollup, site_fields, row) for row in site_rows
        )
    return len(page_rows), len(stale)


def _rollup(model, names, row):
    """A rollup instance from a row: ``names`` then the count and the direct count."""
    *values, count, direct = row
    return model(**dict(zip(names, values, strict=True)), count=count, direct=direct)


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
    """Count the new events, then delete the raw events of days before the cutoff.

    Holds the rollup lock throughout, so no rollup counts or rebuilds a day while its
    raw events are deleted.
    """
    cutoff = retention_cutoff(older_than_days)
    with exclusive_rollup():
        rolled = rollup()
        if rolled.waiting:
            # Events not yet counted could be among those about to be deleted.
            return PruneResult(rollup=rolled, deleted=0, cutoff=cutoff)
        deleted = delete_before(start_of_day(cutoff), rolled.last_event_id)
    return PruneResult(rollup=rolled, deleted=deleted, cutoff=cutoff)


def delete_before(moment, up_to_id):
    """Delete the counted raw events older than ``moment``; return how many."""
    deleted, _ = Event.objects.filter(created_at__lt=moment, id__lte=up_to_id).delete()
    return deleted
