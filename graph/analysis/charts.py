"""Charts for policy readers: the load index of the most loaded departments, and where in the plan
each department works (department × section heatmap). PNG for reading, SVG for print.

Chinese labels need a font with Chinese glyphs; matplotlib's bundled DejaVu Sans has none and
draws boxes (tofu). They are drawn in the font fengong brings with it (:mod:`.fonts`: Noto Sans SC,
from a PyPI package), or, for a label it lacks a character of, the first installed font that has
them all; when no font has, the charts are still drawn, with a single :class:`FontWarning` saying
so. Text in the SVG is drawn as paths, so the SVG shows the same glyphs on a machine without the
font. English names (``--lang en``) need no CJK font: labels in ASCII are drawn in matplotlib's own
font, and long ones are wrapped onto several lines at word boundaries (Chinese names, which have no
spaces, never are).

Figures are drawn on a :class:`~matplotlib.figure.Figure` of their own, never through pyplot's
global state, so the functions are safe to call from a notebook; they return the figure.
"""

from __future__ import annotations

import io
import textwrap
import warnings
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..output import write_atomic
from .data import ROLES
from .display import CHINESE, Display
from .fonts import FONT_PACKAGE, FontWarning, bundled_font, covers, find_cjk_font
from .stats import Fence
from .defaults import CHART_SUFFIXES, CHART_TOP
from .workload import DEFAULT_WEIGHTS, DepartmentLoad, SectionLoad, Weights

ROLE_COLOURS = {"lead": "#b2182b", "responsible": "#ef8a62", "joint": "#fddbc7", "support": "#67a9cf"}
OVERLOADED = "#b2182b"  # names and values of departments above the fence (CJK fonts rarely have bold)
LABEL_WIDTH = 44  # characters per line of a wrapped department name
ROW_HEIGHT = 0.38  # inches per department row holding a one-line name
LINE_HEIGHT = 0.16  # inches per line of a department name


@contextmanager
def chart_style(labels: Iterable[str]) -> Iterator[None]:
    """Draw a chart whose text includes ``labels``: a CJK font first, deterministic SVG.

    When no font has every character, the labels are drawn in the bundled font (all it has), and
    one :class:`FontWarning` replaces matplotlib's warning per missing glyph.
    """
    text = "".join(labels)
    params = {"svg.fonttype": "path", "svg.hashsalt": "fengong", "axes.unicode_minus": False}
    with warnings.catch_warnings():
        if not text.isascii():  # ASCII (English names) is drawn in matplotlib's own font
            font = find_cjk_font(text)
            if font is None:
                font = bundled_font()
                lacking = "".join(sorted({ch for ch in text if ord(ch) > 0x7F
                                          and not (font and covers(font.fname, ch))}))
                warnings.warn("no installed font has every character of the chart labels, so some show as "
                              f"boxes{': ' + lacking if lacking else ''}: install a font that has them"
                              + ("" if font else f" (pip install {FONT_PACKAGE}: fengong's own)"),
                              FontWarning, stacklevel=4)
                _ignore_missing_glyphs()
            if font is not None:
                # Concrete family names, not the "sans-serif" alias: texts keep them, so the figure
                # draws the same when it is saved later, outside this context (e.g. in a notebook).
                params["font.family"] = [font.name, "DejaVu Sans"]
        with rc_context(params):
            yield


def wrapped(name: str, width: int = LABEL_WIDTH) -> str:
    """A department name on lines of at most ``width`` characters, broken between words only.

    >>> print(wrapped("Bureau of Quality and Technical Supervision of Inner Mongolia Autonomous Region"))
    Bureau of Quality and Technical Supervision
    of Inner Mongolia Autonomous Region
    >>> wrapped("内蒙古自治区质量技术监督局", 4)
    '内蒙古自治区质量技术监督局'
    """
    return textwrap.fill(name, width, break_long_words=False, break_on_hyphens=False)


def row_height(labels: Sequence[str]) -> float:
    """Inches per row: enough for the longest wrapped label, at least :data:`ROW_HEIGHT`."""
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    return max(ROW_HEIGHT, LINE_HEIGHT * lines + 0.1)


