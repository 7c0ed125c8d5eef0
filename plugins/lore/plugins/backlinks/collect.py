"""Link collection: every Markdown link of every page, with the section it stands in.

Runs inside each page's Markdown conversion, before MkDocs turns ``.md`` paths
into URLs, so a link is read once and resolved to the page it names.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

from lore.core.bodies import resolve
from lore.core.graph import Link

_STASHED = re.compile("\x02[^\x03]*\x03")
HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


class _Collect(Treeprocessor):
    def __init__(self, md, sink) -> None:
        super().__init__(md)
        self.sink = sink

    def run(self, root) -> None:
        page = self.sink()
        if page is None:
            return
        source, out = page
        section = ""
        for el in root.iter():
            if el.tag in HEADINGS:
                section = heading_text(el)
            elif el.tag == "a" and "lore-term" not in (el.get("class") or ""):
                target = resolve(source, el.get("href") or "")
                if target:  # pages that do not exist too: the preview renders the page again when one appears
                    out.append(Link(source, target, anchor=_anchor(el.get("href")), section=section))


def heading_text(el) -> str:
    """A heading's words, without the permalink toc adds or stashed raw HTML."""
    parts = [el.text or ""]
    for child in el:
        if "headerlink" not in (child.get("class") or ""):
            parts.append(heading_text(child))
        parts.append(child.tail or "")
    return " ".join(_STASHED.sub("", "".join(parts)).split())


def _anchor(href: str | None) -> str:
    return urlsplit(href or "").fragment


class CollectExtension(Extension):
    """``sink()`` gives (page source path, list to append to) or None."""

    def __init__(self, sink) -> None:
        super().__init__()
        self.sink = sink

    def extendMarkdown(self, md) -> None:  # noqa: N802
        # After toc (5) so headings are final; before MkDocs rewrites .md links (0).
        md.treeprocessors.register(_Collect(md, self.sink), "lore-backlinks", 3)
