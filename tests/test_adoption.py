"""Adopting Lore: `lore init` (new and existing projects), the CI it writes, and errors on the writers' lines."""

from __future__ import annotations

import json
import subprocess
import textwrap

import pytest

from conftest import BIN, run_build, write_project
from lore.cli import main

EXISTING = """\
# The platform team's handbook: keep this comment
site_name: Handbook   # shown in the header
site_url: !ENV [SITE_URL, "https://handbook.example.org/"]

theme:
  name: material
  font: false

nav:
  - Home: index.md
  - Deploying: deploying.md   # the page everyone reads

markdown_extensions:
  - toc:
      permalink: "#"

plugins:
  - search
"""


def _init(tmp_path, monkeypatch, capsys, *args) -> str:
    monkeypatch.chdir(tmp_path)
    assert main(["init", *args]) == 0
    return capsys.readouterr().out


def test_init_makes_a_knowledge_base_that_builds_and_checks_clean(tmp_path, monkeypatch, capsys):
    out = _init(tmp_path, monkeypatch, capsys, "kb", "--site-name", 'Acme: "<stories>" # all')
    root = tmp_path / "kb"
    for rel in ("mkdocs.yml", "docs/index.md", "docs/architecture/index.md", "docs/onboarding/index.md",
                "docs/guide/writing-a-story.md", "package.json", ".gitignore", "requirements.txt",
                ".github/workflows/stories.yml", ".gitlab-ci.yml", ".github/pull_request_template.md",
                ".gitlab/merge_request_templates/Story.md"):
        assert f"wrote kb/{rel}\n" in out
    terms = sorted((root / "docs/glossary").glob("*.md"))
    assert len(terms) == 12
    assert all("\nshort: " in t.read_text() for t in terms)
    assert "npm install" in out and "mkdocs serve" in out
    build = run_build(root)
    assert build.returncode == 0, build.log
    home = build.html("index.html")
    assert "Acme: &#34;&lt;stories&gt;&#34; # all" in home or "Acme: &quot;&lt;stories&gt;&quot; # all" in home and "The backup that restored yesterday" in home
    assert 'class="lore-term"' in build.html("incidents/2026-01-15-the-backup-that-restored-yesterday/index.html") or \
        "glossary/game-day" in build.html("incidents/2026-01-15-the-backup-that-restored-yesterday/index.html")
    monkeypatch.chdir(root)
    assert main(["check", "--strict"]) == 0
    assert "1 incidents, 0 services, 12 terms: 0 errors, 0 warnings" in capsys.readouterr().out


def test_init_never_overwrites_and_says_what_it_kept(tmp_path, monkeypatch, capsys):
    _init(tmp_path, monkeypatch, capsys)
    (tmp_path / "docs/index.md").write_text("# Ours\n")
    out = _init(tmp_path, monkeypatch, capsys)
    assert "wrote" not in out
    assert "kept docs/index.md (it exists; not overwritten)" in out
    assert "kept mkdocs.yml: Lore is already set up in it" in out
    assert (tmp_path / "docs/index.md").read_text() == "# Ours\n"


def test_init_adds_lore_to_an_existing_project_keeping_its_comments_and_pages(tmp_path, monkeypatch, capsys):
    project = write_project(tmp_path / "handbook", {"index.md": "# Home\n\nHello.\n", "deploying.md": "# Deploying\n"},
                            config=EXISTING)
    out = _init(project, monkeypatch, capsys)
    config = (project / "mkdocs.yml").read_text()
    for kept in ("# The platform team's handbook: keep this comment", "site_name: Handbook   # shown in the header",
                 'site_url: !ENV [SITE_URL, "https://handbook.example.org/"]', "# the page everyone reads",
                 'permalink: "#"'):
        assert kept in config
    assert config.index("site_name") < config.index("theme:") < config.index("nav:") < config.index("plugins:")
    for change in ("plugins: lore/incidents", "plugins: lore/explore", "nav: Incidents (incidents/index.md)",
                   "markdown_extensions: pymdownx.superfences with a mermaid fence (diagrams)"):
        assert f"changed mkdocs.yml: {change}\n" in out
    assert "mkdocs.yml\n" not in out.replace("changed mkdocs.yml", "")  # not rewritten from the starter
    assert (project / "docs/index.md").read_text() == "# Home\n\nHello.\n"  # its home page stays
    build = run_build(project)
    assert build.returncode == 0, build.log
    assert "Deploying" in build.html("index.html") and "Incidents" in build.html("index.html")
    assert "The backup that restored yesterday" in build.html("incidents/index.html")


