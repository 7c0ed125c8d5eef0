"""Options of the ``lore/backlinks`` plugin (documented in the README)."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from lore.core.graph import DEFAULT_KINDS


class RepoConfig(Config):
    # A local git checkout, relative to mkdocs.yml or absolute.
    path = c.Type(str)
    # Shown name; default: the folder name.
    name = c.Optional(c.Type(str))
    # Link templates: {path} and {line}; {sha}.
    file_url = c.Optional(c.Type(str))
    commit_url = c.Optional(c.Type(str))


class BacklinksConfig(Config):
    enabled = c.Type(bool, default=True)
    # Kind of a linking page by its top folder; incidents are known to lore/incidents.
    kinds = c.Type(dict, default=dict(DEFAULT_KINDS))
    # Kinds of pages that end with "Referenced by".
    show_on = c.ListOfItems(c.Type(str), default=["incidents"])
    # Git checkouts scanned for incident ids in code and commit messages.
    repos = c.ListOfItems(c.SubConfig(RepoConfig), default=[])
    # How many "Also involving the same services" suggestions (0: none).
    similar = c.Type(int, default=5)
    # The connections report page ('' for none) and the JSON export ('' for none).
    report = c.Type(str, default="connections.md")
    export = c.Type(str, default="lore.json")
