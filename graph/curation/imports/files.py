"""Import files in a workspace: ``talentgraph import`` keeps the file, and the build reads it.

``import_file`` checks a file of records row by row, copies it unchanged into
``seeds/imports/<id>.<ext>`` and registers it in ``seeds/imports.yaml``; the rows it could not
read are reported by line and left out of the graph, the others are kept. With ``strict`` one
bad row refuses the whole file. The copy is the evidence: each fact the build derives from the
file quotes its row, with the row's line and place in the file.

An import is all or nothing, even when the process is killed: the copy is made under a hidden
pending name (``imports/.<id>.<ext>.import-<pid>``), linked to its real name, and registered;
writing ``imports.yaml`` is the commit, after which the pending name is removed. The next
import finishes the cleanup of one that was killed (``recover_imports``): before the commit, the
copy goes; after it, only the pending name.

``read_imports`` is the build's side: every registered file's rows, resolved against the
workspace's entities (see ``graph.curation.imports.careers``).
"""

from __future__ import annotations

import datetime as dt
import filecmp
import hashlib
import io
import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graph.curation.drafts import slug, unique_id
from graph.curation.files import copy_in, remove_leftovers, replace_text
from graph.curation.imports.careers import Careers, Known, read_careers
from graph.curation.imports.records import Record, guess_format, read_records
from graph.curation.seeds import IMPORT_EXTENSIONS, IMPORTS, ImportSource, Seeds, is_inside
from graph.curation.yamlfile import yaml_scalar
from graph.errors import InputError, Problem
from graph.publish import process_running

MEDIA_TYPES = {
    "csv": "text/csv",
    "jsonl": "application/jsonl",
    "sparql-json": "application/sparql-results+json",
}
BAD_ROWS_SHOWN = 50
# The copy of a file being imported, before it is registered: ``.<id>.<ext>.import-<pid>``.
PENDING = ".import-"


@dataclass
class ImportReport:
    """What ``import_file`` did: the id given, the rows kept, and the rows refused."""

    id: str
    path: Path
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Imported:
    """One registered import as the build reads it."""

    source: ImportSource
    sha256: str  # of the file's bytes, which the evidence offsets refer to
    careers: Careers


