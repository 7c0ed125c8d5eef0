"""``lore/explore``: faceted search over stories with Pagefind.

Material's search index is one JSON file the browser downloads whole; at
thousands of stories that is tens of megabytes before the first result.
Pagefind splits its index into small chunks fetched per query, and serves
everything from the site itself. Only story content is indexed, with service,
kind, year, tag and severity as filters.

Each story's content goes to Pagefind's indexing service as soon as its
Markdown is rendered (``pagefind.py``); once every page is read (``on_env``)
Pagefind writes its index on the machine's other core while MkDocs renders the
templates. It never parses the theme's chrome, and the published pages carry no
indexing markup. Under ``--dirty`` a copy is kept in the project's
``.cache/lore/explore`` so that rebuilds can index the pages they skip; copies of
pages that no longer exist are removed.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import threading
import time
from pathlib import Path
from urllib.parse import quote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from lore import html
from lore.core import markers
from lore.core.urls import relative_url
from lore.render import sections

from ..common import ASSET_DIR, add_script, use_script
from ..state import BuildState, state_of
from .config import ExploreConfig
from .pagefind import PagefindError, PagefindService

log = logging.getLogger("mkdocs.plugins.lore.explore")

NAME = "lore/explore"
# A word indexed in every story, so the explorer lists stories before any word is typed by searching for it:
# Pagefind 1.5 fetches every index chunk for an empty search (search(null)), this word's chunk is one.
EVERY_STORY = "lorestory"
WORKER = "search-worker.js"  # Material's search worker protocol, answered by Pagefind
PAGE = f"""---
title: Explore incidents
hide:
  - toc
---

Search the stories and narrow them down by service, kind, year, tag and severity.
Filters combine: pick several values of one filter to widen, several filters to narrow.

