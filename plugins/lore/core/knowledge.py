"""Everything a Lore site knows: incidents, services, and what is wrong with them.

Built once per build in one pass over the sources (linear in pages): later
stages look things up in these maps instead of scanning pages again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

from lore.html import URL_EXPECTED, is_safe_url

from . import frontmatter, schema
from .memo import Memo, NoMemo
from .scaffold import placeholder_fields
from .text import first_heading
from .model import Incident, Options, Perspective, Service
from .themes import Themes
from .problems import Problems

_YEAR = re.compile(r"^\d{4}$")
_SLUG_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:\b|[-_])")
RESERVED = ("kind", "themes")
_PERSPECTIVE = re.compile(r"^(?P<folder>(?:\d{4}/)?[^/]+)/perspectives/(?P<name>[^/]+)\.md$")


@dataclass(frozen=True)
class IncidentPath:
    src: str
    slug: str
    year_folder: int | None


def incident_path(src: str, options: Options) -> IncidentPath | None:
    """Whether a docs-relative path is an incident source, and its slug.

    ``<root>/<slug>.md``, ``<root>/<slug>/index.md`` and the same under a
    four-digit year folder; ``<root>/index.md``, ``<root>/kind/`` and
    ``<root>/<year>/index.md`` are Lore's listing pages, not incidents.
    """
    root = options.incidents_dir.strip("/")
    if not root or not src.endswith(".md") or not src.startswith(root + "/"):
        return None
    parts = src[len(root) + 1:].split("/")
    year = None
    if len(parts) > 1 and _YEAR.match(parts[0]):
        year = int(parts[0])
        parts = parts[1:]
    if parts[0] in RESERVED and year is None:
        return None
    if len(parts) == 1:
        if parts[0] in ("index.md", "README.md"):
            return None
        return IncidentPath(src, parts[0][:-3], year)
    if len(parts) == 2 and parts[1] == "index.md" and not _YEAR.match(parts[0]):
        return IncidentPath(src, parts[0], year)
    return None


@dataclass
class Knowledge:
    options: Options
    incidents: list[Incident] = field(default_factory=list)
    services: dict[str, Service] = field(default_factory=dict)
    problems: Problems = field(default_factory=Problems)
    by_id: dict[str, Incident] = field(default_factory=dict)
    by_src: dict[str, Incident] = field(default_factory=dict)
    perspectives: dict[str, Perspective] = field(default_factory=dict)
    _cache: dict = field(default_factory=dict, repr=False)

    def listed(self) -> list[Incident]:
        """Incidents readers see in listings, newest first (computed once)."""
        if "listed" not in self._cache:
            self._cache["listed"] = sorted(
                (i for i in self.incidents if self.options.drafts or not i.is_draft),
                key=lambda i: i.sort_key,
            )
        return self._cache["listed"]

    def neighbours(self, incident: Incident) -> tuple[Incident | None, Incident | None]:
        """(newer, older) listed story beside this one, for reading on in time; one pass for the whole build."""
        if "neighbours" not in self._cache:
            listed = self.listed()
            self._cache["neighbours"] = {
                story.src: (listed[n - 1] if n else None, listed[n + 1] if n + 1 < len(listed) else None)
                for n, story in enumerate(listed)}
        return self._cache["neighbours"].get(incident.src, (None, None))

    def published(self, incident: Incident) -> bool:
        """Whether the story has a page: drafts only with ``drafts: true`` or in the preview."""
        return not incident.is_draft or self.options.drafts or self.options.preview

    def hidden(self, src: str | None) -> str | None:
        """The draft a source belongs to (the story or one of its perspectives) when it is not published."""
        incident = self.by_src.get(src) if src else None
        if incident is None and src in self.perspectives:
            incident = self.by_src.get(self.perspectives[src].incident_src)
        return incident.src if incident is not None and not self.published(incident) else None

    def _grouped(self, name: str, keys) -> dict:
        if name not in self._cache:
            groups: dict = {}
            for incident in self.listed():
                for key in keys(incident):
                    groups.setdefault(key, []).append(incident)
            self._cache[name] = groups
        return self._cache[name]

    def by_service(self, service: str) -> list[Incident]:
        return self._grouped("service", lambda i: i.services).get(service, [])

    def by_year(self, year: int | None) -> list[Incident]:
        return self._grouped("year", lambda i: [i.year]).get(year, [])

    def by_kind(self, kind: str) -> list[Incident]:
        return self._grouped("kind", lambda i: [i.kind]).get(kind, [])

    def related(self, incident: Incident) -> list[Incident]:
        """Related both ways: those it names, then those that name it."""
        if "related_to" not in self._cache:
            reverse: dict[str, list[Incident]] = {}
            for other in sorted(self.incidents, key=lambda i: i.sort_key):
                for rid in other.related:
                    target = self.by_id.get(rid)
                    if target is not None:
                        reverse.setdefault(target.src, []).append(other)
            self._cache["related_to"] = reverse
        out: list[Incident] = []
        for rid in incident.related:
            other = self.by_id.get(rid)
            if other is not None and other not in out:
                out.append(other)
        for other in self._cache["related_to"].get(incident.src, []):
            if other not in out and other is not incident:
                out.append(other)
        return [other for other in out if self.published(other)]

    @property
    def themes_titles(self) -> dict[str, str]:
        return (self.options.themes or _DEFAULT_THEMES).titles

    def years(self) -> list[int]:
        return sorted({i.year for i in self.listed() if i.year}, reverse=True)



def _as_list(value) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def _parse_date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def _incident(where: IncidentPath, src: frontmatter.Source, options: Options, problems: Problems) -> Incident:
    meta = src.meta
    path = where.src
    inc_schema = schema.incident_schema(options.kinds)
    if src.ok:
        if not src.has_front_matter:
            problems.add(path, "front matter", "missing", "a '---' block at the top with at least title and date")
        problems.extend(schema.validate(path, meta, inc_schema))
        problems.extend(schema.unknown_keys(path, meta, inc_schema, options.extra_keys))
        if src.has_front_matter and "summary" not in meta:
            problems.warn(path, "summary", "missing", "one or two sentences for cards, listings and search")
        for name in placeholder_fields(meta) if meta.get("status") != "draft" else []:
            problems.warn(path, name, "still holds the text of the 'lore new' template", "the story's own words")

    def text(key: str, default: str = "") -> str:
        value = meta.get(key)
        return str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else default

    title = text("title") or first_heading(src.body) or where.slug
    id_ = meta.get("id") if isinstance(meta.get("id"), str) and re.match(schema.ID_PATTERN, meta["id"]) else where.slug
    date = _parse_date(meta.get("date"))
    kind = meta.get("kind") if meta.get("kind") in options.kinds else options.kinds[0]
    status = meta.get("status") if meta.get("status") in schema.STATUSES else "published"

    _check_dates(where, date, problems)
    _check_url(path, text("source_url"), problems)
    return Incident(
        src=path,
        slug=where.slug,
        id=id_,
        title=title,
        date=date,
        kind=kind,
        summary=text("summary"),
        services=_as_list(meta.get("services")),
        tags=_as_list(meta.get("tags")),
        severity=text("severity"),
        duration=text("duration") if re.match(schema.DURATION_PATTERN, text("duration")) else "",
        status=status,
        responders=_as_list(meta.get("responders")),
        investigators=_as_list(meta.get("investigators")),
        related=_as_list(meta.get("related")),
        data_sources=_as_list(meta.get("data_sources")),
        year_folder=where.year_folder,
        words=len(src.body.split()),
        themes=(options.themes or _DEFAULT_THEMES).harvest(src.body),
        source_url=text("source_url"),
    )


_DEFAULT_THEMES = Themes.from_mapping()


def _remembered(memo: Memo, key: tuple, make: Callable[[Problems], Incident], problems: Problems) -> Incident:
    """A story's model and its problems, made once per version of its file; each build gets its own copy
    (perspectives are attached to it later)."""
    def made() -> tuple[Incident, list]:
        found = Problems()
        return make(found), list(found)

    incident, found = memo.get(("incident", *key), made)
    problems.extend(found)
    return dataclasses.replace(incident, perspectives=[])


def _check_url(path: str, source_url: str, problems: Problems) -> None:
    if source_url and not is_safe_url(source_url):
        problems.warn(path, "source_url", f"'{source_url[:60]}' is not allowed (it is shown as plain text)", URL_EXPECTED)


def _check_dates(where: IncidentPath, date: dt.date | None, problems: Problems) -> None:
    """The front-matter date agrees with the slug's date and with the year folder."""
    path = where.src
    slug_date = _SLUG_DATE.match(where.slug)
    if date and slug_date and slug_date.group(1) != date.isoformat():
        problems.add(path, "date", f"'{date.isoformat()}' disagrees with the date in the slug '{slug_date.group(1)}'",
                     "the same date as the slug starts with")
    if date and where.year_folder and date.year != where.year_folder:
        problems.add(path, "date", f"'{date.isoformat()}' is not in the year folder '{where.year_folder}'",
                     f"a date in {where.year_folder}, or the file moved to the folder of its year")


