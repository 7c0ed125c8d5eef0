"""Options of the ``lore/incidents`` plugin (documented in the README): shared types in ``../options.py``, its own below."""

from __future__ import annotations

import re

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from lore.core.model import DEFAULT_KINDS

from ..options import NAME_RE, NAME_RULE, Count, FilePath, Flag, Folder, Names, OneOf, Option, Text, quoted, shown


class Kinds(Names):
    """lore/incidents ``kinds``: at least one, each once, each usable in a URL (``<incidents_dir>/kind/<kind>/``)."""

    def __init__(self, default: list) -> None:
        super().__init__("kinds", "[incident, near-miss]", default)

    def run_validation(self, value: object, /) -> list[str]:
        kinds = super().run_validation(value)
        if not kinds:
            raise ValidationError(f"expected at least one kind (the first is the default), e.g. {self.example}")
        seen: set[str] = set()
        for kind in kinds:
            if not NAME_RE.match(kind):
                raise ValidationError(f"expected kinds in {NAME_RULE}, e.g. near-miss, got '{kind}'")
            if kind in seen:
                raise ValidationError(f"expected each kind once, got '{kind}' twice")
            seen.add(kind)
        return kinds


def _heading_key(text: str) -> str:
    return " ".join(text.casefold().split())


class Themes(Option):
    """lore/incidents ``themes``: ``{id: {title: str, headings: [str, ...]}}``; ids name pages
    (``<incidents_dir>/themes/<id>/``). ``headings`` may be left out: the title is a heading too."""

    EXAMPLE = "{surprises: {title: Surprises, headings: [What surprised us]}}"

    def expected(self) -> str:
        return f"a mapping of theme ids to {{title: ..., headings: [...]}}, e.g. {self.EXAMPLE}"

    def run_validation(self, value: object, /) -> dict[str, dict]:
        if not isinstance(value, dict):
            raise ValidationError(f"expected {self.expected()}, got {shown(value)}")
        if not value:
            raise ValidationError("expected at least one theme (leave themes out for the five recognised sections), "
                                  f"e.g. {self.EXAMPLE}")
        out: dict[str, dict] = {}
        owner: dict[str, str] = {}
        for theme, spec in value.items():
            if not isinstance(theme, str) or not NAME_RE.match(theme):
                raise ValidationError(f"expected theme ids in {NAME_RULE}, e.g. open-questions, got {quoted(theme)}")
            where = f"themes.{theme}"
            if not isinstance(spec, dict):
                raise ValidationError(f"{where}: expected {{title: ..., headings: [...]}}, got {shown(spec)}")
            unknown = [k for k in spec if k not in ("title", "headings")]
            if unknown:
                raise ValidationError(f"{where}: expected only title and headings, got {quoted(unknown[0])}")
            title = spec.get("title")
            if not isinstance(title, str) or not title.strip():
                raise ValidationError(f"{where}.title: expected the title of the theme page as text, got {shown(title)}")
            headings = spec.get("headings", [])
            if headings is None:
                headings = []
            if not isinstance(headings, list) or not all(isinstance(h, str) and h.strip() for h in headings):
                bad = headings if not isinstance(headings, list) else next(
                    h for h in headings if not isinstance(h, str) or not h.strip())
                raise ValidationError(f"{where}.headings: expected a list of headings, e.g. "
                                      f"[What surprised us, Surprises], got {shown(bad)}")
            for heading in (title, *headings):
                other = owner.setdefault(_heading_key(heading), theme)
                if other != theme:
                    raise ValidationError(f"{where}: expected each heading in one theme, got '{heading}' "
                                          f"in theme '{other}' too")
            out[theme] = {"title": title, "headings": list(headings)}
        return out


