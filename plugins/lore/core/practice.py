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


def on_this_day(kb: Knowledge, url_for: UrlFor) -> dict[str, dict]:
    """Stories by day, one file a month ("01" to "12", each written even when empty): the home page's
    block reads the month of today's date (and the next or last when the week around it crosses one),
    not every story of every year."""
    months: dict[str, dict[str, list]] = {f"{m:02d}": {} for m in range(1, 13)}
    for incident in kb.listed():
        if incident.date:
            day = incident.date.strftime("%m-%d")
            months[day[:2]].setdefault(day, []).append({
                "title": incident.title, "url": url_for(incident.src), "year": incident.date.year,
                "kind": incident.kind_label, "summary": incident.summary,
            })
    return {month: {"format": "lore-on-this-day/2", "month": month, "days": dict(sorted(days.items()))}
            for month, days in months.items()}
