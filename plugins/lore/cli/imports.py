"""`lore import`: existing write-ups turned into stories."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from lore.core.model import Options

from .config import plugin_options, read_site_config


def _import_folders(args, config: dict, base: Path, options: Options) -> tuple[Path, Path]:
    """Where stories go, and the docs folder whose service pages are known."""
    into = Path(args.into) if args.into else base / str(config.get("docs_dir") or "docs") / options.incidents_dir
    if args.docs:
        return into, Path(args.docs)
    # The docs root is above the incidents folder: docs/incidents -> docs.
    depth = len(Path(options.incidents_dir).parts)
    tail_matches = into.parts[-depth:] == Path(options.incidents_dir).parts and len(into.parts) > depth
    return into, (into.parents[depth - 1] if tail_matches else into.parent)


def cmd_import(args: argparse.Namespace) -> int:
    """Convert write-ups; one line per file so a long import can be reviewed afterwards."""
    from lore.core import importer

    config, base = read_site_config(args.config_file)
    options = Options.from_mapping(plugin_options(config))
    into, docs = _import_folders(args, config, base, options)
    try:
        mapping = importer.parse_map(args.map or [])
    except ValueError as exc:
        print(f"lore import: --map: {exc}", file=sys.stderr)
        return 2
    try:
        undated = dt.date.fromisoformat(args.undated) if args.undated else None
    except ValueError:
        print(f"lore import: --undated: '{args.undated}' is not a date (expected YYYY-MM-DD)", file=sys.stderr)
        return 2
    missing = [src for src in args.sources if not Path(src).exists()]
    if missing:
        print(f"lore import: {missing[0]}: no such file or folder (expected write-ups in Markdown)", file=sys.stderr)
        return 2
    inside = into.resolve()
    sources = [
        src for src in importer.find_sources(Path(s) for s in args.sources)
        if inside not in src.resolve().parents
    ]
    if not sources:
        print(f"lore import: no Markdown files in {', '.join(args.sources)} (expected *.md write-ups)", file=sys.stderr)
        return 1
    run = importer.ImportOptions(
        mapping=mapping,
        known_services=importer.known_services(docs, skip=into),
        kinds=options.kinds,
        undated=undated,
        roots=tuple(Path(s) for s in args.sources),
    )
    counts = {"imported": 0, "skipped": 0, "failed": 0, "attention": 0}
    for result in importer.convert_all(sources, run):
        if result.error:
            print(f"skipped {result.src}: {result.error}")
            counts["failed"] += 1
            continue
        if importer.exists(into, result.slug) and not args.force:
            print(f"skipped {result.src}: already imported (use --force to overwrite)")
            counts["skipped"] += 1
            continue
        dest = into / result.slug / "index.md"
        if not args.dry_run:
            importer.write(result, into)
        print(f"imported {result.src} -> {dest}")
        counts["imported"] += 1
        if result.notes:
            print(f"needs attention {result.src}: {'; '.join(result.notes)}")
            counts["attention"] += 1
    print(
        f"lore import: {counts['imported']} imported, {counts['skipped']} skipped, {counts['failed']} failed, "
        f"{counts['attention']} need attention" + (" (dry run: nothing was written)" if args.dry_run else "")
    )
    return 1 if counts["failed"] else 0


