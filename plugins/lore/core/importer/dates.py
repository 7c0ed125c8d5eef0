"""When a write-up's incident began, from the strongest evidence it holds.

In order: the front matter; the file or folder names (``2026/05/`` narrows to a
month); a date in the title heading (day-first where unambiguous or where the
folders agree); a "Date:" line; the timeline section's start; then the text,
where dates more than a year before the latest are background (the change from
two years earlier), not the incident. Each guess says where it came from.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from .headings import sections
from .infer import scalar
from .sources import ImportOptions

PUBLISHED_KEYS = ("published", "published_at", "source_published_at", "created", "created_at")
NO_DATE = (
    "no date found (expected 'date' or 'start_time' in the front matter, a YYYY-MM-DD in the file "
    "or folder names, or a date such as 2021-03-03, March 3, 2021 or 3 March 2021 in the text)"
)

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DATE_PATTERNS = [
    re.compile(r"(?<![\d/-])(?P<year>\d{4})([-/])(?P<month>\d{2})\2(?P<day>\d{2})(?![\d])"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b", re.I),
]
_ISO_PREFIX = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:$|[T ])")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})/(\d{2})/(\d{2})(?:/|$)")
_FILE_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")



def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def date_in_text(prose: str) -> tuple[dt.date, str] | None:
    """The earliest unambiguous full date in prose, with the words it came from.

    ``03/04/2021`` is day-first in some places and month-first in others, so
    only ISO dates and dates with the month in words count.
    """
    best: tuple[int, dt.date, str] | None = None
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(prose):
            if best is not None and match.start() >= best[0]:
                break
            month = match.group("month")
            number = int(month) if month.isdigit() else _MONTHS[month.lower().rstrip(".")]
            date = _valid(int(match.group("year")), number, int(match.group("day")))
            if date is not None:
                best = (match.start(), date, match.group(0))
                break
    return (best[1], best[2]) if best else None


def _meta_date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    iso = _ISO_PREFIX.match(value)
    if iso:
        return _valid(*(int(p) for p in iso.group(1).split("-")))
    found = date_in_text(value)
    return found[0] if found else None


def _date_elsewhere(meta: dict[str, Any]) -> tuple[dt.date | None, str]:
    """Weaker evidence, for write-ups that never say when: publication, or a dated URL.

    Both come after the incident, so the earliest is the closest guess; it is
    reported, never trusted.
    """
    candidates: list[tuple[dt.date, str]] = []
    for key in PUBLISHED_KEYS:
        date = _meta_date(meta.get(key))
        if date:
            candidates.append((date, f"date from '{key}' (when it was published, not when it began)"))
    for key in ("source_url", "url"):
        dated = _URL_DATE.search(scalar(meta.get(key)))
        date = _valid(*(int(part) for part in dated.groups())) if dated else None
        if date:
            candidates.append((date, f"date from the URL '{dated.group(0).strip('/')}'"))
    return min(candidates) if candidates else (None, "")


_DAY_FIRST = re.compile(r"(?<![\d/.-])(?P<day>\d{1,2})([-/.])(?P<month>\d{1,2})\2(?P<year>(?:19|20)\d{2})(?!\d)")
_DATE_LINE = re.compile(r"(?im)^[\s>*_|-]*(?:incident\s+)?(?:date|when|started|start(?:ed)?\s+at)[*_\s]*:[*_\s]*(.+)$")
_BACKGROUND_DAYS = 365


def date(src: Path, meta: dict[str, Any], title_text: str, body: str, options: ImportOptions,
         notes: list[str]) -> dt.date | None:
    """When it began, strongest evidence first; None when nothing says (see NO_DATE)."""
    for key in ("date", "start_time"):
        found = _meta_date(meta.get(key))
        if found:
            return found
    in_name = _FILE_DATE.search(src.name)
    found = _meta_date(in_name.group(1)) if in_name else None
    if found:
        return found
    year, month, day = folder_date(src, options.root_of(src))
    if year and month and day and _valid(year, month, day):
        notes.append("date from the folder names")
        return _valid(year, month, day)
    for where, said in (("the title", title_text), ("the 'Date:' line", _date_line(body))):
        found = _one_date(said, month)
        if found:
            notes.append(f"date from {where} '{found[1]}'")
            return found[0]
    timeline = next((said for heading, said in sections(body) if "timeline" in heading.text.casefold()), "")
    for where, said in (("the timeline's start", timeline), ("text", body), ("text", scalar(meta.get("summary")))):
        found = _incident_date(said, year, month)
        if found:
            notes.append(f"date from {where} '{found[1]}'")
            return found[0]
    found, note = _date_elsewhere(meta)
    if found is not None:
        notes.append(note)
        return found
    if year and month:
        notes.append(f"only the month is known, from the folders: dated {year}-{month:02d}-01; set the day")
        return dt.date(year, month, 1)
    if options.undated is not None:
        notes.append(f"no date found, dated {options.undated.isoformat()} as --undated says: "
                     "set the real date and rename the folder")
    return options.undated


def folder_date(src: Path, root: Path) -> tuple[int, int, int]:
    """(year, month, day) from the folders between the named root and the file (0 where not said)."""
    try:
        parts = src.resolve().parent.relative_to(root.resolve()).parts
    except ValueError:
        parts = ()
    found = [0, 0, 0]
    for part in parts:
        numbers = [int(n) for n in re.findall(r"\d+", part)] if re.fullmatch(r"[\d_.-]+", part) else []
        if numbers and 1900 <= numbers[0] <= 2100:
            found = [numbers[0], 0, 0] + []
            rest = numbers[1:3]
            found[1:1 + len(rest)] = rest
            found = found[:3]
        elif numbers and found[0] and not found[1] and 1 <= numbers[0] <= 12:
            found[1] = numbers[0]
        elif numbers and found[1] and not found[2] and 1 <= numbers[0] <= 31:
            found[2] = numbers[0]
    if found[1] > 12:
        found[1] = found[2] = 0
    return found[0], found[1], found[2]


def _date_line(body: str) -> str:
    line = _DATE_LINE.search(body)
    return line.group(1) if line else ""


def _one_date(said: str, month: int = 0) -> tuple[dt.date, str] | None:
    """A date in a short text, day-first (14-03-2022) accepted where it cannot be month-first or the folders agree."""
    if not said:
        return None
    found = date_in_text(said)
    if found:
        return found
    for match in _DAY_FIRST.finditer(said):
        day, mon, year = int(match.group("day")), int(match.group("month")), int(match.group("year"))
        if day > 12 or day == mon or (month and mon == month):
            date = _valid(year, mon, day)
            if date:
                return date, match.group(0)
    return None


def _incident_date(said: str, year: int = 0, month: int = 0) -> tuple[dt.date, str] | None:
    """The earliest date that is not background: within the folders' year and month, else within a year of the latest."""
    candidates = all_dates(said)
    if year:
        candidates = [c for c in candidates if c[0].year == year and (not month or c[0].month == month)] or candidates
    if not candidates:
        return None
    latest = max(c[0] for c in candidates)
    recent = [c for c in candidates if (latest - c[0]).days <= _BACKGROUND_DAYS]
    return min(recent, key=lambda c: c[0])


def all_dates(prose: str) -> list[tuple[dt.date, str]]:
    found = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(prose):
            month = match.group("month")
            number = int(month) if month.isdigit() else _MONTHS[month.lower().rstrip(".")]
            date = _valid(int(match.group("year")), number, int(match.group("day")))
            if date is not None:
                found.append((date, match.group(0)))
    return found


def bad_date(meta: dict[str, Any]) -> str:
    """The front matter's date when it is written but is no real date (2020-02-30), else ""."""
    for key in ("date", "start_time"):
        value = meta.get(key)
        if isinstance(value, str) and value.strip() and _meta_date(value) is None:
            return f"{key}: '{value.strip()[:40]}' is not a real date (expected YYYY-MM-DD)"
    return ""
