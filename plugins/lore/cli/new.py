"""`lore new`: a story from the template, its arguments checked before anything is written."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from lore.core import discovery, frontmatter, scaffold
from lore.core.model import Options

from .config import plugin_options, read_site_config


def cmd_new(args: argparse.Namespace) -> int:
    config, base = read_site_config(args.config_file)
    options = Options.from_mapping(plugin_options(config))
    docs = Path(args.docs) if args.docs else base / str(config.get("docs_dir") or "docs")
    try:
        date = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    except ValueError:
        print(f"lore new: --date: '{args.date}' is not a date (expected YYYY-MM-DD)", file=sys.stderr)
        return 2
    kind = args.kind or options.kinds[0]
    if kind not in options.kinds:
        print(f"lore new: --kind: unknown kind '{kind}' (expected one of: {', '.join(options.kinds)})", file=sys.stderr)
        return 2
    problem = _new_problem(args, docs)
    if problem:
        print(f"lore new: {problem}", file=sys.stderr)
        return 2
    folder = docs / options.incidents_dir / f"{date.isoformat()}-{scaffold.slugify(args.title)}"
    target = folder / "index.md"
    if folder.exists():
        print(f"lore new: {folder}: already exists; nothing was written (expected a new title or date)", file=sys.stderr)
        return 1
    try:
        folder.mkdir(parents=True)
        target.write_text(scaffold.story(args.title, date, kind, args.service or []), encoding="utf-8")
    except OSError as exc:
        print(f"lore new: {folder}: cannot be written ({exc.strerror}); nothing was written "
              "(expected a docs folder you can write to)", file=sys.stderr)
        return 1
    print(target)
    return 0


def _new_problem(args: argparse.Namespace, docs: Path) -> str | None:
    """What is wrong with ``lore new``'s arguments, before anything is written."""
    from lore.core.schema import ID_PATTERN, did_you_mean

    if not args.title.strip():
        return "title: is empty (expected the story's title, in quotes)"
    if docs.exists() and not docs.is_dir():
        return f"--docs: '{docs}' is not a folder (expected the site's docs folder)"
    services = args.service or []
    bad = [s for s in services if not re.match(ID_PATTERN, s)]
    if bad:
        return f"--service: '{bad[0]}' is not a service id (expected letters, digits, '-', '_' or '.')"
    if services and docs.is_dir():
        known = {}
        for rel, full, _ in discovery.walk(docs):
            if full is not None and rel.endswith(".md"):
                meta = frontmatter.read(rel, full.read_bytes()).meta
                if isinstance(meta.get("service"), str):
                    known[meta["service"]] = rel
        unknown = [s for s in services if s not in known]
        if unknown:
            return (f"--service: unknown service '{unknown[0]}'{did_you_mean(unknown[0], known)} "
                    f"(expected one of: {', '.join(sorted(known)) or 'none yet'})")
    return None


