"""Random docs trees: no traceback, every source published or named in a message, check == build.

Hypothesis draws file names and shapes under incidents/, glossary/ and
architecture/, and front matter with wrong types, deep nesting, odd YAML and odd
encodings. The core runs many examples (it is fast); a few go through
``lore check`` and ``mkdocs build --strict`` to compare what each says.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import run_build, write_project
from lore.cli import main
from lore.core import discovery
from lore.core.model import Options
from lore.core.pipeline import load
from test_parity import CONFIG, _ours

NAMES = st.sampled_from(["2024-03-12-a", "2024-03-12-b", "2024", "README", "index", "INDEX", "a b", "é", "kind",
                         "themes", "x.y"])
SHAPES = st.sampled_from([
    "incidents/{n}.md", "incidents/{n}/index.md", "incidents/2024/{n}.md", "incidents/{n}.markdown",
    "incidents/{n}/README.md", "incidents/{n}/deeper/index.md", "incidents/{n}/perspectives/ana.md",
    "incidents/{n}/perspective/ana.md", "incidents/{n}/timeline.yml", "incidents/{n}/timeline.yaml",
    "incidents/kind/{n}.md", "incidents/themes/{n}.md", "incidents/README.md", "glossary/{n}.md",
    "glossary/README.md", "architecture/{n}.md", "incidents/{n}/notes.md",
])
SCALARS = st.one_of(
    st.sampled_from(["A title", "", "   ", "14:08", "0012", "on", "1e3", "2024-03-12", "2024-13-40", "9999-12-31",
                     "javascript:alert(1)", "<script>x</script>", "[[[[", "&a", "*a", "a\nb", "- x", "{x: 1}"]),
    st.integers(-5, 5000), st.floats(allow_nan=False, allow_infinity=False), st.booleans(), st.none(),
)
KEYS = st.sampled_from(["title", "date", "summary", "services", "related", "tags", "kind", "severity", "id",
                        "status", "who", "term", "short", "aliases", "service", "responder", "source_url"])


def _yaml_value(value, depth: int) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_value(v, depth + 1) for v in value) + "]"
    if isinstance(value, str) and value and not value.isspace() and "\n" not in value:
        return value  # plain: YAML decides what it is
    return repr(value) if isinstance(value, str) else ("null" if value is None else str(value))


VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3), max_leaves=8)
FRONT = st.lists(st.tuples(KEYS, VALUES), max_size=7).map(
    lambda pairs: "\n".join(f"{k}: {_yaml_value(v, 0)}" for k, v in pairs))
BODIES = st.sampled_from(["Body.\n", "#ops said so\n", "[[Pod]] and [[nothing]]\n", "[x](javascript:alert(1))\n",
                          "[y](../other.md)\n", "<!-- lore:nope -->\n", "    [[code]]\n", ""])
ENDINGS = st.sampled_from(["---\n\n", "---", "", "...\n"])


@st.composite
def files(draw) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for _ in range(draw(st.integers(1, 6))):
        path = draw(SHAPES).format(n=draw(NAMES))
        if path.endswith((".yml", ".yaml")):
            text = draw(st.sampled_from(["- {at: '09:00', who: A, what: x, type: action}\n", "- at: 25:10\n", "x: [\n",
                                         "- {at: '09:00', who: A, what: '[x](javascript:alert(1))', type: action}\n"]))
        else:
            text = f"---\n{draw(FRONT)}\n{draw(ENDINGS)}{draw(BODIES)}"
        data = text.encode()
        if draw(st.integers(0, 9)) == 0:
            data = draw(st.sampled_from([b"\xff\xfe" + data, data.replace(b"e", b"\xe9"), b"\xef\xbb\xbf" + data]))
        out[path] = data
    return out


def _published_or_named(tree: dict[str, bytes], content) -> list[str]:
    """Sources under incidents/ that are neither a story in the catalog, a perspective, nor named in a message."""
    named = {p.path for p in content.problems}
    named |= set(tree) - set(discovery.kept_by_mkdocs(sorted(tree)))  # MkDocs names these itself ("Excluding …")
    kb = content.kb
    listed = {i.src for i in kb.listed()}
    lost = []
    for path in tree:
        if not path.startswith("incidents/") or path in named:
            continue
        if path.endswith(".md") and (path in listed or path in kb.perspectives or path in ("incidents/README.md", "incidents/index.md")):
            continue
        if path.endswith(("/timeline.yml", "/timeline.yaml")) and any(path.rsplit("/", 1)[0] + "/index.md" == s
                                                                     for s in content.timelines):
            continue
        if path.startswith(("incidents/kind/", "incidents/themes/")) or path.endswith("/index.md") and path.count("/") == 2 \
                and path.split("/")[1].isdigit():
            continue  # a listing page written by hand
        lost.append(path)
    return lost


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files())
def test_the_pipeline_never_raises_and_loses_nothing(tree):
    sources = [(path, (lambda data=data: data)) for path, data in tree.items()]
    content = load(sources, Options(), "glossary", False)
    assert not _published_or_named(tree, content), [str(p) for p in content.problems]
    for problem in content.problems:
        assert problem.path and problem.field and "\n" not in str(problem), problem


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(tree=files())
def test_check_and_build_agree_on_random_trees(capsys, tree):
    root = Path(tempfile.mkdtemp(prefix="lore-fuzz-"))
    try:
        project = write_project(root, tree, config=CONFIG)
        capsys.readouterr()
        status = main(["check", "-f", str(project / "mkdocs.yml"), "--strict"])
        checked = _ours(capsys.readouterr().err, tree)
        build = run_build(project)
        assert "Traceback" not in build.log, build.log
        assert checked == _ours(build.log, tree), build.log
        assert (status != 0) == (build.returncode != 0), build.log
    finally:
        shutil.rmtree(root, ignore_errors=True)
