"""``lore/glossary``: every term explained where it appears.

The terms are read by the content pipeline (``lore/incidents`` runs it);
prose is linked during Markdown rendering (``linking.py``); each term page's
"Appears in" is filled in ``on_post_page``, once every page has been rendered
and counted.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from lore.core import markers
from lore.core.glossary import Glossary, Term
from lore.core.urls import relative_url
from lore.render import cards, sections

from .. import common
from ..state import BuildState, state_of
from .config import GlossaryConfig
from .linking import PLAIN_LINK, GlossaryExtension, PageLinker

NAME = "lore/glossary"


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.state: BuildState | None = None
        self.linker: PageLinker | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Registers the glossary folder with the shared state, so the content pipeline reads the terms."""
        self.state, self.linker = None, None
        self.tooltips: dict[str, dict[str, str]] = {}
        if not self.config.enabled:
            return None
        self.state = state_of(config, NAME)
        self.state.glossary_dir = self.config.glossary_dir.strip("/")
        common.use_stylesheet(config)
        common.use_script(config, "glossary.js")
        self.native_tooltips = "content.tooltips" in (config.theme.get("features") or [])
        # The extension asks for the page being rendered; a fresh config each rebuild means no pile-up.
        config.markdown_extensions.append(GlossaryExtension(lambda: self.linker))
        return config

    @property
    def glossary(self) -> Glossary | None:
        content = self.state.content if self.state is not None else None
        return content.glossary if content is not None else None

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Default priority: term pages out of the sidebar, the A-Z index generated unless written."""
        if self.state is None:
            return None
        self.state.load(files)  # the content pipeline runs once, whoever asks first
        if self.glossary is None:
            return None
        root = self.config.glossary_dir.strip("/")
        self.matcher = self.glossary.matcher()
        if not self.config.terms_in_nav:
            for term in self.glossary.terms:
                file = files.get_file_from_path(term.src)
                if file.inclusion.is_in_nav():
                    file.inclusion = InclusionLevel.NOT_IN_NAV
        if self.config.index and files.get_file_from_path(f"{root}/index.md") is None:
            files.append(File.generated(config, f"{root}/index.md",
                                        content=f"---\ntitle: Glossary\n---\n\n{markers.tag('glossary')}\n"))
        common.add_stylesheet(files, config)
        common.add_script(files, config, "glossary.js")
        self.term_urls = {t.src: files.get_file_from_path(t.src).url for t in self.glossary.terms}
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Default priority: the linker for this page, read by the Markdown extension while it renders."""
        if self.glossary is None:
            return None
        self.linker = PageLinker(self.glossary, self.matcher, page.file.src_uri, url=page.file.url,
                                 term_urls=self.term_urls, link_all=self.config.link == "all",
                                 native_tooltips=self.native_tooltips)
        if page.file.src_uri in self.glossary.by_src and self.config.appears_in:
            return f"{markdown.rstrip()}\n\n## Appears in\n\n{markers.tag('appears-in')}\n"
        return None

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Counts terms for "Appears in"; the term's lead and the index are the page's own content (searchable)."""
        if self.glossary is None or self.linker is None:
            return None
        linker, self.linker = self.linker, None
        for src, count in linker.counts.items():
            self.state.term_usage.setdefault(src, {})[page.file.src_uri] = count
        if linker.used:
            self.tooltips[page.file.src_uri] = linker.tooltips()
        term = self.glossary.by_src.get(page.file.src_uri)
        if term is not None:
            html = cards.term_lead(self.state.partials, term) + html
        url_for = self.state.url_for(page.file.url)
        return markers.expand(html, markers.GLOSSARY, lambda found: sections.glossary_index(
            self.state.partials, self.glossary.terms, url_for) if found.name == "glossary" else None)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Tooltips and "Appears in" after search indexing: neither is the page's own content."""
        if self.glossary is None:
            return None
        tips = self.tooltips.pop(page.file.src_uri, None)
        if tips:
            output = PLAIN_LINK.sub(lambda m: tips.get(m.group(1), m.group(0)), output)
        term = self.glossary.by_src.get(page.file.src_uri)
        if term is None:
            return output
        return markers.expand(output, markers.GLOSSARY,
                              lambda found: self._appears_in(term, page) if found.name == "appears-in" else None)

    def _appears_in(self, term: Term, page: Page) -> str:
        kb, by_src = self.state.content.kb, self.state.files.src_uris
        stories, others = [], []
        for src, count in self.state.term_usage.get(term.src, {}).items():
            other = by_src.get(src)
            if other is None or other.page is None or src == term.src or kb.hidden(src):
                continue
            incident = kb.by_src.get(src)
            entry = {"title": self.state.title_of(other), "url": relative_url(page.file.url, other.url),
                     "count": count, "incident": incident}
            (stories if incident else others).append(entry)
        stories.sort(key=lambda e: e["incident"].sort_key)
        others.sort(key=lambda e: (str(e["title"]).casefold(), e["url"]))
        return sections.appears_in(self.state.partials, stories, others)
