"""Sections Lore adds to pages: "Referenced by", "Appears in", the glossary index, the
connections report, and the placeholders the browser fills (wheel, explorer, on this day)."""

from __future__ import annotations

from lore import html

from . import Partials


def referenced_by(partials: Partials, groups: list[tuple[str, list[dict]]], code: list, commits: list) -> str:
    """Inbound links grouped by the kind of page they stand on; on every story page, so string joins."""
    head = html.heading("referenced-by", "Referenced by")
    refs = partials.render("code-references", code=code, commits=commits) if code or commits else ""
    if partials.overridden("referenced-by"):
        return head + partials.render("referenced-by", groups=groups) + refs
    t = html.text
    out = ['<div class="lore-backlinks">']
    if not groups:
        out.append('<p class="lore-list lore-list--empty">No page links here yet. Link this story from an onboarding '
                   'guide or an architecture page, where people learn the system.</p>')
    for label, entries in groups:
        out.append(f'<p class="lore-backlinks__group">{t(label)}</p>\n<ul class="lore-backlinks__list">')
        for e in entries:
            li = f'<li><a href="{html.attr(e["url"])}">{t(e["title"])}</a>'
            if e["sections"]:
                li += ' <span class="lore-backlinks__section">in ' + ", ".join(f"“{t(x)}”" for x in e["sections"]) + "</span>"
            if e["related"]:
                li += ' <span class="lore-backlinks__section">(lists it as related)</span>'
            out.append(li + "</li>")
        out.append("</ul>")
    out.append("</div>")
    return head + "\n".join(out) + refs


def appears_in(partials: Partials, stories: list[dict], others: list[dict]) -> str:
    """Where a term is used; a popular term lists thousands of pages, so string joins."""
    if partials.overridden("appears-in"):
        return partials.render("appears-in", stories=stories, others=others)
    if not stories and not others:
        return '<div class="lore-appears-in"><p class="lore-list lore-list--empty">No page uses this term yet.</p></div>'
    out = ['<div class="lore-appears-in">']
    for label, group in (("Stories", stories), ("Other pages", others)):
        if not group:
            continue
        out.append(f'<p class="lore-appears-in__group">{label}</p><ul class="lore-appears-in__list">')
        for e in group:
            date = ""
            if e.get("incident") is not None:
                date = f'<time>{e["incident"].date.isoformat() if e["incident"].date else "undated"}</time> '
            out.append(f'<li>{date}<a href="{html.attr(e["url"])}">{html.text(e["title"])}</a>'
                       f' <span class="lore-count">{int(e["count"])}×</span></li>')
        out.append("</ul>")
    out.append("</div>")
    return "".join(out)


def glossary_index(partials: Partials, terms, url_for) -> str:
    """Every term A-Z with its short definition and aliases."""
    groups: dict[str, list[dict]] = {}
    for term in sorted(terms, key=lambda t: t.term.casefold()):
        letter = term.term[:1].upper()
        letter = letter if letter.isalpha() else "#"
        groups.setdefault(letter, []).append({"term": term, "url": url_for(term.src)})
    return partials.render("glossary-index", groups=groups, count=len(terms))


def connections_report(partials: Partials, rows, years, urls: dict[str, str], kinds) -> str:
    columns = [(k, kinds.label(k)) for k in kinds.order()] + [("code", "Code"), ("commits", "Commits")]
    return partials.render("connections", rows=rows, years=years, urls=urls, columns=columns)


def widget(name: str, data_src: str, base: str, fallback_html: str = "", **data: str) -> str:
    """A block the browser fills from a JSON file of the site (wheel, explorer, on this day)."""
    extra = "".join(f' data-{k.replace("_", "-")}="{html.attr(v)}"' for k, v in data.items() if v is not None)
    src = f' data-src="{html.attr(data_src)}"' if data_src else ""
    return f'<div class="lore-{name}"{src} data-base="{html.attr(base)}"{extra}>{fallback_html}</div>'


def problems_banner(problems: list, everywhere: bool, limit: int = 30) -> str:
    """Under ``mkdocs serve``: what ``lore check`` says about this page (the home page: the whole site),
    in Material's admonition style, so the writer sees it in the browser."""
    errors = sum(1 for p in problems if p.is_error)
    kind = "failure" if errors else "warning"
    where = "this site" if everywhere else "this page"
    title = (f"Lore found {len(problems)} problem{'s' * (len(problems) != 1)} in {where}"
             f"{f' ({errors} error{chr(115) * (errors != 1)})' if errors else ''}: mkdocs build would fail")
    items = "".join(f"<li>{html.text(str(p))}</li>" for p in problems[:limit])
    if len(problems) > limit:
        items += f"<li>… and {len(problems) - limit} more: run <code>lore check</code></li>"
    return (f'<div class="admonition {kind} lore-problems"><p class="admonition-title">{html.text(title)}</p>'
            f"<ul>{items}</ul></div>")
