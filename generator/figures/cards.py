"""Preview cards: the 1200×630 PNG a link to a page shows in WeChat, LinkedIn, Slack or X
(og:image), drawn with Pillow in the masthead's colours: the publication, the issue, the
section, the headline set as Chinese is set (clreq: no 。，、）》 at a line's start, no （《 at
its end, Latin words kept whole), the date and source.

Drawn in a palette of the theme's colours (each blended into the paper in 16 steps, which is
all the anti-aliasing needs): half the bytes of a full-colour PNG. The same card gives the
same bytes (Pillow's basic layout, no system-dependent shaping); the build keeps each by its
content hash, like charts (site/cards.py).
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from generator.cjk import CLOSING_QUOTES, NO_LINE_END, NO_LINE_START, OPENING_QUOTES

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
STEPS = 16          # shades of each colour over the paper
SANS, SERIF = "Noto Sans CJK SC", "Noto Serif CJK SC"


@dataclass(frozen=True)
class Palette:
    """The theme's colours (themes/default/static/style.css :root)."""
    paper: str = "#fdfcf8"
    ink: str = "#1f2937"
    muted: str = "#5b6472"
    accent: str = "#0f766e"
    accent_ink: str = "#0b5750"
    mark: str = "#b45309"
    rule: str = "#dedad0"

    def colours(self) -> tuple[str, ...]:
        return (self.ink, self.muted, self.accent, self.accent_ink, self.mark, self.rule)


@dataclass(frozen=True)
class CardSpec:
    masthead: str                    # the publication's title
    subtitle: str
    issue: str                       # the issue's title ("" on the publication's own card)
    kicker: str                      # the section, or what the card is of
    title: str                       # the headline
    points: tuple[str, ...] = ()     # an issue's highlights, under its title
    footer: str = ""                 # the date and the source or author
    address: str = ""                # the site's address, bottom right
    palette: Palette = Palette()


class CardError(Exception):
    pass


def draw_card(spec: CardSpec) -> bytes:
    canvas = _Canvas(spec.palette)
    _masthead(canvas, spec)
    y = 168
    if spec.kicker:
        canvas.text((MARGIN, y), spec.kicker, _font(SANS, 30), "accent")
        y += 56
    y = _headline(canvas, spec.title, y, 3 if spec.points else 4)
    for point in spec.points[:3]:
        y += 12
        canvas.text((MARGIN, y), "▪ " + _fit(point, _font(SANS, 28), WIDTH - 2 * MARGIN), _font(SANS, 28), "muted")
        y += 40
    bottom = HEIGHT - 64
    canvas.rule(bottom - 22, "rule")
    if spec.footer:
        canvas.text((MARGIN, bottom), _fit(spec.footer, _font(SANS, 24), 700), _font(SANS, 24), "muted")
    if spec.address:
        canvas.text_right(WIDTH - MARGIN, bottom, spec.address, _font(SANS, 22), "muted")
    return canvas.png()


def _masthead(canvas: _Canvas, spec: CardSpec) -> None:
    canvas.band(0, 12, "accent")
    brand = _font(SERIF, 52)
    canvas.text((MARGIN, 40), spec.masthead, brand, "accent_ink")
    if spec.subtitle:
        x = MARGIN + int(brand.getlength(spec.masthead)) + 20
        canvas.text((x, 62), spec.subtitle, _font(SANS, 24), "muted")
    if spec.issue:
        canvas.text_right(WIDTH - MARGIN, 58, spec.issue, _font(SANS, 28), "mark")
    canvas.rule(124, "rule")
    canvas.rule(130, "rule")


def _headline(canvas: _Canvas, title: str, y: int, most: int) -> int:
    """The headline as large as fits in `most` lines (64, 56 then 48 px; cut with … at 48)."""
    width = WIDTH - 2 * MARGIN
    for size in (64, 56, 48):
        lines = wrap(title, _font(SANS, size), width)
        if len(lines) <= most or size == 48:
            break
    font = _font(SANS, size)
    if len(lines) > most:
        lines = [*lines[:most - 1], _fit(lines[most - 1] + "".join(lines[most:]), font, width)]
    else:
        lines = balanced(title, font, width, len(lines))
    for line in lines:
        canvas.text((MARGIN, y), line, font, "ink")
        y += int(size * 1.32)
    return y


# Units a line may not be broken inside: a Latin word or number with what follows it up to
# a space, a run of spaces, any other character
_NO_START, _NO_END = NO_LINE_START + CLOSING_QUOTES, NO_LINE_END + OPENING_QUOTES
_UNIT = re.compile(r"[0-9A-Za-z][0-9A-Za-z.,:%/_'’&+\-]*|\s+|.", re.S)


