"""``lore/incidents``: incident folders become story pages.

Thin adapter: the core reads and checks the sources once in ``on_files``;
this module turns that knowledge into generated pages, a short nav, cards
and listings. Per-build state is rebuilt in ``on_config`` so ``mkdocs serve``
rebuilds never accumulate.
"""

from __future__ import annotations

import json
import logging
from html import escape as html_escape
import os
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from lore.core.knowledge import Knowledge, scan
from lore.core.model import Options, kind_plural
from lore.core.themes import Themes
from lore.core.render import Renderer
from lore.core.urls import relative_url

from ..common import (ASSET_DIR, TIMELINE_MARKER, add_script, add_stylesheet, add_toc_entry, report, use_script,
                      use_stylesheet, walk_toc)
from .config import IncidentsConfig

log = logging.getLogger("mkdocs.plugins.lore.incidents")

# Markers this plugin fills; other lore plugins have their own.
_FENCED_MERMAID = '<pre><code class="language-mermaid"'
_MERMAID_FENCE = re.compile(r'<pre><code class="language-mermaid"([^>]*)>')
_MARKER = re.compile(r"<!-- lore:(catalog|kinds|listing|service-incidents|theme|wheel|timeline)(?: ([^>]*?))? -->")
WHEEL_PAGE = """---
title: Practice wheel
---

Practice together, every week, with everyone who wants to come. Spin the wheel: it lands on
a service, a term from the glossary or a story. Whoever spun shows what they know about it
and where they would look first; everyone else adds what they know. Nobody is tested, and
"I don't know, let's find out" is a fine answer.

<!-- lore:wheel -->
"""
_MERMAID_EXPECTED = (
    "node_modules/mermaid/dist/mermaid.min.js beside mkdocs.yml or a folder above it (run 'npm install mermaid'), "
    "or the plugin option 'mermaid_js'"
)


