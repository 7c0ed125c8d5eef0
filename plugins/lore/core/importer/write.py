"""A write-up as a story: its front matter, its slug and its folder.

Conversion never raises and never touches the disk, so that a dry run prints
exactly what a real run would do and one bad file fails alone.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..scaffold import slugify
from . import dates, front, headings, infer, links, rewrite, sources
from . import summary as summaries
from .sources import ImportOptions

SLUG_WORDS = 60


@dataclass
class Converted:
    """One write-up as a Lore story, or why it could not become one."""

    src: Path
    date: str = ""
    slug_words: str = ""
    text: str = ""
    images: list[tuple[Path, str]] = field(default_factory=list)
    extracted: list[tuple[str, bytes]] = field(default_factory=list)  # images that were inside the file (.docx)
    notes: list[str] = field(default_factory=list)
    error: str = ""
    slug: str = ""


def _dump(key: str, value: Any) -> str:
    return yaml.safe_dump({key: value}, sort_keys=False, allow_unicode=True, default_flow_style=False)


def front_matter(meta: dict[str, Any]) -> str:
    """YAML quoted safely, with ``date`` written plain as writers write it."""
    out = "---\n"
    for key, value in meta.items():
        out += f"date: {value}\n" if key == "date" else _dump(key, value)
    return out + "---\n"


def convert(src: Path, text: str, options: ImportOptions, extracted: list[tuple[str, bytes]] | None = None) -> Converted:
    """One write-up's story text, images to copy and guesses; never raises."""
    result = Converted(src, extracted=list(extracted or []))
    meta, body, result.error = front.split(src.name, text.replace("\r\n", "\n"))
    if result.error:
        return result
    notes = result.notes
    title = infer.title(src, meta, body, notes)
    body = headings.demote(body, title, notes)
    if dates.bad_date(meta):
        result.error = dates.bad_date(meta)
        return result
    date = dates.date(src, meta, title, body, options, notes)
    if date is None:
        result.error = dates.NO_DATE
        return result
    out: dict[str, Any] = {"title": title, "date": date.isoformat()}
    summary = summaries.summary(meta, body, notes)
    if summary:
        out["summary"] = summary
    out.update(infer.carried(meta, options.kinds))
    services, tags = infer.services_and_tags(meta, options, notes)
    if services:
        out["services"] = services
    if tags:
        out["tags"] = tags
    url = infer.source_url(meta, notes)
    if url:
        out["source_url"] = url
    body, result.images = rewrite.body(body, src.parent, notes, options.root_of(src),
                                       {name for name, _ in result.extracted})
    result.text = front_matter(out) + ("\n" + body + "\n" if body else "")
    result.date = date.isoformat()
    result.slug_words = slug_words(title)
    return result


def slug_words(title: str) -> str:
    """The title as a slug, cut at a word so that folder names stay readable."""
    words = slugify(title)
    if len(words) > SLUG_WORDS:
        words = words[:SLUG_WORDS + 1].rsplit("-", 1)[0] or words[:SLUG_WORDS]
    return words


def assign_slugs(results: list[Converted]) -> None:
    """``<date>-<words>``, made unique with -2, -3 in source order."""
    taken: set[str] = set()
    for result in results:
        if result.error:
            continue
        base = f"{result.date}-{result.slug_words}"
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        result.slug = slug


def convert_all(paths: list[Path], options: ImportOptions) -> list[Converted]:
    results = []
    for src in paths:
        try:
            text, extracted = sources.read(src)
        except sources.Unreadable as exc:
            results.append(Converted(src, error=str(exc)))
            continue
        results.append(convert(src, text, options, extracted))
    assign_slugs(results)
    slugs = {result.src.resolve(): result.slug for result in results if not result.error}
    for result in results:
        if not result.error:
            result.text = links.relink(result.text, result.src, slugs, result.notes)
    return results


def exists(into: Path, slug: str) -> bool:
    """A folder or a single-file story of that slug: either would be overwritten."""
    return (into / slug).exists() or (into / f"{slug}.md").exists()


def write(result: Converted, into: Path) -> Path:
    """The story's folder with index.md and its images; returns index.md's path."""
    folder = into / result.slug
    folder.mkdir(parents=True, exist_ok=True)
    for path, name in result.images:
        shutil.copyfile(path, folder / name)
    for name, data in result.extracted:
        (folder / name).write_bytes(data)
    target = folder / "index.md"
    target.write_text(result.text, encoding="utf-8", newline="\n")
    return target
