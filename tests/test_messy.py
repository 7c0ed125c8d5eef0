"""Perspectives, timelines, themes, near misses and practice, on a real build."""

import json
import os
import re
import subprocess

import pytest

from conftest import BIN, FIXTURES, MERMAID, build_fixture, copy_fixture, pagefind_fragments, run_build, write_project

STORY = "incidents/2024-04-01-split-brain/index.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_fixture("messy", tmp_path_factory.mktemp("m"))


def test_timeline_svg_has_a_lane_per_person_and_every_entry(site):
    html = site.article(STORY)
    svg = html[html.index("<svg"): html.index("</svg>")]
    assert re.findall(r'class="lore-tl-lane[^"]*"[^>]*data-who="([^"]+)"', svg) == ["Ana", "Bo", "Database", "Cy"]
    assert sorted(int(n) for n in re.findall(r'data-entry="(\d+)"', svg)) == [1, 2, 3, 4, 5]
    hypothesis = re.search(r'<g class="lore-tl-entry lore-tl-hypothesis"[^>]*>(.*?)</g>', svg, re.S).group(1)
    action = re.search(r'<g class="lore-tl-entry lore-tl-action"[^>]*>(.*?)</g>', svg, re.S).group(1)
    assert re.sub(r'"[^"]*"', "", hypothesis) != re.sub(r'"[^"]*"', "", action)  # different shapes, not just colour
    assert 'role="group"' in svg and "<desc" in svg  # a group, so screen readers reach the marks' links
    table = html[html.index('<div class="lore-tl-table">'):]
    assert "Posts an update in <code>#ops</code>" in table
    assert 'href="#timeline"' in site.html(STORY)  # listed in the table of contents


def test_perspectives_are_pages_listed_in_the_card(site):
    card = site.article(STORY)
    card = card[card.index("lore-card__fact--perspectives"):]
    assert '<a href="perspectives/ana/">Ana</a>, DBA on call <span class="lore-card__key">joined 09:00</span>' in card
    assert '<a href="perspectives/bo/">Bo</a>, Network engineer' in card
    page = site.article("incidents/2024-04-01-split-brain/perspectives/bo/index.html")
    assert "<h1>Split brain, as Bo saw it</h1>" in page
    assert 'A perspective on <a href="../../">Split brain</a>, told by <strong>Bo</strong>, Network engineer.' in page
    assert 'Other perspectives: <a href="../ana/">Ana</a>' in page
    nav = site.html("index.html")
    assert "perspectives/" not in nav[nav.index("md-nav--primary"): nav.index('<div class="md-content"')]


def test_theme_pages_link_to_the_exact_section_newest_first(site):
    html = site.article("incidents/themes/surprises/index.html")
    links = re.findall(r'<a class="lore-entry__title" href="([^"]+)">([^<]+)</a>', html)
    assert links == [
        ("../../2024-04-01-split-brain/#what-surprised-us", "Split brain"),
        ("../../2023-04-01-cert-near-miss/#what-surprised-us", "Certificate near miss"),
    ]
    assert "<li>That both nodes believed they were primary.</li>" in html
    assert "<li>That the health check said all good.</li>" in html
    # Services are named and linked as in every other listing, not by their ids.
    assert '<span class="lore-entry__services"><a href="../../../architecture/db/">Database</a></span>' in html
    questions = site.article("incidents/themes/open-questions/index.html")
    assert "Why did the fence script exit 0?" in questions and "not a heading" not in questions


def test_catalog_shows_which_stories_have_which_sections(site):
    html = site.article("incidents/index.html")
    entry = html[html.index("Split brain"):]
    entry = entry[: entry.index("</li>")]
    assert re.findall(r'class="lore-chip"[^>]*>([^<]+)<', entry) == ["Surprises", "What made it hard", "Open questions"]


def test_kind_listings_and_nothing_broke_block(site):
    assert "Certificate near miss" in site.article("incidents/kind/near-miss/index.html")
    assert "Failover game day" in site.article("incidents/kind/game-day/index.html")
    home = site.article("index.html")
    listed = re.findall(r'class="lore-entry__title" href="[^"]+">([^<]+)<', home[: home.index("lore-themes")])
    assert listed == ["Failover game day", "Certificate near miss"]
    assert 'class="lore-onthisday" data-src="./assets/lore/on-this-day/" data-base="./"' in home


