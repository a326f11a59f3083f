"""Publishing outputs atomically: write into a staging folder, then swap it in as ``out/``.

A failed or interrupted write leaves the previous ``out/`` as it was. ``out/`` is replaced as a
whole, so it must be new, empty, or a folder that an earlier publish wrote (it holds the
``.talentgraph-out`` marker): a folder of the user's given by mistake is never emptied.

>>> import tempfile
>>> target = Path(tempfile.mkdtemp()) / "out"
>>> publish(target, lambda staging: [_write(staging / "a.txt", "first")])
['a.txt']
>>> publish(target, lambda staging: [_write(staging / "b.txt", "more")], keep=True)
['b.txt']
>>> sorted(path.name for path in target.iterdir())
['.talentgraph-out', 'a.txt', 'b.txt']
>>> (target / "a.txt").read_text()
'first'
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from graph.errors import OutFolderError

# Marks a folder as published here, so that the next publish may replace it as a whole.
OUT_MARKER = ".talentgraph-out"


def publish(
    target: Path, write: Callable[[Path], Iterable[Path]], *, keep: bool = False
) -> list[str]:
    """Run ``write`` into a fresh staging folder, then swap it in place of ``target``.

    With ``keep``, the staging folder starts as a copy of ``target`` (hard links, so it is
    cheap) and ``write`` adds or replaces files in it. Returns every file of the published
    folder that ``write`` wrote, relative to ``target``, sorted.
    """
    target = Path(os.path.abspath(target))
    _check_replaceable(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        recover(target)
        prefix = f".{target.name}.staging-{os.getpid()}-"
        staging = Path(tempfile.mkdtemp(prefix=prefix, dir=target.parent))
    except OSError as error:
        raise _cannot_write(target, error) from None
    retired = target.parent / f".{target.name}.retired-{os.getpid()}"
    try:
        if keep and target.is_dir():
            _link_tree(target, staging)
        written = [path.relative_to(staging).as_posix() for path in write(staging)]
        (staging / OUT_MARKER).write_text(
            "Published by Talent Graph; the next build replaces this whole folder.\n",
            encoding="utf-8",
        )
        os.chmod(staging, 0o755)  # mkdtemp makes it private; outputs are for everyone to read
        if target.exists():
            os.replace(target, retired)
        _pause_inside_swap()
        os.replace(staging, target)
    except BaseException as error:
        shutil.rmtree(staging, ignore_errors=True)
        if retired.exists() and not target.exists():
            os.replace(retired, target)  # put the previous outputs back
        if isinstance(error, OSError):
            raise _cannot_write(target, error) from error
        raise
    shutil.rmtree(retired, ignore_errors=True)
    return sorted(written)


def _pause_inside_swap() -> None:
    """A test hook: ``TALENTGRAPH_TEST_SWAP_PAUSE=S`` sleeps S seconds between the two renames,
    so that a test can kill a build exactly there (tests/test_interrupt.py)."""
    pause = os.environ.get("TALENTGRAPH_TEST_SWAP_PAUSE")
    if pause:
        time.sleep(float(pause))


def _cannot_write(target: Path, error: OSError) -> OutFolderError:
    reason = error.strerror or str(error)
    # The staging folder's own name would only puzzle: name the folder in the way instead.
    shown = error.filename and ".staging-" not in str(error.filename)
    where = f" ({error.filename})" if shown else ""
    return OutFolderError(f"{target}: cannot write the out folder there: {reason}{where}")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _link_tree(source: Path, destination: Path) -> None:
    """Hard-link every file of ``source`` into ``destination`` (copy where links fail)."""

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, destination, copy_function=link, dirs_exist_ok=True, symlinks=True)


def _check_replaceable(target: Path) -> None:
    if not target.exists():
        return
    if not target.is_dir():
        raise OutFolderError(f"{target} exists and is not a folder; choose another out folder")
    if any(target.iterdir()) and not (target / OUT_MARKER).is_file():
        raise OutFolderError(
            f"{target} is not empty and was not written by a Talent Graph build (no "
            f"{OUT_MARKER} in it); the build replaces its out folder as a whole, so choose a "
            "new or empty folder"
        )


def recover(target: Path) -> None:
    """Clean up after a publish that was killed: put back the previous folder if the kill
    came between setting it aside and swapping the new one in, remove staging leftovers."""
    target = Path(os.path.abspath(target))
    if not target.parent.is_dir():
        return
    for leftover in sorted(target.parent.glob(f".{target.name}.*-*")):
        kind, _, rest = leftover.name[len(target.name) + 2 :].partition("-")
        pid = rest.split("-", 1)[0]
        if kind not in ("staging", "retired") or not pid.isdigit() or process_running(int(pid)):
            continue
        if kind == "retired" and not target.exists():
            os.replace(leftover, target)
        else:
            shutil.rmtree(leftover, ignore_errors=True)


def process_running(pid: int) -> bool:
    """Whether a process ``pid`` runs (a leftover of a dead one may be cleaned up)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
