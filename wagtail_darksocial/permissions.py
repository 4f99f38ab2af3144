"""Who may see the dark social screens, and which pages and sites they may see.

One neutral module that every screen imports: the reports permission, its check, the
Reports menu entries, and ``PageScope``, the pages a user may edit. Every figure the
plugin shows an editor (dashboard, exports, home panel, page editor panel, Shareability
report) is limited to that scope; superusers see everything.
"""

import hashlib
from dataclasses import dataclass

from django.contrib.auth.models import Permission
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.models import Site
from wagtail.permission_policies.pages import PagePermissionPolicy

PERMISSION = "wagtail_darksocial.view_darksocial_reports"


def can_view_reports(user):
    return user.is_active and user.has_perm(PERMISSION)


def report_permissions():
    """The permission, for Wagtail's group editor (``register_permissions``)."""
    app_label, codename = PERMISSION.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)


def site_tree_paths(site):
    """The tree paths of a site's pages: its root page and the root's translations."""
    return list(site.root_page.get_translations(inclusive=True).values_list("path", flat=True))


def paths_q(paths, field="path"):
    """Pages under any of ``paths`` (``Q(pk__in=[])`` matches nothing when empty)."""
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(**{f"{field}__startswith": path})
    return query


def report_site(request, scope):
    """The site the admin is used on, else the default site, else the first site in
    ``scope``: always one the user may see (``None`` if there is none)."""
    sites = scope.sites()
    current = Site.find_for_request(request)
    if current is not None and sites.filter(pk=current.pk).exists():
        return current
    return sites.first()  # the default site first


@dataclass(frozen=True)
class PageScope:
    """The pages a user may edit, in the terms of Wagtail's page permissions.

    ``subtrees`` holds ``(path, owner_id)`` pairs: "change" on a page covers it and its
    descendants (``owner_id`` ``None``); "add" covers the ones the user owns, as Wagtail
    lets their owner edit them. ``everything`` is set for superusers. The same pages as
    ``PagePermissionPolicy().instances_user_has_permission_for(user, "change")``, but
    as data: hashable for cache keys, and usable as a filter on the rollups' ``page``.
    """

    subtrees: tuple = ()
    everything: bool = False

    @classmethod
    def for_user(cls, user):
        if not user.is_active:
            return cls()
        if user.is_superuser:
            return cls(everything=True)
        subtrees = set()
        for permission in PagePermissionPolicy().get_cached_permissions_for_user(user):
            codename = permission.permission.codename
            if codename == "change_page":
                subtrees.add((permission.page.path, None))
            elif codename == "add_page":
                subtrees.add((permission.page.path, user.pk))
        return cls(subtrees=tuple(sorted(subtrees, key=lambda item: (item[0], item[1] or 0))))

    def page_q(self, prefix=""):
        """A ``Q`` for these pages; ``prefix="page__"`` filters rows that point to a page."""
        if self.everything:
            return Q()
        query = Q(**{f"{prefix}pk__in": []})
        for path, owner_id in self.subtrees:
            subtree = Q(**{f"{prefix}path__startswith": path})
            if owner_id is not None:
                subtree &= Q(**{f"{prefix}owner_id": owner_id})
            query |= subtree
        return query

    def pages(self, queryset=None):
        """The pages in scope (default: every page)."""
        if queryset is None:
            from .compat import get_page_model as page_model

            queryset = page_model().objects.all()
        return queryset.filter(self.page_q())

    def sites(self):
        """The sites with at least one page in scope, default site first."""
        sites = Site.objects.select_related("root_page").order_by(
            "-is_default_site", "hostname", "port"
        )
        if self.everything:
            return sites
        pages = self.pages()
        ids = [site.pk for site in sites if pages.filter(paths_q(site_tree_paths(site))).exists()]
        return sites.filter(pk__in=ids)

    @property
    def key(self):
        """A short, stable text for cache keys."""
        if self.everything:
            return "all"
        return hashlib.sha256(repr(self.subtrees).encode()).hexdigest()[:16]


class ReportMenuItem(MenuItem):
    """A Reports menu entry shown only to users who may see the dark social reports."""

    def __init__(self, label, url_name, name, icon_name, order):
        super().__init__(label, reverse(url_name), name=name, icon_name=icon_name, order=order)

    def is_shown(self, request):
        return can_view_reports(request.user)


def dashboard_menu_item():
    return ReportMenuItem(
        _("Dark social"),
        "wagtail_darksocial_admin:dashboard",
        "darksocial-dashboard",
        "view",
        1050,
    )


def shareability_menu_item():
    return ReportMenuItem(
        _("Shareability"),
        "wagtail_darksocial_admin:shareability_report",
        "darksocial-shareability",
        "glasses",
        1060,
    )
