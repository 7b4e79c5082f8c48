"""Charts of change: a dumbbell chart of the largest changes between two sides of a comparison,
and a line chart of departments' load over the years.

Drawn as the other charts are (:mod:`.charts`): in a Chinese font fengong brings, on a figure of
their own, PNG and SVG without timestamps.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from matplotlib.figure import Figure

from .charts import chart_style, new_figure, row_height, wrapped
from .display import CHINESE, Display

RISE, FALL, BEFORE = "#b2182b", "#2166ac", "#969696"
LINE_COLOURS = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666")


def dumbbell_chart(rows: Sequence[tuple[str, float, float]], label_a: str, label_b: str,
                   display: Display = CHINESE) -> Figure:
    """One line per department from its load index in A (grey dot) to B (red when it rose, blue
    when it fell): ``rows`` as (short name, load in A, load in B), largest change first."""
    labels = [wrapped(display(name)) for name, _, _ in rows]
    with chart_style([*labels, label_a, label_b]):
        fig = new_figure(figsize=(9, 1.4 + row_height(labels) * max(len(rows), 1)))
        ax = fig.add_subplot()
        for y, (_, va, vb) in enumerate(rows):
            colour = RISE if vb > va else FALL
            ax.plot([va, vb], [y, y], color=colour, linewidth=2, alpha=0.6, zorder=1)
            ax.scatter([va], [y], color=BEFORE, s=36, zorder=2)
            ax.scatter([vb], [y], color=colour, s=36, zorder=3)
            ax.text(max(va, vb), y, f"  {va:g} → {vb:g}", va="center", fontsize=8)
        ax.scatter([], [], color=BEFORE, s=36, label=label_a)
        ax.scatter([], [], color=RISE, s=36, label=f"{label_b} (rose)")
        ax.scatter([], [], color=FALL, s=36, label=f"{label_b} (fell)")
        ax.set_yticks(range(len(rows)), labels)
        ax.invert_yaxis()
        ax.set_xlim(left=0, right=max((max(va, vb) for _, va, vb in rows), default=1) * 1.25 + 0.5)
        ax.set_xlabel("load index (weighted assignments)")
        ax.set_title(f"Load index, {label_a} → {label_b}: the {len(rows)} largest changes")
        fig.legend(loc="outside lower center", ncol=3, fontsize=8, frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
    return fig


def year_chart(series: Mapping[str, Sequence[float]], years: Sequence[str], jurisdiction: str,
               display: Display = CHINESE) -> Figure:
    """One line per department (short name → its load index in each of ``years``)."""
    labels = [display(name) for name in series]
    with chart_style([*labels, jurisdiction]):
        fig = new_figure(figsize=(9, 5))
        ax = fig.add_subplot()
        xs = range(len(years))
        for i, (label, values) in enumerate(zip(labels, series.values())):
            ax.plot(xs, values, marker="o", color=LINE_COLOURS[i % len(LINE_COLOURS)], label=label)
        ax.set_xticks(list(xs), list(years))
        ax.set_xlabel("year of the plans")
        ax.set_ylabel("load index (weighted assignments)")
        ax.set_ylim(bottom=0)
        ax.set_title(f"Load index per year, {jurisdiction}: the {len(series)} most loaded departments")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
    return fig
