"""Wagtail hook registrations only; the code they register lives in its own modules."""

from wagtail import hooks  # noqa: F401

from .reports.dashboard import DashboardMenuItem, report_permissions
from .reports.home_panel import add_home_panel
from .shareability.views import ShareabilityMenuItem
from .sharing.injection import serve_with_share_bar

hooks.register("on_serve_page", serve_with_share_bar)

# Reports: the dashboard's menu entry, its permission in the group editor, the home panel.
hooks.register("register_reports_menu_item", DashboardMenuItem)
hooks.register("register_permissions", report_permissions)
hooks.register("construct_homepage_panels", add_home_panel)

# Shareability: the report's menu entry (scoring on publish: ``signal_handlers``).
hooks.register("register_reports_menu_item", ShareabilityMenuItem)
