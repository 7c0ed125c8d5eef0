"""Content problems, collected rather than raised.

Writers fix a whole pull request at once, so validation gathers every problem
and reports each on one line: ``path: field: what is wrong (what was expected)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field as _field, replace
from typing import Iterable, Iterator

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    field: str
    message: str
    expected: str = ""
    level: str = ERROR
    # Where in the file (1-based; 0: not known). Not part of the problem's identity: the same fault
    # found by two stages is one problem, wherever each thought it was.
    line: int = _field(default=0, compare=False)
    col: int = _field(default=0, compare=False)

    def at(self, line: int, col: int = 0) -> "Problem":
        return replace(self, line=line, col=col)

    def __str__(self) -> str:
        text = f"{self.path}: {self.field}: {self.message}"
        if self.expected:
            text += f" (expected {self.expected})"
        return text

    @property
    def is_error(self) -> bool:
        return self.level == ERROR


class Problems:
    """An ordered, de-duplicated list of problems."""

    def __init__(self, items: Iterable[Problem] = ()) -> None:
        self._items: list[Problem] = []
        self._seen: set[Problem] = set()
        self.extend(items)

    def add(self, path: str, field: str, message: str, expected: str = "", level: str = ERROR) -> None:
        self.append(Problem(path, field, message, expected, level))

    def warn(self, path: str, field: str, message: str, expected: str = "") -> None:
        self.add(path, field, message, expected, WARNING)

    def append(self, problem: Problem) -> None:
        if problem not in self._seen:
            self._seen.add(problem)
            self._items.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)

    def __iter__(self) -> Iterator[Problem]:
        return iter(sorted(self._items, key=lambda p: (p.path, p.field, p.message)))

    def __len__(self) -> int:
        return len(self._items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self if not p.is_error]
