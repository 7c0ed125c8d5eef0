"""Data for the practice wheel and "On this day", computed once per build.

The browser does the spinning and the date arithmetic; the build only writes
small JSON files, so both work on a static, offline site.
"""

from __future__ import annotations

from typing import Callable

from .knowledge import Knowledge

UrlFor = Callable[[str], "str | None"]


def wheel_data(kb: Knowledge, terms, url_for: UrlFor, term_usage: dict[str, dict[str, int]] | None = None) -> dict:
    """Everything the wheel can land on: services, glossary terms and stories."""
    stories = kb.listed()
    by_service: dict[str, list] = {}
    for incident in stories:
        for sid in incident.services:
            by_service.setdefault(sid, []).append(incident)

    def story_ref(incident) -> dict:
        return {"title": incident.title, "url": url_for(incident.src), "date": incident.date.isoformat() if incident.date else None}

    items = []
    for sid, service in sorted(kb.services.items()):
        items.append({
            "type": "service", "label": service.title, "url": url_for(service.src),
            "summary": service.summary, "owners": service.owners,
            "stories": [story_ref(i) for i in by_service.get(sid, [])[:8]],
        })
    for term in sorted(terms or [], key=lambda t: t.term.casefold()):
        used_in = sorted((term_usage or {}).get(term.src, {}).items(), key=lambda kv: (-kv[1], kv[0]))
        items.append({
            "type": "term", "label": term.term, "url": url_for(term.src), "summary": term.short,
            "aliases": term.aliases,
            "stories": [story_ref(kb.by_src[src]) for src, _ in used_in if src in kb.by_src][:8],
        })
    for incident in stories:
        items.append({
            "type": "story", "label": incident.title, "url": url_for(incident.src), "summary": incident.summary,
            "date": incident.date.isoformat() if incident.date else None, "kind": incident.kind_label,
            "services": [kb.services[s].title if s in kb.services else s for s in incident.services],
            "responders": incident.responders,
        })
    return {"format": "lore-wheel/1", "items": items}


def on_this_day(kb: Knowledge, url_for: UrlFor) -> dict:
    """Stories by month and day, for a home-page block that looks up today's date."""
    days: dict[str, list] = {}
    for incident in kb.listed():
        if incident.date:
            days.setdefault(incident.date.strftime("%m-%d"), []).append({
                "title": incident.title, "url": url_for(incident.src), "year": incident.date.year,
                "kind": incident.kind_label, "summary": incident.summary,
            })
    return {"format": "lore-on-this-day/1", "days": dict(sorted(days.items()))}
