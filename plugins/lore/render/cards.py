"""The story card, the perspective lead, the macro card and the reading path."""

from __future__ import annotations

from typing import Callable

from markupsafe import Markup

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
        "cite_help": Markup(CITE_HELP),
    }


def card(partials: Partials, incident: Incident, kb: Knowledge, url_for: UrlFor, show_tags: bool) -> str:
    """The header card of a story: on every story page, so string joins unless the site overrides it."""
    ctx = card_context(incident, kb, url_for, show_tags)
    if partials.overridden("card"):
        return partials.render("card", **ctx)
    return _card_fast(ctx)


def _a(url, body) -> str:
    return f'<a href="{html.attr(url)}">{body}</a>' if url else str(body)


# What "Cite as" is for. Out of Material's search (which strips the attribute once it has read the page),
# or every story would match these words.
CITE_HELP = ("Use this id to point at this story: in another story\u2019s <code>related:</code> list, and in "
             "commit messages and code comments, which Lore lists on this page when it scans the code.")
_SR_COLON = '<span class="lore-sr">:</span>'  # read by search and screen readers, not shown


def _card_fast(ctx: dict) -> str:
    """Kind, date, severity, duration, summary and services in view; the long facts folded away."""
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
    meta.append(f'<span class="lore-card__reading">{i.reading_minutes} min read</span>')
    out.append('<p class="lore-card__meta">' + "\n".join(meta) + "</p>")
    if i.summary:
        out.append(f'<p class="lore-card__summary">{t(i.summary)}</p>')
    lead, more = _lead_facts(ctx), _more_facts(ctx)
    if lead:
        out.append('<dl class="lore-card__facts">\n' + "\n".join(_fact(*f) for f in lead) + "\n</dl>")
    out.append(f'<details class="lore-card__more">\n<summary data-search-exclude="true">More about this '
               f'{t(i.kind_label.lower())}</summary>\n<dl class="lore-card__facts lore-card__facts--more">\n'
               + "\n".join(_fact(*f) for f in more) + "\n</dl>\n</details>\n</section>")
    return "\n".join(out)


def _fact(name: str, label: str, body: str) -> str:
    return (f'<div class="lore-card__fact lore-card__fact--{name}"><dt>{label}{_SR_COLON}</dt>\n'
            f'<dd>{body}</dd></div>')


def _items(values) -> str:
    return "<ul>" + "".join(f"<li>{v}</li>" for v in values) + "</ul>"


def _lead_facts(ctx: dict) -> list[tuple[str, str, str]]:
    t, facts = html.text, []
    if ctx["services"]:
        facts.append(("services", "Services", ",\n".join(
            f'<a class="lore-service" href="{html.attr(s["url"])}">{t(s["title"])}</a>' if s["url"]
            else f'<span class="lore-service">{t(s["title"])}</span>' for s in ctx["services"])))
    if ctx["tags"]:
        facts.append(("tags", "Tags", " ".join(f'<span class="lore-tag">{t(x)}</span>' for x in ctx["tags"])))
    return facts


def _more_facts(ctx: dict) -> list[tuple[str, str, str]]:
    i, t, facts = ctx["i"], html.text, []
    if i.responders:
        facts.append(("responders", "Responders", t(", ".join(i.responders))))
    if i.investigators:
        facts.append(("investigators", "Investigators", t(", ".join(i.investigators))))
    if i.data_sources:
        facts.append(("data-sources", "What the analysis relied on", _items(t(d) for d in i.data_sources)))
    if ctx["perspectives"]:
        facts.append(("perspectives", "Perspectives", _items(_perspective_line(p) for p in ctx["perspectives"])))
    if ctx["related"]:
        facts.append(("related", "Related", _items(_a(r["url"], t(r["title"])) for r in ctx["related"])))
    if i.source_url:
        body = t(i.source_url)
        facts.append(("source", "Original write-up", f'<a href="{ctx["source_href"]}" rel="noopener">{body}</a>'
                      if ctx["source_href"] else body))
    facts.append(("cite", "Cite as", _cite(i.id)))
    return facts


def _cite(story_id: str) -> str:
    """The id, a copy button cite.js reveals (hidden without JavaScript) and what the id is for."""
    return (f'<span class="lore-cite"><code class="lore-cite__id">{html.text(story_id)}</code>\n'
            f'<button type="button" class="lore-cite__copy" data-lore-copy="{html.attr(story_id)}" '
            f'title="Copy to clipboard" aria-label="Copy the id {html.attr(story_id)}" hidden></button>\n'
            f'<span class="lore-cite__status" role="status"></span></span>\n'
            f'<span class="lore-cite__help" data-search-exclude="true">{CITE_HELP}</span>')


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
