"""What reading one file produced, kept by its content between rebuilds of the preview.

A writer's preview rebuilds the site after every save, but one save changes one
file: parsing the other thousands of files again (YAML, the schema, the body
checks) would cost seconds. Each result is kept under the file's path, a digest
of its bytes and whatever else it was computed from, so an edited file, or a
changed setting, simply misses. Only what the last build used is kept, so the
memo holds one version of each file however long the preview runs.
"""

from __future__ import annotations

import hashlib
from typing import Callable, Hashable, TypeVar

T = TypeVar("T")


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class Memo:
    def __init__(self) -> None:
        self._before: dict[Hashable, object] = {}
        self._now: dict[Hashable, object] = {}
        self.digests: dict[str, str] = {}  # this build's: path -> digest of its bytes
        self.hits = self.misses = 0

    def digest(self, path: str, data: bytes) -> str:
        """A file's digest, computed once per build however many stages key on it."""
        found = self.digests.get(path)
        if found is None:
            found = self.digests[path] = digest(data)
        return found

    def turn(self) -> None:
        """A new build begins: what the last one used may be reused, the rest is dropped."""
        if self._now:
            self._before, self._now = self._now, {}
        self.digests = {}
        self.hits = self.misses = 0

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        if key in self._now:
            return self._now[key]  # type: ignore[return-value]
        if key in self._before:
            self.hits += 1
            value = self._before.pop(key)
        else:
            self.misses += 1
            value = make()
        self._now[key] = value
        return value  # type: ignore[return-value]

    def __len__(self) -> int:
        return len(self._now) + len(self._before)


class NoMemo(Memo):
    """One build, nothing to reuse: every result is made and none is kept."""

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        return make()
