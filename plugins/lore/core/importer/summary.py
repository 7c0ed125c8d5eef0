"""A write-up's summary for cards and search: its own words, as plain text, never its boilerplate.

A Summary (TL;DR, Overview, Impact…) section says what the write-up is about; its
first real paragraph wins. Template lines are not a summary: "All times in UTC",
a list of bare URLs, a bold label with a value, a severity line.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from .. import text
from .headings import sections

SUMMARY_SECTIONS = ("summary", "executive summary", "incident summary", "tl;dr", "tldr", "overview",
                    "impact", "description", "what happened", "issue summary")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[A-Z0-9\"'(*_`])")
_FIELD_LINE = re.compile(r"^\s*(?:[*_]{1,2})?[A-Za-z][\w /()-]{0,30}?(?:[*_]{1,2})?\s*:(?:[*_]{1,2})?(\s|$)")
_BOILERPLATE = re.compile(
    r"(?i)^(?:\(?\s*all (?:times|timestamps|dates)\b.{0,40}\)?\.?"  # All times in CET.
    r"|(?:[*_]{2}[^*_]{1,40}[*_]{2}\s*[-–—:]).*"  # **Critical** - ..., **Versions affected**: 1.7
    r"|(?:<?https?://\S+>?[\s,;]*)+"  # bare URLs
    r"|(?:status|severity|owner|authors?|date|incident date|duration|impact|ticket)\s*:.*)$")


def summary(meta: dict[str, Any], body: str, notes: list[str]) -> str:
    given = text.plain(re.sub(r"\s+", " ", meta["summary"] if isinstance(meta.get("summary"), str) else ""))
    if given:
        return given
    found, where = from_body(body)
    notes.append(where if found else "no summary found")
    return found


def from_body(body: str) -> tuple[str, str]:
    """(summary, where it came from): a summary section's first real paragraph, else the first one."""
    for heading, text_ in sections(body):
        key = re.sub(r"[^\w;]+", " ", text.plain(heading.text)).strip().casefold()
        paragraph = _first_paragraph(text_) if key in SUMMARY_SECTIONS else ""
        if paragraph:
            return paragraph, f"summary from the '{heading.text[:30]}' section"
    paragraph = _first_paragraph(body)
    return paragraph, "summary from the first paragraph"


def summary_from_body(body: str) -> str:
    return from_body(body)[0]


def _first_paragraph(markdown: str) -> str:
    for block in _blocks(markdown):
        if _is_prose(block):
            return trim_summary(" ".join(line.strip() for line in block))
    return ""


def _blocks(body: str) -> Iterable[list[str]]:
    """Paragraph-sized runs of prose lines: pasted code and raw HTML never summarise a story."""
    block: list[str] = []
    for line, kind in text.classify(body):
        if kind == text.PROSE and line.strip():
            block.append(line)
        elif block:
            yield block
            block = []
    if block:
        yield block


def _is_prose(block: list[str]) -> bool:
    first = block[0].lstrip()
    if re.match(r"(#|<|\||>|[-*+]\s|\d+[.)]\s|!\[|\[[^\]]*\]:|[-*_=]{3,}\s*$|\[TOC\])", first):
        return False
    if len(block) > 1 and re.match(r"^\s*(=+|-+)\s*$", block[1]):
        return False  # a setext heading
    if all(_FIELD_LINE.match(line) or _BOILERPLATE.match(line.strip()) for line in block):
        return False  # "**Date:** ...", "Status: Complete", "All times in UTC.": a template's lines, not prose
    return len(text.plain(" ".join(block)).split()) >= 4


def trim_summary(paragraph: str) -> str:
    """About two sentences and at most ~300 characters, as cards can show."""
    paragraph = text.plain(paragraph).rstrip("\\").strip()
    sentences = _SENTENCE_END.split(paragraph)
    for count in (2, 1):
        candidate = " ".join(sentences[:count]).strip()
        if len(candidate) <= 300:
            return candidate
    cut = paragraph[:297].rsplit(" ", 1)[0].rstrip(",;:-–— ")
    return cut + "…"
