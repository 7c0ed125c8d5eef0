"""Stories in Material's search: the titles of their services as search tags, once.

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

import json
import os

from lore import html
from lore.core.knowledge import Knowledge

INDEX = os.path.join("search", "search_index.json")


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


def rewrite(site_dir: str, tags: dict[str, list[str]]) -> bool:
    """Add the service titles to each story's main entry; False when there is no index."""
    path = os.path.join(site_dir, INDEX)
    if not os.path.isfile(path):
        return False
    with open(path, encoding="utf-8") as source:
        index = json.load(source)
    for entry in index.get("docs", []):
        extra = tags.get(entry.get("location"))
        if extra:
            own = [str(t) for t in entry.get("tags", [])]
            seen = {t.casefold() for t in own}
            entry["tags"] = own + [t for t in dict.fromkeys(extra) if t.casefold() not in seen]
    with open(path, "w", encoding="utf-8") as out:
        json.dump(index, out, ensure_ascii=False, separators=(",", ":"))
    return True
