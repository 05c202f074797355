"""The marks of pages not published, seen in Chromium (Playwright + Debian's chromium): a draft
(build --drafts) and a page dated after today (serve) say so on the first screen, light and
dark, desktop and phone, without an accessibility violation. Screenshots go beside the
others (output-screenshots/ or $BULLETIN_SCREENSHOTS), for a person to look at."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.build import Options, build
from tests.test_browser import DESKTOP, PHONE, axe_violations, screenshot_folder, serious
from tests.test_drafts import add_draft_issue, later_issue, make_draft

pytestmark = pytest.mark.browser


@pytest.fixture()
def preview(site_copy: Path, tmp_path: Path) -> Path:
    """The fixture site with a draft article, a draft issue and an issue dated after today, as
    `serve --drafts` builds it."""
    make_draft(site_copy)
    add_draft_issue(site_copy)
    later_issue(site_copy)
    out = tmp_path / "preview"
    build(Options(content=site_copy, out=out, pdf=False, search=False, drafts=True, preview=True,
                  today=dt.date(2026, 12, 6)))
    return out


PAGES = {   # page → the mark it must show
    "issues/2024-q2/policy/second-brief/index.html": "草稿",
    "issues/2024-q4/index.html": "草稿",
    "issues/2030-q1/policy/later/index.html": "定时发布",
}


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_pages_not_published_say_so_on_the_first_screen(preview: Path, chromium, size: str):
    """issue 22 (2): with --drafts nothing said 草稿 on any page."""
    viewport = DESKTOP if size == "desktop" else PHONE
    folder = screenshot_folder()
    for scheme in ("light", "dark"):
        ctx = chromium.new_context(viewport=viewport, color_scheme=scheme, locale="zh-CN")
        try:
            page = ctx.new_page()
            for path, word in PAGES.items():
                page.goto((preview / path).as_uri())
                mark = page.locator(".status-mark").first
                assert mark.is_visible() and word in mark.inner_text()
                box = mark.bounding_box()
                assert box is not None and box["y"] + box["height"] <= viewport["height"], (path, box)
                name = path.removesuffix("/index.html").replace("/", "_")
                page.screenshot(path=str(folder / f"mark-{name}-{size}-{scheme}.png"))
                assert not serious(axe_violations(page)), (path, scheme)
        finally:
            ctx.close()