def load_chart(loads: Sequence[DepartmentLoad], fence: Fence, weights: Weights = DEFAULT_WEIGHTS,
               top: int = CHART_TOP, display: Display = CHINESE) -> Figure:
    """Horizontal bars of the load index of the ``top`` most loaded departments, split by role
    (each segment is count × weight), with the overload fence as a dashed line; departments named
    as ``display`` does."""
    rows = [r for r in loads if not r.collective][:top]
    labels = [wrapped(display(r.short_name)) for r in rows]
    with chart_style(labels):
        fig = new_figure(figsize=(9, 1.2 + row_height(labels) * max(len(rows), 1)))
        ax = fig.add_subplot()
        ys = range(len(rows))
        left = [0.0] * len(rows)
        for role in ROLES:
            widths = [getattr(r, role) * weights.of(role) for r in rows]
            ax.barh(ys, widths, left=left, color=ROLE_COLOURS[role], edgecolor="white", linewidth=0.5,
                    label=f"{role} × {weights.of(role):g}")
            left = [a + b for a, b in zip(left, widths)]
        for y, r in zip(ys, rows):
            ax.text(r.load, y, f" {r.load:g}", va="center", fontsize=8,
                    color=OVERLOADED if r.overloaded else "black")
        ax.axvline(fence.upper, color="black", linestyle="--", linewidth=1)
        ax.text(fence.upper, -0.8, f" overload fence {fence.upper:g} (Q3 + {fence.k:g}·IQR)",
                fontsize=8, va="bottom")
        ax.set_yticks(list(ys), labels)
        for tick, r in zip(ax.get_yticklabels(), rows):
            if r.overloaded:
                tick.set_color(OVERLOADED)
        ax.invert_yaxis()
        ax.set_ylim(len(rows) - 0.5, -1.2)
        ax.set_xlabel("load index (weighted assignments)")
        ax.set_title(f"Load index, top {len(rows)} departments (red: above the overload fence)")
        ax.legend(loc="lower right", fontsize=8, frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
    return fig


def section_heatmap(cells: Sequence[SectionLoad], departments: Sequence[DepartmentLoad],
                    top: int = CHART_TOP, max_sections: int = 30, display: Display = CHINESE) -> Figure:
    """Units each of the ``top`` most loaded departments is named on (any role), per section;
    departments named as ``display`` does.

    Sections with the same label in several plans are one column; with more than
    ``max_sections`` sections, the most used are kept.
    """
    rows = [r for r in departments if not r.collective][:top]
    order: dict[str, int] = {}
    totals: dict[str, int] = {}
    values: dict[tuple[str, str], int] = {}
    for c in cells:
        order.setdefault(c.section_label, len(order))
        totals[c.section_label] = totals.get(c.section_label, 0) + c.units
        values[(c.department, c.section_label)] = values.get((c.department, c.section_label), 0) + c.units
    keep = set(sorted(totals, key=lambda s: (-totals[s], order[s]))[:max_sections])
    columns = [s for s in order if s in keep]
    matrix = [[values.get((r.department, s), 0) for s in columns] for r in rows]
    labels = [wrapped(display(r.short_name)) for r in rows]
    with chart_style([*labels, *columns]):
        fig = new_figure(figsize=(3 + 0.7 * max(len(columns), 1), 2.2 + row_height(labels) * max(len(rows), 1)))
        ax = fig.add_subplot()
        image = ax.imshow(matrix or [[0]], cmap="Blues", aspect="auto", vmin=0)
        peak = max((v for line in matrix for v in line), default=0)
        for i, line in enumerate(matrix):
            for j, v in enumerate(line):
                if v:
                    ax.text(j, i, str(v), ha="center", va="center", fontsize=8,
                            color="white" if v > peak / 2 else "black")
        ax.set_xticks(range(len(columns)), columns, rotation=40, ha="right", rotation_mode="anchor")
        ax.set_yticks(range(len(rows)), labels)
        ax.set_title("Units per department and section (any role)")
        fig.colorbar(image, ax=ax, label="units", shrink=0.8)
    return fig


def new_figure(figsize: tuple[float, float]) -> Figure:
    """A figure with an Agg canvas of its own: drawn without pyplot, so no global state."""
    fig = Figure(figsize=figsize, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _ignore_missing_glyphs() -> None:
    warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font", category=UserWarning)


def save(fig: Figure, stem: Path) -> list[Path]:
    """Write ``fig`` as ``stem.png`` (150 dpi) and ``stem.svg``, without timestamps, so the same
    figure always gives the same files. The figure is laid out once, for the PNG: the SVG keeps
    that layout (laying it out again, a third of the SVG's time, would move it by a fraction of a
    point), and the figure keeps it too."""
    paths = []
    metadata_of = {".png": {"Software": None}, ".svg": {"Date": None}}
    for suffix in CHART_SUFFIXES:
        metadata = metadata_of[suffix]
        buf = io.BytesIO()
        with rc_context({"svg.hashsalt": "fengong", "svg.fonttype": "path"}), warnings.catch_warnings():
            _ignore_missing_glyphs()  # drawing the figure already warned, once, if a font was missing
            fig.savefig(buf, format=suffix[1:], dpi=150, metadata=metadata)
        fig.set_layout_engine("none")  # keeps the layout just made
        path = stem.with_suffix(suffix)
        write_atomic(path, buf.getvalue())
        paths.append(path)
    return paths
