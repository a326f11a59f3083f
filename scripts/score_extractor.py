"""Score the candidate extractor: on the seeds' curated claims, or on a development set.

For each seed article, the extractor's move and employment candidates are compared with the
curated claims of that article: precision (candidates that match a claim), recall (claims that
some candidate matches), and the misses and false candidates listed. Two registries:

- ``known``: the seeds' whole entity registry is known, as when an article about known people
  is added;
- ``empty``: nothing is known, as for an article about labs the graph has never seen; names are
  then matched to the registry afterwards, by label or alias (or a label inside the name, e.g.
  "JD.com Explore Academy" contains "Explore Academy").

A candidate's organisation matches a claim's at ``unit`` level when it is the same entity, and
at ``company`` level when both roll up to the same top organisation (the Qwen team and Alibaba
Group are the same company). A move matches when the person, the origin and the destination
all match (an unnamed own venture matches an unnamed own venture). Run from a workspace:

    python scripts/score_extractor.py [--seeds DIR] [--format table|json] [--show]

``--devset DIR`` scores articles written for the purpose instead (``scripts/devset``: fictional
news articles with their moves and jobs in ``gold.json``, names as written). Nothing is known
there; names match when equal (``strict``) or when one holds the other's words or both start
with the same word (``lenient``: "Google" for "Google Research", "Meta" for "Meta FAIR lab").

    python scripts/score_extractor.py --devset scripts/devset [--files 16-30] [--show]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from graph import hierarchy
from graph.curation.checks import check_seeds
from graph.curation.extract import Candidate, KnownEntity, extract
from graph.curation.seeds import Claim, Entity, Seeds
from graph.paths import workspace

LEVELS = ("unit", "company")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", help="seeds folder (default: the workspace's)")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("--show", action="store_true", help="list misses and false candidates")
    parser.add_argument("--devset", type=Path, help="score on this development set instead")
    parser.add_argument("--files", help="with --devset: a range of article numbers, e.g. 16-30")
    args = parser.parse_args()
    if args.devset:
        score_devset(args.devset, files=args.files, show=args.show)
        return
    seeds = check_seeds(workspace(seeds=args.seeds).seeds).seeds
    results = {registry: score(seeds, known=registry == "known") for registry in ("known", "empty")}
    if args.format == "json":
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return
    print("| registry | level | kind | candidates | claims | precision | recall |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: |")
    for registry, by_level in results.items():
        for level in LEVELS:
            for kind in ("move", "employment"):
                row = by_level[level][kind]
                print(
                    f"| {registry} | {level} | {kind} | {row['candidates']} | {row['claims']} | "
                    f"{row['precision']:.2f} | {row['recall']:.2f} |"
                )
    if args.show:
        for registry, by_level in results.items():
            for kind in ("move", "employment"):
                row = by_level["company"][kind]
                print(f"\n{registry} registry, {kind}s, company level:")
                for line in row["misses"]:
                    print(f"  missed: {line}")
                for line in row["false"]:
                    print(f"  false:  {line}")
    forbidden = results["empty"]["forbidden"]
    print(f"\nProposed from invitations, teasers or speculation: {forbidden or 'none'}")
    sys.exit(0)


def score(seeds: Seeds, *, known: bool) -> dict[str, Any]:
    entities: dict[str, Entity] = seeds.entities
    registry = [
        KnownEntity(e.id, e.kind, e.label, tuple(a.text for a in e.aliases), e.parent)
        for e in entities.values()
    ]
    totals = {level: {kind: _Tally() for kind in ("move", "employment")} for level in LEVELS}
    forbidden: list[str] = []
    for source in seeds.sources.values():
        claims = [c for c in seeds.claims if c.source == source.id]
        candidates = extract(source.text, known=registry if known else ())
        forbidden += _forbidden(source.text, candidates)
        for level in LEVELS:
            match = _Matcher(entities, level)
            for kind in ("move", "employment"):
                gold = [c for c in claims if c.kind == kind]
                found = [c for c in candidates if c.kind == kind]
                totals[level][kind].add(source.id, gold, found, match)
    result: dict[str, Any] = {
        level: {kind: tally.summary() for kind, tally in kinds.items()}
        for level, kinds in totals.items()
    }
    result["forbidden"] = forbidden
    return result


class _Tally:
    def __init__(self) -> None:
        self.candidates = self.claims = self.true_candidates = self.found_claims = 0
        self.misses: list[str] = []
        self.false: list[str] = []

    def add(self, source: str, gold: list[Claim], found: list[Candidate], match: _Matcher) -> None:
        self.candidates += len(found)
        self.claims += len(gold)
        for candidate in found:
            if any(match.same(candidate, claim) for claim in gold):
                self.true_candidates += 1
            else:
                self.false.append(f"{source}: {_show(candidate)}")
        for claim in gold:
            if any(match.same(candidate, claim) for candidate in found):
                self.found_claims += 1
            else:
                self.misses.append(f"{source}: {claim.values}")

    def summary(self) -> dict[str, object]:
        return {
            "candidates": self.candidates,
            "claims": self.claims,
            "precision": self.true_candidates / self.candidates if self.candidates else 1.0,
            "recall": self.found_claims / self.claims if self.claims else 1.0,
            "misses": self.misses,
            "false": self.false,
        }


class _Matcher:
    """Names to registry ids, and whether a candidate states a claim at a level."""

    def __init__(self, entities: dict[str, Entity], level: str) -> None:
        self.entities = entities
        self.parents = {id_: entity.parent for id_, entity in entities.items() if entity.parent}
        self.level = level
        self.names: dict[str, str] = {}
        for entity in entities.values():
            for name in (entity.label, *(alias.text for alias in entity.aliases)):
                self.names.setdefault(_norm(name), entity.id)
                words = name.split()
                if entity.kind == "person" and len(words) == 2:
                    self.names.setdefault(_norm(f"{words[1]} {words[0]}"), entity.id)

    def resolve(self, name: str | None, known: str | None) -> str | None:
        if known:
            return known
        if not name:
            return None
        text = _norm(name)
        if text in self.names:
            return self.names[text]
        inside = [n for n in self.names if re.search(rf"(?:^| ){re.escape(n)}(?: |$)", text)]
        return self.names[max(inside, key=len)] if inside else None

    def top(self, entity_id: str | None) -> str | None:
        return None if entity_id is None else hierarchy.top(self.parents, entity_id)

    def org(self, name: str | None, known: str | None, wanted: str | None) -> bool:
        found = self.resolve(name, known)
        if found is None or wanted is None:
            return found is wanted
        return found == wanted if self.level == "unit" else self.top(found) == self.top(wanted)

    def same(self, candidate: Candidate, claim: Claim) -> bool:
        values = claim.values
        if self.resolve(candidate.person, candidate.ids.get("person")) != values["person"]:
            return False
        if candidate.kind == "employment":
            return self.org(candidate.org, candidate.ids.get("org"), values["org"])
        if not self.org(candidate.from_, candidate.ids.get("from"), values["from"]):
            return False
        wanted = values.get("to")
        if wanted is not None and self.entities[wanted].unnamed:
            return candidate.to_unnamed
        if candidate.to_unnamed:
            return False
        return self.org(candidate.to, candidate.ids.get("to"), wanted)


def _forbidden(text: str, candidates: list[Candidate]) -> list[str]:
    """Moves whose sentence holds an invitation or speculation, and names from teaser lines."""
    from graph.curation.extract.patterns import INVITATION
    from graph.curation.extract.text import split_sentences

    teaser_names = {
        name
        for sentence in split_sentences(text)
        if not sentence.article
        for name in re.findall(r"[A-Z][a-z]+ [A-Z][a-z]+", sentence.text)
    }
    found = []
    for candidate in candidates:
        if candidate.kind == "move" and (
            INVITATION.search(candidate.evidence.lower()) and "join" in candidate.trigger
        ):
            found.append(f"invitation: {_show(candidate)}")
        names = {candidate.person, candidate.org, candidate.from_, candidate.to}
        if names & teaser_names:
            found.append(f"teaser name: {_show(candidate)}")
    return found


def _show(candidate: Candidate) -> str:
    if candidate.kind == "employment":
        return f"{candidate.person} at {candidate.org}"
    return f"{candidate.person}: {candidate.from_} → {candidate.to} ({candidate.status})"


def _norm(name: str) -> str:
    text = name.replace("\u2019", "'").lower()
    text = re.sub(r"'s\b|[.,()]", " ", text)
    return " ".join(word for word in text.split() if word != "the")


def score_devset(root: Path, *, files: str | None, show: bool) -> None:
    """Precision and recall of moves and jobs on a development set, strict and lenient."""
    gold = json.loads((root / "gold.json").read_text(encoding="utf-8"))
    if files:
        low, _, high = files.partition("-")
        gold = [g for g in gold if int(low) <= int(g["file"][:2]) <= int(high or low)]
    print("| match | kind | candidates | gold | precision | recall |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    found = {
        g["file"]: [
            c.to_json()
            for c in extract((root / "articles" / g["file"]).read_text(encoding="utf-8"))
        ]
        for g in gold
    }
    for lenient in (False, True):
        misses: list[str] = []
        false: list[str] = []
        for kind, key in (("move", "moves"), ("employment", "employments")):
            counts = [0, 0, 0, 0]
            for item in gold:
                candidates = [c for c in found[item["file"]] if c["kind"] == kind]
                wanted = item[key]
                match = _dev_move if kind == "move" else _dev_job
                counts[0] += len(candidates)
                counts[1] += len(wanted)
                counts[2] += sum(1 for c in candidates if any(match(c, g, lenient) for g in wanted))
                counts[3] += sum(1 for g in wanted if any(match(c, g, lenient) for c in candidates))
                if kind == "move":
                    misses += [
                        f"{item['file']}: {g}"
                        for g in wanted
                        if not any(match(c, g, lenient) for c in candidates)
                    ]
                    false += [
                        f"{item['file']}: {c['person']}: {c['from']} → {c['to']} ({c['status']})"
                        for c in candidates
                        if not any(match(c, g, lenient) for g in wanted)
                    ]
            precision = counts[2] / counts[0] if counts[0] else 1.0
            recall = counts[3] / counts[1] if counts[1] else 1.0
            match_name = "lenient" if lenient else "strict"
            cells = [match_name, kind, *counts[:2], f"{precision:.2f}", f"{recall:.2f}"]
            print("| " + " | ".join(str(cell) for cell in cells) + " |")
        if show and lenient:
            print("\nMoves missed (lenient):", *misses, sep="\n  ")
            print("False moves (lenient):", *false, sep="\n  ")


def _dev_same(found: str | None, wanted: str | None, lenient: bool) -> bool:
    a, b = (_norm(x) if x is not None else None for x in (found, wanted))
    if a is None or b is None:
        return a == b
    if a == b:
        return True
    if not lenient:
        return False
    return f" {b} " in f" {a} " or f" {a} " in f" {b} " or a.split()[0] == b.split()[0]


def _dev_move(candidate: dict, gold: dict, lenient: bool) -> bool:
    if _norm(candidate["person"] or "") != _norm(gold["person"]):
        return False
    if not _dev_same(candidate["from"], gold["from"], lenient):
        return False
    if gold["to"] == "own venture":
        return bool(candidate["to_unnamed"])
    return not candidate["to_unnamed"] and _dev_same(candidate["to"], gold["to"], lenient)


def _dev_job(candidate: dict, gold: dict, lenient: bool) -> bool:
    same_person = _norm(candidate["person"] or "") == _norm(gold["person"])
    return same_person and _dev_same(candidate["org"], gold["org"], lenient)


if __name__ == "__main__":
    main()
