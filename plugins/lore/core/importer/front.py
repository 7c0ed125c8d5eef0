"""A write-up's front matter in the form its tool wrote: YAML (``---``), TOML (``+++``, Hugo and Zola) or JSON.

Values come back as YAML front matter would give them, dates as ``YYYY-MM-DD``
text, so the rest of the importer reads one kind of mapping.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from typing import Any

from .. import frontmatter

_TOML = re.compile(r"\A\ufeff?\+\+\+[ \t]*\n(.*?)\n?\+\+\+[ \t]*(?:\n|\Z)", re.S)


def split(name: str, text: str) -> tuple[dict[str, Any], str, str]:
    """(front matter, body, error); the error names the field and what was expected, else ""."""
    toml = _TOML.match(text)
    if toml:
        try:
            return _plain(tomllib.loads(toml.group(1))), text[toml.end():], ""
        except tomllib.TOMLDecodeError as exc:
            return {}, text, f"front matter: malformed TOML between '+++' lines: {exc} (expected key = \"value\" lines)"
    if text.lstrip("\ufeff").startswith("{"):
        try:
            data, end = json.JSONDecoder().raw_decode(text.lstrip("\ufeff"))
        except json.JSONDecodeError:
            data = None
        if isinstance(data, dict):
            return _plain(data), text.lstrip("\ufeff")[end:], ""
    parsed = frontmatter.parse(name, text)
    errors = [p for p in parsed.problems if p.is_error]
    if errors:
        return {}, text, f"{errors[0].field}: {errors[0].message} (expected {errors[0].expected})"
    return parsed.meta, parsed.body, ""


def _plain(value: Any) -> Any:
    """TOML's dates and times as the text YAML front matter would carry."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return value
