"""Backlinks, code and commit references, the connections report, lore.json and macros,
asserted on real builds of a fixture project with a real git repository beside it."""

import json
import os
import re
import shutil
import subprocess

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from conftest import MERMAID, build_fixture, copy_fixture, run_build

GIT = ["git", "-c", "user.name=Ana Lyst", "-c", "user.email=ana@example.com", "-c", "commit.gpgsign=false"]
DATES = {"GIT_AUTHOR_DATE": "2024-02-01T10:00:00+00:00", "GIT_COMMITTER_DATE": "2024-02-01T10:00:00+00:00"}


def make_repo(path):
    path.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, **DATES)
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True)
    (path / "svc").mkdir()
    (path / "svc/consumer.py").write_text("def consume():\n    # see 2024-01-10-queue-jam: ack before processing\n    pass\n")
    (path / "README.md").write_text("Docs: https://lore.example/incidents/2023-11-02-slow-disk/\n")
    subprocess.run(GIT + ["-C", str(path), "add", "."], check=True, env=env)
    subprocess.run(GIT + ["-C", str(path), "commit", "-q", "-m", "Ack before processing\n\nSee 2024-01-10-queue-jam for why."],
                   check=True, env=env)
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("bl")
    make_repo(root / "repo")
    return build_fixture("backlinks", root)


def section(html, heading_id):
    start = html.index(f'id="{heading_id}"')
    end = html.find("<h2", start + 10)
    return html[start: end if end > 0 else len(html)]


def groups(html):
    """{group label: [(title, context)]} from a Referenced by section."""
    out, label = {}, None
    for match in re.finditer(r'<p class="lore-backlinks__group">([^<]+)</p>|<li>(.*?)</li>', html, re.S):
        if match.group(1):
            label = match.group(1)
            out[label] = []
        else:
            text = re.sub(r"<[^>]+>", "", match.group(2))
            out[label].append(" ".join(text.split()))
    return out


def test_referenced_by_groups_by_kind_with_section_context(site):
    refs = groups(section(site.article("incidents/2023-11-02-slow-disk/index.html"), "referenced-by"))
    assert list(refs) == ["Onboarding", "Incidents", "Other", "Referenced from code"]
    assert refs["Onboarding"] == ["Week one in “Day one”"]
    assert refs["Incidents"] == ["The queue that jammed in “What happened” (lists it as related)"]
    assert refs["Other"] == ["Misc"]  # two links from one page count once


def test_macro_glossary_and_architecture_links_count(site):
    refs = groups(section(site.article("incidents/2024-01-10-queue-jam/index.html"), "referenced-by"))
    assert refs["Onboarding"] == ["Week one"]
    assert refs["Architecture"] == ["Queue in “Consumers”"]
    assert refs["Glossary"] == ["Message queue"]


def test_related_is_shown_in_both_directions(site):
    card = site.article("incidents/2023-11-02-slow-disk/index.html")
    card = card[card.index("lore-card__fact--related"):]
    assert '<a href="../2024-01-10-queue-jam/">The queue that jammed</a>' in card


def test_same_services_suggestions_leave_out_related(site):
    similar = section(site.article("incidents/2023-11-02-slow-disk/index.html"), "also-involving-the-same-services")
    titles = re.findall(r'class="lore-entry__title" href="[^"]+">([^<]+)<', similar)
    assert titles == ["The orphan story", "The database blip"]


def test_code_and_commit_references(site):
    html = site.article("incidents/2024-01-10-queue-jam/index.html")
    assert ('<a href="https://code.example/shop/blob/main/svc/consumer.py#L2"><code>svc/consumer.py:2</code></a>'
            in html)
    assert "# see 2024-01-10-queue-jam: ack before processing" in html
    commit = re.search(r'<a href="https://code.example/shop/commit/([0-9a-f]{40})"><code>([0-9a-f]{7})</code></a> Ack before processing', html)
    assert commit and commit.group(1).startswith(commit.group(2))
    assert "shop, 2024-02-01" in html
    url_ref = site.article("incidents/2023-11-02-slow-disk/index.html")
    assert "<code>README.md:1</code>" in url_ref  # the story's URL in a README counts


def test_architecture_pages_show_backlinks_when_configured(site):
    html = site.article("architecture/db/index.html")
    assert 'id="referenced-by"' in html and "No page links here yet." in html
    assert 'id="referenced-by"' not in site.article("onboarding/week-one/index.html")


def test_connections_report_counts_and_orphans(site):
    html = site.article("connections/index.html")
    rows = re.findall(r'<tr class="(lore-orphan)?"><td class="lore-connections__story"><a href="[^"]+">([^<]+)</a></td>.*?</tr>', html)
    assert [(title, bool(orphan)) for orphan, title in rows] == [
        ("The queue that jammed", False), ("The slow disk", False), ("The orphan story", False), ("The database blip", True),
    ]
    queue = re.search(r'The queue that jammed</a></td><td class="lore-connections__date">2024-01-10</td><td>Incident</td>((?:<td class="lore-num">\d+</td>)+)', html).group(1)
    assert re.findall(r"\d+", queue) == ["1", "1", "0", "1", "0", "1", "1", "5"]
    assert "1 not yet linked from any onboarding or architecture page" in html
    assert "<tr><td>2022</td><td>1</td><td>0</td><td>0.0</td><td>0 of 1</td></tr>" in html
    assert 'class="lore-sortable' in html and (site.site / "assets/lore/sort.js").exists()


