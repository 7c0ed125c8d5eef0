"""Glossary linking: where prose becomes hypertext.

A Python-Markdown extension that walks each page's element tree once, after
inline parsing, so code, links, headings, raw HTML (still stashed) and image
attributes are never touched. ``[[term]]``, ``[[term|text]]`` and
``[[!text]]`` let writers force or suppress a link.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from lore.core.glossary import FORCED_LINK, Glossary, Matcher, Term
from lore.core.urls import relative_url
from lore.html import attr

SKIP_TAGS = frozenset(
    "a abbr button code h1 h2 h3 h4 h5 h6 kbd math pre samp script style svg textarea title".split()
)
NOLINK = "lore-nolink"
_PLACEHOLDER = re.compile("\x02[^\x03]*\x03")
# The opening tag of a glossary link as Python-Markdown serializes it.
PLAIN_LINK = re.compile(r'<a class="lore-term" href="([^"]+)">')


@dataclass
class PageLinker:
    """Everything glossary linking needs to know about the page being rendered."""

    glossary: Glossary
    matcher: Matcher
    src: str
    url: str = ""
    term_urls: dict[str, str] = field(default_factory=dict)
    link_all: bool = False
    native_tooltips: bool = True
    linked: set[str] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)

    def element(self, term: Term, text: str, final: bool = True) -> etree.Element:
        """A link to the term page: a final URL for auto-links (MkDocs has already
        resolved links by then), the source path for forced ones so MkDocs checks it.

        The tooltip is added to the finished page (see ``tooltips``): kept out of
        the search index and out of the HTML the search indexer parses."""
        if final and term.src in self.term_urls:
            href = relative_url(self.url, self.term_urls[term.src])
        else:
            href = posixpath.relpath(term.src, posixpath.dirname(self.src) or ".")
        self.used.add(term.src)
        el = etree.Element("a", {"class": "lore-term", "href": href})
        el.text = AtomicString(text)
        return el

    def tooltips(self) -> dict[str, str]:
        """href of each term linked here -> its opening tag with the tooltip."""
        out = {}
        for src in self.used:
            term = self.glossary.by_src[src]
            href = attr(relative_url(self.url, self.term_urls[src]))
            tip = attr(f"{term.term}: {term.short}" if term.short else term.term)
            if self.native_tooltips:
                out[href] = f'<a class="lore-term" href="{href}" title="{tip}">'
            else:
                out[href] = f'<a class="lore-term lore-term--tip" href="{href}" data-lore-tip="{tip}">'
        return out


    def split(self, text: str) -> tuple[str, list[etree.Element]]:
        """Text before the first link, and link elements whose tails hold the rest."""
        matches = self.matcher.find(text)
        if not matches:
            return text, []
        if "\x02" in text:
            stashed = [m.span() for m in _PLACEHOLDER.finditer(text)]
            matches = [m for m in matches if not any(s < m.end and m.start < e for s, e in stashed)]
        head, nodes, pos = text, [], 0
        for match in matches:
            term = match.term
            self.counts[term.src] = self.counts.get(term.src, 0) + 1
            if term.src == self.src or (term.src in self.linked and not self.link_all):
                continue
            self.linked.add(term.src)
            link = self.element(term, text[match.start:match.end])
            if nodes:
                nodes[-1].tail = text[pos:match.start]
            else:
                head = text[:match.start]
            nodes.append(link)
            pos = match.end
        if nodes:
            nodes[-1].tail = text[pos:]
        return head, nodes


class _Forced(InlineProcessor):
    def __init__(self, linker_ref) -> None:
        super().__init__(FORCED_LINK.pattern)
        self.linker_ref = linker_ref

    def handleMatch(self, m, data):  # noqa: N802 (Python-Markdown's name)
        linker: PageLinker | None = self.linker_ref()
        bang, name, text = m.group(1), m.group(2).strip(), (m.group(3) or "").strip()
        if bang or linker is None:
            el = etree.Element("span", {"class": NOLINK})
            el.text = AtomicString(text or name)
            return el, m.start(0), m.end(0)
        term = linker.glossary.lookup(name)
        if term is None:
            el = etree.Element("span", {"class": NOLINK})
            el.text = AtomicString(text or name)
            return el, m.start(0), m.end(0)
        linker.counts[term.src] = linker.counts.get(term.src, 0) + 1
        return linker.element(term, text or name, final=False), m.start(0), m.end(0)


class _AutoLink(Treeprocessor):
    def __init__(self, md, linker_ref) -> None:
        super().__init__(md)
        self.linker_ref = linker_ref

    def run(self, root: etree.Element) -> None:
        linker = self.linker_ref()
        if linker is not None and not linker.matcher.empty:
            self._walk(root, linker)

    def _walk(self, el: etree.Element, linker: PageLinker) -> None:
        index = 0  # children before this index are links we made: their tails are already done
        if el.text and not isinstance(el.text, AtomicString):
            head, nodes = linker.split(el.text)
            if nodes:
                el.text = head
                for i, node in enumerate(nodes):
                    el.insert(i, node)
                index = len(nodes)
        while index < len(el):
            child = el[index]
            if child.tag not in SKIP_TAGS and NOLINK not in (child.get("class") or ""):
                self._walk(child, linker)
            if child.tail and not isinstance(child.tail, AtomicString):
                head, nodes = linker.split(child.tail)
                if nodes:
                    child.tail = head
                    for offset, node in enumerate(nodes, start=1):
                        el.insert(index + offset, node)
                    index += len(nodes)
            index += 1


class GlossaryExtension(Extension):
    """Registered once per build; asks the plugin for the page being rendered."""

    def __init__(self, linker_ref) -> None:
        super().__init__()
        self.linker_ref = linker_ref

    def extendMarkdown(self, md) -> None:  # noqa: N802
        # Before the inline link pattern (160) so [[x]] is not read as a reference link.
        md.inlinePatterns.register(_Forced(self.linker_ref), "lore-glossary-forced", 175)
        # After inline parsing (20), attr_list (8), toc (5) and MkDocs' own link resolution (0):
        # auto-links carry final URLs, so MkDocs does not resolve thousands of them again.
        md.treeprocessors.register(_AutoLink(md, self.linker_ref), "lore-glossary", -5)
