"""Shared fixtures: the sample workspace (a fictional corpus in tests/fixtures/sample) copied,
built and read back; a free loopback port; a loopback web site with pages made to order; a tiny
seeds folder to break; hostile facts for the pages and a synthetic large graph.

Mechanism tests never depend on the repository's own seeds: what is checked of the seed
graph's figures is in tests/golden/seed-graph.json (tests/test_seed_graph.py); rules that hold
whatever the seeds hold are in tests/test_seeds.py; and `init --example` is compared with the
seeds as built here (``seed_company_table``), not with recorded figures.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import importlib.util
import json
import re
import shutil
import socket
import textwrap
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from graph.build import build, build_dataset
from graph.dates import parse_stated_date
from graph.facts import Evidence, Facts, Move, Publication, Relation, load_facts
from graph.published import published_facts
from graph.rdf.store import dataset_store
from graph.vocab import ID_IRI, TG, entity_iri

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
# Three short invented articles, their registry and claims: see the comments in
# tests/fixtures/sample/seeds/ and the hand counts beside the tests that use them.
SAMPLE = TESTS / "fixtures" / "sample"
HOST = "127.0.0.1"

# Each payload sets window.__pwned or opens a dialog if it ever runs.
SCRIPT = "<script>window.__pwned='script';alert('script')</script>"
IMG = "<img src=x onerror=\"window.__pwned='img';alert('img')\">"
LINK = '<a href="javascript:alert(1)">href</a>'
EVIL = SCRIPT + IMG + LINK

EVIL_PERSON = URIRef(ID_IRI + "person/x" + IMG)
EVIL_FROM = entity_iri("org", "acme")
EVIL_TO = URIRef(ID_IRI + "org/" + SCRIPT)
EVIL_SOURCE = entity_iri("source", "evil")
EVIL_MOVE = entity_iri("move", "evil-move")


MINI_DOCUMENT = (
    "Ann Lee, who led Acme's vision team, has joined Beta Labs in May 2024.\n"
    "Acme's vision team was founded in 2019.\n"
)
MINI_SOURCES = """\
mini:
  original_name: 000_mini.txt
  title: A tiny article
  publisher: unknown
  date: unknown
  language: en
"""
MINI_ENTITIES = """\
people:
  ann-lee:
    label: Ann Lee
organizations:
  acme:
    label: Acme
    class: Company
  acme-vision:
    label: Acme vision team
    class: Lab
    parent: acme
  beta-labs:
    label: Beta Labs
    class: Startup
"""
MINI_MOVE = """\
- kind: move
  person: ann-lee
  from: acme-vision
  to: beta-labs
  date: 2024-05
  status: completed
  quote: "Ann Lee, who led Acme's vision team, has joined Beta Labs in May 2024."
"""
MINI_CLAIMS = (
    """\
- kind: part-of
  org: acme-vision
  parent: acme
  quote: "Acme's vision team was founded in 2019."

