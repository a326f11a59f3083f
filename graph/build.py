"""The build: checked seeds → RDF dataset → SHACL validation → files under ``out/``.

The outputs are written to a staging folder beside ``out/`` and swapped in only when every
file is complete, so a failed or interrupted build leaves the previous ``out/`` untouched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from graph.checks import Curation, check_seeds
from graph.errors import Problem, TalentGraphError
from graph.facts import Facts, load_facts
from graph.paths import ontology_dir, out_dir, seeds_dir
from graph.rdf import curation_to_dataset
from graph.render import write_html
from graph.report import write_flow_outputs
from graph.serialize import write_rdf
from graph.shapes import check_shapes
from graph.store import write_store

# Marks a folder as a build's output, which the next build may replace as a whole.
OUT_MARKER = ".talentgraph-out"


@dataclass
class BuildResult:
    """What a build produced: the dataset, the files written, and warnings to show."""

    dataset: Dataset
    facts: Facts
    curation: Curation
    out: Path
    files: list[Path] = field(default_factory=list)

    @property
    def warnings(self) -> list[Problem]:
        """The curators' notes, reported on every build."""
        return self.curation.warnings


def curate(*, seeds: str | Path | None = None) -> Curation:
    """Read and check the seeds folder (default: the repository's ``seeds/``)."""
    return check_seeds(seeds_dir(seeds))


def build_dataset(*, seeds: str | Path | None = None) -> Dataset:
    """The RDF dataset of the seeds: one named graph per source, the registry as default graph.

    >>> dataset = build_dataset()
    >>> len(list(dataset.graphs())) > 1
    True
    """
    return curation_to_dataset(curate(seeds=seeds))


def build(
    *,
    seeds: str | Path | None = None,
    out: str | Path | None = None,
    ontology: str | Path | None = None,
) -> BuildResult:
    """Check the seeds, build and validate the dataset, and write every output to ``out``.

    Raises ``CurationError`` or ``ShapeError`` before anything is written.

    >>> import tempfile
    >>> result = build(out=tempfile.mkdtemp() + "/out")
    >>> [path.name for path in result.files][:4]
    ['flows.csv', 'flows.html', 'graph.html', 'report.md']
    """
    curation = curate(seeds=seeds)
    dataset = curation_to_dataset(curation)
    check_shapes(dataset, ontology_dir(ontology))
    facts = load_facts(dataset)
    target = out_dir(out)
    result = BuildResult(dataset=dataset, facts=facts, curation=curation, out=target)

    def write_outputs(staging: Path) -> list[Path]:
        return [
            *write_rdf(dataset, staging),
            *write_flow_outputs(facts, staging),
            *write_html(facts, staging),
            write_store(dataset, staging),
        ]

    names = publish(target, write_outputs)
    result.files = [target / name for name in names]
    return result


def publish(target: Path, write: Callable[[Path], list[Path]]) -> list[str]:
    """Run ``write`` into a fresh staging folder, then swap it in place of ``target``.

    Returns the written files' paths relative to ``target``. If ``write`` fails, the
    staging folder is removed and ``target`` is left as it was. ``target`` is replaced as a
    whole, so it must be new, empty, or a folder an earlier build wrote (it has a
    ``.talentgraph-out`` marker): a user's folder given by mistake is never emptied.
    """
    target = Path(os.path.abspath(target))
    _check_replaceable(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(target)
    prefix = f".{target.name}.staging-{os.getpid()}-"
    staging = Path(tempfile.mkdtemp(prefix=prefix, dir=target.parent))
    retired = target.parent / f".{target.name}.retired-{os.getpid()}"
    try:
        written = [path.relative_to(staging).as_posix() for path in write(staging)]
        (staging / OUT_MARKER).write_text(
            "Written by `talentgraph build`; the next build replaces this whole folder.\n",
            encoding="utf-8",
        )
        os.chmod(staging, 0o755)  # mkdtemp makes it private; outputs are for everyone to read
        if target.exists():
            os.replace(target, retired)
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if retired.exists() and not target.exists():
            os.replace(retired, target)  # put the previous outputs back
        raise
    shutil.rmtree(retired, ignore_errors=True)
    return sorted(written)


def _check_replaceable(target: Path) -> None:
    if not target.exists():
        return
    if not target.is_dir():
        raise TalentGraphError(f"{target} exists and is not a folder; choose another --out")
    if any(target.iterdir()) and not (target / OUT_MARKER).is_file():
        raise TalentGraphError(
            f"{target} is not empty and was not written by `talentgraph build` (no "
            f"{OUT_MARKER} in it); the build replaces its --out folder as a whole, so choose "
            "a new or empty folder"
        )


def _remove_abandoned(target: Path) -> None:
    """Remove staging and retired folders left by builds that were killed."""
    for leftover in target.parent.glob(f".{target.name}.*-*"):
        kind, _, rest = leftover.name[len(target.name) + 2 :].partition("-")
        pid = rest.split("-", 1)[0]
        if kind in ("staging", "retired") and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
