"""Checks of what writers put in page bodies: links, forced term links, markers.

They read the Markdown source, never the rendered page, so ``lore check`` and
the build run the very same checks; ``text.prose`` decides what Markdown will
render (code and raw HTML blocks are not checked, as the build never links them).
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from dataclasses import dataclass
from typing import Callable
from urllib.parse import unquote, urlsplit

from lore.html import URL_EXPECTED, is_safe_url

from . import markers, schema, text
from .glossary import FORCED_LINK, Glossary
from .problems import Problem, WARNING

_INLINE_LINK = re.compile(r"\]\(\s*(<[^>\n]*>|(?:[^\s()]|\([^\s()]*\))+)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.M)
DRAFT_EXPECTED = "a link to a published page (it is shown as plain text; 'drafts: true' publishes drafts)"


@dataclass(frozen=True)
class Rules:
    """What the body checks compare against, for one build."""

    glossary: Glossary | None
    glossary_dir: str
    hidden: Callable[[str], "str | None"]  # a source path -> the draft it belongs to, if it is not published
    markers: markers.Context


def shown(value: str, limit: int = 60) -> str:
    """A writer's value as a message shows it: one line, control characters visible."""
    value = value if len(value) <= limit else value[: limit - 1] + "…"
    return repr(value)[1:-1] if not value.isprintable() else value


def link_targets(body: str, prose: str | None = None) -> list[tuple[int, str]]:
    """(line, URL) of every Markdown link and reference definition in prose (``prose``: body's, if known)."""
    prose = text.prose(body) if prose is None else prose
    found = [(m.start(1), m.group(1)) for m in _INLINE_LINK.finditer(prose)]
    found += [(m.start(1), m.group(1)) for m in _REFERENCE.finditer(prose)]
    out, line, last = [], 1, 0
    for at, target in sorted(found):
        line, last = line + prose.count("\n", last, at), at
        out.append((line, target.strip("<>")))
    return out


@lru_cache(maxsize=65536)
def resolve(source: str, href: str) -> str | None:
    """The docs-relative Markdown source a link names, or None for other links."""
    if ".md" not in href and "%" not in href:
        return None  # the common case, without parsing
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    path = unquote(parts.path)
    if not path.endswith(".md"):
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), path))


def link_problems(path: str, body: str, hidden: Callable[[str], "str | None"], offset: int = 0,
                  prose: str | None = None) -> list[Problem]:
    """``offset``: the lines of front matter above the body, so lines are the file's."""
    out = []
    for line, target in link_targets(body, prose):
        line += offset
        if not is_safe_url(target):
            out.append(Problem(path, "link", f"line {line}: '{shown(target)}' is not allowed", URL_EXPECTED, WARNING))
            continue
        resolved = resolve(path, target)
        draft = hidden(resolved) if resolved else None
        if draft:
            out.append(Problem(path, "link", f"line {line}: '{shown(target)}' is the draft {draft}, "
                               "which is not published", DRAFT_EXPECTED, WARNING))
    return out


def forced_link_problems(path: str, body: str, glossary: Glossary, glossary_dir: str,
                         prose: str | None = None) -> list[Problem]:
    """Each ``[[name]]`` that names no term, as the build reports it."""
    out = []
    for m in FORCED_LINK.finditer(text.prose(body) if prose is None else prose):
        name = m.group(2).strip()
        if not m.group(1) and glossary.lookup(name) is None:
            out.append(Problem(path, f"[[{shown(name)}]]", f"unknown term '{shown(name)}'"
                               f"{schema.did_you_mean(name, [n for t in glossary.terms for n in t.names])}",
                               f"a term or alias from {glossary_dir.strip('/')}/"))
    return out


def marker_problems(path: str, body: str, ctx: markers.Context) -> list[Problem]:
    return markers.problems(path, text.prose(body, keep_html=True), ctx)


def check(path: str, body: str, rules: Rules, offset: int = 0) -> list[Problem]:
    """Every body check of one page; ``offset`` is the number of lines above the body."""
    links, terms = "](" in body or "]:" in body, rules.glossary is not None and "[[" in body
    prose = text.prose(body) if links or terms else None
    out = link_problems(path, body, rules.hidden, offset, prose) if links else []
    if terms:
        out += forced_link_problems(path, body, rules.glossary, rules.glossary_dir, prose)
    if "<!-- lore:" in body:
        out += marker_problems(path, body, rules.markers)
    if "\n#" in body or body.startswith("#"):
        out += heading_problems(path, body, offset)
    return out


_ACCIDENTAL_HEADING = re.compile(r"^(#{1,6})([^\s#][^\s]*)", re.M)


def heading_problems(path: str, body: str, offset: int = 0) -> list[Problem]:
    """``#channel`` at the start of a line is a heading to Markdown (no space needed): rarely meant."""
    out = []
    for line, (content, kind) in enumerate(text.classify(body), start=1 + offset):
        match = _ACCIDENTAL_HEADING.match(content) if kind == text.PROSE else None
        if match:
            word = shown(match.group(0), 30)
            out.append(Problem(path, "heading", f"line {line}: '{word}' starts a line, so Markdown makes it a heading",
                               f"'\\{word}' to keep the word in the sentence, or '{match.group(1)} {match.group(2)}' "
                               "for a heading", WARNING))
    return out
