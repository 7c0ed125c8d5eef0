"""Pages Lore generates for the stories: catalog, kind listings, year pages, theme pages, the wheel.

Each is Markdown with markers, generated only when the writer has not written
that page; the markers are filled after rendering (``fill.py``).
"""

from __future__ import annotations

import json

from lore.core.knowledge import Knowledge
from lore.core.markers import tag
from lore.core.model import kind_plural

WHEEL_PAGE = f"""---
title: Practice wheel
---

Practice together, every week, with everyone who wants to come. Spin the wheel: it lands on
a service, a term from the glossary or a story. Whoever spun shows what they know about it
and where they would look first; everyone else adds what they know. Nobody is tested, and
"I don't know, let's find out" is a fine answer.

{tag("wheel")}
"""


def _page(title: str, *body: str) -> str:
    return "\n".join(["---", f"title: {json.dumps(title)}", "---", "", *body, ""])


def catalog(kb: Knowledge) -> str:
    lines = ["Every story, newest first. Near misses, game days and practice are learning too.", "", tag("kinds"), ""]
    for year in kb.years():
        lines += [f"## [{year}]({year}/index.md)", "", tag("listing", f"year={year}"), ""]
    if any(i.year is None for i in kb.listed()):
        lines += ["## Undated", "", tag("listing", "year=none"), ""]
    return _page("Incidents", *lines)


def generated(kb: Knowledge, exists) -> list[tuple[str, str]]:
    """(source path, Markdown) of each listing page the writer has not written; ``exists(src)`` says."""
    root, out = kb.options.incidents_dir, []
    if not exists(f"{root}/index.md"):
        out.append((f"{root}/index.md", catalog(kb)))
    for kind in kb.options.kinds[1:]:
        src = f"{root}/kind/{kind}.md"
        if not exists(src):
            out.append((src, _page(kind_plural(kind), tag("kinds"), "", tag("listing", f"kind={kind}"))))
    for year in kb.years():
        src = f"{root}/{year}/index.md"
        if not exists(src):
            out.append((src, _page(str(year), tag("listing", f"year={year}"))))
    for theme, title in kb.themes_titles.items():
        out += _theme_pages(kb, theme, title, exists)
    return out


THEME_PAGE_ENTRIES = 100  # above this, a theme has one page a year: a page of every section would be megabytes


def _theme_pages(kb: Knowledge, theme: str, title: str, exists) -> list[tuple[str, str]]:
    root = kb.options.incidents_dir
    years: dict[int | None, int] = {}
    for incident in kb.listed():
        if any(h.theme == theme for h in incident.themes):
            years[incident.year] = years.get(incident.year, 0) + 1
    intro = f"Every \u201c{title}\u201d section from the stories, newest first, linked to where it stands."
    out = []
    if sum(years.values()) <= THEME_PAGE_ENTRIES:
        body = [intro, "", tag("theme", theme)]
    else:
        body = [f"Every \u201c{title}\u201d section from the stories, one page a year.", "", tag("theme", f"{theme} years")]
        for year in years:
            src = f"{root}/themes/{theme}/{year or 'undated'}.md"
            if not exists(src):
                heading = f"{title}, {year}" if year else f"{title}, undated"
                out.append((src, _page(heading, intro, "", tag("theme", f"{theme} year={year or 'none'}"))))
    if not exists(f"{root}/themes/{theme}.md"):
        out.insert(0, (f"{root}/themes/{theme}.md", _page(title, *body)))
    return out
