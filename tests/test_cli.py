"""The writer's commands: `lore new` scaffolds, `lore check` validates without building."""

import subprocess
import sys
from pathlib import Path

from conftest import BIN, run_build, write_project

LORE = str(BIN / "lore")


def lore(*args, cwd: Path):
    return subprocess.run([LORE, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_new_creates_a_story_that_checks_and_builds(tmp_path):
    write_project(tmp_path, {"architecture/dns.md": "---\nservice: dns\n---\n# DNS\n"})
    result = lore("new", "Pågående: the DNS day", "--date", "2024-02-03", "--service", "dns", "--kind", "near-miss", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path == tmp_path / "docs/incidents/2024-02-03-pagaende-the-dns-day/index.md"
    text = path.read_text()
    for prompt in ("## What happened", "## What surprised us", "## What made it hard",
                   "## What went well", "## Open questions", "data_sources:"):
        assert prompt in text
    assert 'title: "Pågående: the DNS day"' in text and "kind: near-miss" in text and "services: [dns]" in text
    check = lore("check", cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    assert "1 incidents, 1 services: 0 errors, 0 warnings" in check.stdout
    # A new story is a draft: previewed, not published.
    build = run_build(tmp_path)
    assert build.returncode == 0, build.log
    assert not (build.site / "incidents/2024-02-03-pagaende-the-dns-day/index.html").exists()


def test_new_refuses_to_overwrite(tmp_path):
    assert lore("new", "Same", "--date", "2024-01-01", "--docs", "d", cwd=tmp_path).returncode == 0
    target = tmp_path / "d/incidents/2024-01-01-same/index.md"
    target.write_text("my story")
    again = lore("new", "Same", "--date", "2024-01-01", "--docs", "d", cwd=tmp_path)
    assert again.returncode == 1
    assert "already exists; nothing was written" in again.stderr
    assert target.read_text() == "my story"


def test_new_rejects_bad_date_and_kind(tmp_path):
    bad = lore("new", "X", "--date", "03/02/2024", cwd=tmp_path)
    assert bad.returncode == 2 and "--date: '03/02/2024' is not a date (expected YYYY-MM-DD)" in bad.stderr
    bad = lore("new", "X", "--kind", "outage", cwd=tmp_path)
    assert bad.returncode == 2
    assert "--kind: unknown kind 'outage' (expected one of: incident, near-miss, game-day, practice)" in bad.stderr
    assert not (tmp_path / "docs").exists()


def test_check_reports_the_same_messages_as_the_build(tmp_path):
    files = {
        "incidents/a.md": "---\ntitle: A\ndate: 2024-01-01\nservices: [nope]\nservces: [x]\n---\nBody\n",
        "incidents/2024-02-02-b/index.md": "---\ntitle: B\ndate: 2024-02-03\nsummary: S.\n---\nBody\n",
    }
    write_project(tmp_path, files, options="extra_keys: [team]")
    check = lore("check", cwd=tmp_path)
    assert check.returncode == 1
    messages = [line.split(" - ", 1)[1] for line in check.stderr.splitlines() if " - " in line]
    assert len(messages) == 4
    build = run_build(tmp_path)
    assert build.returncode != 0
    for message in messages:
        assert message in build.log


def test_check_reads_options_from_mkdocs_yml_and_strict_counts_warnings(tmp_path):
    write_project(tmp_path, {"stories/a.md": "---\ntitle: A\ndate: 2024-01-01\nkind: outage\n---\n"},
                  options="incidents_dir: stories\nkinds: [outage]")
    check = lore("check", cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    assert "WARNING - stories/a.md: summary: missing" in check.stderr
    assert lore("check", "--strict", cwd=tmp_path).returncode == 1


def test_check_on_a_missing_folder_is_a_clear_error(tmp_path):
    result = lore("check", "nowhere", cwd=tmp_path)
    assert result.returncode == 2 and "nowhere: no such folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_new_refuses_what_would_not_check(tmp_path):
    write_project(tmp_path, {"architecture/dns.md": "---\nservice: dns\n---\n# DNS\n"})
    for args, message in [
        (("",), "lore new: title: is empty (expected the story's title, in quotes)"),
        (("X", "--service", "dns]"), "lore new: --service: 'dns]' is not a service id"),
        (("X", "--service", "dsn"), "lore new: --service: unknown service 'dsn' (did you mean 'dns'?) (expected one of: dns)"),
        (("X", "--docs", "mkdocs.yml"), "lore new: --docs: 'mkdocs.yml' is not a folder"),
    ]:
        result = lore("new", *args, cwd=tmp_path)
        assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert not (tmp_path / "docs/incidents").exists()
    long = lore("new", "word " * 60, "--date", "2024-01-01", cwd=tmp_path)
    assert long.returncode == 0, long.stderr
    assert len(Path(long.stdout.strip()).parent.name) <= len("2024-01-01-") + 60


def test_check_flags_template_text_once_a_story_is_no_longer_a_draft(tmp_path):
    write_project(tmp_path, {})
    path = Path(lore("new", "Template left", "--date", "2024-01-01", cwd=tmp_path).stdout.strip())
    path.write_text(path.read_text().replace("status: draft", "status: published"))
    check = lore("check", cwd=tmp_path)
    rel = "incidents/2024-01-01-template-left/index.md"
    assert f"{rel}: summary: still holds the text of the 'lore new' template (expected the story's own words)" in check.stderr
    assert f"{rel}: data_sources: still holds the text" in check.stderr
