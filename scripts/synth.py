"""Write a deterministic synthetic corpus of employment records in the bulk-import format.

The corpus is a fictional world for benchmarks and tests, never for the real graph: every
person and every organisation in it is made up. Each row is one job of one person:

    person,org,start,end,role,source,person_id,org_id,org_parent,wikidata_person,wikidata_org

What it looks like:

- Eight large labs (fixed fictional names), each with 3 to 6 units named "<Lab> <Unit word>";
  a row at a unit has ``org_parent`` set to its lab's name. Hundreds to thousands of small
  organisations (their number grows with the corpus) named from syllables and a suffix such as
  "AI", "Labs" or "Research". Employers are drawn with a Zipf-like skew, so the large labs and
  their units hold most of the jobs.
- Careers of 1 to 6 jobs, chronological and non-overlapping under any reading of the dates:
  each start comes after every day the previous start may stand for. A job's end is the next
  job's start (or empty, unknown, now and then); the last job is current (end empty) most of
  the time. Dates fall between 1995 and 2026 at mixed precision: about 40% ``YYYY``, 35%
  ``YYYY-MM`` and 25% ``YYYY-MM-DD`` (a little finer than that, as a date that would read as
  overlapping its predecessor is written more precisely).
- Names from first-name and surname lists of varied origins, unique per person except for
  deliberate collisions: about 1% of people share their full name with another, different
  person (0.5% of them copy the name of someone else), each with their own ``person_id``.
- About 5% of people and of organisations carry a fictional Wikidata QID (``Q9000123``).

Rows stream out one person at a time: memory stays flat in the number of people, apart from the
small tables of organisation names. The same arguments give byte-identical output (every
random choice comes from ``random.Random`` seeded with the arguments).

    python scripts/synth.py --people 100000 -o /tmp/corpus.csv
    python scripts/synth.py --triples 10000000 --format jsonl --seed 3 -o /tmp/corpus.jsonl
    python scripts/synth.py --people 50 | head
"""

from __future__ import annotations

import argparse
import bisect
import csv
import io
import json
import math
import os
import random
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import NamedTuple, TextIO

from graph.curation.imports import records

# Every column the importer reads, in its order: the corpus cannot drift from the reader.
COLUMNS = records.COLUMNS + records.OPTIONAL_COLUMNS

# An estimate, not a measurement: the RDF triples one row adds up to once imported (the
# employment node, its dates, role and links, the person's and org's share of their own
# triples, and the provenance of the row's claims). Only --triples uses it, to pick a number
# of people. Measured on the importer: 20,136 rows (7,700 people) built 1,046,213 quads.
TRIPLES_PER_ROW = 52

# The number of jobs in a career, 1 to 6, and how often each occurs.
JOB_COUNT_WEIGHTS = (22, 27, 22, 15, 9, 5)
# Rows per person, measured on 100 000 people (2.62): lower than the 2.77 the weights above
# give, as careers that would run past mid-2026 are cut short. Only --triples uses it.
ROWS_PER_PERSON = 2.62

FIRST_DAY = date(1995, 1, 1).toordinal()
LAST_START = date(2026, 6, 30).toordinal()
LAST_DAY = date(2026, 12, 31).toordinal()

# Share of the date precisions: year, month, day.
PRECISION_WEIGHTS = (40, 35, 25)
# Chance that a job that is not the last one has an unknown end; chance that the last one ended.
UNKNOWN_END = 0.15
LAST_JOB_ENDED = 0.2
NO_ROLE = 0.05
WIKIDATA_SHARE = 0.05
# One person in COLLISION_EVERY takes the full name of another one: 0.5% copy, 1% share.
COLLISION_EVERY = 200

# Fictional QIDs: people from Q9000000 up, organisations from Q8900000 up.
PERSON_QID_BASE = 9_000_000
ORG_QID_BASE = 8_900_000

