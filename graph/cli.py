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


STORE_OPTION = click.option(
    "--store",
    type=click.Path(file_okay=False),
    help="Oxigraph store folder written by `talentgraph build`. Default: <out>/store.",
)


@main.command()
@click.argument("query_text", metavar="[QUERY|FILE|-]", required=False)
@click.option("--name", metavar="SAVED", help="Run a saved query (see --list).")
@click.option("--list", "list_saved", is_flag=True, help="List the saved queries and exit.")
@click.option(
    "--bind",
    "binds",
    multiple=True,
    metavar="NAME=VALUE",
    help="Give ?NAME a value: a prefixed name (org:qwen-team), an <IRI>, a Turtle literal "
    '("x"@en, 42) or plain text. Repeatable.',
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json", "xml"]),
    default="table",
    show_default=True,
    help="SELECT/ASK output: a table, or a W3C SPARQL 1.1 results format.",
)
@click.option("--endpoint", metavar="URL", help="Query this SPARQL endpoint instead of the store.")
@STORE_OPTION
@OUT_OPTION
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=30,
    show_default=True,
    help="Stop the query after this many seconds.",
)
@click.option("--allow-service", is_flag=True, help="Let local queries call SERVICE endpoints.")
@reports_errors
def query(
    query_text: str | None,
    name: str | None,
    list_saved: bool,
    binds: tuple[str, ...],
    fmt: str,
    endpoint: str | None,
    store: str | None,
    out: str | None,
    timeout: float,
    allow_service: bool,
) -> None:
    """Run SPARQL on the built store (or --endpoint URL) and print the result.

    QUERY is SPARQL text, a .rq file, or - for stdin. The default graph is the union of all
    sources; GRAPH ?source { … } asks which source states what. The prefixes tg:, person:,
    org:, move:, employment:, source:, evidence:, rdf:, rdfs:, owl:, xsd:, skos:, prov:,
    dcterms:, oa:, w3org:, schema:, foaf: and crypto: are predeclared. SELECT prints a table
    (or --format csv|tsv|json|xml), ASK prints true or false, CONSTRUCT and DESCRIBE print Turtle.
    Local queries refuse SERVICE (a call to another server) unless --allow-service.
    """
    from graph.query import format_answer, parse_bindings, read_query, run_query, saved_queries
    from graph.store import store_dir

    if list_saved:
        for saved in saved_queries().values():
            click.echo(f"{saved.name:<20} {saved.description}")
        return
    text = read_query(query_text, name=name)
    answer = run_query(
        text,
        store=None if endpoint else store_dir(store=store, out=out),
        endpoint=endpoint,
        bindings=parse_bindings(binds),
        timeout=timeout,
        allow_service=allow_service,
    )
    click.echo(format_answer(answer, fmt), nl=False)


@main.command()
@STORE_OPTION
@OUT_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option(
    "--timeout",
    type=click.IntRange(min=1),
    default=30,
    show_default=True,
    help="Stop any query after this many seconds.",
)
@reports_errors
def serve(store: str | None, out: str | None, host: str, port: int, timeout: int) -> None:
    """Serve the built store as a read-only SPARQL 1.1 endpoint until Ctrl-C or SIGTERM.

    Runs the Oxigraph server (from the `oxigraph` PyPI package): a query page at /, the
    SPARQL 1.1 Protocol at /query, the union of all sources as the default graph. Updates are
    refused. Listens on 127.0.0.1 only unless --host says otherwise.
    """
    from graph.serve import serve as serve_store
    from graph.store import store_dir

    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}: anyone who can reach it can query.", err=True)
    serve_store(store_dir(store=store, out=out), host=host, port=port, timeout=timeout)


@main.command()
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="Graph Store Protocol URL, e.g. http://localhost:7878/store (Oxigraph), "
    "http://localhost:3030/DATASET/data (Fuseki).",
)
@click.option(
    "--default-graph-iri",
    metavar="IRI",
    help="Send the registry (the default graph) as this named graph instead of ?default.",
)
@click.option("--user", help="User name for HTTP Basic or Digest authentication.")
@click.option(
    "--password",
    envvar="TALENTGRAPH_PASSWORD",
    help="Password for --user. Env: TALENTGRAPH_PASSWORD; asked for when missing.",
)
@STORE_OPTION
@OUT_OPTION
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=60,
    show_default=True,
    help="Seconds to wait for each answer.",
)
@reports_errors
def push(
    endpoint: str,
    default_graph_iri: str | None,
    user: str | None,
    password: str | None,
    store: str | None,
    out: str | None,
    timeout: float,
) -> None:
    """Upload the built store to a SPARQL 1.1 Graph Store Protocol endpoint, graphs kept.

    Each source's named graph and the registry are sent with PUT, which replaces that graph
    on the server: pushing again updates, it does not duplicate.
    """
    from graph.push import push_store
    from graph.store import store_dir

    if user and password is None:
        password = click.prompt(f"Password for {user}", hide_input=True, err=True)
    pushed = push_store(
        store_dir(store=store, out=out),
        endpoint,
        default_graph_iri=default_graph_iri,
        user=user,
        password=password,
        timeout=timeout,
    )
    for graph in pushed:
        click.echo(f"{graph.triples:>6} triples  {graph.graph or '(default graph)'}")
    total = sum(graph.triples for graph in pushed)
    click.echo(f"Pushed {len(pushed)} graphs, {total} triples, to {endpoint}")
