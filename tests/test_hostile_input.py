# The expected messages are kept whole, as they are printed, even past the line length.
# ruff: noqa: E501
"""Hostile and malformed seeds: one table of inputs, each with the exact messages it gets.

Every case starts from a tiny valid seeds folder (``write_seeds``) and breaks one thing. The
expected lines are the problems ``check_seeds`` reports, as ``talentgraph validate`` prints
them after ``Error:``. Symlink cases make links that point out of the seeds folder. Then the
same for import files, article files, and web pages served by a loopback site the test starts.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import graph.curation.article
from conftest import HOST, MINI_ENTITIES, MINI_MOVE, Answer, Site, free_port, redirect
from conftest import write_seeds as write_mini_seeds
from graph.cli import main
from graph.curation.add import add_article
from graph.curation.article import has_sentence
from graph.curation.checks import check_seeds
from graph.curation.imports.files import import_file
from graph.curation.yamlfile import MAX_BYTES
from graph.errors import CurationError, InputError
from graph.rdf.convert import curation_to_dataset
from graph.rdf.serialize import write_nquads, write_rdf
from graph.rdf.shapes import check_shapes
from graph.rdf.store import dataset_store
from graph.vocab import PREFIXES

DOCUMENT = (
    "Ann Lee, who led Acme's vision team, has joined Beta Labs in May 2024.\n"
    "The vision team at Acme was founded in 2019.\n"
    "林俊旸已离开阿里巴巴。\n"
    "Beta Labs was founded in 2019 too.\n"
    "Lab news. Lab news. Lab news. Lab news. Lab news. Lab news.\n"
)
SOURCES = """\
mini:
  original_name: 000_mini.txt
  title: A tiny article
  publisher: unknown
  date: 2024-06-01
  language: en
"""
ENTITIES = MINI_ENTITIES
PART_OF = """\
- kind: part-of
  org: acme-vision
  parent: acme
  quote: "The vision team at Acme was founded"
"""
MOVE = MINI_MOVE
CLAIMS = PART_OF + "\n" + MOVE


# The tiny valid seeds every case starts from (conftest's, with a longer document).
write_seeds = functools.partial(
    write_mini_seeds, sources=SOURCES, entities=ENTITIES, claims=CLAIMS, document=DOCUMENT
)


def problems_of(root: Path) -> list[str]:
    """The problems ``check_seeds`` reports for ``root``, as printed (none: an empty list)."""
    try:
        check_seeds(root, today=dt.date(2025, 1, 1))
    except CurationError as error:
        return [str(problem) for problem in error.problems]
    return []


def claim(kind: str, quote: str = "Ann Lee, who led Acme's vision team", **fields: str) -> str:
    """A claims file: the part-of claim, then one more claim written from ``fields``."""
    lines = [f"- kind: {kind}", *(f"  {name}: {value}" for name, value in fields.items())]
    if quote:
        lines.append(f'  quote: "{quote}"')
    return PART_OF + "\n" + "\n".join(lines) + "\n"


def sparse(name: str, size: int) -> Callable[[Path, Path], None]:
    """A change that makes file ``name`` ``size`` bytes long (sparse: quick to write)."""

    def change(root: Path, outside: Path) -> None:
        with (root / name).open("r+b") as file:
            file.truncate(size)

    return change


def link_out(name: str, content: str | None = None) -> Callable[[Path, Path], None]:
    """A change that replaces ``name`` with a link to a file outside the seeds folder."""

    def change(root: Path, outside: Path) -> None:
        target = outside / Path(name).name
        target.write_text(content if content is not None else (root / name).read_text())
        (root / name).unlink()
        (root / name).symlink_to(target)

    return change


def link_folder_out(name: str) -> Callable[[Path, Path], None]:
    """A change that moves folder ``name`` outside and leaves a link to it in its place."""

    def change(root: Path, outside: Path) -> None:
        target = outside / name
        (root / name).rename(target)
        (root / name).symlink_to(target, target_is_directory=True)

    return change


def with_import(then: Callable[[Path, Path], None]) -> Callable[[Path, Path], None]:
    """A change that registers an import, ``imports/x.csv``, then makes change ``then``."""

    def change(root: Path, outside: Path) -> None:
        (root / "imports").mkdir()
        (root / "imports" / "x.csv").write_text("person,org\nAnn Lee,Acme\n")
        (root / "imports.yaml").write_text("x:\n  original_name: x.csv\n  format: csv\n")
        then(root, outside)

    return change


def bomb() -> str:
    """The "billion laughs": nine aliases of nine aliases, ten levels deep."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        items = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{items}]")
    return "\n".join(lines) + "\n"


@dataclass
class Case:
    """One malformed input: file contents to replace, or a change to make, and the problems."""

    id: str
    expected: list[str]
    files: dict[str, str | bytes] = field(default_factory=dict)
    change: Callable[[Path, Path], None] | None = None


C = "claims/mini.yaml"
S = "sources.yaml"
E = "entities.yaml"
D = "documents/mini.txt"

