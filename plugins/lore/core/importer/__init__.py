"""Existing post-mortems, turned into Lore stories (``lore import``).

Write-ups arrive from Confluence, Google Docs or GitHub, written to the Google
SRE, PagerDuty or Atlassian templates or to none. The body is kept as written:
only what Lore needs is inferred (title, date, summary, services, tags, the
original URL), and every guess is reported so that a person can check it.
Conversion is a pure function of the file's text so that importing twice gives
the same tree; reading sources and writing folders are kept apart from it.
"""

from .dates import NO_DATE, PUBLISHED_KEYS, date_in_text
from .infer import CARRIED, normalise_tag
from .summary import summary_from_body, trim_summary
from .rewrite import HEADING_MAP, map_headings, relink_images
from .report import needs_attention, render as render_report, rows as report_rows
from .sources import DEFAULT_MAP, TARGETS, ImportOptions, Selection, Unreadable, find_sources, known_services, parse_map, select, service_titles
from .write import SLUG_WORDS, Converted, assign_slugs, convert, convert_all, exists, front_matter, write

__all__ = [
    "CARRIED", "DEFAULT_MAP", "NO_DATE", "HEADING_MAP", "PUBLISHED_KEYS", "SLUG_WORDS", "TARGETS",
    "Converted", "ImportOptions", "Unreadable",
    "assign_slugs", "convert", "convert_all", "date_in_text", "exists", "find_sources", "front_matter",
    "known_services", "map_headings", "needs_attention", "render_report", "report_rows", "select", "Selection", "service_titles", "normalise_tag", "parse_map", "relink_images", "summary_from_body",
    "trim_summary", "write",
]
