"""What readers see, asserted on the HTML of a real build of a fixture project
that lives outside docs/ and configures Lore in its own mkdocs.yml."""

import re

import pytest

from conftest import MKDOCS_YML, run_build, write_project

DISK = "incidents/2024-01-05-disk-full/index.html"
CERT = "incidents/2023/cert-near-miss/index.html"


def article(html: str) -> str:
    return html[html.index("<article"): html.index("</article>")]


def test_incident_page_opens_with_a_header_card(basic_site):
    page = article(basic_site.html(DISK))
    card = page[page.index('<section class="lore-card'): page.index("</section>")]
    assert page.index("<h1>The disk that filled at midnight</h1>") < page.index("lore-card")
    assert '<span class="lore-badge lore-badge--incident">Incident</span>' in card
    assert '<time class="lore-card__date" datetime="2024-01-05">5 January 2024</time>' in card
    assert "SEV2" in card
    assert '<time datetime="PT1H10M">1 h 10 min</time>' in card
    # Front matter is text: markup in it is shown, not run.
    assert "Logs filled the database disk &amp; nobody &lt;noticed&gt; until checkout failed." in card
    assert '<a class="lore-service" href="../../architecture/db/">Database</a>' in card
    assert '<dt>Responders<span class="lore-sr">:</span></dt>\n<dd>Ana, Bo</dd>' in card
    assert '<dt>Investigators<span class="lore-sr">:</span></dt>\n<dd>Cy</dd>' in card
    assert "<li>chat log of #ops</li>" in card and "<li>interviews with 2 responders</li>" in card
    assert '<a href="../2023/cert-near-miss/">The certificate that almost expired</a>' in card
    assert '<span class="lore-tag">disk</span>' in card


def test_summary_becomes_the_page_description(basic_site):
    assert '<meta name="description" content="Logs filled the database disk &amp; nobody &lt;noticed&gt;' in basic_site.html(DISK)


def test_service_without_title_is_named_by_its_heading(basic_site):
    assert '<a class="lore-service" href="../../../architecture/web/">Web tier</a>' in basic_site.html(CERT)


def test_catalog_lists_every_incident_newest_first_grouped_by_year(basic_site):
    page = article(basic_site.html("incidents/index.html"))
    assert "<h1" in page and "Incidents" in page
    years = re.findall(r'<h2 id="(\d{4})">', page)
    assert years == ["2024", "2023"]
    assert page.index("The disk that filled at midnight") < page.index("The certificate that almost expired")
    entry = page[page.index('<li class="lore-entry lore-entry--near-miss">'):]
    entry = entry[: entry.index("</li>")]
    assert '<time datetime="2023-06-01">2023-06-01</time>' in entry
    assert '<a class="lore-entry__title" href="2023/cert-near-miss/">The certificate that almost expired</a>' in entry
    assert '<span class="lore-badge lore-badge--near-miss">Near miss</span>' in entry
    assert '<a href="../architecture/db/">Database</a>, <a href="../architecture/web/">Web tier</a>' in entry
    assert "A renewal job had silently stopped" in entry


def test_kind_and_year_listings(basic_site):
    near = article(basic_site.html("incidents/kind/near-miss/index.html"))
    assert "Near misses" in near and "The certificate that almost expired" in near
    assert "The disk that filled at midnight" not in near
    games = article(basic_site.html("incidents/kind/game-day/index.html"))
    assert "No game days written up yet." in games
    year = article(basic_site.html("incidents/2024/index.html"))
    assert "The disk that filled at midnight" in year and "certificate" not in year


def test_architecture_page_lists_its_incidents_newest_first(basic_site):
    page = article(basic_site.html("architecture/db/index.html"))
    section = page[page.index('id="incidents-involving-this-service"'):]
    assert section.index("The disk that filled at midnight") < section.index("The certificate that almost expired")
    assert '<a class="lore-entry__title" href="../../incidents/2024-01-05-disk-full/">' in section
    web = article(basic_site.html("architecture/web/index.html"))
    assert "The certificate that almost expired" in web and "disk" not in web.lower()


def test_incidents_are_not_in_the_sidebar_but_listings_are(basic_site):
    for page in ("index.html", DISK, "incidents/index.html"):
        html = basic_site.html(page)
        nav = html[html.index('class="md-nav md-nav--primary"'): html.index('<div class="md-content"')]
        assert "disk-full" not in nav and "cert-near-miss" not in nav
        assert 'kind/near-miss/"' in nav and '2024/"' in nav


