"""Themes across stories: the sections that make incidents memorable, harvested.

A story's "What surprised us" or "Open questions" section becomes an entry on a
cross-incident page, so surprises and mysteries can be read side by side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import PROSE, classify, plain

# id -> (page title, headings that mean it; compared case-insensitively, without punctuation)
DEFAULT_THEMES: dict[str, tuple[str, tuple[str, ...]]] = {
    "surprises": ("Surprises", ("What surprised us", "What surprised me", "Surprises", "What was surprising")),
    "hard": ("What made it hard", ("What made it hard", "What was hard", "Difficulties", "Challenges")),
    "dilemmas": ("Dilemmas", ("Dilemmas", "Dilemma", "Trade-offs", "Tradeoffs", "Hard choices")),
    "went-well": ("What went well", ("What went well", "What worked", "Where we got lucky")),
    "open-questions": ("Open questions", ("Open questions", "Unanswered questions", "Mysteries", "What we still don't know")),
}

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])[ \t]+(.*)$")
_WORDS = re.compile(r"[^\w\s']")


@dataclass(frozen=True)
class Harvest:
    theme: str
    heading: str  # as the writer wrote it; MkDocs turns it into the anchor
    items: tuple[str, ...]  # plain-text excerpts: one per list item, else the first paragraph


@dataclass
class Themes:
    titles: dict[str, str] = field(default_factory=dict)
    _lookup: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, data: dict | None = None) -> "Themes":
        themes = cls()
        for theme, value in (data or DEFAULT_THEMES).items():
            title, headings = (value["title"], value.get("headings", [])) if isinstance(value, dict) else value
            themes.titles[theme] = title
            for heading in (title, *headings):
                themes._lookup[_key(heading)] = theme
        return themes

    def theme_of(self, heading: str) -> str | None:
        return self._lookup.get(_key(heading))

    def harvest(self, body: str) -> list[Harvest]:
        """The recognised sections of a story body, in order."""
        found: list[Harvest] = []
        current: tuple[str, str, int] | None = None
        lines: list[tuple[str, str]] = []

        def close() -> None:
            if current is not None:
                items = _excerpts(lines)
                found.append(Harvest(current[0], current[1], tuple(items)))

        for line, kind in classify(body):
            match = _HEADING.match(line) if kind == PROSE else None
            if match:
                level, text = len(match.group(1)), match.group(2).strip()
                if current is not None and level <= current[2]:
                    close()
                    current, lines = None, []
                theme = self.theme_of(text)
                if theme is not None and current is None:
                    current, lines = (theme, text, level), []
                    continue
            if current is not None:
                lines.append((line, kind))
        close()
        return found


def _key(heading: str) -> str:
    return " ".join(_WORDS.sub(" ", heading.lower().replace("’", "'")).split())


def _excerpts(lines: list[tuple[str, str]], limit: int = 400) -> list[str]:
    """The section's list items, else its first paragraph: prose only, never code or raw HTML."""
    items: list[str] = []
    paragraph: list[str] = []
    for line, kind in lines:
        stripped = line.strip()
        if kind != PROSE or stripped.startswith(("<!--", "<", "|", ">")) and not items and not paragraph:
            continue
        item = _ITEM.match(stripped) if line[:1] not in (" ", "\t") else None
        if item:
            items.append(item.group(1))
        elif items and stripped and line[:1] in (" ", "\t"):
            items[-1] += " " + stripped
        elif stripped and not items:
            paragraph.append(stripped)
        elif not stripped and paragraph and not items:
            break
    chosen = items or ([" ".join(paragraph)] if paragraph else [])
    out = []
    for text in chosen:
        text = plain(text)
        out.append(text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…")
    return [t for t in out if t]
