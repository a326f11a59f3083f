"""Workspaces: found from the current folder upwards, overridden by --seeds, TALENTGRAPH_SEEDS
and TALENTGRAPH_OUT, made by `talentgraph init`, and each one building its own seeds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO, SAMPLE, copy_sample, write_seeds
from graph.build import build
from graph.cli import main
from graph.errors import WorkspaceExists, WorkspaceNotFound
from graph.paths import workspace
from graph.published import published_facts

# What `validate` says of the sample corpus (3 articles; 5 people and 9 organisations;
# 9 + 9 + 2 claims) and of the mini seeds (1 article, 4 entities, 2 claims).
SAMPLE_OK = "OK: 3 sources, 14 entities, 20 claims, every quote found in its document.\n"
MINI_OK = "OK: 1 sources, 4 entities, 2 claims, every quote found in its document.\n"


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env)


# --------------------------------------------------------------------------- finding it


def test_a_workspace_is_found_from_a_nested_folder(sample: Path, monkeypatch) -> None:
    nested = sample / "seeds" / "claims"
    found = workspace(start=nested, environ={})
    assert (found.root, found.seeds, found.out) == (sample, sample / "seeds", sample / "out")
    # From the current folder, paths are shown relative to it, as the user typed them.
    monkeypatch.chdir(nested)
    here = workspace(environ={})
    assert (here.seeds, here.out) == (Path("../../seeds"), Path("../../out"))
    result = run("validate")
    assert (result.exit_code, result.stdout) == (0, SAMPLE_OK)


def test_the_marker_file_makes_a_workspace_before_its_seeds_exist(tmp_path: Path) -> None:
    (tmp_path / "talentgraph.toml").write_text("", encoding="utf-8")
    (tmp_path / "notes" / "2024").mkdir(parents=True)
    found = workspace(start=tmp_path / "notes" / "2024", environ={})
    assert found.seeds == tmp_path / "seeds"


def test_the_nearest_workspace_wins(sample: Path) -> None:
    # A workspace inside another (say, a copy kept in a subfolder) is its own.
    inner = copy_sample(sample / "archive" / "copy")
    found = workspace(start=inner / "seeds", environ={})
    assert found.root == inner


def test_seeds_given_or_in_the_environment_override_the_folder(
    sample: Path, tmp_path: Path, monkeypatch
) -> None:
    mini = write_seeds(tmp_path / "other" / "seeds")
    monkeypatch.chdir(sample)  # inside the sample workspace
    assert run("validate").stdout == SAMPLE_OK
    assert run("validate", "--seeds", str(mini)).stdout == MINI_OK
    assert run("validate", env={"TALENTGRAPH_SEEDS": str(mini)}).stdout == MINI_OK
    # The option beats the environment.
    given = run("validate", "--seeds", str(SAMPLE / "seeds"), env={"TALENTGRAPH_SEEDS": str(mini)})
    assert given.stdout == SAMPLE_OK
    # A seeds folder given makes its parent the workspace: the build goes to its out/.
    found = workspace(seeds=mini, environ={})
    assert (found.root, found.out) == (mini.parent, mini.parent / "out")
    assert workspace(environ={"TALENTGRAPH_SEEDS": str(mini)}).out == mini.parent / "out"


def test_out_given_or_in_the_environment_overrides_the_workspace_out(
    sample: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(sample)
    elsewhere = tmp_path / "site"
    result = run("build", env={"TALENTGRAPH_OUT": str(elsewhere)})
    assert result.exit_code == 0, result.output
    assert (elsewhere / "build.json").is_file()
    assert not (sample / "out").exists()
    # The analyses read the build where the environment says it is.
    flows = run("flows", "--format", "csv", env={"TALENTGRAPH_OUT": str(elsewhere)})
    assert flows.exit_code == 0
    assert run("flows").stderr.startswith("Error: out: no built graph here")


def test_outside_any_workspace_the_error_says_how_to_make_one(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(WorkspaceNotFound):
        workspace(environ={})
    for command in (["validate"], ["build"], ["flows"], ["render"]):
        result = run(*command)
        assert result.exit_code == 1
        assert result.stderr == (
            f"Error: no Talent Graph workspace in {tmp_path} or any folder above it (a workspace "
            "is a folder with a talentgraph.toml or a seeds/sources.yaml); make one with "
            "`talentgraph init DIR` (or `init DIR --example`), or pass --seeds DIR\n"
        ), command
    for command in (
        ["query", "ASK {}"],
        ["serve"],
        ["push", "--endpoint", "http://127.0.0.1:9/store"],
    ):
        result = run(*command)
        assert result.exit_code == 1
        assert result.stderr.endswith(  # these read a store: they have no --seeds
            "make one with `talentgraph init DIR` (or `init DIR --example`), or pass --store "
            "DIR or --out DIR\n"
        ), command
    assert list(tmp_path.iterdir()) == []  # nothing written


# --------------------------------------------------------------------------- init


def test_init_makes_an_empty_workspace_that_validates(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("init", "demo")
    assert result.exit_code == 0
    assert result.stdout == (
        "Made a workspace in demo with empty seeds.\nNext: cd demo && talentgraph validate\n"
    )
    made = sorted(
        p.relative_to(tmp_path / "demo").as_posix() for p in (tmp_path / "demo").rglob("*")
    )
    assert made == [
        ".gitignore",
        "README.md",
        "seeds",
        "seeds/claims",
        "seeds/documents",
        "seeds/entities.yaml",
        "seeds/sources.yaml",
        "talentgraph.toml",
    ]
    monkeypatch.chdir(tmp_path / "demo")
    assert run("validate").stdout == (
        "OK: 0 sources, 0 entities, 0 claims, every quote found in its document.\n"
    )


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.txt").write_text("years of work", encoding="utf-8")
    result = run("init", "mine")
    assert result.exit_code == 1
    assert (
        result.stderr
        == "Error: mine already exists and is not an empty folder; choose a new folder\n"
    )
    assert [p.name for p in (tmp_path / "mine").iterdir()] == ["thesis.txt"]
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    with pytest.raises(WorkspaceExists):
        from graph.curation.workspace import init_workspace

        init_workspace(tmp_path / "a-file")
    (tmp_path / "empty").mkdir()
    assert run("init", "empty").exit_code == 0  # an empty folder is fine


def test_init_example_copies_the_project_seeds_and_builds(
    tmp_path: Path, monkeypatch, seed_company_table: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("init", "demo", "--example")
    assert result.exit_code == 0
    first, second = result.stdout.splitlines()
    assert first.startswith("Made a workspace in demo with the ")
    assert first.endswith(" example articles.")
    assert second == "Next: cd demo && talentgraph build"
    # The example is the project's own seeds, file for file (the package's __init__.py aside).
    ours = {
        p.relative_to(REPO / "seeds").as_posix(): p.read_bytes()
        for p in (REPO / "seeds").rglob("*")
        if p.is_file() and p.name != "__init__.py" and "__pycache__" not in p.parts
    }
    copied = {
        p.relative_to(tmp_path / "demo" / "seeds").as_posix(): p.read_bytes()
        for p in (tmp_path / "demo" / "seeds").rglob("*")
        if p.is_file()
    }
    assert copied == ours
    monkeypatch.chdir(tmp_path / "demo")
    assert run("validate").exit_code == 0
    built = run("build")
    assert built.exit_code == 0, built.output
    # The seed graph's company table, as the checkout's seeds give it (its figures are
    # checked against tests/golden/seed-graph.json by test_seed_graph.py).
    flows = run("flows", "--format", "csv")
    assert flows.stdout == seed_company_table
    assert flows.stdout.count("\n") > 1  # a header and rows


# --------------------------------------------------------------------------- each its own


def test_a_copy_of_a_workspace_builds_its_own_seeds(sample: Path, tmp_path: Path, monkeypatch):
    # The old bug: in a copy of the project, `build` built the original checkout's seeds.
    copy = tmp_path / "copy"
    shutil.copytree(sample, copy)
    entities = copy / "seeds" / "entities.yaml"
    entities.write_text(
        entities.read_text().replace("label: Dana Whitlock", "label: Dana Whitlock-Ames"),
        encoding="utf-8",
    )
    monkeypatch.chdir(copy)
    result = run("build")
    assert result.exit_code == 0, result.output
    assert (copy / "out" / "build.json").is_file()
    assert not (sample / "out").exists()
    labels = published_facts(seeds=copy / "seeds").labels.values()
    assert "Dana Whitlock-Ames" in labels and "Dana Whitlock" not in labels
    monkeypatch.chdir(sample)
    build()  # the original builds its own seeds, into its own out/
    assert "Dana Whitlock" in published_facts().labels.values()
    assert "Dana Whitlock-Ames" in published_facts(seeds=copy / "seeds").labels.values()


def test_init_under_a_file_is_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    result = run("init", "a-file/ws")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: a-file/ws: cannot make a folder there (Not a directory); choose another\n"
    )
