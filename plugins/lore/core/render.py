"""HTML for what readers see: the incident card and the listings.

Front matter is plain text: Jinja's autoescape makes every value safe for its
place in the page. Links arrive through ``url_for`` so the core never needs to
know how the site generator lays out URLs.
"""

from __future__ import annotations

import datetime as dt
from markupsafe import escape
from typing import Callable, Iterable

from jinja2 import Environment, PackageLoader, select_autoescape

from .knowledge import Knowledge
from .model import Incident, kind_label, kind_plural

UrlFor = Callable[[str], "str | None"]

_env = Environment(
    loader=PackageLoader("lore", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)


def long_date(date: dt.date | None) -> str:
    return f"{date.day} {date.strftime('%B %Y')}" if date else "undated"


_env.filters["long_date"] = long_date
_env.filters["kind_label"] = kind_label
_env.filters["kind_plural"] = kind_plural


class Renderer:
    """Renders one site's cards and listings; holds no state between builds."""

    def __init__(self, kb: Knowledge, show_tags: bool = True) -> None:
        self.kb = kb
        self.show_tags = show_tags

    def _services(self, ids: Iterable[str], url_for: UrlFor) -> list[dict]:
        out = []
        for sid in ids:
            service = self.kb.services.get(sid)
            out.append({
                "id": sid,
                "title": service.title if service else sid,
                "url": url_for(service.src) if service else None,
            })
        return out

    def card(self, incident: Incident, url_for: UrlFor) -> str:
        """The header card of a story; plain string joins, as it is on every story page."""
        i = incident
        kind = escape(i.kind)
        out = [f'<section class="lore-card lore-card--{kind}" aria-label="About this {escape(i.kind_label.lower())}" '
               f'data-lore-id="{escape(i.id)}">']
        if i.status == "draft":
            out.append('<p class="lore-card__status lore-card__status--draft">Draft: this story is not published yet '
                       'and is left out of listings.</p>')
        elif i.status == "review":
            out.append('<p class="lore-card__status lore-card__status--review">In review: this story may still change.</p>')
        meta = [f'<span class="lore-badge lore-badge--{kind}">{escape(i.kind_label)}</span>',
                f'<time class="lore-card__date" datetime="{i.date.isoformat() if i.date else ""}">{escape(long_date(i.date))}</time>']
        if i.severity:
            meta.append(f'<span class="lore-card__severity"><span class="lore-card__key">Severity</span> {escape(i.severity)}</span>')
        if i.duration:
            meta.append(f'<span class="lore-card__duration"><span class="lore-card__key">Duration</span> '
                        f'<time datetime="{escape(i.iso_duration)}">{escape(i.duration_text)}</time></span>')
        out.append('<p class="lore-card__meta">' + "\n".join(meta) + "</p>")
        if i.summary:
            out.append(f'<p class="lore-card__summary">{escape(i.summary)}</p>')
        out.append('<dl class="lore-card__facts">')

        def fact(name: str, label: str, body: str) -> None:
            out.append(f'<div class="lore-card__fact lore-card__fact--{name}"><dt>{label}</dt><dd>{body}</dd></div>')

        def items(values) -> str:
            return "<ul>" + "".join(f"<li>{v}</li>" for v in values) + "</ul>"

        if i.services:
            links = []
            for s in self._services(i.services, url_for):
                links.append(f'<a class="lore-service" href="{escape(s["url"])}">{escape(s["title"])}</a>' if s["url"]
                             else f'<span class="lore-service">{escape(s["title"])}</span>')
            fact("services", "Services", ",\n".join(links))
        if self.show_tags and i.tags:
            fact("tags", "Tags", " ".join(f'<span class="lore-tag">{escape(t)}</span>' for t in i.tags))
        if i.responders:
            fact("responders", "Responders", escape(", ".join(i.responders)))
        if i.investigators:
            fact("investigators", "Investigators", escape(", ".join(i.investigators)))
        if i.data_sources:
            fact("data-sources", "What the analysis relied on", items(escape(d) for d in i.data_sources))
        if i.perspectives:
            lines = []
            for p in i.perspectives:
                url = url_for(p.src)
                line = f'<a href="{escape(url)}">{escape(p.who)}</a>' if url else escape(p.who)
                if p.role:
                    line += f", {escape(p.role)}"
                if p.joined_at:
                    line += f' <span class="lore-card__key">joined {escape(p.joined_at)}</span>'
                lines.append(line)
            fact("perspectives", "Perspectives", items(lines))
        if i.source_url:
            url = escape(i.source_url)
            fact("source", "Original write-up", f'<a href="{url}" rel="noopener">{url}</a>')
        related = self.kb.related(i)
        if related:
            lines = []
            for other in related:
                url = url_for(other.src)
                lines.append(f'<a href="{escape(url)}">{escape(other.title)}</a>' if url else escape(other.title))
            fact("related", "Related", items(lines))
        fact("cite", "Cite as", f"<code>{escape(i.id)}</code>")
        out.append("</dl>\n</section>")
        return "\n".join(out)

    def perspective_lead(self, perspective, url_for: UrlFor) -> str:
        owner = self.kb.by_src[perspective.incident_src]
        others = [
            {"who": p.who, "role": p.role, "url": url_for(p.src)}
            for p in owner.perspectives if p.src != perspective.src
        ]
        return _env.get_template("perspective-lead.html").render(
            p=perspective, incident=owner, url=url_for(owner.src), others=others
        )

    def theme_entries(self, entries: list[dict], url_for: UrlFor, empty: str) -> str:
        if not entries:
            return f'<p class="lore-list lore-list--empty">{escape(empty)}</p>'
        links: dict[str, str] = {}
        out = ['<ul class="lore-list lore-themes">']
        for e in entries:
            i = e["incident"]
            line = _entry_line(i, e["url"], self._service_links(i, url_for, links))
            items = "".join(f"<li>{escape(item)}</li>" for item in e["harvest"].items)
            out.append(f'<li class="lore-entry lore-entry--{escape(i.kind)}">{line}'
                       + (f'<ul class="lore-themes__items">{items}</ul>' if items else "") + "</li>")
        out.append("</ul>")
        return "\n".join(out)

    def listing(self, incidents: list[Incident], url_for: UrlFor, empty: str = "No stories yet.") -> str:
        """Plain string joins: the catalog, year, kind and service pages list every story between them."""
        if not incidents:
            return f'<p class="lore-list lore-list--empty">{escape(empty)}</p>'
        links: dict[str, str] = {}
        titles = self.kb.themes_titles
        out = ['<ul class="lore-list">']
        for i in incidents:
            li = f'<li class="lore-entry lore-entry--{escape(i.kind)}">{_entry_line(i, url_for(i.src), self._service_links(i, url_for, links))}'
            if i.summary:
                li += f'<p class="lore-entry__summary">{escape(i.summary)}</p>'
            if i.themes:
                chips = " ".join(f'<span class="lore-chip">{escape(titles.get(h.theme, h.theme))}</span>' for h in i.themes)
                li += f'<p class="lore-entry__themes">{chips}</p>'
            out.append(li + "</li>")
        out.append("</ul>")
        return "\n".join(out)

    def _service_links(self, i: Incident, url_for: UrlFor, cache: dict[str, str]) -> str:
        """A story's services as links to their pages, by title; ``cache`` keeps each one per listing."""
        for sid in i.services:
            if sid not in cache:
                s = self._services([sid], url_for)[0]
                cache[sid] = f'<a href="{escape(s["url"])}">{escape(s["title"])}</a>' if s["url"] else escape(s["title"])
        return ", ".join(cache[sid] for sid in i.services)

    def catalog(self, url_for: UrlFor, year_url: Callable[[int], "str | None"]) -> str:
        by_year: dict[int | None, list[Incident]] = {}
        for incident in self.kb.listed():
            by_year.setdefault(incident.year, []).append(incident)
        groups = [
            {"year": year, "url": year_url(year) if year else None, "html": self.listing(items, url_for)}
            for year, items in by_year.items()
        ]
        return _env.get_template("catalog.html").render(groups=groups, total=len(self.kb.listed()))

    def kinds_bar(self, kind_url: Callable[[str], "str | None"], catalog_url: "str | None") -> str:
        counts: dict[str, int] = {}
        for incident in self.kb.listed():
            counts[incident.kind] = counts.get(incident.kind, 0) + 1
        # The default kind is what the catalog mostly holds; the others get their own listings.
        kinds = [
            {"kind": k, "count": counts.get(k, 0), "url": kind_url(k)}
            for k in self.kb.options.kinds[1:]
        ]
        return _env.get_template("kinds-bar.html").render(
            kinds=kinds, total=sum(counts.values()), catalog_url=catalog_url
        )


def _entry_line(i: Incident, url: "str | None", services_html: str) -> str:
    """One story's line in a listing: date, title, kind and services (already HTML)."""
    date = i.date.isoformat() if i.date else ""
    title = (f'<a class="lore-entry__title" href="{escape(url)}">{escape(i.title)}</a>' if url
             else f'<span class="lore-entry__title">{escape(i.title)}</span>')
    services = f' <span class="lore-entry__services">{services_html}</span>' if services_html else ""
    return (f'<p class="lore-entry__line"><time datetime="{date}">{date or "undated"}</time> {title} '
            f'<span class="lore-badge lore-badge--{escape(i.kind)}">{escape(i.kind_label)}</span>{services}</p>')


def glossary_index(terms, url_for: UrlFor) -> str:
    """Every term A-Z with its short definition and aliases."""
    groups: dict[str, list[dict]] = {}
    for term in sorted(terms, key=lambda t: t.term.casefold()):
        letter = term.term[:1].upper()
        letter = letter if letter.isalpha() else "#"
        groups.setdefault(letter, []).append({"term": term, "url": url_for(term.src)})
    return _env.get_template("glossary-index.html").render(groups=groups, count=len(terms))


def appears_in(stories: list[dict], others: list[dict]) -> str:
    """Built with plain string joins: a popular term lists thousands of pages."""
    if not stories and not others:
        return '<div class="lore-appears-in"><p class="lore-list lore-list--empty">No page uses this term yet.</p></div>'
    out = ['<div class="lore-appears-in">']
    if stories:
        out.append('<p class="lore-appears-in__group">Stories</p><ul class="lore-appears-in__list">')
        for e in stories:
            date = e["incident"].date.isoformat() if e["incident"].date else "undated"
            out.append(
                f'<li><time>{date}</time> <a href="{escape(e["url"])}">{escape(str(e["title"]))}</a>'
                f' <span class="lore-count">{e["count"]}×</span></li>'
            )
        out.append("</ul>")
    if others:
        out.append('<p class="lore-appears-in__group">Other pages</p><ul class="lore-appears-in__list">')
        for e in others:
            out.append(
                f'<li><a href="{escape(e["url"])}">{escape(str(e["title"]))}</a>'
                f' <span class="lore-count">{e["count"]}×</span></li>'
            )
        out.append("</ul>")
    out.append("</div>")
    return "".join(out)


def referenced_by(groups: list[tuple[str, list[dict]]]) -> str:
    """Inbound links grouped by the kind of page they stand on; plain string joins, on every story page."""
    out = ['<div class="lore-backlinks">']
    if not groups:
        out.append('<p class="lore-list lore-list--empty">No page links here yet. Link this story from an onboarding '
                   'guide or an architecture page, where people learn the system.</p>')
    for label, entries in groups:
        out.append(f'<p class="lore-backlinks__group">{escape(label)}</p>\n<ul class="lore-backlinks__list">')
        for e in entries:
            li = f'<li><a href="{escape(e["url"])}">{escape(e["title"])}</a>'
            if e["sections"]:
                li += ' <span class="lore-backlinks__section">in ' + ", ".join(f"“{escape(x)}”" for x in e["sections"]) + "</span>"
            if e["related"]:
                li += ' <span class="lore-backlinks__section">(lists it as related)</span>'
            out.append(li + "</li>")
        out.append("</ul>")
    out.append("</div>")
    return "\n".join(out)


def code_references(code: list, commits: list) -> str:
    return _env.get_template("code-references.html").render(code=code, commits=commits) if code or commits else ""


def similar_list(items: list[Incident], url_for: Callable[[str], str]) -> str:
    """Plain string joins: written on every story page."""
    lines = "".join(f'<li class="lore-entry lore-entry--{escape(i.kind)}">{_entry_line(i, url_for(i.src), escape(", ".join(i.services)))}</li>'
                    for i in items)
    return f'<ul class="lore-list lore-similar">{lines}</ul>'


def connections_report(rows, years, urls: dict[str, str], kinds) -> str:
    columns = [(k, kinds.label(k)) for k in kinds.order()] + [("code", "Code"), ("commits", "Commits")]
    return _env.get_template("connections.html").render(rows=rows, years=years, urls=urls, columns=columns)


def macro_card(incident: Incident, url: "str | None") -> str:
    return _env.get_template("macro-card.html").render(i=incident, url=url)


def macro_path(steps: list[dict], title: "str | None") -> str:
    total = sum(s["minutes"] for s in steps)
    return _env.get_template("reading-path.html").render(steps=steps, title=title, total=total)
