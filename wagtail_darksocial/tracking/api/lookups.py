"""Per-process, short-lived caches of what every event request looks up.

Each request needs its Wagtail site (with its root paths) and the live pages its events
name. Both change rarely, so each worker process keeps them for ``TTL`` seconds instead
of querying on every beacon: the endpoint then costs about as many database round trips
as a bare INSERT. Saving or deleting a ``Site`` clears the site cache of the process
that did it; other processes catch up within ``TTL``. Only live pages are cached, so a
page published a moment ago is found at once; an unpublished or moved page may still
be accepted for up to ``TTL`` seconds.

The site cache is keyed on what Wagtail matches a site by (the host name and the
port number, ``Host: x:0080`` and ``Host: x:80`` being one key) and holds at most
``MAX_SITES`` entries, so arbitrary ``Host`` headers cannot grow it without bound.
Pages behind a view restriction count as not live unless ``TRACK_RESTRICTED_PAGES``
(see ``restrictions``); a new restriction is seen at once in the process that made it.
"""

import threading
import time
from dataclasses import dataclass

from django.http.request import split_domain_port
from wagtail.models import Site

from ... import restrictions
from ...compat import get_page_model

TTL = 30
MAX_PAGES = 10_000
MAX_SITES = 256

PageModel = get_page_model()

_lock = threading.Lock()
_sites = {}  # (host name, port) -> (expires, SiteInfo | None)
_pages = {}  # page id -> (expires, url_path | None); None: live but not tracked


@dataclass(frozen=True)
class SiteInfo:
    site: Site
    root_paths: tuple  # url_path of the site's root page and of its translations
    hostname: str


def clear():
    with _lock:
        _sites.clear()
        _pages.clear()
    restrictions.clear()


def forget_sites(**kwargs):
    """A ``Site`` or a view restriction saved or deleted: look them up afresh."""
    clear()


def site_info_for_request(request):
    """The request's ``SiteInfo``, or ``None`` when no Wagtail site serves its host."""
    key = site_cache_key(request)
    now = time.monotonic()
    cached = _sites.get(key)
    if cached and cached[0] > now:
        return cached[1]
    site = Site.find_for_request(request)
    info = None
    if site is not None:
        roots = tuple(
            root.root_path for root in Site.get_site_root_paths() if root.site_id == site.pk
        )
        info = SiteInfo(site=site, root_paths=roots, hostname=site.hostname.lower())
    with _lock:
        if len(_sites) >= MAX_SITES:
            _sites.clear()
        _sites[key] = (now + TTL, info)
    return info


def site_cache_key(request):
    """What ``Site.find_for_request`` decides by: the host name and the port number.

    Django checks the host name against ``ALLOWED_HOSTS`` but not the port's digits,
    so ``127.0.0.1:000…042`` is valid: the port counts as the number it is.
    """
    hostname = split_domain_port(request.get_host())[0]
    port = request.get_port()
    return hostname, int(port) if port.isascii() and port.isdigit() else port


def live_page_paths(ids):
    """``{page id: url_path}`` of the trackable live pages among ``ids``.

    Trackable: not behind a view restriction, unless ``TRACK_RESTRICTED_PAGES``. One
    query for the misses (and one for the restrictions when their cache is cold); none
    when warm.
    """
    now = time.monotonic()
    found, missing = {}, []
    for page_id in ids:
        cached = _pages.get(page_id)
        if cached and cached[0] > now:
            if cached[1] is not None:
                found[page_id] = cached[1]
        else:
            missing.append(page_id)
    if missing:
        live = PageModel.objects.filter(id__in=missing, live=True)
        fetched = {
            page_id: url_path if restrictions.tracks(tree_path) else None
            for page_id, url_path, tree_path in live.values_list("id", "url_path", "path")
        }
        found.update((page_id, path) for page_id, path in fetched.items() if path is not None)
        with _lock:
            if len(_pages) + len(fetched) > MAX_PAGES:
                _pages.clear()
            _pages.update((page_id, (now + TTL, path)) for page_id, path in fetched.items())
    return found
