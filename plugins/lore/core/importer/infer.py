"""What Lore needs and a write-up may not say outright: title, date, summary, services, tags.

Every guess weaker than a front matter field is added to ``notes``, so that a
person can check it; nothing here reads files.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from .. import schema, text
from . import headings
from .sources import ImportOptions

# Lore fields a write-up may already carry; kept only when they validate.
CARRIED = ("kind", "severity", "duration", "responders", "investigators", "data_sources")
_FILE_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
_ISO_PREFIX = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:$|[T ])")


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
                known = next((s for s in sorted(options.known_services) if s.casefold() in (tag, value.casefold())),
                             options.service_titles.get(value.strip().casefold()))
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
