"""Incident mentions in code and commits, found in real git repositories built per test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lore.core.coderefs import CodeRef, CommitRef, RepoCache, RepoError, scan_repo

ROOT = Path(__file__).resolve().parent.parent
STORM = "2024-03-12-the-404-storm"
PATTERNS = {STORM: STORM, "INC-142": "INC-142"}
EXPECTED = "expected a folder with a .git, relative to mkdocs.yml or absolute"


class Repo:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.ticks = 0
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q")

    def git(self, *args: str) -> str:
        day = f"2024-04-{10 + self.ticks:02d}T12:00:00+0000"
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        env.update(GIT_AUTHOR_DATE=day, GIT_COMMITTER_DATE=day, GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
        cmd = ["git", "-c", "user.name=Test", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false",
               "-c", "init.defaultBranch=main", *args]
        return subprocess.run(cmd, cwd=self.path, env=env, check=True, capture_output=True, text=True).stdout

    def write(self, rel: str, content: str | bytes) -> Path:
        target = self.path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode() if isinstance(content, str) else content)
        return target

    def commit(self, message: str, **files: str | bytes) -> str:
        for rel, content in files.items():
            self.write(rel.replace("__", "/"), content)
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        self.ticks += 1
        return self.git("rev-parse", "HEAD").strip()


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path / "shop")


def scan(repo: Repo, patterns=PATTERNS, **kw):
    kw.setdefault("name", "shop")
    return scan_repo(str(repo.path), patterns, **kw)


def test_code_refs_have_path_line_text_and_url(repo: Repo) -> None:
    repo.commit("Add retry", payments__api__py="import time\n\n\ndef retry():\n    # see 2024-03-12-the-404-storm\n    pass\n")
    code, _ = scan(repo, file_url="https://git.example/shop/blob/main/{path}#L{line}")
    assert code == [CodeRef("shop", "payments/api/py", 5, STORM, "# see 2024-03-12-the-404-storm",
                            "https://git.example/shop/blob/main/payments/api/py#L5")]


def test_lines_counted_across_several_matches_and_once_per_line(repo: Repo) -> None:
    text = "INC-142 and INC-142 again\r\nnothing\r\n\r\nfix for 2024-03-12-the-404-storm, INC-142\n"
    repo.commit("Add notes", **{"notes.txt": text})
    code, _ = scan(repo)
    assert [(r.line, r.incident, r.url) for r in code] == [(1, "INC-142", None), (4, STORM, None), (4, "INC-142", None)]
    assert code[0].text == "INC-142 and INC-142 again"


def test_word_boundaries(repo: Repo) -> None:
    repo.commit("Add", **{"a.py": "\n".join([
        "# 2024-03-12-the-404-storm-2 is another story",
        "# xINC-1 and INC-1x and INC_1 and INC-10",
        "x = 'INC-1'",
        "# see incidents/2024-03-12-the-404-storm/ for why",
        "# 2024-03-12-the-404-storm_old",
        "# old-INC-1 and INC-1-b",
        "# INC-1 - retry; (INC-1-) and -INC-1.",
    ]) + "\n"})
    code, _ = scan(repo, {STORM: STORM, "INC-1": "INC-1"})
    assert [(r.line, r.incident) for r in code] == [(3, "INC-1"), (4, STORM), (7, "INC-1")]


def test_case_sensitive_and_longest_match_wins(repo: Repo) -> None:
    repo.commit("Add", **{"a.py": "# inc-142\n# see INC-142-followup\n"})
    code, _ = scan(repo, {"INC-142": "INC-142", "INC-142-followup": "INC-999", "followup": "X"})
    assert [(r.line, r.incident) for r in code] == [(2, "INC-999")]


def test_slugs_map_to_their_incident(repo: Repo) -> None:
    repo.commit("Add", **{"a.html": '<a href="https://lore.example/incidents/the-404-storm/">storm</a>\n'})
    code, _ = scan(repo, {STORM: STORM, "the-404-storm": STORM})
    assert [(r.line, r.incident) for r in code] == [(1, STORM)]


def test_binary_large_and_untracked_files_are_skipped(repo: Repo) -> None:
    repo.commit("Add", **{
        "img.bin": b"\x89PNG\0\0" + b"2024-03-12-the-404-storm\n",
        "big.txt": ("# 2024-03-12-the-404-storm\n" + "x" * 80 + "\n") * 13000,  # > 1 MiB
        "ok.txt": "2024-03-12-the-404-storm\n",
        "latin1.txt": b"caf\xe9 2024-03-12-the-404-storm\n",
    })
    repo.write("untracked.py", "# 2024-03-12-the-404-storm\n")
    assert (repo.path / "big.txt").stat().st_size > 1024 * 1024
    code, _ = scan(repo)
    assert [r.path for r in code] == ["latin1.txt", "ok.txt"]
    assert code[0].text == "caf\ufffd 2024-03-12-the-404-storm"


def test_working_tree_is_read_and_deleted_files_ignored(repo: Repo) -> None:
    repo.commit("Add", **{"a.py": "pass\n", "gone.py": "# INC-142\n"})
    repo.write("a.py", "pass\n# INC-142 (not committed yet)\n")
    (repo.path / "gone.py").unlink()
    code, _ = scan(repo)
    assert [(r.path, r.line) for r in code] == [("a.py", 2)]


def test_long_lines_are_cut_around_the_mention(repo: Repo) -> None:
    repo.commit("Add", **{"min.js": "var a=1;" * 100 + "/*INC-142*/" + "b();" * 100 + "\n"})
    (ref,), _ = scan(repo)
    assert len(ref.text) <= 160 and "INC-142" in ref.text


def test_paths_in_urls_are_quoted(repo: Repo) -> None:
    repo.commit("Add", **{"docs/read me.md": "INC-142\n"})
    (ref,), _ = scan(repo, file_url="https://git.example/{path}?line={line}")
    assert (ref.path, ref.url) == ("docs/read me.md", "https://git.example/docs/read%20me.md?line=1")


def test_commit_refs(repo: Repo) -> None:
    first = repo.commit("Retry with jitter (INC-142)")
    second = repo.commit("Keep the 404 page self-contained\n\nThe page included itself.\n\n"
                         "See https://lore.example/incidents/2024-03-12-the-404-storm/ and INC-142.\nRefs: INC-142\n")
    repo.commit("Unrelated change mentioning INC-1420")
    _, commits = scan(repo, commit_url="https://git.example/shop/commit/{sha}")
    assert commits == [
        CommitRef("shop", second, second[:7], "Keep the 404 page self-contained", STORM,
                  f"https://git.example/shop/commit/{second}", "2024-04-11"),
        CommitRef("shop", second, second[:7], "Keep the 404 page self-contained", "INC-142",
                  f"https://git.example/shop/commit/{second}", "2024-04-11"),
        CommitRef("shop", first, first[:7], "Retry with jitter (INC-142)", "INC-142",
                  f"https://git.example/shop/commit/{first}", "2024-04-10"),
    ]


def test_commit_sort_is_newest_first_then_sha(repo: Repo) -> None:
    for n in range(4):
        repo.commit(f"Change {n} for INC-142")
    _, commits = scan(repo)
    assert [c.date for c in commits] == ["2024-04-13", "2024-04-12", "2024-04-11", "2024-04-10"]
    assert [c.subject for c in commits] == [f"Change {n} for INC-142" for n in (3, 2, 1, 0)]


def test_repository_without_commits_still_scans_files(repo: Repo) -> None:
    repo.write("a.py", "# INC-142\n")
    repo.git("add", "a.py")
    code, commits = scan(repo)
    assert [r.path for r in code] == ["a.py"] and commits == []


def test_no_patterns_no_refs(repo: Repo) -> None:
    repo.commit("INC-142", **{"a.py": "# INC-142\n"})
    assert scan(repo, {}) == ([], [])


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(RepoError) as e:
        scan_repo(str(tmp_path / "nope"), PATTERNS, name="shop", index=2)
    assert str(e.value) == f"repos[2].path: '{tmp_path / 'nope'}' is not a git checkout ({EXPECTED})"


def test_folder_without_git_even_inside_a_repository(repo: Repo, tmp_path: Path) -> None:
    (repo.path / "sub").mkdir()
    plain = tmp_path / "plain"
    plain.mkdir()
    for path in (plain, repo.path / "sub"):
        with pytest.raises(RepoError) as e:
            scan_repo(str(path), PATTERNS, name="x")
        assert str(e.value) == f"repos[0].path: '{path}' is not a git checkout ({EXPECTED})"


def test_broken_git_folder_is_not_a_checkout(tmp_path: Path) -> None:
    (tmp_path / "broken" / ".git").mkdir(parents=True)
    with pytest.raises(RepoError, match=r"^repos\[1\]\.path: 'broken' is not a git checkout"):
        scan_repo("broken", PATTERNS, name="x", index=1, base=str(tmp_path))


def test_relative_paths_resolve_from_base_and_show_as_written(repo: Repo, tmp_path: Path) -> None:
    repo.commit("Add", **{"a.py": "# INC-142\n"})
    code, _ = scan_repo("shop", PATTERNS, name="shop", base=str(tmp_path))
    assert [r.path for r in code] == ["a.py"]


@pytest.mark.parametrize("key, template, message", [
    ("file_url", "https://x/{path}#L{lineno}", "repos[3].file_url: unknown placeholder '{lineno}' (expected only {path} and {line})"),
    ("file_url", "https://x/{}", "repos[3].file_url: unknown placeholder '{}' (expected only {path} and {line})"),
    ("commit_url", "https://x/commit/{hash}", "repos[3].commit_url: unknown placeholder '{hash}' (expected only {sha})"),
])
def test_bad_template_placeholders(tmp_path: Path, key: str, template: str, message: str) -> None:
    with pytest.raises(RepoError) as e:  # checked before the folder, which does not exist
        scan_repo(str(tmp_path / "nope"), PATTERNS, name="x", index=3, **{key: template})
    assert str(e.value) == message


def test_malformed_template(tmp_path: Path) -> None:
    with pytest.raises(RepoError, match=r"^repos\[0\]\.file_url: 'https://x/\{path' is not a valid template"):
        scan_repo(str(tmp_path), PATTERNS, name="x", file_url="https://x/{path")


def test_missing_git_binary(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(repo.path / "no-bin-here"))
    with pytest.raises(RepoError, match="git is not installed"):
        scan(repo)


def test_git_environment_of_a_hook_is_ignored(repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = Repo(tmp_path / "other")
    other.commit("INC-142 elsewhere")
    repo.commit("Add", **{"a.py": "# INC-142\n"})
    monkeypatch.setenv("GIT_DIR", str(other.path / ".git"))
    code, commits = scan(repo)
    assert [r.path for r in code] == ["a.py"] and [c.subject for c in commits] == []


def test_cache_hits_until_head_or_tracked_files_change(repo: Repo) -> None:
    repo.commit("Add", **{"a.py": "# INC-142\n"})
    cache = RepoCache()
    first = cache.scan(str(repo.path), PATTERNS, name="shop")
    assert cache.scan(str(repo.path), PATTERNS, name="shop") == first
    assert (cache.hits, cache.misses) == (1, 1)

    repo.write("untracked.py", "# INC-142\n")
    cache.scan(str(repo.path), PATTERNS, name="shop")
    assert (cache.hits, cache.misses) == (2, 1)

    repo.commit("Mention INC-142")
    _, commits = cache.scan(str(repo.path), PATTERNS, name="shop")
    assert (cache.misses, len(commits)) == (2, 1)

    repo.write("a.py", "pass\n# INC-142\n")
    code, _ = cache.scan(str(repo.path), PATTERNS, name="shop")
    assert (cache.misses, code[0].line) == (3, 2)

    repo.write("a.py", "pass\n\n# INC-142 already modified, edited again\n")  # same `git status` output
    os.utime(repo.path / "a.py", ns=(1, 1))
    code, _ = cache.scan(str(repo.path), PATTERNS, name="shop")
    assert (cache.misses, code[0].line) == (4, 3)

    cache.scan(str(repo.path), {"INC-142": "INC-142"}, name="shop")
    cache.scan(str(repo.path), {"INC-142": "INC-142"}, name="shop", file_url="https://x/{path}")
    assert (cache.hits, cache.misses) == (2, 6)


def test_cache_results_are_copies(repo: Repo) -> None:
    repo.commit("Add", **{"a.py": "# INC-142\n"})
    cache = RepoCache()
    code, _ = cache.scan(str(repo.path), PATTERNS, name="shop")
    code.clear()
    assert len(cache.scan(str(repo.path), PATTERNS, name="shop")[0]) == 1


def test_sample_repo_mentions_the_first_demo_incidents(tmp_path: Path) -> None:
    # The sample repository tells of the four stories the first demo had; later stories are not in its history.
    ids = ["2024-03-12-the-404-storm", "2024-05-02-search-failover-game-day",
           "2024-06-19-the-certificate-with-nine-hours-left", "2024-09-05-charged-twice-during-failover"]
    script = ROOT / "scripts" / "make_sample_repo.py"
    heads = []
    for name in ("a", "b", "a"):
        out = subprocess.run([sys.executable, str(script), str(tmp_path / name)], check=True, capture_output=True, text=True)
        assert out.stdout.strip() == str(tmp_path / name)
        heads.append(subprocess.run(["git", "rev-parse", "HEAD"], cwd=tmp_path / name, check=True,
                                    capture_output=True, text=True).stdout.strip())
    assert heads[0] == heads[1] == heads[2]
    status = subprocess.run(["git", "status", "--porcelain"], cwd=tmp_path / "a", capture_output=True, text=True)
    assert status.stdout == ""
    code, commits = scan_repo(str(tmp_path / "a"), {i: i for i in ids}, name="brambleway-shop")
    assert {r.incident for r in code} == set(ids) == {c.incident for c in commits}
    assert 8 <= int(subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=tmp_path / "a",
                                   capture_output=True, text=True).stdout) <= 12


def test_sample_repo_refuses_other_folders(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep me")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_sample_repo.py"), str(tmp_path)],
                          capture_output=True, text=True)
    assert done.returncode != 0 and "not a copy of the sample" in done.stderr
    assert (tmp_path / "mine.txt").read_text() == "keep me"
