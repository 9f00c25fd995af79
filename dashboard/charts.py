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
    if chart.stacked:
        largest = max((sum(values[i] for _n, values in series) for i in range(len(labels))), default=0)
    else:
        largest = max((v for _n, values in series for v in values), default=0)
    scale = BAR_AREA / largest if largest else 0
    per_series = ROW if chart.stacked or len(series) == 1 else max(8, ROW // len(series) + 2)
    band = per_series if chart.stacked else per_series * max(1, len(series))
    legend = []
    if len(series) > 1:
        legend = [
            {"label": str(name), "css": f"series-{i % SERIES_CLASSES}", "x": 0, "y": 0}
            for i, (name, _values) in enumerate(series)
        ]
    legend_height = _place_legend(legend)
    bars = []
    y = TOP + legend_height
    for index, label in enumerate(labels):
        bar = Bar(label=str(label), short_label=_short(label), label_y=y + band / 2 + 4)
        x = LABEL_WIDTH
        total = 0
        for i, (name, values) in enumerate(series):
            value = values[index]
            total += value
            width = value * scale
            top = y if chart.stacked else y + i * per_series
            title = (
                f"{label} – {name}: {number_format(value)}" if len(series) > 1 else f"{label}: {number_format(value)}"
            )
            if value:
                bar.rects.append(
                    Rect(
                        x=round(x, 1),
                        y=round(top, 1),
                        width=round(max(width, 1), 1),
                        height=per_series - 2,
                        css=f"series-{i % SERIES_CLASSES}",
                        title=title,
                    )
                )
            if chart.stacked:
                x += width
        if chart.stacked or len(series) == 1:
            bar.value_text = number_format(total)
        else:
            bar.value_text = " / ".join(number_format(values[index]) for _n, values in series)
        longest = max((r.x + r.width for r in bar.rects), default=LABEL_WIDTH)
        bar.value_x = round(longest + 4, 1)
        bar.value_y = round(y + band / 2 + 4, 1)
        bars.append(bar)
        y += band + GAP
    return Svg(
        width=WIDTH,
        height=int(y + TOP),
        bars=bars,
        legend=legend,
        label_width=LABEL_WIDTH - 6,
        axis_x=LABEL_WIDTH,
        empty=largest == 0,
    )


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
