"""Stories in Material's search: the card's facts as words, the titles of their services as tags, once.

The card is put on the page after Material has read it (parsing it cost about
as much as the rest of the story), so its words are written into the story's
main entry here, as Material would have: text, with the paragraphs, lists and
code it keeps, and without what is marked ``data-search-exclude``.

Material shows each entry's tags under the result, and weighs tags above title
and text, so a search for a service finds the stories that involve it. The
writers' own ``tags`` are there already (and stay first); a service whose title
is one of them is not repeated. Ids are not tags: the card's "Cite as" keeps
them searchable as text. Material writes tags into the results as HTML: the
writers' tags reach it already escaped (``page.meta`` holds them escaped, as
the theme needs), the service titles Lore adds are escaped here. Done on the
finished ``search_index.json`` (a published format) after Material has
written it, not by reaching into the search plugin's objects.
"""

from __future__ import annotations

import html as _html
import json
import os
import re

from lore import html
from lore.core.knowledge import Knowledge

INDEX = os.path.join("search", "search_index.json")
_KEPT = frozenset(("p", "code", "pre", "li", "ol", "ul", "sub", "sup"))  # the tags Material keeps in its text
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*>")
_EXCLUDED = re.compile(r"<([A-Za-z][A-Za-z0-9]*)\b[^>]*\sdata-search-exclude\b[^>]*>.*?</\1>", re.S)
_EMPTY = re.compile(r"<(\w+)>\s*</\1>\s?")
_SEARCH_ATTRS = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")


def unmarked(card: str) -> str:
    """The card as readers get it: without the search markings Material removes from what it reads."""
    return _SEARCH_ATTRS.sub("", card) if "data-search-" in card else card


def words(card: str) -> str:
    """A card's words as Material's index holds text: escaped, whitespace collapsed, a few tags kept.

    The card is Lore's own HTML (or the site's override of it): well-formed, excluded parts not nested."""
    parts, pos = [], 0
    card = _EXCLUDED.sub("", card) if "data-search-exclude" in card else card
    for match in _TAG.finditer(card):
        parts.append(_as_text(card[pos:match.start()]))
        if match.group(2).lower() in _KEPT:
            parts.append(f"<{match.group(1)}{match.group(2).lower()}>")
        pos = match.end()
    parts.append(_as_text(card[pos:]))
    text = " ".join("".join(parts).split())
    return _EMPTY.sub("", text)


def story_tags(kb: Knowledge, urls: dict[str, str]) -> dict[str, list[str]]:
    """Page URL -> the titles of the services of the story there."""
    out = {}
    for incident in kb.listed():
        url = urls.get(incident.src)
        if url is None:
            continue
        titles = [kb.services[s].title for s in incident.services if s in kb.services]
        out[url] = [str(html.text(t)) for t in titles]
    return out


def _as_text(chunk: str) -> str:
    """Text between tags as Material writes it: entities read, then ``&``, ``<`` and ``>`` escaped."""
    return _html.escape(_html.unescape(chunk), quote=False) if ("&" in chunk or "<" in chunk or ">" in chunk) else chunk


def rewrite(site_dir: str, tags: dict[str, list[str]], cards: dict[str, str]) -> bool:
    """Add the card's words (``cards``: page URL -> card) and the service titles to each story's main entry;
    False when there is no index."""
    path = os.path.join(site_dir, INDEX)
    if not os.path.isfile(path):
        return False
    with open(path, encoding="utf-8") as source:
        index = json.load(source)
    for entry in index.get("docs", []):
        card = cards.get(entry.get("location"))
        if card:
            entry["text"] = f"{words(card)} {entry.get('text', '')}".strip()
        extra = tags.get(entry.get("location"))
        if extra:
            own = [str(t) for t in entry.get("tags", [])]
            seen = {t.casefold() for t in own}
            entry["tags"] = own + [t for t in dict.fromkeys(extra) if t.casefold() not in seen]
    with open(path, "w", encoding="utf-8") as out:
        json.dump(index, out, ensure_ascii=False, separators=(",", ":"))
    return True
