"""An SVG from the content folder is a picture: nothing in it may run or fetch.

Each case is a way past the old regular expressions (prefixes bound to the SVG or XLink
namespace, scripts, event attributes, HTML inside, CSS loads); each must be refused with
what is wrong and the SVG's line."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.figures.images import image_problem

HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n'


def problem_of(tmp_path: Path, text: str, name: str = "a.svg") -> str | None:
    (tmp_path / name).write_text(text, "utf-8")
    return image_problem(tmp_path / name)


RUNS = [   # (svg, what the message names)
    (HEAD + "<script>alert(1)</script></svg>", "<script>"),
    ('<svg xmlns="http://www.w3.org/2000/svg"\n onload="alert(1)"/>', "'onload'"),
    (HEAD + '<rect ONCLICK="alert(1)"/></svg>', "'ONCLICK'"),
    (HEAD + '<svg:script xmlns:svg="http://www.w3.org/2000/svg">alert(1)</svg:script></svg>', "<script>"),
    (HEAD + '<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></svg>', "<script>"),
    (HEAD + '<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject></svg>',
     "<foreignObject>"),
    (HEAD + '<h:iframe xmlns:h="http://www.w3.org/1999/xhtml" src="https://e.org/"/></svg>', "HTML"),
    (HEAD + '<m:math xmlns:m="http://www.w3.org/1998/Math/MathML" href="javascript:alert(1)"/></svg>', "MathML"),
    (HEAD + '<handler type="application/ecmascript">alert(1)</handler></svg>', "<handler>"),
    (HEAD + '<a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>', "href"),
    (HEAD + '<a><animate attributeName="xlink:href" values="javascript:alert(1)"/></a></svg>', "href"),
    (HEAD + '<rect><set attributeName="onclick" to="alert(1)"/></rect></svg>', "onclick"),
    ('<?xml-stylesheet type="text/xsl" href="x.xsl"?>\n' + HEAD + "</svg>", "xml-stylesheet"),
]


@pytest.mark.parametrize("svg, named", RUNS)
def test_an_svg_that_could_run_code_is_refused(tmp_path: Path, svg: str, named: str):
    problem = problem_of(tmp_path, svg)
    assert problem and named in problem and "line " in problem, problem
    assert "export" in problem    # what to do


LOADS = [   # (svg, the reference named)
    (HEAD + '<image xlink:href="http://example.org/x.png"/></svg>', "http://example.org/x.png"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xl="http://www.w3.org/1999/xlink">'
     '<image xl:href="http://example.org/x.png"/></svg>', "http://example.org/x.png"),
    ('<svg:svg xmlns:svg="http://www.w3.org/2000/svg"><svg:image href="file:///etc/passwd"/></svg:svg>',
     "file:///etc/passwd"),
    (HEAD + '<a href="javascript:alert(1)"><text>x</text></a></svg>', "javascript:alert(1)"),
    (HEAD + '<a href=" &#106;avascript:alert(1)"><text>x</text></a></svg>', "javascript:alert(1)"),
    (HEAD + '<a href="https://example.com"><text>x</text></a></svg>', "https://example.com"),
    (HEAD + '<use href="other.svg#shape"/></svg>', "other.svg#shape"),
    (HEAD + '<image href="data:image/svg+xml;base64,PHN2Zz4="/></svg>', "data:image/svg+xml"),
    (HEAD + '<image href="data:text/html,&lt;script&gt;"/></svg>', "data:text/html"),
    (HEAD + '<style>@import "http://f/x.css";</style></svg>', "http://f/x.css"),
    (HEAD + '<style><![CDATA[\nrect { fill: u\\72l(http://f/x.png) }]]></style></svg>', "http://f/x.png"),
    (HEAD + '<style>rect { background: image-set("http://f/x.png" 1x) }</style></svg>', "http://f/x.png"),
    (HEAD + '<rect style="fill:url(file:///etc/passwd)"/></svg>', "file:///etc/passwd"),
    (HEAD + '<rect style="fill:URL( \'//f/x\' ); mask: image(\'m.png\')"/></svg>', "//f/x"),
    (HEAD + '<rect style="mask: image(\'m.png\')"/></svg>', "m.png"),
    (HEAD + '<rect fill="url(http://f/p.svg#g)"/></svg>', "http://f/p.svg#g"),
    (HEAD + '<rect><set attributeName="fill" to="url(http://f/p.svg#g)"/></rect></svg>', "http://f/p.svg#g"),
    (HEAD + '<g xml:base="http://f/"><use href="#x"/></g></svg>', "http://f/"),
]


@pytest.mark.parametrize("svg, ref", LOADS)
def test_an_svg_that_loads_from_outside_is_refused_naming_what(tmp_path: Path, svg: str, ref: str):
    problem = problem_of(tmp_path, svg)
    assert problem and f"'{ref}" in problem and "line " in problem, problem
    assert "export the SVG with everything embedded" in problem


@pytest.mark.parametrize("svg, named", [
    (HEAD + "<rect></svg>", "not well-formed"),
    (HEAD + '<x:rect/></svg>', "not well-formed"),                     # a prefix bound to nothing
    ("<svg>no namespace</svg>", "xmlns"),
    ('<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>', "not an SVG"),
    ("", "not well-formed"),          # an empty file
    ('<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>\n'
     '<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>', "DTD"),
    ('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
     '<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>', "DTD"),
    ('<!DOCTYPE svg [<!ATTLIST svg onload CDATA "alert(1)">]>\n<svg xmlns="http://www.w3.org/2000/svg"/>', "DTD"),
])
def test_an_svg_that_is_not_a_plain_svg_document_is_refused(tmp_path: Path, svg: str, named: str):
    problem = problem_of(tmp_path, svg)
    assert problem and named in problem, problem


GOOD = [
    HEAD + '<a href="#top"><text>见 url(http://x/y) 和 &lt;script&gt;</text></a></svg>',  # text is text
    HEAD + '<defs><linearGradient id="g"/></defs><rect fill="url(#g)"/><use xlink:href="#g"/></svg>',
    HEAD + '<image href="data:image/png;base64,iVBORw0KGgo="/><image href=" data:image/JPEG,xx"/></svg>',
    HEAD + '<style>@font-face { font-family: f; src: url("data:font/woff2;base64,d09GMg==") }'
           ' rect { fill: url(#g); opacity: .5 }</style><rect style="fill:url( \'#g\' )"/></svg>',
    # what Inkscape and Illustrator write: their own namespaces, metadata, a DOCTYPE naming the public DTD
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
    '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"'
    ' xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
    'syntax-ns#" xmlns:cc="http://creativecommons.org/ns#" inkscape:version="1.2" sodipodi:docname="x.svg">'
    '<metadata><rdf:RDF><cc:Work rdf:about=""><cc:license rdf:resource="http://creativecommons.org/by/4.0/"/>'
    '</cc:Work></rdf:RDF></metadata><sodipodi:namedview id="n" inkscape:zoom="1"/><g inkscape:label="层 1">'
    '<path d="M0 0L10 10" style="opacity:1;fill:#ff0000"/><a href=""><text>本页</text></a></g></svg>',
]


@pytest.mark.parametrize("svg", GOOD)
def test_an_svg_that_is_only_a_picture_is_fine(tmp_path: Path, svg: str):
    assert problem_of(tmp_path, svg) is None


def test_an_svg_in_another_encoding_or_as_utf16_is_read(tmp_path: Path):
    (tmp_path / "a.svg").write_bytes('<?xml version="1.0" encoding="UTF-16"?>\n<svg xmlns="http://www.w3.org/'
                                     '2000/svg"><text>碳</text></svg>'.encode("utf-16"))
    assert image_problem(tmp_path / "a.svg") is None
    (tmp_path / "b.svg").write_bytes(("<svg xmlns='http://www.w3.org/2000/svg'><script>x</script></svg>")
                                     .encode("utf-16"))
    assert "<script>" in (image_problem(tmp_path / "b.svg") or "")


def test_the_charts_of_the_build_are_fine(built_fixture: Path):
    """What matplotlib writes (a <style>, clip paths by url(#id), a DOCTYPE naming the public
    DTD): the build's charts, and a chart an editor exported the same way, pass."""
    charts = sorted(built_fixture.rglob("chart-*.svg"))
    assert len(charts) >= 4 and all(b"<style" in c.read_bytes() for c in charts)
    assert [image_problem(c) for c in charts] == [None] * len(charts)


def test_a_billion_laughs_is_refused_before_any_expansion(tmp_path: Path):
    entities = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10))
    problem = problem_of(tmp_path, f'<!DOCTYPE svg [<!ENTITY e0 "ha">{entities}]>\n'
                                   '<svg xmlns="http://www.w3.org/2000/svg"><text>&e9;</text></svg>')
    assert problem and "DTD" in problem
