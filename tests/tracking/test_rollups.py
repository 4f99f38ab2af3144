"""Rollups equal the raw counts however often they run; pruning keeps them."""

import datetime
import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Site

from wagtail_darksocial.models import DailyAttribution, DailyRollup, Event, SiteDailyRollup
from wagtail_darksocial.tracking.rollups import (
    UNIQUE_FIELDS,
    prune,
    rebuild,
    retention_cutoff,
    rollup,
)
from wagtail_darksocial.tracking.tasks import prune_task, rollup_task

NOW = timezone.now()
DAY = datetime.timedelta(days=1)


def add(site, page, when=None, event_type="share", channel="whatsapp", arrival_class="", **more):
    return Event.objects.create(
        created_at=when or timezone.now(),
        site=site.site,
        page=page,
        event_type=event_type,
        channel=channel,
        arrival_class=arrival_class,
        **more,
    )


def raw_counts():
    return Counter(
        (
            timezone.localtime(e.created_at).date(),
            e.site_id,
            e.page_id,
            e.event_type,
            e.channel,
            e.arrival_class,
        )
        for e in Event.objects.all()
    )


def rollup_counts():
    return Counter(
        {
            (r.day, r.site_id, r.page_id, r.event_type, r.channel, r.arrival_class): r.count
            for r in DailyRollup.objects.all()
        }
    )


def sample(site):
    for when in (NOW, NOW - DAY, NOW - 3 * DAY):
        add(site, site.article, when)
        add(site, site.article, when, channel="email")
        add(site, site.home, when, event_type="copy", channel="", length_bucket="1-10")
        add(site, site.article, when, event_type="arrival", channel="", arrival_class="dark")
        add(site, site.article, when, event_type="arrival", channel="", arrival_class="dark")


def test_rollup_equals_raw_counts(site):
    sample(site)
    result = rollup()
    assert rollup_counts() == raw_counts()
    assert result.rows == DailyRollup.objects.count() == 12
    assert len(result.days) == 3
    assert DailyRollup.objects.get(day=timezone.localdate(NOW), arrival_class="dark").count == 2


def test_rollup_twice_changes_nothing(site):
    sample(site)
    rollup()
    first = sorted(DailyRollup.objects.values_list("pk", "day", "page", "count"))
    rollup()
    assert sorted(DailyRollup.objects.values_list("pk", "day", "page", "count")) == first


def test_interleaved_inserts_and_rollups_end_equal_to_raw(site):
    for round_ in range(5):
        add(site, site.article, NOW)
        add(site, site.fr_article, NOW - DAY, channel="sms")
        if round_ % 2:
            add(
                site,
                site.article,
                NOW - 2 * DAY,
                event_type="arrival",
                channel="",
                arrival_class="search",
            )
        rollup(start_day=timezone.localdate(NOW - DAY))  # a partial range now and then
        rollup()
    add(site, site.article, NOW)
    assert rollup_counts() != raw_counts()
    rollup()
    assert rollup_counts() == raw_counts()


def test_a_rebuild_removes_groups_that_vanished(site):
    sample(site)
    rollup()
    Event.objects.filter(channel="email", created_at__gte=NOW - DAY / 2).delete()
    assert rollup().removed == 0  # incremental: only new events count
    result = rebuild()
    assert result.removed == 1
    assert rollup_counts() == raw_counts()


def test_days_without_raw_events_are_left_alone(site):
    sample(site)
    rollup()
    yesterday = timezone.localdate(NOW - DAY)
    kept = DailyRollup.objects.filter(day=yesterday).count()
    Event.objects.filter(created_at__date=yesterday).delete()
    rollup()
    assert DailyRollup.objects.filter(day=yesterday).count() == kept


def test_expired_days_are_not_recomputed_but_pruned_after_a_last_rollup(site, settings):
    settings.WAGTAIL_DARKSOCIAL = {"RAW_EVENT_RETENTION_DAYS": 30}
    old = NOW - 40 * DAY
    add(site, site.article, old)
    add(site, site.article, old)
    add(site, site.article, NOW)
    rollup()  # the first run counts every event, expired days included
    assert DailyRollup.objects.get(day=timezone.localdate(old)).count == 2
    result = rebuild()
    assert result.skipped == [timezone.localdate(old)]  # never rebuilt from raw events

    pruned = prune()
    assert pruned.deleted == 2
    assert pruned.cutoff == retention_cutoff()
    assert list(Event.objects.values_list("created_at", flat=True)) == [
        Event.objects.get().created_at
    ]
    assert DailyRollup.objects.get(day=timezone.localdate(old)).count == 2
    # Running everything again loses nothing.
    before = rollup_counts()
    rollup()
    prune()
    assert rollup_counts() == before


def test_prune_deletes_whole_days_only(site):
    cutoff = retention_cutoff(10)
    start = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))
    add(site, site.article, start - datetime.timedelta(seconds=1))
    add(site, site.article, start)
    add(site, site.article, start + datetime.timedelta(hours=23))
    assert prune(10).deleted == 1
    assert Event.objects.count() == 2
    assert sum(rollup_counts().values()) == 3  # counted before the prune, and kept


