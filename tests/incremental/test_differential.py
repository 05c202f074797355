"""Incremental builds equal clean builds, whatever the theme shows.

Random edits (titles, dates, tags, summaries, bodies, CSV cells, issue titles, templates, cited
documents, authors.yml and bylines, the page size of long lists,
articles added and removed) to the fixture site, built after each edit both incrementally
and from nothing, under themes that show different things: every issue's title in the
masthead, bodies and word counts in lists, a tag cloud, the neighbours' bodies.
"""
from __future__ import annotations

import hashlib
import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import Options, build
from tests.conftest import FIXTURE_SITE, ROOT

DEFAULT_BASE = (ROOT / "themes/default/templates/base.html").read_text("utf-8")
MASTHEAD = ('<ul class="all-issues">{% for v in issues %}<li>{{ v.issue.title }} '
            '({{ v.articles | length }})</li>{% endfor %}</ul>')

THEMES: dict[str, dict[str, str]] = {
    "masthead": {   # the issue's reproduction: base.html names every issue
        "base.html": DEFAULT_BASE.replace('<main id="main" class="wrap">', '<main id="main" class="wrap">' + MASTHEAD),
    },
    "bodies": {     # lists that print bodies and word counts
        "tag.html": "{% extends 'base.html' %}{% block main %}{% for art in articles %}"
                    "<section>{{ art.html | safe }}</section>{% endfor %}{% endblock %}",
        "section.html": "{% extends 'base.html' %}{% block main %}{% for v, arts in groups %}{% for a in arts %}"
                        "<p>{{ a.meta.title }}: {{ a.article.body | length }}</p>{% endfor %}{% endfor %}"
                        "{% endblock %}",
        "issue.html": "{% extends 'base.html' %}{% block main %}{% for a in view.articles %}"
                      "<p>{{ a.summary }} {{ a.html | striptags | wordcount }}</p>{% endfor %}{% endblock %}",
    },
    "cloud": {      # a tag cloud on the home page; an article shows its issue-mates' bodies
        "home.html": "{% extends 'base.html' %}{% block main %}{% set ns = namespace(n=0) %}"
                     "{% for v in issues %}{% for a in v.articles %}{% for t in a.tags %}<a>{{ t.name }}</a>"
                     "{% set ns.n = ns.n + 1 %}{% endfor %}{% endfor %}{% endfor %}<p>{{ ns.n }}</p>{% endblock %}",
        "article.html": "{% extends 'base.html' %}{% block main %}{{ art.html | safe }}"
                        "{% for other in art.issue.articles %}{% if other.slug != art.model.slug %}"
                        "<p>{{ other.meta.title }} {{ other.body[:20] }}</p>{% endif %}{% endfor %}"
                        "{% if next %}{{ next.html | safe }}{% endif %}{% endblock %}",
    },
}

TAGS = ["碳足迹", "CCER", "全国碳市场", "绿电", "试点"]


def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def set_field(path: Path, name: str, value: str | None) -> None:
    """Replace (or add, or with None remove) one `name: value` line of the front matter."""
    text = path.read_text("utf-8")
    head, sep, body = text[4:].partition("\n---\n")
    lines = [line for line in head.split("\n") if not line.startswith(f"{name}:")]
    if value is not None:
        lines.insert(1, f"{name}: {value}")
    path.write_text("---\n" + "\n".join(lines) + sep + body, "utf-8")


def articles(site: Path) -> list[Path]:
    return sorted(site.glob("issues/*/*/*.md"))


def retitle(site: Path, rng: random.Random, n: int) -> str:
    path = rng.choice(articles(site))
    set_field(path, "title", f"改过的标题{n}")
    return f"title of {path.name}"


def redate(site: Path, rng: random.Random, n: int) -> str:
    path = rng.choice(articles(site))
    set_field(path, "date", f"2024-{rng.randint(1, 9):02d}-{rng.randint(1, 28):02d}")
    return f"date of {path.name}"


