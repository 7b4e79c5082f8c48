"""Real plans, scored the way the project's users are: the development set beside the checkout.

``../shared/realplans/`` holds real plans of every level with gold rows and the scorer
(``score.py``, which runs ``fengong export assignments`` on each plan). The texts stay there,
never in the project; without the folder (a user's clone) this test is skipped. The bar: micro F1
≥ 0.97 over all plans, every plan ≥ 0.90, none refused.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REALPLANS = Path(os.environ.get("FENGONG_REALPLANS", Path(__file__).resolve().parents[2] / "shared" / "realplans"))
PLAN_LINE = re.compile(r"^(?P<plan>\S+): P=(?P<p>[\d.]+) R=(?P<r>[\d.]+) ")


@pytest.fixture(scope="module")
def scored() -> tuple[dict[str, float], dict, str]:
    if not (REALPLANS / "score.py").exists():
        pytest.skip(f"no development set at {REALPLANS}")
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    result = subprocess.run([sys.executable, str(REALPLANS / "score.py"), "--quiet"], capture_output=True,
                            text=True, env=env, timeout=900, check=True)
    per_plan = {}
    for line in result.stdout.splitlines():
        m = PLAN_LINE.match(line)
        if m:
            p, r = float(m["p"]), float(m["r"])
            per_plan[m["plan"]] = 2 * p * r / (p + r) if p + r else 0.0
    return per_plan, json.loads(result.stdout.splitlines()[-1]), result.stdout


def test_real_plans_micro_f1_at_least_097_and_none_refused(scored):
    per_plan, total, output = scored
    assert total["plans"] == len(per_plan) >= 18, output
    assert total["refused"] == 0, output
    assert total["F1"] >= 0.97, output


def test_every_real_plan_at_least_090(scored):
    per_plan, _, output = scored
    assert {plan: f for plan, f in per_plan.items() if f < 0.90} == {}, output
