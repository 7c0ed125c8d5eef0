"""The benchmark: Lore against the sites a team would otherwise build, in the same run.

    .venv/bin/python bench/run.py                      # N = 1000, 2000, 4000; two rounds
    .venv/bin/python bench/run.py --sizes 1000 --rounds 1   # a quick look
    .venv/bin/python bench/run.py --sizes 1000 2000 4000 10000   # 10,000: L and P only

For each N one synthetic knowledge base (bench/synth.py: ~1,500 words per story,
timelines, perspectives, 300 glossary terms in the prose, links between stories,
20 services) is built four ways, interleaved (V, P, L, L0, V, P, ...):

    V   MkDocs + Material with its search (lunr), a short nav
    P   the same with Material's search off, then the Pagefind CLI over the built site:
        the peer a team picks for a large searchable site
    L   the same Markdown with every Lore plugin (Pagefind included)
    L0  L without Pagefind's index (``pagefind: false``): what Lore's own plugins cost

Each figure is the median of the rounds: wall time, peak RSS of the process tree
(sampled every 20 ms) and output bytes; the first query's transfer is measured in
headless Chromium through the header's search box. It prints the table and
PASS/FAIL against the budgets, and writes bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out" / "run"
sys.path.insert(0, str(HERE))
import report  # noqa: E402
import synth  # noqa: E402

NAV = """nav:
  - index.md
  - incidents/index.md
validation: {nav: {omitted_files: ignore, not_found: ignore}, links: {not_found: ignore, unrecognized_links: ignore}}
"""
HEAD = "site_name: Synthetic\nsite_dir: site-{key}\ntheme: {{name: material, font: false, features: [content.tooltips]}}\n"
PLUGINS = {
    "V": "plugins: [search]\n",
    "P": "plugins: [{search: {enabled: false}}]\n",
    "L": "plugins:\n  - search\n  - lore/incidents\n  - lore/glossary\n  - lore/backlinks\n  - lore/explore\n",
    "L0": "plugins:\n  - search\n  - lore/incidents\n  - lore/glossary\n  - lore/backlinks\n"
          "  - lore/explore: {pagefind: false}\n",
}
VARIANTS = ("V", "P", "L", "L0")
LARGE = ("L", "P")  # what runs at 10,000 stories


def tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants, now (Pagefind runs beside MkDocs)."""
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one command and its children; stops the run if it fails."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.monotonic()
    proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss_kb(proc.pid))
        time.sleep(0.02)
    wall = time.monotonic() - started
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{proc.stderr.read()[-3000:]}")
    return wall, peak / 1024


def pagefind_cli() -> str:
    from pagefind.service import get_executable
    return str(get_executable())


def build(project: Path, key: str) -> dict:
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    site = project / f"site-{key}"
    shutil.rmtree(site, ignore_errors=True)
    wall, rss = timed([mkdocs, "build", "-q", "-f", f"mkdocs-{key}.yml"], project)
    if key == "P":  # the CLI over the finished pages, as its documentation says to run it
        more, rss2 = timed([pagefind_cli(), "--site", site.name], project)
        wall, rss = wall + more, max(rss, rss2)
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return {"wall": wall, "rss": rss, "bytes": size, "site": site}


def prepare(n: int) -> Path:
    project = OUT / str(n)
    synth.generate(project / "tree", n, vanilla=False, glossary="pages", backlinks=None)
    for item in (project / "tree").iterdir():
        target = project / item.name
        if target.exists():
            shutil.rmtree(target) if target.is_dir() else target.unlink()
        item.rename(target)
    shutil.rmtree(project / "tree")
    (project / "mkdocs.yml").unlink(missing_ok=True)
    (project / "docs" / "incidents" / "index.md").write_text("---\ntitle: Incidents\n---\n\n<!-- lore:catalog -->\n")
    for key in VARIANTS:
        (project / f"mkdocs-{key}.yml").write_text(HEAD.format(key=key) + PLUGINS[key] + NAV)
    return project


def measure(n: int, rounds: int) -> dict:
    project = prepare(n)
    keys = LARGE if n > 4000 else VARIANTS
    runs: dict[str, list[dict]] = {k: [] for k in keys}
    for _ in range(rounds):
        for key in keys:  # interleaved, so a slow moment of the machine touches all alike
            runs[key].append(build(project, key))
            print(f"  N={n} {key}: {runs[key][-1]['wall']:.1f} s, {runs[key][-1]['rss']:.0f} MB", flush=True)
    row = {"n": n}
    for key, done in runs.items():
        row[key] = {m: statistics.median(r[m] for r in done) for m in ("wall", "rss", "bytes")}
        row[key]["site"] = done[-1]["site"]
    word = synth.WORDS[0]
    row["fq"] = report.first_query_bytes(row["L"]["site"], word)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    rows = []
    for n in args.sizes:
        rows.append(measure(n, args.rounds))
        print(report.row_line(rows[-1]), flush=True)
    text = report.results(rows, args.rounds)
    (HERE / "RESULTS.md").write_text(text)
    print("\n".join(line for line in text.splitlines() if line.startswith(("- PASS", "- FAIL"))))
    print(f"wrote {HERE / 'RESULTS.md'}")


if __name__ == "__main__":
    main()
