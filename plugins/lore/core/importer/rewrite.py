"""The body as written, with only what Lore needs changed: template headings, image links, a repeated title.

Lines that Markdown shows as code are never changed: a heading or an image
inside pasted code is an example, not part of the write-up.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote

from .. import text
from .headings import words

# Template heading -> Lore section, only where the meaning is the same. Lore's own
# template counts luck as something that went well; "root cause" framing is what
# Lore avoids, so it becomes "Contributing factors" with the original kept. "Lessons
# learned" stays as written: it holds action items, not what surprised anyone.
HEADING_MAP = {
    "what went wrong": "What made it hard",
    "what didn't go so well": "What made it hard",
    "what did not go so well": "What made it hard",
    "what went poorly": "What made it hard",
    "where we got lucky": "What went well",
    "root cause": "Contributing factors",
    "root causes": "Contributing factors",
    "root cause(s)": "Contributing factors",
    "root cause analysis": "Contributing factors",
    "contributing factor": "Contributing factors",
    "contributing factor(s)": "Contributing factors",
}

_ATX = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)[ \t]*#*[ \t]*$")
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<target><[^>]*>|[^)\s]+)(?P<rest>\s+\"[^\"]*\"\s*)?\)")
_HTML_IMG = re.compile(r"(<img\b[^>]*?\bsrc=)([\"'])([^\"']+)\2", re.I)


def body(markdown: str, folder: Path, notes: list[str], root: Path | None = None,
         extracted: set[str] = frozenset()) -> tuple[str, list[tuple[Path, str]]]:
    """The story's body and the images to copy beside it (only from inside ``root``: default ``folder``);
    ``extracted`` names images that came out of the file itself and are written beside the story as named."""
    markdown = map_headings(markdown, notes)
    markdown, images = relink_images(markdown, folder, notes, root, extracted)
    return markdown.strip("\n"), images


def _kinds(lines: list[str]) -> list[str]:
    """What Markdown makes of each line, aligned with ``str.splitlines`` (which splits on more than newlines)."""
    return [kind for _, kind in text.classify("\n".join(lines))]


def _heading_key(heading: str) -> str:
    return words(heading.replace("’", "'")).rstrip(":").strip()


def _headings(lines: list[str]) -> list[tuple[int, int, str]]:
    """(line, level, text) of the ATX headings Markdown renders as headings."""
    found = []
    for number, (line, kind) in enumerate(zip(lines, _kinds(lines))):
        atx = _ATX.match(line) if kind == text.PROSE else None
        if atx and len(line) - len(line.lstrip(" ")) <= 3:
            found.append((number, len(atx.group("hashes")), atx.group("text")))
    return found


def _renames(lines: list[str], notes: list[str]) -> dict[int, str]:
    """Line -> renamed heading.

    A heading is renamed only when the section it maps to is not in the
    write-up already (two "What went well" would read as a mistake), and a
    heading that only groups sub-headings (the Google SRE "Lessons learned")
    keeps its name, since its children are renamed on their own.
    """
    headings = _headings(lines)
    present = {_heading_key(heading) for _, _, heading in headings}
    renames: dict[int, str] = {}
    for position, (number, level, heading) in enumerate(headings):
        target = HEADING_MAP.get(_heading_key(heading))
        if target is None:
            continue
        following = headings[position + 1] if position + 1 < len(headings) else None
        if following is not None and following[1] > level and not any(line.strip() for line in lines[number + 1:following[0]]):
            continue  # only groups sub-headings
        if _heading_key(target) in present:
            notes.append(f"heading '{heading}' kept as written: '{target}' is already there")
            continue
        present.add(_heading_key(target))
        renames[number] = "#" * level + " " + target
    return renames


def map_headings(markdown: str, notes: list[str]) -> str:
    """Rename template headings to Lore's sections, keeping the original in a comment for the reader."""
    lines = markdown.splitlines()
    renames = _renames(lines, notes)
    out: list[str] = []
    for number, line in enumerate(lines):
        if number not in renames:
            out.append(line)
            continue
        original = _ATX.match(line).group("text").replace("--", "- -")  # "--" would end the comment
        out += [renames[number], "", f"<!-- imported heading: {original} -->"]
        if number + 1 < len(lines) and lines[number + 1].strip():
            out.append("")
    return "\n".join(out) + ("\n" if markdown.endswith("\n") else "")


