"""A hostile knowledge base: script payloads in every field a writer controls.

One project is written and built once for the module, with every Lore plugin, Material's
tags and search, and ``macros``. Every writer-controlled field of every content type
(stories, perspectives, timelines, glossary terms, service pages, onboarding pages, the
home page, macro arguments, commit messages and code comments) carries payloads that call
``alert('pwn_<field>')``, so a dialog names the field that let it through. Then:

* the built files are scanned statically: no payload is live in any HTML file (parsed, not
  grepped: a ``<script>`` holding a marker, an ``on*=`` attribute holding one, an unsafe URL
  in ``href``/``src``/``action``...), nor in the HTML that Material's search index holds
  (Material renders its titles and texts as HTML), nor in any script file;
* every page of the site is opened in headless Chromium, together with Material's search
  opened from ``?q=``, the explorer opened from ``?q=``, spins of the practice wheel and
  "On this day": no dialog may fire and no ``href`` may be ``javascript:``, ``data:`` or
  ``vbscript:`` in any spelling.

The build is NOT strict: unsafe URLs (``source_url: javascript:...``, links in timelines) are
written as plain text and reported as warnings, and the hostile pages have unknown keys and
missing images, so ``--strict`` would rightly refuse the project. Payloads are only put where
the contract accepts free text; fields that are validated (``date``, ``id``, ``services``,
``related`` ids, timeline ``at``/``until``/``type``, macro story ids) would stop the build
with an error, so they get valid values and the payloads go into the titles they show.
"""

from __future__ import annotations

import functools
import html.parser
import http.server
import json
import os
import re
import subprocess
import threading
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import pagefind_fragments, run_build, write_project

CHROMIUM = "/usr/bin/chromium"

# --- the payloads ---------------------------------------------------------------------------

MARK = re.compile(r"pwn_[a-z0-9_]+")

HTML_PAYLOADS = [
    "<script>alert('{m}')</script>",
    "\"><img src=x onerror=alert('{m}')>",
    "</script><script>alert('{m}')</script>",
    "'><svg onload=alert('{m}')>",
]
URL_PAYLOADS = [
    "javascript:alert('{m}')",
    "JaVaScRiPt:alert('{m}')",
    " javascript:alert('{m}')",
    "java\tscript:alert('{m}')",
    "&#106;avascript:alert('{m}')",
    "javascript&colon;alert('{m}')",
    "data:text/html,<script>alert('{m}')</script>",
    "vbscript:msgbox('{m}')",
]
RAW_HTML = [  # writers' raw HTML in Markdown bodies; the first four fire without a click
    "<img src=x onerror=\"alert('{m}')\">",
    "<details open ontoggle=alert('{m}')><summary>s</summary>d</details>",
    "<input autofocus onfocus=alert('{m}')>",
    "<svg><animate onbegin=alert('{m}') attributeName=x dur=1s /></svg>",
    "<iframe srcdoc=\"<script>parent.alert('{m}')</script>\"></iframe>",
    "<a href=\"javascript:alert('{m}')\">raw link</a>",
    "<form action=\"javascript:alert('{m}')\"><button>go</button></form>",
    "<math><a xlink:href=\"javascript:alert('{m}')\">m</a></math>",
]
# Substrings that are live markup wherever they appear unescaped in an HTML file.
RAW_MARKERS = ("<script>alert(", "<img src=x onerror", "<svg onload", "<details open ontoggle", "<input autofocus",
               "<animate onbegin", "<iframe srcdoc", "</script><script>")
QUOTE_WORD = "hostile"  # in every title and summary, so one search finds them all

COVERED: dict[str, str] = {}  # marker -> the field and payload it stands for


def p(template: str, marker: str, field: str) -> str:
    assert marker not in COVERED, marker
    COVERED[marker] = f"{field} <- {template.format(m='…')!r}"
    return template.format(m=marker)


def html_payload(n: int, marker: str, field: str) -> str:
    return p(HTML_PAYLOADS[n % len(HTML_PAYLOADS)], marker, field)


