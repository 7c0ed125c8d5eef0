"""Options of the ``lore/glossary`` plugin (documented in the README); the types are in ``../options.py``."""

from mkdocs.config.base import Config

from ..options import Flag, Folder, OneOf


class GlossaryConfig(Config):
    enabled = Flag(default=True)
    # Folder under docs/ with one Markdown page per term.
    glossary_dir = Folder(default="glossary")
    # Link the first occurrence of each term on a page, or every occurrence.
    link = OneOf(("first", "all"), default="first")
    # Generate the A-Z index at the glossary root unless the writer wrote it.
    index = Flag(default=True)
    # Append "Appears in" to each term page.
    appears_in = Flag(default=True)
    # Put every term in the sidebar (hundreds of entries on every page: off by default).
    terms_in_nav = Flag(default=False)
