"""What the lore plugins share: assets served once, problem reporting, table-of-contents entries."""

from __future__ import annotations

from importlib import resources

import jinja2

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ASSET_DIR = "assets/lore"
STYLESHEET = f"{ASSET_DIR}/lore.css"


def use_stylesheet(config: MkDocsConfig) -> None:
    if STYLESHEET not in config.extra_css:
        config.extra_css.insert(0, STYLESHEET)


def add_stylesheet(files: Files, config: MkDocsConfig) -> None:
    if files.get_file_from_path(STYLESHEET) is None:
        files.append(File.generated(config, STYLESHEET, content=asset("lore.css")))


def use_script(config: MkDocsConfig, name: str) -> None:
    if f"{ASSET_DIR}/{name}" not in [str(s) for s in config.extra_javascript]:
        config.extra_javascript.append(f"{ASSET_DIR}/{name}")


def add_script(files: Files, config: MkDocsConfig, name: str) -> None:
    if files.get_file_from_path(f"{ASSET_DIR}/{name}") is None:
        files.append(File.generated(config, f"{ASSET_DIR}/{name}", content=asset(name)))


def asset(name: str) -> str:
    return resources.files("lore").joinpath("assets", name).read_text(encoding="utf-8")


def report(problems, log, plugin: str, what: str, fatal: bool = True) -> None:
    """Log every problem in the build's words; errors then stop the build, without a traceback
    (not under ``mkdocs serve``: the preview goes on and shows them on the pages, see problems_banner)."""
    for problem in problems:
        (log.error if problem.is_error else log.warning)(str(problem))
    errors = sum(1 for p in problems if p.is_error)
    if errors and fatal:
        raise PluginError(f"{plugin}: {errors} {what}{'s' * (errors != 1)} (listed above); nothing was built")


def walk_toc(items):
    for item in items:
        yield item
        yield from walk_toc(item.children)


def add_toc_entry(page, anchor: str, title: str) -> None:
    """A level-2 entry for a section Lore writes, under the page's H1 when it has one,
    as the toc extension would have put it; never twice."""
    from mkdocs.structure.toc import AnchorLink

    if page.toc is None or any(item.id == anchor for item in walk_toc(page.toc)):
        return
    items = page.toc.items
    if items and items[0].level == 1:
        items = items[0].children
    items.append(AnchorLink(title, anchor, 2))


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's compiled templates, kept across serve rebuilds: each rebuild makes a new environment, and
    compiling Material's templates again costs more than rendering the pages one save changed. Jinja keys
    each by its file and checks the source's checksum, so an edited template is compiled again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()

    def use(self, env) -> None:
        env.bytecode_cache = self
