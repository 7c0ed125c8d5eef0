"""An incident's ``timeline.yml``: who did what when, drawn one lane per person.

Responders work in parallel, so the timeline is not a line: each person gets
a lane (``layout``) in an inline SVG (``svg``) whose marks carry their time and
first words (``labels``) and link to their row in a table (``table``), which
has every word. ``parse`` reads the file into the model. This is the pure
core: callers get HTML strings and problems, never MkDocs objects.
"""

from __future__ import annotations

from lore.html import heading

from .layout import WIDTH, shape
from .parse import KEYS, TYPES, Entry, Timeline, parse
from .svg import describe_timeline, plain, svg
from .table import inline_markdown, table, unsafe_links

__all__ = [
    "KEYS", "TYPES", "WIDTH", "Entry", "Timeline", "describe_timeline", "inline_markdown", "parse", "plain",
    "section", "shape", "svg", "table", "unsafe_links",
]


def section(parsed: Timeline, title: str) -> str:
    """The story page's whole timeline block, so the plugin need not know its markup."""
    # The table is open: it is where every entry's words are, for touch, keyboard, print and search.
    return (heading("timeline", "Timeline") + f'<div class="lore-tl-scroll">{svg(parsed, title=title)}</div>'
            '<details class="lore-tl-details" open><summary>The same timeline as a table</summary>'
            f'{table(parsed)}</details>')
