"""``lore/incidents``: incident folders become story pages; owner of the build's shared state.

Thin hooks: the core's content pipeline reads and checks every source once in
``on_files``; generated pages, the sidebar, mermaid, marker filling and the
search index each live in their own module beside this one.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.utils import get_relative_url
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from lore import html
from lore.core import discovery, markers
from lore.core.memo import Memo
from lore.core.model import Options
from lore.render import TEMPLATES, Partials, cards, reader, sections

from .. import common
from ..state import BuildState
from . import mermaid, nav, pages, preview, sanitize, search
from .config import IncidentsConfig
from .fill import Filler
from .links import SafeLinksExtension

log = logging.getLogger("mkdocs.plugins.lore.incidents")
_H1 = re.compile(r"\s*<h1\b.*?</h1>", re.S)


class IncidentsPlugin(BasePlugin[IncidentsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_serve = self.dirty = False
        self.memo = Memo()  # survives serve rebuilds on purpose: files are parsed again only when they change
        self.preview = preview.Preview()  # likewise: the last build, against which `serve --dirty` decides what to render
        self.compiled = common.CompiledTemplates()  # likewise: the theme's templates, compiled once per serve session
        self.state = BuildState(Options())
        self._reset()

    def _reset(self) -> None:
        self.mermaid_path: str | None = None
        self.mermaid_fences = False
        self._service_pages: dict = {}
        self.anchors: dict[str, dict[str, str]] = {}  # story -> heading text -> anchor, for theme pages
        self.current: tuple | None = None  # the page being rendered, for the safe-links extension
        self._by_path: dict[str, list] = {}  # source -> its problems, for the preview's banners
        self._descriptions: dict[str, str] = {}  # source -> its description as written, for link previews
        self.feed: str | None = None
        self._nav: Navigation | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Drafts are published only in the preview; knowing the command needs this hook."""
        self.is_serve, self.dirty = command == "serve", dirty
        if self.is_serve and dirty:  # Lore decides what a rebuild renders, and says so: MkDocs' caution is not true here
            preview.quiet_mkdocs_caution()

    @event_priority(110)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Priority 110: a fresh shared state before any Lore plugin's on_config (lore/explore's runs at 100)."""
        self._reset()
        # Disabled, it still owns the state (the glossary needs it), but reads no stories.
        options = Options.from_mapping({
            "incidents_dir": self.config.incidents_dir, "kinds": self.config.kinds,
            "extra_keys": self.config.extra_keys, "onboarding_dir": self.config.onboarding_dir,
            "drafts": self.config.drafts, "themes": self.config.themes, "preview": self.is_serve,
        }) if self.config.enabled else Options(incidents_dir="", preview=self.is_serve)
        self.state = BuildState(options, stories=self.config.enabled, is_serve=self.is_serve, dirty=self.dirty,
                                memo=self.memo if self.is_serve else None)
        macros = config.plugins.get("macros")  # mkdocs-macros' own option: which pages render macro calls
        if macros is not None:
            self.state.macros_by_default = bool(macros.config.get("render_by_default", True))
        if TEMPLATES not in config.theme.dirs:
            config.theme.dirs.append(TEMPLATES)  # last: a site's custom_dir and the theme come first
        if not self.config.enabled:
            return None
        _check_docs_folder(config.docs_dir)
        config.markdown_extensions.append(SafeLinksExtension(lambda: self.current))
        common.use_stylesheet(config)
        common.use_script(config, "onthisday.js")
        common.use_script(config, "cite.js")
        if self.config.wheel:
            common.use_script(config, "wheel.js")
        if self.config.mermaid:
            self.mermaid_path, self.mermaid_fences = mermaid.configure(config, self.config.mermaid_js)
        self.show_tags = not any(name in config.plugins for name in ("tags", "material/tags"))
        return config

    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Priority 50: the pipeline runs before other plugins' on_files, which read its content."""
        state = self.state
        state.partials = Partials(config.theme.get_env())
        if self.is_serve:
            self.compiled.use(state.partials.env)
        content = state.load(files)
        common.report(content.problems, log, "lore/incidents", "content error", fatal=not self.is_serve)
        self._by_path = {}
        self._service_pages = {service.src: service for service in content.kb.services.values()}
        for problem in content.problems:
            self._by_path.setdefault(problem.path, []).append(problem)
        for src, body in content.unreadable.items() if self.is_serve else ():
            file = files.get_file_from_path(src)
            if file is not None:  # the preview shows what can be shown; the banner says why
                file.content_string = body if body is not None else "This file is not valid UTF-8.\n"
        if not self.config.enabled:
            return None
        self._include(files)
        if self.config.catalog:
            for src_uri, text in pages.generated(content.kb, lambda src: files.get_file_from_path(src) is not None):
                files.append(File.generated(config, src_uri, content=text))
        self._assets(files, config)
        self._feed(files, config)
        if self.config.language_hints != "off":
            self._language_hints(files)
        return files

    def _include(self, files: Files) -> None:
        """Drafts are left out of ``mkdocs build``; stories and perspectives are out of the sidebar."""
        kb = self.state.content.kb
        for src in [*kb.by_src, *kb.perspectives]:
            file = files.get_file_from_path(src)
            if kb.hidden(src):
                file.inclusion = InclusionLevel.DRAFT
            elif not self.config.incidents_in_nav or src in kb.perspectives:
                file.inclusion = InclusionLevel.NOT_IN_NAV

    def _assets(self, files: Files, config: MkDocsConfig) -> None:
        common.add_stylesheet(files, config)
        common.add_script(files, config, "onthisday.js")
        common.add_script(files, config, "cite.js")
        if self.config.wheel:
            common.add_script(files, config, "wheel.js")
            if files.get_file_from_path(self.config.wheel) is None:
                files.append(File.generated(config, self.config.wheel, content=pages.WHEEL_PAGE))
        if self.mermaid_path:
            files.append(File.generated(config, f"{common.ASSET_DIR}/mermaid.min.js", abs_src_path=self.mermaid_path))
            common.add_script(files, config, "diagrams.js")

    def _feed(self, files: Files, config: MkDocsConfig) -> None:
        """The Atom feed, from each story's file URL (known once files are listed); never over a writer's file."""
        path = self.config.feed
        if not path:
            return
        if files.get_file_from_path(path) is not None:
            log.warning(f"lore/incidents: feed: '{path}' is a file of the docs, so Lore's feed is not written "
                        "(expected a path no file uses, or feed: '' for none)")
            return
        kb = self.state.content.kb

        def url_of(incident):
            file = files.get_file_from_path(incident.src)
            return file.url if file is not None and not kb.hidden(incident.src) else None

        self.feed = path
        files.append(File.generated(config, path, content=reader.atom(
            kb, site_name=config.site_name, site_url=config.site_url or "", feed_path=path, url_of=url_of,
            size=self.config.feed_size)))

    def _language_hints(self, files: Files) -> None:
        from lore.core.language import Checker

        kb = self.state.content.kb
        checker = Checker(self.config.language_phrases)
        emit = log.warning if self.config.language_hints == "warning" else log.info
        for src in [*kb.by_src, *kb.perspectives]:
            for hint in checker.check(src, files.get_file_from_path(src).content_string):
                emit(f"hint: {hint}")

    @event_priority(-50)
    def on_nav(self, nav_: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        """Priority -50, after the other plugins' on_nav: every file is known now, so the map of published
        pages that every link is looked up in is fixed, and the preview decides which pages MkDocs reads."""
        if self.config.enabled:
            nav.arrange(self.state.content.kb, files, self.config.incidents_in_nav)
        self.state.freeze_targets(files)
        if self._incremental():
            self.preview.mark(self.state, config, files)
        self._nav = nav_
        return nav_

    def _incremental(self) -> bool:
        return self.is_serve and self.dirty and self.config.enabled

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Titles and descriptions: kept raw in the state, escaped in ``page.meta`` (the theme writes them as they are)."""
        if not self.config.enabled:
            return None
        state, src = self.state, page.file.src_uri
        self.current = (src, state.content.kb.hidden)
        title = self._title(page)
        if title is not None:
            state.titles[src] = title
            page.meta["title"] = str(html.text(title))
        if isinstance(page.meta.get("tags"), list):
            # Material's tags plugin and search write tag names as they are: escape them once, here.
            page.meta["tags"] = [str(html.text(t)) if isinstance(t, str) else t for t in page.meta["tags"]]
        description = page.meta.get("description") if "description" in page.meta else self._summary_of(src)
        if isinstance(description, str) and description:
            self._descriptions[src] = description
            page.meta["description"] = str(html.text(description))
        service = page.meta.get("service")
        if isinstance(service, str) and self.config.service_listing and getattr(state.content.kb.services.get(service), "src", None) == src:
            return f"{markdown.rstrip()}\n\n## Incidents involving this service\n\n{markers.tag('service-incidents', service)}\n"
        return None

    def _title(self, page: Page) -> str | None:
        content, src = self.state.content, page.file.src_uri
        incident = content.kb.by_src.get(src)
        if incident is not None:
            return incident.title
        written = page.meta.get("title")
        if isinstance(written, str) and written.strip():
            return written
        perspective = content.kb.perspectives.get(src)
        if perspective is not None:
            return f"{content.kb.by_src[perspective.incident_src].title}, as {perspective.who} saw it"
        term = content.glossary.by_src.get(src) if content.glossary is not None else None
        return term.term if term is not None else None

    @event_priority(100)
    def _summary_of(self, src: str) -> str | None:
        """What a story, service page or term page says of itself: its meta description and link preview."""
        content = self.state.content
        found = content.kb.by_src.get(src) or self._service_pages.get(src)
        if found is not None:
            return found.summary
        term = content.glossary.by_src.get(src) if content.glossary is not None else None
        return term.short if term is not None else None

    def on_page_content(self, html_: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Priority 100: the writer's HTML is cleaned before any plugin (or search) reads the page; then
        the card after the story's H1, the perspective lead, the timeline's place and mermaid's markup."""
        self.current = None
        if not self.config.enabled:
            return None
        if self.config.sanitize and sanitize.needed(page.markdown):
            html_ = sanitize.clean(html_)
        state, src = self.state, page.file.src_uri
        kb = state.content.kb
        if self.mermaid_fences:
            html_ = mermaid.rewrite(html_)
        url_for = state.url_for(page.file.url)
        incident = kb.by_src.get(src)
        if incident is not None:
            # Left to on_post_page, after search indexing: search.rewrite gives Material's index its words.
            state.cards[src] = cards.card(state.partials, incident, kb, url_for, self.show_tags)
            html_ = _after_h1(html_, markers.tag("card"))
            if src in state.content.timelines:
                html_ += markers.tag("timeline")
                common.add_toc_entry(page, "timeline", "Timeline")
            if incident.themes and page.toc is not None:
                self.anchors[src] = {item.title: item.id for item in common.walk_toc(page.toc)}
        service = self._service_pages.get(src)
        if service is not None:
            html_ = _after_h1(html_, cards.service_lead(state.partials, service))
        perspective = kb.perspectives.get(src)
        if perspective is not None:
            html_ = _after_h1(html_, cards.perspective_lead(state.partials, perspective, kb, url_for))
        if self.is_serve and state.content.problems:
            html_ = _after_h1(html_, _banner(state.content.problems, self._by_path, src, page.is_homepage))
        if self.mermaid_path is None and self.config.mermaid and 'class="mermaid"' in html_:
            log.warning(f"{src}: mermaid: diagram cannot render offline: no mermaid.min.js found (expected {mermaid.EXPECTED})")
        return html_

    @event_priority(80)
    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        """Priority 80, before the other plugins gather what every page said: the preview reads the pages
        that show what changed. Errors found while rendering (macros) stop the build here."""
        if self.is_serve:
            self.compiled.use(env)
        if self._incremental():
            self.preview.settle(self.state, config, files, self._nav, self.anchors)
        if self.mermaid_path and not self.is_serve and not mermaid.drawn(files):
            self.mermaid_path = None  # the preview keeps it: a diagram may be added while it runs
            mermaid.drop(files, common.ASSET_DIR)
        if self.state.problems and not self.is_serve:  # the preview shows them where they are
            count = len(self.state.problems)
            raise PluginError(f"lore: {count} error{'s' * (count != 1)} while rendering pages (listed above)")
        return None

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Fill listings after search indexing: they repeat what each story's own page says; mermaid's
        script only where a diagram is."""
        if not self.config.enabled:
            return None
        if self.mermaid_path:
            output = mermaid.with_script(output, get_relative_url(f"{common.ASSET_DIR}/mermaid.min.js", page.url),
                                         get_relative_url(f"{common.ASSET_DIR}/diagrams.js", page.url),
                                         always="navigation.instant" in (config.theme.get("features") or []))
        kb, src = self.state.content.kb, page.file.src_uri
        if src in kb.by_src or src in kb.perspectives:
            output = nav.close_empty_sections(output)
        output = self._reader_parts(output, page, config)
        if "<!-- lore:" not in output:
            return output
        found = list(markers.find(output, markers.INCIDENTS))
        fill = Filler(self.state, page, self.anchors, self.config.summaries_up_to, found)
        return markers.expand(output, markers.INCIDENTS, fill, found)

    def _reader_parts(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Link previews and the feed's link in the head; newer and older stories after a story."""
        src, story = page.file.src_uri, self.state.content.kb.by_src.get(page.file.src_uri)
        if self.config.previews and "</head>" in output:
            site_url = config.site_url
            tags = reader.head_tags(
                title=self.state.titles.get(src) or html.plain(page.title or config.site_name),
                description=self._descriptions.get(src) or config.site_description, site_name=config.site_name,
                url=site_url.rstrip("/") + "/" + page.url if site_url else None, story=story,
                feed=get_relative_url(self.feed, page.url) if self.feed else None,
                feed_title=f"New stories: {config.site_name}")
            at = output.index("</head>")
            output = output[:at] + tags + "\n" + output[at:]
        if story is not None and self.config.pager:
            block = reader.pager(self.state.partials, self.state.content.kb, story, self.state.url_for(page.file.url))
            at = output.find('<aside class="md-source-file">')
            at = at if at >= 0 else output.find("</article>")
            if block and at >= 0:
                output = output[:at] + block + "\n" + output[at:]
        return output

    def on_build_error(self, *, error: Exception) -> None:
        self.preview.forget()

    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Priority -100: after Material's search has written its index, which gets the stories' tags."""
        if not self.config.enabled:
            return
        if self._incremental():
            self.preview.finish()
        state = self.state
        urls = {src: f.url for src, f in state.files.src_uris.items() if not state.content.kb.hidden(src)}
        search.rewrite(config.site_dir, search.story_tags(state.content.kb, urls),
                       {urls[src]: card for src, card in state.cards.items() if src in urls})
        if not state.steady:  # the preview keeps the last build's files when no story, link or term use changed
            self._browser_data(config)

    def _browser_data(self, config: MkDocsConfig) -> None:
        """The wheel's and "On this day"'s data: small JSON files the browser reads."""
        from lore.core.practice import on_this_day, wheel_data

        state = self.state
        url_for = state.url_for("")
        glossary = state.content.glossary
        out_dir = os.path.join(config.site_dir, common.ASSET_DIR)
        os.makedirs(out_dir, exist_ok=True)
        os.makedirs(os.path.join(out_dir, "on-this-day"), exist_ok=True)
        data = {f"on-this-day/{month}.json": days for month, days in on_this_day(state.content.kb, url_for).items()}
        if self.config.wheel:
            data["wheel.json"] = wheel_data(state.content.kb, glossary.terms if glossary else [], url_for, state.term_usage)
        for name, value in data.items():
            with open(os.path.join(out_dir, name), "w", encoding="utf-8") as out:
                out.write(html.script_json(value))


def _after_h1(page_html: str, block: str) -> str:
    head = _H1.match(page_html)
    return page_html[: head.end()] + block + page_html[head.end():] if head else block + page_html


def _banner(problems, by_path: dict, src: str, homepage: bool) -> str:
    mine = list(problems) if homepage else by_path.get(src, [])
    return sections.problems_banner(mine, homepage) if mine else ""


def _check_docs_folder(docs_dir: str) -> None:
    """Before MkDocs walks the docs folder: a symlink loop would crash it, one leading out would be copied."""
    found = [f"{rel}: file: {problem}" for rel, _, problem in discovery.walk(Path(docs_dir)) if problem]
    if found:
        raise PluginError("lore: the docs folder cannot be read safely (expected files and folders inside it):\n"
                          + "\n".join(found))
