"""Synthetic knowledge bases for scale checks: N incidents of ~1,500 words.

    python bench/synth.py OUT_DIR N [--vanilla]

Writes OUT_DIR/mkdocs.yml and OUT_DIR/docs. With --vanilla the same Markdown is
built by plain MkDocs + Material (automatic nav, no Lore) for comparison.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import shutil
from pathlib import Path

WORDS = (
    "deploy rollback latency queue worker cache database replica failover pager alert dashboard "
    "timeout retry backlog certificate load balancer traffic customer checkout search index shard "
    "memory disk network packet region zone config flag release canary metric trace log saw believed "
    "tried noticed surprised confused paused asked waited decided because although meanwhile later"
).split()
SERVICES = [f"service-{i:02d}" for i in range(20)]
ADJECTIVES = "amber brisk cobalt dusky elder feral gilded hollow ivory jagged kindred lunar mossy nimble opal pallid".split()
NOUNS = "relay beacon harbor lattice spindle quarry bastion conduit ledger prism sentinel tributary anvil cistern meridian orchard gantry bellows kiln".split()
TERMS = [f"{a} {n}" for a in ADJECTIVES for n in NOUNS][:300]
SECTIONS = ["What happened", "What surprised us", "What made it hard", "Dilemmas", "What went well", "Open questions"]


# Prose is not uniform: a few words make up much of any text and most words are rare (in the 242 real
# write-ups of ../shared/corpora the 100 commonest words are 44% of all words, and a word such as
# "database" is in a quarter of them). General words follow Zipf's law over a large vocabulary of
# made-up words; each story draws its subject from a handful of the domain WORDS above.
FUNCTION = "the and to of a we in was it that for on is with as at this were be by not from had our an".split()
SYLLABLES = "ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu".split()
GENERAL = FUNCTION + [a + b + c for a in SYLLABLES for b in SYLLABLES for c in ("n", "r", "s", "l", "")][:6000]
CUM_WEIGHTS = list(itertools.accumulate(1 / (rank + 2.7) for rank in range(len(GENERAL))))
SUBJECT_SHARE = 0.04


def paragraph(rng: random.Random, words: int, terms: int = 0, topic: list[str] | None = None,
              subject: list[str] | None = None) -> str:
    chosen = rng.choices(GENERAL, cum_weights=CUM_WEIGHTS, k=words)
    if subject:
        for i in range(words):
            if rng.random() < SUBJECT_SHARE:
                chosen[i] = rng.choice(subject)
    for _ in range(terms):
        chosen[rng.randrange(len(chosen))] = rng.choice(topic or TERMS)
    text = " ".join(chosen)
    return text[0].upper() + text[1:] + "."


def incident(rng: random.Random, n: int, slug: str, date: dt.date, ids: list[str], vanilla: bool, links: bool = True) -> str:
    services = rng.sample(SERVICES, 2)
    subject = rng.sample(WORDS, 8)
    related = rng.sample(ids, 2) if len(ids) > 2 else []
    kind = rng.choice(["incident"] * 6 + ["near-miss", "game-day", "practice"])
    front = [
        "---",
        f"title: Synthetic incident {n}",
        f"date: {date.isoformat()}",
        f"summary: {paragraph(rng, 20, subject=subject)}",
    ]
    if not vanilla:
        front += [
            f"kind: {kind}",
            f"services: [{', '.join(services)}]",
            f"related: [{', '.join(related)}]",
            "tags: [synthetic]",
            "responders: [Ana, Bo, Cy]",
            "data_sources: [chat log, interviews]",
        ]
    front.append("---")
    body = []
    if links and ids:
        # Stories point at earlier stories, as writers do ("like the slow disk before it").
        for other in rng.sample(ids, min(len(ids), 8)):
            body += [f"This echoes [an earlier story](../{other}/index.md).", ""]
    # A story revolves around a handful of concepts, named again and again.
    topic = rng.sample(TERMS, 10)
    for title in SECTIONS:
        body += [f"## {title}", ""]
        for _ in range(5):
            body += [paragraph(rng, 50, terms=1, topic=topic, subject=subject), ""]
    return "\n".join(front + [""] + body)


def generate(out: Path, count: int, vanilla: bool, glossary: bool | str = False, backlinks: str | None = None) -> None:
    rng = random.Random(count)
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    (docs / "architecture").mkdir(parents=True)
    (docs / "index.md").write_text("# Synthetic knowledge base\n\nSee the [incidents](incidents/index.md).\n")
    for sid in SERVICES:
        front = "" if vanilla else f"---\nservice: {sid}\n---\n\n"
        (docs / "architecture" / f"{sid}.md").write_text(f"{front}# {sid}\n\n{paragraph(rng, 80)}\n")
    if glossary:
        (docs / "glossary").mkdir()
        for term in TERMS:
            slug = term.replace(" ", "-")
            (docs / "glossary" / f"{slug}.md").write_text(
                f"---\nterm: {term}\nshort: {paragraph(rng, 12)}\n---\n\n{paragraph(rng, 60, terms=2)}\n"
            )
    start = dt.date(2010, 1, 1)
    ids: list[str] = []
    for n in range(count):
        date = start + dt.timedelta(days=n * 5000 // max(count, 1))
        slug = f"{date.isoformat()}-synthetic-{n}"
        folder = docs / "incidents" / slug
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(incident(rng, n, slug, date, ids[-50:], vanilla))
        if n % 10 == 0:  # some stories have a timeline and several perspectives
            (folder / "timeline.yml").write_text("".join(
                f'- at: "{9 + k // 4:02d}:{(k * 7) % 60:02d}"\n  who: {["Ana", "Bo", "Cy"][k % 3]}\n'
                f'  what: {paragraph(rng, 8)}\n  type: {["observation", "hypothesis", "action", "decision"][k % 4]}\n'
                for k in range(8)))
            (folder / "perspectives").mkdir()
            for who in ("Ana", "Bo"):
                (folder / "perspectives" / f"{who.lower()}.md").write_text(
                    f"---\nwho: {who}\nrole: Responder\n---\n\n{paragraph(rng, 120)}\n\n{paragraph(rng, 120)}\n")
        ids.append(slug)
    # Onboarding guides and architecture pages link stories: about two per story in all.
    (docs / "onboarding").mkdir()
    for g in range(max(1, count // 100)):
        chosen = rng.sample(ids, min(len(ids), 100))
        lines = [f"# Guide {g}", ""] + [f"- [Story](../incidents/{s}/index.md)" for s in chosen]
        (docs / "onboarding" / f"guide-{g}.md").write_text("\n".join(lines) + "\n")
    for i, sid in enumerate(SERVICES):
        chosen = rng.sample(ids, min(len(ids), max(1, count // 20)))
        page = docs / "architecture" / f"{sid}.md"
        page.write_text(page.read_text() + "\n## Stories\n\n" + "\n".join(f"- [Story](../incidents/{s}/index.md)" for s in chosen) + "\n")
    if vanilla:
        (docs / "incidents" / "index.md").write_text("# Incidents\n")
    plugins = "  - search\n" + ("" if vanilla else "  - lore/incidents\n") + ("  - lore/glossary\n" if glossary == "on" else "")
    if backlinks == "on":
        plugins += "  - lore/backlinks\n"
    # Without lore/glossary, keep term pages out of the sidebar too, as the plugin does: a fair baseline.
    not_in_nav = "not_in_nav: |\n  /glossary/\n" if glossary == "pages" else ""
    (out / "mkdocs.yml").write_text(
        f"site_name: Synthetic\n{not_in_nav}theme:\n  name: material\n  font: false\n  features: [navigation.indexes]\nplugins:\n{plugins}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--vanilla", action="store_true")
    parser.add_argument("--glossary", choices=("on", "pages"), help="300 term pages; 'on' also enables lore/glossary")
    parser.add_argument("--backlinks", choices=("on", "off"), help="'on' enables lore/backlinks")
    args = parser.parse_args()
    generate(args.out, args.count, args.vanilla, args.glossary or False, args.backlinks)


if __name__ == "__main__":
    main()