def test_wheel_data_has_every_service_term_and_story(site):
    data = json.loads((site.site / "assets/lore/wheel.json").read_text())
    labels = {(i["type"], i["label"]) for i in data["items"]}
    assert labels == {("service", "Database"), ("term", "Replica"), ("story", "Split brain"),
                      ("story", "Certificate near miss"), ("story", "Failover game day")}
    story = next(i for i in data["items"] if i["label"] == "Split brain")
    assert story["responders"] == ["Ana", "Bo"] and story["url"] == "incidents/2024-04-01-split-brain/"
    service = next(i for i in data["items"] if i["type"] == "service")
    assert [s["title"] for s in service["stories"]] == ["Split brain", "Failover game day", "Certificate near miss"]
    assert 'class="lore-wheel" data-src="../assets/lore/wheel.json"' in site.article("practice-wheel/index.html")
    assert (site.site / "assets/lore/wheel.js").exists()


def test_on_this_day_data_is_one_small_file_a_month(site):
    folder = site.site / "assets/lore/on-this-day"
    assert sorted(p.name for p in folder.iterdir()) == [f"{m:02d}.json" for m in range(1, 13)]  # none missing
    april = json.loads((folder / "04.json").read_text())
    assert [s["title"] for s in april["days"]["04-01"]] == ["Split brain", "Certificate near miss"]
    assert all(day.startswith("04-") for day in april["days"])
    assert json.loads((folder / "01.json").read_text())["days"] == {}


@pytest.mark.parametrize("timeline, message", [
    ('- at: "25:10"\n  who: A\n  what: x\n  type: action\n',
     "incidents/2024-04-01-a/timeline.yml: entries[1].at: '25:10' is not a time "
     "(expected HH:MM on the incident date, or an ISO date and time such as 2024-03-12T14:02)"),
    ('- at: "10:00"\n  who: A\n  what: x\n  type: guess\n',
     "incidents/2024-04-01-a/timeline.yml: entries[1].type: unknown value 'guess' "
     "(expected one of: observation, hypothesis, action, decision, communication, impact)"),
])
def test_timeline_errors_fail_the_build(tmp_path, timeline, message):
    files = {"incidents/2024-04-01-a/index.md": "---\ntitle: A\ndate: 2024-04-01\nsummary: S.\n---\nBody\n",
             "incidents/2024-04-01-a/timeline.yml": timeline}
    build = run_build(write_project(tmp_path, files))
    assert build.returncode != 0 and message in build.log and "Traceback" not in build.log


def test_perspective_without_who_is_an_error(tmp_path):
    files = {"incidents/a/index.md": "---\ntitle: A\ndate: 2024-04-01\nsummary: S.\n---\nBody\n",
             "incidents/a/perspectives/x.md": "---\nrole: SRE\n---\nText\n"}
    build = run_build(write_project(tmp_path, files))
    assert build.returncode != 0
    assert "incidents/a/perspectives/x.md: who: missing (expected the name of the person telling it)" in build.log


