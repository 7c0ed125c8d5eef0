"""Where writers' strings become HTML: the one place Lore escapes.

Strings are stored raw in the model and escaped only here, at the moment they
are written, for the context they land in. ``url()`` is the only way a writer's
URL reaches an ``href``: http, https, mailto and relative URLs pass, anything
else (``javascript:``, ``data:``, ``vbscript:`` in any spelling) does not.
"""

from __future__ import annotations

import html as _html
import json as _json
import re

from markupsafe import Markup

ALLOWED_SCHEMES = ("http", "https", "mailto")
URL_EXPECTED = "an http, https or mailto URL, or a relative link"
# Browsers drop these before reading a scheme: "java\tscript:" is "javascript:".
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def text(value: object) -> Markup:
    """Element content: ``<``, ``>``, ``&`` and quotes escaped."""
    return Markup(_html.escape("" if value is None else str(value), quote=True))


def attr(value: object) -> Markup:
    """A double-quoted attribute value (the same escaping: quotes included)."""
    return Markup(_html.escape("" if value is None else str(value), quote=True))


_XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml(value: object) -> str:
    """Text or a quoted attribute in an XML file (the feed): escaped, and without the control characters
    XML 1.0 forbids, which would make a feed reader refuse the whole file."""
    return _html.escape(_XML_FORBIDDEN.sub("", "" if value is None else str(value)), quote=True)


def heading(anchor: str, title: str, level: int = 2) -> str:
    """A generated section heading with the same ¶ permalink as the writer's own (toc: permalink).

    Plain ``str``, not Markup: it is joined to other HTML, which Markup's ``+`` would escape."""
    a, words = attr(anchor), text(title)
    return f'<h{level} id="{a}">{words}<a class="headerlink" href="#{a}" title="Permanent link">&para;</a></h{level}>'


def is_safe_url(value: object) -> bool:
    """Whether a URL is http, https, mailto or relative, as a browser would read it."""
    if not isinstance(value, str):
        return False
    if ":" not in value and "&" not in value:
        return True  # no scheme can be spelled without a colon, literal or as an entity
    decoded = _IGNORED.sub("", _html.unescape(value))
    match = _SCHEME.match(decoded)
    if match is None:
        # No scheme before the first '/', '?' or '#': a relative URL (or '//host', which keeps the page's scheme).
        return ":" not in decoded.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    return match.group(1).lower() in ALLOWED_SCHEMES


def url(value: object) -> Markup | None:
    """An ``href``-ready URL, or None when it is not allowed (write the text plainly then)."""
    return attr(value.strip()) if is_safe_url(value) else None  # type: ignore[union-attr]


def script_json(data: object) -> str:
    """JSON safe inside ``<script>`` and in a file: no ``</script>``, no ``<!--``."""
    return (_json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def plain(markup: str) -> str:
    """HTML back to its text, for places that take text only (search tags, titles)."""
    return _html.unescape(re.sub(r"<[^>]*>", "", markup))
