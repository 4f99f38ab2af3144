"""Share link building: tags, channel URLs, encoding and message limits."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import override_settings

from wagtail_darksocial.sharing.links import share_url, tagged_url, truncate

PAGE = "https://news.example/fr/un-article/"


def query(url):
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def test_tagged_url_adds_utm_tags_and_token():
    url = tagged_url(PAGE, "whatsapp", "darksocial", "AbCdEf1234")
    assert url == (
        PAGE + "?utm_source=whatsapp&utm_medium=social&utm_campaign=darksocial&ds=AbCdEf1234"
    )


@pytest.mark.parametrize(
    ("channel", "medium"), [("email", "email"), ("sms", "sms"), ("x", "social")]
)
def test_medium_follows_utm_mediums(channel, medium):
    assert query(tagged_url(PAGE, channel, "c"))["utm_medium"] == medium


def test_tagged_url_replaces_old_tags_and_keeps_the_rest():
    url = tagged_url(PAGE + "?page=2&utm_source=old&ds=OldToken00#section", "x", "spring sale")
    assert url == PAGE + "?page=2&utm_source=x&utm_medium=social&utm_campaign=spring+sale#section"


def test_blank_campaign_and_no_token_are_left_out():
    assert tagged_url(PAGE, "telegram", "") == PAGE + "?utm_source=telegram&utm_medium=social"


@override_settings(WAGTAIL_DARKSOCIAL={"TOKEN_PARAM": "share", "UTM_MEDIUMS": {"x": "tweet"}})
def test_token_param_and_mediums_are_configurable():
    assert query(tagged_url(PAGE, "x", "c", "AbCdEf1234")) == {
        "utm_source": "x",
        "utm_medium": "tweet",
        "utm_campaign": "c",
        "share": "AbCdEf1234",
    }


LINK = PAGE + "?utm_source=c&utm_medium=social"
ENCODED = "https%3A%2F%2Fnews.example%2Ffr%2Fun-article%2F%3Futm_source%3Dc%26utm_medium%3Dsocial"


@pytest.mark.parametrize(
    ("channel", "expected"),
    [
        ("whatsapp", f"https://wa.me/?text=Hello%20world%20{ENCODED}"),
        ("telegram", f"https://t.me/share/url?url={ENCODED}&text=Hello%20world"),
        ("email", f"mailto:?subject=Hello%20world&body=Hello%20world%0A%0A{ENCODED}"),
        ("sms", f"sms:?&body=Hello%20world%20{ENCODED}"),
        ("linkedin", f"https://www.linkedin.com/sharing/share-offsite/?url={ENCODED}"),
        ("x", f"https://x.com/intent/post?text=Hello%20world&url={ENCODED}"),
        ("facebook", f"https://www.facebook.com/sharer/sharer.php?u={ENCODED}"),
        ("bluesky", f"https://bsky.app/intent/compose?text=Hello%20world%20{ENCODED}"),
        ("reddit", f"https://www.reddit.com/submit?url={ENCODED}&title=Hello%20world"),
    ],
)
def test_share_url_per_channel(channel, expected):
    assert share_url(channel, LINK, "Hello world") == expected


def test_email_body_uses_the_text_and_the_subject_the_title():
    url = share_url("email", LINK, "Title", "An intro.")
    assert url == f"mailto:?subject=Title&body=An%20intro.%0A%0A{ENCODED}"


def test_messenger_needs_a_facebook_app_id():
    assert share_url("messenger", LINK, "T") is None
    with override_settings(WAGTAIL_DARKSOCIAL={"FACEBOOK_APP_ID": "12345"}):
        url = share_url("messenger", LINK, "T")
    assert url == (
        f"https://www.facebook.com/dialog/send?app_id=12345&link={ENCODED}&redirect_uri={ENCODED}"
    )


@pytest.mark.parametrize("channel", ["native", "copy", "nonsense"])
def test_channels_without_a_share_url(channel):
    assert share_url(channel, LINK, "T") is None


def test_unicode_title_round_trips():
    title = "Le « dark social » expliqué — 暗い社会 & co 🙂"
    url = share_url("telegram", LINK, title)
    assert query(url) == {"url": LINK, "text": title}
    assert url.isascii()


def test_long_title_is_cut_at_a_word_and_the_link_kept_whole():
    title = "A headline that goes on " + "and on " * 60
    url = share_url("x", LINK, title)
    text = query(url)["text"]
    assert len(text) <= 256 and text.endswith("on…")
    assert query(url)["url"] == LINK


def test_bluesky_counts_the_link_in_its_300_characters():
    text = query(share_url("bluesky", LINK, "word " * 100))["text"]
    assert len(text) <= 300 and text.endswith(" " + LINK)
    assert text.split()[-2].endswith("…")


def test_messages_have_a_ceiling_even_where_the_channel_has_none():
    text = query(share_url("whatsapp", LINK, "word " * 500))["text"]
    assert len(text) <= 500 and text.endswith(LINK)


def test_short_titles_are_not_cut():
    assert query(share_url("x", LINK, "Short"))["text"] == "Short"


def test_truncate_without_spaces_cuts_hard():
    assert truncate("a" * 20, 10) == "a" * 9 + "…"
    assert truncate("exactly ten", 11) == "exactly ten"
