"""Walk the channel registry: every entry renders, is translatable and classifies."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import get_template
from django.utils import translation

from wagtail_darksocial import channels
from wagtail_darksocial.models import DailyAttribution, DailyRollup, Event, SiteDailyRollup
from wagtail_darksocial.sharing.links import share_templates, share_url, tagged_url
from wagtail_darksocial.tracking import agents
from wagtail_darksocial.tracking.classify import classify_arrival, referrer_kind

ENTRIES = pytest.mark.parametrize("entry", channels.REGISTRY, ids=lambda entry: entry.name)
SHARE_CHANNELS = [entry for entry in channels.REGISTRY if entry.shareable]
SHARE_ENTRIES = pytest.mark.parametrize("entry", SHARE_CHANNELS, ids=lambda entry: entry.name)
ARRIVAL_ONLY = [entry for entry in channels.REGISTRY if entry.arrival_only]


@ENTRIES
def test_every_entry_has_a_storable_name(entry):
    assert re.fullmatch(r"[a-z]{1,10}", entry.name)
    for model in (Event, DailyRollup, SiteDailyRollup, DailyAttribution):
        assert model._meta.get_field("channel").max_length >= len(entry.name)


@SHARE_ENTRIES
def test_every_share_channel_has_an_icon(entry):
    assert "<svg" in get_template(f"wagtail_darksocial/icons/{entry.name}.svg").render({})


def test_arrival_sources_are_never_share_buttons(settings):
    from wagtail_darksocial.conf import get_setting
    from wagtail_darksocial.models import validate_channel_list
    from wagtail_darksocial.sharing.site_settings import available_channels
    from wagtail_darksocial.tracking.api.wire import EVENTS

    names = [entry.name for entry in ARRIVAL_ONLY]
    assert {"instagram", "tiktok", "slack", "teams", "discord", "google"} <= set(names)
    assert available_channels(["whatsapp", *names]) == ["whatsapp"]
    assert not set(names) & set(share_templates())
    assert not set(names) & set(get_setting("CHANNELS"))
    assert not set(names) & set(EVENTS["share"]["channel"].choices)
    with pytest.raises(ValidationError):
        validate_channel_list("whatsapp, instagram")
    # ... but they are names of the one vocabulary: a tagged link may carry them.
    assert set(names) <= set(channels.NAMES)


def test_new_share_channels_are_opt_in():
    assert {"mastodon", "threads"} <= set(channels.SHARE_NAMES)
    assert not {"mastodon", "threads"} & set(channels.DEFAULT_NAMES)


def test_mastodon_keeps_the_text_in_the_fragment():
    url = share_url("mastodon", "https://example.com/a/?utm_source=mastodon", "A & B")
    assert url.startswith("https://share.joinmastodon.org/#text=A%20%26%20B%20https%3A")
    assert share_url("threads", "https://example.com/", "T").startswith(
        "https://www.threads.com/intent/post?text=T&url=https%3A"
    )


@pytest.mark.parametrize("model", [Event, DailyRollup, SiteDailyRollup, DailyAttribution])
def test_a_new_channel_needs_no_migration(model):
    # The registry, not the database, knows the channels: no choices to migrate.
    assert not model._meta.get_field("channel").choices


@SHARE_ENTRIES
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


@SHARE_ENTRIES
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
    expected = (entry.arrival_class, entry.name)
    for host in entry.referrer_hosts:
        assert referrer_kind(host) == expected
        assert referrer_kind(f"www.{host}") == expected
    for brand in entry.brands:
        assert referrer_kind(f"www.{brand}.co.uk") == expected
    for app_id in entry.app_ids:
        assert referrer_kind(f"android-app://{app_id}") == expected
        assert referrer_kind(f"android-app://{app_id.lower()}") == expected
    for token in entry.agents:
        assert agents.match(f"Mozilla/5.0 (Linux) {token}1.0") is entry
        if entry.arrival_class != "search":
            assert referrer_kind("example.com", agents.match(token)) == expected


def test_every_entry_names_its_sources():
    for entry in channels.REGISTRY:
        if entry.shareable and entry.share_url:
            assert entry.source, entry.name
        if entry.referrer_hosts or entry.app_ids or entry.agents:
            assert entry.signals_source, entry.name


def test_private_channels_are_the_messengers_mail_sms_and_sheet():
    assert {
        "whatsapp",
        "telegram",
        "messenger",
        "email",
        "sms",
        "native",
        "copy",
        "slack",
        "teams",
        "discord",
        "signal",
        "viber",
        "line",
        "wechat",
    } == channels.PRIVATE
