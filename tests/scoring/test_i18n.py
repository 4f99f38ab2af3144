import ast
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from wagtail_darksocial.scoring import analyse, i18n
from wagtail_darksocial.scoring.checks import CHECKS
from wagtail_darksocial.scoring.checks.content import READING_LEVELS
from wagtail_darksocial.scoring.i18n import (
    Plural,
    format_number,
    gettext_noop,
    ngettext,
    to_locale,
    translate,
    translator,
)

from .helpers import meta, page

SCORING_DIR = Path(i18n.__file__).resolve().parent
TITLE_GOOD = (
    "The title is %(length)s characters long, which fits search results and link previews well."
)
TITLE_PAGE = page(head=f"<title>{'x' * 55}</title>")


def write_mo(path: Path, messages: dict[str, str]) -> None:
    """Write a minimal GNU gettext catalog (what compilemessages produces)."""
    messages = {"": "Content-Type: text/plain; charset=UTF-8\n", **messages}
    keys = sorted(messages)
    ids = [k.encode() for k in keys]
    strs = [messages[k].encode() for k in keys]
    header_size = 7 * 4
    table_size = len(keys) * 8
    data_start = header_size + 2 * table_size
    originals, translations, blob = [], [], b""
    for source in ids:
        originals.append((len(source), data_start + len(blob)))
        blob += source + b"\0"
    for target in strs:
        translations.append((len(target), data_start + len(blob)))
        blob += target + b"\0"
    output = struct.pack(
        "<7I", 0x950412DE, 0, len(keys), header_size, header_size + table_size, 0, 0
    )
    for length, offset in originals + translations:
        output += struct.pack("<2I", length, offset)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(output + blob)


@pytest.fixture
def locale_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    translator.cache_clear()
    yield tmp_path
    translator.cache_clear()


def test_gettext_noop_is_a_marker():
    assert gettext_noop("Hello") == "Hello"


@pytest.mark.parametrize(
    "code,expected",
    [("fr", "fr"), ("fr-fr", "fr_FR"), ("pt_BR", "pt_BR"), ("zh-hans", "zh_Hans"), ("EN", "en")],
)
def test_to_locale(code, expected):
    assert to_locale(code) == expected


def test_french_falls_back_to_english_without_a_catalog(locale_dir):
    english = analyse(TITLE_PAGE, ui_language="en")
    french = analyse(TITLE_PAGE, ui_language="fr")
    assert french.to_dict() == english.to_dict()
    assert french.get("title").message == TITLE_GOOD % {"length": 55}


def test_default_ui_language_is_english(locale_dir):
    assert analyse(TITLE_PAGE).get("title").message == TITLE_GOOD % {"length": 55}


def test_messages_are_translated_with_a_catalog(locale_dir):
    write_mo(
        locale_dir / "fr" / "LC_MESSAGES" / "django.mo",
        {TITLE_GOOD: "Avec %(length)s caractères, le titre s’affiche bien partout."},
    )
    for code in ("fr", "fr-FR", "fr_CA"):
        title = analyse(TITLE_PAGE, ui_language=code).get("title")
        assert title.message == "Avec 55 caractères, le titre s’affiche bien partout."
    untranslated = analyse(TITLE_PAGE, ui_language="fr").get("og_title")
    assert untranslated.message.startswith("The page has no og:title tag")


def test_a_broken_translation_falls_back_to_english(locale_dir):
    write_mo(locale_dir / "fr" / "LC_MESSAGES" / "django.mo", {TITLE_GOOD: "%(longueur)s !"})
    title = analyse(TITLE_PAGE, ui_language="fr").get("title")
    assert title.message == TITLE_GOOD % {"length": 55}


def test_a_corrupt_catalog_does_not_break_scoring(locale_dir):
    path = locale_dir / "fr" / "LC_MESSAGES" / "django.mo"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xde\x12\x04\x95garbage")
    assert analyse(TITLE_PAGE, ui_language="fr").get("title").message.startswith("The title")


def test_translate_helpers():
    assert translate("en", "") == ""
    assert translate("en", "%(n)s%% done", {"n": 5}) == "5% done"
    assert translate("xx", "Plain text.") == "Plain text."


