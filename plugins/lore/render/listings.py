"""Lists of stories: listings, the catalog, the kinds bar, theme entries, similar stories.

Listings hold every story between them, so they are string joins unless the
site overrides ``partials/lore/listing.html``.
"""

from __future__ import annotations

from typing import Callable, Optional

from markupsafe import Markup

from lore import html
from lore.core.knowledge import Knowledge
from lore.core.model import Incident

from . import Partials
from .cards import services_of

UrlFor = Callable[[str], "str | None"]


Anchors = Optional[dict[str, dict[str, str]]]  # story source -> heading text -> its anchor, as MkDocs made them


def entries(kb: Knowledge, incidents: list[Incident], url_for: UrlFor, anchors: Anchors = None,
            sections: bool = True) -> list[dict]:
    """What a listing shows of each story, links resolved once per service; each section it has (unless
    not ``sections``), linked to where it stands when its anchor is known."""
    services: dict[str, dict] = {}
    titles = kb.themes_titles
    out = []
    for i in incidents:
        for sid in i.services:
            if sid not in services:
                services[sid] = services_of(kb, [sid], url_for)[0]
        url, known = url_for(i.src), (anchors or {}).get(i.src, {})
        themes = [{"title": titles.get(h.theme, h.theme), "heading": h.heading,
                   "url": f"{url}#{known[h.heading]}" if url and known.get(h.heading) else None}
                  for h in (i.themes if sections else ())]
        out.append({"i": i, "url": url, "services": [services[s] for s in i.services], "themes": themes})
    return out


def listing(partials: Partials, kb: Knowledge, incidents: list[Incident], url_for: UrlFor,
            empty: str = "No stories yet.", anchors: Anchors = None, compact: bool = False) -> str:
    """Each story's line, summary and section chips; its line alone when ``compact`` (a long listing:
    Material's scripts stop on a page with some 80,000 links, about 10,000 stories with their chips)."""
    rows = entries(kb, incidents, url_for, anchors, sections=not compact)
    if partials.overridden("listing"):
        return partials.render("listing", entries=rows, empty=empty, compact=compact)
    if not rows:
        return f'<p class="lore-list lore-list--empty">{html.text(empty)}</p>'
    out = ['<ul class="lore-list">']
    for e in rows:
        i = e["i"]
        li = f'<li class="lore-entry lore-entry--{html.text(i.kind)}">{entry_line(e)}'
        if i.summary and not compact:
            li += f'<p class="lore-entry__summary">{html.text(i.summary)}</p>'
        if e["themes"]:
            li += ('<p class="lore-entry__themes" title="Sections this story has">'
                   '<span class="lore-entry__themes-label">Sections:</span>\n'
                   + "\n".join(_chip(e["i"], theme) for theme in e["themes"]) + "</p>")
        out.append(li + "</li>")
    out.append("</ul>")
    return "\n".join(out)


def _chip(incident: Incident, theme: dict) -> str:
    """A section the story has: a link to it, or a plain chip when its anchor is unknown."""
    t = html.text
    if not theme["url"]:
        return f'<span class="lore-chip">{t(theme["title"])}</span>'
    return (f'<a class="lore-chip" href="{html.attr(theme["url"])}" title="Read \u201c{html.attr(theme["heading"])}\u201d '
            f'in {html.attr(incident.title)}">{t(theme["title"])}</a>')


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
        items = "".join(f"<li>{html.text(item)}{_read_on(e, item)}</li>" for item in e["excerpts"])
        items = f'<ul class="lore-themes__items">{items}</ul>' if items else ""
        out.append(f'<li class="lore-entry lore-entry--{html.text(e["i"].kind)}">{entry_line(e)}{items}</li>')
    out.append("</ul>")
    return "\n".join(out)


def theme_years(years: list[tuple["int | None", int, "str | None"]]) -> str:
    """A theme split by year: each year's page, newest first, with how many stories it gathers."""
    out = ['<ul class="lore-list lore-themes__years">']
    for year, count, url in years:
        label = html.text(str(year) if year else "Undated")
        link = f'<a href="{html.attr(url)}">{label}</a>' if url else label
        out.append(f'<li>{link} <span class="lore-entry__meta">{count} {"story" if count == 1 else "stories"}</span></li>')
    out.append("</ul>")
    return "\n".join(out)


def _read_on(e: dict, item: str) -> str:
    """An excerpt Lore cut short ends in a link to the rest, where the section stands."""
    if not item.endswith("\u2026") or not e["url"]:
        return ""
    return (f' <a class="lore-themes__more" href="{html.attr(e["url"])}">Read on<span class="lore-sr"> in '
            f'\u201c{html.text(e["i"].title)}\u201d</span></a>')


def catalog(partials: Partials, kb: Knowledge, url_for: UrlFor, year_url: Callable[[int], "str | None"],
            anchors: Anchors = None, compact: bool = False, summaries_up_to: int = 1000) -> str:
    """Every story by year; a line each when ``compact`` (the page lists more than ``summaries_up_to``)."""
    by_year: dict[int | None, list[Incident]] = {}
    listed = kb.listed()
    for incident in listed:
        by_year.setdefault(incident.year, []).append(incident)
    groups = [{"year": year, "url": year_url(year) if year else None,
               "html": listing(partials, kb, items, url_for, anchors=anchors, compact=compact)}
              for year, items in by_year.items()]
    return partials.render("catalog", groups=groups, total=len(listed), compact=compact,
                           note=Markup(compact_note(kb, summaries_up_to)) if compact else "")


def compact_note(kb: Knowledge, summaries_up_to: int) -> str:
    """Where a reader of a catalog listed a line per story finds the summaries and sections.

    HTML of Lore's own words and a count, no writer's text: the catalog partial takes it as Markup."""
    longest = max(len(kb.by_year(year)) for year in [*kb.years(), None])
    where = ("each year\u2019s page has their summaries and sections" if longest <= summaries_up_to
             else "each story\u2019s page has its summary and sections")
    return f'<p class="lore-catalog__compact">{len(kb.listed())} stories, a line each: {where}.</p>\n'



def kinds_bar(partials: Partials, kb: Knowledge, kind_url: Callable[[str], "str | None"], catalog_url: str | None,
              here: str | None = None) -> str:
    """All stories and each kind's listing, with their counts; ``here`` (the page's source) marks the one shown."""
    counts: dict[str, int] = {}
    for incident in kb.listed():
        counts[incident.kind] = counts.get(incident.kind, 0) + 1
    root = kb.options.incidents_dir
    # The default kind is what the catalog mostly holds; the others get their own listings.
    kinds = [{"kind": k, "count": counts.get(k, 0), "url": kind_url(k), "current": here == f"{root}/kind/{k}.md"}
             for k in kb.options.kinds[1:]]
    return partials.render("kinds-bar", kinds=kinds, total=sum(counts.values()), catalog_url=catalog_url,
                           all_current=here == f"{root}/index.md")


def similar(partials: Partials, kb: Knowledge, incidents: list[Incident], url_for: UrlFor) -> str:
    """Also involving the same services: on every story page, string joins."""
    lines = "".join(f'<li class="lore-entry lore-entry--{html.text(e["i"].kind)}">{entry_line(e)}</li>'
                    for e in entries(kb, incidents, url_for))
    return f'<ul class="lore-list lore-similar">{lines}</ul>'
