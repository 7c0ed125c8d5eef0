"""Lore added to an existing mkdocs.yml, keeping its comments, order, tags and indentation.

A round-trip YAML library edits the file as its authors wrote it: only what Lore
needs is added (the theme is left alone and named if it is not Material), and
each change is returned as a sentence for ``lore init`` to print.
"""

from __future__ import annotations

import io
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.error import YAMLError
from ruamel.yaml.util import load_yaml_guess_indent

LORE_PLUGINS = ("lore/incidents", "lore/glossary", "lore/backlinks", "lore/explore")
EXTENSIONS = ("admonition", "attr_list", "md_in_html", "pymdownx.details")
_FENCE_FORMAT = "tag:yaml.org,2002:python/name:pymdownx.superfences.fence_code_format"
_NAV = (("Incidents", "incidents/index.md"), ("Glossary", "glossary/index.md"),
        ("Architecture", "architecture/index.md"), ("Onboarding", "onboarding/index.md"),
        ("Writing a story", "guide/writing-a-story.md"))


class ConfigProblem(Exception):
    """mkdocs.yml cannot be edited safely (not YAML, or not a mapping)."""


def add_lore(path: Path, dry_run: bool = False) -> tuple[str, list[str]]:
    """Add Lore's plugins, macros and extensions to ``path``; (its docs_dir, the changes made)."""
    text = path.read_text(encoding="utf-8")
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    try:
        _, indent, block_seq_indent = load_yaml_guess_indent(text)
        data = yaml.load(text)
    except YAMLError as exc:
        raise ConfigProblem(f"is not valid YAML ({str(exc).splitlines()[0]})") from None
    if not isinstance(data, CommentedMap):
        raise ConfigProblem("is not a mapping of settings")
    # Blank lines after a list belong before the next setting, not between its old and new items.
    gaps = {key: _take_blank_lines(data[key]) for key in ("plugins", "markdown_extensions", "nav") if key in data}
    changes = _theme(data) + _plugins(data) + _extensions(data) + _nav(data)
    if changes and not dry_run:
        yaml.indent(mapping=_mapping_indent(text) or indent or 2, sequence=indent or 2, offset=block_seq_indent or 0)
        buffer = io.StringIO()
        yaml.dump(data, buffer)
        path.write_text(_put_blank_lines(buffer.getvalue().replace("fence_code_format ''", "fence_code_format"),
                                         list(data), gaps), encoding="utf-8")
    return str(data.get("docs_dir") or "docs"), changes


def _take_blank_lines(node) -> int:
    """Remove the blank lines after a list's last item (ruamel keeps them in its last comment); how many."""
    holder, key, slot = _last_comment(node)
    token = holder.get(key, [None] * 4)[slot] if holder is not None else None
    if token is None or not token.value.endswith("\n\n"):
        return 0
    kept = token.value.rstrip("\n") + "\n"
    count = len(token.value) - len(kept)
    token.value = kept
    return count


def _last_comment(node):
    """Where the comment after the deepest last item is kept: (items dict, key, slot)."""
    if isinstance(node, CommentedSeq) and len(node):
        last = node[-1]
        return _last_comment(last) if isinstance(last, (CommentedSeq, CommentedMap)) else (node.ca.items, len(node) - 1, 0)
    if isinstance(node, CommentedMap) and len(node):
        key = list(node)[-1]
        value = node[key]
        return _last_comment(value) if isinstance(value, (CommentedSeq, CommentedMap)) else (node.ca.items, key, 2)
    return None, None, 0


def _put_blank_lines(text: str, keys: list, gaps: dict[str, int]) -> str:
    lines = text.splitlines(keepends=True)
    for key, count in gaps.items():
        following = keys.index(key) + 1
        if not count or following >= len(keys):
            continue
        at = next((n for n, line in enumerate(lines) if line.startswith(f"{keys[following]}:")), None)
        if at is not None:
            lines[at:at] = ["\n"] * count
    return "".join(lines)


def _mapping_indent(text: str) -> int:
    """The indentation of the first nested mapping key (the guess above reads it from lists)."""
    lines = text.splitlines()
    for line, following in zip(lines, lines[1:]):
        stripped = following.lstrip()
        if (line[:1].isalpha() and line.rstrip().endswith(":") and stripped[:1].isalpha() and ":" in stripped):
            return len(following) - len(stripped)
    return 0


