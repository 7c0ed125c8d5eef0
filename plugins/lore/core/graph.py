"""The link graph: who links to each story, and from where.

Built once per build from the links each page holds (collected while pages
render), ``related:`` ids and macro calls: one pass, linear in links. Glossary
auto-links never enter it, so they cannot drown the signal that a story is read.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from .knowledge import Knowledge
from .model import Incident

INCIDENTS = "incidents"
OTHER = "other"
DEFAULT_KINDS = {"onboarding": "Onboarding", "architecture": "Architecture", "glossary": "Glossary"}


@dataclass(frozen=True)
class Link:
    source: str  # page the link stands on (docs-relative source path)
    target: str  # page it points to
    anchor: str = ""  # #fragment, if any
    section: str = ""  # heading of the section the link stands in
    via: str = "link"  # link, related or macro


class LinkGraph:
    def __init__(self) -> None:
        self._incoming: dict[str, dict[Link, None]] = defaultdict(dict)  # ordered set per target

    def add(self, link: Link) -> None:
        if link.source != link.target:
            self._incoming[link.target][link] = None

    def add_all(self, links: Iterable[Link]) -> None:
        for link in links:
            self.add(link)

    def inbound(self, target: str) -> list[Link]:
        return list(self._incoming.get(target, ()))

    def __len__(self) -> int:
        return sum(len(v) for v in self._incoming.values())


class Kinds:
    """Which kind of page a source is: from the incidents catalog, else from its folder."""

    def __init__(self, kb: Knowledge | None, folders: dict[str, str] | None = None) -> None:
        self.kb = kb
        self.folders = dict(DEFAULT_KINDS if folders is None else folders)
        # The site's onboarding folder (lore/incidents' onboarding_dir) is onboarding wherever it is.
        onboarding = kb.options.onboarding_dir.strip("/") if kb is not None else "onboarding"
        self._onboarding_prefix = onboarding + "/" if "onboarding" in self.folders else None

    def of(self, src: str) -> str:
        if self.kb is not None and src in self.kb.by_src:
            return INCIDENTS
        if self._onboarding_prefix and src.startswith(self._onboarding_prefix):
            return "onboarding"
        top = src.split("/", 1)[0] if "/" in src else ""
        return top if top in self.folders else OTHER

    def label(self, kind: str) -> str:
        if kind == INCIDENTS:
            return "Incidents"
        if kind == OTHER:
            return "Other"
        return self.folders.get(kind, kind.capitalize())

    def order(self) -> list[str]:
        """Onboarding and architecture first: they are where learning spreads."""
        folders = list(self.folders)
        first = [k for k in ("onboarding", "architecture") if k in folders]
        rest = [k for k in folders if k not in first]
        return first + [INCIDENTS] + rest + [OTHER]


def related_links(kb: Knowledge) -> list[Link]:
    """``related:`` as graph edges, one per direction written."""
    out = []
    for incident in kb.incidents:
        if kb.hidden(incident.src):
            continue  # a draft mkdocs build does not publish links to nothing
        for rid in incident.related:
            other = kb.by_id.get(rid)
            if other is not None and not kb.hidden(other.src):
                out.append(Link(incident.src, other.src, via="related"))
    return out


def same_services(kb: Knowledge, limit: int = 5, per_service: int = 20) -> dict[str, list[Incident]]:
    """For each story, others that share services: most shared first, then newest.

    Looks only at the newest ``per_service`` stories of each service, so the cost
    stays linear in stories even when one service has thousands.
    """
    if limit <= 0:
        return {}
    out: dict[str, list[Incident]] = {}
    related = {i.src: {r for r in i.related} for i in kb.incidents}
    for incident in kb.listed():
        shared: dict[str, int] = {}
        for sid in incident.services:
            for other in kb.by_service(sid)[:per_service + 1]:
                if other.src != incident.src:
                    shared[other.src] = shared.get(other.src, 0) + 1
        candidates = [
            kb.by_src[src] for src in shared
            if kb.by_src[src].id not in related[incident.src] and incident.id not in related[src]
        ]
        candidates.sort(key=lambda o: (-shared[o.src], o.sort_key))
        if candidates:
            out[incident.src] = candidates[:limit]
    return out
