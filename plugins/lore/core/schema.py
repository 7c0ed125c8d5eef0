"""Front-matter schemas, checked with JSON Schema and told in writers' words.

Each property carries ``x-expected``: the phrase that ends every message about
that field, so a schema change and its message change together.
"""

from __future__ import annotations

import difflib

import functools
from typing import Any, Iterable

from jsonschema import Draft202012Validator, FormatChecker

from .frontmatter import describe
from .problems import Problem

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*\Z"  # \Z: "$" would let a trailing newline through
ID_EXPECTED = "letters, digits, '-', '_' or '.', starting with a letter or digit"
DURATION_PATTERN = r"^(?=\d)(\d+d)?[ \t]*(\d+h)?[ \t]*(\d+m)?[ \t]*(\d+s)?\Z"
STATUSES = ("draft", "review", "published")
# Keys MkDocs and Material read from any page; never reported as unknown.
PAGE_KEYS = ("hide", "template", "search", "icon", "description", "comments", "subtitle", "render_macros")


def string_list(what: str, example: str = "[a, b]") -> dict[str, Any]:
    return {
        "type": "array",
        "items": {"type": "string", "minLength": 1, "pattern": r"\S"},
        "x-expected": f"a list of {what}, e.g. {example}",
    }


def _id_list(what: str) -> dict[str, Any]:
    return {
        "type": "array",
        "items": {"type": "string", "pattern": ID_PATTERN},
        "x-expected": f"a list of {what}, e.g. [a, b]",
    }


@functools.lru_cache(maxsize=8)
def _incident_schema(kinds: tuple[str, ...]) -> dict[str, Any]:
    return _build_incident_schema(kinds)


def incident_schema(kinds: Iterable[str]) -> dict[str, Any]:
    """The schema for a site's kinds; built once per set of kinds (treat it as read-only)."""
    return _incident_schema(tuple(kinds))


def _build_incident_schema(kinds: Iterable[str]) -> dict[str, Any]:
    kinds = list(kinds)
    return {
        "type": "object",
        "required": ["title", "date"],
        "properties": {
            "title": {"type": "string", "minLength": 1, "pattern": r"\S", "x-expected": "a non-empty string"},
            "date": {
                "type": "string",
                "pattern": r"^\d{4}-\d{2}-\d{2}\Z",
                "format": "date",
                "x-expected": "a date written YYYY-MM-DD, when it began",
            },
            "id": {"type": "string", "pattern": ID_PATTERN, "x-expected": ID_EXPECTED},
            "kind": {"enum": kinds, "x-expected": "one of: " + ", ".join(kinds)},
            "summary": {"type": "string", "minLength": 1, "pattern": r"\S", "x-expected": "one or two sentences"},
            "services": _id_list("service ids"),
            "tags": string_list("tags"),
            "severity": {"type": ["string", "integer"], "x-expected": "a string or a whole number, e.g. SEV2 or 2"},
            "duration": {
                "type": "string",
                "pattern": DURATION_PATTERN,
                "x-expected": "a duration such as 45m, 1h10m or 2d4h",
            },
            "status": {"enum": list(STATUSES), "x-expected": "one of: " + ", ".join(STATUSES)},
            "responders": string_list("names"),
            "investigators": string_list("names"),
            "related": _id_list("incident ids"),
            "data_sources": string_list("what the analysis relied on"),
            "source_url": {"type": "string", "minLength": 1, "pattern": r"\S", "x-expected": "the address of the original write-up"},
        },
    }


PERSPECTIVE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["who"],
    "properties": {
        "who": {"type": "string", "minLength": 1, "pattern": r"\S", "x-expected": "the name of the person telling it"},
        "role": {"type": "string", "minLength": 1, "pattern": r"\S", "x-expected": "their role at the time, e.g. SRE on call"},
        "joined_at": {"type": ["string", "integer"], "x-expected": "when they joined, e.g. 14:20"},
        "title": {"type": "string", "minLength": 1, "pattern": r"\S", "x-expected": "a non-empty string"},
    },
}


SERVICE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "service": {"type": "string", "pattern": ID_PATTERN, "x-expected": ID_EXPECTED},
        "title": {"type": "string", "minLength": 1, "pattern": r"\S", "x-expected": "a non-empty string"},
        "owners": string_list("owners"),
        "summary": {"type": "string", "minLength": 1, "pattern": r"\S", "x-expected": "one sentence"},
    },
}

_FORMATS = FormatChecker(formats=["date"])


def _field(path: Iterable[Any]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _expected(schema: dict[str, Any], error: Any) -> str:
    for sub in (error.schema, *[schema["properties"].get(str(p), {}) for p in list(error.absolute_path)[:1]]):
        if isinstance(sub, dict) and "x-expected" in sub:
            return sub["x-expected"]
    return ""


_VALIDATORS: dict[int, tuple[dict, Draft202012Validator]] = {}


def _validator(key: int, schema: dict[str, Any]) -> Draft202012Validator:
    """Validators are costly to build and schemas few: one per schema object."""
    cached = _VALIDATORS.get(key)
    if cached is None or cached[0] is not schema:
        cached = _VALIDATORS[key] = (schema, Draft202012Validator(schema, format_checker=_FORMATS))
    return cached[1]


def validate(path: str, meta: dict[str, Any], schema: dict[str, Any]) -> list[Problem]:
    """Problems for the known fields of ``meta``; unknown keys are the caller's."""
    known = {k: v for k, v in meta.items() if k in schema["properties"]}
    validator = _validator(id(schema), schema)
    problems = []
    for error in validator.iter_errors(known):
        if error.validator == "required":
            name = error.message.split("'")[1]
            expected = schema["properties"][name]["x-expected"]
            problems.append(Problem(path, name, "missing", expected))
            continue
        field = _field(error.absolute_path)
        value = error.instance
        expected = _expected(schema, error)
        if error.validator == "type":
            message = f"is {describe(value)}"
            if isinstance(value, (str, int)) and error.validator_value == "array":
                message += "; a list is needed even for one item"
        elif error.validator == "enum":
            message = f"unknown value {value!r}{did_you_mean(value, error.validator_value)}"
        elif error.validator == "minLength" or (isinstance(value, str) and not value.strip()):
            message = "is empty" if not value else "is blank"
        else:
            message = f"{value!r} is not valid"
        problems.append(Problem(path, field, message, expected))
    return problems


def unknown_keys(path: str, meta: dict[str, Any], schema: dict[str, Any], allowed: Iterable[str]) -> list[Problem]:
    """Warnings for keys nobody reads, so a typo like ``servces`` is seen."""
    known = set(schema["properties"]) | set(PAGE_KEYS) | set(allowed)
    return [
        Problem(path, key, f"unknown key{did_you_mean(key, schema['properties'])}",
                "one of the known fields; add it to the plugin option 'extra_keys' to allow it", "warning")
        for key in meta
        if key not in known
    ]


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest candidate, or nothing: for keys, ids, services, kinds, terms."""
    pool = {str(c).casefold(): str(c) for c in candidates}
    key = str(name).casefold()
    close = difflib.get_close_matches(key, list(pool), n=1, cutoff=0.6)
    if not close:
        # A slug without its date: 'slow-thursday' for '2024-08-14-slow-thursday'.
        close = [c for c in pool if len(key) > 3 and (c.endswith("-" + key) or c.startswith(key))][:1]
    return f" (did you mean '{pool[close[0]]}'?)" if close else ""
