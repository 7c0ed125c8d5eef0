"""Glossary terms and the matcher that finds them in prose.

One Aho-Corasick automaton holds every surface form of every term (term,
aliases, simple plurals), so finding terms costs one pass over each text,
whatever the number of terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

import ahocorasick

from . import frontmatter, schema
from .text import is_acronym, plural, prose
from .problems import Problems

TERM_SCHEMA = {
    "type": "object",
    "required": ["term", "short"],
    "properties": {
        "term": {"type": "string", "minLength": 1, "pattern": r"\S", "x-expected": "the term as readers see it, e.g. Load balancer"},
        "aliases": schema.string_list("other names: acronyms, spellings", example="[LB, load-balancer]"),
        "short": {"type": "string", "minLength": 1, "pattern": r"\S", "x-expected": "one sentence for the tooltip"},
    },
}
_TITLE_KEYS = ("title",)


@dataclass
class Term:
    src: str
    term: str
    short: str = ""
    aliases: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [self.term, *self.aliases]


@dataclass
class Glossary:
    terms: list[Term] = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)
    by_name: dict[str, Term] = field(default_factory=dict)  # casefolded name -> term
    by_src: dict[str, Term] = field(default_factory=dict)
    by_plural: dict[str, Term] = field(default_factory=dict)  # casefolded plural of a name -> term

    def lookup(self, name: str) -> Term | None:
        """A term by any of its names or their plurals, as automatic linking matches them."""
        key = " ".join(name.split()).casefold()
        return self.by_name.get(key) or self.by_plural.get(key)

    def matcher(self) -> "Matcher":
        return Matcher(self.terms)


def term_path(src: str, glossary_dir: str) -> bool:
    root = glossary_dir.strip("/") + "/"
    return src.startswith(root) and src.endswith(".md") and src[len(root):] not in ("index.md", "README.md")


def scan(sources: Iterable[tuple[str, Callable[[], bytes]]], glossary_dir: str = "glossary",
         read_source: Callable[[str, bytes], frontmatter.Source] = frontmatter.read) -> Glossary:
    """Read every term page once and check names are unique across pages."""
    glossary = Glossary()
    problems = glossary.problems
    for path, read in sorted(sources, key=lambda s: s[0]):
        if not term_path(path, glossary_dir):
            continue
        src = read_source(path, read())
        problems.extend(src.problems)
        if not src.ok:
            continue
        problems.extend(schema.validate(path, src.meta, TERM_SCHEMA))
        problems.extend(schema.unknown_keys(path, src.meta, TERM_SCHEMA, _TITLE_KEYS))
        meta = src.meta
        name = meta.get("term")
        if not isinstance(name, str) or not name.strip():
            continue
        aliases = [a for a in meta.get("aliases") or [] if isinstance(a, str) and a.strip()] if isinstance(meta.get("aliases"), list) else []
        term = Term(path, name.strip(), meta["short"] if isinstance(meta.get("short"), str) else "", [a.strip() for a in aliases])
        glossary.terms.append(term)
        glossary.by_src[path] = term
        for field_name, value in [("term", term.term)] + [("aliases", a) for a in term.aliases]:
            key = " ".join(value.split()).casefold()
            owner = glossary.by_name.get(key)
            if owner is not None and owner is not term:
                problems.add(path, field_name, f"'{value}' is already used by {owner.src}", "each term and alias on one page only")
            elif owner is term and field_name == "aliases":
                problems.add(path, "aliases", f"'{value}' repeats the term or another alias", "each alias once")
            else:
                glossary.by_name[key] = term
    _plurals(glossary)
    return glossary


def _plurals(glossary: Glossary) -> None:
    """Plurals find their term too; a name that is another term's plural is ambiguous."""
    for term in glossary.terms:
        for name in term.names:
            key = plural(" ".join(name.split())).casefold()
            owner = glossary.by_name.get(key)
            if owner is not None and owner is not term:
                field_name = "term" if owner.term.casefold() == key else "aliases"
                glossary.problems.add(owner.src, field_name, f"'{key}' is also the plural of '{name}' ({term.src})",
                                      "names that differ from every other term's names and their plurals")
            else:
                glossary.by_plural.setdefault(key, term)


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    term: Term