# Share of all jobs held at the large labs and their units; the rest go to the small orgs.
LARGE_LAB_SHARE = 0.6
# Share of a large lab's jobs held at the lab itself rather than at one of its units.
LAB_ITSELF_SHARE = 0.35
ZIPF_EXPONENT = 1.0
# The small orgs' weights fall as 1 / (rank + ZIPF_OFFSET): without the offset the first small
# org would outweigh most of the large labs.
ZIPF_OFFSET = 10

LARGE_LABS = (
    "Aurelix Intelligence",
    "Quorvane Labs",
    "Tessaly Research",
    "Lumenfold AI",
    "Vantorra Systems",
    "Halvenor Cognition",
    "Ossiry Machines",
    "Kestrane AI",
)

UNIT_WORDS = (
    "Robotics",
    "Alignment",
    "Vision",
    "Language",
    "Foundations",
    "Applied Research",
    "Health",
    "Climate",
    "Theory",
    "Infrastructure",
    "Security",
    "Interpretability",
    "Speech",
    "Agents",
    "Reasoning",
    "Science",
)

SYLLABLES = (
    "ar", "bel", "cor", "dra", "el", "fen", "gal", "hex", "il", "jun",
    "kal", "lo", "mar", "nex", "or", "pra", "qui", "ros", "sol", "tor",
    "ul", "ver", "wen", "xa", "yl", "zen", "bri", "cla", "dor", "fi",
    "gra", "ka", "lum", "no", "pha", "ri", "sta", "tal", "vo", "zo",
)  # fmt: skip

ORG_SUFFIXES = (
    "AI",
    "Labs",
    "Research",
    "Systems",
    "Intelligence",
    "Robotics",
    "Analytics",
    "Machines",
    "Cognition",
    "Dynamics",
    "Technologies",
    "Compute",
)

# Generated names that contain one of these are drawn again: the world stays fictional.
REAL_NAME_FRAGMENTS = (
    "google",
    "openai",
    "deepmind",
    "anthropic",
    "meta",
    "alibaba",
    "baidu",
    "tencent",
    "nvidia",
    "apple",
    "amazon",
    "microsoft",
    "mistral",
    "cohere",
    "xai",
    "inflection",
    "adept",
    "samsung",
    "huawei",
    "ibm",
)

# No spaces, hyphens or dots in the name lists: that keeps the four name shapes apart.
FIRST_NAMES = (
    "Amara", "Lars", "Mei", "Tomasz", "Priya", "Kwame", "Sofia", "Hiroshi", "Leila", "Mateo",
    "Ingrid", "Arjun", "Chiara", "Dmitri", "Yara", "Oluwaseun", "Elif", "Jonas", "Ana", "Rafael",
    "Sun", "Nadia", "Kofi", "Astrid", "Ravi", "Lucía", "Emeka", "Hana", "Pablo", "Zainab",
    "Ville", "Thandiwe", "Wei", "Marta", "Tariq", "Noor", "Bjørn", "Camille", "Diego", "Aiko",
    "Farid", "Greta", "Ibrahim", "Jia", "Kateryna", "Luca", "Manon", "Nikhil", "Olga", "Quentin",
    "Rosa", "Sipho", "Tuan", "Ulla", "Vikram", "Wanjiru", "Ximena", "Yusuf", "Zofia", "Adebayo",
    "Beatriz", "Chen", "Dalia", "Esteban", "Fatima", "Goran", "Helena", "Isabel", "Jun", "Kamala",
    "Leon", "Min", "Nils", "Omar", "Paulina", "Rohan", "Saoirse", "Tomás", "Uma", "Valentina",
    "Wiremu", "Xin", "Yuki", "Zeynep", "Aleksander", "Bongani", "Carmen", "Dae", "Eero", "Femi",
    "Gabriela", "Hamza", "Ines", "Joon", "Kavya", "Lior", "Malik", "Nia", "Oskar", "Pilar",
)  # fmt: skip

