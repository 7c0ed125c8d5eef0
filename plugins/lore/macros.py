"""Macros for onboarding and architecture writers (a mkdocs-macros-plugin module).

    plugins:
      - macros:
          modules: [lore.macros]
          render_by_default: false   # stories keep their {{ pasted }} text as written

A page opts in with ``render_macros: true`` in its front matter. Each macro
returns an HTML block: write it on a line of its own. Links a macro makes are
recorded as links from the page, so they count in "Referenced by". Every
argument is a writer's string: it is escaped where it is written.
"""

from __future__ import annotations

import functools
import logging

from lore import html
from lore.core import macrocalls
from lore.core.graph import Link
from lore.core.macrocalls import UNKNOWN_EXPECTED
from lore.render import cards, listings, sections
from lore.core.urls import relative_url

log = logging.getLogger("mkdocs.plugins.lore.macros")


class _Call:
    """One macro call on one page: the build's state, the page, its links."""

    def __init__(self, env) -> None:
        from lore.plugins.state import state_of

        self.state = state_of(env.conf, "macros")
        self.kb = self.state.content.kb
        self.page = env.page
        self.source = getattr(self.page, "markdown", "") or ""
        self.url_for = self.state.url_for(self.page.file.url)

    def link(self, incident) -> None:
        self.state.macro_links.append(Link(self.page.file.src_uri, incident.src, via="macro"))

    def lookup(self, name: str, incident_id) -> tuple[bool, object]:
        """(known, incident or None when it is a draft this build does not publish)."""
        incident = self.kb.by_id.get(str(incident_id))
        src = self.page.file.src_uri
        # Literal ids are checked by the content pipeline (core/macrocalls.py), as in lore check.
        if incident is None:
            if not any(story == str(incident_id) for _, story in macrocalls.ids(self.source)):
                self._error(f"{src}: {name}: unknown incident id '{str(incident_id)[:60]}' (expected {UNKNOWN_EXPECTED})")
            return False, None
        if self.kb.hidden(incident.src):
            return True, None
        self.link(incident)
        return True, incident

    def _error(self, message: str) -> None:
        log.error(message)
        self.state.problems.append(message)

    def listed(self, items) -> str:
        for incident in items:
            self.link(incident)
        return items


def _macro(env):
    """Registers a Lore macro; with lore/incidents disabled there are no stories, so it shows nothing."""
    def register(fn):
        @functools.wraps(fn)
        def run(*args, **kwargs):
            from lore.plugins.state import state_of

            return fn(*args, **kwargs) if state_of(env.conf, "macros").stories else ""

        env.macro(run)
        return run

    return register


def _block(text: str) -> str:
    return f"\n\n{text}\n\n"


def define_env(env) -> None:
    _story_macros(env)
    _home_macros(env)


def _story_macros(env) -> None:
    @_macro(env)
    def incident_card(incident_id: str) -> str:
        """Title, date, kind and summary of one story, linked."""
        call = _Call(env)
        known, incident = call.lookup("incident_card", incident_id)
        if not known:
            return _block(f'<p class="lore-macro-error">Unknown incident: {html.text(incident_id)}</p>')
        url = call.url_for(incident.src) if incident else None
        return _block(cards.macro_card(call.state.partials, incident, url))

    @_macro(env)
    def incident_list(service: str | None = None, kind: str | None = None, tag: str | None = None,
                      year: int | None = None, limit: int | None = None) -> str:
        """Stories filtered by service, kind, tag and year, newest first."""
        call = _Call(env)
        items = [i for i in call.kb.listed()
                 if (not service or service in i.services) and (not kind or i.kind == kind)
                 and (not tag or tag in i.tags) and (not year or str(i.year) == str(year))]
        items = call.listed(items[: _count(limit)] if limit else items)
        return _block(listings.listing(call.state.partials, call.kb, items, call.url_for, empty="No stories match yet."))

    @_macro(env)
    def reading_path(*incident_ids: str, title: str | None = None) -> str:
        """A numbered reading sequence for onboarding, with reading times and the total."""
        call = _Call(env)
        steps = []
        for incident_id in incident_ids:
            known, incident = call.lookup("reading_path", incident_id)
            if incident is not None:
                steps.append({"incident": incident, "url": call.url_for(incident.src),
                              "minutes": max(1, round(incident.words / 200))})
            elif known:
                steps.append({"incident": None, "url": None, "minutes": 0})
        return _block(cards.reading_path(call.state.partials, steps, title))



def _home_macros(env) -> None:
    @_macro(env)
    def nothing_broke(limit: int = 6) -> str:
        """Near misses, game days and practice: learning when nothing broke, made visible."""
        call = _Call(env)
        default = call.kb.options.kinds[0] if call.kb.options.kinds else ""
        items = call.listed([i for i in call.kb.listed() if i.kind != default][: _count(limit)])
        return _block(listings.listing(call.state.partials, call.kb, items, call.url_for,
                                       empty="No near misses or game days written up yet."))

    @_macro(env)
    def theme_highlights(theme: str = "surprises", limit: int = 3) -> str:
        """The newest entries of one theme (surprises, open-questions, ...), linked to their stories."""
        call = _Call(env)
        found = [{"incident": i, "harvest": h, "url": call.url_for(i.src)}
                 for i in call.kb.listed() for h in i.themes if h.theme == theme][: _count(limit)]
        call.listed([f["incident"] for f in found])
        return _block(listings.theme_entries(call.state.partials, call.kb, found, call.url_for, empty="Nothing yet."))

    @_macro(env)
    def on_this_day(title: str = "On this day") -> str:
        """A block the browser fills with stories from today's date in past years."""
        call = _Call(env)
        base = relative_url(call.page.file.url, "")
        inner = (f'<p class="lore-onthisday__title">{html.text(title)}</p><ul class="lore-onthisday__list">'
                 '<li>Stories from this date in past years appear here.</li></ul>')
        return _block(sections.widget("onthisday", f"{base}assets/lore/on-this-day.json", base, inner))


def _count(value) -> int:
    """A macro's ``limit``: a writer's value, so anything but a whole number means none."""
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return 0
