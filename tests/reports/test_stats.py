"""Report figures against the hand-computed data set in conftest.py."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail_darksocial.models import Event
from wagtail_darksocial.reports import stats
from wagtail_darksocial.reports.stats import Filters, Report

from .conftest import run_rollups


@pytest.fixture
def report(dataset):
    return Report(Filters(site=dataset.site_a, start=dataset.d1, end=dataset.d2))


def test_headline(report):
    headline = report.headline
    assert (headline.tagged_private, headline.dark) == (4, 5)
    assert (headline.tagged_public, headline.social) == (1, 2)
    assert (headline.dark_social, headline.visible_social, headline.total) == (9, 3, 12)
    assert headline.share == pytest.approx(0.75)


def test_headline_without_social_arrivals_is_none():
    headline = stats.Headline()
    assert headline.share is None
    assert headline.percent is None


def test_shares_copies_and_arrivals(report):
    assert report.shares_by_channel == [
        ("whatsapp", 3),
        ("email", 1),
        ("linkedin", 1),
        ("telegram", 1),
        ("x", 1),
    ]
    assert report.shares == 7
    assert report.copies == 3
    assert report.arrivals_by_class == [
        ("dark", 5),
        ("tagged", 5),
        ("search", 3),
        ("social", 2),
        ("referral", 1),
    ]


def test_conversion_median_and_depth(report):
    assert [(r.channel, r.shares, r.converted, r.arrivals) for r in report.conversion] == [
        ("whatsapp", 3, 2, 3),
        ("email", 1, 1, 1),
        ("linkedin", 1, 1, 1),
        ("telegram", 1, 0, 0),
        ("x", 1, 0, 0),
    ]
    assert report.conversion[0].rate == pytest.approx(2 / 3)
    assert report.conversion_total.rate == pytest.approx(4 / 7)
    # Delays 30, 600, 1,800 and 86,400 s: the median is between 600 and 1,800.
    assert report.median_delay == 1200
    resharing = report.resharing
    assert (resharing.shares, resharing.reshared, resharing.depth_max) == (7, 2, 3)
    assert resharing.reshared_rate == pytest.approx(2 / 7)
    assert resharing.mean_depth == pytest.approx(10 / 7)


def test_top_pages(report, dataset):
    by_shares = report.top_pages_by_shares()
    assert [(p.page_id, p.count) for p in by_shares] == [(dataset.p2.pk, 4), (dataset.p1.pk, 3)]
    assert by_shares[0].title == dataset.p2.title
    assert by_shares[0].edit_url == reverse("wagtailadmin_pages:edit", args=[dataset.p2.pk])
    by_arrivals = report.top_pages_by_arrivals()
    assert [(p.page_id, p.count, p.dark_social) for p in by_arrivals] == [
        (dataset.p1.pk, 8, 6),
        (dataset.p2.pk, 3, 2),
        (dataset.p3.pk, 1, 1),
    ]
    assert len(report.top_pages_by_arrivals(limit=1)) == 1


def test_timeseries_fills_missing_days(dataset):
    before = dataset.d1 - datetime.timedelta(days=1)
    series = stats.Report(Filters(site=dataset.site_a, start=before, end=dataset.d2)).timeseries
    assert series.days == [before, dataset.d1, dataset.d2]
    assert series.shares == {
        "whatsapp": [0, 3, 0],
        "linkedin": [0, 0, 1],
        "email": [0, 1, 0],
        "telegram": [0, 0, 1],
        "x": [0, 0, 1],
    }
    assert series.arrivals == {"whatsapp": [0, 3, 0], "email": [0, 0, 1], "linkedin": [0, 0, 1]}
    assert series.dark == [0, 4, 1]
    assert series.social == [0, 2, 0]


def test_date_range_counts_shares_on_the_day_they_were_made(dataset):
    report = Report(Filters(site=dataset.site_a, start=dataset.d2, end=dataset.d2))
    assert report.shares == 3
    # Arrivals on d2: t3's (email, private), t6's (linkedin), one dark.
    assert report.headline.share == pytest.approx(2 / 3)
    # Shares of d2: t5, t6, t7; only t6 converted, 30 s later; t5 is three deep.
    assert report.conversion_total.rate == pytest.approx(1 / 3)
    assert report.median_delay == 30
    assert (report.resharing.depth_sum, report.resharing.depth_max) == (5, 3)
    assert report.resharing.reshared == 0


def test_site_filter(dataset):
    report = Report(Filters(site=dataset.site_b, start=dataset.d1, end=dataset.d2))
    assert report.shares_by_channel == [("whatsapp", 1)]
    assert report.headline.share == 1
    assert report.headline.dark_social == 6
    assert report.median_delay == 300
    assert [p.page_id for p in report.top_pages_by_shares()] == [dataset.q1.pk]
    everywhere = Report(Filters(site=None, start=dataset.d1, end=dataset.d2))
    assert everywhere.shares == 8


def test_locale_filter(dataset):
    english = Report(Filters(dataset.site_a, dataset.d1, dataset.d2, locale=dataset.home.locale))
    assert english.headline.share == pytest.approx(8 / 11)
    assert english.copies == 2
    french = Report(Filters(dataset.site_a, dataset.d1, dataset.d2, locale=dataset.french))
    assert (french.headline.share, french.copies, french.shares) == (1, 1, 0)
    assert french.median_delay is None
    assert french.conversion_total.rate is None


def test_page_filter_covers_the_page_and_its_subpages(dataset):
    p2 = Report(Filters(dataset.site_a, dataset.d1, dataset.d2, page=dataset.p2))
    assert p2.shares == 4
    assert p2.conversion_total.rate == pytest.approx(2 / 4)
    section = Report(Filters(dataset.site_a, dataset.d1, dataset.d2, page=dataset.home))
    assert section.shares == 7


def test_figures_survive_pruned_raw_events_and_never_query_them(dataset):
    Event.objects.all().delete()
    report = Report(Filters(site=dataset.site_a, start=dataset.d1, end=dataset.d2))
    with CaptureQueriesContext(connection) as context:
        figures = (
            report.headline.share,
            report.shares,
            report.copies,
            report.conversion_total.rate,
            report.median_delay,
            report.resharing.mean_depth,
            len(report.top_pages_by_shares()),
            len(report.top_pages_by_arrivals()),
            report.timeseries.dark,
        )
    assert figures[:3] == (0.75, 7, 3)
    assert figures[4] == 1200
    assert not [q for q in context.captured_queries if "wagtail_darksocial_event" in q["sql"]]
    assert len(context.captured_queries) <= 6


def test_page_stats(dataset):
    result = stats.page_stats(dataset.p1)
    assert result["shares"] == 3
    assert result["shares_by_channel"] == [
        {"channel": "whatsapp", "label": "WhatsApp", "count": 2},
        {"channel": "email", "label": "E-mail", "count": 1},
    ]
    assert result["copies"] == 2
    assert result["arrivals"] == 8
    assert [(row["arrival_class"], row["count"]) for row in result["arrivals_by_class"]] == [
        ("dark", 3),
        ("tagged", 3),
        ("social", 2),
    ]
    assert result["days"] == 30
    assert (result["end"] - result["start"]).days == 29
    assert stats.page_stats(dataset.p1, days=3)["shares"] == 0  # d1 and d2 are older


def test_median_of_sorted_lists():
    assert stats.median([[1, 5], [2, 3, 10]]) == 3
    assert stats.median([[1, 5], [2, 3]]) == 2.5
    assert stats.median([[], []]) is None


def test_cached_report_is_reused_until_the_rollups_change(dataset):
    filters = Filters(site=dataset.site_a, start=dataset.d1, end=dataset.d2)
    assert stats.cached_report(filters).shares == 7
    with CaptureQueriesContext(connection) as context:
        report = stats.cached_report(filters)
        figures = (report.shares, report.headline.share, report.median_delay)
        tops = (report.top_pages_by_shares(), report.top_pages_by_arrivals(limit=1))
    assert context.captured_queries == []
    assert figures == (7, 0.75, 1200)
    assert [len(top) for top in tops] == [2, 1]

    Event.objects.filter(token="t7").delete()
    run_rollups([dataset.d1, dataset.d2])
    assert stats.cached_report(filters).shares == 6
