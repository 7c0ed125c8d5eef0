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

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from lore.html import heading
from lore.core import coderefs, markers
from lore.core.connections import connections, export, yearly
from lore.core.graph import INCIDENTS, Kinds, Link, LinkGraph, related_links, same_services
from lore.core.urls import relative_url
from lore.render import listings, sections

from .. import common
from ..state import BuildState, state_of
from .collect import CollectExtension
from .config import BacklinksConfig

log = logging.getLogger("mkdocs.plugins.lore.backlinks")
NAME = "lore/backlinks"
REPORT_PAGE = f"""---
title: Connections
---

Who links to each story. A story that no onboarding or architecture page links to has not yet
reached the places where people learn the system.

{markers.tag("connections")}
"""


class BacklinksPlugin(BasePlugin[BacklinksConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_serve = self.dirty = False
        # Survives serve rebuilds on purpose: a scan is reused while HEAD and the work tree are unchanged.
        self.repo_cache = coderefs.RepoCache()
        self._reset()

    def _reset(self) -> None:
        self.state: BuildState | None = None
        self.kinds: Kinds | None = None
        self.graph = LinkGraph()
        self.current: tuple | None = None
        self.known: set[str] = set()
        self.code: dict[str, list] = {}
        self.commits: dict[str, list] = {}
        self.similar: dict = {}
        self.rows = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve, self.dirty = command == "serve", dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Default priority (after lore/incidents' 110): the link collector joins the Markdown extensions."""
        self._reset()
        if not self.config.enabled:
            return None
        self.state = state_of(config, NAME)
        common.use_stylesheet(config)
        common.use_script(config, "sort.js")
        config.markdown_extensions.append(CollectExtension(lambda: self.current))
        if self.dirty and not self.is_serve:
            log.warning(f"{NAME}: with --dirty only rebuilt pages are read, so 'Referenced by' lists may be stale")
        self.config_dir = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Default priority: the connections report generated unless written."""
        if self.state is None:
            return None
        self.known = {f.src_uri for f in files.documentation_pages()}
        if self.config.report and files.get_file_from_path(self.config.report) is None:
            files.append(File.generated(config, self.config.report, content=REPORT_PAGE))
        common.add_stylesheet(files, config)
        common.add_script(files, config, "sort.js")
        return files

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        """The stories are known by now (the content pipeline ran in lore/incidents' on_files)."""
        if self.state is None:
            return nav
        kb = self.state.content.kb
        self.kinds = Kinds(kb, self.config.kinds)
        self._scan_repos(kb)
        self.similar = self.state.similar = same_services(kb, self.config.similar)
        return nav

    def _scan_repos(self, kb) -> None:
        patterns: dict[str, str] = {}
        for incident in kb.incidents:
            if kb.hidden(incident.src):
                continue
            patterns[incident.id] = incident.id
            if len(incident.slug) >= 8:  # a URL holds the slug; short slugs would match ordinary words
                patterns.setdefault(incident.slug, incident.id)
        for index, repo in enumerate(self.config.repos):
            name = repo.name or os.path.basename(os.path.normpath(repo.path))
            try:
                code, commits = self.repo_cache.scan(repo.path, patterns, name=name, file_url=repo.file_url,
                                                     commit_url=repo.commit_url, index=index, base=self.config_dir)
            except coderefs.RepoError as exc:
                raise PluginError(f"{NAME}: {exc}")
            for ref in code:
                self.code.setdefault(ref.incident, []).append(ref)
            for ref in commits:
                self.commits.setdefault(ref.incident, []).append(ref)
            self.state.fingerprints.append(repr((code, commits)))

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Default priority: tells the collector which page it is reading."""
        if self.kinds is not None:
            self.current = (page.file.src_uri, self.state.links)
        return None

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Leave markers and table-of-contents entries; the sections are written in on_post_page.

        Nothing here goes through Markdown or the search index: a list of who links
        here is navigation, and thousands of pages would pay for it twice.
        """
        self.current = None
        if self.kinds is None:
            return None
        kind = self.kinds.of(page.file.src_uri)
        if kind not in self.config.show_on:
            return None
        html += markers.tag("referenced-by")
        common.add_toc_entry(page, "referenced-by", "Referenced by")
        if kind == INCIDENTS and page.file.src_uri in self.similar:
            html += markers.tag("same-services")
            common.add_toc_entry(page, "also-involving-the-same-services", "Also involving the same services")
        return html

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        """Every page has been rendered: the link graph is complete."""
        if self.kinds is None:
            return None
        kb = self.state.content.kb
        self.graph.add_all(link for link in self.state.links if link.target in self.known)
        self.graph.add_all(related_links(kb))
        self.graph.add_all(self.state.macro_links)
        self.rows = connections(kb, self.graph, self.kinds, {k: len(v) for k, v in self.code.items()},
                                {k: len({c.sha for c in v}) for k, v in self.commits.items()})
        return None

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Default priority: after search has indexed the page, so lists of links are not indexed as content."""
        if self.kinds is None or "<!-- lore:" not in output:
            return None
        return markers.expand(output, markers.BACKLINKS, lambda found: self._fill(found.name, page))

    def _fill(self, name: str, page: Page) -> str | None:
        state, here = self.state, page.file.url
        url_for = state.url_for(here)
        if name == "referenced-by":
            return self._referenced_by(page)
        if name == "same-services":
            items = self.similar.get(page.file.src_uri, [])
            return (heading("also-involving-the-same-services", "Also involving the same services")
                    + listings.similar(state.partials, state.content.kb, items, url_for))
        if name == "connections" and self.rows is not None:
            kb = state.content.kb
            urls = {i.src: url for i in kb.incidents if (url := url_for(i.src))}
            return sections.connections_report(state.partials, self.rows, yearly(self.rows), urls, self.kinds)
        return None

    def _referenced_by(self, page: Page) -> str:
        state, kb = self.state, self.state.content.kb
        by_src, here = state.files.src_uris, page.file.url
        groups: dict[str, list] = {}
        entries: dict[str, dict] = {}
        for link in self.graph.inbound(page.file.src_uri):
            source = by_src.get(link.source)
            if source is None or source.page is None or kb.hidden(link.source):
                continue
            entry = entries.get(link.source)
            if entry is None:
                entry = entries[link.source] = {"title": state.title_of(source), "url": relative_url(here, source.url),
                                                "sections": [], "related": False}
                groups.setdefault(self.kinds.of(link.source), []).append(entry)
            if link.via == "related":
                entry["related"] = True
            elif link.section and link.section not in entry["sections"] and link.section != entry["title"]:
                entry["sections"].append(link.section)
        ordered = [(self.kinds.label(k), groups[k]) for k in self.kinds.order() if k in groups]
        incident = kb.by_src.get(page.file.src_uri)
        code = self.code.get(incident.id, []) if incident else []
        commits = self.commits.get(incident.id, []) if incident else []
        return sections.referenced_by(state.partials, ordered, code, commits)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Default priority: ``lore.json``, the connections as data."""
        if self.kinds is None or not self.config.export or self.rows is None:
            return
        state = self.state
        if state.steady and os.path.isfile(os.path.join(config.site_dir, self.config.export)):
            return  # the preview: no story, link or title changed since this file was written
        urls = {i.src: state.files.src_uris[i.src].url for i in state.content.kb.incidents
                if i.src in state.files.src_uris and not state.content.kb.hidden(i.src)}
        path = os.path.join(config.site_dir, self.config.export)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as out:
            # Compact, so Python's C encoder writes it: at thousands of stories an indented file costs a second.
            json.dump(export(self.rows, urls, self.kinds), out, ensure_ascii=False, separators=(",", ":"))
            out.write("\n")