def test_init_refuses_a_config_it_cannot_edit(tmp_path, monkeypatch, capsys):
    (tmp_path / "mkdocs.yml").write_text("site_name: [unclosed\n")
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("lore init: mkdocs.yml: is not valid YAML") and err.strip().endswith("nothing was written")
    assert not (tmp_path / "docs").exists()


@pytest.mark.parametrize("schema, path", [("vendor.github-workflows", ".github/workflows/stories.yml"),
                                          ("vendor.gitlab-ci", ".gitlab-ci.yml")])
def test_the_ci_files_validate_against_their_schemas_offline(tmp_path, monkeypatch, capsys, schema, path):
    _init(tmp_path, monkeypatch, capsys)
    result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", schema, str(tmp_path / path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    text = (tmp_path / path).read_text()
    assert "lore check --format" in text and "mkdocs build --strict" in text


BAD = {
    "incidents/a.md": textwrap.dedent("""\
        ---
        title: A
        date: 2024-01-01
        summary: S.
        services: [payments, paymnets]
        responders: [Ana, {name: Bo}]
        servces: [x]
        ---

        A [[podd]] and [a link](javascript:alert(1)).
        """),
    "incidents/b/index.md": "---\ntitle: B\ndate: 2024-01-02\nsummary: S.\n---\n\nBody.\n",
    "incidents/b/timeline.yml": "- {at: '10:00', who: A, what: x, type: action}\n-   at: '25:10'\n    who: B\n",
    "architecture/p.md": "---\nservice: payments\ntitle: Payments\n---\n\nBody.\n",
}
# (field, line, column) of each message, as a writer's editor numbers them.
WHERE = [
    ("docs/incidents/a.md", "services", 5, 22),  # the misspelt item, not the key
    ("docs/incidents/a.md", "responders[1]", 6, 19),
    ("docs/incidents/a.md", "servces", 7, 1),
    ("docs/incidents/a.md", "[[podd]]", 10, 3),
    ("docs/incidents/a.md", "link", 10, 25),
    ("docs/incidents/b/timeline.yml", "entries[2].at", 2, 9),  # the bad value itself
]


@pytest.fixture
def bad_project(tmp_path, monkeypatch):
    project = write_project(tmp_path, BAD, config="site_name: T\ntheme: material\nplugins:\n  - lore/incidents\n"
                                                  "  - lore/glossary\n")
    monkeypatch.chdir(project)
    return project


def test_github_annotations_point_at_the_line_and_column_written(bad_project, capsys):
    assert main(["check", "--format", "github"]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert all(line.startswith(("::error ", "::warning ")) for line in lines)
    for file, field, line, col in WHERE:
        title = f"title=lore check%3A {field}::"
        found = [x for x in lines if f"file={file},line={line},col={col},{title}" in x]
        assert len(found) == 1, (field, [x for x in lines if title in x])
    assert "error" in err  # the summary goes to stderr; stdout is only annotations


def test_json_and_gitlab_reports_carry_the_same_problems(bad_project, capsys):
    main(["check"])
    text_lines = [line.split(" - ", 1)[1] for line in capsys.readouterr().err.splitlines()]
    main(["check", "--format", "json"])
    entries = json.loads(capsys.readouterr().out)
    assert [e["text"] for e in entries] == text_lines
    assert all(e["line"] >= 1 for e in entries)
    main(["check", "--format", "gitlab"])
    issues = json.loads(capsys.readouterr().out)
    assert [i["description"] for i in issues] == text_lines
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert {i["severity"] for i in issues} <= {"major", "minor"}
    by_text = {e["text"]: e for e in entries}
    for issue in issues:
        entry = by_text[issue["description"]]
        assert issue["location"] == {"path": entry["file"], "positions": {"begin": {
            "line": entry["line"], **({"column": entry["column"]} if entry["column"] else {})}}}
