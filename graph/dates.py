"""Dates at the precision a source states them: a day, a month, a year, or a month alone.

>>> parse_stated_date("2023-03").literal().n3()
'"2023-03"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>'
>>> parse_stated_date(2015).bounds()
(datetime.date(2015, 1, 1), datetime.date(2015, 12, 31))
>>> parse_stated_date("--02").bounds() is None  # February of a year the source does not give
True
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from rdflib import Literal
from rdflib.namespace import XSD

FORMATS_HINT = "write YYYY, YYYY-MM, YYYY-MM-DD, or --MM for a month whose year is not stated"

_PATTERN = re.compile(
    r"^(?:(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?|--(?P<mo>\d{2}))$"
)


# The XSD datatype of a date at each precision.
DATATYPES = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear, "month-only": XSD.gMonth}


@dataclass(frozen=True)
class StatedDate:
    """A date as precise as its source: ``year``/``month``/``day`` may be ``None``."""

    year: int | None
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}"
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    @property
    def precision(self) -> str:
        """``day``, ``month``, ``year`` or ``month-only`` (a month without its year)."""
        if self.year is None:
            return "month-only"
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def literal(self) -> Literal:
        """The RDF literal, typed by precision (xsd:date, gYearMonth, gYear or gMonth)."""
        return Literal(str(self), datatype=DATATYPES[self.precision])

    def bounds(self) -> tuple[dt.date, dt.date] | None:
        """First and last day the date may mean; ``None`` when the year is unknown."""
        if self.year is None:
            return None
        if self.month is None:
            return dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)
        if self.day is None:
            last = calendar.monthrange(self.year, self.month)[1]
            return dt.date(self.year, self.month, 1), dt.date(self.year, self.month, last)
        day = dt.date(self.year, self.month, self.day)
        return day, day


def parse_stated_date(value: object) -> StatedDate:
    """Read a date from YAML (text, a year as a number, or a YAML date); ``ValueError`` if bad.

    >>> str(parse_stated_date("2023-02-30"))
    Traceback (most recent call last):
    ...
    ValueError: impossible date '2023-02-30': February 2023 has 28 days
    """
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return StatedDate(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"malformed date {value!r}: {FORMATS_HINT}")
    match = _PATTERN.match(value.strip())
    if not match:
        raise ValueError(f"malformed date {value!r}: {FORMATS_HINT}")
    if match["mo"]:
        month = int(match["mo"])
        _check_month(value, month)
        return StatedDate(None, month)
    year = int(match["year"])
    stated_month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    if stated_month is not None:
        _check_month(value, stated_month)
    if day is not None and stated_month is not None:
        last = calendar.monthrange(year, stated_month)[1]
        if not 1 <= day <= last:
            name = calendar.month_name[stated_month]
            raise ValueError(f"impossible date {value!r}: {name} {year} has {last} days")
    return StatedDate(year, stated_month, day)


def describe_date(date: StatedDate | None) -> str:
    """A date as stated, in words when the year is missing.

    >>> describe_date(StatedDate(None, 2))
    'February (year not stated)'
    """
    if date is None:
        return ""
    if date.year is None:
        return f"{calendar.month_name[date.month or 1]} (year not stated)"
    return str(date)


def _check_month(text: str, month: int) -> None:
    if not 1 <= month <= 12:
        raise ValueError(f"impossible date {text!r}: month {month} does not exist")