def y(value) -> str:
    """A YAML scalar or flow list (JSON is YAML)."""
    return json.dumps(value, ensure_ascii=False)


def jinja(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def links(prefix: str, field: str) -> str:
    """Inline, reference-style and autolinks in every spelling, and raw HTML, as Markdown."""
    inline = " ".join(f"[inline {j}]({p(u, f'{prefix}_link{j}', f'{field} inline link')})"
                      for j, u in enumerate(URL_PAYLOADS))
    refs = " ".join(f"[ref {j}][r{j}]" for j in range(len(URL_PAYLOADS)))
    defs = "\n".join(f"[r{j}]: {p(u, f'{prefix}_ref{j}', f'{field} reference link')}"
                     for j, u in enumerate(URL_PAYLOADS))
    autos = " ".join(f"<{p(u, f'{prefix}_auto{j}', f'{field} autolink')}>"
                     for j, u in enumerate(URL_PAYLOADS[:2] + URL_PAYLOADS[4:6]))
    raw = "\n\n".join(p(r, f"{prefix}_raw{j}", f"{field} raw HTML") for j, r in enumerate(RAW_HTML))
    titled = f'[titled](https://example.org/ "{p(HTML_PAYLOADS[1], f"{prefix}_linktitle", f"{field} link title")}")'
    alt = f"![{p(HTML_PAYLOADS[3], f'{prefix}_alt', f'{field} image alt')}](missing.png)"
    handler = p("alert('{m}')", f"{prefix}_attrlist", f"{field} attr_list")
    attrs = f'A paragraph with attributes.\n{{: tabindex="0" autofocus onfocus="{handler}" }}'
    return f"{inline}\n\n{refs}\n\n{autos}\n\n{titled} {alt}\n\n{raw}\n\n{attrs}\n\n{defs}\n"


# --- the hostile project ------------------------------------------------------------------

KINDS = ["incident", "near-miss", "game-day", "practice"]
N_STORIES = len(URL_PAYLOADS)  # one source_url spelling each
N_TERMS = N_SERVICES = N_PERSPECTIVES = len(HTML_PAYLOADS)


def story_id(k: int) -> str:
    return f"2024-01-0{k}-hostile-{k}"


def story(k: int) -> str:
    n = k - 1
    h = lambda field: html_payload(n, f"pwn_s{k}_{field}", f"story {field}")  # noqa: E731
    related = story_id(k - 1) if k > 1 else story_id(N_STORIES)
    fm = "\n".join([
        f"title: {y(f'Hostile {k} ' + h('title'))}",
        "date: 2024-01-0%d" % k,
        f"kind: {KINDS[n % len(KINDS)]}",
        f"summary: {y(f'Hostile summary {k} ' + h('summary'))}",
        f"description: {y(h('description'))}",
        f"tags: {y([h('tag'), 'hostile'])}",
        f"services: [svc{n % N_SERVICES + 1}]",
        f"severity: {y(h('severity'))}",
        "duration: 1h",
        f"responders: {y([h('responder'), 'Plain Person'])}",
        f"investigators: {y([h('investigator')])}",
        f"data_sources: {y([h('data_source')])}",
        f"source_url: {y(p(URL_PAYLOADS[n], f'pwn_s{k}_source_url', 'story source_url'))}",
        f"related: [{related}]",
    ])
    terms = " ".join(f"Quuxalias{t}" for t in range(1, N_TERMS + 1))
    forced = f"[[Quuxalias1|forced {h('forced_link_text')}]]"
    mermaid = ""
    if k == 1:
        # Payloads without a double quote, which would end Mermaid's label and make the diagram a syntax error.
        label = p("<img src=x onerror=alert('{m}')>", "pwn_mermaid_label", "mermaid node label")
        label2 = p(HTML_PAYLOADS[3], "pwn_mermaid_label2", "mermaid node label")
        click = p(URL_PAYLOADS[0], "pwn_mermaid_click", "mermaid click link")
        mermaid = f'```mermaid\nflowchart LR\n    A["{label}"] --> B["{label2}"]\n    click A "{click}"\n```\n'
    return f"""---
{fm}
---

Hostile prose that mentions {terms} so every term is linked, with its tooltip. {forced}

{links(f"pwn_s{k}_body", "story body")}

{mermaid}

## What surprised us

- Surprise {h('surprise')}
- [A surprising link]({p(URL_PAYLOADS[n], f'pwn_s{k}_surprise_link', 'story theme-section link')})

## Dilemmas

A dilemma {h('dilemma')}

## Heading {h('heading')}

Text under a hostile heading.

## Code `{h('code_heading')}`

Text under a heading with code.
"""


def perspective(i: int) -> str:
    h = lambda field: html_payload(i, f"pwn_pv{i}_{field}", f"perspective {field}")  # noqa: E731
    return f"""---
who: {y(h('who'))}
role: {y(h('role'))}
joined_at: {y(h('joined_at'))}
title: {y(h('title'))}
---

Hostile first paragraph {h('first_paragraph')} mentions Quuxalias2.

{links(f"pwn_pv{i}_body", "perspective body")}
"""


def timeline() -> str:
    entries = []
    for i in range(len(HTML_PAYLOADS)):
        h = lambda field: html_payload(i, f"pwn_tl{i}_{field}", f"timeline {field}")  # noqa: E731
        entries.append({"at": f"10:0{i}", "who": h("who"), "what": "Hostile step " + h("what"),
                        "type": "action", "source": h("source")})
    for j, u in enumerate(URL_PAYLOADS):  # written as plain text and reported, as everywhere else
        link = p(u, f"pwn_tl_link{j}", "timeline what link")
        entries.append({"at": f"11:0{j}", "who": "Lane", "type": "observation",
                        "what": f"[see]({link}) or [a safe link](https://example.org/)"})
    for j, r in enumerate(RAW_HTML[:4]):
        entries.append({"at": f"12:0{j}", "until": f"12:3{j}", "who": "Raw", "type": "impact",
                        "what": "Raw " + p(r, f"pwn_tl_raw{j}", "timeline what raw HTML")})
    return "\n".join(
        "- " + "\n  ".join(f"{key}: {y(value)}" for key, value in entry.items()) for entry in entries) + "\n"


def term(i: int) -> str:
    h = lambda field: html_payload(i, f"pwn_g{i}_{field}", f"glossary {field}")  # noqa: E731
    return f"""---
term: {y(f'Quux{i + 1} ' + h('term'))}
aliases: {y([f'Quuxalias{i + 1}', h('alias')])}
short: {y('Hostile short ' + h('short'))}
title: {y(h('title'))}
---

Hostile explanation {h('body')} that mentions Quuxalias{(i + 1) % N_TERMS + 1}.

{links(f"pwn_g{i}_body", "glossary body")}
"""


def service(i: int) -> str:
    h = lambda field: html_payload(i, f"pwn_svc{i}_{field}", f"service page {field}")  # noqa: E731
    return f"""---
service: svc{i + 1}
title: {y(f'Hostile service {i + 1} ' + h('title'))}
summary: {y('Hostile service summary ' + h('summary'))}
owners: {y([h('owner')])}
---

A service page that links [story 1](../incidents/{story_id(1)}/index.md) and mentions Quuxalias3.

{links(f"pwn_svc{i}_body", "service page body")}
"""


def onboarding() -> str:
    def macro(name, marker, n):
        return html_payload(n, marker, f"macro {name}")

    reading = macro("reading_path title", "pwn_m_reading_path_title", 1)
    # service, kind, year, limit and theme are checked against the site (a payload there is an error
    # naming the page and the macro, and never reaches a page): see test_bad_macro_arguments_never_render.
    story1_tag = HTML_PAYLOADS[0].format(m="pwn_s1_tag")  # the tag story 1 carries: this list is not empty
    return f"""---
title: {y('Hostile onboarding ' + html_payload(0, 'pwn_ob_title', 'onboarding title'))}
render_macros: true
---

Hostile onboarding prose that mentions Quuxalias4.

## Week one {html_payload(1, 'pwn_ob_heading', 'onboarding heading')}

Read [the first story](../incidents/{story_id(1)}/index.md).

## Week `{html_payload(2, 'pwn_ob_code_heading', 'onboarding heading with code')}`

Read [the second story](../incidents/{story_id(2)}/index.md).

## {html_payload(3, 'pwn_ob_heading_only', 'onboarding heading, payload only')}

Read [the third story](../incidents/{story_id(3)}/index.md) and [the fourth](../incidents/{story_id(4)}.md).

{links("pwn_ob_body", "onboarding body")}

## Macros

{{{{ reading_path("{story_id(1)}", "{story_id(2)}", title={jinja(reading)}) }}}}

{{{{ incident_list(tag={jinja(story1_tag)}) }}}}

{{{{ incident_card("{story_id(3)}") }}}}

{{{{ theme_highlights("surprises") }}}}
"""


def home() -> str:
    on_this_day = html_payload(3, "pwn_m_on_this_day_title", "macro on_this_day title")
    return f"""---
title: {y('Hostile home ' + html_payload(0, 'pwn_home_title', 'home page title'))}
render_macros: true
---

Hostile home page that mentions Quuxalias1.

{{{{ on_this_day(title={jinja(on_this_day)}) }}}}

{{{{ nothing_broke(limit=10) }}}}

{{{{ theme_highlights("surprises", limit=10) }}}}

{{{{ theme_highlights("dilemmas", limit=10) }}}}
"""


CONFIG = """\
site_name: Hostile KB
theme:
  name: material
  font: false
  features: [search.highlight, search.suggest]
plugins:
  - search
  - tags
  - lore/incidents
  - lore/glossary
  - lore/backlinks:
      show_on: [incidents, architecture, onboarding]
      repos:
        - path: repo
          name: hostile
          file_url: https://code.example/{path}#L{line}
          commit_url: https://code.example/commit/{sha}
  - lore/explore
  - macros:
      modules: [lore.macros]
      render_by_default: false
markdown_extensions:
  - attr_list
  - md_in_html
  - toc:
      permalink: true
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""


def _git(repo: Path, *args: str) -> None:
    """A scratch repository inside the test's tmp folder (never this checkout)."""
    env = dict(os.environ, GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_SYSTEM=os.devnull,
               GIT_AUTHOR_DATE="2024-02-01T10:00:00", GIT_COMMITTER_DATE="2024-02-01T10:00:00")
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false",
                    *args], cwd=repo, env=env, check=True, capture_output=True)


