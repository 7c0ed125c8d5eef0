"""Options of the ``lore/explore`` plugin (documented in the README)."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ExploreConfig(Config):
    enabled = c.Type(bool, default=True)
    # The generated "Explore incidents" page ('' for none).
    page = c.Type(str, default="explore.md")
    # Run Pagefind after the build; off leaves the page with a notice.
    pagefind = c.Type(bool, default=True)
    # Folder of the Pagefind bundle inside the site.
    bundle = c.Type(str, default="pagefind")
    # Switch Material's search off and let the explorer be the site's search:
    # true, false, or 'auto' (when the site has more than `replace_above` stories).
    replace_search = c.Choice((True, False, "auto"), default="auto")
    replace_above = c.Type(int, default=1000)
