"""One client cannot bend the figures with replayed or forged share tokens.

A share token is unique per site (a database constraint), so a replayed share is
stored once and every figure counts it once; an arrival converts a share only on the
share's own site and page.
"""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Sum
from django.utils import timezone

from wagtail_darksocial.models import DailyAttribution, DailyRollup, Event
from wagtail_darksocial.reports.stats import Filters, Report
from wagtail_darksocial.tracking.rollups import rollup

from .attribution_oracle import attribution
from .conftest import arrival, copy, make_site, share

REPLAYED = "Replay0001"


@pytest.fixture
def unthrottled(settings):
    settings.WAGTAIL_DARKSOCIAL = {"THROTTLE_RATE": None}
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "otherhost"]


def report(site, **filters):
    return Report(Filters.last_days(site, 7, **filters))


def test_a_share_replayed_1000_times_counts_once_everywhere(site, post, unthrottled):
    statuses = [post(share(site.article, token=REPLAYED)).status_code for _ in range(100)]
    statuses += [post([share(site.article, token=REPLAYED)] * 20).status_code for _ in range(45)]
    # A replay inside a batch, and on another page of the site: the rest of the batch is kept.
    mixed = [
        share(site.article, token=REPLAYED),
        share(site.fr_article, token=REPLAYED),
        copy(site.article),
        arrival(site.article, token=REPLAYED),
        share(site.article, channel="email", token="Fresh00001"),
    ]
    statuses.append(post(mixed).status_code)
    assert set(statuses) == {204}

    shares = Event.objects.filter(event_type="share")
    assert sorted(shares.values_list("token", "page_id")) == [
        ("Fresh00001", site.article.pk),
        (REPLAYED, site.article.pk),
    ]
    assert Event.objects.filter(event_type="copy").count() == 1
    assert Event.objects.filter(event_type="arrival", arrival_class="tagged").count() == 1

    rollup()
    for figures in (report(site.site), report(site.site, page=site.home)):
        # The headline's shares (event rollups) and the conversion table (attribution)
        # agree, with and without a page filter (per-site and per-page rollups).
        assert figures.shares == figures.conversion_total.shares == 2
        assert dict(figures.shares_by_channel) == {"whatsapp": 1, "email": 1}
        assert figures.conversion_total.converted == 1
        assert figures.conversion_total.arrivals == 1


def test_the_same_token_on_another_site_is_another_share(site, post, unthrottled):
    other = make_site("otherhost")
    assert post(share(site.article, token=REPLAYED)).status_code == 204
    assert post(share(other.article, token=REPLAYED), HTTP_HOST="otherhost").status_code == 204
    assert sorted(
        Event.objects.filter(token=REPLAYED).values_list("site__hostname", flat=True)
    ) == ["otherhost", "testserver"]


def test_forged_arrivals_with_another_page_or_sites_token_convert_nothing(site, post, unthrottled):
    other = make_site("otherhost")
    pairs = 200
    forged = []
    for number in range(pairs):
        # A share on one page, and its token carried to another page of the same site.
        forged += [
            share(site.article, token=f"Page{number:06d}"),
            arrival(site.fr_article, token=f"Page{number:06d}"),
        ]
    for start in range(0, len(forged), 20):
        assert post(forged[start : start + 20]).status_code == 204
    # Shares on another site, and their tokens carried to this one.
    other_shares = [share(other.article, token=f"Site{number:06d}") for number in range(pairs)]
    for start in range(0, pairs, 20):
        batch = other_shares[start : start + 20]
        assert post(batch, HTTP_HOST="otherhost").status_code == 204
        assert (
            post([arrival(site.article, token=item["token"]) for item in batch]).status_code == 204
        )
    # One honest visit, so that the test can tell converted from not.
    post([share(site.article, token="Honest0001"), arrival(site.article, token="Honest0001")])

    rollup()
    converted = DailyAttribution.objects.aggregate(
        converted=Sum("converted"), arrivals=Sum("arrivals"), shares=Sum("shares")
    )
    assert converted == {"converted": 1, "arrivals": 1, "shares": 2 * pairs + 1}
    assert attribution(site=site.site).total.shares_with_arrivals == 1
    assert attribution().total.shares_with_arrivals == 1
    assert attribution().total.arrivals == 1
    # They still count as tagged arrivals (a sharer with GPC on sends no share).
    tagged = DailyRollup.objects.filter(site=site.site, arrival_class="tagged")
    assert tagged.aggregate(total=Sum("count"))["total"] == 2 * pairs + 1


@pytest.mark.django_db(transaction=True)
def test_a_single_replayed_share_outside_a_transaction_is_skipped(
    post, unthrottled, django_assert_num_queries, monkeypatch
):
    """A request of one event is one INSERT in autocommit, as in production (the tests
    above run inside a transaction, where the batch path with ON CONFLICT is taken)."""
    pages = make_site()
    assert not connection.in_atomic_block
    post(copy(pages.article))  # warms the site and page look-ups
    commits = []
    commit = connection.commit
    monkeypatch.setattr(connection, "commit", lambda: commits.append(1) or commit())
    with django_assert_num_queries(1):  # the INSERT alone: no BEGIN, no COMMIT
        post(share(pages.article, token="Warm000001"))
    assert commits == []
    statuses = [post(share(pages.article, token=REPLAYED)).status_code for _ in range(3)]
    statuses.append(post(copy(pages.article)).status_code)
    assert statuses == [204] * 4
    assert sorted(Event.objects.values_list("event_type", "token")) == [
        ("copy", ""),
        ("copy", ""),
        ("share", REPLAYED),
        ("share", "Warm000001"),
    ]


# The migration that adds the constraint removes the replays an install already has.

APP = "wagtail_darksocial"
BEFORE = [(APP, "0002_site_daily_rollup")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_the_earliest_of_each_replayed_share():
    pages = make_site()
    other = make_site("otherhost")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        OldEvent = executor.loader.project_state(BEFORE).apps.get_model(APP, "Event")
        t0 = timezone.now() - datetime.timedelta(days=1)

        def add(seconds, kind="share", token=REPLAYED, target=pages, **fields):
            return OldEvent.objects.create(
                created_at=t0 + datetime.timedelta(seconds=seconds),
                site_id=target.site.pk,
                page_id=target.article.pk,
                event_type=kind,
                token=token,
                **fields,
            ).pk

        later = add(20)
        earliest = add(0)  # inserted after a later one: the time decides, not the id
        add(10, channel="email")
        tied_first, _tied_second = add(5, token="Tied000001"), add(5, token="Tied000001")
        kept = {
            earliest,
            tied_first,
            add(30, target=other),  # another site's share with the same token
            add(1, token=""),  # shares without a token are not replays of each other
            add(2, token=""),
            add(40, kind="arrival", arrival_class="tagged"),
            add(41, kind="arrival", arrival_class="tagged"),
            add(50, kind="copy", token=""),
            add(60, token="Single0001"),
        }
        assert OldEvent.objects.count() == len(kept) + 3
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes(APP))

    assert set(Event.objects.values_list("pk", flat=True)) == kept
    assert later not in kept
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.create(
            created_at=timezone.now(),
            site=pages.site,
            page=pages.article,
            event_type="share",
            token=REPLAYED,
        )
