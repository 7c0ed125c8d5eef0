"""The title heading of a write-up, and its other level-1 headings kept as sections.

Lore shows a story's title as the page's one H1. A write-up's title is the heading
it opens with (ATX ``# Title`` or an underlined setext title), not a ``# Stats`` at
the end; every other H1 becomes an H2 so that it stays a section of the story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import text

_ATX = re.compile(r"^ {0,3}(?P<hashes>#{1,6})(?:[ \t]+(?P<text>.*?))?[ \t]*(?:[ \t]#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
# What may come before the title heading without being the story: badges, images, comments, rules.
_PREAMBLE = re.compile(r"^\s*(?:$|<!--.*-->\s*$|!\[|\[!\[|<img\b|<br\s*/?>\s*$|\*{3,}\s*$|_{3,}\s*$)", re.I)


@dataclass(frozen=True)
class Heading:
    line: int  # index of its first line
    span: int  # 1 for ATX, 2 for setext
    level: int
    text: str


def headings(markdown: str) -> list[Heading]:
    """The prose headings, ATX and setext, in order."""
    lines = markdown.splitlines()
    kinds = [kind for _, kind in text.classify("\n".join(lines))]
    found: list[Heading] = []
    for i, line in enumerate(lines):
        if kinds[i] != text.PROSE:
            continue
        atx = _ATX.match(line)
        if atx:
            found.append(Heading(i, 1, len(atx.group("hashes")), (atx.group("text") or "").strip()))
            continue
        under = _SETEXT.match(lines[i + 1]) if i + 1 < len(lines) and kinds[i + 1] == text.PROSE else None
        if under and line.strip() and (i == 0 or not lines[i - 1].strip()) and not _ATX.match(line):
            if under.group(1)[0] == "-" and len(under.group(1)) < 3:
                continue
            found.append(Heading(i, 2, 1 if under.group(1)[0] == "=" else 2, line.strip()))
    return found


def title_heading(markdown: str) -> Heading | None:
    """The heading the write-up opens with, if nothing but a preamble comes before it."""
    found = headings(markdown)
    if not found:
        return None
    first = found[0]
    before = markdown.splitlines()[:first.line]
    if all(_PREAMBLE.match(line) for line in before) and first.text:
        return first
    return None


def demote(markdown: str, title: str, notes: list[str]) -> str:
    """Drop the opening heading when it repeats the title; every other H1 becomes an H2."""
    lines = markdown.splitlines()
    opening = title_heading(markdown)
    drop = opening if opening is not None and _same(opening.text, title) else None
    out: list[str] = []
    skip = set()
    for heading in headings(markdown):
        if heading == drop:
            skip.update(range(heading.line, heading.line + heading.span))
        elif heading.level == 1:
            lines[heading.line] = f"## {heading.text}"
            if heading.span == 2:
                skip.add(heading.line + 1)
            notes.append(f"level-1 heading '{heading.text[:40]}' kept as a section (level 2)")
    out = [line for i, line in enumerate(lines) if i not in skip]
    return "\n".join(out) + ("\n" if markdown.endswith("\n") else "")


def _same(a: str, b: str) -> bool:
    return words(a) == words(b)


def words(markdown: str) -> str:
    """Inline Markdown as comparable words: plain, one space, casefolded."""
    return re.sub(r"\s+", " ", text.plain(markdown)).strip().casefold()


def sections(markdown: str):
    """Each heading with its section's text, up to the next heading."""
    lines = markdown.splitlines()
    found = headings(markdown)
    for number, heading in enumerate(found):
        end = found[number + 1].line if number + 1 < len(found) else len(lines)
        yield heading, "\n".join(lines[heading.line + heading.span:end])
