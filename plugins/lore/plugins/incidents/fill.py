"""Filling ``lore/incidents``' markers in a finished page: listings, catalog, themes, wheel, timeline.

Filled after search indexing (``on_post_page``): listings repeat what each
story's own page says, so indexing them would only add noise.
"""

from __future__ import annotations

from functools import cached_property

from lore.core import timeline
from lore.core.markers import Found
from lore.core.model import kind_plural
from lore.core.urls import relative_url
from lore.render import listings, sections

from ..common import ASSET_DIR
from . import search


class Filler:
    """Fills the markers of one page; ``state`` is the build's shared state."""

    def __init__(self, state, page, anchors: dict[str, dict[str, str]], summaries_up_to: int = 1000,
                 found: list[Found] | None = None) -> None:
        self.state, self.page, self.anchors = state, page, anchors
        self.kb = state.content.kb
        self.partials = state.partials
        self.url_for = state.url_for(page.file.url)
        self.found, self.up_to = found or [], summaries_up_to  # found: the page's markers

    @cached_property
    def compact(self) -> bool:
        """The page's listings together hold more than ``summaries_up_to`` stories: a line per story."""
        return sum(len(self._items(f.name, f.arg) or []) for f in self.found) > self.up_to

    def _items(self, name: str, arg: str) -> list | None:
        """The stories a listing marker shows; None for a marker that lists none, or an argument it does not
        take (reported by the content pipeline, naming the page)."""
        key, _, value = arg.partition("=")
        if name == "catalog":
            return self.kb.listed()
        if name == "service-incidents":
            return self.kb.by_service(arg)
        if name == "listing" and key == "year" and (value == "none" or value.isdigit()):
            return self.kb.by_year(None if value == "none" else int(value))
        if name == "listing" and key == "kind" and value in self.kb.options.kinds:
            return self.kb.by_kind(value)
        return None

    def __call__(self, found: Found) -> str | None:
        method = getattr(self, "_" + found.name.replace("-", "_"), None)
        return method(found.arg) if method is not None else None

    def _card(self, arg: str) -> str | None:
        card = self.state.cards.get(self.page.file.src_uri)
        return None if card is None else search.unmarked(card)

    def _root_url(self, path: str) -> str | None:
        return self.url_for(f"{self.kb.options.incidents_dir}/{path}")

    def _bar(self) -> str:
        return listings.kinds_bar(self.partials, self.kb, lambda k: self._root_url(f"kind/{k}.md"), self._root_url("index.md"),
                                  here=self.page.file.src_uri)

    def _kinds(self, arg: str) -> str:
        """The bar; on the generated catalog (year listings under it) also what a compact catalog leaves out."""
        if self.compact and self.page.file.src_uri == f"{self.kb.options.incidents_dir}/index.md":
            return self._bar() + listings.compact_note(self.kb, self.up_to)
        return self._bar()

    def _catalog(self, arg: str) -> str:
        return self._bar() + listings.catalog(self.partials, self.kb, self.url_for, lambda y: self._root_url(f"{y}/index.md"),
                                              self.anchors, self.compact, self.up_to)

    def _listing(self, arg: str) -> str:
        items = self._items("listing", arg)
        if items is None:
            return ""
        key, _, value = arg.partition("=")
        empty = f"No {kind_plural(value).lower()} written up yet." if key == "kind" else "No stories yet."
        return listings.listing(self.partials, self.kb, items, self.url_for, empty=empty, anchors=self.anchors,
                                compact=self.compact)

    def _service_incidents(self, arg: str) -> str:
        return listings.listing(self.partials, self.kb, self.kb.by_service(arg), self.url_for,
                                empty="No stories involve this service yet.", anchors=self.anchors, compact=self.compact)

    def _theme(self, arg: str) -> str:
        theme, _, part = arg.partition(" ")
        part = part.strip()
        if part == "years":
            return self._theme_years(theme)
        year = part.partition("=")[2] if part else ""
        found = []
        for incident in self.kb.listed():
            if year and str(incident.year or "none") != year:
                continue
            for harvest in incident.themes:
                if harvest.theme == theme:
                    anchor = self.anchors.get(incident.src, {}).get(harvest.heading, "")
                    url = self.url_for(incident.src)
                    found.append({"incident": incident, "harvest": harvest,
                                  "url": f"{url}#{anchor}" if url and anchor else url})
        title = self.kb.themes_titles.get(theme, theme)
        return listings.theme_entries(self.partials, self.kb, found, self.url_for,
                                      empty=f"No story has a \u201c{title}\u201d section yet.")

    def _theme_years(self, theme: str) -> str:
        counts: dict[int | None, int] = {}
        for incident in self.kb.listed():
            if any(h.theme == theme for h in incident.themes):
                counts[incident.year] = counts.get(incident.year, 0) + 1
        years = [(year, n, self._root_url(f"themes/{theme}/{year or 'undated'}.md")) for year, n in counts.items()]
        return listings.theme_years(years)

    def _timeline(self, arg: str) -> str:
        parsed = self.state.content.timelines.get(self.page.file.src_uri)
        if parsed is None:
            return ""
        title = f"Timeline of {self.kb.by_src[self.page.file.src_uri].title}"
        return timeline.section(parsed, title=title)

    def _wheel(self, arg: str) -> str:
        base = relative_url(self.page.file.url, "")
        catalog = self._root_url("index.md") or base
        fallback = ('<noscript><p>The wheel needs JavaScript. Without it, pick a page from the '
                    f'<a href="{catalog}">catalog</a> and start there.</p></noscript>')
        return sections.widget("wheel", f"{base}{ASSET_DIR}/wheel.json", base, fallback)
