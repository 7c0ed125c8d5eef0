"""Options of the ``lore/glossary`` plugin (documented in the README)."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class GlossaryConfig(Config):
    enabled = c.Type(bool, default=True)
    # Folder under docs/ with one Markdown page per term.
    glossary_dir = c.Type(str, default="glossary")
    # Link the first occurrence of each term on a page, or every occurrence.
    link = c.Choice(("first", "all"), default="first")
    # Generate the A-Z index at the glossary root unless the writer wrote it.
    index = c.Type(bool, default=True)
    # Append "Appears in" to each term page.
    appears_in = c.Type(bool, default=True)
    # Put every term in the sidebar (hundreds of entries on every page: off by default).
    terms_in_nav = c.Type(bool, default=False)
