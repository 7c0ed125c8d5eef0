"""Where things go in the diagram: the time axis, a lane per person, rows within a lane.

Kept apart from the drawing so positions can be reasoned about (and changed)
without reading SVG markup; labels of times live here because the axis, the
tooltips and the table must all write a time the same way. A mark and its
label share a row, and a row holds only marks whose labels do not meet, so
close entries stack into rows rather than write over each other.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .labels import fit, width

if TYPE_CHECKING:
    from .parse import Entry, Timeline

WIDTH = 900
X1 = WIDTH - 24.0  # room for the last tick's time, centred on it
FONT = 15  # viewBox units: the diagram never scales below 0.75 (lore.css), so text stays 11 px or more
LANE_X = 8  # where lane names start
ROW = 24
_PAD = 6
_NEAR = 8  # about half a mark's width
_TO_TEXT = 10  # from a mark's centre to its label
_GAP = 14  # between one label and the next mark in a row
_LABEL_MAX = 400  # a label longer than this is cut (unless its bar is longer): the table has the whole text
_RIGHT_MIN = 200  # less room than this right of a mark, and its label goes left of it
_LANE_MAX = 18  # characters of a lane's name shown
_NAMES_MAX = 174.0  # units: the axis starts by 200 at the latest
_STEPS = (1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440)
_MAX_TICKS = 10
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def xml_chars(value: str) -> str:
    """Without the characters XML forbids: one of them in the SVG breaks the whole page."""
    return _NOT_XML.sub("", value)


def num(value: float) -> str:
    """Coordinates to one decimal, without a trailing '.0': same bytes for the same timeline."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def minutes(a: dt.datetime, b: dt.datetime) -> float:
    return (b - a).total_seconds() / 60


def clock_label(moment: dt.datetime, day0: dt.date) -> str:
    """HH:MM, with the day counted from the first one, so a night-long incident reads plainly."""
    days = (moment.date() - day0).days
    label = moment.strftime("%H:%M")
    if days:  # the first day is the earliest, so days is never negative
        label += f" (+{days} day{'s' if days != 1 else ''})"
    return label


def day_label(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]}"  # not strftime: the locale must not change the output


def span_label(entry: Entry, day0: dt.date) -> str:
    text = clock_label(entry.at, day0)
    if entry.until is not None and entry.until != entry.at:
        text += "–" + clock_label(entry.until, day0)
    return text


def shape(kind: str, x: float, y: float) -> str:
    """The mark of one type: form, not colour, tells a guess from an act."""
    n = num
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


