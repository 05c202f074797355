"""HTML → Markdown for `bulletin import`: mammoth's clean HTML of a Word document, walked as a
tree (the standard library's html.parser) and written as the Markdown of docs/editing.md.

Our own walker rather than a general converter: Word's footnotes become `[^n]` notes, Chinese
text and full-width punctuation are written as they are (no spaces put between characters, no
escapes but the few ASCII marks Markdown would read), and what Markdown here cannot hold is
said (`Converted.lost`) instead of passed over: a merged table cell, an underline.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "tr", "td", "th", "blockquote")
VOID = ("br", "img", "hr")
_SPECIAL = re.compile(r"([\\`*_\[\]<])")
_LINE_START = re.compile(r"^(#{1,6}\s|>|[-+=]\s|\d+[.)]\s)")


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    kids: list[Node | str] = field(default_factory=list)


class TreeBuilder(HTMLParser):
    """mammoth writes well-formed HTML: a stack is all it takes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].kids.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if any(n.tag == tag for n in self.stack[1:]):
            while self.stack.pop().tag != tag:
                pass

    def handle_data(self, data: str) -> None:
        self.stack[-1].kids.append(data)


def parse_html(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


@dataclass
class Converted:
    markdown: str
    title: str | None                  # the document's title paragraph or first heading, taken out
    lost: list[str] = field(default_factory=list)   # what Markdown cannot hold, said once each


def to_markdown(html: str, images: dict[str, str] | None = None, titled: bool = False) -> Converted:
    """The body as Markdown, its title taken out of it: a `doc-title` paragraph (Word's Title
    style), else, unless the document is `titled` by its properties, a first `h1`. The headings
    are moved so that the top one is a ## (the page's h1 is the title). `images`: each
    picture's src in the HTML → its address in the article."""
    root = parse_html(html)
    notes = [k for k in root.kids if isinstance(k, Node) and k.tag == "ol" and _is_notes(k)]
    body = [k for k in root.kids if k not in notes]
    title, body = _take_title(body, titled)
    levels = [int(k.tag[1]) for k in body if isinstance(k, Node) and re.fullmatch(r"h[1-6]", k.tag)]
    writer = Writer(2 - min(levels, default=2), images or {})
    blocks = [writer.block(k) for k in body]
    defined = sorted((writer.note(li) for ol in notes for li in ol.kids if isinstance(li, Node)),
                     key=lambda line: int(line[2:line.index("]")]))
    blocks += defined
    text = "\n\n".join(b for b in blocks if b.strip())
    return Converted(text.strip() + "\n", title, sorted(writer.lost))


def _is_notes(ol: Node) -> bool:
    items = [k for k in ol.kids if isinstance(k, Node)]
    return bool(items) and all(k.attrs.get("id", "").startswith(("footnote-", "endnote-")) for k in items)


def _take_title(body: list[Node | str], titled: bool) -> tuple[str | None, list[Node | str]]:
    nodes = [k for k in body if isinstance(k, Node)]
    first = next((k for k in nodes if plain(k).strip()), None)
    if first is None:
        return None, body
    if "doc-title" in first.attrs.get("class", "") or (first.tag == "h1" and not titled):
        return plain(first).strip(), [k for k in body if k is not first]
    return None, body


def plain(node: Node | str) -> str:
    return node if isinstance(node, str) else "".join(plain(k) for k in node.kids)


class Writer:
    """Markdown of mammoth's elements; `lost` collects what could not be kept."""

    def __init__(self, shift: int = 1, images: dict[str, str] | None = None) -> None:
        self.lost: set[str] = set()
        self.shift = shift   # heading levels added (h1 → ##)
        self.images = images or {}
        self.notes: dict[str, int] = {}   # a note's id in the document → its number here

    def block(self, node: Node | str, depth: int = 0) -> str:
        if isinstance(node, str):
            return escape_line(self.inline_text(node))
        tag = node.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            return "#" * max(2, min(int(tag[1]) + self.shift, 6)) + " " + self.inline(node).strip()
        if tag in ("ul", "ol"):
            return self.list(node, depth)
        if tag == "table":
            return self.table(node)
        if tag == "blockquote":
            inner = "\n\n".join(b for k in node.kids if (b := self.block(k, depth)).strip())
            return "\n".join("> " + line if line else ">" for line in inner.split("\n"))
        if tag == "hr":
            return "---"
        return escape_line(self.inline(node).strip())

    def list(self, node: Node, depth: int) -> str:
        lines = []
        items = [k for k in node.kids if isinstance(k, Node) and k.tag == "li"]
        for number, li in enumerate(items, 1):
            marker = f"{number}. " if node.tag == "ol" else "- "
            text = self.inline(Node("li", kids=[k for k in li.kids if not _is_list(k)])).strip()
            lines.append(marker + escape_line(text))
            for sub in (k for k in li.kids if _is_list(k)):
                assert isinstance(sub, Node)
                lines += [" " * len(marker) + line for line in self.list(sub, depth + 1).split("\n")]
        return "\n".join(lines)

    def table(self, node: Node) -> str:
        rows = [r for r in _descendants(node, "tr")]
        cells = [[c for c in r.kids if isinstance(c, Node) and c.tag in ("td", "th")] for r in rows]
        if any("colspan" in c.attrs or "rowspan" in c.attrs for row in cells for c in row):
            self.lost.add("merged table cells: their text is in the first cell, the others are empty (check the table)")
        texts = [[text for c in row for text in [self.cell(c), *[""] * (_span(c) - 1)]] for row in cells]
        width = max((len(r) for r in texts), default=0)
        if not width:
            return ""
        texts = [r + [""] * (width - len(r)) for r in texts]
        lines = ["| " + " | ".join(texts[0]) + " |", "|" + "---|" * width]
        lines += ["| " + " | ".join(r) + " |" for r in texts[1:]]
        return "\n".join(lines)

    def cell(self, node: Node) -> str:
        parts = [self.inline(k).strip() if isinstance(k, Node) else self.inline_text(k) for k in node.kids]
        return " ".join(p for p in parts if p).replace("|", "\\|").replace("\n", " ")

    def number(self, note_id: str) -> int:
        """Notes numbered 1, 2 … in the order they are called (Word's ids start anywhere)."""
        return self.notes.setdefault(note_id, len(self.notes) + 1)

    def note(self, li: Node) -> str:
        number = self.number(li.attrs.get("id", "").rsplit("-", 1)[-1])
        kids = [k for k in li.kids if not (isinstance(k, Node) and _is_backlink(k))]
        text = " ".join(self.inline(k).strip() if isinstance(k, Node) else self.inline_text(k) for k in kids)
        return f"[^{number}]: {text.strip()}"

    def inline(self, node: Node | str) -> str:
        if isinstance(node, str):
            return self.inline_text(node)
        tag, inner = node.tag, "".join(self.inline(k) for k in _merged(node.kids) if not _is_backlink(k))
        if tag == "br":
            return "\\\n"
        if tag == "img":
            src = node.attrs.get("src", "")
            return f"![{escape(node.attrs.get('alt', ''))}]({_address(self.images.get(src, src))})" if src else ""
        if tag in ("strong", "b", "em", "i"):
            return _emphasis("**" if tag in ("strong", "b") else "*", inner)
        if tag == "sup" and (call := _note_call(node)):
            return f"[^{self.number(call)}]"
        if tag == "a":
            return self.link(node, inner)
        if tag in ("u", "s", "del", "sub", "sup"):
            self.lost.add({"u": "underline", "s": "strikethrough", "del": "strikethrough", "sub": "subscript",
                           "sup": "superscript"}[tag] + " (the text is kept, plain)")
        if tag in BLOCKS:   # a paragraph inside a list item or a cell: a space between, none in Chinese
            return inner + " "
        return inner

    def link(self, node: Node, inner: str) -> str:
        href = node.attrs.get("href", "")
        if not href or href.startswith("#"):   # Word's bookmarks and table-of-contents anchors
            return inner
        return f"[{inner}]({_address(href)})"

    def inline_text(self, text: str) -> str:
        return escape(re.sub(r"[ \t\r\n]+", " ", text))


def _span(cell: Node) -> int:
    value = cell.attrs.get("colspan", "1")
    return int(value) if value.isdigit() and 0 < int(value) < 64 else 1


def _merged(kids: list[Node | str]) -> list[Node | str]:
    """Two bold runs side by side are one bold text (`**a****b**` would print the stars)."""
    out: list[Node | str] = []
    for kid in kids:
        last = out[-1] if out else None
        if isinstance(kid, Node) and isinstance(last, Node) and kid.tag == last.tag and \
                kid.tag in ("strong", "b", "em", "i") and not kid.attrs and not last.attrs:
            out[-1] = Node(kid.tag, {}, [*last.kids, *kid.kids])
        else:
            out.append(kid)
    return out


def _is_list(node: Node | str) -> bool:
    return isinstance(node, Node) and node.tag in ("ul", "ol")


def _is_backlink(node: Node | str) -> bool:
    return isinstance(node, Node) and node.tag == "a" and \
        node.attrs.get("href", "").startswith(("#footnote-ref-", "#endnote-ref-"))


def _note_call(sup: Node) -> str | None:
    links = [k for k in sup.kids if isinstance(k, Node) and k.tag == "a"]
    href = links[0].attrs.get("href", "") if len(links) == 1 else ""
    return href.rsplit("-", 1)[-1] if href.startswith(("#footnote-", "#endnote-")) else None


def _descendants(node: Node, tag: str) -> list[Node]:
    found = []
    for kid in node.kids:
        if isinstance(kid, Node):
            found += [kid] if kid.tag == tag else _descendants(kid, tag)
    return found


def _emphasis(mark: str, inner: str) -> str:
    """Spaces stay outside the marks (`** 重点**` is no emphasis); empty emphasis is nothing."""
    core = inner.strip()
    if not core:
        return inner
    lead, trail = inner[:len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()):]
    return f"{lead}{mark}{core}{mark}{trail}"


def _address(url: str) -> str:
    return f"<{url}>" if re.search(r"[\s()<>]", url) else url


def escape(text: str) -> str:
    """Only what Markdown would read as markup: \\ ` * _ [ ] <; full-width marks are text."""
    return _SPECIAL.sub(r"\\\1", text)


def escape_line(text: str) -> str:
    """A paragraph that would start a heading, a quote or a list is escaped at its start
    (`1\\. ` for a number, `\\#` for the rest)."""
    found = _LINE_START.match(text)
    if not found:
        return text
    if found.group(1)[0].isdigit():
        at = len(found.group(1).rstrip()) - 1
        return text[:at] + "\\" + text[at:]
    return "\\" + text
