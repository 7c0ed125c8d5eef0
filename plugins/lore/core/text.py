"""Markdown as text: which lines are prose, plain words, plurals.

One scanner decides what Python-Markdown will treat as code or raw HTML (fenced
code, indented code, block-level HTML, comments) so that every check that reads
Markdown without rendering it (forced term links, body links, markers, term
suggestions, the importer) agrees with what the build renders.
"""

from __future__ import annotations

import hashlib
import re
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[*+-]|\d+[.)])[ \t]+\S")
# Admonitions, collapsible details, content tabs and footnotes: their indented lines are Markdown.
_CONTAINER = re.compile(r"^ {0,3}(?:!!!|\?\?\?\+?|===|\[\^[^\]]+\]:)")
_HTML_OPEN = re.compile(r"^ {0,3}<([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*)?>?")
_MARKDOWN_ATTR = re.compile(r"\smarkdown(?:\s*=|\s|>|$)")
_INLINE_CODE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
BLOCK_TAGS = frozenset(
    """address article aside blockquote body canvas center colgroup dd del details dialog div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr iframe ins li main math menu nav noscript ol
    output p pre section script style table tbody td textarea tfoot th thead tr ul video audio""".split()
)

PROSE, CODE, HTML = "prose", "code", "html"


def classify(body: str) -> list[tuple[str, str]]:
    """Each line of ``body`` with what Markdown makes of it: prose, code or raw HTML."""
    return list(zip(body.split("\n"), map(_CODE_KIND.__getitem__, _kinds(body))))


_KIND_CODE = {PROSE: "p", CODE: "c", HTML: "h"}
_CODE_KIND = {v: k for k, v in _KIND_CODE.items()}
# Several checks read each body in turn (themes, links, terms, markers): each body is scanned once.
# Keyed by a digest of the content, one letter a line, bounded: a few MB at most, right after any edit.
_SCANNED: dict[bytes, str] = {}
_SCANNED_MAX = 16384


def _kinds(body: str) -> str:
    key = hashlib.blake2b(body.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    kinds = _SCANNED.get(key)
    if kinds is None:
        kinds = _scan(body.split("\n"))
        if len(_SCANNED) >= _SCANNED_MAX:
            del _SCANNED[next(iter(_SCANNED))]
        _SCANNED[key] = kinds
    return kinds


def _scan(lines: list[str]) -> str:
    """One letter per line (p, c, h); lines that cannot open code or HTML skip the block tests."""
    out: list[str] = []
    i = 0
    state = {"blank": True, "nested": False}
    while i < len(lines):
        line = lines[i]
        first = line[:1]
        handled = None
        if not first or first in " \t`~<":
            handled = _fenced(lines, i) or _html_block(lines, i, state) or _indented(lines, i, state)
        if handled:
            kind, end = handled
            out.append(_KIND_CODE[kind] * (end - i))
            i = end
            state["blank"] = False
            continue
        if not line.strip():
            state["blank"] = True
        else:
            if _LIST_ITEM.match(line) or _CONTAINER.match(line):
                state["nested"] = True
            elif state["blank"] and first not in " \t":
                state["nested"] = False
            state["blank"] = False
        out.append("p")
        i += 1
    return "".join(out)


def _fenced(lines: list[str], i: int) -> tuple[str, int] | None:
    opener = _FENCE.match(lines[i])
    if opener is None:
        return None
    mark = opener.group(1)
    for j in range(i + 1, len(lines)):
        closer = _FENCE.match(lines[j])
        if closer and closer.group(1)[0] == mark[0] and len(closer.group(1)) >= len(mark) and not lines[j].strip(mark[0] + " \t"):
            return CODE, j + 1
    return CODE, len(lines)


def _html_block(lines: list[str], i: int, state: dict) -> tuple[str, int] | None:
    line = lines[i]
    if not state["blank"] and not _HTML_OPEN.match(line) and not line.lstrip().startswith("<!--"):
        return None
    if line.lstrip().startswith("<!--") and state["blank"]:
        for j in range(i, len(lines)):
            if "-->" in lines[j]:
                return HTML, j + 1
        return HTML, len(lines)
    opener = _HTML_OPEN.match(line)
    if not state["blank"] or opener is None or opener.group(1).lower() not in BLOCK_TAGS:
        return None
    if _MARKDOWN_ATTR.search(opener.group(2) or ""):
        return None  # md_in_html: the content is Markdown
    tag = opener.group(1).lower()
    opens, closes = re.compile(rf"<{tag}(?=[\s>/])", re.I), re.compile(rf"</{tag}\s*>", re.I)
    depth = 0
    for j in range(i, len(lines)):
        depth += len(opens.findall(lines[j])) - len(closes.findall(lines[j]))
        if depth <= 0:
            return HTML, j + 1
    return HTML, len(lines)


def _indented(lines: list[str], i: int, state: dict) -> tuple[str, int] | None:
    line = lines[i]
    if not state["blank"] or state["nested"] or not line.strip() or not line.startswith(("    ", "\t")):
        return None
    end = i
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith(("    ", "\t"))):
        end += 1
    while end > i and not lines[end - 1].strip():
        end -= 1  # trailing blank lines are not part of the block
    return CODE, end


def prose(body: str, keep_html: bool = False) -> str:
    """``body`` with code, raw HTML and inline code blanked out, line numbers and offsets kept.

    ``keep_html`` keeps raw HTML blocks and comments (where Lore's markers stand)."""
    kept = [line if kind == PROSE or (keep_html and kind == HTML) else " " * len(line) for line, kind in classify(body)]
    return _INLINE_CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), "\n".join(kept))


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


_LINK = re.compile(r"!?\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_FOOTNOTE = re.compile(r"\[\^[^\]]+\]")
# Emphasis marks at word edges (an underscore inside a word, as in max_connections, is a letter), and tags.
_MARKUP = re.compile(r"(?<!\w)(\*\*|__|\*|_)(?=\S)|(?<=\S)(\*\*|__|\*|_)(?!\w)|(`+|~~|==)|</?[a-zA-Z][^<>]*>")


def plain(markdown: str) -> str:
    """Inline Markdown as plain words: link text kept, emphasis, code marks, footnotes and tags dropped."""
    return " ".join(_MARKUP.sub("", _LINK.sub(r"\1", _FOOTNOTE.sub("", markdown))).split())


def is_acronym(name: str) -> bool:
    """Written in capitals (API, TLS, SEV1): matched only as written."""
    return any(c.isalpha() for c in name) and name == name.upper()


def plural(name: str) -> str:
    """The plural writers use for a term or a kind: API -> APIs, policy -> policies, box -> boxes."""
    if is_acronym(name):
        return name + "s"
    if re.search(r"[^aeiou]y$", name, re.I):
        return name[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", name, re.I):
        return name + "es"
    return name + "s"


def first_heading(body: str) -> str | None:
    """The text of the first level-1 heading in prose, used as a fallback title."""
    for line, kind in classify(body):
        stripped = line.strip()
        if kind != PROSE:
            continue
        if stripped.startswith("# "):
            return stripped[2:].strip().rstrip("#").strip() or None
    return None
