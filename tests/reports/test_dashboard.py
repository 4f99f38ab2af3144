"""The dashboard view: permissions, rendering, filters, exports and escaping."""

import csv
import datetime
import io
import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from wagtail_darksocial import cache
from wagtail_darksocial.reports.charts import day_labels

from .conftest import HOSTILE_FORMULA, HOSTILE_SCRIPT

URL = reverse("wagtail_darksocial_admin:dashboard")


@pytest.fixture
def boss(client, superuser):
    client.force_login(superuser)
    return client


def test_url_is_in_the_plugins_admin_namespace():
    assert URL == "/admin/darksocial/reports/dashboard/"


def test_anonymous_users_are_sent_to_the_login(client, dataset):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_editor_without_the_permission_gets_no_data(client, editor, dataset):
    client.force_login(editor)
    for url in (URL, URL + "?export=csv&table=top_shares"):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "alert(1)" not in response.content.decode()
        assert "HYPERLINK" not in response.content.decode()
    # Wagtail's permission_denied: back to the admin home, with a message.
    assert response["Location"] == reverse("wagtailadmin_home")


def test_group_with_the_permission_sees_the_dashboard(client, analyst, dataset):
    client.force_login(analyst)
    response = client.get(URL)
    assert response.status_code == 200
    assert "75% of your social traffic is dark" in response.content.decode()


def test_dashboard_shows_the_figures(boss, dataset):
    response = boss.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("75% of your social traffic is dark") < html.index("Shares by channel")
    assert "3 visible social arrivals" in html
    assert "20\xa0minutes" in html  # median time from share to visit
    assert "57.1%" in html  # 4 of 7 shares brought a visit
    assert "28.6%" in html  # 2 of 7 were shared on
    assert "1.43" in html  # mean depth 10 / 7
    edit_p2 = reverse("wagtailadmin_pages:edit", args=[dataset.p2.pk])
    assert f'href="{edit_p2}"' in html
    assert 'role="img"' in html
    assert html.count("<svg") >= 2


def test_hostile_titles_are_escaped(boss, dataset):
    html = boss.get(URL).content.decode()
    assert HOSTILE_SCRIPT not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "=HYPERLINK(&quot;x&quot;)" in html


def test_default_filters_are_the_last_30_days_of_the_requests_site(boss, dataset):
    form = boss.get(URL).context["form"]
    filters = form.filters()
    assert filters.site == dataset.site_a
    assert (filters.end - filters.start).days == 29


