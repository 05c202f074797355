"""What an SVG from the content folder may hold: a picture, nothing that runs or fetches.

The site copies an editor's SVG byte for byte, and a reader who opens it on its own gets
a document of the site's origin: a script in it would run there. So the file is read by
expat (the parser under xml.etree) with namespaces resolved, as a browser reads it — any
prefix bound to the SVG or XLink namespace is the same element or attribute — and refused,
with its line, if it holds anything but drawing. No DTD of its own (no entity is ever
expanded, nothing is fetched), no script, no event attribute, no HTML inside, and no
reference other than `#fragment` or an embedded raster image or font.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from xml.parsers import expat

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
# Browsers render these inside an XML document: HTML elements run and load like in a page.
_FOREIGN = {"http://www.w3.org/1999/xhtml": "HTML", "http://www.w3.org/1998/Math/MathML": "MathML"}
_RUNS = {"script", "handler", "listener"}          # SVG's, SVG Tiny's and XML Events' code elements
_ANIMATIONS = {"set", "animate", "animateColor", "animateMotion", "animateTransform"}
# Embedded rasters and fonts cannot run; an embedded SVG or HTML could, so it is not safe.
_SAFE_DATA = re.compile(r"data:(image/(png|jpe?g|gif|webp)|font/[\w.+-]+|application/(x-)?font-[\w.+-]+)\s*[;,]",
                        re.I)

_LOADING = ("url", "src", "image", "image-set", "-webkit-image-set")   # CSS functions that fetch
_MAY_LOAD = re.compile(r"\\|@import|(url|src|image|image-set)\(", re.I)   # a quick look before tinycss2
RUNS_HINT = ("the site must not run code from content: export the picture again without scripts or "
             "interactivity (Inkscape: Save As › Optimized or Plain SVG), or as PNG")
LOADS_HINT = "export the SVG with everything embedded"


class Unsafe(Exception):
    """Why the SVG is refused; raised from inside the parser to stop it at the first problem."""


def safe_reference(ref: str) -> bool:
    """A reference the SVG may hold: a `#fragment` of itself, nothing, or an embedded raster
    image or font."""
    ref = ref.strip(" \t\n\r\f\v\x00")
    return not ref or ref.startswith("#") or bool(_SAFE_DATA.match(ref))


def svg_problem(data: bytes) -> str | None:
    """Why this SVG cannot be published, with the line in the SVG, or None."""
    parser = expat.ParserCreate(namespace_separator=" ")
    _Checker(parser)
    try:
        parser.Parse(data, True)
    except Unsafe as exc:
        return str(exc)
    except expat.ExpatError as exc:
        return (f"is not well-formed XML (line {exc.lineno} of the SVG: {expat.ErrorString(exc.code)}); "
                "open it in a drawing program and save it again")
    return None


def _shown(ref: str) -> str:
    ref = ref.strip()
    return ref if len(ref) <= 60 else ref[:60] + "…"


class _Checker:
    """expat's handlers: elements and attributes by (namespace, name), text of <style>."""

    def __init__(self, parser) -> None:
        self.parser = parser
        self.started = False
        self.style: list[str] | None = None     # the text of the <style> being read
        self.style_line = 0
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = self.doctype
        parser.EntityDeclHandler = self.entity
        parser.ProcessingInstructionHandler = self.instruction
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.text

    def refuse(self, what: str, hint: str = RUNS_HINT, line: int | None = None) -> None:
        raise Unsafe(f"{what} (line {line or self.parser.CurrentLineNumber} of the SVG); {hint}")

    def refuse_ref(self, ref: str, line: int | None = None) -> None:
        self.refuse(f"refers to '{_shown(ref)}' outside itself", LOADS_HINT, line)

    def doctype(self, name, system_id, public_id, has_internal_subset) -> None:
        if has_internal_subset:   # entities (expanded, or fetched) and default attributes live there
            self.refuse("declares a DTD of its own (<!DOCTYPE … [ … ]>), which would define entities or "
                        "attributes", "export it again as plain SVG, without a DTD")

    def entity(self, *args) -> None:
        self.refuse("declares an XML entity", "export it again as plain SVG, without a DTD")

    def instruction(self, target: str, data: str) -> None:
        if target.lower() == "xml-stylesheet":   # loads CSS, or an XSLT that may run script
            self.refuse("has an <?xml-stylesheet?> instruction, which loads a file outside itself", LOADS_HINT)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        ns, _, local = name.rpartition(" ")
        if not self.started:
            self.started = True
            self.check_root(ns, local)
        self.check_element(ns, local)
        for key, value in attrs.items():
            self.check_attribute(key, value)
        if local in _ANIMATIONS:
            self.check_animation(attrs)
        if local == "style":
            self.style, self.style_line = [], self.parser.CurrentLineNumber

    def check_root(self, ns: str, local: str) -> None:
        if local == "svg" and not ns:
            raise Unsafe(f'has no xmlns="{SVG_NS}" on its <svg> element, so browsers do not show it; '
                         "export it again from the drawing program")
        if (ns, local) != (SVG_NS, "svg"):
            raise Unsafe(f"is not an SVG file (it starts with <{local}>, not <svg>)")

    def check_element(self, ns: str, local: str) -> None:
        if local in _RUNS:
            self.refuse(f"has a <{local}> element")
        if local == "foreignObject":   # HTML inside the picture: forms, frames, scripts
            self.refuse("has a <foreignObject> element")
        if ns in _FOREIGN:
            self.refuse(f"has {_FOREIGN[ns]} inside (<{local}>)")

    def check_attribute(self, key: str, value: str) -> None:
        ns, _, local = key.rpartition(" ")
        if local.lower().startswith("on"):
            self.refuse(f"has an event attribute '{local}'")
        if local == "href" and ns in ("", XLINK_NS) and not safe_reference(value):
            self.refuse_ref(value)
        if local == "base" and ns == XML_NS and value.strip():   # would turn '#x' into a fetch
            self.refuse_ref(value)
        if may_load(value):   # CSS in style= and in presentation attributes (fill="url(…)")
            for ref, _ in css_references(value):
                self.refuse_ref(ref)

    def check_animation(self, attrs: dict[str, str]) -> None:
        """<set attributeName="href" to="javascript:…"> makes the link it does not hold."""
        animated = attrs.get("attributeName", "").rpartition(":")[2].strip()
        if animated == "href" or animated.lower().startswith("on"):
            self.refuse(f"animates its '{animated}' attribute")

    def end(self, name: str) -> None:
        if self.style is not None and name.rpartition(" ")[2] == "style":
            css, self.style = "".join(self.style), None
            for ref, line in css_references(css):
                self.refuse_ref(ref, self.style_line + line - 1)

    def text(self, data: str) -> None:
        if self.style is not None:
            self.style.append(data)


