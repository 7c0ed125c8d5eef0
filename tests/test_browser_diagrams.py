"""Mermaid diagrams in a real browser: labels Material would shrink below 11 px are shown readable in a box that
scrolls, with a button to see the whole diagram; small diagrams stay as Material draws them.

Material draws into closed shadow roots, which no page script reaches; the tests measure inside them through the
DevTools protocol (DOM.getDocument with pierce), as the browser has laid them out."""

import pytest

from browsing import ARTIFACTS, guarded

OVERVIEW = "architecture/"
READABLE = 11  # px

# The smallest label of one diagram as drawn: its font size times the scale of its SVG coordinates on screen.
SMALLEST = """function () {
  let smallest = Infinity;
  this.querySelectorAll('text, foreignObject *').forEach(el => {
    if (![...el.childNodes].some(n => n.nodeType === 3 && n.data.trim())) return;
    const ctm = (el instanceof SVGGraphicsElement ? el : el.closest('foreignObject')).getScreenCTM();
    smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize) * Math.hypot(ctm.a, ctm.b));
  });
  return isFinite(smallest) ? smallest : -1;
}"""
# Every fence replaced by its drawing; diagrams.js lays each out in the same task as Material draws it.
DRAWN = "() => document.querySelector('div.mermaid') && !document.querySelector('pre.mermaid')"
BOXES = """() => [...document.querySelectorAll('.lore-diagram__scroll')].map(s => ({
  big: s.parentElement.classList.contains('lore-diagram--big'), sw: s.scrollWidth, cw: s.clientWidth,
  sh: s.scrollHeight, ch: s.clientHeight, right: s.getBoundingClientRect().right,
  column: document.querySelector('.md-content__inner').getBoundingClientRect().right}))"""


def label_sizes(page) -> list[float]:
    """The smallest label's size in px of each diagram, in page order."""
    cdp = page.context.new_cdp_session(page)
    hosts = []

    def walk(node):
        if node.get("shadowRoots") and "mermaid" in node.get("attributes", []):
            hosts.append(node["shadowRoots"][0]["backendNodeId"])
        for child in node.get("children", []):
            walk(child)

    walk(cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"])
    sizes = []
    for backend in hosts:
        root = cdp.send("DOM.resolveNode", {"backendNodeId": backend})["object"]["objectId"]
        result = cdp.send("Runtime.callFunctionOn", {"objectId": root, "functionDeclaration": SMALLEST,
                                                     "returnByValue": True})["result"]
        sizes.append(result["value"])
    cdp.detach()
    return sizes


def _overflow(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


def _open(page, path):
    page.goto(page.base + path)
    page.wait_for_function(DRAWN, timeout=15000)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width,height", [(1280, 900), (390, 844)])
def test_big_diagram_reads_at_11_px_in_a_box_that_scrolls_and_fits_whole_on_request(browser, server, width, height,
                                                                                     scheme):
    with guarded(browser, server, viewport={"width": width, "height": height}, color_scheme=scheme) as page:
        _open(page, OVERVIEW)
        sizes = label_sizes(page)
        assert sizes and min(sizes) >= READABLE, sizes
        boxes = page.evaluate(BOXES)
        assert boxes[0]["big"]  # the overview is 1,500 px wide: Material alone draws its labels at 3-6 px
        for box in boxes:
            assert box["right"] <= box["column"] + 1  # never past the column
            if box["big"]:
                assert box["sw"] > box["cw"] or box["sh"] > box["ch"]  # the rest is a scroll away
        assert _overflow(page) <= 0
        figure = page.locator(".lore-diagram").first
        button = figure.locator(".lore-diagram__zoom")
        figure.scroll_into_view_if_needed()
        page.screenshot(path=str(_artifact(f"diagram-{width}-{scheme}.png")))
        button.focus()
        page.keyboard.press("Enter")
        whole = page.evaluate(BOXES)[0]
        assert whole["sw"] <= whole["cw"] and whole["sh"] <= whole["ch"]  # all of it in the box
        assert label_sizes(page)[0] < READABLE and button.inner_text() == "Readable size"
        page.screenshot(path=str(_artifact(f"diagram-whole-{width}-{scheme}.png")))
        page.keyboard.press("Space")
        assert label_sizes(page)[0] >= READABLE and button.inner_text() == "Whole diagram"
        assert _overflow(page) <= 0


def test_the_scrolling_box_takes_keyboard_focus_and_scrolls_with_the_arrow_keys(browser, server):
    with guarded(browser, server, viewport={"width": 390, "height": 844}) as page:
        _open(page, OVERVIEW)
        box = page.locator(".lore-diagram__scroll").first
        box.focus()
        assert page.evaluate("() => document.activeElement.classList.contains('lore-diagram__scroll')")
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => document.querySelector('.lore-diagram__scroll').scrollLeft > 0")


def test_a_diagram_that_reads_well_stays_as_material_draws_it_until_the_window_narrows(browser, server):
    with guarded(browser, server, viewport={"width": 1280, "height": 900}) as page:
        _open(page, "architecture/search/")  # labels 12 px in the column at this width
        assert min(label_sizes(page)) >= READABLE
        box = page.evaluate(BOXES)[0]
        assert not box["big"] and box["sw"] <= box["cw"]
        assert not page.locator(".lore-diagram__zoom").is_visible()
        page.set_viewport_size({"width": 390, "height": 844})
        page.wait_for_function("() => document.querySelector('.lore-diagram--big')")
        assert min(label_sizes(page)) >= READABLE and page.locator(".lore-diagram__zoom").is_visible()
        assert _overflow(page) <= 0


def test_diagrams_script_is_only_on_pages_with_a_diagram(basic_site):
    pages = {p: p.read_text(encoding="utf-8") for p in basic_site.site.rglob("*.html")}
    drawn = [html for html in pages.values() if 'class="mermaid"' in html]
    assert drawn and len(drawn) < len(pages)
    for html in pages.values():
        assert ("assets/lore/diagrams.js" in html) == ('class="mermaid"' in html)
    for html in drawn:  # after mermaid, before Material's bundle draws the first diagram
        assert html.index("mermaid.min.js") < html.index("lore/diagrams.js") < html.index("assets/javascripts/bundle.")
    assert (basic_site.site / "assets/lore/diagrams.js").read_text().startswith("/* Lore: mermaid diagrams")


def _artifact(name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name
