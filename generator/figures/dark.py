"""A chart's SVG follows the reader's dark mode by itself: a <style> in it recolours, under
`prefers-color-scheme: dark`, what style.py draws in print colours (ink, grid, series) to the
theme's dark colours. No script, no second file: browsers apply a picture's own media
queries; WeasyPrint (the PDF) and the editions' PNGs never see them.

The style goes in with a real XML parser, never by editing the text."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from generator.figures.style import DARK

SVG = "http://www.w3.org/2000/svg"
# the namespaces matplotlib writes: kept as its prefixes, so the file reads the same
_PREFIXES = {"": SVG, "xlink": "http://www.w3.org/1999/xlink", "dc": "http://purl.org/dc/elements/1.1/",
             "cc": "http://creativecommons.org/ns#", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}


def dark_css() -> str:
    """matplotlib writes each colour into a style attribute: match it there (!important beats it)."""
    rules = [f'[style*="{prop}: {light}"]{{{prop}:{dark}!important}}'
             for light, dark in DARK.items() for prop in ("fill", "stroke")]
    return "@media (prefers-color-scheme: dark){" + "".join(rules) + "}"


def with_dark_mode(svg: bytes) -> bytes:
    """matplotlib's SVG with the dark-mode style added to its <defs>."""
    for prefix, uri in _PREFIXES.items():
        ET.register_namespace(prefix, uri)
    parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True))   # matplotlib names each label in one
    parser.feed(svg)
    root = parser.close()
    defs = root.find(f"{{{SVG}}}defs")
    if defs is None:
        defs = ET.Element(f"{{{SVG}}}defs")
        root.insert(0, defs)
    style = ET.SubElement(defs, f"{{{SVG}}}style", {"type": "text/css"})
    style.text = dark_css()
    return b'<?xml version="1.0" encoding="utf-8" standalone="no"?>\n' + ET.tostring(root, encoding="utf-8",
                                                                                     xml_declaration=False)
