"""Where each problem is in its file: the line and column an editor or a pull-request annotation points at.

Problems are found by many stages (schema, timeline, bodies, macros), each naming a
field; rather than every stage counting lines, the lines are found here, once, for
the few files that have problems: a front-matter or timeline field from the YAML
node tree, a line the message already names, else the first line that shows what
the field or message quotes.
"""

from __future__ import annotations

import functools
import posixpath
import re
from typing import Callable, Iterable

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import yamlsafe
from .discovery import TIMELINE_NAMES
from .frontmatter import _FENCE
from .problems import Problem

_NAMED_LINE = re.compile(r"(?:^|at )line (\d+)\b")
_PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")
_QUOTED = re.compile(r"'([^'\n]{1,200})'")
_PLAIN_FIELD = re.compile(r"[\w-]+(?:\[\d+\]|\.[\w-]+)*\Z")


class _File:
    """One file's text, split into lines and its YAML composed once, however many problems it has."""

    def __init__(self, path: str, text: str) -> None:
        self.path, self.text = path, text
        self.timeline = posixpath.basename(path) in TIMELINE_NAMES

    @functools.cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    @functools.cached_property
    def yaml(self) -> tuple[int, Node | None]:
        """(lines above the YAML, its node tree): the whole timeline, or a page's front matter."""
        if self.timeline:
            return 0, yamlsafe.node_tree(self.text)
        match = _FENCE.match(self.text)
        return 1, (yamlsafe.node_tree(match.group(1)) if match and match.group(1) else None)


def annotate(problems: Iterable[Problem], read: Callable[[str], "str | None"]) -> list[Problem]:
    """The problems with ``line`` and ``col`` set where they can be found; ``read`` gives a file's text."""
    files: dict[str, _File | None] = {}
    out = []
    for problem in problems:
        if problem.line:
            out.append(problem)
            continue
        if problem.path not in files:
            text = read(problem.path)
            files[problem.path] = _File(problem.path, text) if text is not None else None
        found = files[problem.path]
        out.append(problem.at(*position(problem, found)) if found is not None else problem)
    return out


def position(problem: Problem, file: _File) -> tuple[int, int]:
    """(line, column), 1-based; column 0 when only the line is known."""
    lines = file.lines
    named = _NAMED_LINE.search(problem.message)
    if named and 0 < int(named.group(1)) <= len(lines):
        number = int(named.group(1))
        return number, _column(lines[number - 1], problem)
    found = _in_yaml(problem, file)
    if found:
        return found
    return _in_text(problem, lines) or (1, 0)


def _column(line: str, problem: Problem) -> int:
    """Where on a named line: the quoted text, else the field's key, else the first character."""
    for quoted in _QUOTED.findall(problem.message):
        if quoted in line:
            return line.index(quoted) + 1
    key = problem.field.split(".")[-1].split("[")[0]
    if key and f"{key}:" in line:
        return line.index(f"{key}:") + 1
    return len(line) - len(line.lstrip()) + 1


def _in_yaml(problem: Problem, file: _File) -> tuple[int, int] | None:
    """A field of the front matter (0-based list indexes, as the schema names them) or of a
    timeline (``entries[1]`` is the first entry, as its messages count)."""
    if not _PLAIN_FIELD.match(problem.field):
        return None
    parts = [int(i) if i else name for i, name in _PART.findall(problem.field)]
    if file.timeline and parts and parts[0] == "entries":
        parts = [p - 1 if isinstance(p, int) and n == 1 else p for n, p in enumerate(parts)][1:]
    offset, tree = file.yaml
    mark, node = _walk(tree, parts) if tree is not None else (None, None)
    if mark is None:
        return None
    mark = _quoted_item(node, problem.message) or mark
    return mark.line + 1 + offset, mark.column + 1


def _walk(node: Node, parts: list) -> tuple[object | None, Node | None]:
    """The mark of the deepest node the path reaches (a mapping key's own mark for its last part), and that node."""
    mark = None
    for part in parts:
        if isinstance(node, MappingNode):
            pair = next(((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == str(part)), None)
            if pair is None:
                return mark, None
            mark, node = pair[0].start_mark, pair[1]
        elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            mark = node.start_mark
        else:
            return mark, None
    return mark, node


def _quoted_item(node: Node | None, message: str) -> object | None:
    """The value the message quotes ("unknown service 'paymnets'"), where the writer typed it."""
    quoted = _QUOTED.findall(message)
    if not quoted or node is None:
        return None
    items = node.value if isinstance(node, SequenceNode) else [node]
    for item in items:
        if isinstance(item, ScalarNode) and item.value == quoted[0]:
            return item.start_mark
    return None


def _in_text(problem: Problem, lines: list[str]) -> tuple[int, int] | None:
    """The first line showing the field (a marker, a [[link]], a macro's name) and, best, what the message quotes."""
    field = problem.field.strip()
    quoted = [q for q in _QUOTED.findall(problem.message) if len(q) > 1]
    needles = [n for n in (field if not _PLAIN_FIELD.match(field) else f"{field}(", *quoted) if n]
    best = None
    for number, line in enumerate(lines, start=1):
        hits = [n for n in needles if n in line]
        if not hits:
            continue
        if hits[0] == needles[0] and (len(hits) > 1 or len(needles) == 1):
            return number, line.index(hits[0]) + 1
        if best is None:
            best = number, line.index(hits[0]) + 1
    return best
