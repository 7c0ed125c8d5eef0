"""The writer's preview (``lore serve``, MkDocs' serve --dirty): after each edit, the site it serves is the
site a clean build of the same sources makes, page for page, while it renders only what changed."""

from __future__ import annotations

import difflib
import logging
import re
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from conftest import MERMAID, copy_fixture

URL = "http://127.0.0.1:8000/"
STORY = "docs/incidents/2015-09-15-synthetic-5/index.md"


def _replace(path: str, old: str, new: str, count: int = 1):
    def edit(project: Path) -> None:
        file = project / path
        text = file.read_text()
        assert old in text, (path, old)
        file.write_text(text.replace(old, new, count))
    return edit


def _write(path: str, text: str):
    def edit(project: Path) -> None:
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_text(text)
    return edit


def _delete(path: str):
    return lambda project: shutil.rmtree(project / path)


NEW_STORY = """---
title: A story written today
date: 2015-12-01
summary: The queue drained while nobody watched it.
kind: incident
services: [service-03]
tags: [synthetic]
---

## What happened

We read [the earlier story](../2012-04-13-synthetic-2/index.md) first, then the queue drained.

## What surprised us

Nothing at first, then everything at once.
"""
PERSPECTIVE = """---
who: Cy
role: Responder
---

I joined late and saw the graphs first. The jagged anvil was already red.
"""

# (what the writer did, the edit, the pages that must be rendered again at least)
EDITS = [
    ("a body edit", _replace(STORY, "## What surprised us", "A sentence the writer added.\n\n## What surprised us"),
     {STORY}),
    ("a title change", _replace(STORY, "title: Synthetic incident 5", "title: The night the kiln went cold"),
     {"docs/incidents/index.md", "docs/incidents/2015/index.md"}),
    ("services changed", _replace(STORY, "services: [", "services: [service-07, "), {"docs/architecture/service-07.md"}),
    ("related added", _replace("docs/incidents/2017-12-26-synthetic-7/index.md", "related: [", "related: [2015-09-15-synthetic-5, "),
     set()),
    ("a story added", _write("docs/incidents/2015-12-01-a-story-written-today.md", NEW_STORY), set()),
    ("a story deleted", _delete("docs/incidents/2020-04-08-synthetic-9"), set()),
    ("a term renamed", _replace("docs/glossary/jagged-anvil.md", "term: jagged anvil", "term: jagged anvils"), set()),
    ("an architecture page edited", _replace("docs/architecture/service-03.md", "# service-03", "# Payments gateway"), set()),
    ("a perspective added", _write("docs/incidents/2012-04-13-synthetic-2/perspectives/cy.md", PERSPECTIVE), set()),
    ("a timeline edited", _replace("docs/incidents/2010-01-01-synthetic-0/timeline.yml", "who: Bo", "who: Dee"), set()),
    ("an error introduced", _replace(STORY, "kind: incident", "kind: nearmiss"), set()),
    ("the error fixed", _replace(STORY, "kind: nearmiss", "kind: incident"), set()),
    ("a story made a draft", _replace("docs/incidents/2013-06-04-synthetic-3/index.md", "kind: game-day",
                                      "kind: game-day\nstatus: draft"), set()),
    ("a draft renamed", _replace("docs/incidents/2013-06-04-synthetic-3/index.md", "title: Synthetic incident 3",
                                 "title: Still a draft"), {"docs/incidents/2013-06-04-synthetic-3/index.md"}),
    ("a link added", _replace("docs/incidents/2014-07-25-synthetic-4/index.md", "## What surprised us",
                              "See [the gateway](../../architecture/service-01.md).\n\n## What surprised us"), set()),
]


def _plugins_cache() -> dict:
    return MkDocsConfig.__dict__["plugins"].plugin_cache


def _clean_build(project: Path, site: Path) -> None:
    """A clean serve build by fresh plugins, as a new `mkdocs serve` would make it."""
    cache = _plugins_cache()
    kept = dict(cache)
    cache.clear()
    try:
        config = load_config(str(project / "clean/mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="serve", dirty=False)
        config.site_url = URL
        build(config, serve_url=URL)
        config.plugins.on_shutdown()  # Pagefind's index is written beside; let it finish
    finally:
        cache.clear()
        cache.update(kept)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and not p.relative_to(site).as_posix().startswith("pagefind/") and p.suffix != ".gz"}


def _differences(served: Path, clean: Path) -> list[str]:
    got, want = _files(served), _files(clean)
    out = [f"{name}: only in the preview" for name in sorted(got.keys() - want.keys())]
    out += [f"{name}: missing from the preview" for name in sorted(want.keys() - got.keys())]
    for name in sorted(got.keys() & want.keys()):
        if got[name] != want[name]:
            diff = difflib.unified_diff(want[name].decode(errors="replace").splitlines(),
                                        got[name].decode(errors="replace").splitlines(), lineterm="", n=0)
            out.append(f"{name}:\n" + "\n".join(list(diff)[2:8]))
    return out


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record) -> None:
        self.lines.append(record.getMessage())