def domain(start: dt.datetime, end: dt.datetime) -> tuple[dt.datetime, dt.datetime, int]:
    """Round the span out to whole ticks of a step giving at most ten ticks.

    A span under ten minutes is widened around its middle, so a lone entry
    sits in the middle of the axis rather than on its edge.
    """
    span = minutes(start, end)
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
    low = int(minutes(midnight, start) // step) * step
    high = -int(-minutes(midnight, end) // step) * step
    if high <= low:
        high = low + step
    return midnight + dt.timedelta(minutes=low), midnight + dt.timedelta(minutes=high), step


def rows(items: list[tuple[float, float]]) -> tuple[list[int], int]:
    """Greedy rows so marks close in time in one lane do not cover each other."""
    ends: list[float] = []
    out = []
    for left, right in items:
        for row, end in enumerate(ends):
            if left >= end:
                ends[row] = right
                break
        else:
            row = len(ends)
            ends.append(right)
        out.append(row)
    return out, max(1, len(ends))


@dataclass(frozen=True)
class Label:
    """What the diagram writes beside a mark: its time, then the first words of what happened."""

    time: str
    words: str  # possibly cut, ending in an ellipsis
    x: float
    before: bool  # written to the left of the mark (text-anchor end), when the right has no room


@dataclass
class Layout:
    """The positions the drawing needs, all in viewBox units."""

    d0: dt.datetime  # the axis runs from d0 to d1 in ticks of step minutes
    d1: dt.datetime
    step: int
    multi_day: bool
    tick_y: float
    axis_y: float
    top: float  # of the first lane
    x0: float  # where the axis starts, after the widest lane name
    bottom: float = 0.0  # of the last lane
    placed: dict[int, tuple[float, float, float]] = field(default_factory=dict)  # number -> (x, x_end, y)
    labels: dict[int, Label] = field(default_factory=dict)
    lanes: list[tuple[str, float, float]] = field(default_factory=list)  # who, top, height

    def x(self, moment: dt.datetime) -> float:
        return self.x0 + (X1 - self.x0) * minutes(self.d0, moment) / minutes(self.d0, self.d1)


def lane_name(who: str) -> str:
    """At most 18 characters, and never wider than the names' column (wide letters are cut sooner)."""
    shown = who if len(who) <= _LANE_MAX else who[: _LANE_MAX - 1] + "…"
    return shown if width(shown, FONT, bold=True) <= _NAMES_MAX else fit(who, _NAMES_MAX / 1.1, FONT)


def layout(timeline: Timeline, words: dict[int, str] | None = None) -> Layout:
    """Axis first (a day row above it when the span crosses midnight), then the lanes below.

    ``words`` holds each entry's plain text for its label (entry number -> text);
    without it, labels carry the time only.
    """
    d0, d1, step = domain(timeline.start, timeline.end)
    multi_day = d0.date() != (d1 - dt.timedelta(microseconds=1)).date() and step < 1440
    tick_y = 38.0 if multi_day else 18.0
    names = max(width(lane_name(who), FONT, bold=True) for who in timeline.lanes)
    x0 = max(LANE_X + names + 18, 80.0)
    out = Layout(d0, d1, step, multi_day, tick_y, tick_y + 8, tick_y + 14, x0)
    entries = timeline.chronological()
    y = out.top
    for who in timeline.lanes:
        height = _place_lane(out, [e for e in entries if e.who == who], y, words or {})
        out.lanes.append((who, y, height))
        y += height
    out.bottom = y
    return out


def _place_lane(out: Layout, mine: list[Entry], y: float, words: dict[int, str]) -> float:
    """Place one lane's marks and labels at ``y``; its height, taller when they need more rows."""
    extents = []
    for e in mine:
        x = out.x(e.at)
        x_end = out.x(e.until) if e.until else x
        label, left, right = _label(out, e, x, x_end, words.get(e.number, ""))
        out.labels[e.number] = label
        extents.append((left, right))
    placed_rows, count = rows(extents)  # in time order, so earlier entries tend to sit higher
    for e, row in zip(mine, placed_rows):
        x = out.x(e.at)
        out.placed[e.number] = (x, out.x(e.until) if e.until else x, y + _PAD + row * ROW + ROW / 2)
    return 2 * _PAD + count * ROW


def _label(out: Layout, e: Entry, x: float, x_end: float, words: str) -> tuple[Label, float, float]:
    """The label, right of the mark when it fits there, else on the side with more room, cut to fit;
    with the horizontal extent mark and label take up in their row."""
    time = e.at.strftime("%H:%M")
    lead = width(time, FONT, bold=True) + width(" ", FONT)
    after = min(WIDTH - 4 - (x + _TO_TEXT), max(_LABEL_MAX, x_end - x - _TO_TEXT))  # a bar holds its label
    before = min(x - _TO_TEXT - (out.x0 - 12), _LABEL_MAX)
    full = lead + width(words, FONT) if words else lead
    # Labels read left to right from their mark; only near the right edge do they end at it instead.
    left_side = full > after and after < _RIGHT_MIN and before > after
    room = before if left_side else after
    if words and full > room:
        words = fit(words, room - lead, FONT) if room - lead > 3 * FONT else ""
    used = lead + width(words, FONT) if words else lead
    if left_side:
        label = Label(time, words, x - _TO_TEXT, True)
        return label, x - _TO_TEXT - used - _GAP / 2, max(x_end, x) + _NEAR + _GAP / 2
    label = Label(time, words, x + _TO_TEXT, False)
    return label, x - _NEAR - _GAP / 2, max(x_end + 4, x + _TO_TEXT + used) + _GAP / 2
