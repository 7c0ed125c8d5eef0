"""The table view, where the words live, and the inline Markdown of an entry's ``what``.

The renderer is the one safe way an entry's Markdown becomes HTML: raw HTML is
not parsed (it stays text), and a link or image whose URL ``lore.html`` does
not allow is written as its plain text. ``parse`` asks the same renderer which
links it dropped, so the reported links are exactly the ones readers lose.
"""

from __future__ import annotations

import datetime as dt
import functools
import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING, Callable

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from lore.html import attr, is_safe_url, text

from .layout import clock_label, minutes, shape, xml_chars

if TYPE_CHECKING:
    from .parse import Entry, Timeline

_URL_OF = {"a": "href", "img": "src"}
_KIND = {"a": "link", "img": "image"}


class _SafeUrls(Treeprocessor):
    """Runs after the inline patterns, so links of every syntax are seen: inline,
    reference, autolink and automail alike, whatever spelling hides the scheme."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.blocked: list[tuple[str, str]] = []  # (link or image, URL) of the last conversion

    def run(self, root: etree.Element) -> None:
        found = [(parent, child) for parent in root.iter() for child in parent
                 if child.tag in _URL_OF and not is_safe_url(_url(child))]
        for parent, child in found:
            self.blocked.append((_KIND[child.tag], _url(child)))
            _replace_by_words(parent, child)


def _url(element: etree.Element) -> str:
    # Automail hides its mailto: behind entities, with '&' held as a placeholder until output.
    return (element.get(_URL_OF[element.tag]) or "").replace(AMP_SUBSTITUTE, "&")


def _words(element: etree.Element) -> str:
    """The text a reader would see of an element; an image's is its alt text."""
    out = [element.get("alt", "") if element.tag == "img" else (element.text or "")]
    for child in element:
        out += [_words(child), child.tail or ""]
    return "".join(out)


def _replace_by_words(parent: etree.Element, child: etree.Element) -> None:
    words = _words(child) + (child.tail or "")
    index = list(parent).index(child)
    if index == 0:
        parent.text = (parent.text or "") + words
    else:
        before = parent[index - 1]
        before.tail = (before.tail or "") + words
    parent.remove(child)


@functools.cache
def _renderer() -> tuple[markdown.Markdown, _SafeUrls]:
    """One instance, reset per entry: building one costs more than converting a line."""
    md = markdown.Markdown(output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    safe = _SafeUrls(md)
    md.treeprocessors.register(safe, "lore-timeline-safe-urls", 5)  # after 'inline' (20), before 'unescape' (0)
    return md, safe


def _render(source: str) -> tuple[str, list[tuple[str, str]]]:
    md, safe = _renderer()
    safe.blocked = []  # Markdown skips tree processors for blank text: last entry's list must not linger
    html = md.reset().convert(source)
    return (html[3:-4] if html.startswith("<p>") and html.endswith("</p>") else html), safe.blocked


def inline_markdown(source: str) -> str:
    """A timeline entry's short Markdown as inline HTML: emphasis, code and safe links, no raw HTML."""
    return _render(source)[0]


def unsafe_links(source: str) -> list[tuple[str, str]]:
    """("link" or "image", URL) for each URL the renderer writes as plain text instead."""
    return _render(source)[1]


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
    for e in entries:
        cells = [
            f'<td class="lore-tl-time"><time datetime="{attr(e.at.isoformat(timespec="minutes"))}">'
            f"{text(clock_label(e.at, day0))}</time></td>",
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
