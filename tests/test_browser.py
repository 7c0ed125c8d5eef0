"""The demo in a real browser (fixtures in browsing.py): search, tooltips, diagrams, the wheel, the
explorer, the card and the connections report."""

import pytest

from browsing import ARTIFACTS, STORY, guarded, shot


def test_search_finds_a_story_by_a_word_from_its_body(page):
    page.goto(page.base)
    page.wait_for_timeout(1000)  # Material's search worker loads the index
    page.locator("input.md-search__input").click()
    page.keyboard.type("fourteen", delay=50)
    result = page.locator(".md-search-result__item", has_text="The 404 storm").first
    result.wait_for(timeout=15000)
    shot(page, "search")


def test_glossary_term_shows_its_definition_on_hover_and_focus(page):
    page.goto(page.base + STORY)
    term = page.locator("a.lore-term", has_text="out-of-band console").first
    term.scroll_into_view_if_needed()
    term.hover()
    tip = page.locator("[role=tooltip][class*='--active']")
    tip.wait_for(timeout=5000)
    assert "A small management computer" in tip.inner_text()
    page.mouse.move(0, 0)
    page.locator("a.lore-term").nth(2).focus()
    page.locator("[role=tooltip][class*='--active']").wait_for(timeout=5000)
    shot(page, "glossary-tooltip")


def test_mermaid_diagram_renders_as_svg(page):
    page.goto(page.base + STORY)
    # Material draws each diagram into a closed shadow root of a div.mermaid that replaces the fence.
    page.wait_for_function("() => { const d = document.querySelector('div.mermaid'); "
                           "return d && !document.querySelector('pre.mermaid') && d.getBoundingClientRect().height > 100; }",
                           timeout=15000)
    page.locator("div.mermaid").first.scroll_into_view_if_needed()
    shot(page, "mermaid")


def test_timeline_svg_is_visible_with_its_lanes(page):
    page.goto(page.base + STORY)
    svg = page.locator(".lore-tl-scroll svg")
    svg.scroll_into_view_if_needed()
    assert svg.is_visible()
    assert page.locator(".lore-tl-lane").count() >= 5
    shot(page, "timeline")


def test_referenced_by_lists_an_onboarding_page(page):
    page.goto(page.base + STORY + "#referenced-by")
    section = page.locator(".lore-backlinks")
    assert section.locator(".lore-backlinks__group", has_text="Onboarding").count() == 1
    assert section.locator("a", has_text="Your first week").count() >= 1


def test_practice_wheel_lands_on_an_item(page):
    page.goto(page.base + "practice-wheel/")
    page.locator(".lore-wheel__spin").click()
    landed = page.locator("#landed")
    landed.wait_for(timeout=10000)
    assert landed.inner_text().split(":")[0] in ("Service", "Term", "Story")
    assert "spin=" in page.url
    shot(page, "practice-wheel")


def test_spin_from_a_shared_link_lands_on_the_same_item(page):
    page.goto(page.base + "practice-wheel/?spin=4242")
    first = page.locator("#landed")
    first.wait_for(timeout=10000)
    text = first.inner_text()
    page.goto(page.base + "practice-wheel/?spin=4242")
    page.locator("#landed").wait_for(timeout=10000)
    assert page.locator("#landed").inner_text() == text


def test_explorer_facets_narrow_the_results(page):
    page.goto(page.base + "explore/")
    page.locator(".lore-explore__input").fill("database")
    status = page.locator(".lore-explore__status")
    page.wait_for_function("() => /\\d+ stor/.test(document.querySelector('.lore-explore__status').textContent)")
    before = int(status.inner_text().split()[0])
    page.locator('fieldset[data-facet="kind"] input[value="Game day"]').check()
    page.wait_for_function(f"() => {{ const m = document.querySelector('.lore-explore__status').textContent.match(/(\\d+) stor/); "
                           f"return m && +m[1] < {before}; }}", timeout=10000)
    titles = page.locator(".lore-explore__result .lore-entry__title").all_inner_texts()
    assert titles and all("game day" in t.lower() or "failover" in t.lower() for t in titles)
    assert not page.locator(".lore-explore__more").is_visible()  # every result is shown: no "Show more"
    shot(page, "explorer")


# A reader typing: the box's value and a keyup every 100 ms, timed in the page rather than from the test, so a
# loaded machine does not stretch the gaps between keys past the worker's pause.
TYPE_AT_PACE = """word => new Promise(done => { const box = document.activeElement; let i = 0;
    const key = () => { i += 1; box.value = word.slice(0, i);
        box.dispatchEvent(new KeyboardEvent("keyup", { key: word[i - 1], bubbles: true }));
        if (i < word.length) setTimeout(key, 100); else done(); };
    key(); })"""
