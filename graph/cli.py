"""The ``talentgraph`` command line: parse options, call one library function, show the result.

Library errors (``TalentGraphError``) become ``Error: …`` on stderr and exit status 1. The
library's messages say what is wrong and how to fix it in its own terms; the hints that name a
command or an option are added here (``HINTS``).
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from graph import errors
from graph.errors import CurationError, TalentGraphError

T = TypeVar("T")
SEEDS_OPTION = click.option(
    "--seeds",
    type=click.Path(file_okay=False),
    envvar="TALENTGRAPH_SEEDS",
    help="Seeds folder (sources.yaml, entities.yaml, documents/, claims/). Default: the "
    "workspace's seeds/, found from the current folder upwards. Env: TALENTGRAPH_SEEDS.",
)
OUT_OPTION = click.option(
    "--out",
    type=click.Path(file_okay=False),
    envvar="TALENTGRAPH_OUT",
    help="The build's output folder. Default: the workspace's out/. Env: TALENTGRAPH_OUT.",
)


def format_option(json_holds: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--format table|csv|json|markdown``; ``json_holds`` says what the JSON adds."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "csv", "json", "markdown"]),
        default="table",
        show_default=True,
        help=f"table (for a terminal), csv, json ({json_holds}) or markdown.",
    )


FORMAT_OPTION_EXTRACT = format_option("every field of every candidate")

# Above these sizes, build prints the largest gains and losses instead of the whole table.
BUILD_TABLE_ROWS = 20
BUILD_TABLE_MOVES = 200

# What to add to a library error, in the command line's words.
HINTS: dict[type[TalentGraphError], str] = {
    errors.WorkspaceNotFound: "make one with `talentgraph init DIR` (or `init DIR --example`), "
    "or pass --seeds DIR",
    errors.NoBuildError: "run `talentgraph build` first",
    errors.StaleBuildError: "run `talentgraph build` to include the change",
    errors.OutFolderError: "pass another --out",
    errors.ServiceRefused: "pass --allow-service if you mean it",
    errors.QueryTimeout: "narrow it or raise --timeout",
}


# Problems printed at most; the rest are counted ("… and 297,610 more").
MAX_PROBLEMS_SHOWN = 50


def reports_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn library errors into ``Error: …`` on stderr and exit status 1, never a traceback.

    Seeds with many problems show the first ``MAX_PROBLEMS_SHOWN``; text from the input is
    made inert for the terminal.
    """
    from graph.present.inert import terminal_text

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except TalentGraphError as error:
            message = with_hint(error)
            if isinstance(error, CurationError) and len(error.problems) > MAX_PROBLEMS_SHOWN:
                count = len(error.problems)
                message = "\n".join(
                    [
                        f"{count:,} problems in the seeds:",
                        *map(str, error.problems[:MAX_PROBLEMS_SHOWN]),
                        f"… and {count - MAX_PROBLEMS_SHOWN:,} more",
                    ]
                )
            click.echo(f"Error: {terminal_text(message)}", err=True)
            sys.exit(1)

    return wrapper


def with_hint(error: TalentGraphError) -> str:
    """The error's message, with the command-line hint for its kind."""
    hint = next((text for kind, text in HINTS.items() if isinstance(error, kind)), None)
    if hint and isinstance(error, errors.WorkspaceNotFound) and not _takes("seeds"):
        # query, serve and push read a store, not the seeds.
        hint = hint.replace("pass --seeds DIR", "pass --store DIR or --out DIR")
    return f"{error}; {hint}" if hint else str(error)


def _takes(option: str) -> bool:
    """Whether the command running now has ``option`` (true outside a command)."""
    context = click.get_current_context(silent=True)
    if context is None:
        return True
    return any(param.name == option for param in context.command.params)


def echo_problems(problems: list) -> None:
    """Print problems found in the seeds as warnings (at most ``MAX_PROBLEMS_SHOWN``): a
    candidate with a problem is left out, so it must not vanish unseen."""
    echo_warnings(problems[:MAX_PROBLEMS_SHOWN])
    if len(problems) > MAX_PROBLEMS_SHOWN:
        click.echo(f"… and {len(problems) - MAX_PROBLEMS_SHOWN:,} more", err=True)
    if problems:
        click.echo(
            f"{len(problems):,} problem(s) in the seeds: what they hold is left out until fixed "
            "(talentgraph validate).",
            err=True,
        )


