"""An incident's ``timeline.yml``: who did what when, drawn one lane per person.

Responders work in parallel, so the timeline is not a line: each person gets
a lane, and the diagram is inline SVG written at build time (no JavaScript).
Colours come only from CSS classes (in ``assets/lore.css``) so Material's light and
dark palettes both work; the shape of a mark carries its type, so a guess
never looks like an action even without colour. The table view carries the
words, which the diagram leaves out because labels on points would collide.

Times are ``HH:MM`` on the incident date or ISO date-times. ``HH:MM`` takes
the day of the previous entry (the incident date for the first one); when it
is more than 6 hours earlier than the previous entry, it is the next day, so
23:50 then 00:10 reads as twenty minutes later, while a note filed a little
out of order stays on the same day. An ``until`` in ``HH:MM`` is on the day of
its ``at``, or the next day when it is more than 6 hours earlier than ``at``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from html import escape, unescape
from typing import Any, Callable

import yaml

from .frontmatter import decode, describe, load_yaml
from .problems import ERROR, WARNING, Problem

TYPES = ("observation", "hypothesis", "action", "decision", "communication", "impact")
KEYS = ("at", "who", "what", "type", "until", "source")

_EXPECTED_LIST = "a list of entries, each with at, who, what and type"
_EXPECTED_TIME = "HH:MM on the incident date, or an ISO date and time such as 2024-03-12T14:02"
_EXPECTED_TYPE = "one of: " + ", ".join(TYPES)
_EXPECTED_KEYS = "at, who, what, type, until or source"
_ROLLOVER = dt.timedelta(hours=6)

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


# --- reading -----------------------------------------------------------------


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
    out of the timeline; it is None when nothing usable is left.
    """
    problems: list[Problem] = []

    def error(field: str, message: str, expected: str = "") -> None:
        problems.append(Problem(path, field, message, expected, ERROR))

    text, problem = decode(path, data)
    if problem is not None:
        return None, [problem]
    if not text.strip():
        error("timeline", "is empty", _EXPECTED_LIST)
        return None, problems
    try:
        raw = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        error("timeline", f"malformed YAML{where}: {reason}", _EXPECTED_LIST)
        return None, problems
    except RecursionError:
        error("timeline", "is nested too deeply to read", _EXPECTED_LIST)
        return None, problems
    except Exception as exc:  # e.g. a bad explicit tag such as '!!int abc'
        error("timeline", f"malformed YAML: {exc}", _EXPECTED_LIST)
        return None, problems
    if raw is None or raw == []:
        error("timeline", "is empty", _EXPECTED_LIST)
        return None, problems
    if not isinstance(raw, list):
        error("timeline", f"is {describe(raw)}", _EXPECTED_LIST)
        return None, problems

    source_text = _Raw(text)
    entries: list[Entry] = []
    previous: dt.datetime | None = None
    for index, item in enumerate(raw):
        number = index + 1
        name = f"entries[{number}]"
        if not isinstance(item, dict):
            error(name, f"is {describe(item)}, not a mapping", "a mapping with at, who, what and type")
            continue
        before = len(problems)
        for key in item:
            if key not in KEYS:
                problems.append(Problem(path, f"{name}.{key}", "unknown key", _EXPECTED_KEYS, WARNING))

        at: dt.datetime | None = None
        at_value = item.get("at")
        at_text = _time_text(at_value, source_text, index, "at")
        if at_value is None or at_text == "":
            error(f"{name}.at", "missing", _EXPECTED_TIME)
        elif at_text is None:
            error(f"{name}.at", f"is {describe(at_value)}, not a time", _EXPECTED_TIME)
        elif (clock := _clock(at_text)) is not None:
            day = previous.date() if previous else date
            if day is None:
                error(
                    f"{name}.at",
                    f"{at_text!r} has no date, and neither the incident nor an earlier entry gives one",
                    "an ISO date and time such as 2024-03-12T14:02",
                )
            else:
                at = dt.datetime.combine(day, clock)
                if previous is not None and at < previous - _ROLLOVER:
                    at += dt.timedelta(days=1)
        elif (stamp := _iso(at_text)) is not None:
            at = stamp
        else:
            error(f"{name}.at", f"{at_text!r} is not a time", _EXPECTED_TIME)
        if at is not None:
            previous = at

        until: dt.datetime | None = None
        until_value = item.get("until")
        until_text = _time_text(until_value, source_text, index, "until")
        if until_value is None or until_text == "":
            pass
        elif until_text is None:
            error(f"{name}.until", f"is {describe(until_value)}, not a time", _EXPECTED_TIME)
        elif (clock := _clock(until_text)) is not None:
            if at is not None:
                until = dt.datetime.combine(at.date(), clock)
                if until < at - _ROLLOVER:
                    until += dt.timedelta(days=1)
        elif (stamp := _iso(until_text)) is not None:
            until = stamp
        else:
            error(f"{name}.until", f"{until_text!r} is not a time", _EXPECTED_TIME)
        if at is not None and until is not None and until < at:
            error(f"{name}.until", f"{until_text!r} is before at {at_text!r}", "a time at or after 'at'")

        who = item.get("who")
        if who is None or (isinstance(who, str) and not who.strip()):
            error(f"{name}.who", "missing", "the person or team whose lane this is")
        elif not isinstance(who, str):
            error(f"{name}.who", f"is {describe(who)}, not a name", "the person or team whose lane this is")

        what = item.get("what")
        if what is None or (isinstance(what, str) and not what.strip()):
            error(f"{name}.what", "missing", "a short Markdown text")
        elif not isinstance(what, str):
            error(f"{name}.what", f"is {describe(what)}, not text", "a short Markdown text")

        kind = item.get("type")
        if kind is None or (isinstance(kind, str) and not kind.strip()):
            error(f"{name}.type", "missing", _EXPECTED_TYPE)
        elif not isinstance(kind, str):
            error(f"{name}.type", f"is {describe(kind)}", _EXPECTED_TYPE)
        elif kind.strip().lower() not in TYPES:
            error(f"{name}.type", f"unknown value {kind.strip()!r}", _EXPECTED_TYPE)

        origin = item.get("source")
        if origin is not None and not isinstance(origin, str):
            error(f"{name}.source", f"is {describe(origin)}, not text", 'where this comes from, e.g. "chat log of #ops"')

        if at is None or any(p.is_error for p in problems[before:]):
            continue
        entries.append(Entry(
            number=number,
            at=at,
            until=until,
            who=who.strip(),
            what=what.strip(),
            type=kind.strip().lower(),
            source=origin.strip() if isinstance(origin, str) else "",
        ))
    return (Timeline(entries) if entries else None), problems


