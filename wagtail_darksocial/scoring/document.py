"""Parse a rendered page once and extract everything the checks need.

The tree is walked iteratively (never recursively), so deeply nested or huge
documents cannot hit Python's recursion limit.
"""

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple

from bs4 import BeautifulSoup, NavigableString, Tag

#: The BeautifulSoup parser; fixed so results do not depend on what is installed.
PARSER = "html.parser"

#: Subtrees never treated as article content.
EXCLUDED_TAGS = frozenset(
    {
        "aside",
        "button",
        "canvas",
        "footer",
        "form",
        "head",
        "header",
        "iframe",
        "math",
        "nav",
        "noscript",
        "object",
        "script",
        "select",
        "style",
        "svg",
        "template",
        "textarea",
        "title",
    }
)
#: Class or id fragment marking the plugin's own widgets, excluded from content.
PLUGIN_MARKER = "darksocial"
SHARE_CLASS = "darksocial-share"
#: Elements holding the main content, by preference.
CONTENT_ROOTS = ("main", "article", "body")
_METADATA_TAGS = frozenset({"meta", "link", "script", "h1", "title", "html", *CONTENT_ROOTS})
SHARE_ATTRIBUTE = "data-darksocial"

HEADING_LEVELS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
#: Elements that start a new block of text (so sentences never run across them).
BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "blockquote",
        "body",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        *HEADING_LEVELS,
    }
)

_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


class Block(NamedTuple):
    """A run of text from one block element of the content."""

    text: str
    heading: int = 0  # 1–6 for h1–h6, 0 for anything else
    quote: bool = False  # inside a <blockquote>
    paragraph: int = -1  # index of the enclosing <p>, -1 if none


# Builds a Block without the Python-level __new__ of named tuples (hot loop).
_new_block = partial(tuple.__new__, Block)
# Whitespace that needs collapsing; plain single spaces are left alone.
_ODD_SPACES = ("  ", "\n", "\t", "\r", "\xa0", "\u202f")


@dataclass
class Content:
    """The main content of the page, as ordered blocks."""

    blocks: list[Block] = field(default_factory=list)
    paragraphs: int = 0  # number of <p> elements
    images: list[str | None] = field(default_factory=list)  # alt (None: missing)
    root: str = "document"  # "main", "article", "body" or "document"


@dataclass
class Document:
    """Everything extracted from one parse of the page."""

    html_lang: str | None = None
    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    canonical: str | None = None
    json_ld: list[str] = field(default_factory=list)
    h1: list[str] = field(default_factory=list)
    share_markers: int = 0
    content: Content = field(default_factory=Content)


def decode(html: str | bytes | None) -> str:
    """Decode bytes deterministically: BOM, UTF-8, declared charset, cp1252."""
    if html is None:
        return ""
    if isinstance(html, str):
        return html
    if isinstance(html, (bytearray, memoryview)):
        html = bytes(html)
    if not isinstance(html, bytes):
        return str(html)
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if html.startswith(bom):
            return html[len(bom) :].decode(encoding, "replace")
    try:
        return html.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _CHARSET_RE.search(html[:4096])
    if match:
        try:
            return html.decode(match.group(1).decode("ascii"), "replace")
        except (LookupError, UnicodeError):
            pass
    return html.decode("cp1252", "replace")


def parse(html: str | bytes | None) -> Document:
    """Parse ``html`` with :data:`PARSER` and extract a :class:`Document`."""
    markup = decode(html)
    try:
        soup = BeautifulSoup(markup, PARSER)
    except Exception:
        # html.parser rejects a few malformed declarations; neutralise them.
        soup = BeautifulSoup(markup.replace("<!", "&lt;!"), PARSER)
    return extract(soup)


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


def _attr(attrs: dict, name: str) -> str:
    value = attrs.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        value = " ".join(value)
    return value.strip()


def _has_class(attrs: dict, name: str) -> bool:
    value = attrs.get("class")
    if not value:
        return False
    if isinstance(value, str):
        value = value.split()
    return name in value


