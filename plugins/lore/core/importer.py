"""Existing post-mortems, turned into Lore stories (``lore import``).

Write-ups arrive from Confluence, Google Docs or GitHub, written to the Google
SRE, PagerDuty or Atlassian templates or to none. The body is kept as written:
only what Lore needs is inferred (title, date, summary, services, tags, the
original URL), and every guess is reported so that a person can check it.
Conversion is a pure function of the file's text so that importing twice gives
the same tree; reading sources and writing folders are kept apart from it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import unquote

import yaml

from . import frontmatter, schema
from .model import DEFAULT_KINDS
from .scaffold import slugify

TARGETS = ("tags", "services", "none")
DEFAULT_MAP = {
    "product": "tags",
    "company": "tags",
    "categories": "tags",
    "keywords": "tags",
    "tags": "tags",
    "services": "services",
}
# Lore fields a write-up may already carry; kept only when they validate.
CARRIED = ("kind", "severity", "duration", "responders", "investigators", "data_sources")
SLUG_WORDS = 60
PUBLISHED_KEYS = ("published", "published_at", "source_published_at", "created", "created_at")

# Template heading -> Lore section. Lore's own template counts luck as something
# that went well; a lesson is where someone's picture of the system was out of
# date, which is what "What surprised us" collects; "root cause" framing is what
# Lore avoids, so it becomes "Contributing factors" with the original kept.
HEADING_MAP = {
    "what went wrong": "What made it hard",
    "what didn't go so well": "What made it hard",
    "what did not go so well": "What made it hard",
    "what went poorly": "What made it hard",
    "where we got lucky": "What went well",
    "lessons learned": "What surprised us",
    "lessons learnt": "What surprised us",
    "root cause": "Contributing factors",
    "root causes": "Contributing factors",
    "root cause(s)": "Contributing factors",
    "root cause analysis": "Contributing factors",
    "contributing factor": "Contributing factors",
    "contributing factor(s)": "Contributing factors",
}

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
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)[ \t]*#*[ \t]*$")
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<target><[^>]*>|[^)\s]+)(?P<rest>\s+\"[^\"]*\"\s*)?\)")
_HTML_IMG = re.compile(r"(<img\b[^>]*?\bsrc=)([\"'])([^\"']+)\2", re.I)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[A-Z0-9\"'(*_`])")
_FIELD_LINE = re.compile(r"^\s*(?:[*_]{1,2})?[A-Za-z][\w /()-]{0,30}?(?:[*_]{1,2})?\s*:(?:[*_]{1,2})?(\s|$)")


@dataclass
class ImportOptions:
    """What a run is told: how source keys map, and what the site already declares."""

    mapping: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_MAP))
    known_services: frozenset[str] = frozenset()
    kinds: tuple[str, ...] = DEFAULT_KINDS
    undated: dt.date | None = None  # the date to give write-ups that never say when; None fails them


@dataclass
class Converted:
    """One write-up as a Lore story, or why it could not become one."""

    src: Path
    date: str = ""
    slug_words: str = ""
    text: str = ""
    images: list[tuple[Path, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str = ""
    slug: str = ""


def parse_map(items: Iterable[str]) -> dict[str, str]:
    """``--map key=target`` options on top of the defaults (raises ValueError)."""
    mapping = dict(DEFAULT_MAP)
    for item in items:
        key, sep, target = item.partition("=")
        key, target = key.strip(), target.strip() or "none"
        if not sep or not key or target not in TARGETS:
            raise ValueError(f"'{item}' is not a mapping (expected KEY=TARGET with TARGET one of: {', '.join(TARGETS)})")
        mapping[key] = target
    return mapping


def find_sources(paths: Iterable[Path]) -> list[Path]:
    """Markdown files named or found under folders, in one sorted order.

    Sorting the whole set, not per argument, is what makes duplicate slugs get
    the same -2, -3 whatever order the arguments were given in.
    """
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            for folder, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                found.update(Path(folder, f) for f in files if f.endswith(".md") and not f.startswith("."))
        else:
            found.add(path)
    return sorted(found, key=lambda p: p.as_posix())


def known_services(docs: Path, skip: Path | None = None) -> frozenset[str]:
    """Service ids declared by pages of the docs folder (``service:`` front matter)."""
    ids: set[str] = set()
    if not docs.is_dir():
        return frozenset()
    skip = skip.resolve() if skip else None
    for folder, dirs, files in os.walk(docs):
        if skip is not None and Path(folder).resolve() == skip:
            dirs[:] = []
            continue
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.endswith(".md"):
                continue
            data = Path(folder, name).read_bytes()
            if not data.startswith((b"---", b"\xef\xbb\xbf---")):
                continue
            sid = frontmatter.read(name, data).meta.get("service")
            if isinstance(sid, str) and re.match(schema.ID_PATTERN, sid):
                ids.add(sid)
    return frozenset(ids)


# --- inference -----------------------------------------------------------------


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def date_in_text(text: str) -> tuple[dt.date, str] | None:
    """The earliest unambiguous full date in prose, with the words it came from.

    ``03/04/2021`` is day-first in some places and month-first in others, so
    only ISO dates and dates with the month in words count.
    """
    best: tuple[int, dt.date, str] | None = None
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
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
        dated = _URL_DATE.search(_plain(meta.get(key)))
        date = _valid(*(int(part) for part in dated.groups())) if dated else None
        if date:
            candidates.append((date, f"date from the URL '{dated.group(0).strip('/')}'"))
    return min(candidates) if candidates else (None, "")


def _timestamp(value: Any) -> dt.datetime | None:
    if not isinstance(value, str) or not _ISO_PREFIX.match(value):
        return None
    try:
        stamp = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.timezone.utc)


def _duration(start: Any, end: Any) -> str:
    """Lore's ``1h10m`` from start and end timestamps, when both are exact."""
    begin, finish = _timestamp(start), _timestamp(end)
    if begin is None or finish is None or finish <= begin:
        return ""
    minutes = int((finish - begin).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    out = (f"{days}d" if days else "") + (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes else "")
    return out


def _plain(value: Any) -> str:
    return str(value).strip() if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""


def _values(value: Any) -> list[str]:
    """A string, a comma-separated string or a list, as separate values."""
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        out += [part.strip() for part in _plain(item).split(",") if part.strip()]
    return out


def normalise_tag(value: str) -> str:
    """Lowercase and hyphenated, so "US East" and "us-east" are one tag."""
    return re.sub(r"[\W_]+", "-", value.lower()).strip("-")


def _outside_fences(lines: Iterable[str]) -> Iterable[tuple[int, str, bool]]:
    """(number, line, opens a fence) for lines outside code fences, so headings and
    paragraphs inside pasted code are never mistaken for the write-up's own."""
    fence = ""
    for number, line in enumerate(lines):
        opener = _FENCE.match(line)
        if fence:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = ""
            continue
        if opener:
            fence = opener.group(1)
        yield number, line, bool(opener)


def _blocks(body: str) -> Iterable[list[str]]:
    """Paragraph-sized runs of lines outside code fences."""
    block: list[str] = []
    for _, line, opens in _outside_fences(body.splitlines()):
        if opens:
            if block:
                yield block
            block = []
            continue
        if line.strip():
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


def trim_summary(text: str) -> str:
    """About two sentences and at most ~300 characters, as cards can show."""
    text = re.sub(r"\s+", " ", _LINK.sub(lambda m: m.group(1), text)).strip().rstrip("\\").strip()
    sentences = _SENTENCE_END.split(text)
    for count in (2, 1):
        candidate = " ".join(sentences[:count]).strip()
        if len(candidate) <= 300:
            return candidate
    cut = text[:297].rsplit(" ", 1)[0].rstrip(",;:-–— ")
    return cut + "…"


def summary_from_body(body: str) -> str:
    for block in _blocks(body):
        if _is_prose(block):
            return trim_summary(" ".join(line.strip() for line in block))
    return ""


def _title_from_name(path: Path) -> str:
    stem = _FILE_DATE.sub("", path.stem, count=1)
    if re.fullmatch(r"[0-9a-fA-F-]{8,}", stem):
        return stem  # an id such as a UUID reads no better with spaces
    words = re.sub(r"[-_\s]+", " ", stem).strip()
    return (words[:1].upper() + words[1:]) if words else path.stem


def _same_title(line_text: str, title: str) -> bool:
    def norm(text: str) -> str:
        return re.sub(r"\s+", " ", re.sub(r"[*_`]", "", text)).strip().casefold()

    return norm(line_text) == norm(title)


def _drop_title_heading(body: str, title: str) -> str:
    """A first H1 that repeats the title would show the title twice on the page."""
    lines = body.splitlines(keepends=True)
    index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if index is None:
        return body
    first = lines[index].strip()
    drop = 0
    atx = _ATX.match(first)
    if atx and len(atx.group("hashes")) == 1 and _same_title(atx.group("text"), title):
        drop = 1
    elif index + 1 < len(lines) and re.match(r"^\s*=+\s*$", lines[index + 1]) and _same_title(first, title):
        drop = 2
    if not drop:
        return body
    return "".join(lines[:index] + lines[index + drop:])


def _heading_key(text: str) -> str:
    text = re.sub(r"[*_`]", "", text).strip().rstrip(":").strip()
    return re.sub(r"\s+", " ", text.replace("’", "'")).casefold()


def map_headings(body: str, notes: list[str]) -> str:
    """Rename template headings to Lore's sections, keeping the original in a comment.

    A heading is renamed only when the section it maps to is not in the
    write-up already (two "What went well" would read as a mistake), and a
    heading that only groups sub-headings (the Google SRE "Lessons learned")
    keeps its name, since its children are renamed on their own.
    """
    lines = body.splitlines()
    headings: list[tuple[int, int, str]] = []  # line, level, text
    for number, line, opens in _outside_fences(lines):
        if opens:
            continue
        atx = _ATX.match(line)
        if atx and len(line) - len(line.lstrip(" ")) <= 3:
            headings.append((number, len(atx.group("hashes")), atx.group("text")))
    present = {_heading_key(text) for _, _, text in headings}
    renames: dict[int, str] = {}
    for position, (number, level, text) in enumerate(headings):
        target = HEADING_MAP.get(_heading_key(text))
        if target is None:
            continue
        following = headings[position + 1] if position + 1 < len(headings) else None
        only_groups = (
            following is not None
            and following[1] > level
            and not any(line.strip() for line in lines[number + 1:following[0]])
        )
        if only_groups:
            continue
        if _heading_key(target) in present:
            notes.append(f"heading '{text}' kept as written: '{target}' is already there")
            continue
        present.add(_heading_key(target))
        renames[number] = "#" * level + " " + target
    out: list[str] = []
    for number, line in enumerate(lines):
        if number not in renames:
            out.append(line)
            continue
        original = _ATX.match(line).group("text").replace("--", "- -")
        out += [renames[number], "", f"<!-- imported heading: {original} -->"]
        if number + 1 < len(lines) and lines[number + 1].strip():
            out.append("")
    return "\n".join(out) + ("\n" if body.endswith("\n") else "")


def _local_target(target: str) -> str | None:
    raw = target[1:-1] if target.startswith("<") else target
    if not raw or re.match(r"^[a-z][a-z0-9+.-]*:", raw, re.I) or raw.startswith(("/", "#")):
        return None
    return unquote(raw.split("#", 1)[0].split("?", 1)[0])


def relink_images(body: str, folder: Path, notes: list[str]) -> tuple[str, list[tuple[Path, str]]]:
    """Copy-list and rewritten links for relative images, so the story carries its pictures."""
    copies: dict[Path, str] = {}
    names: set[str] = set()

    def copied(target: str) -> str | None:
        rel = _local_target(target)
        if rel is None:
            return None
        path = (folder / rel).resolve()
        if not path.is_file():
            if f"image '{rel}' not found" not in notes:
                notes.append(f"image '{rel}' not found, link kept as written")
            return None
        if path not in copies:
            stem, suffix = os.path.splitext(path.name)
            stem = re.sub(r"[^\w.-]+", "-", stem).strip("-") or "image"
            name, n = stem + suffix, 1
            while name in names or name == "index.md":
                n += 1
                name = f"{stem}-{n}{suffix}"
            names.add(name)
            copies[path] = name
        return copies[path]

    def markdown(match: re.Match) -> str:
        name = copied(match.group("target"))
        if name is None:
            return match.group(0)
        return f"![{match.group('alt')}]({name}{match.group('rest') or ''})"

    def html(match: re.Match) -> str:
        name = copied(match.group(3))
        return match.group(0) if name is None else f"{match.group(1)}{match.group(2)}{name}{match.group(2)}"

    out, fence = [], ""
    for line in body.splitlines(keepends=True):
        opener = _FENCE.match(line)
        if fence:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = ""
        elif opener:
            fence = opener.group(1)
        elif "!" in line or "<img" in line.lower():
            line = _HTML_IMG.sub(html, _IMAGE.sub(markdown, line))
        out.append(line)
    return "".join(out), sorted(copies.items(), key=lambda item: item[1])


def _dump(key: str, value: Any) -> str:
    return yaml.safe_dump({key: value}, sort_keys=False, allow_unicode=True, default_flow_style=False)


def front_matter(meta: dict[str, Any]) -> str:
    """YAML quoted safely, with ``date`` written plain as writers write it."""
    out = "---\n"
    for key, value in meta.items():
        out += f"date: {value}\n" if key == "date" else _dump(key, value)
    return out + "---\n"


def convert(src: Path, text: str, options: ImportOptions) -> Converted:
    """One write-up's story text, images to copy and guesses; never raises."""
    result = Converted(src)
    parsed = frontmatter.parse(src.name, text.replace("\r\n", "\n"))
    errors = [p for p in parsed.problems if p.is_error]
    if errors:
        result.error = f"{errors[0].field}: {errors[0].message} (expected {errors[0].expected})"
        return result
    meta, body, notes = parsed.meta, parsed.body, result.notes

    title = _plain(meta.get("title"))
    if not title:
        title = frontmatter.first_heading(body) or ""
    if not title:
        title = _title_from_name(src)
        notes.append("title from file name")
    body = _drop_title_heading(body, title)

    date = None
    for key in ("date", "start_time"):
        date = _meta_date(meta.get(key))
        if date:
            break
    if date is None:
        in_name = _FILE_DATE.search(src.name)
        date = _meta_date(in_name.group(1)) if in_name else None
    if date is None:
        for where in (title, _plain(meta.get("summary")), body):
            found = date_in_text(where)
            if found:
                date = found[0]
                notes.append(f"date from text '{found[1]}'")
                break
    if date is None:
        date, note = _date_elsewhere(meta)
        if date is not None:
            notes.append(note)
    if date is None and options.undated is not None:
        date = options.undated
        notes.append(f"no date found, dated {date.isoformat()} as --undated says: set the real date and rename the folder")
    if date is None:
        result.error = (
            "no date found (expected 'date' or 'start_time' in the front matter, a YYYY-MM-DD in the file "
            "name, or a date such as 2021-03-03, March 3, 2021 or 3 March 2021 in the text)"
        )
        return result

    summary = re.sub(r"\s+", " ", _plain(meta.get("summary")))
    if not summary:
        summary = summary_from_body(body)
        notes.append("summary from the first paragraph" if summary else "no summary found")

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

    out: dict[str, Any] = {"title": title, "date": date.isoformat()}
    if summary:
        out["summary"] = summary
    inc_schema = schema.incident_schema(options.kinds)
    for key in CARRIED:
        if key in meta and not schema.validate("", {key: meta[key]}, {**inc_schema, "required": []}):
            out[key] = meta[key]
    if "duration" not in out:
        duration = _duration(meta.get("start_time"), meta.get("end_time"))
        if duration:
            out["duration"] = duration
    if services:
        out["services"] = services
    if tags:
        out["tags"] = tags
    source_url = _plain(meta.get("source_url")) or _plain(meta.get("url"))
    if source_url:
        out["source_url"] = source_url

    body = map_headings(body, notes)
    body, result.images = relink_images(body, src.parent, notes)
    body = body.strip("\n")
    result.text = front_matter(out) + ("\n" + body + "\n" if body else "")
    result.date = date.isoformat()
    words = slugify(title)
    if len(words) > SLUG_WORDS:
        words = words[:SLUG_WORDS + 1].rsplit("-", 1)[0] or words[:SLUG_WORDS]
    result.slug_words = words
    return result


def assign_slugs(results: list[Converted]) -> None:
    """``<date>-<words>``, made unique with -2, -3 in source order."""
    taken: set[str] = set()
    for result in results:
        if result.error:
            continue
        base = f"{result.date}-{result.slug_words}"
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        result.slug = slug


def convert_all(sources: list[Path], options: ImportOptions) -> list[Converted]:
    results = []
    for src in sources:
        try:
            text = src.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            results.append(Converted(src, error=f"is not valid UTF-8 (offset {exc.start}; expected a text file saved as UTF-8)"))
            continue
        except OSError as exc:
            results.append(Converted(src, error=f"cannot be read ({exc.strerror or exc})"))
            continue
        results.append(convert(src, text, options))
    assign_slugs(results)
    return results


def exists(into: Path, slug: str) -> bool:
    return (into / slug).exists() or (into / f"{slug}.md").exists()


def write(result: Converted, into: Path) -> Path:
    """The story's folder with index.md and its images; returns index.md's path."""
    folder = into / result.slug
    folder.mkdir(parents=True, exist_ok=True)
    for path, name in result.images:
        shutil.copyfile(path, folder / name)
    target = folder / "index.md"
    target.write_text(result.text, encoding="utf-8", newline="\n")
    return target

