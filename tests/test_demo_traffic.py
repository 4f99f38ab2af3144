"""The demo traffic generator writes through the endpoint's code paths and the rollups.

It writes made-up events and ``--replace`` deletes real ones, so it is the example
site's command (``example_site/demo``), not one every site that installs the plugin gets.
"""

import io

import pytest
from django.core.management import CommandError, call_command, get_commands
from django.db.models import Sum

from wagtail_darksocial.models import DailyAttribution, DailyRollup, Event


def test_the_command_belongs_to_the_example_site_not_the_package():
    assert get_commands()["darksocial_demo_traffic"] == "example_site.demo"


def generate(**options):
    out = io.StringIO()
    call_command("darksocial_demo_traffic", stdout=out, **options)
    return out.getvalue()


def test_generates_every_kind_of_traffic_and_rolls_it_up(demo_site):
    output = generate(days=7, seed=3)
    events = Event.objects.all()
    assert events.count() > 100
    assert f"{events.count()} events over the last 7 days" in output
    assert set(events.values_list("event_type", flat=True)) == {"share", "copy", "arrival"}
    assert {"tagged", "dark", "search", "social", "referral"} <= set(
        events.exclude(arrival_class="").values_list("arrival_class", flat=True)
    )
    # Re-shares record their parent, and tagged arrivals carry a share's token.
    shares = set(events.filter(event_type="share").values_list("token", flat=True))
    assert events.filter(event_type="share").exclude(parent_token="").exists()
    tagged = set(events.filter(arrival_class="tagged").values_list("token", flat=True))
    assert tagged and tagged <= shares
    assert DailyRollup.objects.aggregate(total=Sum("count"))["total"] == events.count()
    assert DailyAttribution.objects.aggregate(total=Sum("shares"))["total"] == len(shares)
    # Webmail and app referrers, and in-app browsers with no referrer, name a channel.
    assert events.filter(arrival_class="dark").exclude(channel="").exists()
    assert events.filter(direct=True).exclude(channel="").exists()
    # Every event belongs to a live page of the demo site.
    assert not events.filter(page__live=False).exists()


def test_same_seed_gives_the_same_traffic(demo_site):
    generate(days=3, seed=11)
    first = list(Event.objects.values_list("event_type", "channel", "arrival_class", "page_id"))
    generate(days=3, seed=11, replace=True)
    again = list(Event.objects.values_list("event_type", "channel", "arrival_class", "page_id"))
    assert sorted(first) == sorted(again)


@pytest.mark.parametrize("days", [0, 400])
def test_rejects_an_unreasonable_range(demo_site, days):
    with pytest.raises(CommandError, match="--days"):
        generate(days=days)
