"""Every page of the demo at 1280×900, light and dark (see every_page.py)."""

from every_page import visit_all


def test_every_page_reads_at_1280_in_both_schemes(browser, server):
    assert visit_all(browser, server, 1280, 900) == {"light", "dark"}
