"""The story card, its copy button and the listings' links, in a real browser on the served demo."""

import re

import pytest

from browsing import ARTIFACTS, STORY, guarded

STORY_ID = "2024-03-12-the-404-storm"


def _first_paragraph_top(page) -> float:
    """Where the story's first paragraph (the first <p> after the card) starts, from the top of the page."""
    return page.evaluate("""() => {
        const card = document.querySelector('.lore-card');
        const all = [...document.querySelectorAll('article p')];
        const first = all.find(p => !card.contains(p) && (card.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING));
        return first.getBoundingClientRect().top + scrollY;
    }""")


@pytest.mark.parametrize("width,height,scheme", [(1280, 900, "light"), (390, 844, "dark")])
def test_the_story_starts_on_the_first_screen(browser, server, width, height, scheme):
    with guarded(browser, server, viewport={"width": width, "height": height}, color_scheme=scheme) as page:
        page.goto(server + STORY)
        card = page.locator(".lore-card").bounding_box()
        assert page.locator(".lore-card__fact--responders dd").is_hidden()  # folded
        assert page.locator(".lore-card__fact--services dd").is_visible()
        if width > 600:
            assert _first_paragraph_top(page) + 40 < height  # a line of the story, not just its top edge
        else:
            assert card["height"] <= height * 0.6
            assert _first_paragraph_top(page) < height
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"story-top-{width}-{scheme}.png"))


def test_more_about_this_incident_opens_from_the_keyboard(browser, server):
    with guarded(browser, server, viewport={"width": 1280, "height": 900}) as page:
        page.goto(server + STORY)
        summary = page.locator(".lore-card__more > summary")
        assert summary.inner_text() == "More about this incident"
        summary.focus()
        page.keyboard.press("Enter")
        assert page.locator(".lore-card__fact--responders dd").is_visible()
        assert page.locator(".lore-card__fact--cite .lore-cite__help").is_visible()
        # Facts sit in two columns: each label beside its value, not above it.
        dt = page.locator(".lore-card__fact--responders dt").bounding_box()
        dd = page.locator(".lore-card__fact--responders dd").bounding_box()
        assert dd["x"] > dt["x"] + dt["width"] and abs(dd["y"] - dt["y"]) < 12


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_copy_button_copies_the_id_and_says_so(browser, server, scheme):
    with guarded(browser, server, viewport={"width": 1280, "height": 900}, color_scheme=scheme) as page:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        page.goto(server + STORY)
        page.locator(".lore-card__more > summary").click()
        button = page.locator(".lore-cite__copy")
        assert button.is_visible() and button.get_attribute("aria-label") == f"Copy the id {STORY_ID}"
        icon = button.evaluate("b => getComputedStyle(b, '::after').maskImage || getComputedStyle(b, '::after').webkitMaskImage")
        assert "svg" in icon  # Material's copy icon
        status = page.locator(".lore-cite__status")
        assert status.inner_text() == ""
        button.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("document.querySelector('.lore-cite__status').textContent === 'Copied'")
        assert status.is_visible()
        assert page.evaluate("navigator.clipboard.readText()") == STORY_ID
        page.locator(".lore-card").screenshot(path=str(ARTIFACTS / f"card-cite-{scheme}.png"))
        page.wait_for_function("document.querySelector('.lore-cite__status').textContent === ''", timeout=4000)


def test_without_javascript_there_is_no_dead_copy_button(browser, server):
    with guarded(browser, server, viewport={"width": 1280, "height": 900}, java_script_enabled=False) as page:
        page.goto(server + STORY)
        page.locator(".lore-card__more > summary").click()
        assert page.locator(".lore-cite__id").is_visible()
        assert page.locator(".lore-cite__copy").is_hidden()


def test_catalog_marks_the_current_listing_and_its_chips_lead_to_the_sections(browser, server):
    with guarded(browser, server, viewport={"width": 1280, "height": 900}) as page:
        page.goto(server + "incidents/")
        current = page.locator('.lore-kinds [aria-current="page"]')
        assert current.count() == 1 and current.inner_text().startswith("All stories")
        other = page.locator(".lore-kinds .lore-badge--near-miss")

        def background(locator):
            return locator.evaluate("el => getComputedStyle(el).backgroundColor")
        assert background(current) != background(other)
        entry = page.locator(".lore-entry", has=page.locator(".lore-entry__title", has_text="The 404 storm"))
        assert entry.locator(".lore-entry__themes").get_attribute("title") == "Sections this story has"
        chip = entry.locator("a.lore-chip", has_text="Surprises")
        chip.click()
        page.wait_for_url("**/incidents/2024-03-12-the-404-storm/#what-surprised-us")
        heading = page.locator("#what-surprised-us").bounding_box()
        assert 0 <= heading["y"] < 900


def test_kind_listing_marks_its_own_chip(browser, server):
    with guarded(browser, server, viewport={"width": 390, "height": 844}, color_scheme="dark") as page:
        page.goto(server + "incidents/kind/near-miss/")
        current = page.locator('.lore-kinds [aria-current="page"]')
        assert current.count() == 1 and current.inner_text().startswith("Near misses")
        assert page.locator(".lore-kinds .lore-badge--all").get_attribute("aria-current") is None


def test_read_on_leads_to_the_section_an_excerpt_was_cut_from(browser, server):
    with guarded(browser, server, viewport={"width": 1280, "height": 900}) as page:
        page.goto(server + "incidents/themes/dilemmas/")
        more = page.locator(".lore-themes__more").first
        assert more.evaluate("a => a.firstChild.textContent") == "Read on"
        hidden = more.locator(".lore-sr").bounding_box()  # the story's name: for screen readers, not shown
        assert hidden["width"] <= 1 and hidden["height"] <= 1
        item = more.locator("xpath=..").inner_text()
        assert "…" in item
        more.click()
        page.wait_for_url(re.compile(r"/incidents/2024-[^/]+/#dilemmas$"))
        assert 0 <= page.locator("#dilemmas").bounding_box()["y"] < 900
