"""What bench/run.py writes: the first query's transfer, the table, the budgets and their verdicts."""

from __future__ import annotations

import datetime as dt
import http.server
import os
import platform
import threading
from functools import partial
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# (label, value from the rows or None when not run, limit)
BUDGETS = (
    ("L time ≤ 1.0× P at 2,000", lambda r: ratio(r, 2000, "L", "P", "wall"), 1.0),
    ("L time ≤ 1.0× P at 4,000", lambda r: ratio(r, 4000, "L", "P", "wall"), 1.0),
    ("L peak RSS ≤ 1.1× P at 4,000", lambda r: ratio(r, 4000, "L", "P", "rss"), 1.1),
    ("L0 time ≤ 1.25× V at 2,000", lambda r: ratio(r, 2000, "L0", "V", "wall"), 1.25),
    ("L output bytes ≤ 1.3× P at 4,000", lambda r: ratio(r, 4000, "L", "P", "bytes"), 1.3),
    ("first query ≤ 300 KB at 4,000", lambda r: kb(r, 4000), 300),
    ("first query ≤ 350 KB at 10,000", lambda r: kb(r, 10000), 350),
    ("t(4,000)/t(1,000) ≤ 4.4 for L", lambda r: ratio_n(r, "L", 4000, 1000), 4.4),
)


def ratio(rows: dict, n: int, a: str, b: str, metric: str) -> float | None:
    row = rows.get(n)
    if not row or a not in row or b not in row:
        return None
    return row[a][metric] / row[b][metric]


def ratio_n(rows: dict, key: str, n1: int, n2: int) -> float | None:
    if n1 not in rows or n2 not in rows:
        return None
    return rows[n1][key]["wall"] / rows[n2][key]["wall"]


def kb(rows: dict, n: int) -> float | None:
    row = rows.get(n)
    return row["fq"] / 1024 if row and row.get("fq") else None


def first_query_bytes(site: Path, word: str) -> int | None:
    """Bytes of Pagefind's index the browser fetches for a first query typed in the header's search box."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path(CHROMIUM).exists():
        return None

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sizes: list[int] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.on("requestfinished",
                    lambda r: sizes.append(r.sizes()["responseBodySize"]) if "/pagefind/" in r.url else None)
            page.goto(f"http://127.0.0.1:{server.server_port}/incidents/")
            box = page.locator(".md-search__input")
            box.click()  # typed as a reader types: Material reads the box on key-up, not on a pasted value
            box.press_sequentially(word, delay=60)
            page.wait_for_function("() => /\\d+ matching/.test(document.querySelector('.md-search-result__meta')"
                                   ".textContent)", timeout=60000)
            page.wait_for_timeout(500)
            browser.close()
    except Exception as error:  # noqa: BLE001 - a measurement that failed is reported, the run's figures kept
        print(f"first query not measured in {site}: {type(error).__name__}: {str(error).splitlines()[0]}", flush=True)
        return None
    finally:
        server.shutdown()
    return sum(sizes)


def machine() -> str:
    info = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), platform.processor())
    mem = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), "0")
    import material
    import mkdocs
    return (f"{cpu}, {os.cpu_count()} cores, {int(mem) // 1024 // 1024} GiB; Python {platform.python_version()}, "
            f"MkDocs {mkdocs.__version__}, Material {material.__version__}; {dt.date.today().isoformat()}")


def cell(row: dict, key: str) -> str:
    if key not in row:
        return "not run"
    r = row[key]
    return f"{r['wall']:.1f} s / {r['rss']:.0f} MB / {r['bytes'] / 1e6:.0f} MB"


def row_line(row: dict) -> str:
    fq = f"{row['fq'] / 1024:.0f} KB" if row.get("fq") else "not measured"
    return f"| {row['n']:,} | " + " | ".join(cell(row, k) for k in ("V", "P", "L", "L0")) + f" | {fq} |"


def results(rows: list[dict], rounds: int) -> str:
    by_n = {r["n"]: r for r in rows}
    lines = ["# Benchmark results", "", f"Machine: {machine()}.", "",
             f"Command: `.venv/bin/python bench/run.py --sizes {' '.join(str(r['n']) for r in rows)} "
             f"--rounds {rounds}` (see its docstring). Medians of {rounds} interleaved rounds; each cell is "
             "wall time / peak RSS of the process tree / output bytes.", "",
             "V: MkDocs + Material with its search. P: Material with its search off, then the Pagefind CLI over "
             "the site. L: every Lore plugin. L0: Lore with `pagefind: false`.", "",
             "| N | V | P | L | L0 | first query (L) |", "|---|---|---|---|---|---|"]
    lines += [row_line(r) for r in rows]
    lines += ["", "## Budgets", ""]
    for label, value, limit in BUDGETS:
        got = value(by_n)
        if got is None:
            lines.append(f"- not run: {label}")
        else:
            lines.append(f"- {'PASS' if got <= limit else 'FAIL'}: {label}: {got:.2f}")
    return "\n".join(lines) + "\n"