# --- text ----------------------------------------------------------------------

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_MD = [
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # [x](y), ![x](y)
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [x][ref]
    (re.compile(r"(`+)(.+?)\1"), r"\2"),
    (re.compile(r"(\*\*|__|~~)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)"), r"\1"),
    (re.compile(r"(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?!\w)"), r"\1"),
]
_TAG = re.compile(r"<[^>]*>")


def _esc(text: str) -> str:
    """Escaped for XML text and attributes; characters XML forbids are dropped."""
    return escape(_NOT_XML.sub("", text), quote=True)


def plain(markdown: str, inline: Callable[[str], str] | None = None) -> str:
    """The words of a short Markdown text, for tooltips and the text alternative."""
    if inline is not None:
        text = unescape(_TAG.sub("", inline(markdown)))
    else:
        text = markdown
        for pattern, repl in _MD:
            text = pattern.sub(repl, text)
    return " ".join(text.split())


def _clock_label(moment: dt.datetime, day0: dt.date) -> str:
    days = (moment.date() - day0).days
    label = moment.strftime("%H:%M")
    if days:  # the first day is the earliest, so days is never negative
        label += f" (+{days} day{'s' if days != 1 else ''})"
    return label


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day_label(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]}"  # not strftime: the locale must not change the output


_PLURALS = {"hypothesis": "hypotheses", "entry": "entries", "person": "people"}


