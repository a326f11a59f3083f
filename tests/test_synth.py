"""scripts/synth.py: the synthetic employment corpus in the bulk-import format.

The corpus feeds benchmarks, so what matters is that it is deterministic, well formed and shaped
like the real thing: chronological careers, units under large labs, name collisions.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest

from conftest import load_script

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "synth.py"


synth = load_script("synth")

PEOPLE = 2000
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _csv_text(people: int, seed: int = 0) -> str:
    out = io.StringIO(newline="")
    synth.write(out, people, seed, "csv")
    return out.getvalue()


def _span(text: str) -> tuple[date, date]:
    """The first and last day a date of any precision may mean."""
    parts = [int(part) for part in text.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        year, month = parts
        following = date(year + month // 12, month % 12 + 1, 1)
        return date(year, month, 1), date.fromordinal(following.toordinal() - 1)
    day = date(*parts)
    return day, day


@pytest.fixture(scope="module")
def text() -> str:
    return _csv_text(PEOPLE)


@pytest.fixture(scope="module")
def table(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.fixture(scope="module")
def careers(table: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    by_person: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in table:
        by_person[row["person_id"]].append(row)
    return by_person


def test_same_seed_same_bytes_other_seed_other_bytes(text: str) -> None:
    assert _csv_text(PEOPLE) == text
    other = _csv_text(PEOPLE, seed=1)
    assert other != text
    # Not just shuffled sources: the people themselves differ.
    assert text.splitlines()[1].split(",")[0] != other.splitlines()[1].split(",")[0]


def test_the_command_line_writes_the_same_bytes_to_a_file_and_to_stdout(tmp_path: Path) -> None:
    target = tmp_path / "corpus.csv"
    command = [sys.executable, str(SCRIPT), "--people", "150", "--seed", "4"]
    subprocess.run([*command, "-o", str(target)], check=True, capture_output=True)
    stdout = subprocess.run(command, check=True, capture_output=True).stdout
    assert target.read_bytes() == stdout == _csv_text(150, 4).encode("utf-8")
    assert b"\r" not in stdout


def test_every_row_has_the_header_columns_and_the_ids_filled(
    text: str, table: list[dict[str, str]]
) -> None:
    assert text.splitlines()[0] == ",".join(synth.COLUMNS)
    assert len(table) > PEOPLE
    for row in table:
        assert None not in row and None not in row.values()  # no missing or extra fields
        assert row["person"] and row["org"] and row["source"] and row["org_id"]
        assert re.fullmatch(r"p\d{6}", row["person_id"])
    assert {row["person_id"] for row in table} == {f"p{n:06d}" for n in range(1, PEOPLE + 1)}


def test_dates_are_empty_or_a_year_a_month_or_a_day_between_1995_and_2026(
    table: list[dict[str, str]],
) -> None:
    precisions: Counter[int] = Counter()
    for row in table:
        assert row["start"], "every job has a start"
        for value in (row["start"], row["end"]):
            if value:
                assert DATE.fullmatch(value), value
                first, last = _span(value)  # a real calendar date, or this raises
                assert date(1995, 1, 1) <= first <= last <= date(2026, 12, 31)
                precisions[len(value)] += 1
    total = sum(precisions.values())
    # About 40% years, 35% months, 25% days.
    assert 0.3 < precisions[4] / total < 0.5
    assert 0.25 < precisions[7] / total < 0.45
    assert 0.15 < precisions[10] / total < 0.35


def test_careers_are_contiguous_chronological_and_do_not_overlap(
    table: list[dict[str, str]], careers: dict[str, list[dict[str, str]]]
) -> None:
    # One person's rows follow each other.
    runs = [pid for pid, _ in itertools.groupby(row["person_id"] for row in table)]
    assert len(runs) == len(careers)
    lengths = Counter(len(jobs) for jobs in careers.values())
    assert set(lengths) <= set(range(1, 7)) and len(lengths) >= 5
    for jobs in careers.values():
        assert len({(job["person"], job["wikidata_person"]) for job in jobs}) == 1
        for job, following in itertools.pairwise(jobs):
            # Whatever day each date stands for, the next job starts later.
            assert _span(job["start"])[1] < _span(following["start"])[0]
            assert job["end"] in ("", following["start"])
        last = jobs[-1]
        if last["end"]:
            assert _span(last["start"])[1] < _span(last["end"])[0]
    current = sum(1 for jobs in careers.values() if not jobs[-1]["end"])
    assert current / len(careers) > 0.7  # most people are still in their last job
    moves = [pair for jobs in careers.values() for pair in itertools.pairwise(jobs)]
    assert sum(1 for before, _ in moves if not before["end"]) / len(moves) < 0.3  # rare unknowns
    # A move goes to another employer (the draw may repeat one, very seldom).
    assert sum(1 for a, b in moves if a["org_id"] == b["org_id"]) / len(moves) < 0.01


def test_units_name_their_large_lab_as_parent_and_labs_get_most_jobs(
    table: list[dict[str, str]],
) -> None:
    orgs: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for row in table:
        orgs[row["org_id"]].add((row["org"], row["org_parent"], row["wikidata_org"]))
    assert all(len(seen) == 1 for seen in orgs.values()), "an org_id names one org"
    by_id = {org_id: next(iter(seen)) for org_id, seen in orgs.items()}
    units = {org_id: org for org_id, org in by_id.items() if org[1]}
    assert units
    labs = set()
    for org_id, (name, parent, _) in units.items():
        lab_id, _, unit = org_id.partition("-u")
        assert unit.isdigit()
        assert name.startswith(parent + " ") and name != parent
        assert by_id[lab_id][:2] == (parent, "")  # the parent is itself in the corpus, top level
        labs.add(parent)
    assert labs == set(synth.LARGE_LABS)
    for lab in labs:
        assert 3 <= sum(1 for _, parent, _ in units.values() if parent == lab) <= 6
    at_large_labs = sum(1 for row in table if row["org"] in labs or row["org_parent"] in labs)
    assert at_large_labs / len(table) > 0.5
    small = {name for name, parent, _ in by_id.values() if not parent and name not in labs}
    assert len(small) > 100


def test_the_world_is_fictional(table: list[dict[str, str]]) -> None:
    real = ("google", "openai", "deepmind", "anthropic", "meta", "alibaba", "microsoft")
    names = {row["org"].lower() for row in table} | {lab.lower() for lab in synth.LARGE_LABS}
    assert not [name for name in names if any(word in name for word in real)]


def test_some_names_are_shared_by_two_different_people(
    careers: dict[str, list[dict[str, str]]],
) -> None:
    ids_by_name: dict[str, set[str]] = defaultdict(set)
    for person_id, jobs in careers.items():
        ids_by_name[jobs[0]["person"]].add(person_id)
    shared = [ids for ids in ids_by_name.values() if len(ids) > 1]
    assert shared, "no name collision"
    people_sharing = sum(len(ids) for ids in shared)
    assert 0.005 <= people_sharing / len(careers) <= 0.02  # about 1%


def test_wikidata_ids_are_rare_stable_and_well_formed(
    careers: dict[str, list[dict[str, str]]], table: list[dict[str, str]]
) -> None:
    with_qid = [
        jobs[0]["wikidata_person"] for jobs in careers.values() if jobs[0]["wikidata_person"]
    ]
    assert 0.02 < len(with_qid) / len(careers) < 0.1
    assert len(set(with_qid)) == len(with_qid)
    org_qids = {row["wikidata_org"] for row in table} - {""}
    assert org_qids
    for qid in [*with_qid, *org_qids]:
        assert re.fullmatch(r"Q\d+", qid)


def test_jsonl_carries_the_same_rows_as_csv(table: list[dict[str, str]]) -> None:
    out = io.StringIO(newline="")
    count = synth.write(out, PEOPLE, 0, "jsonl")
    lines = out.getvalue().split("\n")
    assert lines[-1] == "" and count == len(lines) - 1 == len(table)
    objects = [json.loads(line) for line in lines[:-1]]
    assert all("" not in obj.values() for obj in objects)  # empty values are left out
    assert [{key: obj.get(key, "") for key in synth.COLUMNS} for obj in objects] == table


def test_rows_stream_without_building_the_corpus() -> None:
    # A billion people would not fit in memory: the first row must still come at once.
    first = next(synth.rows(10**9, seed=2))
    assert list(first) == list(synth.COLUMNS) and first["person_id"] == "p000001"
    assert list(synth.rows(0)) == []


def test_the_triples_estimate_picks_a_matching_number_of_people(
    table: list[dict[str, str]],
) -> None:
    per_person = synth.TRIPLES_PER_ROW * synth.ROWS_PER_PERSON
    assert synth.people_for_triples(round(per_person * 1000)) == 1000
    assert abs(len(table) / PEOPLE - synth.ROWS_PER_PERSON) < 0.15
