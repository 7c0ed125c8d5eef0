"""Glossary linking, asserted on the built HTML of a fixture project."""

import re

import pytest

from conftest import build_fixture, run_build, write_project

NEW = "incidents/2024-06-01-new/index.html"
OLD = "incidents/2024-05-01-old/index.html"
LB_DEF = '"Load balancer: Spreads requests across servers &lt;and&gt; &quot;drains&quot; them."'
# Material shows the title on hover, on focus and so on a tap (glossary.js keeps the first tap on the page);
# the definition is written once: data-lore-tip only where Lore draws the tooltip itself.
LB_TIP = f"title={LB_DEF}"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_fixture("glossary", tmp_path_factory.mktemp("g"))


def term_links(html):
    """(term page, href, text) of every glossary link."""
    links = re.findall(r'<a class="lore-term[^"]*" (?:data-lore-tip="[^"]*" )?href="([^"]+)"[^>]*>([^<]+)</a>', html)
    return [("glossary/" + href.rstrip("/").rsplit("/", 1)[-1] + ".md", href, text) for href, text in links]


def test_first_occurrence_is_linked_with_an_escaped_tooltip(site):
    html = site.article(OLD)
    assert term_links(html) == [("glossary/load-balancer.md", "../../glossary/load-balancer/", "load balancer")]
    assert LB_TIP in html
    assert "data-lore-tip" not in html  # with Material's tooltips the definition is written once
    assert "Another load balancer mention. The LB again." in html


def test_longest_match_plurals_acronyms_and_boundaries(site):
    links = [(t, text) for t, _, text in term_links(site.article(NEW))]
    assert ("glossary/load-balancer-pool.md", "load balancer pool") in links
    assert ("glossary/load-balancer.md", "load balancers") in links
    assert ("glossary/api.md", "API") in links
    assert ("glossary/pod.md", "pod") in links
    assert ("glossary/policy.md", "retry policies") in links
    html = site.article(NEW)
    assert "RAPID rapid api calls." in html  # no API inside RAPID, lowercase api is not the acronym
    assert "A podcast about a" in html


def test_never_in_code_links_headings_alt_or_raw_html(site):
    html = site.article(NEW)
    assert '<h2 id="the-load-balancer-heading">The load balancer heading</h2>' in html
    assert "<code>load balancer</code>" in html
    assert "load balancer in a fence" in html and "lore-term" not in html[html.index("<pre"): html.index("</pre>")]
    assert '<a href="../../onboarding/guide/">a link about the load balancer</a>' in html
    assert 'alt="the load balancer"' in html
    assert '<span title="load balancer">' in html


def test_forced_and_suppressed_links(site):
    html = site.article(NEW)
    assert f'class="lore-term" href="../../glossary/load-balancer/" {LB_TIP}>load balancer</a> and' in html
    assert f'class="lore-term" href="../../glossary/load-balancer/" {LB_TIP}>the balancer</a>' in html
    assert '<span class="lore-nolink">load balancer pool</span>' in html
    assert "[[" not in html


def test_term_page_links_other_terms_but_not_itself(site):
    html = site.article("glossary/load-balancer/index.html")
    assert '<p class="lore-term-short">Spreads requests across servers &lt;and&gt; &#34;drains&#34; them.</p>' in html
    assert "Also written: <span>LB</span>" in html
    assert [t for t, _, _ in term_links(html)] == ["glossary/load-balancer-pool.md"]


def test_appears_in_lists_stories_newest_first_then_other_pages_with_counts(site):
    html = site.article("glossary/load-balancer/index.html")
    section = html[html.index('id="appears-in"'):]
    entries = re.findall(r'<li>(?:<time>[^<]*</time> )?<a href="([^"]+)">([^<]+)</a> <span class="lore-count">(\d+)×</span></li>', section)
    assert entries == [
        ("../../incidents/2024-06-01-new/", "New story", "4"),
        ("../../incidents/2024-05-01-old/", "Old story", "3"),
        ("../../onboarding/guide/", "Guide", "1"),
    ]
    unused = site.article("glossary/api/index.html")
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a> <span class="lore-count">(\d+)×', unused[unused.index('id="appears-in"'):]) == [
        ("../../incidents/2024-06-01-new/", "New story", "2")
    ]


