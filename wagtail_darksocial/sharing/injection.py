"""Add the share bar, head tags and script to pages Wagtail serves, without template changes.

An ``on_serve_page`` hook. The rendered HTML is never parsed: fragments are inserted at
known anchors found with ``bytes.find``/``rfind`` (lower-case tags):

* before ``</head>``: the stylesheet, plus the canonical link, ``og:url`` and the
  link-preview tags the page lacks (``previews``);
* the bar: before ``</article>`` when the page has exactly one, else before the last
  ``</main>``, else before ``</body>`` (always there when the bar floats); with the
  ``before`` position, after the article's (or main's) first ``</h1>``, else after its
  opening tag, else after ``<body>``;
* before ``</body>``: the quote popover and the script.

Each fragment carries a marker with a literal quote (``data-darksocial="bar"``), which
escaped page text cannot contain, so output of the template tags is never doubled.
"""

import re

from .. import restrictions
from ..conf import get_setting
from .bar import bar_html, head_html, is_preview, page_share, script_html
from .previews import preview_tags

# Inside a tag, so that page text ("rel=canonical" in a title) cannot pass for one.
CANONICAL = re.compile(rb"""<link\s[^>]*?rel=["']?canonical["'\s/>]""")
OG_URL = re.compile(rb"""<meta\s[^>]*?property=["']?og:url["'\s/>]""")
STYLESHEET_MARK = b'data-darksocial="css"'
BAR_MARK = b'data-darksocial="bar"'
SCRIPT_MARK = b"data-darksocial-config='"


def serve_with_share_bar(next_serve_page):
    """``on_serve_page`` hook: inject into the response once it is rendered."""

    def serve(page, request, args, kwargs):
        response = next_serve_page(page, request, args, kwargs)
        if wants_injection(page, request, response):
            if getattr(response, "is_rendered", True):
                inject(response, page, request)
            else:
                response.add_post_render_callback(lambda rendered: inject(rendered, page, request))
        return response

    return serve


def wants_injection(page, request, response):
    """Live HTML pages with status 200, not excluded nor restricted, while ``INJECT`` is on.

    Pages behind a view restriction (password, login, groups, or an ancestor's) get
    nothing unless ``TRACK_RESTRICTED_PAGES``: see ``restrictions``.
    """
    return (
        get_setting("INJECT")
        and not is_preview(request)
        and response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not is_excluded(page)
        and restrictions.tracks(page.path)
    )


def is_excluded(page):
    excluded = get_setting("EXCLUDE_PAGE_TYPES")
    return page._meta.label_lower in {name.lower() for name in excluded}


def inject(response, page, request):
    """Insert the missing fragments into ``response.content`` in place."""
    content = response.content
    body = content.rfind(b"</body>")
    share = page_share(request, page) if body != -1 else None
    if share is None:
        return
    inserts = []
    head_end = content.find(b"</head>", 0, body)
    if head_end != -1:
        head = content[:head_end]
        missing = {  # the substring test first: most heads lack one or the other
            "canonical": b"canonical" not in head or not CANONICAL.search(head),
            "og_url": b"og:url" not in head or not OG_URL.search(head),
            "stylesheet": STYLESHEET_MARK not in head,
        }
        if any(missing.values()):
            inserts.append((head_end, head_html(share, **missing)))
        tags = preview_tags(content, head_end, page, request)
        if tags:
            inserts.append((head_end, tags))
    if BAR_MARK not in content:
        position = share.site.bar_position
        anchor = body if position == "floating" else bar_anchor(content, body, position)
        inserts.append((anchor, bar_html(request, share)))
    if SCRIPT_MARK not in content:
        inserts.append((body, script_html(request, share)))
    if not inserts:
        return
    charset = response.charset
    parts, start = [], 0
    for position, html in sorted(inserts, key=lambda insert: insert[0]):
        parts += [content[start:position], html.encode(charset)]
        start = position
    parts.append(content[start:])
    response.content = b"".join(parts)
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))


def bar_anchor(content, body, position="inline"):
    """Where an inline bar goes: the end of the article or the main content, else the body;
    ``before``: the start of the same element (after its heading)."""
    if position == "before":
        return bar_start_anchor(content, body)
    if content.count(b"</article>", 0, body) == 1:
        return content.find(b"</article>")
    main = content.rfind(b"</main>", 0, body)
    return main if main != -1 else body


def bar_start_anchor(content, body):
    """After the first ``</h1>`` of the article (or main), else after its opening tag,
    else after ``<body ...>``."""
    if content.count(b"</article>", 0, body) == 1:
        start, end = content.find(b"<article"), content.find(b"</article>")
    else:
        start, end = content.find(b"<main"), content.rfind(b"</main>", 0, body)
    if start == -1 or end == -1:
        start, end = content.find(b"<body"), body
    opened = content.find(b">", start, end) + 1
    if not opened:
        return body
    heading = content.find(b"</h1>", opened, end)
    return heading + len(b"</h1>") if heading != -1 else opened
