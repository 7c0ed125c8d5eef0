"""Drafts never reach published pages, and a site overrides Lore's partials from its custom_dir."""

from __future__ import annotations

import re

from conftest import run_build, write_project
from lore.core.knowledge import Knowledge
from lore.core.model import Incident, Options, Service
from lore.core.themes import Harvest
from lore.render import Partials, cards, listings

CONFIG = """site_name: D
theme:
  name: material
  font: false{custom}
plugins:
  - search
  - lore/incidents
  - lore/glossary
  - lore/backlinks
  - lore/explore:
      pagefind: false
  - macros:
      modules: [lore.macros]
      render_by_default: false
"""
SECRET = "Zanzibar ledger secret"
FILES = {
    "incidents/2024-01-01-d.md": f"---\ntitle: {SECRET}\ndate: 2024-01-01\nsummary: Hidden {SECRET} summary.\n"
                                 "status: draft\nservices: [svc]\ntags: [draft-only-tag]\n---\n\nDraft body.\n",
    "incidents/2024-02-02-b.md": "---\ntitle: Published\ndate: 2024-02-02\nsummary: S.\nservices: [svc]\n"
                                 "related: [2024-01-01-d]\n---\n\nBody.\n",
    "architecture/svc.md": "---\nservice: svc\ntitle: Svc\n---\n\nA service.\n",
    "onboarding/start.md": "---\nrender_macros: true\n---\n\n# Start\n\nRead [the draft](../incidents/2024-01-01-d.md).\n\n"
                           '{{ incident_card("2024-01-01-d") }}\n\n{{ reading_path("2024-02-02-b", "2024-01-01-d") }}\n',
}


def test_a_draft_named_anywhere_leaves_no_trace_in_the_built_site(tmp_path):
    build = run_build(write_project(tmp_path, FILES, config=CONFIG.format(custom="")), strict=False)
    assert build.returncode == 0, build.log
    leaks = [str(p.relative_to(build.site)) for p in build.site.rglob("*") if p.is_file()
             and p.suffix in (".html", ".json", ".js", ".xml") and SECRET.encode() in p.read_bytes()]
    assert leaks == []
    assert not (build.site / "incidents/2024-01-01-d/index.html").exists()
    start = build.html("onboarding/start/index.html")
    assert "the draft" in start and "2024-01-01-d/" not in start  # the writer's words stay, the link goes
    assert "A story not published yet" in start
    for line in ("onboarding/start.md: link: line 7: '../incidents/2024-01-01-d.md' is the draft incidents/2024-01-01-d.md",
                 "incidents/2024-02-02-b.md: related: '2024-01-01-d' is the draft incidents/2024-01-01-d.md",
                 "onboarding/start.md: incident_card: '2024-01-01-d' is the draft incidents/2024-01-01-d.md",
                 "onboarding/start.md: reading_path: '2024-01-01-d' is the draft incidents/2024-01-01-d.md"):
        assert line in build.log, line


CUSTOM_CARD = '<aside class="site-card">{{ i.title }} / {{ services | map(attribute="title") | join(", ") }}</aside>\n'


def test_a_partial_in_custom_dir_replaces_lores_own(tmp_path):
    files = {k: v for k, v in FILES.items() if k != "onboarding/start.md"}
    project = write_project(tmp_path, files, config=CONFIG.format(custom="\n  custom_dir: overrides"))
    (project / "overrides/partials/lore").mkdir(parents=True)
    (project / "overrides/partials/lore/card.html").write_text(CUSTOM_CARD)
    build = run_build(project, strict=False)
    assert build.returncode == 0, build.log
    story = build.article("incidents/2024-02-02-b/index.html")
    assert '<aside class="site-card">Published / Svc</aside>' in story
    assert 'class="lore-card' not in story


def _story(**kw) -> Incident:
    import datetime as dt

    base = dict(src="incidents/a.md", slug="a", id="a", title='A <b>&</b> "q"', date=dt.date(2024, 3, 12),
                summary="S <i>", services=["svc", "gone"], tags=["t<1>"], severity="SEV1", duration="1h5m",
                responders=["Ana"], data_sources=["logs"], source_url="javascript:alert(1)", status="review")
    return Incident(**{**base, **kw})


def test_the_fast_card_and_listing_match_their_templates():
    """The string-join fast paths write what partials/lore/card.html and listing.html write."""
    kb = Knowledge(Options())
    story = _story()
    kb.incidents.append(story)
    kb.by_src[story.src], kb.by_id[story.id] = story, story
    kb.services["svc"] = Service("svc", "architecture/svc.md", "Svc & co")
    partials = Partials()

    def url_for(src):
        return "../" + src.replace(".md", "/")

    def norm(html):
        html = html.replace("&#34;", "&quot;").replace("&#39;", "&#x27;")  # markupsafe's spelling, the same characters
        return re.sub(r">\s+<", "><", re.sub(r"[ \t]*\n[ \t]*", "\n", html)).strip()

    fast = cards.card(partials, story, kb, url_for, True)
    assert norm(fast) == norm(partials.render("card", **cards.card_context(story, kb, url_for, True)))
    assert 'href="javascript' not in fast
    rows = listings.entries(kb, [story], url_for)
    assert norm(listings.listing(partials, kb, [story], url_for)) == norm(partials.render("listing", entries=rows, empty=""))
    harvest = Harvest("surprises", "What surprised us", ("It <was> & \"not\"", "Second"))
    found = [{"incident": story, "harvest": harvest, "url": "../a/#what-surprised-us"}]
    rows = [{**listings.entries(kb, [story], url_for)[0], "url": found[0]["url"], "excerpts": harvest.items}]
    fast = listings.theme_entries(partials, kb, found, url_for, "none")
    assert norm(fast) == norm(partials.render("theme-entries", entries=rows, empty="none", line=listings.entry_line))
    assert "It &lt;was&gt; &amp;" in fast
