"""Under `mkdocs serve` content errors do not stop the preview: every page is built and shows its problems."""

from __future__ import annotations

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from bad_inputs import CASES, OK
from conftest import write_project
from test_parity import CONFIG

# One case of each family; every case was served once when this test was written, none raised.
SAMPLE = ["malformed-yaml", "yaml-alias-bomb", "story-named-like-its-year", "readme-in-incidents", "unknown-service",
          "macro-limit-not-a-number", "timeline-at-the-end-of-time", "two-timelines", "front-matter-unclosed",
          "forced-link-to-unknown-term", "accidental-heading", "non-utf8", "yaml-deep-nesting"]


def serve_build(project):
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins["lore/incidents"].on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/")
    return project / "site"


@pytest.mark.parametrize("case", SAMPLE)
def test_the_preview_builds_and_shows_each_problem(case, tmp_path):
    if "draft" in case:
        pytest.skip("the preview publishes drafts: nothing to report")
    files = {"index.md": "# Home\n", "incidents/ok.md": OK, **CASES[case][0]}
    site = serve_build(write_project(tmp_path, files, config=CONFIG))
    home = (site / "index.html").read_text()
    assert 'class="admonition' in home and "lore-problems" in home
    message = CASES[case][1]
    shown = message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")
    assert shown in home, message
    assert (site / "incidents/ok/index.html").exists()