SURNAMES = (
    "Okafor", "Lindqvist", "Tanaka", "Kowalski", "Ramanathan", "Mensah", "Rossi", "Nakamura",
    "Haddad", "Fernández", "Johansson", "Iyer", "Bianchi", "Volkov", "Ahmadi", "Adeyemi",
    "Öztürk", "Becker", "Silva", "Moreau", "Zhang", "Novak", "Boateng", "Halvorsen", "Gupta",
    "Castillo", "Nwosu", "Sato", "Ortega", "Abubakar", "Virtanen", "Dlamini", "Liu", "Nowak",
    "Rahman", "Khalil", "Eriksen", "Dubois", "Morales", "Kimura", "Karimi", "Schmidt", "Hassan",
    "Wu", "Shevchenko", "Conti", "Lefèvre", "Mehta", "Petrov", "Santos", "Ngata", "Nguyen",
    "Park", "Demir", "Mwangi", "Oyelaran", "Kuznetsova", "Almeida", "Brennan", "Choi", "Dimitrov",
    "Esposito", "Fischer", "Gallagher", "Horvat", "Ishikawa", "Jovanović", "Kaur", "Laurent",
    "Mahlangu", "Nilsen", "O'Connor", "Popescu", "Quispe", "Reyes", "Suzuki", "Takahashi",
    "Uchenna", "Vargas", "Weber", "Xu", "Yamamoto", "Zielinski", "Asante", "Bauer", "Chowdhury",
    "Delgado", "Ekström", "Farouk", "Grünewald", "Hosseini", "Ivanova", "Jensen", "Kariuki",
    "Lim", "Mazur", "Nakashima", "Osei", "Papadopoulos", "Rinaldi",
)  # fmt: skip

# From junior to senior: a career drifts up the list.
ROLES = (
    "Research Intern",
    "Research Engineer",
    "Software Engineer",
    "Machine Learning Engineer",
    "Data Scientist",
    "Research Scientist",
    "Senior Research Engineer",
    "Senior Research Scientist",
    "Staff Engineer",
    "Staff Research Scientist",
    "Principal Scientist",
    "Research Lead",
    "Engineering Manager",
    "Director of Research",
    "Head of Research",
    "Chief Scientist",
)

SOURCES = (
    (0.7, "synthetic register, entry {row}"),
    (0.2, "synthetic press digest, item {row}"),
    (0.1, "synthetic conference bio, no. {row}"),
)


class Org(NamedTuple):
    """One employer as the rows name it: a large lab, one of its units or a small org."""

    name: str
    org_id: str
    parent: str = ""
    wikidata: str = ""


class _Affine:
    """A bijection of ``range(size)`` onto itself, ``x -> (a * x + b) % size``, drawn from rng.

    It spreads consecutive indices over the whole range without a table in memory.
    """

    def __init__(self, size: int, rng: random.Random) -> None:
        self.size = size
        self.a, self.b = 1, 0
        if size > 1:
            self.a = rng.randrange(1, size)
            while math.gcd(self.a, size) != 1:
                self.a = rng.randrange(1, size)
            self.b = rng.randrange(size)

    def __call__(self, x: int) -> int:
        return (self.a * x + self.b) % self.size


_F, _L, _M = len(FIRST_NAMES), len(SURNAMES), 26
# The four name shapes, from the most common, with how many distinct names each can hold:
# "First Last", "First M. Last", "First Last-Other", "First M. Last-Other" (Other != Last).
_SHAPE_CAPACITY = (_F * _L, _F * _M * _L, _F * _L * (_L - 1), _F * _M * _L * (_L - 1))
_SHAPE_SHARE = (0.6, 0.25, 0.1, 0.05)


