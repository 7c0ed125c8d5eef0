"""Lore's macro calls in pages, checked without rendering them.

``{{ incident_card("id") }}`` and ``{{ reading_path("a", "b") }}`` name stories;
an unknown id or a draft is reported here, so ``lore check`` and the build say
the same (the macros themselves only render). Only pages that render macros
are read: ``render_macros: true``, or every page when the macros plugin's
``render_by_default`` is on and the page does not say ``render_macros: false``.
"""

from __future__ import annotations

import ast
import inspect
import re
from typing import Any

from .knowledge import Knowledge
from .problems import Problem, WARNING
from .schema import did_you_mean

NAMED = ("incident_card", "reading_path")  # the macros whose arguments are story ids


# The signatures of Lore's macros (lore/macros.py implements them): calls are bound and checked
# here, with literal arguments read from the page by ``lore check`` and real ones by the build.
def incident_card(incident_id): ...
def incident_list(service=None, kind=None, tag=None, year=None, limit=None): ...
def reading_path(*incident_ids, title=None): ...
def nothing_broke(limit=6): ...
def theme_highlights(theme="surprises", limit=3): ...
def on_this_day(title="On this day"): ...


SIGNATURES = {f.__name__: inspect.signature(f) for f in
              (incident_card, incident_list, reading_path, nothing_broke, theme_highlights, on_this_day)}
_CALL = re.compile(r"\{\{-?\s*((?:%s)\s*\(.*?\))\s*-?\}\}" % "|".join(SIGNATURES), re.S)
_LIMIT = "a whole number of 1 or more"
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
    for call in _calls(body):
        if call.func.id in NAMED:
            args = call.args if call.func.id == "reading_path" else call.args[:1]
            out += [(call.func.id, str(a.value)) for a in args if isinstance(a, ast.Constant)]
    return out


def _calls(body: str) -> list[ast.Call]:
    out = []
    for match in _CALL.finditer(body):
        try:
            call = ast.parse(match.group(1), mode="eval").body
        except (SyntaxError, ValueError, RecursionError):
            continue
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name):
            out.append(call)
    return out


def argument_problems(name: str, args: tuple, kwargs: dict[str, Any], kb: Knowledge) -> list[tuple[str, str]]:
    """(message, expected) for each argument of one call that the macro cannot use."""
    signature = SIGNATURES[name]
    try:
        bound = signature.bind(*args, **kwargs)
    except TypeError as exc:
        return [(str(exc), f"{name}{signature}".replace("=None", "=…"))]
    out = []
    for arg, value in bound.arguments.items():
        problem = _argument(arg, value, kb)
        if problem is not None:
            out.append((f"{arg}: {problem[0]}", problem[1]))
    if name == "reading_path" and not bound.arguments.get("incident_ids"):
        out.append(("no story ids", "one or more story ids, in reading order"))
    return out


def _argument(arg: str, value: Any, kb: Knowledge) -> tuple[str, str] | None:
    if value is None and arg in ("service", "kind", "tag", "year", "limit", "title"):
        return None
    if arg == "limit":
        number = value if isinstance(value, int) and not isinstance(value, bool) else None
        if isinstance(value, str) and value.strip().isdigit():
            number = int(value)
        if number is None:
            return f"{value!r} is not a whole number", _LIMIT
        return (f"{number} is below 1", _LIMIT) if number < 1 else None
    if arg == "year":
        text = str(value) if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
        return None if re.fullmatch(r"\d{4}", text.strip()) else (f"{value!r} is not a year", "a year such as 2024")
    if not isinstance(value, str) and arg != "incident_ids":
        return f"{value!r} is not text", "a string in quotes"
    if arg == "service" and value not in kb.services:
        return f"unknown service {value!r}{did_you_mean(value, kb.services)}", "a service id from the architecture pages"
    if arg == "kind" and value not in kb.options.kinds:
        return f"unknown kind {value!r}{did_you_mean(value, kb.options.kinds)}", "one of: " + ", ".join(kb.options.kinds)
    if arg == "theme" and value not in kb.themes_titles:
        return (f"unknown theme {value!r}{did_you_mean(value, kb.themes_titles)}",
                "one of: " + ", ".join(kb.themes_titles))
    return None


def _literal(node: ast.AST) -> tuple[bool, Any]:
    try:
        return True, ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, RecursionError, MemoryError):
        return False, None


def problems(path: str, body: str, kb: Knowledge) -> list[Problem]:
    out = []
    for call in _calls(body) if "{{" in body else []:
        values = [_literal(a) for a in call.args] + [_literal(k.value) for k in call.keywords]
        if (not all(ok for ok, _ in values) or any(k.arg is None for k in call.keywords)
                or any(isinstance(a, ast.Starred) for a in call.args)):
            continue  # a variable or expression: the build checks the value it has
        args = tuple(v for _, v in values[:len(call.args)])
        kwargs = {k.arg: v for k, (_, v) in zip(call.keywords, values[len(call.args):])}
        out += [Problem(path, call.func.id, message, expected)
                for message, expected in argument_problems(call.func.id, args, kwargs, kb)]
    for name, story in ids(body) if "{{" in body else []:
        incident = kb.by_id.get(story)
        if incident is None:
            out.append(Problem(path, name, f"unknown incident id '{story[:60]}'", UNKNOWN_EXPECTED))
        elif kb.hidden(incident.src):
            out.append(Problem(path, name, f"'{story}' is the draft {incident.src}, which is not published",
                               DRAFT_EXPECTED, WARNING))
    return out
