"""How connected each story is: counts by kind of source, orphans, yearly totals, export."""

from __future__ import annotations

from dataclasses import dataclass, field

from .graph import INCIDENTS, Kinds, LinkGraph
from .knowledge import Knowledge
from .model import Incident

CODE = "code"
COMMITS = "commits"
# A story nobody links to from these has not reached the places where people learn the system.
LEARNING_KINDS = ("onboarding", "architecture")


@dataclass
class Connections:
    incident: Incident
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def orphan(self) -> bool:
        return not any(self.counts.get(k) for k in LEARNING_KINDS)


def connections(kb: Knowledge, graph: LinkGraph, kinds: Kinds, code: dict[str, int], commits: dict[str, int]) -> list[Connections]:
    """One row per listed story, newest first; each linking page counts once per story."""
    rows = []
    for incident in kb.listed():
        counts = {kind: 0 for kind in kinds.order()}
        seen = set()
        for link in graph.inbound(incident.src):
            if link.source not in seen:
                seen.add(link.source)
                counts[kinds.of(link.source)] = counts.get(kinds.of(link.source), 0) + 1
        counts[CODE] = code.get(incident.id, 0)
        counts[COMMITS] = commits.get(incident.id, 0)
        rows.append(Connections(incident, counts))
    return rows


def yearly(rows: list[Connections]) -> list[dict]:
    """Per year: stories, inbound links, and how many reached onboarding or architecture."""
    years: dict[int | None, dict] = {}
    for row in rows:
        year = years.setdefault(row.incident.year, {"year": row.incident.year, "stories": 0, "links": 0, "reached": 0})
        year["stories"] += 1
        year["links"] += row.total
        year["reached"] += 0 if row.orphan else 1
    return [years[y] for y in sorted(years, key=lambda y: -(y or 0))]


def export(rows: list[Connections], urls: dict[str, str], kinds: Kinds) -> dict:
    """The machine-readable view behind lore.json, for dashboards."""
    out = []
    for row in rows:
        i = row.incident
        out.append({
            "id": i.id,
            "title": i.title,
            "date": i.date.isoformat() if i.date else None,
            "kind": i.kind,
            "status": i.status,
            "url": urls.get(i.src),
            "source": i.src,
            "summary": i.summary,
            "services": i.services,
            "tags": i.tags,
            "severity": i.severity or None,
            "duration": i.duration or None,
            "related": i.related,
            "inbound": {("incidents" if k == INCIDENTS else k): v for k, v in row.counts.items()},
            "inbound_total": row.total,
            "orphan": row.orphan,
        })
    return {"format": "lore/1", "incidents": out, "years": [
        {**y, "year": y["year"]} for y in yearly(rows)
    ]}
