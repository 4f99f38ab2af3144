"""Wagtail hook registrations only; the code they register lives in its own modules."""

from wagtail import hooks  # noqa: F401
from wagtail.signals import page_published

from .injection import serve_with_share_bar
from .scoring_tasks import queue_score_on_publish
from .views.dashboard import DashboardMenuItem, report_permissions
from .views.home_panel import add_home_panel
from .views.shareability import ShareabilityMenuItem

hooks.register("on_serve_page", serve_with_share_bar)

# Reports: the dashboard's menu entry, its permission in the group editor, the home panel.
hooks.register("register_reports_menu_item", DashboardMenuItem)
hooks.register("register_permissions", report_permissions)
hooks.register("construct_homepage_panels", add_home_panel)

# Shareability: the report's menu entry, and scoring on publish (SCORE_ON_PUBLISH).
hooks.register("register_reports_menu_item", ShareabilityMenuItem)
page_published.connect(queue_score_on_publish, dispatch_uid="wagtail_darksocial.score_on_publish")
