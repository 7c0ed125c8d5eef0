"""mkdocs.yml as the commands read it: as data, never running its tags."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


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


