"""Putting data and code into an HTML page without letting any of it become markup.

Everything from the articles (names, quotes, titles, ids) reaches the page either through
Jinja's autoescaping or as JSON inside ``<script type="application/json">``, where ``<``, ``>``
and ``&`` are written as ``\\u003c`` escapes so no text can close the script element.

>>> print(script_json({"quote": "</script><img src=x onerror=alert(1)>"}))
{"quote":"\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e"}
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources

from markupsafe import Markup

from graph.errors import RenderError

_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_CLOSING_TAG = re.compile(r"</(script|style)|<!--", re.IGNORECASE)


def script_json(value: object) -> Markup:
    """``value`` as compact, key-sorted JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in _JSON_ESCAPES.items():
        text = text.replace(char, escape)
    return Markup(text)


def inline_code(text: str, *, name: str) -> Markup:
    """JavaScript or CSS ``text`` to inline verbatim; refuse text that could end its element.

    >>> inline_code("var a = '</script>';", name="bad.js")
    Traceback (most recent call last):
    ...
    graph.errors.RenderError: bad.js contains '</script', which would end the inline element
    """
    found = _CLOSING_TAG.search(text)
    if found:
        raise RenderError(f"{name} contains {found.group(0)!r}, which would end the inline element")
    return Markup(text)


@functools.cache  # read and checked once, however many pages are written
def vis_network_code() -> tuple[Markup, Markup]:
    """The vis-network 9.1.2 JavaScript and CSS shipped inside the pinned pyvis wheel."""
    folder = resources.files("pyvis") / "templates" / "lib" / "vis-9.1.2"
    js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    css = (folder / "vis-network.css").read_text(encoding="utf-8")
    return inline_code(js, name="vis-network.min.js"), inline_code(css, name="vis-network.css")


@functools.cache
def asset_code(name: str) -> Markup:
    """One of our own files in ``graph/present/html/assets/``, checked for inlining."""
    text = (resources.files("graph.present.html") / "assets" / name).read_text(encoding="utf-8")
    return inline_code(text, name=name)


@functools.cache
def vendor_code(name: str) -> Markup:
    """A vendored library in ``graph/present/html/assets/vendor/`` (see its README), checked
    for inlining."""
    folder = resources.files("graph.present.html") / "assets" / "vendor"
    return inline_code((folder / name).read_text(encoding="utf-8"), name=name)