"""
    + MINI_MOVE
)


def load_script(name: str):
    """The module ``scripts/<name>.py`` (scripts are not a package)."""
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_seeds(
    root: Path,
    *,
    sources: str = MINI_SOURCES,
    entities: str = MINI_ENTITIES,
    claims: str | bytes = MINI_CLAIMS,
    document: str | bytes = MINI_DOCUMENT,
) -> Path:
    """Write a seeds folder with one document ('mini') and return its path.

    Text is written dedented and as UTF-8; bytes exactly as given (for broken encodings).
    """
    (root / "documents").mkdir(parents=True)
    (root / "claims").mkdir()
    files = {
        "sources.yaml": sources,
        "entities.yaml": entities,
        "documents/mini.txt": document,
        "claims/mini.yaml": claims,
    }
    for name, content in files.items():
        if isinstance(content, str):
            text = content if name == "documents/mini.txt" else textwrap.dedent(content)
            content = text.encode("utf-8")
        (root / name).write_bytes(content)
    return root


@pytest.fixture
def mini_seeds(tmp_path: Path) -> Path:
    """A valid tiny seeds folder in a temporary directory."""
    return write_seeds(tmp_path / "seeds")


def copy_sample(target: Path) -> Path:
    """A copy of the sample workspace (its seeds/) at ``target``, not built; return ``target``."""
    shutil.copytree(SAMPLE / "seeds", target / "seeds")
    return target


def facts_of(dataset: Dataset) -> Facts:
    """The facts of an rdflib dataset, read through an in-memory store as the build reads them."""
    return load_facts(dataset_store(dataset))


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A fresh copy of the sample workspace, not built, for a test to change."""
    return copy_sample(tmp_path / "sample")


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample workspace built once per session: read it, never change it."""
    root = copy_sample(tmp_path_factory.mktemp("shared") / "sample")
    build(seeds=root / "seeds")
    return root


@pytest.fixture
def built_sample(sample_build: Path, tmp_path: Path) -> Path:
    """A fresh copy of the built sample workspace (seeds/ and out/), for a test to change.

    A copy of the session's build, not a new build: the build's fingerprint names the seeds
    files relative to seeds/, so the copy is as fresh as the original.
    """
    return Path(shutil.copytree(sample_build, tmp_path / "sample", symlinks=True))


@pytest.fixture(scope="session")
def sample_store(sample_build: Path) -> Path:
    """The Oxigraph store of the sample build."""
    return sample_build / "out" / "store"


@pytest.fixture(scope="session")
def sample_facts(sample_build: Path) -> Facts:
    """The facts of the sample build, read back from its store."""
    return published_facts(seeds=sample_build / "seeds")


@pytest.fixture(scope="session")
def sample_dataset() -> Dataset:
    """The RDF dataset of the sample seeds (converted, not published)."""
    return build_dataset(seeds=SAMPLE / "seeds")


@pytest.fixture(scope="session")
def seed_company_table(tmp_path_factory: pytest.TempPathFactory) -> str:
    """`talentgraph flows --format csv` on the checkout's own seeds, built apart.

    What a workspace made with `init --example` must print too; computed, not recorded, so
    that a new article changes tests/golden/seed-graph.json alone.
    """
    from click.testing import CliRunner

    from graph.cli import main

    out = tmp_path_factory.mktemp("seed-build") / "out"
    build(seeds=REPO / "seeds", out=out)
    args = ["flows", "--format", "csv", "--seeds", str(REPO / "seeds"), "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def in_sample(sample_build: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test inside the built sample workspace, as a user who cd'ed into it."""
    monkeypatch.chdir(sample_build)
    return sample_build


