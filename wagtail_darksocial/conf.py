"""The plugin's settings: one ``WAGTAIL_DARKSOCIAL`` dict in the site's settings.

Every key is optional. ``get_config()`` merges the site's dict over ``DEFAULTS``
and caches the result until Django's ``setting_changed`` signal says otherwise
(``override_settings`` in tests). Per-site choices that editors make in the admin
(Settings → Dark social sharing) override the sharing keys marked "per site".
Run ``python -m wagtail_darksocial.conf`` to print the reference table that the
README quotes.
"""

from functools import cache

from django.conf import settings

from . import channels

SETTING_NAME = "WAGTAIL_DARKSOCIAL"

# key: (default, documentation)
SETTINGS = {
    "CHANNELS": (
        list(channels.DEFAULT_NAMES),
        "Share buttons, in order (per site). Messenger also needs `FACEBOOK_APP_ID`; "
        "`native` only shows where the browser has `navigator.share`; `mastodon` and "
        "`threads` are available but not in the default.",
    ),
    "UTM_CAMPAIGN": ("darksocial", "`utm_campaign` of every shared link (per site)."),
    "UTM_MEDIUMS": (
        {},
        "`utm_medium` per channel, over the channel registry's (GA4's default channel "
        "vocabulary: `email`, `sms`, else `social`).",
    ),
    "FACEBOOK_APP_ID": ("", "Facebook app id; the Messenger button is hidden without one."),
    "BAR_POSITION": (
        "inline",
        "`inline` (after the main content), `before` (before it) or `floating` (a bar "
        "fixed to the viewport) (per site).",
    ),
    "BUTTON_STYLE": (
        "outline",
        "`outline` (the page's colours) or `brand` (each network's colour, AA contrast) "
        "(per site).",
    ),
    "COPY_ATTRIBUTION": (
        "off",
        "What copying text from the content appends: `off`, `link` (the tagged link) or "
        '`text` ("Read more: <title> <link>") (per site).',
    ),
    "COPY_ATTRIBUTION_MIN_WORDS": (
        12,
        "Copy attribution only applies to selections of at least this many words.",
    ),
    "QUOTE_SHARING": (True, "Offer a share popover when a reader selects text in the content."),
    "QUOTE_MIN_WORDS": (4, "Selections shorter than this never open the quote popover."),
    "CONTENT_SELECTOR": (
        "main, article, [role=main]",
        "CSS selector of the page's main content, for quote sharing and copy attribution.",
    ),
    "INJECT": (
        True,
        "Inject the share bar, head tags and script into pages served by Wagtail. "
        "Templates that use the `darksocial` tags are never injected twice.",
    ),
    "EXCLUDE_PAGE_TYPES": (
        [],
        'Page models that get no share bar, as `"app_label.ModelName"` strings.',
    ),
    "TOKEN_PARAM": ("ds", "Query parameter carrying the share token."),
    "TRACKING": (True, "Report share, copy and arrival events to the events endpoint."),
    "HONOUR_PRIVACY_SIGNALS": (
        True,
        "Drop events from browsers that send Global Privacy Control (`Sec-GPC: 1`) or "
        "Do Not Track (`DNT: 1`).",
    ),
    "MAX_BODY_BYTES": (8192, "Largest accepted request body; larger ones get 413."),
    "MAX_BATCH": (20, "Most events in one request; more are rejected with 400."),
    "THROTTLE_RATE": (
        "120/min",
        "Events endpoint requests per client, counted in Django's cache under an HMAC "
        "of the IP with a daily rotating key (the IP itself is never stored).",
    ),
    "DAILY_EVENT_BUDGET": (
        2000,
        "Most events stored per client per UTC day (same HMAC key as the throttle); "
        "further events are dropped silently and counted (`throttle.dropped_over_budget`). "
        "`None` turns it off.",
    ),
    "TRACK_RESTRICTED_PAGES": (
        False,
        "Show the share bar on, and accept events for, pages behind a view restriction "
        "(password, login or groups, also inherited from an ancestor).",
    ),
    "CACHE_ALIAS": ("default", "Django cache used for throttling and cached site settings."),
    "THROTTLE_TIMEOUT": (
        0.1,
        "Seconds the throttle waits for Redis (connect and reply) before letting the "
        "request through unchecked (fail open, counted, logged once a minute).",
    ),
    "RAW_EVENT_RETENTION_DAYS": (
        90,
        "`darksocial_prune` deletes raw events older than this; daily rollups are kept.",
    ),
    "ROLLUP_CHUNK_EVENTS": (
        200_000,
        "Most new events one rollup transaction counts; a run takes as many as it needs.",
    ),
    "SCORE_ON_PUBLISH": (True, "Queue a shareability scoring task when a page is published."),
    "PAGE_PROFILES": (
        {},
        'How page models are scored, e.g. `{"blog.BlogIndexPage": "listing"}`: `article` '
        "(every check) or `listing` (home, section and index pages: no checks on prose). "
        "Unlisted models: a site's root page and `*IndexPage` models are listings, the "
        "rest articles.",
    ),
    "FILL_PREVIEW_TAGS": (
        True,
        "Add the link-preview tags a live page lacks (`og:title`, `og:description`, "
        "`og:image` with its size and alt text, `og:type`, `og:site_name`, `og:locale`, "
        "`twitter:card`) from its fields. Tags the templates emit are never replaced.",
    ),
    "SHARE_IMAGE_FIELD": (
        "",
        "The page field (an image foreign key) that link previews use, e.g. "
        '`"feed_image"`; blank: the first image field of the page model, else the first '
        "image in its StreamField body, else the site's default share image.",
    ),
}

DEFAULTS = {key: default for key, (default, _doc) in SETTINGS.items()}


@cache
def get_config():
    """Return the merged settings dict; unknown keys are reported by the system checks."""
    user = getattr(settings, SETTING_NAME, None)
    return {**DEFAULTS, **(user if isinstance(user, dict) else {})}


def get_setting(key):
    """One merged setting, e.g. ``get_setting("MAX_BATCH")``."""
    return get_config()[key]


def forget_config(*, setting, **kwargs):
    """``setting_changed`` receiver: re-read ``WAGTAIL_DARKSOCIAL`` next time."""
    if setting == SETTING_NAME:
        get_config.cache_clear()


def reference_table():
    """The Markdown configuration reference, generated from ``SETTINGS``."""
    rows = ["| Key | Default | What it does |", "| --- | --- | --- |"]
    for key, (default, doc) in SETTINGS.items():
        rows.append(f"| `{key}` | `{default!r}` | {doc} |")
    return "\n".join(rows)


if __name__ == "__main__":  # pragma: no cover
    print(reference_table())
