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
  One or two sentences: what happened, and why someone would want to read it.
services: [{services}]
tags: []
responders: []
investigators: []
related: []
data_sources:
  - what the analysis relied on, e.g. the chat log of the incident channel
  - interviews with the people involved
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


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-") or "story"


def story(title: str, date: dt.date, kind: str, services: list[str]) -> str:
    return STORY_TEMPLATE.format(
        title=json.dumps(title, ensure_ascii=False),
        date=date.isoformat(),
        kind=kind,
        services=", ".join(services),
    )
