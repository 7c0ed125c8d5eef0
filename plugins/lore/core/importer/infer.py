"""What Lore needs and a write-up may not say outright: title, date, summary, services, tags.

Every guess weaker than a front matter field is added to ``notes``, so that a
person can check it; nothing here reads files.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Iterable

from .. import schema, text
from . import headings
from .sources import ImportOptions

# Lore fields a write-up may already carry; kept only when they validate.
CARRIED = ("kind", "severity", "duration", "responders", "investigators", "data_sources")
PUBLISHED_KEYS = ("published", "published_at", "source_published_at", "created", "created_at")
NO_DATE = (
    "no date found (expected 'date' or 'start_time' in the front matter, a YYYY-MM-DD in the file "
    "name, or a date such as 2021-03-03, March 3, 2021 or 3 March 2021 in the text)"
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
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[A-Z0-9\"'(*_`])")
_FIELD_LINE = re.compile(r"^\s*(?:[*_]{1,2})?[A-Za-z][\w /()-]{0,30}?(?:[*_]{1,2})?\s*:(?:[*_]{1,2})?(\s|$)")


def scalar(value: Any) -> str:
    """A front matter value as text, or "" when it is a list, a mapping or a flag."""
    return str(value).strip() if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""


# --- title ---------------------------------------------------------------------


def title(src: Path, meta: dict[str, Any], body: str, notes: list[str]) -> str:
    opening = headings.title_heading(body)
    found = scalar(meta.get("title")) or (text.plain(opening.text).strip() if opening else "")
    if not found:
        found = _title_from_name(src)
        notes.append("title from file name")
    return found


def _title_from_name(path: Path) -> str:
    stem = _FILE_DATE.sub("", path.stem, count=1)
    if re.fullmatch(r"[0-9a-fA-F-]{8,}", stem):
        return stem  # an id such as a UUID reads no better with spaces
    words = re.sub(r"[-_\s]+", " ", stem).strip()
    return (words[:1].upper() + words[1:]) if words else path.stem


# --- date ----------------------------------------------------------------------


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
    for where in (title_text, scalar(meta.get("summary")), body):
        said = date_in_text(where)
        if said:
            notes.append(f"date from text '{said[1]}'")
            return said[0]
    found, note = _date_elsewhere(meta)
    if found is not None:
        notes.append(note)
        return found
    if options.undated is not None:
        notes.append(f"no date found, dated {options.undated.isoformat()} as --undated says: "
                     "set the real date and rename the folder")
    return options.undated


# --- summary -------------------------------------------------------------------


def summary(meta: dict[str, Any], body: str, notes: list[str]) -> str:
    given = re.sub(r"\s+", " ", scalar(meta.get("summary")))
    if given:
        return given
    found = summary_from_body(body)
    notes.append("summary from the first paragraph" if found else "no summary found")
    return found


def summary_from_body(body: str) -> str:
    for block in _blocks(body):
        if _is_prose(block):
            return trim_summary(" ".join(line.strip() for line in block))
    return ""


def _blocks(body: str) -> Iterable[list[str]]:
    """Paragraph-sized runs of prose lines: pasted code and raw HTML never summarise a story."""
    block: list[str] = []
    for line, kind in text.classify(body):
        if kind == text.PROSE and line.strip():
            block.append(line)
        elif block:
            yield block
            block = []
    if block:
        yield block


def _is_prose(block: list[str]) -> bool:
    first = block[0].lstrip()
    if re.match(r"(#|<|\||>|[-*+]\s|\d+[.)]\s|!\[|\[[^\]]*\]:|[-*_=]{3,}\s*$|\[TOC\])", first):
        return False
    if len(block) > 1 and re.match(r"^\s*(=+|-+)\s*$", block[1]):
        return False  # a setext heading
    if all(_FIELD_LINE.match(line) for line in block):
        return False  # "**Date:** ...", "Status: Complete": a template's fields, not prose
    return len(" ".join(block).split()) >= 4


def trim_summary(paragraph: str) -> str:
    """About two sentences and at most ~300 characters, as cards can show."""
    paragraph = text.plain(paragraph).rstrip("\\").strip()
    sentences = _SENTENCE_END.split(paragraph)
    for count in (2, 1):
        candidate = " ".join(sentences[:count]).strip()
        if len(candidate) <= 300:
            return candidate
    cut = paragraph[:297].rsplit(" ", 1)[0].rstrip(",;:-–— ")
    return cut + "…"


# --- services, tags and carried fields -----------------------------------------


def _values(value: Any) -> list[str]:
    """A string, a comma-separated string or a list, as separate values."""
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        out += [part.strip() for part in scalar(item).split(",") if part.strip()]
    return out


def normalise_tag(value: str) -> str:
    """Lowercase and hyphenated, so "US East" and "us-east" are one tag."""
    return re.sub(r"[\W_]+", "-", value.lower()).strip("-")


def services_and_tags(meta: dict[str, Any], options: ImportOptions, notes: list[str]) -> tuple[list[str], list[str]]:
    """Only services the site declares count as services: an unknown one would fail ``lore check``."""
    services: list[str] = []
    tags: list[str] = []
    for key, target in options.mapping.items():
        for value in _values(meta.get(key)):
            tag = normalise_tag(value)
            if not tag:
                continue
            if target == "services":
                known = next((s for s in sorted(options.known_services) if s.casefold() in (tag, value.casefold())), None)
                if known:
                    if known not in services:
                        services.append(known)
                    continue
                notes.append(f"service '{value}' unknown, kept as a tag")
            if target in ("tags", "services") and tag not in tags:
                tags.append(tag)
    return services, tags


def carried(meta: dict[str, Any], kinds: tuple[str, ...]) -> dict[str, Any]:
    """Lore fields the write-up already has, when valid; an invalid one would fail the build."""
    inc_schema = schema.incident_schema(kinds)
    out = {key: meta[key] for key in CARRIED
           if key in meta and not schema.validate("", {key: meta[key]}, {**inc_schema, "required": []})}
    if "duration" not in out:
        found = duration(meta.get("start_time"), meta.get("end_time"))
        if found:
            out["duration"] = found
    return out


def _timestamp(value: Any) -> dt.datetime | None:
    if not isinstance(value, str) or not _ISO_PREFIX.match(value):
        return None
    try:
        stamp = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.timezone.utc)


def duration(start: Any, end: Any) -> str:
    """Lore's ``1h10m`` from start and end timestamps, when both are exact."""
    begin, finish = _timestamp(start), _timestamp(end)
    if begin is None or finish is None or finish <= begin:
        return ""
    minutes = int((finish - begin).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    return (f"{days}d" if days else "") + (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes else "")


def source_url(meta: dict[str, Any], notes: list[str] | None = None) -> str:
    """The original's web address; anything but http(s) is left out (it would be a link on the card)."""
    found = scalar(meta.get("source_url")) or scalar(meta.get("url"))
    address = re.match(r"(?i)https?://[^\s()<>\"'\[\]]+", found)
    if found and address is None:
        if notes is not None:
            notes.append(f"source address {found[:60]!r} left out: not an http or https address")
        return ""
    if address and address.group(0) != found and notes is not None:
        notes.append(f"source address cut to {address.group(0)!r}: the rest is not part of it")
    return address.group(0) if address else ""


def bad_date(meta: dict[str, Any]) -> str:
    """The front matter's date when it is written but is no real date (2020-02-30), else ""."""
    for key in ("date", "start_time"):
        value = meta.get(key)
        if isinstance(value, str) and value.strip() and _meta_date(value) is None:
            return f"{key}: '{value.strip()[:40]}' is not a real date (expected YYYY-MM-DD)"
    return ""