def _theme(data: CommentedMap) -> list[str]:
    theme = data.get("theme")
    name = theme.get("name") if isinstance(theme, dict) else theme
    if theme is None:
        data["theme"] = CommentedMap([("name", "material"), ("font", False)])
        return ["theme: material (with no web fonts, so the site works offline)"]
    if name != "material":
        return [f"theme: kept '{name}', but Lore's pages are made for Material: set 'theme: name: material'"]
    return []


def _plugins(data: CommentedMap) -> list[str]:
    plugins = data.get("plugins")
    changes = []
    if plugins is None:
        # MkDocs enables search only while 'plugins' is absent: keep it.
        plugins = data["plugins"] = CommentedSeq(["search"])
        changes.append("plugins: search (kept: MkDocs turns it on only while 'plugins' is absent)")
    names = _names(plugins)
    for name in LORE_PLUGINS:
        if name not in names:
            _append(plugins, name, None)
            changes.append(f"plugins: {name}")
    macros = _entry(plugins, "macros")
    if macros is None:
        options = CommentedMap([("modules", CommentedSeq(["lore.macros"])), ("render_by_default", False)])
        _append(plugins, "macros", options)
        changes.append("plugins: macros, with Lore's macros, rendered only on pages that ask (render_macros: true)")
    else:
        modules = macros.setdefault("modules", CommentedSeq())
        if "lore.macros" not in modules:
            modules.append("lore.macros")
            changes.append("plugins: macros: modules: lore.macros")
    return changes


def _names(plugins) -> list[str]:
    if isinstance(plugins, dict):
        return list(plugins)
    return [next(iter(p)) if isinstance(p, dict) else str(p) for p in plugins]


def _entry(plugins, name: str) -> CommentedMap | None:
    """A plugin's options, made a mapping if the plugin is listed bare; None if it is not listed."""
    if isinstance(plugins, dict):
        if name not in plugins:
            return None
        if not isinstance(plugins[name], dict):
            plugins[name] = CommentedMap()
        return plugins[name]
    for index, entry in enumerate(plugins):
        if entry == name:
            plugins[index] = CommentedMap([(name, CommentedMap())])
            comment = plugins.ca.items.pop(index, [None])[0]
            if comment is not None and comment.value.strip():  # "- macros  # why": the comment stays on it
                plugins[index].yaml_add_eol_comment(comment.value.strip(), name)
            return plugins[index][name]
        if isinstance(entry, dict) and name in entry:
            if not isinstance(entry[name], dict):
                entry[name] = CommentedMap()
            return entry[name]
    return None


def _append(plugins, name: str, options) -> None:
    if isinstance(plugins, dict):
        plugins[name] = options if options is not None else CommentedMap()
    else:
        plugins.append(name if options is None else CommentedMap([(name, options)]))


def _extensions(data: CommentedMap) -> list[str]:
    extensions = data.get("markdown_extensions")
    if extensions is None:
        extensions = data["markdown_extensions"] = CommentedSeq()
    changes = []
    for name in EXTENSIONS:
        if name not in _names(extensions):
            _append(extensions, name, None)
            changes.append(f"markdown_extensions: {name}")
    if "pymdownx.superfences" not in _names(extensions):
        _append(extensions, "pymdownx.superfences", CommentedMap())
    superfences = _entry(extensions, "pymdownx.superfences")
    fences = superfences.setdefault("custom_fences", CommentedSeq())
    if not any(isinstance(f, dict) and f.get("name") == "mermaid" for f in fences):
        fences.append(CommentedMap([("name", "mermaid"), ("class", "mermaid"),
                                    ("format", TaggedScalar(value="", tag=_FENCE_FORMAT))]))
        changes.append("markdown_extensions: pymdownx.superfences with a mermaid fence (diagrams)")
    return changes


def _nav(data: CommentedMap) -> list[str]:
    """An explicit nav lists every page: Lore's sections are added to it (without a nav, MkDocs finds them)."""
    nav = data.get("nav")
    if not isinstance(nav, list):
        return []
    listed = str(nav)
    changes = []
    for title, page in _NAV:
        if page not in listed:
            nav.append(CommentedMap([(title, page)]))
            changes.append(f"nav: {title} ({page})")
    return changes
