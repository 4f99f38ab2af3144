"""Shareability scores for Wagtail pages: render a revision as readers get it, analyse, cache.

The analyser (:mod:`wagtail_darksocial.scoring`) is pure Python; this module is the
Django side of it:

* :func:`render_for_readers` serves a page object (the live page or a draft built from
  a revision) through the site's middleware and Wagtail's ``before_serve_page`` and
  ``on_serve_page`` hooks with an anonymous, non-preview request for the page's own
  URL, so the share bar injection and view restrictions apply exactly as for a reader.
* :class:`MediaImages` measures an ``og:image`` that is one of this site's image or
  rendition files from the database and storage; nothing is fetched over the network.
* :func:`score_page` caches one :class:`~wagtail_darksocial.models.PageScore` per page
  revision. Messages are stored per interface language inside the report, so showing
  the report in another language costs one more analysis of that revision, once.
"""

import logging
from dataclasses import dataclass
from io import StringIO
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup
from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.http.request import validate_host
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.models import Site
from wagtail.views import serve_chain

from ..models import PageScore
from ..scoring import Check, ImageInfo, PageFields, analyse, sorted_checks
from ..sharing.previews import share_image_for
from .fields import page_profile

logger = logging.getLogger(__name__)

CHECK_LABELS = {
    "title": _("Page title"),
    "browser_title": _("Title in the browser tab"),
    "meta_description": _("Meta description"),
    "og_title": _("Preview title (og:title)"),
    "og_description": _("Preview description (og:description)"),
    "og_url": _("Preview address (og:url)"),
    "og_type": _("Content type (og:type)"),
    "og_image": _("Preview image"),
    "twitter_card": _("X card (twitter:card)"),
    "preview_tags": _("Link preview tags"),
    "canonical": _("Canonical address"),
    "lang": _("Page language"),
    "headline": _("Headline"),
    # Named as in Wagtail's own content metrics above (Words, Readability).
    "readability": _("Readability"),
    "sentence_length": _("Sentence length"),
    "paragraph_length": _("Paragraph length"),
    "subheadings": _("Subheadings"),
    "image_alt": _("Image descriptions (alt text)"),
    "word_count": _("Words"),
    "quotable": _("Quotable sentences"),
    "share_buttons": _("Share buttons"),
    "structured_data": _("Structured data"),
}
#: The report's "Most urgent check" column: the problem, in an editor's words.
CHECK_PROBLEMS = {
    "title": _("Title too short or too long"),
    "browser_title": _("Site name makes the browser title long"),
    "meta_description": _("Meta description missing or off-length"),
    "og_title": _("Link preview tags missing"),
    "og_description": _("Link preview tags missing"),
    "og_url": _("Link preview address missing or not clean"),
    "og_type": _("Link preview tags missing"),
    "og_image": _("No good image for link previews"),
    "twitter_card": _("Link preview tags missing"),
    "canonical": _("No clean canonical address"),
    "lang": _("Page language not declared"),
    "headline": _("Headline too short or too long"),
    "readability": _("Text hard to read"),
    "sentence_length": _("Too many long sentences"),
    "paragraph_length": _("Paragraphs too long"),
    "subheadings": _("Too few subheadings"),
    "image_alt": _("Images without descriptions"),
    "word_count": _("Text too short or too long"),
    "quotable": _("Nothing short to quote"),
    "share_buttons": _("No share buttons"),
    "structured_data": _("No structured data"),
}

#: File extension -> format reported to the analyser (it rejects SVG previews).
IMAGE_FORMATS = {"jpg": "jpeg", "svgz": "svg"} | {
    name: name for name in ("jpeg", "png", "gif", "webp", "avif", "svg", "heic", "ico")
}


def check_label(check_id):
    return CHECK_LABELS.get(check_id, check_id)


def check_problem(check_id):
    return CHECK_PROBLEMS.get(check_id) or check_label(check_id)


# Rendering -------------------------------------------------------------------------


@dataclass
class Rendered:
    """What a reader got for a page: ``html`` on success, else a translated ``error``."""

    html: str = ""
    status_code: int = 200
    error: str = ""


