"""Every page of the demo in a real browser (test_every_page.py): no sideways scrolling, a visible <h1>, no console
error, no request leaving localhost, in the light and the dark scheme; a screenshot of each in the
light scheme into tests/artifacts/pages/<width>/ (JPEG).

Each page is loaded once: checked at each width in the scheme it shows, then switched with Material's
own palette toggle, as a reader would, and checked again."""

from __future__ import annotations

import re
import urllib.request

from browsing import ARTIFACTS, guarded

SITE_URL = "https://stories.brambleway.example/"  # the demo's site_url, as sitemap.xml writes it
CHECK = """() => {
  const doc = document.documentElement;
  const h1 = [...document.querySelectorAll("article h1, .md-content h1")].find(h => {
    const box = h.getBoundingClientRect(), style = getComputedStyle(h);
    return box.width > 0 && box.height > 0 && style.visibility !== "hidden" && style.display !== "none";
  });
  return {overflow: doc.scrollWidth - doc.clientWidth, h1: h1 ? h1.textContent.trim() : null};
}"""


def pages(base: str) -> list[str]:
    with urllib.request.urlopen(base + "sitemap.xml") as response:
        sitemap = response.read().decode()
    paths = [loc.replace(SITE_URL, "", 1) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    assert len(paths) > 50 and all(not p.startswith("http") for p in paths), paths[:3]
    return [*paths, "404.html"]


SCHEMES = {"default": "light", "slate": "dark"}
TOGGLE = "form[data-md-component=palette] label:not([hidden])"


def visit_all(browser, base: str, sizes: list[tuple[int, int]]) -> set[tuple[int, str]]:
    """Every page at each size in both schemes, one load a page (the window is resized as a reader turns a
    tablet); returns the (width, scheme) pairs seen, so a test can tell that every one was checked."""
    failures, seen = [], set()
    with guarded(browser, base, viewport={"width": sizes[0][0], "height": sizes[0][1]}) as page:
        for path in pages(base):
            before = len(page.errors)
            page.goto(base + path, wait_until="load")
            for width, height in sizes:
                page.set_viewport_size({"width": width, "height": height})
                for turn in range(2):
                    scheme = _check(page, path, width, turn == 0, failures)
                    seen.add((width, scheme))
            failures += [f"{path}: console error: {e}" for e in page.errors[before:]]
            del page.errors[before:]  # named here with their page, not again at the end
    assert not failures, f"{len(failures)} problems:\n" + "\n".join(failures)
    return seen


def _check(page, path: str, width: int, toggle: bool, failures: list[str]) -> str:
    """Check the page as it is shown, screenshot it in the light scheme, then switch the scheme if asked."""
    shown = page.evaluate("document.body.dataset.mdColorScheme")
    scheme = SCHEMES[shown]
    failures += _problems(page, f"{path} at {width} px", scheme)
    if scheme == "light":  # one screenshot a page and width: the dark ones would double the time
        folder = ARTIFACTS / "pages" / str(width)
        folder.mkdir(parents=True, exist_ok=True)
        name = path.strip("/").replace("/", "--") or "home"
        page.screenshot(path=str(folder / f"{name}.jpg"), type="jpeg", quality=80)  # a third of PNG's time
    if toggle:
        page.evaluate("t => document.querySelector(t).click()", TOGGLE)  # the toggle's own label
        page.wait_for_function("s => document.body.dataset.mdColorScheme !== s", arg=shown)
    return scheme


def _problems(page, path: str, scheme: str) -> list[str]:
    found = page.evaluate(CHECK)
    out = []
    if found["overflow"] > 0:
        out.append(f"{path} ({scheme}): the page scrolls sideways by {found['overflow']} px")
    if not found["h1"]:
        out.append(f"{path} ({scheme}): no visible <h1>")
    return out
