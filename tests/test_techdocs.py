"""The demo builds inside Backstage TechDocs' own MkDocs set-up (mkdocs-techdocs-core), with every Lore plugin.

TechDocs pins an older Material and pymdown-extensions and replaces the site's search
and palette; Lore must build there unchanged, strictly.
"""

import os
import re
import subprocess

import pytest

from conftest import BIN, MERMAID, ROOT

TECHDOCS = ROOT / ".venv-techdocs" / "bin" / "mkdocs"


@pytest.mark.skipif(not TECHDOCS.exists(), reason="TechDocs is set up by `make test` in .venv-techdocs")
def test_demo_builds_strict_under_techdocs_core(tmp_path):
    subprocess.run([str(BIN / "python"), "scripts/make_sample_repo.py", ".lore/sample-repo"], cwd=ROOT, check=True,
                   capture_output=True)
    config = (ROOT / "mkdocs.yml").read_text()
    config = config.replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}")
    config = config.replace("path: .lore/sample-repo", f"path: {ROOT / '.lore/sample-repo'}")
    config = config.replace("plugins:\n", "plugins:\n  - techdocs-core\n", 1)  # as a Backstage catalog's mkdocs.yml has it
    (tmp_path / "mkdocs.yml").write_text(config)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", LORE_MERMAID_JS=str(MERMAID))
    proc = subprocess.run([str(TECHDOCS), "build", "--strict", "-d", str(tmp_path / "site")], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    site = tmp_path / "site"
    assert "Brambleway incident stories" in (site / "techdocs_metadata.json").read_text()
    story = (site / "incidents/2024-03-12-the-404-storm/index.html").read_text()
    assert '<section class="lore-card lore-card--incident"' in story
    assert 'class="lore-term"' in story and 'id="referenced-by"' in story and "lore-tl-lane" in story
    catalog = (site / "incidents/index.html").read_text()
    assert len(re.findall(r'<li class="lore-entry lore-entry--', catalog)) >= 15
    # TechDocs' own search index (Backstage reads it) holds the stories.
    assert "The 404 storm" in (site / "search/search_index.json").read_text()
