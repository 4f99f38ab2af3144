"""The admin screens, served inside Wagtail's admin (``register_admin_urls``).

Wagtail wraps everything registered there in its own handling: the admin login and
access check, its 404 page and ``never_cache``. Namespace ``wagtail_darksocial_admin``:
Django resolves one instance namespace to one URL prefix, and ``wagtail_darksocial``
is the public include's (``events``, ``schema``), so the admin screens cannot share it.
``wagtail_darksocial:dashboard`` and ``:shareability_report`` still reverse, to
redirects kept in the public include for code and links written before the move.
"""

from django.urls import include, path

from .reports import admin_urls as reports
from .shareability import admin_urls as shareability

NAMESPACE = "wagtail_darksocial_admin"
PREFIX = "darksocial/"

# Each feature keeps its own screens; they share one namespace and one prefix.
urlpatterns = [*reports.urlpatterns, *shareability.urlpatterns]


def register_admin_urls():
    """``register_admin_urls``: the screens under ``<admin>/darksocial/``."""
    return [path(PREFIX, include((urlpatterns, NAMESPACE), namespace=NAMESPACE))]
