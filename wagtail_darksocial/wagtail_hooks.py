"""Wagtail hook registrations only; the code they register lives in its own modules."""

from wagtail import hooks
from wagtail.signals import page_published

from .admin_urls import register_admin_urls
from .injection import serve_with_share_bar
from .permissions import dashboard_menu_item, report_permissions, shareability_menu_item
from .scoring_tasks import queue_score_on_publish
from .views.home_panel import add_home_panel

hooks.register("on_serve_page", serve_with_share_bar)

# The admin screens, inside Wagtail's admin URLs (login, 404 page, never_cache).
hooks.register("register_admin_urls", register_admin_urls)

# Reports: the menu entries, the permission in the group editor, the home panel.
hooks.register("register_reports_menu_item", dashboard_menu_item)
hooks.register("register_reports_menu_item", shareability_menu_item)
hooks.register("register_permissions", report_permissions)
hooks.register("construct_homepage_panels", add_home_panel)

# Shareability: scoring on publish (SCORE_ON_PUBLISH).
page_published.connect(queue_score_on_publish, dispatch_uid="wagtail_darksocial.score_on_publish")
