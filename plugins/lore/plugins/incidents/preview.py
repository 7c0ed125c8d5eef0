"""The writer's preview: ``mkdocs serve --dirty`` (``lore serve``) renders what changed, and only that.

MkDocs' own ``--dirty`` skips every page whose source is older than its output,
so a renamed story keeps its old title in the catalog and on every page that
links to it. Here Lore decides which files count as modified: before the pages
are read, the sources whose bytes changed; once they are read, every page that
shows something that changed (``lore.core.changes``), read then, in the same
build. The pages it skips keep their output, and give the other pages what they
gave the last build (title, links, term usage, anchors), so listings, "Referenced
by" and "Appears in" stay whole. Where Lore cannot know what a page depends on
(the configuration or theme changed, the sidebar changed, a term changed, a
plugin Lore does not know), every page is rendered again, and the log says why.
"""

from __future__ import annotations

import gc
import logging
import os
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from lore.core import changes, markers
from lore.core.changes import PageFacts, Plan, Snapshot
from lore.core.memo import digest

from ..state import BuildState

log = logging.getLogger("mkdocs.plugins.lore.incidents")
# Plugins that only change the page they render, or that Lore keeps whole itself.
KNOWN_PLUGINS = ("lore/", "macros", "git-revision-date-localized", "search", "material/search")
_populate = getattr(mkdocs_build, "_populate_page", None)  # reads one page as MkDocs' build does


class _NotDirty(logging.Filter):
    """MkDocs warns that a dirty build makes navigation and links inaccurate; under Lore they are not."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def quiet_mkdocs_caution() -> None:
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _NotDirty) for f in logger.filters):
        logger.addFilter(_NotDirty())


def _yes() -> bool:
    return True


def _no() -> bool:
    return False


class Preview:
    """One per serve session: the last build's snapshot, and this build's decisions."""

    def __init__(self) -> None:
        self.before: Snapshot | None = None
        self.now = Snapshot()
        self.full: str | None = None  # why every page is rendered, or None
        self.first: set[str] = set()  # sources read before the pages: changed or never written

    def mark(self, state: BuildState, config, files: Files) -> None:
        """on_nav: which pages MkDocs reads; everything else is decided once they are read."""
        now = self.now = Snapshot(home=_home(files))
        pages = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)  # drafts too: the preview shows them
        now.sources = {f.src_uri: _digest(f, state) for f in pages}
        now.settings = _settings(state, config)
        now.outputs = {f.src_uri: f.abs_dest_path for f in files}
        self.full = self._why_full(state, config)
        before = self.before or Snapshot()
        self._remove_stale(before, now, files)
        if self.full:
            self.first = set(now.sources)
        else:
            self.first = changes.changed_sources(before, now.sources)
            self.first |= {f.src_uri for f in pages if not os.path.isfile(f.abs_dest_path)}
        for file in pages:
            file.is_modified = _yes if file.src_uri in self.first else _no

    def _why_full(self, state: BuildState, config) -> str | None:
        if self.before is None:
            return "the first build"
        if _populate is None:
            return "this MkDocs has no way to read one page"
        unknown = [name for name in config.plugins if not name.startswith(KNOWN_PLUGINS)]
        if unknown:
            return f"the plugin '{unknown[0]}' may show on one page what it read on another"
        search = config.plugins.get("material/search") or config.plugins.get("search")
        if search is not None and getattr(search.config, "enabled", True) and not state.search_replaced:
            return "Material's search index is written from the pages each build reads"
        if self.before.settings != self.now.settings:
            return "the configuration, theme, glossary or code references changed"
        return None

    @staticmethod
    def _remove_stale(before: Snapshot, now: Snapshot, files: Files) -> None:
        """A clean build would not have the outputs of files that are gone."""
        kept = {f.abs_dest_path for f in files}
        for src, path in before.outputs.items():
            if src not in now.outputs and path not in kept and os.path.isfile(path):
                os.remove(path)

    def settle(self, state: BuildState, config, files: Files, nav: Navigation, anchors: dict) -> None:
        """on_env: every changed page is read; read the pages that show what changed, then give the
        skipped pages' contributions to the build as the last one had them."""
        before, now = self.before or Snapshot(), self.now
        kb = state.content.kb
        now.faces, now.shows, now.keys = changes.faces(kb), changes.shows(kb, state.similar), changes.keys(kb)
        now.problems = _problems(state)
        read = {f.src_uri: f for f in files.documentation_pages(inclusion=InclusionLevel.is_in_serve) if f.page is not None}
        skipped = set(read) - self.first
        for src in skipped:
            _restore_page(read[src].page, before.facts.get(src, PageFacts()))
        now.nav = _nav_digest(nav)
        if not self.full and now.nav != before.nav:
            self.full = "the sidebar changed"
        if self.full:
            reasons = {src: self.full for src in skipped}
            self._read(reasons, read, config, files)
            facts = _facts_of(state, read, anchors, read.keys())
        else:
            reasons, facts = self._follow(before, now, read, config, files, state, anchors)
        for src in skipped - reasons.keys():
            facts[src] = before.facts.get(src, PageFacts())
        now.facts = {src: facts[src] for src in read if src in facts}
        _replay(state, now.facts, anchors)
        self._say(reasons, len(read))

    def _follow(self, before, now, read, config, files, state, anchors) -> tuple[dict[str, str], dict[str, PageFacts]]:
        """Read the pages that show what changed, until reading them shows nothing more; the reasons, and
        what every page read in this build told the others."""
        plan = Plan(before, now, set(read), set())
        plan.model()
        facts = _facts_of(state, read, anchors, self.first)
        plan.rendered_now(facts)
        reasons: dict[str, str] = {}
        while plan.reasons:
            batch, plan.reasons = plan.reasons, {}
            reasons.update(batch)
            self._read(batch, read, config, files)
            found = _facts_of(state, read, anchors, batch)
            facts.update(found)
            plan.rendered_now(found)
        state.steady = plan.steady
        return reasons, facts

    @staticmethod
    def _read(batch: dict[str, str], read: dict, config, files: Files) -> None:
        for src in batch:
            file = read[src]
            file.is_modified = _yes
            _populate(file.page, config, files, True)

    def _say(self, reasons: dict[str, str], total: int) -> None:
        if self.before is None:
            return
        if self.full:
            log.info(f"lore: all {total} pages rendered again: {self.full}")
            return
        named = [f"{src} (changed)" for src in sorted(self.first)] + [f"{src} ({why})" for src, why in reasons.items()]
        count = len(named)
        if not count:  # saved without a change (an editor touching the file, say)
            log.info("lore: no page rendered again: no source changed")
            return
        shown = ", ".join(named[:8]) + (f" and {count - 8} more (--verbose names them)" if count > 8 else "")
        log.info(f"lore: {count} page{'s' * (count != 1)} rendered again: {shown}")
        if count > 8:
            log.debug(f"lore: rendered again: {', '.join(named)}")

    def finish(self) -> None:
        """on_post_build: this build is what the next one compares against.

        After the first build, what it leaves alive (the memo, the snapshot: hundreds of thousands of
        objects the session keeps) is moved out of the garbage collector's sight, once: otherwise every
        later rebuild pays for the collector walking all of it, about a fifth of a one-story rebuild."""
        first = self.before is None
        self.before, self.now = self.now, Snapshot()
        if first:
            gc.collect()
            gc.freeze()

    def forget(self) -> None:
        """A build that failed leaves no reliable output: the next one renders everything."""
        self.before, self.now = None, Snapshot()