@pytest.fixture
def served(tmp_path, monkeypatch):
    monkeypatch.setenv("LORE_MERMAID_JS", str(MERMAID))
    project = copy_fixture("preview", tmp_path)
    site = tmp_path / "served"
    cache = _plugins_cache()
    kept = dict(cache)
    cache.clear()
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=True)
    lines = _Lines()
    logger = logging.getLogger("mkdocs.plugins.lore")
    logger.addHandler(lines)
    old_level = logger.level
    logger.setLevel(logging.DEBUG)

    def rebuild() -> list[str]:
        lines.lines.clear()
        again = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        again.site_url = URL
        build(again, serve_url=URL, dirty=True)
        return list(lines.lines)

    config.site_url = URL
    build(config, serve_url=URL, dirty=True)
    yield project, site, rebuild
    config.plugins.on_shutdown()
    logger.removeHandler(lines)
    logger.setLevel(old_level)
    cache.clear()
    cache.update(kept)


def test_after_each_edit_the_preview_is_the_site_a_clean_build_makes(served, tmp_path):
    project, site, rebuild = served
    rendered_counts = {}
    for what, edit, must in EDITS:
        edit(project)
        said = rebuild()
        clean = tmp_path / "clean-site"
        shutil.rmtree(clean, ignore_errors=True)
        _clean_build(project, clean)
        differences = _differences(site, clean)
        assert not differences, f"after {what}, the preview differs from a clean build:\n" + "\n".join(differences[:6])
        line = next((s for s in said if re.match(r"lore: (\d+ pages?|all \d+ pages) rendered again", s)), "")
        assert line, (what, said)
        line = next((s for s in said if s.startswith("lore: rendered again: ")), line)
        for page in must:
            src = page.removeprefix("docs/")
            assert f"{src} (" in line or line.startswith("lore: all"), (what, src, line)
        rendered_counts[what] = line
    # Rendering everything would pass the comparison too: the edits that touch one story render few pages.
    assert re.match(r"lore: 1 page rendered again: incidents/2015-09-15-synthetic-5/index.md \(changed\)",
                    rendered_counts["a body edit"]), rendered_counts["a body edit"]
    assert not rendered_counts["a title change"].startswith("lore: all"), rendered_counts["a title change"]
    assert rendered_counts["a term renamed"].startswith("lore: all"), rendered_counts["a term renamed"]


def _wait_for(predicate, seconds: float):
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        time.sleep(0.1)
    return None


