"""The dark social dashboard: an admin report over the daily rollups, with exports.

Reached from the Reports menu by users with ``view_darksocial_reports`` (superusers
have it). Every figure is limited to the pages the user may edit (``PageScope``); a
site or page outside them is not a choice. Filters come from a GET form; bad input is
shown as form errors. Every table exports as CSV or XLSX with
``?export=csv|xlsx&table=<name>``.
"""

import datetime
import functools

from django import forms
from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import Promise, cached_property
from django.utils.timesince import timesince
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.active_filters import ActiveFilter
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateInput, AdminPageChooser
from wagtail.models import Locale, Site

from ..compat import get_page_model
from ..permissions import PageScope, can_view_reports, report_site
from .charts import Series, colour, day_labels, limit_series, line_chart
from .exports import FORMATS, spreadsheet_response
from .stats import (
    ARRIVAL_CLASS_HELP,
    SPIKE_WINDOW,
    Filters,
    arrival_class_label,
    cached_report,
    channel_label,
)

Page = get_page_model()

DEFAULT_DAYS = 30
MAX_DAYS = 366


def humanise_duration(seconds):
    """``"3 hours, 20 minutes"`` in the active language; ``None`` stays ``None``."""
    if seconds is None:
        return None
    if seconds < 60:
        count = round(seconds)
        return ngettext("%(count)s second", "%(count)s seconds", count) % {"count": count}
    now = timezone.now()
    return timesince(now - datetime.timedelta(seconds=seconds), now, depth=2)


def percent(ratio):
    """A 0–1 ratio as a percentage rounded to 0.1, for exports; ``None`` stays ``None``."""
    return None if ratio is None else round(ratio * 100, 1)


def spike_message(spike):
    """One sentence saying which day and figure jumped, and why it matters."""
    median = spike.median
    median = int(median) if float(median).is_integer() else round(median, 1)
    values = {
        "day": formats.date_format(spike.day, "DATE_FORMAT"),
        "value": formats.number_format(spike.value, force_grouping=True),
        "median": formats.number_format(median, force_grouping=True),
        "window": SPIKE_WINDOW,
    }
    if spike.figure == "shares":
        text = gettext(
            "Unusual spike on %(day)s: %(value)s shares, against a median of %(median)s a "
            "day over the %(window)s days before."
        )
    else:
        text = gettext(
            "Unusual spike on %(day)s: %(value)s tagged arrivals, against a median of "
            "%(median)s a day over the %(window)s days before."
        )
    return text % values


class PageChooser(AdminPageChooser):
    """Wagtail's page chooser, showing no page for an id that is not a number or is
    not in ``allowed_pages`` (so another site's page title is never shown)."""

    allowed_pages = None

    def get_instance(self, value):
        try:
            instance = super().get_instance(value)
        except (ValueError, TypeError, OverflowError):
            return None
        outside = self.allowed_pages is not None and instance is not None
        if outside and not self.allowed_pages.filter(pk=instance.pk).exists():
            return None
        return instance


class DashboardFilterForm(forms.Form):
    """Site, date range, language and page; blank fields take their defaults."""

    site = forms.ModelChoiceField(
        queryset=Site.objects.order_by("-is_default_site", "hostname", "port"),
        label=_("Site"),
        empty_label=None,
        required=False,
    )
    start = forms.DateField(
        label=pgettext_lazy("start of a date range", "From"), required=False, widget=AdminDateInput
    )
    end = forms.DateField(
        label=pgettext_lazy("end of a date range", "To"), required=False, widget=AdminDateInput
    )
    locale = forms.ModelChoiceField(
        queryset=Locale.objects.order_by("language_code"),
        to_field_name="language_code",
        label=_("Language"),
        empty_label=_("All languages"),
        required=False,
    )
    page = forms.ModelChoiceField(
        queryset=Page.objects.all(),
        label=_("Page and its subpages"),
        widget=PageChooser(show_edit_link=False),
        required=False,
    )

    def __init__(self, data, *, scope, default_site):
        self.scope = scope
        today = timezone.localdate()
        defaults = {
            "site": default_site.pk if default_site else "",
            "end": today,
            "start": today - datetime.timedelta(days=DEFAULT_DAYS - 1),
        }
        self.defaults = defaults
        data = data.copy()
        for name, value in defaults.items():
            if not data.get(name):
                data[name] = value
        super().__init__(data)
        # Another site's or page's id is an invalid choice, like an unknown one.
        self.fields["site"].queryset = scope.sites()
        self.fields["page"].queryset = scope.pages()
        self.fields["page"].widget.allowed_pages = scope.pages()
        if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            del self.fields["locale"]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if start > end:
                self.add_error("end", _("The end date must not be before the start date."))
            elif (end - start).days + 1 > MAX_DAYS:
                self.add_error(
                    "start", _("Choose a range of at most %(days)s days.") % {"days": MAX_DAYS}
                )
        site, page = data.get("site"), data.get("page")
        if site and page and not page.path.startswith(site.root_page.path):
            self.add_error("page", _("This page is not part of the chosen site."))
        return data

    def filters(self):
        data = self.cleaned_data
        return Filters(
            site=data["site"],
            start=data["start"],
            end=data["end"],
            locale=data.get("locale"),
            page=data.get("page"),
            scope=self.scope,
        )


