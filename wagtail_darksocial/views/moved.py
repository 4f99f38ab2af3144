"""Redirects from the admin screens' former public URLs to their place in Wagtail's admin."""

from django.http import HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.cache import never_cache


@never_cache
def moved_to_admin(request, url_name):
    """Send the request, query string included, to the screen; nothing is shown here."""
    url = reverse(url_name)
    if request.META.get("QUERY_STRING"):
        url = f"{url}?{request.META['QUERY_STRING']}"
    return HttpResponseRedirect(url)
