"""Walk the channel registry: every entry renders, is translatable and classifies."""

import re

import pytest
from django.template.loader import get_template
from django.utils import translation

from wagtail_darksocial import channels
from wagtail_darksocial.models import DailyAttribution, DailyRollup, Event, SiteDailyRollup
from wagtail_darksocial.sharing.links import share_templates, share_url, tagged_url
from wagtail_darksocial.tracking.classify import classify_arrival, referrer_kind

ENTRIES = pytest.mark.parametrize("entry", channels.REGISTRY, ids=lambda entry: entry.name)


@ENTRIES
def test_every_entry_has_an_icon_and_a_storable_name(entry):
    assert re.fullmatch(r"[a-z]{1,10}", entry.name)
    assert "<svg" in get_template(f"wagtail_darksocial/icons/{entry.name}.svg").render({})
    assert Event._meta.get_field("channel").max_length >= len(entry.name)


@pytest.mark.parametrize("model", [Event, DailyRollup, SiteDailyRollup, DailyAttribution])
def test_a_new_channel_needs_no_migration(model):
    # The registry, not the database, knows the channels: no choices to migrate.
    assert not model._meta.get_field("channel").choices


@ENTRIES
@pytest.mark.django_db
def test_every_entry_renders_a_share_link_or_is_scripted(entry, settings):
    settings.WAGTAIL_DARKSOCIAL = {"FACEBOOK_APP_ID": "123"}
    url = tagged_url("https://example.com/a/", entry.name, "darksocial", "abcdefghij")
    assert f"utm_source={entry.name}" in url
    assert f"utm_medium={entry.medium}" in url
    href = share_url(entry.name, url, "A title", "A quote")
    if entry.scripted:
        assert href is None
        assert entry.name not in share_templates()
    else:
        assert href and "{" not in href
        assert "abcdefghij" in href  # the tagged link travels inside the share URL


@ENTRIES
def test_every_entry_speaks_french(entry):
    with translation.override("fr"):
        action = str(entry.action_label())
        label = str(entry.label)
    with translation.override("en"):
        english_action = str(entry.action_label())
    assert action and label
    assert action != english_action, f"{entry.name}'s button label has no French translation"


@ENTRIES
def test_every_entry_classifies(entry):
    tagged = classify_arrival(
        referrer="",
        token="",
        source=entry.name,
        campaign="darksocial",
        own_hosts=set(),
        is_home=False,
        site_campaign=lambda: "darksocial",
    )
    assert tagged == ("tagged", entry.name)
    expected = ("dark" if entry.private else "social", entry.name)
    for host in entry.referrer_hosts:
        assert referrer_kind(host) == expected
        assert referrer_kind(f"www.{host}") == expected
    for app_id in entry.app_ids:
        assert referrer_kind(f"android-app://{app_id}") == expected


def test_private_channels_are_the_messengers_mail_sms_and_sheet():
    assert {
        "whatsapp",
        "telegram",
        "messenger",
        "email",
        "sms",
        "native",
        "copy",
    } == channels.PRIVATE
