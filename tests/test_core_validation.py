"""Messages writers see, checked word for word on the pure core (no MkDocs)."""

import pytest

from lore.core.knowledge import incident_path, scan
from lore.core.model import Options

SERVICE = b"---\nservice: payments\ntitle: Payments\n---\n"


def check(files: dict[str, str | bytes], **options) -> list[str]:
    sources = [(p, (lambda c=c: c if isinstance(c, bytes) else c.encode())) for p, c in files.items()]
    kb = scan(sources, Options(**options))
    return [str(p) for p in kb.problems]


def story(extra: str = "", date: str = "2024-03-12", title: str = "A story") -> str:
    return f"---\ntitle: {title}\ndate: {date}\nsummary: Short.\n{extra}---\nBody\n"


@pytest.mark.parametrize(
    "src, slug, year",
    [
        ("incidents/a.md", "a", None),
        ("incidents/a/index.md", "a", None),
        ("incidents/2012/a.md", "a", 2012),
        ("incidents/2012/a/index.md", "a", 2012),
    ],
)
def test_incident_paths(src, slug, year):
    where = incident_path(src, Options())
    assert (where.slug, where.year_folder) == (slug, year)


@pytest.mark.parametrize(
    "src",
    ["incidents/index.md", "incidents/2012/index.md", "incidents/kind/near-miss.md",
     "incidents/a/notes.md", "incidents/a/perspectives/b.md", "other/a.md", "incidents/a/img.png"],
)
def test_not_incident_paths(src):
    assert incident_path(src, Options()) is None


def test_valid_site_has_no_problems():
    assert check({
        "architecture/payments.md": SERVICE,
        "incidents/2024-03-12-a/index.md": story("services: [payments]\nrelated: [b]\n"),
        "incidents/2023/b.md": story(date="2023-01-02", title="B"),
    }) == []


def test_custom_incidents_dir_and_kinds():
    assert check({"stories/x.md": story("kind: outage\n")}, incidents_dir="stories", kinds=("outage",)) == []
    assert check({"stories/x.md": story("kind: incident\n")}, incidents_dir="stories", kinds=("outage",)) == [
        "stories/x.md: kind: unknown value 'incident' (expected one of: outage)"
    ]


def test_extra_keys_are_allowed():
    assert check({"incidents/x.md": story("team: core\n")}, extra_keys=("team",)) == []


def test_every_problem_in_a_file_is_reported_at_once():
    problems = check({"incidents/x.md": "---\ndate: 2024-02-30\nkind: outage\nservces: [a]\n---\n"})
    assert problems == [
        "incidents/x.md: date: '2024-02-30' is not valid (expected a date written YYYY-MM-DD, when it began)",
        "incidents/x.md: kind: unknown value 'outage' (expected one of: incident, near-miss, game-day, practice)",
        "incidents/x.md: servces: unknown key (did you mean 'services'?) (expected one of the known fields; add it to the plugin option 'extra_keys' to allow it)",
        "incidents/x.md: summary: missing (expected one or two sentences for cards, listings and search)",
        "incidents/x.md: title: missing (expected a non-empty string)",
    ]


def test_drafts_are_not_listed_unless_configured():
    files = {"incidents/x.md": story("status: draft\n"), "incidents/y.md": story(title="Y")}
    sources = [(p, (lambda c=c: c.encode())) for p, c in files.items()]
    assert [i.slug for i in scan(sources, Options()).listed()] == ["y"]
    assert [i.slug for i in scan(sources, Options(drafts=True)).listed()] == ["x", "y"]


def test_listing_order_is_newest_first_whatever_the_input_order():
    files = {f"incidents/{n}.md": story(date=d, title=n) for n, d in [("b", "2021-05-01"), ("a", "2023-01-01"), ("c", "2021-05-01")]}
    sources = [(p, (lambda c=c: c.encode())) for p, c in files.items()]
    for order in (sources, list(reversed(sources))):
        assert [i.slug for i in scan(order).listed()] == ["a", "b", "c"]
