"""Scale check for lore.core.coderefs: 10,000 files and 20,000 commits, 2,000 incident ids.

    python bench/coderefs_bench.py [--files N] [--commits N] [--ids N] [--keep DIR]

Builds the repository with `git fast-import` (seconds, not minutes), checks it
out, then times scan_repo and a RepoCache hit. 1% of files and 5% of commits
mention one id, so the expected counts are known in advance.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from lore.core.coderefs import RepoCache, scan_repo  # noqa: E402

WORDS = "retry timeout cache pool replica capture refund queue worker deploy shard index token cert".split()


def ids(n: int) -> list[str]:
    return [f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}-synthetic-incident-{i:04d}" for i in range(n)]


def source(rng: random.Random, lines: int, mention: str | None) -> bytes:
    out = []
    for n in range(lines):
        if mention and n == lines // 2:
            out.append(f"    # see {mention} for why this retries")
        else:
            out.append(f"    {rng.choice(WORDS)}_{n} = {rng.choice(WORDS)}({rng.randint(0, 999)})  # {' '.join(rng.choices(WORDS, k=4))}")
    return ("\n".join(out) + "\n").encode()


def build(root: Path, files: int, commits: int, incident_ids: list[str], seed: int = 7) -> tuple[int, int]:
    rng = random.Random(seed)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    subprocess.run(["git", "-c", "init.defaultBranch=main", "init", "-q", str(root)], check=True, env=env)
    proc = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=root, stdin=subprocess.PIPE, env=env)
    w = proc.stdin.write
    code_mentions = commit_mentions = 0
    when = 1_600_000_000

    def commit(message: str, changes: list[tuple[str, bytes]]) -> None:
        """Successive commits to one branch in one stream chain on their own."""
        nonlocal when
        when += 3600
        msg = message.encode()
        w(b"commit refs/heads/main\n")
        w(b"committer Bench <bench@example.com> %d +0000\n" % when)
        w(b"data %d\n%s\n" % (len(msg), msg))
        for path, data in changes:
            w(b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(data), data))

    tree = []
    for i in range(files):
        mention = rng.choice(incident_ids) if rng.random() < 0.01 else None
        code_mentions += mention is not None
        tree.append((f"svc{i % 50:02d}/pkg{i % 7}/module_{i:05d}.py", source(rng, rng.randint(30, 50), mention)))
    commit("Import the monorepo", tree)
    for n in range(1, commits):
        subject = f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} in svc{n % 50:02d}"
        body = " ".join(rng.choices(WORDS, k=20))
        if rng.random() < 0.05:
            body += f"\n\nRefs: {rng.choice(incident_ids)}"
            commit_mentions += 1
        commit(f"{subject}\n\n{body}\n", [(f"svc{n % 50:02d}/CHANGES", f"{n}\n".encode())])
    proc.stdin.close()
    if proc.wait() != 0:
        raise SystemExit("git fast-import failed")
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=root, check=True, env=env)
    return code_mentions, commit_mentions


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--commits", type=int, default=20_000)
    parser.add_argument("--ids", type=int, default=2_000)
    parser.add_argument("--keep", help="build here and keep it (default: a temporary folder)")
    args = parser.parse_args()
    incident_ids = ids(args.ids)
    patterns = {i: i for i in incident_ids} | {i[11:]: i for i in incident_ids}  # ids and slugs
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(args.keep or tmp) / "repo"
        start = time.perf_counter()
        expected_code, expected_commits = build(root, args.files, args.commits, incident_ids)
        print(f"built {args.files} files, {args.commits} commits in {time.perf_counter() - start:.1f}s")
        start = time.perf_counter()
        code, commits = scan_repo(str(root), patterns, name="bench",
                                  file_url="https://git.example/{path}#L{line}", commit_url="https://git.example/c/{sha}")
        took = time.perf_counter() - start
        print(f"scan_repo: {took:.2f}s  code refs {len(code)} (expected {expected_code})  "
              f"commit refs {len(commits)} (expected {expected_commits})  patterns {len(patterns)}")
        cache = RepoCache()
        cache.scan(str(root), patterns, name="bench")
        start = time.perf_counter()
        cache.scan(str(root), patterns, name="bench")
        print(f"RepoCache hit: {time.perf_counter() - start:.2f}s (hits {cache.hits}, misses {cache.misses})")
        ok = len(code) == expected_code and len(commits) == expected_commits
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
