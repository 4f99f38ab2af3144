"""A small server-side SVG line chart: no JavaScript, no third-party requests.

The chart is an accessible image (``role="img"`` labelled by its ``<title>`` and
``<desc>``, the description summarising every series); callers show the same data in
a table beside it. Text and grid lines use ``currentColor`` so they follow the admin's
light or dark theme. Series differ by dash pattern as well as by colour.

Colours: one per channel and per arrival class, the same in every chart and in the
home panel (``colour``). Each has a contrast of at least 3:1 on white and on the dark
theme's #262626. A channel without its own colour gets one of ``FALLBACK`` picked from
its name, so it keeps it from one page load to the next.
"""

import math
import zlib
from typing import NamedTuple

from django.utils.formats import date_format, number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

CHANNEL_COLOURS = {
    "whatsapp": "#198e36",
    "telegram": "#1484b5",
    "messenger": "#975ce8",
    "email": "#b6680f",
    "sms": "#148b7b",
    "linkedin": "#1d7be6",
    "x": "#6d7c93",
    "facebook": "#5275e0",
    "bluesky": "#0b7fd3",
    "reddit": "#e53d13",
    "native": "#d044a1",
    "copy": "#937910",
}
CLASS_COLOURS = {
    "dark": "#a859cf",
    "social": "#3177ee",
    "tagged": "#238b71",
    "search": "#6c8421",
    "referral": "#947759",
}
OTHER_COLOUR = "#7b7b7b"  # "Other": the series folded together
FALLBACK = (
    "#e04d4d",
    "#ba6d21",
    "#858517",
    "#548e19",
    "#1a9256",
    "#198e8e",
    "#2b82da",
    "#7373e6",
    "#a260e3",
    "#da2bda",
    "#de4290",
)
DASHES = ("", "9 4", "2 3", "9 3 2 3", "16 5")
MAX_SERIES = len(DASHES)


def colour(name, kind="channel"):
    """The colour of a channel (``kind="channel"``) or an arrival class (``"class"``)."""
    known = CLASS_COLOURS if kind == "class" else CHANNEL_COLOURS
    if name in known:
        return known[name]
    return FALLBACK[zlib.crc32(f"{kind}:{name}".encode()) % len(FALLBACK)]


class Series(NamedTuple):
    """One line: its label, a value per day, and its colour (see ``colour``)."""

    label: str
    values: list
    colour: str = OTHER_COLOUR


WIDTH = 720
PLOT_HEIGHT = 220
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 64, 16, 12, 32
LEGEND_ROW, LEGEND_COLUMNS = 22, 3
MAX_X_LABELS = 6
CHAR_WIDTH = 7.5  # px, an axis label's widest average character at 12 px
MARKERS_UP_TO = 62  # days; beyond that the dots would merge into a line


def _number(value):
    return number_format(value, force_grouping=True)


def day_labels(days):
    """Each day in the active language: "November 2" / "2 novembre", with the year
    ("Nov. 2, 2026" / "2 novembre 2026") when the days span more than one year.

    The axes, the data tables and the descriptions all use it, so they agree.
    """
    years = {day.year for day in days}
    fmt = "MONTH_DAY_FORMAT" if len(years) <= 1 else "DATE_FORMAT"
    return [date_format(day, fmt) for day in days]


def _coord(value):
    return f"{value:.1f}"


def _anchor(n, count):
    if count > 1 and n == 0:
        return "start"
    if count > 1 and n == count - 1:
        return "end"
    return "middle"


def nice_scale(value, ticks=4):
    """``(top, step)``: a y axis reaching ``value`` in at most ``ticks + 1`` steps of 1, 2 or 5."""
    if value <= 0:
        return ticks, 1
    magnitude = 10 ** math.floor(math.log10(value / ticks))
    for multiple in (1, 2, 5, 10):
        step = max(1, int(multiple * magnitude))
        if math.ceil(value / step) <= ticks + 1:
            break
    return step * math.ceil(value / step), step


def tick_indexes(labels, plot_width):
    """Which days get an axis label: evenly spaced, never closer than the longest label."""
    count = len(labels)
    if count < 2:
        return list(range(count))
    # About 0.6 em a character at 12 px, and a gap; the first and last labels are
    # anchored at the plot's edges, so they take more of the room beside them.
    room = 1.25 * (max(len(label) for label in labels) * CHAR_WIDTH + 16)
    every = max(math.ceil(count / MAX_X_LABELS), math.ceil(room / (plot_width / (count - 1))))
    shown = list(range(0, count, every))
    if (count - 1 - shown[-1]) * plot_width / (count - 1) >= room:
        shown.append(count - 1)  # the last day too, when there is room for it
    return shown


def limit_series(series, other_label, limit=MAX_SERIES):
    """Keep the first ``limit - 1`` series and add up the rest as ``other_label`` (grey)."""
    series = [Series(*line) for line in series]
    if len(series) <= limit:
        return series
    kept, rest = series[: limit - 1], series[limit - 1 :]
    merged = [sum(values) for values in zip(*(line.values for line in rest), strict=True)]
    return [*kept, Series(other_label, merged, OTHER_COLOUR)]


