"""Links and images whose URL is not allowed, turned into their words inside Markdown.

One tree processor for every place Lore renders writers' Markdown (page bodies,
timeline entries): it runs after the inline patterns, so links of every syntax
are seen (inline, reference, autolink, automail), whatever spelling hides the
scheme, and records what it dropped so the messages name exactly those links.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Callable

from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from lore.html import is_safe_url

URL_OF = {"a": "href", "img": "src"}
KIND = {"a": "link", "img": "image"}


class SafeUrls(Treeprocessor):
    """``also(url)`` blocks further URLs that are allowed in general (a page's links to drafts)."""

    def __init__(self, md, also: Callable[[str], bool] | None = None) -> None:
        super().__init__(md)
        self.also = also
        self.blocked: list[tuple[str, str]] = []  # (link or image, URL), for whoever reports them

    def run(self, root: etree.Element) -> None:
        found = [el for el in root.iter() if el.tag in URL_OF and el.get(URL_OF[el.tag]) is not None
                 and self._blocks(url_of(el))]
        if not found:
            return  # nearly every page: no parent map needed
        parents = {child: parent for parent in root.iter() for child in parent}
        for child in found:
            parent = parents[child]
            self.blocked.append((KIND[child.tag], url_of(child)))
            replace_by_words(parent, child)

    def _blocks(self, url: str) -> bool:
        return not is_safe_url(url) or (self.also is not None and self.also(url))


def url_of(element: etree.Element) -> str:
    # Automail hides its mailto: behind entities, with '&' held as a placeholder until output.
    return (element.get(URL_OF[element.tag]) or "").replace(AMP_SUBSTITUTE, "&")


def _words(element: etree.Element) -> str:
    """The text a reader would see of an element; an image's is its alt text."""
    out = [element.get("alt", "") if element.tag == "img" else (element.text or "")]
    for child in element:
        out += [_words(child), child.tail or ""]
    return "".join(out)


def replace_by_words(parent: etree.Element, child: etree.Element) -> None:
    words = _words(child) + (child.tail or "")
    index = list(parent).index(child)
    if index == 0:
        parent.text = (parent.text or "") + words
    else:
        before = parent[index - 1]
        before.tail = (before.tail or "") + words
    parent.remove(child)
