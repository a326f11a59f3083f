"""A build killed with SIGKILL at any moment leaves the previous out/ complete and loadable, and
the next build succeeds.

The kills land at random moments of a build (spread over its measured duration, so across
reading, validating, writing and publishing), and, through the test hook
``TALENTGRAPH_TEST_SWAP_PAUSE`` in graph/publish.py, exactly between the two renames of the swap:
the old out/ set aside, the new one not yet moved in. The seeds do not change, so every build
writes the same files with the same bytes (the store aside, whose files are not byte-stable).
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph
import pytest

pytestmark = pytest.mark.slow

TALENTGRAPH = [sys.executable, "-c", "from graph.cli import main; main()"]
RANDOM_KILLS = 16
SWAP_KILLS = 6


def _talentgraph(workspace: Path, *args: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*TALENTGRAPH, *args],
        cwd=workspace,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **env},
    )


def _outputs(out: Path) -> dict[str, str]:
    """Every published file but the store's, with a digest of its bytes."""
    return {
        path.relative_to(out).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(out.rglob("*"))
        if path.is_file() and "store" not in path.relative_to(out).parts
    }


def _check_loadable(workspace: Path, expected: dict[str, str], flows: bytes) -> None:
    # A read puts back an out/ that a kill inside the swap left set aside.
    answer = subprocess.run(
        [*TALENTGRAPH, "flows"], cwd=workspace, capture_output=True, check=False, timeout=120
    )
    assert (answer.returncode, answer.stdout) == (0, flows), answer.stderr.decode()
    out = workspace / "out"
    assert _outputs(out) == expected
    store = pyoxigraph.Store.read_only(str(out / "store"))
    assert len(store) > 0


def test_builds_killed_at_random_moments_leave_the_previous_out_loadable(
    built_sample: Path,
) -> None:
    out = built_sample / "out"
    expected = _outputs(out)
    flows = subprocess.run(
        [*TALENTGRAPH, "flows"], cwd=built_sample, capture_output=True, check=True
    ).stdout
    assert b"Norrland" in flows
    started = time.monotonic()
    assert _talentgraph(built_sample, "build").wait(timeout=300) == 0
    duration = time.monotonic() - started
    moments = random.Random(12).sample(range(1000), RANDOM_KILLS)
    for moment in moments:
        build = _talentgraph(built_sample, "build")
        time.sleep(duration * moment / 1000)
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=60)
        _check_loadable(built_sample, expected, flows)
    for _ in range(SWAP_KILLS):
        build = _talentgraph(built_sample, "build", TALENTGRAPH_TEST_SWAP_PAUSE="30")
        retired = out.parent / f".out.retired-{build.pid}"
        deadline = time.monotonic() + 300
        while not retired.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert retired.exists() and not out.exists()  # inside the swap
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=60)
        _check_loadable(built_sample, expected, flows)
    assert _talentgraph(built_sample, "build").wait(timeout=300) == 0
    _check_loadable(built_sample, expected, flows)
    assert not [path.name for path in built_sample.glob(".out.*")]  # no leftovers
