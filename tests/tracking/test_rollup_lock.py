"""Rollups and prunes never destroy the record of a pruned day, however they overlap.

Two defences, each tested on its own: the rollup lock (``tracking.locks``) keeps a
rollup and a prune from running at the same time, and a rollup leaves alone the
rollup and attribution rows of a day whose raw events are gone.
"""

import datetime
import io
import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from wagtail_darksocial.models import DailyAttribution, DailyRollup, Event, SiteDailyRollup
from wagtail_darksocial.tracking import rollups
from wagtail_darksocial.tracking.attribution_rollup import rollup_attribution
from wagtail_darksocial.tracking.locks import RollupBusy, exclusive_rollup
from wagtail_darksocial.tracking.rollups import prune, rollup
from wagtail_darksocial.tracking.tasks import prune_task, rollup_task

from .conftest import make_site

DAYS = 40  # of raw events, today included; the retention is the default 90 days
KEEP = 30  # the prune below keeps this many days
SHARES_PER_DAY = 5
OLD_SHARE_DAYS = (35, 20)  # today's arrivals point at the shares of these days
LATE_ARRIVALS = 3  # per old share day


def noon(days_ago):
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def token(days_ago, number):
    return f"S{days_ago:03d}{number:06d}"


def event(pages, when, kind, **fields):
    return Event(created_at=when, site=pages.site, page=pages.article, event_type=kind, **fields)


def add_history(pages):
    """Every day: shares, each with a tagged visit 10 minutes later, a dark visit, a copy."""
    events = []
    for days_ago in range(DAYS):
        when = noon(days_ago)
        for number in range(SHARES_PER_DAY):
            tok = token(days_ago, number)
            events += [
                event(pages, when, "share", channel="whatsapp", token=tok),
                event(
                    pages,
                    when + datetime.timedelta(minutes=10),
                    "arrival",
                    arrival_class="tagged",
                    token=tok,
                ),
            ]
        events += [
            event(pages, when, "arrival", arrival_class="dark"),
            event(pages, when, "copy", length_bucket="1-10"),
        ]
    Event.objects.bulk_create(events)


def add_late_arrivals(pages):
    """Visits today, and yesterday, to shares made long ago."""
    moment = min(timezone.now(), noon(0))
    Event.objects.bulk_create(
        event(pages, moment, "arrival", arrival_class="tagged", token=token(days_ago, number))
        for days_ago in OLD_SHARE_DAYS
        for number in range(LATE_ARRIVALS)
    )


def totals():
    attribution = DailyAttribution.objects.aggregate(
        shares=Sum("shares"), converted=Sum("converted"), arrivals=Sum("arrivals")
    )
    return {
        "rollup": DailyRollup.objects.aggregate(total=Sum("count"))["total"],
        "site_rollup": SiteDailyRollup.objects.aggregate(total=Sum("count"))["total"],
        **attribution,
    }


def snapshot():
    """Every rollup and attribution row, by content (ids differ between runs)."""
    return (
        sorted(
            DailyRollup.objects.values_list(
                "day", "page_id", "event_type", "channel", "arrival_class", "count"
            )
        ),
        sorted(
            SiteDailyRollup.objects.values_list(
                "day", "site_id", "event_type", "channel", "arrival_class", "count"
            )
        ),
        sorted(
            (day, page, channel, shares, converted, arrivals, tuple(delays))
            for day, page, channel, shares, converted, arrivals, delays in (
                DailyAttribution.objects.values_list(
                    "day", "page_id", "channel", "shares", "converted", "arrivals", "delays"
                )
            )
        ),
    )


def pruned_events():
    """Raw events left from before the prune's cutoff: none once it has run."""
    cutoff = rollups.start_of_day(rollups.retention_cutoff(KEEP))
    return Event.objects.filter(created_at__lt=cutoff).count()


def attribution_of(days_ago):
    return DailyAttribution.objects.values_list("shares", "converted", "arrivals").get(
        day=timezone.localdate() - datetime.timedelta(days=days_ago)
    )


# Deterministic: a prune slipped in between the rollup's listing of days and its work.


def prune_once_after(function):
    """``function``, followed (the first time only) by a prune keeping ``KEEP`` days."""
    done = []

    def wrapper(*args, **kwargs):
        result = function(*args, **kwargs)
        if not done:
            done.append(True)
            prune(KEEP)
        return result

    return wrapper


def test_days_pruned_after_the_rollup_listed_them_keep_their_rollups(site, monkeypatch):
    add_history(site)
    rollup()
    before = snapshot()
    assert pruned_events() > 0
    monkeypatch.setattr(rollups, "days_with_events", prune_once_after(rollups.days_with_events))
    result = rollups.rebuild()
    assert len(result.days) == DAYS  # listed before the prune, gone when recomputed
    assert pruned_events() == 0
    assert snapshot() == before
    assert totals()["rollup"] == DAYS * (2 * SHARES_PER_DAY + 2)


def test_pruned_share_days_keep_the_attribution_of_their_late_arrivals(site, monkeypatch):
    add_history(site)
    rollup()
    add_late_arrivals(site)
    monkeypatch.setattr(
        rollups, "share_days_touched", prune_once_after(rollups.share_days_touched)
    )
    # Yesterday and today: their arrivals point at shares 35 and 20 days old.
    rollup_task.enqueue(days=2)
    # The prune counted the late arrivals of the 35-day-old shares before deleting them.
    assert attribution_of(35) == (SHARES_PER_DAY, SHARES_PER_DAY, SHARES_PER_DAY + LATE_ARRIVALS)
    assert attribution_of(20) == (SHARES_PER_DAY, SHARES_PER_DAY, SHARES_PER_DAY + LATE_ARRIVALS)
    assert totals() == {
        "rollup": DAYS * (2 * SHARES_PER_DAY + 2) + len(OLD_SHARE_DAYS) * LATE_ARRIVALS,
        "site_rollup": DAYS * (2 * SHARES_PER_DAY + 2) + len(OLD_SHARE_DAYS) * LATE_ARRIVALS,
        "shares": DAYS * SHARES_PER_DAY,
        "converted": DAYS * SHARES_PER_DAY,
        "arrivals": DAYS * SHARES_PER_DAY + len(OLD_SHARE_DAYS) * LATE_ARRIVALS,
    }