def echo_warnings(warnings: list) -> None:
    """Print curators' notes and other warnings to stderr, made inert for the terminal."""
    from graph.present.inert import terminal_text

    for warning in warnings:
        click.echo(f"warning: {terminal_text(str(warning))}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="talentgraph")
def main() -> None:
    """Talent Graph: who moves between AI labs, grounded in news articles.

    Commands work in a workspace (a folder with seeds/ and out/), found from the current
    folder upwards; `talentgraph init DIR` makes one.
    """


@main.command()
@click.argument("directory", type=click.Path(file_okay=False))
@click.option(
    "--example", is_flag=True, help="Start from the project's five articles and their claims."
)
@reports_errors
def init(directory: str, example: bool) -> None:
    """Make a new workspace in DIRECTORY: seeds/ to curate into, and a README on how.

    The seeds start empty (an empty registry and source list), or with --example as a copy
    of the project's five articles and their curated claims, ready to build.
    """
    from graph.curation.workspace import init_workspace

    root = init_workspace(Path(directory), example=example)
    what = "the five example articles" if example else "empty seeds"
    click.echo(f"Made a workspace in {root} with {what}.")
    click.echo(f"Next: cd {root} && talentgraph {'build' if example else 'validate'}")


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
        from graph.present.inert import terminal_text

        for problem in error.problems[:MAX_PROBLEMS_SHOWN]:
            click.echo(f"Error: {terminal_text(str(problem))}", err=True)
        hidden = len(error.problems) - MAX_PROBLEMS_SHOWN
        if hidden > 0:
            click.echo(f"… and {hidden:,} more", err=True)
        click.echo(f"{len(error.problems):,} problem(s) found.", err=True)
        sys.exit(1)
    echo_warnings(curation.warnings)
    seeds_ = curation.seeds
    click.echo(
        f"OK: {len(seeds_.sources)} sources, {len(seeds_.entities)} entities, "
        f"{len(seeds_.claims)} claims, every quote found in its document."
    )
    _echo_pending(curation.pending)


def _echo_pending(count: int) -> None:
    if count:
        click.echo(
            f"{count} candidate{'s' if count != 1 else ''} pending review, not in the graph "
            "(talentgraph review).",
            err=True,
        )


@main.command()
@SEEDS_OPTION
@OUT_OPTION
@reports_errors
def build(seeds: str | None, out: str | None) -> None:
    """Build the graph from the seeds and publish every output to the out folder.

    Checks the seeds (as `validate` does), converts them to RDF with one named graph per
    source, validates the result against the SHACL shapes, and writes talentgraph.trig,
    .ttl, .nt and .jsonld, flows.csv, report.md, graph.html and flows.html, and the
    Oxigraph store for SPARQL (store/), then prints who gains and who loses talent at
    company level. Nothing is written unless everything succeeds; the previous out folder
    is then replaced as a whole.
    """
    from graph.analysis.flows import talent_flows
    from graph.build import build as run_build
    from graph.present.views import format_flows

    result = _settled(lambda: run_build(seeds=seeds, out=out))
    echo_warnings(result.warnings)
    _echo_pending(result.curation.pending)
    counts = dict(result.counts)
    click.echo(f"Built the graph from {counts.pop('sources')} sources:")
    for name, value in counts.items():
        click.echo(f"  {name:<18}{value:>6}")
    click.echo(f"Wrote {len(result.files)} outputs to {result.out}/:")
    for path in result.files:
        click.echo(f"  {path}")
    click.echo()
    report = talent_flows(result.facts, level="company")
    moves = sum(row.in_count + row.out_count for row in report.rows)
    if len(report.rows) <= BUILD_TABLE_ROWS and moves <= BUILD_TABLE_MOVES:
        _echo(format_flows(report, width=_width()))
        _echo(EVIDENCE_NOTE)
        return
    # A large graph: the table with every name would run to thousands of lines.
    shown = BUILD_TABLE_ROWS // 2
    click.echo(
        f"Who gains and who loses talent at company level, {len(report.rows):,} organisations "
        f"(the {shown} largest gains and losses; every row with its people: talentgraph flows):"
    )
    width = max(len(row.label) for row in report.rows[:shown] + report.rows[-shown:])
    for row in [*report.rows[:shown], *report.rows[-shown:]]:
        net = f"{row.net:+,d}" if row.net else "0"
        click.echo(
            f"  {row.label:<{width}}  {net:>7}  (in {row.in_count:,}, out {row.out_count:,})"
        )


# --- Curation: add, extract, review, check ------------------------------------------------


@main.command()
@click.argument("source", metavar="FILE|URL")
@SEEDS_OPTION
@click.option("--title", help="The article's title (default: from the page or the file).")
@click.option("--publisher", help="Who published it (default: the site's name, or unknown).")
@click.option("--date", "date_", metavar="DATE", help="When: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--url", help="Where it was published (default: the URL given).")
@click.option("--language", help="Its language tag, e.g. en or zh (default: from the page).")
@reports_errors
def add(
    source: str,
    seeds: str | None,
    title: str | None,
    publisher: str | None,
    date_: str | None,
    url: str | None,
    language: str | None,
) -> None:
    """Add an article (a .txt, .md or .html file, or an http(s) URL) with draft candidates.

    Stores the text in seeds/documents/, registers the source in sources.yaml, and writes
    the extracted candidate facts to claims/<id>.yaml marked `review: pending`, with the
    names the registry does not know as pending entities. Nothing enters the graph until a
    curator accepts it (talentgraph review). A URL is fetched once, with a 20 s time limit
    and a 5 MB size limit; the main text is taken out of the page and its title, site,
    date and language read from its metadata. Adding the same document twice is refused.
    """
    from graph.curation.add import add_article
    from graph.paths import workspace

    place = workspace(seeds=seeds)
    added = add_article(
        place.seeds,
        source,
        title=title,
        publisher=publisher,
        date=date_,
        url=url,
        language=language,
    )
    kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(added.candidates.items()))
    click.echo(f"Added source '{added.source}': documents/{added.source}.txt")
    click.echo(
        f"  {sum(added.candidates.values())} candidates pending review ({kinds or 'none'}), "
        f"{added.entities} new names, in claims/{added.source}.yaml and entities.yaml"
    )
    echo_problems(added.problems)
    click.echo("Next: talentgraph review, then talentgraph build")


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@SEEDS_OPTION
@click.option(
    "--format",
    "form",
    type=click.Choice(["csv", "jsonl", "sparql-json"]),
    help="The file's format (default: from its extension: .csv, .jsonl, .json).",
)
@click.option("--title", help="What the records are, e.g. 'Staff list, March 2026'.")
@click.option("--strict", is_flag=True, help="Refuse the whole file if any row is bad.")
@reports_errors
def import_(
    file: Path, seeds: str | None, form: str | None, title: str | None, strict: bool
) -> None:
    """Import employment records: CSV, JSON Lines, or Wikidata SPARQL JSON results.

    CSV and JSON Lines rows have `person`, `org`, and optionally `start`, `end` (YYYY,
    YYYY-MM or YYYY-MM-DD), `role`, `source`, `person_id`, `org_id`, `org_parent`,
    `wikidata_person`, `wikidata_org`. SPARQL JSON results have the variables `person`,
    `personLabel`, `employer`, `employerLabel`, and optionally `start` and `end`. The file is
    kept unchanged in seeds/imports/ and registered in seeds/imports.yaml; each fact the build
    derives from it quotes its row. Bad rows are reported by line and left out; the rest are
    kept (with --strict, nothing is imported). Names resolve to the entities the workspace
    knows by label, alias or Wikidata id; moves are derived from consecutive jobs.
    """
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TimeRemainingColumn

    from graph.curation.imports.files import BAD_ROWS_SHOWN, import_file
    from graph.paths import workspace

    place = workspace(seeds=seeds)
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        TaskProgressColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        disable=not sys.stderr.isatty(),
        transient=True,
    ) as bar:
        task = bar.add_task(f"Reading {file.name}", total=max(file.stat().st_size, 1))
        report = import_file(
            file,
            place.seeds,
            form=form,
            title=title,
            strict=strict,
            progress=lambda done: bar.update(task, completed=done),
        )
    for problem in report.problems[:BAD_ROWS_SHOWN]:
        click.echo(f"Skipped {problem}", err=True)
    if len(report.problems) > BAD_ROWS_SHOWN:
        click.echo(f"... and {len(report.problems) - BAD_ROWS_SHOWN} more bad rows", err=True)
    skipped = f", {len(report.problems)} bad rows skipped" if report.problems else ""
    click.echo(f"Imported '{report.id}': {report.rows} rows{skipped}")
    click.echo(f"  kept as {report.path.relative_to(place.seeds.parent)}, listed in imports.yaml")
    click.echo("Next: talentgraph build")


