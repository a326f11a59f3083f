"""Making a new workspace: an empty registry to curate into, or a copy of the example.

>>> import tempfile
>>> root = init_workspace(Path(tempfile.mkdtemp()) / "demo")
>>> made = sorted(path.relative_to(root).as_posix() for path in root.rglob("*"))
>>> made  # doctest: +NORMALIZE_WHITESPACE
['.gitignore', 'README.md', 'seeds', 'seeds/claims', 'seeds/documents', 'seeds/entities.yaml',
 'seeds/sources.yaml', 'talentgraph.toml']
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from graph.errors import InputError, WorkspaceExists
from graph.paths import MARKER, OUT, SEEDS

MARKER_TEXT = """\
# A Talent Graph workspace: the curated input is in seeds/, the build writes out/.
# Commands run anywhere inside this folder find it by this file.
"""
SOURCES_TEXT = """\
# One entry per document in documents/<id>.txt. Write "unknown" where the text does not say.
# original_name is the file name the document arrived with; it identifies the document.
{}
"""
ENTITIES_TEXT = """\
# The entity registry: every person and organisation the claims may name.
# id: a lowercase slug, stable forever (it is part of the entity's IRI).
# aliases: other names the articles use; native script as {text: …, language: …}.
# parent: the direct parent unit; it must also be stated by a part-of claim with a quote.
people:
organizations:
"""
README_TEXT = """\
# A Talent Graph workspace

`seeds/` holds what is curated by hand; `out/` what `talentgraph build` makes from it.

## Adding an article

1. Save the text as `seeds/documents/<id>.txt` (a lowercase slug id, e.g. `lab-hires-cto`)
   and describe it in `seeds/sources.yaml`:

   ```yaml
   lab-hires-cto:
     original_name: lab-hires-cto.txt
     title: "Lab hires a new CTO"
     publisher: unknown
     date: unknown        # or 2024, 2024-05, 2024-05-17
     language: en
   ```

2. Add the people and organisations it names to `seeds/entities.yaml`.
3. Write `seeds/claims/<id>.yaml`, one claim per fact, each with the sentence that states it
   copied from the document (`kind: move`, `employment`, `group-departure`, `part-of`,
   `invests-in` or `alumnus-of`).
4. Run `talentgraph validate`, then `talentgraph build`, then `talentgraph flows`.
"""
GITIGNORE_TEXT = f"/{OUT}/\n"
EXAMPLE_FILES = ("*.yaml", "claims/*.yaml", "documents/*.txt")


def init_workspace(root: Path, *, example: bool = False) -> Path:
    """Make a workspace at ``root`` (new, or an empty folder) and return its path.

    With ``example``, the seeds are a copy of the project's own five articles and their
    curation, ready to build; otherwise the registry and the source list are empty.
    """
    root = Path(root)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise WorkspaceExists(
            f"{root} already exists and is not an empty folder; choose a new folder"
        )
    seeds = root / SEEDS
    try:
        (seeds / "claims").mkdir(parents=True)
        (seeds / "documents").mkdir()
        (root / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        (root / "README.md").write_text(README_TEXT, encoding="utf-8")
        (root / ".gitignore").write_text(GITIGNORE_TEXT, encoding="utf-8")
    except OSError as error:
        reason = error.strerror or str(error)
        raise InputError(f"{root}: cannot make a folder there ({reason}); choose another") from None
    if example:
        _copy_example(resources.files("graph.example"), seeds)
    else:
        (seeds / "sources.yaml").write_text(SOURCES_TEXT, encoding="utf-8")
        (seeds / "entities.yaml").write_text(ENTITIES_TEXT, encoding="utf-8")
    return root


def _copy_example(example: Traversable, seeds: Path) -> None:
    for pattern in EXAMPLE_FILES:
        folder, _, suffix = pattern.rpartition("*")
        source = example.joinpath(folder) if folder else example
        for entry in sorted(source.iterdir(), key=lambda e: e.name):
            if entry.is_file() and entry.name.endswith(suffix):
                (seeds / folder / entry.name).write_bytes(entry.read_bytes())
