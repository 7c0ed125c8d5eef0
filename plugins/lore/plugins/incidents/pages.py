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
        src = f"{root}/themes/{theme}.md"
        if not exists(src):
            intro = f"Every \u201c{title}\u201d section from the stories, newest first, linked to where it stands."
            out.append((src, _page(title, intro, "", tag("theme", theme))))
    return out
