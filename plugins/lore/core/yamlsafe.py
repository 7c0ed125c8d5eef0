"""YAML as writers mean it: no alias bombs, no deep nesting, no silent duplicates, no YAML 1.1 surprises.

Front matter and timelines are parsed to a node tree first (libyaml when
present) and checked before any Python value is built: an alias expands a
480-byte file into gigabytes, a thousand nested brackets exhaust the stack (a
hundred thousand crash libyaml), a repeated key silently loses a value, and
YAML 1.1 reads ``14:08`` as 848, ``0012`` as 10 and ``on`` as true. Values in
those YAML 1.1 forms are kept as the text the writer typed, as YAML 1.2 reads
them, with a warning to quote them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_DEPTH = 20
_PRESCAN_DEPTH = 100  # beyond this the text is not handed to the parser at all
STR = "tag:yaml.org,2002:str"
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z|[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)\Z")
_EXPONENT = re.compile(r"[-+]?[0-9]+[eE][-+]?[0-9]+\Z")  # a number in YAML 1.2, a string in 1.1
_TIMESTAMPS = {key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
               for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


class _PyLoader(yaml.SafeLoader):
    """Timestamps stay text: a bad date is then a field with a message, not a parser error."""

    yaml_implicit_resolvers = _TIMESTAMPS


class _CLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    yaml_implicit_resolvers = _TIMESTAMPS


_IMPLICIT = _PyLoader("")  # only its resolver is used: which tag a plain value gets without one


@dataclass(frozen=True)
class Finding:
    line: int  # 1-based, in the text given
    key: str  # the top-level key it is under, or "" for the document
    message: str
    expected: str
    error: bool = True


class YAMLProblem(Exception):
    """The text is not YAML: ``line`` (1-based) and ``reason`` as the parser gave them."""

    def __init__(self, line: int | None, reason: str) -> None:
        super().__init__(reason)
        self.line, self.reason = line, reason


def load(text: str, first_line: int = 1) -> tuple[Any, list[Finding], set[int]]:
    """(data, findings, lines inside quoted values); data is None when a finding is an error.

    ``first_line`` is the file's line number of the text's first line (front matter: 2), so
    every line named is the file's. Raises ``YAMLProblem`` for text that does not parse."""
    depth = _prescan_depth(text)
    if depth > _PRESCAN_DEPTH:
        return None, [Finding(first_line, "", f"is nested more than {_PRESCAN_DEPTH} levels deep",
                              f"at most {MAX_DEPTH} levels of lists and mappings")], set()
    loader = _node_loader(text)
    try:
        node = loader.get_single_node()
        findings, quoted = _inspect(node, first_line - 1) if node is not None else ([], set())
        if any(f.error for f in findings):
            return None, findings, quoted
        return (loader.construct_document(node) if node is not None else None), findings, quoted
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        raise _explain(text, exc, first_line - 1) from None
    finally:
        loader.dispose()


def node_tree(text: str) -> Node | None:
    """The node tree alone, to point at lines with; None where it cannot be built safely.

    Composing never expands an alias, and the pre-scan keeps the stack safe."""
    if _prescan_depth(text) > _PRESCAN_DEPTH:
        return None
    loader = _node_loader(text)
    try:
        return loader.get_single_node()
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return None
    finally:
        loader.dispose()


def _node_loader(text: str):
    return _CLoader(text)


def _explain(text: str, exc: Exception, offset: int) -> YAMLProblem:
    """The pure-Python parser's message, so it does not depend on whether libyaml is installed."""
    try:
        yaml.load(text, Loader=_PyLoader)
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as again:
        exc = again
    mark = getattr(exc, "problem_mark", None)
    reason = getattr(exc, "problem", None) or (str(exc).splitlines() or [type(exc).__name__])[0]
    return YAMLProblem(mark.line + 1 + offset if mark is not None else None, reason)