def retag(site: Path, rng: random.Random, n: int) -> str:
    path = rng.choice(articles(site))
    set_field(path, "tags", "[" + ", ".join(rng.sample(TAGS, rng.randint(0, 3))) + "]")
    return f"tags of {path.name}"


def summarise(site: Path, rng: random.Random, n: int) -> str:
    path = rng.choice(articles(site))
    set_field(path, "summary", rng.choice([f"摘要{n}", None]))
    return f"summary of {path.name}"


def add_paragraph(site: Path, rng: random.Random, n: int) -> str:
    path = rng.choice(articles(site))
    path.write_text(path.read_text("utf-8") + f"\n新增段落{n}。\n", "utf-8")
    return f"last paragraph of {path.name}"


def rewrite_first_paragraph(site: Path, rng: random.Random, n: int) -> str:
    path = rng.choice(articles(site))
    text = path.read_text("utf-8")
    head, sep, body = text[4:].partition("\n---\n")
    path.write_text("---\n" + head + sep + f"开头改写{n}。\n\n" + body, "utf-8")
    return f"first paragraph of {path.name}"


def edit_csv(site: Path, rng: random.Random, n: int) -> str:
    path = site / "issues/2024-q3/data/cea_quarterly.csv"
    lines = path.read_text("utf-8").splitlines()
    row = rng.randrange(1, len(lines))
    lines[row] = re.sub(r'"[\d,.]+\*?"', f'"{rng.randint(100, 9999)}.5"', lines[row], count=1)
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return f"row {row} of the CSV"


def retitle_issue(site: Path, rng: random.Random, n: int) -> str:
    path = rng.choice(sorted(site.glob("issues/*/issue.yml")))
    text = path.read_text("utf-8")
    path.write_text(re.sub(r"^title: .*$", f"title: 第{n}期", text, count=1, flags=re.M), "utf-8")
    return f"title of {path.parent.name}"


def add_article(site: Path, rng: random.Random, n: int) -> str:
    issue = rng.choice(sorted(site.glob("issues/*/issue.yml"))).parent
    path = issue / "policy" / f"added-{n}.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"---\ntitle: 新增简讯{n}\ndate: 2024-06-{n % 28 + 1:02d}\nsource: 生态环境部\n"
                    f"tags: [{rng.choice(TAGS)}]\n---\n新增简讯正文{n}。\n", "utf-8")
    return f"new article {path.name}"


def remove_article(site: Path, rng: random.Random, n: int) -> str:
    briefs = sorted(site.glob("issues/*/policy/*.md"))
    if len(briefs) <= 2:
        return add_article(site, rng, n)
    path = rng.choice(briefs)
    path.unlink()
    return f"removed {path.name}"


def edit_template(theme: Path) -> Callable[[Path, random.Random, int], str]:
    def edit(site: Path, rng: random.Random, n: int) -> str:
        path = rng.choice(sorted((theme / "templates").glob("*.html")))
        path.write_text(path.read_text("utf-8") + f"\n<!-- v{n} -->\n", "utf-8")
        return f"template {path.name}"
    return edit


def cite(site: Path, rng: random.Random, n: int) -> str:
    """documents: on an article: none, or one or two of three documents (each always written
    the same, as one document must be; dated before any article)."""
    path = rng.choice(articles(site))
    docs = [f"{{title: 关于碳市场的通知{k}, issuer: [国务院, 生态环境部], date: 2023-12-0{k}, "
            f"number: 国发〔2023〕{k}号}}"
            if k % 2 else f"{{title: 碳市场方案{k}, issuer: 国家发展改革委, date: 2023-11-0{k}}}" for k in (1, 2, 3)]
    set_field(path, "documents", rng.choice([None, f"[{docs[n % 3]}]", f"[{docs[n % 3]}, {docs[(n + 1) % 3]}]"]))
    return f"documents of {path.name}"