{markers.tag("explore")}
"""


class ExplorePlugin(BasePlugin[ExploreConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.state: BuildState | None = None
        self.kb = None
        self.replacing = False
        self.dropdown = False
        self.page_url = ""
        self.catalog_url: str | None = None
        self.lang = "en"
        self.staged: set[str] = set()
        self.pages: set[str] = set()
        self.service: PagefindService | None = None
        self.failed: str | None = None
        self.writing: threading.Thread | None = None  # Pagefind writing its index, from on_env to on_post_build
        self.writer: PagefindService | None = None  # the service that thread writes with
        self.written: tuple[int, str] = (logging.INFO, "")  # the log level and line of the index's outcome
        self.dirty = False
        self.serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.dirty = dirty
        self.serving = command == "serve"  # the preview reloads before the search index is written

    @event_priority(100)  # before Material's search reads its own options
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.kb = None
        self.state = None
        self.replacing = False
        self.dropdown = False
        self.staged = set()
        self.pages = set()
        self._stop(superseded=self.serving)
        self.failed = None
        if not self.config.enabled:
            return None
        self.state = state_of(config, NAME)
        use_script(config, "explore.js")
        return config

    def _replace_search(self, files: Files, config: MkDocsConfig) -> None:
        """Pagefind answers the header's search; Material's own index is not built.

        Material's search plugin stays on, so the theme draws its search box, dropdown and keyboard
        handling, but it indexes no page: it writes ``search_index.json`` with its settings only (the
        highlighter on the target page reads them), and the theme is pointed at ``search-worker.js``,
        which speaks Material's worker protocol with Pagefind's index. Where that plugin is not
        Material's, it is switched off through its ``enabled`` option and the header gets a plain
        search box that opens the explorer.
        """
        search = config.plugins.get("material/search") or config.plugins.get("search")
        index = getattr(search, "search_index", None) if search is not None else None
        if search is not None and getattr(search.config, "enabled", False) and hasattr(index, "add_entry_from_context"):
            index.add_entry_from_context = _not_indexed
            add_script(files, config, WORKER)
            self.dropdown = True
        elif search is not None and hasattr(search.config, "enabled"):
            search.config.enabled = False
        self.replacing = bool(self.config.page) or self.dropdown
        self.state.search_replaced = self.dropdown or not getattr(getattr(search, "config", None), "enabled", False)

    @event_priority(-100)  # after the other plugins have added their generated pages (the explorer's own is one)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if self.state is None:
            return None
        self.kb = self.state.load(files).kb  # the content pipeline runs once, whoever asks first
        add_script(files, config, "explore.js")
        if self.config.page:
            page = files.get_file_from_path(self.config.page)
            if page is None:
                page = File.generated(config, self.config.page, content=PAGE)
                files.append(page)
            self.page_url = page.url
        self.lang = str(config.theme.get("language") or "en")
        catalog = files.get_file_from_path(f"{self.kb.options.incidents_dir}/index.md") if self.kb.options.incidents_dir else None
        self.catalog_url = catalog.url if catalog else None
        if self.config.pagefind:
            if self.dirty:  # which staged copies still have a page
                self.pages = {f.dest_uri for f in files.documentation_pages()}
            self._start()
        if self.service is not None and self._replaces(len(self.kb.incidents)):
            self._replace_search(files, config)
        return files

    def _replaces(self, stories: int) -> bool:
        """Without Pagefind, Material's search stays as it is; 'auto' keeps it up to ``replace_above`` stories."""
        if self.config.replace_search == "auto":
            return stories > self.config.replace_above
        return bool(self.config.replace_search)

    def _start(self) -> None:
        executable = _pagefind_executable()
        if executable is None:
            self.failed = ("Pagefind is not installed (expected the Python package pagefind with its binary: "
                           "pip install 'pagefind[bin]')")
            return
        try:
            self.service = PagefindService(executable, self.lang)
        except (OSError, PagefindError) as error:
            self.failed = f"Pagefind did not start ({error})"

    def _stop(self, superseded: bool = False) -> None:
        """``superseded``: a new rebuild of the preview starts, so an index still being written is stale and
        is stopped; otherwise (the end of the preview, a failed build) it is let finish."""
        if self.writing is not None:
            if superseded and self.writer is not None:
                self.writer.cancel()
            self.writing.join()  # a failed build's index is still being written into the site: let it end
            self.writing = self.writer = None
        if self.service is not None:
            self.service.close()
            self.service = None

    def on_build_error(self, *, error: Exception) -> None:
        self._stop()

    def on_shutdown(self) -> None:
        self._stop()

    @event_priority(-50)  # after the other lore plugins have added their parts
    def on_page_content(self, html_: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.state is None or not self.config.pagefind:
            return None
        found = list(markers.find(html_))
        incident = self.kb.by_src.get(page.file.src_uri)
        if incident is None:
            if self.replacing and not page.file.generated_by and not any(f.name in markers.LISTINGS for f in found):
                # The explorer is the site's search: other written pages are found too, without facets.
                cut = found[0].start if found else len(html_)
                self._stage(page, config, html_[:cut], self.state.title_of(page.file), "")
            return None
        # Index the story and its card; not the timeline drawing or the lists of who links here.
        cut = next((f.start for f in found if f.name in markers.AFTER_STORY), len(html_))
        facets = [("lore", "story"), ("kind", incident.kind_label)]  # "lore": the explorer's own view
        if incident.year:
            facets.append(("year", str(incident.year)))
        facets += [("service", self.kb.services[s].title if s in self.kb.services else s) for s in incident.services]
        facets += [("tag", t) for t in incident.tags]
        if incident.severity:
            facets.append(("severity", incident.severity))
        # Name the title, or Pagefind guesses one of the story's headings.
        date = incident.date.isoformat() if incident.date else ""
        services = ", ".join(v for k, v in facets if k == "service")
        # kind_id picks the badge's colour; the date sort key lists the newest stories before any word is typed.
        meta = [("date", date), ("kind", incident.kind_label), ("kind_id", incident.kind),
                ("services", services), ("summary", incident.summary)]
        hidden = "".join(f'<span data-pagefind-filter="{k}">{html.text(v)}</span>' for k, v in facets)
        hidden += "".join(f'<span data-pagefind-meta="{k}">{html.text(v)}</span>' for k, v in meta if v)
        hidden += f'<span data-pagefind-sort="date">{html.text(date or "0000-00-00")}</span>'  # undated last
        body = self.state.with_card(html_[:cut], page.file.src_uri)
        self._stage(page, config, f"{body}<p>{EVERY_STORY}</p>", incident.title, hidden)
        return None

    def _stage(self, page: Page, config: MkDocsConfig, body: str, title: str, hidden: str) -> None:
        hidden = f'<span data-pagefind-meta="title">{html.text(title)}</span>{hidden}'
        body = _PERMALINK.sub("", body)  # the headings' ¶ is not a word of the story
        staged = (f'<!doctype html><html lang="{html.attr(self.lang)}"><head><meta charset="utf-8"><title>{html.text(title)}</title></head>'
                  f'<body><main data-pagefind-body>{body}<div hidden data-pagefind-ignore>{hidden}</div></main></body></html>\n')
        if self.dirty:  # kept for the next rebuild, which may skip this page
            target = _staging(config) / page.file.dest_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(staged, encoding="utf-8")
        self.staged.add(page.file.dest_uri)
        if self.service is not None:
            try:
                self.service.add(_url(page.file.dest_uri), staged)
            except PagefindError as error:
                self.failed = f"Pagefind stopped ({error})"
                self._stop()

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Default priority: the explorer's widget, and the header's search box when it replaces Material's."""
        if self.state is None:
            return None
        if self.dropdown:
            output = _point_search_at_worker(output, page.file.url, self._worker_query())
        elif self.replacing:
            # The theme's search box is gone with Material's search: the header gets one that opens the explorer.
            target = relative_url(page.file.url, self.page_url)
            output = output.replace("</head>", f'<meta name="lore-explore" content="{html.attr(target)}">\n</head>', 1)
        return markers.expand(output, markers.EXPLORE, lambda found: self._widget(page))

    def _worker_query(self) -> str:
        bundle = relative_url(f"{ASSET_DIR}/{WORKER}", self.config.bundle.strip("/") + "/")
        query = f"bundle={quote(bundle)}"
        return query + (f"&explore={quote(self.page_url)}" if self.page_url else "")

    def _widget(self, page: Page) -> str:
        base = relative_url(page.file.url, "")
        bundle = f'{base}{self.config.bundle.strip("/")}/'
        catalog = (f' The <a href="{relative_url(page.file.url, self.catalog_url)}">catalog</a> lists every story without it.'
                   if self.catalog_url is not None else "")
        return sections.widget("explore", "", base, f"<noscript><p>The explorer needs JavaScript.{catalog}</p></noscript>",
                               bundle=bundle, scope="stories" if self.dropdown else "site" if self.replacing else None, every=EVERY_STORY)

    @event_priority(-100)  # the last to see the environment: every page's content has been staged by now
    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        """Pagefind writes its index while MkDocs renders the templates, on the machine's other core.

        Every page's content is known once the Markdown is read (MkDocs renders templates after
        ``on_env``), so the index is complete here; ``on_post_build`` waits for it.
        """
        if self.state is None or not self.config.pagefind:
            return None
        skipped = self._skipped(config)
        if self.service is not None:
            output = Path(config.site_dir) / self.config.bundle.strip("/")
            service, self.service = self.service, None
            self.writer = service
            self.writing = threading.Thread(target=self._write, args=(service, output, self.serving, skipped),
                                            name="lore-pagefind-write", daemon=True)
            self.writing.start()
        return None

    def _skipped(self, config: MkDocsConfig) -> list[tuple[str, str]]:
        """--dirty: the staged copies of pages this rebuild skipped, fed by the writer's thread; those of
        deleted pages are dropped."""
        staging, out = _staging(config), []
        if not self.dirty:
            shutil.rmtree(staging, ignore_errors=True)
            return out
        root = str(staging)
        for folder, _, names in os.walk(root):
            base = folder[len(root) + 1:].replace(os.sep, "/")
            for name in names:
                rel = f"{base}/{name}" if base else name
                if not name.endswith(".html") or rel in self.staged:
                    continue
                if rel in self.pages:
                    out.append((_url(rel), os.path.join(folder, name)))
                else:
                    os.unlink(os.path.join(folder, name))
        return out

    def _write(self, service: PagefindService, output: Path, serving: bool, skipped: list[tuple[str, str]]) -> None:
        """In the writer's thread; under serve it says itself when the index is current (nobody waits)."""
        started = time.monotonic()
        shutil.rmtree(output, ignore_errors=True)  # the last build's index, thousands of files: not on the page's path
        try:
            for url, staged in skipped:
                with open(staged, encoding="utf-8") as copy:
                    service.add(url, copy.read())
            service.write(str(output))
        except PagefindError as error:
            self.written = ((logging.INFO, "lore/explore: a newer rebuild replaces the search index being written")
                            if service.cancelled else
                            (logging.WARNING, f"lore/explore: Pagefind failed ({error}); 'Explore incidents' has no index"))
        else:
            took = time.monotonic() - started
            self.written = (logging.INFO, f"lore/explore: the search index is current ({service.indexed} pages, {took:.1f} s)"
                            if serving else f"lore/explore: Pagefind indexed {service.indexed} pages; it wrote its index "
                            f"in {took:.1f} s, while the pages were rendered")
        if serving:
            log.log(*self.written)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Default priority: waits for Pagefind's index, written since ``on_env``."""
        if self.state is None or not self.config.pagefind:
            return
        if self.writing is None:
            log.warning(f"lore/explore: {self.failed}, so 'Explore incidents' has no index; the rest of the site is built")
            return
        if self.serving:  # the preview reloads now; a rebuild before this index is written replaces it
            if self.writing.is_alive():
                log.info("lore/explore: the pages are ready; Pagefind is still writing the search index "
                         "(a line here says when it is current)")
            return
        waited = time.monotonic()
        self.writing.join()
        self.writing = None
        level, line = self.written
        log.log(level, f"{line} (the build waited {time.monotonic() - waited:.1f} s for it)")


def _not_indexed(page) -> None:
    """Stands in for Material's indexing of a page: Pagefind indexes the site."""


_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def _point_search_at_worker(output: str, page_url: str, query: str) -> str:
    """The theme's settings name its search worker; Lore's answers from Pagefind."""
    def swap(match: re.Match) -> str:
        try:
            settings = json.loads(match.group(2))
        except ValueError:
            return match.group(0)
        settings["search"] = relative_url(page_url, f"{ASSET_DIR}/{WORKER}") + "?" + query
        return match.group(1) + json.dumps(settings).replace("</", "<\\/") + match.group(3)
    return _CONFIG.sub(swap, output, count=1)


def _staging(config: MkDocsConfig) -> Path:
    """Outside the site (it is not published), in the project's ``.cache`` as Material's own plugins do,
    and the same for ``build`` and ``serve``, so --dirty rebuilds find it again."""
    return Path(config.config_file_path or ".").resolve().parent / ".cache" / "lore" / "explore"


def _url(dest_uri: str) -> str:
    return "/" + (dest_uri[: -len("index.html")] if dest_uri == "index.html" or dest_uri.endswith("/index.html") else dest_uri)


def _pagefind_executable() -> Path | None:
    try:
        from pagefind.service import get_executable
    except ImportError:
        found = shutil.which("pagefind")
        return Path(found) if found else None
    return get_executable()