def write_repo(repo: Path) -> None:
    repo.mkdir()
    _git(repo, "init", "-q")
    comment = p(HTML_PAYLOADS[0], "pwn_code_comment", "code comment")
    (repo / "app.py").write_text(f"# see {story_id(1)} {comment}\nx = 1\n")
    evil_name = "evil" + p(HTML_PAYLOADS[1], "pwn_code_path", "code file path").replace("/", "") + ".py"
    (repo / evil_name).write_text(f"# {story_id(2)}\n")
    _git(repo, "add", "-A")
    message = f"Fix {story_id(1)} " + p(HTML_PAYLOADS[3], "pwn_commit_message", "commit message")
    _git(repo, "commit", "-q", "-m", message)


def hostile_files() -> dict[str, str]:
    files = {"index.md": home(), "tags.md": "---\ntitle: Tags\n---\n\n<!-- material/tags -->\n",
             "onboarding/first-week.md": onboarding()}
    for k in range(1, N_STORIES + 1):
        files[f"incidents/{story_id(k)}/index.md" if k in (1, 2, 3) else f"incidents/{story_id(k)}.md"] = story(k)
    for i in range(N_PERSPECTIVES):
        files[f"incidents/{story_id(1)}/perspectives/p{i + 1}.md"] = perspective(i)
    files[f"incidents/{story_id(1)}/timeline.yml"] = timeline()
    for i in range(N_TERMS):
        files[f"glossary/quux{i + 1}.md"] = term(i)
    for i in range(N_SERVICES):
        files[f"architecture/svc{i + 1}.md"] = service(i)
    return files


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    COVERED.clear()
    files = hostile_files()
    write_project(root, {}, config=CONFIG)
    for rel, content in files.items():  # written verbatim: payloads hold tabs and leading spaces
        path = root / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    write_repo(root / "repo")
    return run_build(root, strict=False)  # not strict: see the module docstring