@main.command()
@click.argument("source", metavar="FILE|SOURCE_ID")
@SEEDS_OPTION
@click.option(
    "--write",
    is_flag=True,
    help="SOURCE_ID only: add the candidates not seen before (accepted, pending or rejected) "
    "to its claims file, pending review.",
)
@FORMAT_OPTION_EXTRACT
@reports_errors
def extract(source: str, seeds: str | None, write: bool, fmt: str) -> None:
    """Print the candidate facts of an article, without writing anything.

    FILE is a .txt, .md or .html file (or a URL); SOURCE_ID a source of the workspace.
    Each candidate has its sentence, the words that triggered it and a confidence. Known
    people and organisations are linked to the registry (when run inside a workspace).
    --format json prints a list of {kind, person, org, from, to, date, status, evidence,
    start, end, confidence, ...}.
    """
    from graph.curation.add import extract_again, known_entities
    from graph.curation.article import read_article
    from graph.curation.extract import extract as extract_candidates
    from graph.curation.seeds import read_seeds
    from graph.paths import workspace

    try:
        place = workspace(seeds=seeds)
        current = read_seeds(place.seeds, [])
    except errors.WorkspaceNotFound:
        if write or not (Path(source).is_file() or "://" in source):
            raise
        current = None
    if write:
        assert current is not None
        added = extract_again(place.seeds, source)
        click.echo(
            f"{sum(added.candidates.values())} new candidates for '{source}' pending review, "
            f"{added.entities} new names."
        )
        echo_problems(added.problems)
        return
    if current is not None and source in current.sources and not Path(source).is_file():
        text = current.sources[source].text
    else:
        text = read_article(source).text
    found = extract_candidates(text, known=known_entities(current) if current else ())
    if fmt == "json":
        from graph.present.tables import to_json

        _echo(to_json([candidate.to_json() for candidate in found]))
        return
    if not found and fmt in ("table", "markdown"):
        click.echo("No candidates: the extractor found no facts and no names in it.")
        return
    from graph.curation.extract import ROW_COLUMNS
    from graph.present.tables import Section, Table, View, render

    facts = sum(1 for candidate in found if candidate.kind != "entity")
    title = f"Candidates ({facts} facts, {len(found) - facts} names)"
    caption = "Drafts for review, not facts: nothing here is in the graph until accepted."
    rows = [candidate.row() for candidate in found]
    if fmt != "table":
        _echo(render(View(main=Table(title, ROW_COLUMNS, rows), caption=caption), fmt))
        return
    # On a terminal the sentences are listed under the table, numbered like its rows.
    short = [[number, *row[:-1]] for number, row in enumerate(rows, 1)]
    cited: dict[str, list[str]] = {}
    for number, row in enumerate(rows, 1):
        cited.setdefault(str(row[-1]), []).append(str(number))
    sentences = Section(
        "Sentences (by row)", [f"{', '.join(numbers)}: {text}" for text, numbers in cited.items()]
    )
    table = Table(title, ["#", *ROW_COLUMNS[:-1]], short)
    _echo(render(View(main=table, notes=[sentences], caption=caption), fmt, width=_width()))


