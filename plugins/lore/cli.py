"""The ``lore`` command: scaffold a story, check a site without building it."""

from __future__ import annotations

import argparse
import datetime as dt
import posixpath
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from lore.core import discovery, frontmatter, pipeline, scaffold
from lore.core import glossary as glossary_core
from lore.core.model import Options
from lore.core.problems import Problem


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (!ENV, !!python/name)."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_site_config(config_file: str | None) -> tuple[dict[str, Any], Path]:
    """mkdocs.yml as data, plus the folder it lives in ({} if there is none)."""
    path = Path(config_file or "mkdocs.yml")
    if not path.is_file():
        if config_file:
            raise SystemExit(f"lore: {path}: no such file (expected an mkdocs.yml)")
        return {}, Path.cwd()
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    except yaml.YAMLError as exc:
        raise SystemExit(f"lore: {path}: malformed YAML: {exc}")
    return (data if isinstance(data, dict) else {}), path.resolve().parent


def plugin_options(config: dict[str, Any], name: str = "lore/incidents") -> dict[str, Any] | None:
    """The options of one plugin in mkdocs.yml; None when the plugin is not configured."""
    plugins = config.get("plugins")
    if isinstance(plugins, dict):
        return (plugins.get(name) or {}) if name in plugins else None
    for entry in plugins or []:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
    return None


def _docs_sources(docs: Path, exclude: str | None, paths: list[str], problems: list):
    """Markdown pages and timelines under the docs folder, as MkDocs would see them; ``paths`` gets
    every file's path (the discovery contract), ``problems`` the folders that cannot be walked."""
    spec = None
    if exclude:
        import pathspec  # a dependency of MkDocs, used the same way there

        spec = pathspec.GitIgnoreSpec.from_lines(exclude.splitlines())
    found = {}
    for rel, full, problem in discovery.walk(docs):
        if rel.startswith("templates/") or (spec and spec.match_file(rel)):
            continue
        if problem:
            problems.append(Problem(rel, "file", problem, "files and folders inside the docs folder"))
            continue
        found[rel] = full
    for rel in discovery.kept_by_mkdocs(sorted(found)):  # README.md beside index.md: MkDocs drops it
        paths.append(rel)
        if rel.endswith(".md") or posixpath.basename(rel) in discovery.TIMELINE_NAMES:
            yield rel, found[rel].read_bytes


def _validated_options(config: dict[str, Any]) -> tuple[dict[str, Any], list]:
    """Each configured Lore plugin's options, checked as the build checks them."""
    from lore.plugins import options as plugin_option_types

    validated, messages = {}, []
    for name in ("lore/incidents", "lore/glossary"):
        raw = plugin_options(config, name)
        if raw is not None:
            validated[name], found = plugin_option_types.load(name, raw)
            messages += found
    return validated, messages


def _core_options(incidents) -> Options:
    """What the core needs of lore/incidents' options; a site without the plugin (or with it off) has no stories."""
    if incidents is None or not incidents.enabled:
        return Options(incidents_dir="")
    return Options.from_mapping({name: incidents[name] for name in
                                 ("incidents_dir", "kinds", "extra_keys", "onboarding_dir", "drafts", "themes")})


def cmd_check(args: argparse.Namespace) -> int:
    config, base = read_site_config(args.config_file)
    docs = Path(args.docs_dir) if args.docs_dir else base / str(config.get("docs_dir") or "docs")
    if not docs.is_dir():
        print(f"lore: {docs}: no such folder (expected the docs folder of a site)", file=sys.stderr)
        return 2
    validated, messages = _validated_options(config)
    if any(m.is_error for m in messages):
        for message in messages:
            print(f"{'ERROR' if message.is_error else 'WARNING'} - {message}", file=sys.stderr)
        print("lore check: the plugin options in mkdocs.yml are not valid (listed above); nothing was checked")
        return 1
    options = _core_options(validated.get("lore/incidents")) if config else Options()
    glossary = validated.get("lore/glossary")
    glossary_dir = glossary.glossary_dir if glossary is not None and glossary.enabled else None
    paths: list[str] = []
    walk_problems: list[Problem] = []
    sources = list(_docs_sources(docs, config.get("exclude_docs"), paths, walk_problems))
    macros = plugin_options(config, "macros")
    by_default = None if macros is None else bool(macros.get("render_by_default", True))
    content = pipeline.load(sources, options, glossary_dir, by_default, paths)
    content.problems.extend(walk_problems)
    kb, glossary = content.kb, content.glossary
    for message in messages:
        print(f"WARNING - {message}", file=sys.stderr)
    for problem in content.problems:
        print(f"{'ERROR' if problem.is_error else 'WARNING'} - {problem}", file=sys.stderr)
    errors = len(content.problems.errors)
    warnings = len(content.problems) - errors + len(messages)
    terms = f", {len(glossary.terms)} terms" if glossary is not None else ""
    print(
        f"lore check: {len(kb.incidents)} incidents, {len(kb.services)} services{terms}: "
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    )
    md_sources = [(src, read) for src, read in sources if src.endswith(".md")]
    if args.language:
        _language(md_sources, kb, plugin_options(config) or {})
    if args.suggest_terms:
        _suggest_terms(md_sources, kb, glossary or glossary_core.Glossary())
    return 1 if errors or (args.strict and warnings) else 0