class Exports:
    """The dashboard's tables as ``(headings, rows)`` of plain values, for spreadsheets."""

    def __init__(self, report):
        self.report = report

    def summary(self):
        report = self.report
        headline, resharing = report.headline, report.resharing
        rows = [
            (_("Dark social share of social arrivals (%)"), percent(headline.share)),
            (_("Dark social arrivals"), headline.dark_social),
            (_("Tagged arrivals from private channels"), headline.tagged_private),
            (_("Untagged arrivals from recognised private channels"), headline.dark_recognised),
            (_("Probable dark social arrivals"), headline.probable_dark),
            (_("Visible social arrivals"), headline.visible_social),
            (_("Tagged arrivals from public networks"), headline.tagged_public),
            (_("Arrivals with a social network as referrer"), headline.social),
            (_("Shares"), report.shares),
            (_("Copies"), report.copies),
            (_("Converted shares (%)"), percent(report.conversion_total.rate)),
            (_("Median time from share to arrival (seconds)"), report.median_delay),
            (_("Re-shared shares (%)"), percent(resharing.reshared_rate)),
            (_("Mean share depth"), resharing.mean_depth and round(resharing.mean_depth, 2)),
            (_("Largest share depth"), resharing.depth_max),
        ]
        return [_("Figure"), _("Value")], [(str(label), value) for label, value in rows]

    def channels(self):
        rows = [(channel_label(c), c, n) for c, n in self.report.shares_by_channel]
        return [_("Channel"), _("Code"), _("Shares")], rows

    def classes(self):
        rows = [(arrival_class_label(c), c, n) for c, n in self.report.arrivals_by_class]
        return [_("Arrival class"), _("Code"), _("Arrivals")], rows

    def conversion(self):
        rows = [
            (row.label, row.channel, row.shares, row.converted, percent(row.rate), row.arrivals)
            for row in self.report.conversion
        ]
        headings = [
            _("Channel"),
            _("Code"),
            _("Shares"),
            _("Converted shares"),
            _("Conversion (%)"),
            _("Tagged arrivals"),
        ]
        return headings, rows

    def top_shares(self):
        rows = [(p.title, p.page_id, p.count) for p in self.report.top_pages_by_shares()]
        return [_("Page"), _("Page ID"), _("Shares")], rows

    def top_arrivals(self):
        rows = [
            (p.title, p.page_id, p.count, p.dark_social)
            for p in self.report.top_pages_by_arrivals()
        ]
        return [_("Page"), _("Page ID"), _("Social arrivals"), _("Dark social arrivals")], rows

    def timeseries(self):
        series = self.report.timeseries
        columns = [
            *((_("Shares: %s") % channel_label(c), v) for c, v in series.shares.items()),
            *(
                (_("Tagged arrivals: %s") % channel_label(c), v)
                for c, v in series.arrivals.items()
            ),
            (arrival_class_label("dark"), series.dark),
            (arrival_class_label("social"), series.social),
        ]
        headings = [_("Day"), *(label for label, _values in columns)]
        rows = [
            (day, *(values[n] for _label, values in columns)) for n, day in enumerate(series.days)
        ]
        return headings, rows

    TABLES = (
        "summary",
        "channels",
        "classes",
        "conversion",
        "top_shares",
        "top_arrivals",
        "timeseries",
    )


class FormFilters:
    """What Wagtail's slim header expects as ``filters``: something with a ``form``."""

    def __init__(self, form):
        self.form = form


