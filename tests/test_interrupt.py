"""A build killed with SIGKILL at any moment leaves the previous out/ complete and loadable, and
the next build succeeds; an import killed at any moment leaves the workspace as it was (or, past
its commit, as a finished import leaves it), and the next import succeeds.

The kills land at random moments of a build (spread over its measured duration, so across
reading, validating, writing and publishing), and, through the test hook
``TALENTGRAPH_TEST_SWAP_PAUSE`` in graph/publish.py, exactly between the two renames of the swap:
the old out/ set aside, the new one not yet moved in. The seeds do not change, so every build
writes the same files with the same bytes (the store aside, whose files are not byte-stable).

Imports are killed the same way, at moments spread over a measured import of a large synthetic
file, and, through ``TALENTGRAPH_TEST_IMPORT_PAUSE`` in graph/curation/imports/files.py, exactly
after each step of the copy: copied under its pending name, linked to its real name, registered.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph
import pytest

from conftest import load_script

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


IMPORT_KILLS = 10
PEOPLE = 40_000  # about 13 MB: an import of a second or more


def _files(seeds: Path) -> dict[str, bytes]:
    """Every file under ``seeds``, hidden ones included, with a digest of its bytes."""
    return {
        path.relative_to(seeds).as_posix(): hashlib.sha256(path.read_bytes()).digest()
        for path in sorted(seeds.rglob("*"))
        if path.is_file()
    }


def _leftovers_of(pid: int) -> re.Pattern[str]:
    """The names a write of process ``pid`` killed midway may leave: a temporary file beside
    what it wrote, or an import's pending copy."""
    return re.compile(rf"(?:.*/)?\.[^/]+(?:\.tmp-{pid}-[A-Za-z0-9_]+|\.import-{pid})")


def _state_after_kill(seeds: Path, pid: int) -> tuple[dict[str, bytes], set[str]]:
    """The seeds' files once the leftovers of the killed import ``pid`` are set aside (its
    temporary files and its pending copy), and the files among them that its pending copy
    is linked to (the copy under its real name). Every other file is kept, so a stray one
    fails a comparison."""
    pattern = _leftovers_of(pid)
    files = _files(seeds)
    pending = {name for name in files if pattern.fullmatch(name) and name.endswith(f"-{pid}")}
    linked = {
        name
        for name in files
        if f"{Path(name).parent.as_posix()}/.{Path(name).name}.import-{pid}" in pending
    }
    kept = {name: digest for name, digest in files.items() if not pattern.fullmatch(name)}
    return kept, linked


def _restore(seeds: Path, saved: dict[str, bytes]) -> None:
    """Put the seeds folder back as ``saved`` (its files' bytes, by path)."""
    for name in _files(seeds):
        if name not in saved:
            (seeds / name).unlink()
    for name, data in saved.items():
        (seeds / name).write_bytes(data)


def _import(workspace: Path, path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*TALENTGRAPH, "import", str(path)],
        cwd=workspace,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_imports_killed_at_any_moment_leave_the_workspace_as_it_was(tmp_path: Path) -> None:
    synth = load_script("synth")
    workspace = tmp_path / "ws"
    init = subprocess.run([*TALENTGRAPH, "init", str(workspace)], capture_output=True, check=False)
    assert init.returncode == 0, init.stderr
    # The workspace already holds an import, so imports.yaml and imports/ have bytes to keep.
    small, large = tmp_path / "earlier.csv", tmp_path / "staff.csv"
    synth.main(["--people", "50", "--seed", "1", "-o", str(small)])
    synth.main(["--people", str(PEOPLE), "--seed", "2", "-o", str(large)])
    assert _import(workspace, small).returncode == 0
    seeds = workspace / "seeds"
    saved = {name: (seeds / name).read_bytes() for name in _files(seeds)}
    before = _files(seeds)

    started = time.monotonic()
    done = _import(workspace, large)
    duration = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    after = _files(seeds)
    assert set(after) - set(before) == {"imports/staff.csv"}
    assert after["imports.yaml"] != before["imports.yaml"]
    refused = "Error: staff.csv: this file was already imported, as imports/staff.csv\n"

    def check_and_import_again(killed: subprocess.Popen) -> str:
        """The workspace as it was, or as a finished import leaves it; then the next import."""
        state, linked = _state_after_kill(seeds, killed.pid)
        # Before the commit, the copy may be linked to its name already; the registry does not
        # list it, so the build does not read it, and the next import removes it.
        unregistered = {name: digest for name, digest in state.items() if name not in linked}
        was = "before" if unregistered == before else "after" if state == after else None
        assert was, sorted(set(state.items()) ^ set(before.items()))
        again = _import(workspace, large)
        if was == "before":
            assert again.returncode == 0, again.stderr
        else:  # killed after the commit: the import is done, and a second one is refused
            assert (again.returncode, again.stderr) == (1, refused)
        assert _files(seeds) == after  # and no leftover
        _restore(seeds, saved)
        return was

    _restore(seeds, saved)
    for kill in range(IMPORT_KILLS):
        importing = _talentgraph(workspace, "import", str(large))
        time.sleep(duration * (kill + 0.5) / IMPORT_KILLS)
        importing.send_signal(signal.SIGKILL)
        importing.wait(timeout=60)
        check_and_import_again(importing)

    pending = seeds / "imports" / ".staff.csv.import-{pid}"
    signs = {
        "copied": lambda pid: Path(str(pending).format(pid=pid)).exists(),
        "linked": lambda pid: (seeds / "imports" / "staff.csv").exists(),
        "registered": lambda pid: (seeds / "imports.yaml").read_bytes() != saved["imports.yaml"],
    }
    outcomes = {}
    for step, sign in signs.items():
        importing = _talentgraph(
            workspace, "import", str(large), TALENTGRAPH_TEST_IMPORT_PAUSE=f"{step}:120"
        )
        deadline = time.monotonic() + 300
        while not sign(importing.pid) and time.monotonic() < deadline:
            assert importing.poll() is None, importing.communicate()
            time.sleep(0.01)
        importing.send_signal(signal.SIGKILL)
        importing.wait(timeout=60)
        outcomes[step] = check_and_import_again(importing)
    # Registering is the commit: killed before it, nothing was imported (the copy already
    # linked to its name is the next import's to remove); after it, all was.
    assert outcomes == {"copied": "before", "linked": "before", "registered": "after"}
