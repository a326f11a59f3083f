"""Write a synthetic seeds folder of any size, for benchmarks (never for the real graph).

Each synthetic article reports a handful of people moving between synthetic labs, in the
same claim format as the curated seeds, so every stage of the build runs as it would on
real data. The output is deterministic for a given size and seed.

    python scripts/synthetic_seeds.py /tmp/synthetic-seeds --articles 500
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import yaml


def write_synthetic_seeds(
    root: Path, *, articles: int, moves_per_article: int = 6, seed: int = 7
) -> Path:
    """Write ``articles`` documents with their claims under ``root`` and return ``root``."""
    rng = random.Random(seed)
    companies = [f"company-{i}" for i in range(max(4, articles // 10))]
    labs = {f"lab-{c}-{j}": c for c in companies for j in range(3)}
    people = [f"person-{i}" for i in range(articles * moves_per_article)]
    organizations = {
        c: {"label": c.replace("-", " ").title(), "class": "Company"} for c in companies
    }
    for lab, company in labs.items():
        organizations[lab] = {
            "label": lab.replace("-", " ").title(),
            "class": "Lab",
            "parent": company,
        }
    entities = {
        "people": {p: {"label": p.replace("-", " ").title()} for p in people},
        "organizations": organizations,
    }
    (root / "documents").mkdir(parents=True)
    (root / "claims").mkdir()
    sources: dict[str, dict[str, str]] = {}
    stated_parents: set[str] = set()
    lab_names = sorted(labs)
    for index in range(articles):
        source_id = f"article-{index:05d}"
        sentences, claims = [], []
        for person in people[index * moves_per_article : (index + 1) * moves_per_article]:
            origin, destination = rng.sample(lab_names, 2)
            name = entities["people"][person]["label"]
            sentence = (
                f"{name}, who worked at {organizations[origin]['label']}, "
                f"has joined {organizations[destination]['label']} in {rng.randint(2015, 2025)}."
            )
            year = sentence.rsplit(" ", 1)[1].rstrip(".")
            sentences.append(sentence)
            claims.append(
                {
                    "kind": "move",
                    "person": person,
                    "from": origin,
                    "to": destination,
                    "date": year,
                    "status": "completed",
                    "quote": sentence,
                }
            )
            claims.append(
                {
                    "kind": "employment",
                    "person": person,
                    "org": destination,
                    "current": True,
                    "quote": sentence,  # every quote names one place in its document
                }
            )
            for lab in (origin, destination):
                if lab not in stated_parents:
                    stated_parents.add(lab)
                    unit = (
                        f"{organizations[lab]['label']} is a unit of "
                        f"{organizations[labs[lab]]['label']}."
                    )
                    sentences.append(unit)
                    claims.append(
                        {"kind": "part-of", "org": lab, "parent": labs[lab], "quote": unit}
                    )
        (root / "documents" / f"{source_id}.txt").write_text("\n".join(sentences) + "\n")
        (root / "claims" / f"{source_id}.yaml").write_text(
            yaml.safe_dump(claims, allow_unicode=True, sort_keys=False)
        )
        sources[source_id] = {
            "original_name": f"{source_id}.txt",
            "title": f"Synthetic article {index}",
            "publisher": "unknown",
            "date": "unknown",
            "language": "en",
        }
    for lab in set(labs) - stated_parents:  # never mentioned: keep the registry grounded
        del organizations[lab]["parent"]
    (root / "sources.yaml").write_text(yaml.safe_dump(sources, sort_keys=True))
    (root / "entities.yaml").write_text(yaml.safe_dump(entities, sort_keys=True))
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--articles", type=int, default=100)
    arguments = parser.parse_args()
    write_synthetic_seeds(arguments.folder, articles=arguments.articles)
    print(f"wrote {arguments.articles} synthetic articles to {arguments.folder}")


if __name__ == "__main__":
    main()
