"""Links writers wrote, made safe while Markdown renders.

A link whose URL is not http, https, mailto or relative, and a link to a draft
that ``mkdocs build`` does not publish, become their plain text (the shared
``core/safeurls`` mechanism, as in timeline entries); the content pipeline has
already reported each one (file and line), in ``lore check`` too.
"""

from __future__ import annotations

from markdown import Extension

from lore.core.bodies import resolve
from lore.core.safeurls import SafeUrls


class SafeLinksExtension(Extension):
    """``page_ref()`` gives (page source path, hidden(src) -> draft or None), or None outside a build."""

    def __init__(self, page_ref) -> None:
        super().__init__()
        self.page_ref = page_ref

    def _to_draft(self, url: str) -> bool:
        page = self.page_ref()
        if page is None:
            return False
        src, hidden = page
        target = resolve(src, url)
        return target is not None and hidden(target) is not None

    def extendMarkdown(self, md) -> None:  # noqa: N802
        # After toc (5) and before backlinks' collection (3) and MkDocs' own link resolution (0).
        md.treeprocessors.register(SafeUrls(md, also=self._to_draft), "lore-safe-links", 4)
