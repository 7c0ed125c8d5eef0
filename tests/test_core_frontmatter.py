from lore.core import frontmatter, text


def test_front_matter_and_body_are_split_and_dates_stay_text():
    src = frontmatter.read("a.md", b"---\ntitle: T\ndate: 2024-03-12\n---\n\nBody\n")
    assert src.ok and src.has_front_matter
    assert src.meta == {"title": "T", "date": "2024-03-12"}
    assert src.body.strip() == "Body"


def test_malformed_yaml_names_the_file_line():
    src = frontmatter.read("x.md", b"---\ntitle: T\ndate: [2024\nkind: a\n---\nBody")
    assert not src.ok
    (problem,) = src.problems
    assert str(problem).startswith("x.md: front matter: malformed YAML at line ")
    assert problem.expected == "'key: value' lines between '---' lines"


def test_non_mapping_front_matter_is_a_problem():
    src = frontmatter.read("x.md", b"---\n- a\n- b\n---\n")
    assert str(src.problems[0]) == (
        "x.md: front matter: is a list, not a mapping (expected 'key: value' lines between '---' lines)"
    )


def test_non_utf8_is_reported_with_offset():
    src = frontmatter.read("x.md", "---\ntitle: café\n---\n".encode("latin-1"))
    assert str(src.problems[0]) == (
        "x.md: file: is not valid UTF-8 (byte 0xe9 at offset 14) (expected a text file saved as UTF-8)"
    )


def test_no_front_matter_is_just_a_body():
    src = frontmatter.read("x.md", b"# Hello\n\ntext")
    assert src.ok and not src.has_front_matter and src.meta == {}
    assert text.first_heading(src.body) == "Hello"


def test_first_heading_ignores_code_fences():
    assert text.first_heading("```\n# not a heading\n```\n# Real\n") == "Real"


def test_hash_after_a_value_warns_that_yaml_drops_the_rest():
    src = frontmatter.read("x.md", b"---\ntitle: T # fine?\ndata_sources:\n  - chat log of #ops\n  - '#quoted'\n# a comment line\n---\n")
    assert src.meta["data_sources"] == ["chat log of", "#quoted"]
    assert [str(p) for p in src.problems] == [
        "x.md: front matter: line 2: the text after ' #' is a YAML comment and is dropped "
        "(expected the value in quotes if the '#' belongs to it, e.g. \"chat log of #ops\")",
        "x.md: front matter: line 4: the text after ' #' is a YAML comment and is dropped "
        "(expected the value in quotes if the '#' belongs to it, e.g. \"chat log of #ops\")",
    ]
    assert src.ok  # a warning: strict builds fail, others go on