def test_lore_serve_reloads_an_edit_and_says_what_it_rendered(tmp_path, monkeypatch):
    import socket
    import subprocess
    import sys
    import urllib.request

    monkeypatch.setenv("LORE_MERMAID_JS", str(MERMAID))
    project = copy_fixture("preview", tmp_path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "serve.log"
    lore = Path(sys.executable).parent / "lore"
    with open(log, "w") as out:
        server = subprocess.Popen([str(lore), "serve", "-a", f"127.0.0.1:{port}"], cwd=project, stdout=out,
                                  stderr=subprocess.STDOUT)
    try:
        assert _wait_for(lambda: "Serving on" in log.read_text(), 60), log.read_text()
        assert "A 'dirty' build" not in log.read_text()
        page = f"http://127.0.0.1:{port}/incidents/2015-09-15-synthetic-5/"
        catalog = f"http://127.0.0.1:{port}/incidents/"
        _replace(STORY, "title: Synthetic incident 5", "title: The night the kiln went cold")(project)

        def shows_new_title(url):
            return "The night the kiln went cold" in urllib.request.urlopen(url).read().decode()

        assert _wait_for(lambda: shows_new_title(page) and shows_new_title(catalog), 60), log.read_text()
        said = _wait_for(lambda: re.search(r"lore: (\d+) pages rendered again: incidents/2015-09-15-synthetic-5/index.md "
                                           r"\(changed\)", log.read_text()), 10)
        assert said and int(said.group(1)) < 40, log.read_text()  # not every page of the site
        import time

        time.sleep(3)  # a build reads files: only saves may start one, or the server rebuilds forever
        assert log.read_text().count("Detected file changes") == 1, log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_the_preview_keeps_one_version_of_each_file_however_many_saves(served):
    """Memory does not grow with the session: what an edit replaced is dropped by the next rebuild."""
    project, site, rebuild = served
    from mkdocs.config.defaults import MkDocsConfig as _Config

    plugin = _Config.__dict__["plugins"].plugin_cache["lore/incidents"]
    sizes = []
    for n in range(4):
        _replace(STORY, "## What surprised us", f"Save number {n}.\n\n## What surprised us")(project)
        said = rebuild()
        assert any(s.startswith("lore: 1 page rendered again") for s in said), said
        sizes.append(len(plugin.memo))
    assert len(set(sizes)) == 1, sizes
    assert plugin.memo.hits > 0  # the unchanged files were not parsed again


@pytest.mark.parametrize("marker, old, new, shown", [
    # (year, kind, services, themes, listed) of a story before and after an edit
    (("listing", "year=2015"), (2015, "incident", frozenset(), frozenset(), True), None, True),  # deleted
    (("listing", "year=2016"), (2015, "incident", frozenset(), frozenset(), True),
     (2015, "incident", frozenset(), frozenset(), True), False),
    (("listing", "year=2016"), (2015, "incident", frozenset(), frozenset(), True),
     (2016, "incident", frozenset(), frozenset(), True), True),  # moved into that year
    (("listing", "kind=near-miss"), (2015, "incident", frozenset(), frozenset(), True),
     (2015, "incident", frozenset(), frozenset(), True), False),
    (("service-incidents", "db"), (2015, "incident", frozenset({"web"}), frozenset(), True),
     (2015, "incident", frozenset({"web", "db"}), frozenset(), True), True),
    (("service-incidents", "db"), (2015, "incident", frozenset({"web"}), frozenset(), True),
     (2015, "incident", frozenset({"web"}), frozenset(), True), False),
    (("theme", "surprises year=2015"), (2015, "incident", frozenset(), frozenset({"surprises"}), True),
     (2015, "incident", frozenset(), frozenset({"surprises"}), True), True),
    (("theme", "surprises year=2014"), (2015, "incident", frozenset(), frozenset({"surprises"}), True),
     (2015, "incident", frozenset(), frozenset({"surprises"}), True), False),
    (("listing", "year=2015"), (2015, "incident", frozenset(), frozenset(), False),
     (2015, "incident", frozenset(), frozenset(), False), False),  # a draft, listed nowhere
    (("kinds", ""), (2015, "incident", frozenset(), frozenset(), True), (2015, "near-miss", frozenset(), frozenset(), True), True),
    (("kinds", ""), (2015, "incident", frozenset(), frozenset(), True), (2016, "incident", frozenset(), frozenset(), True), False),
    (("catalog", ""), (2015, "incident", frozenset(), frozenset(), True), (2015, "incident", frozenset(), frozenset(), True), True),
    (("referenced-by", ""), (2015, "incident", frozenset(), frozenset(), True), None, False),
])
def test_a_listing_is_rendered_again_when_it_shows_the_story_before_or_after(marker, old, new, shown):
    from lore.core.changes import covers

    assert covers(marker, old, new) is shown


def test_with_a_plugin_lore_does_not_know_every_page_is_rendered_and_the_log_says_why(tmp_path, monkeypatch):
    monkeypatch.setenv("LORE_MERMAID_JS", str(MERMAID))
    project = copy_fixture("preview", tmp_path)
    config_file = project / "mkdocs.yml"
    config_file.write_text(config_file.read_text().replace("  - search\n", "  - search\n  - tags\n"))
    site = tmp_path / "served"
    cache = _plugins_cache()
    kept = dict(cache)
    cache.clear()
    lines = _Lines()
    logger = logging.getLogger("mkdocs.plugins.lore")
    logger.addHandler(lines)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    try:
        config = load_config(str(config_file), site_dir=str(site))
        config.plugins.on_startup(command="serve", dirty=True)
        build(config, serve_url=URL, dirty=True)
        _replace(STORY, "## What surprised us", "A sentence.\n\n## What surprised us")(project)
        lines.lines.clear()
        build(load_config(str(config_file), site_dir=str(site)), serve_url=URL, dirty=True)
        said = [s for s in lines.lines if "rendered again" in s]
        assert said and re.match(r"lore: all \d+ pages rendered again: the plugin '(material/)?tags' ", said[0]), lines.lines
        config.plugins.on_shutdown()
    finally:
        logger.removeHandler(lines)
        logger.setLevel(old_level)
        cache.clear()
        cache.update(kept)