class Phrases(Option):
    """lore/incidents ``language_phrases``: ``{regular expression: suggestion}``, as the hints' checker combines them."""

    EXAMPLE = "{'should have': 'Say what people knew at the time.'}"

    def expected(self) -> str:
        return f"a mapping of regular expressions to suggestions, e.g. {self.EXAMPLE}"

    def run_validation(self, value: object, /) -> dict[str, str]:
        from lore.core.language import Checker

        if not isinstance(value, dict):
            raise ValidationError(f"expected {self.expected()}, got {shown(value)}")
        if not value:
            raise ValidationError("expected at least one phrase (leave language_phrases out for Lore's list; "
                                  "language_hints: off turns the hints off)")
        for phrase, suggestion in value.items():
            if not isinstance(phrase, str) or not phrase.strip():
                raise ValidationError(f"expected each phrase as a regular expression in text, got {shown(phrase)}")
            try:
                compiled = re.compile(phrase, re.I)
            except re.error as e:
                raise ValidationError(f"expected a regular expression: {e} in '{phrase}'") from None
            if compiled.fullmatch(""):
                raise ValidationError(f"expected a regular expression that matches words, got '{phrase}', "
                                      "which matches empty text")
            try:  # the checker joins every phrase into one pattern: a phrase must work there too
                Checker({phrase: ""})
            except re.error as e:
                raise ValidationError(f"expected a regular expression that works among the others (no global flags "
                                      f"such as (?i), no numbered back-references): {e.msg} in '{phrase}'") from None
            if not isinstance(suggestion, str) or not suggestion.strip():
                raise ValidationError(f"expected a suggestion as text for '{phrase}', got {shown(suggestion)}")
        try:
            Checker(value)
        except re.error as e:
            raise ValidationError(f"expected phrases that combine into one regular expression: {e.msg} "
                                  "(each named group may appear in one phrase only)") from None
        return dict(value)


class IncidentsConfig(Config):
    enabled = Flag(default=True)
    # Folder under docs/ that holds the stories.
    incidents_dir = Folder(default="incidents")
    # Allowed values of `kind`; the first is the default.
    kinds = Kinds(default=list(DEFAULT_KINDS))
    # Further front-matter keys that are not reported as unknown.
    extra_keys = Names("front-matter keys", "[team, cost]", default=[])
    # Folder of onboarding pages (read by lore/backlinks).
    onboarding_dir = Folder(default="onboarding")
    # Build and list `status: draft` stories in `mkdocs build` too.
    drafts = Flag(default=False)
    # Generate the catalog, kind listings and year pages when the writer has not.
    catalog = Flag(default=True)
    # Append "Incidents involving this service" to architecture pages.
    service_listing = Flag(default=True)
    # Keep every story in the sidebar: quadratic in site size, off by default.
    incidents_in_nav = Flag(default=False)
    # Serve mermaid from the site itself; path to mermaid.min.js, or auto-detected.
    mermaid = Flag(default=True)
    mermaid_js = c.Optional(Text("the path of mermaid.min.js, relative to mkdocs.yml or absolute"))
    # Recognised sections harvested into theme pages: {id: {title:, headings: [...]}}; default: five.
    themes = c.Optional(Themes())
    # The practice wheel page ('' for none).
    wheel = FilePath(default="practice-wheel.md")
    # Hindsight-bias hints as build messages: off (default; see `lore check --language`), info or warning.
    # YAML reads a bare `off` as false.
    language_hints = OneOf(("off", "info", "warning"), default="off", aliases={False: "off"})
    # Phrases for the hints, {regular expression: suggestion}; default: Lore's list.
    language_phrases = c.Optional(Phrases())
    # Clean writers' raw HTML (no scripts, event handlers, frames, forms or unsafe URLs); false trusts it.
    sanitize = Flag(default=True)
    # The Atom feed of new stories, written into the site ('' for none), and how many stories it holds.
    feed = FilePath(default="feed.xml", suffix=".xml", where="the site")
    feed_size = Count(default=20)
    # Listings show each story's summary and section chips while they hold at most this many stories (the
    # catalog counts all of its own); a longer one shows a line per story, so a page of 10,000 stays usable.
    summaries_up_to = Count(default=1000)
    # Link previews (og: tags) on every page, and newer/older links at the end of each story.
    previews = Flag(default=True)
    pager = Flag(default=True)
