"""Shareability's admin screens; registered in Wagtail's admin by ``admin_urls``."""

from django.urls import path

from .views import ShareabilityReportView, shareability_panel

urlpatterns = [
    path("reports/shareability/", ShareabilityReportView.as_view(), name="shareability_report"),
    path(
        "reports/shareability/results/",
        ShareabilityReportView.as_view(results_only=True),
        name="shareability_report_results",
    ),
    path("shareability/<int:page_id>/", shareability_panel, name="shareability_panel"),
]
