"""Lists of stories: listings, the catalog, the kinds bar, theme entries, similar stories.

Listings hold every story between them, so they are string joins unless the
site overrides ``partials/lore/listing.html``.
"""

from __future__ import annotations

from typing import Callable

from lore import html
from lore.core.knowledge import Knowledge
from lore.core.model import Incident

from . import Partials
from .cards import services_of

UrlFor = Callable[[str], "str | None"]


def entries(kb: Knowledge, incidents: list[Incident], url_for: UrlFor) -> list[dict]:
    """What a listing shows of each story, links resolved once per service."""
    services: dict[str, dict] = {}
    titles = kb.themes_titles
    out = []
    for i in incidents:
        for sid in i.services:
            if sid not in services:
                services[sid] = services_of(kb, [sid], url_for)[0]
        out.append({"i": i, "url": url_for(i.src), "services": [services[s] for s in i.services],
                    "themes": [titles.get(h.theme, h.theme) for h in i.themes]})
    return out


def listing(partials: Partials, kb: Knowledge, incidents: list[Incident], url_for: UrlFor,
            empty: str = "No stories yet.") -> str:
    rows = entries(kb, incidents, url_for)
    if partials.overridden("listing"):
        return partials.render("listing", entries=rows, empty=empty)
    if not rows:
        return f'<p class="lore-list lore-list--empty">{html.text(empty)}</p>'
    out = ['<ul class="lore-list">']
    for e in rows:
        i = e["i"]
        li = f'<li class="lore-entry lore-entry--{html.text(i.kind)}">{entry_line(e)}'
        if i.summary:
            li += f'<p class="lore-entry__summary">{html.text(i.summary)}</p>'
        if e["themes"]:
            li += '<p class="lore-entry__themes">' + " ".join(
                f'<span class="lore-chip">{html.text(t)}</span>' for t in e["themes"]) + "</p>"
        out.append(li + "</li>")
    out.append("</ul>")
    return "\n".join(out)


def entry_line(e: dict) -> str:
    """One story's line in a listing: date, title, kind and services."""
    i, t = e["i"], html.text
    date = i.date.isoformat() if i.date else ""
    title = (f'<a class="lore-entry__title" href="{html.attr(e["url"])}">{t(i.title)}</a>' if e["url"]
             else f'<span class="lore-entry__title">{t(i.title)}</span>')
    links = ", ".join(f'<a href="{html.attr(s["url"])}">{t(s["title"])}</a>' if s["url"] else str(t(s["title"]))
                      for s in e["services"])
    services = f' <span class="lore-entry__services">{links}</span>' if links else ""
    return (f'<p class="lore-entry__line"><time datetime="{date}">{date or "undated"}</time> {title} '
            f'<span class="lore-badge lore-badge--{t(i.kind)}">{t(i.kind_label)}</span>{services}</p>')


def theme_entries(partials: Partials, kb: Knowledge, found: list[dict], url_for: UrlFor, empty: str) -> str:
    """Sections harvested from stories: ``found`` holds the incident, its harvest and the section's URL.

    A theme page lists a section of most stories, so string joins unless overridden."""
    rows = [{**row, "url": f["url"], "excerpts": f["harvest"].items}
            for f, row in zip(found, entries(kb, [f["incident"] for f in found], url_for))]
    if partials.overridden("theme-entries"):
        return partials.render("theme-entries", entries=rows, empty=empty, line=entry_line)
    if not rows:
        return f'<p class="lore-list lore-list--empty">{html.text(empty)}</p>'
    out = ['<ul class="lore-list lore-themes">']
    for e in rows:
        items = "".join(f"<li>{html.text(item)}</li>" for item in e["excerpts"])
        items = f'<ul class="lore-themes__items">{items}</ul>' if items else ""
        out.append(f'<li class="lore-entry lore-entry--{html.text(e["i"].kind)}">{entry_line(e)}{items}</li>')
    out.append("</ul>")
    return "\n".join(out)


def catalog(partials: Partials, kb: Knowledge, url_for: UrlFor, year_url: Callable[[int], "str | None"]) -> str:
    by_year: dict[int | None, list[Incident]] = {}
    for incident in kb.listed():
        by_year.setdefault(incident.year, []).append(incident)
    groups = [{"year": year, "url": year_url(year) if year else None, "html": listing(partials, kb, items, url_for)}
              for year, items in by_year.items()]
    return partials.render("catalog", groups=groups, total=len(kb.listed()))


def kinds_bar(partials: Partials, kb: Knowledge, kind_url: Callable[[str], "str | None"], catalog_url: str | None) -> str:
    counts: dict[str, int] = {}
    for incident in kb.listed():
        counts[incident.kind] = counts.get(incident.kind, 0) + 1
    # The default kind is what the catalog mostly holds; the others get their own listings.
    kinds = [{"kind": k, "count": counts.get(k, 0), "url": kind_url(k)} for k in kb.options.kinds[1:]]
    return partials.render("kinds-bar", kinds=kinds, total=sum(counts.values()), catalog_url=catalog_url)


def similar(partials: Partials, kb: Knowledge, incidents: list[Incident], url_for: UrlFor) -> str:
    """Also involving the same services: on every story page, string joins."""
    lines = "".join(f'<li class="lore-entry lore-entry--{html.text(e["i"].kind)}">{entry_line(e)}</li>'
                    for e in entries(kb, incidents, url_for))
    return f'<ul class="lore-list lore-similar">{lines}</ul>'
