"""The writer's preview, timed: from saving one story to the page served with the change.

    .venv/bin/python bench/serve.py                 # 2,000 stories, 5 edits of each kind
    .venv/bin/python bench/serve.py --stories 500 --edits 3   # a quick look

One synthetic knowledge base (``run.prepare``) is served three ways, one after the other:

    vanilla      ``mkdocs serve`` of MkDocs + Material with its search (the V site of run.py)
    incremental  ``lore serve`` of the same Markdown with every Lore plugin (L)
    full         ``mkdocs serve`` of L: Lore rendering every page on each save

For each, the first build (from starting the server to "Serving on"), then a body edit and a
title change of one story, each repeated; a save's latency is the time from writing the file
to the story's page, fetched over HTTP every 20 ms, holding the new words. Before each edit
the server is left to finish (Pagefind's index included), as a writer reads before saving
again. It prints the medians and PASS/FAIL against the budgets, and writes bench/SERVE.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run  # noqa: E402

BIN = Path(sys.executable).parent
MODES = {
    "vanilla": ([str(BIN / "mkdocs"), "serve"], "mkdocs-V.yml"),
    "incremental": ([str(BIN / "lore"), "serve"], "mkdocs-L.yml"),
    "full": ([str(BIN / "mkdocs"), "serve"], "mkdocs-L.yml"),
}
BUDGETS = [("body edit, incremental", "body", 2.0), ("title change, incremental", "title", 3.0)]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        return urllib.request.urlopen(url, timeout=5).read().decode("utf-8", "replace")
    except OSError:
        return ""


def wait(predicate, seconds: float, step: float = 0.02) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


class Server:
    def __init__(self, project: Path, mode: str) -> None:
        command, config = MODES[mode]
        self.port = free_port()
        self.log = project / f"serve-{mode}.log"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        started = time.monotonic()
        with open(self.log, "w") as out:
            self.proc = subprocess.Popen([*command, "-f", config, "-a", f"127.0.0.1:{self.port}"], cwd=project,
                                         stdout=out, stderr=subprocess.STDOUT, env=env)
        if not wait(lambda: "Serving on" in self.text(), 900, 0.05):
            self.stop()
            raise SystemExit(f"{mode}: the server did not start:\n{self.text()[-3000:]}")
        self.first = time.monotonic() - started

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def settled(self) -> bool:
        """Nothing left running: the last build reloaded, and Pagefind's index (if any) is current."""
        log = self.text()
        built = log.rfind("Reloading browsers") if "Detected file changes" in log else log.rfind("Serving on")
        pending = log.rfind("Pagefind is still writing")
        return built >= 0 and (pending < 0 or log.rfind("search index is current") > pending)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def edit_latency(server: Server, story: Path, url: str, change, marker: str) -> float:
    wait(server.settled, 120, 0.1)
    time.sleep(0.5)
    text = story.read_text()
    started = time.monotonic()
    story.write_text(change(text))
    if not wait(lambda: marker in fetch(url), 300):
        raise SystemExit(f"the page never showed '{marker}':\n{server.text()[-3000:]}")
    return time.monotonic() - started


def measure(project: Path, mode: str, edits: int, slug: str) -> dict:
    story = project / "docs" / "incidents" / slug / "index.md"
    original = story.read_text()
    server = Server(project, mode)
    url = f"http://127.0.0.1:{server.port}/incidents/{slug}/"
    body, title = [], []
    try:
        for n in range(edits):
            said = f"Edit {n} of the body, in {mode}."
            body.append(edit_latency(server, story, url, lambda t, s=said: t.replace("\n## ", f"\n{s}\n\n## ", 1), said))
            name = f"Renamed {n} in {mode}"
            title.append(edit_latency(server, story, url, lambda t, s=name: re.sub(r"^title: .*$", f"title: {s}", t, count=1,
                                                                                    flags=re.M), name))
        wait(server.settled, 120, 0.1)
    finally:
        server.stop()
        story.write_text(original)
    return {"first": server.first, "body": statistics.median(body), "title": statistics.median(title),
            "bodies": body, "titles": title}


def build_seconds(project: Path) -> float:
    wall, _ = run.timed([str(BIN / "mkdocs"), "build", "-q", "-f", "mkdocs-L.yml"], project)
    return wall


def report(n: int, edits: int, rows: dict, build: float) -> str:
    lines = [f"# The writer's preview at {n:,} stories", "",
             f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}; "
             f"medians of {edits} edits of each kind (`bench/serve.py --stories {n} --edits {edits}`).", "",
             "| | first build | body edit | title change |", "| --- | --- | --- | --- |"]
    for mode, row in rows.items():
        lines.append(f"| {mode} | {row['first']:.1f} s | {row['body']:.2f} s | {row['title']:.2f} s |")
    lines += ["", f"`mkdocs build` of the Lore site: {build:.1f} s.", "", "| budget | result | measured |",
              "| --- | --- | --- |"]
    inc = rows.get("incremental")
    if inc:
        for label, key, limit in BUDGETS:
            lines.append(f"| {label} ≤ {limit:.0f} s | {'PASS' if inc[key] <= limit else 'FAIL'} | {inc[key]:.2f} s |")
        ratio = inc["first"] / build
        lines.append(f"| first serve build ≤ 1.1× mkdocs build | {'PASS' if ratio <= 1.1 else 'FAIL'} | {ratio:.2f} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--modes", nargs="+", default=list(MODES), choices=list(MODES))
    args = parser.parse_args()
    project = run.prepare(args.stories)
    slug = sorted(p.name for p in (project / "docs" / "incidents").iterdir() if p.is_dir() and "synthetic" in p.name)[args.stories // 2]
    build = build_seconds(project)
    print(f"mkdocs build (L): {build:.1f} s", flush=True)
    rows = {}
    for mode in args.modes:
        rows[mode] = measure(project, mode, args.edits, slug)
        print(f"{mode}: first {rows[mode]['first']:.1f} s, body {rows[mode]['bodies']}, title {rows[mode]['titles']}", flush=True)
    text = report(args.stories, args.edits, rows, build)
    print(text)
    if args.stories == 2000 and set(args.modes) == set(MODES):
        (HERE / "SERVE.md").write_text(text)


if __name__ == "__main__":
    main()
