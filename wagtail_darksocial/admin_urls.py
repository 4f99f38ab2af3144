"""The admin screens, served inside Wagtail's admin (``register_admin_urls``).

Wagtail wraps everything registered there in its own handling: the admin login and
access check, its 404 page and ``never_cache``. Namespace ``wagtail_darksocial_admin``:
Django resolves one instance namespace to one URL prefix, and ``wagtail_darksocial``
is the public include's (``events``, ``schema``), so the admin screens cannot share it.
``wagtail_darksocial:dashboard`` and ``:shareability_report`` still reverse, to
redirects kept in the public include for code and links written before the move.
"""

from django.urls import include, path

from .views.dashboard import DashboardView
from .views.shareability import ShareabilityReportView, shareability_panel

NAMESPACE = "wagtail_darksocial_admin"
PREFIX = "darksocial/"

urlpatterns = [
    path("reports/dashboard/", DashboardView.as_view(), name="dashboard"),
    path("reports/shareability/", ShareabilityReportView.as_view(), name="shareability_report"),
    path(
        "reports/shareability/results/",
        ShareabilityReportView.as_view(results_only=True),
        name="shareability_report_results",
    ),
    path("shareability/<int:page_id>/", shareability_panel, name="shareability_panel"),
]


def register_admin_urls():
    """``register_admin_urls``: the screens under ``<admin>/darksocial/``."""
    return [path(PREFIX, include((urlpatterns, NAMESPACE), namespace=NAMESPACE))]