def describe(days, series):
    """A sentence per series: its total and its busiest day."""
    if not days:
        return ""
    labels = day_labels(days)
    sentences = [_("From %(start)s to %(end)s.") % {"start": labels[0], "end": labels[-1]}]
    for label, values, _colour in series:
        peak = max(values, default=0)
        if peak:
            sentences.append(
                _("%(series)s: %(total)s in total, at most %(peak)s on %(day)s.")
                % {
                    "series": label,
                    "total": _number(sum(values)),
                    "peak": _number(peak),
                    "day": labels[values.index(peak)],
                }
            )
        else:
            sentences.append(_("%(series)s: none.") % {"series": label})
    return " ".join(sentences)


def line_chart(chart_id, title, days, series, other_label=None):
    """An SVG line chart of ``series`` (``Series`` or ``(label, values, colour)``) over ``days``.

    More than ``MAX_SERIES`` series are folded into ``other_label``. Returns safe HTML.
    """
    series = limit_series(series, other_label or _("Other"))
    top, step = nice_scale(max((max(line.values, default=0) for line in series), default=0))
    plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    legend_rows = math.ceil(len(series) / LEGEND_COLUMNS)
    height = MARGIN_TOP + PLOT_HEIGHT + MARGIN_BOTTOM + legend_rows * LEGEND_ROW + 8
    baseline = MARGIN_TOP + PLOT_HEIGHT

    def x(n):
        if len(days) < 2:
            return _coord(MARGIN_LEFT + plot_width / 2)
        return _coord(MARGIN_LEFT + plot_width * n / (len(days) - 1))

    def y(value):
        return _coord(baseline - PLOT_HEIGHT * value / top)

    grid = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="currentColor" stroke-opacity="0.2"/>'
        '<text x="{}" y="{}" text-anchor="end" dominant-baseline="middle">{}</text>',
        (
            (MARGIN_LEFT, WIDTH - MARGIN_RIGHT, y(v), y(v), MARGIN_LEFT - 8, y(v), _number(v))
            for v in range(0, top + 1, step)
        ),
    )
    ticks = day_labels(days)
    shown = tick_indexes(ticks, plot_width)
    x_labels = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="{}">{}</text>',
        (
            # The first and last labels line up with the plot's edges instead of overflowing.
            (x(n), baseline + 20, _anchor(n, len(days)), ticks[n])
            for n in shown
        ),
    )
    lines = []
    legend = []
    for index, (label, values, line_colour) in enumerate(series):
        dash = DASHES[index]
        points = " ".join(f"{x(n)},{y(v)}" for n, v in enumerate(values))
        markers = ""
        if len(days) <= MARKERS_UP_TO:
            # Numbers only, so no escaping needed. Zeros stay bare: dots along the
            # baseline would hide each other.
            markers = mark_safe(  # noqa: S308
                "".join(
                    f'<circle cx="{x(n)}" cy="{y(v)}" r="2.5"/>' for n, v in enumerate(values) if v
                )
            )
        lines.append(
            format_html(
                # Round joins: a mitred join at a sharp dip to 0 pokes below the axis.
                '<g stroke="{}" fill="{}" data-series="{}"><polyline points="{}" fill="none" '
                'stroke-width="2" stroke-linejoin="round" stroke-dasharray="{}"/>{}</g>',
                line_colour,
                line_colour,
                label,
                points,
                dash or "none",
                markers,
            )
        )
        column, row = index % LEGEND_COLUMNS, index // LEGEND_COLUMNS
        lx = MARGIN_LEFT + column * plot_width // LEGEND_COLUMNS
        ly = baseline + MARGIN_BOTTOM + 8 + row * LEGEND_ROW
        legend.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="3" '
                'stroke-dasharray="{}"/><text x="{}" y="{}" dominant-baseline="middle">{}</text>',
                lx,
                lx + 32,
                ly,
                ly,
                line_colour,
                dash or "none",
                lx + 40,
                ly,
                label,
            )
        )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="darksocial-chart" role="img" '
        'viewBox="0 0 {width} {height}" aria-labelledby="{id}-title {id}-desc" id="{id}">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        '<g class="darksocial-chart__axes" fill="currentColor" font-size="12">{grid}{x_labels}'
        '<line x1="{left}" x2="{right}" y1="{base}" y2="{base}" stroke="currentColor"/></g>'
        '<clipPath id="{id}-plot"><rect x="0" y="0" width="{width}" height="{clip}"/></clipPath>'
        '<g clip-path="url(#{id}-plot)">{lines}</g>'
        '<g class="darksocial-chart__legend" fill="currentColor" font-size="13">{legend}</g>'
        "</svg>",
        width=WIDTH,
        height=height,
        id=chart_id,
        title=title,
        desc=describe(days, series),
        grid=grid,
        x_labels=x_labels,
        left=MARGIN_LEFT,
        right=WIDTH - MARGIN_RIGHT,
        base=baseline,
        clip=baseline + 1,  # half a line's width: nothing is drawn below the axis
        lines=mark_safe("".join(lines)),  # noqa: S308 (built with format_html)
        legend=mark_safe("".join(legend)),  # noqa: S308 (built with format_html)
    )
