"""Which pages a rebuild of the writer's preview renders again, and why.

One save changes one file, but a page shows more than its own source: a story's
card names its services and related stories, its pager its neighbours, "Also
involving" its peers, "Referenced by" whoever links to it, a term page whoever
uses the term, and listing pages every story. Each build leaves a ``Snapshot``
of what each source looked like to the others (its *face*), which sources each
page shows, and what rendering each page told the others (``PageFacts``: its
title, links, term usage, anchors, listing markers). The next build compares
the two and renders the changed sources and exactly the pages that show
something that changed; everything else is reused as it was written.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from .graph import Link
from .knowledge import Knowledge
from .model import Incident

# Markers a page fills from its own story, from what links to it, or with a widget that reads JSON.
OWN_MARKERS = frozenset(("timeline", "referenced-by", "same-services", "appears-in", "glossary", "explore", "wheel"))
MACROS = ("macros", "")  # a page whose macro calls are rendered: its output may list any story


@dataclass(frozen=True)
class PageFacts:
    """What rendering one page told the other pages."""

    title: str | None = None  # the page's title as the theme shows it
    written: str | None = None  # the title as the writer wrote it, shown by other pages' lists
    meta: tuple = ()  # the page's metadata as (key, value) pairs, for the sidebar's entries
    links: tuple[Link, ...] = ()  # Markdown links and macro cards, resolved to sources
    terms: tuple[tuple[str, int], ...] = ()  # (term source, how often the page uses it)
    anchors: tuple[tuple[str, str], ...] = ()  # (heading, id): theme pages link into a story's sections
    lists: frozenset[tuple[str, str]] = frozenset()  # (marker, argument) of each listing on the page, MACROS


@dataclass
class Snapshot:
    """One build as the next one needs to know it."""

    sources: dict[str, str] = field(default_factory=dict)  # page source -> digest of what it was read from
    faces: dict[str, str] = field(default_factory=dict)  # story, perspective, service -> what others show of it
    keys: dict[str, tuple] = field(default_factory=dict)  # story -> what decides the listings it is in (``keys``)
    shows: dict[str, frozenset[str]] = field(default_factory=dict)  # page -> sources whose face it shows
    facts: dict[str, PageFacts] = field(default_factory=dict)
    problems: dict[str, tuple] = field(default_factory=dict)  # source -> its problems, for the preview's banners
    home: str | None = None  # the home page, whose banner lists every problem
    nav: str = ""  # the sidebar: titles and addresses in order
    settings: str = ""  # configuration, theme, glossary: when these change every page is rendered
    outputs: dict[str, str] = field(default_factory=dict)  # source -> the file it was written to


_FACE_FIELDS = tuple(f.name for f in dataclasses.fields(Incident) if f.name not in ("words", "perspectives"))


def faces(kb: Knowledge) -> dict[str, str]:
    """What other pages show of each story, perspective and service (a body edit leaves a face alone; its
    reading time, shown only by macros, is in ``keys``)."""
    out: dict[str, str] = {}
    for incident in kb.incidents:
        shown = tuple(getattr(incident, name) for name in _FACE_FIELDS)
        out[incident.src] = repr((shown, kb.hidden(incident.src)))
    for src, perspective in kb.perspectives.items():
        out[src] = repr(perspective)
    for service in kb.services.values():
        out[service.src] = repr(service)
    return out


def shows(kb: Knowledge, similar: dict) -> dict[str, frozenset[str]]:
    """Which sources each story's card, pager, "Also involving" and "Referenced by" (stories that name it
    as related) show, and each perspective's lead."""
    out: dict[str, set[str]] = {}
    for incident in kb.incidents:
        shown = out.setdefault(incident.src, set())
        shown |= {kb.services[s].src for s in incident.services if s in kb.services}
        shown |= {p.src for p in incident.perspectives}
        shown |= {n.src for n in kb.neighbours(incident) if n is not None}
        shown |= {other.src for other in similar.get(incident.src, ())}
        for rid in incident.related:
            if rid in kb.by_id:
                shown.add(kb.by_id[rid].src)
                out.setdefault(kb.by_id[rid].src, set()).add(incident.src)
    for src, perspective in kb.perspectives.items():
        out[src] = {perspective.incident_src}
    return {src: frozenset(shown) for src, shown in out.items()}


def keys(kb: Knowledge) -> dict[str, tuple]:
    """(year, kind, services, themes, listed, reading minutes) of each story: which listings hold it."""
    listed = {i.src for i in kb.listed()}
    return {i.src: (i.year, i.kind, frozenset(i.services), frozenset(h.theme for h in i.themes), i.src in listed,
                    i.reading_minutes) for i in kb.incidents}


