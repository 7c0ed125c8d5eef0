"""Lore's HTML partials: Jinja templates under ``partials/lore/``, through the theme's environment.

A site overrides any partial by putting a file of the same name in its
``custom_dir``, as with Material's own partials. The few partials written on
every story page (card, listing, "Referenced by", "Appears in") also have a
string-join fast path with the same output, used unless the site overrides them.
Every value is escaped where it is written: by autoescape in templates, by
``lore.html`` in the fast paths.
"""

from __future__ import annotations

import datetime as dt
import os
from importlib import resources

import jinja2

from lore.core.model import kind_label, kind_plural

TEMPLATES = str(resources.files("lore").joinpath("templates"))
PREFIX = "partials/lore/"


def long_date(date: dt.date | None) -> str:
    return f"{date.day} {date.strftime('%B %Y')}" if date else "undated"


class Partials:
    """Renders ``partials/lore/<name>.html`` with the site's overrides, autoescaped."""

    def __init__(self, env: jinja2.Environment | None = None, theme_dirs: list[str] | None = None) -> None:
        if env is None:
            env = jinja2.Environment(loader=jinja2.FileSystemLoader([*(theme_dirs or []), TEMPLATES]))
        self.env = env.overlay(autoescape=True, trim_blocks=True, lstrip_blocks=True)
        self.env.filters.update(long_date=long_date, kind_label=kind_label, kind_plural=kind_plural)
        self._overridden = self._find_overrides(theme_dirs or _loader_dirs(env))

    @staticmethod
    def _find_overrides(dirs: list[str]) -> frozenset[str]:
        """Partials a folder before Lore's own provides (a site's custom_dir)."""
        names: set[str] = set()
        for folder in dirs:
            if os.path.abspath(folder) == os.path.abspath(TEMPLATES):
                break
            path = os.path.join(folder, PREFIX)
            if os.path.isdir(path):
                names.update(n[:-5] for n in os.listdir(path) if n.endswith(".html"))
        return frozenset(names)

    def overridden(self, name: str) -> bool:
        return name in self._overridden

    def render(self, name: str, **context) -> str:
        return self.env.get_template(f"{PREFIX}{name}.html").render(**context).strip()


def _loader_dirs(env: jinja2.Environment) -> list[str]:
    loader = env.loader
    return list(getattr(loader, "searchpath", []) or [])
