"""Stories in Material's search: their metadata as search tags, written as text.

Material writes each entry's tags into the results as HTML. The writers' own
``tags`` reach it already escaped (``page.meta`` holds them escaped, as the
theme needs); the id, services and service titles Lore adds are escaped here.
Done on the finished ``search_index.json`` (a published format) after Material
has written it, not by reaching into the search plugin's objects.
"""

from __future__ import annotations

import json
import os

from lore import html
from lore.core.knowledge import Knowledge

INDEX = os.path.join("search", "search_index.json")


def story_tags(kb: Knowledge, urls: dict[str, str]) -> dict[str, list[str]]:
    """Page URL -> id, services (ids and titles) and tags of the story there."""
    out = {}
    for incident in kb.listed():
        url = urls.get(incident.src)
        if url is None:
            continue
        titles = [kb.services[s].title for s in incident.services if s in kb.services]
        out[url] = [str(html.text(t)) for t in (incident.id, *incident.services, *titles, *incident.tags)]
    return out


def rewrite(site_dir: str, tags: dict[str, list[str]]) -> bool:
    """Add story tags to each story's main entry and escape all tags; False when there is no index."""
    path = os.path.join(site_dir, INDEX)
    if not os.path.isfile(path):
        return False
    with open(path, encoding="utf-8") as source:
        index = json.load(source)
    for entry in index.get("docs", []):
        extra = tags.get(entry.get("location"))
        if extra:
            entry["tags"] = list(dict.fromkeys([*map(str, entry.get("tags", [])), *extra]))
    with open(path, "w", encoding="utf-8") as out:
        json.dump(index, out, ensure_ascii=False, separators=(",", ":"))
    return True
