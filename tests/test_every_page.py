"""Every page of the demo at 1280×900 and 390×844, light and dark (see every_page.py)."""

from every_page import visit_all

SIZES = [(1280, 900), (390, 844)]


def test_every_page_reads_at_1280_and_390_in_both_schemes(browser, server):
    assert visit_all(browser, server, SIZES) == {(w, s) for w, _ in SIZES for s in ("light", "dark")}
