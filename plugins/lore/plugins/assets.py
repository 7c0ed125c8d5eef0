"""The stylesheet every lore plugin needs, served once whichever plugins are on."""

from __future__ import annotations

from importlib import resources

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

ASSET_DIR = "assets/lore"
STYLESHEET = f"{ASSET_DIR}/lore.css"


def use_stylesheet(config: MkDocsConfig) -> None:
    if STYLESHEET not in config.extra_css:
        config.extra_css.insert(0, STYLESHEET)


def add_stylesheet(files: Files, config: MkDocsConfig) -> None:
    if files.get_file_from_path(STYLESHEET) is None:
        files.append(File.generated(config, STYLESHEET, content=asset("lore.css")))


def asset(name: str) -> str:
    return resources.files("lore").joinpath("assets", name).read_text(encoding="utf-8")
