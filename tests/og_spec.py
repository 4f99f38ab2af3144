"""Open Graph rules (https://ogp.me/) for a page's ``<head>``; standard library only.

Used by the link-preview tests and by ``.ci/wheel_smoke.py`` on a real ``wagtail start``
site, where nothing but the standard library is at hand.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

REQUIRED = ("og:title", "og:type", "og:image", "og:url")
#: Properties that describe the object once; a second value would be ambiguous.
SINGLE = ("og:title", "og:type", "og:url", "og:description", "og:site_name", "twitter:card")
TYPES = {"website", "article", "book", "profile"}
TYPE_PREFIXES = ("music.", "video.")
TWITTER_CARDS = {"summary", "summary_large_image", "app", "player"}
LOCALE = re.compile(r"^[a-z]{2,3}_[A-Z]{2}$")


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.in_head = True
        self.tags = []  # (property or name, content)

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_head = False
        if tag == "meta" and self.in_head:
            attrs = dict(attrs)
            key = attrs.get("property") or attrs.get("name")
            if key and (key.startswith(("og:", "twitter:"))):
                self.tags.append((key, attrs.get("content")))

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def head_properties(html):
    """``{property: [content, ...]}`` of the Open Graph and X tags in the ``<head>``."""
    parser = _Head()
    parser.feed(html)
    found = {}
    for key, content in parser.tags:
        found.setdefault(key, []).append(content)
    return found


def _absolute(url):
    parts = urlsplit(url or "")
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def problems(html):
    """Every way the page's link preview breaks the Open Graph rules; ``[]`` if none."""
    tags = head_properties(html)
    found = []
    for key in REQUIRED:
        if not any((value or "").strip() for value in tags.get(key, [])):
            found.append(f"{key} is missing or empty")
    for key in SINGLE:
        if len(tags.get(key, [])) > 1:
            found.append(f"{key} appears {len(tags[key])} times")
    for key in ("og:url", "og:image"):
        for value in tags.get(key, []):
            if not _absolute(value):
                found.append(f"{key} is not an absolute http(s) URL: {value!r}")
    for key in ("og:image:width", "og:image:height"):
        for value in tags.get(key, []):
            if not (value or "").isdigit() or int(value) <= 0:
                found.append(f"{key} is not a positive integer: {value!r}")
    if tags.get("og:image") and not tags.get("og:image:alt"):
        found.append("og:image has no og:image:alt")
    for value in tags.get("og:type", []):
        if value not in TYPES and not (value or "").startswith(TYPE_PREFIXES):
            found.append(f"og:type is not an Open Graph type: {value!r}")
    for value in tags.get("og:locale", []):
        if not LOCALE.match(value or ""):
            found.append(f"og:locale is not language_TERRITORY: {value!r}")
    for value in tags.get("twitter:card", []):
        if value not in TWITTER_CARDS:
            found.append(f"twitter:card is not a card type: {value!r}")
    return found
