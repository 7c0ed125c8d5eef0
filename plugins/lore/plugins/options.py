"""Option types shared by the Lore plugins, and ``load`` for ``lore check``.

Every option is checked by MkDocs' config machinery (each type below is a
``BaseConfigOption`` with ``run_validation``, as ``mkdocs.contrib.search``
checks ``lang``; the types only one plugin needs are in its ``config.py``), so a bad value is one config error naming the option and
what was expected: ``Plugin 'lore/incidents' option 'kinds': expected a list of
kinds, e.g. [incident, near-miss], got the text 'near-miss'``. ``load`` runs the
same Config classes on options read from mkdocs.yml, so ``lore check`` reports
the same lines as the build.

As everywhere in MkDocs, an option written as ``null`` takes its default.
"""

from __future__ import annotations

import ntpath
import re
from typing import Any, Iterable

from mkdocs.config.base import BaseConfigOption, Config, ValidationError

ERROR = "error"
WARNING = "warning"

NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
NAME_RULE = "lowercase letters, digits and hyphens, starting with a letter or digit"


def shown(value: object) -> str:
    """A value as the writer wrote it in YAML: ``'text'``, ``true``, ``7``, ``a list``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        return f"the text '{value}'" if value else "''"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def quoted(value: object) -> str:
    return f"'{value}'" if isinstance(value, str) else shown(value)


def words(choices: Iterable[object]) -> str:
    names = [shown(v) if isinstance(v, bool) else str(v) for v in choices]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


class Option(BaseConfigOption):
    """An option whose value is ``None`` only when it was not written: then its default applies."""

    def __init__(self, default: Any = None) -> None:
        super().__init__()
        self.default = default

    def validate(self, value: object, /):
        if value is None:
            if self.default is None:
                raise ValidationError(f"expected {self.expected()}, got nothing")
            return self.default
        return self.run_validation(value)

    def expected(self) -> str:
        return "a value"


class Flag(Option):
    def run_validation(self, value: object, /) -> bool:
        if not isinstance(value, bool):
            raise ValidationError(f"expected true or false, got {shown(value)}")
        return value

    def expected(self) -> str:
        return "true or false"


class OneOf(Option):
    """One of a few words. Unlike ``c.Choice``, ``1`` is not ``true``; ``aliases`` map YAML's readings
    (YAML 1.1 reads ``off`` as false) back to the word the writer meant."""

    def __init__(self, choices: tuple, default: Any, aliases: dict | None = None) -> None:
        super().__init__(default)
        self.choices = choices
        self.aliases = aliases or {}

    def run_validation(self, value: object, /):
        for key, meant in self.aliases.items():
            if type(value) is type(key) and value == key:
                return meant
        if any(type(value) is type(choice) and value == choice for choice in self.choices):
            return value
        raise ValidationError(f"expected {self.expected()}, got {quoted(value)}")

    def expected(self) -> str:
        return words(self.choices)


class Count(Option):
    def run_validation(self, value: object, /) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValidationError(f"expected {self.expected()}, got {quoted(value)}")
        return value

    def expected(self) -> str:
        return "a whole number, 0 or more"


class Text(Option):
    """Any non-empty text."""

    def __init__(self, what: str, default: str | None = None) -> None:
        super().__init__(default)
        self.what = what

    def run_validation(self, value: object, /) -> str:
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(f"expected {self.what}, got {shown(value)}")
        return value

    def expected(self) -> str:
        return self.what


def path_problem(value: str, where: str) -> str | None:
    """Why ``value`` is not a relative path inside ``where`` (docs/ or the site), or None."""
    if value.startswith(("/", "\\")) or ntpath.isabs(value) or re.match(r"^[A-Za-z]:", value):
        return "an absolute path"
    if "\\" in value:
        return "write / between folders"
    parts = value.rstrip("/").split("/")
    if ".." in parts:
        return f"'..' leads out of {where}"
    if any(part in ("", ".") for part in parts):
        return "'.' and '//' are not folder names"
    return None


class Folder(Option):
    """A folder inside docs/ (or the site), relative, without ``..``; a trailing slash is dropped."""

    def __init__(self, default: str, where: str = "docs/") -> None:
        super().__init__(default)
        self.where = where

    def run_validation(self, value: object, /) -> str:
        if not isinstance(value, str) or not value.strip("/"):
            raise ValidationError(f"expected {self.expected()}, got {shown(value)}")
        problem = path_problem(value, self.where)
        if problem:
            raise ValidationError(f"expected {self.expected()}, got '{value}' ({problem})")
        return value.rstrip("/")

    def expected(self) -> str:
        return f"a relative folder inside {self.where}, e.g. '{self.default}'"


class FilePath(Option):
    """``''`` for none, or a relative path inside docs/ (or the site) ending in ``suffix``."""

    def __init__(self, default: str, suffix: str = ".md", where: str = "docs/") -> None:
        super().__init__(default)
        self.suffix = suffix
        self.where = where

    def run_validation(self, value: object, /) -> str:
        if not isinstance(value, str):
            raise ValidationError(f"expected {self.expected()}, got {shown(value)}")
        if value == "":
            return value
        problem = path_problem(value, self.where)
        if problem is None and (not value.endswith(self.suffix) or value.rsplit("/", 1)[-1] == self.suffix):
            problem = f"not a {self.suffix} file"
        if problem:
            raise ValidationError(f"expected {self.expected()}, got '{value}' ({problem})")
        return value

    def expected(self) -> str:
        kind = "page" if self.suffix == ".md" else "file"
        return f"'' for none or a relative {kind} path inside {self.where} ending in {self.suffix}, e.g. '{self.default}'"


class Names(Option):
    """A list of non-empty strings; a single string gets a hint to write a list."""

    def __init__(self, what: str, example: str, default: list) -> None:
        super().__init__(default)
        self.what = what
        self.example = example

    def expected(self) -> str:
        return f"a list of {self.what}, e.g. {self.example}"

    def run_validation(self, value: object, /) -> list[str]:
        if isinstance(value, str):
            raise ValidationError(f"expected {self.expected()}, got {shown(value)} (write [{value}] for one)")
        if not isinstance(value, list):
            raise ValidationError(f"expected {self.expected()}, got {shown(value)}")
        for item in value:
            if not isinstance(item, str) or not item.strip():
                raise ValidationError(f"expected {self.expected()}, got {shown(item)} in the list")
        return list(value)


class Message(str):
    """One line as MkDocs writes it: ``Plugin 'lore/incidents' option 'kinds': ...``; ``level`` is error or warning."""

    level: str

    def __new__(cls, text: str, level: str = ERROR) -> "Message":
        message = super().__new__(cls, text)
        message.level = level
        return message

    @property
    def is_error(self) -> bool:
        return self.level == ERROR


def config_classes() -> dict[str, type[Config]]:
    from .backlinks.config import BacklinksConfig
    from .explore.config import ExploreConfig
    from .glossary.config import GlossaryConfig
    from .incidents.config import IncidentsConfig

    return {"lore/incidents": IncidentsConfig, "lore/glossary": GlossaryConfig,
            "lore/backlinks": BacklinksConfig, "lore/explore": ExploreConfig}


def load(plugin_name: str, raw: dict | None) -> tuple[Config, list[str]]:
    """Validates one plugin's options as read from mkdocs.yml, with the plugin's own Config class.

    Returns the config and its messages, formatted as MkDocs formats them (each a ``Message``: errors,
    then warnings such as unknown options). As in MkDocs, validation stops at the first bad option.
    After an error, the returned config holds only the values validated so far.
    """
    classes = config_classes()
    if plugin_name not in classes:
        raise KeyError(f"unknown plugin '{plugin_name}' (expected one of: {', '.join(classes)})")
    config = classes[plugin_name]()
    if raw is not None and not isinstance(raw, dict):
        config.validate()
        return config, [Message(f"Invalid config options for the '{plugin_name}' plugin.")]
    config.load_dict(dict(raw or {}))
    failed, warnings = config.validate()
    messages = [Message(f"Plugin '{plugin_name}' option '{key}': {error}") for key, error in failed]
    for warning in warnings:
        text = (f"Plugin '{plugin_name}': {warning}" if isinstance(warning, str)
                else f"Plugin '{plugin_name}' option '{warning[0]}': {warning[1]}")
        messages.append(Message(text, WARNING))
    return config, messages


__all__ = ["Count", "FilePath", "Flag", "Folder", "Message", "Names", "OneOf", "Option", "Text", "load",
           "NAME_RE", "NAME_RULE", "path_problem", "quoted", "shown", "words"]