def perspective_path(src: str, options: Options) -> str | None:
    """The incident source a perspective file belongs to, or None if it is not one."""
    root = options.incidents_dir.strip("/")
    if not root or not src.startswith(root + "/"):
        return None
    match = _PERSPECTIVE.match(src[len(root) + 1:])
    return f"{root}/{match.group('folder')}/index.md" if match else None


def _perspective(path: str, incident_src: str, src: frontmatter.Source, problems: Problems) -> Perspective | None:
    meta = src.meta
    if not src.has_front_matter:
        problems.add(path, "front matter", "missing", "a '---' block at the top with at least who")
        return None
    problems.extend(schema.validate(path, meta, schema.PERSPECTIVE_SCHEMA))
    problems.extend(schema.unknown_keys(path, meta, schema.PERSPECTIVE_SCHEMA, ()))
    who = meta.get("who")
    if not isinstance(who, str) or not who.strip():
        return None
    first = next((p.strip() for p in src.body.split("\n\n") if p.strip() and not p.lstrip().startswith(("#", "<", "!"))), "")
    from .themes import plain

    summary = plain(" ".join(first.split()))
    sentence = re.match(r"(.+?[.!?])(\s|$)", summary)
    return Perspective(
        src=path,
        incident_src=incident_src,
        who=who.strip(),
        role=meta["role"].strip() if isinstance(meta.get("role"), str) else "",
        joined_at=str(meta["joined_at"]) if isinstance(meta.get("joined_at"), (str, int)) and not isinstance(meta.get("joined_at"), bool) else "",
        summary=(sentence.group(1) if sentence else summary)[:240],
    )