@main.command()
@click.argument("source_id", required=False)
@SEEDS_OPTION
@reports_errors
def review(source_id: str | None, seeds: str | None) -> None:
    """Walk the candidates pending review: accept, reject, edit a field, or skip.

    Shows each candidate's sentence with the trigger and the names marked, and what it
    would add. Accepting removes its `review: pending` (and accepts the new names it uses);
    rejecting marks it `review: rejected`, so it is not proposed again. Each decision is
    saved at once; quit any time. Editing the claims YAML by hand works as well.
    """
    from graph.curation import drafts
    from graph.curation.seeds import read_seeds
    from graph.paths import workspace

    place = workspace(seeds=seeds)
    skipped: set[tuple[str, int]] = set()
    decided = 0
    problems: list = []
    read_seeds(place.seeds, problems)
    echo_problems(sorted(problems))
    while True:
        current = read_seeds(place.seeds, [])
        pending = [
            c
            for c in current.pending
            if (source_id is None or c.source == source_id)
            and (c.at.file, c.at.line) not in skipped
        ]
        if not pending:
            break
        claim = pending[0]
        entities = {**current.draft_entities, **current.entities}
        _show_candidate(claim, entities, len(pending))
        choice = click.prompt(
            "[a]ccept, [r]eject, [e]dit a field, [s]kip, [q]uit",
            type=click.Choice(["a", "r", "e", "s", "q"]),
            show_choices=False,
        )
        if choice == "q":
            break
        if choice == "s":
            skipped.add((claim.at.file, claim.at.line))
        elif choice == "r":
            drafts.reject(place.seeds, claim)
            decided += 1
        elif choice == "a":
            accepted = drafts.accept(place.seeds, claim, entities)
            decided += 1
            if accepted:
                click.echo(f"  also accepted the new names: {', '.join(accepted)}")
        else:
            name = click.prompt("  field")
            value = click.prompt(f"  new value of {name}")
            try:
                drafts.set_field(place.seeds, claim, name, value)
            except errors.InputError as error:
                click.echo(f"  not changed: {error}")
    remaining = len(read_seeds(place.seeds, []).pending)
    click.echo(f"{decided} decided; {remaining} pending review.")