def test_lore_json_export(site):
    data = json.loads((site.site / "lore.json").read_text())
    assert [i["id"] for i in data["incidents"]] == [
        "2024-01-10-queue-jam", "2023-11-02-slow-disk", "2023-05-05-orphan", "2022-02-02-db-blip"]
    queue = data["incidents"][0]
    assert queue["url"] == "incidents/2024-01-10-queue-jam/"
    assert queue["inbound"] == {"onboarding": 1, "architecture": 1, "incidents": 0, "glossary": 1, "other": 0, "code": 1, "commits": 1}
    assert queue["orphan"] is False and data["incidents"][3]["orphan"] is True
    assert data["years"][0] == {"year": 2024, "stories": 1, "links": 5, "reached": 1}


def test_macros_render_cards_paths_and_lists(site):
    html = site.article("onboarding/week-one/index.html")
    assert '<p class="lore-mcard__title"><a href="../../incidents/2024-01-10-queue-jam/">The queue that jammed</a></p>' in html
    assert "A consumer stopped acking &amp; the queue jammed." in html
    assert '<p class="lore-path__title">Queues, in order</p>' in html
    assert re.findall(r'class="lore-path__line"><a href="[^"]+">([^<]+)</a>', html) == ["The slow disk", "The queue that jammed"]
    listed = html[html.index('<ul class="lore-list">'):]
    assert re.findall(r'class="lore-entry__title" href="[^"]+">([^<]+)<', listed) == ["The slow disk", "The orphan story"]


def test_jinja_like_text_in_stories_is_left_alone(site):
    assert "The template had {{ user.name }} and {% if x %}pasted{% endif %} text." in site.article("incidents/2024-01-10-queue-jam/index.html")


def test_unknown_incident_in_a_macro_fails_the_build_naming_the_page(tmp_path):
    project = copy_fixture("backlinks", tmp_path)
    make_repo(tmp_path / "repo")
    page = project / "docs/onboarding/week-one.md"
    page.write_text(page.read_text().replace('incident_card("2024-01-10-queue-jam")', 'incident_card("no-such-story")'))
    build = run_build(project)
    assert build.returncode != 0
    assert ("onboarding/week-one.md: incident_card: unknown incident id 'no-such-story' "
            "(expected the id of an incident: its slug unless it sets 'id')") in build.log
    assert "Traceback" not in build.log


def test_missing_repository_is_a_clear_error(tmp_path):
    project = copy_fixture("backlinks", tmp_path)
    build = run_build(project)
    assert build.returncode != 0
    assert "lore/backlinks: repos[0].path:" in build.log and "is not a git checkout" in build.log
    assert "Traceback" not in build.log


def test_edit_rebuild_cycles_leave_no_stale_or_duplicate_entries(tmp_path, monkeypatch):
    monkeypatch.setenv("LORE_MERMAID_JS", str(MERMAID))
    project = copy_fixture("backlinks", tmp_path)
    make_repo(tmp_path / "repo")
    config = load_config(str(project / "mkdocs.yml"))
    plugin = config.plugins["lore/backlinks"]
    plugin.on_startup(command="serve", dirty=False)
    misc = project / "docs/notes/misc.md"
    original = misc.read_text()
    for cycle in range(4):
        linked = cycle % 2 == 0
        misc.write_text(original if linked else "# Misc\n\nNo links any more.\n")
        mkdocs_build(config)
        html = (project / "site/incidents/2023-11-02-slow-disk/index.html").read_text()
        refs = groups(section(html, "referenced-by"))
        assert refs.get("Other", []) == (["Misc"] if linked else [])
        assert refs["Onboarding"] == ["Week one in “Day one”"]
    assert plugin.repo_cache.hits >= 3  # the repository was scanned once


def test_section_context_ignores_toc_permalinks(tmp_path):
    project = copy_fixture("backlinks", tmp_path)
    make_repo(tmp_path / "repo")
    config = (project / "mkdocs.yml").read_text()
    (project / "mkdocs.yml").write_text(config + "markdown_extensions:\n  - toc:\n      permalink: true\n")
    build = run_build(project)
    assert build.returncode == 0, build.log
    refs = groups(section(build.article("incidents/2023-11-02-slow-disk/index.html"), "referenced-by"))
    assert refs["Onboarding"] == ["Week one in “Day one”"]


def test_sections_are_in_the_table_of_contents_but_not_in_search(site):
    html = site.html("incidents/2023-11-02-slow-disk/index.html")
    toc = html[html.index('md-sidebar--secondary'):]
    assert 'href="#referenced-by"' in toc and 'href="#also-involving-the-same-services"' in toc
    index = json.loads((site.site / "search/search_index.json").read_text())
    assert not any("Referenced by" in (doc.get("title") or "") for doc in index["docs"])


def test_onboarding_dir_of_lore_incidents_counts_as_onboarding(tmp_path):
    config = ("site_name: T\ntheme:\n  name: material\n  font: false\nplugins:\n"
              "  - lore/incidents:\n      onboarding_dir: people/new-hires\n  - lore/backlinks\n")
    files = {"incidents/a.md": "---\ntitle: A\ndate: 2024-01-01\nsummary: S.\n---\nBody\n",
             "people/new-hires/start.md": "# Start\n\nRead [A](../../incidents/a.md).\n"}
    from conftest import write_project
    build = run_build(write_project(tmp_path, files, config=config))
    assert build.returncode == 0, build.log
    refs = groups(section(build.article("incidents/a/index.html"), "referenced-by"))
    assert refs == {"Onboarding": ["Start"]}