RESULTS_META = "() => /\\d+ matching/.test(document.querySelector('.md-search-result__meta').textContent)"


def test_header_search_is_materials_dropdown_answered_by_pagefind(page, server):
    fetched = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(server + STORY)
    page.keyboard.press("/")  # Material's shortcut focuses its search box
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.evaluate(TYPE_AT_PACE, "reboot")  # a word typed letter by letter is searched once, when typing pauses
    page.wait_for_function(RESULTS_META, timeout=15000)
    page.wait_for_timeout(500)
    results = [url for url in fetched if url.endswith(".pf_fragment")]
    assert 0 < len(results) <= 10 and len(set(results)) == len(results), results  # one query's results, once
    meta = page.locator(".md-search-result__meta").inner_text()
    titles = page.locator(".md-search-result__item h1").all_inner_texts()
    assert "The 404 storm" in titles and int(meta.split()[0]) == len(titles), (meta, titles)
    assert not any("¶" in t for t in page.locator(".md-search-result__item h2").all_inner_texts())
    assert page.locator(".md-search-result__article mark").count() >= 3  # the words found, marked
    explore = page.locator(".md-search-result__item a", has_text="Explore all")
    assert "/explore/?words=reboot" in explore.get_attribute("href")  # the faceted view, with the query
    assert any("/pagefind/" in url for url in fetched)
    assert not any("workers/search." in url for url in fetched)  # Material's own worker is not loaded
    page.keyboard.press("ArrowDown")  # Material's keyboard: arrows walk the results
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()
    page.keyboard.press("s")  # the other shortcut; the words typed replace the last search
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("deploy")
    page.wait_for_function("() => [...document.querySelectorAll('.md-search-result__link')]"
                           ".some(a => a.href.includes('h=deploy'))", timeout=15000)
    page.keyboard.press("Enter")  # the best result, with Material's highlighting on the page it opens
    page.wait_for_url("**/?h=*", timeout=10000)
    page.locator("mark[data-md-highlight]").first.wait_for(timeout=10000)
    page.goto(server + STORY)
    page.locator(".md-search__input").click()  # Material reads the box on keyup, as a reader types
    page.keyboard.type("reboot")
    page.wait_for_function(RESULTS_META, timeout=15000)
    page.locator(".md-search-result__item a", has_text="Explore all").click()
    page.wait_for_url("**/explore/?*words=reboot*")
    page.locator(".lore-explore__result").first.wait_for(timeout=15000)


def test_header_search_opens_the_explorer_without_materials_search_plugin(page, replaced):
    page.goto(replaced + STORY)
    assert page.locator("input.md-search__input").count() == 0  # no Material search in this site
    box = page.locator(".lore-header-search input")
    box.fill("fourteen")
    box.press("Enter")
    page.wait_for_url("**/explore/?q=fourteen")
    result = page.locator(".lore-explore__result .lore-entry__title", has_text="The 404 storm").first
    result.wait_for(timeout=15000)
    # As the site's search it also finds pages that are not stories, such as a term.
    page.locator(".lore-explore__input").fill("dead letter queue")
    term = page.locator(".lore-explore__result", has=page.locator(".lore-entry__title", has_text="dead-letter queue")).first
    term.wait_for(timeout=15000)
    assert term.locator(".lore-explore__excerpt mark").count() >= 1  # its excerpt marks the words found
    assert term.locator("time").count() == 0  # and no empty date before its title
    shot(page, "explorer-as-site-search")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_incident_card_renders_in_both_palettes(browser, server, scheme):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(server + STORY)
    card = page.locator(".lore-card")
    assert card.is_visible()
    palette = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert palette == ("slate" if scheme == "dark" else "default")
    colour = card.evaluate("el => getComputedStyle(el).color")
    background = card.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour != background
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    card.screenshot(path=str(ARTIFACTS / f"card-{scheme}.png"))
    context.close()


