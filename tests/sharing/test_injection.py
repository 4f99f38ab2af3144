"""The on_serve_page injector: anchors, what it skips, markers and query budget."""

import html
import json
import re

import pytest
from django.db import connection
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from wagtail_darksocial.models import ShareSettings
from wagtail_darksocial.sharing.injection import bar_anchor, serve_with_share_bar

BAR = 'data-darksocial="bar"'
SCRIPT = "wagtail_darksocial/darksocial.js"


def config(body):
    found = re.search(r"data-darksocial-config='([^']*)'", body)
    return json.loads(html.unescape(found.group(1)))


def get(client, page, **extra):
    response = client.get(page.url, **extra)
    assert response.status_code == 200
    return response.content.decode()


def test_article_gets_bar_at_the_end_of_the_article_head_tags_and_script(client, article):
    body = get(client, article)
    canonical = f"http://testserver{article.url}"
    head = body[: body.index("</head>")]
    assert f'<link rel="canonical" href="{canonical}">' in head
    assert f'<meta property="og:url" content="{canonical}">' in head
    assert 'data-darksocial="css"' in head
    assert body.count(BAR) == 1
    assert re.search(r'data-darksocial="bar".*?</div>\s*</article>', body, re.DOTALL)
    assert body.index(SCRIPT) > body.index("</footer>")
    assert body.rstrip().endswith("</script>\n</body>\n</html>")


def test_bar_links_carry_utm_tags_but_no_token(client, article):
    body = get(client, article)
    bar = body[body.index(BAR) : body.index("</ul>", body.index(BAR))]
    hrefs = [html.unescape(h) for h in re.findall(r'href="([^"]+)"', bar)]
    assert len(hrefs) == 9  # every channel but messenger (no app id), native and copy
    for href in hrefs:
        assert "utm_source%3D" in href and "utm_campaign%3Ddarksocial" in href
        assert "ds%3D" not in href
    assert re.search(r'<button type="button" data-ds="copy"[^>]* hidden>', bar)
    assert re.search(r'<button type="button" data-ds="native"[^>]* hidden>', bar)


def test_script_config(client, article):
    data = config(get(client, article))
    assert data["page"] == article.pk
    assert data["url"] == f"http://testserver{article.url}"
    assert data["title"] == article.title
    assert data["desc"] == article.search_description
    assert data["endpoint"] == "/darksocial/events/"
    assert data["param"] == "ds" and data["campaign"] == "darksocial"
    assert data["copy"] == "off" and data["copyMin"] == 12 and data["quoteMin"] == 4
    assert data["targets"]["x"] == ["https://x.com/intent/post?text={text}&url={url}", 256]
    assert "messenger" not in data["targets"]
    assert data["strings"]["copied"] == "Link copied."


def test_script_config_is_escaped_for_its_attribute(client, article):
    article.title = "It's <b>bold</b> & “quoted”"
    article.save_revision().publish()
    body = get(client, article)
    assert config(body)["title"] == article.title
    tag = re.search(r"<script [^>]*darksocial-config[^>]*>", body).group(0)
    assert "<b>" not in tag and "It&#39;s" in tag


def test_home_page_gets_the_bar_before_main_closes(client, demo_site):
    body = get(client, demo_site.root_page)
    assert re.search(r'data-darksocial="bar".*?</div>\s*</main>', body, re.DOTALL)


def test_page_without_article_or_main_gets_the_bar_before_body_closes(client, bare_page):
    body = get(client, bare_page)
    assert body.index(BAR) > body.index("</p>")
    assert body.index(BAR) < body.index(SCRIPT) < body.index("</body>")
    assert body.count("<head>") == 1 and 'rel="canonical"' in body


@pytest.mark.parametrize(
    ("markup", "anchor"),
    [
        (b"<main><article>a</article></main><body></body>", b"</article>"),
        (b"<main><article>a</article><article>b</article></main></body>", b"</main>"),
        (b"<div><article>a</article><article>b</article></div></body>", b"</body>"),
    ],
)
def test_bar_anchor(markup, anchor):
    body = markup.rfind(b"</body>")
    assert bar_anchor(markup, body) == markup.rfind(anchor)


def test_floating_bar_goes_before_body_closes(client, article, demo_site):
    ShareSettings.objects.create(site=demo_site, bar_position="floating")
    body = get(client, article)
    assert "darksocial-bar--floating" in body
    assert body.index(BAR) > body.index("</article>")


