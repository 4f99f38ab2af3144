"""The two figures the attribution work adds: "Direct" arrivals the plugin attributed,
and dark social split into recognised private channels and probable dark social."""

import datetime

import pytest
from django.utils import timezone

from wagtail_darksocial.models import Event
from wagtail_darksocial.reports.stats import DirectArrivals, Filters, Headline, Report

from .conftest import at, event, run_rollups


def arrival(page, site, when, arrival_class, channel="", *, direct, count=1):
    rows = []
    for _ in range(count):
        row = event("arrival", page, when, site=site, channel=channel, arrival_class=arrival_class)
        row.direct = direct
        rows.append(row)
    return rows


@pytest.fixture
def figures(dataset):
    """A day of its own, before the data set's days: the shared figures stay as they are."""
    day = timezone.localdate() - datetime.timedelta(days=10)
    site, p1, p2 = dataset.site_a, dataset.p1, dataset.p2
    when = at(day, 12)
    Event.objects.bulk_create(
        [
            *arrival(p1, site, when, "dark", direct=True, count=3),  # probable dark social
            *arrival(p1, site, when, "dark", "messenger", direct=True, count=2),  # in-app
            *arrival(p2, site, when, "social", "instagram", direct=True),  # in-app browser
            *arrival(p2, site, when, "search", "google", direct=True),  # Discover
            *arrival(p1, site, when, "dark", "email", direct=False, count=2),  # webmail
            *arrival(p2, site, when, "social", "facebook", direct=False),  # l.facebook.com
            *arrival(p2, site, when, "tagged", "whatsapp", direct=False),
        ]
    )
    run_rollups([day])
    return dataset, day


@pytest.mark.parametrize("whole_site", [True, False], ids=["site sums", "page rollups"])
def test_direct_arrivals_attributed_to_a_channel(figures, whole_site):
    dataset, day = figures
    # A locale filter reads DailyRollup; no filter reads SiteDailyRollup: both carry it.
    locale = None if whole_site else dataset.home.locale
    report = Report(Filters(site=dataset.site_a, start=day, end=day, locale=locale))
    direct = report.direct_arrivals
    assert (direct.direct, direct.attributed) == (7, 4)
    assert direct.by_channel == (
        ("messenger", "dark", 2),
        ("google", "search", 1),
        ("instagram", "social", 1),
    )
    assert direct.percent == pytest.approx(400 / 7)


def test_dark_share_is_split_into_recognised_and_probable(figures):
    dataset, day = figures
    headline = Report(Filters(site=dataset.site_a, start=day, end=day)).headline
    assert (headline.tagged_private, headline.dark, headline.dark_recognised) == (1, 7, 4)
    assert (headline.recognised_private, headline.probable_dark) == (5, 3)
    assert headline.total == 10
    assert headline.recognised_percent == pytest.approx(50)
    assert headline.probable_percent == pytest.approx(30)
    assert headline.recognised_percent + headline.probable_percent == pytest.approx(
        headline.percent
    )


def test_figures_without_data_are_none():
    assert DirectArrivals().percent is None
    assert Headline().recognised_percent is None
    assert Headline().probable_percent is None


def test_the_dashboard_shows_both_figures(figures, admin_client):
    dataset, day = figures
    from django.urls import reverse

    url = reverse("wagtail_darksocial_admin:dashboard")
    response = admin_client.get(url, {"site": dataset.site_a.pk, "start": day, "end": day})
    html = response.content.decode()
    assert response.status_code == 200
    assert "from recognised private channels" in html
    assert "probable dark social" in html
    # Both parts are shares of all social arrivals and add up to the headline, so the
    # line must not call them shares "of the dark share" (63% + 13% of 76% read as 100%).
    assert "Of all social arrivals, 50% came from recognised private channels" in html
    assert "Together they make the 80% above." in html
    assert "Of the dark share" not in html
    # The class table's "Probable dark social" row holds the recognised untagged ones too.
    assert "splits it into recognised private channels and probable dark social" in html
    assert "4 of 7" in html
