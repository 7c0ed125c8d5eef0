"""Every Lore plugin honours `enabled: false`: the demo builds with each one off in turn,
without a traceback, and what that plugin adds is gone while the others keep working."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, run_build

# plugin -> (what its pages show when on, a page that shows it)
FEATURES = {
    "lore/incidents": ('class="lore-card', "incidents/2024-03-12-the-404-storm/index.html"),
    "lore/glossary": ('class="lore-term', "incidents/2024-03-12-the-404-storm/index.html"),
    "lore/backlinks": ('id="referenced-by"', "architecture/storefront/index.html"),
    "lore/explore": ('class="lore-explore"', "explore/index.html"),
}


def _config(disabled: str) -> str:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("path: .lore/sample-repo", f"path: {ROOT / '.lore/sample-repo'}")
    text = re.sub(r"^  - lore/explore$", "  - lore/explore:\n      pagefind: false", text, flags=re.M)
    if re.search(rf"^  - {re.escape(disabled)}:$", text, re.M):
        text = re.sub(rf"^  - {re.escape(disabled)}:$", f"  - {disabled}:\n      enabled: false", text, flags=re.M)
    else:
        text = re.sub(rf"^  - {re.escape(disabled)}$", f"  - {disabled}:\n      enabled: false", text, flags=re.M)
    # Off, lore/incidents generates no catalog: the demo's links to it are MkDocs warnings, not failures.
    text = re.sub(r"^(docs_dir|strict):.*$", "", text, flags=re.M)
    return f"docs_dir: {ROOT / 'docs'}\n" + text


@pytest.mark.parametrize("disabled", sorted(FEATURES))
def test_the_demo_builds_with_one_plugin_disabled(disabled, tmp_path):
    (tmp_path / "mkdocs.yml").write_text(_config(disabled), encoding="utf-8")
    build = run_build(tmp_path, strict=False)
    assert build.returncode == 0, build.log
    assert "Traceback" not in build.log
    for plugin, (mark, page) in FEATURES.items():
        path = build.site / page
        shown = path.exists() and mark in path.read_text(encoding="utf-8")
        assert shown == (plugin != disabled), f"{plugin} with {disabled} disabled: {mark} in {page}: {shown}"
