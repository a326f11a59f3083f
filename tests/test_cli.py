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