def extract(soup: BeautifulSoup) -> Document:
    """Walk the whole tree once for metadata, then the content subtree once."""
    doc = Document()
    landmarks: dict[str, Tag] = {}  # first <main> (or role=main), <article>, <body>
    for node in soup.descendants:
        if type(node) is NavigableString or not isinstance(node, Tag):
            continue
        attrs = node.attrs
        if attrs:
            if SHARE_ATTRIBUTE in attrs or ("class" in attrs and _has_class(attrs, SHARE_CLASS)):
                doc.share_markers += 1
            if "role" in attrs and attrs["role"] == "main":
                landmarks.setdefault("main", node)
        name = node.name
        if name not in _METADATA_TAGS:
            continue
        if name == "meta":
            key = (_attr(attrs, "property") or _attr(attrs, "name")).lower()
            if key and key not in doc.meta:
                doc.meta[key] = _attr(attrs, "content")
        elif name == "link":
            rel = _attr(attrs, "rel").lower().split()
            if doc.canonical is None and "canonical" in rel:
                doc.canonical = _attr(attrs, "href")
        elif name == "script":
            kind = _attr(attrs, "type").lower().split(";")[0].strip()
            if kind == "application/ld+json":
                doc.json_ld.append(str(node.string or ""))
        elif name == "h1":
            doc.h1.append(_text(node))
        elif name == "title":
            parent = node.parent
            if doc.title is None and (parent is None or parent.name != "svg"):
                doc.title = _text(node)
        elif name == "html":
            if doc.html_lang is None and "lang" in attrs:
                doc.html_lang = _attr(attrs, "lang")
        elif name in CONTENT_ROOTS:
            landmarks.setdefault(name, node)
    for kind in CONTENT_ROOTS:
        if kind in landmarks:
            doc.content = extract_content(landmarks[kind], kind)
            break
    else:
        doc.content = extract_content(soup, "document")
    return doc


def _excluded(attrs: dict) -> bool:
    """Hidden elements and the plugin's own widgets are not content."""
    if "hidden" in attrs:
        return True
    if "aria-hidden" in attrs and _attr(attrs, "aria-hidden").lower() == "true":
        return True
    if "class" not in attrs and "id" not in attrs:
        return False
    return PLUGIN_MARKER in (_attr(attrs, "class") + " " + _attr(attrs, "id")).lower()


def _is_pixel(attrs: dict) -> bool:
    return _attr(attrs, "width") in ("0", "1") and _attr(attrs, "height") in ("0", "1")


def extract_content(root: Tag, kind: str) -> Content:
    """Collect text blocks, paragraph sizes and image alts below ``root``."""
    content = Content(root=kind)
    blocks = content.blocks
    buffer: list[str] = []
    heading = 0
    quote = 0
    paragraph = -1

    def flush() -> None:
        if not buffer:
            return
        text = "".join(buffer).strip()
        buffer.clear()
        if any(space in text for space in _ODD_SPACES):
            text = " ".join(text.split())
        if text:
            blocks.append(_new_block((text, heading, quote > 0, paragraph)))

    # An explicit stack of child iterators (no recursion); each entry carries
    # the state to restore when its element ends, or None for inline elements.
    stack: list[tuple[Iterator, tuple[int, int, int] | None]] = [(iter(root.contents), None)]
    while stack:
        nodes, state = stack[-1]
        for node in nodes:
            if type(node) is NavigableString:  # plain text: the common case
                buffer.append(node)
                continue
            if not isinstance(node, Tag):  # comments, doctype, CDATA…
                continue
            name = node.name
            attrs = node.attrs
            if name in EXCLUDED_TAGS or (attrs and _excluded(attrs)):
                continue
            if name == "img":
                if not _is_pixel(attrs):
                    content.images.append(attrs.get("alt"))
                continue
            if name == "br":
                buffer.append(" ")
                continue
            if name in BLOCK_TAGS:
                flush()
                saved = (heading, quote, paragraph)
                level = HEADING_LEVELS.get(name)
                if level:
                    heading = level
                elif name == "blockquote":
                    quote += 1
                elif name == "p":
                    paragraph = content.paragraphs
                    content.paragraphs += 1
                stack.append((iter(node.contents), saved))
                break
            if node.contents:
                stack.append((iter(node.contents), None))
                break
        else:
            stack.pop()
            if state is not None:
                flush()
                heading, quote, paragraph = state
    flush()
    return content
