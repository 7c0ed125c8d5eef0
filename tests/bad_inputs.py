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
    "macro-limit-not-a-number": (
        {"onboarding/m.md": "---\nrender_macros: true\n---\n\n# M\n\n{{ incident_list(limit=\"x\") }}\n"},
        "onboarding/m.md: incident_list: limit: 'x' is not a whole number (expected a whole number of 1 or more)",
    ),
    "macro-negative-limit": (
        {"onboarding/m.md": "---\nrender_macros: true\n---\n\n# M\n\n{{ incident_list(limit=-1) }}\n"},
        'onboarding/m.md: incident_list: limit: -1 is below 1 (expected a whole number of 1 or more)',
    ),
    "macro-limit-many": (
        {"onboarding/m.md": "---\nrender_macros: true\n---\n\n# M\n\n{{ nothing_broke(limit=\"many\") }}\n"},
        "onboarding/m.md: nothing_broke: limit: 'many' is not a whole number (expected a whole number of 1 or more)",
    ),
    "macro-year-not-a-year": (
        {"onboarding/m.md": "---\nrender_macros: true\n---\n\n# M\n\n{{ incident_list(year=\"abc\") }}\n"},
        "onboarding/m.md: incident_list: year: 'abc' is not a year (expected a year such as 2024)",
    ),
    "macro-missing-argument": (
        {"onboarding/m.md": "---\nrender_macros: true\n---\n\n# M\n\n{{ incident_card() }}\n"},
        "onboarding/m.md: incident_card: missing a required argument: 'incident_id' (expected incident_card(incident_id))",
    ),
    "macro-theme-not-text": (
        {"onboarding/m.md": "---\nrender_macros: true\n---\n\n# M\n\n{{ theme_highlights(theme=5) }}\n"},
        'onboarding/m.md: theme_highlights: theme: 5 is not text (expected a string in quotes)',
    ),
    "macro-service-as-a-list": (
        {"onboarding/m.md": "---\nrender_macros: true\n---\n\n# M\n\n{{ incident_list(service=[\"payments\"]) }}\n"},
        "onboarding/m.md: incident_list: service: ['payments'] is not text (expected a string in quotes)",
    ),
    "macro-reading-path-empty": (
        {"onboarding/m.md": "---\nrender_macros: true\n---\n\n# M\n\n{{ reading_path() }}\n"},
        'onboarding/m.md: reading_path: no story ids (expected one or more story ids, in reading order)',
    ),
    "macro-unknown-kind": (
        {"onboarding/m.md": "---\nrender_macros: true\n---\n\n# M\n\n{{ incident_list(kind=\"near-mis\") }}\n"},
        "onboarding/m.md: incident_list: kind: unknown kind 'near-mis' (did you mean 'near-miss'?) (expected one of: incident, near-miss, game-day, practice)",
    ),
    "timeline-at-the-end-of-time": (
        {"incidents/a/index.md": story("title: A\ndate: 9999-12-31\nsummary: S."),
         "incidents/a/timeline.yml": "- {at: '23:50', who: A, what: x, type: action}\n- {at: '00:10', who: A, what: y, type: action}\n"},
        "incidents/a/timeline.yml: entries[1].at: '23:50' is too late to draw (expected a date before 9999)",
    ),
    "accidental-heading": (
        {"incidents/a.md": story("title: A\ndate: 2024-01-01\nsummary: S.") + "She asked in\n#ops whether it was down.\n"},
        "incidents/a.md: heading: line 9: '#ops' starts a line, so Markdown makes it a heading "
        "(expected '\\#ops' to keep the word in the sentence, or '# ops' for a heading)",
    ),
    "story-named-like-its-year": ({"incidents/2024.md": story("title: A\ndate: 2024-01-01\nsummary: S.")}, 
        'incidents/2024.md: file: is published at the address of the 2024 listing, which Lore generates (incidents/2024/index.md) (expected another file name, or incidents/2024/index.md itself to write that page)'),
    "readme-in-incidents": ({"incidents/README.md": "# About these stories\n"}, 
        'incidents/README.md: file: is published at the address of the catalog, which Lore generates (incidents/index.md) (expected another file name, or incidents/index.md itself to write that page)'),
    "readme-in-glossary": ({"glossary/pod.md": TERM, "glossary/README.md": "# About\n"}, 
        'glossary/README.md: file: is published at the address of the glossary index, which Lore generates (glossary/index.md) (expected another file name, or glossary/index.md itself to write that page)'),
    "story-as-dot-markdown": ({"incidents/a.markdown": story("title: A\ndate: 2024-01-01\nsummary: S.")}, 
        "incidents/a.markdown: file: is not read by Lore, which reads .md files (expected the file renamed to 'incidents/a.md')"),
    "story-as-upper-index": ({"incidents/a/INDEX.md": story("title: A\ndate: 2024-01-01\nsummary: S.")}, 
        "incidents/a/INDEX.md: file: is not read as a story (did you mean 'incidents/a/index.md'?) (expected <slug>.md or <slug>/index.md (optionally inside a year folder), with perspectives in <slug>/perspectives/<name>.md)"),
    "story-as-readme-in-its-folder": ({"incidents/a/README.md": story("title: A\ndate: 2024-01-01\nsummary: S.")}, 
        "incidents/a/README.md: file: is not read as a story (did you mean 'incidents/a/index.md'?) (expected <slug>.md or <slug>/index.md (optionally inside a year folder), with perspectives in <slug>/perspectives/<name>.md)"),
    "story-in-the-kind-folder": ({"incidents/kind/2024-01-01-a.md": story("title: A\ndate: 2024-01-01\nsummary: S.")}, 
        'incidents/kind/2024-01-01-a.md: file: is inside incidents/kind/, where Lore writes its listings (expected <slug>.md or <slug>/index.md (optionally inside a year folder), with perspectives in <slug>/perspectives/<name>.md)'),
    "story-one-folder-too-deep": ({"incidents/a/deeper/index.md": story("title: A\ndate: 2024-01-01\nsummary: S.")}, 
        'incidents/a/deeper/index.md: file: is neither a story nor a perspective, so it would be published without a card (expected <slug>.md or <slug>/index.md (optionally inside a year folder), with perspectives in <slug>/perspectives/<name>.md)'),
    "page-beside-a-story": ({"incidents/a/index.md": story("title: A\ndate: 2024-01-01\nsummary: S."), "incidents/a/notes.md": "# Notes\n"}, 
        'incidents/a/notes.md: file: is neither a story nor a perspective, so it would be published without a card (expected <slug>.md or <slug>/index.md (optionally inside a year folder), with perspectives in <slug>/perspectives/<name>.md)'),
    "timeline-beside-a-single-file-story": ({"incidents/a.md": story("title: A\ndate: 2024-01-01\nsummary: S."), "incidents/timeline.yml": "- at: '09:00'\n  who: A\n  what: x\n  type: action\n"}, 
        'incidents/timeline.yml: file: is beside the single-file story incidents/a.md, so no story shows it (expected the story moved to incidents/a/index.md with this file beside it)'),
    "two-timelines": ({"incidents/a/index.md": story("title: A\ndate: 2024-01-01\nsummary: S."), "incidents/a/timeline.yml": "- at: '09:00'\n  who: A\n  what: x\n  type: action\n",
                       "incidents/a/timeline.yaml": "- at: '09:00'\n  who: A\n  what: x\n  type: action\n"}, 
        'incidents/a/timeline.yaml: file: is a second timeline beside incidents/a/timeline.yml (expected one timeline per story)'),
    "singular-perspective-folder": ({"incidents/a/index.md": story("title: A\ndate: 2024-01-01\nsummary: S."), "incidents/a/perspective/ana.md": "---\nwho: Ana\n---\nI saw.\n"}, 
        "incidents/a/perspective/ana.md: file: is not read as a perspective (did you mean 'incidents/a/perspectives/ana.md'?) (expected perspectives/<name>.md inside a story folder)"),
    "nested-perspective": ({"incidents/a/index.md": story("title: A\ndate: 2024-01-01\nsummary: S."), "incidents/a/perspectives/more/ana.md": "---\nwho: Ana\n---\nI saw.\n"}, 
        "incidents/a/perspectives/more/ana.md: file: is not read as a perspective (did you mean 'incidents/a/perspectives/ana.md'?) (expected perspectives/<name>.md inside a story folder)"),
    "perspective-as-dot-markdown": ({"incidents/a/index.md": story("title: A\ndate: 2024-01-01\nsummary: S."), "incidents/a/perspectives/ana.markdown": "---\nwho: Ana\n---\nI saw.\n"}, 
        "incidents/a/perspectives/ana.markdown: file: is not read by Lore, which reads .md files (expected the file renamed to 'incidents/a/perspectives/ana.md')"),
    "yaml-alias-bomb": (
        {"incidents/a.md": story("title: A\ndate: 2024-01-01\nsummary: S.\nx: &a [l, l, l, l, l, l, l, l, l]\n"
                                 "y: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nz: [*b, *b, *b, *b, *b, *b, *b, *b, *b]")},
        'incidents/a.md: y: line 5: uses an alias (*name) of an anchor (&name) or a merge key (<<) (expected the values written out in full: front matter allows no anchors or aliases)',
    ),
    "yaml-deep-nesting": (
        {"incidents/a.md": story("title: A\ndate: 2024-01-01\nsummary: S.\ntags: " + "[" * 1000 + "]" * 1000)},
        'incidents/a.md: front matter: line 2: is nested more than 100 levels deep (expected at most 20 levels of lists and mappings)',
    ),
    "yaml-nesting-past-the-limit": (
        {"incidents/a.md": story("title: A\ndate: 2024-01-01\nsummary: S.\ntags: " + "[" * 30 + "]" * 30)},
        'incidents/a.md: tags: line 5: is nested more than 20 levels deep (expected at most 20 levels of lists and mappings)',
    ),
    "yaml-merge-key": (
        {"incidents/a.md": story("title: A\ndate: 2024-01-01\nsummary: S.\nbase: {x: 1}\nother:\n  <<: {y: 2}")},
        'incidents/a.md: other: line 7: uses a merge key (<<) (expected the keys written out in full)',
    ),
    "yaml-duplicate-key": (
        {"incidents/a.md": story("title: A\ndate: 2024-01-01\nsummary: S.\ntitle: B")},
        "incidents/a.md: title: line 5: 'title' appears twice (lines 2 and 5) (expected each key once: the second would silently replace the first)",
    ),
    "yaml-base-60": (
        {"incidents/a.md": story("title: A\ndate: 2024-01-01\nsummary: S.\nseverity: 14:08")},
        'incidents/a.md: severity: line 5: \'14:08\' is a number in YAML 1.1 (848); it is kept as the text \'14:08\' (expected it in quotes: "14:08")',
    ),
    "yaml-octal": (
        {"incidents/a.md": story("title: A\ndate: 2024-01-01\nsummary: S.\nseverity: 0012")},
        'incidents/a.md: severity: line 5: \'0012\' is a number in YAML 1.1 (10); it is kept as the text \'0012\' (expected it in quotes: "0012")',
    ),
    "yaml-exponent": (
        {"incidents/a.md": story("title: A\ndate: 2024-01-01\nsummary: S.\nseverity: 1e3")},
        'incidents/a.md: severity: line 5: \'1e3\' is a number to some YAML readers (expected it in quotes: "1e3")',
    ),
    "front-matter-unclosed": (
        {"incidents/a.md": "---\ntitle: A\ndate: 2024-01-01\nsummary: S.\n\nBody.\n"},
        "incidents/a.md: front matter: has no closing '---' line (expected a line '---' after the last 'key: value' line)",
    ),
    "front-matter-no-final-newline": (
        {"incidents/a.md": "---\ntitle: A\ndate: 2024-01-01\nsummary: S.\n---"},
        "incidents/a.md: front matter: the closing '---' is the file's last line, with no line break (expected a line break after the closing '---' (MkDocs shows the block as text otherwise))",
    ),
    "blank-title": (
        {"incidents/a.md": story('title: "   "\ndate: 2024-01-01\nsummary: S.')},
        'incidents/a.md: title: is blank (expected a non-empty string)',
    ),
    "id-with-newline": (
        {"incidents/a.md": story('title: A\nid: "a\\nb"\ndate: 2024-01-01\nsummary: S.')},
        "incidents/a.md: id: 'a\\nb' is not valid (expected letters, digits, '-', '_' or '.', starting with a letter or digit)",
    ),
    "severity-fraction": (
        {"incidents/a.md": story("title: A\ndate: 2024-01-01\nsummary: S.\nseverity: 1.5")},
        'incidents/a.md: severity: is a number (1.5) (expected a string or a whole number, e.g. SEV2 or 2)',
    ),
    "related-slug-without-date": (
        {"incidents/2024-08-14-slow-thursday.md": story("title: T\ndate: 2024-08-14\nsummary: S."),
         "incidents/a.md": story("title: A\ndate: 2024-01-01\nsummary: S.\nrelated: [slow-thursday]")},
        "incidents/a.md: related: unknown incident id 'slow-thursday' (did you mean '2024-08-14-slow-thursday'?) (expected the id of another incident (its slug unless it sets 'id'))",
    ),
    "unknown-kind-near-miss": (
        {"incidents/a.md": story("title: A\ndate: 2024-01-01\nsummary: S.\nkind: near-mis")},
        "incidents/a.md: kind: unknown value 'near-mis' (did you mean 'near-miss'?) (expected one of: incident, near-miss, game-day, practice)",
    ),
    "term-alias-is-another-terms-plural": (
        {"glossary/pod.md": TERM,
         "glossary/pods.md": "---\nterm: Pod group\nshort: Several.\naliases: [pods]\n---\nText.\n"},
        "glossary/pods.md: aliases: 'pods' is also the plural of 'Pod' (glossary/pod.md) (expected names that differ from every other term's names and their plurals)",
    ),
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
        "incidents/a.md: services: unknown service 'paymnets' (did you mean 'payments'?) "
        "(expected one of: payments — declared by a page with 'service: <id>' front matter)",
    ),
    "unknown-related": (
        {"incidents/a.md": story("title: A\ndate: 2024-01-01\nsummary: S.\nrelated: [nope]")},
        "incidents/a.md: related: unknown incident id 'nope' (expected the id of another incident (its slug unless it sets 'id'))",
    ),
    "unknown-key": (
        {"incidents/a.md": story("title: A\ndate: 2024-01-01\nsummary: S.\nservces: [x]")},
        "incidents/a.md: servces: unknown key (did you mean 'services'?) "
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
        {"incidents/a.md": story("title: 12.5\ndate: 2024-01-01\nsummary: S.")},
        "incidents/a.md: title: is a number (12.5) (expected a non-empty string)",
    ),
    "title-yaml-1.1-yes": (
        {"incidents/a.md": story("title: yes\ndate: 2024-01-01\nsummary: S.")},
        "incidents/a.md: title: line 2: 'yes' is true in YAML 1.1; it is kept as the text 'yes' (expected it in quotes: \"yes\")",
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
        "incidents/a.md: [[podd]]: unknown term 'podd' (did you mean 'Pod'?) (expected a term or alias from glossary/)",
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
    "timeline-as-dot-yaml": {"incidents/a/index.md": story("title: A\ndate: 2024-01-01\nsummary: S."),
                             "incidents/a/timeline.yaml": "- at: '09:00'\n  who: A\n  what: x\n  type: action\n"},
    "listing-pages-written-by-hand": {"incidents/index.md": "# All\n\n<!-- lore:catalog -->\n",
                                      "incidents/kind/near-miss.md": "# Near misses\n\n<!-- lore:listing kind=near-miss -->\n"},
    "quoted-value-wrapped-onto-a-hash": {"incidents/a.md": story('title: A\ndate: 2024-01-01\nsummary: "See report\n  #3585057 for the rest."')},
    "forced-link-to-a-plural": {"glossary/pod.md": TERM, "guide.md": "# Guide\n\nTwo [[Pods]] died.\n"},
    "forced-link-in-indented-code": {"glossary/pod.md": TERM, "guide.md": "# Guide\n\nText.\n\n    [[nothing]]\n"},
    "forced-link-in-raw-html": {"glossary/pod.md": TERM, "guide.md": "# Guide\n\n<div>\n[[nothing]]\n</div>\n"},
    "forced-link-in-fence": {"glossary/pod.md": TERM, "guide.md": "# Guide\n\n```\n[[nothing]]\n```\n"},
    "macro-on-a-page-that-does-not-render-macros": {"onboarding/m.md": "# M\n\n{{ incident_card(\"nope\") }}\n"},
    "marker-in-code": {"guide.md": "# Guide\n\n`<!-- lore:nope -->` and\n\n```\n<!-- lore:nope -->\n```\n"},
}