def built(build):
    if build.returncode != 0:
        errors = "\n".join(line for line in build.log.splitlines() if not line.startswith(("WARNING", "INFO")))
        pytest.fail(f"the hostile project must build (non-strict); all but warnings of its log:\n{errors[-8000:]}",
                    pytrace=False)
    return build


def describe(markers) -> str:
    return "; ".join(f"{m} ({COVERED.get(m, '?')})" for m in sorted(set(markers)))


# --- static scan ----------------------------------------------------------------------------

URL_ATTRS = {"href", "xlink:href", "src", "action", "formaction", "data", "poster", "background", "srcset", "ping"}
FRAME_TAGS = {"iframe", "frame", "frameset", "object", "embed", "base", "applet"}
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")


def unsafe_url(value: str, attr: str = "href") -> bool:
    v = _IGNORED.sub("", value or "").lower()
    if v.startswith(("javascript:", "vbscript:")):
        return True
    return v.startswith("data:") and (attr in ("href", "xlink:href", "action", "formaction", "data") or "html" in v)


class LiveMarkup(html.parser.HTMLParser):
    """Markup in a document that would run: markers in scripts and handlers, unsafe URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # attribute values decoded, as a browser reads them
        self.found: list[str] = []
        self._script = False

    def handle_starttag(self, tag, attrs):
        self._script = tag == "script"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and ("pwn_" in value or "alert(" in value):
                self.found.append(f"<{tag} {name}={value[:60]!r}>")
            elif name in URL_ATTRS and unsafe_url(value, name):
                self.found.append(f"<{tag} {name}={value[:60]!r}>")
            elif name == "srcdoc":
                self.found.append(f"<{tag} srcdoc={value[:60]!r}>")
        if tag in FRAME_TAGS and any("pwn_" in (v or "") for _, v in attrs):
            self.found.append(f"<{tag}> with a payload")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self._script = False

    def handle_data(self, data):
        if self._script and ("pwn_" in data or "alert(" in data):
            self.found.append(f"<script> running {data.strip()[:60]!r}")


def live_markup(text: str) -> list[str]:
    parser = LiveMarkup()
    parser.feed(text)
    parser.close()
    for raw in RAW_MARKERS:
        for match in re.finditer(re.escape(raw), text):
            parser.found.append(f"unescaped {text[match.start():match.start() + 60]!r}")
    return list(dict.fromkeys(parser.found))


def walk(value, path=""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from walk(v, f"{path}.{k}")
    elif isinstance(value, list):
        for n, v in enumerate(value):
            yield from walk(v, f"{path}[{n}]")
    elif isinstance(value, str):
        yield path, value


def static_findings(site: Path) -> list[str]:
    findings = []

    def report(where, items):
        for item in items:
            findings.append(f"{where}: {item} [{describe(MARK.findall(item)) or 'no marker'}]")

    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_dir() or rel.startswith("pagefind/"):
            continue
        if path.suffix == ".html":
            text = path.read_text(encoding="utf-8")
            report(rel, live_markup(text))
        elif path.suffix == ".json":
            text = path.read_text(encoding="utf-8")
            try:
                data = json.loads(text)
            except ValueError as exc:
                findings.append(f"{rel}: not JSON any more ({exc})")
                continue
            if rel == "search/search_index.json":  # Material renders each title and text as HTML
                for doc in data.get("docs", []):
                    where = f"{rel} {doc.get('location')!r}"
                    for key in ("title", "text"):
                        report(f"{where} {key}", live_markup(doc.get(key) or ""))
                    for tag in doc.get("tags") or []:
                        report(f"{where} tag", live_markup(str(tag)))
            for where, value in walk(data):
                if where.rsplit(".", 1)[-1] in ("url", "href", "link", "location") and unsafe_url(value):
                    findings.append(f"{rel} {where}: unsafe URL {value[:60]!r}")
        elif path.suffix == ".js":
            text = path.read_text(encoding="utf-8", errors="replace")
            if "pwn_" in text:
                findings.append(f"{rel}: a writer's payload inside a script file [{describe(MARK.findall(text))}]")
        elif path.suffix == ".xml":
            try:
                ET.parse(path)
            except ET.ParseError as exc:
                findings.append(f"{rel}: not well-formed XML any more ({exc})")
    bundle = site / "pagefind"
    if bundle.exists():
        for url, fragment in pagefind_fragments(bundle).items():
            for where, value in walk(fragment):
                if where.rsplit(".", 1)[-1] in ("url", "href", "link", "image") and unsafe_url(value):
                    findings.append(f"pagefind fragment {url} {where}: unsafe URL {value[:60]!r}")
    return findings


def test_hostile_project_builds_and_reports_unsafe_urls(hostile):
    build = built(hostile)
    assert len(COVERED) >= 400, len(COVERED)
    unreported = [story_id(k) for k in range(1, N_STORIES + 1)
                  if not any(story_id(k) in line and "source_url" in line for line in build.log.splitlines())]
    timeline = f"{story_id(1)}/timeline.yml"
    first_link = len(HTML_PAYLOADS) + 1  # entry numbers of the links, in file order
    unreported += [f"{timeline} entries[{n}]" for n in range(first_link, first_link + len(URL_PAYLOADS))
                   if not any(timeline in line and f"entries[{n}]" in line for line in build.log.splitlines())]
    assert not unreported, f"unsafe URLs not reported: {unreported}\n{build.log[-3000:]}"


def test_no_payload_is_live_in_any_built_file(hostile):
    site = built(hostile).site
    findings = static_findings(site)
    assert not findings, f"{len(findings)} live payloads in the built files:\n" + "\n".join(findings[:80])


# --- in the browser ------------------------------------------------------------------------

DOM_CHECK = r"""async () => {
  // Every glossary link focused and hovered (Lore's own tooltip shows on both), every <details> opened,
  // then a moment for onerror, onfocus, ontoggle and timers before the scan.
  document.querySelectorAll('a.lore-term').forEach(a => {
    a.focus(); a.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
  });
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  await new Promise(resolve => setTimeout(resolve, 40));
  const norm = v => (v || '').replace(/[\u0000-\u0020\u007f]+/g, '').toLowerCase();
  const bad = [];
  const scan = root => {
    for (const el of root.querySelectorAll('*')) {
      for (const a of el.attributes) {
        const n = a.name.toLowerCase(), v = norm(a.value);
        const link = ['href', 'xlink:href', 'action', 'formaction'].includes(n);
        if ((link && /^(javascript|data|vbscript):/.test(v))
            || ((n === 'src' || n === 'data') && /^(javascript|vbscript):/.test(v))
            || (n.startsWith('on') && /pwn_|alert\(/.test(a.value)) || n === 'srcdoc') {
          bad.push(`<${el.localName} ${n}="${a.value.slice(0, 70)}">`);
        }
      }
      if (el.localName === 'script' && /pwn_/.test(el.textContent)) bad.push(`<script>${el.textContent.slice(0, 70)}`);
      if (el.localName === 'a' && /^(javascript|vbscript|data):$/.test(el.protocol || '')) {
        bad.push(`<a> resolving to ${el.protocol}`);
      }
      if (el.shadowRoot) scan(el.shadowRoot);
    }
  };
  scan(document);
  return {bad, shown: (document.body.innerText.match(/pwn_/g) || []).length};
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browsing(hostile):
    """The built site on localhost and one Chromium page that records every dialog it meets."""
    site = built(hostile).site
    playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_port}/"
    # Pages that draw a diagram; elsewhere mermaid has nothing to render, and parsing its 3 MB per page
    # would cost most of the time budget. Likewise Material's search worker outside the search test.
    diagrams = {base + path.relative_to(site).as_posix().removesuffix("index.html")
                for path in site.rglob("*.html") if 'class="mermaid"' in path.read_text(encoding="utf-8")}
    state = {"dialogs": [], "hrefs": [], "unrendered": [], "visited": 0, "search": False}
    with playwright_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"])
        context = chromium.new_context(viewport={"width": 1200, "height": 900}, reduced_motion="reduce")
        context.route("**/mermaid.min.js", lambda r: r.continue_() if r.request.frame.url.split("?")[0] in diagrams
                      else r.abort())
        context.route("**/workers/search.*.js", lambda r: r.continue_() if state["search"] else r.abort())

        def on_dialog(dialog, page):
            state["dialogs"].append((page.url, dialog.type, dialog.message))
            dialog.dismiss()

        context.on("page", lambda page: page.on("dialog", lambda d: on_dialog(d, page)))  # popups too
        page = context.new_page()
        page.set_default_timeout(10000)

        def visit(url, then=None):
            page.goto(url, wait_until="load")
            if then:
                try:
                    then(page)
                except playwright_api.Error as exc:  # a part that never rendered was not tested: say so
                    state["unrendered"].append((url, str(exc).splitlines()[0]))
            state["visited"] += 1
            result = page.evaluate(DOM_CHECK)
            state["hrefs"] += [(page.url, bad) for bad in result["bad"]]
            return result["shown"]  # how many payloads the page shows as text

        yield site, base, visit, state
        context.close()
        chromium.close()
    httpd.shutdown()


def assert_clean(state, what):
    """One line per marker and problem, with the pages it happened on."""
    problems: dict[str, list[str]] = {}
    for url, kind, message in state["dialogs"]:
        key = f"{kind}({message!r}) fired [{describe(MARK.findall(message)) or 'not one of our markers'}]"
        problems.setdefault(key, []).append(url)
    for url, bad in state["hrefs"]:
        problems.setdefault(f"live in the DOM: {bad} [{describe(MARK.findall(bad)) or 'no marker'}]", []).append(url)
    for url, error in state["unrendered"]:
        problems.setdefault(f"not exercised: {error}", []).append(url)
    lines = [f"{key}\n      on {', '.join(sorted(set(urls)))}" + (f" ({len(urls)} times)" if len(urls) > 1 else "")
             for key, urls in sorted(problems.items())]
    assert not lines, f"{what}: {len(lines)} problems\n" + "\n".join(lines)


def _hover_first_term(page):
    """A real mouse over a glossary link, as a reader would."""
    page.locator("a.lore-term").first.hover()


def _mermaid(page):
    if page.locator("pre.mermaid").count():  # Material swaps each fence for a div.mermaid once drawn
        page.wait_for_function("() => !document.querySelector('pre.mermaid')", timeout=8000)


def test_every_page_opens_without_a_dialog_or_an_unsafe_href(browsing):
    site, base, visit, state = browsing
    for key in ("dialogs", "hrefs", "unrendered"):
        state[key].clear()
    pages = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))
    assert len(pages) > 30, pages
    for rel in pages:
        url = base + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        hooks = {story_id(1): _mermaid, "onboarding/first-week/": _hover_first_term}
        visit(url, then=next((hook for key, hook in hooks.items() if key in url), None))
    assert_clean(state, f"{len(pages)} pages")


