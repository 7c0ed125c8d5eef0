"""The domain: incidents (stories) and services, as writers declare them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

DEFAULT_KINDS = ("incident", "near-miss", "game-day", "practice")

_DURATION_PART = re.compile(r"(\d+)([dhms])")
_UNIT = {"d": "d", "h": "h", "m": "min", "s": "s"}


@dataclass(frozen=True)
class Options:
    """What a site configures; shared by the MkDocs plugin and the CLI."""

    incidents_dir: str = "incidents"
    kinds: tuple[str, ...] = DEFAULT_KINDS
    extra_keys: tuple[str, ...] = ()
    onboarding_dir: str = "onboarding"
    drafts: bool = False
    # The writer's preview (mkdocs serve): drafts are published there, with a banner, but not listed.
    preview: bool = False
    themes: Any = None  # themes.Themes; None means the default recognised sections

    @classmethod
    def from_mapping(cls, data: dict[str, Any] | None) -> "Options":
        data = dict(data or {})
        kwargs: dict[str, Any] = {}
        for name in ("incidents_dir", "onboarding_dir"):
            if data.get(name):
                kwargs[name] = str(data[name]).strip("/")
        for name in ("kinds", "extra_keys"):
            if data.get(name) is not None:
                kwargs[name] = tuple(str(v) for v in data[name])
        for name in ("drafts", "preview"):
            if name in data:
                kwargs[name] = bool(data[name])
        if data.get("themes"):
            from .themes import Themes

            kwargs["themes"] = Themes.from_mapping(data["themes"])
        return cls(**kwargs)


def kind_label(kind: str) -> str:
    """``near-miss`` -> ``Near miss``: the badge text."""
    return kind.replace("-", " ").replace("_", " ").capitalize()


def kind_plural(kind: str) -> str:
    from .text import plural

    label = kind_label(kind)
    return label if kind == "practice" else plural(label)


def pretty_duration(value: str) -> str:
    return " ".join(f"{n} {_UNIT[u]}" for n, u in _DURATION_PART.findall(value)) or value


@dataclass
class Incident:
    """One story: its source file and validated front matter."""

    src: str
    slug: str
    id: str
    title: str
    date: dt.date | None
    kind: str = "incident"
    summary: str = ""
    services: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    severity: str = ""
    duration: str = ""
    status: str = "published"
    responders: list[str] = field(default_factory=list)
    investigators: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    data_sources: list[str] = field(default_factory=list)
    year_folder: int | None = None
    words: int = 0
    perspectives: list["Perspective"] = field(default_factory=list)
    themes: list = field(default_factory=list)  # themes.Harvest, in story order
    source_url: str = ""

    @property
    def folder(self) -> str | None:
        """The incident's own folder (for folder-style stories), where siblings live."""
        return self.src[: -len("/index.md")] if self.src.endswith("/index.md") else None

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def duration_text(self) -> str:
        return pretty_duration(self.duration)

    @property
    def iso_duration(self) -> str:
        parts = dict((u, n) for n, u in _DURATION_PART.findall(self.duration))
        time = "".join(f"{parts[u]}{u.upper()}" for u in "hms" if u in parts)
        return "P" + (f"{parts['d']}D" if "d" in parts else "") + (f"T{time}" if time else "")

    @property
    def reading_minutes(self) -> int:
        """About 200 words a minute, as a reader of a careful story goes; never 0."""
        return max(1, round(self.words / 200))

    @property
    def sort_key(self) -> tuple:
        """Newest first, then by title: a stable order whatever the file system says."""
        ordinal = self.date.toordinal() if self.date else 0
        return (-ordinal, self.title.casefold(), self.src)


@dataclass
class Perspective:
    """One person's first-person account of an incident, its own page."""

    src: str
    incident_src: str
    who: str
    role: str = ""
    joined_at: str = ""
    summary: str = ""


@dataclass
class Service:
    """A service, declared by the page whose front matter says ``service: <id>``."""

    id: str
    src: str
    title: str
    owners: list[str] = field(default_factory=list)
    summary: str = ""
