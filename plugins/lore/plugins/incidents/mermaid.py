"""Diagrams drawn by mermaid served from the site itself, never from a CDN."""

from __future__ import annotations

import os
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

FENCED = '<pre><code class="language-mermaid"'
_FENCE = re.compile(r'<pre><code class="language-mermaid"([^>]*)>')
EXPECTED = ("node_modules/mermaid/dist/mermaid.min.js beside mkdocs.yml or a folder above it (run 'npm install mermaid'), "
            "or the plugin option 'mermaid_js'")


def configure(config: MkDocsConfig, option: str | None) -> tuple[str | None, bool]:
    """(path of mermaid.min.js or None, whether fenced_code output must be rewritten).

    Material draws what superfences marks as ``<pre class="mermaid">``. With superfences
    configured, the mermaid fence is added if missing; without it, fenced_code's output is
    rewritten into the same markup rather than adding superfences (about 0.5 ms a page).
    """
    path = find(os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml")), option)
    if "pymdownx.superfences" not in config.markdown_extensions:
        return path, True
    from pymdownx.superfences import fence_code_format

    fences = config.mdx_configs.setdefault("pymdownx.superfences", {}).setdefault("custom_fences", [])
    if not any(f.get("name") == "mermaid" for f in fences):
        fences.append({"name": "mermaid", "class": "mermaid", "format": fence_code_format})
    return path, False


_BUNDLE = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.')


def with_script(output: str, script_url: str, *more: str, always: bool = False) -> str:
    """The page with mermaid's script, then ``more`` (diagrams.js), when it has a diagram, before Material's
    bundle (which draws them): diagrams.js wraps mermaid.render before Material first calls it.

    Only pages with a diagram load them: 2.75 MB that would otherwise be most of every first view. With
    Material's instant navigation (``always``) every page does: a page reached without a reload keeps the
    first page's scripts, and Material would otherwise fetch mermaid from a CDN."""
    if not always and 'class="mermaid"' not in output:
        return output
    tag = "\n".join(f'<script src="{url}"></script>' for url in (script_url, *more))
    found = _BUNDLE.search(output)
    at = found.start() if found else output.rfind("</body>")
    return output[:at] + tag + "\n" + output[at:] if at >= 0 else output + tag


def drawn(files) -> bool:
    """Whether any page, once rendered, has a diagram (macros and the preview's late reads included)."""
    return any(f.page is not None and 'class="mermaid"' in (f.page.content or "") for f in files.documentation_pages())


def drop(files, asset_dir: str) -> None:
    """No page draws a diagram: the site is built without mermaid's 2.75 MB and its helper."""
    for name in ("mermaid.min.js", "diagrams.js"):
        file = files.get_file_from_path(f"{asset_dir}/{name}")
        if file is not None:
            files.remove(file)


def rewrite(html: str) -> str:
    return _FENCE.sub(r'<pre class="mermaid"><code\1>', html) if FENCED in html else html


def find(config_dir: str, option: str | None) -> str | None:
    """The configured mermaid.min.js (option, then $LORE_MERMAID_JS), or one in node_modules found as Node would."""
    option = option or os.environ.get("LORE_MERMAID_JS")
    if option:
        path = option if os.path.isabs(option) else os.path.join(config_dir, option)
        if not os.path.isfile(path):
            raise PluginError(f"lore/incidents: mermaid_js: no file at '{path}' (expected the path of mermaid.min.js, "
                              "from the option or $LORE_MERMAID_JS)")
        return path
    folder = config_dir
    while True:
        path = os.path.join(folder, "node_modules", "mermaid", "dist", "mermaid.min.js")
        if os.path.isfile(path):
            return path
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
