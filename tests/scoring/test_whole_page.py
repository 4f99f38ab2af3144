"""A page that does everything right scores 100; stripping it scores low."""

from wagtail_darksocial.scoring import ImageInfo, analyse

TITLE = "How small newsrooms measure the links their readers share"  # 57 characters
DESCRIPTION = (
    "Most shares happen in private messages that analytics never see. Here is how "
    "a small newsroom can measure them, and what it learned."
)  # 132 characters
PARAGRAPH = (
    "<p>Readers remember one clear idea far longer than ten vague ones. "
    "Small teams can publish better stories when they measure what readers share. "
    "Good design makes every shared link easier for readers to trust. "
    "The team wrote short notes for each story and kept them on one page. "
    "They read the notes every week and changed what did not work.</p>"
)  # 60 words, simple sentences


def good_page() -> str:
    sections = "".join(
        f"<h2>Part {number} of the story</h2>{PARAGRAPH * 3}" for number in range(1, 5)
    )
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>{TITLE}</title>
<meta name="description" content="{DESCRIPTION}">
<meta property="og:title" content="{TITLE}">
<meta property="og:description" content="{DESCRIPTION}">
<meta property="og:image" content="https://example.com/media/share.jpg">
<meta property="og:url" content="https://example.com/news/shares/">
<meta property="og:type" content="article">
<meta name="twitter:card" content="summary_large_image">
<link rel="canonical" href="https://example.com/news/shares/">
<script type="application/ld+json">{{"@context": "https://schema.org",
 "@type": "NewsArticle", "headline": "{TITLE}"}}</script>
</head><body>
<header><nav><a href="/">Home</a></nav></header>
<main><article>
<h1>How small newsrooms measure the links their readers share</h1>
<figure><img src="/media/team.jpg" alt="The newsroom team"></figure>
{sections}
<div class="darksocial-share" data-darksocial><a href="#">Share</a></div>
</article></main>
<footer>© Example</footer>
</body></html>"""


def image_info(url):
    assert url == "https://example.com/media/share.jpg"
    return ImageInfo(width=1200, height=630, bytes=90_000, format="jpeg")


def test_a_page_that_does_everything_right_scores_100():
    report = analyse(good_page(), url="https://example.com/news/shares/", image_info=image_info)
    not_good = {c.id: (c.status, c.value, c.message) for c in report.checks if c.status != "good"}
    assert not_good == {}
    assert report.score == 100
    assert report.worst() == []
    assert report.get("word_count").value == 4 * (5 + 3 * 60) + 9
    assert len(report.get("quotable").value) == 3


def test_without_image_measurement_the_image_is_unknown_and_ignored():
    report = analyse(good_page(), url="https://example.com/news/shares/")
    assert report.get("og_image").status == "unknown"
    assert report.score == 100


def test_stripping_the_metadata_lowers_the_score():
    stripped = "<html><body>" + good_page().split("<body>")[1]
    report = analyse(stripped)
    assert report.get("title").status == "poor"
    assert report.get("readability").status == "unknown"  # no language any more
    assert report.score < 60
    assert [c.id for c in report.worst(2)] == ["og_image", "title"]
