"""The dark social summary on the Wagtail admin home page: last 7 days, top 3 pages."""

from django.forms import Media
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from ..permissions import PageScope, can_view_reports, report_site
from .charts import colour
from .stats import Filters, cached_report

DAYS = 7
TOP_PAGES = 3


class DarkSocialPanel(Component):
    """Shown only to users with ``view_darksocial_reports``; reads rollups only."""

    name = "darksocial_summary"
    template_name = "wagtail_darksocial/home_panel.html"
    order = 150

    @property
    def media(self):
        return Media(css={"all": ["wagtail_darksocial/admin/dashboard.css"]})

    def render_html(self, parent_context=None):
        if not can_view_reports(parent_context["request"].user):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        scope = PageScope.for_user(request.user)
        site = report_site(request, scope)
        report = cached_report(Filters.last_days(site, DAYS, scope=scope))
        headline = report.headline
        parts = [
            (_("Dark social arrivals"), headline.dark_social, "dark"),
            (_("Visible social arrivals"), headline.visible_social, "social"),
        ]
        return {
            "days": DAYS,
            "headline": headline,
            # Coloured as the dashboard's "probable dark" and "visible social" lines.
            "parts": [
                {
                    "label": label,
                    "count": count,
                    "part": count / headline.total * 100 if headline.total else 0,
                    "colour": colour(name, "class"),
                }
                for label, count, name in parts
            ],
            "shares": report.shares,
            "top_pages": report.top_pages_by_shares(TOP_PAGES),
            "dashboard_url": reverse("wagtail_darksocial_admin:dashboard")
            + f"?start={report.filters.start:%Y-%m-%d}&end={report.filters.end:%Y-%m-%d}"
            + (f"&site={site.pk}" if site else ""),
        }


def add_home_panel(request, panels):
    """``construct_homepage_panels``: add the summary for users who may see it."""
    if can_view_reports(request.user):
        panels.append(DarkSocialPanel())
