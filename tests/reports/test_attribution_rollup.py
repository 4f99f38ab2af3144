"""rollup_attribution: per share day, page and channel, from raw events."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail_darksocial.models import DailyAttribution, Event
from wagtail_darksocial.tracking.attribution_rollup import (
    MAX_DEPTH,
    rollup_attribution,
    share_days_touched,
)

from .conftest import add_page, at, share, tagged

FIELDS = ("shares", "converted", "arrivals", "reshared", "depth_sum", "depth_max", "delays")


def rows(day=None):
    queryset = DailyAttribution.objects.order_by("day", "page_id", "channel")
    if day:
        queryset = queryset.filter(day=day)
    return {
        (row.day, row.page_id, row.channel): tuple(getattr(row, name) for name in FIELDS)
        for row in queryset
    }


def test_rows_match_the_hand_computed_data_set(dataset):
    d1, d2, p1, p2, q1 = dataset.d1, dataset.d2, dataset.p1, dataset.p2, dataset.q1
    assert rows() == {
        (d1, p1.pk, "whatsapp"): (2, 1, 2, 0, 2, 1, [600]),
        (d1, p1.pk, "email"): (1, 1, 1, 1, 1, 1, [86400]),
        (d1, p2.pk, "whatsapp"): (1, 1, 1, 1, 2, 2, [1800]),
        (d2, p2.pk, "telegram"): (1, 0, 0, 0, 3, 3, []),
        (d2, p2.pk, "linkedin"): (1, 1, 1, 0, 1, 1, [30]),
        (d2, p2.pk, "x"): (1, 0, 0, 0, 1, 1, []),
        (d1, q1.pk, "whatsapp"): (1, 1, 1, 0, 1, 1, [300]),
    }
    assert DailyAttribution.objects.get(page=q1).site == dataset.site_b


def test_running_again_changes_nothing(dataset):
    before = rows()
    ids = set(DailyAttribution.objects.values_list("pk", flat=True))
    assert rollup_attribution([dataset.d1, dataset.d2]) == (7, 0)
    assert rows() == before
    assert set(DailyAttribution.objects.values_list("pk", flat=True)) == ids


def test_new_events_update_and_vanished_groups_are_removed(dataset):
    d1, d2, p1, p2 = dataset.d1, dataset.d2, dataset.p1, dataset.p2
    site = dataset.site_a
    Event.objects.bulk_create(
        [
            tagged(p1, at(d2, 20), "whatsapp", "t2", site=site),
            share(p2, at(d2, 21), "bluesky", "t8", "t6", site=site),
        ]
    )
    Event.objects.filter(token="t7").delete()
    written, removed = rollup_attribution([d1, d2])
    assert removed == 1  # (d2, p2, x) had only t7
    after = rows()
    # t2 converted 32 h after it was shared; the median of a row's delays stays sorted.
    assert after[d1, p1.pk, "whatsapp"] == (2, 2, 3, 0, 2, 1, [600, 32 * 3600])
    # t6 was re-shared by t8, a re-share at depth 2.
    assert after[d2, p2.pk, "linkedin"] == (1, 1, 1, 1, 1, 1, [30])
    assert after[d2, p2.pk, "bluesky"] == (1, 0, 0, 0, 2, 2, [])
    assert (d2, p2.pk, "x") not in after
    assert written == 7


def test_a_day_without_shares_loses_its_rows(dataset):
    Event.objects.filter(event_type="share", created_at__date=dataset.d2).delete()
    assert rollup_attribution([dataset.d2]) == (0, 3)
    assert not DailyAttribution.objects.filter(day=dataset.d2).exists()
    assert DailyAttribution.objects.filter(day=dataset.d1).count() == 4


@pytest.fixture
def page(db):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    return add_page(site.root_page, "Chains", "chains"), site


def test_cycles_end_where_a_token_repeats(page):
    page, site = page
    day = datetime.date(2025, 3, 1)
    Event.objects.bulk_create(
        [
            share(page, at(day, 9), "sms", "c1", "c2", site=site),
            share(page, at(day, 9), "sms", "c2", "c1", site=site),
            share(page, at(day, 9), "email", "self", "self", site=site),
        ]
    )
    rollup_attribution([day])
    assert rows(day) == {
        (day, page.pk, "email"): (1, 0, 0, 0, 1, 1, []),  # its own parent: not re-shared
        (day, page.pk, "sms"): (2, 0, 0, 2, 4, 2, []),
    }


def test_depth_is_capped_and_ancestors_on_earlier_days_count(page):
    page, site = page
    first = datetime.date(2025, 3, 1)
    chain = [
        share(
            page,
            at(first + datetime.timedelta(days=n // 20), 9),
            "whatsapp",
            f"k{n}",
            f"k{n - 1}" if n else "",
            site=site,
        )
        for n in range(60)
    ]
    Event.objects.bulk_create(chain)
    last_day = first + datetime.timedelta(days=2)
    rollup_attribution([first, last_day])
    assert rows(first)[first, page.pk, "whatsapp"][4:6] == (sum(range(1, 21)), 20)
    last = rows(last_day)[last_day, page.pk, "whatsapp"]
    assert last[5] == MAX_DEPTH
    assert last[4] == sum(min(MAX_DEPTH, n + 1) for n in range(40, 60))


def test_a_replayed_share_is_stored_once_and_early_arrivals_have_no_negative_delay(page):
    page, site = page
    day = datetime.date(2025, 3, 1)
    Event.objects.bulk_create(
        [
            share(page, at(day, 9), "copy", "dup", site=site),
            share(page, at(day, 9, 0, 1), "copy", "dup", site=site),
            tagged(page, at(day, 8, 59, 58), "copy", "dup", site=site),
        ],
        ignore_conflicts=True,  # as the endpoint stores them
    )
    assert Event.objects.filter(event_type="share", token="dup").count() == 1
    rollup_attribution([day])
    assert rows(day) == {(day, page.pk, "copy"): (1, 1, 1, 0, 1, 1, [0])}


def test_queries_do_not_grow_with_the_number_of_shares(page):
    page, site = page
    day = datetime.date(2025, 3, 1)

    def queries_for(count, prefix):
        Event.objects.bulk_create(
            [share(page, at(day, 9), "sms", f"{prefix}{n}", site=site) for n in range(count)]
            + [tagged(page, at(day, 10), "sms", f"{prefix}{n}", site=site) for n in range(count)]
        )
        with CaptureQueriesContext(connection) as context:
            rollup_attribution([day])
        return len(context.captured_queries)

    few = queries_for(3, "a")
    many = queries_for(300, "b")
    assert many == few <= 10
    assert rows(day)[day, page.pk, "sms"][:3] == (303, 303, 303)


def test_share_days_touched_finds_the_days_of_older_shares(dataset):
    d1, d2 = dataset.d1, dataset.d2
    # On d2, t3 (shared on d1) brought its visit and t4 (d1) was re-shared as t5.
    assert share_days_touched(at(d2, 0), at(d2 + datetime.timedelta(days=1), 0)) == [d1, d2]
    assert share_days_touched(at(d1, 0), at(d2, 0)) == [d1]
