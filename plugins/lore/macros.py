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
import re

from lore import html
from lore.core import macrocalls
from lore.core.graph import Link
from lore.core.macrocalls import UNKNOWN_EXPECTED
from lore.core.problems import Problem
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
        _report(self.state, message)

    def listed(self, items) -> str:
        for incident in items:
            self.link(incident)
        return items


def _macro(env):
    """Registers a Lore macro; with lore/incidents disabled there are no stories, so it shows nothing.

    A call the macro cannot use (core/macrocalls.py says which) never raises: mkdocs-macros would
    put a traceback in the page. It is an error naming the page and the macro, and the page
    shows a short notice where the block would be."""
    def register(fn):
        @functools.wraps(fn)
        def run(*args, **kwargs):
            from lore.plugins.state import state_of

            state = state_of(env.conf, "macros")
            if not state.stories:
                return ""
            found = macrocalls.argument_problems(fn.__name__, args, kwargs, state.content.kb)
            if not found:
                try:
                    return fn(*args, **kwargs)
                except Exception as exc:  # noqa: BLE001 - a writer's call must never put a traceback in a page
                    found = [(f"could not run ({type(exc).__name__}: {str(exc)[:120]})", "a call as the writing guide shows")]
            src = env.page.file.src_uri
            for message, expected in found:
                _report(state, str(Problem(src, fn.__name__, message, expected)))
            return _notice(fn.__name__, found[0][0])

        env.macro(run)
        return run

    return register


def _report(state, message: str) -> None:
    log.error(message)
    state.problems.append(message)


def _notice(name: str, message: str) -> str:
    return _block(f'<p class="lore-macro-error">{html.text(name)}: {html.text(message)}</p>')


def on_pre_page_macros(env) -> None:
    """Keeps the page's Markdown: if rendering fails, mkdocs-macros replaces it with a traceback."""
    env.lore_source = env.markdown


_FAILED = re.compile(r"\A# _Macro (?:Rendering|Syntax) Error_.*?^_(?!File_)(\w+)_: (.*?)$", re.S | re.M)


class _NoTraceback(logging.Filter):
    """mkdocs-macros logs a failed page with its traceback (absolute paths); Lore reports it in one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "# _Macro Rendering Error_" not in str(record.msg) and "# _Macro Syntax Error_" not in str(record.msg)


_MACROS_LOG = logging.getLogger("mkdocs.plugins.mkdocs_macros.util")


def on_post_page_macros(env) -> None:
    """A failed page (an unknown macro, a Jinja syntax error) keeps its text, with one notice; no traceback."""
    failed = _FAILED.match(env.markdown or "")
    if failed is None:
        return
    from lore.plugins.state import state_of

    kind, detail = failed.group(1), " ".join(failed.group(2).split())[:160]
    _report(state_of(env.conf, "macros"), f"{env.page.file.src_uri}: macros: {kind}: {detail} "
            "(expected macros this site defines, written as the writing guide shows)")
    original = getattr(env, "lore_source", "") or ""
    env.markdown = (f'<p class="lore-macro-error">The macros on this page could not run: {html.text(kind)}: '
                    f'{html.text(detail)}</p>\n\n{original}')


def _block(text: str) -> str:
    return f"\n\n{text}\n\n"


def define_env(env) -> None:
    if not any(isinstance(f, _NoTraceback) for f in _MACROS_LOG.filters):
        _MACROS_LOG.addFilter(_NoTraceback())
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
                              "minutes": incident.reading_minutes})
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
        return _block(sections.widget("onthisday", f"{base}assets/lore/on-this-day/", base, inner))


def _count(value) -> int:
    """A macro's ``limit``, already checked by core/macrocalls: a whole number of 1 or more, perhaps as text."""
    return int(value)