def _local_target(target: str) -> str | None:
    raw = target[1:-1] if target.startswith("<") else target
    if not raw or re.match(r"^[a-z][a-z0-9+.-]*:", raw, re.I) or raw.startswith(("/", "#")):
        return None
    return unquote(raw.split("#", 1)[0].split("?", 1)[0])


class _Copies:
    """Images to copy, each under one name that is unique in the story's folder."""

    def __init__(self, folder: Path, notes: list[str], root: Path | None = None, extracted: set[str] = frozenset()):
        self.folder, self.notes, self.extracted = folder, notes, extracted
        self.root = (root or folder).resolve()
        self.names: dict[Path, str] = {}
        self.outside: set[str] = set()

    def name(self, target: str) -> str | None:
        """The copy's name, or None to keep the link as written (remote, absolute or missing)."""
        rel = _local_target(target)
        if rel in self.extracted:
            return None
        if rel is None:
            raw = target.strip("<>")
            if re.match(r"(?i)https?://", raw) and f"remote image '{raw}'" not in " ".join(self.notes):
                self.notes.append(f"remote image '{raw}' kept as a link: an offline site cannot show it")
            return None
        path = (self.folder / rel).resolve()  # symlinks followed, so one pointing out is seen as out
        if path != self.root and self.root not in path.parents:
            if rel not in self.outside:
                self.outside.add(rel)
                self.notes.append(f"image '{rel}' is outside the source folder: not copied, shown as its text")
            return None
        if not path.is_file():
            if f"image '{rel}' not found" not in self.notes:
                self.notes.append(f"image '{rel}' not found, link kept as written")
            return None
        if path not in self.names:
            stem, suffix = os.path.splitext(path.name)
            stem = re.sub(r"[^\w.-]+", "-", stem).strip("-") or "image"
            taken = set(self.names.values())
            name, n = stem + suffix, 1
            while name in taken or name == "index.md":
                n += 1
                name = f"{stem}-{n}{suffix}"
            self.names[path] = name
        return self.names[path]

    def markdown(self, match: re.Match) -> str:
        name = self.name(match.group("target"))
        if name is None:
            return f"[image: {match.group('alt') or 'not copied'}]" if self._out(match.group("target")) else match.group(0)
        return f"![{match.group('alt')}]({name}{match.group('rest') or ''})"

    def html(self, match: re.Match) -> str:
        name = self.name(match.group(3))
        if name is None:
            return f"{match.group(1)}{match.group(2)}{match.group(2)} data-not-copied=\"outside the source folder\"" \
                if self._out(match.group(3)) else match.group(0)
        return f"{match.group(1)}{match.group(2)}{name}{match.group(2)}"

    def _out(self, target: str) -> bool:
        return _local_target(target) in self.outside


def relink_images(markdown: str, folder: Path, notes: list[str], root: Path | None = None,
                  extracted: set[str] = frozenset()) -> tuple[str, list[tuple[Path, str]]]:
    """Copy-list and rewritten links for relative images, so the story carries its pictures.

    Raw HTML is relinked too: write-ups exported from wikis often hold their
    images in ``<img>`` tags.
    """
    copies = _Copies(folder, notes, root, extracted)
    lines = markdown.splitlines(keepends=True)
    out = []
    for line, kind in zip(lines, _kinds(markdown.splitlines())):
        if kind != text.CODE and ("!" in line or "<img" in line.lower()):
            line = _HTML_IMG.sub(copies.html, _IMAGE.sub(copies.markdown, line))
        out.append(line)
    return "".join(out), sorted(copies.names.items(), key=lambda item: item[1])
