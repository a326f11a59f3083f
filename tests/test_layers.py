"""The layers of graph/: a module's folder says what it may import.

The data flows curation -> rdf -> (published store) -> facts -> analysis -> present, with
sparql beside them on the store; only graph.build and graph.cli reach across the stages.
Imports are read from the source (AST), function-level imports included.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "graph"
# Modules every stage may use: they import no stage themselves (checked below).
FOUNDATION = {"graph.errors", "graph.vocab", "graph.dates", "graph.hierarchy", "graph.collector"}
# Shared helpers on top of the foundation: where a workspace is, and the atomic writer.
SHARED = {"graph.paths", "graph.publish"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def graph_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


MODULES = graph_modules()


def imported(path: Path) -> set[str]:
    """The graph modules ``path`` imports (``from graph import errors`` is graph.errors)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.split(".")[0] == "graph"}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import; write graph.… in full"
            if node.module is None or node.module.split(".")[0] != "graph":
                continue
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in MODULES else node.module)
    return found


def in_stage(module: str, *stages: str) -> bool:
    return any(module == stage or module.startswith(stage + ".") for stage in stages)


def allowed(module: str, target: str) -> bool:
    """Whether ``module`` may import ``target``."""
    if module in ("graph.build", "graph.cli", "graph"):
        return True
    if target == "graph":
        return False
    if module in FOUNDATION:
        return target in FOUNDATION
    if module in SHARED:
        return target in FOUNDATION
    if module == "graph.facts":
        return target in FOUNDATION
    if module == "graph.saved_facts":
        return target in FOUNDATION | {"graph.facts"}
    if module == "graph.published":
        return target in FOUNDATION | SHARED | {"graph.facts", "graph.saved_facts"}
    if in_stage(module, "graph.analysis"):
        return target in FOUNDATION | {"graph.facts"} or in_stage(target, "graph.analysis")
    if in_stage(module, "graph.present"):
        return not in_stage(target, "graph.curation", "graph.rdf", "graph.sparql") and (
            target not in ("graph.build", "graph.cli", "graph.paths", "graph.publish")
        )
    if in_stage(module, "graph.curation"):
        return target in FOUNDATION | SHARED or in_stage(target, "graph.curation")
    if in_stage(module, "graph.rdf"):
        return target in FOUNDATION or in_stage(target, "graph.rdf", "graph.curation")
    if in_stage(module, "graph.sparql"):
        # graph.present.inert (no imports of its own) keeps the query table terminal-safe.
        return (
            target in FOUNDATION
            or in_stage(target, "graph.sparql")
            or target in ("graph.rdf.store", "graph.present.inert")
        )
    raise AssertionError(f"{module}: a module in no known layer; add its rule to this test")


@pytest.mark.parametrize("module", sorted(MODULES))
def test_each_module_imports_only_what_its_layer_may(module: str) -> None:
    wrong = sorted(target for target in imported(MODULES[module]) if not allowed(module, target))
    assert wrong == [], f"{module} must not import {', '.join(wrong)}"


def test_the_rules_catch_a_stage_reaching_back() -> None:
    # The rules themselves: the imports the layout forbids are refused.
    assert not allowed("graph.analysis.flows", "graph.curation.seeds")
    assert not allowed("graph.analysis.flows", "graph.rdf.store")
    assert not allowed("graph.analysis.flows", "graph.present.views")
    assert not allowed("graph.present.views", "graph.curation.checks")
    assert not allowed("graph.present.report", "graph.build")
    assert not allowed("graph.present.report", "graph.cli")
    assert not allowed("graph.rdf.convert", "graph.analysis.flows")
    assert not allowed("graph.rdf.store", "graph.sparql.query")
    assert not allowed("graph.rdf.convert", "graph.present.export")
    assert not allowed("graph.curation.checks", "graph.rdf.convert")
    assert not allowed("graph.curation.checks", "graph.facts")
    assert not allowed("graph.curation.seeds", "graph.analysis.flows")
    assert not allowed("graph.facts", "graph.curation.seeds")
    assert not allowed("graph.errors", "graph.paths")
    assert allowed("graph.build", "graph.curation.checks")
    assert allowed("graph.present.views", "graph.analysis.flows")


def test_the_import_reader_sees_function_level_imports() -> None:
    # graph.cli imports its commands' modules inside the functions, to start fast.
    found = imported(MODULES["graph.cli"])
    assert {"graph.build", "graph.analysis.flows", "graph.errors"} <= found
