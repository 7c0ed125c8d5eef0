"""The diagram: inline SVG written at build time, one lane per person, no JavaScript.

Colours come only from CSS classes (in ``assets/lore.css``) so Material's light
and dark palettes both work; the shape of a mark carries its type, so a guess
never looks like an action even without colour. Each mark is written with its
time and first words (``layout`` keeps labels apart) and links to its table
row, where the whole text is: touch and keyboard have no tooltips.
Every writer's string reaches the markup through ``lore.html`` only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from html import unescape
from typing import Callable

from markupsafe import Markup

from lore.html import attr, text

from .labels import anchors, width
from .layout import (FONT, LANE_X, ROW, WIDTH, X1, Layout, clock_label, day_label, lane_name, layout, num, shape,
                     span_label, xml_chars)
from .parse import TYPES, Timeline

_LEGEND = [(kind, kind) for kind in TYPES] + [("span-key", "duration"), ("band-key", "impact window")]
_MD = [
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # [x](y), ![x](y)
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [x][ref]
    (re.compile(r"(`+)(.+?)\1"), r"\2"),
    (re.compile(r"(\*\*|__|~~)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)"), r"\1"),
    (re.compile(r"(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?!\w)"), r"\1"),
]
_TAG = re.compile(r"<[^>]*>")
_PLURALS = {"hypothesis": "hypotheses", "entry": "entries", "person": "people"}


def _text(value: str) -> Markup:
    return text(xml_chars(value))


def _attr(value: str) -> Markup:
    return attr(xml_chars(value))


def plain(markdown: str, inline: Callable[[str], str] | None = None) -> str:
    """The words of a short Markdown text, for tooltips and the text alternative."""
    if inline is not None:
        words = unescape(_TAG.sub("", inline(markdown)))
    else:
        words = markdown
        for pattern, repl in _MD:
            words = pattern.sub(repl, words)
    return " ".join(words.split())


def _plural(count: int, word: str) -> str:
    return f"{count} {word if count == 1 else _PLURALS.get(word, word + 's')}"


def describe_timeline(timeline: Timeline) -> str:
    """The text alternative: counts per lane, since the table carries the words."""
    entries = timeline.entries
    lanes = timeline.lanes
    day0 = timeline.start.date()
    parts = [
        f"Timeline of {_plural(len(entries), 'entry')} across {_plural(len(lanes), 'person')} from "
        f"{clock_label(timeline.start, day0)} to {clock_label(timeline.end, day0)}"
    ]
    for who in lanes:
        counts = {t: 0 for t in TYPES}
        for entry in entries:
            if entry.who == who:
                counts[entry.type] += 1
        parts.append(f"{who}: " + ", ".join(_plural(n, t) for t, n in counts.items() if n))
    return ". ".join(parts) + "."


def svg(timeline: Timeline, *, title: str, inline: Callable[[str], str] | None = None) -> str:
    """Inline SVG: one lane per person, marks by type with their labels, a time axis and a legend.

    ``inline`` (Markdown to inline HTML) is only used to get the plain words
    of ``what`` for labels and tooltips; without it simple Markdown is
    stripped. The same timeline always gives the same bytes. An empty
    timeline gives "".
    """
    if not timeline.entries:
        return ""
    words = {e.number: plain(e.what, inline) for e in timeline.entries}
    box = layout(timeline, words)
    digest = hashlib.sha1(repr((title, [
        (e.number, e.at.isoformat(), e.until.isoformat() if e.until else "", e.who, e.what, e.type)
        for e in timeline.entries
    ])).encode("utf-8", "surrogatepass")).hexdigest()[:10]
    ident = f"lore-tl-{digest}"  # ids unique per timeline, yet stable between builds
    legend, height = _legend(box.bottom + 28)
    # A group, not an image: an image's children are hidden from assistive technology, and the marks are links.
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="lore-tl-svg" viewBox="0 0 {WIDTH} {num(height)}" '
        f'width="100%" role="group" aria-labelledby="{ident}-title" aria-describedby="{ident}-desc" '
        f'font-size="{FONT}" fill="currentColor">',
        f'<title id="{ident}-title">{_text(title or "Timeline")}</title>',
        f'<desc id="{ident}-desc">{_text(describe_timeline(timeline))}</desc>',
    ]
    # Lane backgrounds first: bands and grid lines sit on them, marks on top.
    out += _backgrounds(box)
    out += _bands(timeline, box)
    out += _axis(box)
    links = anchors(timeline.entries, timeline.start.date())
    for who, lane_top, lane_height in box.lanes:
        out += _lane(timeline, box, who, lane_top + lane_height / 2, (words, links))
    out += legend
    out.append("</svg>")
    return "\n".join(out)


def _backgrounds(box: Layout) -> list[str]:
    out = ['<g class="lore-tl-lane-bgs">']
    for i, (_, lane_top, lane_height) in enumerate(box.lanes):
        alt = i % 2 == 1
        out.append(
            f'<rect class="lore-tl-lane-bg{" lore-tl-lane-bg--alt" if alt else ""}" x="0" y="{num(lane_top)}" '
            f'width="{WIDTH}" height="{num(lane_height)}" fill="{"currentColor" if alt else "none"}" fill-opacity="0.05"/>'
        )
    out.append("</g>")
    return out


def _bands(timeline: Timeline, box: Layout) -> list[str]:
    """An impact shades every lane: everyone worked while users were hurt."""
    impacts = [e for e in timeline.chronological() if e.type == "impact"]
    if not impacts:
        return []
    out = ['<g class="lore-tl-bands">']
    for e in impacts:
        x, x_end, _ = box.placed[e.number]
        if x_end - x < 8:
            x, x_end = x - 4, x + 4
        out.append(
            f'<rect class="lore-tl-band" data-band="{e.number}" x="{num(x)}" y="{num(box.top)}" width="{num(x_end - x)}" '
            f'height="{num(box.bottom - box.top)}" fill="currentColor" fill-opacity="0.1"/>'
        )
    out.append("</g>")
    return out


def _axis(box: Layout) -> list[str]:
    n, axis_y = num, box.axis_y
    out = ['<g class="lore-tl-axis">', (
        f'<line class="lore-tl-axis-line" x1="{n(box.x0)}" y1="{n(axis_y)}" x2="{n(X1)}" y2="{n(axis_y)}" '
        f'stroke="currentColor" stroke-opacity="0.4"/>'
    )]
    tick = box.d0
    while tick <= box.d1:
        x = box.x(tick)
        label = day_label(tick.date()) if box.step >= 1440 else tick.strftime("%H:%M")
        out.append(
            f'<line class="lore-tl-grid" x1="{n(x)}" y1="{n(axis_y)}" x2="{n(x)}" y2="{n(box.bottom)}" '
            f'stroke="currentColor" stroke-opacity="0.12"/>'
        )
        out.append(f'<text class="lore-tl-tick" x="{n(x)}" y="{n(box.tick_y)}" text-anchor="middle">{label}</text>')
        tick += dt.timedelta(minutes=box.step)
    if box.multi_day:
        out += _midnights(box)
    out.append("</g>")
    return out


def _midnights(box: Layout) -> list[str]:
    """Ticks show only the clock, so each midnight gets a dashed line and its date."""
    out = []
    midnight = dt.datetime.combine(box.d0.date(), dt.time()) + dt.timedelta(days=1)
    if box.x(midnight) - box.x0 >= 70:  # room for the first day's date before the first midnight
        out.append(f'<text class="lore-tl-day" x="{num(box.x0)}" y="16" text-anchor="start">{day_label(box.d0.date())}</text>')
    while midnight < box.d1:
        x = box.x(midnight)
        out.append(
            f'<line class="lore-tl-midnight" x1="{num(x)}" y1="{num(box.axis_y)}" x2="{num(x)}" y2="{num(box.bottom)}" '
            f'stroke="currentColor" stroke-opacity="0.5" stroke-dasharray="4 3"/>'
        )
        out.append(
            f'<text class="lore-tl-day" x="{num(x + 4)}" y="16" text-anchor="start">{day_label(midnight.date())}</text>'
        )
        midnight += dt.timedelta(days=1)
    return out


def _lane(timeline: Timeline, box: Layout, who: str, middle: float,
          text_of: tuple[dict[int, str], dict[int, str]]) -> list[str]:
    """A lane's name (shortened, the full name as its tooltip) and its marks, each a link to its table row."""
    shown = lane_name(who)
    out = [f'<g class="lore-tl-lane" data-who="{_attr(who)}">', (
        f'<text class="lore-tl-label" x="{LANE_X}" y="{num(middle)}" dy="0.35em">'
        + (f"<title>{_text(who)}</title>" if shown != who else "")
        + f"{_text(shown)}</text>"
    )]
    words, links = text_of
    day0 = timeline.start.date()
    for e in timeline.chronological():
        if e.who != who:
            continue
        x, x_end, cy = box.placed[e.number]
        label = box.labels[e.number]
        tip = f"{span_label(e, day0)} · {e.who} · {e.type}: {words[e.number]}"
        span = " lore-tl-entry--span" if e.until is not None else ""
        # The id is the row's plus "-mark": the row's own is the one to share.
        out.append(f'<a class="lore-tl-link" href="#{links[e.number]}" id="{links[e.number]}-mark">')
        out.append(f"<title>{_text(tip)}</title>")
        out.append(f'<g class="lore-tl-entry lore-tl-{_attr(e.type)}{span}" data-entry="{e.number}">')
        if e.until is not None:
            out.append(
                f'<rect class="lore-tl-bar" x="{num(x)}" y="{num(cy - ROW / 2 + 3)}" width="{num(max(x_end - x, 1))}" '
                f'height="{ROW - 6}" rx="3" fill-opacity="0.35"/>'
            )
        out.append(shape(e.type, x, cy))
        anchor = ' text-anchor="end"' if label.before else ""
        rest = f" {_text(label.words)}" if label.words else ""
        out.append(f'<text class="lore-tl-text" x="{num(label.x)}" y="{num(cy)}" dy="0.35em"{anchor}>'
                   f'<tspan class="lore-tl-at">{label.time}</tspan>{rest}</text>')
        out.append("</g></a>")
    out.append("</g>")
    return out