def _service(path: str, src: frontmatter.Source, problems: Problems) -> Service | None:
    meta = src.meta
    problems.extend(schema.validate(path, meta, schema.SERVICE_SCHEMA))
    sid = meta.get("service")
    if not isinstance(sid, str) or not re.match(schema.ID_PATTERN, sid):
        return None
    title = meta.get("title") if isinstance(meta.get("title"), str) else None
    return Service(
        id=sid,
        src=path,
        title=title or first_heading(src.body) or sid,
        owners=_as_list(meta.get("owners")),
        summary=meta.get("summary") if isinstance(meta.get("summary"), str) else "",
    )


def scan(sources: Iterable[tuple[str, Callable[[], bytes]]], options: Options | None = None,
         read_source: Callable[[str, bytes], frontmatter.Source] = frontmatter.read, memo: Memo | None = None) -> Knowledge:
    """Read every Markdown source once and cross-check the whole site.

    ``sources`` yields ``(path relative to docs, read bytes)`` pairs; ``read_source`` parses one
    (the pipeline passes one that parses each file once for all its stages); ``memo`` keeps each
    story's model by its bytes between rebuilds of the preview.
    """
    options = options or Options()
    memo, options_key = (memo if memo is not None else NoMemo()), repr(options)
    kb = Knowledge(options)
    problems = kb.problems
    perspectives: list[Perspective] = []
    for path, read in sorted(sources, key=lambda s: s[0]):
        if not path.endswith(".md"):
            continue
        where = incident_path(path, options)
        data = read()
        owner = perspective_path(path, options) if where is None else None
        if owner is not None:
            src = read_source(path, data)
            problems.extend(src.problems)
            if src.ok:
                perspective = _perspective(path, owner, src, problems)
                if perspective is not None:
                    perspectives.append(perspective)
            continue
        if where is not None:
            if not data.strip():
                problems.add(path, "file", "is empty", "YAML front matter with at least title and date, then the story")
                kb.incidents.append(Incident(src=path, slug=where.slug, id=where.slug, title=where.slug, date=None))
                continue
            src = read_source(path, data)
            problems.extend(src.problems)
            kb.incidents.append(_remembered(memo, (where.src, memo.digest(path, data), options_key),
                                            lambda found: _incident(where, src, options, found), problems))
            continue
        if not data.startswith((b"---", b"\xef\xbb\xbf---")):
            text, problem = frontmatter.decode(path, data)
            if problem:
                problems.append(problem)
            continue
        src = read_source(path, data)
        problems.extend(src.problems)
        if "service" in src.meta:
            service = _service(path, src, problems)
            if service is None:
                continue
            if service.id in kb.services:
                other = kb.services[service.id].src
                problems.add(path, "service", f"'{service.id}' is already declared by {other}", "one page per service id")
                continue
            kb.services[service.id] = service
    _cross_check(kb)
    _attach(kb, perspectives)
    return kb