def may_load(css: str) -> bool:
    """Whether `css` could load anything: a function that loads, an @import, or an escape
    that may spell one (u\\72l()). Most style= values are neither and are not parsed."""
    return ("(" in css or "\\" in css or "@" in css) and _MAY_LOAD.search(css) is not None


@functools.lru_cache(maxsize=1024)   # a drawing repeats its clip-path="url(#c1)" thousands of times
def css_references(css: str) -> tuple[tuple[str, int], ...]:
    """(reference, line in `css`) of everything `css` would load that is not safe: url(),
    image-set() and src() strings, and @import (never safe)."""
    if not may_load(css):
        return ()
    import tinycss2
    return tuple((ref, line) for ref, line, imported in _walk(tinycss2.parse_component_value_list(css))
                 if imported or not safe_reference(ref))


def _walk(tokens: list) -> Iterator[tuple[str, int, bool]]:
    """(reference, line, whether it is an @import) of every load in `tokens`."""
    tokens = [t for t in tokens if t.type not in ("whitespace", "comment")]
    for i, tok in enumerate(tokens):
        if tok.type == "url":
            yield tok.value, tok.source_line, False
        elif tok.type == "at-keyword" and tok.lower_value == "import":
            target = tokens[i + 1] if i + 1 < len(tokens) else None
            yield _css_target(target) or "@import", tok.source_line, True
        elif tok.type == "function":
            if tok.lower_name in _LOADING:
                yield from ((t.value, t.source_line, False) for t in tok.arguments if t.type == "string")
            yield from _walk(tok.arguments)
        elif tok.type in ("() block", "[] block", "{} block"):
            yield from _walk(tok.content)


def _css_target(tok) -> str:
    if tok is None:
        return ""
    if tok.type in ("string", "url"):
        return tok.value
    if tok.type == "function":
        return "".join(t.value for t in tok.arguments if t.type == "string")
    return ""
