"""How ``lore check`` reports: lines for people, annotations for pull requests, JSON for tools.

Every format carries the same problems, in the same order, with the file as the
repository sees it (relative to where the command runs) and the line and column
of the field the writer typed, so a pull request shows each message on its line.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable

from lore.core.problems import Problem

FORMATS = ("text", "github", "gitlab", "json")
_OPTION = re.compile(r"Plugin '([^']+)'(?: option '([^']+)')?")


@dataclass(frozen=True)
class Entry:
    file: str
    line: int  # 1-based; 0: the file as a whole
    column: int  # 1-based; 0: not known
    level: str  # "error" or "warning"
    field: str
    message: str
    expected: str
    text: str  # the line `lore check` and `mkdocs build` print


def entries(problems: Iterable[Problem], docs: Path) -> list[Entry]:
    return [Entry(_shown(docs / p.path), p.line, p.col, p.level, p.field, p.message, p.expected, str(p))
            for p in problems]


def option_entries(messages: Iterable, config_file: Path) -> list[Entry]:
    """mkdocs.yml's option messages, at the line of the option (or of the plugin) they name."""
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    out = []
    for message in messages:
        found = _OPTION.search(message)
        plugin, option = (found.group(1), found.group(2)) if found else ("", None)
        line = _first_line(lines, f"{option}:") if option else 0
        line = line or _first_line(lines, plugin)
        level = "error" if message.is_error else "warning"
        out.append(Entry(_shown(config_file), line, 0, level, option or plugin, str(message), "", str(message)))
    return out


def _first_line(lines: list[str], needle: str) -> int:
    return next((n for n, line in enumerate(lines, start=1) if needle and needle in line), 0)


def _shown(path: Path) -> str:
    """Relative to the working folder, as a CI job at the repository's root names files."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive
        return path.as_posix()


def render(fmt: str, found: list[Entry]) -> str:
    if fmt == "github":
        return "".join(_github(e) + "\n" for e in found)
    if fmt == "gitlab":
        return json.dumps([_gitlab(e) for e in found], indent=2, ensure_ascii=False) + "\n"
    if fmt == "json":
        return json.dumps([asdict(e) for e in found], indent=2, ensure_ascii=False) + "\n"
    raise ValueError(fmt)


def _github(entry: Entry) -> str:
    """A workflow command: GitHub shows it on the line in the pull request's diff."""
    where = [f"file={_escape(entry.file, True)}"]
    if entry.line:
        where.append(f"line={entry.line}")
        if entry.column:
            where.append(f"col={entry.column}")
    where.append(f"title={_escape('lore check: ' + entry.field, True)}")
    message = entry.message + (f" (expected {entry.expected})" if entry.expected else "")
    return f"::{entry.level} {','.join(where)}::{_escape(message, False)}"


def _escape(value: str, in_property: bool) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if in_property else value


def _gitlab(entry: Entry) -> dict:
    """One issue of a Code Quality report (GitLab shows them in the merge request)."""
    begin = {"line": max(entry.line, 1)}
    if entry.column:
        begin["column"] = entry.column
    fingerprint = hashlib.sha256(f"{entry.file}\0{entry.text}".encode()).hexdigest()
    return {
        "description": entry.text,
        "check_name": f"lore-{entry.field or 'file'}",
        "fingerprint": fingerprint,
        "severity": "major" if entry.level == "error" else "minor",
        "location": {"path": entry.file, "positions": {"begin": begin}},
    }