def edit_authors(site: Path, rng: random.Random, n: int) -> str:
    """An author's name or title in authors.yml, or which author (or a free byline) the essay names."""
    if rng.random() < 0.5:
        set_field(sorted(site.glob("issues/*/essays/*.md"))[0], "author", rng.choice(["zhang-san", "li-si", "王五"]))
        return "the essay's author"
    key = rng.choice(["zhang-san", "li-si"])
    path = site / "authors.yml"
    text = path.read_text("utf-8")
    path.write_text(re.sub(rf"(?m)^({key}:\n  name: .*\n  title: ).*$", rf"\g<1>职务{n}", text)
                    if rng.random() < 0.5 else re.sub(rf"(?m)^({key}:\n  name: ).*$", rf"\g<1>作者{n}", text), "utf-8")
    return f"{key} in authors.yml"


def resize_pages(site: Path, rng: random.Random, n: int) -> str:
    path = site / "site.yml"
    path.write_text(re.sub(r"(?m)^page_size: .*$", f"page_size: {rng.randint(5, 7)}", path.read_text("utf-8")), "utf-8")
    return "page_size"


EDITS = [retitle, redate, retag, summarise, add_paragraph, add_paragraph, rewrite_first_paragraph, edit_csv,
         retitle_issue, add_article, remove_article, cite, edit_authors, resize_pages]


def make_site(tmp_path: Path, theme: str) -> tuple[Path, Path]:
    site, folder = tmp_path / "content", tmp_path / "theme"
    shutil.copytree(FIXTURE_SITE, site)
    (folder / "templates").mkdir(parents=True)
    for name, text in THEMES[theme].items():
        (folder / "templates" / name).write_text(text, "utf-8")
    site_yml = site / "site.yml"
    site_yml.write_text(site_yml.read_text("utf-8") + f"theme: {folder}\npage_size: 5\n", "utf-8")
    (site / "authors.yml").write_text("zhang-san:\n  name: 张三\n  title: 项目经理\n"
                                      "li-si:\n  name: 李四\n  title: 研究员\n", "utf-8")
    set_field(next(site.glob("issues/*/essays/*.md")), "author", "zhang-san")
    return site, folder


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("theme", sorted(THEMES))
def test_every_incremental_build_equals_a_clean_build(tmp_path: Path, theme: str, seed: int):
    site, folder = make_site(tmp_path, theme)
    rng = random.Random(f"{theme}-{seed}")
    out = tmp_path / "out"
    build(Options(content=site, out=out, pdf=False, search=False, jobs=1))
    done = []
    for n in range(1, 9):
        edit = rng.choice([*EDITS, edit_template(folder)])
        done.append(edit(site, rng, n))
        build(Options(content=site, out=out, pdf=False, search=False, jobs=1))
        clean = tmp_path / f"clean-{n}"
        build(Options(content=site, out=clean, pdf=False, search=False, jobs=1, incremental=False))
        assert tree(out) == tree(clean), f"after {done}"


@pytest.mark.slow
@pytest.mark.parametrize("theme", ["masthead"])
def test_with_the_editions_every_incremental_build_equals_a_clean_build(tmp_path: Path, theme: str):
    """The email and WeChat editions (made at a published address) follow the same rule."""
    site, folder = make_site(tmp_path, theme)
    yml = site / "site.yml"
    yml.write_text(yml.read_text("utf-8") + 'email: {from: "碳桥 <bulletin@tanqiao.org>"}\n', "utf-8")
    rng = random.Random(f"editions-{theme}")
    out, base = tmp_path / "out", "https://tanqiao.climatebridge.com/"
    build(Options(content=site, out=out, base_url=base, pdf=False, search=False, jobs=1))
    assert (out / "issues/2024-q3/email.eml").is_file()
    done = []
    for n in range(1, 9):
        edit = rng.choice([*EDITS, edit_template(folder)])
        done.append(edit(site, rng, n))
        build(Options(content=site, out=out, base_url=base, pdf=False, search=False, jobs=1))
        clean = tmp_path / f"clean-{n}"
        build(Options(content=site, out=clean, base_url=base, pdf=False, search=False, jobs=1, incremental=False))
        assert tree(out) == tree(clean), f"after {done}"


