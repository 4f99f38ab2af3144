"""Budgets and accessibility of the script and stylesheet, checked from the files."""

import gzip
import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[2] / "wagtail_darksocial/static/wagtail_darksocial"
CSS = (STATIC / "darksocial.css").read_text(encoding="utf-8")
JS = (STATIC / "darksocial.js").read_text(encoding="utf-8")


def gzipped(text):
    return len(gzip.compress(text.encode(), compresslevel=9))


def test_script_is_at_most_3_kb_gzipped():
    assert gzipped(JS) <= 3072


def test_stylesheet_is_at_most_2_kb_gzipped():
    assert gzipped(CSS) <= 2048


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
