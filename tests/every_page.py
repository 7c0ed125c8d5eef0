"""Every page of the demo in a real browser, shared by the desktop and phone test modules (one module a
width, so pytest-xdist's two workers take one each): no sideways scrolling, a visible <h1>, no console
error, no request leaving localhost, in the light and the dark scheme; a screenshot of each in the
light scheme into tests/artifacts/pages/<width>/ (JPEG).

Each page is loaded once: checked in the scheme it opens in, then switched with Material's own palette
toggle, as a reader would, and checked again (the toggle stores the choice, so pages open in either)."""

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


def visit_all(browser, base: str, width: int, height: int) -> set[str]:
    """Every page at one width in both schemes; returns the schemes seen (both, or the test proves nothing)."""
    failures, seen = [], set()
    with guarded(browser, base, viewport={"width": width, "height": height}) as page:
        for path in pages(base):
            before = len(page.errors)
            page.goto(base + path, wait_until="load")
            for turn in range(2):
                shown = page.evaluate("document.body.dataset.mdColorScheme")
                scheme = SCHEMES[shown]
                seen.add(scheme)
                failures += _problems(page, path, scheme)
                if scheme == "light":  # one screenshot a page and width: the dark ones would double the time
                    folder = ARTIFACTS / "pages" / str(width)
                    folder.mkdir(parents=True, exist_ok=True)
                    name = path.strip("/").replace("/", "--") or "home"
                    page.screenshot(path=str(folder / f"{name}.jpg"), type="jpeg", quality=80)  # a third of PNG's time
                if turn == 0:
                    page.evaluate("t => document.querySelector(t).click()", TOGGLE)  # the toggle's own label
                    page.wait_for_function("s => document.body.dataset.mdColorScheme !== s", arg=shown)
            failures += [f"{path}: console error: {e}" for e in page.errors[before:]]
            del page.errors[before:]  # named here with their page, not again at the end
    assert not failures, f"{len(failures)} problems at {width} px:\n" + "\n".join(failures)
    return seen


def _problems(page, path: str, scheme: str) -> list[str]:
    found = page.evaluate(CHECK)
    out = []
    if found["overflow"] > 0:
        out.append(f"{path} ({scheme}): the page scrolls sideways by {found['overflow']} px")
    if not found["h1"]:
        out.append(f"{path} ({scheme}): no visible <h1>")
    return out