def _overflow(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize("width", [1280, 390])
def test_connections_report_stays_in_its_column_and_sorts_counts_from_the_most(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(page.base + "connections/")
    assert _overflow(page) <= 0  # the table scrolls inside its box; the page never scrolls sideways
    table = page.locator(".lore-connections__table")
    assert page.evaluate("() => getComputedStyle(document.querySelector('.lore-connections__story')).wordBreak") == "normal"
    content = page.locator(".md-content__inner").bounding_box()
    box = page.locator(".lore-connections__scroll").bounding_box()
    assert box["x"] + box["width"] <= content["x"] + content["width"] + 1  # never into the table of contents
    total = table.locator("th", has_text="Total")
    total.scroll_into_view_if_needed()
    total.click()
    totals = [int(t) for t in table.locator("tbody tr td:nth-last-child(2)").all_inner_texts()]
    assert totals == sorted(totals, reverse=True) and total.get_attribute("aria-sort") == "descending"
    shot(page, f"connections-{width}")


def test_mermaid_script_loads_only_where_a_diagram_is(page):
    scripts = []
    page.on("request", lambda r: scripts.append(r.url) if r.url.endswith("mermaid.min.js") else None)
    for path in ("", "glossary/", "incidents/"):  # no diagram on these
        page.goto(page.base + path)
    assert scripts == []
    page.goto(page.base + "architecture/")
    assert len(scripts) == 1 and page.locator("div.mermaid").count() >= 1


UPRIGHT = """() => {
  const disc = document.querySelector('.lore-wheel__disc');
  const turned = parseFloat((disc.style.transform.match(/rotate\\(([-\\d.]+)deg\\)/) || [0, 0])[1]);
  return Array.from(disc.querySelectorAll('text')).map(t => {
    const a = parseFloat(t.getAttribute('transform').match(/rotate\\(([-\\d.]+)\\)/)[1]);
    const resting = (((a + turned) % 360) + 360) % 360;
    return resting <= 90 || resting >= 270;
  });
}"""


def test_the_wheel_is_drawn_before_any_spin_with_upright_labels(page):
    page.goto(page.base + "practice-wheel/")
    page.locator(".lore-wheel__label").first.wait_for(timeout=5000)
    assert page.locator(".lore-wheel__label").count() == 12
    assert all(page.evaluate(UPRIGHT))
    page.goto(page.base + "practice-wheel/?spin=424242")
    page.locator(".lore-wheel__landed").wait_for(timeout=5000)
    assert all(page.evaluate(UPRIGHT))


def test_the_phone_drawer_on_a_story_opens_on_its_section_not_an_empty_year(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + "incidents/2024-06-19-the-certificate-with-nine-hours-left/")
    page.locator("label.md-header__button[for=__drawer]").click()
    page.wait_for_function("() => { const r = document.querySelector('.md-sidebar--primary').getBoundingClientRect(); "
                           "return r.left >= 0 && r.width > 0; }", timeout=5000)  # slid fully in
    page.wait_for_timeout(100)
    visible = [t.strip() for t in page.locator(".md-sidebar--primary .md-nav__link").all_inner_texts() if t.strip()]
    assert "2024" in visible and "Near misses" in visible  # a panel to go on from, with the story's year marked
    assert page.locator(".md-sidebar--primary li.md-nav__item--active > .md-nav__container", has_text="2024").count() == 1
    shot(page, "drawer-390")


@pytest.mark.parametrize("day, title, story", [
    ("03-12", "On this day", "The 404 storm"),
    ("12-02", "This week in past years", "The Black Friday backlog"),  # 28 November: read from the month before
])
def test_on_this_day_reads_the_months_around_the_date(page, day, title, story):
    fetched = []
    page.on("request", lambda r: fetched.append(r.url.rsplit("/", 1)[-1]) if "on-this-day" in r.url else None)
    page.goto(page.base + f"?date={day}")
    page.wait_for_function("() => document.querySelector('.lore-onthisday__list a')", timeout=10000)
    assert page.locator(".lore-onthisday__title").inner_text() == title
    assert story in page.locator(".lore-onthisday__list").inner_text()
    assert 0 < len(fetched) <= 2 and all(name.endswith(".json") for name in fetched), fetched  # not every month


@pytest.mark.parametrize("url", ["https://cdn.example.org/lib.js", "http://203.0.113.9/beacon"])
def test_a_request_to_another_host_is_refused_and_fails_the_test(browser, server, url):
    """The guard every browser test runs under: had it let requests out, "works offline" would go unchecked."""
    with pytest.raises(AssertionError, match="requests left localhost") as failed:
        with guarded(browser, server) as page:
            page.goto(server)
            reached = page.evaluate("u => fetch(u, {mode: 'no-cors'}).then(() => true, () => false)", url)
    assert url in str(failed.value) and reached is False
