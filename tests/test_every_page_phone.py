"""Every page of the demo at 390×844, light and dark (see every_page.py)."""

from every_page import visit_all


def test_every_page_reads_at_390_in_both_schemes(browser, server):
    assert visit_all(browser, server, 390, 844) == {"light", "dark"}
