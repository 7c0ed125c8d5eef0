"""The bad-input table against the core's pipeline directly: exact messages, never an exception."""

from __future__ import annotations

import textwrap

import pytest

from bad_inputs import CASES, OK, QUIET
from conftest import run_build, write_project
from lore.core import pipeline
from lore.core.model import Options


def load(files: dict, glossary: bool = True) -> pipeline.Content:
    files = {"incidents/ok.md": OK, **files}
    sources = [(path, (lambda c=c: c if isinstance(c, bytes) else textwrap.dedent(c).lstrip("\n").encode()))
               for path, c in files.items()]
    return pipeline.load(sources, Options(), "glossary" if glossary else None, macros_by_default=False)


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_pipeline_reports_each_bad_input_with_its_exact_message(case):
    files, message = CASES[case]
    lines = [str(p) for p in load(files).problems]
    assert any(line.startswith(message) for line in lines), lines


@pytest.mark.parametrize("case", sorted(QUIET))
def test_what_markdown_does_not_render_is_not_reported(case):
    assert [str(p) for p in load(QUIET[case]).problems] == []


def test_errors_are_all_reported_in_one_build(tmp_path):
    files = {"incidents/a.md": "---\ndate: 2024-01-01\nsummary: S.\nkind: outage\n---\n\nBody.\n"}
    build = run_build(write_project(tmp_path, files), strict=False)
    assert build.returncode != 0
    assert CASES["missing-title"][1].replace("incidents/a.md", "incidents/a.md") in build.log
    assert CASES["unknown-kind"][1] in build.log
    assert "lore/incidents: 2 content errors (listed above); nothing was built" in build.log
    assert "Traceback" not in build.log


def test_warnings_alone_pass_a_non_strict_build(tmp_path):
    build = run_build(write_project(tmp_path, {"incidents/a.md": "---\ntitle: A\ndate: 2024-01-01\n---\n\nBody.\n"}),
                      strict=False)
    assert build.returncode == 0, build.log
    assert CASES["missing-summary"][1] in build.log
    assert (build.site / "incidents/a/index.html").exists()
