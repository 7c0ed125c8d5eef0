"""Reading ``timeline.yml`` into entries; every fault becomes a message, never an exception.

Times are ``HH:MM`` on the incident date or ISO date-times. ``HH:MM`` takes
the day of the previous entry (the incident date for the first one); when it
is more than 6 hours earlier than the previous entry, it is the next day, so
23:50 then 00:10 reads as twenty minutes later, while a note filed a little
out of order stays on the same day. An ``until`` in ``HH:MM`` is on the day of
its ``at``, or the next day when it is more than 6 hours earlier than ``at``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import yaml

from lore.html import URL_EXPECTED

from .. import yamlsafe
from ..frontmatter import decode, describe
from ..problems import ERROR, WARNING, Problem
from .table import unsafe_links

TYPES = ("observation", "hypothesis", "action", "decision", "communication", "impact")
KEYS = ("at", "who", "what", "type", "until", "source")

_EXPECTED_LIST = "a list of entries, each with at, who, what and type"
_EXPECTED_TIME = "HH:MM on the incident date, or an ISO date and time such as 2024-03-12T14:02"
_EXPECTED_TYPE = "one of: " + ", ".join(TYPES)
_EXPECTED_KEYS = "at, who, what, type, until or source"
_EXPECTED_WHO = "the person or team whose lane this is"
_ROLLOVER = dt.timedelta(hours=6)
_LATEST = dt.date(9998, 12, 31)

_CLOCK = re.compile(r"(\d{1,2}):(\d{2})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?")


@dataclass(frozen=True)
class Entry:
    number: int  # 1-based position in the file, so messages and the table agree
    at: dt.datetime
    until: dt.datetime | None
    who: str
    what: str  # raw Markdown
    type: str
    source: str = ""


@dataclass
class Timeline:
    entries: list[Entry]  # in file order

    @property
    def lanes(self) -> list[str]:
        """People in order of first appearance: the file's order is the writer's."""
        seen: dict[str, None] = {}
        for entry in self.entries:
            seen.setdefault(entry.who, None)
        return list(seen)

    @property
    def start(self) -> dt.datetime:
        return min(e.at for e in self.entries)

    @property
    def end(self) -> dt.datetime:
        return max(e.until or e.at for e in self.entries)

    def chronological(self) -> list[Entry]:
        return sorted(self.entries, key=lambda e: (e.at, e.number))


def _clock(text: str) -> dt.time | None:
    match = _CLOCK.fullmatch(text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    return dt.time(int(match[1]), int(match[2]))


def _iso(text: str) -> dt.datetime | None:
    match = _ISO.fullmatch(text)
    if not match:
        return None
    try:
        return dt.datetime(*(int(g or 0) for g in match.groups()))
    except ValueError:
        return None


class _Raw:
    """The writer's text of scalars YAML turned into numbers.

    YAML 1.1 reads an unquoted ``14:02`` as the base-60 number 842; only the
    source text tells it apart from a written ``842``.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._root: Any = False

    def scalar(self, index: int, key: str) -> str | None:
        if self._root is False:
            try:
                self._root = yaml.compose(self.text, Loader=yaml.SafeLoader)
            except Exception:  # load succeeded, so this is not expected; never raise on content
                self._root = None
        root = self._root
        if not isinstance(root, yaml.SequenceNode) or index >= len(root.value):
            return None
        item = root.value[index]
        if not isinstance(item, yaml.MappingNode):
            return None
        for k, v in item.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key and isinstance(v, yaml.ScalarNode):
                return v.value
        return None


def _time_text(value: Any, raw: _Raw, index: int, key: str) -> str | None:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = raw.scalar(index, key)
        if text is not None and ":" in text:
            return text.strip()
    return None


def parse(path: str, data: bytes, date: dt.date | None) -> tuple[Timeline | None, list[Problem]]:
    """Read a timeline; every fault becomes a message, never an exception.

    ``path`` is docs-relative and names the file in messages; ``date`` is the
    incident's date, which ``HH:MM`` times need. Entries with errors are left
    out, except for unsafe links: those are reported but the entry stays, since
    the table writes such a link as its plain text. None when nothing is left.
    """
    problems: list[Problem] = []
    items, text = _load(path, data, problems)
    if items is None:
        return None, problems
    reader = _Reader(path, date, _Raw(text), problems)
    entries = [e for e in (reader.entry(index, item) for index, item in enumerate(items)) if e is not None]
    return (Timeline(entries) if entries else None), problems


def _load(path: str, data: bytes, problems: list[Problem]) -> tuple[list | None, str]:
    """The top-level list and its source text, or None with the reason in ``problems``."""

    def error(message: str) -> tuple[None, str]:
        problems.append(Problem(path, "timeline", message, _EXPECTED_LIST, ERROR))
        return None, ""

    text, problem = decode(path, data)
    if problem is not None:
        problems.append(problem)
        return None, ""
    if not text.strip():
        return error("is empty")
    try:
        # YAML 1.1 forms (09:00 unquoted) are kept as the text written: exactly what 'at' wants.
        raw, findings, _ = yamlsafe.load(text)
    except yamlsafe.YAMLProblem as exc:
        return error(f"malformed YAML{f' at line {exc.line}' if exc.line else ''}: {exc.reason}")
    errors = [f for f in findings if f.error]
    if errors:
        return error(f"line {errors[0].line}: {errors[0].message}")
    if raw is None or raw == []:
        return error("is empty")
    if not isinstance(raw, list):
        return error(f"is {describe(raw)}")
    return raw, text


