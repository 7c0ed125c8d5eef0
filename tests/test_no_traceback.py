"""Macro calls that cannot run and docs folders that cannot be walked: one message each, never a traceback."""

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


@pytest.mark.parametrize("target, message", [
    (".", "incidents/loop: file: is a symlink loop: it leads back to a folder that contains it"),
    ("/etc", "incidents/loop: file: is a symlink to a place outside the docs folder (nothing outside it is read)"),
], ids=["loop", "outside"])
def test_symlinks_that_loop_or_leave_docs_stop_check_and_build_with_one_line(tmp_path, capsys, target, message):
    from lore.cli import main

    project = write_project(tmp_path, {"incidents/2024-01-01-fine.md": STORY})
    (project / "docs/incidents/loop").symlink_to(target if target != "." else project / "docs")
    build = run_build(project)
    assert build.returncode == 1 and message in build.log and "Traceback" not in build.log, build.log
    assert main(["check", "-f", str(project / "mkdocs.yml")]) == 1
    assert message in capsys.readouterr().err
