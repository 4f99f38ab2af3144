"""The Shareability report (Reports menu) and the editor panel's refresh endpoint.

The report lists every page the user can edit with the latest score stored for it
(the most recently scored revision, draft or live), filterable by site, locale and
score band, sortable, and exportable as CSV or XLSX with formula-like cells
neutralised. It is shown to users with ``view_darksocial_reports``, as the dashboard.
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import F, OuterRef, Subquery
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, LocaleColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Site

from ..compat import get_page_model
from ..models import PageScore
from ..permissions import PageScope, can_view_reports, paths_q, site_tree_paths
from ..reports.exports import NeutralisingExportMixin
from .bands import BAND_LABELS, band_choices, band_expression
from .editor_section import can_see_panel, render_body
from .fields import PROFILE_LABELS
from .service import check_problem

Page = get_page_model()


def pages_with_scores(queryset):
    """Annotate pages with their latest stored score (``ds_score`` is ``None`` if never)."""
    latest = PageScore.objects.filter(page=OuterRef("pk")).order_by("-scored_at", "-pk")
    return queryset.annotate(
        ds_score=Subquery(latest.values("score")[:1]),
        ds_worst=Subquery(latest.values("worst_check")[:1]),
        ds_scored_at=Subquery(latest.values("scored_at")[:1]),
        ds_profile=Subquery(latest.values("report__profile")[:1]),
    ).annotate(ds_band=band_expression("ds_score"))


class ShareabilityReportFilterSet(WagtailFilterSet):
    # WagtailFilterSet adds the locale filter itself when the site has several languages.
    site = django_filters.ModelChoiceFilter(
        label=_("Site"),
        queryset=Site.objects.order_by("-is_default_site", "hostname", "port"),
        method="filter_site",
        empty_label=_("All sites"),
    )
    band = django_filters.ChoiceFilter(
        label=_("Score"),
        choices=band_choices(),
        field_name="ds_band",
        empty_label=_("All scores"),
    )

    class Meta:
        model = Page
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.request is not None:  # only the sites with pages the user may edit
            self.filters["site"].queryset = PageScope.for_user(self.request.user).sites()

    def filter_site(self, queryset, name, site):
        return queryset.filter(paths_q(site_tree_paths(site)))


class ScoreColumn(Column):
    cell_template_name = "wagtail_darksocial/shareability/score_cell.html"

    class Media:
        css = {"all": ["wagtail_darksocial/admin/shareability.css"]}

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["band"] = instance.ds_band
        context["band_label"] = BAND_LABELS[instance.ds_band]
        return context


def _band_label(value):
    return str(BAND_LABELS.get(value, value))


def _iso_time(value):
    """A CSV's "Scored" cell: ISO 8601 in the site's time zone, to the second."""
    return timezone.localtime(value).isoformat(timespec="seconds") if value else ""


def _check_label(value):
    """The most urgent check as the problem it found ("No good image for link previews")."""
    return str(check_problem(value)) if value else ""


def _profile_label(value):
    return str(PROFILE_LABELS.get(value, "")) if value else ""


class ShareabilityReportView(NeutralisingExportMixin, ReportView):
    page_title = _("Shareability")
    header_icon = "glasses"
    model = Page
    filterset_class = ShareabilityReportFilterSet
    index_url_name = "wagtail_darksocial_admin:shareability_report"
    index_results_url_name = "wagtail_darksocial_admin:shareability_report_results"
    default_ordering = "ds_score"
    export_filename = "shareability"
    columns = [
        TitleColumn(
            "title", label=_("Page"), url_name="wagtailadmin_pages:edit", sort_key="title"
        ),
        ScoreColumn("ds_score", label=_("Score"), sort_key="ds_score"),
        Column(
            "ds_worst", label=_("Most urgent check"), accessor=lambda p: _check_label(p.ds_worst)
        ),
        Column(
            "ds_profile", label=_("Scored as"), accessor=lambda p: _profile_label(p.ds_profile)
        ),
        DateColumn("ds_scored_at", label=_("Scored"), sort_key="ds_scored_at"),
        LocaleColumn(label=_("Locale"), sort_key="locale__language_code"),
    ]
    list_export = [
        "title",
        "ds_score",
        "ds_band",
        "ds_worst",
        "ds_profile",
        "ds_scored_at",
        "locale",
        "full_url",
    ]
    export_headings = {
        "title": _("Page"),
        "ds_score": _("Score"),
        "ds_band": _("Band"),
        "ds_worst": _("Most urgent check"),
        "ds_profile": _("Scored as"),
        "ds_scored_at": _("Scored"),
        "locale": _("Locale"),
        "full_url": _("URL"),
    }
    custom_field_preprocess = {
        "ds_band": {"csv": _band_label, "xlsx": _band_label},
        "ds_worst": {"csv": _check_label, "xlsx": _check_label},
        "ds_profile": {"csv": _profile_label, "xlsx": _profile_label},
        "locale": {"csv": str, "xlsx": str},
        "ds_scored_at": {"csv": _iso_time},
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_view_reports(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        pages = PageScope.for_user(self.request.user).pages(Page.objects.all())
        self.queryset = pages_with_scores(pages.filter(depth__gt=1).select_related("locale"))
        return super().get_queryset()

    def order_queryset(self, queryset):
        # Never-scored pages last, whichever way the table is sorted.
        if not self.ordering:
            return queryset
        name = self.ordering.lstrip("-")
        descending = self.ordering.startswith("-")
        expression = F(name).desc(nulls_last=True) if descending else F(name).asc(nulls_last=True)
        return queryset.order_by(expression, "title", "pk")

    def get_filename(self):
        return self.export_filename


@never_cache
def shareability_panel(request, page_id):
    """The editor section's body for the page's latest revision (HTML fragment)."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not can_see_panel(page, request.user):
        raise PermissionDenied
    return HttpResponse(render_body(page, request))
