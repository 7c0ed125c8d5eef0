"""The discovery contract: every file under the incidents and glossary folders is something, or a message.

A file there is a story, a perspective, a timeline, a listing page the writer
wrote (overriding Lore's), a term, or an asset (anything not Markdown or YAML).
Any other shape — a ``.markdown`` story, ``<slug>/README.md``, a singular
``perspective/`` folder, a page two folders deep, a timeline beside a
single-file story, a page published at the address of a page Lore generates —
would be published without its card or silently replaced, so it is reported
with what the writer probably meant. Also here: walking the docs folder the way
MkDocs does (following symlinks) without looping or leaving it.
"""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path
from typing import Iterable, Iterator

from .knowledge import RESERVED, Knowledge, incident_path, perspective_path
from .problems import Problem

MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd")  # MkDocs renders these as pages too
TIMELINE_NAMES = ("timeline.yml", "timeline.yaml")
_YEAR = re.compile(r"\d{4}\Z")
_SHAPES = ("<slug>.md or <slug>/index.md (optionally inside a year folder), "
           "with perspectives in <slug>/perspectives/<name>.md")


def page_url(src: str) -> str:
    """The address MkDocs gives a page (directory URLs): README.md is its folder's index, as index.md."""
    folder, name = posixpath.split(src)
    stem = posixpath.splitext(name)[0]
    if stem in ("index", "README"):
        return f"{folder}/" if folder else ""
    return f"{folder}/{stem}/" if folder else f"{stem}/"


def generated_pages(kb: Knowledge, glossary_dir: str | None) -> dict[str, str]:
    """Source path -> what it is, for each listing page Lore generates unless the writer wrote it."""
    root, out = kb.options.incidents_dir.strip("/"), {}
    if root:
        out[f"{root}/index.md"] = "the catalog"
        out.update({f"{root}/kind/{kind}.md": f"the '{kind}' listing" for kind in kb.options.kinds[1:]})
        out.update({f"{root}/{year}/index.md": f"the {year} listing" for year in kb.years()})
        out.update({f"{root}/themes/{theme}.md": f"the '{title}' theme page" for theme, title in kb.themes_titles.items()})
    if glossary_dir:
        out[f"{glossary_dir.strip('/')}/index.md"] = "the glossary index"
    return out


def problems(paths: Iterable[str], kb: Knowledge, glossary_dir: str | None) -> list[Problem]:
    """Every file under the incidents and glossary folders that Lore would not publish as what it looks like."""
    paths = kept_by_mkdocs(sorted(set(paths)))
    out = _collisions(paths, generated_pages(kb, glossary_dir))
    collided = {p.path for p in out}
    root = kb.options.incidents_dir.strip("/")
    stories = {posixpath.dirname(i.src) for i in kb.incidents if i.src.endswith("/index.md")}
    beside: dict[str, str] = {}  # folder -> the first single-file story in it, for stray timelines
    for incident in kb.incidents:
        if not incident.src.endswith("/index.md"):
            beside.setdefault(posixpath.dirname(incident.src), incident.src)
    for path in paths:
        if path in collided:
            continue
        if root and path.startswith(root + "/"):
            problem = _incidents_file(path, root, kb, stories, beside)
        elif glossary_dir and path.startswith(glossary_dir.strip("/") + "/") and path.endswith(MARKDOWN_SUFFIXES):
            problem = Problem(path, "file", "is not read as a term: terms are .md files",
                              f"the file renamed to '{_as_md(path)}'")
        else:
            problem = None
        if problem is not None:
            out.append(problem)
    return out


def kept_by_mkdocs(paths: list[str]) -> list[str]:
    """Without the pages MkDocs itself excludes, with its own warning: of two pages in one folder at one
    address (README.md and index.md, a.markdown and a.md) it keeps the one that sorts last, index and
    README first. What the build never sees, ``lore check`` does not report either."""
    groups: dict[tuple[str, str], list[str]] = {}
    for path in paths:
        if path.endswith((".md", *MARKDOWN_SUFFIXES)):
            groups.setdefault((posixpath.dirname(path), page_url(path)), []).append(path)
    dropped = set()
    for group in groups.values():
        ordered = sorted(group, key=lambda p: (posixpath.splitext(posixpath.basename(p))[0] not in ("index", "README"),
                                               posixpath.basename(p)))
        dropped.update(ordered[:-1])
    return [p for p in paths if p not in dropped]


