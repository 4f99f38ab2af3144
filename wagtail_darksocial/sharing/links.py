"""Share links: a page's canonical URL tagged for one channel, wrapped in that channel's share URL.

Pure functions, mirrored by ``darksocial.js``, which builds the same links in the browser
with a fresh share token at the moment of sharing: query strings are encoded like
``URLSearchParams``, values inside share URLs like ``encodeURIComponent``.
"""

import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from .. import channels
from ..conf import get_setting

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
    medium = utm_medium(channel)
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


def utm_medium(channel):
    """``utm_medium`` for ``channel``: the ``UTM_MEDIUMS`` setting, else the registry's."""
    entry = channels.BY_NAME.get(channel)
    return get_setting("UTM_MEDIUMS").get(channel, entry.medium if entry else channels.SOCIAL)


def text_limit(channel, url):
    """How long the message for ``channel`` may be, given the link that goes with it."""
    entry = channels.BY_NAME[channel]
    limit = entry.text_limit
    if "{text}%20{url}" in (entry.share_url or ""):
        limit -= len(url) + 1
    return max(limit, MIN_TEXT)


def share_templates():
    """Share URL templates of the channels that have one and whose setting is set.

    ``{app_id}`` is filled from ``FACEBOOK_APP_ID``.
    """
    app_id = encode(get_setting("FACEBOOK_APP_ID"))
    return {
        entry.name: entry.share_url.replace("{app_id}", app_id)
        for entry in channels.REGISTRY
        if entry.shareable
        and entry.share_url
        and (not entry.needs_setting or get_setting(entry.needs_setting))
    }


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
