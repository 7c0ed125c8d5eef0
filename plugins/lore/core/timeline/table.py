"""The table view, where the words live, and the inline Markdown of an entry's ``what``.

The renderer is the one safe way an entry's Markdown becomes HTML: raw HTML is
not parsed (it stays text), and a link or image whose URL ``lore.html`` does
not allow is written as its plain text. ``parse`` asks the same renderer which
links it dropped, so the reported links are exactly the ones readers lose.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING, Callable

import markdown
from lore.html import attr, text

from ..safeurls import SafeUrls
from .labels import anchors
from .layout import clock_label, minutes, shape, xml_chars

if TYPE_CHECKING:
    from .parse import Entry, Timeline

@functools.cache
def _renderer() -> tuple[markdown.Markdown, SafeUrls]:
    """One instance, reset per entry: building one costs more than converting a line."""
    md = markdown.Markdown(output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    safe = SafeUrls(md)
    md.treeprocessors.register(safe, "lore-timeline-safe-urls", 5)  # after 'inline' (20), before 'unescape' (0)
    return md, safe


# Words and punctuation Markdown leaves as they are: most entries are a plain sentence.
_PLAIN = re.compile(r"[^\W\d_](?:[^\W_]|[ ,.;:'\"?%/@$()=+-])*(?<! )")


@functools.lru_cache(maxsize=4096)
def _render(source: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Cached: ``parse`` asks for the dropped links, the table for the HTML, of the same entries."""
    if _PLAIN.fullmatch(source):
        return source, ()
    md, safe = _renderer()
    safe.blocked = []  # Markdown skips tree processors for blank text: last entry's list must not linger
    html = md.reset().convert(source)
    return (html[3:-4] if html.startswith("<p>") and html.endswith("</p>") else html), tuple(safe.blocked)


def inline_markdown(source: str) -> str:
    """A timeline entry's short Markdown as inline HTML: emphasis, code and safe links, no raw HTML."""
    return _render(source)[0]


def unsafe_links(source: str) -> list[tuple[str, str]]:
    """("link" or "image", URL) for each URL the renderer writes as plain text instead."""
    return list(_render(source)[1])


def _glyph(kind: str) -> str:
    return (f'<svg class="lore-tl-glyph" viewBox="-8 -8 16 16" width="12" height="12" aria-hidden="true">'
            f"{shape(kind, 0, 0)}</svg>")


def table(timeline: Timeline, inline: Callable[[str], str] | None = None) -> str:
    """The same entries as rows, in time order; the words live here.

    ``inline`` turns ``what`` into inline HTML and is trusted to be safe (the
    default, ``inline_markdown``, is); all else is escaped. Until and Source
    columns appear only when some entry uses them. The wrapper carries the
    class so Material still styles the bare ``<table>``.
    """
    if not timeline.entries:
        return ""
    inline = inline or inline_markdown
    day0 = timeline.start.date()
    entries = timeline.chronological()
    has_until = any(e.until for e in entries)
    has_source = any(e.source for e in entries)
    head = ["Time", "Who", "Type", "What"] + (["Until"] if has_until else []) + (["Source"] if has_source else [])
    out = ['<div class="lore-tl-table"><table>', "<thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead>", "<tbody>"]
    ids = anchors(entries, day0)
    for e in entries:
        # The anchor sits on the first cell, Material's ¶ beside the time: the same permalink as a heading's.
        cells = [
            f'<td class="lore-tl-time" id="{ids[e.number]}"><time datetime="{attr(e.at.isoformat(timespec="minutes"))}">'
            f'{text(clock_label(e.at, day0))}</time><a class="headerlink" href="#{ids[e.number]}" '
            f'title="Link to this entry">&para;</a></td>',
            f'<td class="lore-tl-who">{text(xml_chars(e.who))}</td>',
            f'<td class="lore-tl-kind"><span class="lore-tl-type lore-tl-{attr(e.type)}">{_glyph(e.type)}{text(e.type)}</span></td>',
            f'<td class="lore-tl-what">{inline(e.what)}</td>',
        ]
        if has_until:
            cells.append(_until_cell(e, day0))
        if has_source:
            cells.append(f'<td class="lore-tl-source">{text(xml_chars(e.source))}</td>')
        out.append(f'<tr class="lore-tl-row lore-tl-row--{attr(e.type)}" data-entry="{e.number}">' + "".join(cells) + "</tr>")
    out.append("</tbody></table></div>")
    return "\n".join(out)


def _until_cell(e: Entry, day0: dt.date) -> str:
    if e.until is None:
        return '<td class="lore-tl-time"></td>'
    length = round(minutes(e.at, e.until))
    shown = f"{length} min" if length < 120 else f"{length // 60} h {length % 60:02d} min"
    return (f'<td class="lore-tl-time"><time datetime="{attr(e.until.isoformat(timespec="minutes"))}">'
            f'{text(clock_label(e.until, day0))}</time> <span class="lore-tl-duration">({shown})</span></td>')
