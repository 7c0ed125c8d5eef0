"""Shared helpers: real MkDocs builds of small projects written into tmp folders."""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import logging
import os
import shutil
import subprocess as _subprocess
import sys
import textwrap
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest

from browsing import browser, page, replaced, server  # noqa: F401 (browser fixtures, one demo per test worker)

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


def run_build(project: Path, strict: bool = True, *, subprocess: bool = False) -> Build:
    """``mkdocs build [--strict]`` in ``project``: in this process unless ``subprocess`` (the real CLI) is asked for.

    Both ways give the same ``Build``: the return code the CLI would exit with, and the log as the CLI prints it
    (``WARNING -  message``, the ``Aborted with ...`` line, and a traceback for an unexpected exception).
    ``LORE_TEST_BUILD=subprocess`` in the environment sends every build through the CLI.
    """
    if subprocess or os.environ.get("LORE_TEST_BUILD") == "subprocess":
        return _run_build_cli(project, strict)
    return _run_build_in_process(project, strict)


def _run_build_cli(project: Path, strict: bool) -> Build:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", LORE_MERMAID_JS=str(MERMAID))
    cmd = [str(BIN / "mkdocs"), "build"] + (["--strict"] if strict else [])
    proc = _subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=600)
    return Build(proc.returncode, proc.stdout + proc.stderr, project / "site")


class _CliFormatter(logging.Formatter):
    """What ``mkdocs build`` prints for a record when its output is not a terminal (no colours, no wrapping)."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname:<8}-  {super().format(record)}"


@contextlib.contextmanager
def _build_environment(project: Path):
    """cwd, environment and logging as ``mkdocs build`` has them, for the duration of one build."""
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.utils import DuplicateFilter

    saved_env = {name: os.environ.get(name) for name in ("NO_MKDOCS_2_WARNING", "LORE_MERMAID_JS")}
    saved_cwd = os.getcwd()
    logger = logging.getLogger("mkdocs")
    saved_logger = (logger.level, logger.propagate)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(_CliFormatter())
    # The CLI drops repeated messages of mkdocs' own build module; a fresh filter each build keeps builds apart.
    duplicates = DuplicateFilter()
    os.environ.update(NO_MKDOCS_2_WARNING="1", LORE_MERMAID_JS=str(MERMAID))
    os.chdir(project)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    logger.addHandler(handler)
    mkdocs_build.log.addFilter(duplicates)
    try:
        yield stream
    finally:
        mkdocs_build.log.removeFilter(duplicates)
        logger.removeHandler(handler)
        logger.setLevel(saved_logger[0])
        logger.propagate = saved_logger[1]
        os.chdir(saved_cwd)
        for name, value in saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _run_build_in_process(project: Path, strict: bool) -> Build:
    """What ``mkdocs build`` does (mkdocs/__main__.py), and what the CLI prints when it fails."""
    from click import ClickException
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    returncode = 0
    with _build_environment(project) as stream:
        try:
            # Like the CLI: no --strict leaves the config file's own ``strict`` in force; mkdocs.yml is found in cwd.
            config = load_config(config_file=None, strict=True if strict else None)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config, dirty=False)
            finally:
                config.plugins.on_shutdown()
        except Abort as error:  # printed by Abort.show: a blank line, then the message
            returncode = error.exit_code
            stream.write("\n" + error.format_message() + "\n")
        except ClickException as error:  # ConfigurationError, PluginError, ... raised outside build()
            returncode = error.exit_code
            stream.write(f"Error: {error.format_message()}\n")
        except SystemExit as error:
            returncode = error.code if isinstance(error.code, int) else (0 if error.code is None else 1)
            if error.code is not None and not isinstance(error.code, int):
                stream.write(f"{error.code}\n")
        except Exception:  # what the interpreter prints for an uncaught exception, so tests see "Traceback"
            returncode = 1
            stream.write(traceback.format_exc())
    return Build(returncode, stream.getvalue(), project / "site")


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


# Under pytest-xdist (``-n 2 --dist loadfile --no-loadscope-reorder``, see pyproject.toml) each test module runs
# whole on one worker, so its module-scoped fixtures (a built site, the served demo, a browser) are made once, and
# modules are handed out in collection order. These take longest: sent first, the others fill in around them and
# both workers finish at about the same time. (A plain run keeps pytest's own order.)
SLOW_MODULES_FIRST = ("test_every_page.py", "test_browser.py", "test_security.py", "test_parity.py", "test_rebuilds.py",
                      "test_disabled.py", "test_backlinks.py", "test_messy.py", "test_import.py")


def pytest_collection_modifyitems(config, items):
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return
    rank = {name: i for i, name in enumerate(SLOW_MODULES_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: the order within a module stays
