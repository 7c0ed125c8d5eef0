"""The words beside each mark, and the anchors that tie a mark to its table row.

The diagram is drawn at build time, so no font can be measured: widths are
estimated from Arial's advance widths (Helvetica, Liberation Sans and the
system fonts Material falls back to without web fonts are close), with a
margin, so estimates err wide and labels never run into each other.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .parse import Entry

ELLIPSIS = "…"
_SAFETY = 1.08  # system UI fonts run a little wider than Arial
_BOLD = 1.1
# Advance widths in thousandths of an em (Arial); anything not listed is taken as wide.
_WIDTHS: dict[str, int] = {}
for _chars, _width in (
    ("ijl'|", 222), (" !,./:;I[\\]ftº", 278), ("\"", 355), ("-()`r{}", 333), ("*^", 389),
    ("Jcksvxyz", 500), ("#$0123456789?L_abdeghnopqu–", 556), ("+<=>~", 584), ("FTZ", 611),
    ("&ABEKPSVXY", 667), ("CDHNRUw", 722), ("GOQ", 778), ("Mm", 833), ("%", 889), ("W", 944),
    ("@…—", 1015),
):
    for _c in _chars:
        _WIDTHS[_c] = _width


def _advance(char: str) -> int:
    known = _WIDTHS.get(char)
    if known is not None:
        return known
    if unicodedata.east_asian_width(char) in "WF":
        return 1000
    if unicodedata.combining(char):
        return 0
    return 667  # accented letters, symbols: as wide as a capital, to err wide


def width(words: str, size: float, bold: bool = False) -> float:
    """Estimated width of ``words`` in viewBox units at font size ``size``."""
    thousandths = sum(_advance(c) for c in words)
    return thousandths * size / 1000 * _SAFETY * (_BOLD if bold else 1)


def fit(words: str, room: float, size: float) -> str:
    """``words`` cut to ``room`` at a word boundary, with an ellipsis; the whole text when it fits."""
    if width(words, size) <= room:
        return words
    room -= width(ELLIPSIS, size)
    used, end, cut = 0.0, 0, ""
    for end, char in enumerate(words):
        used += width(char, size)
        if used > room:
            break
        if char == " ":
            cut = words[:end]
    if not cut:  # one long word: cut inside it rather than show nothing
        cut = words[: max(1, end)]
    return cut.rstrip(" ,;:–-") + ELLIPSIS


def anchors(entries: list[Entry], day0: dt.date) -> dict[int, str]:
    """Entry number -> fragment id: ``t-1402``, ``t-d2-0020`` on the second day, ``-2`` for a second one
    at the same minute. Made of the time, so a link stays right when entries are added around it."""
    out: dict[int, str] = {}
    taken: dict[str, int] = {}
    for e in sorted(entries, key=lambda e: (e.at, e.number)):
        days = (e.at.date() - day0).days
        base = f"t-{'d%d-' % (days + 1) if days else ''}{e.at:%H%M}"
        taken[base] = taken.get(base, 0) + 1
        out[e.number] = base if taken[base] == 1 else f"{base}-{taken[base]}"
    return out