def test_site_channels_choose_and_order_the_buttons(client, article, demo_site):
    ShareSettings.objects.create(
        site=demo_site, channels="email, copy,whatsapp", utm_campaign="june"
    )
    body = get(client, article)
    bar = body[body.index(BAR) : body.index("</ul>", body.index(BAR))]
    assert re.findall(r'data-ds="(\w+)"', bar) == ["email", "copy", "whatsapp"]
    assert "utm_campaign%3Djune" in bar
    assert config(body)["campaign"] == "june"


@override_settings(WAGTAIL_DARKSOCIAL={"FACEBOOK_APP_ID": "12345"})
def test_messenger_shows_with_an_app_id(client, article):
    body = get(client, article)
    assert 'data-ds="messenger"' in body
    assert "app_id=12345" in config(body)["targets"]["messenger"][0]


@pytest.mark.parametrize("excluded", ["demo.ArticlePage", "DEMO.articlepage"])
def test_excluded_page_types_are_left_alone(client, article, excluded):
    with override_settings(WAGTAIL_DARKSOCIAL={"EXCLUDE_PAGE_TYPES": [excluded]}):
        assert "data-darksocial" not in get(client, article)


@override_settings(WAGTAIL_DARKSOCIAL={"INJECT": False})
def test_inject_false_turns_injection_off(client, article):
    assert "data-darksocial" not in get(client, article)


@override_settings(WAGTAIL_DARKSOCIAL={"TRACKING": False})
def test_tracking_false_leaves_the_endpoint_out(client, article):
    assert config(get(client, article))["endpoint"] == ""


@override_settings(WAGTAIL_DARKSOCIAL={"QUOTE_SHARING": False})
def test_quote_sharing_off_renders_no_popover(client, article):
    body = get(client, article)
    assert 'data-darksocial="quote"' not in body and SCRIPT in body


def test_french_page_canonical_has_the_locale_prefix(client, demo_site):
    from example_site.demo.models import ArticlePage

    page = ArticlePage.objects.filter(locale__language_code="fr").first()
    body = get(client, page, QUERY_STRING="utm_source=x&ds=AbCdEf1234")
    assert page.url.startswith("/fr/")
    assert f'<link rel="canonical" href="http://testserver{page.url}">' in body
    assert config(body)["url"] == f"http://testserver{page.url}"


def serve(page, response, **attrs):
    """Run the hook around a fake ``page.serve`` that returns ``response``."""
    request = RequestFactory().get(page.url)
    for name, value in attrs.items():
        setattr(request, name, value)
    return serve_with_share_bar(lambda *args: response)(page, request, (), {})


HEAD_WITH_TAGS = (
    b'<html><head><link rel=canonical href="/mine/"><meta content="x" property="og:url">'
    b"</head><body><main>text</main></body></html>"
)


def test_canonical_and_og_url_are_only_added_when_missing(article):
    body = serve(article, HttpResponse(HEAD_WITH_TAGS)).content.decode()
    head = body[: body.index("</head>")]
    assert "canonical" not in head.replace('rel=canonical href="/mine/"', "")
    assert head.count("og:url") == 1
    assert 'data-darksocial="css"' in head


def test_content_length_follows_the_new_content(article):
    response = HttpResponse(HEAD_WITH_TAGS, headers={"Content-Length": len(HEAD_WITH_TAGS)})
    response = serve(article, response)
    assert int(response["Content-Length"]) == len(response.content) > len(HEAD_WITH_TAGS)


@pytest.mark.parametrize(
    "response",
    [
        HttpResponse(b'{"a": "</body>"}', content_type="application/json"),
        HttpResponse(b"<html><body></body></html>", status=404),
        StreamingHttpResponse(iter([b"<html><body></body></html>"])),
        HttpResponse(b"<p>no body element</p>"),
    ],
    ids=["json", "404", "streaming", "no-body"],
)
def test_responses_left_alone(article, response):
    before = b"" if response.streaming else response.content
    response = serve(article, response)
    assert response.streaming or response.content == before


def test_preview_requests_are_left_alone(article):
    page = b"<html><head></head><body><main>text</main></body></html>"
    assert serve(article, HttpResponse(page), is_preview=True).content == page


def test_preview_of_an_article_has_no_script(article, rf, admin_user):
    request = rf.get("/")
    request.user = admin_user
    body = article.make_preview_request(request).content.decode()
    assert "<article>" in body and "data-darksocial" not in body


def test_preview_of_a_tagged_page_shows_an_inert_bar_and_no_script(tagged_page, rf, admin_user):
    request = rf.get("/")
    request.user = admin_user
    body = tagged_page.make_preview_request(request).content.decode()
    assert body.count("data-preview inert") == 2
    assert SCRIPT not in body


