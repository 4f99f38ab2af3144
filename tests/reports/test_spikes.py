"""The "unusual spike" flag: a day far above its trailing median, from rollups only."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from wagtail_darksocial.models import DailyRollup, Event, SiteDailyRollup
from wagtail_darksocial.reports.stats import Filters, Report, Spike

from .conftest import add_page, default_site

DAYS = 30


@pytest.mark.parametrize(
    ("value", "trailing", "flagged"),
    [
        (20, [0] * 14, False),  # a quiet site: the absolute floor
        (21, [0] * 14, True),
        (50, [10] * 14, False),  # exactly 5 × the median
        (51, [10] * 14, True),
        (500, [100] * 7 + [0] * 7, True),  # median 50
        (10, [10] * 14, False),
    ],
)
def test_detect(value, trailing, flagged):
    spike = Spike.detect(datetime.date(2025, 1, 1), "shares", value, trailing)
    assert (spike is not None) == flagged


@pytest.fixture
def flat_series(db):
    """Ten shares and four tagged arrivals a day on one page, for 30 + 14 days."""
    site = default_site()
    page = add_page(site.root_page, "Steady", "steady")
    today = timezone.localdate()
    for n in range(DAYS + 14):
        day = today - datetime.timedelta(days=n)
        for model, extra in ((DailyRollup, {"page": page}), (SiteDailyRollup, {})):
            model.objects.create(
                day=day, site=site, event_type="share", channel="whatsapp", count=10, **extra
            )
            model.objects.create(
                day=day,
                site=site,
                event_type="arrival",
                channel="whatsapp",
                arrival_class="tagged",
                count=4,
                **extra,
            )
    return site, page, today


def set_count(day, event_type, count):
    for model in (DailyRollup, SiteDailyRollup):
        model.objects.filter(day=day, event_type=event_type).update(count=count)


def test_flat_series_is_not_flagged(flat_series):
    site, page, today = flat_series
    assert Report(Filters.last_days(site, DAYS)).spikes == []
    assert Report(Filters.last_days(site, DAYS, page=page)).spikes == []


def test_a_spike_is_flagged_with_its_day_and_figure(flat_series):
    site, page, today = flat_series
    day = today - datetime.timedelta(days=3)
    set_count(day, "share", 400)
    set_count(today, "arrival", 90)
    for filters in (Filters.last_days(site, DAYS), Filters.last_days(site, DAYS, page=page)):
        assert Report(filters).spikes == [
            Spike(day, "shares", 400, 10),
            Spike(today, "tagged_arrivals", 90, 4),
        ]


def test_first_days_of_the_range_are_compared_with_days_before_it(flat_series):
    site, page, today = flat_series
    first = today - datetime.timedelta(days=DAYS - 1)
    set_count(first, "share", 400)
    assert [spike.day for spike in Report(Filters.last_days(site, DAYS)).spikes] == [first]


def test_spikes_are_read_from_rollups_only(flat_series):
    site, page, today = flat_series
    set_count(today, "share", 400)
    Event.objects.all().delete()
    assert len(Report(Filters.last_days(site, DAYS)).spikes) == 1


def test_dashboard_explains_the_spike(client, superuser, flat_series):
    site, page, today = flat_series
    day = today - datetime.timedelta(days=3)
    set_count(day, "share", 1400)
    client.force_login(superuser)
    html = client.get(reverse("wagtail_darksocial_admin:dashboard")).content.decode()
    assert "Unusual spike on" in html
    assert "1,400 shares, against a median of 10 a day over the 14 days before." in html
    assert "forged events or from a story going viral" in html
    set_count(day, "share", 10)
    html = client.get(
        reverse("wagtail_darksocial_admin:dashboard"), {"start": day}
    ).content.decode()
    assert "Unusual spike" not in html
