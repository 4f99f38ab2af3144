"""Pages behind a Wagtail view restriction (password, login or groups), and their descendants.

Unless ``TRACK_RESTRICTED_PAGES`` is on, such pages get no share bar, head tags or
script, and the events endpoint drops their events like those of an unknown page: a
share link to them would lead readers to a login or password form, and their readers
did not sign up to be counted. A restriction covers its page's whole subtree, so a page
is restricted when its tree path starts with a restricted page's path.

The restricted paths are cached per process for ``TTL`` seconds (one query when cold,
none when warm); saving or deleting a restriction clears the cache of the process that
did it (``signal_handlers``), other processes catch up within ``TTL``.
"""

import time

from wagtail.models import PageViewRestriction

from .conf import get_setting

TTL = 30

_cached = None  # (expires, tuple of restricted pages' tree paths)


def clear():
    global _cached  # noqa: PLW0603
    _cached = None


def restricted_paths():
    """Tree paths (``Page.path``) of the pages that carry a view restriction."""
    global _cached  # noqa: PLW0603
    now = time.monotonic()
    cached = _cached
    if cached is None or cached[0] <= now:
        paths = PageViewRestriction.objects.values_list("page__path", flat=True).distinct()
        cached = _cached = (now + TTL, tuple(paths))
    return cached[1]


def is_restricted(tree_path):
    """Whether the page at ``tree_path`` (its ``Page.path``) or an ancestor is restricted."""
    return tree_path.startswith(restricted_paths())


def tracks(tree_path):
    """Whether a live page at ``tree_path`` gets a share bar and has its events stored."""
    return get_setting("TRACK_RESTRICTED_PAGES") or not is_restricted(tree_path)
