"""What an image file must be for the site and the PDF to show it."""
from __future__ import annotations

import re
from pathlib import Path

# The formats both browsers and WeasyPrint show, by the bytes they start with.
_SIGNATURES = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
}
# What an SVG loads: the elements that fetch (an <a> only links), and url()/@import in its CSS
_SVG_LOADS = re.compile(r"""<(?:image|use|feImage|script|link|img|iframe|object|embed)\b[^>]*?"""
                        r"""\s(?:xlink:)?(?:href|src)\s*=\s*["']\s*([^"'\s][^"']*)["']""", re.I)
_SVG_STYLES = re.compile(r"<style[^>]*>(.*?)</style>|\sstyle\s*=\s*\"([^\"]*)\"", re.S | re.I)
_CSS_LOADS = re.compile(r"""url\(\s*["']?([^"')\s]+)|@import\s+["']([^"']+)""")


def image_problem(path: Path) -> str | None:
    """Why `path` cannot be shown, or None. A wrong or unsupported file (a photo saved as
    .heic, a download that failed) would be a broken picture on the site and a gap in the PDF."""
    kind = path.suffix.lower()
    if kind != ".svg" and kind not in _SIGNATURES:
        return f"is a {kind or 'file without extension'}; use PNG, JPEG, GIF, WebP or SVG"
    try:
        head = path.read_bytes() if kind == ".svg" else path.open("rb").read(16)
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if kind == ".svg":
        return _svg_problem(head)
    if not head.startswith(_SIGNATURES[kind]) or (kind == ".webp" and head[8:12] != b"WEBP"):
        return f"is not a {kind[1:].upper()} file (its content is damaged or of another kind)"
    return None


def _svg_problem(data: bytes) -> str | None:
    text = data.decode("utf-8", "replace")
    if "<svg" not in text:
        return "is not an SVG file (no <svg> element)"
    css = " ".join(a or b for a, b in _SVG_STYLES.findall(text))
    refs = _SVG_LOADS.findall(text) + [a or b for a, b in _CSS_LOADS.findall(css)]
    for ref in (r.strip() for r in refs):
        if not ref.startswith(("#", "data:")):
            # an <img> SVG loads nothing outside itself in a browser; the PDF may not fetch it
            return f"refers to '{ref}' outside itself; export the SVG with everything embedded"
    return None
