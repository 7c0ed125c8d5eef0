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
    run = _run_options(args, options, into, docs)
    if isinstance(run, int):
        return run
    inside = into.resolve()
    selection = importer.select([Path(s) for s in args.sources], args.exclude or [])
    sources = [src for src in selection.sources if inside not in src.resolve().parents]
    for path, reason in selection.skipped:
        print(f"skipped {path}: {reason}")
    if not sources:
        print(f"lore import: no write-ups in {', '.join(args.sources)} (expected Markdown, .html or .docx files)",
              file=sys.stderr)
        return 1
    results = importer.convert_all(sources, run)
    counts = _write_results(results, into, args)
    counts["skipped"] += len(selection.skipped)
    print(
        f"lore import: {counts['imported']} imported, {counts['skipped']} skipped, {counts['failed']} failed, "
        f"{counts['attention']} need attention" + (" (dry run: nothing was written)" if args.dry_run else "")
    )
    if args.report:
        fmt = "json" if args.report.endswith(".json") else "markdown"
        Path(args.report).write_text(importer.render_report(importer.report_rows(results, into), fmt), encoding="utf-8")
        print(f"lore import: the per-file table is in {args.report}")
    return 1 if counts["failed"] else 0


def _run_options(args: argparse.Namespace, options: Options, into: Path, docs: Path):
    """What the run is told, or the exit status when an argument is wrong (said on stderr)."""
    from lore.core import importer

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
        print(f"lore import: {missing[0]}: no such file or folder (expected write-ups)", file=sys.stderr)
        return 2
    return importer.ImportOptions(
        mapping=mapping,
        known_services=importer.known_services(docs, skip=into),
        service_titles=importer.service_titles(docs, skip=into),
        kinds=options.kinds,
        undated=undated,
        roots=tuple(Path(s) for s in args.sources),
    )


def _write_results(results, into: Path, args: argparse.Namespace) -> dict[str, int]:
    from lore.core import importer

    counts = {"imported": 0, "skipped": 0, "failed": 0, "attention": 0}
    for result in results:
        if result.error:
            print(f"skipped {result.src}: {result.error}")
            counts["failed"] += 1
            continue
        if importer.exists(into, result.slug) and not args.force:
            print(f"skipped {result.src}: already imported (use --force to overwrite)")
            counts["skipped"] += 1
            continue
        if not args.dry_run:
            importer.write(result, into)
        print(f"imported {result.src} -> {into / result.slug / 'index.md'}")
        counts["imported"] += 1
        weak = importer.needs_attention(result.notes)
        if weak:
            print(f"needs attention {result.src}: {'; '.join(weak)}")
            counts["attention"] += 1
        others = [note for note in result.notes if note not in weak]
        if others:
            print(f"  read {result.src}: {'; '.join(others)}")
    return counts
