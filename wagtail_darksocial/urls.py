"""The plugin's URLs, public and admin, in one ``wagtail_darksocial`` namespace.

Include them before Wagtail's catch-all::

    path("darksocial/", include("wagtail_darksocial.urls")),

Admin screens live under ``admin/`` here rather than in Wagtail's admin URLconf so
that every name, public or admin, is ``wagtail_darksocial:<name>``; they get the
same login and permission handling as Wagtail's own admin views.
"""

from django.urls import include, path

from . import admin_urls
from .tracking.api.schema import SchemaView
from .tracking.api.views import EventsView

app_name = "wagtail_darksocial"

urlpatterns = [
    path("events/", EventsView.as_view(), name="events"),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("admin/", include(admin_urls)),
]