class _Names:
    """The full name of each person, unique but for the deliberate collisions, in O(1) memory.

    Person ``i`` is sent by one bijection to a slot ``j``; the slots are cut into the four name
    shapes (as many of the plainest shape as it can hold, up to its share) and each shape maps
    its slots onto its names with a bijection of its own. The last slot of every block of
    COLLISION_EVERY takes the name of another slot of its block.
    """

    def __init__(self, people: int, rng: random.Random) -> None:
        self.slot = _Affine(people, rng)
        self.starts: list[int] = []
        start, carry = 0, 0
        for shape, (capacity, share) in enumerate(zip(_SHAPE_CAPACITY, _SHAPE_SHARE, strict=True)):
            wanted = people - start if shape == 3 else round(people * share) + carry
            count = wanted if shape == 3 else min(wanted, capacity, people - start)
            carry = wanted - count
            self.starts.append(start)
            start += count
        # The last shape holds all that is left; past its capacity a generation number is
        # added ("Ana K. Silva-Okafor II"), which only corpora of tens of millions reach.
        # Each shape spreads its slots over its whole name space, not over the first names only.
        self.maps = [_Affine(capacity, rng) for capacity in _SHAPE_CAPACITY]

    def name(self, person: int) -> str:
        """The full name of person ``person`` (0-based)."""
        slot = self.slot(person)
        block, place = divmod(slot, COLLISION_EVERY)
        if place == COLLISION_EVERY - 1:
            # Another slot of the same block, never the last one: a name that is not a copy.
            slot -= 1 + (block * 37) % (COLLISION_EVERY - 1)
        return self._slot_name(slot)

    def _slot_name(self, slot: int) -> str:
        shape = bisect.bisect_right(self.starts, slot) - 1
        local = slot - self.starts[shape]
        generation, local = divmod(local, _SHAPE_CAPACITY[shape])
        x = self.maps[shape](local)
        x, first = divmod(x, _F)
        x, last = divmod(x, _L)
        middle = other = ""
        if shape in (1, 3):
            x, m = divmod(x, _M)
            middle = f" {chr(ord('A') + m)}."
        if shape in (2, 3):
            x, o = divmod(x, _L - 1)
            other = "-" + SURNAMES[o + 1 if o >= last else o]
        suffix = f" {_roman(generation + 1)}" if generation else ""
        return f"{FIRST_NAMES[first]}{middle} {SURNAMES[last]}{other}{suffix}"