class DashboardView(WagtailAdminTemplateMixin, TemplateView):
    """The filters sit in the header's "Filter by" menu, as in Wagtail's own reports:
    a change fetches the figures alone (``results_only``) and swaps them in."""

    template_name = "wagtail_darksocial/dashboard/index.html"
    results_template_name = "wagtail_darksocial/dashboard/results.html"
    page_title = _("Dark social")
    header_icon = "view"
    results_only = False

    def dispatch(self, request, *args, **kwargs):
        if not can_view_reports(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        scope = PageScope.for_user(request.user)
        self.form = DashboardFilterForm(
            request.GET, scope=scope, default_site=report_site(request, scope)
        )
        self.report = cached_report(self.form.filters()) if self.form.is_valid() else None
        export_format = request.GET.get("export")
        if export_format in FORMATS and self.report:
            return self.export(request.GET.get("table") or "summary", export_format)
        if self.results_only:
            self.template_name = self.results_template_name
        return self.render_to_response(self.get_context_data(**kwargs))

    def query(self, **changes):
        """The request's query string with ``changes`` (``None`` removes a parameter)."""
        params = self.request.GET.copy()
        for name, value in changes.items():
            params.pop(name, None)
            if value is not None:
                params[name] = value
        return params.urlencode()

    @cached_property
    def index_url(self):
        return reverse("wagtail_darksocial_admin:dashboard")

    @cached_property
    def index_results_url(self):
        # Bare: the header's filter form adds every field's value to it.
        return reverse("wagtail_darksocial_admin:dashboard_results")

    @cached_property
    def active_filters(self):
        """Wagtail's filter pills, for the filters set in the URL (not the defaults)."""
        form, result = self.form, []
        base = reverse("wagtail_darksocial_admin:dashboard_results")
        for name, field in form.fields.items():
            value = form.cleaned_data.get(name) if form.is_valid() else None
            default = form.defaults.get(name)
            if value in (None, "") or value == default or getattr(value, "pk", None) == default:
                continue  # the default: the header's form sends it too
            if isinstance(value, datetime.date):
                shown = formats.date_format(value, "DATE_FORMAT")
            elif name == "page":
                shown = value.get_admin_display_title()
            else:
                shown = str(value)
            result.append(
                ActiveFilter(
                    form[name].auto_id, field.label, shown, f"{base}?{self.query(**{name: None})}"
                )
            )
        return result

    def export(self, table, export_format):
        if table not in Exports.TABLES:
            raise Http404
        headings, rows = getattr(Exports(self.report), table)()
        # Channel and class labels are lazy translations; spreadsheets want plain text.
        rows = [[str(v) if isinstance(v, Promise) else v for v in row] for row in rows]
        filters = self.report.filters
        filename = f"darksocial-{table}-{filters.start:%Y%m%d}-{filters.end:%Y%m%d}"
        return spreadsheet_response(filename, headings, rows, export_format)

    def export_url(self, export_format, table="summary"):
        return f"{self.index_url}?{self.query(export=export_format, table=table)}"

    @cached_property
    def header_more_buttons(self):
        return []  # the downloads are in the figures, so they follow the filters

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        context["filters"] = FormFilters(self.form)
        context["index_results_url"] = self.index_results_url
        context["media"] = self.form.media
        report = self.report
        if report is None:
            return context
        exports = {
            table: {"csv": self.export_url("csv", table), "xlsx": self.export_url("xlsx", table)}
            for table in Exports.TABLES
        }
        shares, classes = report.shares_by_channel, report.arrivals_by_class
        context.update(
            report=report,
            headline=report.headline,
            direct_arrivals=report.direct_arrivals,
            exports=exports,
            shares_by_channel=[
                {
                    "label": channel_label(c),
                    "count": n,
                    "part": n / report.shares * 100,
                    "colour": colour(c),
                }
                for c, n in shares
            ],
            arrivals_by_class=[
                {
                    "label": arrival_class_label(c),
                    "count": n,
                    "part": n / max(1, sum(x for _c, x in classes)) * 100,
                    "colour": colour(c, "class"),
                    "help": ARRIVAL_CLASS_HELP.get(c, ""),
                }
                for c, n in classes
            ],
            class_colours={"dark": colour("dark", "class"), "social": colour("social", "class")},
            median_delay=humanise_duration(report.median_delay),
            median_delay_seconds=report.median_delay,
            spikes=[spike_message(spike) for spike in report.spikes],
            charts=self.charts(report),
            number_of_days=len(report.filters.days),
        )
        return context

    def charts(self, report):
        """The charts, each with its data as pre-formatted table rows (the same series).

        Shares and tagged arrivals by channel, arrivals by class: at most five lines a
        chart, the smallest channels folded into "Other".
        """
        series = report.timeseries
        tagged = [sum(values) for values in zip(*series.arrivals.values(), strict=True)]
        charts = [
            (
                "shares",
                _("Shares per day, by channel"),
                [Series(channel_label(c), v, colour(c)) for c, v in series.shares.items()],
                _("Other channels"),
            ),
            (
                "arrivals",
                _("Social arrivals per day, by class"),
                [
                    Series(arrival_class_label(name), values, colour(name, "class"))
                    for name, values in (
                        ("dark", series.dark),
                        ("social", series.social),
                        ("tagged", tagged or [0] * len(series.days)),
                    )
                ],
                None,
            ),
            (
                "tagged",
                _("Tagged arrivals per day, by channel"),
                [Series(channel_label(c), v, colour(c)) for c, v in series.arrivals.items()],
                _("Other channels"),
            ),
        ]
        # A month of days times five series: formatting in the template is the slow part.
        number = functools.lru_cache(maxsize=None)(formats.number_format)
        days = day_labels(series.days)
        result = []
        for name, title, data, other in charts:
            data = limit_series(data, other)
            columns = [[number(v, force_grouping=True) for v in line.values] for line in data]
            result.append(
                {
                    "id": f"darksocial-chart-{name}",
                    "title": title,
                    "svg": line_chart(f"darksocial-chart-{name}", title, series.days, data),
                    "labels": [line.label for line in data],
                    "rows": list(zip(days, zip(*columns, strict=True), strict=True))
                    if data
                    else [],
                }
            )
        return result
