"""Figures per year without their empty stretches: what the page draws and lists of a figure whose rows are years.

Years with nothing recorded before the first year with a record, and after the last, are left out; a run of
FOLD_AT or more empty years between two years with records becomes one row ("2001–2014: nothing recorded"); one or
two empty years stay, as zeros, so the rhythm of the years still shows. A year is empty when every series of the
figure's chart is zero in it (for joins and withdrawals: neither). The CSV download keeps every year of the period.
"""

from dataclasses import dataclass, replace

FOLD_AT = 3


@dataclass(frozen=True)
class Gap:
    """A run of years with nothing recorded, shown as one row."""

    first: int
    last: int

    @property
    def label(self):
        return str(self.first) if self.first == self.last else f"{self.first}–{self.last}"


@dataclass
class Folded:
    """What the page shows of a per-year figure."""

    chart: object  # a figures.Chart whose labels are the years kept and the gaps' labels
    rows: list  # per label: the figure's row (a list) or a Gap
    left_out: list  # Gaps: the leading and trailing empty stretches left out entirely


def stretches(years, empty, fold_at=FOLD_AT):
    """Split `years` (in order) by `empty` (one flag per year) into what to show and what to leave out.

    Returns (shown, left_out): `shown` lists, in order, the index of each year kept and a Gap for each long run of
    empty years between kept ones; `left_out` the Gaps before the first and after the last year with a record.
    Everything is left out when no year has a record.
    """
    full = [i for i, is_empty in enumerate(empty) if not is_empty]
    if not full:
        return [], [Gap(years[0], years[-1])] if years else []
    first, last = full[0], full[-1]
    left_out = []
    if first > 0:
        left_out.append(Gap(years[0], years[first - 1]))
    if last < len(years) - 1:
        left_out.append(Gap(years[last + 1], years[-1]))
    shown, run = [], []
    for i in range(first, last + 1):
        if empty[i]:
            run.append(i)
            continue
        shown += [Gap(years[run[0]], years[run[-1]])] if len(run) >= fold_at else run
        run = []
        shown.append(i)
    return shown, left_out


def fold(figure):
    """The chart and rows the page shows for a per-year figure (its chart's labels are the years of its rows)."""
    chart = figure.chart
    empty = [not any(values[i] for _name, values in chart.series) for i in range(len(chart.labels))]
    shown, left_out = stretches(list(chart.labels), empty)
    labels, rows, gaps = [], [], set()
    for part in shown:
        if isinstance(part, Gap):
            gaps.add(len(labels))
            labels.append(part.label)
            rows.append(part)
        else:
            labels.append(chart.labels[part])
            rows.append(figure.rows[part])
    series = [(name, [0 if isinstance(part, Gap) else values[part] for part in shown]) for name, values in chart.series]
    return Folded(
        chart=replace(chart, labels=labels, series=series, gaps=frozenset(gaps)), rows=rows, left_out=left_out
    )