class IncidentsPlugin(BasePlugin[IncidentsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_serve = False
        self._reset()

    def _reset(self) -> None:
        self.kb: Knowledge | None = None
        self.renderer: Renderer | None = None
        self.files: Files | None = None
        self.mermaid_path: str | None = None
        self.mermaid_fences = False
        # Filled by lore.macros while pages render; read by lore/backlinks.
        self.macro_links: list = []
        self.macro_errors: list[str] = []
        self.timelines: dict = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Drafts render only in the preview; knowing the command needs this hook.
        self.is_serve = command == "serve"

    # -- configuration -------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._reset()
        if not self.config.enabled:
            return None
        self.options = Options.from_mapping(
            {
                "incidents_dir": self.config.incidents_dir,
                "kinds": self.config.kinds,
                "extra_keys": self.config.extra_keys,
                "onboarding_dir": self.config.onboarding_dir,
                "drafts": self.config.drafts,
                "themes": self.config.themes,
            }
        )
        self.themes = self.options.themes or Themes.from_mapping()
        # heading text -> anchor, per story, from each page's table of contents (for theme pages)
        self.anchors: dict[str, dict[str, str]] = {}
        if not self.options.kinds:
            raise PluginError("lore/incidents: kinds: is empty (expected at least one kind, e.g. [incident])")
        use_stylesheet(config)
        use_script(config, "onthisday.js")
        if self.config.wheel:
            use_script(config, "wheel.js")
        if self.config.mermaid:
            self._configure_mermaid(config)
        self.show_tags = not any(name in config.plugins for name in ("tags", "material/tags"))
        return config

    def _configure_mermaid(self, config: MkDocsConfig) -> None:
        path = _find_mermaid(os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml")), self.config.mermaid_js)
        if path:
            self.mermaid_path = path
            if f"{ASSET_DIR}/mermaid.min.js" not in config.extra_javascript:
                config.extra_javascript.append(f"{ASSET_DIR}/mermaid.min.js")
        # Material draws what superfences marks as <pre class="mermaid">. With superfences configured, Lore adds
        # the mermaid fence if missing; without it, Lore rewrites fenced_code's output into the same markup
        # rather than adding superfences, which costs about half a millisecond per page to set up.
        if "pymdownx.superfences" in config.markdown_extensions:
            from pymdownx.superfences import fence_code_format

            fences = config.mdx_configs.setdefault("pymdownx.superfences", {}).setdefault("custom_fences", [])
            if not any(f.get("name") == "mermaid" for f in fences):
                fences.append({"name": "mermaid", "class": "mermaid", "format": fence_code_format})
        else:
            self.mermaid_fences = True

    # -- files: read, check, generate ---------------------------------

    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        sources = [
            (f.src_uri, (lambda f=f: f.content_bytes))
            for f in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        ]
        kb = scan(sources, self.options)
        self.timelines = self._read_timelines(kb, files)
        report(kb.problems, log, "lore/incidents", "content error")
        self.kb = kb
        self.renderer = Renderer(kb, show_tags=self.show_tags)

        for incident in kb.incidents:
            file = files.get_file_from_path(incident.src)
            if incident.is_draft and not self.config.drafts:
                file.inclusion = InclusionLevel.DRAFT
            elif not self.config.incidents_in_nav:
                file.inclusion = InclusionLevel.NOT_IN_NAV
        for perspective in kb.perspectives.values():
            file = files.get_file_from_path(perspective.src)
            owner = kb.by_src[perspective.incident_src]
            # A perspective is published with its story, and reached from the story's card.
            file.inclusion = InclusionLevel.DRAFT if owner.is_draft and not self.config.drafts else InclusionLevel.NOT_IN_NAV

        if self.config.catalog:
            for src_uri, content in self._generated_pages(files):
                files.append(File.generated(config, src_uri, content=content))
        add_stylesheet(files, config)
        add_script(files, config, "onthisday.js")
        if self.config.wheel:
            add_script(files, config, "wheel.js")
            if files.get_file_from_path(self.config.wheel) is None:
                files.append(File.generated(config, self.config.wheel, content=WHEEL_PAGE))
        if self.config.language_hints != "off":
            self._language_hints(files)
        if self.mermaid_path:
            files.append(File.generated(config, f"{ASSET_DIR}/mermaid.min.js", abs_src_path=self.mermaid_path))
        self.files = files
        return files

    def _read_timelines(self, kb: Knowledge, files: Files) -> dict:
        """timeline.yml beside each folder-style story; its problems join the story's."""
        from lore.core import timeline

        out = {}
        for incident in kb.incidents:
            if incident.folder is None:
                continue
            file = files.get_file_from_path(f"{incident.folder}/timeline.yml")
            if file is None:
                continue
            parsed, problems = timeline.parse(file.src_uri, file.content_bytes, incident.date)
            kb.problems.extend(problems)
            if parsed is not None and parsed.entries:
                out[incident.src] = parsed
        return out

    def _generated_pages(self, files: Files):
        root = self.options.incidents_dir
        if files.get_file_from_path(f"{root}/index.md") is None:
            lines = ["---", "title: Incidents", "---", "",
                     "Every story, newest first. Near misses, game days and practice are learning too.", "",
                     "<!-- lore:kinds -->", ""]
            for year in self.kb.years():
                lines += [f"## [{year}]({year}/index.md)", "", f"<!-- lore:listing year={year} -->", ""]
            if any(i.year is None for i in self.kb.listed()):
                lines += ["## Undated", "", "<!-- lore:listing year=none -->", ""]
            yield f"{root}/index.md", "\n".join(lines)
        for kind in self.options.kinds[1:]:
            src = f"{root}/kind/{kind}.md"
            if files.get_file_from_path(src) is None:
                yield src, f"---\ntitle: {kind_plural(kind)}\n---\n\n<!-- lore:kinds -->\n\n<!-- lore:listing kind={kind} -->\n"
        for year in self.kb.years():
            src = f"{root}/{year}/index.md"
            if files.get_file_from_path(src) is None:
                yield src, f"---\ntitle: '{year}'\n---\n\n<!-- lore:listing year={year} -->\n"
        for theme, title in self.themes.titles.items():
            src = f"{root}/themes/{theme}.md"
            if files.get_file_from_path(src) is None:
                yield src, (f"---\ntitle: {json.dumps(title)}\n---\n\n"
                            f"Every \u201c{title}\u201d section from the stories, newest first, linked to where it stands.\n\n"
                            f"<!-- lore:theme {theme} -->\n")

    # -- navigation ----------------------------------------------------

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled or self.kb is None:
            return None
        root = self.options.incidents_dir
        catalog = files.get_file_from_path(f"{root}/index.md")
        section = catalog.page.parent if catalog and catalog.page else None
        if isinstance(section, Section):
            children = []
            for child in section.children:
                # The auto nav nests kind listings in a "Kind" section; they belong beside the catalog.
                if child.is_section and all(c.is_page and c.file.src_uri.startswith(f"{root}/kind/") for c in child.children):
                    for grandchild in child.children:
                        grandchild.parent = section
                    children.extend(child.children)
                else:
                    children.append(child)
            section.children = sorted(children, key=lambda item: self._nav_rank(item, root))
        year_sections = {}
        if isinstance(section, Section):
            for child in section.children:
                year = self._year_of(child, root)
                if year:
                    year_sections[year] = child
        for incident in self.kb.incidents:
            file = files.get_file_from_path(incident.src)
            if file.page is not None and not self.config.incidents_in_nav and file.page.parent is None:
                # Not listed in the sidebar, but the sidebar still opens where the story belongs.
                file.page.parent = year_sections.get(incident.year, section)
        return nav

    def _year_of(self, item, root: str) -> int | None:
        page = item if item.is_page else next((c for c in getattr(item, "children", []) if c.is_page), None)
        match = re.match(rf"^{re.escape(root)}/(\d{{4}})/index\.md$", page.file.src_uri) if page else None
        return int(match.group(1)) if match else None

    def _nav_rank(self, item, root: str) -> tuple:
        page = item if item.is_page else None
        src = page.file.src_uri if page else ""
        if src == f"{root}/index.md":
            return (0, 0, "")
        kinds = list(self.options.kinds)
        match = re.match(rf"^{re.escape(root)}/kind/(.+)\.md$", src)
        if match and match.group(1) in kinds:
            return (1, kinds.index(match.group(1)), "")
        year = self._year_of(item, root)
        if year:
            return (3, -year, "")
        return (2, 0, str(item.title or ""))

    # -- pages -----------------------------------------------------------

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.kb is None:
            return None
        perspective = self.kb.perspectives.get(page.file.src_uri)
        if perspective is not None and "title" not in page.meta:
            owner = self.kb.by_src[perspective.incident_src]
            page.meta["title"] = html_escape(f"{owner.title}, as {perspective.who} saw it")
            return None
        incident = self.kb.by_src.get(page.file.src_uri)
        if incident is not None:
            # The theme writes the title into <title>, the header and the h1 as it is.
            page.meta["title"] = html_escape(incident.title)
            if incident.summary and "description" not in page.meta:
                # Material writes the description into an attribute without escaping it.
                page.meta["description"] = html_escape(incident.summary)
            return None
        service = page.meta.get("service") if isinstance(page.meta.get("service"), str) else None
        if service in self.kb.services and isinstance(page.meta.get("title"), str):
            page.meta["title"] = html_escape(page.meta["title"])
        if service in self.kb.services and self.kb.services[service].src == page.file.src_uri and self.config.service_listing:
            return f"{markdown.rstrip()}\n\n## Incidents involving this service\n\n<!-- lore:service-incidents {service} -->\n"
        return None

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.kb is None:
            return None
        if self.mermaid_fences and _FENCED_MERMAID in html:
            html = _MERMAID_FENCE.sub(r'<pre class="mermaid"><code\1>', html)
        url_for = self._url_for(page)
        incident = self.kb.by_src.get(page.file.src_uri)
        if incident is not None:
            card = self.renderer.card(incident, url_for)
            head = re.match(r"\s*<h1\b.*?</h1>", html, re.S)
            html = html[: head.end()] + card + html[head.end():] if head else card + html
        if incident is not None and incident.src in self.timelines:
            if TIMELINE_MARKER not in html:
                html += TIMELINE_MARKER
            add_toc_entry(page, "timeline", "Timeline")
        if incident is not None and incident.themes and page.toc is not None:
            self.anchors[incident.src] = {item.title: item.id for item in walk_toc(page.toc)}
        perspective = self.kb.perspectives.get(page.file.src_uri)
        if perspective is not None:
            head = re.match(r"\s*<h1\b.*?</h1>", html, re.S)
            lead = self.renderer.perspective_lead(perspective, url_for)
            html = html[: head.end()] + lead + html[head.end():] if head else lead + html
        if self.mermaid_path is None and self.config.mermaid and 'class="mermaid"' in html:
            log.warning(f"{page.file.src_uri}: mermaid: diagram cannot render offline: no mermaid.min.js found (expected {_MERMAID_EXPECTED})")
        return html

    def _language_hints(self, files: Files) -> None:
        from lore.core.language import Checker

        checker = Checker(self.config.language_phrases)
        emit = log.warning if self.config.language_hints == "warning" else log.info
        for src in [*self.kb.by_src, *self.kb.perspectives]:
            text = files.get_file_from_path(src).content_string
            for hint in checker.check(src, text):
                emit(f"hint: {hint}")

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The wheel's and "On this day"'s data: small JSON files the browser reads."""
        if self.kb is None:
            return
        from lore.core.practice import on_this_day, wheel_data

        by_src = self.files.src_uris

        def url_for(src: str) -> str | None:
            file = by_src.get(src)
            return file.url if file is not None and (self.is_serve or not file.inclusion.is_excluded()) else None

        glossary = config.plugins.get("lore/glossary")
        terms = glossary.glossary.terms if getattr(glossary, "glossary", None) else []
        usage = getattr(glossary, "usage", {}) if glossary else {}
        out_dir = os.path.join(config.site_dir, ASSET_DIR)
        os.makedirs(out_dir, exist_ok=True)
        for name, data in (("wheel.json", wheel_data(self.kb, terms, url_for, usage)),
                           ("on-this-day.json", on_this_day(self.kb, url_for))):
            if name == "wheel.json" and not self.config.wheel:
                continue
            with open(os.path.join(out_dir, name), "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, separators=(",", ":"))

    @event_priority(-100)
    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        """Weigh a story's metadata above its prose in Material's search.

        Material has indexed the page by now (its hook runs first); the page's main
        entry gets the id, services and tags as search tags, which Material boosts
        far above body text. Other sections of the page keep only the writer's tags.
        """
        incident = self.kb.by_src.get(page.file.src_uri) if self.kb else None
        search = config.plugins.get("material/search") or config.plugins.get("search")
        index = getattr(getattr(search, "search_index", None), "entries", None)
        if incident is None or not index:
            return None
        for entry in reversed(index[-200:]):
            if entry.get("location") == page.url:
                services = [self.kb.services[s].title if s in self.kb.services else s for s in incident.services]
                entry["tags"] = list(dict.fromkeys([*entry.get("tags", []), incident.id, *incident.services, *services, *incident.tags]))
                break
        return None

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        if self.macro_errors:
            count = len(self.macro_errors)
            raise PluginError(f"lore/incidents: {count} macro error{'s' * (count != 1)} (listed above)")
        return None

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Fill listings after search indexing: they repeat what each story's own page says."""
        if self.kb is None or "<!-- lore:" not in output:
            return None
        url_for = self._url_for(page)
        return _MARKER.sub(lambda m: self._expand(m, page, url_for), output)

    def _url_for(self, page: Page):
        by_src, here = self.files.src_uris, page.file.url

        def url_for(src: str) -> str | None:
            file = by_src.get(src)
            if file is None or (file.inclusion.is_excluded() and not self.is_serve):
                return None
            return relative_url(here, file.url)

        return url_for

    def _expand(self, match: re.Match, page: Page, url_for) -> str:
        name, arg = match.group(1), (match.group(2) or "").strip()
        kb, root = self.kb, self.options.incidents_dir
        if name == "catalog":
            return self.renderer.kinds_bar(lambda k: url_for(f"{root}/kind/{k}.md"), url_for(f"{root}/index.md")) + self.renderer.catalog(
                url_for, lambda y: url_for(f"{root}/{y}/index.md")
            )
        if name == "kinds":
            return self.renderer.kinds_bar(lambda k: url_for(f"{root}/kind/{k}.md"), url_for(f"{root}/index.md"))
        if name == "listing":
            key, _, value = arg.partition("=")
            if key == "year":
                items = kb.by_year(None if value == "none" else int(value) if value.isdigit() else -1)
                return self.renderer.listing(items, url_for)
            if key == "kind":
                items = kb.by_kind(value)
                return self.renderer.listing(items, url_for, empty=f"No {kind_plural(value).lower()} written up yet.")
        if name == "timeline":
            parsed = self.timelines.get(page.file.src_uri)
            if parsed is None:
                return ""
            from lore.core import timeline

            title = f"Timeline of {kb.by_src[page.file.src_uri].title}"
            return ('<h2 id="timeline">Timeline</h2>'
                    f'<div class="lore-tl-scroll">{timeline.svg(parsed, title=title)}</div>'
                    '<details class="lore-tl-details"><summary>The same timeline as a table</summary>'
                    f'{timeline.table(parsed, _inline_markdown)}</details>')
        if name == "wheel":
            base = relative_url(page.file.url, "")
            return (f'<div class="lore-wheel" data-src="{base}{ASSET_DIR}/wheel.json" data-base="{base}">'
                    '<noscript><p>The wheel needs JavaScript. Without it, pick a page from the '
                    '<a href="' + (url_for(f"{root}/index.md") or base) + '">catalog</a> and start there.</p></noscript></div>')
        if name == "theme":
            entries = []
            for incident in kb.listed():
                for harvest in incident.themes:
                    if harvest.theme == arg:
                        anchor = self.anchors.get(incident.src, {}).get(harvest.heading, "")
                        url = url_for(incident.src)
                        entries.append({"incident": incident, "harvest": harvest,
                                        "url": f"{url}#{anchor}" if url and anchor else url})
            title = self.themes.titles.get(arg, arg)
            return self.renderer.theme_entries(entries, url_for, empty=f"No story has a “{title}” section yet.")
        if name == "service-incidents":
            items = kb.by_service(arg)
            return self.renderer.listing(items, url_for, empty="No stories involve this service yet.")
        log.warning(f"{page.file.src_uri}: lore marker: '{match.group(0)}' is not understood (expected lore:listing year=YYYY or kind=KIND)")
        return match.group(0)


def _find_mermaid(config_dir: str, option: str | None) -> str | None:
    """The configured mermaid.min.js (option, then $LORE_MERMAID_JS), or one in node_modules found as Node would."""
    option = option or os.environ.get("LORE_MERMAID_JS")
    if option:
        path = option if os.path.isabs(option) else os.path.join(config_dir, option)
        if not os.path.isfile(path):
            raise PluginError(f"lore/incidents: mermaid_js: no file at '{path}' (expected the path of mermaid.min.js, from the option or $LORE_MERMAID_JS)")
        return path
    folder = config_dir
    while True:
        path = os.path.join(folder, "node_modules", "mermaid", "dist", "mermaid.min.js")
        if os.path.isfile(path):
            return path
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _inline_markdown(text: str) -> str:
    """A timeline entry's short Markdown as inline HTML: emphasis, code and links, but
    no raw HTML, so an entry cannot smuggle markup into the page."""
    global _INLINE_MD
    if _INLINE_MD is None:  # one instance, reset per entry: building one costs more than converting a line
        import markdown

        _INLINE_MD = markdown.Markdown(output_format="html")
        _INLINE_MD.preprocessors.deregister("html_block")
        _INLINE_MD.inlinePatterns.deregister("html")
    html = _INLINE_MD.reset().convert(text)
    return html[3:-4] if html.startswith("<p>") and html.endswith("</p>") else html


_INLINE_MD = None
