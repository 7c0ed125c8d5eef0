"""The "Explore incidents" page in a real browser, on the built demo: the layout on a phone, the address that keeps a
view, the counts of the filters, the stories listed before any word, and the kinds' colours."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from browsing import guarded, shot

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def phone(browser, server):
    with guarded(browser, server, viewport=PHONE, has_touch=True, is_mobile=True) as page:
        yield page


@pytest.fixture
def desktop(browser, server):
    with guarded(browser, server, viewport=DESKTOP) as page:
        yield page


def settled(page):
    """Wait until the results and the filters' counts show the current query (the explorer marks them busy)."""
    page.wait_for_selector('.lore-explore__results[aria-busy="false"]', state="attached", timeout=15000)
    page.wait_for_selector('.lore-explore__facets[aria-busy="false"]', state="attached", timeout=15000)


def shown_options(page):
    """{facet: {value: (count, checked)}} of the options a reader can see."""
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.lore-explore__facet')]
        .filter(d => !d.hidden).map(d => [d.dataset.facet, Object.fromEntries([...d.querySelectorAll('.lore-explore__option')]
        .filter(o => !o.hidden).map(o => [o.querySelector('input').value,
                                         [+o.querySelector('.lore-explore__count').textContent, o.querySelector('input').checked]]))]))""")


def titles(page):
    return page.locator(".lore-explore__result .lore-entry__title").all_inner_texts()


def test_the_search_box_and_the_first_results_are_on_a_phones_first_screen(phone):
    phone.goto(phone.base + "explore/")
    settled(phone)
    box = phone.locator(".lore-explore__input").bounding_box()
    first = phone.locator(".lore-explore__result").first.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], "the search box is below the first screen"
    assert first["y"] < PHONE["height"] * .75, "the first result is not right under the box"
    # The filters are a row of closed names, opened one at a time.
    facets = phone.locator(".lore-explore__facets").bounding_box()
    assert facets["height"] < 100
    assert phone.locator(".lore-explore__facet[open]").count() == 0
    phone.locator('.lore-explore__facet[data-facet="tag"] > summary').click()
    tag = phone.locator('.lore-explore__facet[data-facet="tag"] .lore-explore__option:not([hidden])')
    assert 0 < tag.count() <= 8  # the most common tags first
    counts = [int(c) for c in tag.locator(".lore-explore__count").all_inner_texts()]
    assert counts == sorted(counts, reverse=True)
    phone.locator('.lore-explore__facet[data-facet="tag"] .lore-explore__all').click()
    assert tag.count() > 8  # "Show all"
    phone.locator('.lore-explore__facet[data-facet="kind"] > summary').click()
    assert phone.locator(".lore-explore__facet[open]").count() == 1  # opening one closes the other
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(phone, "explorer-phone")


def test_on_a_wide_screen_the_filters_are_the_narrow_column(desktop):
    desktop.goto(desktop.base + "explore/")
    settled(desktop)
    facets = desktop.locator(".lore-explore__facets").bounding_box()
    results = desktop.locator(".lore-explore__results").bounding_box()
    assert facets["x"] + facets["width"] <= results["x"]  # beside the results, not above them
    assert facets["width"] * 2 < results["width"]
    assert desktop.locator(".lore-explore__facet[open]").count() == desktop.locator(".lore-explore__facet:not([hidden])").count()


def test_the_query_and_the_filters_are_kept_in_the_address_and_restored_from_it(desktop):
    desktop.goto(desktop.base + "explore/")
    settled(desktop)
    desktop.locator(".lore-explore__input").fill("buyer")
    settled(desktop)
    desktop.locator('fieldset[data-facet="service"] input[value="Payments"]').check()
    settled(desktop)
    # From the keyboard too: Tab from the box reaches the first filter's name, then its options.
    desktop.locator(".lore-explore__input").focus()
    desktop.keyboard.press("Tab")
    desktop.keyboard.press("Tab")
    chosen_kind = desktop.evaluate("document.activeElement.value")
    desktop.keyboard.press("Space")
    settled(desktop)
    # Beside Material's search, which opens itself for a ?q=, the words are kept as ?words=.
    query = parse_qs(urlsplit(desktop.url).query)
    assert query == {"words": ["buyer"], "service": ["Payments"], "kind": [chosen_kind]}
    before, options = titles(desktop), shown_options(desktop)
    assert before and options["kind"][chosen_kind][1] and options["service"]["Payments"][1]
    desktop.reload()
    settled(desktop)
    assert desktop.locator(".lore-explore__input").input_value() == "buyer"
    assert not desktop.locator(".md-search__output").is_visible()  # Material's search stayed closed
    assert titles(desktop) == before
    assert shown_options(desktop) == options
    assert desktop.locator('.lore-explore__facet[data-facet="service"] .lore-explore__chosen').text_content() == "1 chosen"
    desktop.locator(".lore-explore__clear").click()
    settled(desktop)
    assert parse_qs(urlsplit(desktop.url).query) == {"words": ["buyer"]}
    # A ?q= (the header's box when the explorer is the site's search, or a hand-made link) is read too.
    desktop.goto(desktop.base + "explore/?q=fourteen")
    settled(desktop)
    assert "The 404 storm" in titles(desktop)


def test_options_with_no_stories_are_hidden_but_a_chosen_one_stays(desktop):
    desktop.goto(desktop.base + "explore/")
    settled(desktop)
    everything = shown_options(desktop)
    desktop.locator('fieldset[data-facet="kind"] input[value="Game day"]').check()
    settled(desktop)
    narrowed = shown_options(desktop)
    assert sum(map(len, narrowed.values())) < sum(map(len, everything.values()))
    assert all(count > 0 for facet in narrowed.values() for count, _ in facet.values())
    assert len(narrowed["kind"]) > 1  # the other kinds can still be added: a facet widens itself
    desktop.locator(".lore-explore__input").fill("zqxjv")  # no story has it
    settled(desktop)
    assert shown_options(desktop) == {"kind": {"Game day": [0, True]}}  # still there, to be unchosen
    assert "Nothing matches" in desktop.locator(".lore-explore__status").inner_text()


def test_the_newest_stories_are_listed_before_anything_is_typed(desktop):
    chunks = []
    desktop.on("request", lambda r: chunks.append(r.url) if "/pagefind/index/" in r.url else None)
    desktop.goto(desktop.base + "explore/")
    settled(desktop)
    assert re.fullmatch(r"\d+ stories, newest first", desktop.locator(".lore-explore__status").inner_text())
    total = int(desktop.locator(".lore-explore__status").inner_text().split()[0])
    dates = desktop.locator(".lore-explore__result time").all_inner_texts()
    assert len(dates) == min(total, 10) and dates == sorted(dates, reverse=True)
    assert len(chunks) == 1, f"listing the stories fetched {len(chunks)} chunks of the word index"
    desktop.locator(".lore-explore__more").click()
    desktop.wait_for_function(f"document.querySelectorAll('.lore-explore__result').length === {total}")
    assert not desktop.locator(".lore-explore__more").is_visible()
    assert len(set(titles(desktop))) == total


def test_each_result_wears_its_kinds_badge(desktop):
    desktop.goto(desktop.base + "explore/")
    settled(desktop)
    desktop.locator(".lore-explore__more").click()
    desktop.wait_for_function("!document.querySelector('.lore-explore__more:not([hidden])')")
    badges = desktop.evaluate("""() => [...document.querySelectorAll('.lore-explore__result .lore-badge')]
        .map(b => [b.textContent, b.className, getComputedStyle(b).color])""")
    by_kind = {text: (cls, color) for text, cls, color in badges}
    assert set(by_kind) >= {"Incident", "Near miss", "Game day"}
    for text, (cls, _) in by_kind.items():
        assert cls == "lore-badge lore-badge--" + text.lower().replace(" ", "-")
    assert len({color for _, color in by_kind.values()}) == len(by_kind)  # as many colours as kinds, as in the catalog


def test_the_explorer_in_dark_mode_on_a_phone(browser, server):
    with guarded(browser, server, viewport=PHONE, color_scheme="dark") as page:
        page.goto(page.base + "explore/?kind=Incident")
        settled(page)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        assert page.locator('.lore-explore__facet[data-facet="kind"] .lore-explore__chosen').is_visible()
        page.locator('.lore-explore__facet[data-facet="kind"] > summary').click()
        assert page.locator('fieldset[data-facet="kind"] input[value="Incident"]').is_checked()
        # Checkboxes drawn for a dark page, not white boxes on it.
        assert page.evaluate("getComputedStyle(document.querySelector('.lore-explore')).colorScheme") == "dark"
        shot(page, "explorer-phone-dark")


def test_as_the_sites_search_the_words_stay_in_q(browser, replaced):
    """With Material's search off, the header's box sends ?q= and the explorer keeps the words there."""
    with guarded(browser, replaced, viewport=DESKTOP) as page:
        page.goto(replaced + "explore/?q=fourteen")
        settled(page)
        assert "The 404 storm" in titles(page)
        page.locator('fieldset[data-facet="kind"] input[value="Incident"]').check()
        settled(page)
        assert parse_qs(urlsplit(page.url).query) == {"q": ["fourteen"], "kind": ["Incident"]}
