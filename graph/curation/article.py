"""Reading an article to add: a text, Markdown or HTML file, or a web page fetched by URL.

The main text of a page is taken out of it with trafilatura (made for exactly that: dropping
navigation, footers and link lists), and its title, publisher, date and language are read from
the page's metadata where present. A URL is fetched only because the user asked for it, with a
time limit and a size limit, and only over http or https (redirects included).

>>> page = "<html lang='en'><head><title>Lab hires | Daily</title></head><body><article>"
>>> page += "<p>Dana Reyes has joined Orbital AI from Nimbus Labs, the company said.</p>"
>>> page += "</article></body></html>"
>>> article = read_html(page)
>>> article.text.strip(), article.title, article.language
('Dana Reyes has joined Orbital AI from Nimbus Labs, the company said.', 'Lab hires', 'en')
"""

from __future__ import annotations

import codecs
import contextlib
import http.client
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, replace
from email.message import Message
from pathlib import Path
from typing import IO

from graph.curation.extract.text import split_sentences
from graph.errors import InputError

FETCH_TIMEOUT = 20.0  # seconds, for the whole fetch: connections, redirects, headers and body
MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 10
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_HTML_LANG = re.compile(r"<html[^>]*\blang=[\"']?([A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*)", re.I)
# A charset named in the page itself; browsers look for it in the first 1024 bytes.
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")
# A character reference (``&#27;``, ``&#x1b;``): lxml gives up on the whole page when one
# stands for a control character, and a control character is not text anyway.
_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")
# A sentence that ends as one: . ! ? (and the Devanagari, Arabic and Chinese marks), then
# perhaps closing quotes, brackets or a citation like [1].
_ENDED = re.compile(r"[.!?।؟。！？](?:[\"'”’“„»」』)\]]|\[\d{1,3}\])*$")
_WORD = re.compile(r"\w+")
_CHINESE = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Article:
    """An article's text and what is known about it (``None`` where nothing says)."""

    text: str
    original_name: str
    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    language: str | None = None
    url: str | None = None


def read_article(
    source: str, *, timeout: float | None = None, max_bytes: int = MAX_BYTES
) -> Article:
    """The article at ``source``: an ``http(s)`` URL, or a ``.txt``, ``.md`` or ``.html`` file.

    ``timeout`` (seconds, default ``FETCH_TIMEOUT``) bounds the whole fetch of a URL.
    """
    if re.match(r"^https?://", source, re.IGNORECASE):
        page = fetch(source, timeout=timeout, max_bytes=max_bytes)
        if page.media_type == "text/plain":
            text = page.text
            article = Article(text=text, original_name="page.txt", title=_first_line_title(text))
        else:
            article = read_html(page.text, name=source)
        return replace(article, url=source)
    path = Path(source)
    if not path.is_file():
        if _SCHEME.match(source) and not path.exists():
            raise InputError(
                f"{source}: only http and https addresses are fetched; "
                "for a file on this machine, give its path"
            )
        raise InputError(f"{source}: file not found (give a .txt, .md or .html file, or a URL)")
    data = path.read_bytes()
    if len(data) > max_bytes:
        raise InputError(
            f"{source}: {len(data):,} bytes, more than the {max_bytes:,} an article may have"
        )
    try:
        text = data.decode("utf-8-sig")  # a byte order mark is not part of the text
    except UnicodeDecodeError:
        raise InputError(f"{source}: not UTF-8 text; re-save the file as UTF-8") from None
    if "\x00" in text:
        raise InputError(f"{source}: holds NUL bytes; an article is text")
    if path.suffix.lower() in HTML_SUFFIXES:
        return replace(read_html(text, name=source), original_name=path.name)
    markdown = path.suffix.lower() in (".md", ".markdown")
    return Article(
        text=text,
        original_name=path.name,
        title=_markdown_title(text) if markdown else _first_line_title(text),
    )


@dataclass(frozen=True)
class Page:
    """A fetched page: its text and its media type (``text/html``, ``text/plain``, …)."""

    text: str
    media_type: str