def _legend(legend_y: float) -> tuple[list[str], float]:
    """The key, in rows as wide as the diagram; with the diagram's whole height below it."""
    out = [f'<g class="lore-tl-legend" transform="translate(0 {num(legend_y)})">']
    x, y = float(LANE_X), 0.0
    for key, words in _LEGEND:
        swatch = 22 if key == "span-key" else 14
        room = swatch + 6 + width(words, FONT) + 16
        if x + room > WIDTH and x > LANE_X:
            x, y = float(LANE_X), y + ROW
        if key == "span-key":
            mark = (f'<rect class="lore-tl-bar" x="{num(x)}" y="{num(y - 5)}" width="22" height="10" rx="3" '
                    'fill-opacity="0.35"/>')
        elif key == "band-key":
            mark = (f'<rect class="lore-tl-band" x="{num(x)}" y="{num(y - 7)}" width="14" height="14" '
                    'fill="currentColor" fill-opacity="0.1"/>')
        else:
            mark = shape(key, x + 7, y)
        out.append(f'<g class="lore-tl-key lore-tl-{key}">{mark}'
                   f'<text x="{num(x + swatch + 6)}" y="{num(y)}" dy="0.35em">{words}</text></g>')
        x += room
    out.append("</g>")
    return out, legend_y + y + 16
