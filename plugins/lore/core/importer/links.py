"""Links between write-ups, pointed at the stories they became; links Lore cannot keep, made their words.

Run after every file of an import has its slug: a link to another write-up of the
same import (``PM2019-009%20-%20Outage.md``) becomes a link to that story, so the
strict build passes; a link to a local file that is not imported, or with a
scheme other than http, https or mailto, would be broken or unsafe on the site,
so it is shown as its text and reported.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from .. import text

_INLINE = re.compile(r"(?<!!)\[(?P<text>[^\]\n]*)\]\((?P<target><[^>\n]*>|[^)\s]+)(?P<title>\s+\"[^\"\n]*\")?\)")
_DEFINITION = re.compile(r"^(?P<indent> {0,3})\[(?P<label>[^\]\n^]+)\]:[ \t]*(?P<target><[^>\n]*>|\S+)(?P<rest>.*)$")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
_KEPT_SCHEMES = ("http:", "https:", "mailto:")


def relink(markdown: str, src: Path, slugs: dict[Path, str], notes: list[str]) -> str:
    """``slugs``: every imported source (resolved) -> its story's slug."""
    lines = markdown.split("\n")
    kinds = [kind for _, kind in text.classify(markdown)]
    dropped: set[str] = set()
    out = []
    for line, kind in zip(lines, kinds + [text.PROSE] * (len(lines) - len(kinds))):
        if kind == text.CODE:
            out.append(line)
            continue
        definition = _DEFINITION.match(line)
        if definition:
            target = _target(definition.group("target"), src, slugs, notes)
            if target is None:
                dropped.add(definition.group("label").casefold())
                continue
            line = f"{definition.group('indent')}[{definition.group('label')}]: {target}{definition.group('rest')}"
        else:
            line = _INLINE.sub(lambda m: _inline(m, src, slugs, notes), line)
        out.append(line)
    result = "\n".join(out)
    if dropped:
        result = re.sub(r"\[([^\]\n]+)\]\[([^\]\n]*)\]",
                        lambda m: m.group(1) if (m.group(2) or m.group(1)).casefold() in dropped else m.group(0), result)
    return result


def _inline(match: re.Match, src: Path, slugs: dict[Path, str], notes: list[str]) -> str:
    target = _target(match.group("target"), src, slugs, notes)
    if target is None:
        return match.group("text")
    return f"[{match.group('text')}]({target}{match.group('title') or ''})"


def _target(raw: str, src: Path, slugs: dict[Path, str], notes: list[str]) -> str | None:
    """The link's new target, or None to show its words."""
    target = raw[1:-1] if raw.startswith("<") else raw
    if not target or target.startswith("#"):
        return raw
    if _SCHEME.match(target):
        if target.lower().startswith(_KEPT_SCHEMES):
            return raw
        _note(notes, f"link '{target[:60]}' shown as its text: only http, https and mailto links are kept")
        return None
    path, _, anchor = target.partition("#")
    path = path.split("?", 1)[0]
    if not path:
        return raw
    resolved = (src.parent / unquote(path)).resolve()
    if resolved in slugs:
        return f"../{slugs[resolved]}/index.md" + (f"#{anchor}" if anchor else "")
    if Path(unquote(path)).suffix.lower() in (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"):
        return raw  # an image link: the image pass copies or reports it
    _note(notes, f"link '{unquote(path)[:60]}' shown as its text: it is not one of the imported write-ups")
    return None


def _note(notes: list[str], note: str) -> None:
    if note not in notes:
        notes.append(note)
