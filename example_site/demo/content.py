"""Read the demo articles in ``example_site/demo_content/<lang>/<key>.md``.

The format is a small front matter block (``key: value`` lines between ``---``)
followed by paragraphs, ``## `` subheadings and ``> `` quotes.
"""

from dataclasses import dataclass, field
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent.parent / "demo_content"
LANGUAGES = ("en", "fr")


@dataclass
class Article:
    key: str
    language: str
    title: str
    slug: str
    intro: str = ""
    search_description: str = ""
    image: str = ""
    blocks: list = field(default_factory=list)  # StreamField raw data


def parse_article(path, language):
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    meta = {}
    for line in front.splitlines():
        if ":" in line:
            name, _, value = line.partition(":")
            meta[name.strip()] = value.strip()
    return Article(
        key=path.stem,
        language=language,
        title=meta["title"],
        slug=meta["slug"],
        intro=meta.get("intro", ""),
        search_description=meta.get("search_description", ""),
        image=meta.get("image", ""),
        blocks=parse_body(body),
    )


def parse_body(body):
    from django.utils.html import escape

    blocks = []
    for chunk in body.strip().split("\n\n"):
        lines = [line.strip() for line in chunk.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("## "):
            blocks.append({"type": "heading", "value": lines[0][3:].strip()})
        elif lines[0].startswith(">"):
            quoted = [line.lstrip(">").strip() for line in lines]
            attribution = ""
            if quoted[-1].startswith(("—", "--")):
                attribution = quoted.pop().lstrip("—-").strip()
            blocks.append(
                {"type": "quote", "value": {"quote": " ".join(quoted), "attribution": attribution}}
            )
        else:
            blocks.append({"type": "paragraph", "value": f"<p>{escape(' '.join(lines))}</p>"})
    return blocks


def load_articles():
    """All demo articles, English first so translations can find their source."""
    articles = []
    for language in LANGUAGES:
        for path in sorted((CONTENT_DIR / language).glob("*.md")):
            articles.append(parse_article(path, language))
    return articles
