"""``lore/glossary``: every term explained where it appears.

Reads the term pages once in ``on_files``, links prose during Markdown
rendering (see ``linking.py``), and fills each term page's "Appears in" in
``on_env``, once every page has been rendered and counted.
"""

from __future__ import annotations

import logging
from html import escape as html_escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from lore.core import glossary as core
from lore.core.render import appears_in, glossary_index

from ..common import add_stylesheet, report, use_stylesheet
from .config import GlossaryConfig
from lore.core.urls import relative_url

from .linking import PLAIN_LINK, GlossaryExtension, PageLinker

log = logging.getLogger("mkdocs.plugins.lore.glossary")

INDEX_MARKER = "<!-- lore:glossary -->"
APPEARS_MARKER = "<!-- lore:appears-in -->"


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self.glossary: core.Glossary | None = None
        self.matcher: core.Matcher | None = None
        self.linker: PageLinker | None = None
        self.usage: dict[str, dict[str, int]] = {}
        self.unknown: list[str] = []
        self.files: Files | None = None
        self.term_urls: dict[str, str] = {}
        self.kb = None  # lore/incidents' stories, when that plugin is on
        self.tooltips: dict[str, dict[str, str]] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._reset()
        if not self.config.enabled:
            return None
        use_stylesheet(config)
        self.native_tooltips = "content.tooltips" in (config.theme.get("features") or [])
        # The extension asks for the page being rendered; a fresh config each rebuild means no pile-up.
        config.markdown_extensions.append(GlossaryExtension(lambda: self.linker))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        root = self.config.glossary_dir.strip("/")
        sources = [
            (f.src_uri, (lambda f=f: f.content_bytes))
            for f in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            if core.term_path(f.src_uri, root)
        ]
        glossary = core.scan(sources, root)
        report(glossary.problems, log, "lore/glossary", "glossary error")
        self.glossary = glossary
        self.matcher = glossary.matcher()
        if not self.config.terms_in_nav:
            for term in glossary.terms:
                file = files.get_file_from_path(term.src)
                if file.inclusion.is_in_nav():
                    file.inclusion = InclusionLevel.NOT_IN_NAV
        if self.config.index and files.get_file_from_path(f"{root}/index.md") is None:
            files.append(File.generated(config, f"{root}/index.md", content=f"---\ntitle: Glossary\n---\n\n{INDEX_MARKER}\n"))
        add_stylesheet(files, config)
        self.term_urls = {t.src: files.get_file_from_path(t.src).url for t in glossary.terms}
        self.files = files
        return files

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        # Every plugin's on_files has run: lore/incidents has read the stories.
        self.kb = getattr(config.plugins.get("lore/incidents"), "kb", None)
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.glossary is None:
            return None
        self.linker = PageLinker(
            self.glossary,
            self.matcher,
            page.file.src_uri,
            url=page.file.url,
            term_urls=self.term_urls,
            link_all=self.config.link == "all",
            native_tooltips=self.native_tooltips,
        )
        term = self.glossary.by_src.get(page.file.src_uri)
        if term is not None:
            if "title" not in page.meta:
                page.meta["title"] = html_escape(term.term)
            if self.config.appears_in:
                return f"{markdown.rstrip()}\n\n## Appears in\n\n{APPEARS_MARKER}\n"
        return None

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.glossary is None or self.linker is None:
            return None
        linker, self.linker = self.linker, None
        for src, count in linker.counts.items():
            self.usage.setdefault(src, {})[page.file.src_uri] = count
        if linker.used:
            self.tooltips[page.file.src_uri] = linker.tooltips()
        for name in linker.unknown:
            message = f"{page.file.src_uri}: [[{name}]]: unknown term '{name}' (expected a term or alias from {self.config.glossary_dir.strip('/')}/)"
            log.error(message)
            self.unknown.append(message)
        term = self.glossary.by_src.get(page.file.src_uri)
        if term is not None:
            html = _term_lead(term) + html
        if INDEX_MARKER in html:
            html = html.replace(INDEX_MARKER, glossary_index(self.glossary.terms, self._url_for(page)))
        return html

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        # Every page has been rendered and counted by now.
        if self.glossary is not None and self.unknown:
            count = len(self.unknown)
            raise PluginError(f"lore/glossary: {count} forced link{'s' * (count != 1)} to unknown terms (listed above)")
        return None

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Add tooltips and "Appears in" after search indexing: neither is the page's own content."""
        if self.glossary is None:
            return None
        tips = self.tooltips.pop(page.file.src_uri, None)
        if tips:
            output = PLAIN_LINK.sub(lambda m: tips.get(m.group(1), m.group(0)), output)
        term = self.glossary.by_src.get(page.file.src_uri)
        if term is not None and APPEARS_MARKER in output:
            output = output.replace(APPEARS_MARKER, self._appears_in(term, page), 1)
        return output

    def _appears_in(self, term: core.Term, page: Page) -> str:
        incidents = self.kb
        by_src = self.files.src_uris
        stories, others = [], []
        for src, count in self.usage.get(term.src, {}).items():
            other = by_src.get(src)
            if other is None or other.page is None or src == term.src:
                continue
            incident = incidents.by_src.get(src) if incidents else None
            entry = {"title": incident.title if incident else other.page.title or src,
                     "url": relative_url(page.file.url, other.url), "count": count, "incident": incident}
            (stories if incident else others).append(entry)
        stories.sort(key=lambda e: e["incident"].sort_key)
        others.sort(key=lambda e: (str(e["title"]).casefold(), e["url"]))
        return appears_in(stories, others)

    def _url_for(self, page: Page):
        files = self.files

        def url_for(src: str) -> str | None:
            file = files.get_file_from_path(src)
            return file.url_relative_to(page.file) if file else None

        return url_for


def _term_lead(term: core.Term) -> str:
    aliases = ""
    if term.aliases:
        aliases = '<p class="lore-term-aliases">Also written: ' + ", ".join(
            f"<span>{html_escape(a)}</span>" for a in term.aliases
        ) + "</p>"
    return f'<div class="lore-term-lead"><p class="lore-term-short">{html_escape(term.short)}</p>{aliases}</div>'