def covers(marker: tuple[str, str], old: tuple | None, new: tuple | None) -> bool:
    """Whether a listing shows a story that changed, as it was (``old`` keys) or as it is (``new``)."""
    name, arg = marker
    if name in OWN_MARKERS:
        return False
    if name == "kinds":  # the kind chips count stories
        return (old and old[1:5:3]) != (new and new[1:5:3])
    found = [k for k in (old, new) if k is not None and k[4]]
    if name == "listing":
        key, _, value = arg.partition("=")
        wanted = None if value == "none" else int(value) if value.isdigit() else value
        return any((k[0] if key == "year" else k[1]) == wanted for k in found)
    if name == "service-incidents":
        return any(arg.strip() in k[2] for k in found)
    if name == "theme":
        theme, _, part = arg.partition(" ")
        year = part.strip().partition("=")[2] if part.strip().startswith("year=") else None
        return any(theme in k[3] and (year is None or str(k[0] if k[0] else "none") == year) for k in found)
    return True  # the catalog, the connections report, macros: every story


def changed_sources(before: Snapshot, sources: dict[str, str]) -> set[str]:
    """Pages whose own source is new or different."""
    return {src for src, digest in sources.items() if before.sources.get(src) != digest}


class Plan:
    """The pages to render again, each with the first reason found."""

    def __init__(self, before: Snapshot, now: Snapshot, pages: set[str], rendered: set[str]) -> None:
        self.before, self.now, self.pages = before, now, pages
        self.reasons: dict[str, str] = {}
        self.rendered = set(rendered)
        self._listing_pages: list | None = None
        self.steady = True  # nothing another page or a site-wide file shows has changed: only a page's own text

    def add(self, src: str, why: str) -> None:
        if src in self.pages and src not in self.rendered and src not in self.reasons:
            self.reasons[src] = why

    def model(self) -> None:
        """What the new sources change before any page is rendered: faces, shows, banners, deletions."""
        before, now = self.before, self.now
        changed = {s for s in before.faces.keys() | now.faces.keys() if before.faces.get(s) != now.faces.get(s)}
        removed = before.sources.keys() - now.sources.keys()
        added = now.sources.keys() - before.sources.keys()
        self.steady = not (changed or removed or added or before.shows != now.shows or before.keys != now.keys
                           or before.problems != now.problems)
        for page in self.pages:
            old, new = before.shows.get(page, frozenset()), now.shows.get(page, frozenset())
            if old != new or (old | new) & changed:
                self.add(page, "shows a story that changed")
        stories = {s for s in changed if s in before.keys or s in now.keys}
        minutes = {s for s in before.keys.keys() & now.keys.keys() if before.keys[s][5] != now.keys[s][5]}
        for page, lists in self._listings():
            if minutes and MACROS in lists:
                self.add(page, "its macros show a story's reading time")
            for story in stories:
                if any(covers(m, before.keys.get(story), now.keys.get(story)) for m in lists):
                    self.add(page, "lists a story that changed")
                    break
        for page, facts in before.facts.items() if removed or added else ():
            if any(link.target in removed or link.target in added for link in facts.links):
                self.add(page, "links to a page added or removed")
        for src in before.problems.keys() | now.problems.keys():
            if before.problems.get(src) != now.problems.get(src):
                self.add(src, "its problems changed")
                if now.home:
                    self.add(now.home, "lists every problem")

    def rendered_now(self, done: dict[str, PageFacts]) -> None:
        """What pages rendered in this build told the others, against what they told the last one."""
        for src, new in done.items():
            self.rendered.add(src)
            self.reasons.pop(src, None)
            old = self.before.facts.get(src, PageFacts())
            if old == new:
                continue
            if (old.title, old.written, old.links, old.terms, old.anchors, old.lists) != \
                    (new.title, new.written, new.links, new.terms, new.anchors, new.lists):
                self.steady = False
            old_links, new_links = set(old.links), set(new.links)
            for link in old_links ^ new_links:
                self.add(link.target, "a link to it changed")
            if old_links != new_links:
                self._listing(None, "counts links")
            old_terms, new_terms = dict(old.terms), dict(new.terms)
            for term in old_terms.keys() | new_terms.keys():
                if old_terms.get(term) != new_terms.get(term):
                    self.add(term, "a page's use of it changed")
            if (old.title, old.written) != (new.title, new.written):
                for target in {link.target for link in old_links | new_links} | old_terms.keys() | new_terms.keys():
                    self.add(target, "a page that links to it was renamed")
            if old.anchors != new.anchors:
                self._listing(src, "links into a story's sections")

    def _listing(self, story: str | None, why: str) -> None:
        """Listings that show ``story`` (None: the connections report, which counts every link)."""
        old, new = self.before.keys.get(story), self.now.keys.get(story)
        for page, lists in self._listings():
            if any((m[0] == "connections") if story is None else covers(m, old, new) for m in lists):
                self.add(page, why)

    def _listings(self) -> list[tuple[str, frozenset]]:
        """The pages of the last build that list stories: a few among thousands."""
        if self._listing_pages is None:
            self._listing_pages = [(page, facts.lists) for page, facts in self.before.facts.items()
                                   if any(m[0] not in OWN_MARKERS for m in facts.lists)]
        return self._listing_pages
