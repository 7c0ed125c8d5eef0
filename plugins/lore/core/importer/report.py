"""How sure the importer is of each guess, and the per-file table for review in a pull request.

What a write-up states in a structured place (front matter, its file or folder
names, its title heading, a "Date:" line, a Summary section) is read; what is
inferred from running text, a file name or a publication date is guessed. Only
weak guesses, and anything left out for safety, need a person's attention.
"""

from __future__ import annotations

import json

LOW, MEDIUM, HIGH = "low", "medium", "high"
# Note prefixes -> confidence; a note not listed is informational (high).
_CONFIDENCE = (
    ("title from file name", LOW),
    ("date from text", LOW),
    ("date from '", LOW),  # a publication date
    ("date from the URL", LOW),
    ("only the month is known", LOW),
    ("no date found", LOW),
    ("no summary found", LOW),
    ("source address cut", MEDIUM),
    ("source address", LOW),
    ("image '", LOW),  # outside the source folder, or missing
    ("link '", LOW),  # shown as its text
    ("date from the timeline", MEDIUM),
    ("date from the title", MEDIUM),
    ("summary from the first paragraph", MEDIUM),
    ("service '", MEDIUM),
    ("remote image", MEDIUM),
)


def confidence(note: str) -> str:
    return next((level for prefix, level in _CONFIDENCE if note.startswith(prefix)), HIGH)


def needs_attention(notes: list[str]) -> list[str]:
    return [note for note in notes if confidence(note) == LOW]


def rows(results, into) -> list[dict]:
    out = []
    for result in results:
        out.append({
            "source": str(result.src),
            "story": "" if result.error else str(into / result.slug / "index.md"),
            "status": "failed" if result.error else ("needs attention" if needs_attention(result.notes) else "imported"),
            "error": result.error,
            "guesses": [{"note": note, "confidence": confidence(note)} for note in result.notes],
        })
    return out


def render(table: list[dict], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(table, indent=2, ensure_ascii=False) + "\n"
    lines = ["| Source | Story | Status | Guesses (confidence) |", "|---|---|---|---|"]
    for row in table:
        guesses = "; ".join(f"{g['note']} ({g['confidence']})" for g in row["guesses"]) or "—"
        cells = [row["source"], row["story"] or "—", row["error"] or row["status"], guesses]
        lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    return "\n".join(lines) + "\n"
