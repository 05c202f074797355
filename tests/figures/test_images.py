"""What an image file must be for the site and the PDF to show it. (SVGs: test_svg.py.)"""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.figures.images import image_problem


@pytest.mark.parametrize("name, data", [
    ("a.png", b"\x89PNG\r\n\x1a\n...."), ("a.JPG", b"\xff\xd8\xff\xe0"), ("a.jpeg", b"\xff\xd8\xff\xdb"),
    ("a.gif", b"GIF89a.."), ("a.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 "),
    ("a.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>'),
])
def test_an_image_of_a_shown_format_is_fine(tmp_path: Path, name: str, data: bytes):
    (tmp_path / name).write_bytes(data)
    assert image_problem(tmp_path / name) is None


@pytest.mark.parametrize("name, data, problem", [
    ("a.png", b"<!doctype html><title>404</title>", "is not a PNG file (its content is damaged or of another kind)"),
    ("a.webp", b"RIFF\x00\x00\x00\x00WAVEfmt ", "is not a WEBP file"),
    ("a.heic", b"\x00\x00\x00\x18ftypheic", "is a .heic; use PNG, JPEG, GIF, WebP or SVG"),
    ("a.csv", b"year,volume\n2024,1\n", "is a .csv; use PNG, JPEG, GIF, WebP or SVG"),
    ("cover", b"\x89PNG\r\n\x1a\n", "is a file without extension"),
])
def test_an_image_that_is_not_one_is_named(tmp_path: Path, name: str, data: bytes, problem: str):
    (tmp_path / name).write_bytes(data)
    assert problem in (image_problem(tmp_path / name) or "")
