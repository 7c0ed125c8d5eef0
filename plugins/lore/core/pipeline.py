"""The content pipeline: discover, parse, validate, model — once per build.

The plugins and ``lore check`` both call ``load`` with the site's sources, so
they find the same problems by construction: stories and services, timelines,
perspectives, glossary terms, and the checks of every page's body.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from . import bodies, discovery, frontmatter, glossary as glossary_core, locate, macrocalls, markers, timeline
from .knowledge import Knowledge, scan
from .memo import Memo, NoMemo
from .model import Options
from .problems import Problems

Reader = Callable[[], bytes]


@dataclass
class Content:
    """Everything the sources say, and everything wrong with them."""

    kb: Knowledge
    glossary: glossary_core.Glossary | None = None
    glossary_dir: str = "glossary"
    timelines: dict = field(default_factory=dict)  # story source -> timeline.Timeline
    problems: Problems = field(default_factory=Problems)
    # Sources whose front matter could not be read safely -> their body (None: not UTF-8). A preview
    # shows the body only, so no other YAML reader meets an alias bomb or a thousand nested brackets.
    unreadable: dict[str, "str | None"] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)  # path -> digest of the bytes read (what the preview compares)
    macro_pages: set[str] = field(default_factory=set)  # pages whose macro calls are rendered (they may list any story)


def load(sources: Iterable[tuple[str, Reader]], options: Options, glossary_dir: str | None = None,
         macros_by_default: bool | None = None, paths: Iterable[str] | None = None, memo: Memo | None = None) -> Content:
    """Read every source once and check the whole site; ``glossary_dir`` None means no glossary,
    ``macros_by_default`` None means no macros plugin (else its ``render_by_default``); ``paths``:
    every file of the docs folder, assets included (default: the sources), for the discovery contract;
    ``memo``: results of the last build, reused for files whose bytes are unchanged (the preview)."""
    memo = memo if memo is not None else NoMemo()
    sources = sorted(sources, key=lambda s: s[0])
    readers = {path: _cached(read) for path, read in sources}
    markdown = [(path, readers[path]) for path, _ in sources if path.endswith(".md")]
    parse = _Parsed(memo)
    kb = scan(markdown, options, parse, memo)
    content = Content(kb, glossary_dir=(glossary_dir or "glossary").strip("/"))
    content.problems.extend(kb.problems)
    if glossary_dir is not None:
        content.glossary = glossary_core.scan(markdown, content.glossary_dir, parse)
        content.problems.extend(content.glossary.problems)
    _timelines(content, readers, memo)
    _bodies(content, markdown, options, macros_by_default, parse, memo)
    content.problems.extend(discovery.problems(readers if paths is None else paths, kb, glossary_dir))
    content.unreadable = parse.unreadable()
    content.problems = Problems(locate.annotate(content.problems, _texts(readers)))
    content.digests = memo.digests
    return content


def _texts(readers: dict[str, Reader]) -> Callable[[str], "str | None"]:
    """A file's text for pointing at its lines (undecodable bytes replaced: only positions are wanted)."""
    return lambda path: readers[path]().decode("utf-8", "replace") if path in readers else None


def _cached(read: Reader) -> Reader:
    """Bytes read from disk once, however many stages ask."""
    box: list[bytes] = []

    def again() -> bytes:
        if not box:
            box.append(read())
        return box[0]

    return again


class _Parsed:
    """Each file decoded and its front matter parsed once, however many stages ask (stories, terms, bodies)."""

    def __init__(self, memo: Memo) -> None:
        self._sources: dict[str, frontmatter.Source] = {}
        self.memo = memo

    def __call__(self, path: str, data: bytes) -> frontmatter.Source:
        if path not in self._sources:
            self._sources[path] = self.memo.get(("source", path, self.memo.digest(path, data)), lambda: frontmatter.read(path, data))
        return self._sources[path]

    def unreadable(self) -> dict[str, "str | None"]:
        return {path: (src.body if src.has_front_matter or src.body else None)
                for path, src in self._sources.items() if not src.ok}


def _timelines(content: Content, readers: dict[str, Reader], memo: Memo) -> None:
    """``timeline.yml`` beside each folder-style story; its problems join the story's."""
    for incident in content.kb.incidents:
        if incident.folder is None:
            continue
        found = [f"{incident.folder}/{name}" for name in discovery.TIMELINE_NAMES if f"{incident.folder}/{name}" in readers]
        if len(found) > 1:
            content.problems.add(found[1], "file", f"is a second timeline beside {found[0]}", "one timeline per story")
        if not found:
            continue
        path = found[0]
        data = readers[path]()
        parsed, problems = memo.get(("timeline", path, memo.digest(path, data), incident.date),
                                    lambda: timeline.parse(path, data, incident.date))
        content.problems.extend(problems)
        if parsed is not None and parsed.entries:
            content.timelines[incident.src] = parsed


def _bodies(content: Content, markdown: list[tuple[str, Reader]], options: Options, macros: bool | None,
            parse: _Parsed, memo: Memo) -> None:
    kb = content.kb
    rules = bodies.Rules(
        glossary=content.glossary,
        glossary_dir=content.glossary_dir,
        hidden=kb.hidden,
        markers=markers.Context(
            kinds=tuple(options.kinds),
            services=frozenset(kb.services),
            themes=frozenset(kb.themes_titles),
        ),
    )
    key = _rules_key(rules, kb)
    for path, read in markdown:
        if kb.hidden(path):
            continue  # a draft that is not published: nothing on it reaches readers
        data = read()
        source = parse(path, data)
        if source.problems and not source.body:
            continue  # not UTF-8: already reported, nothing to check
        content.problems.extend(memo.get(("body", path, memo.digest(path, data), key),
                                         lambda: bodies.check(path, source.body, rules, source.body_line)))
        if macros is not None and "{{" in source.body and macrocalls.renders(source.meta, macros):
            content.macro_pages.add(path)
            if options.incidents_dir:
                content.problems.extend(macrocalls.problems(path, source.body, kb))


def _rules_key(rules: bodies.Rules, kb: Knowledge) -> tuple:
    """Everything the body checks compare a page against: a page's checks are reused while it holds."""
    glossary = rules.glossary
    terms = tuple((t.src, t.term, tuple(t.aliases)) for t in glossary.terms) if glossary is not None else None
    hidden = frozenset(src for src in (*kb.by_src, *kb.perspectives) if kb.hidden(src))
    return (terms, rules.glossary_dir, hidden, rules.markers)
