"""``lore/backlinks``: who links to each story, from onboarding to commit messages.

Links are collected while pages render (``collect.py``); the graph, code and
commit references are complete once every page is rendered, so "Referenced
by", the connections report and ``lore.json`` are written after that, in
``on_post_page`` and ``on_post_build``. Everything is rebuilt on each build.
"""

from __future__ import annotations

import json
import logging
import os
from html import escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from lore.core import coderefs
from lore.core.connections import connections, export, yearly
from lore.core.graph import INCIDENTS, Kinds, Link, LinkGraph, related_links, same_services
from lore.core.render import code_references, connections_report, referenced_by, similar_list
from lore.core.urls import relative_url

from ..common import REFERENCED_BY_MARKER as MARKER
from ..common import SAME_SERVICES_MARKER as SIMILAR_MARKER
from ..common import add_script, add_stylesheet, add_toc_entry, use_script, use_stylesheet
from .collect import CollectExtension
from .config import BacklinksConfig

log = logging.getLogger("mkdocs.plugins.lore.backlinks")

REPORT_MARKER = "<!-- lore:connections -->"


class BacklinksPlugin(BasePlugin[BacklinksConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_serve = False
        self.dirty = False
        # Survives serve rebuilds on purpose: a scan is reused while HEAD and the work tree are unchanged.
        self.repo_cache = coderefs.RepoCache()
        self._reset()

    def _reset(self) -> None:
        self.kb = None
        self.kinds: Kinds | None = None
        self.graph = LinkGraph()
        self.collected: list[Link] = []
        self.current: tuple | None = None
        self.known: set[str] = set()
        self.code: dict[str, list] = {}
        self.commits: dict[str, list] = {}
        self.similar: dict = {}
        self.rows = None
        self.files: Files | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._reset()
        if not self.config.enabled:
            return None
        use_stylesheet(config)
        use_script(config, "sort.js")
        config.markdown_extensions.append(CollectExtension(lambda: self.current))
        if self.dirty:
            log.warning("lore/backlinks: with --dirty only rebuilt pages are read, so 'Referenced by' lists may be stale")
        self.config_dir = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        self.files = files
        self.known = {f.src_uri for f in files.documentation_pages()}
        if self.config.report and files.get_file_from_path(self.config.report) is None:
            files.append(File.generated(config, self.config.report, content=(
                "---\ntitle: Connections\n---\n\n"
                "Who links to each story. A story that no onboarding or architecture page links to "
                "has not yet reached the places where people learn the system.\n\n"
                f"{REPORT_MARKER}\n"
            )))
        add_stylesheet(files, config)
        add_script(files, config, "sort.js")
        return files

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        # lore/incidents has read every story by now (its on_files ran).
        incidents = config.plugins.get("lore/incidents")
        self.kb = getattr(incidents, "kb", None)
        self.kinds = Kinds(self.kb, self.config.kinds)
        if self.kb is not None:
            self._scan_repos()
            self.similar = same_services(self.kb, self.config.similar)
        return nav

    def _scan_repos(self) -> None:
        patterns: dict[str, str] = {}
        for incident in self.kb.incidents:
            patterns[incident.id] = incident.id
            if len(incident.slug) >= 8:  # a URL holds the slug; short slugs would match ordinary words
                patterns.setdefault(incident.slug, incident.id)
        for index, repo in enumerate(self.config.repos):
            name = repo.name or os.path.basename(os.path.normpath(repo.path))
            try:
                code, commits = self.repo_cache.scan(
                    repo.path, patterns, name=name, file_url=repo.file_url, commit_url=repo.commit_url,
                    index=index, base=self.config_dir,
                )
            except coderefs.RepoError as exc:
                raise PluginError(f"lore/backlinks: {exc}")
            for ref in code:
                self.code.setdefault(ref.incident, []).append(ref)
            for ref in commits:
                self.commits.setdefault(ref.incident, []).append(ref)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.config.enabled and self.kinds is not None:
            self.current = (page.file.src_uri, self.known, self.collected)
        return None

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Leave a marker and a table-of-contents entry; the sections are written in on_post_page.

        Nothing here goes through Markdown or the search index: a list of who links
        here is navigation, and thousands of pages would pay for it twice.
        """
        self.current = None
        if not self.config.enabled or self.kinds is None:
            return None
        kind = self.kinds.of(page.file.src_uri)
        if kind not in self.config.show_on:
            return None
        html += MARKER
        add_toc_entry(page, "referenced-by", "Referenced by")
        if kind == INCIDENTS and page.file.src_uri in self.similar:
            html += SIMILAR_MARKER
            add_toc_entry(page, "also-involving-the-same-services", "Also involving the same services")
        return html

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        if not self.config.enabled or self.kinds is None:
            return None
        self.graph.add_all(self.collected)
        if self.kb is not None:
            self.graph.add_all(related_links(self.kb))
            macros = getattr(config.plugins.get("lore/incidents"), "macro_links", [])
            self.graph.add_all(macros)
            self.rows = connections(
                self.kb, self.graph, self.kinds,
                {k: len(v) for k, v in self.code.items()},
                {k: len({c.sha for c in v}) for k, v in self.commits.items()},
            )
        return None

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.kinds is None or "<!-- lore:" not in output:
            return None
        here = page.file.url
        by_src = self.files.src_uris
        if MARKER in output:
            groups: dict[str, list] = {}
            entries: dict[str, dict] = {}
            for link in self.graph.inbound(page.file.src_uri):
                source = by_src.get(link.source)
                if source is None or source.page is None:
                    continue
                entry = entries.get(link.source)
                if entry is None:
                    incident = self.kb.by_src.get(link.source) if self.kb else None
                    entry = entries[link.source] = {
                        "title": incident.title if incident else source.page.title,
                        "url": relative_url(here, source.url),
                        "sections": [],
                        "related": False,
                    }
                    groups.setdefault(self.kinds.of(link.source), []).append(entry)
                if link.via == "related":
                    entry["related"] = True
                elif link.section and link.section not in entry["sections"] and link.section != entry["title"]:
                    entry["sections"].append(link.section)
            ordered = [(self.kinds.label(k), groups[k]) for k in self.kinds.order() if k in groups]
            incident = self.kb.by_src.get(page.file.src_uri) if self.kb else None
            code = self.code.get(incident.id, []) if incident else []
            commits = self.commits.get(incident.id, []) if incident else []
            html = '<h2 id="referenced-by">Referenced by</h2>' + referenced_by(ordered) + code_references(code, commits)
            output = output.replace(MARKER, html, 1)
        if SIMILAR_MARKER in output:
            items = self.similar.get(page.file.src_uri, [])
            output = output.replace(SIMILAR_MARKER, '<h2 id="also-involving-the-same-services">Also involving the same services</h2>'
                                    + similar_list(items, lambda src: relative_url(here, by_src[src].url)), 1)
        if REPORT_MARKER in output and self.rows is not None:
            urls = {i.src: relative_url(here, by_src[i.src].url) for i in self.kb.incidents if i.src in by_src}
            output = output.replace(REPORT_MARKER, connections_report(self.rows, yearly(self.rows), urls, self.kinds), 1)
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or not self.config.export or self.rows is None:
            return
        by_src = self.files.src_uris
        urls = {i.src: by_src[i.src].url for i in self.kb.incidents if i.src in by_src}
        data = export(self.rows, urls, self.kinds)
        path = os.path.join(config.site_dir, self.config.export)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=1, sort_keys=False)
            out.write("\n")