def test_with_instant_navigation_every_page_loads_mermaid_from_the_site(tmp_path):
    """A page reached without a reload keeps the first page's scripts: without mermaid there, Material
    would fetch it from a CDN."""
    config = MKDOCS_YML.format(options="").replace("  font: false\n", "  font: false\n  features: [navigation.instant]\n")
    diagram = "# Flow\n\n```mermaid\nflowchart LR\n  a --> b\n```\n"
    build = run_build(write_project(tmp_path, {"index.md": "# Home\n\nNo diagram here.\n", "flow.md": diagram},
                                    config=config))
    assert build.returncode == 0, build.log
    assert '<script src="assets/lore/mermaid.min.js"></script>' in build.html("index.html")


def test_a_site_without_diagrams_ships_no_diagram_library(tmp_path):
    config = MKDOCS_YML.format(options="").replace("  font: false\n", "  font: false\n  features: [navigation.instant]\n")
    build = run_build(write_project(tmp_path, {"index.md": "# Home\n\nNo diagram here.\n"}, config=config))
    assert build.returncode == 0, build.log
    assert "mermaid" not in build.html("index.html") and "diagrams.js" not in build.html("index.html")
    assert not (build.site / "assets/lore/mermaid.min.js").exists()


def test_onboarding_link_to_incident_source_resolves(basic_site):
    assert 'href="../../incidents/2023/cert-near-miss/"' in basic_site.html("onboarding/start/index.html")


def test_mermaid_is_served_by_the_site_and_nothing_from_the_internet(basic_site):
    html = basic_site.html(DISK)
    assert '<pre class="mermaid"><code>flowchart LR' in html
    assert '<script src="../../assets/lore/mermaid.min.js"></script>' in html
    assert (basic_site.site / "assets/lore/mermaid.min.js").stat().st_size > 1_000_000
    assert html.index("mermaid.min.js") < html.index("assets/javascripts/bundle.")  # loaded before Material draws
    pages = [p for p in basic_site.site.rglob("*.html") if 'class="mermaid"' not in p.read_text()]
    assert pages and not [p for p in pages if "mermaid.min.js" in p.read_text()]  # 2.75 MB only where a diagram is
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
    for url in re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html):
        assert not url.startswith(("http:", "https:", "//")), url


def test_drafts_render_only_in_preview_and_are_not_listed(tmp_path):
    files = {
        "incidents/a.md": "---\ntitle: Published one\ndate: 2024-01-01\nsummary: S.\n---\nBody\n",
        "incidents/b.md": "---\ntitle: Draft one\ndate: 2024-01-02\nsummary: S.\nstatus: draft\n---\nBody\n",
        "incidents/c.md": "---\ntitle: Review one\ndate: 2024-01-03\nsummary: S.\nstatus: review\n---\nBody\n",
    }
    build = run_build(write_project(tmp_path / "p", files))
    assert build.returncode == 0, build.log
    assert not (build.site / "incidents/b/index.html").exists()
    catalog = build.html("incidents/index.html")
    assert "Draft one" not in catalog and "Published one" in catalog and "Review one" in catalog
    assert "In review: this story may still change." in build.html("incidents/c/index.html")

    build = run_build(write_project(tmp_path / "q", files, options="drafts: true"))
    assert build.returncode == 0, build.log
    assert "Draft: this story is not published yet" in build.html("incidents/b/index.html")
    assert "Draft one" in build.html("incidents/index.html")


def test_writer_provided_catalog_page_and_custom_root(tmp_path):
    files = {
        "stories/index.md": "# Our stories\n\nHand-written intro.\n\n<!-- lore:catalog -->\n",
        "stories/2022/x.md": "---\ntitle: Old one\ndate: 2022-02-02\nsummary: S.\n---\nBody\n",
    }
    build = run_build(write_project(tmp_path, files, options="incidents_dir: stories"))
    assert build.returncode == 0, build.log
    page = article(build.html("stories/index.html"))
    assert "Hand-written intro." in page
    assert '<h2 id="year-2022"><a href="2022/">2022</a><a class="headerlink" href="#year-2022"' in page
    assert '<a class="lore-entry__title" href="2022/x/">Old one</a>' in page


def test_material_tags_plugin_shows_tags_instead_of_the_card(tmp_path):
    config = "site_name: T\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n  - tags\n  - lore/incidents\n"
    files = {"incidents/a.md": "---\ntitle: A\ndate: 2024-01-01\nsummary: S.\ntags: [dns]\n---\nBody\n"}
    build = run_build(write_project(tmp_path, files, config=config))
    assert build.returncode == 0, build.log
    html = build.html("incidents/a/index.html")
    assert 'class="lore-tag"' not in html
    assert "md-tag" in html and "dns" in html


