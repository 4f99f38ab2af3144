"""``{% load darksocial_shareability %}``: the editor's Shareability section (admin only)."""

from django import template

from ..compat import get_page_model
from ..shareability.editor_section import render_metrics, render_panel

register = template.Library()


@register.simple_tag(takes_context=True)
def shareability_panel(context):
    """The section for the page in the context, for users who can edit it."""
    page = context.get("page")
    if not isinstance(page, get_page_model()):
        page = None
    return render_panel(page, context.get("request"))


@register.simple_tag(takes_context=True)
def shareability_metrics(context):
    """Our figures beside Wagtail's content metrics (score, readability for sharing)."""
    page = context.get("page")
    if not isinstance(page, get_page_model()):
        return ""
    return render_metrics(page, context.get("request"))
