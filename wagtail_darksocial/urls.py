"""The plugin's public URLs, namespace ``wagtail_darksocial``: only what readers' browsers need.

Include them before Wagtail's catch-all::

    path("darksocial/", include("wagtail_darksocial.urls")),

The admin screens are in Wagtail's admin (``admin_urls.py``). Their former names here,
``dashboard`` and ``shareability_report``, are kept for code that reverses them: they
only redirect into the admin and show nothing themselves.
"""

from django.urls import path

from .api.schema import SchemaView
from .api.views import EventsView
from .views.moved import moved_to_admin

app_name = "wagtail_darksocial"

urlpatterns = [
    path("events/", EventsView.as_view(), name="events"),
    path("schema/", SchemaView.as_view(), name="schema"),
    path(
        "admin/reports/dashboard/",
        moved_to_admin,
        {"url_name": "wagtail_darksocial_admin:dashboard"},
        name="dashboard",
    ),
    path(
        "admin/reports/shareability/",
        moved_to_admin,
        {"url_name": "wagtail_darksocial_admin:shareability_report"},
        name="shareability_report",
    ),
]