def test_negative_retention_is_refused():
    with pytest.raises(ValueError, match="negative"):
        retention_cutoff(-1)


def test_rollup_keeps_daily_attribution(site):
    add(site, site.article, NOW - DAY, token="Shared0001")
    add(
        site,
        site.article,
        NOW,
        event_type="arrival",
        channel="",
        arrival_class="tagged",
        token="Shared0001",
    )
    # Only today is rolled up, but the arrival's share day gets its attribution too.
    result = rollup(start_day=timezone.localdate(NOW))
    assert result.share_days == [timezone.localdate(NOW - DAY), timezone.localdate(NOW)]
    row = DailyAttribution.objects.get()
    assert (row.day, row.channel, row.shares, row.converted, row.arrivals) == (
        timezone.localdate(NOW - DAY),
        "whatsapp",
        1,
        1,
        1,
    )


def test_rollup_command(site):
    sample(site)
    out = io.StringIO()
    call_command("darksocial_rollup", stdout=out)
    assert "Rolled up 3 day(s)" in out.getvalue()  # the first run counts everything
    assert rollup_counts() == raw_counts()
    add(site, site.article, NOW)
    call_command("darksocial_rollup", stdout=out)
    assert "Counted 1 new event(s)" in out.getvalue()
    call_command("darksocial_rollup", "--days", "1", stdout=out)  # a rebuild of today
    assert "Rolled up 1 day(s)" in out.getvalue()
    call_command("darksocial_rollup", "--all", stdout=out)
    assert rollup_counts() == raw_counts()
    with pytest.raises(CommandError):
        call_command("darksocial_rollup", "--days", "0")


def test_prune_command(site):
    sample(site)
    out = io.StringIO()
    call_command("darksocial_prune", "--days", "2", stdout=out)
    assert "Deleted 5 raw event(s)" in out.getvalue()
    assert "rollups are kept" in out.getvalue()
    assert Event.objects.count() == 10
    with pytest.raises(CommandError):
        call_command("darksocial_prune", "--days", "-1")


def test_tasks(site):
    sample(site)
    result = rollup_task.enqueue()
    assert "Rolled up 3 day(s)" in result.return_value
    assert rollup_counts() == raw_counts()
    assert "Rolled up 1 day(s)" in rollup_task.enqueue(days=1).return_value
    assert "Deleted 5 raw event(s)" in prune_task.enqueue(days=2).return_value


def site_rollup_counts():
    return Counter(
        {
            (r.day, r.site_id, r.event_type, r.channel, r.arrival_class): r.count
            for r in SiteDailyRollup.objects.all()
        }
    )


def summed_over_pages(counts):
    sums = Counter()
    for (day, site_id, _page, *key), count in counts.items():
        sums[(day, site_id, *key)] += count
    return sums


def test_site_rollups_are_the_page_rollups_summed_and_follow_changes(site):
    sample(site)
    rollup()
    assert site_rollup_counts() == summed_over_pages(raw_counts())
    today = timezone.localdate(NOW)
    assert (
        SiteDailyRollup.objects.get(day=today, event_type="share", channel="whatsapp").count == 1
    )
    Event.objects.filter(channel="email", created_at__gte=NOW - DAY / 2).delete()
    add(site, site.home, NOW, channel="whatsapp")
    rebuild()
    assert site_rollup_counts() == summed_over_pages(raw_counts())
    assert not SiteDailyRollup.objects.filter(day=today, channel="email").exists()
    assert (
        SiteDailyRollup.objects.get(day=today, event_type="share", channel="whatsapp").count == 2
    )


def rollup_rows():
    pages = set(DailyRollup.objects.values_list(*UNIQUE_FIELDS, "site_id", "count"))
    sites = set(SiteDailyRollup.objects.values_list("day", "site_id", "event_type", "count"))
    return pages, sites


def test_a_page_two_sites_serve_counts_for_each_site_the_same_incrementally_and_rebuilt(site):
    """Two Site records with one root: each event counts for its own site in the site
    rollups, and the page's row names the lowest site id, however the runs fell."""
    low, high = sorted(
        [site.site, Site.objects.create(hostname="mirror", root_page=site.home)],
        key=lambda s: s.pk,
    )
    rollup()  # the watermark exists
    for hostname_site in (high, high, low):  # the higher site first, in its own run
        Event.objects.create(
            created_at=NOW, site=hostname_site, page=site.article, event_type="copy"
        )
        rollup()
    incremental = rollup_rows()
    rebuild()
    assert rollup_rows() == incremental
    today = timezone.localdate(NOW)
    assert incremental == (
        {(today, site.article.pk, "copy", "", "", low.pk, 3)},
        {(today, high.pk, "copy", 2), (today, low.pk, "copy", 1)},
    )