class _ReaderHandler(BaseHandler):
    """The site's middleware around Wagtail's serve hooks, for one page object.

    Like Wagtail's ``make_preview_request`` but serving, not previewing, so hooks that
    skip previews (the share bar injection) run. Exceptions are kept, not raised, so
    the admin request that asked for the score neither fails nor logs a 500 for it.
    """

    def __init__(self, page):
        super().__init__()
        self.page = page
        self.exception = None
        self.load_middleware()

    def _get_response(self, request):
        try:
            response = self._serve(request)
            if callable(getattr(response, "render", None)):
                response = response.render()
        except Exception as exception:
            self.exception = exception
            response = HttpResponse(status=500)
            response._has_been_logged = True  # logged by render_for_readers
        # A draft must never land in a cache that readers are served from.
        patch_cache_control(response, private=True)
        return response

    def _serve(self, request):
        for fn in hooks.get_hooks("before_serve_page"):
            result = fn(self.page, request, (), {})
            if isinstance(result, HttpResponse):
                return result
        chain = serve_chain
        for fn in reversed(hooks.get_hooks("on_serve_page")):
            chain = fn(chain)
        return chain(self.page, request, (), {})


def _fallback_host():
    host = next((h for h in settings.ALLOWED_HOSTS if h != "*"), "localhost")
    return host.lstrip(".")


