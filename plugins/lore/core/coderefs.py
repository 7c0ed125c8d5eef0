"""Mentions of incidents in code and commit messages of local git checkouts.

Engineers cite incidents where the lesson was applied ("# see INC-142"), so
each incident page can list the code and commits that point back to it. One
Aho-Corasick automaton holds every searchable string; each tracked file and
the whole history are read once, whatever the number of incidents.
"""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import tempfile
from dataclasses import dataclass
from string import Formatter
from urllib.parse import quote

import ahocorasick

MAX_BYTES = 1024 * 1024  # larger files are generated or vendored, not written by people
BINARY_SNIFF = 8192
TEXT_CHARS = 160
_EXPECTED_PATH = "expected a folder with a .git, relative to mkdocs.yml or absolute"
_FILE_FIELDS = ("path", "line")
_COMMIT_FIELDS = ("sha",)
# Set when mkdocs runs inside a git hook; they would point every command at the wrong repository.
_GIT_ENV = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR",
            "GIT_NAMESPACE", "GIT_PREFIX", "GIT_ALTERNATE_OBJECT_DIRECTORIES")


@dataclass(frozen=True)
class CodeRef:
    repo: str
    path: str
    line: int
    incident: str
    text: str
    url: str | None


@dataclass(frozen=True)
class CommitRef:
    repo: str
    sha: str
    short: str
    subject: str
    incident: str
    url: str | None
    date: str


class RepoError(Exception):
    """A writer-facing message naming the config entry: ``repos[N].field: what is wrong (expected ...)``."""


class _Repo:
    """A checked work tree; git runs with discovery fenced at the folder so a typo never scans the docs repo."""

    def __init__(self, path: str, index: int, base: str | None) -> None:
        self.shown = path
        self.index = index
        full = os.path.join(base, path) if base and not os.path.isabs(path) else path
        self.root = os.path.realpath(full)
        if not os.path.isdir(self.root) or not os.path.exists(os.path.join(self.root, ".git")):
            raise RepoError(f"repos[{index}].path: '{path}' is not a git checkout ({_EXPECTED_PATH})")
        self.env = {k: v for k, v in os.environ.items() if k not in _GIT_ENV}
        self.env.update(GIT_CEILING_DIRECTORIES=os.path.dirname(self.root), GIT_TERMINAL_PROMPT="0", LC_ALL="C")
        done = self.run("rev-parse", "--is-inside-work-tree")
        if done.returncode != 0:  # a broken .git, or one git refuses ("dubious ownership"): say why
            raise RepoError(f"repos[{index}].path: '{path}' is not a git checkout: {_first_line(done.stderr)} "
                            f"({_EXPECTED_PATH})")

    def command(self, *args: str) -> list[str]:
        return ["git", "--no-optional-locks", "-c", "log.showSignature=false", "-c", "core.quotePath=false", *args]

    def run(self, *args: str) -> subprocess.CompletedProcess:
        try:
            return subprocess.run(self.command(*args), cwd=self.root, env=self.env, capture_output=True)
        except FileNotFoundError:
            raise RepoError(f"repos[{self.index}].path: cannot scan '{self.shown}': git is not installed "
                            "(expected the git command on PATH)") from None
        except OSError as e:
            raise self.failed(args[0], str(e).encode()) from None

    def git(self, *args: str, check: bool = True) -> bytes | None:
        done = self.run(*args)
        if done.returncode != 0:
            if not check:
                return None
            raise self.failed(args[0], done.stderr)
        return done.stdout

    def failed(self, command: str, stderr: bytes) -> RepoError:
        return RepoError(f"repos[{self.index}].path: git {command} failed in '{self.shown}': {_first_line(stderr)} "
                         "(expected a readable git checkout)")

    def head(self) -> str | None:
        """None for a repository without commits: its files are still worth scanning."""
        out = self.git("rev-parse", "--verify", "-q", "HEAD^{commit}", check=False)
        return out.decode("ascii", "replace").strip() if out else None

    def state(self) -> str:
        """Changes to tracked files, with stat data: editing an already-modified file changes the digest too."""
        out = self.git("status", "--porcelain", "-z", "--untracked-files=no", "--ignore-submodules=all") or b""
        digest = hashlib.sha1(out)
        for entry in out.split(b"\0"):
            if len(entry) > 3:
                try:
                    st = os.lstat(os.path.join(os.fsencode(self.root), entry[3:]))
                    digest.update(b"%d:%d;" % (st.st_mtime_ns, st.st_size))
                except OSError:
                    digest.update(b"-;")
        return digest.hexdigest()


