"""What readers expect around a story: link previews, the feed of new stories, newer and older stories.

Link previews (Open Graph) are what a chat or a wiki shows when someone pastes a
story's address: the title, the summary, the site. The feed is Atom, so people can
follow new stories in the reader they already use; its dates are the stories'
own, so two builds of the same sources write the same file.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable
from urllib.parse import quote

from lore import html
from lore.core.knowledge import Knowledge
from lore.core.model import Incident

from . import Partials


def pager(partials: Partials, kb: Knowledge, incident: Incident, url_for: Callable[[str], str | None]) -> str:
    newer, older = kb.neighbours(incident)
    link = [{"incident": i, "url": url_for(i.src)} if i is not None and url_for(i.src) else None for i in (newer, older)]
    if not any(link):
        return ""
    return partials.render("story-pager", newer=link[0], older=link[1])


def head_tags(*, title: str, description: str | None, site_name: str, url: str | None,
              story: Incident | None, feed: str | None, feed_title: str) -> str:
    """``<meta property="og:…">`` and the feed's ``<link rel="alternate">`` for one page's ``<head>``."""
    tags = [("og:type", "article" if story is not None else "website"), ("og:title", title),
            ("og:site_name", site_name)]
    if description:
        tags.append(("og:description", description))
    if url:
        tags.append(("og:url", url))
    if story is not None and story.date:
        tags.append(("article:published_time", story.date.isoformat()))
    out = [f'<meta property="{name}" content="{html.attr(value)}">' for name, value in tags]
    out.append('<meta name="twitter:card" content="summary">')
    if feed:
        out.append(f'<link rel="alternate" type="application/atom+xml" title="{html.attr(feed_title)}" '
                   f'href="{html.attr(feed)}">')
    return "\n".join(out)


def atom(kb: Knowledge, *, site_name: str, site_url: str, feed_path: str, url_of: Callable[[Incident], str | None],
         size: int) -> str:
    """The newest ``size`` published stories as an Atom feed. Without ``site_url`` the links are relative
    to the feed's own address, which Atom allows and feed readers resolve."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    stories = [i for i in kb.listed() if not i.is_draft and url_of(i) is not None][:size]
    newest = next((i.date for i in stories if i.date), None)
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom">',
             f"<title>{html.xml(f'New stories: {site_name}')}</title>",
             f'<link rel="self" href="{html.xml(base + feed_path)}"/>',
             f'<link rel="alternate" href="{html.xml(base or "./")}"/>',
             f"<id>{html.xml(base + feed_path if base else 'urn:lore:feed:' + quote(site_name))}</id>",
             f"<updated>{_stamp(newest)}</updated>", f"<author><name>{html.xml(site_name)}</name></author>"]
    lines += [_entry(kb, story, base + url_of(story)) for story in stories]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def _entry(kb: Knowledge, story: Incident, href: str) -> str:
    categories = [(story.kind, story.kind_label)] + [
        (s, kb.services[s].title if s in kb.services else s) for s in story.services]
    parts = [f"<title>{html.xml(story.title)}</title>", f'<link href="{html.xml(href)}"/>',
             f"<id>urn:lore:story:{html.xml(quote(story.id, safe=''))}</id>",
             f"<published>{_stamp(story.date)}</published>", f"<updated>{_stamp(story.date)}</updated>"]
    if story.summary:
        parts.append(f"<summary>{html.xml(story.summary)}</summary>")
    parts += [f'<category term="{html.xml(term)}" label="{html.xml(label)}"/>' for term, label in categories]
    return "<entry>" + "".join(parts) + "</entry>"


def _stamp(date: dt.date | None) -> str:
    return f"{(date or dt.date(1970, 1, 1)).isoformat()}T00:00:00Z"
