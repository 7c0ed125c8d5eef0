"""The ``lore`` command: scaffold, check, import and set up a knowledge base."""

from __future__ import annotations

import argparse
import sys

from . import report
from .check import cmd_check
from .imports import cmd_import
from .init import cmd_init
from .new import cmd_new
from .serve import cmd_serve


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
    check.add_argument("--format", choices=report.FORMATS, default="text",
                       help="text (default); github: workflow annotations; gitlab: a Code Quality report; json")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too, like mkdocs build --strict")
    check.add_argument("--suggest-terms", action="store_true", help="list acronyms and phrases the glossary lacks")
    check.add_argument("--language", action="store_true", help="hint at counterfactual and blaming phrasing in stories")
    check.set_defaults(func=cmd_check)

    init = sub.add_parser("init", help="start a knowledge base, or add Lore to an existing MkDocs project")
    init.add_argument("dir", nargs="?", default=".", metavar="DIR", help="the project folder (default: here)")
    init.add_argument("--site-name", help="the site's name (default: from the folder's name)")
    init.add_argument("--dry-run", action="store_true", help="write nothing; print what would be written")
    init.set_defaults(func=cmd_init)

    serve = sub.add_parser("serve", help="preview the site as you write: each save renders only what it changed")
    serve.add_argument("-f", "--config-file", help="mkdocs.yml to serve (default: ./mkdocs.yml)")
    serve.set_defaults(func=cmd_serve, passes_on=True)  # other options go to mkdocs serve: -a 0.0.0.0:8000, --open

    imp = sub.add_parser("import", help="turn existing post-mortems (Markdown, HTML, Word) into stories")
    imp.add_argument("sources", nargs="+", metavar="SRC", help="a write-up, or a folder searched for Markdown, .html and .docx files")
    imp.add_argument("--into", metavar="DIR", help="incidents folder (default: from mkdocs.yml, else docs/incidents)")
    imp.add_argument("--docs", metavar="DIR", help="docs folder whose 'service:' pages are known (default: above --into)")
    imp.add_argument("--map", action="append", metavar="KEY=TARGET",
                     help="where a front-matter key goes: tags, services or none (repeatable)")
    imp.add_argument("--undated", metavar="YYYY-MM-DD", help="date for write-ups with no date anywhere (default: fail them)")
    imp.add_argument("--exclude", action="append", metavar="GLOB",
                     help="leave out files or folders matching GLOB, e.g. 'drafts/*' or '*-notes.md' (repeatable)")
    imp.add_argument("--report", metavar="FILE", help="write the per-file table of guesses: Markdown, or JSON for *.json")
    imp.add_argument("--dry-run", action="store_true", help="write nothing; print what would happen")
    imp.add_argument("--force", action="store_true", help="overwrite stories imported before")
    imp.add_argument("-f", "--config-file", help="mkdocs.yml to read options from")
    imp.set_defaults(func=cmd_import)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, rest = parser.parse_known_args(argv)
    if rest and not getattr(args, "passes_on", False):
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    args.mkdocs_args = rest
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

