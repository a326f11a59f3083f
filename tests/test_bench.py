"""scripts/bench.py runs: a small size, with the plain way, reports every stage in its schema.

No timing is asserted: the benchmark is not a test, only its running is."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "bench.py"


def test_bench_reports_every_stage_with_the_plain_way_at_a_small_size(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--triples", "3000", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )
    assert run.returncode == 0, run.stderr
    assert not list(tmp_path.iterdir())  # its work folder (a gigabyte at 1 M) is removed
    result = json.loads(run.stdout)
    assert set(result) == {"triples", "stages", "peak_rss_mb"}
    assert 1500 < result["triples"] < 6000 and result["peak_rss_mb"] > 0
    stages = result["stages"]
    for name in ("import", "build (all of it)", "validation", "store load", "flows", "pagerank"):
        assert name in stages
    assert "query net-flow (the flow query)" in stages
    for name, stage in stages.items():
        assert set(stage) == {"talentgraph_s", "baseline_s", "ratio"}, name
        assert stage["talentgraph_s"] >= 0
        if stage["baseline_s"] is None:
            assert stage["ratio"] is None
        elif stage["talentgraph_s"] > 0:
            assert stage["ratio"] == pytest.approx(stage["baseline_s"] / stage["talentgraph_s"])
    # Below the baseline limit, the plain way runs for the build, validation and queries.
    assert stages["build (all of it)"]["baseline_s"] is not None
    assert stages["validation"]["baseline_s"] is not None
    assert stages["query net-flow (the flow query)"]["baseline_s"] is not None
