"""The plugin's public URLs, namespace ``wagtail_darksocial``: only what readers' browsers need.

Include them before Wagtail's catch-all::

    path("darksocial/", include("wagtail_darksocial.urls")),

The admin screens are in Wagtail's admin (``admin_urls.py``). Their former names here,
``dashboard`` and ``shareability_report``, are kept for code that reverses them: they
only redirect into the admin and show nothing themselves.
"""

from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.views.decorators.cache import never_cache

from .tracking.api.schema import SchemaView
from .tracking.api.views import EventsView

app_name = "wagtail_darksocial"


@never_cache
def moved_to_admin(request, url_name):
    """Redirect a former public URL, query string included, to its screen in the admin."""
    url = reverse(url_name)
    if request.META.get("QUERY_STRING"):
        url = f"{url}?{request.META['QUERY_STRING']}"
    return HttpResponseRedirect(url)


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
