"""The example site: demo content loads idempotently and every page renders."""

import io

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision

from example_site.demo.content import load_articles
from example_site.demo.models import ArticlePage, HomePage


def snapshot():
    pages = sorted(
        (p.locale.language_code, p.url_path, p.title, p.live, str(p.translation_key))
        for p in Page.objects.filter(depth__gt=1)
    )
    return pages, get_image_model().objects.count(), Revision.objects.count()


def test_demo_content_is_bilingual_and_realistic(demo_site):
    articles = load_articles()
    keys = {a.key for a in articles}
    assert len(keys - {"weak-page"}) >= 6
    for article in articles:
        words = sum(len(str(b["value"]).split()) for b in article.blocks if b["type"] != "heading")
        if article.key != "weak-page":
            assert 600 <= words <= 1500, (article.language, article.key, words)
            assert any(b["type"] == "heading" for b in article.blocks), article.key
            assert any(b["type"] == "quote" for b in article.blocks), article.key
    en = ArticlePage.objects.filter(locale__language_code="en")
    fr = ArticlePage.objects.filter(locale__language_code="fr")
    assert en.count() == fr.count() >= 7
    for page in en:
        translation = page.get_translation(fr.first().locale)
        assert translation.live and translation.title != page.title


def test_weak_page_is_weak(demo_site):
    weak = ArticlePage.objects.get(slug="update")
    assert weak.search_description == "" and weak.feed_image is None
    assert [b.block_type for b in weak.body] == ["paragraph"]


def test_demo_images_include_good_and_too_small_cards(demo_site):
    sizes = {(i.width, i.height) for i in get_image_model().objects.all()}
    assert {(1200, 630), (600, 315), (120, 63)} <= sizes


def test_loader_is_idempotent(demo_site):
    before = snapshot()
    publishes = PageLogEntry.objects.filter(action="wagtail.publish").count()
    out = io.StringIO()
    call_command("load_demo", hostname="testserver", port=80, stdout=out)
    assert snapshot() == before
    assert "0 pages created, 0 updated" in out.getvalue()
    assert "password 'darksocial-demo'" in out.getvalue()
    assert PageLogEntry.objects.filter(action="wagtail.publish").count() == publishes


def test_loader_repairs_edited_content(demo_site):
    page = ArticlePage.objects.filter(locale__language_code="en").exclude(slug="update").first()
    original = page.title
    page.title = "Vandalised"
    page.save_revision().publish()
    call_command("load_demo", hostname="testserver", port=80, stdout=io.StringIO())
    page.refresh_from_db()
    assert page.title == original


def test_admin_user_can_log_in(demo_site, client):
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser
    assert client.login(username="admin", password="darksocial-demo")
    assert client.get("/admin/").status_code == 200


def test_admin_user_can_switch_admin_language(demo_site, client):
    """The account form requires a name; the demo admin has one, so saving works."""
    client.login(username="admin", password="darksocial-demo")
    html = BeautifulSoup(client.get("/admin/account/").content, "html.parser")
    form = html.find("select", attrs={"name": "locale-preferred_language"}).find_parent("form")
    data = {
        tag["name"]: tag.get("value", "")
        for tag in form.find_all("input", attrs={"name": True})
        if tag.get("type") not in ("checkbox", "file")
    }
    for select in form.find_all("select", attrs={"name": True}):
        chosen = select.find("option", selected=True) or select.find("option")
        data[select["name"]] = chosen.get("value", "") if chosen else ""
    data["locale-preferred_language"] = "fr"
    response = client.post("/admin/account/", data)
    assert response.status_code == 302
    user = get_user_model().objects.get(username="admin")
    assert user.wagtail_userprofile.preferred_language == "fr"


def test_every_demo_page_renders(demo_site, client):
    pages = Page.objects.live().filter(depth__gt=1).specific()
    assert pages.count() >= 16
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        body = response.content.decode()
        assert f"<h1>{escape(page.title)}</h1>" in body
        assert f'lang="{page.locale.language_code}"' in body


def test_french_pages_live_under_fr(demo_site, client):
    home = HomePage.objects.get(locale__language_code="fr")
    assert home.url == "/fr/"
    response = client.get("/fr/")
    assert response.status_code == 200
    assert "Démo Dark Social" in response.content.decode()


def test_demo_field_and_block_labels_are_translated():
    """Fix links name fields ("Content tab › Body"): their labels must read in French."""
    from django.utils import translation

    body = ArticlePage._meta.get_field("body")
    with translation.override("fr"):
        assert str(body.verbose_name) == "corps du texte"
        assert str(ArticlePage._meta.get_field("feed_image").verbose_name) == "image de l’article"
        labels = {name: str(block.label) for name, block in body.stream_block.child_blocks.items()}
    assert labels == {"heading": "Intertitre", "paragraph": "Paragraphe", "quote": "Citation"}
