"""Charts drawn in worker processes (fengong.analysis.painter) are the charts drawn here: the same
files to the byte, the same font warnings, and an error drawing one is raised, not lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from fengong.analysis import analyse, load_assignments
from fengong.analysis.defaults import CHART_SUFFIXES, HEATMAP, LOAD_CHART
from fengong.analysis.display import Display
from fengong.analysis.job import analyse_into
from fengong.analysis.painter import Chart, Painter, WorkerPainter
from fengong.rdf import to_turtle
from fengong.store import open_store

QTS = "自治区质监局"
NO_GLYPH = "\ue000"  # a private-use character: no font draws it


@pytest.fixture(scope="module")
def store(sample_graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("graph") / "graph.ttl"
    path.write_text(to_turtle(sample_graph), encoding="utf-8")
    return open_store(graph=path)


@pytest.fixture(scope="module")
def result(store):
    return analyse(load_assignments(store))


def chart_files(folder: Path) -> dict[str, bytes]:
    return {f"{chart}{suffix}": (folder / f"{chart}{suffix}").read_bytes()
            for chart in (LOAD_CHART, HEATMAP) for suffix in CHART_SUFFIXES}


def test_an_analysis_whose_charts_workers_draw_writes_the_same_chart_files(store, tmp_path):
    here = analyse_into(store, tmp_path / "here", painter=Painter())
    with WorkerPainter(2) as painter:
        there = analyse_into(store, tmp_path / "workers", painter=painter)
    assert chart_files(tmp_path / "workers") == chart_files(tmp_path / "here")
    assert here.fonts == there.fonts == []


def test_font_warnings_come_back_from_the_workers_in_order(result, tmp_path):
    unknown = Display("zh", {QTS: f"自治区{NO_GLYPH}局"})
    charts = [Chart("load_chart", tmp_path / f"{n}", (result.loads, result.fence), {"display": d})
              for n, d in enumerate((Display(), unknown))]
    here, workers = Painter(), WorkerPainter(2)
    for painter in (here, workers):
        for chart in charts:
            painter.paint(chart)
    assert workers.finish() == here.finish()
    [message] = here.fonts
    assert NO_GLYPH in message and "install a font that has them" in message


def test_an_error_drawing_a_chart_in_a_worker_is_raised_when_the_painter_finishes(tmp_path):
    painter = WorkerPainter(1)
    assert painter.paint(Chart("no_such_chart", tmp_path / "x")) == [tmp_path / "x.png", tmp_path / "x.svg"]
    with pytest.raises(AttributeError, match="no_such_chart"):
        painter.finish()
