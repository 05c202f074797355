"""generator/site/editions.py, unit by unit: which addresses get the editions, the text part's
tidying, the parts the size check names. (Whole builds: tests/test_editions.py.)"""
from __future__ import annotations

import pytest

from generator.site.editions import editions_refused, part_sizes, tidy_text


@pytest.mark.parametrize("base_url, refused", [
    ("https://tanqiao.climatebridge.com/", None),
    ("https://news.example.cn/", None),                 # example as a name, not the reserved domain
    ("https://example.org/tanqiao/", "placeholder"),
    ("https://www.example.com/", "placeholder"),
    ("https://bulletin.test/", "placeholder"),
    ("https://localhost:8000/", "placeholder"),
    ("https://127.0.0.1/", "placeholder"),
    ("https://192.168.1.20/", "placeholder"),
    ("https://intranet/", "placeholder"),               # a bare name: a machine on a local network
    ("http://tanqiao.climatebridge.com/", "not an https:// address"),
])
def test_only_a_published_https_address_gets_the_editions(base_url: str, refused: str | None):
    found = editions_refused(base_url)
    assert (found is None) if refused is None else (found is not None and refused in found and base_url in found)


def test_the_text_part_has_no_trailing_spaces_nor_runs_of_blank_lines():
    assert tidy_text("\n\n标题  \n\n\n\n- 一\t\n\n\n正文\n\n\n".encode()) == "标题\n\n- 一\n\n正文\n".encode()


def test_each_marked_part_is_measured_to_the_next_in_bytes():
    html = ('<html><body><table><tr data-part="甲"><td>一二三</td></tr>\n'
            '<tr data-part="乙"><td>x</td></tr></table></body></html>').encode()
    (first, a), (second, b) = part_sizes(html)
    assert (first, second) == ("甲", "乙")
    assert a == len('<tr data-part="甲"><td>一二三</td></tr>\n'.encode())
    assert a + b == len(html) - html.index(b"<tr")
