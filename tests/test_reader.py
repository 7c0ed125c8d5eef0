"""What readers expect around a story, on real builds: link previews, the feed, newer and older stories."""

import json
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import MKDOCS_YML, run_build, write_project

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = 'Cache <script>alert(1)</script> & "quotes"\x07'


def story(title: str, date: str, status: str = "published", summary: str = "What happened.", words: int = 450) -> str:
    return f"""---
title: {json.dumps(title)}
date: {date}
status: {status}
summary: {json.dumps(summary)}
services: [db]
---

The story of {date}. {"word " * words}
"""


FILES = {
    "index.md": "# Home\n",
    "architecture/db.md": "---\nservice: db\ntitle: Database\n---\n\n# Database\n",
    "incidents/2024-03-01-old/index.md": story("The old one", "2024-03-01"),
    "incidents/2024-05-01-middle/index.md": story(HOSTILE, "2024-05-01", summary="A <b>bold</b> & risky summary"),
    "incidents/2024-07-01-new/index.md": story("The new one", "2024-07-01", words=2400),
    "incidents/2024-08-01-draft/index.md": story("Not yet", "2024-08-01", status="draft"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("reader")
    config = "site_url: https://kb.example/stories/\n" + MKDOCS_YML.format(options="")
    build = run_build(write_project(root, FILES, config=config), strict=False)
    assert build.returncode == 0, build.log
    return build


def test_the_feed_lists_published_stories_newest_first_with_full_addresses(site):
    feed = ET.fromstring((site.site / "feed.xml").read_bytes())
    entries = feed.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert titles == ["The new one", HOSTILE.replace("\x07", ""), "The old one"]  # no draft; control character dropped
    assert entries[0].find(f"{ATOM}link").get("href") == "https://kb.example/stories/incidents/2024-07-01-new/"
    assert entries[1].findtext(f"{ATOM}summary") == "A <b>bold</b> & risky summary"  # text, escaped in the XML
    assert feed.findtext(f"{ATOM}updated") == "2024-07-01T00:00:00Z"  # the newest story's date, not the build's
    assert [c.get("label") for c in entries[0].findall(f"{ATOM}category")] == ["Incident", "Database"]


def test_every_page_links_the_feed_and_has_a_link_preview(site):
    page = site.html("incidents/2024-05-01-middle/index.html")
    head = page[: page.index("</head>")]
    assert '<link rel="alternate" type="application/atom+xml"' in head and 'href="../../feed.xml"' in head
    assert '<meta property="og:type" content="article">' in head
    assert ('<meta property="og:title" content="Cache &lt;script&gt;alert(1)&lt;/script&gt; &amp; '
            '&quot;quotes&quot;\x07">') in head
    assert '<meta property="og:url" content="https://kb.example/stories/incidents/2024-05-01-middle/">' in head
    assert '<meta property="og:description" content="A &lt;b&gt;bold&lt;/b&gt; &amp; risky summary">' in head
    assert "<script>alert" not in page
    home = site.html("index.html")
    assert '<meta property="og:type" content="website">' in home and 'href="feed.xml"' in home


def test_a_story_ends_with_its_newer_and_older_stories(site):
    middle = site.article("incidents/2024-05-01-middle/index.html")
    pager = middle[middle.index('<nav class="lore-pager"'):]
    assert re.search(r'href="\.\./2024-07-01-new/" rel="prev"><span class="lore-pager__direction">Newer story', pager)
    assert re.search(r'href="\.\./2024-03-01-old/" rel="next"><span class="lore-pager__direction">Older story', pager)
    newest = site.article("incidents/2024-07-01-new/index.html")
    assert "Older story" in newest and "Newer story" not in newest  # the draft is not a neighbour
    assert "Not yet" not in newest


@pytest.mark.parametrize("path, minutes", [("incidents/2024-03-01-old/index.html", 2),
                                           ("incidents/2024-07-01-new/index.html", 12)])
def test_a_story_card_says_how_long_the_story_takes_to_read(site, path, minutes):
    meta = site.article(path).split('<p class="lore-card__meta">', 1)[1].split("</p>", 1)[0]
    assert f'<span class="lore-card__reading">{minutes} min read</span>' in meta


def test_a_docs_file_at_the_feeds_path_is_kept_and_named(tmp_path):
    files = dict(FILES, **{"feed.xml": "<mine/>"})
    build = run_build(write_project(tmp_path, files), strict=False)
    assert build.returncode == 0, build.log
    assert (build.site / "feed.xml").read_text() == "<mine/>"
    assert "feed: 'feed.xml' is a file of the docs, so Lore's feed is not written" in build.log


@pytest.mark.parametrize("options, feed, previews, pager", [
    ("feed: ''", False, True, True),
    ("previews: false\npager: false", True, False, False),
])
def test_each_reader_part_can_be_switched_off(tmp_path, options, feed, previews, pager):
    build = run_build(write_project(tmp_path, FILES, options=options), strict=False)
    assert build.returncode == 0, build.log
    page = build.html("incidents/2024-05-01-middle/index.html")
    assert (build.site / "feed.xml").exists() is feed
    assert ('property="og:title"' in page) is previews
    assert ("lore-pager" in page) is pager
