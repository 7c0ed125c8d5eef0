"""The story card, the listings and Material's search entries of stories, on the HTML and the search index
of a real build."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from conftest import run_build, write_project
from lore.core.knowledge import Knowledge
from lore.core.model import Incident, Options, Service
from lore.core.themes import Harvest
from lore.render import Partials, listings

CONFIG = """\
site_name: Cards
theme:
  name: material
  font: false
plugins:
  - search
  - lore/incidents
  - lore/backlinks
"""
LONG = "The fence script " + "waited and waited " * 30 + "and then it was too late."
FILES = {
    "architecture/db.md": "---\nservice: db\ntitle: Database\n---\n\n# Database\n",
    "architecture/queue.md": "---\nservice: queue\ntitle: Queue <b>&</b> \"bus\"\n---\n\n# Queue\n",
    "incidents/2024-04-01-split-brain.md": f"""\
        ---
        title: Split <i>brain</i> & "friends"
        date: 2024-04-01
        summary: Two primaries for eleven minutes.
        services: [db, queue]
        tags: [database, failover]
        severity: SEV1
        duration: 1h5m
        responders: [Ana, Bo]
        investigators: [Cy]
        data_sources: [chat log, database logs]
        related: [2023-10-01-cert]
        source_url: https://wiki.example/split-brain
        ---

        ## What happened

        The replica was promoted while the old primary still answered.

        ## What surprised us

        - That both nodes believed they were primary.
        - {LONG}

        ## Dilemmas

        Whether to fence the old primary or wait.
        """,
    "incidents/2023-10-01-cert.md": """\
        ---
        title: The certificate
        date: 2023-10-01
        kind: near-miss
        summary: It almost expired.
        services: [db]
        ---

        ## What happened

        A renewal job had stopped.
        """,
    "incidents/2023-05-01-disk.md": """\
        ---
        title: The disk
        date: 2023-05-01
        summary: Full.
        services: [db]
        ---

        ## What happened

        Logs.
        """,
}
STORY = "incidents/2024-04-01-split-brain/index.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    build = run_build(write_project(tmp_path_factory.mktemp("cards"), FILES, config=CONFIG))
    assert build.returncode == 0, build.log
    return build


def _card(site) -> str:
    page = site.article(STORY)
    return page[page.index('<section class="lore-card'): page.index("</section>")]


def test_card_keeps_the_essentials_in_view_and_folds_the_long_facts(site):
    card = _card(site)
    shown, folded = card.split('<details class="lore-card__more">')
    for essential in ('lore-badge--incident">Incident<', 'datetime="2024-04-01">1 April 2024<', "SEV1",
                      '<time datetime="PT1H5M">1 h 5 min</time>', "Two primaries for eleven minutes.",
                      '<a class="lore-service" href="../../architecture/db/">Database</a>',
                      '<span class="lore-card__reading">1 min read</span>'):
        assert essential in shown
    assert "<details open" not in card  # folded until the reader opens it
    assert ">More about this incident</summary>" in folded
    for fact in ("responders", "investigators", "data-sources", "related", "source", "cite"):
        assert f"lore-card__fact--{fact}" in folded and f"lore-card__fact--{fact}" not in shown


def test_cite_as_says_what_the_id_is_for_and_has_a_copy_button(site):
    cite = _card(site).split("lore-card__fact--cite")[1]
    assert '<code class="lore-cite__id">2024-04-01-split-brain</code>' in cite
    # Hidden in the HTML: cite.js shows it, so without JavaScript there is no button that does nothing.
    assert re.search(r'<button type="button" class="lore-cite__copy" data-lore-copy="2024-04-01-split-brain"[^>]*'
                     r' hidden></button>', cite)
    assert 'role="status"' in cite
    assert "<code>related:</code>" in cite and "commit messages and code comments" in cite
    page = site.html(STORY)
    assert '<script src="../../assets/lore/cite.js"></script>' in page
    assert "navigator.clipboard" in (site.site / "assets/lore/cite.js").read_text()


def _search_entry(site, location: str) -> dict:
    index = json.loads((site.site / "search/search_index.json").read_text())
    return next(doc for doc in index["docs"] if doc["location"] == location)


def test_search_reads_the_card_as_separate_facts(site):
    text = _search_entry(site, "incidents/2024-04-01-split-brain/")["text"]
    assert "Services: Database, Queue &lt;b&gt;&amp;&lt;/b&gt;" in text
    assert "Responders: Ana, Bo Investigators: Cy" in text
    assert "What the analysis relied on: <ul><li>chat log</li>" in text
    assert "Cite as: <code>2024-04-01-split-brain</code>" in text  # the id stays searchable as text
    # The words every card shares would make every story match "commit messages" or "more about".
    assert "More about" not in text and "commit messages" not in text
    assert "data-search" not in site.html(STORY)  # Material drops the attribute once it has read the page
    # The card is put on the page after Material read it; its words still come first, as on the page.
    assert text.index("Services:") < text.index("Cite as:") < text.index("</code>") < len(text)
    assert "<!-- lore:card" not in site.html(STORY) and site.html(STORY).count('<section class="lore-card') == 1


def test_search_tags_are_the_writers_tags_and_the_service_titles_once(site):
    entry = _search_entry(site, "incidents/2024-04-01-split-brain/")
    assert entry["tags"] == ["database", "failover", "Queue &lt;b&gt;&amp;&lt;/b&gt; &quot;bus&quot;"]  # no id, no "db"
    section = _search_entry(site, "incidents/2024-04-01-split-brain/#what-happened")
    assert section["tags"] == ["database", "failover"]


def test_listing_links_each_section_chip_to_that_section_of_the_story(site):
    catalog = site.article("incidents/index.html")
    entry = catalog[catalog.index("Split &lt;i&gt;"):]
    entry = entry[: entry.index("</li>")]
    assert 'title="Sections this story has"' in entry and ">Sections:</span>" in entry
    chips = re.findall(r'<a class="lore-chip" href="([^"]+)" title="([^"]+)">([^<]+)</a>', entry)
    assert chips == [
        ("2024-04-01-split-brain/#what-surprised-us",
         "Read “What surprised us” in Split &lt;i&gt;brain&lt;/i&gt; &amp; &quot;friends&quot;", "Surprises"),
        ("2024-04-01-split-brain/#dilemmas",
         "Read “Dilemmas” in Split &lt;i&gt;brain&lt;/i&gt; &amp; &quot;friends&quot;", "Dilemmas"),
    ]
    story = site.html(STORY)
    assert '<h2 id="what-surprised-us">' in story and '<h2 id="dilemmas">' in story
    year = site.article("incidents/2024/index.html")
    assert 'href="../2024-04-01-split-brain/#dilemmas"' in year


def test_kinds_bar_marks_the_listing_you_are_on(site):
    def current(path):
        bar = site.article(path)
        bar = bar[bar.index('<nav class="lore-kinds"'): bar.index("</nav>")]
        return re.findall(r'<a class="lore-badge lore-badge--([a-z-]+)" href="[^"]*" aria-current="page">', bar), bar

    marked, bar = current("incidents/index.html")
    assert marked == ["all"] and 'lore-badge--near-miss" href="kind/near-miss/">' in bar
    marked, bar = current("incidents/kind/near-miss/index.html")
    assert marked == ["near-miss"] and '<a class="lore-badge lore-badge--all" href="../../">' in bar


def test_a_theme_entry_cut_short_links_to_the_rest_of_its_section(site):
    page = site.article("incidents/themes/surprises/index.html")
    items = re.findall(r"<li>(.*?)</li>", page[page.index("lore-themes__items"):])
    assert items[0] == "That both nodes believed they were primary."  # whole: nothing more to read
    assert items[1].startswith("The fence script waited") and "…" in items[1]
    assert items[1].endswith(' <a class="lore-themes__more" href="../../2024-04-01-split-brain/#what-surprised-us">'
                             'Read on<span class="lore-sr"> in “Split &lt;i&gt;brain&lt;/i&gt; &amp; '
                             '&quot;friends&quot;”</span></a>')


def test_same_services_are_named_by_title_and_linked_to_their_pages(site):
    page = site.article("incidents/2023-05-01-disk/index.html")
    similar = page[page.index('id="also-involving-the-same-services"'):]
    assert '<a href="../../architecture/db/">Database</a>' in similar
    assert '<a href="../../architecture/queue/">Queue &lt;b&gt;&amp;&lt;/b&gt; &quot;bus&quot;</a>' in similar
    assert ">db<" not in similar and ">queue<" not in similar


def test_no_writer_markup_reaches_the_pages(site):
    for path in (STORY, "incidents/index.html", "incidents/2024/index.html", "incidents/themes/surprises/index.html"):
        page = site.article(path)
        assert "<i>brain</i>" not in page and "<b>&</b>" not in page, path


def test_fast_listing_and_theme_entries_match_their_templates_with_links_to_sections():
    """Lore writes listings with string joins unless a site overrides the template: both write the same."""
    cut = "It <was> & \"not\" " * 30 + "…"
    story = Incident(src="incidents/a.md", slug="a", id="a", title='A <b>&</b> "q"', date=dt.date(2024, 3, 12),
                     summary="S <i>", services=["svc"], themes=[Harvest("surprises", 'What "surprised" <us>', (cut, "Whole")),
                                                                Harvest("dilemmas", "Dilemmas", ("One",))])
    kb = Knowledge(Options())
    kb.incidents.append(story)
    kb.by_src[story.src], kb.by_id[story.id] = story, story
    kb.services["svc"] = Service("svc", "architecture/svc.md", "Svc & co")
    partials = Partials()
    anchors = {"incidents/a.md": {'What "surprised" <us>': "what-surprised-us"}}  # Dilemmas: anchor unknown

    def url_for(src):
        return "../" + src.replace(".md", "/")

    def norm(markup):
        markup = markup.replace("&#34;", "&quot;").replace("&#39;", "&#x27;")
        return re.sub(r">\s+<", "><", re.sub(r"[ \t]*\n[ \t]*", "\n", markup)).strip()

    fast = listings.listing(partials, kb, [story], url_for, anchors=anchors)
    rows = listings.entries(kb, [story], url_for, anchors)
    assert norm(fast) == norm(partials.render("listing", entries=rows, empty=""))
    assert '<a class="lore-chip" href="../incidents/a/#what-surprised-us" title="Read “What &quot;surprised&quot; &lt;us&gt;”' in fast
    assert '<span class="lore-chip">Dilemmas</span>' in fast
    found = [{"incident": story, "harvest": story.themes[0], "url": "../incidents/a/#what-surprised-us"}]
    fast = listings.theme_entries(partials, kb, found, url_for, "none")
    rows = [{**listings.entries(kb, [story], url_for)[0], "url": found[0]["url"], "excerpts": story.themes[0].items}]
    assert norm(fast) == norm(partials.render("theme-entries", entries=rows, empty="none", line=listings.entry_line))
    assert fast.count('class="lore-themes__more"') == 1 and "It &lt;was&gt; &amp;" in fast


def test_a_theme_with_many_stories_has_one_page_a_year(tmp_path):
    """Above a hundred stories a theme page would be megabytes: it becomes a page of years, each its own page."""
    def story(n: int, year: int) -> str:
        return (f"---\ntitle: Story {n}\ndate: {year}-03-{n % 27 + 1:02d}\nsummary: S.\n---\n\n"
                f"## What surprised us\n\nSurprise number {n}.\n\n## What went well\n\nThe pager.\n")
    files = {f"incidents/{year}-03-{n % 27 + 1:02d}-s{n}.md": story(n, year)
             for n, year in ((n, 2023 if n < 40 else 2024) for n in range(101))}
    build = run_build(write_project(tmp_path, files), strict=False)
    assert build.returncode == 0, build.log
    front = build.article("incidents/themes/surprises/index.html")
    years = re.findall(r'<li><a href="([^"]+)">(\d{4})</a> <span class="lore-entry__meta">(\d+) stories</span></li>', front)
    assert years == [("2024/", "2024", "61"), ("2023/", "2023", "40")]  # newest first, with their counts
    assert "Surprise number" not in front
    page_2023 = build.article("incidents/themes/surprises/2023/index.html")
    assert page_2023.count('class="lore-themes__items"') == 40 and "Surprise number 39" in page_2023
    assert "Surprise number 40" not in page_2023
    assert "<h1" in page_2023 and "Surprises, 2023" in page_2023
