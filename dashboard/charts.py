"""Server-drawn SVG bar charts: the geometry is computed here and templates/dashboard/chart.svg.html draws it.

No JavaScript and no CDN: the chart is part of the page, prints as crisply as the text, and every bar carries a
<title> naming its label, series and value for screen readers and mouse hover. Colours come from CSS classes
(series-0, series-1, ...) in static/css/dashboard.css, which also gives them print-friendly patterns of lightness.
"""

from dataclasses import dataclass, field

from django.utils.formats import number_format

WIDTH = 640
LABEL_WIDTH = 200
VALUE_WIDTH = 56
BAR_AREA = WIDTH - LABEL_WIDTH - VALUE_WIDTH
ROW = 22
GAP = 6
TOP = 4
LEGEND_ROW = 20
LABEL_CHARS = 24
SERIES_CLASSES = 10


@dataclass
class Rect:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str


@dataclass
class Bar:
    label: str
    short_label: str
    label_y: float
    rects: list = field(default_factory=list)
    value_text: str = ""
    value_x: float = 0
    value_y: float = 0


@dataclass
class Svg:
    width: int
    height: int
    bars: list
    legend: list
    label_width: int
    axis_x: float
    empty: bool


def _short(label):
    label = str(label)
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def draw(chart):
    """Turn a figures.Chart into an Svg: horizontal bars, stacked or side by side, scaled to the largest value."""
    labels = chart.labels[: chart.limit] if chart.limit else chart.labels
    series = [(name, values[: len(labels)]) for name, values in chart.series]
    largest = _largest(series, len(labels), chart.stacked)
    layout = _layout(series, largest, chart.stacked)
    legend = _legend(series)
    y = TOP + _place_legend(legend)
    bars = []
    for index, label in enumerate(labels):
        bars.append(_bar(label, [(name, values[index]) for name, values in series], y, layout))
        y += layout.band + GAP
    return Svg(
        width=WIDTH,
        height=int(y + TOP),
        bars=bars,
        legend=legend,
        label_width=LABEL_WIDTH - 6,
        axis_x=LABEL_WIDTH,
        empty=largest == 0,
    )


@dataclass
class Layout:
    """How one chart's bars are sized: points per unit of value, the height of one series' bar and of one label's."""

    stacked: bool
    scale: float
    per_series: int
    band: int


def _largest(series, count, stacked):
    """The value of the longest bar: the largest sum per label when stacked, else the largest single value."""
    if stacked:
        return max((sum(values[i] for _n, values in series) for i in range(count)), default=0)
    return max((v for _n, values in series for v in values), default=0)


def _layout(series, largest, stacked):
    per_series = ROW if stacked or len(series) == 1 else max(8, ROW // len(series) + 2)
    band = per_series if stacked else per_series * max(1, len(series))
    return Layout(stacked=stacked, scale=BAR_AREA / largest if largest else 0, per_series=per_series, band=band)


def _legend(series):
    """One legend item per series, when there are several (placed by _place_legend)."""
    if len(series) <= 1:
        return []
    return [
        {"label": str(name), "css": f"series-{i % SERIES_CLASSES}", "x": 0, "y": 0}
        for i, (name, _values) in enumerate(series)
    ]


def _bar(label, values, y, layout):
    """The bar of one label at height `y`: a rect per non-zero [(series name, value)], then the value written out."""
    bar = Bar(label=str(label), short_label=_short(label), label_y=y + layout.band / 2 + 4)
    x = LABEL_WIDTH
    for i, (name, value) in enumerate(values):
        width = value * layout.scale
        top = y if layout.stacked else y + i * layout.per_series
        if value:
            bar.rects.append(
                Rect(
                    x=round(x, 1),
                    y=round(top, 1),
                    width=round(max(width, 1), 1),
                    height=layout.per_series - 2,
                    css=f"series-{i % SERIES_CLASSES}",
                    title=_bar_title(label, name, value, several=len(values) > 1),
                )
            )
        if layout.stacked:
            x += width
    if layout.stacked or len(values) == 1:
        bar.value_text = number_format(sum(value for _name, value in values))
    else:
        bar.value_text = " / ".join(number_format(value) for _name, value in values)
    longest = max((r.x + r.width for r in bar.rects), default=LABEL_WIDTH)
    bar.value_x = round(longest + 4, 1)
    bar.value_y = round(y + layout.band / 2 + 4, 1)
    return bar


def _bar_title(label, name, value, several):
    """What hovering a bar (or a screen reader) says: its label, its series when there are several, its value."""
    if several:
        return f"{label} – {name}: {number_format(value)}"
    return f"{label}: {number_format(value)}"


def _place_legend(legend):
    """Lay the legend out in rows across the chart's width; return its height."""
    if not legend:
        return 0
    x, y = 0, TOP
    for item in legend:
        width = 22 + 7 * min(len(item["label"]), 40)
        if x and x + width > WIDTH:
            x, y = 0, y + LEGEND_ROW
        item["x"], item["y"] = x, y
        item["text_x"], item["text_y"] = x + 16, y + 11
        item["label"] = item["label"] if len(item["label"]) <= 40 else item["label"][:39] + "…"
        x += width
    return y + LEGEND_ROW