def _show_candidate(claim: Any, entities: dict, remaining: int) -> None:
    """The candidate's sentence with its trigger and names marked, and its fields."""
    from rich.console import Console
    from rich.text import Text

    from graph.curation.consistency import similar_entities

    console = Console(highlight=False)
    where = f"{claim.at.file}:{claim.at.line}"
    console.print(f"\n[{remaining} pending] {claim.kind} ({where})", markup=False)
    sentence = Text(claim.quotes[0])
    if claim.trigger:
        sentence.highlight_words([claim.trigger], style="bold magenta", case_sensitive=False)
    for value in claim.values.values():
        if isinstance(value, str) and value in entities:
            sentence.highlight_words(entities[value].names, style="bold cyan")
    console.print(sentence)
    known = [entity for entity in entities.values() if not entity.review]
    for name, value in claim.values.items():
        entity = entities.get(value) if isinstance(value, str) else None
        shown = f"{entity.label} ({value}{', new' if entity.review else ''})" if entity else value
        console.print(f"  {name}: {shown}", markup=False)
        if entity is not None and entity.review:
            for other in similar_entities(entity, known):  # flagged, never merged
                console.print(f"    looks like known '{other.label}' ({other.id})", markup=False)


@main.command()
@SEEDS_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table, or json: a list of {kind, severity, people, message, evidence}.",
)
@reports_errors
def check(seeds: str | None, fmt: str) -> None:
    """Check the sources against each other, candidates pending review included.

    Reports, each with its quotes and sources: the same person's move with conflicting
    dates or destinations, a person at two employers at once, a move from an organisation
    the person is not known to have worked at, a date that contradicts another fact, and
    every curator's note. A problem in the seeds files themselves (a bad date, an unknown
    field) is an error too: the claim it is in is left out of the other checks. Exit status 1
    when there is an error, so CI can gate on it.
    """
    from graph.curation.consistency import ERROR, check_consistency, seed_problems
    from graph.curation.seeds import read_seeds
    from graph.paths import workspace

    problems: list = []
    current = read_seeds(workspace(seeds=seeds).seeds, problems)
    findings = [*seed_problems(problems), *check_consistency(current)]
    if fmt == "json":
        from graph.present.tables import to_json

        _echo(to_json([finding.to_json() for finding in findings]))
    else:
        for finding in findings:
            people = f" ({', '.join(finding.people)})" if finding.people else ""
            click.echo(f"{finding.severity}: {finding.kind}{people}: {finding.message}")
            for source, quote, where in finding.evidence:
                click.echo(f"    {where} [{source}]: “{quote}”")
        errors_ = sum(1 for finding in findings if finding.severity == ERROR)
        click.echo(f"{errors_} error(s), {len(findings) - errors_} warning(s).")
    if any(finding.severity == ERROR for finding in findings):
        sys.exit(1)


# --- Analyses: flows, centrality, profiles, export, pages ----------------------------------

EVIDENCE_NOTE = (
    "Evidence:\n  - every move's quotes: --format json, or talentgraph person NAME / org NAME"
)
CENTRALITY_EVIDENCE_NOTE = (
    "\nEvidence:\n  - the people, moves and sources behind each degree: --format json (links)"
)


class StatedDay(click.ParamType):
    """A window bound: YYYY, YYYY-MM or YYYY-MM-DD, taken as its first (``since``) or last
    (``until``) day."""

    name = "DATE"

    def __init__(self, end: int) -> None:
        self.end = end

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, dt.date):
            return value
        from graph.dates import parse_stated_date

        try:
            bounds = parse_stated_date(value).bounds()
        except ValueError as error:
            self.fail(str(error), param, ctx)
        if bounds is None:
            self.fail(f"{value!r}: a window needs a year (YYYY, YYYY-MM, YYYY-MM-DD)", param, ctx)
        return bounds[self.end]