def test_language_hints_with_line_numbers_ignoring_code_and_quotes(tmp_path):
    story = ("---\ntitle: A\ndate: 2024-04-01\nsummary: S.\n---\n\n"
             "We should have seen it.\n"                       # line 7
             "\"You should have rolled back,\" she said.\n"     # quoted speech
             "> The root cause was obvious.\n"                  # block quote
             "`failed to` is a log line.\n"                     # code
             "It was obviously the root cause.\n")              # line 11
    write_project(tmp_path, {"incidents/a.md": story})
    result = subprocess.run([str(BIN / "lore"), "check", "--language"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0
    hints = [line for line in result.stdout.splitlines() if line.startswith("hint:")]
    assert [h.split(": ", 3)[1] + ": " + h.split(": ", 3)[2] for h in hints] == [
        'incidents/a.md:7: "should have"', 'incidents/a.md:11: "obviously"', 'incidents/a.md:11: "root cause"']
    assert "Say what people knew and believed at the time" in hints[0]


def test_explorer_indexes_story_content_with_facets(site):
    fragments = pagefind_fragments(site.site / "pagefind")
    stories = sorted(p.name.removesuffix(".md") for p in (FIXTURES / "messy/docs/incidents").iterdir())
    indexed = sorted(url for url, f in fragments.items() if f["filters"].get("kind"))
    assert indexed == [f"/incidents/{name}/" for name in stories]  # every story, once; not the generated listings
    assert "/architecture/db/" in fragments and not fragments["/architecture/db/"]["filters"]  # the site's search, no facets
    story = fragments["/incidents/2024-04-01-split-brain/"]
    assert story["filters"]["service"] == ["Database"] and story["filters"]["kind"] == ["Incident"]
    assert story["filters"]["year"] == ["2024"]
    assert story["meta"]["title"] == "Split brain" and story["meta"]["summary"] == "Two primaries for eleven minutes."
    assert "Two primaries for eleven minutes." in story["content"]  # the card is indexed
    assert "Referenced by" not in story["content"] and "lore-tl" not in story["content"]  # the lists after it are not
    entry = json.loads((site.site / "pagefind/pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["en"] and entry["languages"]["en"]["page_count"] == len(fragments)  # as English
    assert "data-pagefind" not in site.html(STORY)  # published pages carry no indexing markup
    page = site.article("explore/index.html")
    assert 'class="lore-explore"' in page and 'data-bundle="../pagefind/"' in page and 'data-base="../"' in page
    assert 'The <a href="../incidents/">catalog</a> lists every story without it.' in page  # for readers without JavaScript
    assert f"lore/explore: Pagefind indexed {len(fragments)} pages; it wrote its index in" in site.log
    assert 'name="lore-explore"' not in site.html(STORY)  # Material's own search box, not Lore's plain one


def test_language_hints_can_be_build_messages(tmp_path):
    files = {"incidents/a.md": "---\ntitle: A\ndate: 2024-04-01\nsummary: S.\n---\n\nWe should have seen it.\n"}
    quiet = run_build(write_project(tmp_path / "quiet", files))
    assert quiet.returncode == 0 and "hint:" not in quiet.log
    loud = run_build(write_project(tmp_path / "loud", files, options="language_hints: warning"))
    assert loud.returncode != 0
    assert 'WARNING -  hint: incidents/a.md:7: "should have": Say what people knew' in loud.log


def _search_settings(page: str) -> dict:
    return json.loads(page.split('<script id="__config" type="application/json">', 1)[1].split("</script>", 1)[0])


def test_pagefind_answers_materials_search_box_and_material_builds_no_index(site):
    index = json.loads((site.site / "search" / "search_index.json").read_text())
    assert index["docs"] == [] and index["config"]["separator"]  # its settings only, for the page highlighter
    story = site.html(STORY)
    assert 'for="__search"' in story and 'data-md-component="search"' in story  # the theme's box and dropdown
    worker = _search_settings(story)["search"]
    assert worker == "../../assets/lore/search-worker.js?bundle=../../pagefind/&explore=explore/"
    assert (site.site / "assets/lore/search-worker.js").is_file()
    assert _search_settings(site.html("index.html"))["search"].startswith("assets/lore/search-worker.js?")


@pytest.mark.parametrize("options, material_index", [
    ("  - lore/explore:\n      replace_search: auto\n      replace_above: 5", True),
    ("  - lore/explore:\n      replace_search: auto\n      replace_above: 2", False),
    ("  - lore/explore:\n      replace_search: false", True),
    ("  - lore/explore:\n      pagefind: false", True),
])
def test_materials_index_is_built_only_where_pagefind_does_not_answer(tmp_path, options, material_index):
    project = copy_fixture("messy", tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - lore/explore", options))
    build = run_build(project)
    assert build.returncode == 0, build.log
    docs = json.loads((build.site / "search" / "search_index.json").read_text())["docs"]
    assert bool(docs) == material_index
    worker = _search_settings(build.html(STORY))["search"]
    assert ("search-worker.js" in worker) == (not material_index)
    assert 'for="__search"' in build.html(STORY)  # the header's search box either way

def test_explorer_index_keeps_skipped_stories_under_dirty_and_drops_deleted_ones(tmp_path):
    project = copy_fixture("messy", tmp_path)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", LORE_MERMAID_JS=str(MERMAID))

    def build_dirty():
        subprocess.run([str(BIN / "mkdocs"), "build", "--dirty", "-q"], cwd=project, env=env, check=True)
        fragments = pagefind_fragments(project / "site" / "pagefind")
        return {url: f for url, f in fragments.items() if f["filters"].get("kind")}  # the stories

    assert len(build_dirty()) == 3
    story = project / "docs/incidents/2023-04-01-cert-near-miss.md"
    story.write_text(story.read_text().replace("## ", "Cobblestone is a word no other story has.\n\n## ", 1))
    again = build_dirty()  # only the edited story is rebuilt, yet the index still holds all three
    assert len(again) == 3
    assert "Cobblestone" in again["/incidents/2023-04-01-cert-near-miss/"]["content"]
    story.unlink()
    assert sorted(build_dirty()) == ["/incidents/2023-09-09-failover-game-day/", "/incidents/2024-04-01-split-brain/"]
    assert (project / ".cache/lore/explore").is_dir()
    subprocess.run([str(BIN / "mkdocs"), "build", "-q"], cwd=project, env=env, check=True)
    assert not (project / ".cache/lore/explore").exists()  # a full build leaves no copies behind
