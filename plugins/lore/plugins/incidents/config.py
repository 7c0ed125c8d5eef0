"""Options of the ``lore/incidents`` plugin (documented in the README)."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from lore.core.model import DEFAULT_KINDS


class IncidentsConfig(Config):
    enabled = c.Type(bool, default=True)
    # Folder under docs/ that holds the stories.
    incidents_dir = c.Type(str, default="incidents")
    # Allowed values of `kind`; the first is the default.
    kinds = c.ListOfItems(c.Type(str), default=list(DEFAULT_KINDS))
    # Further front-matter keys that are not reported as unknown.
    extra_keys = c.ListOfItems(c.Type(str), default=[])
    # Folder of onboarding pages (read by lore/backlinks).
    onboarding_dir = c.Type(str, default="onboarding")
    # Build and list `status: draft` stories in `mkdocs build` too.
    drafts = c.Type(bool, default=False)
    # Generate the catalog, kind listings and year pages when the writer has not.
    catalog = c.Type(bool, default=True)
    # Append "Incidents involving this service" to architecture pages.
    service_listing = c.Type(bool, default=True)
    # Keep every story in the sidebar: quadratic in site size, off by default.
    incidents_in_nav = c.Type(bool, default=False)
    # Serve mermaid from the site itself; path to mermaid.min.js, or auto-detected.
    mermaid = c.Type(bool, default=True)
    mermaid_js = c.Optional(c.Type(str))
    # Recognised sections harvested into theme pages: {id: {title:, headings: [...]}}; default: five.
    themes = c.Optional(c.Type(dict))
    # The practice wheel page ('' for none).
    wheel = c.Type(str, default="practice-wheel.md")
    # Hindsight-bias hints as build messages: off (default; see `lore check --language`), info or warning.
    language_hints = c.Choice(("off", "info", "warning"), default="off")
    # Phrases for the hints, {regular expression: suggestion}; default: Lore's list.
    language_phrases = c.Optional(c.Type(dict))