def _digest(file, state: BuildState) -> str:
    """A page's source, and for a story its timeline: what its own output is read from."""
    content = state.content
    known = content.digests.get(file.src_uri) if content is not None and not file.generated_by else None
    timeline = content.timelines.get(file.src_uri) if content is not None else None
    return (known or digest(file.content_bytes)) + (digest(repr(timeline).encode()) if timeline is not None else "")


def _settings(state: BuildState, config) -> str:
    path = config.config_file_path
    parts = [Path(path).read_bytes() if path and os.path.isfile(path) else b""]
    for folder in config.theme.dirs:
        if "site-packages" not in folder and os.path.isdir(folder):
            parts += [f"{p}:{p.stat().st_mtime_ns}".encode() for p in sorted(Path(folder).rglob("*")) if p.is_file()]
    glossary = state.content.glossary if state.content is not None else None
    parts.append(repr(glossary.terms if glossary is not None else None).encode())
    parts += [str(item).encode() for item in state.fingerprints]
    return digest(b"\0".join(parts))


def _home(files: Files) -> str | None:
    home = next((f for f in files.documentation_pages() if f.dest_uri == "index.html"), None)
    return home.src_uri if home else None


def _problems(state: BuildState) -> dict[str, tuple]:
    out: dict[str, list] = {}
    for problem in state.content.problems:
        out.setdefault(problem.path, []).append(problem)
    return {src: tuple(found) for src, found in out.items()}


def _nav_digest(nav: Navigation) -> str:
    def walk(items) -> list:
        return [(type(i).__name__, str(i.title), getattr(i, "url", None), walk(getattr(i, "children", None) or []))
                for i in items]
    return digest(repr(walk(nav.items)).encode())


def _facts_of(state: BuildState, read: dict, anchors: dict, pages) -> dict[str, PageFacts]:
    """What the given pages, read in this build, told the others, from what the plugins gathered."""
    wanted = {src for src in pages if read[src].page.content is not None}
    links: dict[str, list] = {}
    for link in [*state.links, *state.macro_links]:
        if link.source in wanted:
            links.setdefault(link.source, []).append(link)
    terms: dict[str, list] = {}
    for term, used in state.term_usage.items():
        for src in wanted & used.keys():
            terms.setdefault(src, []).append((term, used[src]))
    macro_pages = state.content.macro_pages
    out = {}
    for src in wanted:
        page = read[src].page
        lists = frozenset((m.name, m.arg.strip()) for m in markers.find(page.content))
        out[src] = PageFacts(
            title=page.title, written=state.titles.get(src), meta=tuple(page.meta.items()),
            links=tuple(links.get(src, ())), terms=tuple(sorted(terms.get(src, ()))),
            anchors=tuple(anchors.get(src, {}).items()),
            lists=lists | {changes.MACROS} if src in macro_pages else lists)
    return out


def _restore_page(page, facts: PageFacts) -> None:
    """A skipped page still stands in the sidebar and in other pages' lists: its title as last read."""
    if page.markdown is None:
        page.markdown = ""
        page.meta = dict(facts.meta)
        page._title_from_render = facts.title


def _replay(state: BuildState, facts: dict[str, PageFacts], anchors: dict) -> None:
    """What every page gave the build, read now or last time, in the order a full build gathers it
    (the order of the pages), so lists built from it are the same."""
    state.links[:], state.macro_links[:] = [], []
    state.term_usage.clear()
    for src, page in facts.items():
        for link in page.links:
            (state.macro_links if link.via == "macro" else state.links).append(link)
        for term, count in page.terms:
            state.term_usage.setdefault(term, {})[src] = count
        if page.written is not None:
            state.titles[src] = page.written
        if page.anchors:
            anchors[src] = dict(page.anchors)
