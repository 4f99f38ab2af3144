"""Per-process, short-lived caches of what every event request looks up.

Each request needs its Wagtail site (with its root paths) and the live pages its events
name. Both change rarely, so each worker process keeps them for ``TTL`` seconds instead
of querying on every beacon: the endpoint then costs about as many database round trips
as a bare INSERT. Saving or deleting a ``Site`` clears the site cache of the process
that did it; other processes catch up within ``TTL``. Only live pages are cached, so a
page published a moment ago is found at once; an unpublished or moved page may still
be accepted for up to ``TTL`` seconds.
"""

import threading
import time
from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Site

from ..compat import get_page_model

TTL = 30
MAX_PAGES = 10_000

PageModel = get_page_model()

_lock = threading.Lock()
_sites = {}  # (host, port) -> (expires, SiteInfo | None)
_pages = {}  # page id -> (expires, url_path)


@dataclass(frozen=True)
class SiteInfo:
    site: Site
    root_paths: tuple  # url_path of the site's root page and of its translations
    hostname: str


def clear():
    with _lock:
        _sites.clear()
        _pages.clear()


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def _site_changed(**kwargs):
    clear()


def site_for_request(request):
    """The request's ``SiteInfo``, or ``None`` when no Wagtail site serves its host."""
    key = (request.get_host(), request.get_port())
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
        _sites[key] = (now + TTL, info)
    return info


def live_page_paths(ids):
    """``{page id: url_path}`` of the live pages among ``ids``; one query for the misses."""
    now = time.monotonic()
    found, missing = {}, []
    for page_id in ids:
        cached = _pages.get(page_id)
        if cached and cached[0] > now:
            found[page_id] = cached[1]
        else:
            missing.append(page_id)
    if missing:
        fetched = dict(
            PageModel.objects.filter(id__in=missing, live=True).values_list("id", "url_path")
        )
        found.update(fetched)
        with _lock:
            if len(_pages) + len(fetched) > MAX_PAGES:
                _pages.clear()
            _pages.update((page_id, (now + TTL, path)) for page_id, path in fetched.items())
    return found