FORMAT_OPTION = format_option("with every person and quote")
LEVEL_OPTION = click.option(
    "--level",
    type=click.Choice(["company", "unit"]),
    default="company",
    show_default=True,
    help="company: units rolled up through partOf, moves inside a company not counted; "
    "unit: organisations as curated.",
)
STATUS_OPTION = click.option(
    "--status",
    type=click.Choice(["all", "completed", "announced"]),
    default="all",
    show_default=True,
    help="Keep completed or announced moves only.",
)
SINCE_OPTION = click.option(
    "--since",
    type=StatedDay(0),
    help="Keep moves on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD). A move counts only if "
    "its whole stated date is in the window; undated moves are listed apart.",
)
UNTIL_OPTION = click.option(
    "--until",
    type=StatedDay(1),
    help="Keep moves on or before DATE (inclusive: 2024 = to 31 Dec).",
)


def _width() -> int:
    """The terminal's width when printing to one, else a fixed width for stable output."""
    import shutil

    from graph.present.tables import DEFAULT_WIDTH

    return shutil.get_terminal_size().columns if sys.stdout.isatty() else DEFAULT_WIDTH


def _show(result: Any, view: Callable[[Any], Any], fmt: str) -> None:
    """Print ``result`` as JSON (its ``to_json``) or through its view in the other formats."""
    from graph.present.tables import render, to_json

    if fmt == "json":
        _echo(to_json(result.to_json()))
    else:
        _echo(render(view(result), fmt, width=_width()))


def _echo(text: str) -> None:
    """Print ``text`` with exactly one final newline (CSV text already ends with one)."""
    click.echo(text, nl=not text.endswith("\n"))


def _facts(seeds: str | None, out: str | None) -> Any:
    """The facts of the published build; refused when the seeds changed since."""
    from graph.published import published_facts

    return _settled(lambda: published_facts(seeds=seeds, out=out))


def _settled(make: Callable[[], T]) -> T:
    """What ``make`` returns, kept out of the cycle collector's way until the command ends
    (``graph.collector``): settled before the collector runs again, never walked by it."""
    from graph.collector import paused_collection, settle, unsettle

    with paused_collection():
        made = make()
        settle()
    click.get_current_context().call_on_close(unsettle)
    return made


@main.command()
@SEEDS_OPTION
@OUT_OPTION
@LEVEL_OPTION
@STATUS_OPTION
@SINCE_OPTION
@UNTIL_OPTION
@click.option(
    "--by",
    type=click.Choice(["year", "quarter", "month"]),
    help="In, out and net per organisation per period. A move dated by its year alone counts "
    'in that year; by quarter or month it is in "YYYY (year only)"; moves without a year are '
    '"undated".',
)
@click.option(
    "--between",
    is_flag=True,
    help="Who left where for where: people per origin -> destination pair, largest first.",
)
@click.option(
    "--top",
    type=click.IntRange(min=1),
    help='With --between: show the first N pairs (default 20) and add up the rest as "other".',
)
@FORMAT_OPTION
@reports_errors
def flows(
    seeds: str | None,
    out: str | None,
    level: str,
    status: str,
    since: dt.date | None,
    until: dt.date | None,
    by: str | None,
    between: bool,
    top: int | None,
    fmt: str,
) -> None:
    """Who gains and who loses talent: in, out and net per organisation, with the names.

    Reads the published build. Counts are named people, each once per organisation and
    direction. Unknown destinations, unnamed own ventures, group departures and (with a
    window) undated moves are listed apart, never counted as people. --format json prints a
    list of {org, label, in, out, net, joined, left, ...} with every move's quotes; with --by
    each row adds its period; with --between the rows are {from, to, people, names, ...}.
    """
    from graph.analysis.flows import flows_between, flows_by_period, talent_flows
    from graph.present.views import format_between, format_flows, format_period_flows

    if by and between:
        raise click.UsageError("--by and --between are two views: use one of them")
    if top is not None and not between:
        raise click.UsageError("--top goes with --between")
    facts = _facts(seeds, out)
    window: dict[str, Any] = {"level": level, "status": status, "since": since, "until": until}
    if by:
        text = format_period_flows(flows_by_period(facts, by=by, **window), fmt=fmt, width=_width())
    elif between:
        text = format_between(
            flows_between(facts, top=top or 20, **window), fmt=fmt, width=_width()
        )
    else:
        text = format_flows(talent_flows(facts, **window), fmt=fmt, width=_width())
    _echo(text)
    if fmt == "table":
        _echo(EVIDENCE_NOTE)


