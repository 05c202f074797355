"""What an image file must be for the site and the PDF to show it."""
from __future__ import annotations

from pathlib import Path

from generator.figures.svg import svg_problem

# The formats both browsers and WeasyPrint show, by the bytes they start with.
_SIGNATURES = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
}


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
        return svg_problem(head)
    if not head.startswith(_SIGNATURES[kind]) or (kind == ".webp" and head[8:12] != b"WEBP"):
        return f"is not a {kind[1:].upper()} file (its content is damaged or of another kind)"
    return None
