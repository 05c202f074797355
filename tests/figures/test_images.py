"""What an image file must be for the site and the PDF to show it."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.figures.images import image_problem

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'


@pytest.mark.parametrize("body", [
    '<a href="https://example.com"><text>见 url(http://x/y)</text></a>',      # a link loads nothing
    '<defs><linearGradient id="g"/></defs><rect fill="url(#g)"/><use xlink:href="#g"/>',
    '<image href="data:image/png;base64,iVBORw0KGgo="/>',
])
def test_an_svg_that_loads_nothing_from_outside_is_fine(tmp_path: Path, body: str):
    (tmp_path / "a.SVG").write_text(SVG.format(body), "utf-8")
    assert image_problem(tmp_path / "a.SVG") is None


@pytest.mark.parametrize("body, ref", [
    ('<image xlink:href="http://example.org/x.png"/>', "http://example.org/x.png"),
    ('<style>@import "http://f/x.css";</style>', "http://f/x.css"),
    ('<rect style="fill:url(file:///etc/passwd)"/>', "file:///etc/passwd"),
    ('<use href="other.svg#shape"/>', "other.svg#shape"),
])
def test_an_svg_that_loads_from_outside_is_named(tmp_path: Path, body: str, ref: str):
    (tmp_path / "a.svg").write_text(SVG.format(body), "utf-8")
    assert image_problem(tmp_path / "a.svg") == f"refers to '{ref}' outside itself; export the SVG with everything embedded"
