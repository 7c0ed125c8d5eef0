"""Strings from front matter reach HTML and JSON escaped for where they land."""

import json
import re

from conftest import run_build, write_project

EVIL = "A <script>alert(1)</script> \\\"q\\\" 'x' </script>"


def test_front_matter_strings_are_escaped_in_html_and_json(tmp_path):
    config = ("site_name: E\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n"
              "  - lore/incidents\n  - lore/backlinks\n")
    files = {
        "architecture/svc.md": f'---\nservice: svc\ntitle: "{EVIL}"\nsummary: "{EVIL}"\nowners: ["{EVIL}"]\n---\nBody\n',
        "incidents/a.md": (f'---\ntitle: "{EVIL}"\ndate: 2024-01-01\nsummary: "{EVIL}"\nservices: [svc]\n'
                           f'tags: ["{EVIL}"]\nresponders: ["{EVIL}"]\ninvestigators: ["{EVIL}"]\n'
                           f'data_sources: ["{EVIL}"]\nseverity: "{EVIL}"\n---\n\nBody\n'),
    }
    build = run_build(write_project(tmp_path, files, config=config))
    assert build.returncode == 0, build.log
    for page in ("incidents/a/index.html", "incidents/index.html", "architecture/svc/index.html", "connections/index.html"):
        html = build.html(page)
        assert "<script>alert(1)" not in html, page
        assert "&lt;script&gt;alert(1)" in html, page
    export = json.loads((build.site / "lore.json").read_text())
    assert export["incidents"][0]["summary"] == 'A <script>alert(1)</script> "q" \'x\' </script>'  # data stays data
    raw = (build.site / "lore.json").read_text()
    assert re.search(r"</script", raw)  # JSON file, not script data: fine as a file
    wheel = (build.site / "assets/lore/wheel.json").read_text()
    assert json.loads(wheel)["items"][-1]["label"].startswith("A <script>")


def test_terms_perspectives_and_timelines_are_escaped(tmp_path):
    config = ("site_name: E\ntheme:\n  name: material\n  font: false\n  features: [content.tooltips]\nplugins:\n"
              "  - search\n  - lore/incidents\n  - lore/glossary\n  - lore/backlinks\n")
    files = {
        "glossary/x.md": f'---\nterm: "Zeta {EVIL}"\naliases: ["Zeta-alias"]\nshort: "{EVIL}"\n---\nBody\n',
        "incidents/2024-01-01-a/index.md": '---\ntitle: A\ndate: 2024-01-01\nsummary: S.\n---\n\nThe Zeta-alias broke.\n',
        "incidents/2024-01-01-a/perspectives/p.md": f'---\nwho: "{EVIL}"\nrole: "{EVIL}"\njoined_at: "{EVIL}"\n---\nText\n',
        "incidents/2024-01-01-a/timeline.yml": (f'- at: "10:00"\n  who: "{EVIL}"\n  what: "{EVIL}"\n  type: action\n'
                                                f'  source: "{EVIL}"\n'),
    }
    build = run_build(write_project(tmp_path, files, config=config))
    assert build.returncode == 0, build.log
    for page in ("incidents/2024-01-01-a/index.html", "incidents/2024-01-01-a/perspectives/p/index.html",
                 "glossary/x/index.html", "glossary/index.html", "practice-wheel/index.html"):
        html = build.html(page)
        assert "<script>alert(1)" not in html, page
    story = build.html("incidents/2024-01-01-a/index.html")
    assert 'title="Zeta A &lt;script&gt;alert(1)&lt;/script&gt;' in story  # the tooltip attribute
    timeline = story[story.index('<div class="lore-tl-scroll">'):]
    svg = timeline[: timeline.index("</svg>")]
    assert "&lt;script&gt;alert(1)" in svg and "<script>" not in svg


def test_titles_with_markup_characters_are_escaped_exactly_once(tmp_path):
    """Stored raw, escaped where written: "Referenced by" and "Appears in" show the title as written."""
    title = "Search & Browse <v2>"
    config = ("site_name: E\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n"
              "  - lore/incidents\n  - lore/glossary\n  - lore/backlinks:\n      show_on: [incidents, architecture]\n")
    files = {
        "architecture/search.md": f'---\nservice: search\ntitle: "{title}"\n---\n\nSee [the story](../incidents/2024-01-01-a/index.md). A pod.\n',
        "glossary/pod.md": "---\nterm: Pod\nshort: A unit.\n---\nBody\n",
        "incidents/2024-01-01-a/index.md": "---\ntitle: A\ndate: 2024-01-01\nsummary: S.\nservices: [search]\n---\n\nText.\n",
        "incidents/2024-01-01-a/perspectives/p.md": f'---\nwho: Ana\ntitle: "{title}"\n---\n\nA pod. [Back](../index.md)\n',
    }
    build = run_build(write_project(tmp_path, files, config=config))
    assert build.returncode == 0, build.log
    story = build.html("incidents/2024-01-01-a/index.html")
    term = build.html("glossary/pod/index.html")
    for html in (story, term):
        assert "Search &amp; Browse &lt;v2&gt;" in html
        assert "&amp;amp;" not in html and "&amp;lt;" not in html
    assert "<title>Search &amp; Browse &lt;v2&gt;" in build.html("incidents/2024-01-01-a/perspectives/p/index.html")
