"""Field rules: web addresses and language tags, the values that end up inside markup."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.content import schema as s
from generator.content.addresses import base_url_problem, is_placeholder_address, normal_base_url, web_address_problem
from generator.content.schema import language_problem
from generator.content.yamlmap import parse_mapping
from generator.errors import Report, shown

GOOD_LINKS = ["https://example.org/", "http://example.org", "https://www.mee.gov.cn/xxgk2018/xxgk/202407/t1.html",
              "https://example.org/a?id=3&x=y#part", "https://碳桥.中国/政策", "https://[2001:db8::1]:8443/x",
              "https://example.org:8080/a%20b", "HTTPS://Example.org/"]
BAD = {
    'https://example.org/x"><script>alert(1)</script>': "a space, a quote, <, >, \\ or a control character",
    "https://example.org/x'onload='y": "a space, a quote",
    "https://example.org/a b": "a space",
    "https://example.org\\@evil.example/": "\\",
    "https://example.org/\x0b": "a control character",
    "https://example.org/`x`": "a quote",
    "javascript:alert(1)": "expected an http:// or https:// address",
    "ftp://example.org/": "expected an http:// or https:// address",
    "//example.org/": "expected an http:// or https:// address",
    "https:example.org": "no host",
    "https:///x": "no host",
    "https://user:pw@example.org/": "a user name or password",
    "https://evil.example@example.org/": "a user name or password",
    "https://example.org:99999/": "port",
    "https://example.org:x/": "port",
    "https://exa%mple.org/": "host",
    "https://[::1/": "not a valid address",
}


@pytest.mark.parametrize("value", GOOD_LINKS)
def test_web_addresses_a_page_can_link_to(value):
    assert web_address_problem(value) is None


@pytest.mark.parametrize("value", sorted(BAD))
def test_what_is_no_web_address_is_refused_with_the_reason(value):
    problem = web_address_problem(value)
    assert problem is not None and BAD[value] in problem, problem
    assert base_url_problem(value) is not None


def test_a_site_address_takes_no_query_or_fragment_and_ends_with_one_slash():
    assert base_url_problem("https://example.org/bulletin?x=1") == (
        "expected the address of the site's top folder, without ?… or #…, got 'https://example.org/bulletin?x=1'")
    assert base_url_problem("https://example.org/#top") is not None
    assert base_url_problem("https://example.org/?") is not None
    assert base_url_problem("https://example.org/bulletin") is None
    assert normal_base_url("https://example.org") == "https://example.org/"
    assert normal_base_url("https://example.org/bulletin//") == "https://example.org/bulletin/"


@pytest.mark.parametrize("address, placeholder", [
    ("https://example.org/tanqiao/", True), ("https://example.com/", True), ("http://www.example.net/x/", True),
    ("https://bulletin.example/", True), ("https://a.test/", True), ("https://x.invalid/", True),
    ("http://localhost:8000/", True), ("http://127.0.0.1/", True), ("http://[::1]/", True),
    ("https://Example.ORG/", True),
    ("https://tanqiao.cn/", False), ("https://example.org.cn/", False), ("https://myexample.org/", False),
    ("https://ORG.github.io/REPO/", False),
    # one rule with the editions'
    ("https://192.168.1.20/", True), ("https://intranet/", True), ("https://nas.local/", True),
])
def test_a_placeholder_address_is_one_reserved_for_examples_or_this_machine(address: str, placeholder: bool):
    """issue 22 (9): the PDF's back page printed the placeholder https://example.org/tanqiao/."""
    assert is_placeholder_address(address) is placeholder


@pytest.mark.parametrize("tag", ["zh-CN", "en", "zh-Hans-CN", "zh-cmn-Hans-CN", "yue", "sr-Latn-RS", "es-419",
                                 "de-CH-1901", "en-US-x-twain", "en-a-bbb-x-a-ccc", "ZH-cn"])
def test_language_tags_are_bcp_47(tag):
    assert language_problem(tag) is None


@pytest.mark.parametrize("tag", ['../../x" onload="alert(1)', "zh_CN", "en-", "-en", "e", "abcdefghi", "zh-CN-",
                                 "zh CN", "en-x", "en-\u212aa", "zh-CN\n", "", "zh-a"])
def test_what_is_no_language_tag_is_refused(tag):
    assert language_problem(tag) == f"expected a language tag like zh-CN or en (BCP 47), got {shown(tag)}"


PATH = Path("content/site.yml")


def entry(line: str):
    data = parse_mapping(line, PATH, Report())
    assert data is not None
    return data.entries["x"]


@pytest.mark.parametrize("line, text", [
    pytest.param("x: 碳市场\n", "碳市场", id="text"),
    pytest.param("x: '  碳市场 '\n", "碳市场", id="stripped"),
    pytest.param("x: 2024\n", "2024", id="a-number-as-typed"),
    pytest.param("x: 1.50\n", "1.50", id="decimals-as-typed"),
])
def test_text(line: str, text: str):
    assert s.text(entry(line)) == text


@pytest.mark.parametrize("line", [
    pytest.param("x: ''\n", id="empty"), pytest.param("x: yes\n", id="yes-no"),
    pytest.param("x: [a]\n", id="list"), pytest.param("x:\n", id="nothing"),
    pytest.param("x: 10:30\n", id="sexagesimal"),
])
def test_not_text(line: str):
    with pytest.raises(s.FieldError):
        s.text(entry(line))


@pytest.mark.parametrize("address, ok", [
    ("https://example.org/", True), ("http://example.org/a?b=c", True),
    ("ftp://example.org/", False), ("javascript:alert(1)", False), ("example.org", False),
    ("https://exa mple.org/", False), ("//example.org/", False),
])
def test_url_takes_web_addresses_only(address: str, ok: bool):
    assert (s.web_address_problem(address) is None) is ok
    if ok:
        assert s.url(entry(f"x: '{address}'\n")) == address
    else:
        with pytest.raises(s.FieldError):
            s.url(entry(f"x: '{address}'\n"))


def test_a_list_of_text_takes_numbers_as_text_and_refuses_what_is_not():
    assert s.text_list(entry("x: [碳足迹, 2024, ' CCER ']\n")) == ("碳足迹", "2024", "CCER")
    for bad in ("x: [a, [b]]\n", "x: [a, yes]\n", "x: [a, '']\n", "x: a\n", "x: {a: 1}\n"):
        with pytest.raises(s.FieldError):
            s.text_list(entry(bad))


def test_check_fields_converts_every_field_and_reports_every_problem_at_once():
    fields = {"title": s.Field(s.text, required=True), "order": s.Field(s.integer), "draft": s.Field(s.boolean),
              "date": s.Field(s.date, required=True)}
    good = parse_mapping("title: 2024\norder: 3\ndraft: true\ndate: 2024-07-04\n", PATH, Report())
    assert good is not None
    values = s.check_fields(good, fields, Report())
    assert values is not None and (values["title"], values["order"], values["draft"]) == ("2024", 3, True)
    bad = parse_mapping("titel: x\norder: yes\ndraft: 1\n", PATH, Report())
    assert bad is not None
    report = Report()
    assert s.check_fields(bad, fields, report) is None
    assert sorted((p.line, p.message.split(" ")[0]) for p in report.problems) == [
        (1, "missing"), (1, "missing"), (1, "unknown"), (2, "order:"), (3, "draft:")]
