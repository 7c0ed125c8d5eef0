"""The demo knowledge base in docs/ builds strictly and shows what it promises."""

import os
import re
import subprocess

from conftest import BIN, MERMAID, ROOT


def test_demo_builds_strict_and_shows_stories(tmp_path):
    # make setup makes the sample repository; a bare pytest run makes it here.
    subprocess.run([str(BIN / "python"), "scripts/make_sample_repo.py", ".lore/sample-repo"], cwd=ROOT, check=True,
                   capture_output=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", LORE_MERMAID_JS=str(MERMAID))
    proc = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-d", str(tmp_path / "site")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "WARNING" not in proc.stderr
    site = tmp_path / "site"
    from lore.core.knowledge import incident_path
    from lore.core.model import Options

    sources = [p for p in (ROOT / "docs/incidents").rglob("*.md")
               if incident_path(p.relative_to(ROOT / "docs").as_posix(), Options())]
    assert len(sources) >= 4
    catalog = (site / "incidents/index.html").read_text()
    entries = re.findall(r'<li class="lore-entry lore-entry--([a-z-]+)">', catalog)
    assert len(entries) == len(sources)  # nothing silently dropped
    assert "near-miss" in entries
    services = [p for p in (ROOT / "docs/architecture").glob("*.md") if "service:" in p.read_text()]
    assert len(services) >= 3
    for service in services:
        html = (site / "architecture" / service.stem / "index.html").read_text()
        assert 'id="incidents-involving-this-service"' in html
    onboarding = (site / "onboarding/first-week/index.html").read_text()
    assert onboarding.count('href="../../incidents/20') >= 4
    assert (site / "guide/writing-a-story/index.html").exists()
    story = (site / "incidents/2024-03-12-the-404-storm/index.html").read_text()
    assert 'id="referenced-by"' in story and "Your first week" in story
    assert "Referenced from code" in story and "Mentioned in commits" in story
    assert 'class="lore-path"' in onboarding
    assert (site / "lore.json").exists() and (site / "connections/index.html").exists()
