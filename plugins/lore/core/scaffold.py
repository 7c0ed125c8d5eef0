"""A new story's folder, with a template that asks for what makes stories memorable."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata

STORY_TEMPLATE = """\
---
title: {title}
date: {date}
kind: {kind}
status: draft
summary: >-
  {summary}
services: [{services}]
tags: []
responders: []
investigators: []
related: []
data_sources:
  - {source0}
  - {source1}
---

<!--
Write to be read, not filed. Tell the story as the people who were there lived
it: what they saw, what they believed, what they tried. There is no single root
cause to find, and action items are not the point. Delete these comments as you
go, and set `status: published` when the story is ready.
-->

## What happened

<!-- The story in the order people experienced it. Several people worked in
parallel: say who noticed what, and when. Link terms and earlier stories. -->

## What surprised us

<!-- The moments when the system did not behave as people expected. -->

## What made it hard

<!-- Confusing signals, missing tools, fatigue, competing priorities. -->

## Dilemmas

<!-- Choices with no obviously right answer, and how people weighed them. -->

## What went well

<!-- Expertise, improvisation and luck that helped. -->

## Open questions

<!-- What still puzzles us. Mysteries are worth writing down. -->

## What we relied on

<!-- The data behind this story: chat logs, dashboards, deploy logs,
interviews. Keep `data_sources` in the front matter in step with it. -->
"""


# The template's own words: a story that still holds them is not written yet (lore check says so).
PLACEHOLDERS = {
    "summary": "One or two sentences: what happened, and why someone would want to read it.",
    "data_sources": ("what the analysis relied on, e.g. the chat log of the incident channel",
                     "interviews with the people involved"),
}
SLUG_MAX = 60


def slugify(title: str) -> str:
    """A file name from a title: ASCII words joined by '-', at most 60 characters, cut at a word."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX + 1].rsplit("-", 1)[0] if "-" in slug[:SLUG_MAX + 1] else slug[:SLUG_MAX]
    return slug.strip("-") or "story"


def placeholder_fields(meta: dict) -> list[str]:
    """The front-matter fields that still hold the template's text."""
    out = ["summary"] if isinstance(meta.get("summary"), str) and " ".join(meta["summary"].split()) == PLACEHOLDERS["summary"] else []
    sources = meta.get("data_sources")
    if isinstance(sources, list) and any(s in PLACEHOLDERS["data_sources"] for s in sources):
        out.append("data_sources")
    return out


def story(title: str, date: dt.date, kind: str, services: list[str]) -> str:
    return STORY_TEMPLATE.format(
        title=json.dumps(title, ensure_ascii=False),
        date=date.isoformat(),
        kind=kind,
        services=", ".join(services),  # ids, checked by lore new against the service pages
        summary=PLACEHOLDERS["summary"],
        source0=PLACEHOLDERS["data_sources"][0],
        source1=PLACEHOLDERS["data_sources"][1],
    )
