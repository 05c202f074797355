"""Which cards the site has and in what colours (site/cards.py): the theme's :root colours,
parsed once per stylesheet and kept beside the cards."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from generator.content.config import load_site
from generator.errors import Report
from generator.figures.cards import Palette
from generator.site.cards import theme_palette
from tests.conftest import FIXTURE_SITE

SHEET = ":root { --paper: #ABCDEF; --ink: #101010; --unknown: #123456; --accent: teal; }\nbody { color: red }\n"


def site_with_theme(tmp_path: Path, css: str | None):
    theme = tmp_path / "theme"
    (theme / "static").mkdir(parents=True, exist_ok=True)
    if css is not None:
        (theme / "static" / "style.css").write_text(css, "utf-8")
    return dataclasses.replace(load_site(FIXTURE_SITE, Report()), theme=theme)


def test_the_cards_take_the_themes_root_colours_and_the_default_themes_for_the_rest(tmp_path: Path):
    palette = theme_palette(site_with_theme(tmp_path, SHEET), tmp_path / "cards")
    assert (palette.paper, palette.ink) == ("#abcdef", "#101010")
    assert palette.accent == Palette().accent   # not a #rrggbb colour: the default's
    assert palette.muted == Palette().muted


def test_a_theme_without_a_stylesheet_has_the_default_themes_colours(tmp_path: Path):
    assert theme_palette(site_with_theme(tmp_path, None), tmp_path / "cards") == Palette()   # style.css's


def test_a_stylesheet_is_parsed_once_and_again_when_it_changes(tmp_path: Path):
    folder, site = tmp_path / "cards", site_with_theme(tmp_path, SHEET)
    theme_palette(site, folder)
    [kept] = folder.glob("palette-*.json")
    kept.write_text(json.dumps({"paper": "#000001"}))   # what the next build reads instead of the sheet
    assert theme_palette(site, folder).paper == "#000001"
    kept.write_text("{not json")                        # damaged: parsed again
    assert theme_palette(site, folder).paper == "#abcdef"
    (site.theme / "static" / "style.css").write_text(SHEET.replace("#ABCDEF", "#FEDCBA"), "utf-8")
    assert theme_palette(site, folder).paper == "#fedcba"


def test_cards_of_other_drawing_code_go_once_unused_for_a_week_and_this_codes_stay(tmp_path: Path):
    import os
    import time

    from generator.site.cards import UNUSED, style_folder
    cards, now = tmp_path / "cards", time.time()
    for name in ("aaaaaaaaaaaaaaaa/k1.t1.png", "bbbbbbbbbbbbbbbb/k2.t2.png", "cccccccccccccccc/k3.t3.png",
                 "k4.t4.png", "palette-x.json"):
        (cards / name).parent.mkdir(parents=True, exist_ok=True)
        (cards / name).write_bytes(b"png")
    for old in ("aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb", "k4.t4.png", "palette-x.json"):
        os.utime(cards / old, (now - UNUSED - 60, now - UNUSED - 60))
    own = style_folder(cards, "a" * 32, now)
    assert own == cards / ("a" * 16)
    assert sorted(p.relative_to(cards).as_posix() for p in cards.rglob("*") if p.is_file()) == [
        "aaaaaaaaaaaaaaaa/k1.t1.png",     # this code's, however old
        "cccccccccccccccc/k3.t3.png"]     # another version's, added to this week: it may be building too
    assert style_folder(tmp_path / "none yet", "a" * 32) == tmp_path / "none yet" / ("a" * 16)