def _attach(kb: Knowledge, perspectives: list[Perspective]) -> None:
    for perspective in perspectives:
        incident = kb.by_src.get(perspective.incident_src)
        if incident is None:
            kb.problems.add(perspective.src, "file", "is a perspective outside any incident folder",
                            "perspectives/<name>.md inside a folder <slug>/ that has an index.md")
        else:
            incident.perspectives.append(perspective)
            kb.perspectives[perspective.src] = perspective


def _cross_check(kb: Knowledge) -> None:
    problems = kb.problems
    for incident in kb.incidents:
        other = kb.by_id.get(incident.id)
        if other is not None:
            problems.add(incident.src, "id", f"'{incident.id}' is already used by {other.src}", "an id unique across the site")
        else:
            kb.by_id[incident.id] = incident
        kb.by_src[incident.src] = incident
    known_services = ", ".join(sorted(kb.services)) or "none yet"
    for incident in kb.incidents:
        for sid in incident.services:
            if sid not in kb.services:
                problems.add(
                    incident.src,
                    "services",
                    f"unknown service '{sid}'{schema.did_you_mean(sid, kb.services)}",
                    f"one of: {known_services} — declared by a page with 'service: <id>' front matter",
                )
        for rid in incident.related:
            if rid not in kb.by_id:
                problems.add(incident.src, "related", f"unknown incident id '{rid}'{schema.did_you_mean(rid, kb.by_id)}", "the id of another incident (its slug unless it sets 'id')")
            elif rid == incident.id:
                problems.add(incident.src, "related", f"'{rid}' is this incident itself", "the id of another incident")
            elif kb.published(incident) and not kb.published(kb.by_id[rid]):
                problems.warn(incident.src, "related", f"'{rid}' is the draft {kb.by_id[rid].src}, which is not published",
                              "a published story (drafts are left out of published pages; 'drafts: true' publishes them)")


def relative_link(from_src: str, to_src: str) -> str:
    """A Markdown link from one source file to another, as writers would write it."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