def fetch(url: str, *, timeout: float | None = None, max_bytes: int = MAX_BYTES) -> Page:
    """The page at ``url``, refused beyond ``max_bytes`` or ``timeout`` seconds in all
    (connections, redirects, headers and body), or when it is not a web page, not text in its
    charset, or redirected to anything but http(s)."""
    timeout = FETCH_TIMEOUT if timeout is None else timeout
    deadline = time.monotonic() + timeout
    watch = _Watch(deadline)
    opener = urllib.request.build_opener(_HttpRedirects, _WatchedHttp(watch), _WatchedHttps(watch))
    headers = {"User-Agent": "talentgraph (article import)"}
    try:
        request = urllib.request.Request(url, headers=headers)
        with watch, opener.open(request, timeout=timeout) as response:
            # Without a Content-Type, browsers sniff; a page it is (email's default is text/plain).
            has_type = response.headers.get("Content-Type") is not None
            media_type = response.headers.get_content_type() if has_type else "text/html"
            if media_type not in PAGE_TYPES:
                raise InputError(
                    f"{url}: not a web page ({media_type}); save the text and add the file"
                )
            body = _read_within(response, url, deadline, timeout, max_bytes)
            answer = response.headers
    except _Refused as refused:
        raise InputError(f"{url}: {refused}") from None
    except urllib.error.HTTPError as error:
        raise InputError(f"{url}: the server answered {error.code} {error.reason}") from None
    except http.client.InvalidURL as error:
        raise InputError(f"{url}: not a valid address ({error}); check it") from None
    except (TimeoutError, urllib.error.URLError, OSError, http.client.HTTPException) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError) or time.monotonic() >= deadline:
            raise _too_slow(url, timeout) from None
        shown = reason.strerror if isinstance(reason, OSError) and reason.strerror else reason
        raise InputError(
            f"{url}: cannot fetch it ({shown}); check the address, or save the page and add "
            "the file"
        ) from None
    except ValueError as error:  # "Invalid IPv6 URL"
        raise InputError(f"{url}: not a valid address ({error}); check it") from None
    return Page(_decoded(body, answer, url).removeprefix("\ufeff"), media_type)


class _Watch:
    """Shuts down the sockets of a fetch at its deadline: a server that sends its headers, or
    its redirects, a byte at a time cannot hold the fetch past it (a socket's own timeout
    bounds each wait only)."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        self.timer = threading.Timer(max(deadline - time.monotonic(), 0), self._expire)
        self.timer.daemon = True

    def __enter__(self) -> _Watch:
        self.timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.timer.cancel()

    def connection(
        self, base: type[http.client.HTTPConnection]
    ) -> type[http.client.HTTPConnection]:
        """``base`` whose connections end at the deadline."""
        watch = self

        class Watched(base):  # type: ignore[valid-type, misc]
            def connect(self) -> None:
                self.timeout = max(watch.deadline - time.monotonic(), 0.001)
                super().connect()
                watch._add(self.sock)

        return Watched

    def _add(self, sock: socket.socket) -> None:
        with self.lock:
            self.sockets.append(sock)
            if time.monotonic() >= self.deadline:
                raise TimeoutError("the deadline passed")

    def _expire(self) -> None:
        with self.lock:
            for sock in self.sockets:
                with contextlib.suppress(OSError):  # already closed
                    sock.shutdown(socket.SHUT_RDWR)


class _WatchedHttp(urllib.request.HTTPHandler):
    def __init__(self, watch: _Watch) -> None:
        super().__init__()
        self.watch = watch

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self.watch.connection(http.client.HTTPConnection), req)


class _WatchedHttps(urllib.request.HTTPSHandler):
    def __init__(self, watch: _Watch) -> None:
        super().__init__()
        self.watch = watch

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        connection = self.watch.connection(http.client.HTTPSConnection)
        return self.do_open(connection, req, context=self._context)  # type: ignore[attr-defined]


class _Refused(Exception):
    """A redirect that is not followed; its message says why."""


class _HttpRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http(s) only (urllib's own would follow one to ftp), and at most
    ``MAX_REDIRECTS`` of them."""

    def http_error_302(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
    ) -> object:
        location = headers.get("location") or headers.get("uri")
        if location:
            target = urllib.parse.urljoin(req.full_url, location)
            if urllib.parse.urlsplit(target).scheme.lower() not in ("http", "https"):
                raise _Refused(
                    f"the server redirects to {target}; only http and https pages are fetched"
                )
            visited = getattr(req, "redirect_dict", {})
            if target in visited or len(visited) >= MAX_REDIRECTS:
                raise _Refused(
                    f"the server keeps redirecting (a loop, or more than {MAX_REDIRECTS} "
                    "redirects); open the address in a browser and give the one it ends at"
                )
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _read_within(
    response: http.client.HTTPResponse, url: str, deadline: float, timeout: float, max_bytes: int
) -> bytes:
    """The body, read in pieces so that a server sending a byte at a time cannot hold the
    command past the deadline (the socket's own timeout bounds each read only)."""
    length = getattr(response, "length", None)
    if length is not None and length > max_bytes:
        raise _too_large(url, max_bytes)
    pieces: list[bytes] = []
    size = 0
    while piece := response.read1(65536):
        pieces.append(piece)
        size += len(piece)
        if size > max_bytes:
            raise _too_large(url, max_bytes)
        if time.monotonic() > deadline:
            raise _too_slow(url, timeout)
    if time.monotonic() >= deadline:  # cut short by the watch: not the whole page
        raise _too_slow(url, timeout)
    return b"".join(pieces)


