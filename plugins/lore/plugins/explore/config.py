"""Options of the ``lore/explore`` plugin (documented in the README); the types are in ``../options.py``."""

from mkdocs.config.base import Config

from ..options import Count, FilePath, Flag, Folder, OneOf


class ExploreConfig(Config):
    enabled = Flag(default=True)
    # The generated "Explore incidents" page ('' for none).
    page = FilePath(default="explore.md")
    # Run Pagefind after the build; off leaves the page with a notice.
    pagefind = Flag(default=True)
    # Folder of the Pagefind bundle inside the site.
    bundle = Folder(default="pagefind", where="the site")
    # Pagefind answers the header's search and Material builds no index of its own: true,
    # false (Material's search indexes the site too), or 'auto' (above `replace_above` stories).
    replace_search = OneOf((True, False, "auto"), default=True)
    replace_above = Count(default=1000)
