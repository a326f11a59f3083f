"""Python's cycle collector, kept from walking the millions of objects a large graph makes.

The facts of a graph are small objects (strings, tuples, records) that live until the command
ends and hold no reference cycles, so reference counting frees them and the cycle collector
only ever finds them alive. Yet every full collection walks them all: at a million triples,
the collections took 2.0 of the 7.0 s the build's main thread spends on the facts, the
analyses and the pages, and a third of ``talentgraph flows``.

- ``paused_collection``: no collection while the objects are made (a build, reading facts);
  the few cycles made meanwhile are collected when it ends.
- ``settle``: once the objects are made for good (a command's facts), later collections
  leave them out, until ``unsettle``.

>>> import gc
>>> with paused_collection():
...     gc.isenabled()
False
>>> gc.isenabled()
True
>>> settle()
>>> gc.get_freeze_count() > 0
True
>>> unsettle()
>>> gc.get_freeze_count()
0
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_collection() -> Iterator[None]:
    """No cycle collection inside the block (nested blocks leave it paused)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def settle() -> None:
    """Leave every object alive now out of later collections (``gc.freeze``), until
    ``unsettle``: for a command's facts, which it keeps to the end."""
    gc.freeze()


def unsettle() -> None:
    """Let collections see the settled objects again (``gc.unfreeze``): when a command ends in
    a process that goes on (tests, a Python session running commands)."""
    gc.unfreeze()
