"""A Word or WPS `.docx` as `bulletin import` reads it: mammoth's HTML of its text (mammoth reads
the document's structure, not its looks: headings, lists, tables, notes, links, images with
their alt text), its images as bytes, and the title and author its properties hold."""
from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

# Word's built-in styles by their English names (WPS and Word save those whatever the language
# of the program), and the Chinese names a template of its own may give them.
STYLE_MAP = "\n".join([
    "p[style-name='Title'] => p.doc-title:fresh",
    "p[style-name='标题'] => p.doc-title:fresh",
    "p[style-name='Subtitle'] => p:fresh",
    "p[style-name='副标题'] => p:fresh",
    "p[style-name='Quote'] => blockquote > p:fresh",
    "p[style-name='Intense Quote'] => blockquote > p:fresh",
    "p[style-name='Quotations'] => blockquote > p:fresh",   # LibreOffice's name for it
    "p[style-name='引用'] => blockquote > p:fresh",
    "p[style-name='明显引用'] => blockquote > p:fresh",
    *(f"p[style-name='标题 {n}'] => h{n}:fresh" for n in range(1, 7)),
    "u => u",          # kept to be told: the Markdown here has no underline
    "strike => s",
])
IMAGE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp",
               "image/svg+xml": ".svg"}
_CORE = {"dc": "http://purl.org/dc/elements/1.1/"}


class WordError(Exception):
    """A file that is no .docx mammoth can read; the message is for the editor."""


@dataclass(frozen=True)
class Picture:
    placeholder: str    # its src in the HTML, until it has a name in images/
    suffix: str         # .png, .jpg …
    data: bytes


@dataclass
class WordDocument:
    html: str
    pictures: list[Picture]
    title: str | None            # the document's title property
    author: str | None           # its author property (often the computer's user name)
    messages: list[str] = field(default_factory=list)   # what mammoth could not read


def read_docx(path: Path) -> WordDocument:
    import mammoth
    pictures: list[Picture] = []
    lost: list[str] = []

    def keep(image) -> dict[str, str]:
        suffix = IMAGE_TYPES.get(image.content_type or "")
        if suffix is None:
            lost.append(f"an image of type {image.content_type} (EMF/WMF drawings and the like) cannot be shown "
                        "on a web page: export it as PNG and add it by hand")
            return {"src": ""}
        with image.open() as stream:
            pictures.append(Picture(f"picture-{len(pictures) + 1}{suffix}", suffix, stream.read()))
        return {"src": pictures[-1].placeholder}

    try:
        with open(path, "rb") as fh:
            result = mammoth.convert_to_html(fh, style_map=STYLE_MAP, convert_image=mammoth.images.img_element(keep))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise WordError(f"is not a Word document that can be read (.docx is a zip file of XML): {exc}") from None
    title, author = core_properties(path)
    return WordDocument(result.value, pictures, title, author, [*dict.fromkeys(lost + told(result.messages))])


_STYLE = re.compile(r"^Unrecognised (?:paragraph|run) style: (.*?) \(Style ID: (.*)\)$")
# styles of plain text, footnotes and links in Word, WPS and LibreOffice: nothing is lost with them
PLAIN_STYLES = {"normal", "body text", "text body", "standard", "default style", "list paragraph", "footnote text",
                "footnote reference", "footnote characters", "footnote anchor", "endnote text", "endnote reference",
                "endnote characters", "endnote anchor", "hyperlink", "internet link", "table contents",
                "default paragraph font", "正文", "正文文本"}


def told(messages: list) -> list[str]:
    """mammoth's messages as an editor needs them: the styles it kept no trace of, in one line
    (their text is kept: the look is what goes), and anything else it could not read."""
    styles, other = [], []
    for message in (m.message for m in messages):
        found = _STYLE.match(message)
        if found:
            name = found.group(1) if found.group(1) != "None" else found.group(2)
            styles += [] if name.lower() in PLAIN_STYLES or name.replace(" ", "").lower() in {
                n.replace(" ", "") for n in PLAIN_STYLES} else [name]
        elif "was referenced but not defined" not in message:
            other.append(message)
    if styles:
        other.insert(0, "the document's own styles are not kept, their text is (only headings, lists, quotations, "
                        f"tables, bold, italic, links and notes are): {', '.join(dict.fromkeys(styles))}")
    return other


def core_properties(path: Path) -> tuple[str | None, str | None]:
    """The title and author of docProps/core.xml, if the document has them."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if posixpath.basename(n) == "core.xml"]
            root = ElementTree.fromstring(archive.read(names[0])) if names else None
    except (zipfile.BadZipFile, ElementTree.ParseError, OSError):
        return None, None
    if root is None:
        return None, None

    def text(tag: str) -> str | None:
        found = root.find(tag, _CORE)
        return found.text.strip() if found is not None and found.text and found.text.strip() else None
    return text("dc:title"), text("dc:creator")
