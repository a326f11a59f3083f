"""Writing curated files whole: a crash or a full disk never leaves one half written.

A write goes to a hidden temporary file beside the target, named with the writer's process id;
one killed midway leaves that file behind, and ``remove_leftovers`` removes it once its writer
is gone.

>>> import tempfile
>>> path = Path(tempfile.mkdtemp()) / "sources.yaml"
>>> replace_text(path, "a: 1\\n")
>>> replace_text(path, "a: 2\\n")
>>> path.read_text(encoding="utf-8"), sorted(p.name for p in path.parent.iterdir())
('a: 2\\n', ['sources.yaml'])
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from graph.publish import process_running

# The mode of a new file (before the umask), as ``open`` gives it.
NEW_FILE_MODE = 0o666
# ``.<name>.tmp-<pid>-<random>``: a temporary file of ``_replace``, and whose it is.
_TEMPORARY = re.compile(r"^\..+\.tmp-(\d+)-[A-Za-z0-9_]+\Z")


def replace_text(path: Path, text: str | bytes) -> None:
    """Put ``text`` (UTF-8, line endings as given) in ``path`` at once: it is written to a
    temporary file in the same folder, which then replaces ``path`` (``os.replace``).

    A link at ``path`` is followed, so the file it names is the one replaced; callers check
    first that it lies where they may write.
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    _replace(path, lambda file: file.write(data))


def copy_in(source: Path, path: Path) -> None:
    """Copy the file ``source`` to ``path`` the same way, streamed (it may be large)."""
    with source.open("rb") as original:
        _replace(path, lambda file: shutil.copyfileobj(original, file, 1 << 20))


def _replace(path: Path, write: Callable[[BinaryIO], object]) -> None:
    target = path.resolve()
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.tmp-{os.getpid()}-", dir=target.parent
    )
    try:
        with os.fdopen(handle, "wb") as file:
            write(file)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, _mode(target))  # mkstemp's file is private; keep the file's mode
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return NEW_FILE_MODE & ~umask


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove the temporary files in ``folder`` of writes whose process is gone (killed
    midway), and return them; those of a write under way are left alone."""
    removed = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        found = _TEMPORARY.match(path.name)
        if found and path.is_file() and not process_running(int(found.group(1))):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