def free_port() -> int:
    """A loopback port nothing listens on now, for a server a test starts."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@pytest.fixture
def hang_up() -> Iterator[str]:
    """The URL of a server that reads each request and closes the connection unanswered."""
    listener = socket.socket()
    listener.bind((HOST, 0))
    listener.listen()
    listener.settimeout(0.1)  # so that the loop sees `done` soon after the test
    done = threading.Event()

    def close_each() -> None:
        while not done.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(10)
                with contextlib.suppress(OSError):
                    connection.recv(65536)

    thread = threading.Thread(target=close_each, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{listener.getsockname()[1]}/"
    finally:
        done.set()
        thread.join(timeout=30)
        listener.close()


HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Answer:
    """What the loopback site answers at one path: a status, headers and a body.

    ``content_length`` sends the body's length (without it the body ends when the connection
    closes); ``drip`` sends the body a byte at a time, again and again, for a server too slow to
    wait for; ``stall`` sends the headers and then nothing; ``slow_headers`` sends header lines
    a few times a second and never ends them.
    """

    body: bytes = b""
    status: int = 200
    content_type: str | None = HTML
    headers: tuple[tuple[str, str], ...] = ()
    content_length: bool = True
    drip: bool = False
    stall: bool = False
    slow_headers: bool = False


def redirect(location: str, status: int = 302) -> Answer:
    """An answer that redirects to ``location``."""
    return Answer(status=status, content_type=None, headers=(("Location", location),))


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """The files of a folder, except at the paths given an ``Answer``."""

    server: _SiteServer

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        answer = self.server.answers.get(self.path)
        if answer is None:
            super().do_GET()
            return
        self.send_response(answer.status)
        if answer.slow_headers:
            # Each line comes well within a read's timeout; the headers never end (for 30 s).
            for line in range(150):
                self.send_header(f"X-Line-{line}", "slow")
                self.flush_headers()
                if self.server.stopped.wait(0.2):
                    break
            self.close_connection = True
            return
        if answer.content_type is not None:
            self.send_header("Content-Type", answer.content_type)
        for name, value in answer.headers:
            self.send_header(name, value)
        if answer.content_length and not (answer.drip or answer.stall):
            self.send_header("Content-Length", str(len(answer.body)))
        else:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.flush()
        if answer.stall:
            self.server.stopped.wait(60)
        elif answer.drip:
            # Until the client hangs up (a write then fails), or for 30 s: a client without a
            # time limit then gets a page, and a test of one fails rather than hangs.
            for _ in range(600):
                if self.server.stopped.wait(0.05):
                    break
                self.wfile.write(answer.body[:1] or b" ")
                self.wfile.flush()
        else:
            self.wfile.write(answer.body)
        self.close_connection = True


class _SiteServer(http.server.ThreadingHTTPServer):
    answers: dict[str, Answer]
    stopped: threading.Event

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up on a large or slow page is expected


@dataclass
class Site:
    """A web site on loopback: files put in ``folder``, or answers made to order in ``answers``
    (by path, such as ``/story.html``), served at ``base``."""

    folder: Path
    base: str
    answers: dict[str, Answer] = field(default_factory=dict)


@pytest.fixture
def page_server(tmp_path: Path) -> Iterator[Site]:
    """A loopback web site for ``talentgraph add URL`` to fetch from (see ``Site``)."""
    folder = tmp_path / "site"
    folder.mkdir()
    server = _SiteServer((HOST, 0), functools.partial(_SiteHandler, directory=str(folder)))
    server.answers, server.stopped = {}, threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(folder, f"http://{HOST}:{server.server_address[1]}", server.answers)
    finally:
        server.stopped.set()
        server.shutdown()
        server.server_close()


def embedded_data(html: str, element_id: str = "tg-data") -> dict:
    """The JSON embedded in ``<script type="application/json" id=...>``."""
    found = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', html)
    assert found, f"no #{element_id} in the page"
    return json.loads(found.group(1))


def evil_facts() -> Facts:
    """One person moving between two organisations; every text and two ids carry payloads.

    The quote and the note contain "href", which in pyvis 0.3.2 turns every tooltip into HTML.
    The facts are made by hand, not read from a store: an IRI cannot hold ``<`` or a space,
    so no build would give these ids, but the pages must escape whatever they are given.
    """
    person, origin, target, source = map(str, (EVIL_PERSON, EVIL_FROM, EVIL_TO, EVIL_SOURCE))
    quote = Evidence(source, "Article " + EVIL, 0, "She said " + EVIL, "note " + EVIL)
    return Facts(
        labels={person: "Eve " + EVIL, origin: "Acme " + SCRIPT, target: "Bad Lab " + IMG},
        aliases={person: (IMG,)},
        people=[person],
        org_classes={origin: "Company", target: "Startup"},
        moves=[
            Move(
                str(EVIL_MOVE),
                person,
                "Eve " + EVIL,
                origin,
                target,
                parse_stated_date("2024-05"),
                "completed",
                (quote,),
            )
        ],
        person_org=[
            Relation(person, predicate, org, (source,))
            for predicate, org in (
                ("left", origin),
                ("leftFor", target),
                ("workedAt", origin),
                ("worksAt", target),
            )
        ],
        publications={
            source: Publication("Article " + EVIL, None, parse_stated_date("2024-01-02"))
        },
    )


def large_dataset(*, people: int = 1500, orgs: int = 60) -> Dataset:
    """A synthetic graph: person i works at org i%60 and worked at org (7i+1)%60; every tenth
    person also worked at org (13i+5)%60.

    The three organisations never coincide (6i = -1, 12i = -5 and 6i = -4 mod 60 have no
    solution), so people with i % 10 == 0 have degree 3 and everyone else degree 2.
    """
    dataset = Dataset(default_union=True)
    source_iri = entity_iri("source", "synthetic")
    source = dataset.graph(source_iri)
    source.add((source_iri, RDF.type, TG.Source))
    source.add((source_iri, DCTERMS.title, Literal("Synthetic")))
    org = [entity_iri("org", f"o{i:03d}") for i in range(orgs)]
    for i, iri in enumerate(org):
        dataset.add((iri, RDF.type, TG.Company))
        dataset.add((iri, RDFS.label, Literal(f"Org {i:03d}")))
    for i in range(people):
        person = entity_iri("person", f"p{i:04d}")
        dataset.add((person, RDF.type, TG.Person))
        dataset.add((person, RDFS.label, Literal(f"Person {i:04d}")))
        source.add((person, TG.worksAt, org[i % orgs]))
        source.add((person, TG.workedAt, org[(7 * i + 1) % orgs]))
        if i % 10 == 0:
            source.add((person, TG.workedAt, org[(13 * i + 5) % orgs]))
    return dataset