def test_filters_narrow_the_figures(boss, dataset):
    response = boss.get(URL, {"site": dataset.site_b.pk})
    assert response.context["report"].shares == 1
    html = response.content.decode()
    assert "100% of your social traffic is dark" in html
    assert HOSTILE_SCRIPT not in html and "&lt;script&gt;" not in html
    day = dataset.d2.isoformat()
    response = boss.get(URL, {"start": day, "end": day, "page": dataset.p2.pk})
    assert response.context["report"].shares == 3
    response = boss.get(URL, {"locale": "fr"})
    assert response.context["report"].headline.share == 1


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start": "not-a-date"}, "start"),
        ({"end": "2025-02-30"}, "end"),
        ({"start": "2025-03-02", "end": "2025-03-01"}, "end"),
        ({"start": "2020-01-01", "end": "2025-01-01"}, "start"),
        ({"site": "999999"}, "site"),
        ({"site": "x"}, "site"),
        ({"page": "abc"}, "page"),
        ({"page": "999999"}, "page"),
        ({"page": "9" * 30}, "page"),
        ({"site": "9" * 30}, "site"),
        ({"page": "-1"}, "page"),
        ({"locale": "xx"}, "locale"),
        (
            {"start": "2025-01-01", "export": "csv", "table": "channels", "end": "2024-01-01"},
            "end",
        ),
    ],
)
def test_bad_filters_are_form_errors(boss, dataset, params, field):
    response = boss.get(URL, params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert field in response.context["form"].errors
    assert "error-message" in response.content.decode()
    assert "report" not in response.context


def test_a_page_of_another_site_is_an_error(boss, dataset):
    response = boss.get(URL, {"page": dataset.q1.pk})
    assert response.context["form"].errors["page"] == ["This page is not part of the chosen site."]


def test_the_dashboard_and_its_exports_never_read_raw_events(boss, dataset):
    urls = [URL] + [
        f"{URL}?export={fmt}&table={table}"
        for fmt in ("csv", "xlsx")
        for table in (
            "summary",
            "channels",
            "classes",
            "conversion",
            "top_shares",
            "top_arrivals",
            "timeseries",
        )
    ]
    with CaptureQueriesContext(connection) as context:
        for url in urls:
            assert boss.get(url).status_code == 200
    assert context.captured_queries
    assert not [q for q in context.captured_queries if "wagtail_darksocial_event" in q["sql"]]


def read_csv(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_csv_exports(boss, dataset):
    rows = read_csv(boss.get(URL, {"export": "csv", "table": "channels"}))
    assert rows[0] == ["Channel", "Code", "Shares"]
    assert rows[1] == ["WhatsApp", "whatsapp", "3"]
    summary = dict(read_csv(boss.get(URL, {"export": "csv"}))[1:])
    assert summary["Dark social share of social arrivals (%)"] == "75.0"
    assert summary["Median time from share to arrival (seconds)"] == "1200.0"
    assert summary["Shares"] == "7"
    conversion = read_csv(boss.get(URL, {"export": "csv", "table": "conversion"}))
    assert conversion[1] == ["WhatsApp", "whatsapp", "3", "2", "66.7", "3"]
    series = read_csv(boss.get(URL, {"export": "csv", "table": "timeseries"}))
    assert series[0][:2] == ["Day", "Shares: WhatsApp"]
    assert len(series) == 31


def test_csv_export_neutralises_formulas_and_keeps_titles_verbatim(boss, dataset):
    response = boss.get(URL, {"export": "csv", "table": "top_shares"})
    assert "darksocial-top_shares-" in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[1] == ["'" + HOSTILE_FORMULA, str(dataset.p2.pk), "4"]
    assert rows[2] == [HOSTILE_SCRIPT, str(dataset.p1.pk), "3"]


def test_xlsx_export(boss, dataset):
    response = boss.get(URL, {"export": "xlsx", "table": "top_arrivals"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0] == ("Page", "Page ID", "Social arrivals", "Dark social arrivals")
    assert rows[1] == (HOSTILE_SCRIPT, dataset.p1.pk, 8, 6)
    # The title as it is (no apostrophe), in a string cell: text, never a formula.
    assert rows[2] == (HOSTILE_FORMULA, dataset.p2.pk, 3, 2)
    title = workbook.active.cell(row=3, column=1)
    assert (title.data_type, title.quotePrefix) == ("s", True)


def test_unknown_export_table_is_not_found(boss, dataset):
    assert boss.get(URL, {"export": "csv", "table": "secrets"}).status_code == 404


def test_an_empty_database_renders(boss):
    response = boss.get(URL)
    assert response.status_code == 200
    assert "No social arrivals in this period yet." in response.content.decode()


def test_dates_and_numbers_follow_the_users_language(boss, superuser, dataset):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = "fr"
    profile.save()
    html = boss.get(URL, {"end": dataset.d2.isoformat()}).content.decode()
    assert "57,1" in html
    assert "1,43" in html
    # The data table's rows, the chart's axis and its description: one format.
    with translation.override("fr"):
        days = [dataset.d2 - datetime.timedelta(days=n) for n in range(29, -1, -1)]
        day = day_labels(days)[-1]  # "29 novembre" (or "29 novembre 2026" across a new year)
    assert f'<th scope="row">{day}</th>' in html
    assert f">{day}</text>" in html
    assert dataset.d2.strftime("%d/%m/%Y") not in html


def test_exports_have_headings_in_the_users_language_and_iso_days(boss, superuser, dataset):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = "fr"
    profile.save()
    series = read_csv(boss.get(URL, {"export": "csv", "table": "timeseries"}))
    assert series[0][:2] == ["Jour", "Partages\xa0: WhatsApp"]
    assert series[-1][0] == datetime.date.today().isoformat()
    workbook = load_workbook(
        io.BytesIO(
            b"".join(boss.get(URL, {"export": "xlsx", "table": "timeseries"}).streaming_content)
        )
    )
    day = workbook.active.cell(row=31, column=1).value
    assert day.date() == datetime.date.today()  # a date cell, not text


def test_results_only_url_swaps_in_the_figures_with_filter_pills(boss, dataset):
    results = reverse("wagtail_darksocial_admin:dashboard_results")
    response = boss.get(results, {"site": dataset.site_b.pk})
    html = response.content.decode()
    assert "<html" not in html and 'id="darksocial-headline"' in html
    assert "100% of your social traffic is dark" in html
    # Wagtail's pill for the site filter, whose removal goes back to the default site.
    assert 'data-w-active-filter-id="id_site"' in html
    pill = response.context["view"].active_filters[0]
    assert (pill.field_label, pill.value) == ("Site", str(dataset.site_b))
    assert "site=" not in pill.removed_filter_url
    # Downloads point at the dashboard itself, with the same filters.
    assert f'href="{URL}?site={dataset.site_b.pk}&amp;export=csv&amp;table=summary"' in html


def test_full_page_puts_the_filters_in_wagtails_filter_menu(boss, dataset):
    html = boss.get(URL).content.decode()
    assert 'id="filters-drilldown"' in html
    assert 'data-w-swap-src-value="/admin/darksocial/reports/dashboard/results/"' in html
    for name in ("site", "start", "end", "locale", "page"):
        assert f'id="drilldown-id_{name}"' in html
    assert 'data-w-active-filter-id="' not in html  # defaults are not pills


def test_default_values_sent_by_the_filter_menu_are_not_pills(boss, dataset):
    today = datetime.date.today()
    start = today - datetime.timedelta(days=29)
    params = {"site": dataset.site_a.pk, "start": start.isoformat(), "end": today.isoformat()}
    response = boss.get(reverse("wagtail_darksocial_admin:dashboard_results"), params)
    assert response.context["view"].active_filters == []
    params["start"] = dataset.d1.isoformat()
    pills = (
        boss.get(reverse("wagtail_darksocial_admin:dashboard_results"), params)
        .context["view"]
        .active_filters
    )
    assert [pill.auto_id for pill in pills] == ["id_start"]


def test_the_dashboard_renders_its_figures_with_the_cache_down(
    boss, dataset, settings, caplog, monkeypatch
):
    monkeypatch.setattr(cache, "_last_warning", [0.0])  # warned a minute ago or more
    settings.CACHES = {
        **settings.CACHES,
        "down": {  # nothing listens on port 1
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }
    settings.WAGTAIL_DARKSOCIAL = {"CACHE_ALIAS": "down"}
    with caplog.at_level(logging.WARNING):
        response = boss.get(URL)
    assert response.status_code == 200
    assert "75% of your social traffic is dark" in response.content.decode()
    assert "cache unavailable" in caplog.text
