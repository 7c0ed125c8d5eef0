"""The ``<!-- lore:… -->`` markers: each declared once, with its owner and its arguments.

Writers place listings with markers, and plugins leave markers where they fill
in a section after rendering. Both go through this registry, so a misspelled
marker or a bad argument is one message naming the page, in ``lore check`` and
in the build alike, instead of a silently empty listing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator

from .problems import Problem, WARNING

INCIDENTS, GLOSSARY, BACKLINKS, EXPLORE = "lore/incidents", "lore/glossary", "lore/backlinks", "lore/explore"
FIND = re.compile(r"<!-- lore:([A-Za-z0-9_-]+)((?:[ \t]+[^>]*?)?)[ \t]*-->")


@dataclass(frozen=True)
class Context:
    """What argument checks need to know about the site."""

    kinds: tuple[str, ...] = ()
    services: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()


# An argument check: the value is fine (None), or what was expected.
Check = Callable[[str, Context], "str | None"]


def _year(value: str, ctx: Context) -> str | None:
    return None if value == "none" or re.fullmatch(r"\d{4}", value) else "year=YYYY or year=none"


def _kind(value: str, ctx: Context) -> str | None:
    return None if value in ctx.kinds else f"kind= one of: {', '.join(ctx.kinds)}"


def _service(value: str, ctx: Context) -> str | None:
    return None if value in ctx.services else f"a service id: {', '.join(sorted(ctx.services)) or 'none declared yet'}"


def _theme(value: str, ctx: Context) -> str | None:
    theme, _, part = value.partition(" ")
    if theme not in ctx.themes:
        return f"a theme id: {', '.join(sorted(ctx.themes))}"
    part = part.strip()
    if not part or part == "years":
        return None
    key, sep, year = part.partition("=")
    return _year(year, ctx) if key == "year" and sep else "THEME, THEME years or THEME year=YYYY"


@dataclass(frozen=True)
class Marker:
    name: str
    owner: str
    keyed: dict[str, Check] | None = None  # name=value arguments, exactly one of them
    positional: Check | None = None  # one bare argument
    usage: str = ""

    def check(self, args: str, ctx: Context) -> str | None:
        """None when ``args`` suit this marker, else what was expected."""
        args = args.strip()
        if self.keyed is not None:
            key, sep, value = args.partition("=")
            if not sep or key not in self.keyed:
                return self.usage
            return self.keyed[key](value, ctx)
        if self.positional is not None:
            return self.positional(args, ctx) if args else self.usage
        return None if not args else f"no arguments ({self.usage})"


_REGISTRY = (
    Marker("catalog", INCIDENTS, usage="<!-- lore:catalog -->"),
    Marker("kinds", INCIDENTS, usage="<!-- lore:kinds -->"),
    Marker("listing", INCIDENTS, keyed={"year": _year, "kind": _kind},
           usage="<!-- lore:listing year=YYYY --> or <!-- lore:listing kind=KIND -->"),
    Marker("service-incidents", INCIDENTS, positional=_service, usage="<!-- lore:service-incidents SERVICE -->"),
    Marker("theme", INCIDENTS, positional=_theme,
           usage="<!-- lore:theme THEME -->, <!-- lore:theme THEME years --> or <!-- lore:theme THEME year=YYYY -->"),
    Marker("wheel", INCIDENTS, usage="<!-- lore:wheel -->"),
    Marker("card", INCIDENTS, usage="<!-- lore:card -->"),
    Marker("timeline", INCIDENTS, usage="<!-- lore:timeline -->"),
    Marker("glossary", GLOSSARY, usage="<!-- lore:glossary -->"),
    Marker("appears-in", GLOSSARY, usage="<!-- lore:appears-in -->"),
    Marker("referenced-by", BACKLINKS, usage="<!-- lore:referenced-by -->"),
    Marker("same-services", BACKLINKS, usage="<!-- lore:same-services -->"),
    Marker("connections", BACKLINKS, usage="<!-- lore:connections -->"),
    Marker("explore", EXPLORE, usage="<!-- lore:explore -->"),
)
MARKERS: dict[str, Marker] = {m.name: m for m in _REGISTRY}


def tag(name: str, arg: str = "") -> str:
    """The marker text for ``name`` (a registered marker), as plugins write it."""
    assert name in MARKERS, name
    return f"<!-- lore:{name}{' ' + arg if arg else ''} -->"


@dataclass(frozen=True)
class Found:
    name: str
    arg: str
    start: int
    end: int


def find(text: str, owner: str | None = None) -> Iterator[Found]:
    """Registered markers in ``text`` (of one owner, if given), in order."""
    if "<!-- lore:" not in text:
        return
    for match in FIND.finditer(text):
        marker = MARKERS.get(match.group(1))
        if marker is not None and (owner is None or marker.owner == owner):
            yield Found(marker.name, match.group(2).strip(), match.start(), match.end())


def expand(text: str, owner: str, fill: Callable[[Found], "str | None"], found: "list[Found] | None" = None) -> str:
    """``text`` with each marker of ``owner`` replaced by ``fill(found)`` (None keeps it); ``found``: the
    markers of ``owner`` in ``text``, when the caller has already looked."""
    out, pos = [], 0
    for marker in (found if found is not None else find(text, owner)):
        html = fill(marker)
        if html is None:
            continue
        out += [text[pos:marker.start], html]
        pos = marker.end
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def problems(path: str, text: str, ctx: Context) -> list[Problem]:
    """Unknown markers and bad arguments in a writer's page, one warning each."""
    out = []
    for match in FIND.finditer(text):
        name, args = match.group(1), match.group(2)
        marker = MARKERS.get(name)
        shown = " ".join(match.group(0).split())
        if marker is None:
            out.append(Problem(path, shown, "unknown marker", f"one of: {', '.join(MARKERS)}", WARNING))
            continue
        expected = marker.check(args, ctx)
        if expected:
            out.append(Problem(path, shown, "bad argument", expected, WARNING))
    return out

# Sections written after a story's own words: not indexed as the story's content.
AFTER_STORY = frozenset(("timeline", "referenced-by", "same-services"))
# Pages that list stories: readers find them through the stories, so they are not indexed.
LISTINGS = frozenset(("catalog", "listing", "theme", "kinds", "explore"))
