"""Raw HTML in writers' pages, cleaned before anything else reads the page.

Markdown passes raw HTML through, so a writer's ``<script>``, ``onerror=`` or
``<a href="javascript:…">`` would run in every reader's browser. Each page's
rendered content is cleaned by an HTML5 sanitizer (nh3) with a generous list of
the markup Markdown, pymdown-extensions and Material write, comments (Lore's
markers) kept; the option ``sanitize: false`` turns it off for a site whose
writers are all trusted.
"""

from __future__ import annotations

import nh3

_SVG = {"svg", "path", "g", "circle", "rect", "line", "polyline", "polygon", "ellipse", "text", "tspan", "title",
        "desc", "defs", "symbol", "clippath", "lineargradient", "radialgradient", "stop", "marker"}
TAGS = set(nh3.ALLOWED_TAGS) | _SVG | {
    "input", "label", "details", "summary", "figure", "figcaption", "picture", "source", "video", "audio", "mark",
    "time", "section", "article", "aside", "nav", "header", "footer", "main", "button", "colgroup", "col", "span",
    "div", "dl", "dt", "dd", "abbr", "kbd", "samp", "var", "sup", "sub", "small", "u", "s", "ins", "del", "wbr",
}
_GENERIC = {"class", "id", "title", "lang", "dir", "role", "style", "tabindex", "hidden", "open", "name"}
_SVG_ATTRS = {"viewBox", "xmlns", "width", "height", "fill", "stroke", "stroke-width", "d", "cx", "cy", "r", "x", "y",
              "x1", "y1", "x2", "y2", "points", "transform", "rx", "ry", "opacity", "fill-rule", "clip-rule",
              "stroke-linecap", "stroke-linejoin", "text-anchor", "font-size", "dominant-baseline", "offset",
              "stop-color", "preserveAspectRatio", "focusable", "aria-hidden"}
ATTRIBUTES = {
    "*": _GENERIC,
    "a": {"href", "target", "rel", "download"},
    "img": {"src", "alt", "width", "height", "loading", "align"},
    "input": {"type", "checked", "disabled", "value"},
    "label": {"for"},
    "td": {"colspan", "rowspan", "align"}, "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start", "reversed", "type"}, "li": {"value"},
    "time": {"datetime"}, "source": {"src", "type", "media"},
    "video": {"src", "controls", "width", "height", "poster"}, "audio": {"src", "controls"},
    "col": {"span"}, "colgroup": {"span"}, "code": set(), "pre": set(),
    **{tag: _SVG_ATTRS for tag in _SVG},
}


def needed(markdown: str | None) -> bool:
    """Whether a page's Markdown can put writer-made tags or attributes into its HTML.

    Only raw HTML (it starts with ``<``, as do snippets' ``--8<--`` includes) and
    attribute lists (``{: onclick=…}``, fence options) can; everything else a writer
    types is escaped by Markdown, and URLs go through ``core/safeurls``. Most
    stories have neither, and cleaning costs more than rendering them."""
    return markdown is None or "<" in markdown or "{" in markdown


def clean(page_html: str) -> str:
    """The page with scripts, event handlers, frames, forms and unsafe URLs removed."""
    return nh3.clean(page_html, tags=TAGS, attributes=ATTRIBUTES, strip_comments=False, link_rel=None,
                     url_schemes={"http", "https", "mailto"}, generic_attribute_prefixes={"data-", "aria-"},
                     clean_content_tags={"script", "style"})
