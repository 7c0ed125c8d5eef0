"""Where write-ups come from: the files named, their text, and the site's services.

Kept apart from conversion so that conversion stays a pure function of a
file's text, and importing twice gives the same tree.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .. import frontmatter, schema
from ..model import DEFAULT_KINDS

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


def read(src: Path) -> str:
    """The source's text; raises Unreadable so that one bad file fails alone."""
    try:
        return src.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(f"is not valid UTF-8 (offset {exc.start}; expected a text file saved as UTF-8)") from exc
    except OSError as exc:
        raise Unreadable(f"cannot be read ({exc.strerror or exc})") from exc


def known_services(docs: Path, skip: Path | None = None) -> frozenset[str]:
    """Service ids declared by pages of the docs folder (``service:`` front matter).

    ``skip`` is the import target, so that stories imported earlier never
    vouch for a service themselves.
    """
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
