"""Links writers wrote, made safe while Markdown renders.

A link whose URL is not http, https, mailto or relative, and a link to a draft
that ``mkdocs build`` does not publish, become their plain text; the content
pipeline has already reported each one (file and line), in ``lore check`` too.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

from lore.core.bodies import resolve
from lore.html import is_safe_url


class _SafeLinks(Treeprocessor):
    def __init__(self, md, page_ref) -> None:
        super().__init__(md)
        self.page_ref = page_ref

    def run(self, root: etree.Element) -> None:
        page = self.page_ref()
        for parent in root.iter():
            for child in parent:
                if child.tag == "img" and not is_safe_url(child.get("src", "")):
                    child.set("src", "")
                elif child.tag == "a" and child.get("href") is not None and self._blocked(page, child.get("href")):
                    _unwrap(child)

    @staticmethod
    def _blocked(page, href: str) -> bool:
        if not is_safe_url(href):
            return True
        if page is None:
            return False
        src, hidden = page
        target = resolve(src, href)
        return target is not None and hidden(target) is not None


def _unwrap(link: etree.Element) -> None:
    """Replace ``<a>`` by a ``<span>`` with the same children: the words stay, the link goes."""
    link.tag = "span"
    for name in list(link.attrib):
        del link.attrib[name]
    link.set("class", "lore-unlinked")


class SafeLinksExtension(Extension):
    """``page_ref()`` gives (page source path, hidden(src) -> draft or None), or None outside a build."""

    def __init__(self, page_ref) -> None:
        super().__init__()
        self.page_ref = page_ref

    def extendMarkdown(self, md) -> None:  # noqa: N802
        # After toc (5) and before backlinks' collection (3) and MkDocs' own link resolution (0).
        md.treeprocessors.register(_SafeLinks(md, self.page_ref), "lore-safe-links", 4)
