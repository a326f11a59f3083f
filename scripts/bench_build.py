"""Time each stage of the build on synthetic seeds of growing size, in one run.

    python scripts/bench_build.py --articles 50 300

Prints, per size, the seconds spent checking the seeds, converting to RDF, validating with
SHACL and writing the four RDF files, and how each stage grew relative to the smallest size.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # this folder's synthetic_seeds

from synthetic_seeds import write_synthetic_seeds

from graph.curation.checks import check_seeds
from graph.rdf.convert import curation_to_dataset
from graph.rdf.serialize import write_nquads, write_rdf
from graph.rdf.shapes import check_shapes

STAGES = ("check", "rdf", "shacl", "write")


def time_build(articles: int, workdir: Path) -> tuple[int, dict[str, float]]:
    """Build synthetic seeds of ``articles`` documents; return quads and seconds per stage."""
    seeds = write_synthetic_seeds(workdir / f"seeds-{articles}", articles=articles)
    seconds = {}
    start = time.perf_counter()
    curation = check_seeds(seeds)
    seconds["check"] = time.perf_counter() - start
    start = time.perf_counter()
    dataset = curation_to_dataset(curation)
    seconds["rdf"] = time.perf_counter() - start
    start = time.perf_counter()
    check_shapes(dataset)
    seconds["shacl"] = time.perf_counter() - start
    out = workdir / f"out-{articles}"
    out.mkdir()
    start = time.perf_counter()
    write_rdf(write_nquads(dataset, [], out / "all.nq"), out)
    seconds["write"] = time.perf_counter() - start
    return len(dataset), seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[50, 300])
    sizes = sorted(parser.parse_args().articles)
    with tempfile.TemporaryDirectory() as workdir:
        results = [(n, *time_build(n, Path(workdir))) for n in sizes]
    smallest_quads, smallest = results[0][1], results[0][2]
    print(f"{'articles':>8} {'quads':>8} " + " ".join(f"{s:>8}" for s in STAGES) + "   growth")
    for articles, quads, seconds in results:
        row = " ".join(f"{seconds[s]:>7.2f}s" for s in STAGES)
        growth = ", ".join(f"{s} x{seconds[s] / smallest[s]:.1f}" for s in STAGES)
        print(f"{articles:>8} {quads:>8} {row}   quads x{quads / smallest_quads:.1f}: {growth}")


if __name__ == "__main__":
    main()
