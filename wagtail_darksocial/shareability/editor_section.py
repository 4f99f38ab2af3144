"""The "Shareability" section of the page editor's Checks side panel.

Wagtail 8 has no hook to add a side panel, so the plugin extends the Checks side
panel's template (``wagtailadmin/shared/side_panels/checks.html``, block ``content``),
which Wagtail shows for every previewable page type. The override lives in
``template_overrides/``, which ``apps.py`` adds to each Django template engine's
``DIRS`` (read before any app's templates), so it wins wherever the app sits in
``INSTALLED_APPS``. The section is rendered on the server when the editor loads
(so after every "Save draft"), and re-fetched from
``wagtail_darksocial_admin:shareability_panel`` by a small Stimulus controller after an
autosave or a preview refresh. Only users who can edit the page see it.
"""

import logging
from pathlib import Path

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ..permissions import PageScope
from ..scoring.checks.content import reading_level
from ..sharing.previews import BROKEN, HUGE, PRIVATE, SVG
from .bands import BAND_LABELS, band
from .fields import PROFILE_LABELS, fix_location
from .service import (
    check_label,
    report_checks,
    score_page,
    ui_language,
)

logger = logging.getLogger(__name__)

STATUS_LABELS = {
    "good": _("Good"),
    "ok": _("Could be better"),
    "poor": _("Needs work"),
    "unknown": _("Not measured"),
}
#: Wagtail's Checks side panel, which the Shareability section extends.
SIDE_PANEL_TEMPLATE = "wagtailadmin/shared/side_panels/checks.html"
#: Templates that extend Wagtail's own, put ahead of every app by
#: ``add_template_overrides`` so that ``INSTALLED_APPS += [...]`` is enough, whatever
#: the order.
TEMPLATE_OVERRIDES = Path(__file__).resolve().parents[1] / "template_overrides"
OUR_SIDE_PANEL_TEMPLATE = TEMPLATE_OVERRIDES / SIDE_PANEL_TEMPLATE
PANEL_TEMPLATE = "wagtail_darksocial/shareability/panel.html"
BODY_TEMPLATE = "wagtail_darksocial/shareability/panel_body.html"


def can_see_panel(page, user):
    return bool(page.pk) and page.permissions_for_user(user).can_edit()


#: Checks whose text value (an image size, schema types, a language) says something.
TEXT_VALUES = ("og_image", "structured_data", "lang")
#: The tag each link-preview check looks for (one card lists the missing ones).
PREVIEW_TAGS = {
    "og_title": "og:title",
    "og_description": "og:description",
    "og_type": "og:type",
    "og_url": "og:url",
    "twitter_card": "twitter:card",
}
IMAGE_WARNINGS = {
    SVG: _("The page's image is an SVG file, which link previews do not show, so it was skipped."),
    BROKEN: _("The page's image file is missing or cannot be read, so it was skipped."),
    HUGE: _("The page's image is too large to resize on the fly, so it was skipped."),
    PRIVATE: _("The page's image is in a private collection, so it is not shared."),
}


def _row(page, check):
    value = check.value
    shown = check.display
    if not shown and check.id in TEXT_VALUES and isinstance(value, str):
        shown = value
    bad = check.status in ("poor", "ok")
    where = fix_location(page, check.field) if bad and check.field else None
    return {
        "id": check.id,
        "label": check_label(check.id),
        "status": check.status,
        "status_label": STATUS_LABELS.get(check.status, check.status),
        "quotes": value if isinstance(value, list) else [],
        "value": shown,
        "message": check.message,
        "fix": (where or {}).get("fix") or check.fix,
        "where": where,
        "developer": check.field == "developer",
        "also": [],
    }


def check_rows(score, language, page=None):
    """The checks as template cards, worst first: one card per problem.

    Checks that share a fix (``group``) become one card: the missing link-preview tags,
    or a headline that is the page's title.
    """
    page = page if page is not None else score.page.specific
    rows, leads = [], {}
    for check in report_checks(score, language):
        row = _row(page, check)
        group = check.group or ("title" if check.id == "title" else "")
        if group and check.status in ("poor", "ok"):
            lead = leads.get(group)
            if lead is not None:
                lead["also"].append(row)
                continue
            leads[group] = row
        rows.append(row)
    preview = leads.get("preview_tags")
    if preview is not None:
        tags = [
            PREVIEW_TAGS[r["id"]] for r in [preview, *preview["also"]] if r["id"] in PREVIEW_TAGS
        ]
        preview.update(
            id="preview_tags",
            label=check_label("preview_tags"),
            also=[],
            message=ngettext(
                "Link previews lack this tag: %(tags)s.",
                "Link previews lack these tags: %(tags)s.",
                len(tags),
            )
            % {"tags": ", ".join(tags)},
        )
    return rows


