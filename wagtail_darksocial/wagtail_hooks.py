"""Wagtail hook registrations only; the code they register lives in its own modules."""

from wagtail import hooks

from .admin_urls import register_admin_urls
from .permissions import dashboard_menu_item, report_permissions, shareability_menu_item
from .reports.home_panel import add_home_panel
from .sharing.injection import serve_with_share_bar

hooks.register("on_serve_page", serve_with_share_bar)

# The admin screens, inside Wagtail's admin URLs (login, 404 page, never_cache).
hooks.register("register_admin_urls", register_admin_urls)

# Reports: the menu entries, the permission in the group editor, the home panel.
hooks.register("register_reports_menu_item", dashboard_menu_item)
hooks.register("register_reports_menu_item", shareability_menu_item)
hooks.register("register_permissions", report_permissions)
hooks.register("construct_homepage_panels", add_home_panel)

# Scoring on publish (SCORE_ON_PUBLISH) is a signal receiver: ``signal_handlers``.