def test_search_explorer_wheel_and_on_this_day_stay_inert(browsing):
    site, base, visit, state = browsing
    for key in ("dialogs", "hrefs", "unrendered"):
        state[key].clear()
    state["search"] = True
    reflected = "<img src=x onerror=alert('pwn_url_query')>"
    COVERED.setdefault("pwn_url_query", "a ?q= query in the address bar")

    def material_results(page, found=r"\d+ matching"):
        # Answered by Pagefind for the whole query, not still loading nor the answer to its first letters.
        page.wait_for_function(f"() => /{found}/i.test((document.querySelector('.md-search-result__meta') || {{}})"
                               ".textContent || '')", timeout=10000)
        # Material renders ten results at a time, more as the list is scrolled: scroll until all are there.
        state["results"] = page.evaluate("""async () => {
          const wrap = document.querySelector('.md-search__scrollwrap'), count = () =>
            document.querySelectorAll('.md-search-result__item, .md-search-result details > a').length;
          for (let last = -1, same = 0; same < 6; ) {
            wrap.scrollTop = wrap.scrollHeight;
            wrap.scrollTop = 0; await new Promise(resolve => setTimeout(resolve, 40));
            wrap.scrollTop = wrap.scrollHeight; await new Promise(resolve => setTimeout(resolve, 120));
            const now = count(); same = now === last ? same + 1 : 0; last = now;
          }
          return count();
        }""")

    state["results"] = 0
    shown = {"Material's search": visit(f"{base}incidents/?q={QUOTE_WORD}", then=material_results)}
    results = state["results"]
    visit(f"{base}?q={quote(reflected)}", then=lambda page: material_results(page, "matching"))

    def explorer_results(page):
        page.wait_for_function("() => /\\d+ (stor|result)/.test("
                               "(document.querySelector('.lore-explore__status') || {}).textContent || '')")
        page.wait_for_timeout(300)

    def facets(page):  # each facet value (a writer's tag, severity, service title...) checked in turn
        boxes = page.locator(".lore-explore__facet input")
        for n in range(min(boxes.count(), 12)):
            boxes.nth(n).dispatch_event("click")
            page.wait_for_timeout(60)
            boxes.nth(n).dispatch_event("click")

    shown["the explorer"] = visit(f"{base}explore/?q={QUOTE_WORD}", then=lambda page: (explorer_results(page),
                                                                                         facets(page)))
    visit(f"{base}explore/?q={quote(reflected)}")
    if (site / "practice-wheel/index.html").exists():
        for seed in (1, 2, 3):
            shown[f"spin {seed}"] = visit(f"{base}practice-wheel/?spin={seed}",
                                          then=lambda page: page.locator("#landed").wait_for())
    shown["on this day"] = visit(f"{base}?date=01-03", then=lambda page: page.wait_for_function(
        "() => document.querySelector('.lore-onthisday__list a')", timeout=10000))
    assert_clean(state, "search, explorer, wheel and on-this-day")
    # And they did show the hostile strings (as text), or nothing was tested.
    assert all(shown.values()), f"showed no payload at all: {[what for what, n in shown.items() if not n]}"
    assert results > 10, f"the header search showed only {results} results for {QUOTE_WORD!r}"  # ten, and "Explore all"


def test_bad_macro_arguments_never_render():
    """Payloads in the arguments Lore checks against the site are refused before the macro runs."""
    from lore.core import macrocalls
    from lore.core.knowledge import Knowledge
    from lore.core.model import Options

    kb = Knowledge(Options())
    for template in HTML_PAYLOADS:
        payload = template.format(m="pwn_arg")
        for name, arg in [("incident_list", "service"), ("incident_list", "kind"), ("incident_list", "year"),
                          ("incident_list", "limit"), ("theme_highlights", "theme"), ("nothing_broke", "limit")]:
            assert macrocalls.argument_problems(name, (), {arg: payload}, kb), (name, arg, payload)
