"""Page types for the sharing tests: one without <main>/<article>, one using the tags."""

from django.db import models
from wagtail.models import Page


class BarePage(Page):
    """Its template has a <body> and nothing else to anchor the bar to."""

    body = models.TextField(blank=True)


class TaggedPage(Page):
    """Its template places the share bar, head tags and script itself."""

    body = models.TextField(blank=True)
