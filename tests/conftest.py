"""Shared helpers: real MkDocs builds of small projects written into tmp folders."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BIN = Path(sys.executable).parent
MERMAID = ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"

MKDOCS_YML = """\
site_name: Test KB
theme:
  name: material
  font: false
plugins:
  - search
  - lore/incidents{options}
"""


@dataclass
class Build:
    returncode: int
    log: str
    site: Path

    def html(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")

    def article(self, path: str) -> str:
        """The page's own content, without the theme around it."""
        html = self.html(path)
        return html[html.index("<article"): html.index("</article>")]


def run_build(project: Path, strict: bool = True) -> Build:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", LORE_MERMAID_JS=str(MERMAID))
    cmd = [str(BIN / "mkdocs"), "build"] + (["--strict"] if strict else [])
    proc = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=600)
    return Build(proc.returncode, proc.stdout + proc.stderr, project / "site")


def write_project(root: Path, files: dict[str, str | bytes], options: str = "", config: str | None = None) -> Path:
    """A project with mkdocs.yml and docs/; ``options`` is YAML for lore/incidents."""
    root.mkdir(parents=True, exist_ok=True)
    if options:
        options = ":\n" + textwrap.indent(textwrap.dedent(options).strip(), "      ")
    (root / "mkdocs.yml").write_text(config if config is not None else MKDOCS_YML.format(options=options))
    for rel, content in files.items():
        path = root / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


def copy_fixture(name: str, dest: Path) -> Path:
    target = dest / name
    shutil.copytree(FIXTURES / name, target, ignore=shutil.ignore_patterns("site"))
    return target


def build_fixture(name: str, root: Path) -> Build:
    """A fixture project copied under ``root`` and built strictly; it must build."""
    build = run_build(copy_fixture(name, root))
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="session")
def basic_site(tmp_path_factory) -> Build:
    """The fixture project outside docs/, built once for all read-only tests."""
    return build_fixture("basic", tmp_path_factory.mktemp("basic"))


def pagefind_fragments(bundle) -> dict:
    """What the explorer shows for each story, decoded from Pagefind's own files."""
    fragments = {}
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        data = json.loads(raw[raw.index(b"{"):])
        fragments[data["url"]] = data
    return fragments