def _plural(count: int, word: str) -> str:
    return f"{count} {word if count == 1 else _PLURALS.get(word, word + 's')}"


def _span_label(entry: Entry, day0: dt.date) -> str:
    text = _clock_label(entry.at, day0)
    if entry.until is not None and entry.until != entry.at:
        text += "–" + _clock_label(entry.until, day0)
    return text


def describe_timeline(timeline: Timeline) -> str:
    """The text alternative: counts per lane, since the table carries the words."""
    entries = timeline.entries
    lanes = timeline.lanes
    day0 = timeline.start.date()
    parts = [
        f"Timeline of {_plural(len(entries), 'entry')} across {_plural(len(lanes), 'person')} from "
        f"{_clock_label(timeline.start, day0)} to {_clock_label(timeline.end, day0)}"
    ]
    for who in lanes:
        counts = {t: 0 for t in TYPES}
        for entry in entries:
            if entry.who == who:
                counts[entry.type] += 1
        parts.append(f"{who}: " + ", ".join(_plural(n, t) for t, n in counts.items() if n))
    return ". ".join(parts) + "."


# --- the diagram -------------------------------------------------------------

WIDTH = 900
_LABEL_X = 8
_LABEL_CHARS = 18  # about 130 units of 12-unit text
_X0, _X1 = 150.0, 880.0
_ROW = 18
_PAD = 8
_NEAR = 7  # half a mark's width: closer marks in one lane go on another row
_STEPS = (1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440)
_MAX_TICKS = 10


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def shape(kind: str, x: float, y: float) -> str:
    """The mark of one type: form, not colour, tells a guess from an act."""
    n = _num
    if kind == "observation":
        return f'<circle class="lore-tl-shape" cx="{n(x)}" cy="{n(y)}" r="5"/>'
    if kind == "hypothesis":
        return (f'<circle class="lore-tl-shape" cx="{n(x)}" cy="{n(y)}" r="5" fill="none" '
                f'stroke="currentColor" stroke-width="1.5" stroke-dasharray="2.5 2"/>')
    if kind == "action":
        return f'<rect class="lore-tl-shape" x="{n(x - 4.5)}" y="{n(y - 4.5)}" width="9" height="9"/>'
    if kind == "decision":
        return (f'<path class="lore-tl-shape" d="M{n(x)} {n(y - 6.5)}L{n(x + 6.5)} {n(y)}'
                f'L{n(x)} {n(y + 6.5)}L{n(x - 6.5)} {n(y)}Z"/>')
    if kind == "communication":  # a speech bubble
        return (f'<path class="lore-tl-shape" d="M{n(x - 6)} {n(y - 5)}H{n(x + 6)}V{n(y + 2)}'
                f'H{n(x - 1)}L{n(x - 4)} {n(y + 6)}V{n(y + 2)}H{n(x - 6)}Z"/>')
    # impact: a warning triangle
    return (f'<path class="lore-tl-shape" d="M{n(x)} {n(y - 6)}L{n(x + 6.5)} {n(y + 5)}'
            f'H{n(x - 6.5)}Z"/>')


def _minutes(a: dt.datetime, b: dt.datetime) -> float:
    return (b - a).total_seconds() / 60


