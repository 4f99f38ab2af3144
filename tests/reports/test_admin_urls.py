"""The admin screens live inside Wagtail's admin URLs (issue 10).

Registered with ``register_admin_urls``, they get what Wagtail gives its own views:
the login redirect, ``never_cache`` and the admin's 404 page. Nothing of them is served
under the public ``darksocial/`` include but its two compatibility redirects.
"""

import pytest
from django.core.checks.urls import check_url_namespaces_unique
from django.urls import reverse

PUBLIC = "/darksocial/"


@pytest.fixture
def admin_urls(dataset):
    return [
        reverse("wagtail_darksocial_admin:dashboard"),
        reverse("wagtail_darksocial_admin:dashboard") + "?export=csv&table=top_shares",
        reverse("wagtail_darksocial_admin:dashboard") + "?export=xlsx",
        reverse("wagtail_darksocial_admin:shareability_report"),
        reverse("wagtail_darksocial_admin:shareability_report") + "?export=csv",
        reverse("wagtail_darksocial_admin:shareability_report_results"),
        reverse("wagtail_darksocial_admin:shareability_panel", args=[dataset.p1.pk]),
    ]


def test_screens_are_under_the_admin_prefix(dataset):
    admin = reverse("wagtailadmin_home")
    assert reverse("wagtail_darksocial_admin:dashboard") == f"{admin}darksocial/reports/dashboard/"
    assert reverse("wagtail_darksocial_admin:shareability_report") == (
        f"{admin}darksocial/reports/shareability/"
    )


def test_every_name_sites_use_still_reverses():
    assert reverse("wagtail_darksocial:events") == "/darksocial/events/"
    assert reverse("wagtail_darksocial:schema") == "/darksocial/schema/"
    # The former names reverse to redirects into the admin.
    assert reverse("wagtail_darksocial:dashboard") == "/darksocial/admin/reports/dashboard/"
    assert reverse("wagtail_darksocial:shareability_report") == (
        "/darksocial/admin/reports/shareability/"
    )
    assert check_url_namespaces_unique(None) == []


def test_same_cache_headers_as_wagtails_own_admin_views(client, superuser, admin_urls):
    client.force_login(superuser)
    wagtail = client.get(reverse("wagtailadmin_reports:locked_pages"))
    assert wagtail.status_code == 200
    assert "no-store" in wagtail["Cache-Control"]
    for url in admin_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == wagtail["Cache-Control"], url
        assert response.has_header("Expires"), url


def test_anonymous_requests_go_to_the_admin_login(client, admin_urls):
    login = reverse("wagtailadmin_login")
    for url in admin_urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"{login}?next="), url


def test_editor_without_the_permission_is_refused_like_wagtails_reports(
    client, editor, admin_urls
):
    client.force_login(editor)
    # Wagtail's own "Aging pages" report refuses this user with its permission_denied.
    wagtail = client.get(reverse("wagtailadmin_reports:aging_pages"))
    assert wagtail.status_code == 302
    for url in admin_urls:  # the editor panel's endpoint too (PermissionDenied)
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, wagtail["Location"]), url


def test_nothing_is_served_under_the_public_prefix(client, superuser, dataset):
    client.force_login(superuser)
    for path in (
        "admin/reports/shareability/results/",
        f"admin/shareability/{dataset.p1.pk}/",
        "reports/dashboard/",
        "reports/shareability/",
        f"shareability/{dataset.p1.pk}/",
    ):
        assert client.get(PUBLIC + path).status_code == 404, path


def test_former_urls_only_redirect_into_the_admin(client, dataset):
    dashboard = reverse("wagtail_darksocial_admin:dashboard")
    old = reverse("wagtail_darksocial:dashboard")
    response = client.get(old, {"export": "csv", "table": "top_shares"})
    assert response.status_code == 302
    assert response["Location"] == f"{dashboard}?export=csv&table=top_shares"
    assert response.content == b""
    assert "no-store" in response["Cache-Control"]
    # Anonymous: the admin then asks for a login; nothing is shown on the way.
    assert client.get(response["Location"])["Location"].startswith(reverse("wagtailadmin_login"))
    report = client.get(reverse("wagtail_darksocial:shareability_report"))
    assert report["Location"] == reverse("wagtail_darksocial_admin:shareability_report")
