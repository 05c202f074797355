"""The email and WeChat editions in Chromium (Playwright driving Debian's chromium, never
`playwright install`): the email at 600 px and on a 375 px phone with nothing wider than the
window, the WeChat section styled inline with no link in it and its references in order, and
the 复制 button putting the HTML on the clipboard. The build's published address is served
from the output folder by the page's own router: nothing leaves the machine.

Screenshots go to $BULLETIN_SCREENSHOTS (default output-screenshots/) with the others."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, run_cli
from tests.test_browser import screenshot_folder
from tests.test_editions import BASE

pytestmark = pytest.mark.browser

ARTICLE = "issues/2024-q3/frontier/wechat-check/"
# an article with what the WeChat edition must rewrite: links (one twice, one to the site), notes,
# a table and a chart
TEST_ARTICLE = """---
title: 微信版检查：链接、注释、表格与图表
date: 2024-09-30
source: 编辑部
summary: 检查微信版。
---
生态环境部发布[通知](https://www.mee.gov.cn/a.html)，详见[本刊解读](../../market/national-carbon-market/index.html)
与[原文](https://www.mee.gov.cn/a.html)[^1]。另见[国际能源署](https://www.iea.org/reports/x)。

```table
data: data/pilot_markets.csv
caption: 试点碳市场
```

```chart
type: line
data: data/cea_quarterly.csv
x: quarter
y: [close_yuan_per_t]
title: 收盘价
unit: 元/吨
```

[^1]: 注释里的[链接](https://example.com/note)。
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("editions-browser")
    content = root / "content"
    shutil.copytree(SAMPLE, content, ignore=shutil.ignore_patterns(".bulletin-cache"))
    (content / "issues/2024-q3/frontier/2024-09-30-wechat-check.md").write_text(TEST_ARTICLE, "utf-8")
    out = root / "out"
    done = run_cli("build", "--content", str(content), "--out", str(out), "--no-pdf", "--no-search",
                   "--base-url", BASE)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def browser(chromium):
    return chromium


def published(ctx, out: Path) -> None:
    """The published address answered from the output folder, as the host would."""
    def answer(route):
        rel = route.request.url[len(BASE):].split("?")[0].split("#")[0]
        found = out / rel
        if rel == "" or rel.endswith("/"):
            found = found / "index.html"
        if found.is_file():
            route.fulfill(path=str(found))
        else:
            route.fulfill(status=404, body="")
    ctx.route(BASE + "**", answer)
    ctx.route("**/*", lambda route: route.abort() if not route.request.url.startswith(BASE) else route.fallback())


OVERFLOW = """() => {
  const width = document.documentElement.clientWidth, wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 0.5 && getComputedStyle(el).display !== 'none') {
      wide.push(el.tagName + '.' + el.className + ' ' + Math.round(box.right));
    }
  }
  return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""


@pytest.mark.parametrize("width, scheme", [(600, "light"), (375, "light"), (375, "dark"), (600, "dark")])
def test_the_email_fits_the_window_at_600_and_375_px(browser, built, width, scheme):
    ctx = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                              device_scale_factor=1 if width == 600 else 2)
    published(ctx, built)
    page = ctx.new_page()
    page.goto(BASE + "issues/2024-q3/email.html", wait_until="networkidle")
    found = page.evaluate(OVERFLOW)
    assert found["scroll"] <= width and not found["wide"], found
    images = page.evaluate("[...document.images].map(i => [i.currentSrc, i.naturalWidth, i.width])")
    assert images and all(natural > 0 and shown <= width for _, natural, shown in images), images
    if scheme == "dark":   # the cards go dark and their text light
        card = page.evaluate("getComputedStyle(document.querySelector('.card')).backgroundColor")
        assert card == "rgb(31, 36, 42)", card
    name = screenshot_folder() / f"email-{width}{'-dark' if scheme == 'dark' else ''}.png"
    height = min(page.evaluate("document.documentElement.scrollHeight"), 4000)
    page.screenshot(path=str(name), clip={"x": 0, "y": 0, "width": width, "height": height}, full_page=True)
    assert name.stat().st_size > 10_000
    ctx.close()


WALK = """() => {
  const section = document.getElementById('wechat');
  const bare = [...section.querySelectorAll('*')].filter(el => el.tagName !== 'BR' && !el.getAttribute('style'))
    .map(el => el.tagName + '.' + el.className);
  const calls = [...section.querySelectorAll('sup.ref')].map(s => Number(s.textContent.slice(1, -1)));
  const listed = [...section.querySelectorAll('.references li')].map(li => li.textContent);
  return {bare, links: section.querySelectorAll('a').length, calls, listed,
          styleTags: document.querySelectorAll('style').length, rootStyle: section.getAttribute('style')};
}"""


def test_the_wechat_section_is_styled_inline_with_references_for_links(browser, built):
    ctx = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2)
    published(ctx, built)
    page = ctx.new_page()
    page.goto(BASE + ARTICLE + "wechat.html", wait_until="networkidle")
    found = page.evaluate(WALK)
    assert found["bare"] == [] and found["links"] == 0 and found["styleTags"] == 0 and found["rootStyle"]
    # each address numbered where it first appears, the same number when it comes again
    assert found["calls"] == [1, 2, 1, 3, 4]
    assert found["listed"] == ["[1] https://www.mee.gov.cn/a.html",
                               f"[2] {BASE}issues/2024-q3/market/national-carbon-market/index.html",
                               "[3] https://www.iea.org/reports/x", "[4] https://example.com/note"]
    overflow = page.evaluate(OVERFLOW)
    assert overflow["scroll"] <= 375, overflow
    assert page.evaluate("[...document.querySelectorAll('#wechat img')].every(i => i.naturalWidth > 0)")
    name = screenshot_folder() / "wechat-375.png"
    page.screenshot(path=str(name), full_page=True)
    ctx.close()


def test_copy_puts_the_section_on_the_clipboard_as_html(browser, built):
    ctx = browser.new_context(viewport={"width": 1000, "height": 800},
                              permissions=["clipboard-read", "clipboard-write"])
    published(ctx, built)
    page = ctx.new_page()
    page.goto(BASE + ARTICLE + "wechat.html", wait_until="networkidle")
    page.get_by_role("button", name="复制").click()
    page.get_by_role("status").filter(has_text="已复制").wait_for()
    html = page.evaluate("""async () => {
      const [item] = await navigator.clipboard.read();
      return await (await item.getType('text/html')).text();
    }""")
    assert "微信版检查：链接、注释、表格与图表" in html and 'style="' in html and "<a " not in html
    assert f'{BASE}{ARTICLE}chart-1.png' in html and "参考链接" in html
    ctx.close()
