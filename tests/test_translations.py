"""The French catalogues: complete, well-formed, compiled, and actually used.

The ``.po`` files are read with a small stdlib parser (no polib); the compiled ``.mo``
files are read back with a small stdlib reader and compared with a fresh ``msgfmt``
build of the ``.po``, so a ``.po`` edited without recompiling fails here.
"""

import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.utils import translation

import wagtail_darksocial

ROOT = Path(__file__).resolve().parent.parent
APP_DIR = Path(wagtail_darksocial.__file__).resolve().parent
CATALOGUES = {
    "wagtail_darksocial": APP_DIR / "locale" / "fr" / "LC_MESSAGES" / "django.po",
    "example_site": ROOT / "example_site" / "locale" / "fr" / "LC_MESSAGES" / "django.po",
}
MSGFMT = shutil.which("msgfmt")
NBSP = "\u00a0"

# Python %-format placeholders (named or positional, %% included), str.format fields
# and HTML tags: whatever a translation must carry over unchanged.
PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[diouxXeEfFgGcrsa%]")
BRACES = re.compile(r"\{[A-Za-z_][A-Za-z0-9_.\[\]]*(?:![rsa])?(?::[^{}]*)?\}")
TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
TEMPLATE_TAG = re.compile(r"\{%.*?%\}")  # "{%% tag %%}" in help texts, kept verbatim


# Parsing ---------------------------------------------------------------------------


def _unquote(text):
    escapes = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(0)), text)


def parse_po(path):
    """The entries of a .po file as dicts: ``flags``, ``msgid``, ``msgstr`` or ``msgstr[n]``."""
    entries, entry, key = [], None, None

    def finish():
        if entry and "msgid" in entry:
            entries.append(entry)

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
            entry, key = None, None
            continue
        if entry is None:
            entry = {"flags": set(), "obsolete": False}
        if line.startswith("#~"):
            entry["obsolete"] = True
        elif line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += _unquote(line[1:-1])
        else:
            key, _, value = line.partition(" ")
            entry[key] = _unquote(value.strip()[1:-1])
    finish()
    return entries


def translations(entry):
    """``[(source, translation)]`` pairs of an entry, plural forms included."""
    if "msgid_plural" not in entry:
        return [(entry["msgid"], entry.get("msgstr", ""))]
    forms = sorted(k for k in entry if k.startswith("msgstr["))
    return [
        (entry["msgid"] if form == "msgstr[0]" else entry["msgid_plural"], entry[form])
        for form in forms
    ]


def read_mo(path):
    """A compiled catalogue as ``{msgid bytes: msgstr bytes}`` (stdlib only)."""
    data = path.read_bytes()
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == 0x950412DE else ">"
    _magic, _revision, count, originals, targets = struct.unpack(order + "5I", data[:20])
    catalogue = {}
    for n in range(count):
        length, offset = struct.unpack(
            order + "2I", data[originals + 8 * n : originals + 8 * n + 8]
        )
        source = data[offset : offset + length]
        length, offset = struct.unpack(order + "2I", data[targets + 8 * n : targets + 8 * n + 8])
        catalogue[source] = data[offset : offset + length]
    return catalogue


def header(entries):
    head = next(e for e in entries if e["msgid"] == "")
    return dict(line.split(": ", 1) for line in head["msgstr"].splitlines() if ": " in line)


def messages(entries):
    return [e for e in entries if e["msgid"] and not e["obsolete"]]


def tokens(pattern, text):
    found = pattern.findall(text)
    if pattern is TAG:  # HTML does not care how attributes are spaced
        found = [" ".join(m.split()) for m in found]
    return sorted(found)


@pytest.fixture(params=sorted(CATALOGUES), scope="module")
def catalogue(request):
    path = CATALOGUES[request.param]
    assert path.exists(), f"{path} is missing: run makemessages -l fr"
    return path, parse_po(path)


# The catalogues --------------------------------------------------------------------


