"""A read-only SPARQL 1.1 Protocol endpoint over the built store: a front of our own before the
Oxigraph server.

The ``oxigraph`` package on PyPI ships the server as a program (``oxigraph``, installed beside
Python). ``serve-read-only`` answers queries and here sees the union of all graphs as the default
graph, like ``talentgraph query``. It runs on a loopback port of its own; what listens on
``host:port`` is the front (``graph.sparql.front``), which bounds the load, refuses updates, huge
and malformed requests and ``SERVICE``, turns a timed-out query into 504, and serves an offline
query page at ``/``. The server is started again when it dies and when a build replaces the store.

>>> print(*server_command(Path("out/store"), host="127.0.0.1", port=7878)[1:])
serve-read-only --location out/store --bind 127.0.0.1:7878 --union-default-graph
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sysconfig
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from graph.errors import EndpointError, InputError
from graph.sparql.front import DEFAULT_WORKERS, BackendPool, FrontServer

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
STARTUP_SECONDS = 20.0
RELOAD_POLL_SECONDS = 1.0


def oxigraph_program() -> str:
    """The ``oxigraph`` server program of this Python environment (PyPI package ``oxigraph``)."""
    beside_python = Path(sysconfig.get_path("scripts")) / "oxigraph"
    if beside_python.is_file():
        return str(beside_python)
    on_path = shutil.which("oxigraph")
    if on_path:
        return on_path
    raise InputError("the Oxigraph server is not installed; run: pip install 'oxigraph>=0.5,<0.6'")


def server_command(store: Path, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> list[str]:
    """The command line that serves ``store`` read-only on ``host:port``.

    It sets no ``--timeout-s``: the server's own keeps a thread asleep for the whole limit after
    each query, and runs out of threads under load; the front keeps the limit.
    """
    address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [
        oxigraph_program(),
        "serve-read-only",
        "--location",
        str(store),
        "--bind",
        address,
        "--union-default-graph",
    ]


def endpoint_url(host: str, port: int) -> str:
    """The base URL of a server on ``host:port``; queries go to ``<base>query``."""
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


class Endpoint:
    """The front (``graph.sparql.front``) on ``host:port`` and the Oxigraph server behind it.

    The server listens on a loopback port of its own, and a supervisor thread looks at it every
    ``poll`` seconds: when it has died it is started again (``on_restart`` is called with its
    exit code), and when a new build has replaced the store a new server is started on it and
    queries go there (``on_reload``). The front keeps listening throughout; while no server is
    up, queries get 503 with ``Retry-After: 1``.
    """

    def __init__(
        self,
        store: Path,
        *,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        timeout: int = 30,
        allow_service: bool = False,
        workers: int = DEFAULT_WORKERS,
        output: IO | int | None = subprocess.DEVNULL,
        on_reload: Callable[[str], None] = lambda url: None,
        on_restart: Callable[[int], None] = lambda code: None,
        poll: float = RELOAD_POLL_SECONDS,
    ) -> None:
        self.store = store
        self.host, self.port, self.timeout = host, port, timeout
        self.output = output
        self.on_reload, self.on_restart, self.poll = on_reload, on_restart, poll
        self.pool = BackendPool(workers, timeout=timeout)
        self.allow_service = allow_service
        self.process: subprocess.Popen | None = None
        self._retiring: list[tuple[float, subprocess.Popen]] = []
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._front: FrontServer | None = None
        self._lock = threading.RLock()

    @property
    def url(self) -> str:
        """The base URL; queries go to ``<url>query``."""
        return endpoint_url(self.host, self.port)

    def start(self) -> None:
        """Listen, start the server, and start serving and supervising in threads."""
        try:
            self._front = FrontServer(
                (self.host, self.port),
                pool=self.pool,
                allow_service=self.allow_service,
                timeout=self.timeout,
            )
        except OSError as error:
            raise EndpointError(
                f"cannot listen on {self.host}:{self.port} ({error.strerror}); is the port "
                "taken? choose another port"
            ) from None
        self._front.on_timeout = self._recycle
        try:
            self._start_backend()
        except BaseException:
            self._front.server_close()
            raise
        for target, name in ((self._front.serve_forever, "front"), (self._supervise, "watch")):
            thread = threading.Thread(target=target, name=f"talentgraph-serve-{name}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        """Stop listening and stop every server process started here."""
        self._stopping.set()
        if self._front is not None:
            self._front.shutdown()
            self._front.server_close()
        for thread in self._threads:
            thread.join(timeout=10)
        self.pool.retarget(None)
        for process in [self.process, *(process for _, process in self._retiring)]:
            if process is not None:
                stop(process)

    def _recycle(self, generation: int) -> None:
        """A query of the server of that ``generation`` ran past the limit: replace the server."""
        with self._lock:
            if generation != self.pool.generation or self._stopping.is_set():
                return  # already replaced
            old = self.process
            try:
                self._start_backend(retire=False)
            except (EndpointError, OSError):
                self.pool.retarget(None)
                self.process = None  # the supervisor tries again
            if old is not None:  # the runaway query with it
                old.kill()
                old.wait()

    def _start_backend(self, *, retire: bool = True) -> None:
        with self._lock:
            self._start_backend_locked(retire=retire)

    def _start_backend_locked(self, *, retire: bool) -> None:
        port = _free_loopback_port()
        process = subprocess.Popen(
            server_command(self.store, host="127.0.0.1", port=port),
            stdin=subprocess.DEVNULL,
            stdout=self.output,
            stderr=self.output,
        )
        try:
            _wait_until_listening(process, "127.0.0.1", port)
        except BaseException:
            stop(process)
            raise
        if self.process is not None and retire:
            # Queries under way there may still finish; it is stopped once they must have.
            self._retiring.append((time.monotonic() + self.timeout + 15, self.process))
        self.process = process
        self._serving = _identity(self.store)
        self.pool.retarget(("127.0.0.1", port))

    def _supervise(self) -> None:
        failures = 0
        while not self._stopping.wait(self.poll if not failures else min(2**failures, 10)):
            now = time.monotonic()
            for entry in [entry for entry in self._retiring if entry[0] < now]:
                self._retiring.remove(entry)
                stop(entry[1])
            with self._lock:
                process = self.process
                died = process is not None and process.poll() is not None
                identity = _identity(self.store)
                replaced = identity is not None and identity != self._serving
                if not (died or replaced or process is None):
                    continue
                if died and process is not None:
                    self.pool.retarget(None)
                    self.process = None
                    self.on_restart(process.returncode)
                try:
                    self._start_backend()
                except (EndpointError, OSError):
                    failures += 1  # e.g. the store is missing while a build swaps it: try again
                    continue
                failures = 0
                if replaced and not died:
                    self.on_reload(self.url)


@contextmanager
def running_server(
    store: Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout: int = 30,
    allow_service: bool = False,
    output: IO | int | None = subprocess.DEVNULL,
    on_reload: Callable[[str], None] = lambda url: None,
    on_restart: Callable[[int], None] = lambda code: None,
    poll: float = RELOAD_POLL_SECONDS,
) -> Iterator[Endpoint]:
    """Serve ``store`` on ``host:port`` while in the block (see ``Endpoint``).

    ``output`` receives the Oxigraph server's own messages (default: none).
    """
    endpoint = Endpoint(
        store,
        host=host,
        port=port,
        timeout=timeout,
        allow_service=allow_service,
        output=output,
        on_reload=on_reload,
        on_restart=on_restart,
        poll=poll,
    )
    endpoint.start()
    try:
        yield endpoint
    finally:
        endpoint.stop()


def serve(
    store: Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout: int = 30,
    allow_service: bool = False,
    on_ready: Callable[[str], None] = lambda url: None,
    on_reload: Callable[[str], None] = lambda url: None,
    on_restart: Callable[[int], None] = lambda code: None,
    poll: float = RELOAD_POLL_SECONDS,
) -> None:
    """Serve ``store`` until Ctrl-C or SIGTERM, then stop the server and return.

    ``on_ready`` is called with the base URL once it answers, ``on_reload`` when a new build
    replaced the store and is now served, ``on_restart`` with the exit code of a server that
    died and was started again.
    """
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        with running_server(
            store,
            host=host,
            port=port,
            timeout=timeout,
            allow_service=allow_service,
            on_reload=on_reload,
            on_restart=on_restart,
            poll=poll,
        ) as endpoint:
            on_ready(endpoint.url)
            while True:
                time.sleep(3600)
    except KeyboardInterrupt:
        pass  # the server has been stopped on the way out of running_server
    finally:
        signal.signal(signal.SIGTERM, previous)


def _free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _identity(store: Path) -> tuple[int, int] | None:
    """Which folder is at ``store`` now (device and inode), ``None`` while it is missing."""
    try:
        status = os.stat(store)
    except FileNotFoundError:
        return None
    return status.st_dev, status.st_ino


def stop(process: subprocess.Popen) -> None:
    """Stop the server: SIGTERM, then SIGKILL if it is still there after five seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _wait_until_listening(process: subprocess.Popen, host: str, port: int) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise EndpointError(
                f"the Oxigraph server could not start on {host}:{port} (exit code "
                f"{process.returncode}); is the store readable?"
            )
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise EndpointError(
        f"the Oxigraph server did not listen on {host}:{port} within {STARTUP_SECONDS:g} s"
    )