def reader_request(url):
    """An anonymous GET for ``url`` as a WSGI server would build it (no cookies)."""
    parts = urlsplit(url or "")
    scheme = parts.scheme or "http"
    default_port = 443 if scheme == "https" else 80
    hostname = parts.hostname or _fallback_host()
    allowed = settings.ALLOWED_HOSTS or [".localhost", "127.0.0.1", "[::1]"]
    if not validate_host(hostname, allowed):
        hostname = _fallback_host()
    port = parts.port or default_port
    request = WSGIRequest(
        {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": unquote(parts.path) or "/",
            "QUERY_STRING": "",
            "SERVER_NAME": hostname,
            "SERVER_PORT": str(port),
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": hostname if port == default_port else f"{hostname}:{port}",
            "HTTP_ACCEPT": "text/html",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.version": (1, 0),
            "wsgi.input": StringIO(),
            "wsgi.errors": StringIO(),
            "wsgi.url_scheme": scheme,
            "wsgi.multithread": True,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
    )
    request.is_dummy = True  # Wagtail's flag for simulated requests
    return request


def render_for_readers(page):
    """Serve ``page`` (any page object, e.g. ``revision.as_object()``) as readers get it.

    Never raises: a page that fails to render, or that readers get as anything but
    ``200 OK`` (a private page redirects to a login form), comes back with ``error``.
    """
    handler = _ReaderHandler(page)
    # The locale middleware activates the page's language; the caller keeps its own.
    with translation.override(translation.get_language()):
        try:
            response = handler.get_response(reader_request(page.full_url))
        except Exception as exception:  # middleware that raised outside the view
            handler.exception = exception
            response = None
    if handler.exception is not None:
        logger.warning("Page %s could not be rendered for scoring", page.pk, exc_info=True)
        return Rendered(
            status_code=500,
            error=gettext("The page could not be rendered (%(error)s), so it cannot be scored.")
            % {"error": type(handler.exception).__name__},
        )
    if response.status_code != 200:
        return Rendered(
            status_code=response.status_code,
            error=gettext(
                "Readers get an HTTP %(status)s response instead of this page (is it "
                "private?), so it cannot be scored."
            )
            % {"status": response.status_code},
        )
    charset = response.charset or "utf-8"
    return Rendered(html=response.content.decode(charset, errors="replace"))


# Images ----------------------------------------------------------------------------


class MediaImages:
    """``image_info`` for the analyser: measures this site's own image files.

    An ``og:image`` URL under ``MEDIA_URL`` (relative, on one of the site's hostnames,
    or under an absolute ``MEDIA_URL``) is matched to a rendition, else an original
    image, by file name. Width and height come from the database (Wagtail reads them
    from the file when it is created), the size in bytes from the storage. Anything
    else returns ``None`` and the analyser falls back to the declared size.
    """

    def __init__(self):
        self._hosts = None
        self.found = {}  # url -> (file url for the admin, ImageInfo)

    def hosts(self):
        if self._hosts is None:
            self._hosts = {h.lower() for h in Site.objects.values_list("hostname", flat=True)}
        return self._hosts

    def file_name(self, url):
        """The storage name of a media URL on this site, or ``None``."""
        media_url = settings.MEDIA_URL or "/"
        parts = urlsplit(url)
        media = urlsplit(media_url)
        if media.netloc:  # absolute MEDIA_URL, e.g. a CDN
            if (parts.netloc, parts.path[: len(media.path)]) != (media.netloc, media.path):
                return None
        elif parts.netloc and (parts.hostname or "").lower() not in self.hosts():
            return None
        if not parts.path.startswith(media.path):
            return None
        name = unquote(parts.path[len(media.path) :]).lstrip("/")
        return name or None

    def lookup(self, name):
        image_model = get_image_model()
        rendition = image_model.get_rendition_model().objects.filter(file=name).first()
        if rendition is not None:
            return rendition, None
        image = image_model.objects.filter(file=name).first()
        return image, getattr(image, "file_size", None)

    def __call__(self, url):
        if url in self.found:
            return self.found[url][1]
        name = self.file_name(url)
        try:
            found, size = self.lookup(name) if name else (None, None)
        except Exception:  # e.g. a custom image model without these fields
            logger.warning("Could not look up the sharing image %s", url, exc_info=True)
            found = None
        if found is None:
            return None
        if size is None:
            try:
                size = found.file.size
            except Exception:  # a missing file still has its recorded dimensions
                size = None
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        info = ImageInfo(found.width, found.height, size, IMAGE_FORMATS.get(extension))
        self.found[url] = (found.file.url, info)
        return info

    def local_url(self, url):
        """The same-origin file URL of a measured image (for the admin), or ``""``."""
        return self.found.get(url, ("",))[0]


# Link previews ---------------------------------------------------------------------


def link_preview(html, page_url, images):
    """What link previews are built from: the page's Open Graph and X tags.

    Falls back the way the platforms do (``<title>``, meta description). The image
    is only kept as a same-origin file URL, so the admin never requests another host.
    """
    end = html.lower().find("</head>")
    soup = BeautifulSoup(html[: end if end != -1 else len(html)], "html.parser")
    meta = {}
    for tag in soup.find_all("meta"):
        key = (tag.get("property") or tag.get("name") or "").strip().lower()
        if key and key not in meta and tag.get("content") is not None:
            meta[key] = " ".join(tag["content"].split())
    title_tag = soup.find("title")
    title = title_tag.get_text(" ", strip=True) if title_tag else ""
    image = meta.get("og:image") or meta.get("twitter:image") or ""
    info = images(image) if image else None  # local images only; cached per URL
    address = meta.get("og:url") or page_url or ""
    return {
        "title": meta.get("og:title") or meta.get("twitter:title") or title,
        "description": meta.get("og:description") or meta.get("description") or "",
        "site_name": meta.get("og:site_name", ""),
        "domain": (urlsplit(address).hostname or "").removeprefix("www."),
        "image": images.local_url(image) if image else "",
        "has_image": bool(image),
        # Below 600×315 the platforms show a small thumbnail, not a large card.
        "small_image": bool(info) and (info.width < 600 or info.height < 315),
        "card": meta.get("twitter:card", ""),
    }


# Scoring and caching ---------------------------------------------------------------


def ui_language(language=None):
    """The interface language messages are written in: given, active, or the default."""
    return (language or translation.get_language() or settings.LANGUAGE_CODE).lower()


def page_fields(page):
    """What the editor typed, for the checks that measure it (not the templates' output)."""
    return PageFields(title=(getattr(page, "seo_title", "") or page.title or "").strip())


def analyse_page(page, language):
    """Render ``page`` for readers and analyse it; returns ``(report, preview, error)``."""
    rendered = render_for_readers(page)
    if rendered.error:
        return None, None, rendered.error
    images = MediaImages()
    url = page.full_url
    report = analyse(
        rendered.html,
        url=url,
        ui_language=language,
        image_info=images,
        fields=page_fields(page),
        profile=page_profile(page),
    )
    return report, link_preview(rendered.html, url, images), ""


def image_warning(page):
    """Why the page's chosen image is not used in previews (``"svg"``…), or ``""``."""
    try:
        _image, reason, _source = share_image_for(page, page.get_site())
    except Exception:
        logger.warning("The share image of page %s could not be checked", page.pk, exc_info=True)
        return ""
    return reason


def messages_of(report):
    return {check.id: [check.message, check.fix, check.display] for check in report.checks}


def _is_current(score, revision):
    # Autosave overwrites a revision in place and moves its created_at forward.
    return revision is None or score.scored_at >= revision.created_at


def score_page(page, revision=None, *, force=False, language=None):
    """The :class:`PageScore` of ``revision`` (default: the page's latest), computed once.

    A stored score is reused while its revision is unchanged; ``force`` recomputes it.
    ``language`` (default: the active one) is the language of the messages; a stored
    score lacking it is analysed once more and the messages are added to it.

    The result has a ``computed`` attribute: whether an analysis ran for this call.
    Pages that cannot be rendered get an unsaved score of 0 whose ``report`` has an
    ``error``, so the next call tries again.
    """
    page = page.specific
    language = ui_language(language)
    revision_id = revision.pk if revision is not None else page.latest_revision_id
    score = (
        PageScore.objects.select_related("revision")
        .filter(page=page, revision_id=revision_id)
        .first()
    )
    if revision is None:
        revision = score.revision if score is not None else page.get_latest_revision()
    if score is not None and not force and _is_current(score, revision):
        if language not in score.report.get("messages", {}):
            _add_messages(score, page, revision, language)
        else:
            score.computed = False
        return score

    started = timezone.now()
    report, preview, error = analyse_page(_page_object(page, revision), language)
    if error:
        score = PageScore(page=page, revision=revision, score=0, scored_at=started)
        score.report = {"error": error, "checks": [], "messages": {}}
    else:
        worst = [check for check in report.worst() if check.weight]
        score, _created = PageScore.objects.update_or_create(
            page=page,
            revision=revision,
            defaults={
                "score": report.score,
                "worst_check": worst[0].id if worst else "",
                "language": report.language or "",
                "scored_at": started,
                "report": {
                    "score": report.score,
                    "language": report.language,
                    "profile": report.profile,
                    "image_warning": image_warning(page),
                    "url": page.full_url,
                    "checks": [_check_data(check) for check in report.checks],
                    "messages": {language: messages_of(report)},
                    "preview": preview,
                },
            },
        )
    score.computed = True
    return score


def _check_data(check):
    data = check.to_dict()
    return {key: data[key] for key in ("id", "status", "value", "weight", "field", "group")}


def _add_messages(score, page, revision, language):
    """Analyse a scored revision again, only for its messages in another language."""
    report, _preview, _error = analyse_page(_page_object(page, revision), language)
    if report is not None:
        score.report["messages"][language] = messages_of(report)
        score.save(update_fields=["report"])
    score.computed = True


def _page_object(page, revision):
    return revision.as_object() if revision is not None else page


def report_checks(score, language=None):
    """The checks of a stored score, worst first, with messages in ``language``.

    Messages fall back to any language the score has when ``language`` is missing.
    """
    report = score.report or {}
    messages = report.get("messages", {})
    text = messages.get(ui_language(language)) or next(iter(messages.values()), {})
    checks = []
    for item in report.get("checks", []):
        message, fix, display = [*text.get(item["id"], []), "", "", ""][:3]
        checks.append(
            Check(
                id=item["id"],
                status=item["status"],
                value=item.get("value"),
                message=message,
                fix=fix,
                weight=item.get("weight", 0),
                display=display,
                field=item.get("field", ""),
                group=item.get("group", ""),
            )
        )
    return sorted_checks(checks)
