"""Server-drawn SVG bar charts: the geometry is computed here and templates/dashboard/chart.svg.html draws it.

No JavaScript and no CDN: the chart is part of the page, prints as crisply as the text, and every bar carries a
<title> naming its label, series and value for screen readers and mouse hover. Colours come from CSS classes
(series-0, series-1, ...) in static/css/dashboard.css, which also gives them print-friendly patterns of lightness.

Each chart comes in two shapes of the same bars: WIDE (labels left of the bars, for screens from 768 px and print)
and COMPACT (each label above its bar, for phones and small tablets), so the text stays readable when the drawing scales to the width
of the screen; the stylesheet shows one of them.
"""

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

VALUE_WIDTH = 56
ROW = 22
GAP = 6
TOP = 4
LEGEND_ROW = 20
LABEL_LINE = 16  # COMPACT: the height of the label line above a bar
SERIES_CLASSES = 10


@dataclass(frozen=True)
class Geometry:
    """The shape of a chart: its width, and the room for the labels (0: each label stands above its bar)."""

    name: str
    width: int
    label_width: int
    label_chars: int

    @property
    def bar_area(self):
        return self.width - self.label_width - VALUE_WIDTH

    @property
    def labels_above(self):
        return self.label_width == 0


WIDE = Geometry("wide", width=640, label_width=200, label_chars=24)
COMPACT = Geometry("compact", width=320, label_width=0, label_chars=42)


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
    gap: bool = False


@dataclass
class Svg:
    shape: str
    width: int
    height: int
    bars: list
    legend: list
    label_x: int
    label_anchor: str
    axis_x: float
    empty: bool


def _short(label, chars):
    label = str(label)
    return label if len(label) <= chars else label[: chars - 1].rstrip() + "…"


def draw(chart, geometry=WIDE):
    """Turn a figures.Chart into an Svg: horizontal bars, stacked or side by side, scaled to the largest value."""
    labels = chart.labels[: chart.limit] if chart.limit else chart.labels
    series = [(name, values[: len(labels)]) for name, values in chart.series]
    largest = _largest(series, len(labels), chart.stacked)
    layout = _layout(series, largest, chart.stacked, geometry)
    legend = _legend(series)
    y = TOP + _place_legend(legend, geometry.width)
    bars = []
    for index, label in enumerate(labels):
        values = [(name, values[index]) for name, values in series]
        bars.append(_bar(label, values, y, layout, gap=index in chart.gaps))
        y += layout.step
    return Svg(
        shape=geometry.name,
        width=geometry.width,
        height=int(y + TOP),
        bars=bars,
        legend=legend,
        label_x=4 if geometry.labels_above else geometry.label_width - 6,
        label_anchor="start" if geometry.labels_above else "end",
        axis_x=geometry.label_width,
        empty=largest == 0,
    )


@dataclass
class Layout:
    """How one chart's bars are sized: points per unit of value, the height of one series' bar and of one label's."""

    stacked: bool
    scale: float
    per_series: int
    band: int
    geometry: Geometry

    @property
    def label_line(self):
        return LABEL_LINE if self.geometry.labels_above else 0

    @property
    def step(self):
        return self.label_line + self.band + GAP


def _largest(series, count, stacked):
    """The value of the longest bar: the largest sum per label when stacked, else the largest single value."""
    if stacked:
        return max((sum(values[i] for _n, values in series) for i in range(count)), default=0)
    return max((v for _n, values in series for v in values), default=0)


def _layout(series, largest, stacked, geometry):
    per_series = ROW if stacked or len(series) == 1 else max(8, ROW // len(series) + 2)
    band = per_series if stacked else per_series * max(1, len(series))
    scale = geometry.bar_area / largest if largest else 0
    return Layout(stacked=stacked, scale=scale, per_series=per_series, band=band, geometry=geometry)


def _legend(series):
    """One legend item per series, when there are several (placed by _place_legend)."""
    if len(series) <= 1:
        return []
    return [
        {"label": str(name), "css": f"series-{i % SERIES_CLASSES}", "x": 0, "y": 0}
        for i, (name, _values) in enumerate(series)
    ]


def _bar(label, values, y, layout, gap=False):
    """The bar of one label at height `y`: a rect per non-zero [(series name, value)], then the value written out.
    A gap (a run of years with nothing recorded) has no rect, and says so."""
    geometry = layout.geometry
    top_of_bars = y + layout.label_line
    label_y = y + 12 if geometry.labels_above else y + layout.band / 2 + 4
    bar = Bar(label=str(label), short_label=_short(label, geometry.label_chars), label_y=label_y, gap=gap)
    x = geometry.label_width
    for i, (name, value) in enumerate(values):
        width = value * layout.scale
        top = top_of_bars if layout.stacked else top_of_bars + i * layout.per_series
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
    if gap:
        bar.value_text = _("nothing recorded")
    elif layout.stacked or len(values) == 1:
        bar.value_text = number_format(sum(value for _name, value in values))
    else:
        bar.value_text = " / ".join(number_format(value) for _name, value in values)
    longest = max((r.x + r.width for r in bar.rects), default=geometry.label_width)
    bar.value_x = round(longest + 4, 1)
    bar.value_y = round(top_of_bars + layout.band / 2 + 4, 1)
    return bar


def _bar_title(label, name, value, several):
    """What hovering a bar (or a screen reader) says: its label, its series when there are several, its value."""
    if several:
        return f"{label} – {name}: {number_format(value)}"
    return f"{label}: {number_format(value)}"


def _place_legend(legend, width):
    """Lay the legend out in rows across the chart's width; return its height."""
    if not legend:
        return 0
    x, y = 0, TOP
    for item in legend:
        item["label"] = item["label"] if len(item["label"]) <= 40 else item["label"][:39] + "…"
        item_width = 22 + 7 * len(item["label"])
        if x and x + item_width > width:
            x, y = 0, y + LEGEND_ROW
        item["x"], item["y"] = x, y
        item["text_x"], item["text_y"] = x + 16, y + 11
        x += item_width
    return y + LEGEND_ROW
