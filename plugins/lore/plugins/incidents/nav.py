"""The short sidebar: catalog first, then kind listings, other pages, years newest first.

Stories are not in the sidebar by default (the whole sidebar is on every page,
so it would grow with the square of the number of stories), but each story's
page still opens the sidebar at its year.
"""

from __future__ import annotations

import re

from mkdocs.structure.files import Files
from mkdocs.structure.nav import Section

from lore.core.knowledge import Knowledge


def arrange(kb: Knowledge, files: Files, in_nav: bool) -> None:
    root = kb.options.incidents_dir
    catalog = files.get_file_from_path(f"{root}/index.md")
    section = catalog.page.parent if catalog and catalog.page else None
    years: dict[int, object] = {}
    if isinstance(section, Section):
        section.children = sorted(_flatten_kinds(section, root), key=lambda item: _rank(item, root, kb.options.kinds))
        years = {y: child for child in section.children if (y := _year_of(child, root))}
    if in_nav:
        return
    for incident in kb.incidents:
        file = files.get_file_from_path(incident.src)
        if file is not None and file.page is not None and file.page.parent is None:
            file.page.parent = years.get(incident.year, section)


def _flatten_kinds(section: Section, root: str) -> list:
    """The auto nav nests kind listings in a "Kind" section; they belong beside the catalog."""
    children = []
    for child in section.children:
        if child.is_section and all(c.is_page and c.file.src_uri.startswith(f"{root}/kind/") for c in child.children):
            for grandchild in child.children:
                grandchild.parent = section
            children.extend(child.children)
        else:
            children.append(child)
    return children


def _year_of(item, root: str) -> int | None:
    page = item if item.is_page else next((c for c in getattr(item, "children", []) if c.is_page), None)
    match = re.match(rf"^{re.escape(root)}/(\d{{4}})/index\.md$", page.file.src_uri) if page else None
    return int(match.group(1)) if match else None


def _rank(item, root: str, kinds) -> tuple:
    src = item.file.src_uri if item.is_page else ""
    if src == f"{root}/index.md":
        return (0, 0, "")
    match = re.match(rf"^{re.escape(root)}/kind/(.+)\.md$", src)
    if match and match.group(1) in kinds:
        return (1, list(kinds).index(match.group(1)), "")
    year = _year_of(item, root)
    if year:
        return (3, -year, "")
    return (2, 0, str(item.title or ""))


# A year section whose panel lists nothing (its stories are not in the sidebar), opened because the story is in it.
_EMPTY_OPEN = re.compile(
    r'(<input class="md-nav__toggle md-toggle[^"]*" type="checkbox" id="(__nav_[\d_]+)") checked>'
    r'(\s*<div class="md-nav__link md-nav__container">(?:(?!</div>).)*</div>\s*'
    r'<nav class="md-nav" data-md-level="\d+" aria-labelledby="\2_label" aria-expanded=")true'
    r'(">\s*<label class="md-nav__title"(?:(?!</label>).)*</label>\s*<ul class="md-nav__list"[^>]*>\s*</ul>)', re.S)


def close_empty_sections(output: str) -> str:
    """A story's year is open in the sidebar; on a phone the drawer would open on that empty panel, a dead
    end. Closed, the drawer opens on the incidents section (kinds and years); the year stays highlighted."""
    return _EMPTY_OPEN.sub(r"\1>\3false\4", output) if "data-md-scrollfix>" in output else output
