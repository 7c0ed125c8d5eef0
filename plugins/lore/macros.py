"""Macros for onboarding and architecture writers (a mkdocs-macros-plugin module).

    plugins:
      - macros:
          modules: [lore.macros]
          render_by_default: false   # stories keep their {{ pasted }} text as written

A page opts in with ``render_macros: true`` in its front matter. Each macro
returns an HTML block: write it on a line of its own. Links a macro makes are
recorded as links from the page, so they count in "Referenced by".
"""

from __future__ import annotations

import logging
import re

from lore.core.graph import Link
from lore.core.render import macro_card, macro_path
from lore.core.urls import relative_url

log = logging.getLogger("mkdocs.plugins.lore.macros")
_WORDS = re.compile(r"\w+")


def define_env(env) -> None:
    def context():
        plugin = env.conf.plugins.get("lore/incidents")
        kb = getattr(plugin, "kb", None)
        if kb is None:
            raise RuntimeError("lore.macros needs the lore/incidents plugin, listed before macros in mkdocs.yml")
        page = env.page
        files = plugin.files.src_uris

        def url_for(src: str) -> str | None:
            target = files.get(src)
            return relative_url(page.file.url, target.url) if target else None

        return plugin, kb, page, url_for

    def lookup(name: str, incident_id: str):
        plugin, kb, page, url_for = context()
        incident = kb.by_id.get(str(incident_id))
        if incident is None:
            message = (
                f"{page.file.src_uri}: {name}: unknown incident id '{incident_id}' "
                f"(expected the id of an incident: its slug unless it sets 'id')"
            )
            log.error(message)
            plugin.macro_errors.append(message)
            return None
        plugin.macro_links.append(Link(page.file.src_uri, incident.src, via="macro"))
        return incident

    @env.macro
    def incident_card(incident_id: str) -> str:
        """Title, date, kind and summary of one story, linked."""
        plugin, kb, page, url_for = context()
        incident = lookup("incident_card", incident_id)
        if incident is None:
            return f"\n\n<p class=\"lore-macro-error\">Unknown incident: {_escape(incident_id)}</p>\n\n"
        return "\n\n" + macro_card(incident, url_for(incident.src)) + "\n\n"

    @env.macro
    def incident_list(service: str | None = None, kind: str | None = None, tag: str | None = None,
                      year: int | None = None, limit: int | None = None) -> str:
        """Stories filtered by service, kind, tag and year, newest first."""
        plugin, kb, page, url_for = context()
        items = kb.listed()
        if service:
            items = [i for i in items if service in i.services]
        if kind:
            items = [i for i in items if i.kind == kind]
        if tag:
            items = [i for i in items if tag in i.tags]
        if year:
            items = [i for i in items if i.year == int(year)]
        if limit:
            items = items[: int(limit)]
        for incident in items:
            plugin.macro_links.append(Link(page.file.src_uri, incident.src, via="macro"))
        return "\n\n" + plugin.renderer.listing(items, url_for, empty="No stories match yet.") + "\n\n"

    @env.macro
    def reading_path(*incident_ids: str, title: str | None = None) -> str:
        """A numbered reading sequence for onboarding, with reading times and the total."""
        plugin, kb, page, url_for = context()
        steps = []
        for incident_id in incident_ids:
            incident = lookup("reading_path", incident_id)
            if incident is not None:
                minutes = max(1, round(incident.words / 200))
                steps.append({"incident": incident, "url": url_for(incident.src), "minutes": minutes})
        return "\n\n" + macro_path(steps, title) + "\n\n"


    @env.macro
    def nothing_broke(limit: int = 6) -> str:
        """Near misses, game days and practice: learning when nothing broke, made visible."""
        plugin, kb, page, url_for = context()
        default = kb.options.kinds[0]
        items = [i for i in kb.listed() if i.kind != default][: int(limit)]
        for incident in items:
            plugin.macro_links.append(Link(page.file.src_uri, incident.src, via="macro"))
        return "\n\n" + plugin.renderer.listing(items, url_for, empty="No near misses or game days written up yet.") + "\n\n"

    @env.macro
    def theme_highlights(theme: str = "surprises", limit: int = 3) -> str:
        """The newest entries of one theme (surprises, open-questions, ...), linked to their stories."""
        plugin, kb, page, url_for = context()
        entries = []
        for incident in kb.listed():
            for harvest in incident.themes:
                if harvest.theme == theme and len(entries) < int(limit):
                    plugin.macro_links.append(Link(page.file.src_uri, incident.src, via="macro"))
                    entries.append({"incident": incident, "harvest": harvest, "url": url_for(incident.src)})
        return "\n\n" + plugin.renderer.theme_entries(entries, url_for, empty="Nothing yet.") + "\n\n"

    @env.macro
    def on_this_day(title: str = "On this day") -> str:
        """A block the browser fills with stories from today's date in past years."""
        plugin, kb, page, url_for = context()
        base = relative_url(page.file.url, "")
        return (
            f'\n\n<div class="lore-onthisday" data-src="{base}assets/lore/on-this-day.json" data-base="{base}">'
            f'<p class="lore-onthisday__title">{_escape(title)}</p><ul class="lore-onthisday__list">'
            '<li>Stories from this date in past years appear here.</li></ul></div>\n\n'
        )


def _escape(value) -> str:
    from html import escape

    return escape(str(value))
