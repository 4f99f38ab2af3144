"""The reports' admin screens; registered in Wagtail's admin by ``admin_urls``."""

from django.urls import path

from .dashboard import DashboardView

urlpatterns = [
    path("reports/dashboard/", DashboardView.as_view(), name="dashboard"),
    path(
        "reports/dashboard/results/",
        DashboardView.as_view(results_only=True),
        name="dashboard_results",
    ),
]
