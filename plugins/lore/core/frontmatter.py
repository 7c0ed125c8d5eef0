"""Reading a Markdown source: bytes -> (front matter, body), never raising.

Dates stay strings: YAML would turn ``2024-03-12`` into a ``date`` and
``2024-13-40`` into an error with no field name, and we want to say which
field is wrong and what was expected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


from . import yamlsafe
from .problems import ERROR, WARNING, Problem

_FENCE = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_OPENING = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n[A-Za-z_][\w-]*[ \t]*:")
_EXPECTED_YAML = "'key: value' lines between '---' lines"
# A '#' after a space ends a YAML value: "chat log of #ops" silently becomes "chat log of".
_INLINE_COMMENT = re.compile(r"^[^#'\"]*[^\s#][ \t]+#")


@dataclass
class Source:
    """A Markdown file split into its metadata and its body."""

    path: str
    meta: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    has_front_matter: bool = False
    body_line: int = 0  # lines above the body (the front matter), so body lines can be named as the file's
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def decode(path: str, data: bytes) -> tuple[str | None, Problem | None]:
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return None, Problem(
            path,
            "file",
            f"is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            "a text file saved as UTF-8",
        )


def parse(path: str, text: str) -> Source:
    """Split front matter from the body and load it; problems go on the result."""
    src = Source(path)
    match = _FENCE.match(text)
    if not match:
        src.body = text
        if _OPENING.match(text):
            src.has_front_matter = True  # meant as front matter: one message, not "no title, no date"
            src.problems.append(Problem(path, "front matter", "has no closing '---' line",
                                        "a line '---' after the last 'key: value' line"))
        return src
    src.has_front_matter = True
    src.body = text[match.end():]
    src.body_line = text.count("\n", 0, match.end())
    if not match.group(0).endswith("\n"):
        src.problems.append(Problem(path, "front matter", "the closing '---' is the file's last line, with no line break",
                                    "a line break after the closing '---' (MkDocs shows the block as text otherwise)"))
    raw = match.group(1) or ""
    try:
        meta, findings, quoted = yamlsafe.load(raw, first_line=2)
    except yamlsafe.YAMLProblem as exc:
        where = f" at line {exc.line}" if exc.line is not None else ""
        src.problems.append(Problem(path, "front matter", f"malformed YAML{where}: {exc.reason}", _EXPECTED_YAML))
        return src
    for f in findings:
        src.problems.append(Problem(path, f.key or "front matter", f"line {f.line}: {f.message}", f.expected,
                                    ERROR if f.error else WARNING))
    if meta is None and any(f.error for f in findings):
        return src
    _comment_warnings(src, raw, quoted)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        src.problems.append(
            Problem(path, "front matter", f"is {describe(meta)}, not a mapping", _EXPECTED_YAML)
        )
        return src
    src.meta = {str(k): v for k, v in meta.items()}
    return src


def _comment_warnings(src: Source, raw: str, quoted: set[int]) -> None:
    """' #' ends a plain value silently; lines inside a quoted value hold no comments."""
    for number, line in enumerate(raw.splitlines(), start=2):
        if number not in quoted and _INLINE_COMMENT.match(line):
            src.problems.append(
                Problem(
                    src.path,
                    "front matter",
                    f"line {number}: the text after ' #' is a YAML comment and is dropped",
                    "the value in quotes if the '#' belongs to it, e.g. \"chat log of #ops\"",
                    WARNING,
                )
            )


def read(path: str, data: bytes) -> Source:
    """Decode and parse one file's bytes; ``path`` is how messages name it."""
    text, problem = decode(path, data)
    if problem:
        return Source(path, problems=[problem])
    return parse(path, text)


def describe(value: Any) -> str:
    """A writer-facing name for a YAML value's type, with the value when short."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"a yes/no value ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"a string ({shown!r})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
