"""`lore check`: every problem of a site, without building it."""

from __future__ import annotations

import argparse
import posixpath
import sys
from pathlib import Path
from typing import Any

from lore.core import discovery, frontmatter, pipeline
from lore.core import glossary as glossary_core
from lore.core.model import Options
from lore.core.problems import Problem

from . import report
from .config import plugin_options, read_site_config


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
    config_file = Path(args.config_file or "mkdocs.yml")
    docs = Path(args.docs_dir) if args.docs_dir else base / str(config.get("docs_dir") or "docs")
    if not docs.is_dir():
        print(f"lore: {docs}: no such folder (expected the docs folder of a site)", file=sys.stderr)
        return 2
    validated, messages = _validated_options(config)
    if any(m.is_error for m in messages):
        _report(args.format, [], messages, docs, config_file)
        print("lore check: the plugin options in mkdocs.yml are not valid (listed above); nothing was checked",
              file=sys.stderr if args.format != "text" else sys.stdout)
        return 1
    content, sources = _load(config, docs, validated)
    _report(args.format, content.problems, messages, docs, config_file)
    kb, glossary = content.kb, content.glossary
    errors = len(content.problems.errors)
    warnings = len(content.problems) - errors + len(messages)
    terms = f", {len(glossary.terms)} terms" if glossary is not None else ""
    summary = sys.stdout if args.format == "text" else sys.stderr  # stdout is the report itself
    print(f"lore check: {len(kb.incidents)} incidents, {len(kb.services)} services{terms}: "
          f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}", file=summary)
    md_sources = [(src, read) for src, read in sources if src.endswith(".md")]
    if args.language:
        _language(md_sources, kb, plugin_options(config) or {})
    if args.suggest_terms:
        _suggest_terms(md_sources, kb, glossary or glossary_core.Glossary())
    return 1 if errors or (args.strict and warnings) else 0


def _load(config: dict[str, Any], docs: Path, validated: dict[str, Any]):
    """The pipeline over the docs folder, with the options the build would use."""
    options = _core_options(validated.get("lore/incidents")) if config else Options()
    glossary = validated.get("lore/glossary")
    glossary_dir = glossary.glossary_dir if glossary is not None and glossary.enabled else None
    paths: list[str] = []
    walk_problems: list[Problem] = []
    sources = list(_docs_sources(docs, config.get("exclude_docs"), paths, walk_problems))
    macros = plugin_options(config, "macros")
    by_default = None if macros is None else bool(macros.get("render_by_default", True))
    content = pipeline.load(sources, options, glossary_dir, by_default, paths)
    content.problems.extend(problem.at(1) if problem.field == "file" else problem for problem in walk_problems)
    return content, sources


def _report(fmt: str, problems, messages, docs: Path, config_file: Path) -> None:
    """Option messages first (as MkDocs prints them), then content problems: on stderr as lines, or the
    chosen format on stdout."""
    if fmt == "text":
        for message in messages:
            print(f"{'ERROR' if message.is_error else 'WARNING'} - {message}", file=sys.stderr)
        for problem in problems:
            print(f"{'ERROR' if problem.is_error else 'WARNING'} - {problem}", file=sys.stderr)
        return
    found = report.option_entries(messages, config_file) + report.entries(problems, docs)
    sys.stdout.write(report.render(fmt, found))


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
    print("Candidate terms the glossary lacks (used in 3 or more stories):")
    for name, srcs in suggestions:
        print(f"  {name} ({len(srcs)} stories): {', '.join(srcs)}")


