"""The ``talentgraph`` command line: parse options, call one library function, show the result.

Library errors (``TalentGraphError``) become ``Error: …`` on stderr and exit status 1.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any

import click

from graph.errors import CurationError, TalentGraphError

SEEDS_OPTION = click.option(
    "--seeds",
    type=click.Path(file_okay=False),
    envvar="TALENTGRAPH_SEEDS",
    help="Seeds folder (sources.yaml, entities.yaml, documents/, claims/). "
    "Default: the repository's seeds/. Env: TALENTGRAPH_SEEDS.",
)
OUT_OPTION = click.option(
    "--out",
    type=click.Path(file_okay=False),
    envvar="TALENTGRAPH_OUT",
    help="Output folder. Default: out/ in the current directory. Env: TALENTGRAPH_OUT.",
)


def reports_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn library errors into ``Error: …`` on stderr and exit status 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except TalentGraphError as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(1)

    return wrapper


def echo_warnings(warnings: list) -> None:
    """Print curators' notes and other warnings to stderr."""
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="talentgraph")
def main() -> None:
    """Talent Graph: who moves between AI labs, grounded in news articles."""


@main.command()
@SEEDS_OPTION
@reports_errors
def validate(seeds: str | None) -> None:
    """Check the curated seeds without building anything.

    Checks YAML syntax, field names and types, ids, dates, that every quote occurs in its
    document, moves and hierarchies. Each problem is shown as file:line with how to fix it.
    Exit status 1 when there is any problem.
    """
    from graph.build import curate

    try:
        curation = curate(seeds=seeds)
    except CurationError as error:
        for problem in error.problems:
            click.echo(f"Error: {problem}", err=True)
        click.echo(f"{len(error.problems)} problem(s) found; nothing was built.", err=True)
        sys.exit(1)
    echo_warnings(curation.warnings)
    seeds_ = curation.seeds
    click.echo(
        f"OK: {len(seeds_.sources)} sources, {len(seeds_.entities)} entities, "
        f"{len(seeds_.claims)} claims, every quote found in its document."
    )


@main.command()
@SEEDS_OPTION
@OUT_OPTION
@click.option(
    "--level",
    type=click.Choice(["company", "unit"]),
    default="company",
    show_default=True,
    help="flows.html: roll organisations up to their top-level company, or keep the units "
    "the articles name.",
)
@click.option(
    "--node-budget",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    help="graph.html: above this many nodes, show the organisations and the most connected "
    "people only, and say on the page what was left out.",
)
@reports_errors
def render(seeds: str | None, out: str | None, level: str, node_budget: int) -> None:
    """Write the interactive pages graph.html and flows.html.

    Each page is a single file that opens from disk with no network: search, filters by
    relation and organisation, an "as of" date control, and the quotes behind every line.
    """
    from graph.build import build_dataset
    from graph.paths import out_dir
    from graph.render import write_html

    dataset = build_dataset(seeds=seeds)
    for path in write_html(dataset, out_dir(out), level=level, node_budget=node_budget):
        click.echo(f"wrote {path}")