def visible_page_stats(page, user):
    """This page's sharing figures over 30 days on the sites ``user`` may see, or
    ``None`` when nothing was tracked there."""
    from ..reports.stats import page_stats as stats_for_page

    scope = PageScope.for_user(user)
    stats = stats_for_page(page, days=30, sites=None if scope.everything else scope.sites())
    if not (stats["shares"] or stats["copies"] or stats["arrivals"]):
        return None
    return stats


def body_context(page, user):
    """Score the page's latest revision (cached) and build the panel's context."""
    language = ui_language()
    score = score_page(page, language=language)
    error = score.report.get("error", "")
    score_band = "" if error else band(score.score)
    checks = [] if error else check_rows(score, language, page)
    report = score.report or {}
    return {
        "page": page,
        "score": score,
        "error": error,
        "band": score_band,
        "band_label": BAND_LABELS.get(score_band, ""),
        "checks": checks,
        "issues": [row for row in checks if row["status"] != "good"],
        "passed": [row for row in checks if row["status"] == "good"],
        "preview": score.report.get("preview") or {},
        "page_url": report.get("url") or page.full_url or "",
        "profile": PROFILE_LABELS.get(report.get("profile"), ""),
        "image_warning": IMAGE_WARNINGS.get(report.get("image_warning"), ""),
        "stats": visible_page_stats(page, user),
    }


def render_body(page, request):
    """The section's content; an unexpected failure shows a message, never a 500."""
    try:
        context = body_context(page, request.user)
    except Exception:
        logger.exception("The shareability panel of page %s failed", page.pk)
        context = {"page": page, "error": _("The shareability score could not be computed.")}
    return render_to_string(BODY_TEMPLATE, context, request=request)


METRICS_TEMPLATE = "wagtail_darksocial/shareability/metrics.html"


def render_metrics(page, request):
    """Our score and readability beside Wagtail's own content metrics; ``""`` if none.

    Word count and reading time are Wagtail's: ours would only repeat them.
    """
    if request is None or not page.pk or not can_see_panel(page, request.user):
        return ""
    try:
        score = score_page(page, language=ui_language())
    except Exception:
        logger.exception("The shareability metrics of page %s failed", page.pk)
        return ""
    if score.report.get("error"):
        return ""
    readability = next(
        (c for c in report_checks(score, ui_language()) if c.id == "readability"), None
    )
    level = ""
    if readability is not None and isinstance(readability.value, (int, float)):
        level = gettext(reading_level(readability.value))
    context = {
        "score": score.score,
        "band_label": BAND_LABELS.get(band(score.score), ""),
        "readability": readability.display if readability is not None else "",
        "level": level,
    }
    return render_to_string(METRICS_TEMPLATE, context, request=request)


def render_panel(page, request):
    """The whole section for the Checks side panel; ``""`` for users who cannot edit."""
    if page is None or request is None:
        return ""
    if not page.pk:  # the create view: nothing to render yet
        return render_to_string(PANEL_TEMPLATE, {"unsaved": True}, request=request)
    if not can_see_panel(page, request.user):
        return ""
    context = {
        "body": render_body(page, request),
        "refresh_url": reverse("wagtail_darksocial_admin:shareability_panel", args=[page.pk]),
    }
    return render_to_string(PANEL_TEMPLATE, context, request=request)


def add_template_overrides(*, setting="TEMPLATES", **kwargs):
    """Let our few extensions of Wagtail admin templates win without an app order.

    Only ``template_overrides/`` is added; it holds templates that extend Wagtail's
    of the same name, so the site's own ``DIRS`` templates still come first. Called at
    start-up, and on ``setting_changed`` since Django rebuilds its template engines
    when ``TEMPLATES`` changes (tests do that).
    """
    if setting != "TEMPLATES":
        return
    from django.template import engines
    from django.template.backends.django import DjangoTemplates

    directory = str(TEMPLATE_OVERRIDES)
    for engine in engines.all():
        if isinstance(engine, DjangoTemplates) and directory not in map(str, engine.engine.dirs):
            engine.engine.dirs = [*engine.engine.dirs, directory]
