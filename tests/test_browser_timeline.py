"""A story's timeline in a real browser: words readable on the diagram at desktop and phone widths,
each mark a link to its table row by touch and keyboard, and the table printed even when closed."""

from urllib.parse import urlsplit

import pytest

from browsing import ARTIFACTS, STORY

LABELS = """() => [...document.querySelectorAll('.lore-tl-svg .lore-tl-text')].map(t => {
  const r = t.getBoundingClientRect();
  return {text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom,
          px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
          fill: getComputedStyle(t).fill};
})"""


@pytest.fixture
def open_story(browser, server):  # noqa: F811
    """Open the story in a fresh context that refuses every request not to the local server
    and records console errors, as test_browser's page fixture does."""
    opened = []

    def open_(width, height=900, scheme="light", **options):
        context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme,
                                      reduced_motion="reduce", **options)
        page = context.new_page()
        page.foreign, page.errors = [], []

        def route(r):
            if urlsplit(r.request.url).hostname in ("127.0.0.1", "localhost") or r.request.url.startswith("data:"):
                r.continue_()
            else:
                page.foreign.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.goto(server + STORY)
        opened.append((context, page))
        return page

    yield open_
    for context, page in opened:
        assert page.foreign == [], f"requests left localhost: {page.foreign}"
        assert page.errors == [], f"console errors: {page.errors}"
        context.close()


def _overlapping(labels):
    return [(a["text"], b["text"]) for i, a in enumerate(labels) for b in labels[i + 1:]
            if a["left"] < b["right"] - 0.5 and b["left"] < a["right"] - 0.5
            and a["top"] < b["bottom"] - 0.5 and b["top"] < a["bottom"] - 0.5]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_every_entry_is_written_on_the_diagram_readably(open_story, width, scheme):
    page = open_story(width, 844 if width == 390 else 900, scheme)
    box = page.locator(".lore-tl-scroll")
    box.scroll_into_view_if_needed()
    labels = page.evaluate(LABELS)
    rows = page.locator(".lore-tl-row").count()
    assert len(labels) == rows == 14  # one label for each entry of the 404 storm
    assert labels[0]["text"].startswith("14:02 Deploy with the legacy-ie.css")
    for label in labels:
        assert label["right"] - label["left"] > 20 and label["bottom"] - label["top"] > 8, label
        assert label["px"] >= 11, label  # as rendered, after the diagram is scaled to its box
    assert _overlapping(labels) == []
    ink = page.evaluate("getComputedStyle(document.querySelector('.md-content')).color")
    assert {label["fill"] for label in labels} == {ink}  # the palette's own text colour, light or dark
    # The page never scrolls sideways; on a phone the diagram scrolls inside its own box instead.
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    scrolls = box.evaluate("b => b.scrollWidth - b.clientWidth")
    assert (scrolls > 0) == (width == 390)
    page.evaluate("window.scrollBy(0, -40)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"timeline-{width}-{scheme}.png"))


def test_a_tapped_mark_leads_to_its_row_in_the_table(open_story):
    page = open_story(390, 844, has_touch=True, is_mobile=True)
    mark = page.locator('a.lore-tl-link[href="#t-1427"]')
    mark.scroll_into_view_if_needed()
    mark.tap()
    page.wait_for_function("location.hash === '#t-1427'")
    row = page.locator(".lore-tl-row", has=page.locator("#t-1427"))
    assert "Rebooted web-017 takes traffic and hangs again" in row.inner_text()
    page.wait_for_timeout(300)
    top = row.bounding_box()["y"]
    header = page.locator(".md-header").bounding_box()
    assert header["y"] + header["height"] <= top < 844  # in view, not under Material's header
    assert row.evaluate("r => getComputedStyle(r).backgroundColor") != "rgba(0, 0, 0, 0)"  # marked as the one
    assert page.locator("#t-1427 > .headerlink").evaluate("a => getComputedStyle(a).opacity") != "0"  # its ¶


def test_the_marks_are_reached_and_followed_by_keyboard(open_story):
    page = open_story(1280)
    page.locator("h2#timeline > .headerlink").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("({mark: document.activeElement.classList.contains('lore-tl-link'),"
                            " href: document.activeElement.getAttribute('href')})")
    assert focused == {"mark": True, "href": "#t-1402"}  # the first mark comes straight after the heading
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#t-1407'")
    row = page.locator(".lore-tl-row", has=page.locator("#t-1407"))
    assert "goes for coffee" in row.inner_text()
    hover = page.locator(".lore-tl-row", has=page.locator("#t-1408")).first
    hover.hover()
    assert hover.locator(".headerlink").evaluate("a => getComputedStyle(a).opacity") == "1"


def test_the_table_prints_expanded_even_when_the_reader_closed_it(open_story):
    page = open_story(600)  # about a portrait page's width, narrower than the diagram's on screen
    page.locator(".lore-tl-details > summary").click()
    assert page.locator(".lore-tl-details").get_attribute("open") is None
    assert not page.locator(".lore-tl-row").first.is_visible()
    page.emulate_media(media="print")
    rows = page.locator(".lore-tl-row")
    assert all(rows.nth(i).is_visible() for i in range(rows.count()))
    assert not page.locator(".lore-tl-details > summary").is_visible()
    svg = page.locator(".lore-tl-svg").bounding_box()
    content = page.locator(".md-content__inner").bounding_box()
    table = page.locator(".lore-tl-table table").bounding_box()
    for printed in (svg, table):  # the diagram and every column of the table fit the paper
        assert printed["x"] + printed["width"] <= content["x"] + content["width"] + 1
