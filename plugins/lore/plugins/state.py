"""The one per-build state every Lore plugin shares, owned by ``lore/incidents``.

Plugins never read each other's attributes: ``lore/incidents`` makes a fresh
``BuildState`` in ``on_config`` (so ``mkdocs serve`` rebuilds start clean), the
others register what they contribute and read what they need through
``state_of``, which says plainly when the owner is missing or listed too late.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files, InclusionLevel

from lore.core import markers
from lore.core.graph import Link
from lore.core.model import Options
from lore.core.discovery import TIMELINE_NAMES
from lore.core.memo import Memo
from lore.core.pipeline import Content, load
from lore.core.urls import relative_url
from lore.html import plain

OWNER = "lore/incidents"
UrlFor = Callable[[str], "str | None"]


@dataclass
class BuildState:
    options: Options
    stories: bool = True  # lore/incidents is enabled
    is_serve: bool = False
    dirty: bool = False
    glossary_dir: str | None = None  # set by lore/glossary in its on_config
    macros_by_default: bool | None = None  # mkdocs-macros' render_by_default, None without it
    content: Content | None = None
    files: Files | None = None
    partials: object = None  # lore.render.Partials, once the theme's environment is known
    titles: dict[str, str] = field(default_factory=dict)  # page source -> its title as the writer wrote it
    macro_links: list[Link] = field(default_factory=list)  # filled by lore.macros while pages render
    links: list[Link] = field(default_factory=list)  # every Markdown link read, filled by lore/backlinks' collector
    similar: dict = field(default_factory=dict)  # story -> the stories its "Also involving" shows (lore/backlinks)
    search_replaced: bool = False  # lore/explore answers the site's search: Material's index holds no page
    steady: bool = False  # the preview: only pages' own text changed, so site-wide data files are as they were
    fingerprints: list[str] = field(default_factory=list)  # what, changed, changes every page (code references)
    cards: dict[str, str] = field(default_factory=dict)  # story source -> its card, filled after search indexing
    term_usage: dict[str, dict[str, int]] = field(default_factory=dict)  # term source -> {page source: count}
    problems: list[str] = field(default_factory=list)  # render-time errors, reported once every page is read
    targets: dict[str, str] | None = None  # source -> site URL of each published file, once the nav is built
    memo: Memo | None = None  # the preview's: what the last build read, reused for unchanged files

    def load(self, files: Files) -> Content:
        """The content pipeline over this build's sources, run once whoever asks first."""
        if self.content is None:
            pages = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            sources = [(f.src_uri, (lambda f=f: f.content_bytes)) for f in pages]
            sources += [(f.src_uri, (lambda f=f: f.content_bytes)) for f in files
                        if f.src_uri.endswith(TIMELINES) and not f.is_documentation_page()]
            paths = [f.src_uri for f in files if not f.generated_by and f.inclusion.is_in_serve()]
            if self.memo is not None:
                self.memo.turn()
            self.content = load(sources, self.options, self.glossary_dir, self.macros_by_default, paths, self.memo)
            self.files = files
        return self.content

    def freeze_targets(self, files: Files) -> None:
        """Every file is known and its inclusion settled (on_nav): listings then look links up in one map."""
        kb = self.content.kb if self.content is not None else None
        self.targets = {f.src_uri: f.url for f in files
                        if not (kb is not None and kb.hidden(f.src_uri)) and (self.is_serve or not f.inclusion.is_excluded())}

    def url_for(self, here: str) -> UrlFor:
        """Links from the page at URL ``here`` to sources; None for pages this build does not publish."""
        if self.targets is not None:
            targets = self.targets

            def known(src: str) -> str | None:
                url = targets.get(src)
                return None if url is None else relative_url(here, url)

            return known
        by_src = self.files.src_uris if self.files is not None else {}
        kb = self.content.kb if self.content is not None else None

        def url_for(src: str) -> str | None:
            file = by_src.get(src)
            if file is None or (kb is not None and kb.hidden(src)):
                return None
            if file.inclusion.is_excluded() and not self.is_serve:
                return None
            return relative_url(here, file.url)

        return url_for

    def with_card(self, page_html: str, src: str) -> str:
        """A story's HTML with its card in place, for readers of the page before it is finished (Pagefind)."""
        card = self.cards.get(src)
        return page_html if card is None else markers.expand(
            page_html, markers.INCIDENTS, lambda found: card if found.name == "card" else None)

    def title_of(self, file) -> str:
        """A page's title as plain text: the model's, else the writer's, else the theme's (unescaped)."""
        kb = self.content.kb if self.content is not None else None
        incident = kb.by_src.get(file.src_uri) if kb is not None else None
        if incident is not None:
            return incident.title
        if file.src_uri in self.titles:
            return self.titles[file.src_uri]
        page = file.page
        return plain(str(page.title)) if page is not None and page.title else file.src_uri


TIMELINES = tuple(f"/{name}" for name in TIMELINE_NAMES)


def state_of(config: MkDocsConfig, requester: str) -> BuildState:
    """The build's state, or a clear error when ``lore/incidents`` is not listed before ``requester``."""
    names = list(config.plugins)
    owner = config.plugins.get(OWNER)
    state = getattr(owner, "state", None)
    if not isinstance(state, BuildState) or (requester in names and names.index(OWNER) > names.index(requester)):
        raise PluginError(f"{requester} needs {OWNER}, listed before it under plugins")
    return state