def _too_large(url: str, max_bytes: int) -> InputError:
    return InputError(
        f"{url}: the page is larger than {max_bytes:,} bytes; save the article's text and add "
        "the file"
    )


def _too_slow(url: str, timeout: float) -> InputError:
    return InputError(
        f"{url}: the page did not arrive within {timeout:g} s; try again later, or save the "
        "page and add the file"
    )


def _decoded(body: bytes, headers: Message, url: str) -> str:
    """The body as text, in the charset the server or the page names (UTF-8 when none does,
    or when the one named is unknown to Python); bytes that are not in it are refused, not
    replaced, since quotes are matched against this text."""
    named = headers.get_content_charset()
    whose = "the charset the server names"
    if named is None and (meta := _META_CHARSET.search(body[:1024])):
        named, whose = meta.group(1).decode("ascii"), "the charset the page names"
    try:
        charset = codecs.lookup(named).name if named else "utf-8"
    except LookupError:  # a charset Python does not know: most pages are UTF-8
        charset, named = "utf-8", None
    if named is None:
        whose = "the charset assumed when none is named"
    try:
        return body.decode("utf-8-sig" if charset == "utf-8" else charset)
    except UnicodeDecodeError as error:
        raise InputError(
            f"{url}: byte {error.start:,} of the page is not {charset}, {whose}; save its text "
            "as UTF-8 and add the file"
        ) from None


def read_html(html: str, *, name: str = "the page") -> Article:
    """The main text of an HTML page and its metadata (title, site name, date, language);
    ``name`` (a URL or a file name) is what an error calls it."""
    import trafilatura  # loaded only for web pages: it takes a moment to import

    html = _REFERENCE.sub(_without_controls, html)
    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_precision=True
    )
    if not text or not text.strip():
        raise InputError(
            f"{name}: no article text could be found in the page; save the text and add the file"
        )
    if not has_sentence(text):
        shown = " ".join(text.split())
        shown = shown if len(shown) <= 60 else shown[:60] + "…"
        raise InputError(
            f'{name}: no sentence found in the page\'s main text ("{shown}"), which looks '
            "like a menu or a list of links; save the article's text and add the file"
        )
    meta = trafilatura.extract_metadata(html)
    language = _HTML_LANG.search(html)
    return Article(
        text=text.strip() + "\n",
        original_name="page.html",
        title=_clean_title(meta.title if meta else None, meta.sitename if meta else None),
        publisher=(meta.sitename if meta else None) or None,
        date=(meta.date if meta else None) or None,
        language=language.group(1).lower() if language else None,
    )


def has_sentence(text: str) -> bool:
    """Whether ``text`` reads as prose: a sentence of article text, as the extractor splits
    them (``split_sentences``: bylines and teasers are not), that ends with its mark and holds
    four words or more (five Chinese characters); or two lines of six words or more (a list of
    moves with no full stops). A page's menu, a list of links or a lone headline has none.

    >>> has_sentence("Dana Reyes has joined Orbital AI, the company said.[1]")
    True
    >>> has_sentence("林俊旸已离开阿里巴巴。"), has_sentence("Home About Contact\\nLatest news")
    (True, False)
    """
    ended = (s.text for s in split_sentences(text) if s.article and _ENDED.search(s.text))
    if any(len(_WORD.findall(t)) >= 4 or len(_CHINESE.findall(t)) >= 5 for t in ended):
        return True
    return sum(len(_WORD.findall(line)) >= 6 for line in text.splitlines()) >= 2


def _without_controls(reference: re.Match[str]) -> str:
    """Nothing for a reference to a C0 control character or DEL (tab and line ends aside),
    the reference itself otherwise."""
    code = int(reference.group(1), 16) if reference.group(1) else int(reference.group(2))
    return "" if (code < 0x20 and chr(code) not in "\t\n\r") or code == 0x7F else reference.group(0)


def _clean_title(title: str | None, site: str | None) -> str | None:
    """A page title without the site name appended to it ("Lab hires | Daily" → "Lab hires")."""
    if not title:
        return None
    parts = re.split(r"\s+[|–—-]\s+", title)
    if len(parts) > 1 and (
        site is None or parts[-1].strip().lower() == site.lower() or len(parts[-1]) < 30
    ):
        return " - ".join(parts[:-1]).strip() or title
    return title.strip()


def _markdown_title(text: str) -> str | None:
    heading = re.search(r"^#\s+(.+?)\s*#*\s*$", text, re.MULTILINE)
    return heading.group(1) if heading else None


def _first_line_title(text: str) -> str | None:
    """A plain text's first line, when it reads as a headline (short, no final period)."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if 0 < len(first) <= 150 and not first.endswith((".", ",", ";", ":")):
        return first
    return None
