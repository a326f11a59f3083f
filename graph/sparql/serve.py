"""A read-only SPARQL 1.1 Protocol endpoint over the built store: the Oxigraph server.

The ``oxigraph`` package on PyPI ships the server as a program (``oxigraph``, installed beside
Python). ``serve-read-only`` answers queries at ``/query`` (GET or POST, with the standard
``Accept`` negotiation), serves an offline query page (YASGUI) at ``/``, answers updates and
Graph Store writes with ``403 The server is read-only``, and here sees the union of all graphs as
the default graph, like ``talentgraph query``.

>>> print(*server_command(Path("out/store"), host="127.0.0.1", port=7878, timeout=30)[1:])
serve-read-only --location out/store --bind 127.0.0.1:7878 --union-default-graph --timeout-s 30
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sysconfig
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from graph.errors import EndpointError, InputError

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


def server_command(
    store: Path, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, timeout: int = 30
) -> list[str]:
    """The command line that serves ``store`` read-only on ``host:port``."""
    address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [
        oxigraph_program(),
        "serve-read-only",
        "--location",
        str(store),
        "--bind",
        address,
        "--union-default-graph",
        "--timeout-s",
        str(timeout),
    ]


def endpoint_url(host: str, port: int) -> str:
    """The base URL of a server on ``host:port``; queries go to ``<base>query``."""
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


@contextmanager
def running_server(
    store: Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout: int = 30,
    output: IO | None = None,
) -> Iterator[subprocess.Popen]:
    """Start the server, wait until it accepts connections, and stop it on leaving the block.

    ``output`` receives the server's own messages (default: this process's stdout/stderr).
    """
    _check_port_free(host, port)
    process = subprocess.Popen(
        server_command(store, host=host, port=port, timeout=timeout),
        stdin=subprocess.DEVNULL,
        stdout=output,
        stderr=output,
    )
    try:
        _wait_until_listening(process, host, port)
        yield process
    finally:
        stop(process)


def serve(
    store: Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout: int = 30,
    on_ready: Callable[[str], None] = lambda url: None,
    on_reload: Callable[[str], None] = lambda url: None,
    poll: float = RELOAD_POLL_SECONDS,
) -> None:
    """Serve ``store`` until Ctrl-C or SIGTERM, then stop the server and return.

    ``on_ready`` is called with the server's base URL once it answers. A build replaces the
    store folder as a whole, while a running server keeps reading the files it opened: so the
    folder is checked every ``poll`` seconds, and when a new build has replaced it the server
    is restarted on it and ``on_reload`` is called.
    """
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    announce = on_ready
    try:
        while True:
            serving = _identity(store)
            with running_server(store, host=host, port=port, timeout=timeout) as process:
                announce(endpoint_url(host, port))
                announce = on_reload
                if not _until_replaced(process, store, serving, poll):
                    return
    except KeyboardInterrupt:
        pass  # the server has been stopped on the way out of running_server
    finally:
        signal.signal(signal.SIGTERM, previous)


def _until_replaced(
    process: subprocess.Popen, store: Path, serving: tuple[int, int] | None, poll: float
) -> bool:
    """Wait while the server runs: ``True`` once ``store`` was replaced, ``False`` if stopped."""
    while True:
        try:
            code = process.wait(timeout=poll)
        except subprocess.TimeoutExpired:
            now = _identity(store)
            if now is not None and now != serving:
                return True
            continue
        # Ctrl-C in a terminal signals the whole process group, the server included.
        if code in (-signal.SIGINT, -signal.SIGTERM):
            return False
        raise EndpointError(f"the Oxigraph server stopped by itself (exit code {code})")


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


def _check_port_free(host: str, port: int) -> None:
    # Checked first: once started, a server that cannot bind would only fail after the
    # readiness probe has already reached whoever holds the port.
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise EndpointError(
                f"cannot listen on {host}:{port} ({error.strerror}); is the port taken? "
                "choose another port"
            ) from None


def _wait_until_listening(process: subprocess.Popen, host: str, port: int) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise EndpointError(
                f"the Oxigraph server could not start on {host}:{port} (exit code "
                f"{process.returncode}); is the port taken? choose another port"
            )
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise EndpointError(
        f"the Oxigraph server did not listen on {host}:{port} within {STARTUP_SECONDS:g} s"
    )
