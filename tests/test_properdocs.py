"""The demo builds under ProperDocs, the maintained fork of MkDocs 1.6, with every Lore plugin."""

import os
import re
import subprocess

import pytest

from conftest import BIN, MERMAID, ROOT

PROPERDOCS = ROOT / ".venv-properdocs" / "bin" / "properdocs"


@pytest.mark.skipif(not PROPERDOCS.exists(), reason="ProperDocs is set up by `make test` in .venv-properdocs")
def test_demo_builds_strict_under_properdocs(tmp_path):
    subprocess.run([str(BIN / "python"), "scripts/make_sample_repo.py", ".lore/sample-repo"], cwd=ROOT, check=True,
                   capture_output=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", LORE_MERMAID_JS=str(MERMAID))
    proc = subprocess.run([str(PROPERDOCS), "build", "--strict", "-f", "mkdocs.yml", "-d", str(tmp_path / "site")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    site = tmp_path / "site"
    story = (site / "incidents/2024-03-12-the-404-storm/index.html").read_text()
    assert '<section class="lore-card lore-card--incident"' in story
    assert 'class="lore-term"' in story and 'id="referenced-by"' in story and "lore-tl-lane" in story
    catalog = (site / "incidents/index.html").read_text()
    assert len(re.findall(r'<li class="lore-entry lore-entry--', catalog)) >= 15
