"""Every figure an editor sees is limited to the sites and pages they may edit (issue 9.4).

Two sites from the data set, one editor for each (page permission "edit" on their
site's home page, plus the reports permission). Whatever they ask for — another site
or page in the filters, any export table or format — no title, page id or figure of
the other site comes back.
"""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.permission_policies.pages import PagePermissionPolicy

from wagtail_darksocial.models import DailyRollup
from wagtail_darksocial.permissions import PageScope
from wagtail_darksocial.reports.dashboard import Exports
from wagtail_darksocial.shareability import editor_section as panels

from .conftest import HOSTILE_FORMULA, HOSTILE_SCRIPT, _user_in_group, grant_pages

DASHBOARD = reverse("wagtail_darksocial_admin:dashboard")
SHAREABILITY = reverse("wagtail_darksocial_admin:shareability_report")
SITE_B_TITLES = ("Other page", "Other home")
SITE_A_TITLES = ("alert(1)", "HYPERLINK", "Page française")


def reports_user(name):
    return _user_in_group(name, "access_admin", "view_darksocial_reports")


@pytest.fixture
def editor_a(dataset):
    return grant_pages(reports_user("EditorsA"), dataset.site_a.root_page, "change_page")


@pytest.fixture
def editor_b(dataset):
    return grant_pages(reports_user("EditorsB"), dataset.site_b.root_page, "change_page")


def body(response):
    if hasattr(response, "streaming_content"):
        content = b"".join(response.streaming_content)
        sheet = load_workbook(io.BytesIO(content)).active
        return "\n".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)
    return response.content.decode()


def every_dashboard_url(extra):
    """The dashboard and each of its exports, with ``extra`` query parameters."""
    urls = [f"{DASHBOARD}?{extra}"]
    for table in Exports.TABLES:
        for export_format in ("csv", "xlsx"):
            urls.append(f"{DASHBOARD}?{extra}&export={export_format}&table={table}")
    return urls


def test_scope_is_the_pages_wagtail_lets_the_user_edit(dataset, editor_a, superuser):
    owner = grant_pages(reports_user("Adders"), dataset.site_a.root_page, "add_page")
    dataset.p2.owner = owner
    dataset.p2.save()
    narrow = grant_pages(reports_user("Narrow"), dataset.p2, "change_page")
    for user in (editor_a, owner, narrow, superuser):
        expected = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
        scope = PageScope.for_user(user)
        assert set(scope.pages().values_list("pk", flat=True)) == set(
            expected.values_list("pk", flat=True)
        )
    assert list(PageScope.for_user(editor_a).sites()) == [dataset.site_a]
    assert list(PageScope.for_user(owner).sites()) == [dataset.site_a]


@pytest.mark.parametrize(
    "extra",
    [
        "",
        "site={site_b}",
        "page={q1}",
        "site={site_b}&page={q1}",
        "site={site_a}&page={q1}",
        "page={other_home}",
    ],
)
def test_editor_of_site_a_never_gets_site_b(client, dataset, editor_a, extra):
    client.force_login(editor_a)
    extra = extra.format(
        site_a=dataset.site_a.pk,
        site_b=dataset.site_b.pk,
        q1=dataset.q1.pk,
        other_home=dataset.site_b.root_page.pk,
    )
    for url in every_dashboard_url(extra):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        text = body(response)
        for title in SITE_B_TITLES:
            assert title not in text, url
        # Site B's share (one, on WhatsApp, 100% dark) is not in any table.
        if "export=csv&table=top_shares" in url and response["Content-Type"].startswith(
            "text/csv"
        ):
            assert f'"{dataset.q1.pk}"' not in text


def test_editor_of_site_b_sees_only_site_b(client, dataset, editor_b):
    client.force_login(editor_b)
    for extra in ("", f"site={dataset.site_a.pk}", f"page={dataset.p1.pk}"):
        for url in every_dashboard_url(extra):
            text = body(client.get(url))
            for title in SITE_A_TITLES:
                assert title not in text, url
    # Its own site by default, whatever site the admin runs on.
    own = body(client.get(DASHBOARD, {"export": "csv", "table": "top_shares"}))
    assert "Other page" in own
    summary = body(client.get(DASHBOARD, {"export": "csv"}))
    assert '"Shares","1"' in summary  # site A has 7


def test_out_of_scope_filters_show_no_figures(client, dataset, editor_a):
    client.force_login(editor_a)
    html = client.get(DASHBOARD, {"site": dataset.site_b.pk}).content.decode()
    assert "Correct the filters to see the figures" in html
    assert "social traffic is dark" not in html
    # The choice list only offers the editor's own site.
    assert "other.test" not in html


def test_editor_with_one_section_sees_only_that_section(client, dataset):
    narrow = grant_pages(reports_user("Narrow"), dataset.p2, "change_page")
    client.force_login(narrow)
    rows = body(client.get(DASHBOARD, {"export": "csv", "table": "top_shares"}))
    assert "HYPERLINK" in rows and "alert(1)" not in rows
    summary = body(client.get(DASHBOARD, {"export": "csv"}))
    assert '"Shares","4"' in summary  # p2's four shares, not the site's seven


def test_superuser_sees_every_site(client, dataset, superuser):
    client.force_login(superuser)
    text = body(
        client.get(DASHBOARD, {"site": dataset.site_b.pk, "export": "csv", "table": "top_shares"})
    )
    assert "Other page" in text


def test_home_panel_is_scoped(client, dataset, editor_a, editor_b):
    client.force_login(editor_b)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Other page" in html
    for title in SITE_A_TITLES:
        assert title not in html
    client.force_login(editor_a)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Other page" not in html
    assert "75% of your social traffic is dark" in html


def test_editor_panel_figures_are_scoped(dataset, editor_a, superuser):
    # p1 (site A) also counted 100 shares on site B, which editor A may not see.
    DailyRollup.objects.create(
        day=dataset.d1,
        site=dataset.site_b,
        page=dataset.p1,
        event_type="share",
        channel="telegram",
        count=100,
    )
    assert panels.visible_page_stats(dataset.p1, editor_a)["shares"] == 3
    assert panels.visible_page_stats(dataset.p1, superuser)["shares"] == 103


def test_shareability_report_offers_only_the_users_sites(client, dataset, editor_a):
    client.force_login(editor_a)
    html = client.get(SHAREABILITY).content.decode()
    assert "other.test" not in html
    assert "Other page" not in html
    assert HOSTILE_SCRIPT not in html  # escaped
    assert "Page française" in html
    assert HOSTILE_FORMULA.replace('"', "&quot;") in html
