"""The SVG chart: accessible, escaped, legible on light and dark backgrounds."""

import datetime
import re

import pytest

from wagtail_darksocial.reports.charts import DASHES, PALETTE, limit_series, line_chart, nice_scale

DAYS = [datetime.date(2025, 3, 1) + datetime.timedelta(days=n) for n in range(10)]


def luminance(colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a, b):
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("background", ["#ffffff", "#262626"])  # Wagtail light / dark page
def test_palette_contrast_is_at_least_3_to_1(background):
    assert all(contrast(colour, background) >= 3 for colour in PALETTE)


def test_series_differ_by_dash_pattern_too():
    assert len(set(DASHES)) == len(DASHES) == len(PALETTE)


def test_chart_is_an_accessible_image():
    svg = line_chart("c", "Shares per day", DAYS, [("WhatsApp", list(range(10)))])
    assert 'role="img"' in svg
    assert 'aria-labelledby="c-title c-desc"' in svg
    assert '<title id="c-title">Shares per day</title>' in svg
    desc = re.search(r'<desc id="c-desc">(.*?)</desc>', svg)[1]
    assert "WhatsApp: 45 in total, at most 9 on March 10." in desc
    assert 'fill="currentColor"' in svg
    assert "<script" not in svg and "http://" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_labels_are_escaped():
    svg = line_chart("c", "<b>t</b>", DAYS, [("<script>x</script>", [1] * 10)])
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;x&lt;/script&gt;" in svg


def test_extra_series_are_folded_into_other():
    series = [(f"s{n}", [n] * 3) for n in range(9)]
    folded = limit_series(series, "Other")
    assert [label for label, _values in folded] == ["s0", "s1", "s2", "s3", "s4", "Other"]
    assert folded[-1][1] == [5 + 6 + 7 + 8] * 3
    svg = line_chart("c", "t", DAYS[:3], series, "Other")
    assert svg.count("<polyline") == len(PALETTE)


def test_empty_and_single_day_charts_render():
    assert "none." in line_chart("c", "t", DAYS[:1], [("A", [0])])
    assert line_chart("c", "t", DAYS[:1], []).startswith("<svg")


@pytest.mark.parametrize(
    ("value", "expected"), [(0, (4, 1)), (3, (3, 1)), (7, (8, 2)), (99, (100, 20))]
)
def test_y_axis_scale(value, expected):
    assert nice_scale(value) == expected