CASES = [
    # --- YAML: syntax, encoding, characters ---------------------------------------------
    Case(
        "yaml-syntax",
        [
            "claims/mini.yaml:2: YAML syntax error: expected <block end>, but found '<block mapping start>'; fix the indentation or quoting"
        ],
        {C: "- kind: move\n person: ann-lee\n"},
    ),
    Case(
        "yaml-unclosed-quote",
        [
            "claims/mini.yaml:2: YAML syntax error: found unexpected end of stream; fix the indentation or quoting"
        ],
        {C: '- kind: "move\n'},
    ),
    Case(
        "yaml-tab-indent",
        [
            "claims/mini.yaml:2: YAML syntax error: found character '\\t' that cannot start any token; fix the indentation or quoting"
        ],
        {C: "- kind: move\n\tperson: ann-lee\n"},
    ),
    Case(
        "yaml-nul-byte",
        ["claims/mini.yaml:1: control character U+0000 is not allowed in YAML; remove it"],
        {C: "- kind: move\x00\n"},
    ),
    Case(
        "yaml-bel-byte",
        ["claims/mini.yaml:2: control character U+0007 is not allowed in YAML; remove it"],
        {C: "- kind: part-of\n  note: ding\x07\n"},
    ),
    Case(
        "yaml-escape-byte",
        ["sources.yaml:3: control character U+001B is not allowed in YAML; remove it"],
        {S: SOURCES.replace("A tiny", "A \x1b[2J tiny")},
    ),
    Case(
        "yaml-not-utf8",
        ["claims/mini.yaml:2: not UTF-8 text; re-save the file with UTF-8 encoding"],
        {C: b"- kind: move\n  note: caf\xe9\n"},
    ),
    Case(
        "yaml-two-documents",
        ["claims/mini.yaml:13: a second YAML document ('---'); keep one document per file"],
        {C: CLAIMS + "---\n- kind: move\n"},
    ),
    # --- YAML: tags, anchors, aliases, merge keys ----------------------------------------
    Case(
        "yaml-python-name-tag",
        [
            "claims/mini.yaml:1: tag '!!python/name:os.system' is not allowed: curated files use plain text, numbers, true/false, lists and mappings; remove the tag"
        ],
        {C: "- kind: !!python/name:os.system move\n"},
    ),
    Case(
        "yaml-python-object-tag",
        [
            "claims/mini.yaml:1: tag '!!python/object/apply:os.system' is not allowed: curated files use plain text, numbers, true/false, lists and mappings; remove the tag"
        ],
        {C: "- !!python/object/apply:os.system [ls]\n"},
    ),
    Case(
        "yaml-binary-tag",
        [
            "claims/mini.yaml:1: tag '!!binary' is not allowed: curated files use plain text, numbers, true/false, lists and mappings; remove the tag"
        ],
        {C: "- kind: !!binary aGVsbG8=\n"},
    ),
    Case(
        "yaml-set-tag",
        [
            "claims/mini.yaml:1: tag '!!set' is not allowed: curated files use plain text, numbers, true/false, lists and mappings; remove the tag"
        ],
        {C: "- !!set {a, b}\n"},
    ),
    Case(
        "yaml-local-tag",
        [
            "claims/mini.yaml:1: tag '!move' is not allowed: curated files use plain text, numbers, true/false, lists and mappings; remove the tag"
        ],
        {C: "- kind: !move move\n"},
    ),
    Case(
        "yaml-bad-int-tag",
        ["claims/mini.yaml:2: 'lots' is not a valid !!int; remove the tag or fix the value"],
        {C: "- kind: part-of\n  note: !!int lots\n"},
    ),
    Case(
        "yaml-bad-bool-tag",
        ["claims/mini.yaml:2: 'maybe' is not a valid !!bool; remove the tag or fix the value"],
        {C: "- kind: part-of\n  note: !!bool maybe\n"},
    ),
    Case(
        "yaml-merge-key",
        [
            "claims/mini.yaml:2: merge key '<<' is not allowed: write the fields out in full in each mapping"
        ],
        {C: "- &base {kind: part-of, org: acme-vision}\n- <<: *base\n"},
    ),
    Case(
        "yaml-alias-bomb",
        [
            "entities.yaml:6: aliases stand for more than 100,000 values; write the values out instead of aliases of aliases"
        ],
        {E: bomb()},
    ),
    Case(
        "yaml-undefined-alias",
        [
            "claims/mini.yaml:2: alias '*nothing' has no anchor '&nothing' before it; write the value out"
        ],
        {C: "- kind: part-of\n  quote: *nothing\n"},
    ),
    Case(
        "yaml-duplicate-anchor",
        ["claims/mini.yaml:2: anchor '&a' is defined twice (first at line 1); rename one"],
        {C: "- &a {kind: part-of}\n- &a {kind: move}\n"},
    ),
    Case(
        "yaml-recursive-alias",
        ["claims/mini.yaml:1: alias '*a' is inside the value it names; remove it"],
        {C: "- &a [x, *a]\n"},
    ),
    # --- YAML: depth and size -------------------------------------------------------------
    Case(
        "yaml-100k-brackets",
        [
            "claims/mini.yaml:1: nested more than 50 levels deep; curated files need a few: look for brackets or braces that are not closed"
        ],
        {C: "[" * 100_000},
    ),
    Case(
        "yaml-5k-braces",
        ["claims/mini.yaml:1: a mapping cannot be a key; keys must be text"],
        {C: "{" * 5_000},
    ),
    Case(
        "yaml-60-closed-brackets",
        [
            "claims/mini.yaml:1: nested more than 50 levels deep; curated files need a few: look for brackets or braces that are not closed"
        ],
        {C: "[" * 60 + "]" * 60 + "\n"},
    ),
    Case(
        "yaml-deep-block",
        [
            "claims/mini.yaml:51: nested more than 50 levels deep; curated files need a few: look for brackets or braces that are not closed"
        ],
        {C: "".join("  " * level + "- \n" for level in range(60)) + "  " * 60 + "- x\n"},
    ),
    Case(
        "claims-too-large",
        [
            "claims/mini.yaml:1: file too large (20,000,001 bytes; the limit is 20 MB per file); split the document into several smaller sources"
        ],
        change=sparse(C, MAX_BYTES + 1),
    ),
    Case(
        "entities-too-large",
        [
            "entities.yaml:1: file too large (20,000,001 bytes; the limit is 20 MB per file); split the document into several smaller sources"
        ],
        change=sparse(E, MAX_BYTES + 1),
    ),
    # --- YAML: keys -----------------------------------------------------------------------
    Case(
        "yaml-duplicate-key",
        ["claims/mini.yaml:5: duplicate key 'org' (first at line 2); keep one"],
        {C: PART_OF + "  org: acme\n"},
    ),
    Case(
        "yaml-number-key",
        ["entities.yaml:15: key 1 must be text"],
        {E: ENTITIES + "  1: {label: One, class: Lab}\n"},
    ),
    Case(
        "yaml-list-key",
        ["claims/mini.yaml:1: a list cannot be a key; keys must be text"],
        {C: "- ? [a, b]\n  : x\n"},
    ),
    # --- sources.yaml -----------------------------------------------------------------------
    Case(
        "sources-not-mapping",
        ["sources.yaml:1: expected a mapping of source id to its metadata"],
        {S: "- mini\n"},
    ),
    Case(
        "source-id-path",
        [
            "documents/mini.txt:1: document has no entry in sources.yaml; add 'mini:' there",
            "sources.yaml:1: source id '../../etc/passwd' is not a lowercase slug; use letters, digits and single hyphens",
        ],
        {S: SOURCES.replace("mini:", "../../etc/passwd:")},
    ),
    Case(
        "source-missing-title",
        ["sources.yaml:1: source 'mini': missing field 'title'; add it"],
        {S: SOURCES.replace("  title: A tiny article\n", "")},
    ),
    Case(
        "source-unknown-field",
        [
            "sources.yaml:7: source 'mini': unknown field 'author'; expected one of original_name, title, title_language, publisher, date, language, url"
        ],
        {S: SOURCES + "  author: Ann\n"},
    ),
    Case(
        "source-bad-date",
        [
            "sources.yaml:5: source 'mini': 'date': impossible date '2024-13': month 13 does not exist"
        ],
        {S: SOURCES.replace("2024-06-01", "2024-13")},
    ),
    Case(
        "source-date-no-year",
        ["sources.yaml:5: source 'mini': a source's date needs its year"],
        {S: SOURCES.replace("2024-06-01", "--02")},
    ),
    Case(
        "source-bad-language",
        ["sources.yaml:6: 'english!' is not a language tag; write one like en, zh or zh-Hans"],
        {S: SOURCES.replace("language: en", "language: english!")},
    ),
    Case(
        "document-missing",
        [
            "claims/mini.yaml:1: claims file for a missing document: no documents/mini.txt and no 'mini' in sources.yaml; rename the file after its document's id",
            "sources.yaml:1: document documents/mini.txt not found; add it",
        ],
        change=lambda root, _: (root / D).unlink(),
    ),
    Case(
        "document-not-utf8",
        ["documents/mini.txt:1: not UTF-8 text; re-save the file with UTF-8 encoding"],
        {D: b"Ann Lee \xff\xfe left.\n"},
    ),
    Case(
        "document-too-large",
        [
            "documents/mini.txt:1: file too large (20,000,001 bytes; the limit is 20 MB per file); split the document into several smaller sources"
        ],
        change=sparse(D, MAX_BYTES + 1),
    ),
    Case(
        "document-without-source",
        ["documents/extra.txt:1: document has no entry in sources.yaml; add 'extra:' there"],
        {"documents/extra.txt": "More text.\n"},
    ),
    Case(
        "claims-without-document",
        [
            "claims/extra.yaml:1: claims file for a missing document: no documents/extra.txt and no 'extra' in sources.yaml; rename the file after its document's id"
        ],
        {"claims/extra.yaml": "[]\n"},
    ),
    Case(
        "claims-file-missing",
        [
            "sources.yaml:1: source 'mini' has no claims file; create claims/mini.yaml (an empty list [] if the document states no facts)"
        ],
        change=lambda root, _: (root / C).unlink(),
    ),
    # --- links out of the seeds folder ----------------------------------------------------
    Case(
        "document-link-out",
        [
            "documents/mini.txt:1: is a link to {outside}/mini.txt, outside the seeds folder; copy the file in instead"
        ],
        change=link_out(D),
    ),
    Case(
        "documents-folder-link-out",
        [
            "documents/mini.txt:1: is a link to {outside}/documents/mini.txt, outside the seeds folder; copy the file in instead"
        ],
        change=link_folder_out("documents"),
    ),
    Case(
        "sources-link-out",
        [
            "sources.yaml:1: is a link to {outside}/sources.yaml, outside the seeds folder; copy the file in instead"
        ],
        change=link_out(S),
    ),
    Case(
        "entities-link-out",
        [
            "entities.yaml:1: is a link to {outside}/entities.yaml, outside the seeds folder; copy the file in instead"
        ],
        change=link_out(E),
    ),
    Case(
        "claims-link-out",
        [
            "claims/mini.yaml:1: is a link to {outside}/mini.yaml, outside the seeds folder; copy the file in instead"
        ],
        change=link_out(C),
    ),
    Case(
        "claims-folder-link-out",
        [
            "claims/mini.yaml:1: is a link to {outside}/claims/mini.yaml, outside the seeds folder; copy the file in instead"
        ],
        change=link_folder_out("claims"),
    ),
    Case(
        "imports-registry-link-out",
        [
            "imports.yaml:1: is a link to {outside}/imports.yaml, outside the seeds folder; copy the file in instead"
        ],
        change=with_import(link_out("imports.yaml")),
    ),
    Case(
        "imported-file-link-out",
        [
            "imports/x.csv:1: is a link to {outside}/x.csv, outside the seeds folder; copy the file in instead"
        ],
        change=with_import(link_out("imports/x.csv")),
    ),
    Case(
        "imports-folder-link-out",
        [
            "imports/x.csv:1: is a link to {outside}/imports/x.csv, outside the seeds folder; copy the file in instead"
        ],
        change=with_import(link_folder_out("imports")),
    ),
    # --- entities.yaml ----------------------------------------------------------------------
    Case(
        "entities-wrong-sections",
        [
            "claims/mini.yaml:2: unknown organization 'acme-vision'; add it to entities.yaml or fix the spelling",
            "claims/mini.yaml:3: unknown organization 'acme'; add it to entities.yaml or fix the spelling",
            "claims/mini.yaml:7: unknown person 'ann-lee'; add it to entities.yaml or fix the spelling",
            "claims/mini.yaml:8: unknown organization 'acme-vision'; add it to entities.yaml or fix the spelling",
            "claims/mini.yaml:9: unknown organization 'beta-labs'; add it to entities.yaml or fix the spelling",
            "entities.yaml:1: expected two mappings, 'people:' and 'organizations:', of id → entry",
        ],
        {E: ENTITIES + "places: {}\n"},
    ),
    Case(
        "entity-bad-class",
        [
            "claims/mini.yaml:9: unknown organization 'beta-labs'; add it to entities.yaml or fix the spelling",
            "entities.yaml:14: 'beta-labs': 'class' is 'Cafe'; use one of Company, Lab, University, Startup",
        ],
        {E: ENTITIES.replace("class: Startup", "class: Cafe")},
    ),
    Case(
        "entity-id-not-slug",
        [
            "claims/mini.yaml:9: unknown organization 'beta-labs'; add it to entities.yaml or fix the spelling",
            "entities.yaml:12: id 'Beta_Labs' is not a lowercase slug; use letters, digits and single hyphens",
        ],
        {E: ENTITIES.replace("beta-labs:", "Beta_Labs:")},
    ),
    Case(
        "entity-duplicate-id",
        [
            "claims/mini.yaml:3: 'parent' must name an organization, but 'acme' is a person",
            "entities.yaml:7: duplicate id 'acme' (first at line 2)",
            "entities.yaml:10: 'acme-vision' has unknown parent 'acme'; add it to entities.yaml or fix the spelling",
        ],
        {E: ENTITIES.replace("people:\n", "people:\n  acme:\n    label: A\n")},
    ),
    Case(
        "entity-unknown-parent",
        [
            "claims/mini.yaml:3: 'acme-vision' is part of 'acme' here but entities.yaml:8 gives 'acne'; make them the same",
            "entities.yaml:8: 'acme-vision' has unknown parent 'acne' (did you mean 'acme'?); add it to entities.yaml or fix the spelling",
        ],
        {E: ENTITIES.replace("parent: acme", "parent: acne")},
    ),
    Case(
        "entity-bad-alias",
        [
            "claims/mini.yaml:7: unknown person 'ann-lee'; add it to entities.yaml or fix the spelling",
            "entities.yaml:4: 'ann-lee': alias 1 must be text or {text: …, language: …}",
        ],
        {E: ENTITIES.replace("    label: Ann Lee\n", "    label: Ann Lee\n    aliases: [1]\n")},
    ),
    Case(
        "entity-label-not-text",
        [
            "claims/mini.yaml:7: unknown person 'ann-lee'; add it to entities.yaml or fix the spelling",
            "entities.yaml:3: 'ann-lee': 'label' must be text, got ['Ann']",
        ],
        {E: ENTITIES.replace("label: Ann Lee", "label: [Ann]")},
    ),
    # --- claims: structure and fields ------------------------------------------------------
    Case(
        "claims-not-list",
        ["claims/mini.yaml:1: expected a list of claims ('- kind: …' items)"],
        {C: "kind: move\n"},
    ),
    Case(
        "claim-not-mapping",
        ["claims/mini.yaml:5: a claim must be a mapping with 'kind:'"],
        {C: PART_OF + "- just text\n"},
    ),
    Case(
        "claim-unknown-kind",
        [
            "claims/mini.yaml:6: unknown claim kind 'promotion'; use one of employment, move, group-departure, part-of, invests-in, alumnus-of"
        ],
        {C: claim("promotion", person="ann-lee")},
    ),
    Case(
        "claim-missing-field",
        ["claims/mini.yaml:6: move claim: missing field 'from'; add it"],
        {C: claim("move", person="ann-lee", status="completed")},
    ),
    Case(
        "claim-unknown-field",
        [
            "claims/mini.yaml:13: move claim: unknown field 'salary'; expected one of kind, quote, note, review, confidence, trigger, person, from, to, date, status"
        ],
        {C: CLAIMS + "  salary: lots\n"},
    ),
    Case(
        "claim-unknown-person",
        [
            "claims/mini.yaml:7: unknown person 'ann-le' (did you mean 'ann-lee'?); add it to entities.yaml or fix the spelling"
        ],
        {C: CLAIMS.replace("person: ann-lee", "person: ann-le")},
    ),
    Case(
        "claim-org-as-person",
        ["claims/mini.yaml:7: 'person' must name a person, but 'acme' is an organization"],
        {C: CLAIMS.replace("person: ann-lee", "person: acme")},
    ),
    Case(
        "claim-malformed-date",
        [
            "claims/mini.yaml:10: move claim: 'date': malformed date 'May 2024': write YYYY, YYYY-MM, YYYY-MM-DD, or --MM for a month whose year is not stated"
        ],
        {C: CLAIMS.replace("date: 2024-05", "date: May 2024")},
    ),
    Case(
        "claim-impossible-date",
        [
            "claims/mini.yaml:10: move claim: 'date': impossible date '2023-02-30': February 2023 has 28 days"
        ],
        {C: CLAIMS.replace("date: 2024-05", "date: 2023-02-30")},
    ),
    Case(
        "claim-bad-status",
        [
            "claims/mini.yaml:11: move claim: 'status' is 'rumoured'; use one of completed, announced"
        ],
        {C: CLAIMS.replace("status: completed", "status: rumoured")},
    ),
    Case(
        "claim-current-not-bool",
        ["claims/mini.yaml:9: employment claim: 'current' must be true or false, got 'yes please'"],
        {C: claim("employment", person="ann-lee", org="acme", current="yes please")},
    ),
    Case(
        "claim-move-to-itself",
        [
            "claims/mini.yaml:9: move from 'acme-vision' to itself; a move needs two different organizations (leave 'to' out when the destination is unknown)"
        ],
        {C: CLAIMS.replace("to: beta-labs", "to: acme-vision")},
    ),
    Case(
        "claim-job-ends-first",
        ["claims/mini.yaml:10: job ends (2019) before it starts (2020); check both dates"],
        {
            C: claim(
                "employment",
                person="ann-lee",
                org="acme",
                start="2020",
                end="2019",
                current="false",
            )
        },
    ),
    Case(
        "claim-current-job-ended",
        ["claims/mini.yaml:9: a current job has no end date; set 'current: false' or remove 'end'"],
        {C: claim("employment", person="ann-lee", org="acme", end="2019", current="true")},
    ),
    Case(
        "group-size-zero",
        [
            "claims/mini.yaml:9: group-departure claim: 'size' must be a whole number 1 or more, got 0"
        ],
        {
            C: claim(
                "group-departure",
                **{"from": "acme"},
                description="staff",
                size="0",
                status="completed",
            )
        },
    ),
    Case(
        "group-size-huge",
        [
            "claims/mini.yaml:9: group-departure claim: 'size' is 1,000,000,000,000,000,000,000,000,000,000, more than 100,000; write the number the source states (leave it out when the source gives none)"
        ],
        {
            C: claim(
                "group-departure",
                **{"from": "acme"},
                description="staff",
                size="1000000000000000000000000000000",
                status="completed",
            )
        },
    ),
    Case(
        "group-size-text",
        [
            "claims/mini.yaml:9: group-departure claim: 'size' must be a whole number 1 or more, got 'many'"
        ],
        {
            C: claim(
                "group-departure",
                **{"from": "acme"},
                description="staff",
                size="many",
                status="completed",
            )
        },
    ),
    Case(
        "group-size-too-many-digits",
        [
            "claims/mini.yaml:9: '9999999999999999999999999999999999999…' is too long a number; write the number it means"
        ],
        {
            C: claim(
                "group-departure",
                **{"from": "acme"},
                description="staff",
                size="9" * 5000,
                status="completed",
            )
        },
    ),
    # --- claims: evidence -----------------------------------------------------------------
    Case(
        "quote-missing",
        [
            "claims/mini.yaml:6: alumnus-of claim has no evidence: add 'quote:' with the sentence (or a list of sentences) from the document that states it"
        ],
        {C: claim("alumnus-of", quote="", person="ann-lee", org="acme")},
    ),
    Case(
        "quote-not-found",
        [
            'claims/mini.yaml:12: quote not found in mini ("Ann Lee, who led Acme\'s vision team, joined Beta Labs in …"); copy the sentence from the document'
        ],
        {C: CLAIMS.replace("has joined Beta", "joined Beta")},
    ),
    Case(
        "quote-one-letter",
        [
            'claims/mini.yaml:9: quote too short to point to one place in mini ("a"); quote at least 3 words or 12 characters (6 in Chinese, Japanese or Korean) of the sentence'
        ],
        {C: claim("alumnus-of", quote="a", person="ann-lee", org="acme")},
    ),
    Case(
        "quote-two-words",
        [
            'claims/mini.yaml:9: quote too short to point to one place in mini ("Ann Lee"); quote at least 3 words or 12 characters (6 in Chinese, Japanese or Korean) of the sentence'
        ],
        {C: claim("alumnus-of", quote="Ann Lee", person="ann-lee", org="acme")},
    ),
    Case(
        "quote-few-han",
        [
            'claims/mini.yaml:9: quote too short to point to one place in mini ("阿里巴巴"); quote at least 3 words or 12 characters (6 in Chinese, Japanese or Korean) of the sentence'
        ],
        {C: claim("alumnus-of", quote="阿里巴巴", person="ann-lee", org="acme")},
    ),
    Case(
        "quote-ambiguous",
        [
            'claims/mini.yaml:9: quote occurs 2 times in mini ("was founded in 2019", lines 2 and 4 of the document); quote more of the sentence, so that it occurs once'
        ],
        {C: claim("alumnus-of", quote="was founded in 2019", person="ann-lee", org="acme")},
    ),
    Case(
        "quote-ambiguous-one-line",
        [
            'claims/mini.yaml:9: quote occurs 5 or more times in mini ("Lab news. Lab news.", line 5 of the document); quote more of the sentence, so that it occurs once'
        ],
        {C: claim("alumnus-of", quote="Lab news. Lab news.", person="ann-lee", org="acme")},
    ),
    Case(
        "quote-ambiguous-overlapping",
        [
            'claims/mini.yaml:9: quote occurs 2 times in mini ("news. Lab news. Lab news. Lab news. Lab news.", line 5 of the document); quote more of the sentence, so that it occurs once'
        ],
        {
            C: claim(
                "alumnus-of",
                quote="news. Lab news. Lab news. Lab news. Lab news.",
                person="ann-lee",
                org="acme",
            )
        },
    ),
    Case(
        "claims-duplicate",
        [
            "claims/mini.yaml:14: duplicate claim (same as line 1); add the quote to that claim's 'quote:' list instead"
        ],
        {C: CLAIMS + "\n" + PART_OF},
    ),
    Case(
        "claims-duplicate-move",
        [
            "claims/mini.yaml:14: duplicate move 'ann-lee-from-acme-vision-to-beta-labs' (first at line 6); merge the two claims, listing both quotes under 'quote:'"
        ],
        {C: CLAIMS + "\n" + MOVE.replace("date: 2024-05", "date: 2024")},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_malformed_input_gets_its_exact_messages(case: Case, tmp_path: Path) -> None:
    root = write_seeds(tmp_path / "seeds")
    outside = tmp_path / "outside"
    outside.mkdir()
    for name, content in case.files.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (root / name).write_bytes(data)
    if case.change:
        case.change(root, outside)
    expected = [line.replace("{outside}", str(outside.resolve())) for line in case.expected]
    assert problems_of(root) == expected


def test_the_catalogue_holds_sixty_cases_or_more() -> None:
    assert len(CASES) >= 60
    assert len({case.id for case in CASES}) == len(CASES)


def test_the_tiny_seeds_are_valid(tmp_path: Path) -> None:
    assert problems_of(write_seeds(tmp_path / "seeds")) == []


def test_an_alias_shares_a_quote_list_as_the_real_seeds_do(tmp_path: Path) -> None:
    claims = (
        PART_OF.replace(
            '  quote: "The vision team at Acme was founded"',
            '  quote: &q ["The vision team at Acme was founded"]',
        )
        + "\n"
        + MOVE
        + "\n- kind: alumnus-of\n  person: ann-lee\n  org: acme\n  quote: *q\n"
    )
    root = write_seeds(tmp_path / "seeds", claims=claims)
    curation = check_seeds(root, today=dt.date(2025, 1, 1))
    assert [claim.quotes for claim in curation.seeds.claims][2] == (
        "The vision team at Acme was founded",
    )


def test_a_link_inside_the_seeds_folder_is_followed(tmp_path: Path) -> None:
    root = write_seeds(tmp_path / "seeds")
    (root / "copy.txt").write_bytes((root / D).read_bytes())
    (root / D).unlink()
    (root / D).symlink_to(root / "copy.txt")
    assert problems_of(root) == []


def test_six_han_characters_are_a_long_enough_quote(tmp_path: Path) -> None:
    claims = claim("alumnus-of", quote="林俊旸已离开阿里", person="ann-lee", org="acme")
    assert problems_of(write_seeds(tmp_path / "seeds", claims=claims)) == []


def warnings_of(root: Path, today: dt.date = dt.date(2025, 1, 1)) -> list[str]:
    return [str(warning) for warning in check_seeds(root, today=today).warnings]


@pytest.mark.parametrize(
    ("date", "status", "source_date", "expected"),
    [
        ("2024-05", "completed", "2024-06-01", []),
        ("2024-06", "completed", "2024-06-01", []),  # June may mean June 1st
        (
            "2024-07",
            "completed",
            "2024-06-01",
            [
                "claims/mini.yaml:10: move 'date' 2024-07 is after the source's date (2024-06-01); check the date against the document"
            ],
        ),
        (
            "2099",
            "completed",
            "2024-06-01",
            [
                "claims/mini.yaml:10: move 'date' 2099 is after the source's date (2024-06-01); check the date against the document"
            ],
        ),
        ("2025-03", "announced", "2024-06-01", []),  # announcements look ahead
        (
            "2026",
            "announced",
            "2024-06-01",
            [
                "claims/mini.yaml:10: move 'date' 2026 is more than a year after the source's date (2024-06-01); check the date against the document"
            ],
        ),
        ("2024-12", "completed", "unknown", []),
        (
            "2099",
            "completed",
            "unknown",
            [
                "claims/mini.yaml:10: move 'date' 2099 is in the future (today is 2025-01-01); check the date against the document"
            ],
        ),
    ],
)
def test_dates_later_than_the_source_could_know_are_warnings(
    tmp_path: Path, date: str, status: str, source_date: str, expected: list[str]
) -> None:
    root = write_seeds(
        tmp_path / "seeds",
        sources=SOURCES.replace("2024-06-01", source_date),
        claims=CLAIMS.replace("2024-05", date).replace("completed", status),
    )
    assert warnings_of(root) == expected


def test_job_dates_are_checked_too(tmp_path: Path) -> None:
    claims = claim(
        "employment", person="ann-lee", org="acme", start="2030", end="2031", current="false"
    )
    assert warnings_of(write_seeds(tmp_path / "seeds", claims=claims)) == [
        "claims/mini.yaml:9: employment 'start' 2030 is after the source's date (2024-06-01); check the date against the document",
        "claims/mini.yaml:10: employment 'end' 2031 is after the source's date (2024-06-01); check the date against the document",
    ]


def test_the_largest_group_size_is_accepted(tmp_path: Path) -> None:
    claims = claim(
        "group-departure",
        **{"from": "acme"},
        description="staff",
        size="100000",
        status="completed",
    )
    assert problems_of(write_seeds(tmp_path / "seeds", claims=claims)) == []


# --- The command line: at most 50 problems printed, all counted ----------------------------


def duplicated(root: Path, copies: int) -> Path:
    """``root`` with its part-of claim repeated ``copies`` more times (one problem each)."""
    (root / C).write_text(CLAIMS + ("\n" + PART_OF) * copies, encoding="utf-8")
    return root


def test_validate_prints_fifty_problems_and_counts_the_rest(tmp_path: Path) -> None:
    root = duplicated(write_seeds(tmp_path / "seeds"), 60)
    result = CliRunner().invoke(main, ["validate", "--seeds", str(root)])
    lines = result.stderr.splitlines()
    assert result.exit_code == 1
    assert len(lines) == 52
    assert lines[0] == (
        "Error: claims/mini.yaml:14: duplicate claim (same as line 1); add the quote to that "
        "claim's 'quote:' list instead"
    )
    assert lines[-2:] == ["… and 10 more", "60 problem(s) found."]


def test_build_prints_fifty_problems_and_counts_the_rest(tmp_path: Path) -> None:
    root = duplicated(write_seeds(tmp_path / "seeds"), 60)
    result = CliRunner().invoke(
        main, ["build", "--seeds", str(root), "--out", str(tmp_path / "out")]
    )
    lines = result.stderr.splitlines()
    assert result.exit_code == 1
    assert lines[0] == "Error: 60 problems in the seeds:"
    assert len(lines) == 52
    assert lines[-1] == "… and 10 more"
    assert not (tmp_path / "out").exists()


def test_few_problems_are_all_printed(tmp_path: Path) -> None:
    root = duplicated(write_seeds(tmp_path / "seeds"), 2)
    result = CliRunner().invoke(main, ["validate", "--seeds", str(root)])
    assert result.stderr.splitlines()[-1] == "2 problem(s) found."
    assert len(result.stderr.splitlines()) == 3


def test_review_prints_fifty_problems_as_warnings_and_counts_the_rest(tmp_path: Path) -> None:
    bad_date = "\n" + MOVE.replace("date: 2024-05", "date: 2024-13")
    root = write_seeds(tmp_path / "seeds", claims=CLAIMS + bad_date * 60)
    result = CliRunner().invoke(main, ["review", "--seeds", str(root)], input="q\n")
    lines = result.stderr.splitlines()
    assert result.exit_code == 0, result.output
    assert lines[0] == (
        "warning: claims/mini.yaml:18: move claim: 'date': impossible date '2024-13': month 13 "
        "does not exist"
    )
    assert len(lines) == 52
    assert lines[-2:] == [
        "… and 10 more",
        "60 problem(s) in the seeds: what they hold is left out until fixed (talentgraph validate).",
    ]


def test_an_error_naming_hostile_input_is_inert_on_the_terminal(tmp_path: Path) -> None:
    name = str(tmp_path / "a\x1b]0;owned\x07\x1b[2Jb\u202ec.txt")
    result = CliRunner().invoke(main, ["add", name, "--seeds", str(write_seeds(tmp_path / "s"))])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {tmp_path}/ab<U+202E>c.txt: file not found (give a .txt, .md or .html file, or "
        "a URL)\n"
    )


def test_a_reader_error_the_character_check_misses_is_still_a_located_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The loader checks characters before parsing, with the pattern PyYAML's reader uses; were
    # the two ever to differ, the reader's own error still names the file and the line.
    monkeypatch.setattr(yaml.reader.Reader, "NON_PRINTABLE", re.compile("(?!)"))
    root = write_seeds(tmp_path / "seeds", claims=CLAIMS + "- kind: move\x00\n")
    assert problems_of(root) == [
        "claims/mini.yaml:13: U+0000 is not allowed in YAML (control characters are not "
        "allowed); remove it"
    ]


@pytest.mark.slow
def test_two_hundred_thousand_duplicate_claims_are_checked_in_seconds(tmp_path: Path) -> None:
    # 200,000 claims of 87 bytes (17.4 MB, under the 20 MB cap); this took about a minute
    # before the loader read parser events instead of composing nodes.
    root = write_seeds(tmp_path / "seeds")
    flow = '- {kind: part-of, org: acme-vision, parent: acme, quote: "The vision team at Acme was founded"}\n'
    (root / C).write_text(CLAIMS + flow * 200_000, encoding="utf-8")
    started = time.monotonic()
    result = CliRunner().invoke(main, ["validate", "--seeds", str(root)])
    elapsed = time.monotonic() - started
    assert result.stderr.splitlines()[-2:] == ["… and 199,950 more", "200,000 problem(s) found."]
    assert elapsed < 30


# --- Property: whatever the validator accepts builds, and its TriG reads back the same ---------

LABEL = st.text(
    alphabet=st.characters(categories=["L", "N", "Zs", "P", "S"], exclude_characters="\x85"),
    min_size=1,
    max_size=12,
).filter(lambda text: text.strip() != "")
MOVES = st.lists(
    st.tuples(
        st.integers(0, 1),  # person
        st.integers(0, 2),  # from
        st.one_of(st.none(), st.integers(0, 2)),  # to
        st.one_of(st.none(), st.sampled_from(["2023", "2024-02", "2024-05-31"])),
        st.sampled_from(["completed", "announced"]),
    ).filter(lambda move: move[1] != move[2]),
    min_size=1,
    max_size=4,
    unique_by=lambda move: move[:3],
)


def generated_seeds(root: Path, people: list[str], orgs: list[str], moves: list[tuple]) -> Path:
    """Seeds whose document states each move on its own numbered line, quoted whole."""
    lines, claims = [], []
    for number, (person, source, to, date, status) in enumerate(moves):
        where = f" to {orgs[to]}" if to is not None else ""
        line = f"Line {number}: {people[person]} moved from {orgs[source]}{where}."
        lines.append(line)
        move = {"kind": "move", "person": f"p{person}", "from": f"o{source}"}
        move |= {"to": f"o{to}"} if to is not None else {}
        move |= {"date": date} if date else {}
        claims.append(move | {"status": status, "quote": line})
    entities = {
        "people": {f"p{i}": {"label": label} for i, label in enumerate(people)},
        "organizations": {
            f"o{i}": {"label": label, "class": "Company"} for i, label in enumerate(orgs)
        },
    }
    dump = functools.partial(yaml.safe_dump, allow_unicode=True, sort_keys=False)
    return write_seeds(
        root,
        sources=SOURCES.replace("date: 2024-06-01", "date: unknown"),
        entities=dump(entities),
        claims=dump(claims),
        document="\n".join(lines) + "\n",
    )


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    people=st.lists(LABEL, min_size=2, max_size=2),
    orgs=st.lists(LABEL, min_size=3, max_size=3),
    moves=MOVES,
)
def test_accepted_seeds_build_and_their_trig_reads_back(
    tmp_path_factory: pytest.TempPathFactory, people: list[str], orgs: list[str], moves: list[tuple]
) -> None:
    root = generated_seeds(tmp_path_factory.mktemp("prop") / "seeds", people, orgs, moves)
    try:
        curation = check_seeds(root)
    except CurationError:
        assume(False)  # the property is about what the validator accepts
    dataset = curation_to_dataset(curation)
    check_shapes(dataset)
    folder = tmp_path_factory.mktemp("rdf")
    write_rdf(write_nquads(dataset, [], folder / "all.nq"), folder, PREFIXES)
    trig = (folder / "talentgraph.trig").read_bytes()
    parsed = set(pyoxigraph.parse(trig, format=pyoxigraph.RdfFormat.TRIG))
    built = dataset.serialize(format="nquads", encoding="utf-8")
    assert parsed == set(pyoxigraph.parse(built, format=pyoxigraph.RdfFormat.N_QUADS))
    assert any(quad.graph_name == pyoxigraph.DefaultGraph() for quad in parsed)
    # The store holds the same quads, except that Oxigraph stores the text positions
    # (oa:start, oa:end: xsd:nonNegativeInteger) as xsd:integer.
    assert {_as_stored(quad) for quad in parsed} == set(dataset_store(dataset))


def _as_stored(quad: pyoxigraph.Quad) -> pyoxigraph.Quad:
    term = quad.object
    if isinstance(term, pyoxigraph.Literal) and term.datatype == NON_NEGATIVE:
        term = pyoxigraph.Literal(term.value, datatype=INTEGER)
        return pyoxigraph.Quad(quad.subject, quad.predicate, term, quad.graph_name)
    return quad


NON_NEGATIVE = pyoxigraph.NamedNode("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")
INTEGER = pyoxigraph.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


# --- Import files and articles: each bad input with its exact message -----------------------

HEADER_HINT = (
    "the columns are person, org, start, end, role, source and optionally person_id, org_id, "
    "org_parent, wikidata_person, wikidata_org"
)
IMPORT_CASES = [
    # (id, file name, bytes, the error refusing the file or the bad rows' problems)
    ("import-empty", "x.csv", b"", "x.csv: the file is empty; the first line must name the columns"),
    ("import-unknown-column", "x.csv", b"name,org\nA,B\n", f"x.csv:1: unknown column 'name'; {HEADER_HINT}"),
    ("import-missing-org", "x.csv", b"person\nA\n", f"x.csv:1: the header lacks the column 'org'; {HEADER_HINT}"),
    ("import-column-twice", "x.csv", b"person,org,org\nA,B,C\n", "x.csv:1: column 'org' appears twice"),
    ("import-not-utf8", "x.csv", "person,org\nJosé,B\n".encode("latin-1"), "x.csv:2: not UTF-8 text; save it as UTF-8"),
    ("import-unknown-extension", "x.xlsx", b"person,org\n", "x.xlsx: cannot tell the format from the name; give --format (csv, jsonl, sparql-json)"),
    ("import-not-sparql-results", "x.json", b'{"a": 1}', "x.json: not SPARQL JSON results (expected head.vars and results.bindings): 'head'"),
    ("import-sparql-variables", "x.json", b'{"head": {"vars": ["person"]}, "results": {"bindings": []}}', "x.json: the query's variables lack employer, employerLabel, personLabel; expected person, personLabel, employer, employerLabel, and optionally start and end"),
    ("import-bad-month", "x.csv", b"person,org,start\nA,B,2019-13\n", ["x.csv:2: start: impossible date '2019-13': month 13 does not exist"]),
    ("import-month-only", "x.csv", b"person,org,start\nA,B,--03\n", ["x.csv:2: start: a date in an import needs its year"]),
    ("import-extra-field", "x.csv", b"person,org\nA,B,C\n", ["x.csv:2: 3 fields where the header has 2"]),
    ("import-empty-person", "x.csv", b"person,org\n,B\n", ["x.csv:2: person is empty; every row needs a person and an org"]),
    ("import-bad-qid", "x.csv", b"person,org,wikidata_org\nA,B,Google\n", ["x.csv:2: wikidata_org 'Google' is not a Wikidata id like Q42"]),
    ("import-start-after-end", "x.csv", b"person,org,start,end\nA,B,2022,2020\n", ["x.csv:2: start 2022 is after end 2020"]),
    ("import-unclosed-quote", "x.csv", b'person,org\n"A,B\n', ["x.csv:2: not valid CSV (unexpected end of data)"]),
    ("import-bidi", "x.csv", "person,org\nA\u202e,B\n".encode(), ["x.csv:2: person holds control or direction characters"]),
    ("import-long-field", "x.csv", b"person,org\nA," + b"B" * 501 + b"\n", ["x.csv:2: org longer than 500 characters"]),
    ("import-jsonl-not-json", "x.jsonl", b"{person: A}\n", ["x.jsonl:1: not valid JSON (Expecting property name enclosed in double quotes: line 1 column 2 (char 1))"]),
    ("import-jsonl-unknown-field", "x.jsonl", b'{"person": "A", "org": "B", "age": 3}\n', [f"x.jsonl:1: unknown field 'age'; {HEADER_HINT}"]),
    ("import-jsonl-nested", "x.jsonl", b'{"person": "A", "org": ["B"]}\n', ["x.jsonl:1: every value must be text, a year or null"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [case[1:] for case in IMPORT_CASES],
    ids=[case[0] for case in IMPORT_CASES],
)
def test_a_bad_import_file_gets_its_exact_message(
    tmp_path: Path, name: str, data: bytes, expected: str | list[str]
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    path = tmp_path / name
    path.write_bytes(data)
    if isinstance(expected, str):  # the whole file is refused, and nothing is written
        with pytest.raises(InputError) as refused:
            import_file(path, seeds)
        assert str(refused.value) == expected
        assert not any(seeds.iterdir())
    else:  # the bad rows are named; with --strict, the file is refused
        with pytest.raises(InputError) as refused:
            import_file(path, seeds, strict=True)
        assert str(refused.value).splitlines()[1:] == expected


@pytest.mark.parametrize("link", ["imports", "imports.yaml"])
def test_import_writes_nothing_through_a_link_out_of_the_seeds(tmp_path: Path, link: str) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (tmp_path / "first.csv").write_bytes(b"person,org\nAnn Lee,Acme\n")
    import_file(tmp_path / "first.csv", seeds)
    outside = tmp_path / "outside"
    outside.mkdir()
    (seeds / link).rename(outside / link)
    (seeds / link).symlink_to(outside / link)
    before = {path: path.read_bytes() for path in outside.rglob("*") if path.is_file()}
    (tmp_path / "second.csv").write_bytes(b"person,org\nBo Li,Acme\n")
    with pytest.raises(InputError) as refused:
        import_file(tmp_path / "second.csv", seeds)
    assert str(refused.value) == (
        f"{link}:1: is a link to {outside.resolve() / link}, outside the seeds folder; copy the "
        "file in instead"
    )
    assert {path: path.read_bytes() for path in outside.rglob("*") if path.is_file()} == before


ARTICLE_CASES = [
    ("article-empty", "a.txt", b"", "a.txt: no text in it; an article needs the text it reports"),
    ("article-not-utf8", "a.txt", b"\xff\xfe\x00bad", "a.txt: not UTF-8 text; re-save the file as UTF-8"),
    ("article-too-large", "a.txt", b"a" * 5_300_000, "a.txt: 5,300,000 bytes, more than the 5,242,880 an article may have"),
    ("article-nul", "a.txt", b"Ann Lee joined Acme.\x00\n", "a.txt: holds NUL bytes; an article is text"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [case[1:] for case in ARTICLE_CASES],
    ids=[case[0] for case in ARTICLE_CASES],
)
def test_a_bad_article_gets_its_exact_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, data: bytes, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    seeds = write_seeds(tmp_path / "seeds")
    before = {path: path.read_bytes() for path in seeds.rglob("*") if path.is_file()}
    (tmp_path / name).write_bytes(data)
    with pytest.raises(InputError) as refused:
        add_article(seeds, name)
    assert str(refused.value) == expected
    assert {path: path.read_bytes() for path in seeds.rglob("*") if path.is_file()} == before


# --- Web pages: what `talentgraph add URL` meets on the web, from a loopback site ------------

STORY = (
    "<html lang='en'><head><title>Helios hires</title></head><body><article>"
    "<p>Mara Lind was hired by Helios AI from Quanta Systems, the company said on Tuesday.</p>"
    "</article></body></html>"
)
STORY_TEXT = "Mara Lind was hired by Helios AI from Quanta Systems, the company said on Tuesday.\n"
HOSTILE_STORY = (
    "<html><head><title>Helios hires</title><style>p {color: red}</style>"
    "<script>window.__pwned = 'head'</script></head><body><article>"
    "<p>Mara Lind was hired by Helios AI<script>window.__pwned = 'body'</script> from Quanta"
    " Systems<img src=x onerror=\"window.__pwned = 'img'\">, the company said \x1b[2Jon Tuesday"
    " \x1b]0;owned\x07and \u202eReyes\u202c \x85left &#x1b;[31m&#0;&#x7f; early.</p>"
    "<p>&lt;script&gt;alert(2)&lt;/script&gt; was printed in the caption.</p>"
    "</article></body></html>"
)
CHINESE_STORY = (
    "<html><head><meta charset='gbk'><title>阿里</title></head><body><article>"
    "<p>林俊旸已离开阿里巴巴，加入腾讯混元团队，公司周二表示。他此前在通义实验室负责大模型研发工作多年。</p>"
    "</article></body></html>"
)
ONLY_SCRIPTS = "<html><head><script>alert(1)</script></head><body><nav></nav><script>x()</script></body></html>"
ONLY_FIX = "; save the text and add the file"
ARTICLE_FIX = "; save the article's text and add the file"
NAVIGATION = "<html><head><title>Acme News</title></head><body><nav><a href='/'>Home</a> <a href='/about'>About</a> <a href='/contact'>Contact</a></nav></body></html>"
TEASER = "<html><body><div id='menu'><ul><li><a href='/'>Home</a></li><li><a href='/w'>World</a></li></ul></div><div class='main'><h1>Latest</h1><p>Subscribe to our newsletter</p></div></body></html>"
NOT_FETCHED = "only http and https addresses are fetched; for a file on this machine, give its path"
CANNOT = "check the address, or save the page and add the file"
TOO_SLOW = "the page did not arrive within 1 s; try again later, or save the page and add the file"
TOO_LARGE = "the page is larger than 5,242,880 bytes; save the article's text and add the file"
HUGE = b"<p>" + b"a" * (5 * 1024 * 1024)
REDIRECTS_ONLY_HTTP = "only http and https pages are fetched"
LOOP = "the server keeps redirecting (a loop, or more than 10 redirects); open the address in a browser and give the one it ends at"


@dataclass(frozen=True)
class Saved:
    """The page is added, and its document holds exactly ``text``."""

    text: str


# (id, the address asked for, the site's answers by path, the error or the document saved).
# In addresses and messages {base} is the site's address, {refused} an address where nothing
# listens and {hang_up} one where the server closes each connection unanswered.
PAGE_CASES: list[tuple[str, str, dict[str, Answer], str | Saved]] = [
    ("page-empty", "{base}/a", {"/a": Answer(b"")}, "{base}/a: no article text could be found in the page" + ONLY_FIX),
    ("page-only-scripts", "{base}/a", {"/a": Answer(ONLY_SCRIPTS.encode())}, "{base}/a: no article text could be found in the page" + ONLY_FIX),
    ("page-navigation-only", "{base}/a", {"/a": Answer(NAVIGATION.encode())}, '{base}/a: no sentence found in the page\'s main text ("Home About Contact"), which looks like a menu or a list of links' + ARTICLE_FIX),
    ("page-teaser-only", "{base}/a", {"/a": Answer(TEASER.encode())}, '{base}/a: no sentence found in the page\'s main text ("Latest Subscribe to our newsletter"), which looks like a menu or a list of links' + ARTICLE_FIX),
    ("page-binary", "{base}/a", {"/a": Answer(b"\x00\x01\x02", content_type="application/octet-stream")}, "{base}/a: not a web page (application/octet-stream)" + ONLY_FIX),
    ("page-image", "{base}/a.png", {"/a.png": Answer(b"\x89PNG\r\n\x1a\n", content_type="image/png")}, "{base}/a.png: not a web page (image/png)" + ONLY_FIX),
    ("page-pdf", "{base}/a", {"/a": Answer(b"%PDF-1.7\n", content_type="application/pdf")}, "{base}/a: not a web page (application/pdf)" + ONLY_FIX),
    ("page-huge-declared", "{base}/a", {"/a": Answer(HUGE)}, "{base}/a: " + TOO_LARGE),
    ("page-declared-huge", "{base}/a", {"/a": Answer(STORY.encode(), headers=(("Content-Length", "6000000"),), content_length=False)}, "{base}/a: " + TOO_LARGE),
    ("page-huge-streamed", "{base}/a", {"/a": Answer(HUGE, content_length=False)}, "{base}/a: " + TOO_LARGE),
    ("page-not-its-charset", "{base}/a", {"/a": Answer(STORY.replace("Lind", "Lïnd").encode("latin-1"))}, "{base}/a: byte 80 of the page is not utf-8, the charset the server names; save its text as UTF-8 and add the file"),
    ("page-not-the-meta-charset", "{base}/a", {"/a": Answer(CHINESE_STORY.replace("gbk", "utf-8").encode("gbk"), content_type="text/html")}, "{base}/a: byte 41 of the page is not utf-8, the charset the page names; save its text as UTF-8 and add the file"),
    ("page-no-charset-not-utf8", "{base}/a", {"/a": Answer(STORY.replace("Lind", "Lïnd").encode("latin-1"), content_type="text/html")}, "{base}/a: byte 80 of the page is not utf-8, the charset assumed when none is named; save its text as UTF-8 and add the file"),
    ("page-redirect-loop", "{base}/a", {"/a": redirect("/b"), "/b": redirect("/a")}, "{base}/a: " + LOOP),
    ("page-redirect-chain", "{base}/r0", {f"/r{i}": redirect(f"/r{i + 1}", 301) for i in range(12)}, "{base}/r0: " + LOOP),
    ("page-redirect-file", "{base}/a", {"/a": redirect("file:///etc/passwd")}, "{base}/a: the server redirects to file:///etc/passwd; " + REDIRECTS_ONLY_HTTP),
    ("page-redirect-ftp", "{base}/a", {"/a": redirect("ftp://127.0.0.1/story.html", 307)}, "{base}/a: the server redirects to ftp://127.0.0.1/story.html; " + REDIRECTS_ONLY_HTTP),
    ("page-redirect-data", "{base}/a", {"/a": redirect("data:text/html,<p>hi</p>", 308)}, "{base}/a: the server redirects to data:text/html,<p>hi</p>; " + REDIRECTS_ONLY_HTTP),
    ("page-404", "{base}/a", {}, "{base}/a: the server answered 404 File not found"),
    ("page-500", "{base}/a", {"/a": Answer(b"oops", status=500)}, "{base}/a: the server answered 500 Internal Server Error"),
    ("page-refused", "{refused}/a", {}, "{refused}/a: cannot fetch it (Connection refused); " + CANNOT),
    ("page-hang-up", "{hang_up}a", {}, "{hang_up}a: cannot fetch it (Remote end closed connection without response); " + CANNOT),
    ("page-dripping", "{base}/a", {"/a": Answer(b"<", drip=True)}, "{base}/a: " + TOO_SLOW),
    (
        "page-dripping-headers",
        "{base}/a",
        {"/a": Answer(slow_headers=True)},
        "{base}/a: " + TOO_SLOW,
    ),
    ("page-stalled", "{base}/a", {"/a": Answer(stall=True)}, "{base}/a: " + TOO_SLOW),
    ("url-file", "file:///etc/passwd", {}, "file:///etc/passwd: " + NOT_FETCHED),
    ("url-ftp", "ftp://127.0.0.1/story.html", {}, "ftp://127.0.0.1/story.html: " + NOT_FETCHED),
    ("url-javascript", "javascript:alert(1)", {}, "javascript:alert(1): " + NOT_FETCHED),
    ("url-bad-ipv6", "http://[::1/a", {}, "http://[::1/a: not a valid address (Invalid IPv6 URL); check it"),
    ("url-bad-port", "http://127.0.0.1:port/a", {}, "http://127.0.0.1:port/a: not a valid address (nonnumeric port: 'port'); check it"),
    ("url-no-host", "http:///a", {}, "http:///a: cannot fetch it (no host given); " + CANNOT),
    # Pages that are added: the document holds only text, never markup or control characters.
    ("page-scripts-and-control-characters", "{base}/a", {"/a": Answer(HOSTILE_STORY.encode())}, Saved("Mara Lind was hired by Helios AI from Quanta Systems, the company said [2Jon Tuesday ]0;ownedand Reyes left [31m early.\n<script>alert(2)</script> was printed in the caption.\n")),
    ("page-charset-from-the-server", "{base}/a", {"/a": Answer(STORY.replace("Lind", "Lïnd").encode("latin-1"), content_type="text/html; charset=iso-8859-1")}, Saved(STORY_TEXT.replace("Lind", "Lïnd"))),
    ("page-charset-from-the-page", "{base}/a", {"/a": Answer(CHINESE_STORY.encode("gbk"), content_type="text/html")}, Saved("林俊旸已离开阿里巴巴，加入腾讯混元团队，公司周二表示。他此前在通义实验室负责大模型研发工作多年。\n")),
    ("page-unknown-charset", "{base}/a", {"/a": Answer(STORY.replace("Lind", "Zoë").encode(), content_type="text/html; charset=x-no-such-charset")}, Saved(STORY_TEXT.replace("Lind", "Zoë"))),
    ("page-no-content-type", "{base}/a", {"/a": Answer(STORY.encode(), content_type=None)}, Saved(STORY_TEXT)),
    ("page-plain-text", "{base}/a", {"/a": Answer(STORY_TEXT.encode(), content_type="text/plain")}, Saved(STORY_TEXT)),
    ("page-redirected-to-a-page", "{base}/a", {"/a": redirect("/b", 301), "/b": Answer(STORY.encode())}, Saved(STORY_TEXT)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("address", "answers", "expected"),
    [case[1:] for case in PAGE_CASES],
    ids=[case[0] for case in PAGE_CASES],
)
def test_a_bad_page_gets_its_exact_message(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
    page_server: Site,
    address: str,
    answers: dict[str, Answer],
    expected: str | Saved,
) -> None:
    if any(answer.drip or answer.stall or answer.slow_headers for answer in answers.values()):
        monkeypatch.setattr(graph.curation.article, "FETCH_TIMEOUT", 1.0)
    places = {"base": page_server.base, "refused": f"http://{HOST}:{free_port()}"}
    if "{hang_up}" in address:
        places["hang_up"] = request.getfixturevalue("hang_up")
    page_server.answers.update(answers)
    seeds = write_seeds(tmp_path / "seeds")
    before = {path: path.read_bytes() for path in seeds.rglob("*") if path.is_file()}
    if isinstance(expected, str):
        with pytest.raises(InputError) as refused:
            add_article(seeds, address.format(**places))
        assert str(refused.value) == expected.format(**places)
        assert {path: path.read_bytes() for path in seeds.rglob("*") if path.is_file()} == before
    else:
        added = add_article(seeds, address.format(**places))
        document = (seeds / "documents" / f"{added.source}.txt").read_text(encoding="utf-8")
        assert document == expected.text
        assert not [c for c in document if c != "\n" and unicodedata.category(c) in ("Cc", "Cf")]


def test_the_catalogue_with_imports_articles_and_pages_holds_a_hundred_and_twenty_cases() -> None:
    cases = [case.id for case in CASES] + [
        case[0] for case in [*IMPORT_CASES, *ARTICLE_CASES, *PAGE_CASES]
    ]
    assert len(cases) >= 120
    assert len(set(cases)) == len(cases)


PROSE = [
    "Dana Reyes has joined Orbital AI from Nimbus Labs, the company said on Tuesday.",
    'Reyes said: "We are building the team that will train the next model."',
    "Dana Reyes has led the lab since 2021.[3] She joined from Nimbus Labs.[4]",
    "Moves this week:\n- Dana Reyes joined Orbital AI as chief scientist\n- Omar Haddad left Nimbus Labs for Helios AI",
    "Ann Lee sagte: „Ich wechsle zu Beta Labs, um dort die Forschung zu leiten.“",
    "林俊旸已离开阿里巴巴，加入腾讯混元团队。",
    "ओपनएआई के पूर्व शोधकर्ता ने टेनसेंट में शामिल होने की घोषणा की।",
]
NOT_PROSE = [
    "Home About Contact",
    "Latest\nSubscribe to our newsletter",
    "By Jane Writer.\nRead more: Ann Lee's new lab opens its doors today.",  # byline, teaser
    "OpenAI hires Jane Doe",
    " | ".join(["Home", "World", "Technology", "Science", "Opinion"] * 2000),  # one long line
    "。" * 100_000,
]


@pytest.mark.parametrize("text", PROSE)
def test_prose_has_a_sentence(text: str) -> None:
    assert has_sentence(text)


@pytest.mark.parametrize("text", NOT_PROSE, ids=range(len(NOT_PROSE)))
def test_a_menu_or_a_headline_has_none(text: str) -> None:
    # The long ones are read in about 0.01 s: a regular expression that backtracked took
    # minutes on a 60 KB menu line (this test would then take them too).
    assert not has_sentence(text)
