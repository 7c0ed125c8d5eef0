"""Hindsight-bias hints: counterfactual and blaming phrasing in story narratives.

"Should have" and "failed to" describe a world that did not happen and judge
people by what only hindsight shows. The hints say what a story could say
instead; they never fail a build unless a site asks for that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import PROSE, classify

# phrase (a regular expression, case-insensitive, on whole words) -> suggestion
DEFAULT_PHRASES: dict[str, str] = {
    r"should(?:n't| not)? have": "Say what people knew and believed at the time, and why acting as they did made sense then.",
    r"could(?:n't| not)? have": "Describe what happened and what was possible to see in the moment, not an alternative past.",
    r"would(?:n't| not)? have": "Counterfactuals hide what did happen; describe the actual sequence and its reasons.",
    r"failed to": "Say what people did and what they were attending to instead.",
    r"human error": "Name the conditions that made the action reasonable; 'human error' ends the inquiry where it should start.",
    r"root causes?": "Incidents have many contributing factors; describe how they combined.",
    r"careless(?:ly|ness)?": "Judgement of a person, not a description; say what the work looked like from inside.",
    r"negligen(?:t|ce)": "Judgement of a person, not a description; say what the work looked like from inside.",
    r"obvious(?:ly)?": "Only obvious in hindsight; say what made it hard to see at the time.",
    r"simply (?:didn't|did not|forgot|missed|ignored)": "'Simply' hides the difficulty; describe what competed for attention.",
    r"just (?:needed|had) to": "Hindsight makes the right move look small; say what made it hard to choose then.",
    r"lack of attention": "Attention went somewhere; say where, and why that made sense.",
    r"mistakenly|by mistake": "Describe the action and its context; let readers see why it seemed right.",
}

_CODE_SPAN = re.compile(r"`[^`\n]*`")
_QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”|(?<!\w)'[^'\n]{2,}?'(?!\w)")
_FRONT = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass(frozen=True)
class Hint:
    path: str
    line: int
    phrase: str
    suggestion: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: \"{self.phrase}\": {self.suggestion}"


class Checker:
    def __init__(self, phrases: dict[str, str] | None = None) -> None:
        self.phrases = dict(DEFAULT_PHRASES if phrases is None else phrases)
        alternatives = "|".join(f"(?P<p{i}>{p})" for i, p in enumerate(self.phrases))
        self._pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.I)
        self._suggestions = list(self.phrases.values())

    def check(self, path: str, text: str) -> list[Hint]:
        """Hints for one Markdown source; quoted speech, block quotes and code are the
        words of others or of machines, and are left alone."""
        hints: list[Hint] = []
        offset = 0
        front = _FRONT.match(text)
        if front:
            offset = text[: front.end()].count("\n")
            text = text[front.end():]
        for number, (line, kind) in enumerate(classify(text), start=1 + offset):
            if kind != PROSE or line.lstrip().startswith(">"):
                continue
            prose = _QUOTED.sub(lambda m: " " * len(m.group(0)), _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line))
            for match in self._pattern.finditer(prose):
                index = next(int(name[1:]) for name, value in match.groupdict().items() if value is not None)
                hints.append(Hint(path, number, match.group(0), self._suggestions[index]))
        return hints
