"""Shared fixtures: the sample plan parsed once, and small helpers to parse test plans."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from fengong import parse_text
from fengong.model import Plan
from fengong.rdf import plan_graph
from fengong.read import read_sample

DATA = Path(__file__).parent / "data"

pytest_plugins = ["servers"]  # real SPARQL servers (Oxigraph, Virtuoso) on loopback, once per session


@pytest.fixture(scope="session")
def sample() -> Plan:
    source = read_sample()
    return parse_text(source.text, source=source.name)


@pytest.fixture(scope="session")
def sample_graph(sample):
    return plan_graph(sample)


@pytest.fixture(scope="session")
def gold() -> list[dict[str, str]]:
    with open(DATA / "neimenggu-2016-quality-plan.tsv", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


SEVERAL_PLANS = DATA / "several-plans"  # five short plans of two jurisdictions and three years


@pytest.fixture(scope="session")
def several_plans_graph(tmp_path_factory) -> Path:
    """The graph of tests/data/several-plans/, built once (fengong build, no analysis)."""
    from click.testing import CliRunner

    from fengong.cli import main

    out = tmp_path_factory.mktemp("several-plans")
    result = CliRunner().invoke(main, ["build", str(SEVERAL_PLANS), "-o", str(out), "--no-viz", "--no-analysis"])
    assert result.exit_code == 0, result.output
    return out / "graph.ttl"
