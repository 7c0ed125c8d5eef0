"""The story card, the perspective lead, the macro card and the reading path."""

from __future__ import annotations

from typing import Callable

from lore import html
from lore.core.knowledge import Knowledge
from lore.core.model import Incident, Perspective

from . import Partials, long_date

UrlFor = Callable[[str], "str | None"]


def services_of(kb: Knowledge, ids, url_for: UrlFor) -> list[dict]:
    """A story's services by title, each with its page's URL when it has one."""
    out = []
    for sid in ids:
        service = kb.services.get(sid)
        out.append({"id": sid, "title": service.title if service else sid,
                    "url": url_for(service.src) if service else None})
    return out


def card_context(incident: Incident, kb: Knowledge, url_for: UrlFor, show_tags: bool) -> dict:
    return {
        "i": incident,
        "services": services_of(kb, incident.services, url_for),
        "tags": incident.tags if show_tags else [],
        "perspectives": [{"who": p.who, "role": p.role, "joined_at": p.joined_at, "url": url_for(p.src)}
                         for p in incident.perspectives],
        "related": [{"title": o.title, "url": url_for(o.src)} for o in kb.related(incident)],
        "source_href": html.url(incident.source_url) if incident.source_url else None,
        "date": long_date(incident.date),
    }


def card(partials: Partials, incident: Incident, kb: Knowledge, url_for: UrlFor, show_tags: bool) -> str:
    """The header card of a story: on every story page, so string joins unless the site overrides it."""
    ctx = card_context(incident, kb, url_for, show_tags)
    if partials.overridden("card"):
        return partials.render("card", **ctx)
    return _card_fast(ctx)


def _a(url, body) -> str:
    return f'<a href="{html.attr(url)}">{body}</a>' if url else str(body)


def _card_fast(ctx: dict) -> str:
    i, t = ctx["i"], html.text
    out = [f'<section class="lore-card lore-card--{t(i.kind)}" aria-label="About this {t(i.kind_label.lower())}" '
           f'data-lore-id="{html.attr(i.id)}">']
    if i.status == "draft":
        out.append('<p class="lore-card__status lore-card__status--draft">Draft: this story is not published yet '
                   'and is left out of listings.</p>')
    elif i.status == "review":
        out.append('<p class="lore-card__status lore-card__status--review">In review: this story may still change.</p>')
    meta = [f'<span class="lore-badge lore-badge--{t(i.kind)}">{t(i.kind_label)}</span>',
            f'<time class="lore-card__date" datetime="{i.date.isoformat() if i.date else ""}">{t(ctx["date"])}</time>']
    if i.severity:
        meta.append(f'<span class="lore-card__severity"><span class="lore-card__key">Severity</span> {t(i.severity)}</span>')
    if i.duration:
        meta.append(f'<span class="lore-card__duration"><span class="lore-card__key">Duration</span> '
                    f'<time datetime="{html.attr(i.iso_duration)}">{t(i.duration_text)}</time></span>')
    out.append('<p class="lore-card__meta">' + "\n".join(meta) + "</p>")
    if i.summary:
        out.append(f'<p class="lore-card__summary">{t(i.summary)}</p>')
    out.append('<dl class="lore-card__facts">')
    out.extend(_facts(ctx))
    out.append("</dl>\n</section>")
    return "\n".join(out)


def _facts(ctx: dict) -> list[str]:
    i, t = ctx["i"], html.text
    facts: list[tuple[str, str, str]] = []

    def items(values) -> str:
        return "<ul>" + "".join(f"<li>{v}</li>" for v in values) + "</ul>"

    if ctx["services"]:
        facts.append(("services", "Services", ",\n".join(
            f'<a class="lore-service" href="{html.attr(s["url"])}">{t(s["title"])}</a>' if s["url"]
            else f'<span class="lore-service">{t(s["title"])}</span>' for s in ctx["services"])))
    if ctx["tags"]:
        facts.append(("tags", "Tags", " ".join(f'<span class="lore-tag">{t(x)}</span>' for x in ctx["tags"])))
    if i.responders:
        facts.append(("responders", "Responders", t(", ".join(i.responders))))
    if i.investigators:
        facts.append(("investigators", "Investigators", t(", ".join(i.investigators))))
    if i.data_sources:
        facts.append(("data-sources", "What the analysis relied on", items(t(d) for d in i.data_sources)))
    if ctx["perspectives"]:
        facts.append(("perspectives", "Perspectives", items(_perspective_line(p) for p in ctx["perspectives"])))
    if i.source_url:
        body = t(i.source_url)
        facts.append(("source", "Original write-up", f'<a href="{ctx["source_href"]}" rel="noopener">{body}</a>'
                      if ctx["source_href"] else body))
    if ctx["related"]:
        facts.append(("related", "Related", items(_a(r["url"], t(r["title"])) for r in ctx["related"])))
    facts.append(("cite", "Cite as", f"<code>{t(i.id)}</code>"))
    return [f'<div class="lore-card__fact lore-card__fact--{name}"><dt>{label}</dt><dd>{body}</dd></div>'
            for name, label, body in facts]


def _perspective_line(p: dict) -> str:
    line = _a(p["url"], html.text(p["who"]))
    if p["role"]:
        line += f", {html.text(p['role'])}"
    if p["joined_at"]:
        line += f' <span class="lore-card__key">joined {html.text(p["joined_at"])}</span>'
    return line


def perspective_lead(partials: Partials, perspective: Perspective, kb: Knowledge, url_for: UrlFor) -> str:
    owner = kb.by_src[perspective.incident_src]
    others = [{"who": p.who, "role": p.role, "url": url_for(p.src)}
              for p in owner.perspectives if p.src != perspective.src]
    return partials.render("perspective-lead", p=perspective, incident=owner, url=url_for(owner.src), others=others)


def macro_card(partials: Partials, incident: Incident | None, url: str | None) -> str:
    """One story for an onboarding page; a draft that is not published shows as such, without its title."""
    return partials.render("macro-card", i=incident, url=url)


def reading_path(partials: Partials, steps: list[dict], title: str | None) -> str:
    total = sum(s["minutes"] for s in steps)
    return partials.render("reading-path", steps=steps, title=title, total=total)


def service_lead(partials: Partials, service) -> str:
    """An architecture page's own summary and owners, under its title (nothing when it gives neither)."""
    if not service.summary and not service.owners:
        return ""
    return partials.render("service-lead", service=service)


def term_lead(partials: Partials, term) -> str:
    return partials.render("term-lead", term=term)
