"""The issue page's section bar (索引) on a phone, in Chromium (Playwright driving Debian's
chromium, never `playwright install`): it scrolls sideways, and a shade at the edge where more
sections lie tells the reader so (issue 23), in light and dark mode, without a script.

The cue is read from the pixels: the links are hidden, the bar is photographed, and its edge
columns are compared with the paper."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.test_browser import site  # noqa: F401  (the served sample, one build for the session)

pytestmark = pytest.mark.browser

BAR = ".issue-jumps ul"
HIDE_LINKS = ".issue-jumps a { visibility: hidden !important; }"   # only the bar's own background left
PAPER = {"light": (0xfd, 0xfc, 0xf8), "dark": (0x15, 0x18, 0x1c)}   # style.css --paper


def edge_shades(page) -> tuple[int, int]:
    """How far the bar's leftmost and rightmost pixel columns stray from the paper (0: plain paper)."""
    shot = Image.open(io.BytesIO(page.locator(BAR).screenshot())).convert("RGB")
    paper = shot.getpixel((shot.width // 2, shot.height // 2))   # the bar's middle, links hidden: paper
    def shade(x: int) -> int:   # rows clear of the rules above and below the bar
        return max(sum(abs(a - b) for a, b in zip(shot.getpixel((x, y)), paper, strict=True))
                   for y in range(4, shot.height - 4))
    return shade(0), shade(shot.width - 1)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("kind", ["issue", "issue-en"])
def test_the_phones_section_bar_shows_where_more_sections_lie(chromium, site, kind, width, scheme):  # noqa: F811
    ctx = chromium.new_context(viewport={"width": width, "height": 700}, device_scale_factor=1, is_mobile=True,
                               has_touch=True, color_scheme=scheme, locale="zh-CN")
    try:
        page = ctx.new_page()
        page.goto(site.url(kind), wait_until="load")
        sizes = page.evaluate(f"""() => {{ const ul = document.querySelector('{BAR}');
            return [ul.scrollWidth, ul.clientWidth, document.scrollingElement.scrollWidth, window.innerWidth]; }}""")
        assert sizes[2] <= sizes[3], f"the page is wider than the window: {sizes[2]} > {sizes[3]} px"
        assert sizes[0] > sizes[1], f"the bar fits at {width} px ({sizes[0]} px): nothing to cue"
        page.add_style_tag(content=HIDE_LINKS)
        paper = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        assert paper == "rgb({}, {}, {})".format(*PAPER[scheme]), paper
        left, right = edge_shades(page)
        assert right >= 12 and left <= 3, f"at the start: a shade on the right only ({left}, {right})"
        page.evaluate(f"() => {{ const ul = document.querySelector('{BAR}'); ul.scrollLeft = ul.scrollWidth; }}")
        left, right = edge_shades(page)
        assert left >= 12 and right <= 3, f"at the end: a shade on the left only ({left}, {right})"
    finally:
        ctx.close()


def test_a_bar_that_fits_shows_no_shade(chromium, site):  # noqa: F811
    """On a wide screen the sections wrap and nothing scrolls: no cue."""
    ctx = chromium.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    try:
        page = ctx.new_page()
        page.goto(site.url("issue"), wait_until="load")
        page.add_style_tag(content=HIDE_LINKS)
        assert edge_shades(page) == (0, 0)
    finally:
        ctx.close()