def _prescan_depth(text: str) -> int:
    """An upper bound of the nesting, read from the characters: brackets outside quotes, and '- - -'."""
    # Each level of nesting needs one of these characters: with few of them, the text cannot nest deeply.
    if sum(text.count(c) for c in "[{-:?") <= _PRESCAN_DEPTH:
        return 0
    deepest = depth = 0
    quote = ""
    for line in text.split("\n"):
        dashes = re.match(r"[ \t]*((?:-[ \t]+)*)", line)
        deepest = max(deepest, dashes.group(1).count("-") + (len(line) - len(line.lstrip())) // 2)
        if "[" not in line and "{" not in line and not depth:
            continue
        i = 0
        while i < len(line):
            char = line[i]
            if quote:
                if char == "\\" and quote == '"':
                    i += 1
                elif char == quote:
                    quote = ""
            elif char in "\"'":
                quote = char
            elif char in "[{":
                depth += 1
                deepest = max(deepest, depth)
            elif char in "]}":
                depth = max(0, depth - 1)
            elif char == "#" and (i == 0 or line[i - 1] in " \t"):
                break
            i += 1
    return deepest


def _inspect(root: Node, offset: int) -> tuple[list[Finding], set[int]]:
    """Aliases, depth, duplicate keys and YAML 1.1 surprises; plain 1.1 forms are retagged as text."""
    findings: list[Finding] = []
    quoted: set[int] = set()
    seen: set[int] = set()
    stack: list[tuple[Node, int, str]] = [(root, 1, "")]
    while stack:
        node, depth, key = stack.pop()
        line = node.start_mark.line + 1 + offset
        if id(node) in seen:
            if any(f.message.startswith("uses an alias") for f in findings):
                continue  # one message is enough: a bomb repeats its aliases thousands of times
            findings.append(Finding(line, key, "uses an alias (*name) of an anchor (&name) or a merge key (<<)",
                                    "the values written out in full: front matter allows no anchors or aliases"))
            continue
        seen.add(id(node))
        if depth > MAX_DEPTH:
            findings.append(Finding(line, key, f"is nested more than {MAX_DEPTH} levels deep",
                                    f"at most {MAX_DEPTH} levels of lists and mappings"))
            continue
        if isinstance(node, ScalarNode):
            findings += _scalar(node, line, key, quoted)
        elif isinstance(node, SequenceNode):
            stack += [(child, depth + 1, key) for child in reversed(node.value)]
        elif isinstance(node, MappingNode):
            findings += _duplicates(node, key, offset)
            for k, v in reversed(node.value):
                name = key or (str(k.value) if isinstance(k, ScalarNode) else "")
                stack += [(v, depth + 1, name), (k, depth + 1, name)]
    return findings, quoted


def _duplicates(node: MappingNode, key: str, offset: int) -> list[Finding]:
    out, first = [], {}
    for k, _ in node.value:
        if not isinstance(k, ScalarNode):
            continue
        line = k.start_mark.line + 1 + offset
        if k.value == "<<" and k.tag == "tag:yaml.org,2002:merge":
            out.append(Finding(line, key, "uses a merge key (<<)", "the keys written out in full"))
        elif k.value in first:
            out.append(Finding(line, key or k.value, f"'{k.value}' appears twice (lines {first[k.value]} and {line})",
                               "each key once: the second would silently replace the first"))
        else:
            first[k.value] = line
    return out


def _scalar(node: ScalarNode, line: int, key: str, quoted: set[int]) -> list[Finding]:
    if node.style in ('"', "'"):
        quoted.update(range(line, line + node.end_mark.line - node.start_mark.line + 1))
        return []
    if node.style:
        return []  # block scalars (| and >) are text; plain is None (Python) or "" (libyaml)
    value, tag = node.value, node.tag
    if tag == STR and "e" not in value and "E" not in value:
        return []  # the common case, before any regular expression
    surprise = None
    if tag.endswith(":int") and not _DECIMAL.match(value):
        surprise = f"'{value}' is a number in YAML 1.1 ({_as_int(value)})"
    elif tag.endswith(":float") and not _FLOAT.match(value):
        surprise = f"'{value}' is a number in YAML 1.1"
    elif tag.endswith(":bool") and value.lower() not in ("true", "false"):
        surprise = f"'{value}' is {'true' if value.lower() in ('yes', 'on') else 'false'} in YAML 1.1"
    elif tag == STR and _EXPONENT.match(value):
        return [Finding(line, key, f"'{value}' is a number to some YAML readers", f"it in quotes: \"{value}\"", False)]
    if surprise is None or tag != _IMPLICIT.resolve(ScalarNode, value, (True, False)):
        return []  # nothing surprising, or an explicit tag (!!int 12): the writer's own choice
    node.tag = STR
    return [Finding(line, key, f"{surprise}; it is kept as the text '{value}'", f"it in quotes: \"{value}\"", False)]


def _as_int(value: str) -> str:
    try:
        return str(yaml.load(value, Loader=_PyLoader))
    except (yaml.YAMLError, ValueError):
        return "a number"