class Matcher:
    """Finds whole-word occurrences of terms; longest first, leftmost first."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self._automaton = ahocorasick.Automaton()
        forms: dict[str, list[tuple[str, bool, Term]]] = {}
        for term in terms:
            for name in term.names:
                name = " ".join(name.split())
                exact = is_acronym(name)
                for form in {name, plural(name)}:
                    forms.setdefault(form.lower(), []).append((form, exact, term))
        for key, candidates in forms.items():
            self._automaton.add_word(key, candidates)
        self.empty = not forms
        if not self.empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Match]:
        if self.empty or not text:
            return []
        lowered = text.lower()
        if len(lowered) != len(text):  # a few characters grow when lowered: keep offsets aligned
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        found: list[Match] = []
        for end, candidates in self._automaton.iter(lowered):
            stop = end + 1
            for form, exact, term in candidates:
                start = stop - len(form)
                if exact and text[start:stop] != form:
                    continue
                if (start > 0 and _word(text[start - 1])) or (stop < len(text) and _word(text[stop])):
                    continue
                found.append(Match(start, stop, term))
                break
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        chosen: list[Match] = []
        for match in found:
            if chosen and match.start < chosen[-1].end:
                continue
            chosen.append(match)
        return chosen


def _word(char: str) -> bool:
    return char.isalnum() or char == "_"


_ACRONYM = re.compile(r"(?<![\w-])([A-Z][A-Z0-9&]*[A-Z0-9])s?(?![\w-])")
_WORD = re.compile(r"[a-z][a-z0-9-]*[a-z0-9]|[a-z]")
STOPWORDS = frozenset(
    """a about above after again against all also an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers him his how i if in into is it its itself just me more most my
    no nor not now of off on once only or other our ours out over own same she should so some such
    than that the their them then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your yours one two
    three first next last new old still even much many every another like got get went said says
    see saw look looked back way time day week minutes hours people thing things something nothing
    lot bit us let made make know knew think thought""".split()
)
_COMMON_ACRONYMS = frozenset("I OK AM PM TODO TV UK US EU FAQ".split())


_HEADING = re.compile(r"^#{1,6}[ \t].*$", re.M)


# Not vocabulary: comments (the importer's notes among them), addresses, link targets and file paths.
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_NOT_WORDS = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+|\]\([^)]*\)|\]:\s*\S+|(?:[\w.-]+/)+[\w.-]*|\b[\w-]+\.(?:md|ya?ml|json|txt|log|py|js|go|sh|conf|html?)\b", re.I)
# People named by initials: a speaker label ("JD:", "- JD"), a mention (@JD) or "(JD)".
_INITIALS = re.compile(r"(?m)(?:^[\s>*-]*(?:\d{1,2}:\d{2}\s*)?|@|\()([A-Z]{2,3})(?=\)|:|\s+[-–—])")


def _initials(bodies) -> set[str]:
    return {m.group(1) for body in bodies for m in _INITIALS.finditer(body)}


def suggest_terms(bodies: dict[str, str], glossary: Glossary, min_stories: int = 3, limit: int = 25) -> list[tuple[str, list[str]]]:
    """Acronyms and repeated phrases used in several stories that no term covers."""
    matcher = glossary.matcher()
    where: dict[str, set[str]] = {}
    initials = _initials(bodies.values())
    for src, body in bodies.items():
        text = _NOT_WORDS.sub(" ", _HEADING.sub(" ", prose(_COMMENT.sub(" ", body))))
        covered = [(m.start, m.end) for m in matcher.find(text)]

        def free(start: int, end: int) -> bool:
            return not any(s < end and start < e for s, e in covered)

        for m in _ACRONYM.finditer(text):
            if m.group(1) not in _COMMON_ACRONYMS and m.group(1) not in initials and free(m.start(), m.end()):
                where.setdefault(m.group(1), set()).add(src)
        for sentence in re.split(r"[.!?;:,()\[\]\"\n]+", text):
            words = [(w.group(0), w.start()) for w in _WORD.finditer(sentence.lower())]
            for size in (2, 3):
                for i in range(len(words) - size + 1):
                    gram = [w for w, _ in words[i:i + size]]
                    if gram[0] in STOPWORDS or gram[-1] in STOPWORDS or any(len(w) < 3 for w in gram):
                        continue
                    phrase = " ".join(gram)
                    if glossary.lookup(phrase) is None and not matcher.find(phrase):
                        where.setdefault(phrase, set()).add(src)
    ranked = [(name, sorted(srcs)) for name, srcs in where.items() if len(srcs) >= min_stories]
    ranked.sort(key=lambda item: (-len(item[1]), -len(item[0].split()), item[0].casefold()))
    return ranked[:limit]


FORCED_LINK = re.compile(r"\[\[(!?)([^\]\|\n]+?)(?:\|([^\]\n]+?))?\]\]")
