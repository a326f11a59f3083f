"""Finding a curated quote in its document, the way W3C Web Annotation selectors record it.

A quote matches when it occurs in the document verbatim, except that any run of white
space (spaces, line breaks, no-break spaces) matches any other run.

>>> span = locate_quote("joined  JD.com", "He joined\\nJD.com in February.")
>>> span.start, span.end, span.exact
(3, 16, 'joined\\nJD.com')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CONTEXT_CHARS = 32

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


def _pattern(quote: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(word) for word in quote.split()), flags)
