"""The Shareability report: filters, sorting, exports and permissions."""

import csv
import io
import re

import openpyxl
import pytest
from django.urls import reverse
from wagtail.models import Page, Site

from example_site.demo.models import ArticlePage, HomePage
from wagtail_darksocial.shareability.service import score_page

URL = reverse("wagtail_darksocial_admin:shareability_report")
FORMULA = '=HYPERLINK("http://x")'
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def pages(demo_site, weak_page, good_page):
    """Scored demo pages, two hostile titles, an unscored page and a second site."""
    home = HomePage.objects.get(locale__language_code="en")
    formula = home.add_child(instance=ArticlePage(title=FORMULA, slug="formula"))
    script = home.add_child(instance=ArticlePage(title=SCRIPT, slug="script"))
    other_root = Page.get_first_root_node().add_child(instance=Page(title="Other", slug="other"))
    other = other_root.add_child(instance=Page(title="Elsewhere", slug="elsewhere"))
    Site.objects.create(hostname="other.example", port=80, root_page=other_root)
    french = weak_page.get_translation(HomePage.objects.get(locale__language_code="fr").locale)
    for page in (weak_page, good_page, formula, script, french):
        page.save_revision()
        score_page(page)
    return {
        "weak": weak_page,
        "good": good_page,
        "formula": formula,
        "script": script,
        "french": french,
        "other": other,
        "other_root": other_root,
        "site": demo_site,
        "other_site": Site.objects.get(hostname="other.example"),
    }


def listed(response):
    assert response.status_code == 200
    return [page.pk for page in response.context["object_list"]]


@pytest.fixture
def boss(client, superuser):
    client.force_login(superuser)
    return client


def test_every_page_with_its_score_worst_first_unscored_last(boss, pages):
    response = boss.get(URL)
    ids = listed(response)
    assert len(ids) == Page.objects.filter(depth__gt=1).count()
    scores = [p.ds_score for p in response.context["object_list"]]
    scored = [s for s in scores if s is not None]
    assert scored == sorted(scored) and scores[: len(scored)] == scored
    assert ids[0] in (pages["weak"].pk, pages["french"].pk)
    html = response.content.decode()
    assert "not scored" in html
    assert reverse("wagtailadmin_pages:edit", args=[pages["good"].pk]) in html
    assert "No good image for link previews" in html  # the weak page's most urgent check
    assert re.search(r"<td[^>]*>\s*Article\s*</td>", html)  # what the page was scored as


def test_sorting(boss, pages):
    response = boss.get(URL, {"ordering": "-ds_score"})
    scores = [p.ds_score for p in response.context["object_list"]]
    scored = [s for s in scores if s is not None]
    assert scored == sorted(scored, reverse=True) and scores[: len(scored)] == scored
    titles = [p.title for p in boss.get(URL, {"ordering": "title"}).context["object_list"]]
    assert titles == sorted(titles)
    when = boss.get(URL, {"ordering": "-ds_scored_at"}).context["object_list"]
    assert when[0].ds_scored_at >= when[1].ds_scored_at


def test_filter_by_band(boss, pages):
    poor = listed(boss.get(URL, {"band": "poor"}))
    assert pages["weak"].pk in poor and pages["good"].pk not in poor
    good = listed(boss.get(URL, {"band": "good"}))
    assert pages["good"].pk in good and pages["weak"].pk not in good
    unscored = listed(boss.get(URL, {"band": "unscored"}))
    assert pages["other"].pk in unscored and pages["good"].pk not in unscored
    assert listed(boss.get(URL, {"band": "nonsense"}))  # invalid: filter ignored, not a 500


def test_filter_by_locale_and_site(boss, pages):
    french = listed(boss.get(URL, {"locale": "fr"}))
    assert pages["french"].pk in french and pages["weak"].pk not in french
    main = listed(boss.get(URL, {"site": pages["site"].pk}))
    assert {pages["weak"].pk, pages["french"].pk} <= set(main)  # the root's translations too
    assert pages["other"].pk not in main
    other = listed(boss.get(URL, {"site": pages["other_site"].pk}))
    assert set(other) == {pages["other_root"].pk, pages["other"].pk}


def test_titles_are_escaped(boss, pages):
    html = boss.get(URL, {"ordering": "title"}).content.decode()
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_results_only_url_for_filtering_in_place(boss, pages):
    url = reverse("wagtail_darksocial_admin:shareability_report_results")
    response = boss.get(url, {"band": "poor"})
    assert response.status_code == 200
    assert b"<html" not in response.content


def test_csv_export_neutralises_formulas(boss, pages):
    response = boss.get(URL, {"export": "csv", "ordering": "title"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == [
        "Page",
        "Score",
        "Band",
        "Most urgent check",
        "Scored as",
        "Scored",
        "Locale",
        "URL",
    ]
    by_title = {row[0]: row for row in rows[1:]}
    assert "'" + FORMULA in by_title and FORMULA not in by_title
    assert SCRIPT in by_title  # plain text in a spreadsheet
    weak = by_title["Update"]
    assert (
        weak[2] == "Poor"
        and weak[3] == "No good image for link previews"
        and weak[4] == "Article"
        and weak[7].endswith("/update/")
    )
    assert by_title["Elsewhere"][1:3] == ["", "Not scored"]
    # "Scored": ISO 8601 to the second, no microseconds; empty when never scored.
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", weak[5]), weak[5]
    assert by_title["Elsewhere"][5] == ""


def test_xlsx_export_neutralises_formulas(boss, pages):
    response = boss.get(URL, {"export": "xlsx", "band": "poor"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:3] == ["Page", "Score", "Band"]
    titles = [row[0] for row in values[1:]]
    assert "Update" in titles
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    everything = boss.get(URL, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(everything.streaming_content))).active
    cells = {row[0].value: row[0] for row in sheet.iter_rows(min_row=2)}
    # Shown as written, no apostrophe: a string cell with Excel's quote prefix style.
    assert FORMULA in cells and "'" + FORMULA not in cells
    assert (cells[FORMULA].data_type, cells[FORMULA].quotePrefix) == ("s", True)
    scores = {row[0].value: row[1].value for row in sheet.iter_rows(min_row=2)}
    assert isinstance(scores["Update"], int)


def test_anonymous_users_are_sent_to_the_login(client, pages):
    response = client.get(URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_editors_without_the_permission_are_turned_away(client, editor, pages):
    client.force_login(editor)
    response = client.get(URL)
    assert response.status_code in (302, 403)
    assert b"ds_score" not in response.content and b"Update" not in response.content
    response = client.get(URL, {"export": "csv"})
    assert response.status_code in (302, 403)


def test_permitted_users_see_only_pages_they_can_edit(client, analyst, pages):
    client.force_login(analyst)
    ids = listed(client.get(URL))
    assert pages["french"].pk in ids
    assert pages["weak"].pk not in ids and pages["other"].pk not in ids


def test_menu_item_only_for_permitted_users(client, editor, analyst, pages):
    client.force_login(analyst)
    assert URL.encode() in client.get(reverse("wagtailadmin_home")).content
    client.force_login(editor)
    assert URL.encode() not in client.get(reverse("wagtailadmin_home")).content