def units(text: str) -> list[str]:
    """`text` cut where a line may break: what may not start a line goes with the unit
    before it, what may not end one with the unit after it."""
    out: list[str] = []
    glue_next = False
    for unit in _UNIT.findall(text):
        if out and (glue_next or unit[0] in _NO_START):
            out[-1] += unit
        else:
            out.append(unit)
        glue_next = unit[-1] in _NO_END
    return out


@lru_cache(maxsize=4096)
def length(font, text: str) -> float:
    """The width of `text` in `font`: the same lines are measured again and again while a
    headline is balanced (most of a card's drawing time)."""
    return font.getlength(text)


def wrap(text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for unit in units(" ".join(text.split())):
        if line and length(font, (line + unit).rstrip()) > width:
            lines.append(line.rstrip())
            line = unit.lstrip()
        else:
            line += unit
        while length(font, line.rstrip()) > width and len(line) > 1:   # one unit wider than the line
            cut = max(1, next(i for i in range(len(line), 0, -1) if length(font, line[:i]) <= width))
            lines.append(line[:cut])
            line = line[cut:]
    return [*lines, line.rstrip()] if line.strip() else lines


def balanced(text: str, font, width: int, count: int) -> list[str]:
    """The lines of `text` as even as `count` lines can be (no two characters left alone on
    the last): wrapped at the narrowest width that still takes `count` lines."""
    low, high = width // max(count, 1), width
    while high - low > 4:
        middle = (low + high) // 2
        if len(wrap(text, font, middle)) <= count:
            high = middle
        else:
            low = middle
    return wrap(text, font, high)


def _fit(text: str, font, width: int) -> str:
    """`text` on one line, cut with … if it is too wide."""
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


@cache
def _font(family: str, size: int):
    from PIL import ImageFont
    path = _font_file(family)
    for index in range(16):
        try:
            font = ImageFont.truetype(path, size, index=index, layout_engine=ImageFont.Layout.BASIC)
        except OSError:
            break
        if font.getname()[0] == family:
            return font
    raise CardError(f"the font {family} is not installed (Debian: apt-get install fonts-noto-cjk)")


@cache
def _font_file(family: str) -> str:
    from generator.figures.drawable import matplotlib_quiet
    with matplotlib_quiet():
        from matplotlib import font_manager
    try:
        return font_manager.findfont(font_manager.FontProperties(family=family, weight="bold"),
                                     fallback_to_default=False)
    except ValueError:
        raise CardError(f"the font {family} is not installed (Debian: apt-get install fonts-noto-cjk)") from None


def _rgb(colour: str) -> list[int]:
    return [int(colour[i:i + 2], 16) for i in (1, 3, 5)]


class _Canvas:
    """A palette image: index 0 the paper, then STEPS shades of each colour over it."""

    def __init__(self, palette: Palette) -> None:
        from PIL import Image
        paper = _rgb(palette.paper)
        entries = list(paper)
        for colour in palette.colours():
            rgb = _rgb(colour)
            for k in range(1, STEPS + 1):
                entries += [round(p + (c - p) * k / STEPS) for p, c in zip(paper, rgb, strict=True)]
        self.names = ("ink", "muted", "accent", "accent_ink", "mark", "rule")
        self.image = Image.new("P", (WIDTH, HEIGHT), 0)
        self.image.putpalette(entries)

    def _solid(self, colour: str) -> int:
        return 1 + self.names.index(colour) * STEPS + STEPS - 1

    def band(self, top: int, height: int, colour: str) -> None:
        self.image.paste(self._solid(colour), (0, top, WIDTH, top + height))

    def rule(self, y: int, colour: str) -> None:
        self.image.paste(self._solid(colour), (MARGIN, y, WIDTH - MARGIN, y + 2))

    def text(self, xy: tuple[int, int], text: str, font, colour: str) -> None:
        """Anti-aliased text in the colour's shades (the mask's 256 levels in STEPS)."""
        from PIL import Image, ImageDraw
        left, top, right, bottom = font.getbbox(text)
        if right <= left or bottom <= top:
            return
        mask = Image.new("L", (right - left, bottom - top), 0)
        ImageDraw.Draw(mask).text((-left, -top), text, font=font, fill=255)
        base = 1 + self.names.index(colour) * STEPS
        shades = mask.point([0] + [base + min(STEPS - 1, v * STEPS // 256) for v in range(1, 256)])
        self.image.paste(shades, (xy[0] + left, xy[1] + top), mask.point([0] + [255] * 255))

    def text_right(self, right: int, y: int, text: str, font, colour: str) -> None:
        self.text((right - int(font.getlength(text)), y), text, font, colour)

    def png(self) -> bytes:
        out = io.BytesIO()
        self.image.save(out, "PNG", compress_level=6)
        return out.getvalue()
