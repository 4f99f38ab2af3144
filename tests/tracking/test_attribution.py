"""Attribution figures against a small hand-built data set with hand-computed answers."""

import datetime
import statistics

import pytest
from django.db.models import Max, Sum
from django.utils import timezone
from wagtail.models import Page, Site

from wagtail_darksocial.models import DailyAttribution, Event
from wagtail_darksocial.tracking.rollups import rollup

from .attribution_oracle import attribution

YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)
T0 = timezone.make_aware(datetime.datetime.combine(YESTERDAY, datetime.time(1, 0)))


def at(seconds):
    return T0 + datetime.timedelta(seconds=seconds)


@pytest.fixture
def data(site):
    def share(token, channel, seconds, parent="", target=site):
        # As the endpoint stores them: a replayed token is skipped.
        Event.objects.bulk_create(
            [
                Event(
                    created_at=at(seconds),
                    site=target.site,
                    page=target.article,
                    event_type="share",
                    channel=channel,
                    token=token,
                    parent_token=parent,
                )
            ],
            ignore_conflicts=True,
        )

    def visit(token, seconds, target=site):
        Event.objects.create(
            created_at=at(seconds),
            site=target.site,
            page=target.article,
            event_type="arrival",
            arrival_class="tagged",
            token=token,
        )

    share("WA00000001", "whatsapp", 0)
    share("WA00000002", "whatsapp", 600)
    share("WA00000003", "whatsapp", 1200)
    visit("WA00000001", 60)  # first arrival: 60 s
    visit("WA00000001", 300)
    visit("WA00000002", 1200)  # 600 s
    share("EM00000001", "email", 3600, parent="WA00000001")  # depth 2
    share("EM00000002", "email", 7200, parent="EM00000001")  # depth 3
    visit("EM00000001", 3720)  # 120 s
    share("SM00000001", "sms", 10800, parent="Unknown001")  # parent not in the data: depth 1
    share("SM00000001", "sms", 10900, parent="Unknown001")  # replayed: not stored
    visit("Nobody0001", 500)  # no such share
    Event.objects.create(  # an untagged arrival is never attributed
        created_at=at(700),
        site=site.site,
        page=site.article,
        event_type="arrival",
        arrival_class="dark",
    )

    # Another site's share and arrival stay out of this site's figures.
    root = Page.get_first_root_node()
    other_home = root.add_child(instance=Page(title="Other", slug="other"))
    other_article = other_home.add_child(instance=Page(title="A", slug="a"))
    other = Site.objects.create(hostname="other.example", port=80, root_page=other_home)
    Event.objects.create(
        created_at=at(50),
        site=other,
        page=other_article,
        event_type="share",
        channel="whatsapp",
        token="OT00000001",
    )
    Event.objects.create(
        created_at=at(90),
        site=other,
        page=other_article,
        event_type="arrival",
        arrival_class="tagged",
        token="OT00000001",
    )
    return site


def figures(row):
    return (
        row.channel,
        row.shares,
        row.arrivals,
        row.shares_with_arrivals,
        row.conversion,
        row.median_seconds_to_first_arrival,
        row.max_depth,
        row.mean_depth,
        row.reshared_ratio,
    )


def test_per_channel_figures(data):
    report = attribution(site=data.site)
    assert [figures(row) for row in report.channels] == [
        ("whatsapp", 3, 3, 2, 1.0, 330.0, 1, 1.0, pytest.approx(1 / 3)),
        ("email", 2, 1, 1, 0.5, 120.0, 3, 2.5, 0.5),
        ("sms", 1, 0, 0, 0.0, None, 1, 1.0, 0.0),
    ]
    assert figures(report.total) == (
        "",
        6,
        4,
        3,
        pytest.approx(4 / 6),
        120.0,
        3,
        1.5,
        pytest.approx(2 / 6),
    )


def test_date_range_selects_shares_but_keeps_their_history(data):
    report = attribution(site=data.site, start=at(1800), end=at(20000))
    assert [figures(row) for row in report.channels] == [
        ("email", 2, 1, 1, 0.5, 120.0, 3, 2.5, 0.5),
        ("sms", 1, 0, 0, 0.0, None, 1, 1.0, 0.0),
    ]


def test_queryset_and_no_site(data):
    report = attribution(Event.objects.filter(channel__in=["whatsapp", ""]))
    assert [(row.channel, row.shares, row.arrivals) for row in report.channels] == [
        ("whatsapp", 4, 4)
    ]
    assert attribution(Event.objects.none()).total.shares == 0


def test_daily_attribution_kept_by_the_rollup_agrees(data):
    rollup()
    rows = DailyAttribution.objects.filter(site=data.site, day=YESTERDAY)
    by_channel = {
        row["channel"]: row
        for row in rows.values("channel").annotate(
            shares=Sum("shares"),
            converted=Sum("converted"),
            arrivals=Sum("arrivals"),
            reshared=Sum("reshared"),
            depth_sum=Sum("depth_sum"),
            depth_max=Max("depth_max"),
        )
    }
    delays = {}
    for channel, values in rows.values_list("channel", "delays"):
        delays.setdefault(channel, []).extend(values)
    for row in attribution(site=data.site).channels:
        kept = by_channel[row.channel]
        assert kept["shares"] == row.shares
        assert kept["converted"] == row.shares_with_arrivals
        assert kept["arrivals"] == row.arrivals
        assert kept["reshared"] == round(row.reshared_ratio * row.shares)
        assert kept["depth_max"] == row.max_depth
        assert kept["depth_sum"] == round(row.mean_depth * row.shares)
        median = statistics.median(delays[row.channel]) if delays.get(row.channel) else None
        assert median == row.median_seconds_to_first_arrival


def test_cycles_of_made_up_tokens_end(site):
    for token, parent in [
        ("CYCLE00001", "CYCLE00002"),
        ("CYCLE00002", "CYCLE00001"),
        ("SELF000001", "SELF000001"),
    ]:
        Event.objects.create(
            created_at=T0,
            site=site.site,
            page=site.article,
            event_type="share",
            channel="x",
            token=token,
            parent_token=parent,
        )
    report = attribution(site=site.site)
    assert report.total.shares == 3
    assert report.total.max_depth == 2
