"""``lore/explore``: faceted search over stories with Pagefind.

Material's search index is one JSON file the browser downloads whole; at
thousands of stories that is tens of megabytes before the first result.
Pagefind splits its index into small chunks fetched per query, and serves
everything from the site itself. Only story content is indexed (the page
marks it), with service, kind, year, tag and severity as filters.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import shutil
import subprocess
import sys
import time
from html import escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from lore.core.urls import relative_url

from ..common import AFTER_STORY, add_script, use_script
from .config import ExploreConfig

log = logging.getLogger("mkdocs.plugins.lore.explore")

MARKER = "<!-- lore:explore -->"
PAGE = """---
title: Explore incidents
---

Search the stories and narrow them down by service, kind, year, tag and severity.
Filters combine: pick several values of one filter to widen, several filters to narrow.

<!-- lore:explore -->
"""


class ExplorePlugin(BasePlugin[ExploreConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.kb = None

    @event_priority(100)  # before Material's search reads its own options
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.kb = None
        if not self.config.enabled:
            return None
        use_script(config, "explore.js")
        if self.config.replace_search:
            search = config.plugins.get("material/search") or config.plugins.get("search")
            if search is not None and hasattr(search.config, "enabled"):
                search.config.enabled = False
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        add_script(files, config, "explore.js")
        if self.config.page and files.get_file_from_path(self.config.page) is None:
            files.append(File.generated(config, self.config.page, content=PAGE))
        return files

    @event_priority(-50)  # after the other lore plugins have added their parts
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        if self.kb is None:
            self.kb = getattr(config.plugins.get("lore/incidents"), "kb", None)
        incident = self.kb.by_src.get(page.file.src_uri) if self.kb else None
        if incident is None:
            return None
        # Index the story and its card; not the timeline drawing or the lists of who links here.
        cut = min([i for i in (html.find(m) for m in AFTER_STORY) if i >= 0] or [len(html)])
        facets = [("kind", incident.kind_label)]
        if incident.year:
            facets.append(("year", str(incident.year)))
        facets += [("service", self.kb.services[s].title if s in self.kb.services else s) for s in incident.services]
        facets += [("tag", t) for t in incident.tags]
        if incident.severity:
            facets.append(("severity", incident.severity))
        # The theme writes the h1 outside the indexed content: name the title, or Pagefind guesses a heading.
        meta = [("title", incident.title), ("date", incident.date.isoformat() if incident.date else ""),
                ("kind", incident.kind_label),
                ("summary", incident.summary)]
        hidden = "".join(f'<span data-pagefind-filter="{k}">{escape(v)}</span>' for k, v in facets)
        hidden += "".join(f'<span data-pagefind-meta="{k}">{escape(v)}</span>' for k, v in meta if v)
        block = f'<div hidden data-pagefind-ignore>{hidden}</div>'
        return f'<div data-pagefind-body>{html[:cut]}{block}</div>{html[cut:]}'

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if MARKER not in output:
            return None
        base = relative_url(page.file.url, "")
        widget = (
            f'<div class="lore-explore" data-bundle="{base}{self.config.bundle.strip("/")}/" data-base="{base}">'
            '<noscript><p>The explorer needs JavaScript. The <a href="'
            f'{base}{self.config.bundle.strip("/")}/">catalog</a> lists every story without it.</p></noscript></div>'
        )
        return output.replace(MARKER, widget, 1)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or not self.config.pagefind:
            return
        command = _pagefind_command()
        if command is None:
            log.warning("lore/explore: Pagefind is not installed, so 'Explore incidents' has no index "
                        "(expected the Python package pagefind with its binary: pip install 'pagefind[bin]'); "
                        "the rest of the site is built")
            return
        started = time.monotonic()
        result = subprocess.run(
            [*command, "--site", config.site_dir, "--output-subdir", self.config.bundle.strip("/")],
            capture_output=True, text=True,
        )
        if result.returncode != 0:
            reason = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
            log.warning(f"lore/explore: Pagefind failed ({reason[0]}); 'Explore incidents' has no index")
            return
        pages = next((line for line in result.stdout.splitlines() if "Indexed" in line and "page" in line), "").strip()
        log.info(f"lore/explore: Pagefind indexed the stories in {time.monotonic() - started:.1f} s ({pages or 'done'})")


def _pagefind_command() -> list[str] | None:
    if importlib.util.find_spec("pagefind_bin") is not None or importlib.util.find_spec("pagefind") is not None:
        return [sys.executable, "-m", "pagefind"]
    found = shutil.which("pagefind")
    return [found] if found else None
