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
from django.utils.translation import gettext_lazy as _

from ..permissions import PageScope
from .bands import BAND_LABELS, band
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


def check_rows(score, language):
    """The checks as template rows, worst first."""
    rows = []
    for check in report_checks(score, language):
        value = check.value
        rows.append(
            {
                "id": check.id,
                "label": check_label(check.id),
                "status": check.status,
                "status_label": STATUS_LABELS.get(check.status, check.status),
                "quotes": value if isinstance(value, list) else [],
                "value": "" if value is None or isinstance(value, list) else value,
                "message": check.message,
                "fix": check.fix,
            }
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
    checks = [] if error else check_rows(score, language)
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
        "page_url": score.report.get("url") or page.full_url or "",
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
