import pytest
from mkdocs.utils import get_relative_url

from lore.core.urls import relative_url


@pytest.mark.parametrize("here, there", [
    ("incidents/a/", "glossary/x/"), ("./", "glossary/x/"), ("", "glossary/x/"), ("glossary/y/", "glossary/x/"),
    ("glossary/", "glossary/x/"), ("incidents/2023/a/", "incidents/b/"), ("a.html", "b/c.html"),
    ("incidents/a/", "./"), ("./", "./"), ("incidents/a/", "assets/lore/wheel.json"),
])
def test_relative_url_agrees_with_mkdocs(here, there):
    expected = get_relative_url(there or ".", here or ".")
    got = relative_url(here, there)
    assert got.rstrip("/") == expected.rstrip("/") or (got, expected) in {("./", "."), (".", "./")}
