"""A small server-side SVG line chart: no JavaScript, no third-party requests.

The chart is an accessible image (``role="img"`` labelled by its ``<title>`` and
``<desc>``, the description summarising every series); callers show the same data in
a table beside it. Text and grid lines use ``currentColor`` so they follow the admin's
light or dark theme. Series differ by dash pattern as well as by colour, and each
colour has a contrast of at least 3:1 on white and on the dark theme's #262626.
"""

import math

from django.utils.formats import date_format, number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

PALETTE = ("#3b82f6", "#ea580c", "#059669", "#a855f7", "#e0457b", "#8a8a8a")
DASHES = ("", "9 4", "2 3", "9 3 2 3", "16 5", "4 2 1 2 1 2")
MAX_SERIES = len(PALETTE)

WIDTH = 720
PLOT_HEIGHT = 220
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 64, 16, 12, 32
LEGEND_ROW, LEGEND_COLUMNS = 22, 3
MAX_X_LABELS = 6
MARKERS_UP_TO = 62  # days; beyond that the dots would merge into a line


def _number(value):
    return number_format(value, force_grouping=True)


def _day(day):
    return date_format(day, "MONTH_DAY_FORMAT")


def _tick(day):
    # Short ("3 Nov", "3 nov."), so that the axis labels never run into each other.
    return date_format(day, "j M")


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


def limit_series(series, other_label, limit=MAX_SERIES):
    """Keep the first ``limit - 1`` series and add up the rest as ``other_label``."""
    series = list(series)
    if len(series) <= limit:
        return series
    kept, rest = series[: limit - 1], series[limit - 1 :]
    merged = [sum(values) for values in zip(*(values for _label, values in rest), strict=True)]
    return [*kept, (other_label, merged)]


def describe(days, series):
    """A sentence per series: its total and its busiest day."""
    if not days:
        return ""
    sentences = [_("From %(start)s to %(end)s.") % {"start": _day(days[0]), "end": _day(days[-1])}]
    for label, values in series:
        peak = max(values, default=0)
        if peak:
            sentences.append(
                _("%(series)s: %(total)s in total, at most %(peak)s on %(day)s.")
                % {
                    "series": label,
                    "total": _number(sum(values)),
                    "peak": _number(peak),
                    "day": _day(days[values.index(peak)]),
                }
            )
        else:
            sentences.append(_("%(series)s: none.") % {"series": label})
    return " ".join(sentences)


def line_chart(chart_id, title, days, series, other_label=None):
    """An SVG line chart of ``series`` (``[(label, [value per day])]``) over ``days``.

    More than ``MAX_SERIES`` series are folded into ``other_label``. Returns safe HTML.
    """
    series = limit_series(series, other_label or _("Other"))
    top, step = nice_scale(max((max(values, default=0) for _l, values in series), default=0))
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
    label_every = max(1, math.ceil(len(days) / MAX_X_LABELS))
    shown = [
        n
        for n in range(len(days))
        if n % label_every == 0 or (n == len(days) - 1 and n % label_every >= label_every * 0.8)
    ]
    x_labels = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="{}">{}</text>',
        (
            # The first and last labels line up with the plot's edges instead of overflowing.
            (x(n), baseline + 20, _anchor(n, len(days)), _tick(days[n]))
            for n in shown
        ),
    )
    lines = []
    legend = []
    for index, (label, values) in enumerate(series):
        colour, dash = PALETTE[index], DASHES[index]
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
                '<g stroke="{}" fill="{}" data-series="{}">'
                '<polyline points="{}" fill="none" stroke-width="2" stroke-dasharray="{}"/>{}</g>',
                colour,
                colour,
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
                colour,
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
        "<g>{lines}</g>"
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
        lines=mark_safe("".join(lines)),  # noqa: S308 (built with format_html)
        legend=mark_safe("".join(legend)),  # noqa: S308 (built with format_html)
    )
