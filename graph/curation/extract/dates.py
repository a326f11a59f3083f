"""Dates as a sentence states them, at the precision it states them.

>>> [(d.text, d.value) for d in find_dates("He left on March 4, 2023 and joined in February.", 0)]
[('March 4, 2023', '2023-03-04'), ('February', '--02')]
>>> [(d.text, d.value) for d in find_dates("她于2024年5月加入。", 0)]
[('2024年5月', '2024-05')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.dates import parse_stated_date

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_PATTERNS = [
    re.compile(
        _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{2})\b", re.I
    ),
    re.compile(r"\b(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d{2})\b", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<mm>\d{2})-(?P<day>\d{2})\b"),
    re.compile(r"\b" + _MONTH + r",?\s+(?P<year>(?:19|20)\d{2})\b", re.I),
    re.compile(r"(?P<year>(?:19|20)\d{2})年(?P<mm>\d{1,2})月(?:(?P<day>\d{1,2})日)?"),
    re.compile(r"(?P<year>(?:19|20)\d{2})年"),
    # A month alone: only after a preposition, so that "May" the verb is not a date.
    re.compile(r"\b(?:in|since|from|until|by|early|late|mid-)\s+" + _MONTH + r"\b(?!\s+\d)", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d{2})\b(?!\s*(?:-|–)?\s*(?:\d|%|people|employees|staff))"),
]


@dataclass(frozen=True)
class StatedDate:
    """A date in the text: its words, where they are, and the value (YYYY[-MM[-DD]] or --MM)."""

    text: str
    start: int
    end: int
    value: str


def find_dates(sentence: str, offset: int) -> list[StatedDate]:
    """Every date the sentence states, most precise reading first where two overlap."""
    found: list[StatedDate] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            if any(d.start - offset <= match.start() < d.end - offset for d in found):
                continue
            value = _value(match)
            if value is None:
                continue
            start = (
                match.start("month")
                if "month" in match.groupdict()
                and match["month"]
                and not match.groupdict().get("year")
                else match.start()
            )
            found.append(
                StatedDate(
                    sentence[start : match.end()].rstrip("."),
                    offset + start,
                    offset + match.end(),
                    value,
                )
            )
    return sorted(found, key=lambda date: date.start)


def _value(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    month = MONTHS[groups["month"].lower()] if groups.get("month") else None
    if groups.get("mm"):
        month = int(groups["mm"])
    year, day = groups.get("year"), groups.get("day")
    if year is None:
        value = f"--{month:02d}"
    elif month is None:
        value = year
    else:
        value = f"{year}-{month:02d}-{int(day):02d}" if day else f"{year}-{month:02d}"
    try:  # "February 30" or month 13 is no date: the curation checks would refuse it
        parse_stated_date(value)
    except ValueError:
        return None
    return value
