"""Load test of ``talentgraph serve``: concurrent clients running the saved queries for a while.

Not a test: run it by hand, ``python scripts/load_test.py [--clients 20] [--seconds 30]``. It
makes the example workspace in a temporary folder (``talentgraph init DIR --example`` and
``talentgraph build``), serves it on a free loopback port, and starts ``--clients`` threads that
each send the saved queries (``graph/sparql/queries/*.rq``) one after the other, as
``talentgraph query --endpoint`` does, until ``--seconds`` have passed. Every answer must be a
200 that parses; anything else counts as an error. It prints the number of requests, the errors
by kind, and the latency percentiles; it exits 1 if there was any error or if the server had to
be restarted. ``--endpoint URL`` loads a server that is already running instead.

The clients are threads of this one Python process, on the same machine as the server: the
latencies include their own share of the CPU.
"""

from __future__ import annotations

import argparse
import collections
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from graph.errors import TalentGraphError
from graph.sparql.query import parse_bindings, query_endpoint, saved_queries

# Values for the queries that take one, from the example workspace (see the README).
BINDINGS = {
    "career": ["person=person:zhou-chang"],
    "who-joined": ["org=org:tencent"],
    "who-left": ["org=org:alibaba-group"],
}
TALENTGRAPH = [sys.executable, "-c", "from graph.cli import main; main()"]


def load(endpoint: str, *, clients: int, seconds: float) -> tuple[list[float], collections.Counter]:
    """Run the saved queries from ``clients`` threads for ``seconds``; latencies and errors."""
    queries = [
        (query.text, parse_bindings(BINDINGS.get(name, [])))
        for name, query in saved_queries().items()
    ]
    latencies: list[float] = []
    errors: collections.Counter = collections.Counter()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(number: int) -> None:
        index = number
        while time.monotonic() < deadline:
            text, bindings = queries[index % len(queries)]
            index += 1
            started = time.perf_counter()
            try:
                query_endpoint(text, endpoint, bindings=bindings, timeout=60)
            except (TalentGraphError, OSError, ValueError, SyntaxError) as error:
                with lock:
                    errors[f"{type(error).__name__}: {str(error)[:120]}"] += 1
                continue
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)

    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


def report(latencies: list[float], errors: collections.Counter, seconds: float) -> str:
    """The figures as lines of text."""
    requests = len(latencies) + sum(errors.values())
    lines = [
        f"requests: {requests} ({requests / seconds:.0f}/s)",
        f"errors:   {sum(errors.values())}",
    ]
    lines += [f"  {count} x {kind}" for kind, count in errors.most_common()]
    if len(latencies) >= 2:
        cuts = statistics.quantiles(latencies, n=100, method="inclusive")
        lines.append(
            f"latency:  p50 {cuts[49] * 1000:.1f} ms, p90 {cuts[89] * 1000:.1f} ms, "
            f"p99 {cuts[98] * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms"
        )
    return "\n".join(lines)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--endpoint", help="a running endpoint's /query URL")
    args = parser.parse_args()
    if args.endpoint:
        latencies, errors = load(args.endpoint, clients=args.clients, seconds=args.seconds)
        print(report(latencies, errors, args.seconds))
        return 1 if errors else 0
    with tempfile.TemporaryDirectory(prefix="talentgraph-load-") as folder:
        workspace = Path(folder) / "example"
        for command, where in ((["init", str(workspace), "--example"], folder), (["build"], None)):
            subprocess.run(
                [*TALENTGRAPH, *command],
                cwd=where or workspace,
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,  # the curators' notes
            )
        port = _free_port()
        server = subprocess.Popen(
            [*TALENTGRAPH, "serve", "--port", str(port)],
            cwd=workspace,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            banner = server.stdout.readline() if server.stdout else ""
            if not banner.startswith("Serving"):
                print(f"the server did not start: {banner}", file=sys.stderr)
                return 1
            endpoint = f"http://127.0.0.1:{port}/query"
            print(f"{args.clients} clients for {args.seconds:g} s on {endpoint}", flush=True)
            latencies, errors = load(endpoint, clients=args.clients, seconds=args.seconds)
        finally:
            server.terminate()
            _, server_errors = server.communicate(timeout=30)
        print(report(latencies, errors, args.seconds))
        restarts = server_errors.count("started it again")
        print(f"server restarts: {restarts}")
        return 1 if errors or restarts or server.returncode != 0 else 0


if __name__ == "__main__":
    sys.exit(main())