def _roman(n: int) -> str:
    """``n`` in Roman numerals: ``_roman(14) == 'XIV'``."""
    out = []
    for value, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def small_org_count(people: int) -> int:
    """How many small organisations a corpus of ``people`` people has: hundreds to thousands."""
    return max(200, min(5000, people // 20))


def organisations(people: int, seed: int = 0) -> tuple[list[Org], list[float]]:
    """The employers of a corpus and the cumulative weights to draw them with.

    The large labs and their units come first, then the small orgs by falling weight (Zipf).
    """
    rng = random.Random(f"synth-orgs-{seed}")
    orgs: list[Org] = []
    weights: list[float] = []

    def qid(number: int) -> str:
        return f"Q{ORG_QID_BASE + number}" if rng.random() < WIKIDATA_SHARE else ""

    lab_zipf = [1 / (rank + 1) ** ZIPF_EXPONENT for rank in range(len(LARGE_LABS))]
    for number, (lab, zipf) in enumerate(zip(LARGE_LABS, lab_zipf, strict=True), 1):
        lab_weight = LARGE_LAB_SHARE * zipf / sum(lab_zipf)
        org_id = f"o{number:04d}"
        orgs.append(Org(lab, org_id, "", qid(len(orgs))))
        weights.append(lab_weight * LAB_ITSELF_SHARE)
        units = rng.sample(UNIT_WORDS, rng.randint(3, 6))
        unit_zipf = [1 / (rank + 1) for rank in range(len(units))]
        for u, (word, z) in enumerate(zip(units, unit_zipf, strict=True), 1):
            orgs.append(Org(f"{lab} {word}", f"{org_id}-u{u}", lab, qid(len(orgs))))
            weights.append(lab_weight * (1 - LAB_ITSELF_SHARE) * z / sum(unit_zipf))
    count = small_org_count(people)
    small_zipf = [1 / (rank + ZIPF_OFFSET) ** ZIPF_EXPONENT for rank in range(count)]
    small_total = sum(small_zipf)
    taken = set(LARGE_LABS)
    for number, zipf in enumerate(small_zipf, len(LARGE_LABS) + 1):
        name = _small_org_name(rng, taken)
        taken.add(name)
        orgs.append(Org(name, f"o{number:04d}", "", qid(len(orgs))))
        weights.append((1 - LARGE_LAB_SHARE) * zipf / small_total)
    cumulative, total = [], 0.0
    for weight in weights:
        total += weight
        cumulative.append(total)
    return orgs, cumulative


def _small_org_name(rng: random.Random, taken: set[str]) -> str:
    """A new name of syllables and a suffix, such as "Velnor Labs", not in ``taken``."""
    for attempt in range(1000):
        syllables = rng.choices(SYLLABLES, k=rng.choice((2, 2, 3)) + attempt // 100)
        stem = "".join(syllables).capitalize()
        name = f"{stem} {rng.choice(ORG_SUFFIXES)}"
        if name not in taken and not any(bad in name.lower() for bad in REAL_NAME_FRAGMENTS):
            return name
    raise RuntimeError("no free organisation name left")  # pragma: no cover


def _month_end(year: int, month: int) -> int:
    """The ordinal of the last day of ``month``."""
    following = date(year + month // 12, month % 12 + 1, 1)
    return following.toordinal() - 1


def _written(day: int, after: int, rng: random.Random) -> tuple[str, int, int]:
    """Day ``day`` written at a drawn precision, and the first and last day the text may mean.

    A precision whose span would reach back to ``after`` (or before) is refined, so the text
    always means days later than ``after``.
    """
    d = date.fromordinal(day)
    precision = rng.choices((0, 1, 2), weights=PRECISION_WEIGHTS)[0]
    if precision == 0 and date(d.year, 1, 1).toordinal() > after:
        return f"{d.year:04d}", date(d.year, 1, 1).toordinal(), date(d.year, 12, 31).toordinal()
    if precision <= 1 and date(d.year, d.month, 1).toordinal() > after:
        first = date(d.year, d.month, 1).toordinal()
        return f"{d.year:04d}-{d.month:02d}", first, _month_end(d.year, d.month)
    return d.isoformat(), day, day


def _career(rng: random.Random) -> list[tuple[str, str]]:
    """The start and end texts of one career's jobs, oldest first."""
    jobs = rng.choices(range(1, len(JOB_COUNT_WEIGHTS) + 1), weights=JOB_COUNT_WEIGHTS)[0]
    latest_first = max(FIRST_DAY, LAST_START - (jobs - 1) * 500)
    day = rng.randint(FIRST_DAY, latest_first)
    starts: list[str] = []
    ends_after = FIRST_DAY - 1  # the last day the previous start may mean
    for _ in range(jobs):
        if starts:
            day = max(day + 90, ends_after + 1) + int(rng.expovariate(1 / 900))
            if day > LAST_START:
                break
        text, _first, ends_after = _written(day, ends_after, rng)
        starts.append(text)
    ends = [nxt if rng.random() >= UNKNOWN_END else "" for nxt in starts[1:]]
    last_end = ""
    if rng.random() < LAST_JOB_ENDED:
        earliest = max(day + 90, ends_after + 1)
        if earliest <= LAST_DAY:
            end_day = rng.randint(earliest, min(LAST_DAY, earliest + 5 * 365))
            last_end = _written(end_day, ends_after, rng)[0]
    ends.append(last_end)
    return list(zip(starts, ends, strict=True))


def _role(rng: random.Random, level: float) -> str:
    """A job title around seniority ``level`` (0 junior, 1 most senior), or now and then none."""
    if rng.random() < NO_ROLE:
        return ""
    index = round(level * (len(ROLES) - 1) + rng.gauss(0, 2))
    return ROLES[min(len(ROLES) - 1, max(0, index))]


def _source(rng: random.Random, row: int) -> str:
    """The citation of row number ``row``."""
    draw = rng.random()
    for share, template in SOURCES:
        if draw < share:
            return template.format(row=row)
        draw -= share
    return SOURCES[-1][1].format(row=row)


def rows(people: int, seed: int = 0) -> Iterator[dict[str, str]]:
    """Yield the rows of a corpus of ``people`` people, one job each, person after person.

    Every row has all of COLUMNS as keys (empty strings where there is no value).

    >>> first = next(rows(10))
    >>> list(first) == list(COLUMNS) and first["person_id"] == "p000001"
    True
    """
    if people < 0:
        raise ValueError("people must be 0 or more")
    if people == 0:
        return
    orgs, cumulative = organisations(people, seed)
    total = cumulative[-1]
    rng = random.Random(f"synth-people-{seed}")
    names = _Names(people, random.Random(f"synth-names-{seed}"))
    row = 0
    for person in range(people):
        name = names.name(person)
        person_id = f"p{person + 1:06d}"
        wikidata_person = f"Q{PERSON_QID_BASE + person}" if rng.random() < WIKIDATA_SHARE else ""
        career = _career(rng)
        seniority = rng.random() * 0.5
        previous: Org | None = None
        for index, (start, end) in enumerate(career):
            for _ in range(5):  # a move goes somewhere else, most of the time
                org = orgs[min(len(orgs) - 1, bisect.bisect_left(cumulative, rng.random() * total))]
                if org is not previous:
                    break
            previous = org
            level = seniority + 0.5 * index / max(1, len(career) - 1)
            row += 1
            yield {
                "person": name,
                "org": org.name,
                "start": start,
                "end": end,
                "role": _role(rng, level),
                "source": _source(rng, row),
                "person_id": person_id,
                "org_id": org.org_id,
                "org_parent": org.parent,
                "wikidata_person": wikidata_person,
                "wikidata_org": org.wikidata,
            }


def write(out: TextIO, people: int, seed: int = 0, fmt: str = "csv") -> int:
    """Write the corpus to ``out`` as ``csv`` or ``jsonl`` and return the number of rows.

    ``out`` should be opened with ``newline=""`` so that the line ends stay ``\\n``.
    """
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for record in rows(people, seed):
            writer.writerow(record)
            count += 1
    elif fmt == "jsonl":
        encode = json.JSONEncoder(ensure_ascii=False).encode
        for record in rows(people, seed):
            out.write(encode({key: value for key, value in record.items() if value}) + "\n")
            count += 1
    else:
        raise ValueError(f"unknown format {fmt!r}: csv or jsonl")
    return count


def people_for_triples(triples: int) -> int:
    """How many people make a corpus of about ``triples`` RDF triples (an estimate)."""
    return max(1, round(triples / (TRIPLES_PER_ROW * ROWS_PER_PERSON)))


def main(argv: list[str] | None = None) -> None:
    """Parse the command line and write the corpus."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--people", type=int, help="number of people in the corpus")
    size.add_argument(
        "--triples",
        type=int,
        help=f"aim at about this many RDF triples ({TRIPLES_PER_ROW} per row, an estimate)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    parser.add_argument("-o", "--output", type=Path, help="file to write (stdout without it)")
    arguments = parser.parse_args(argv)
    people = arguments.people
    if people is None:
        people = people_for_triples(arguments.triples)
    if people < 0:
        parser.error("the size must be 0 or more")
    if arguments.output is None:
        out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
        try:
            count = write(out, people, arguments.seed, arguments.format)
        except BrokenPipeError:  # `| head`: stop quietly, as the recipe in Python's docs does
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        out.flush()
        out.detach()
    else:
        with arguments.output.open("w", encoding="utf-8", newline="") as out:
            count = write(out, people, arguments.seed, arguments.format)
    print(f"wrote {count} rows for {people} people", file=sys.stderr)


if __name__ == "__main__":
    main()