@main.command()
@SEEDS_OPTION
@OUT_OPTION
@click.option(
    "--graph",
    "graph_name",
    type=click.Choice(["flows", "people"]),
    default="flows",
    show_default=True,
    help="flows: organisation -> organisation by moves (degree, PageRank, betweenness); "
    "people: person-organisation relations with the partOf hierarchy (degree, betweenness).",
)
@LEVEL_OPTION
@STATUS_OPTION
@click.option("--top", type=click.IntRange(min=1), help="Show only the first N nodes.")
@click.option(
    "--backend",
    metavar="NAME",
    help="Compute betweenness with this networkx backend, if installed: 'parallel' "
    "(nx-parallel, Python 3.12 or later) spreads it over every core.",
)
@FORMAT_OPTION
@reports_errors
def centrality(
    seeds: str | None,
    out: str | None,
    graph_name: str,
    level: str,
    status: str,
    top: int | None,
    backend: str | None,
    fmt: str,
) -> None:
    """The hubs: degree, PageRank and betweenness, and Louvain communities of organisations.

    \b
    On the flow graph (--graph flows, organisations linked by people's moves):
      degree      organisations it exchanged people with
      PageRank    where talent ends up (weighted by moves)
      betweenness stepping stones between organisations (directed)
    On the people graph (--graph people, people linked to organisations, units to parents):
      degree      relations of a person or organisation
      betweenness who connects otherwise separate parts
      (PageRank is not shown there: on an undirected graph it only mirrors degree.)
    Betweenness is exact up to 500 nodes, sampled from 200 nodes with seed 42 above
    that, and the output says which. Communities: Louvain (seed 42) on organisations tied
    by shared people, partOf and investsIn. The people, moves and sources behind each
    degree: --format json (links).
    """
    from graph.analysis.centrality import hubs
    from graph.present.views import hubs_view

    result = hubs(
        _facts(seeds, out),
        graph=graph_name,
        level=level,
        status=status,
        backend=backend,
        links=fmt == "json",  # only JSON shows them: at 100 k people, 8 s of the command's 57
    )
    if top and fmt == "json":
        result.scores = result.scores[:top]
    _show(result, lambda r: hubs_view(r, top=top), fmt)
    if fmt == "table":
        _echo(CENTRALITY_EVIDENCE_NOTE)


@main.command()
@SEEDS_OPTION
@OUT_OPTION
@click.argument("name")
@FORMAT_OPTION
@reports_errors
def person(seeds: str | None, out: str | None, name: str, fmt: str) -> None:
    """A person's career as a timeline, each step with its source and quote.

    NAME is a label or an alias, in any case (e.g. "junyang lin").
    """
    from graph.analysis.profiles import person_profile
    from graph.present.views import person_view

    _show(person_profile(_facts(seeds, out), name), person_view, fmt)


@main.command()
@SEEDS_OPTION
@OUT_OPTION
@click.argument("name")
@STATUS_OPTION
@SINCE_OPTION
@UNTIL_OPTION
@FORMAT_OPTION
@reports_errors
def org(
    seeds: str | None,
    out: str | None,
    name: str,
    status: str,
    since: dt.date | None,
    until: dt.date | None,
    fmt: str,
) -> None:
    """An organisation: its units, who works there, who joined, who left, net, investments.

    NAME is a label or an alias, in any case (e.g. "alibaba"). Joined and left count the
    organisation with all its units; moves between its own units are internal.
    """
    from graph.analysis.profiles import org_profile
    from graph.present.views import org_view

    profile = org_profile(_facts(seeds, out), name, status=status, since=since, until=until)
    _show(profile, org_view, fmt)


@main.command()
@SEEDS_OPTION
@OUT_OPTION
@click.argument("output", type=click.Path(dir_okay=False, writable=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["graphml", "gexf"]),
    help="GraphML (yEd, Cytoscape, Gephi) or GEXF (Gephi). Default: from OUTPUT's "
    "extension (.graphml or .gexf).",
)
@click.option(
    "--graph",
    "graph_name",
    type=click.Choice(["people", "flows", "hierarchy"]),
    default="people",
    show_default=True,
    help="people: person -> organisation relations; flows: organisation -> organisation "
    "weighted by moves; hierarchy: parent -> unit.",
)
@LEVEL_OPTION
@STATUS_OPTION
@reports_errors
def export(
    seeds: str | None,
    out: str | None,
    output: str,
    fmt: str | None,
    graph_name: str,
    level: str,
    status: str,
) -> None:
    """Write a network to OUTPUT as GraphML or GEXF, for Gephi and other network tools.

    Nodes carry label, kind and type; edges carry the relation or the people, moves, dates
    and sources behind them. --level and --status apply to --graph flows.
    """
    from graph.present.export import export_network

    path, written = export_network(
        _facts(seeds, out), output, fmt=fmt, graph=graph_name, level=level, status=status
    )
    click.echo(f"Wrote {path} ({written}, {graph_name} graph).")


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
    help="graph.html: above this many nodes, show the most connected organisations and the "
    "people with the most links to them, and say on the page what was left out.",
)
@reports_errors
def render(seeds: str | None, out: str | None, level: str, node_budget: int) -> None:
    """Write the interactive pages graph.html and flows.html again, with these options.

    Reads the published build and replaces its two pages (atomically, the rest of the out
    folder kept). Each page is a single file that opens from disk with no network: search,
    filters by relation and organisation, an "as of" date control, and the quotes behind
    every line.
    """
    from graph.build import render_pages

    for path in render_pages(seeds=seeds, out=out, level=level, node_budget=node_budget):
        click.echo(f"wrote {path}")


