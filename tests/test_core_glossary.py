"""The term matcher and glossary checks, without MkDocs."""

import pytest

from lore.core.glossary import Glossary, Matcher, Term, plural, scan, suggest_terms

TERMS = [
    Term("g/lb.md", "Load balancer", "Spreads requests.", ["LB"]),
    Term("g/lbp.md", "Load balancer pool", "The servers behind it."),
    Term("g/api.md", "API", "An interface."),
    Term("g/pod.md", "pod", "Containers."),
    Term("g/policy.md", "Retry policy", "When to retry."),
]


def found(text: str) -> list[tuple[str, str]]:
    return [(text[m.start:m.end], m.term.term) for m in Matcher(TERMS).find(text)]


def test_longest_match_wins():
    assert found("the load balancer pool drained") == [("load balancer pool", "Load balancer pool")]


def test_word_boundaries_hold():
    assert found("RAPID podcast rapidly apiary") == []


def test_acronyms_match_only_in_capitals_other_terms_in_any_case():
    assert found("LB lb Lb API api Api") == [("LB", "Load balancer"), ("API", "API")]
    assert found("LOAD BALANCER and Load Balancer") == [("LOAD BALANCER", "Load balancer"), ("Load Balancer", "Load balancer")]


def test_simple_plurals_match():
    assert found("load balancers, LBs, APIs, pods, retry policies") == [
        ("load balancers", "Load balancer"), ("LBs", "Load balancer"), ("APIs", "API"),
        ("pods", "pod"), ("retry policies", "Retry policy"),
    ]


@pytest.mark.parametrize("word, expected", [("policy", "policies"), ("day", "days"), ("bus", "buses"),
                                            ("patch", "patches"), ("SLO", "SLOs"), ("replica", "replicas")])
def test_plural(word, expected):
    assert plural(word) == expected


def test_offsets_survive_characters_that_grow_when_lowered():
    text = "İstanbul load balancer"
    assert found(text) == [("load balancer", "Load balancer")]


def read(files):
    return [(p, (lambda c=c: c.encode())) for p, c in files.items()]


def test_duplicates_and_missing_fields_are_reported_naming_both_files():
    glossary = scan(read({
        "glossary/a.md": "---\nterm: Load balancer\naliases: [LB]\nshort: One.\n---\n",
        "glossary/b.md": "---\nterm: LB\nshort: Two.\n---\n",
        "glossary/c.md": "---\nterm: Pool\naliases: [load balancer]\n---\n",
        "glossary/d.md": "---\nshort: Three.\n---\n",
        "glossary/e.md": "---\nterm: Edge\naliases: [edge]\nshort: Four.\n---\n",
    }))
    assert [str(p) for p in glossary.problems] == [
        "glossary/b.md: term: 'LB' is already used by glossary/a.md (expected each term and alias on one page only)",
        "glossary/c.md: aliases: 'load balancer' is already used by glossary/a.md (expected each term and alias on one page only)",
        "glossary/c.md: short: missing (expected one sentence for the tooltip)",
        "glossary/d.md: term: missing (expected the term as readers see it, e.g. Load balancer)",
        "glossary/e.md: aliases: 'edge' repeats the term or another alias (expected each alias once)",
    ]


def test_suggest_terms_finds_acronyms_and_phrases_in_three_stories_only():
    bodies = {
        f"incidents/{n}.md": f"The CDN cache purge failed again and the LB coped. Story {n}. `XYZ` in code."
        for n in "abc"
    }
    bodies["incidents/d.md"] = "Only here: the WAF rule."
    glossary = scan(read({"glossary/lb.md": "---\nterm: Load balancer\naliases: [LB]\nshort: S.\n---\n"}))
    names = dict(suggest_terms(bodies, glossary))
    assert names["CDN"] == ["incidents/a.md", "incidents/b.md", "incidents/c.md"]
    assert "cache purge" in names and "cdn cache purge" in names
    assert "LB" not in names and "WAF" not in names and "XYZ" not in names


def test_empty_glossary_matches_nothing():
    assert Glossary().matcher().find("anything at all") == []
