"""`lore import`: existing post-mortems become stories that check and build."""

import json
import re
import subprocess
import time
from pathlib import Path

import pytest

from conftest import BIN, FIXTURES, ROOT, run_build, write_project
from lore.core import importer

LORE = str(BIN / "lore")
WRITEUPS = FIXTURES / "import" / "writeups"
UNDATABLE = FIXTURES / "import" / "undatable" / "no-date-anywhere.md"
CORPUS = ROOT.parent / "shared" / "corpora" / "icco-postmortems"
PAYMENTS = "---\nservice: payments\n---\n# Payments\n"


def lore(*args, cwd: Path):
    return subprocess.run([LORE, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def convert(text: str, name: str = "write-up.md", **options) -> importer.Converted:
    result = importer.convert(Path(name), text, importer.ImportOptions(**options))
    importer.assign_slugs([result])
    return result


def test_template_writeups_become_stories_that_check_and_build(tmp_path):
    write_project(tmp_path, {"architecture/payments.md": PAYMENTS})
    result = lore("import", str(WRITEUPS), "--into", "docs/incidents", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    incidents = tmp_path / "docs/incidents"
    sre = incidents / "2022-11-14-postmortem-basket-service-overload/index.md"
    pagerduty = incidents / "2023-05-09-search-timeouts-the-dns-ttl-nobody-set/index.md"
    atlassian = incidents / "2021-08-17-login-loop-after-the-cookie-rename/index.md"
    freeform = incidents / "2021-03-03-the-cache-stampede/index.md"
    for path in (sre, pagerduty, atlassian, freeform):
        assert path.is_file()
    assert f"imported {WRITEUPS / 'sre/basket-overload.md'} -> docs/incidents/{sre.parent.name}/index.md" in out
    assert f"needs attention {WRITEUPS / 'freeform/notes-on-the-cache-stampede.md'}: date from text '3 March 2021'" in out
    assert "service 'Search' unknown, kept as a tag" in out
    assert out.rstrip().endswith("lore import: 4 imported, 0 skipped, 0 failed, 1 need attention")

    # Google SRE: H1 dropped, date from the "Date:" field, image copied and relinked.
    text = sre.read_text()
    assert text.startswith("---\ntitle: 'Postmortem: Basket service overload'\ndate: 2022-11-14\nsummary: For 52 minutes")
    assert "# Postmortem" not in text
    assert "![Queue depth during the incident](queue-depth.png \"Queue depth\")" in text
    assert (sre.parent / "queue-depth.png").read_bytes() == (WRITEUPS / "sre/img/queue-depth.png").read_bytes()
    assert "## Contributing factors\n\n<!-- imported heading: Root Causes -->\n\nThe cache" in text
    assert "### What made it hard\n\n<!-- imported heading: What went wrong -->" in text
    assert "## Lessons Learned\n\n### What went well" in text  # only groups sub-headings: kept
    assert "### Where we got lucky" in text  # "What went well" is already there
    assert "## Timeline" in text and "## Action Items" in text

    # PagerDuty: services kept only when declared, tags normalised, Lore fields carried over.
    meta = text_meta(pagerduty)
    assert meta["services"] == ["payments"]
    assert meta["tags"] == ["dns", "load-balancer", "search"]
    assert meta["severity"] == "SEV2" and meta["responders"] == ["Amara Okafor", "Lucas Weber"]
    assert meta["source_url"] == "https://wiki.example.com/display/OPS/Search+timeouts"
    assert "### What made it hard\n\n<!-- imported heading: What didn't go so well -->" in pagerduty.read_text()

    # Atlassian: date and duration from start/end times, root cause and lessons renamed.
    meta = text_meta(atlassian)
    assert (meta["date"], meta["duration"]) == ("2021-08-17", "1h25m")
    assert meta["tags"] == ["identity-gateway", "example-corp", "sessions", "cookies"]
    body = atlassian.read_text()
    assert "# Login loop" not in body
    assert "\n## Lessons learned\n" in body and "What surprised us" not in body  # action items, not surprises

    check = lore("check", cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    assert "4 incidents, 1 services: 0 errors, 0 warnings" in check.stdout
    build = run_build(tmp_path)
    assert build.returncode == 0, build.log
    page = build.html(f"incidents/{sre.parent.name}/index.html")
    assert 'src="queue-depth.png"' in page
    assert (build.site / "incidents" / sre.parent.name / "queue-depth.png").is_file()


def text_meta(path: Path) -> dict:
    from lore.core import frontmatter

    return frontmatter.parse(str(path), path.read_text()).meta


def test_an_undatable_write_up_fails_the_run_but_not_the_others(tmp_path):
    good = WRITEUPS / "freeform/notes-on-the-cache-stampede.md"
    result = lore("import", str(UNDATABLE), str(good), "--into", "docs/incidents", cwd=tmp_path)
    assert result.returncode == 1
    assert (
        f"skipped {UNDATABLE}: no date found (expected 'date' or 'start_time' in the front matter, "
        "a YYYY-MM-DD in the file or folder names, or a date such as 2021-03-03, March 3, 2021 or 3 March 2021 in the text)"
    ) in result.stdout
    assert (tmp_path / "docs/incidents/2021-03-03-the-cache-stampede/index.md").is_file()
    assert len(list((tmp_path / "docs/incidents").iterdir())) == 1
    assert "1 imported, 0 skipped, 1 failed" in result.stdout

    # Given a date for such files, it imports and says so.
    result = lore("import", str(UNDATABLE), "--into", "docs/incidents", "--undated", "2020-01-01", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert "no date found, dated 2020-01-01 as --undated says" in result.stdout
    assert (tmp_path / "docs/incidents/2020-01-01-the-afternoon-the-queue-stopped/index.md").is_file()


def test_dry_run_prints_the_same_lines_and_writes_nothing(tmp_path):
    dry = lore("import", str(WRITEUPS), "--into", "docs/incidents", "--dry-run", cwd=tmp_path)
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert not (tmp_path / "docs").exists()
    assert dry.stdout.rstrip().endswith("(dry run: nothing was written)")
    real = lore("import", str(WRITEUPS), "--into", "docs/incidents", cwd=tmp_path)
    assert real.stdout.splitlines()[:-1] == dry.stdout.splitlines()[:-1]


def test_importing_twice_skips_and_force_rewrites_the_same_bytes(tmp_path):
    first = lore("import", str(WRITEUPS), "--into", "docs/incidents", cwd=tmp_path)
    assert first.returncode == 0
    before = tree(tmp_path / "docs/incidents")
    again = lore("import", str(WRITEUPS), "--into", "docs/incidents", cwd=tmp_path)
    assert again.returncode == 0
    skipped = [line for line in again.stdout.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == 4
    assert all(line.endswith(": already imported (use --force to overwrite)") for line in skipped)
    assert tree(tmp_path / "docs/incidents") == before

    story = tmp_path / "docs/incidents/2021-03-03-the-cache-stampede/index.md"
    story.write_text("edited by hand")
    forced = lore("import", str(WRITEUPS), "--into", "docs/incidents", "--force", cwd=tmp_path)
    assert forced.returncode == 0
    assert "4 imported, 0 skipped" in forced.stdout
    assert tree(tmp_path / "docs/incidents") == before

    # A fresh import elsewhere gives the same tree: output depends only on the sources.
    other = lore("import", str(WRITEUPS), "--into", "elsewhere/incidents", cwd=tmp_path)
    assert tree(tmp_path / "elsewhere/incidents") == before


def test_inference_order_and_guesses():
    # Front matter first, then the file name, then the text; 03/04/2021 is ambiguous and ignored.
    assert convert("---\ndate: 2020-05-06\n---\nOn 2019-01-01 it broke.\n").date == "2020-05-06"
    assert convert("On 2019-01-01 it broke.\n", name="2018-02-03-x.md").date == "2018-02-03"
    found = convert("Filed 03/04/2021. It began March 3rd, 2021 at noon.\n")
    assert found.date == "2021-03-03" and "date from text 'March 3rd, 2021'" in found.notes
    assert convert("It broke on 03/04/2021.\n").error.startswith("no date found")
    assert convert("---\nstart_time: ''\nsource_published_at: 2022-09-09T16:00:00Z\n---\nText.\n").date == "2022-09-09"

    # Title: front matter, then the first H1, then the file name (reported).
    result = convert("No heading here, on 2021-01-02.\n", name="the-lost-queue.md")
    assert 'title: The lost queue' in result.text and "title from file name" in result.notes
    assert result.slug == "2021-01-02-the-lost-queue"
    assert "no summary found" not in result.notes

    # Front matter: date plain, values quoted safely, no summary reported.
    result = convert("---\ntitle: 'Retry storm: #2'\ndate: 2021-01-02\n---\n## Timeline\n\n- 10:00 start\n")
    assert "\ndate: 2021-01-02\n" in result.text and "title: 'Retry storm: #2'" in result.text
    assert "no summary found" in result.notes


def test_summary_is_trimmed_to_two_sentences_and_skips_template_fields():
    body = "**Date:** 2021-01-02\n**Status:** Draft\n\nOne. Two [links](http://x) stay text. Three.\n"
    assert convert(body).text.split("summary: ")[1].splitlines()[0] == "One. Two links stay text."
    long = "word " * 100
    summary = importer.trim_summary(long)
    assert len(summary) <= 300 and summary.endswith("…")


def test_services_and_tags_follow_the_mapping():
    text = "---\ndate: 2021-01-02\nproduct: Payments, Ledger Sync\ncategories: [Cloud]\n---\nBody text here.\n"
    result = convert(text, mapping=importer.parse_map(["product=services", "categories=none"]),
                     known_services=frozenset({"payments"}))
    meta = re.search(r"^---\n(.*?)\n---", result.text, re.S).group(1)
    assert "services:\n- payments" in meta and "tags:\n- ledger-sync" in meta and "cloud" not in meta
    assert "service 'Ledger Sync' unknown, kept as a tag" in result.notes
    with pytest.raises(ValueError):
        importer.parse_map(["product"])


def test_headings_map_only_outside_code_and_once():
    body = "# Outage\n\nOn 2021-01-02 it broke.\n\n## Where we got lucky\nA spare disk.\n\n```\n## Root cause\n```\n"
    result = convert(body)
    assert "# Outage" not in result.text
    assert "## What went well\n\n<!-- imported heading: Where we got lucky -->\n\nA spare disk." in result.text
    assert "```\n## Root cause\n```" in result.text


def test_duplicate_slugs_get_numbers_in_source_order(tmp_path):
    for name in ("b.md", "a.md", "c.md"):
        (tmp_path / name).write_text("# Same\n\nOn 2021-01-02 it broke.\n")
    results = importer.convert_all(importer.find_sources([tmp_path]), importer.ImportOptions())
    assert [(r.src.name, r.slug) for r in results] == [
        ("a.md", "2021-01-02-same"), ("b.md", "2021-01-02-same-2"), ("c.md", "2021-01-02-same-3"),
    ]


@pytest.mark.skipif(not (CORPUS / "data").is_dir(), reason=f"the shared corpus is not here: {CORPUS} (only in the project's workspace)")
def test_the_icco_corpus_imports_and_builds(tmp_path):
    project = write_project(tmp_path, {})
    started = time.monotonic()
    result = lore("import", str(CORPUS / "data"), "--into", "docs/incidents", "--undated", "1970-01-01", cwd=project)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    assert "242 imported, 0 skipped, 0 failed" in result.stdout
    stories = list((project / "docs/incidents").glob("*/index.md"))
    assert len(stories) == 242
    assert all("\nsource_url: " in story.read_text() for story in stories)
    check = lore("check", cwd=project)
    assert check.returncode == 0, check.stderr[-2000:]
    assert "242 incidents, 0 services: 0 errors" in check.stdout
    build = run_build(project)
    assert build.returncode == 0, build.log[-3000:]
    catalog = build.html("incidents/index.html")
    assert len(re.findall(r'<li class="lore-entry[ "]', catalog)) == 242
    print(f"icco corpus: import + check + build in {time.monotonic() - started:.1f}s")


def test_nothing_outside_the_source_folder_is_copied_and_unsafe_addresses_are_left_out(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not publish")
    src = tmp_path / "writeups" / "team"
    src.mkdir(parents=True)
    (src / "inside.png").write_bytes(b"\x89PNG")
    (src / "link.png").symlink_to(secret)  # a symlink inside that points out is outside too
    (src / "a.md").write_text(
        "---\ntitle: Outage\ndate: 2021-05-05\nurl: 'javascript:alert(1)'\n---\n\n"
        "What we saw. ![fig](inside.png) ![x](../../secret.txt) ![s](link.png)\n"
        '<img src="../../secret.txt"> ![r](https://img.example.org/a.png)\n')
    result = lore("import", str(tmp_path / "writeups"), "--into", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    story = tmp_path / "out/2021-05-05-outage"
    assert sorted(p.name for p in story.iterdir()) == ["index.md", "inside.png"]
    text = (story / "index.md").read_text()
    assert "secret" not in text and "source_url" not in text and "javascript" not in text
    assert "[image: x]" in text and "[image: s]" in text and "![r](https://img.example.org/a.png)" in text
    for note in ("source address 'javascript:alert(1)' left out: not an http or https address",
                 "image '../../secret.txt' is outside the source folder: not copied, shown as its text",
                 "image 'link.png' is outside the source folder: not copied, shown as its text",
                 "remote image 'https://img.example.org/a.png' kept as a link: an offline site cannot show it"):
        assert note in result.stdout


@pytest.mark.parametrize("front, message", [
    ("date: 2020-02-30", "date: '2020-02-30' is not a real date (expected YYYY-MM-DD)"),
    ("start_time: 2021-13-01T10:00", "start_time: '2021-13-01T10:00' is not a real date (expected YYYY-MM-DD)"),
])
def test_a_bad_date_is_named_not_reported_as_missing(front, message):
    result = convert(f"---\ntitle: T\n{front}\n---\n\nOn 2021-03-03 it broke.\n")
    assert result.error == message


@pytest.mark.parametrize("source, title, date", [
    ('+++\ntitle = "Traefik routing outage"\ndate = 2022-03-04T10:00:00Z\ntags = ["proxy"]\n+++\n\nIt broke.\n',
     "Traefik routing outage", "2022-03-04"),
    ('+++\ntitle = "Zola dated"\ndate = 2021-07-08\n+++\nIt broke.\n', "Zola dated", "2021-07-08"),
    ('{\n  "title": "JSON front matter",\n  "date": "2020-01-02"\n}\n\nIt broke.\n', "JSON front matter", "2020-01-02"),
    ("Database failover\n=================\n\nOn 2019-05-06 the primary failed.\n", "Database failover", "2019-05-06"),
    ("<!-- exported -->\n[![badge](b.svg)](x)\n\n# The **real** title\n\nOn 2019-05-06 it broke.\n",
     "The real title", "2019-05-06"),
])
def test_front_matter_forms_and_title_headings(source, title, date):
    result = convert(source)
    assert not result.error, result.error
    assert f"\ntitle: {title}\n" in result.text and f"\ndate: {date}\n" in result.text
    body = result.text.split("---\n", 2)[2]
    assert title not in body and "+++" not in body and '"title"' not in body and "=====" not in body


def test_later_h1s_are_sections_and_never_the_title():
    result = convert("Intro paragraph about 2021-02-03.\n\n# Summary\n\nIt broke.\n\nStats\n=====\n\n- 3 hosts\n",
                     name="2021-02-03-api-outage.md")
    assert "\ntitle: Api outage\n" in result.text
    body = result.text.split("---\n", 2)[2]
    assert "\n## Summary\n" in body and "\n## Stats\n" in body and "\n# " not in "\n" + body and "=====" not in body
    assert "level-1 heading 'Summary' kept as a section (level 2)" in result.notes


def test_lessons_learned_is_kept_as_written_not_made_a_surprise():
    result = convert("---\ntitle: T\ndate: 2021-01-01\n---\n\n## Lessons learned\n\nWe need more tests.\n")
    assert "## Lessons learned" in result.text and "What surprised us" not in result.text


def test_suggested_terms_ignore_the_importers_notes_addresses_paths_and_initials():
    from lore.core.glossary import Glossary, suggest_terms

    body = ("<!-- imported heading: Lessons Learned -->\n\nJD: restarted the MQ broker, see "
            "https://status.example.com/incidents/abc#fragment and docs/runbooks/restart.md.\n(KW) was paged.\n")
    found = dict(suggest_terms({f"s{i}.md": body for i in range(3)}, Glossary()))
    assert "MQ" in found
    assert not [name for name in found if any(noise in name.casefold() for noise in
                ("imported", "lessons", "status", "example", "fragment", "runbooks", "restart.md"))]
    assert "JD" not in found and "KW" not in found


@pytest.mark.parametrize("source, summary", [
    ("# Outage\n\n## Summary\n\nAll times in CET.\n\nThe checkout stopped taking payments for forty minutes after a "
     "certificate rotation.\n\n## Impact\n\nMany.\n", "The checkout stopped taking payments for forty minutes after a "
     "certificate rotation."),
    ("# Traefik\n\nIntro words that are not the summary at all.\n\n## TL;DR\n\n"
     "**Traefik versions confirmed affected**: 1.7\n\nhttps://a.example.org/x https://b.example.org/y\n\n"
     "**Critical** - upgrade now\n\nRouting rules were dropped when a **config reload** raced a [health check][hc][^1].\n\n"
     "[hc]: https://example.org/hc\n[^1]: A footnote.\n",
     "Routing rules were dropped when a config reload raced a health check."),
])
def test_the_summary_is_the_summary_sections_first_real_paragraph_as_plain_text(source, summary):
    import yaml

    result = convert(source + "\nOn 2021-01-01.\n")
    assert yaml.safe_load(result.text.split("---\n")[1])["summary"] == summary, result.text


@pytest.mark.parametrize("path, source, date", [
    ("2022/05/outage.md", "# Outage\n\nIt was slow for an hour.\n", "2022-05-01"),  # the month, from the folders
    ("2022/05/14/outage.md", "# Outage\n\nIt was slow.\n", "2022-05-14"),
    ("x/outage.md", "# Outage on 14-03-2022\n\nIt began on 2022-03-15 for us.\n", "2022-03-14"),  # day-first, unambiguous
    ("2022/04/outage.md", "# Outage 05-04-2022\n\nSlow.\n", "2022-04-05"),  # ambiguous, but the folders say April
    ("x/outage.md", "# Outage\n\n**Date:** 7 June 2023\n\nIn 2021-01-01 we had changed the pool.\n", "2023-06-07"),
    ("x/outage.md", "# Outage\n\nOn 2020-02-10 we changed the pool size. Two years later, on 2022-06-01 at 10:00, "
     "the pool ran dry; it recovered on 2022-06-02.\n", "2022-06-01"),  # the 2020 change is background
])
def test_dates_come_from_the_strongest_evidence_and_not_from_background(tmp_path, path, source, date):
    target = tmp_path / "src" / path
    target.parent.mkdir(parents=True)
    target.write_text(source)
    result = importer.convert_all([target], importer.ImportOptions(roots=(tmp_path / "src",)))[0]
    assert result.date == date, (result.error, result.notes)


CONFLUENCE = """<html><head><title>Ops : Checkout outage 2023-02-03</title><style>p{}</style></head><body>
<div id="header">Confluence navigation</div><div id="main-content" class="wiki-content">
<h2>Summary</h2><p>The checkout returned errors for <strong>twenty minutes</strong> after a cache flush.</p>
<h2>Timeline</h2><table><tr><th>Time</th><th>What</th></tr><tr><td>10:02</td><td>Alerts fired</td></tr></table>
<ul><li>first</li><li>second</li></ul><pre><code>redis-cli FLUSHALL</code></pre>
<p><img src="attachments/graph.png"> <a href="https://status.example.org/">status page</a></p></div></body></html>"""
GOOGLE_DOCS = """<html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type"><style>.c1{}</style>
</head><body class="c5"><p class="title"><span>Search outage</span></p><h1 class="c2"><span>Search outage</span></h1>
<p><span>Date: 9 May 2023</span></p><h2><span>Overview</span></h2><p><span>Search timed out for a third of
queries because a DNS record had no TTL set.</span></p><p><img src="data:image/png;base64,iVBORw0KGgo="></p></body></html>"""


def test_a_collection_with_cross_links_html_and_word_imports_and_builds_strict(tmp_path):
    import docx

    src = tmp_path / "postmortems"
    (src / "2023" / "attachments").mkdir(parents=True)
    (src / "2023" / "attachments" / "graph.png").write_bytes(b"\x89PNG")
    (src / "2023" / "checkout.html").write_text(CONFLUENCE)
    (src / "2023" / "search.htm").write_text(GOOGLE_DOCS)
    (src / "PM2019-009 - Queue stall.md").write_text(
        "# Queue stall\n\nOn 2019-04-04 the queue stalled; see [the search outage](2023/search.htm) and "
        "[the old notes](notes/old.md) and [x](javascript:alert(1)).\n\nAlso [PM][pm].\n\n[pm]: PM2019-010%20-%20Disk.md\n")
    (src / "PM2019-010 - Disk.md").write_text("# Disk full\n\nOn 2019-05-05 the disk filled; back to [the stall]"
                                               "(PM2019-009%20-%20Queue%20stall.md#timeline).\n")
    (src / "README.md").write_text("# Our post-mortems\n\nIndex of everything.\n")
    (src / "postmortem-template.md").write_text("# Title\n\n## Summary\n\n{{ one line }}\n")
    (src / "drafts").mkdir()
    (src / "drafts" / "wip.md").write_text("# WIP\n\n2020-01-01 unfinished.\n")
    (src / "runbook").write_text("# Restarting the queue\n\nOn 2018-01-02 we wrote this down first.\n")
    (src / "slides.pdf").write_bytes(b"%PDF-1.4")
    document = docx.Document()
    document.add_heading("Payments double charge", 1)
    document.add_paragraph("Incident date: 2022-09-05")
    document.add_heading("Summary", 2)
    document.add_paragraph("During a database failover, 212 buyers were charged twice for one order.")
    document.add_paragraph("retry the capture", style="List Bullet")
    document.save(src / "payments.docx")
    project = write_project(tmp_path / "site", {})
    report = tmp_path / "report.json"
    result = lore("import", str(src), "--into", "docs/incidents", "--exclude", "drafts/*", "--report", str(report),
                  cwd=project)
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    assert f"skipped {src / 'README.md'}: a README or project file, not a write-up (left out)" in out
    assert f"skipped {src / 'postmortem-template.md'}: a template, not a write-up (left out)" in out
    assert f"skipped {src / 'slides.pdf'}: not imported: '.pdf' files are not read" in out
    assert "wip" not in out
    assert "lore import: 6 imported, 3 skipped, 0 failed" in out
    incidents = project / "docs/incidents"
    stall = (incidents / "2019-04-04-queue-stall/index.md").read_text()
    assert "[the search outage](../2023-05-09-search-outage/index.md)" in stall
    assert "the old notes" in stall and "notes/old.md" not in stall and "javascript" not in stall
    assert "[pm]: ../2019-05-05-disk-full/index.md" in stall
    assert "(../2019-04-04-queue-stall/index.md#timeline)" in (incidents / "2019-05-05-disk-full/index.md").read_text()
    checkout = (incidents / "2023-02-03-checkout-outage-2023-02-03/index.md").read_text()
    assert "summary: The checkout returned errors for twenty minutes after a cache flush." in checkout
    assert "| 10:02 | Alerts fired |" in checkout and "- first" in checkout and "redis-cli FLUSHALL" in checkout
    assert (incidents / "2023-02-03-checkout-outage-2023-02-03/graph.png").is_file()
    assert "Confluence navigation" not in checkout
    search = incidents / "2023-05-09-search-outage"
    assert [p.suffix for p in search.glob("image-*")] == [".png"]
    payments = (incidents / "2022-09-05-payments-double-charge/index.md").read_text()
    assert "summary: During a database failover, 212 buyers were charged twice for one order." in payments
    assert "- retry the capture" in payments
    assert (incidents / "2018-01-02-restarting-the-queue/index.md").is_file()  # Markdown with no extension
    table = json.loads(report.read_text())
    assert {row["status"] for row in table} <= {"imported", "needs attention"} and len(table) == 6
    build = run_build(project)
    assert build.returncode == 0, build.log[-3000:]


def test_services_are_matched_by_the_service_pages_titles_too():
    options = {"known_services": frozenset({"payments"}), "service_titles": {"payments api": "payments"}}
    result = convert("---\ntitle: T\ndate: 2021-01-01\nservices: [Payments API, Ledger]\n---\n\nText here today.\n",
                     **options)
    assert "\nservices:\n- payments\n" in result.text and "\ntags:\n- ledger\n" in result.text
