"""`lore init`: a new knowledge base, or Lore added to an existing MkDocs project; never a file overwritten."""

from __future__ import annotations

import argparse
import json
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from . import siteconfig

STARTER = Path(__file__).resolve().parent.parent / "starter"
# One pull-request template, for both hosts.
_ALSO = {".github/pull_request_template.md": ".gitlab/merge_request_templates/Story.md"}


def starter_files(site_name: str) -> dict[str, str]:
    """Every file a new knowledge base starts with, by its path in the project."""
    files = {}
    for path in sorted(STARTER.rglob("*")):
        if path.is_file():
            rel = "/".join(part.replace("dot-", ".", 1) if part.startswith("dot-") else part
                           for part in path.relative_to(STARTER).parts)
            # Both places it lands are YAML (mkdocs.yml, the home page's title): a JSON string is a YAML string.
            files[rel] = path.read_text(encoding="utf-8").replace("@SITE_NAME@", json.dumps(site_name))
    for source, also in _ALSO.items():
        files[also] = files[source]
    files["requirements.txt"] = _requirements()
    return files


def _requirements() -> str:
    try:
        pin = f"mkdocs-lore=={version('mkdocs-lore')}"
    except PackageNotFoundError:
        pin = "mkdocs-lore"
    return ("# What CI installs to check and build the site: Lore brings MkDocs, Material and the rest.\n"
            "# Point this at wherever your team installs Lore from, if not the default index.\n" + pin + "\n")


def cmd_init(args: argparse.Namespace) -> int:
    root = Path(args.dir)
    if root.exists() and not root.is_dir():
        print(f"lore init: {root}: is a file (expected a folder for the knowledge base)", file=sys.stderr)
        return 2
    config_file = next((root / n for n in ("mkdocs.yml", "mkdocs.yaml") if (root / n).is_file()), None)
    name = args.site_name or (root.resolve().name.replace("-", " ").replace("_", " ").strip().capitalize()
                              or "Incident stories")
    files = starter_files(name)
    docs_dir = "docs"
    changes: list[str] = []
    if config_file is not None:
        try:
            docs_dir, changes = siteconfig.add_lore(config_file, dry_run=args.dry_run)
        except siteconfig.ConfigProblem as exc:
            print(f"lore init: {config_file}: {exc}; nothing was written", file=sys.stderr)
            return 1
        files = {_in_docs(rel, docs_dir): text for rel, text in files.items() if rel != "mkdocs.yml"}
        if _has_readme_home(root / docs_dir):
            files.pop(f"{docs_dir}/index.md", None)  # a home page of its own, which index.md would replace
    written, kept = _write(root, files, args.dry_run)
    _say(root, config_file, changes, written, kept, args.dry_run)
    return 0


def _in_docs(rel: str, docs_dir: str) -> str:
    return f"{docs_dir.strip('/')}/{rel[len('docs/'):]}" if rel.startswith("docs/") else rel


def _has_readme_home(docs: Path) -> bool:
    return not (docs / "index.md").exists() and any((docs / n).is_file() for n in ("README.md", "readme.md"))


def _write(root: Path, files: dict[str, str], dry_run: bool) -> tuple[list[str], list[str]]:
    written, kept = [], []
    for rel, text in files.items():
        target = root / rel
        if target.exists():
            kept.append(rel)
            continue
        if not dry_run:
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "x", encoding="utf-8") as out:  # "x": never over a file made meanwhile
                out.write(text)
        written.append(rel)
    return written, kept


def _say(root: Path, config_file, changes, written, kept, dry_run: bool) -> None:
    verb = "would write" if dry_run else "wrote"
    if config_file is not None:
        for change in changes:
            print(f"{'would change' if dry_run else 'changed'} {config_file.name}: {change}")
        if not changes:
            print(f"kept {config_file.name}: Lore is already set up in it")
    for rel in written:
        print(f"{verb} {root / rel}")
    for rel in kept:
        print(f"kept {root / rel} (it exists; not overwritten)")
    where = "" if root.resolve() == Path.cwd().resolve() else f"cd {root} && "
    print("\nNext:\n"
          f"  {where}npm install          # mermaid, served by the site itself\n"
          f"  {where}mkdocs serve         # the preview, at http://127.0.0.1:8000/")