def _first_line(stderr: bytes) -> str:
    lines = [ln.strip() for ln in stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
    return lines[0] if lines else "no message from git"


def _check_template(template: str | None, key: str, allowed: tuple[str, ...], index: int) -> None:
    if template is None:
        return
    expected = "expected only " + " and ".join("{" + f + "}" for f in allowed)
    try:
        fields = [f for _, f, _, _ in Formatter().parse(template) if f is not None]
    except ValueError as e:
        raise RepoError(f"repos[{index}].{key}: '{template}' is not a valid template: {e} ({expected}; "
                        "write {{ and }} for literal braces)") from None
    for field in fields:
        if field not in allowed:
            raise RepoError(f"repos[{index}].{key}: unknown placeholder '{{{field}}}' ({expected})")
    try:  # format specs and conversions can still fail; find out now rather than mid-scan
        template.format(**{f: 1 if f == "line" else "x" for f in allowed})
    except (ValueError, KeyError, IndexError, AttributeError, TypeError) as e:
        raise RepoError(f"repos[{index}].{key}: '{template}' is not a valid template: {e} ({expected})") from None


class _Matcher:
    """Whole-word, case-sensitive matches; at one place the longest string wins.

    Ids contain hyphens, so a hyphen joined to a letter or digit continues the id:
    ``2024-03-12-the-404-storm-2`` is another incident, while ``/`` and a lone
    ``-`` end it, as in URLs and ``INC-142 - retry``.
    """

    def __init__(self, patterns: dict[str, str]) -> None:
        self._automaton = ahocorasick.Automaton()
        for needle, incident in patterns.items():
            if needle:
                self._automaton.add_word(needle, (len(needle), incident))
        self.empty = len(self._automaton) == 0
        if not self.empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[tuple[int, str]]:
        """(start offset, incident) in text order."""
        found = []
        size = len(text)
        for last, (length, incident) in self._automaton.iter(text):
            start, stop = last + 1 - length, last + 1
            if start > 0 and (_word(text[start - 1]) or (text[start - 1] == "-" and start > 1 and _word(text[start - 2]))):
                continue
            if stop < size and (_word(text[stop]) or (text[stop] == "-" and stop + 1 < size and _word(text[stop + 1]))):
                continue
            found.append((start, stop, incident))
        if len(found) > 1:
            found.sort(key=lambda m: (m[0], m[0] - m[1]))
            kept, end = [], -1
            for m in found:
                if m[0] >= end:
                    kept.append(m)
                    end = m[1]
            found = kept
        return [(start, incident) for start, _, incident in found]


def _word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _excerpt(line: str, at: int) -> str:
    """The stripped line; a long one is cut around the mention so the id stays visible."""
    text = line.strip()
    if len(text) <= TEXT_CHARS:
        return text
    at = max(0, at - (len(line) - len(line.lstrip())))
    start = max(0, min(at - TEXT_CHARS // 3, len(text) - (TEXT_CHARS - 1)))
    piece = text[start:start + TEXT_CHARS - 2 if start else TEXT_CHARS - 1]
    return ("…" if start else "") + piece + ("…" if start + len(piece) < len(text) else "")


def _scan_code(repo: _Repo, matcher: _Matcher, name: str, file_url: str | None) -> list[CodeRef]:
    refs: list[CodeRef] = []
    root = os.fsencode(repo.root)
    for raw in (repo.git("ls-files", "-z") or b"").split(b"\0"):
        if not raw:
            continue
        full = os.path.join(root, raw)
        try:
            if not stat.S_ISREG(os.lstat(full).st_mode):  # symlinks may point anywhere; submodules are folders
                continue
            with open(full, "rb") as fh:
                data = fh.read(MAX_BYTES + 1)
        except OSError:  # deleted in the working tree, sparse checkout, unreadable
            continue
        if len(data) > MAX_BYTES or b"\0" in data[:BINARY_SNIFF]:
            continue
        text = data.decode("utf-8", "replace")
        found = matcher.find(text)
        if not found:
            continue
        path = raw.decode("utf-8", "replace")
        seen: set[tuple[int, str]] = set()
        line, counted = 1, 0
        for start, incident in found:
            line += text.count("\n", counted, start)
            counted = start
            if (line, incident) in seen:
                continue
            seen.add((line, incident))
            first = text.rfind("\n", 0, start) + 1
            stop = text.find("\n", start)
            content = text[first:stop if stop >= 0 else len(text)]
            url = file_url.format(path=quote(path, safe="/"), line=line) if file_url is not None else None
            refs.append(CodeRef(name, path, line, incident, _excerpt(content, start - first), url))
    refs.sort(key=lambda r: (r.repo, r.path, r.line, r.incident))
    return refs


_LOG_FORMAT = "%H%x1f%ad%x1f%s%x1f%b"


def _start_log(repo: _Repo) -> tuple[subprocess.Popen, object] | None:
    """git log runs while Python reads the files; a temporary file keeps it from blocking on a full pipe."""
    if repo.head() is None:
        return None
    out = tempfile.TemporaryFile()
    try:
        proc = subprocess.Popen(repo.command("log", "-z", "--date=short", f"--format={_LOG_FORMAT}", "HEAD", "--"),
                                cwd=repo.root, env=repo.env, stdout=out, stderr=subprocess.PIPE)
    except OSError as e:
        out.close()
        raise repo.failed("log", str(e).encode()) from None
    return proc, out


def _finish_log(repo: _Repo, started, matcher: _Matcher, name: str, commit_url: str | None) -> list[CommitRef]:
    if started is None:
        return []
    proc, out = started
    with out:
        _, err = proc.communicate()
        if proc.returncode != 0:
            raise repo.failed("log", err)
        out.seek(0)
        data = out.read()
    refs: list[CommitRef] = []
    for record in data.decode("utf-8", "replace").split("\0"):
        parts = record.lstrip("\n").split("\x1f", 3)
        if len(parts) != 4:
            continue
        sha, date, subject, body = parts
        seen: set[str] = set()
        for _, incident in matcher.find(subject + "\n" + body):
            if incident not in seen:
                seen.add(incident)
                url = commit_url.format(sha=sha) if commit_url is not None else None
                refs.append(CommitRef(name, sha, sha[:7], subject, incident, url, date))
    refs.sort(key=lambda r: (r.sha, r.incident))
    refs.sort(key=lambda r: r.date, reverse=True)
    return refs


def scan_repo(path: str, patterns: dict[str, str], *, name: str, file_url: str | None = None,
              commit_url: str | None = None, index: int = 0, base: str | None = None) -> tuple[list[CodeRef], list[CommitRef]]:
    """patterns maps a searchable string (an incident id, or a slug) to the incident id it names.

    A relative ``path`` is taken from ``base`` (the folder of mkdocs.yml) but shown as written.
    """
    _check_template(file_url, "file_url", _FILE_FIELDS, index)
    _check_template(commit_url, "commit_url", _COMMIT_FIELDS, index)
    repo = _Repo(path, index, base)
    return _scan(repo, patterns, name, file_url, commit_url)


def _scan(repo: _Repo, patterns: dict[str, str], name: str, file_url: str | None,
          commit_url: str | None) -> tuple[list[CodeRef], list[CommitRef]]:
    matcher = _Matcher(patterns)
    if matcher.empty:
        return [], []
    started = _start_log(repo)
    try:
        code = _scan_code(repo, matcher, name, file_url)
    except BaseException:
        if started is not None:
            started[0].kill()
            started[0].wait()
            started[1].close()
        raise
    return code, _finish_log(repo, started, matcher, name, commit_url)


class RepoCache:
    """Keeps results between `mkdocs serve` rebuilds while HEAD and the working tree are unchanged.

    Checking costs two quick git calls; a rescan reads every tracked file and the whole history.
    One entry per checkout, so editing patterns or settings never grows the cache.
    """

    def __init__(self) -> None:
        self._entries: dict[str, tuple[tuple, tuple[list[CodeRef], list[CommitRef]]]] = {}
        self.hits = 0
        self.misses = 0

    def scan(self, path: str, patterns: dict[str, str], *, name: str, file_url: str | None = None,
             commit_url: str | None = None, index: int = 0, base: str | None = None) -> tuple[list[CodeRef], list[CommitRef]]:
        _check_template(file_url, "file_url", _FILE_FIELDS, index)
        _check_template(commit_url, "commit_url", _COMMIT_FIELDS, index)
        repo = _Repo(path, index, base)
        key = (repo.head(), repo.state(), frozenset(patterns.items()), name, file_url, commit_url)
        entry = self._entries.get(repo.root)
        if entry is not None and entry[0] == key:
            self.hits += 1
            code, commits = entry[1]
        else:
            self.misses += 1
            code, commits = _scan(repo, patterns, name, file_url, commit_url)
            self._entries[repo.root] = (key, (code, commits))
        return list(code), list(commits)

    def clear(self) -> None:
        self._entries.clear()
