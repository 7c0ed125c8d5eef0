"""Write-ups that are not Markdown files: HTML (Confluence and Google Docs exports) and Word (.docx).

Each becomes Markdown with well-kept converters (markdownify for HTML, mammoth
for .docx, whose HTML then goes the same way), keeping headings, lists, tables,
code, links and images; images held inside the file come back as files to write
beside the story. Nothing is fetched: remote images stay links and are reported.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
from pathlib import Path

MARKDOWN = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")
HTML = (".html", ".htm")
WORD = (".docx",)
READABLE = MARKDOWN + HTML + WORD
_DATA_URI = re.compile(r"data:image/(png|jpe?g|gif|webp);base64,([A-Za-z0-9+/=\s]+)", re.I)
_CONFLUENCE_MAIN = ("main-content", "content")


def to_markdown(src: Path, data: bytes) -> tuple[str, list[tuple[str, bytes]]]:
    """(Markdown, images extracted from the file as (name, bytes)); raises ValueError when unreadable."""
    suffix = src.suffix.lower()
    if suffix in WORD:
        return _docx(data)
    if suffix in HTML:
        return _html(_decode_html(data))
    raise ValueError(f"'{suffix}' is not a format lore import reads")


def _decode_html(data: bytes) -> str:
    declared = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], re.I)
    for encoding in ("utf-8-sig", declared.group(1).decode("ascii") if declared else "cp1252"):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", "replace")


def _html(html: str, images: list[tuple[str, bytes]] | None = None) -> tuple[str, list[tuple[str, bytes]]]:
    from bs4 import BeautifulSoup
    from markdownify import MarkdownConverter

    images = images if images is not None else []
    soup = BeautifulSoup(html, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup(["script", "style", "head", "nav", "noscript", "iframe", "form"]):
        tag.decompose()
    main = next((soup.find(id=name) for name in _CONFLUENCE_MAIN if soup.find(id=name)), None) or soup.body or soup
    _google_docs_title(main)
    for img in main.find_all("img"):
        img["src"] = _extract(img.get("src") or "", images)
    markdown = MarkdownConverter(heading_style="ATX", bullets="-", code_language="", escape_misc=False).convert_soup(main)
    markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"
    if title and not re.search(r"(?m)^# ", markdown):
        title = re.sub(r"^[^:]{1,40} : ", "", title)  # Confluence: "Space : Page title"
        markdown = f"# {title}\n\n{markdown}"
    return markdown, images


def _google_docs_title(main) -> None:
    """Google Docs writes its Title style as <p class="title">: the title heading, unless an H1 says the same."""
    styled = main.find("p", class_="title")
    if styled is None:
        return
    first = main.find("h1")
    if first is not None and first.get_text(" ", strip=True) == styled.get_text(" ", strip=True):
        styled.decompose()
    else:
        styled.name = "h1"
        del styled["class"]


def _extract(src: str, images: list[tuple[str, bytes]]) -> str:
    """An image held in the page (a data: URI) becomes a file beside the story."""
    found = _DATA_URI.fullmatch(src.strip())
    if not found:
        return src
    return _keep(images, base64.b64decode(re.sub(r"\s+", "", found.group(2)), validate=False), found.group(1))


def _keep(images: list[tuple[str, bytes]], data: bytes, kind: str) -> str:
    """An image's file name, from its content (the same picture twice is one file)."""
    name = f"image-{hashlib.sha256(data).hexdigest()[:10]}.{kind.lower().replace('jpeg', 'jpg')}"
    if name not in {n for n, _ in images}:
        images.append((name, data))
    return name


def _docx(data: bytes) -> tuple[str, list[tuple[str, bytes]]]:
    import mammoth

    images: list[tuple[str, bytes]] = []

    def image(element) -> dict:
        with element.open() as stream:
            name = _keep(images, stream.read(), (element.content_type or "image/png").split("/")[-1])
        return {"src": name, "alt": element.alt_text or ""}

    try:
        result = mammoth.convert_to_html(io.BytesIO(data), convert_image=mammoth.images.img_element(image))
    except Exception as exc:  # a damaged or foreign zip: one line for the file, never a traceback
        raise ValueError(f"is not a readable Word document ({type(exc).__name__})") from None
    return _html(f"<body>{result.value}</body>", images)