def test_mermaid_fence_is_added_to_a_sites_own_superfences(tmp_path):
    """A site that already uses superfences keeps it and gets the mermaid fence; one without it gets
    the same markup from MkDocs' own fenced code (checked on the fixture above)."""
    story = "---\ntitle: A\ndate: 2024-04-01\nsummary: S.\n---\n\n```mermaid\nflowchart LR\n  a --> b\n```\n\n```python\nx = 1\n```\n"
    config = ("site_name: T\ntheme: {name: material, font: false}\nplugins: [search, lore/incidents]\n"
              "markdown_extensions: [pymdownx.superfences]\n")
    build = run_build(write_project(tmp_path, {"incidents/a.md": story}, config=config))
    assert build.returncode == 0, build.log
    html = build.html("incidents/a/index.html")
    assert '<pre class="mermaid"><code>flowchart LR' in html and "language-mermaid" not in html


def test_service_pages_show_their_summary_and_owners_and_pages_describe_themselves(tmp_path):
    payload = '"><script>alert(1)</script>'
    project = write_project(tmp_path, {
        "architecture/pay.md": f"---\nservice: pay\ntitle: Payments\nowners: [Ledger team, 'Ana {payload}']\n"
                               f"summary: 'Takes money {payload}'\n---\n\n# Payments\n\nHow it works.\n",
        "incidents/2024-01-01-a.md": f"---\ntitle: A\ndate: 2024-01-01\nsummary: 'Charged twice {payload}'\n"
                                     "services: [pay]\n---\n\nBody.\n",
        "glossary/ledger.md": f"---\nterm: Ledger\nshort: 'The record of money {payload}'\n---\n\nA ledger.\n",
    }, config=MKDOCS_YML.format(options="") + "  - lore/glossary\n")
    build = run_build(project)
    assert build.returncode == 0, build.log
    service = build.html("architecture/pay/index.html")
    lead = service[service.index('<div class="lore-service-lead">'):]
    assert "Takes money &#34;&gt;&lt;script&gt;" in lead or "Takes money &quot;&gt;&lt;script&gt;" in lead
    assert "Owned by</span> <span>Ledger team</span>" in lead
    for path, words in (("architecture/pay/index.html", "Takes money"), ("incidents/2024-01-01-a/index.html", "Charged twice"),
                        ("glossary/ledger/index.html", "The record of money")):
        html = build.html(path)
        described = re.search(r'<meta name="description" content="([^"]*)"', html)
        assert described and described.group(1).startswith(words), path
        assert "<script>alert(1)" not in html, path


def _story(day: int, year: int = 2024) -> str:
    return (f"---\ntitle: Story {year}-{day}\ndate: {year}-03-{day:02d}\nsummary: Summary of story {year}-{day}.\n"
            f"services: [db]\n---\n\n# Story {year}-{day}\n\n## What surprised us\n\nThe queue.\n")


@pytest.mark.parametrize("up_to, catalog_full, year_full", [
    (1000, True, True),   # the default: a small site lists everything in full
    (3, False, True),     # four stories in all, three in 2024: the catalog is a line each, the year page is not
    (2, False, False),
    (0, False, False),    # 0: always a line each
])
def test_long_listings_show_a_line_per_story(tmp_path, up_to, catalog_full, year_full):
    files = {f"incidents/2024-03-{d:02d}-s.md": _story(d) for d in (1, 2, 3)}
    files["incidents/2023-03-04-s.md"] = _story(4, 2023)
    files["architecture/db.md"] = "---\ntitle: Database\nservice: db\n---\n\n# Database\n"
    build = run_build(write_project(tmp_path, files, options=f"summaries_up_to: {up_to}"))
    assert build.returncode == 0, build.log
    catalog, year = build.article("incidents/index.html"), build.article("incidents/2024/index.html")
    assert catalog.count('class="lore-entry__title"') == 4 and year.count('class="lore-entry__title"') == 3
    for page, full in ((catalog, catalog_full), (year, year_full)):
        assert ("Summary of story 2024-1." in page) is full
        assert ('class="lore-chip"' in page) is full
    assert ("4 stories, a line each:" in catalog) is (not catalog_full)
    where = "each year’s page has their summaries and sections." if year_full else "each story’s page has its summary"
    assert (where in catalog) is (not catalog_full)
    assert "Summary of story 2024-1." in build.article("incidents/2024-03-01-s/index.html")  # the story's own card