def test_attribution_of_a_day_without_raw_events_is_left_alone(site):
    add_history(site)
    rollup()
    before = snapshot()
    prune(KEEP)
    old_day = timezone.localdate() - datetime.timedelta(days=35)
    assert rollup_attribution([old_day]) == (0, 0)
    assert rollups.rollup_day(old_day) == (0, 0)
    assert snapshot() == before


# Concurrent: each job in its own thread, with its own database connection.


def run_concurrently(first, second):
    """Start ``first``, then ``second`` a moment later; re-raise what either raised."""
    barrier = threading.Barrier(2)
    errors = []

    def run(job, delay):
        try:
            barrier.wait()
            time.sleep(delay)
            job()
        except BaseException as error:  # re-raised in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(first, 0)),
        threading.Thread(target=run, args=(second, 0.01)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


def wipe():
    for model in (Event, DailyRollup, SiteDailyRollup, DailyAttribution):
        model.objects.all().delete()


def full_rollup():
    call_command("darksocial_rollup", stdout=io.StringIO())


def prune_command():
    call_command("darksocial_prune", "--days", str(KEEP), stdout=io.StringIO())


def recent_rollup_task():
    rollup_task.enqueue(days=2)


def pruning_task():
    prune_task.enqueue(days=KEEP)


def set_up_recent_rollup_and_prune(pages):
    add_history(pages)
    rollup()
    add_late_arrivals(pages)


SCENARIOS = {
    "prune --days 30 / full rollup": (add_history, prune_command, full_rollup),
    "full rollup / prune --days 30": (add_history, full_rollup, prune_command),
    "prune_task / rollup_task(days=2)": (
        set_up_recent_rollup_and_prune,
        pruning_task,
        recent_rollup_task,
    ),
    "rollup_task(days=2) / prune_task": (
        set_up_recent_rollup_and_prune,
        recent_rollup_task,
        pruning_task,
    ),
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_concurrent_rollup_and_prune_end_as_if_run_one_after_the_other(scenario):
    set_up, first, second = SCENARIOS[scenario]
    pages = make_site()

    set_up(pages)
    first()
    second()
    expected = snapshot()
    expected_totals = totals()
    assert pruned_events() == 0

    wipe()
    set_up(pages)
    run_concurrently(first, second)
    assert totals() == expected_totals
    assert snapshot() == expected
    assert expected_totals["shares"] == DAYS * SHARES_PER_DAY


# The lock itself.


def hold_lock_in_a_thread(seconds):
    """Hold the rollup lock for ``seconds`` in another thread; return it once held."""
    held = threading.Event()

    def hold():
        try:
            with exclusive_rollup():
                held.set()
                time.sleep(seconds)
        finally:
            connection.close()

    thread = threading.Thread(target=hold)
    thread.start()
    assert held.wait(10)
    return thread


@pytest.mark.django_db(transaction=True)
def test_a_second_run_waits_or_with_no_wait_skips():
    pages = make_site()
    add_history(pages)
    thread = hold_lock_in_a_thread(0.5)
    try:
        with pytest.raises(RollupBusy), exclusive_rollup(wait=False):
            pass
        out = io.StringIO()
        call_command("darksocial_prune", "--days", str(KEEP), "--no-wait", stdout=out)
        assert "skipped" in out.getvalue()
        assert Event.objects.count() == DAYS * (2 * SHARES_PER_DAY + 2)  # nothing pruned
        started = time.monotonic()
        rollup()  # waits for the other thread
        assert time.monotonic() - started > 0.2
        assert totals()["rollup"] == DAYS * (2 * SHARES_PER_DAY + 2)
    finally:
        thread.join()
    out = io.StringIO()
    call_command("darksocial_rollup", "--no-wait", stdout=out)
    assert "Rolled up" in out.getvalue()


def test_the_lock_is_reentrant_within_a_thread(db):
    with exclusive_rollup(), exclusive_rollup(wait=False):
        pass
    with exclusive_rollup(wait=False):  # and released afterwards
        pass


@pytest.mark.django_db
def test_pruning_an_ancestor_leaves_a_kept_share_s_depth_alone():
    # A re-share kept by the prune whose parent share's day is pruned: its depth, and
    # the day's depth figures, stay what they were (found by the break review).
    pages = make_site()
    Event.objects.bulk_create(
        [
            event(pages, noon(40), "share", channel="whatsapp", token="rootAAAAAA"),
            event(pages, noon(20), "share", channel="whatsapp", token="midAAAAAAA",
                  parent_token="rootAAAAAA"),
            event(pages, noon(1), "share", channel="whatsapp", token="leafAAAAAA",
                  parent_token="midAAAAAAA"),
        ]
    )  # fmt: skip
    rollup()
    recent = timezone.localdate() - datetime.timedelta(days=1)
    before = DailyAttribution.objects.values_list("depth_sum", "depth_max").get(day=recent)
    assert before == (3, 3)
    prune(older_than_days=30)  # the root share's day goes
    rollup()
    prune(older_than_days=10)  # and then the middle one's
    rollup()
    after = DailyAttribution.objects.values_list("depth_sum", "depth_max").get(day=recent)
    assert after == before
    assert Event.objects.get(token="leafAAAAAA").depth == 3
