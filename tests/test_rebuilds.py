"""Rebuilds in one process, as `mkdocs serve` does, give the same site and keep no state."""

import hashlib
import logging
import os
import re

from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import MERMAID, copy_fixture, pagefind_fragments


def digest(site):
    h = hashlib.sha256()
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".css", ".xml"):
            h.update(path.relative_to(site).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def test_repeated_builds_are_identical_and_do_not_accumulate(tmp_path, monkeypatch):
    monkeypatch.setenv("LORE_MERMAID_JS", str(MERMAID))
    project = copy_fixture("basic", tmp_path)
    config = load_config(str(project / "mkdocs.yml"))
    plugin = config.plugins["lore/incidents"]
    plugin.on_startup(command="serve", dirty=False)
    digests, sizes = set(), set()
    for _ in range(6):  # growth shows by the second rebuild; six leave no doubt
        build(config)
        digests.add(digest(project / "site"))
        sizes.add((len(config.extra_css), len(config.extra_javascript), len(plugin.state.content.kb.incidents), len(plugin.state.content.problems)))
    assert len(digests) == 1
    assert sizes == {(1, 3, 2, 0)}  # lore.css; on-this-day, cite and wheel scripts (mermaid is added to pages with a diagram)


def test_a_fixed_error_is_forgotten_on_the_next_rebuild(tmp_path, monkeypatch):
    monkeypatch.setenv("LORE_MERMAID_JS", str(MERMAID))
    project = copy_fixture("basic", tmp_path)
    story = project / "docs/incidents/2023/cert-near-miss.md"
    good = story.read_text()
    config = load_config(str(project / "mkdocs.yml"))
    # MkDocs keeps one instance of a plugin with on_startup per process: say which command this is.
    config.plugins["lore/incidents"].on_startup(command="build", dirty=False)
    story.write_text(good.replace("kind: near-miss", "kind: nearmiss"))
    try:
        build(config)
        raise AssertionError("expected the build to fail")
    except Exception as exc:  # MkDocs raises Abort after logging the message
        assert "Aborted" in str(exc) or "content error" in str(exc)
    story.write_text(good)
    build(config)
    assert (project / "site/incidents/2023/cert-near-miss/index.html").exists()
    assert len(config.plugins["lore/incidents"].state.content.problems) == 0


def test_drafts_render_under_serve_with_a_banner_but_stay_out_of_listings(tmp_path, monkeypatch):
    monkeypatch.setenv("LORE_MERMAID_JS", str(MERMAID))
    project = copy_fixture("basic", tmp_path)
    (project / "docs/incidents/2024-02-02-draft.md").write_text(
        "---\ntitle: Half-written\ndate: 2024-02-02\nsummary: S.\nstatus: draft\n---\nBody\n"
    )
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins["lore/incidents"].on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/")
    page = (project / "site/incidents/2024-02-02-draft/index.html").read_text()
    assert "Draft: this story is not published yet" in page
    assert "Half-written" not in (project / "site/incidents/index.html").read_text()


def test_two_builds_with_source_date_epoch_are_byte_identical_whatever_the_file_order(tmp_path):
    """Two copies written in opposite orders (so directory listings differ) build to the same bytes."""
    import os
    import shutil
    import subprocess

    from conftest import BIN, FIXTURES

    source = FIXTURES / "messy"
    files = sorted(p for p in source.rglob("*") if p.is_file() and "site" not in p.relative_to(source).parts)
    sites = []
    for name, order in (("one", files), ("two", list(reversed(files)))):
        project = tmp_path / name
        for path in order:
            target = project / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", NO_MKDOCS_2_WARNING="1", LORE_MERMAID_JS=str(MERMAID))
        subprocess.run([str(BIN / "mkdocs"), "build", "-q"], cwd=project, env=env, check=True)
        sites.append(project / "site")
    one = {p.relative_to(sites[0]).as_posix(): p.read_bytes() for p in sites[0].rglob("*") if p.is_file()}
    two = {p.relative_to(sites[1]).as_posix(): p.read_bytes() for p in sites[1].rglob("*") if p.is_file()}
    # Pagefind writes its filter chunks in hash-map order, so their names (and the files naming them) vary
    # between runs on identical input: those are compared by what they hold, everything else byte for byte.
    varying = re.compile(r"^pagefind/(filter/.*\.pf_filter|pagefind\..*\.pf_meta|pagefind-entry\.json)$")
    assert sorted(n for n in one if not varying.match(n)) == sorted(n for n in two if not varying.match(n))
    assert [name for name in one if not varying.match(name) and one[name] != two[name]] == []
    assert len([n for n in one if varying.match(n)]) == len([n for n in two if varying.match(n)])
    assert pagefind_fragments(sites[0] / "pagefind") == pagefind_fragments(sites[1] / "pagefind")
    stories = [f for f in pagefind_fragments(sites[0] / "pagefind").values() if f["filters"].get("kind")]
    assert len(stories) == 3


class _Said(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_under_serve_the_page_reloads_before_the_search_index_is_written(tmp_path, monkeypatch):
    monkeypatch.setenv("LORE_MERMAID_JS", str(MERMAID))
    project = copy_fixture("messy", tmp_path)
    config = load_config(str(project / "mkdocs.yml"))
    explore = config.plugins["lore/explore"]
    said = _Said()
    logger = logging.getLogger("mkdocs.plugins.lore.explore")
    logger.addHandler(said)
    level = logger.level
    logger.setLevel(logging.INFO)  # as mkdocs serve sets it
    explore.on_startup(command="serve", dirty=False)
    try:
        build(config)  # returns, and the preview reloads, whether or not Pagefind has finished
        assert any("still writing the search index" in line or "search index is current" in line for line in said.lines)
        explore.on_shutdown()  # the next rebuild, or the end of the preview, waits for the index
        assert any(line.startswith("lore/explore: the search index is current (") for line in said.lines), said.lines
        indexed = pagefind_fragments(project / "site" / "pagefind")
        assert any(f["filters"].get("kind") for f in indexed.values())  # the stories, with their facets
    finally:
        logger.removeHandler(said)
        logger.setLevel(level)
        explore.on_startup(command="build", dirty=False)
