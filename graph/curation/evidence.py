"""Finding a curated quote in its document, the way W3C Web Annotation selectors record it.

A quote matches when it occurs in the document verbatim, except that any run of white
space (spaces, line breaks, no-break spaces) matches any other run.

>>> span = locate_quote("joined  JD.com", "He joined\\nJD.com in February.")
>>> span.start, span.end, span.exact
(3, 16, 'joined\\nJD.com')

A quote is evidence only if it points to one place: it must be long enough
(``too_short``) and occur once (``quote_lines`` finds every place it occurs).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

CONTEXT_CHARS = 32
# The shortest quote that can locate a fact: three words ("Lin joined Meta") or twelve
# characters (one long name); a shorter one ("a", "Qwen") is a word, not a statement. Chinese,
# Japanese and Korean are written without spaces and pack about a word into each character,
# so six of their characters are enough. Quotes that are long enough but occur twice are
# refused by the check of ambiguity, not by this floor.
MIN_QUOTE_WORDS = 3
MIN_QUOTE_CHARS = 12
MIN_QUOTE_CJK = 6
_CJK = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\U00020000-\U0002ffff]"
)

# Curly quotes and dashes that curators often retype as straight quotes and hyphens.
_LOOKALIKES = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-", "\u2013": "-"}
)


@dataclass(frozen=True)
class Span:
    """Where a quote sits: code-point offsets, the exact text, and its surroundings."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


def locate_quote(quote: str, text: str) -> Span | None:
    """The first place ``quote`` occurs in ``text`` (white space folded), or ``None``."""
    match = _pattern(quote).search(text)
    if match is None:
        return None
    start, end = match.span()
    return Span(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )


def too_short(quote: str) -> bool:
    """Whether ``quote`` is too short to locate one place in a document.

    >>> too_short("a"), too_short("Ann Lee"), too_short("Ann Lee left"), too_short("Ann Lee-Smith")
    (True, True, False, False)
    >>> too_short("阿里巴巴"), too_short("林俊旸已离开阿里")
    (True, False)
    """
    words = quote.split()
    folded = " ".join(words)
    return (
        len(words) < MIN_QUOTE_WORDS
        and len(folded) < MIN_QUOTE_CHARS
        and len(_CJK.findall(folded)) < MIN_QUOTE_CJK
    )


def quote_lines(quote: str, text: str, *, limit: int = 5) -> list[int]:
    """The line (1-based) of each place ``quote`` occurs in ``text``, overlapping places
    included, up to ``limit`` places.

    >>> quote_lines("the lab", "He left the lab.\\nThe lab hired.\\nAt the\\nlab")
    [1, 3]
    """
    pattern = _pattern(quote)
    lines: list[int] = []
    match = pattern.search(text)
    while match is not None and len(lines) < limit:
        lines.append(text.count("\n", 0, match.start()) + 1)
        match = pattern.search(text, match.start() + 1)
    return lines


def why_not_found(quote: str, text: str) -> str:
    """A hint on how to fix a quote that ``locate_quote`` does not find.

    >>> print(why_not_found("Tongyi's lab", "Tongyi\u2019s lab"))  # doctest: +ELLIPSIS
    the document writes the punctuation differently (curly quotes or dashes): copy it ...
    """
    if locate_quote(quote.translate(_LOOKALIKES), text.translate(_LOOKALIKES)):
        return (
            "the document writes the punctuation differently (curly quotes or dashes): "
            "copy it from the document"
        )
    if _pattern(quote, flags=re.IGNORECASE).search(text):
        return "the document uses different capital letters: copy the sentence from the document"
    return "copy the sentence from the document"


@functools.lru_cache(maxsize=1024)
def _pattern(quote: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(word) for word in quote.split()), flags)
