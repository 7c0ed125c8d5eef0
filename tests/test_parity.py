"""`lore check` and `mkdocs build --strict` say the same things, in both directions."""

from __future__ import annotations

import re

import pytest

from bad_inputs import CASES, OK, QUIET
from conftest import run_build, write_project
from lore.cli import main

CONFIG = """\
site_name: Parity
theme:
  name: material
  font: false
plugins:
  - search
  - lore/incidents
  - lore/glossary
  - lore/backlinks
  - macros:
      modules: [lore.macros]
      render_by_default: false
"""
_LINE = re.compile(r"^(?:ERROR|WARNING)\s+-\s+(.*)$", re.M)


def _ours(log: str, files: dict) -> set[str]:
    """Content messages: those that start with the path of one of the project's files."""
    return {m for m in _LINE.findall(log) if any(m.startswith(f"{path}: ") for path in files)}


@pytest.mark.parametrize("case", sorted(CASES) + sorted(QUIET))
def test_check_and_strict_build_report_the_same_messages(case, tmp_path, capsys):
    files = {"incidents/ok.md": OK, **(CASES[case][0] if case in CASES else QUIET[case])}
    project = write_project(tmp_path, files, config=CONFIG)
    status = main(["check", "-f", str(project / "mkdocs.yml"), "--strict"])
    checked = _ours(capsys.readouterr().err, files)
    build = run_build(project)
    built = _ours(build.log, files)
    assert checked == built, f"check only: {checked - built}\nbuild only: {built - checked}\n{build.log}"
    assert (status != 0) == (build.returncode != 0) == (case in CASES), build.log
    assert "Traceback" not in build.log


def test_check_and_build_report_a_bad_option_alike(tmp_path, capsys):
    project = write_project(tmp_path, {"incidents/ok.md": OK}, config=CONFIG.replace(
        "  - lore/incidents\n", "  - lore/incidents:\n      kinds: near-miss\n"))
    status = main(["check", "-f", str(project / "mkdocs.yml")])
    message = "Plugin 'lore/incidents' option 'kinds': expected a list of kinds, e.g. [incident, near-miss]"
    assert status == 1 and message in capsys.readouterr().err
    build = run_build(project)
    assert build.returncode != 0 and message in build.log and "Traceback" not in build.log
