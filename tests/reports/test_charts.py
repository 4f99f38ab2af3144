"""The SVG chart: accessible, escaped, legible on light and dark backgrounds."""

import datetime
import re

import pytest

from wagtail_darksocial import channels
from wagtail_darksocial.models import ArrivalClass
from wagtail_darksocial.reports.charts import (
    CHANNEL_COLOURS,
    CLASS_COLOURS,
    DASHES,
    FALLBACK,
    MAX_SERIES,
    OTHER_COLOUR,
    Series,
    colour,
    day_labels,
    limit_series,
    line_chart,
    nice_scale,
)

PALETTE = {*CHANNEL_COLOURS.values(), *CLASS_COLOURS.values(), *FALLBACK, OTHER_COLOUR}

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
    assert len(set(DASHES)) == len(DASHES) == MAX_SERIES == 5


def test_every_channel_and_class_has_a_stable_colour_of_its_own():
    assert set(CHANNEL_COLOURS) <= set(channels.NAMES)
    assert set(CLASS_COLOURS) == set(ArrivalClass.values)
    # Main channels and classes never share a colour, nor take "Other"'s grey.
    explicit = [*CHANNEL_COLOURS.values(), *CLASS_COLOURS.values()]
    assert len(set(explicit)) == len(explicit) and OTHER_COLOUR not in explicit
    # Any new registry name gets one of the fallback colours, the same every time.
    assert colour("mastodon") in FALLBACK and colour("mastodon") == colour("mastodon")
    assert colour("whatsapp") == CHANNEL_COLOURS["whatsapp"]
    assert colour("dark", "class") == CLASS_COLOURS["dark"]


def test_a_series_keeps_its_colour_in_every_chart():
    whatsapp = Series("WhatsApp", [1, 2, 3], colour("whatsapp"))
    for others in ([], [Series("SMS", [3, 2, 1], colour("sms"))]):
        svg = line_chart("c", "t", DAYS[:3], [*others, whatsapp])
        assert (
            f'<g stroke="{colour("whatsapp")}" fill="{colour("whatsapp")}" data-series="WhatsApp">'
            in svg
        )


def test_nothing_is_drawn_below_the_axis():
    """A dip to 0 between peaks: round joins, and the lines are clipped at the axis."""
    svg = line_chart("c", "t", DAYS[:5], [Series("A", [50, 0, 50, 0, 50], "#198e36")])
    assert 'stroke-linejoin="round"' in svg
    clip = re.search(r'<clipPath id="c-plot"><rect x="0" y="0" width="\d+" height="(\d+)"/>', svg)
    axis = re.search(r'<line x1="\d+" x2="\d+" y1="(\d+)" y2="\1" stroke="currentColor"/>', svg)
    assert int(clip[1]) == int(axis[1]) + 1
    assert '<g clip-path="url(#c-plot)">' in svg
    points = re.search(r'<polyline points="([^"]+)"', svg)[1].split()
    assert max(float(point.split(",")[1]) for point in points) == int(axis[1])


def test_days_read_the_same_on_axes_and_in_tables_in_each_language():
    from django.utils import translation

    days = DAYS[:1] + [datetime.date(2025, 12, 2)]
    assert day_labels(days) == ["March 1", "December 2"]
    with translation.override("fr"):
        assert day_labels(days) == ["1 mars", "2 décembre"]
        svg = line_chart("c", "t", days, [("A", [1, 2])])
        assert ">2 décembre</text>" in svg and "Déc" not in svg
    # Across a new year, the year too.
    assert day_labels([datetime.date(2025, 12, 31), datetime.date(2026, 1, 1)]) == [
        "Dec. 31, 2025",
        "Jan. 1, 2026",
    ]


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
    assert [line.label for line in folded] == ["s0", "s1", "s2", "s3", "Other"]
    assert folded[-1].values == [4 + 5 + 6 + 7 + 8] * 3
    assert folded[-1].colour == OTHER_COLOUR
    svg = line_chart("c", "t", DAYS[:3], series, "Other")
    assert svg.count("<polyline") == MAX_SERIES


def test_empty_and_single_day_charts_render():
    assert "none." in line_chart("c", "t", DAYS[:1], [("A", [0])])
    assert line_chart("c", "t", DAYS[:1], []).startswith("<svg")


@pytest.mark.parametrize(
    ("value", "expected"), [(0, (4, 1)), (3, (3, 1)), (7, (8, 2)), (99, (100, 20))]
)
def test_y_axis_scale(value, expected):
    assert nice_scale(value) == expected


def test_axis_labels_never_run_into_each_other():
    days = [datetime.date(2025, 11, 1) + datetime.timedelta(days=n) for n in range(30)]
    svg = line_chart("c", "t", days, [("A", [1] * 30)])
    xs = [
        float(x)
        for x in re.findall(r'<text x="([\d.]+)" y="\d+" text-anchor="[a-z]+">November', svg)
    ]
    assert 3 <= len(xs) <= 6
    # "November 22" is about 90 px wide at 12 px.
    assert min(b - a for a, b in zip(xs, xs[1:], strict=False)) >= 110