def _collisions(paths: list[str], generated: dict[str, str]) -> list[Problem]:
    by_url = {page_url(src): (src, what) for src, what in generated.items()}
    out = []
    for path in paths:
        if not path.endswith((".md", *MARKDOWN_SUFFIXES)):
            continue
        src, what = by_url.get(page_url(path), (None, None))
        if src is not None and src != path and src not in paths:
            out.append(Problem(path, "file", f"is published at the address of {what}, which Lore generates ({src})",
                               f"another file name, or {src} itself to write that page"))
    return out


def _incidents_file(path: str, root: str, kb: Knowledge, stories: set[str], beside: dict[str, str]) -> Problem | None:
    rel = path[len(root) + 1:]
    parts = rel.split("/")
    name = parts[-1]
    if path.endswith(MARKDOWN_SUFFIXES):
        return Problem(path, "file", "is not read by Lore, which reads .md files", f"the file renamed to '{_as_md(path)}'")
    if name in TIMELINE_NAMES:
        if posixpath.dirname(path) in stories:
            return None
        single = beside.get(posixpath.dirname(path))
        if single:
            return Problem(path, "file", f"is beside the single-file story {single}, so no story shows it",
                           f"the story moved to {_as_md(single)[:-3]}/index.md with this file beside it")
        return Problem(path, "file", "is a timeline outside a story folder, so no story shows it",
                       "the story as <slug>/index.md with its timeline.yml beside it")
    if not path.endswith(".md") or _known(path, rel, parts, kb):
        return None
    folder = posixpath.dirname(path)
    if name.lower() in ("index.md", "readme.md") and name != "index.md":
        return Problem(path, "file", f"is not read as a story (did you mean '{folder}/index.md'?)", _SHAPES)
    for i, part in enumerate(parts[:-1]):
        if part.lower() in ("perspective", "perspectives") and (part != "perspectives" or i != len(parts) - 2):
            owner = "/".join([root, *parts[:i]])
            return Problem(path, "file", "is not read as a perspective "
                           f"(did you mean '{owner}/perspectives/{name}'?)", "perspectives/<name>.md inside a story folder")
    if parts[0] in RESERVED:
        return Problem(path, "file", f"is inside {root}/{parts[0]}/, where Lore writes its listings", _SHAPES)
    return Problem(path, "file", "is neither a story nor a perspective, so it would be published without a card", _SHAPES)


def _known(path: str, rel: str, parts: list[str], kb: Knowledge) -> bool:
    """A story, a perspective of one, or a listing page the writer wrote in place of Lore's."""
    if path in kb.by_src or incident_path(path, kb.options) is not None or perspective_path(path, kb.options):
        return True
    if rel == "index.md" or (len(parts) == 2 and _YEAR.match(parts[0]) and parts[1] == "index.md"):
        return True
    if len(parts) == 2 and parts[0] == "kind":
        return parts[1][:-3] in kb.options.kinds
    if len(parts) == 2 and parts[0] == "themes":
        return parts[1][:-3] in kb.themes_titles
    return False


def _as_md(path: str) -> str:
    return posixpath.splitext(path)[0] + ".md"


def walk(docs: Path) -> Iterator[tuple[str, Path | None, str]]:
    """(docs-relative path, file, problem) for every file MkDocs would find, following symlinks as it does.

    A symlink that loops back to a folder above it, or leads outside ``docs``, yields a
    problem instead of being followed: nothing outside the docs folder is read. (Strings, not
    ``Path`` objects, inside: the preview walks thousands of files on every save.)"""
    top = os.path.realpath(docs)
    stack: list[tuple[str, str, str, frozenset[str]]] = [(str(docs), top, "", frozenset({top}))]
    while stack:
        folder, folder_real, rel, ancestors = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name, reverse=True)
        except OSError as exc:
            yield rel.rstrip("/") or ".", None, f"cannot be read ({exc.strerror})"
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            link, here = entry.is_symlink(), f"{rel}{entry.name}"
            real = os.path.realpath(entry.path) if link else os.path.join(folder_real, entry.name)
            if link and real != top and not real.startswith(top + os.sep):
                yield here, None, "is a symlink to a place outside the docs folder (nothing outside it is read)"
            elif entry.is_dir():
                if real in ancestors:
                    yield here, None, "is a symlink loop: it leads back to a folder that contains it"
                else:
                    stack.append((entry.path, real, here + "/", ancestors | {real}))
            elif entry.is_file():
                yield here, Path(entry.path), ""

