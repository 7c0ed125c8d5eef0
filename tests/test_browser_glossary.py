"""The glossary in a real browser: a tap on a term shows its definition; the A-Z index filters."""

import pytest

from browsing import STORY, guarded, shot

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_tap_on_a_term_shows_its_definition_and_a_second_tap_opens_its_page(browser, server, scheme):
    with guarded(browser, server, color_scheme=scheme, **PHONE) as page:
        page.goto(server + STORY)
        term = page.locator("a.lore-term", has_text="out-of-band console").first
        term.scroll_into_view_if_needed()
        term.tap()
        tip = page.locator("[role=tooltip][class*='--active']")  # Material's tooltip, as on hover
        tip.wait_for(timeout=5000)
        assert page.url == server + STORY  # the tap stayed on the story
        assert "A small management computer" in tip.inner_text()
        box, width = tip.bounding_box(), page.evaluate("document.documentElement.clientWidth")
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        shot(page, f"glossary-tap-{scheme}")
        page.locator("h1").first.tap()  # a tap elsewhere closes it
        tip.wait_for(state="hidden", timeout=5000)
        term.tap()
        tip.wait_for(timeout=5000)
        with page.expect_navigation():
            term.tap()
        assert "/glossary/" in page.url


def test_a_click_with_a_mouse_still_follows_the_term(page):
    page.goto(page.base + STORY)
    with page.expect_navigation():
        page.locator("a.lore-term", has_text="out-of-band console").first.click()
    assert "/glossary/" in page.url


def test_the_glossary_index_filters_as_you_type(page):
    page.goto(page.base + "glossary/")
    box = page.locator("input.lore-glossary__filter")
    total = page.locator(".lore-glossary__terms dt:visible").count()
    box.fill("console")
    visible = page.locator(".lore-glossary__terms dt:visible")
    assert 1 <= visible.count() < total
    assert all("console" in (visible.nth(n).inner_text() + visible.nth(n).locator("xpath=following-sibling::dd[1]")
                             .inner_text()).lower() for n in range(visible.count()))
    assert page.locator("h2[id^=letter-]:visible").count() < page.locator("h2[id^=letter-]").count()
    box.fill("zzzz-no-such-term")
    assert page.locator(".lore-glossary__terms dt:visible").count() == 0
    assert "No term matches" in page.locator(".lore-glossary__status").inner_text()
    box.fill("")
    assert page.locator(".lore-glossary__terms dt:visible").count() == total
