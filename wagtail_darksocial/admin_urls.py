"""Admin screens, wrapped in Wagtail's admin access check (login, language, permissions)."""

from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from .reports.dashboard import DashboardView
from .shareability.views import ShareabilityReportView, shareability_panel

urlpatterns = decorate_urlpatterns(
    [
        path("reports/dashboard/", DashboardView.as_view(), name="dashboard"),
        path(
            "reports/shareability/", ShareabilityReportView.as_view(), name="shareability_report"
        ),
        path(
            "reports/shareability/results/",
            ShareabilityReportView.as_view(results_only=True),
            name="shareability_report_results",
        ),
        path("shareability/<int:page_id>/", shareability_panel, name="shareability_panel"),
    ],
    require_admin_access,
)