def import_file(
    path: Path,
    seeds: Path,
    *,
    form: str | None = None,
    title: str | None = None,
    strict: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Check ``path`` row by row and add it to the workspace whose seeds folder is ``seeds``.

    ``progress`` is called with the number of bytes read so far, last with the file's size.
    Raises ``InputError`` when the file cannot be used at all, or (``strict``) when any row is
    bad; then nothing in the workspace changes.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: not a file (or not found)")
    form = form or guess_format(path.name)
    registry = seeds / IMPORTS
    problems: list[Problem] = []
    folder = seeds / "imports"
    for place, name in ((registry, IMPORTS), (folder, "imports")):
        if place.exists() and not is_inside(seeds, place, name, problems):
            raise InputError(str(problems[0]))  # nothing is read or written through it
    recover_imports(seeds)
    size, digest = path.stat().st_size, _sha256(path)
    for kept in sorted(folder.glob("[!.]*")) if folder.is_dir() else []:
        same_size = kept.is_file() and kept.stat().st_size == size  # hash only what may match
        if same_size and _sha256(kept) == digest:
            raise InputError(f"{path.name}: this file was already imported, as imports/{kept.name}")
    import_id = unique_id(slug(path.stem)[:60].strip("-") or "import", taken_ids(seeds))
    report = ImportReport(import_id, folder / f"{import_id}.{IMPORT_EXTENSIONS[form]}")
    for item in _rows(path, form, path.name, progress):
        if isinstance(item, Problem):
            report.problems.append(item)
        else:
            report.rows += 1
    if strict and report.problems:
        raise InputError(
            f"{path.name}: {len(report.problems)} bad row(s), nothing imported (--strict):\n"
            + "\n".join(str(problem) for problem in report.problems[:BAD_ROWS_SHOWN])
        )
    if not report.rows:
        raise InputError(
            f"{path.name}: no row could be read, nothing imported:\n"
            + "\n".join(str(problem) for problem in report.problems[:BAD_ROWS_SHOWN])
        )
    folder.mkdir(exist_ok=True)
    if not is_inside(seeds, folder, "imports", problems):  # it may have been made meanwhile
        raise InputError(str(problems[0]))
    _copy_and_register(path, report.path, registry, _entry(import_id, path.name, form, title))
    return report


def _copy_and_register(source: Path, copy: Path, registry: Path, entry: str) -> None:
    """Copy ``source`` to ``copy`` and append ``entry`` to ``registry``, both or neither."""
    pending = copy.with_name(f".{copy.name}{PENDING}{os.getpid()}")
    listed = registry.read_text(encoding="utf-8") if registry.exists() else ""
    try:
        copy_in(source, pending)
        _pause_for_test("copied")
        try:
            os.link(pending, copy)  # fails if a file of that name appeared meanwhile
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links
            shutil.copyfile(pending, copy)
        _pause_for_test("linked")
        replace_text(registry, listed + entry)
    except BaseException:
        # Interrupted (Ctrl-C, an error) after the registry was written: the import is done.
        done = _reads(registry, listed + entry)
        if not done and copy.exists() and pending.exists() and _same_file(copy, pending):
            copy.unlink()
        pending.unlink(missing_ok=True)
        raise
    _pause_for_test("registered")
    pending.unlink()


def _reads(path: Path, text: str) -> bool:
    """Whether ``path`` holds exactly ``text`` (``False`` when it cannot be read)."""
    try:
        return path.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False


def recover_imports(seeds: Path) -> None:
    """Clean up after imports that were killed: the copy of one killed before it was
    registered is removed, and the temporary files of any write killed midway."""
    folder = seeds / "imports"
    remove_leftovers(seeds)
    if not folder.is_dir() or not is_inside(seeds, folder, "imports", []):
        return
    remove_leftovers(folder)
    registered = _registered_ids(seeds / IMPORTS)
    for pending in sorted(folder.glob(f".*{PENDING}*")):
        name, _, pid = pending.name[1:].rpartition(PENDING)
        if not pid.isdigit() or process_running(int(pid)):
            continue
        copy = folder / name
        if Path(name).stem not in registered and copy.is_file() and _same_file(copy, pending):
            copy.unlink()
        pending.unlink(missing_ok=True)


def _same_file(one: Path, other: Path) -> bool:
    """Whether two paths are the same file (hard links) or files of the same bytes."""
    return os.path.samefile(one, other) or filecmp.cmp(one, other, shallow=False)


def _pause_for_test(step: str) -> None:
    """A test hook: ``TALENTGRAPH_TEST_IMPORT_PAUSE=STEP:S`` sleeps S seconds after the step
    ``copied``, ``linked`` or ``registered``, so that a test can kill an import exactly
    there (tests/test_interrupt.py)."""
    paused, _, seconds = os.environ.get("TALENTGRAPH_TEST_IMPORT_PAUSE", "").partition(":")
    if paused == step:
        time.sleep(float(seconds))


def read_imports(seeds: Seeds, problems: list[Problem], warnings: list[Problem]) -> list[Imported]:
    """Every registered import's rows, resolved; bad rows become one warning per file."""
    known = Known()
    for entity in seeds.entities.values():
        kind = "person" if entity.kind == "person" else "org"
        known.add(kind, entity.id, entity.names, entity.wikidata)
    for claim in seeds.claims:
        if claim.kind == "part-of":
            known.parents.setdefault(claim.values["org"], claim.values["parent"])
    imported = []
    for source in sorted(seeds.imports.values(), key=lambda source: source.id):
        path = seeds.root / source.path
        records: list[Record] = []
        bad: list[Problem] = []
        try:
            for item in _rows(path, source.format, source.path):
                (bad if isinstance(item, Problem) else records).append(item)  # type: ignore[arg-type]
            digest = _sha256(path)
        except (InputError, UnicodeDecodeError) as error:
            problems.append(Problem(IMPORTS, source.at.line, str(error)))
            continue
        if bad:
            warnings.append(
                Problem(
                    source.path,
                    bad[0].line,
                    f"{len(bad)} row(s) left out of the graph, the first: {bad[0].message}",
                )
            )
        careers = read_careers(records, known)
        warnings += [Problem(source.path, line, message) for line, message in careers.warnings]
        imported.append(Imported(source, digest, careers))
    return imported


def _rows(
    path: Path, form: str, name: str, progress: Callable[[int], None] | None = None
) -> Iterator[Record | Problem]:
    try:
        with path.open("rb") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as stream:
            for count, item in enumerate(read_records(stream, form, name)):
                if progress is not None and count % 1000 == 0:
                    progress(raw.tell())  # bytes, like the file's size
                yield item
            if progress is not None:
                progress(raw.tell())
    except UnicodeDecodeError:
        raise InputError(
            f"{name}:{_first_bad_line(path)}: not UTF-8 text; save it as UTF-8"
        ) from None


def _first_bad_line(path: Path) -> int:
    """The line holding the first byte that is not UTF-8."""
    with path.open("rb") as stream:
        for number, line in enumerate(stream, start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                return number
    return 1


def _sha256(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def taken_ids(seeds: Path) -> set[str]:
    """Ids already used by a document or an import of the seeds folder ``seeds``, from the
    files as they are (a new source or import takes another)."""
    taken = {
        path.stem for folder in ("documents", "imports") for path in (seeds / folder).glob("*")
    }
    return taken | _registered_ids(seeds / IMPORTS)


def _registered_ids(registry: Path) -> set[str]:
    """The ids in imports.yaml, read as the lines that start one (no YAML parse: the file may
    be broken, and this only needs the names)."""
    if not registry.is_file():
        return set()
    text = registry.read_text(encoding="utf-8", errors="replace")
    return {line.split(":")[0] for line in text.splitlines() if line[:1].isalnum()}


def _entry(import_id: str, original: str, form: str, title: str | None) -> str:
    lines = [
        f"\n{import_id}:",
        f"  original_name: {yaml_scalar(original)}",
        f"  format: {form}",
    ]
    if title:
        lines.append(f"  title: {yaml_scalar(title)}")
    lines.append(f"  imported: {dt.date.today().isoformat()}")
    return "\n".join(lines) + "\n"
