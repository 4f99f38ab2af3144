"""``{% load darksocial_shareability %}``: the editor's Shareability section (admin only)."""

from django import template

from ..compat import get_page_model
from ..shareability.editor_section import render_panel

register = template.Library()


@register.simple_tag(takes_context=True)
def shareability_panel(context):
    """The section for the page in the context, for users who can edit it."""
    page = context.get("page")
    if not isinstance(page, get_page_model()):
        page = None
    return render_panel(page, context.get("request"))
