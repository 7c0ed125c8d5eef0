"""Options of the ``lore/backlinks`` plugin (documented in the README): shared types in ``../options.py``, its own below."""

from __future__ import annotations

from string import Formatter

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from lore.core import coderefs
from lore.core.graph import DEFAULT_KINDS, INCIDENTS, OTHER

from ..options import Count, FilePath, Flag, Names, Option, Text, path_problem, quoted, shown, words


class FolderLabels(Option):
    """lore/backlinks ``kinds``: top folder -> label, both text."""

    EXAMPLE = "{onboarding: Onboarding, runbooks: Runbooks}"

    def expected(self) -> str:
        return f"a mapping of top folders to labels, e.g. {self.EXAMPLE}"

    def run_validation(self, value: object, /) -> dict[str, str]:
        if not isinstance(value, dict):
            raise ValidationError(f"expected {self.expected()}, got {shown(value)}")
        for folder, label in value.items():
            if not isinstance(folder, str) or not folder or "/" in folder.strip("/") or path_problem(folder, "docs/"):
                raise ValidationError(f"expected {self.expected()}, got the folder {quoted(folder)} "
                                      "(expected one top folder of docs/, without /)")
            if not isinstance(label, str) or not label.strip():
                raise ValidationError(f"expected {self.expected()}, got {shown(label)} as the label of '{folder}'")
        return {folder.strip("/"): label for folder, label in value.items()}


class PageKinds(Names):
    """lore/backlinks ``show_on``: each a kind of page that the ``kinds`` option (or Lore) knows."""

    def __init__(self, default: list, kinds_key: str = "kinds") -> None:
        super().__init__("kinds of pages", "[incidents, architecture]", default)
        self.kinds_key = kinds_key

    def post_validation(self, config: Config, key_name: str) -> None:
        folders = config.get(self.kinds_key)
        known = [INCIDENTS, *(folders if isinstance(folders, dict) else {}), OTHER]
        for kind in config.get(key_name) or ():
            if kind not in known:
                raise ValidationError(f"expected kinds of pages among {words(known)} (the folders of the "
                                      f"'{self.kinds_key}' option, with incidents and other), got '{kind}'")


class UrlTemplate(Option):
    """A link template of a repository: the rules of ``core.coderefs`` (which also checks them before a scan),
    plus the placeholders a link cannot do without."""

    EXAMPLES = {"file_url": "https://git.example.com/shop/blob/main/{path}#L{line}",
                "commit_url": "https://git.example.com/shop/commit/{sha}"}

    def __init__(self, key: str, required: tuple[str, ...]) -> None:
        super().__init__()
        self.key = key
        self.required_fields = required

    def expected(self) -> str:
        return f"a URL with {words('{' + f + '}' for f in self.required_fields)}, e.g. {self.EXAMPLES[self.key]}"

    def run_validation(self, value: object, /) -> str:
        if not isinstance(value, str):
            raise ValidationError(f"expected {self.expected()}, got {shown(value)}")
        allowed = {"file_url": coderefs._FILE_FIELDS, "commit_url": coderefs._COMMIT_FIELDS}[self.key]
        try:
            coderefs._check_template(value, self.key, allowed, 0)
        except coderefs.RepoError as e:
            raise ValidationError(str(e).removeprefix(f"repos[0].{self.key}: ")) from None
        fields = {f for _, f, _, _ in Formatter().parse(value) if f is not None}
        missing = [f for f in self.required_fields if f not in fields]
        if missing:
            raise ValidationError(f"'{value}' has no {{{missing[0]}}} (expected {self.expected()})")
        return value


class Repos(Option):
    """lore/backlinks ``repos``: a list of ``RepoConfig``; errors say ``repos[N].field``, as the scan does."""

    def __init__(self, config_class: type[Config]) -> None:
        super().__init__(default=[])
        self.config_class = config_class

    def expected(self) -> str:
        return "a list of git checkouts, e.g. [{path: ../shop, file_url: 'https://git.example.com/shop/blob/main/{path}'}]"

    def run_validation(self, value: object, /) -> list[Config]:
        if not isinstance(value, list):
            raise ValidationError(f"expected {self.expected()}, got {shown(value)}")
        repos = []
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                hint = f" (write {{path: {item}}})" if isinstance(item, str) else ""
                raise ValidationError(f"repos[{index}]: expected {{path: ..., name: ..., file_url: ..., "
                                      f"commit_url: ...}}, got {shown(item)}{hint}")
            repo = self.config_class()
            repo.load_dict(dict(item))
            failed, warnings = repo.validate()
            self.warnings.extend(f"repos[{index}].{key}: {msg}" for key, msg in warnings)
            if failed:
                key, error = failed[0]
                raise ValidationError(f"repos[{index}].{key}: {error}")
            repos.append(repo)
        return repos


class RepoConfig(Config):
    # A local git checkout, relative to mkdocs.yml or absolute (checked when it is scanned).
    path = Text("the folder of a git checkout, relative to mkdocs.yml or absolute")
    # Shown name; default: the folder name.
    name = c.Optional(Text("the name shown for the checkout"))
    # Link templates: {path} and optionally {line}; {sha}.
    file_url = c.Optional(UrlTemplate("file_url", required=("path",)))
    commit_url = c.Optional(UrlTemplate("commit_url", required=("sha",)))


class BacklinksConfig(Config):
    enabled = Flag(default=True)
    # Kind of a linking page by its top folder; incidents are known to lore/incidents.
    kinds = FolderLabels(default=dict(DEFAULT_KINDS))
    # Kinds of pages that end with "Referenced by".
    show_on = PageKinds(default=["incidents"])
    # Git checkouts scanned for incident ids in code and commit messages.
    repos = Repos(RepoConfig)
    # How many "Also involving the same services" suggestions (0: none).
    similar = Count(default=5)
    # The connections report page ('' for none) and the JSON export at the site root ('' for none).
    report = FilePath(default="connections.md")
    export = FilePath(default="lore.json", suffix=".json", where="the site")
