"""A macro call that cannot run is a message naming the page and the macro, never a traceback in a page."""

from __future__ import annotations

import pytest

from conftest import run_build, write_project

CONFIG = """site_name: M
theme: {name: material, font: false}
plugins:
  - search
  - lore/incidents
  - lore/explore: {pagefind: false}
  - macros: {modules: [lore.macros], render_by_default: false}
"""
STORY = "---\ntitle: Fine\ndate: 2024-01-01\nsummary: Fine.\n---\n\nBody.\n"


def _page(call: str) -> dict[str, str]:
    return {"incidents/2024-01-01-fine.md": STORY,
            "onboarding/m.md": "---\nrender_macros: true\n---\n\n# M\n\n{% set n = " + call[0] + " %}\n\n{{ " + call[1] + " }}\n"}


@pytest.mark.parametrize("call, message", [
    (("'x'", "incident_list(limit=n)"),
     "onboarding/m.md: incident_list: limit: 'x' is not a whole number (expected a whole number of 1 or more)"),
    (("-3", "nothing_broke(limit=n)"),
     "onboarding/m.md: nothing_broke: limit: -3 is below 1 (expected a whole number of 1 or more)"),
    (("0", "no_such_macro(n)"),
     "onboarding/m.md: macros: UndefinedError: 'no_such_macro' is undefined"),
], ids=["variable-limit", "variable-negative-limit", "unknown-macro"])
def test_bad_calls_known_only_while_rendering_fail_the_build_with_one_line(tmp_path, call, message):
    build = run_build(write_project(tmp_path, _page(call), config=CONFIG), strict=False)
    assert build.returncode == 1
    assert message in build.log
    after = build.log.split("Building documentation", 1)[1].split("\n", 1)[1]
    assert "Traceback" not in after and str(tmp_path) not in after