def test_template_tags_are_not_doubled(client, tagged_page):
    body = get(client, tagged_page)
    assert body.count(BAR) == 2  # the page's own bar and the one for another URL
    assert body.count(SCRIPT) == 1
    assert body.count('rel="canonical"') == body.count("og:url") == 1
    assert body.count('data-darksocial="css"') == 1


def test_tag_for_another_url_carries_its_own_data(client, tagged_page):
    body = get(client, tagged_page)
    other = body[body.index('<aside id="other">') : body.index("</aside>")]
    assert 'data-url="https://example.com/elsewhere/"' in other
    assert 'data-title="Elsewhere"' in other
    assert re.findall(r'data-ds="(\w+)"', other) == ["whatsapp", "email", "copy"]
    assert "example.com%2Felsewhere%2F%3Futm_source%3Dwhatsapp" in other
    own = body[body.index(BAR) : body.index('<aside id="other">')]
    assert "data-url" not in own


def test_warm_page_view_adds_no_query(client, article, django_assert_num_queries):
    def count_queries():
        client.get(article.url)  # warm: site root paths and site settings cached
        with CaptureQueriesContext(connection) as queries:
            body = client.get(article.url).content.decode()
        return len(queries), body

    with_plugin, body = count_queries()
    assert BAR in body
    with override_settings(WAGTAIL_DARKSOCIAL={"INJECT": False}):
        without, body = count_queries()
    assert BAR not in body
    assert with_plugin == without
    with django_assert_num_queries(without):
        client.get(article.url)


def test_site_settings_are_cached_until_saved(
    client, article, demo_site, django_assert_num_queries
):
    from wagtail_darksocial.sharing.site_settings import site_sharing

    assert site_sharing(demo_site.pk).campaign == "darksocial"
    with django_assert_num_queries(0):
        assert site_sharing(demo_site.pk).campaign == "darksocial"
    row = ShareSettings.objects.create(site=demo_site, utm_campaign="autumn")
    assert site_sharing(demo_site.pk).campaign == "autumn"
    row.copy_attribution = "link"
    row.save()
    assert site_sharing(demo_site.pk).copy_attribution == "link"
    row.delete()
    assert site_sharing(demo_site.pk).copy_attribution == "off"


def test_share_settings_are_editable_in_the_admin(client, demo_site, django_user_model):
    admin_client = client
    admin_client.force_login(django_user_model.objects.get(username="admin"))
    response = admin_client.get(
        f"/admin/settings/wagtail_darksocial/sharesettings/{demo_site.pk}/"
    )
    assert response.status_code == 200
    assert "UTM campaign" in response.content.decode()
    assert (
        "/admin/settings/wagtail_darksocial/sharesettings/"
        in admin_client.get("/admin/").content.decode()
    )


@pytest.fixture
def other_site(demo_site, settings):
    """A second site on its own hostname and port, with its own tree and settings."""
    from example_site.demo.models import HomePage
    from tests.testapp.models import BarePage

    settings.ALLOWED_HOSTS = ["*"]
    root = demo_site.root_page.get_parent()
    home = root.add_child(instance=HomePage(title="Other", slug="other-home"))
    page = home.add_child(instance=BarePage(title="Elsewhere", slug="elsewhere"))
    site = Site.objects.create(hostname="other.example", port=8080, root_page=home)
    ShareSettings.objects.create(site=site, utm_campaign="other", channels="telegram")
    return page


def test_each_site_gets_its_root_url_and_settings(client, other_site, article):
    body = client.get("/elsewhere/", HTTP_HOST="other.example:8080").content.decode()
    assert config(body)["url"] == "http://other.example:8080/elsewhere/"
    assert config(body)["campaign"] == "other"
    assert re.findall(r'data-ds="(\w+)"', body[body.index(BAR) :])[:1] == ["telegram"]
    body = client.get(article.url).content.decode()  # a full URL now: two sites
    assert config(body)["url"] == article.url == f"http://testserver/{article.slug}/"
    assert config(body)["campaign"] == "darksocial"


def test_site_rooted_below_the_home_page(client, demo_site, settings):
    """A site whose root page is deep in the tree: its pages' URLs start at that root."""
    from tests.testapp.models import BarePage

    settings.ALLOWED_HOSTS = ["*"]
    section = demo_site.root_page.add_child(instance=BarePage(title="Section", slug="section"))
    section.add_child(instance=BarePage(title="Child", slug="child"))
    Site.objects.create(hostname="section.example", root_page=section)
    body = client.get("/child/", HTTP_HOST="section.example").content.decode()
    assert config(body)["url"] == "http://section.example/child/"
    assert 'href="http://section.example/child/"' in body
    # Served by the main site, the same page keeps its full path.
    body = client.get("/section/child/").content.decode()
    assert config(body)["url"] == "http://testserver/section/child/"
