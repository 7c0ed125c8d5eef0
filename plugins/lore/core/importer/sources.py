"""Where write-ups come from: the files named, their text, and the site's services.

Kept apart from conversion so that conversion stays a pure function of a
file's text, and importing twice gives the same tree.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .. import frontmatter, schema
from ..model import DEFAULT_KINDS
from . import formats

TARGETS = ("tags", "services", "none")
DEFAULT_MAP = {
    "product": "tags",
    "company": "tags",
    "categories": "tags",
    "keywords": "tags",
    "tags": "tags",
    "services": "services",
}


@dataclass
class ImportOptions:
    """What a run is told: how source keys map, and what the site already declares."""

    mapping: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_MAP))
    known_services: frozenset[str] = frozenset()
    service_titles: dict[str, str] = field(default_factory=dict)  # a service page's title, casefolded -> its id
    kinds: tuple[str, ...] = DEFAULT_KINDS
    undated: dt.date | None = None  # the date to give write-ups that never say when; None fails them
    roots: tuple[Path, ...] = ()  # the folders (or files) named: nothing outside them is read or copied

    def root_of(self, src: Path) -> Path:
        """The named folder a source was found in (its own folder when it was named itself)."""
        resolved = src.resolve()
        for root in self.roots:
            root = root.resolve()
            if root.is_dir() and root in resolved.parents:
                return root
        return src.parent


class Unreadable(Exception):
    """A source that cannot become a story at all; the message says why."""


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


@dataclass
class Selection:
    """The write-ups to import, and the files left out with the reason (never a failure)."""

    sources: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


_PROJECT_FILES = {"readme", "changelog", "contributing", "license", "code_of_conduct", "summary", "security"}
_ASSETS = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".ico", ".css", ".js", ".json", ".yml", ".yaml",
           ".toml", ".lock", ".gitignore", ".gitkeep", ".keep"}


def select(paths: Iterable[Path], exclude: Iterable[str] = ()) -> Selection:
    """Write-ups named or found under folders, in one sorted order, and what was left out and why.

    Sorting the whole set, not per argument, is what makes duplicate slugs get
    the same -2, -3 whatever order the arguments were given in.
    """
    exclude = list(exclude)
    chosen: dict[Path, str] = {}
    for path in paths:
        if not path.is_dir():
            chosen[path] = "" if _readable(path) else _unread(path)
            continue
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                             and not _excluded(Path(folder, d).relative_to(path).as_posix() + "/", exclude))
            for name in files:
                full = Path(folder, name)
                if name.startswith(".") or _excluded(full.relative_to(path).as_posix(), exclude):
                    continue
                if _readable(full):
                    chosen[full] = _not_a_writeup(full, files)
                elif full.suffix.lower() not in _ASSETS:
                    chosen[full] = _unread(full)
    selection = Selection()
    for path in sorted(chosen, key=lambda p: p.as_posix()):
        if chosen[path]:
            selection.skipped.append((path, chosen[path]))
        else:
            selection.sources.append(path)
    return selection


def find_sources(paths: Iterable[Path]) -> list[Path]:
    return select(paths).sources


def _excluded(rel: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(rel.rstrip("/").rsplit("/", 1)[-1], p)
               or fnmatch.fnmatch(rel, p.rstrip("/") + "/") for p in patterns)


def _readable(path: Path) -> bool:
    """Markdown, HTML or Word, or a file with no extension that reads as Markdown (a heading, UTF-8)."""
    if path.suffix.lower() in formats.READABLE:
        return True
    if path.suffix:
        return False
    try:
        head = path.read_bytes()[:4096].decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return bool(re.search(r"(?m)^(#{1,3} \S|---\s*$)", head))


def _unread(path: Path) -> str:
    return f"not imported: '{path.suffix or path.name}' files are not read (expected Markdown, .html or .docx write-ups)"


def _not_a_writeup(path: Path, siblings: list[str]) -> str:
    stem = path.stem.casefold().lstrip("_")
    if stem in _PROJECT_FILES:
        return "a README or project file, not a write-up (left out)"
    if "template" in stem:
        return "a template, not a write-up (left out)"
    if stem == "index" and sum(1 for s in siblings if Path(s).suffix.lower() in formats.READABLE) > 1:
        return "an index page of the folder, not a write-up (left out)"
    return ""


def read(src: Path) -> tuple[str, list[tuple[str, bytes]]]:
    """The source as Markdown, and images held inside it; raises Unreadable so that one bad file fails alone."""
    try:
        data = src.read_bytes()
    except OSError as exc:
        raise Unreadable(f"cannot be read ({exc.strerror or exc})") from exc
    if src.suffix.lower() in formats.HTML + formats.WORD:
        try:
            return formats.to_markdown(src, data)
        except ValueError as exc:
            raise Unreadable(str(exc)) from None
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        raise Unreadable(f"is not valid UTF-8 (offset {exc.start}; expected a text file saved as UTF-8)") from exc


def service_titles(docs: Path, skip: Path | None = None) -> dict[str, str]:
    """Service pages' titles (casefolded) -> their ids, so "Payments API" in a write-up finds ``payments``."""
    return dict(_service_pages(docs, skip))


def known_services(docs: Path, skip: Path | None = None) -> frozenset[str]:
    return frozenset(sid for _, sid in _service_pages(docs, skip))


def _service_pages(docs: Path, skip: Path | None = None) -> list[tuple[str, str]]:
    """Service ids declared by pages of the docs folder (``service:`` front matter).

    ``skip`` is the import target, so that stories imported earlier never
    vouch for a service themselves.
    """
    ids: list[tuple[str, str]] = []
    if not docs.is_dir():
        return []
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
            meta = frontmatter.read(name, data).meta
            sid = meta.get("service")
            if isinstance(sid, str) and re.match(schema.ID_PATTERN, sid):
                title = meta.get("title")
                ids.append(((title if isinstance(title, str) else sid).strip().casefold(), sid))
    return ids
