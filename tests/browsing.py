"""The demo in a real browser, for every browser test module: headless Debian Chromium driven by
Playwright, the demo built once per test worker (session fixtures, registered in conftest.py) and
served on localhost, with every request to any other host refused and counted as a failure."""

import contextlib
import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MERMAID = ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
STORY = "incidents/2024-03-12-the-404-storm/"

# Every request to another host goes to a closed port and fails, in the browser itself: routing each request
# through Playwright to refuse the foreign ones took longer than the page loads.
NOWHERE = {"server": "http://127.0.0.1:9", "bypass": "127.0.0.1,localhost"}
NO_CHROMIUM = "Debian's chromium is not installed (apt-get install chromium); .ci/run installs it"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _build_and_serve(site: Path, config: Path | None = None):
    subprocess.run([str(BIN / "python"), "scripts/make_sample_repo.py", ".lore/sample-repo"], cwd=ROOT, check=True,
                   capture_output=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", LORE_MERMAID_JS=str(MERMAID))
    subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-f", str(config or ROOT / "mkdocs.yml"), "-d", str(site)],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    httpd = _build_and_serve(tmp_path_factory.mktemp("demo") / "site")
    yield f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()


@pytest.fixture(scope="session")
def replaced(tmp_path_factory):
    """The demo without Material's search plugin: the header gets Lore's plain box, which opens the explorer.
    Its mkdocs.yml is written outside the checkout (the demo's folders made absolute), so workers never share it."""
    folder = tmp_path_factory.mktemp("replaced")
    config = (ROOT / "mkdocs.yml").read_text().replace("plugins:\n  - search\n", "plugins:\n", 1)
    config = config.replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}")
    config = config.replace("path: .lore/sample-repo", f"path: {ROOT / '.lore/sample-repo'}")
    (folder / "mkdocs.yml").write_text(config)
    httpd = _build_and_serve(folder / "site", folder / "mkdocs.yml")
    yield f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()


@pytest.fixture(scope="module")  # closed after each module: a module may start Playwright of its own
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip(NO_CHROMIUM)
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, proxy=NOWHERE, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    """A fresh page that refuses every request not to the local server and records console errors."""
    with guarded(browser, server, viewport={"width": 1200, "height": 900}) as page:
        yield page


@contextlib.contextmanager
def guarded(browser, base, **options):
    """A page in a new context (``options`` as Playwright takes them) that records every request not to
    the local server (the browser refuses them: ``NOWHERE``) and console errors; both must be empty when
    the test is done."""
    context = browser.new_context(reduced_motion="reduce", **options)
    page = context.new_page()
    page.foreign, page.errors = [], []

    def request(r):
        if urlsplit(r.url).hostname not in ("127.0.0.1", "localhost") and not r.url.startswith(("data:", "blob:")):
            page.foreign.append(r.url)

    context.on("request", request)
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.base = base
    try:
        yield page
        assert page.foreign == [], f"requests left localhost: {page.foreign}"
        assert page.errors == [], f"console errors: {page.errors}"
    finally:
        context.close()


def shot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