# --- SPARQL: query, serve, push ------------------------------------------------------------

STORE_OPTION = click.option(
    "--store",
    type=click.Path(file_okay=False),
    help="Oxigraph store folder written by `talentgraph build`. Default: the workspace's "
    "out/store.",
)


def _store(store: str | None, out: str | None) -> Path:
    """The store to read: ``--store``, else the published build's (warning when stale)."""
    from graph.paths import workspace
    from graph.published import check_fresh
    from graph.rdf.store import is_store, store_dir

    if store:
        if not is_store(store):
            raise errors.NoBuildError(f"{store}: no Oxigraph store here")
        return Path(store)
    try:
        place = workspace(out=out)
    except errors.WorkspaceNotFound:
        if out is None:
            raise
        return store_dir(out)
    try:
        check_fresh(place)
    except errors.StaleBuildError as error:
        click.echo(f"warning: {with_hint(error)}; answering from the last build", err=True)
    return store_dir(place.out)


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
    from graph.sparql.query import (
        format_answer,
        parse_bindings,
        read_query,
        run_query,
        saved_queries,
    )

    if list_saved:
        for saved in saved_queries().values():
            click.echo(f"{saved.name:<20} {saved.description}")
        return
    text = read_query(query_text, name=name)
    answer = run_query(
        text,
        store=None if endpoint else _store(store, out),
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
    help="Stop any query after this many seconds (it is answered 504).",
)
@click.option(
    "--allow-service",
    is_flag=True,
    help="Let queries use SERVICE, which makes this machine send requests to other servers.",
)
@reports_errors
def serve(
    store: str | None, out: str | None, host: str, port: int, timeout: int, allow_service: bool
) -> None:
    """Serve the built store as a read-only SPARQL 1.1 endpoint until Ctrl-C or SIGTERM.

    The SPARQL 1.1 Protocol at /query and a query page at /, over the Oxigraph server (from the
    `oxigraph` PyPI package) with the union of all sources as the default graph. A front checks
    every request first: updates are refused (403), and so are SERVICE (400, unless
    --allow-service), requests over 1 MiB (413) and malformed ones (400); a query past --timeout
    gets 504; at most 8 queries run at once, more wait or get 503. Listens on 127.0.0.1 only
    unless --host says otherwise. When `talentgraph build` publishes a new build, or the
    Oxigraph server dies, the server is started again within a second or two.
    """
    from graph.sparql.serve import serve as serve_store

    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}: anyone who can reach it can query.", err=True)
    if allow_service:
        click.echo(
            "warning: --allow-service: queries may make this machine send requests anywhere.",
            err=True,
        )
    folder = _store(store, out)

    def announce(url: str) -> None:
        click.echo(
            f"Serving {folder} read-only at {url} (SPARQL endpoint: {url}query). Ctrl-C to stop."
        )

    def reloaded(url: str) -> None:
        click.echo(f"A new build replaced {folder}; now serving it at {url}.")

    def restarted(code: int) -> None:
        click.echo(
            f"warning: the Oxigraph server stopped (exit code {code}); started it again.", err=True
        )

    serve_store(
        folder,
        host=host,
        port=port,
        timeout=timeout,
        allow_service=allow_service,
        on_ready=announce,
        on_reload=reloaded,
        on_restart=restarted,
    )
    click.echo("Server stopped.")


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
    help="Password for --user. Env: TALENTGRAPH_PASSWORD; asked for on a terminal when missing.",
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
    from graph.sparql.push import push_store

    if user and password is None:
        if not sys.stdin.isatty():
            raise click.ClickException(
                f"no password for {user}: set TALENTGRAPH_PASSWORD (or pass --password)"
            )
        password = click.prompt(f"Password for {user}", hide_input=True, err=True)
    pushed = push_store(
        _store(store, out),
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
