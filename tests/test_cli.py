"""The command line as a user sees it: help for every command, and every command documented."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"
COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: main {command} [OPTIONS]")
    assert len(main.commands[command].help or "") > 40


def test_every_command_is_in_the_readme():
    documented = set(re.findall(r"^### `talentgraph (\w+)", README.read_text(), re.MULTILINE))
    assert documented == set(COMMANDS)


def test_the_readme_quick_start_is_the_ci_test_command():
    ci = (README.parent / ".ci" / "run").read_text()
    readme = README.read_text()
    test_command = ci.strip().splitlines()[-1]
    assert f"```sh\n{test_command}\n```" in readme


def test_unknown_command_is_an_error():
    result = CliRunner().invoke(main, ["bulid"])
    assert result.exit_code == 2
    assert "No such command 'bulid'" in result.stderr


def test_every_package_folder_ships_in_the_wheel():
    # The package list in pyproject.toml is explicit: a new subpackage must be added there,
    # or the installed command fails to import it.
    listed = set(
        tomllib.loads((README.parent / "pyproject.toml").read_text())["tool"]["setuptools"][
            "packages"
        ]
    )
    folders = {
        ".".join(path.parent.relative_to(README.parent).parts)
        for path in (README.parent / "graph").rglob("__init__.py")
    }
    assert folders <= listed


def _option(command: str, name: str):
    return next(p for p in main.commands[command].params if name in p.opts)


def test_the_command_line_offers_what_the_library_accepts():
    # The CLI writes these as literals so that `--help` stays fast; they must not drift.
    from graph.analysis.centrality import EXACT_LIMIT, GRAPHS, SAMPLE_SIZE, SEED
    from graph.analysis.flows import LEVELS, PERIODS, STATUSES
    from graph.present.export import EXPORT_FORMATS, EXPORT_GRAPHS
    from graph.present.html.graph_page import DEFAULT_NODE_BUDGET
    from graph.sparql.query import FORMATS
    from graph.sparql.serve import DEFAULT_PORT

    choices = {
        ("flows", "--level"): LEVELS,
        ("flows", "--status"): STATUSES,
        ("flows", "--by"): PERIODS,
        ("centrality", "--graph"): GRAPHS,
        ("render", "--level"): LEVELS,
        ("export", "--format"): EXPORT_FORMATS,
        ("export", "--graph"): EXPORT_GRAPHS,
        ("query", "--format"): FORMATS,
    }
    for (command, name), expected in choices.items():
        assert tuple(_option(command, name).type.choices) == expected, (command, name)
    assert _option("render", "--node-budget").default == DEFAULT_NODE_BUDGET
    assert _option("serve", "--port").default == DEFAULT_PORT
    help_text = " ".join(main.commands["centrality"].help.split())
    assert (
        f"exact up to {EXACT_LIMIT} nodes, sampled from {SAMPLE_SIZE} nodes with seed {SEED}"
        in (help_text)
    )
