"""``{% load darksocial_shareability %}``: the editor's Shareability section (admin only)."""

from django import template
from wagtail.models import Page

from ..shareability.editor_section import render_panel

register = template.Library()


@register.simple_tag(takes_context=True)
def shareability_panel(context):
    """The section for the page in the context, for users who can edit it."""
    page = context.get("page")
    return render_panel(page if isinstance(page, Page) else None, context.get("request"))
