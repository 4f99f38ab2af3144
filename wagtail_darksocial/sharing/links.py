"""Share links: a page's canonical URL tagged for one channel, wrapped in that channel's share URL.

Pure functions, mirrored by ``darksocial.js``, which builds the same links in the browser
with a fresh share token at the moment of sharing: query strings are encoded like
``URLSearchParams``, values inside share URLs like ``encodeURIComponent``.
"""

import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from ..conf import get_setting

# {url}: the tagged link, {text}: the message (title or quote), {title}: the page title.
TEMPLATES = {
    "whatsapp": "https://wa.me/?text={text}%20{url}",
    "telegram": "https://t.me/share/url?url={url}&text={text}",
    "messenger": "https://www.facebook.com/dialog/send?app_id={app_id}&link={url}&redirect_uri={url}",
    "email": "mailto:?subject={title}&body={text}%0A%0A{url}",
    "sms": "sms:?&body={text}%20{url}",
    "linkedin": "https://www.linkedin.com/sharing/share-offsite/?url={url}",
    "x": "https://x.com/intent/post?text={text}&url={url}",
    "facebook": "https://www.facebook.com/sharer/sharer.php?u={url}",
    "bluesky": "https://bsky.app/intent/compose?text={text}%20{url}",
    "reddit": "https://www.reddit.com/submit?url={url}&title={title}",
}

# Longest message per channel. X counts every link as 23 characters (280 - 23 - a space);
# where the link sits inside the message ("{text}%20{url}") its length is taken off too.
TEXT_LIMITS = {"x": 256, "bluesky": 300}
TEXT_LIMIT = 500
MIN_TEXT = 40


def encode(value):
    """Percent-encode like JavaScript's ``encodeURIComponent``."""
    return quote(str(value), safe="-_.!~*'()")


def truncate(text, limit):
    """Cut ``text`` to ``limit`` characters at a word boundary, ending with an ellipsis."""
    if len(text) <= limit:
        return text
    return re.sub(r"\s+\S*$", "", text[: limit - 1]) + "…"


def tagged_url(canonical_url, channel, campaign, token=None):
    """``canonical_url`` with ``utm_source``/``utm_medium``/``utm_campaign`` and the share token.

    Existing UTM and token parameters are replaced; other parameters and the fragment stay.
    """
    param = get_setting("TOKEN_PARAM")
    medium = get_setting("UTM_MEDIUMS").get(channel, "social")
    scheme, netloc, path, query, fragment = urlsplit(canonical_url)
    kept = [
        (key, value)
        for key, value in parse_qsl(query, keep_blank_values=True)
        if key != param and not key.startswith("utm_")
    ]
    tags = [("utm_source", channel), ("utm_medium", medium)]
    if campaign:
        tags.append(("utm_campaign", campaign))
    if token:
        tags.append((param, token))
    return urlunsplit((scheme, netloc, path, urlencode(kept + tags, safe="*"), fragment))


def text_limit(channel, url):
    """How long the message for ``channel`` may be, given the link that goes with it."""
    limit = TEXT_LIMITS.get(channel, TEXT_LIMIT)
    if "{text}%20{url}" in TEMPLATES.get(channel, ""):
        limit -= len(url) + 1
    return max(limit, MIN_TEXT)


def share_templates():
    """Share URL templates for the channels that have one; Messenger only with an app id."""
    app_id = get_setting("FACEBOOK_APP_ID")
    templates = {name: tpl for name, tpl in TEMPLATES.items() if name != "messenger"}
    if app_id:
        templates["messenger"] = TEMPLATES["messenger"].replace("{app_id}", encode(app_id))
    return templates


def share_url(channel, url, title, text=None):
    """The URL that shares ``url`` on ``channel``, or ``None`` if the channel has none.

    ``text`` is the message (default: ``title``), cut to the channel's limit; the link is
    never cut. ``native`` and ``copy`` have no URL: the script handles them.
    """
    template = share_templates().get(channel)
    if template is None:
        return None
    message = truncate(text or title, text_limit(channel, url))
    return (
        template.replace("{url}", encode(url))
        .replace("{text}", encode(message))
        .replace("{title}", encode(title))
    )
