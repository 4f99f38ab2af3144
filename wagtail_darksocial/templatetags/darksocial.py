"""``{% load darksocial %}``: the share bar, head tags and script, placed by the template.

A page whose template uses these tags gets nothing injected twice: the injector looks
for their markers in the rendered HTML.
"""

from django import template
from wagtail.models import Site

from .. import restrictions
from ..compat import get_page_model
from ..sharing.bar import Share, bar_html, head_html, page_share, script_html
from ..sharing.site_settings import site_sharing

register = template.Library()


def _current_share(context):
    request = context.get("request")
    page = context.get("page")
    if request is None or not isinstance(page, get_page_model()):
        return request, None
    return request, _share_of(request, page)


def _share_of(request, page):
    """The page's ``Share``; ``None`` for a page behind a view restriction (see
    ``restrictions``)."""
    return page_share(request, page) if restrictions.tracks(page.path) else None


def _on_restricted_page(context):
    page = context.get("page")
    return isinstance(page, get_page_model()) and not restrictions.tracks(page.path)


@register.simple_tag(takes_context=True)
def darksocial_share_buttons(context, page_or_url=None, channels=None, title=None):
    """The share bar for the current page, another ``Page`` or a URL.

    ``channels`` is a comma-separated subset, e.g. ``channels="whatsapp,email"``; ``title``
    names a URL's page (default: the current page's title).
    """
    request, current = _current_share(context)
    if request is None or _on_restricted_page(context):
        return ""
    if page_or_url is None:
        share = current
    elif isinstance(page_or_url, get_page_model()):
        share = _share_of(request, page_or_url)
    else:
        site = Site.find_for_request(request)
        name = title or (current.title if current else "")
        share = Share(
            url=str(page_or_url),
            title=name,
            description=name,
            page_id=None,
            site=site_sharing(site.pk if site else None),
        )
    if share is None:
        return ""
    own = current is not None and share.url == current.url
    return bar_html(request, share, channels.split(",") if channels else None, own=own)


@register.simple_tag(takes_context=True)
def darksocial_head(context):
    """The canonical link, ``og:url`` (never tagged) and the stylesheet."""
    share = _current_share(context)[1]
    return head_html(share) if share else ""


@register.simple_tag(takes_context=True)
def darksocial_script(context):
    """The quote popover and the script, with its settings; nothing in previews."""
    request, share = _current_share(context)
    return script_html(request, share) if share else ""
