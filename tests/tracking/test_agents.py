"""The user agent through the endpoint: in-app browsers classify, odd ones never break
a request, and it is never stored. Bad referrers get a clear 400."""

import pytest

from wagtail_darksocial.models import Event
from wagtail_darksocial.tracking import agents

from .arrival_corpus import (
    FACEBOOK_IOS,
    GOOGLE_APP_ANDROID,
    INSTAGRAM_IOS,
    MESSENGER_ANDROID,
    MESSENGER_IOS,
)
from .conftest import arrival, copy, share


def stored():
    return list(
        Event.objects.filter(event_type="arrival").values_list(
            "arrival_class", "channel", "direct"
        )
    )


@pytest.mark.parametrize(
    ("agent", "referrer", "expected"),
    [
        (MESSENGER_IOS, "", ("dark", "messenger", True)),
        (MESSENGER_ANDROID, "l.facebook.com", ("dark", "messenger", False)),
        (INSTAGRAM_IOS, "", ("social", "instagram", True)),
        (FACEBOOK_IOS, "L.FACEBOOK.COM", ("social", "facebook", False)),
        (GOOGLE_APP_ANDROID, "", ("search", "google", True)),
        (GOOGLE_APP_ANDROID, "news.example.org", ("referral", "", False)),
    ],
)
def test_in_app_browsers_through_the_endpoint(site, post, agent, referrer, expected):
    response = post(arrival(site.article, referrer), HTTP_USER_AGENT=agent)
    assert response.status_code == 204, response.content
    assert stored() == [expected]


def test_tags_beat_the_in_app_browser(site, post):
    tagged = arrival(site.article, token="Ab3dE6gH9_", source="whatsapp")
    assert post(tagged, HTTP_USER_AGENT=INSTAGRAM_IOS).status_code == 204
    assert stored() == [("tagged", "whatsapp", False)]


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (iPhone) Instagram 1.0" + "\x01\x7f\t",
        "Mozilla/5.0 \x00 FBAN/Messenger\x1b[31m",
        "Mozilla/5.0 (Linux) " + "é" * 150 + " Instagram 1.0",
    ],
)
def test_control_characters_in_the_user_agent_classify(site, post, agent):
    assert post(arrival(site.article), HTTP_USER_AGENT=agent).status_code == 204
    assert len(stored()) == 1


def test_a_two_kilobyte_user_agent_is_dropped_as_a_bot(site, post):
    agent = "Mozilla/5.0 " + "FBAN/Messenger " * 140
    assert len(agent) > 2000
    assert (
        post([copy(site.article), arrival(site.article)], HTTP_USER_AGENT=agent).status_code == 204
    )
    assert Event.objects.count() == 0


def test_the_matcher_reads_at_most_the_bot_cutoff():
    assert agents.match("x" * 600 + "Instagram 1.0") is None
    assert agents.match("x" * 400 + "Instagram 1.0").name == "instagram"


@pytest.mark.parametrize(
    "referrer",
    [
        "not a url",
        "https://example.com/page",
        "bücher.example",  # a browser sends the xn-- form
        "exa\x00mple.com",
        "javascript:alert(1)",
        "android-app://com.whatsapp bad",
    ],
)
def test_a_referrer_a_browser_cannot_send_is_a_clear_400_for_the_batch(site, post, referrer):
    response = post([share(site.article), arrival(site.article, referrer)])
    assert response.status_code == 400
    assert "Event 1, field 'referrer'" in response.json()["detail"]
    assert Event.objects.count() == 0  # documented: a 400 stores nothing of the request


@pytest.mark.parametrize(
    ("referrer", "expected"),
    [
        ("android-app://", ("referral", "")),
        ("android-app:///", ("referral", "")),
        ("ANDROID-APP://COM.WHATSAPP/", ("dark", "whatsapp")),
        ("android-app://com.Slack/", ("dark", "slack")),
        ("xn--bcher-kva.example", ("referral", "")),
        ("MAIL.GOOGLE.COM", ("dark", "email")),
    ],
)
def test_odd_but_real_referrers_are_kept(site, post, referrer, expected):
    response = post([copy(site.article), arrival(site.article, referrer)])
    assert response.status_code == 204, response.content
    assert [row[:2] for row in stored()] == [expected]
    assert Event.objects.filter(event_type="copy").count() == 1
