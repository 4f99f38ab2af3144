"""Bench-only URLs: the plugin's endpoint and a bare view doing the same single INSERT."""

import json
from functools import cache

from django.http import HttpResponse
from django.urls import include, path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Site

from wagtail_darksocial.models import Event


@cache
def default_site_id():
    return Site.objects.get(is_default_site=True).pk


@csrf_exempt
def bare_events(request):
    """The least a view can do: parse the JSON and insert the share as it came."""
    data = json.loads(request.body)
    Event.objects.create(
        created_at=timezone.now(),
        site_id=default_site_id(),
        page_id=data["page"],
        event_type=data["type"],
        channel=data["channel"],
        token=data["token"],
    )
    return HttpResponse(status=204)


urlpatterns = [
    path("bare/events/", bare_events),
    path("darksocial/", include("wagtail_darksocial.urls")),
]
