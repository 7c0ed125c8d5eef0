"""Arbitrary YAML never makes the parsers raise: it makes messages."""

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lore.core import frontmatter
from lore.core.glossary import scan as scan_glossary
from lore.core.knowledge import scan
from lore.core.model import Options

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30),
                    st.sampled_from(["2024-02-30", "2024-03-12", "14:02", "near-miss", "[x", "a: b", "#c"]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=10), inner, max_size=4)),
                      max_leaves=12)
keys = st.sampled_from(["title", "date", "id", "kind", "summary", "services", "tags", "severity", "duration",
                        "status", "responders", "investigators", "related", "data_sources", "term", "aliases",
                        "short", "service", "owners", "who", "role", "joined_at", "other"])
front = st.dictionaries(keys, values, max_size=8)


def document(meta) -> bytes:
    return ("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\nBody\n").encode()


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(front, st.binary(max_size=40))
def test_front_matter_and_incident_checks_never_raise(meta, noise):
    sources = [
        ("incidents/2024-03-12-a/index.md", lambda: document(meta)),
        ("incidents/b/index.md", lambda: noise),
        ("incidents/b/perspectives/p.md", lambda: document(meta)),
        ("architecture/s.md", lambda: document({**meta, "service": meta.get("service", "s")})),
    ]
    kb = scan(sources, Options())
    for problem in kb.problems:
        assert str(problem).startswith(problem.path + ": ")


@settings(max_examples=150)
@given(st.text(max_size=200))
def test_any_text_as_front_matter_gives_a_source(text):
    src = frontmatter.read("x.md", ("---\n" + text + "\n---\nBody").encode("utf-8", "surrogatepass") if "\ud800" not in text else b"")
    assert isinstance(src.meta, dict)


@settings(max_examples=150)
@given(front, front)
def test_glossary_checks_never_raise(a, b):
    glossary = scan_glossary([("glossary/a.md", lambda: document(a)), ("glossary/b.md", lambda: document(b))])
    glossary.matcher().find("load balancer LB and more text")
    for problem in glossary.problems:
        assert problem.path in ("glossary/a.md", "glossary/b.md")