class _Reader:
    """One pass over the entries: ``HH:MM`` needs the day of the entry before."""

    def __init__(self, path: str, date: dt.date | None, raw: _Raw, problems: list[Problem]) -> None:
        self.path, self.date, self.raw, self.problems = path, date, raw, problems
        self.previous: dt.datetime | None = None

    def error(self, field: str, message: str, expected: str = "") -> None:
        self.problems.append(Problem(self.path, field, message, expected, ERROR))

    def entry(self, index: int, item: Any) -> Entry | None:
        number = index + 1
        name = f"entries[{number}]"
        if not isinstance(item, dict):
            self.error(name, f"is {describe(item)}, not a mapping", "a mapping with at, who, what and type")
            return None
        before = len(self.problems)
        for key in item:
            if key not in KEYS:
                self.problems.append(Problem(self.path, f"{name}.{key}", "unknown key", _EXPECTED_KEYS, WARNING))
        at, at_text = self._at(name, item, index)
        if at is not None:
            self.previous = at
        until = self._until(name, item, index, at, at_text)
        self._fields(name, item)
        usable = at is not None and not any(p.is_error for p in self.problems[before:])
        what = item.get("what")
        if isinstance(what, str):
            self._links(f"{name}.what", what.strip())
        if not usable:
            return None
        origin = item.get("source")
        return Entry(number=number, at=at, until=until, who=item["who"].strip(), what=what.strip(),
                     type=item["type"].strip().lower(), source=origin.strip() if isinstance(origin, str) else "")

    def _at(self, name: str, item: dict, index: int) -> tuple[dt.datetime | None, str | None]:
        value = item.get("at")
        text = _time_text(value, self.raw, index, "at")
        if value is None or text == "":
            self.error(f"{name}.at", "missing", _EXPECTED_TIME)
        elif text is None:
            self.error(f"{name}.at", f"is {describe(value)}, not a time", _EXPECTED_TIME)
        elif (clock := _clock(text)) is not None:
            day = self.previous.date() if self.previous else self.date
            if day is None:
                self.error(f"{name}.at", f"{text!r} has no date, and neither the incident nor an earlier entry gives one",
                           "an ISO date and time such as 2024-03-12T14:02")
                return None, text
            if day > _LATEST:
                return self._too_late(f"{name}.at", text)
            at = dt.datetime.combine(day, clock)
            if self.previous is not None and at < self.previous - _ROLLOVER:
                at += dt.timedelta(days=1)
            return at, text
        elif (stamp := _iso(text)) is not None:
            return (stamp, text) if stamp.date() <= _LATEST else self._too_late(f"{name}.at", text)
        else:
            self.error(f"{name}.at", f"{text!r} is not a time", _EXPECTED_TIME)
        return None, text

    def _too_late(self, field: str, text: str) -> tuple[None, str]:
        """A calendar ends at 9999-12-31: a timeline there cannot cross midnight or be drawn with margins."""
        self.error(field, f"{text!r} is too late to draw", f"a date before {_LATEST.year + 1}")
        return None, text

    def _until(self, name: str, item: dict, index: int, at: dt.datetime | None, at_text: str | None) -> dt.datetime | None:
        value = item.get("until")
        text = _time_text(value, self.raw, index, "until")
        until: dt.datetime | None = None
        if value is None or text == "":
            return None
        if text is None:
            self.error(f"{name}.until", f"is {describe(value)}, not a time", _EXPECTED_TIME)
        elif (clock := _clock(text)) is not None:
            if at is not None:
                until = dt.datetime.combine(at.date(), clock)
                if until < at - _ROLLOVER:
                    until += dt.timedelta(days=1)
        elif (stamp := _iso(text)) is not None:
            until = stamp if stamp.date() <= _LATEST else self._too_late(f"{name}.until", text)[0]
        else:
            self.error(f"{name}.until", f"{text!r} is not a time", _EXPECTED_TIME)
        if at is not None and until is not None and until < at:
            self.error(f"{name}.until", f"{text!r} is before at {at_text!r}", "a time at or after 'at'")
        return until

    def _fields(self, name: str, item: dict) -> None:
        who = item.get("who")
        if who is None or (isinstance(who, str) and not who.strip()):
            self.error(f"{name}.who", "missing", _EXPECTED_WHO)
        elif not isinstance(who, str):
            self.error(f"{name}.who", f"is {describe(who)}, not a name", _EXPECTED_WHO)
        what = item.get("what")
        if what is None or (isinstance(what, str) and not what.strip()):
            self.error(f"{name}.what", "missing", "a short Markdown text")
        elif not isinstance(what, str):
            self.error(f"{name}.what", f"is {describe(what)}, not text", "a short Markdown text")
        kind = item.get("type")
        if kind is None or (isinstance(kind, str) and not kind.strip()):
            self.error(f"{name}.type", "missing", _EXPECTED_TYPE)
        elif not isinstance(kind, str):
            self.error(f"{name}.type", f"is {describe(kind)}", _EXPECTED_TYPE)
        elif kind.strip().lower() not in TYPES:
            self.error(f"{name}.type", f"unknown value {kind.strip()!r}", _EXPECTED_TYPE)
        origin = item.get("source")
        if origin is not None and not isinstance(origin, str):
            self.error(f"{name}.source", f"is {describe(origin)}, not text", 'where this comes from, e.g. "chat log of #ops"')

    def _links(self, field: str, what: str) -> None:
        """Found by the table's own renderer, so the message and the page never disagree."""
        for kind, url in unsafe_links(what):
            # A warning, as for every unsafe URL: it is shown as plain text, so the site stays safe.
            self.problems.append(Problem(self.path, field, f"{kind} {url!r} is not allowed (it is shown as plain text)",
                                         URL_EXPECTED, WARNING))
