"""The bad-input table: the specification of what writers are told.

Each case is a set of files (beside one good story) and the exact line every
entry point must print for it: the core's pipeline, `lore check` and
`mkdocs build --strict` (see test_bad_input.py and test_parity.py).
"""

SERVICE = """
---
service: payments
title: Payments
---
Body.
"""
TERM = """
---
term: Pod
short: The smallest deployable unit.
---
A pod.
"""
OK = """
---
title: Fine
date: 2024-01-01
summary: Fine.
---
Body.
"""


def story(front: str) -> str:
    return f"---\n{front.strip()}\n---\n\nBody.\n"


CASES = {
    "malformed-yaml": (
        {"incidents/a.md": "---\ntitle: A\ndate: 2024-01-01\nsummary: [unclosed\n---\nBody\n"},
        "incidents/a.md: front matter: malformed YAML at line 5: expected ',' or ']', but got '<stream end>' "
        "(expected 'key: value' lines between '---' lines)",
    ),
    "missing-title": (
        {"incidents/a.md": story("date: 2024-01-01\nsummary: S.")},
        "incidents/a.md: title: missing (expected a non-empty string)",
    ),
    "missing-date": (
        {"incidents/a.md": story("title: A\nsummary: S.")},
        "incidents/a.md: date: missing (expected a date written YYYY-MM-DD, when it began)",
    ),
    "impossible-date": (
        {"incidents/a.md": story("title: A\ndate: 2024-13-01\nsummary: S.")},
        "incidents/a.md: date: '2024-13-01' is not valid (expected a date written YYYY-MM-DD, when it began)",
    ),
    "date-in-words": (
        {"incidents/a.md": story("title: A\ndate: March 3rd\nsummary: S.")},
        "incidents/a.md: date: 'March 3rd' is not valid (expected a date written YYYY-MM-DD, when it began)",
    ),
    "date-disagrees-with-slug": (
        {"incidents/2024-03-12-storm/index.md": story("title: A\ndate: 2024-03-13\nsummary: S.")},
        "incidents/2024-03-12-storm/index.md: date: '2024-03-13' disagrees with the date in the slug '2024-03-12' "
        "(expected the same date as the slug starts with)",
    ),
    "date-outside-year-folder": (
        {"incidents/2023/a.md": story("title: A\ndate: 2024-01-01\nsummary: S.")},
        "incidents/2023/a.md: date: '2024-01-01' is not in the year folder '2023' "
        "(expected a date in 2023, or the file moved to the folder of its year)",
    ),
    "duplicate-id": (
        {"incidents/a.md": story("title: A\ndate: 2024-01-01\nsummary: S.\nid: same"),
         "incidents/b/index.md": story("title: B\ndate: 2024-01-01\nsummary: S.\nid: same")},
        "incidents/b/index.md: id: 'same' is already used by incidents/a.md (expected an id unique across the site)",
    ),
    "duplicate-slug-across-years": (
        {"incidents/2023/a.md": story("title: A\ndate: 2023-01-01\nsummary: S."),
         "incidents/2024/a.md": story("title: A\ndate: 2024-01-01\nsummary: S.")},
        "incidents/2024/a.md: id: 'a' is already used by incidents/2023/a.md (expected an id unique across the site)",
    ),
    "bad-id": (
        {"incidents/a.md": story("title: A\ndate: 2024-01-01\nsummary: S.\nid: has space")},
        "incidents/a.md: id: 'has space' is not valid "
        "(expected letters, digits, '-', '_' or '.', starting with a letter or digit)",
    ),
    "unknown-kind": (
        {"incidents/a.md": story("title: A\ndate: 2024-01-01\nsummary: S.\nkind: outage")},
        "incidents/a.md: kind: unknown value 'outage' (expected one of: incident, near-miss, game-day, practice)",
    ),
    "unknown-service": (
        {"architecture/payments.md": SERVICE,
         "incidents/a.md": story("title: A\ndate: 2024-01-01\nsummary: S.\nservices: [paymnets]")},
        "incidents/a.md: services: unknown service 'paymnets' "
        "(expected one of: payments — declared by a page with 'service: <id>' front matter)",
    ),
    "unknown-related": (
        {"incidents/a.md": story("title: A\ndate: 2024-01-01\nsummary: S.\nrelated: [nope]")},
        "incidents/a.md: related: unknown incident id 'nope' (expected the id of another incident (its slug unless it sets 'id'))",
    ),
    "unknown-key": (
        {"incidents/a.md": story("title: A\ndate: 2024-01-01\nsummary: S.\nservces: [x]")},
        "incidents/a.md: servces: unknown key "
        "(expected one of the known fields; add it to the plugin option 'extra_keys' to allow it)",
    ),
    "scalar-for-list": (
        {"architecture/payments.md": SERVICE,
         "incidents/a.md": story("title: A\ndate: 2024-01-01\nsummary: S.\nservices: payments")},
        "incidents/a.md: services: is a string ('payments'); a list is needed even for one item "
        "(expected a list of service ids, e.g. [a, b])",
    ),
    "number-for-list": (
        {"incidents/a.md": story("title: A\ndate: 2024-01-01\nsummary: S.\ntags: 5")},
        "incidents/a.md: tags: is a number (5); a list is needed even for one item (expected a list of tags, e.g. [a, b])",
    ),
    "list-item-not-a-string": (
        {"incidents/a.md": story("title: A\ndate: 2024-01-01\nsummary: S.\nresponders: [Ana, {name: Bo}]")},
        "incidents/a.md: responders[1]: is a mapping (expected a list of names, e.g. [a, b])",
    ),
    "title-not-a-string": (
        {"incidents/a.md": story("title: yes\ndate: 2024-01-01\nsummary: S.")},
        "incidents/a.md: title: is a yes/no value (true) (expected a non-empty string)",
    ),
    "bad-duration": (
        {"incidents/a.md": story("title: A\ndate: 2024-01-01\nsummary: S.\nduration: an hour")},
        "incidents/a.md: duration: 'an hour' is not valid (expected a duration such as 45m, 1h10m or 2d4h)",
    ),
    "bad-status": (
        {"incidents/a.md": story("title: A\ndate: 2024-01-01\nsummary: S.\nstatus: final")},
        "incidents/a.md: status: unknown value 'final' (expected one of: draft, review, published)",
    ),
    "non-utf8": (
        {"incidents/a.md": "---\ntitle: Café\ndate: 2024-01-01\n---\n".encode("latin-1")},
        "incidents/a.md: file: is not valid UTF-8 (byte 0xe9 at offset 14) (expected a text file saved as UTF-8)",
    ),
    "non-utf8-other-page": (
        {"guide.md": "Café\n".encode("latin-1")},
        "guide.md: file: is not valid UTF-8 (byte 0xe9 at offset 3) (expected a text file saved as UTF-8)",
    ),
    "empty-file": (
        {"incidents/a.md": ""},
        "incidents/a.md: file: is empty (expected YAML front matter with at least title and date, then the story)",
    ),
    "no-front-matter": (
        {"incidents/a.md": "# Just a heading\n\nText.\n"},
        "incidents/a.md: front matter: missing (expected a '---' block at the top with at least title and date)",
    ),
    "front-matter-not-a-mapping": (
        {"incidents/a.md": "---\n- title\n---\nBody\n"},
        "incidents/a.md: front matter: is a list, not a mapping (expected 'key: value' lines between '---' lines)",
    ),
    "missing-summary": (
        {"incidents/a.md": story("title: A\ndate: 2024-01-01")},
        "incidents/a.md: summary: missing (expected one or two sentences for cards, listings and search)",
    ),
    "duplicate-service": (
        {"architecture/payments.md": SERVICE, "architecture/payments-v2.md": SERVICE},
        "architecture/payments.md: service: 'payments' is already declared by architecture/payments-v2.md "
        "(expected one page per service id)",
    ),
    "bad-service-id": (
        {"architecture/p.md": "---\nservice: Payments API\n---\nBody\n"},
        "architecture/p.md: service: 'Payments API' is not valid "
        "(expected letters, digits, '-', '_' or '.', starting with a letter or digit)",
    ),
    "service-owners-not-a-list": (
        {"architecture/p.md": "---\nservice: p\nowners: Data team\n---\nBody\n"},
        "architecture/p.md: owners: is a string ('Data team'); a list is needed even for one item "
        "(expected a list of owners, e.g. [a, b])",
    ),
    "timeline-impossible-time": (
        {"incidents/2024-01-01-t/index.md": story("title: T\ndate: 2024-01-01\nsummary: S."),
         "incidents/2024-01-01-t/timeline.yml": "- at: \"25:10\"\n  who: Ana\n  what: Alerts fired\n  type: action\n"},
        "incidents/2024-01-01-t/timeline.yml: entries[1].at: '25:10' is not a time "
        "(expected HH:MM on the incident date, or an ISO date and time such as 2024-03-12T14:02)",
    ),
    "forced-link-to-unknown-term": (
        {"glossary/pod.md": TERM, "incidents/a.md": story("title: A\ndate: 2024-01-01\nsummary: S.") + "\nA [[podd]] died.\n"},
        "incidents/a.md: [[podd]]: unknown term 'podd' (expected a term or alias from glossary/)",
    ),
    "unknown-marker": (
        {"guide.md": "# Guide\n\n<!-- lore:catalogue -->\n"},
        "guide.md: <!-- lore:catalogue -->: unknown marker (expected one of: ",
    ),
    "marker-with-bad-argument": (
        {"guide.md": "# Guide\n\n<!-- lore:listing year=abc -->\n"},
        "guide.md: <!-- lore:listing year=abc -->: bad argument (expected year=YYYY or year=none)",
    ),
    "unsafe-body-link": (
        {"guide.md": "# Guide\n\nSee [this]( JaVaScRiPt:alert(1)).\n"},
        "guide.md: link: line 3: 'JaVaScRiPt:alert(1)' is not allowed (expected an http, https or mailto URL, or a relative link)",
    ),
    "unsafe-source-url": (
        {"incidents/a.md": story("title: A\ndate: 2024-01-01\nsummary: S.\nsource_url: 'javascript:alert(1)'")},
        "incidents/a.md: source_url: 'javascript:alert(1)' is not allowed (it is shown as plain text) "
        "(expected an http, https or mailto URL, or a relative link)",
    ),
    "link-to-a-draft": (
        {"incidents/d.md": story("title: Secret\ndate: 2024-01-01\nsummary: S.\nstatus: draft"),
         "onboarding/start.md": "# Start\n\nRead [the story](../incidents/d.md).\n"},
        "onboarding/start.md: link: line 3: '../incidents/d.md' is the draft incidents/d.md, which is not published "
        "(expected a link to a published page (it is shown as plain text; 'drafts: true' publishes drafts))",
    ),
    "related-to-a-draft": (
        {"incidents/d.md": story("title: Secret\ndate: 2024-01-01\nsummary: S.\nstatus: draft"),
         "incidents/b.md": story("title: B\ndate: 2024-01-01\nsummary: S.\nrelated: [d]")},
        "incidents/b.md: related: 'd' is the draft incidents/d.md, which is not published "
        "(expected a published story (drafts are left out of published pages; 'drafts: true' publishes them))",
    ),
    "macro-names-an-unknown-story": (
        {"onboarding/m.md": "---\nrender_macros: true\n---\n\n# M\n\n{{ incident_card(\"nope\") }}\n"},
        "onboarding/m.md: incident_card: unknown incident id 'nope' (expected the id of an incident: its slug unless it sets 'id')",
    ),
    "macro-names-a-draft": (
        {"incidents/d.md": story("title: Secret\ndate: 2024-01-01\nsummary: S.\nstatus: draft"),
         "onboarding/m.md": "---\nrender_macros: true\n---\n\n# M\n\n{{ reading_path(\"ok\", \"d\") }}\n"},
        "onboarding/m.md: reading_path: 'd' is the draft incidents/d.md, which is not published "
        "(expected a published story; 'drafts: true' publishes drafts)",
    ),
}

# Not problems: Markdown never renders these as links, so neither entry point may report them.
QUIET = {
    "forced-link-in-indented-code": {"glossary/pod.md": TERM, "guide.md": "# Guide\n\nText.\n\n    [[nothing]]\n"},
    "forced-link-in-raw-html": {"glossary/pod.md": TERM, "guide.md": "# Guide\n\n<div>\n[[nothing]]\n</div>\n"},
    "forced-link-in-fence": {"glossary/pod.md": TERM, "guide.md": "# Guide\n\n```\n[[nothing]]\n```\n"},
    "macro-on-a-page-that-does-not-render-macros": {"onboarding/m.md": "# M\n\n{{ incident_card(\"nope\") }}\n"},
    "marker-in-code": {"guide.md": "# Guide\n\n`<!-- lore:nope -->` and\n\n```\n<!-- lore:nope -->\n```\n"},
}

