"""The project's own seed graph (seeds/), checked in this one place against one golden file.

tests/golden/seed-graph.json holds what the five articles add up to: the build's counts, the
curators' notes, the company and unit flows, every saved query's rows, the hubs, each career
and the pages' figures. `python scripts/golden.py` regenerates it: after adding an article,
run it and read the diff. Every other test runs on fixtures made for it, so a new article
fails this file only.

The values first recorded here were checked against the hand counts of the tests they
replace (the five companies' flows, the nine saved queries' golden rows, the careers...).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import load_script

REPO = Path(__file__).resolve().parent.parent


golden = load_script("golden")
RECORDED = json.loads(golden.GOLDEN.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def figures() -> dict:
    return golden.normalised(golden.seed_figures())


def test_the_golden_file_has_every_section(figures: dict) -> None:
    assert list(RECORDED) == list(figures)


@pytest.mark.parametrize("section", list(RECORDED))
def test_the_seed_graph_matches_the_golden_file(figures: dict, section: str) -> None:
    assert figures[section] == RECORDED[section], (
        f"the seed graph's {section!r} changed: run `python scripts/golden.py` and review the diff"
    )


def test_the_golden_file_is_written_as_the_script_writes_it() -> None:
    # A hand edit that reorders or reformats the file would hide a change in the next diff.
    assert golden.GOLDEN.read_text(encoding="utf-8") == golden.golden_text(RECORDED)