def test_a_body_edit_renders_only_the_pages_that_show_the_body(tmp_path: Path):
    """Under the theme whose masthead names every issue: the article's own page and the
    feed (which shows the newest bodies) render again, no list."""
    site, _ = make_site(tmp_path, "masthead")
    out = tmp_path / "out"
    build(Options(content=site, out=out, pdf=False, search=False, jobs=1))
    brief = site / "issues/2024-q2/policy/2024-05-10-second-brief.md"
    brief.write_text(brief.read_text("utf-8") + "\n又一段。\n", "utf-8")
    result = build(Options(content=site, out=out, pdf=False, search=False, jobs=1))
    assert set(result.made) == {"issues/2024-q2/policy/second-brief/index.html", "feed.xml"}


def test_an_older_issue_renamed_is_renamed_on_every_page(tmp_path: Path):
    """The issue's reproduction: with every issue's title in the masthead, renaming the
    older issue reaches all pages (it left 9 of 20 with the old title)."""
    site, _ = make_site(tmp_path, "masthead")
    out = tmp_path / "out"
    build(Options(content=site, out=out, pdf=False, search=False, jobs=1))
    issue = site / "issues/2024-q2/issue.yml"
    issue.write_text(issue.read_text("utf-8").replace("2024年第二季度", "2024年第二季度（修订）"), "utf-8")
    build(Options(content=site, out=out, pdf=False, search=False, jobs=1))
    pages = list(out.rglob("*.html"))
    stale = [str(p.relative_to(out)) for p in pages if "（修订）" not in p.read_text("utf-8")]
    assert len(pages) > 15 and stale == []


def translate(site: Path, rng: random.Random, n: int) -> str:
    """Write (or write again) the English translation of an article of the default language."""
    originals = [p for p in articles(site) if p.name.count(".") == 1]
    path = rng.choice(originals)
    twin = path.with_name(path.name.removesuffix(".md") + ".en.md")
    kind = {"policy": "source: Ministry\n", "essays": "author: Jane Doe\n"}.get(path.parent.name, "")
    twin.write_text(f"---\ntitle: Translated {n}\ndate: 2024-06-{n % 28 + 1:02d}\n{kind}"
                    f"tags: [{rng.choice(['carbon', 'CCER', 'pilots'])}]\n---\nEnglish text {n}.\n", "utf-8")
    return f"translation {twin.name}"


def untranslate(site: Path, rng: random.Random, n: int) -> str:
    found = sorted(site.glob("issues/*/*/*.en.md"))
    if len(found) <= 1:
        return translate(site, rng, n)
    path = rng.choice(found)
    path.unlink()
    return f"removed {path.name}"


def retitle_in_english(site: Path, rng: random.Random, n: int) -> str:
    yml = site / "site.yml"
    text = yml.read_text("utf-8")
    yml.write_text(re.sub(r"en: Carbon Bridge[^,}]*", f"en: Carbon Bridge {n}", text, count=1), "utf-8")
    return "the English title of the site"


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_in_two_languages_every_incremental_build_equals_a_clean_build(tmp_path: Path, seed: int):
    """Both editions, the links between them and each language's search index follow the same rule."""
    from tests.conftest import make_bilingual
    site, folder = make_site(tmp_path, "masthead")
    make_bilingual(site)
    (site / "site.yml").write_text((site / "site.yml").read_text("utf-8") + f"theme: {folder}\n", "utf-8")
    set_field(site / "issues/2024-q3/policy/2024-07-04-procurement-footprint.en.md", "date", "2024-07-04")
    rng = random.Random(f"bilingual-{seed}")
    out = tmp_path / "out"
    build(Options(content=site, out=out, pdf=False, jobs=1))
    assert (out / "en/search/index.bin").is_file()
    done = []
    for n in range(1, 9):
        edit = rng.choice([*EDITS, translate, translate, untranslate, retitle_in_english, edit_template(folder)])
        done.append(edit(site, rng, n))
        build(Options(content=site, out=out, pdf=False, jobs=1))
        clean = tmp_path / f"clean-{n}"
        build(Options(content=site, out=clean, pdf=False, jobs=1, incremental=False))
        assert tree(out) == tree(clean), f"after {done}"
