"""Reading an article to add: a text, Markdown or HTML file, or a web page fetched by URL.

The main text of a page is taken out of it with trafilatura (made for exactly that: dropping
navigation, footers and link lists), and its title, publisher, date and language are read from
the page's metadata where present. A URL is fetched only because the user asked for it, with a
time limit and a size limit.

>>> page = "<html lang='en'><head><title>Lab hires | Daily</title></head><body><article>"
>>> page += "<p>Dana Reyes has joined Orbital AI from Nimbus Labs, the company said.</p>"
>>> page += "</article></body></html>"
>>> article = read_html(page)
>>> article.text.strip(), article.title, article.language
('Dana Reyes has joined Orbital AI from Nimbus Labs, the company said.', 'Lab hires', 'en')
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from dataclasses import dataclass, replace
from pathlib import Path

from graph.errors import InputError

FETCH_TIMEOUT = 20.0  # seconds
MAX_BYTES = 5 * 1024 * 1024
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_HTML_LANG = re.compile(r"<html[^>]*\blang=[\"']?([A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*)", re.I)


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
    source: str, *, timeout: float = FETCH_TIMEOUT, max_bytes: int = MAX_BYTES
) -> Article:
    """The article at ``source``: an ``http(s)`` URL, or a ``.txt``, ``.md`` or ``.html`` file."""
    if re.match(r"^https?://", source, re.IGNORECASE):
        return replace(read_html(fetch(source, timeout=timeout, max_bytes=max_bytes)), url=source)
    path = Path(source)
    if not path.is_file():
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
        return replace(read_html(text), original_name=path.name)
    markdown = path.suffix.lower() in (".md", ".markdown")
    return Article(
        text=text,
        original_name=path.name,
        title=_markdown_title(text) if markdown else _first_line_title(text),
    )


def fetch(url: str, *, timeout: float = FETCH_TIMEOUT, max_bytes: int = MAX_BYTES) -> str:
    """The page at ``url`` as text, refused beyond ``max_bytes`` or ``timeout`` seconds."""
    request = urllib.request.Request(url, headers={"User-Agent": "talentgraph (article import)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            media_type = response.headers.get_content_type()
            if media_type not in ("text/html", "application/xhtml+xml", "text/plain"):
                raise InputError(
                    f"{url}: not a web page ({media_type}); save the text and add the file"
                )
            body = response.read(max_bytes + 1)
            charset = response.headers.get_content_charset() or "utf-8"
    except urllib.error.HTTPError as error:
        raise InputError(f"{url}: the server answered {error.code} {error.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise InputError(f"{url}: cannot fetch it ({reason})") from None
    if len(body) > max_bytes:
        raise InputError(f"{url}: the page is larger than {max_bytes:,} bytes")
    try:
        text = body.decode(charset, errors="replace")
    except LookupError:  # a charset Python does not know: most pages are UTF-8
        text = body.decode("utf-8", errors="replace")
    return text.removeprefix("\ufeff")


def read_html(html: str) -> Article:
    """The main text of an HTML page and its metadata (title, site name, date, language)."""
    import trafilatura  # loaded only for web pages: it takes a moment to import

    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_precision=True
    )
    if not text or not text.strip():
        raise InputError(
            "the page has no article text that could be found; save the text and add the file"
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
