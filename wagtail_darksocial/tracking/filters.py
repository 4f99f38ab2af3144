"""Requests we drop without a word: privacy signals, other sites and crawlers.

The events endpoint answers these with the same empty 204 as an accepted request, so
a client cannot tell them apart. Nothing here stores or logs a header value.
"""

from urllib.parse import urlsplit

from crawlerdetect import CrawlerDetect
from django.http.request import split_domain_port
from wagtail.models import Site

from ..conf import get_setting

# Building the detector compiles a large regular expression: do it once, at import.
_crawlers = CrawlerDetect()
_crawlers.is_crawler("Mozilla/5.0")


def sends_privacy_signal(request):
    """Global Privacy Control (``Sec-GPC: 1``) or Do Not Track (``DNT: 1``)."""
    meta = request.META
    return meta.get("HTTP_SEC_GPC", "").strip() == "1" or meta.get("HTTP_DNT", "").strip() == "1"


def is_bot(request):
    """No user agent at all, or one that crawlerdetect knows as a crawler."""
    user_agent = request.META.get("HTTP_USER_AGENT", "").strip()
    return not user_agent or _crawlers.is_crawler(user_agent)


def request_hostname(request):
    """The request's host name, lower case and without the port."""
    return split_domain_port(request.get_host())[0].lower()


def site_hostnames():
    """Host names of every Wagtail site, from Wagtail's cached site root paths."""
    return {
        (urlsplit(root.root_url).hostname or "").lower() for root in Site.get_site_root_paths()
    }


def is_cross_site(request):
    """Whether the browser says the request comes from another origin.

    ``Sec-Fetch-Site`` must be ``same-origin`` when sent, and ``Origin``, when sent,
    must name the request's host or one of the Wagtail sites' host names.
    """
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None and fetch_site.strip().lower() != "same-origin":
        return True
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        return False
    try:
        host = (urlsplit(origin.strip()).hostname or "").lower()
    except ValueError:
        return True
    if not host:
        return True  # "null" and other opaque origins
    return host != request_hostname(request) and host not in site_hostnames()


def drop_reason(request):
    """``"privacy"``, ``"cross-site"`` or ``"bot"`` when the request is to be dropped."""
    if get_setting("HONOUR_PRIVACY_SIGNALS") and sends_privacy_signal(request):
        return "privacy"
    if is_cross_site(request):
        return "cross-site"
    if is_bot(request):
        return "bot"
    return None