def _domain(start: dt.datetime, end: dt.datetime) -> tuple[dt.datetime, dt.datetime, int]:
    """Round the span out to whole ticks of a step giving at most ten ticks.

    A span under ten minutes is widened around its middle, so a lone entry
    sits in the middle of the axis rather than on its edge.
    """
    span = _minutes(start, end)
    if span < 10:
        pad = dt.timedelta(minutes=(10 - span) / 2)
        midnight = dt.datetime.combine(start.date(), dt.time())
        start = max(start - pad, midnight)  # no day marker for an entry just after midnight
        end, span = start + dt.timedelta(minutes=10), 10
    step = next((s for s in _STEPS if span / s <= _MAX_TICKS), None)
    if step is None:
        days = 1
        while span / (days * 1440) > _MAX_TICKS:
            days *= 2
        step = days * 1440
    midnight = dt.datetime.combine(start.date(), dt.time())
    low = int(_minutes(midnight, start) // step) * step
    high = -int(-_minutes(midnight, end) // step) * step
    if high <= low:
        high = low + step
    return midnight + dt.timedelta(minutes=low), midnight + dt.timedelta(minutes=high), step


def _rows(items: list[tuple[float, float]]) -> tuple[list[int], int]:
    """Greedy rows so marks close in time in one lane do not cover each other."""
    ends: list[float] = []
    rows = []
    for left, right in items:
        for row, end in enumerate(ends):
            if left >= end:
                ends[row] = right
                break
        else:
            row = len(ends)
            ends.append(right)
        rows.append(row)
    return rows, max(1, len(ends))


def svg(timeline: Timeline, *, title: str, inline: Callable[[str], str] | None = None) -> str:
    """Inline SVG: one lane per person, marks by type, a time axis and a legend.

    ``inline`` (Markdown to inline HTML) is only used to get the plain words
    of ``what`` for tooltips; without it simple Markdown is stripped. The same
    timeline always gives the same bytes. An empty timeline gives "".
    """
    if not timeline.entries:
        return ""
    entries = timeline.chronological()
    lanes = timeline.lanes
    start, end = timeline.start, timeline.end
    d0, d1, step = _domain(start, end)
    total = _minutes(d0, d1)
    day0 = start.date()

    def x_of(moment: dt.datetime) -> float:
        return _X0 + (_X1 - _X0) * _minutes(d0, moment) / total

    multi_day = d0.date() != (d1 - dt.timedelta(microseconds=1)).date() and step < 1440
    tick_y = 32.0 if multi_day else 16.0
    axis_y = tick_y + 8
    top = axis_y + 4

    # Lay out each lane: rows for marks that would overlap.
    placed: dict[int, tuple[float, float, float]] = {}  # number -> (x, x_end, y)
    lane_boxes: list[tuple[str, float, float]] = []  # who, top, height
    y = top
    for who in lanes:
        mine = [e for e in entries if e.who == who]
        extents = []
        for e in mine:
            x = x_of(e.at)
            x_end = x_of(e.until) if e.until else x
            extents.append((x - _NEAR, max(x_end + 2, x + _NEAR)))
        rows, count = _rows(extents)
        height = 2 * _PAD + count * _ROW
        for e, row in zip(mine, rows):
            x = x_of(e.at)
            placed[e.number] = (x, x_of(e.until) if e.until else x, y + _PAD + row * _ROW + _ROW / 2)
        lane_boxes.append((who, y, height))
        y += height
    bottom = y
    legend_y = bottom + 24
    height = legend_y + 14

    digest = hashlib.sha1(repr((title, [
        (e.number, e.at.isoformat(), e.until.isoformat() if e.until else "", e.who, e.what, e.type)
        for e in timeline.entries
    ])).encode("utf-8", "surrogatepass")).hexdigest()[:10]
    ident = f"lore-tl-{digest}"
    n = _num
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="lore-tl-svg" viewBox="0 0 {WIDTH} {n(height)}" '
        f'width="100%" role="img" aria-labelledby="{ident}-title {ident}-desc" font-size="12" '
        'fill="currentColor">',
        f'<title id="{ident}-title">{_esc(title or "Timeline")}</title>',
        f'<desc id="{ident}-desc">{_esc(describe_timeline(timeline))}</desc>',
    ]

    # Lane backgrounds first: bands and grid lines sit on them, marks on top.
    out.append('<g class="lore-tl-lane-bgs">')
    for i, (_, lane_top, lane_height) in enumerate(lane_boxes):
        alt = i % 2 == 1
        out.append(
            f'<rect class="lore-tl-lane-bg{" lore-tl-lane-bg--alt" if alt else ""}" x="0" y="{n(lane_top)}" '
            f'width="{WIDTH}" height="{n(lane_height)}" fill="{"currentColor" if alt else "none"}" fill-opacity="0.05"/>'
        )
    out.append("</g>")

    impacts = [e for e in entries if e.type == "impact"]
    if impacts:
        out.append('<g class="lore-tl-bands">')
        for e in impacts:
            x, x_end, _ = placed[e.number]
            if x_end - x < 8:
                x, x_end = x - 4, x + 4
            out.append(
                f'<rect class="lore-tl-band" data-band="{e.number}" x="{n(x)}" y="{n(top)}" width="{n(x_end - x)}" '
                f'height="{n(bottom - top)}" fill="currentColor" fill-opacity="0.1"/>'
            )
        out.append("</g>")

    out.append('<g class="lore-tl-axis">')
    out.append(
        f'<line class="lore-tl-axis-line" x1="{n(_X0)}" y1="{n(axis_y)}" x2="{n(_X1)}" y2="{n(axis_y)}" '
        f'stroke="currentColor" stroke-opacity="0.4"/>'
    )
    tick = d0
    while tick <= d1:
        x = x_of(tick)
        label = _day_label(tick.date()) if step >= 1440 else tick.strftime("%H:%M")
        out.append(
            f'<line class="lore-tl-grid" x1="{n(x)}" y1="{n(axis_y)}" x2="{n(x)}" y2="{n(bottom)}" '
            f'stroke="currentColor" stroke-opacity="0.12"/>'
        )
        out.append(f'<text class="lore-tl-tick" x="{n(x)}" y="{n(tick_y)}" text-anchor="middle">{label}</text>')
        tick += dt.timedelta(minutes=step)
    if multi_day:
        midnight = dt.datetime.combine(d0.date(), dt.time()) + dt.timedelta(days=1)
        first = x_of(midnight)
        if first - _X0 >= 60:
            out.append(f'<text class="lore-tl-day" x="{n(_X0)}" y="14" text-anchor="start">{_day_label(d0.date())}</text>')
        while midnight < d1:
            x = x_of(midnight)
            out.append(
                f'<line class="lore-tl-midnight" x1="{n(x)}" y1="{n(axis_y)}" x2="{n(x)}" y2="{n(bottom)}" '
                f'stroke="currentColor" stroke-opacity="0.5" stroke-dasharray="4 3"/>'
            )
            out.append(
                f'<text class="lore-tl-day" x="{n(x + 4)}" y="14" text-anchor="start">{_day_label(midnight.date())}</text>'
            )
            midnight += dt.timedelta(days=1)
    out.append("</g>")

    for who, lane_top, lane_height in lane_boxes:
        out.append(f'<g class="lore-tl-lane" data-who="{_esc(who)}">')
        shown = who if len(who) <= _LABEL_CHARS else who[: _LABEL_CHARS - 1] + "…"
        out.append(
            f'<text class="lore-tl-label" x="{_LABEL_X}" y="{n(lane_top + lane_height / 2)}" dy="0.35em">'
            + (f"<title>{_esc(who)}</title>" if shown != who else "")
            + f"{_esc(shown)}</text>"
        )
        for e in entries:
            if e.who != who:
                continue
            x, x_end, cy = placed[e.number]
            tip = f"{_span_label(e, day0)} · {e.who} · {e.type}: {plain(e.what, inline)}"
            span = " lore-tl-entry--span" if e.until is not None else ""
            out.append(f'<g class="lore-tl-entry lore-tl-{e.type}{span}" data-entry="{e.number}">')
            out.append(f"<title>{_esc(tip)}</title>")
            if e.until is not None:
                out.append(
                    f'<rect class="lore-tl-bar" x="{n(x)}" y="{n(cy - 4)}" width="{n(max(x_end - x, 1))}" '
                    f'height="8" rx="2" fill-opacity="0.35"/>'
                )
            out.append(shape(e.type, x, cy))
            out.append("</g>")
        out.append("</g>")

    out.append(f'<g class="lore-tl-legend" transform="translate(0 {n(legend_y)})">')
    x = float(_LABEL_X)
    for kind in TYPES:
        out.append(f'<g class="lore-tl-key lore-tl-{kind}">{shape(kind, x + 7, 0)}'
                   f'<text x="{n(x + 18)}" y="0" dy="0.35em">{kind}</text></g>')
        x += 18 + len(kind) * 6.8 + 16
    out.append(
        f'<g class="lore-tl-key lore-tl-span-key"><rect class="lore-tl-bar" x="{n(x)}" y="-4" width="22" height="8" '
        f'rx="2" fill-opacity="0.35"/><text x="{n(x + 28)}" y="0" dy="0.35em">from at to until</text></g>'
    )
    x += 28 + 16 * 6.8 + 16
    out.append(
        f'<g class="lore-tl-key lore-tl-band-key"><rect class="lore-tl-band" x="{n(x)}" y="-7" width="14" height="14" '
        f'fill="currentColor" fill-opacity="0.1"/><text x="{n(x + 20)}" y="0" dy="0.35em">impact window</text></g>'
    )
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def _glyph(kind: str) -> str:
    return (f'<svg class="lore-tl-glyph" viewBox="-8 -8 16 16" width="12" height="12" aria-hidden="true">'
            f"{shape(kind, 0, 0)}</svg>")


def table(timeline: Timeline, inline: Callable[[str], str]) -> str:
    """The same entries as rows, in time order; the words live here.

    ``inline`` turns ``what`` into inline HTML and is trusted to be safe; all
    else is escaped. Until and Source columns appear only when some entry
    uses them. The wrapper carries the class so Material still styles the
    bare ``<table>``.
    """
    if not timeline.entries:
        return ""
    day0 = timeline.start.date()
    entries = timeline.chronological()
    has_until = any(e.until for e in entries)
    has_source = any(e.source for e in entries)
    head = ["Time", "Who", "Type", "What"] + (["Until"] if has_until else []) + (["Source"] if has_source else [])
    out = ['<div class="lore-tl-table"><table>', "<thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead>", "<tbody>"]
    for e in entries:
        cells = [
            f'<td class="lore-tl-time"><time datetime="{e.at.isoformat(timespec="minutes")}">'
            f"{_esc(_clock_label(e.at, day0))}</time></td>",
            f'<td class="lore-tl-who">{_esc(e.who)}</td>',
            f'<td class="lore-tl-kind"><span class="lore-tl-type lore-tl-{e.type}">{_glyph(e.type)}{e.type}</span></td>',
            f'<td class="lore-tl-what">{inline(e.what)}</td>',
        ]
        if has_until:
            if e.until is None:
                cells.append('<td class="lore-tl-time"></td>')
            else:
                minutes = round(_minutes(e.at, e.until))
                length = f"{minutes} min" if minutes < 120 else f"{minutes // 60} h {minutes % 60:02d} min"
                cells.append(
                    f'<td class="lore-tl-time"><time datetime="{e.until.isoformat(timespec="minutes")}">'
                    f'{_esc(_clock_label(e.until, day0))}</time> <span class="lore-tl-duration">({length})</span></td>'
                )
        if has_source:
            cells.append(f'<td class="lore-tl-source">{_esc(e.source)}</td>')
        out.append(f'<tr class="lore-tl-row lore-tl-row--{e.type}" data-entry="{e.number}">' + "".join(cells) + "</tr>")
    out.append("</tbody></table></div>")
    return "\n".join(out)


# --- styles --------------------------------------------------------------------

