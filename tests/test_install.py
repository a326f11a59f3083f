"""Installable anywhere: a wheel of the checkout, installed (not editable) in a new virtual
environment, makes and builds a workspace in an empty folder, and reads nothing from the
checkout.

Slow: pip builds the wheel and installs it with its dependencies from the package index the
machine is configured with (about 15 s here, with a nearby mirror).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.slow

# What a wheel is built from: the package, the two folders it maps in, and the metadata.
SOURCES = ("pyproject.toml", "README.md", "graph", "ontology", "seeds")
PIP_SECONDS = 600  # a ceiling for a slow network, not a speed requirement


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a new venv with a wheel of the checkout installed in it."""
    root = tmp_path_factory.mktemp("install")
    source = root / "source"  # built from a copy, so that the checkout gets no build/ folder
    for name in SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(
                REPO / name,
                source / name,
                ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"),
            )
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    wheels = root / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(
        [*pip, "wheel", str(source), "--no-deps", "-w", str(wheels)],
        check=True,
        timeout=PIP_SECONDS,
        cwd=root,
    )
    (wheel,) = wheels.glob("talentgraph-*.whl")
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=PIP_SECONDS)
    venv_pip = [str(venv / "bin" / "python"), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*venv_pip, "install", str(wheel)], check=True, timeout=PIP_SECONDS, cwd=root)
    return venv / "bin"


def user(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """Run a command of the venv as a user would, in ``cwd``, with nothing of the checkout on
    the paths and no TALENTGRAPH_* variable."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TALENTGRAPH_", "PYTHON", "VIRTUAL_ENV"))
    }
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run(
        [str(bin_dir / args[0]), *args[1:]], cwd=cwd, env=env, capture_output=True, text=True
    )


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_the_installed_package_is_the_wheel_not_the_checkout(installed: Path, tmp_path: Path):
    code = (
        "import graph, graph.cli\n"
        "from importlib import resources\n"
        "print(graph.__file__)\n"
        "print(resources.files('graph.ontology') / 'talentgraph.ttl')\n"
        "print(resources.files('graph.sparql') / 'queries')\n"
    )
    result = user(installed, tmp_path, "python", "-c", code)
    assert result.returncode == 0, result.stderr
    venv = installed.parent.resolve()
    for line in result.stdout.splitlines():
        path = Path(line).resolve()
        assert path.is_relative_to(venv), line
        assert not path.is_relative_to(REPO), line


def test_init_example_build_and_flows_in_an_empty_folder(
    installed: Path, tmp_path: Path, seed_company_table: str
):
    init = user(installed, tmp_path, "talentgraph", "init", "demo", "--example")
    assert init.returncode == 0, init.stderr
    demo = tmp_path / "demo"
    built = user(installed, demo, "talentgraph", "build")
    assert built.returncode == 0, built.stderr
    assert (demo / "out" / "store").is_dir()
    flows = user(installed, demo, "talentgraph", "flows", "--format", "csv")
    assert flows.returncode == 0, flows.stderr
    # The seed graph's company table, as the checkout's seeds give it (its figures are
    # checked against tests/golden/seed-graph.json by test_seed_graph.py).
    assert flows.stdout == seed_company_table
    recorded = csv_rows(seed_company_table)
    assert len(recorded) > 1
    table = user(installed, demo, "talentgraph", "flows")
    assert table.returncode == 0
    assert table.stdout.startswith("Talent flow at company level")
    query = user(installed, demo, "talentgraph", "query", "--name", "net-flow", "--format", "csv")
    assert query.returncode == 0, query.stderr  # the saved queries and the worker ship too

    # An edit to the workspace shows in the next build's outputs. Rename the organisation of
    # the table's first row in the registry (whatever the seeds hold).
    org, label = recorded[1][0], recorded[1][1]
    entities = demo / "seeds" / "entities.yaml"
    text = entities.read_text(encoding="utf-8")
    assert text.count(f"label: {label}\n") == 1
    entities.write_text(text.replace(f"label: {label}\n", f"label: {label} (edited)\n"))
    stale = user(installed, demo, "talentgraph", "flows", "--format", "csv")
    assert stale.returncode == 1
    assert stale.stderr == (
        "Error: the seeds changed since out was built (entities.yaml changed); run "
        "`talentgraph build` to include the change\n"
    )
    rebuilt = user(installed, demo, "talentgraph", "build")
    assert rebuilt.returncode == 0, rebuilt.stderr
    flows = user(installed, demo, "talentgraph", "flows", "--format", "csv")
    expected = [
        [row[0], f"{row[1]} (edited)", *row[2:]] if row[0] == org else row for row in recorded
    ]
    assert csv_rows(flows.stdout) == expected
    assert f"{label} (edited)" in (demo / "out" / "flows.csv").read_text(encoding="utf-8")
    assert f"{label} (edited)" in (demo / "out" / "talentgraph.ttl").read_text(encoding="utf-8")
