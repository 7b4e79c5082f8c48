"""Outputs are byte-identical to the recorded ones (``tests/snapshots.py`` says why and how to update)."""

from __future__ import annotations

import json

import pytest

from tests.snapshots import SNAPSHOTS, libraries, outputs

RECORD = json.loads(SNAPSHOTS.read_text(encoding="utf-8"))


def test_every_output_is_byte_identical_to_the_recorded_one(tmp_path):
    if libraries() != RECORD["libraries"]:
        pytest.skip(f"snapshots written with {RECORD['libraries']}, these are {libraries()}: "
                    "run python -m tests.snapshots --update on the old code to compare")
    now = outputs(tmp_path)
    changed = sorted(k for k in RECORD["outputs"].keys() | now.keys() if RECORD["outputs"].get(k) != now.get(k))
    assert not changed, f"outputs differ from tests/data/snapshots.json: {changed}"
