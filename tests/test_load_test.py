"""scripts/load_test.py runs: a small load (2 clients, 2 s) on a served example workspace."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "load_test.py"


def test_load_test_reports_requests_and_no_errors() -> None:
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--clients", "2", "--seconds", "2"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith("2 clients for 2 s on http://127.0.0.1:")
    assert lines[1].startswith("requests: ") and int(lines[1].split()[1]) > 0
    assert lines[2] == "errors:   0"
    assert lines[3].startswith("latency:  p50 ")
    assert lines[4] == "server restarts: 0"
