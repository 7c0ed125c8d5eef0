"""Lore's macro calls in pages, checked without rendering them.

``{{ incident_card("id") }}`` and ``{{ reading_path("a", "b") }}`` name stories;
an unknown id or a draft is reported here, so ``lore check`` and the build say
the same (the macros themselves only render). Only pages that render macros
are read: ``render_macros: true``, or every page when the macros plugin's
``render_by_default`` is on and the page does not say ``render_macros: false``.
"""

from __future__ import annotations

import ast
import re

from .knowledge import Knowledge
from .problems import Problem, WARNING

NAMED = ("incident_card", "reading_path")  # the macros whose arguments are story ids
_CALL = re.compile(r"\{\{-?\s*((?:%s)\s*\(.*?\))\s*-?\}\}" % "|".join(NAMED), re.S)
UNKNOWN_EXPECTED = "the id of an incident: its slug unless it sets 'id'"
DRAFT_EXPECTED = "a published story; 'drafts: true' publishes drafts"


def renders(meta: dict, by_default: bool | None) -> bool:
    """Whether mkdocs-macros renders this page (``by_default`` None: no macros plugin)."""
    if by_default is None:
        return False
    flag = meta.get("render_macros")
    return flag is True or (by_default and flag is not False)


def ids(body: str) -> list[tuple[str, str]]:
    """(macro name, story id) for each literal id a Lore macro is called with."""
    out = []
    for match in _CALL.finditer(body):
        try:
            call = ast.parse(match.group(1), mode="eval").body
        except SyntaxError:
            continue
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name):
            args = call.args if call.func.id == "reading_path" else call.args[:1]
            out += [(call.func.id, str(a.value)) for a in args if isinstance(a, ast.Constant)]
    return out


def problems(path: str, body: str, kb: Knowledge) -> list[Problem]:
    out = []
    for name, story in ids(body) if "{{" in body else []:
        incident = kb.by_id.get(story)
        if incident is None:
            out.append(Problem(path, name, f"unknown incident id '{story[:60]}'", UNKNOWN_EXPECTED))
        elif kb.hidden(incident.src):
            out.append(Problem(path, name, f"'{story}' is the draft {incident.src}, which is not published",
                               DRAFT_EXPECTED, WARNING))
    return out