def test_header(catalogue):
    _path, entries = catalogue
    fields = header(entries)
    assert fields["Language"] == "fr"
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert fields["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
    assert "fuzzy" not in next(e for e in entries if e["msgid"] == "")["flags"]


def test_every_message_is_translated_and_not_fuzzy(catalogue):
    path, entries = catalogue
    entries = messages(entries)
    assert entries, path
    untranslated = [e["msgid"] for e in entries if not all(t for _s, t in translations(e))]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []


def test_plural_entries_have_both_french_forms(catalogue):
    _path, entries = catalogue
    for entry in messages(entries):
        if "msgid_plural" in entry:
            assert {"msgstr[0]", "msgstr[1]"} <= set(entry), entry["msgid"]


def test_placeholders_and_tags_are_kept(catalogue):
    _path, entries = catalogue
    problems = []
    for entry in messages(entries):
        python_format = "python-format" in entry["flags"]
        for source, target in translations(entry):
            checks = [BRACES, TAG, TEMPLATE_TAG] + ([PERCENT] if python_format else [])
            for pattern in checks:
                if tokens(pattern, source) != tokens(pattern, target):
                    problems.append((source, target))
            # Leading and trailing whitespace (newlines included) keeps its shape.
            if (source[:1].isspace(), source[-1:].isspace()) != (
                target[:1].isspace(),
                target[-1:].isspace(),
            ):
                problems.append((source, target))
    assert problems == []


def test_french_typography(catalogue):
    """A no-break space before : ; ! ? and inside « », never a plain space."""
    _path, entries = catalogue
    bad = []
    for entry in messages(entries):
        for _source, target in translations(entry):
            if re.search(r" [:;!?»]|« ", target):
                bad.append(target)
    assert bad == []
    # The quote template the share script fills in uses French guillemets.
    if catalogue[0] == CATALOGUES["wagtail_darksocial"]:
        quote = next(e for e in entries if e["msgid"] == "“%s” —")
        assert quote["msgstr"] == f"«{NBSP}%s{NBSP}» —"


@pytest.mark.skipif(MSGFMT is None, reason="GNU gettext (msgfmt) is not installed")
def test_msgfmt_check_passes_and_mo_is_up_to_date(catalogue, tmp_path):
    path, _entries = catalogue
    fresh = tmp_path / "django.mo"
    result = subprocess.run(
        [MSGFMT, "--check", "-o", str(fresh), str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    compiled = path.with_suffix(".mo")
    assert compiled.exists(), f"{compiled} is missing: run compilemessages"
    assert read_mo(compiled) == read_mo(fresh), f"{compiled} is stale: run compilemessages"


def test_mo_has_every_po_message(catalogue):
    """Without msgfmt: the compiled catalogue still holds every translated message."""
    path, entries = catalogue
    compiled = read_mo(path.with_suffix(".mo"))
    for entry in messages(entries):
        key = entry["msgid"]
        if "msgctxt" in entry:
            key = entry["msgctxt"] + "\x04" + key
        if "msgid_plural" in entry:
            key += "\0" + entry["msgid_plural"]
            expected = "\0".join(t for _s, t in translations(entry))
        else:
            expected = entry["msgstr"]
        assert compiled.get(key.encode()) == expected.encode(), entry["msgid"]


# The translations in use -----------------------------------------------------------


def test_share_settings_verbose_name_in_french():
    from wagtail_darksocial.models import ShareSettings

    with translation.override("fr"):
        assert str(ShareSettings._meta.verbose_name) == "Partage dark social"
        assert str(ShareSettings._meta.get_field("channels").verbose_name) == "canaux"


def test_share_buttons_in_french():
    from wagtail_darksocial.sharing.bar import labels

    with translation.override("fr"):
        names = labels()
        html = render_to_string("wagtail_darksocial/share_bar.html", {"buttons": [], "own": True})
    assert names["copy"] == "Copier le lien"
    assert names["email"] == "Partager par e-mail"
    assert names["whatsapp"] == "Partager sur WhatsApp"
    assert 'aria-label="Partager cette page"' in html
    assert ">Partager</span>" in html
    # The share sheet's button: a verb under the "Partager" heading, not the noun
    # "Partage", and still contained in its accessible name (WCAG 2.5.3).
    assert names["native"] == "Partager autrement"
    from wagtail_darksocial.channels import BY_NAME
    from wagtail_darksocial.sharing.bar import visible_text

    with translation.override("fr"):
        assert visible_text(BY_NAME["native"]) == "Partager"


def test_script_strings_in_french():
    with translation.override("fr"):
        assert translation.gettext("Link copied.") == "Lien copié."
        assert translation.gettext("Read more:") == f"Lire la suite{NBSP}:"


def test_plural_forms_in_french():
    from django.utils.translation import ngettext

    with translation.override("fr"):
        for count, word in ((0, "seconde"), (1, "seconde"), (2, "secondes")):
            text = ngettext("%(count)s second", "%(count)s seconds", count) % {"count": count}
            assert text == f"{count} {word}"


def test_analyser_messages_in_french():
    from wagtail_darksocial.scoring import analyse
    from wagtail_darksocial.scoring.i18n import translator

    translator.cache_clear()  # another test may have cached a catalogue-less lookup
    html = "<html lang='en'><title>x</title></html>"
    french = analyse(html, ui_language="fr")
    english = analyse(html, ui_language="en")
    assert french.get("lang").message == f"La page déclare sa langue{NBSP}: «{NBSP}en{NBSP}»."
    assert french.get("og_title").message.startswith("La page n’a pas de balise og:title")
    assert "{% darksocial_share_buttons %}" in french.get("share_buttons").fix
    assert french.score == english.score
    for fr_check, en_check in zip(french.checks, english.checks, strict=True):
        for field in ("message", "fix"):
            en_text, fr_text = getattr(en_check, field), getattr(fr_check, field)
            if en_text:
                assert fr_text and fr_text != en_text, (fr_check.id, field, en_text)


def test_example_site_strings_in_french_with_locale_paths():
    """The example site's catalogue, once its locale directory is in LOCALE_PATHS."""
    from django.template import engines
    from django.test import override_settings

    template = engines["django"].from_string(
        '{% load i18n %}{% translate "Languages" %}|'
        '{% translate "An example site for wagtail-darksocial. All articles are demo content." %}'
    )
    locale_dir = CATALOGUES["example_site"].parents[2]
    with override_settings(LOCALE_PATHS=[locale_dir]), translation.override("fr"):
        languages, footer = template.render({}).split("|")
    assert languages == "Langues"
    assert footer.startswith("Un site d’exemple pour wagtail-darksocial.")