def _language(sources, kb, options: dict) -> None:
    """Hindsight-bias hints: printed, never a failure (they are for the writer to weigh)."""
    from lore.core.language import Checker

    checker = Checker(options.get("language_phrases") or None)
    readers = dict(sources)
    hints = []
    for src in sorted([*kb.by_src, *kb.perspectives]):
        if src in readers:
            text, problem = frontmatter.decode(src, readers[src]())
            if text is not None:
                hints.extend(checker.check(src, text))
    for hint in hints:
        print(f"hint: {hint}")
    print(f"lore check --language: {len(hints)} hint{'s' * (len(hints) != 1)} in {len(kb.by_src)} stories "
          "(quoted speech, block quotes and code are not checked)")


def _suggest_terms(sources, kb, glossary) -> None:
    readers = dict(sources)
    bodies = {i.src: frontmatter.read(i.src, readers[i.src]()).body for i in kb.incidents if i.src in readers}
    suggestions = glossary_core.suggest_terms(bodies, glossary)
    if not suggestions:
        print("No candidate terms: every acronym and repeated phrase in 3 or more stories is in the glossary.")
        return
    print(f"Candidate terms the glossary lacks (used in 3 or more stories):")
    for name, srcs in suggestions:
        print(f"  {name} ({len(srcs)} stories): {', '.join(srcs)}")


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lore", description="Lore: incident stories as a knowledge base.")
    sub = parser.add_subparsers(dest="command", required=True)

    new = sub.add_parser("new", help="create a new story from the template")
    new.add_argument("title")
    new.add_argument("--date", help="when it began, YYYY-MM-DD (default: today)")
    new.add_argument("--service", action="append", metavar="ID", help="a service involved (repeatable)")
    new.add_argument("--kind", help="incident, near-miss, game-day, practice, ...")
    new.add_argument("--docs", metavar="DIR", help="docs folder (default: from mkdocs.yml, else docs)")
    new.add_argument("-f", "--config-file", help="mkdocs.yml to read options from")
    new.set_defaults(func=cmd_new)

    check = sub.add_parser("check", help="validate all content without building")
    check.add_argument("docs_dir", nargs="?", metavar="DOCS_DIR")
    check.add_argument("-f", "--config-file", help="mkdocs.yml to read options from")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too, like mkdocs build --strict")
    check.add_argument("--suggest-terms", action="store_true", help="list acronyms and phrases the glossary lacks")
    check.add_argument("--language", action="store_true", help="hint at counterfactual and blaming phrasing in stories")
    check.set_defaults(func=cmd_check)

    imp = sub.add_parser("import", help="turn existing post-mortems (Markdown) into stories")
    imp.add_argument("sources", nargs="+", metavar="SRC", help="a write-up, or a folder searched for *.md")
    imp.add_argument("--into", metavar="DIR", help="incidents folder (default: from mkdocs.yml, else docs/incidents)")
    imp.add_argument("--docs", metavar="DIR", help="docs folder whose 'service:' pages are known (default: above --into)")
    imp.add_argument("--map", action="append", metavar="KEY=TARGET",
                     help="where a front-matter key goes: tags, services or none (repeatable)")
    imp.add_argument("--undated", metavar="YYYY-MM-DD", help="date for write-ups with no date anywhere (default: fail them)")
    imp.add_argument("--dry-run", action="store_true", help="write nothing; print what would happen")
    imp.add_argument("--force", action="store_true", help="overwrite stories imported before")
    imp.add_argument("-f", "--config-file", help="mkdocs.yml to read options from")
    imp.set_defaults(func=cmd_import)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