def test_glossary_index_lists_terms_a_to_z(site):
    html = site.article("glossary/index.html")
    assert re.findall(r"<dt id=[^>]+><a href=\"([^\"]+)\">([^<]+)</a>", html) == [
        ("api/", "API"), ("load-balancer/", "Load balancer"), ("load-balancer-pool/", "Load balancer pool"),
        ("pod/", "pod"), ("policy/", "Retry policy"),
    ]
    assert '<span class="lore-glossary__aliases">(LB)</span>' in html
    assert "<dd>Spreads requests across servers &lt;and&gt; &#34;drains&#34; them.</dd>" in html


def test_terms_stay_out_of_the_sidebar(site):
    html = site.html("index.html") if (site.site / "index.html").exists() else site.html(OLD)
    nav = html[html.index('md-nav--primary'): html.index('<div class="md-content"')]
    assert 'glossary/"' in nav or 'glossary/index' in nav or "Glossary" in nav
    assert "load-balancer/" not in nav


BASE = {
    "glossary/lb.md": "---\nterm: Load balancer\naliases: [LB]\nshort: Spreads requests.\n---\nBody.\n",
    "page.md": "# Page\n\nThe load balancer, the load balancer and the LB.\n",
}
CONFIG = """site_name: T
theme:
  name: material
  font: false{features}
plugins:
  - lore/incidents
  - lore/glossary{options}
"""


def build(tmp_path, files, options="", features=""):
    return run_build(write_project(tmp_path, files, config=CONFIG.format(options=options, features=features)))


def test_link_all_links_every_occurrence_and_css_tooltips_without_material_tooltips(tmp_path):
    result = build(tmp_path, BASE, options=":\n      link: all")
    assert result.returncode == 0, result.log
    html = result.html("page/index.html")
    assert len(term_links(html)) == 3
    assert 'class="lore-term lore-term--tip"' in html and 'data-lore-tip="Load balancer: Spreads requests."' in html


@pytest.mark.parametrize("files, message", [
    ({"other.md": "See [[load balancr]]."},
     "other.md: [[load balancr]]: unknown term 'load balancr' (did you mean 'Load balancer'?) (expected a term or alias from glossary/)"),
    ({"glossary/lb2.md": "---\nterm: Balancer\naliases: [LB]\nshort: S.\n---\n"},
     "glossary/lb2.md: aliases: 'LB' is already used by glossary/lb.md (expected each term and alias on one page only)"),
    ({"glossary/x.md": "---\nterm: Load Balancer\nshort: S.\n---\n"},
     "glossary/x.md: term: 'Load Balancer' is already used by glossary/lb.md (expected each term and alias on one page only)"),
    ({"glossary/x.md": "---\nterm: X\n---\n"},
     "glossary/x.md: short: missing (expected one sentence for the tooltip)"),
    ({"glossary/x.md": "---\nshort: S.\n---\n"},
     "glossary/x.md: term: missing (expected the term as readers see it, e.g. Load balancer)"),
    ({"glossary/x.md": "---\nterm: X\nshort: S.\naliases: XX\n---\n"},
     "glossary/x.md: aliases: is a string ('XX'); a list is needed even for one item "
     "(expected a list of other names: acronyms, spellings, e.g. [LB, load-balancer])"),
    ({"glossary/x.md": "---\nterm: X\nshort: S.\naliasses: [XX]\n---\n"},
     "glossary/x.md: aliasses: unknown key (did you mean 'aliases'?) (expected one of the known fields; add it to the plugin option 'extra_keys' to allow it)"),
])
def test_glossary_errors_fail_the_strict_build_with_exact_messages(tmp_path, files, message):
    result = build(tmp_path, {**BASE, **files})
    assert result.returncode != 0
    assert message in result.log, result.log
    assert "Traceback" not in result.log
