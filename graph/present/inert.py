"""Text from articles made inert wherever it is shown: terminals, CSV and Markdown.

Labels, titles and quotes come from untrusted documents. Shown on a terminal they must not
move the cursor, clear the screen, set the window title or reorder text; in a spreadsheet a
cell must not become a formula; in rendered Markdown they must not become HTML or links.

>>> terminal_text("Ann\\x1b]0;pwned\\x07 Lee\\x1b[2J \\u202eevil")
'Ann Lee <U+202E>evil'
>>> csv_cell("=HYPERLINK(1)"), csv_cell(-4)
("'=HYPERLINK(1)", -4)
>>> markdown_text("<img src=x onerror=alert(1)> [x](javascript:y)")
'&lt;img src=x onerror=alert(1)&gt; \\\\[x\\\\](javascript:y)'
"""

from __future__ import annotations

import re

# Escape sequences as a whole (so their parameters do not show as text): CSI (ESC [ … final)
# and OSC/DCS/APC/PM/SOS strings (ESC ] … ended by BEL or ESC \), then any single control
# character left: C0 but tab and line feed, DEL, and C1 (which includes 8-bit CSI and OSC).
_SEQUENCES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?|[\x1b\x9b][\]P^_X\x9d][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x9b[0-?]*[ -/]*[@-~]?|[\x90\x9d\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional embeddings, overrides and isolates: they reorder what is shown.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# A spreadsheet reads a cell that starts with one of these as a formula (the OWASP rule).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t")  # and CR, which cleaning removes
_MARKDOWN = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\\": "\\\\", "[": "\\[", "]": "\\]"}
)
# What JSON leaves raw but a terminal would act on; escaping keeps the data the same.
_JSON_RAW = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_text(text: str) -> str:
    """``text`` without control characters (line feeds and tabs kept), with each bidi
    override shown as ``<U+XXXX>``.

    >>> terminal_text("a\\rb\\tc\\nd\\x9b31me")
    'ab\\tc\\nde'
    """
    text = _CONTROLS.sub("", _SEQUENCES.sub("", text))
    return _BIDI.sub(lambda match: f"<U+{ord(match.group()):04X}>", text)


def csv_cell(value: object) -> object:
    """A CSV cell: text made terminal-safe and, if it would start a formula, prefixed
    with ``'``; numbers are left as numbers.

    >>> csv_cell("+1 555"), csv_cell("\\x1b@SUM(A1)"), csv_cell("Ann"), csv_cell(3.5)
    ("'+1 555", "'@SUM(A1)", 'Ann', 3.5)
    """
    if not isinstance(value, str):
        return value
    value = terminal_text(value)  # first: "\x1b=1" would start a formula once cleaned
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def markdown_text(text: str) -> str:
    """``text`` shown as text in Markdown: no HTML, no links or images, and terminal-safe.

    >>> markdown_text("<script>alert(1)</script> & ![x](http://a/b.png)")
    '&lt;script&gt;alert(1)&lt;/script&gt; &amp; !\\\\[x\\\\](http://a/b.png)'
    """
    return terminal_text(text).translate(_MARKDOWN)


def json_text(text: str) -> str:
    """JSON text with DEL, C1 controls and bidi overrides written as ``\\\\uXXXX`` escapes
    (JSON already escapes the C0 controls): the same data, inert on a terminal.

    >>> json_text('"\\u202eevil"')
    '"\\\\u202eevil"'
    """
    return _JSON_RAW.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
