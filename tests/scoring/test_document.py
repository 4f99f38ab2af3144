from wagtail_darksocial.scoring import PARSER
from wagtail_darksocial.scoring.document import decode, parse

from .helpers import page


def texts(html: str) -> list[str]:
    return [block.text for block in parse(html).content.blocks]


def test_parser_is_fixed():
    assert PARSER == "html.parser"


def test_main_is_preferred_over_article_and_body():
    html = page(body="<p>Body text.</p><main><p>Main text.</p></main><article>Other</article>")
    doc = parse(html)
    assert doc.content.root == "main"
    assert texts(html) == ["Main text."]


def test_role_main_counts_as_main():
    html = page(body='<div>Chrome.</div><div role="main"><p>Story.</p></div>')
    assert texts(html) == ["Story."]


def test_article_then_body_fallbacks():
    html = page(body="<p>Intro.</p><article><p>First.</p></article><article>Second.</article>")
    assert parse(html).content.root == "article"
    assert texts(html) == ["First."]
    html = page(body="<div>Just a body.</div>")
    assert parse(html).content.root == "body"
    assert texts(html) == ["Just a body."]
    assert parse("Bare text.").content.root == "document"
    assert texts("Bare text.") == ["Bare text."]


def test_chrome_scripts_and_plugin_widgets_are_excluded():
    html = page(
        body="<main><nav>Menu</nav><header>Masthead</header><p>Kept.</p>"
        "<script>var x;</script><style>p {}</style><aside>Related</aside>"
        "<form>Search</form><footer>Footer</footer><noscript>No JS</noscript>"
        '<div class="darksocial-share">Share this</div><div id="my-darksocial-bar">Bar</div>'
        '<div data-x="1" class="DarkSocial">Upper</div><p hidden>Hidden</p>'
        '<p aria-hidden="true">Also hidden</p><!-- comment --><p>Also kept.</p></main>'
    )
    assert texts(html) == ["Kept.", "Also kept."]


def test_inline_elements_join_and_blocks_split():
    html = page(
        body="<main><p>Hel<b>lo</b> <a href='#'>wor</a>ld.</p><ul><li>One</li><li>Two</li></ul>"
        "<p>Line<br>break</p><h2>Sub  heading</h2><blockquote><p>Quoted.</p></blockquote></main>"
    )
    doc = parse(html)
    assert [(b.text, b.heading, b.quote) for b in doc.content.blocks] == [
        ("Hello world.", 0, False),
        ("One", 0, False),
        ("Two", 0, False),
        ("Line break", 0, False),
        ("Sub heading", 2, False),
        ("Quoted.", 0, True),
    ]


def test_paragraph_index_survives_nested_blocks():
    doc = parse(page(body="<main><p>One two<div>three</div>four five</p><p>six</p></main>"))
    assert [(b.text, b.paragraph) for b in doc.content.blocks] == [
        ("One two", 0),
        ("three", 0),
        ("four five", 0),
        ("six", 1),
    ]
    assert doc.content.paragraphs == 2


def test_metadata_extraction():
    html = (
        '<html lang=" fr-FR "><head><title> A  title </title>'
        '<meta property="OG:Title" content=" Hello "><meta name="description" content="D">'
        '<link rel="canonical" href="https://e.com/">'
        '<script type="application/ld+json">{"@type": "Article"}</script></head>'
        "<body><h1>Head <em>line</em></h1><div data-darksocial></div></body></html>"
    )
    doc = parse(html)
    assert doc.html_lang == "fr-FR"
    assert doc.title == "A title"
    assert doc.meta == {"og:title": "Hello", "description": "D"}
    assert doc.canonical == "https://e.com/"
    assert doc.json_ld == ['{"@type": "Article"}']
    assert doc.h1 == ["Head line"]
    assert doc.share_markers == 1


def test_decode_bytes():
    assert decode("é") == "é"
    assert decode(None) == ""
    assert decode("é".encode()) == "é"
    assert decode(b"\xef\xbb\xbfhi") == "hi"
    assert decode("hé".encode("utf-16")) == "hé"
    assert decode('<meta charset="iso-8859-1"><p>caf\xe9</p>'.encode("latin-1")).endswith(
        "café</p>"
    )
    assert decode(b"caf\xe9 \x80") == "café €"  # cp1252 fallback
    assert decode(bytearray(b"abc")) == "abc"


def test_exclusions_only_apply_inside_the_chosen_root():
    # Some sites wrap the whole page in a <form>; the <main> inside still counts.
    html = page(body="<form><nav>Menu</nav><main><p>Kept.</p><nav>Inner</nav></main></form>")
    assert texts(html) == ["Kept."]
    # A root's own attributes do not exclude it.
    html = page(body='<main class="darksocial-host"><p>Kept too.</p></main>')
    assert texts(html) == ["Kept too."]
    # Without a <main>, the same text inside the <form> is excluded from <body>.
    html = page(body="<form><p>Search.</p></form><div>Body text.</div>")
    assert texts(html) == ["Body text."]


def test_images_follow_the_chosen_root():
    html = page(
        body='<img src="a.jpg"><main><img src="b.jpg" alt="B"><aside><img src="c.jpg">'
        '</aside></main><footer><img src="d.jpg"></footer>'
    )
    assert parse(html).content.images == ["B"]
    html = page(body='<img src="a.jpg" alt="A"><nav><img src="n.jpg"></nav>')
    assert parse(html).content.images == ["A"]


def test_metadata_inside_excluded_parts_is_still_read():
    html = page(
        body="<header><h1>Site title</h1></header><footer><div data-darksocial></div>"
        '<script type="application/ld+json">{"@type": "WebPage"}</script></footer>'
    )
    doc = parse(html)
    assert doc.h1 == ["Site title"]
    assert doc.share_markers == 1
    assert doc.json_ld == ['{"@type": "WebPage"}']