def marked_messages() -> set:
    """Messages passed to gettext_noop() or ngettext() anywhere in the scoring package
    (a plural as a ``Plural``)."""
    found = set()
    for path in SCORING_DIR.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("gettext_noop", "ngettext")
                and path.name != "i18n.py"
            ):
                args = node.args
                assert len(args) == (1 if node.func.id == "gettext_noop" else 3), path.name
                assert all(isinstance(arg, ast.Constant) for arg in args), path.name
                values = [arg.value for arg in args]
                found.add(values[0] if len(values) == 1 else Plural(*values))
    return found


#: Fragments shown inside other messages or beside a figure, not sentences.
FRAGMENTS = {text for _lowest, text in READING_LEVELS}
for _spec in CHECKS:
    if _spec.unit:
        FRAGMENTS |= set(_spec.unit[:2]) if isinstance(_spec.unit, Plural) else {_spec.unit}


def test_marked_messages_use_named_placeholders_only():
    messages = marked_messages()
    assert len(messages) > 60
    texts = [m for m in messages if isinstance(m, str)]
    texts += [form for m in messages if isinstance(m, Plural) for form in m[:2]]
    for message in texts:
        without_named = re.sub(r"%\(\w+\)s|%%", "", message)
        assert "%" not in without_named, message
        assert message.strip() == message
        if message in FRAGMENTS:
            continue
        assert message[0].isupper() or message[0] in "%{", message
        assert message.endswith((".", ":")) or re.search(r"%\(\w+\)s$", message), message


def test_plurals_and_numbers_follow_the_language():
    words = ngettext("%(n)s word", "%(n)s words", "n")
    assert translate("en", words, {"n": 1}) == "1 word"
    assert translate("en", words, {"n": 2}) == "2 words"
    assert format_number(-30.7, "en") == "-30.7"
    assert format_number(-30.7, "fr") == "-30,7"
    assert format_number(12345, "fr") == "12\u202f345"
    assert format_number(12345, "en") == "12,345"
    assert format_number(934, "fr") == "934"


SAMPLE_PAGES = [
    "",
    TITLE_PAGE,
    page(
        head="<title>"
        + "t" * 40
        + "</title>"
        + meta("description", "d" * 80, "name")
        + meta("og:title", "T")
        + meta("og:image", "https://e.com/i.svg")
        + meta("og:url", "https://e.com/?utm_source=x")
        + meta("twitter:card", "summary", "name")
        + '<link rel="canonical" href="/a/?fbclid=1">'
        + '<script type="application/ld+json">{"@type": "Organization"}</script>',
        body="<h1>One two</h1><h1>Three</h1><main>"
        + "<p>"
        + "Long sentences keep going and going without any pause at all. " * 40
        + "</p>"
        + '<img src="a.jpg"><div class="darksocial-share"></div></main>',
        lang="english",
    ),
    page(
        head=meta("og:image", "https://e.com/i.jpg")
        + meta("og:image:width", "800")
        + meta("og:image:height", "800")
        + '<script type="application/ld+json">{broken</script>',
        body="<main>" + "<p>Readers must share what they love.</p>" * 100 + "</main>",
        lang="fr",
    ),
]


def test_every_message_used_at_runtime_is_marked(monkeypatch):
    used = set()
    original = translate

    def recording(language, message, params=None):
        if message:
            used.add(message)
        return original(language, message, params)

    monkeypatch.setattr("wagtail_darksocial.scoring.analyser.translate", recording)
    for html in SAMPLE_PAGES:
        analyse(html, url="https://example.com/a/")
    assert len(used) > 30
    assert used <= marked_messages()


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="xgettext is not installed")
def test_xgettext_extracts_every_marked_message(tmp_path):
    # The same keyword Django's makemessages passes for Python files.
    sources = sorted(str(p) for p in SCORING_DIR.rglob("*.py"))
    output = tmp_path / "django.pot"
    subprocess.run(
        [
            "xgettext",
            "--language=Python",
            "--keyword=gettext_noop",
            "--keyword=ngettext:1,2",
            "--from-code=UTF-8",
            "--output",
            str(output),
            *sources,
        ],
        check=True,
    )
    pot = output.read_text(encoding="utf-8")
    extracted = set()
    for block in re.findall(r'^msgid ((?:".*"\n)+)', pot, flags=re.M):
        parts = re.findall(r'"(.*)"', block)
        text = "".join(parts).encode().decode("unicode_escape").encode("latin-1").decode()
        if text:
            extracted.add(text)
    marked = {m.singular if isinstance(m, Plural) else m for m in marked_messages()}
    assert marked <= extracted
