"""Budgets and accessibility of the script and stylesheet, checked from the files.

Also that the served script is the build of its readable source (static_src/).
"""

import gzip
import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.staticfiles.finders import AppDirectoriesFinder

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "wagtail_darksocial/static/wagtail_darksocial"
SOURCE = ROOT / "wagtail_darksocial/static_src/darksocial.js"
BUILD_SCRIPT = ROOT / "wagtail_darksocial/static_src/build.mjs"
ESBUILD = ROOT / "node_modules/.bin/esbuild"
CSS = (STATIC / "darksocial.css").read_text(encoding="utf-8")
JS = (STATIC / "darksocial.js").read_text(encoding="utf-8")


def gzipped(text):
    return len(gzip.compress(text.encode(), compresslevel=9))


def test_script_is_at_most_3_kb_gzipped():
    assert gzipped(JS) <= 3072


def test_stylesheet_is_at_most_2_kb_gzipped():
    assert gzipped(CSS) <= 2048


def test_build_starts_with_the_hash_of_the_current_source():
    """Needs no Node: an edit of the source without ``npm run build`` changes the hash."""
    digest = hashlib.sha256(SOURCE.read_bytes()).hexdigest()
    banner = JS.split("\n", 1)[0]
    assert banner == f"/* darksocial.js {digest} */", "stale build: run `npm run build`"


def _node_unavailable_reason():
    if not ESBUILD.exists():
        return "esbuild is not installed (npm ci)"
    if not shutil.which("node"):
        return "Node.js is not installed"
    return None


def test_build_is_byte_for_byte_the_build_of_the_source():
    """Catches a hand-edited build, which the hash banner alone cannot."""
    reason = _node_unavailable_reason()
    if reason:
        if os.environ.get("DARKSOCIAL_REQUIRE_NODE") == "1":
            pytest.fail(f"The build check is required but cannot run: {reason}")
        pytest.skip(reason)
    built = subprocess.run(
        ["node", str(BUILD_SCRIPT), "--stdout"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    assert built == (STATIC / "darksocial.js").read_bytes(), "run `npm run build`"


def test_only_the_build_is_collected():
    """collectstatic takes the app's static/ only, so the source and build script stay out."""
    collected = {path for path, _storage in AppDirectoriesFinder().list([])}
    readers_scripts = {
        path for path in collected if re.fullmatch(r"wagtail_darksocial/[^/]+\.m?js", path)
    }
    assert readers_scripts == {"wagtail_darksocial/darksocial.js"}


def test_script_stores_nothing_and_loads_nothing():
    for word in ("cookie", "localStorage", "sessionStorage", "indexedDB", "import(", "http"):
        assert word not in JS


def palette(css):
    """``{name: (r, g, b)}`` from the ``--_name: var(--darksocial-name, #rrggbb)`` defaults."""
    found = re.findall(r"--_(\w+): var\(--darksocial-\1, #([0-9a-f]{6})\)", css)
    return {name: tuple(int(hex_[i : i + 2], 16) for i in (0, 2, 4)) for name, hex_ in found}


def luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


LIGHT, DARK = CSS.split("@media (prefers-color-scheme: dark)", 1)


@pytest.mark.parametrize("scheme", [LIGHT, DARK], ids=["light", "dark"])
def test_default_colours_meet_wcag_aa(scheme):
    colours = palette(scheme)
    assert set(colours) == {"bg", "fg", "accent", "border"}
    # Icons and status text on the buttons' background, and the reverse on hover.
    assert contrast(colours["fg"], colours["bg"]) >= 4.5
    assert contrast(colours["accent"], colours["bg"]) >= 4.5
    # Button borders and the focus outline.
    assert contrast(colours["border"], colours["bg"]) >= 3


def test_contrast_formula():
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast((118, 118, 118), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)


def test_stylesheet_is_themeable_focus_visible_rtl_safe_and_motion_aware():
    for name in ("bg", "fg", "accent", "border", "radius", "size"):
        assert f"var(--darksocial-{name}," in CSS
    assert ":focus-visible" in CSS and "outline:" in CSS
    assert "@media (prefers-reduced-motion: reduce)" in CSS
    assert not re.search(r"(margin|padding|border)-(left|right)|\b(left|right|float):", CSS)
    assert "@import" not in CSS and "url(" not in CSS and "font-family" not in CSS
